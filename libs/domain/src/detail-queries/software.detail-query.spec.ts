import type { DetailIngestResult } from '../host/host-vitals.types';
import { softwareLinuxQuery, softwareMacosQuery, softwareWindowsQuery } from './software.detail-query';

const softwareOf = (r: DetailIngestResult): unknown => (r.kind === 'software' ? r.software : null);

describe('software_linux', () => {
  it('keeps deb and rpm packages with their optional columns, dropping empty placeholders', () => {
    const result = softwareLinuxQuery.ingest([
      { name: 'openssl', version: '3.0.2-0ubuntu1.15', source: 'deb_packages', vendor: 'Ubuntu Developers', release: '', arch: 'amd64', installed_path: '', bundle_identifier: '', extension_id: '', browser: '', last_opened_time: '0' },
      { name: 'bash', version: '5.1.8', source: 'rpm_packages', vendor: 'Red Hat, Inc.', release: '6.el9', arch: 'x86_64' },
    ]);
    expect(softwareOf(result)).toEqual([
      { name: 'openssl', version: '3.0.2-0ubuntu1.15', source: 'deb_packages', vendor: 'Ubuntu Developers', arch: 'amd64' },
      { name: 'bash', version: '5.1.8', source: 'rpm_packages', vendor: 'Red Hat, Inc.', release: '6.el9', arch: 'x86_64' },
    ]);
    expect(result.problems).toEqual([]);
  });

  it('treats an empty result as an empty inventory', () => {
    expect(softwareOf(softwareLinuxQuery.ingest([]))).toEqual([]);
  });
});

describe('software_macos', () => {
  it('keeps bundle ids, paths and last-opened time; dedupes identical rows', () => {
    const app = {
      name: 'Google Chrome.app', version: '124.0.6367.91', source: 'apps', installed_path: '/Applications/Google Chrome.app',
      bundle_identifier: 'com.google.Chrome', last_opened_time: '1714400000.5',
    };
    const result = softwareMacosQuery.ingest([
      app,
      { ...app },
      { name: 'uBlock Origin', version: '1.57.2', source: 'chrome_extensions', extension_id: 'cjpalhdlnbpafiamejdnhcphjbkeiagm', browser: 'chrome' },
    ]);
    expect(softwareOf(result)).toEqual([
      { name: 'Google Chrome.app', version: '124.0.6367.91', source: 'apps', installed_path: '/Applications/Google Chrome.app', bundle_identifier: 'com.google.Chrome', last_opened_at: 1714400000 },
      { name: 'uBlock Origin', version: '1.57.2', source: 'chrome_extensions', extension_id: 'cjpalhdlnbpafiamejdnhcphjbkeiagm', browser: 'chrome' },
    ]);
  });
});

describe('software_windows', () => {
  it('skips rows without name or source and keeps a missing version as empty', () => {
    const result = softwareWindowsQuery.ingest([
      { name: '7-Zip 23.01 (x64)', version: '23.01', source: 'programs', vendor: 'Igor Pavlov', installed_path: 'C:\\Program Files\\7-Zip\\' },
      { name: '', version: '1.0', source: 'programs' },
      { name: 'git', source: 'chocolatey_packages' },
      { name: 'orphan', version: '1' },
    ]);
    expect(softwareOf(result)).toEqual([
      { name: '7-Zip 23.01 (x64)', version: '23.01', source: 'programs', vendor: 'Igor Pavlov', installed_path: 'C:\\Program Files\\7-Zip\\' },
      { name: 'git', version: '', source: 'chocolatey_packages' },
    ]);
    expect(result.problems.map((p) => p.row)).toEqual([1, 3]);
  });
});

describe('software versions per architecture', () => {
  it('keeps a package installed for two architectures as two versions (multiarch), and still drops exact duplicates', () => {
    const row = { name: 'libc6', version: '2.35-0ubuntu3.4', source: 'deb_packages', vendor: 'Ubuntu Developers' };
    const result = softwareLinuxQuery.ingest([{ ...row, arch: 'amd64' }, { ...row, arch: 'i386' }, { ...row, arch: 'amd64' }]);
    expect((softwareOf(result) as Array<{ arch: string }>).map((s) => s.arch)).toEqual(['amd64', 'i386']);
  });
});
