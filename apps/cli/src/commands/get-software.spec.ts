import { formatTable } from '../output/table.formatter';
import { GET_RESOURCES, SOFTWARE_VERSIONS_TABLE } from './get-resources';

const software = GET_RESOURCES.find((r) => r.kind === 'software');

describe('fleetctl get software', () => {
  it('--versions shows each version\'s CVE count (Fleet\'s "N vulnerabilities")', () => {
    const rows = [
      { name: 'Google Chrome.app', version: '116.0.5845.96', source: 'apps', hosts_count: 3, vulnerabilities: [{ cve: 'CVE-2023-4863' }, { cve: 'CVE-2023-5217' }] },
      { name: 'Slack.app', version: '4.35', source: 'apps', hosts_count: 1, vulnerabilities: null },
    ];
    expect(rows.map((r) => SOFTWARE_VERSIONS_TABLE.row(r))).toEqual([
      ['Google Chrome.app', '116.0.5845.96', 'apps', '2 vulnerabilities', 3], ['Slack.app', '4.35', 'apps', '0 vulnerabilities', 1]]);
    expect(formatTable(SOFTWARE_VERSIONS_TABLE.headers, rows.map((r) => SOFTWARE_VERSIONS_TABLE.row(r)))).toContain('| 2 vulnerabilities |');
  });

  it('titles count the distinct CVEs of their versions', () => {
    const title = { name: 'Google Chrome.app', source: 'apps', hosts_count: 5, versions: [
      { id: 1, version: '116.0.5845.96', vulnerabilities: ['CVE-2023-4863', 'CVE-2023-5217'] }, { id: 2, version: '117.0', vulnerabilities: ['CVE-2023-5217'] },
      { id: 3, version: '124.0', vulnerabilities: null }] };
    expect(software?.table?.row(title)).toEqual(['Google Chrome.app', '116.0.5845.96, 117.0, 124.0', 'apps', '2 vulnerabilities', 5]);
  });
});
