import { hostRoutes as r } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

const HOSTS = 2_500;

describe('hosts CSV report across batches (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  beforeAll(async () => { kit = await startAdminTestKit('host_report'); });
  afterAll(async () => { await kit.close(); });

  it('streams every matching host in list order, more hosts than one read batch, filters and paging applied', async () => {
    const values = Array.from({ length: HOSTS }, (_, i) => [`oh-${i}`, `nk-${i}`, `host-${String(HOSTS - i).padStart(5, '0')}`, `u-${i}`, i % 2 ? 'darwin' : 'ubuntu']);
    await kit.db.dataSource.query('INSERT INTO hosts (osquery_host_id, node_key, hostname, uuid, platform) VALUES ?', [values]);
    const admin = await kit.user({});
    const res = await kit.api('GET', '/api/latest/fleet/hosts/report?format=csv&columns=hostname,platform&order_key=hostname', { token: admin.token });
    expect([res.status, res.headers.get('content-type'), res.headers.get('content-disposition')]).toEqual([200, 'text/csv; charset=utf-8', 'attachment; filename="hosts.csv"']);
    const lines = res.text.trimEnd().split('\n');
    expect(lines[0]).toBe('hostname,platform');
    expect(lines.length - 1).toBe(HOSTS);
    const names = lines.slice(1).map((l) => l.split(',')[0]);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(HOSTS);
    const darwin = await kit.call(r.report, { query: { format: 'csv', columns: 'platform', platform: 'darwin' } }, { token: admin.token });
    expect(darwin.ok && darwin.body.trimEnd().split('\n').slice(1).every((l) => l === 'darwin') && darwin.body.trimEnd().split('\n').length - 1).toBe(HOSTS / 2);
    const page = await kit.call(r.report, { query: { format: 'csv', columns: 'hostname', order_key: 'hostname', page: '1', per_page: '10' } }, { token: admin.token });
    expect(page.ok && page.body.trimEnd().split('\n').slice(1)).toEqual(names.slice(10, 20));
  });
});
