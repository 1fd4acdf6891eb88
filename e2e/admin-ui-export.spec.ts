import { readFileSync } from 'node:fs';
import { ADMIN, adminHome, startServer } from './fleetctl/support/fleetctl-harness';
import type { ServerHarness } from './fleetctl/support/fleetctl-harness';
import { launchUiBrowser, logInThroughUi } from './support/admin-ui-browser';
import type { UiBrowser } from './support/admin-ui-browser';

const HOSTS = 10_000;
const BATCH = 2_000;

/** The host list's CSV export of a large fleet, through the browser, against the built server. */
describe('web UI host export', () => {
  let server: ServerHarness;
  let ui: UiBrowser;

  beforeAll(async () => {
    server = await startServer('admin_ui_export');
    await adminHome(server);
    // Hosts written straight into MySQL: the export reads the same tables whatever put the rows there.
    const ds = server.db.dataSource;
    for (let start = 0; start < HOSTS; start += BATCH) {
      const rows = Array.from({ length: BATCH }, (_, i) => {
        const n = start + i;
        return [`exp-${n}`, `nk-exp-${n}`, `export-${String(n).padStart(5, '0')}.example.com`, `uuid-exp-${n}`, ['ubuntu', 'darwin', 'windows'][n % 3], `SER${n}`];
      });
      await ds.query('INSERT INTO hosts (osquery_host_id, node_key, hostname, uuid, platform, hardware_serial) VALUES ?', [rows]);
    }
    ui = await launchUiBrowser();
  }, 120_000);

  afterAll(async () => {
    await ui?.close();
    await server?.close();
  });

  it(`downloads all ${HOSTS.toLocaleString('en')} hosts as one complete CSV file`, async () => {
    const page = ui.context.pages()[0] ?? await ui.context.newPage();
    await logInThroughUi(page, server.url, ADMIN);
    await page.goto(`${server.url}/hosts/manage?order_key=hostname`);
    await page.getByText(`${HOSTS.toLocaleString('en')} hosts`, { exact: true }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const text = readFileSync(await download.path(), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('id,hostname,display_text,status,team_name,os_version,osquery_version,primary_ip,seen_time');
    expect(lines.length - 1).toBe(HOSTS);
    const hostnames = lines.slice(1).map((l) => l.split(',')[1]);
    expect(new Set(hostnames).size).toBe(HOSTS);
    expect(hostnames[0]).toBe('export-00000.example.com');
    expect(hostnames[HOSTS - 1]).toBe(`export-${String(HOSTS - 1).padStart(5, '0')}.example.com`);
    await page.getByText(`Exported ${HOSTS.toLocaleString('en')} hosts`).waitFor();
  }, 180_000);
});
