import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { FleetSimulator } from '@fleet/simulator';
import { eventually } from '@fleet/testing';
import { FLEETCTL_BIN, adminHome, expectOk, fleetctl, startServer } from './support/fleetctl-harness';
import type { ServerHarness } from './support/fleetctl-harness';

const HOSTS = 100;
const SECRET = 'e2e-hosts-secret';

const until = (what: string, timeoutMs: number, check: () => Promise<boolean>) => eventually(what, check, (ok) => ok, timeoutMs, 1000);

describe('fleetctl against 100 simulated hosts: get hosts/host/software, hosts transfer, generate, query', () => {
  let server: ServerHarness;
  let home: string;
  let sim: FleetSimulator;
  const dir = mkdtempSync(join(tmpdir(), 'fleetctl-hosts-'));

  beforeAll(async () => {
    server = await startServer('cli_hosts');
    home = await adminHome(server);
    const specs = join(dir, 'secret.yml');
    writeFileSync(specs, `apiVersion: v1\nkind: enroll_secret\nspec:\n  secrets:\n    - secret: ${SECRET}\n---\napiVersion: v1\nkind: team\nspec:\n  team:\n    name: Servers\n`);
    await expectOk(fleetctl(home, ['apply', '-f', specs]));
    sim = new FleetSimulator({ serverUrl: server.url, enrollSecret: SECRET, hosts: HOSTS, seed: 7, intervals: { distributedMs: 1000, configRefreshMs: 5000, loggerMs: 5000 } });
    sim.start();
    await until(`${HOSTS} hosts`, 60_000, async () => (await fleetctl(home, ['get', 'hosts', '--json'])).stdout.trim().split('\n').filter(Boolean).length >= HOSTS);
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
    await server?.close();
  });

  it('lists hosts as a table and gets one host by identifier as a spec', async () => {
    const table = await expectOk(fleetctl(home, ['get', 'hosts']));
    expect(table.stdout).toMatch(/\| UUID\s+\| HOSTNAME\s+\| PLATFORM\s+\| OSQUERY_VERSION\s+\| STATUS\s+\|/);
    expect(table.stdout.split('\n').filter((l) => l.includes('| online ')).length).toBe(HOSTS);
    const first = JSON.parse((await expectOk(fleetctl(home, ['get', 'hosts', '--json']))).stdout.split('\n')[0]) as { kind: string; spec: { hostname: string } };
    expect(first.kind).toBe('host');
    const one = await expectOk(fleetctl(home, ['get', 'host', first.spec.hostname, '--yaml']));
    expect(parseAllDocuments(one.stdout)[0]?.toJS()).toMatchObject({ apiVersion: 'v1', kind: 'host', spec: { hostname: first.spec.hostname } });
    const missing = await fleetctl(home, ['get', 'host', 'no-such-host']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("Host doesn't exist");
  });

  it('transfers hosts to a team by hostname, and refuses ambiguous flags', async () => {
    const hosts = (await expectOk(fleetctl(home, ['get', 'hosts', '--json']))).stdout.trim().split('\n').map((l) => (JSON.parse(l) as { spec: { hostname: string } }).spec.hostname);
    const res = await expectOk(fleetctl(home, ['hosts', 'transfer', '--team', 'Servers', '--hosts', `${hosts[0]},${hosts[1]}`]));
    expect(res.stdout).toContain('Hosts transferred successfully');
    expect((await expectOk(fleetctl(home, ['get', 'teams']))).stdout).toMatch(/\| Servers\s+\| \d+\s+\| 2\s+\|/);
    const both = await fleetctl(home, ['hosts', 'transfer', '--team', 'Servers', '--hosts', 'a', '--status', 'online']);
    expect(both.stderr).toContain('--hosts cannot be used along side any other flag');
    const none = await fleetctl(home, ['hosts', 'transfer', '--team', 'Servers']);
    expect(none.stderr).toContain('You need to define either --hosts, or one or more of --label, --status, --search_query');
  });

  it('transfers hosts by label, status and search query, and back to no team', async () => {
    const teamCount = async () => Number(/\| Servers\s+\| \d+\s+\| (\d+)\s+\|/.exec((await expectOk(fleetctl(home, ['get', 'teams']))).stdout)?.[1]);
    await until('All Hosts membership', 30_000, async () => Number((await server.db.dataSource.query<Array<{ n: number }>>(
      "SELECT COUNT(*) AS n FROM label_membership lm JOIN labels l ON l.id = lm.label_id WHERE l.name = 'All Hosts'"))[0].n) === HOSTS);
    await expectOk(fleetctl(home, ['hosts', 'transfer', '--team', 'Servers', '--label', 'All Hosts', '--status', 'online']));
    expect(await teamCount()).toBe(HOSTS);
    const uuids = (await expectOk(fleetctl(home, ['get', 'hosts', '--json']))).stdout.trim().split('\n').map((l) => (JSON.parse(l) as { spec: { uuid: string } }).spec.uuid);
    const res = await expectOk(fleetctl(home, ['hosts', 'transfer', '--team', '', '--search_query', uuids[5]]));
    expect(res.stdout).toContain('Hosts transferred successfully');
    expect(await teamCount()).toBe(HOSTS - 1);
    const unknown = await fleetctl(home, ['hosts', 'transfer', '--team', 'Servers', '--label', 'No Such Label']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('label "No Such Label" doesn\'t exist');
  });

  it('lists software by title, and by version with --versions, and user roles', async () => {
    const versions = async (): Promise<Array<{ spec: { name: string; version: string } }>> =>
      (await expectOk(fleetctl(home, ['get', 'software', '--versions', '--json']))).stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { spec: { name: string; version: string } });
    await until('software inventory', 60_000, async () => (await versions()).length > 0);
    const all = await versions();
    const table = (await expectOk(fleetctl(home, ['get', 'software', '--versions']))).stdout;
    expect(table).toMatch(/^\+.*\n\| NAME\s+\| VERSION\s+\| TYPE\s+\| VULNERABILITIES\s+\| HOSTS\s+\|\n/);
    expect(table.split('\n').filter((l) => l.startsWith('| ')).length - 1).toBe(all.length);
    const titles = (await expectOk(fleetctl(home, ['get', 'software']))).stdout;
    expect(titles).toMatch(/\| NAME\s+\| VERSIONS\s+\| TYPE\s+\| VULNERABILITIES\s+\| HOSTS\s+\|/);
    const first = all[0]?.spec;
    expect(titles.split('\n').find((l) => l.startsWith(`| ${first.name} `))).toContain(first.version);
    expect((await expectOk(fleetctl(home, ['get', 'user_roles']))).stdout).toMatch(/\| admin@example\.com \| admin\s+\|/);
  });

  it('writes an osquery flagfile with this server\'s address, Fleet\'s endpoints and the enroll secret', async () => {
    const out = join(dir, 'osquery');
    const res = await expectOk(fleetctl(home, ['generate', 'osquery-flags', '--dir', out]));
    expect(res.stderr).toContain('osquery connects over TLS only');
    const flags = readFileSync(join(out, 'osquery.flags'), 'utf8');
    expect(flags).toContain(`--tls_hostname=${new URL(server.url).host}\n`);
    expect(flags).toContain('--enroll_tls_endpoint=/api/osquery/enroll\n');
    expect(flags).toContain('--distributed_tls_read_endpoint=/api/v1/osquery/distributed/read\n');
    expect(flags).toContain(`--enroll_secret_path=${join(out, 'secret.txt')}\n`);
    expect(readFileSync(join(out, 'secret.txt'), 'utf8')).toBe(SECRET);
  });

  it('triggers a schedule that the server then runs, and reports a refusal with the valid names', async () => {
    const ok = await expectOk(fleetctl(home, ['trigger', '--name', 'cleanups_then_aggregation']));
    expect(ok.stdout).toBe('[+] Sent request to trigger cleanups_then_aggregation schedule\n');
    await until('the triggered run', 20_000, async () => (await server.db.dataSource.query<unknown[]>(
      "SELECT 1 FROM cron_stats WHERE name = 'cleanups_then_aggregation' AND stats_type = 'triggered' AND status = 'completed' AND errors IS NULL")).length === 1);
    const bad = await fleetctl(home, ['trigger', '--name', 'no_such_job']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe('[!] invalid name; valid names are: "automations", "cleanups_then_aggregation", "vulnerabilities"\n');
  });

  it('runs a live query on every host, one JSON line per row, and exits on its own with --exit', async () => {
    const res = await expectOk(fleetctl(home, ['query', '--query', 'SELECT hostname FROM system_info', '--labels', 'All Hosts', '--exit', '--timeout', '60s'], {}, 90_000));
    const rows = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(rows).toHaveLength(HOSTS);
    expect(new Set(rows.map((r) => r['host_hostname'])).size).toBe(HOSTS);
    for (const r of rows) expect(r['hostname']).toBe(r['host_hostname']);
    expect(res.stderr).toMatch(/100% responded \(100% online\) \| 100\/100 targeted hosts \(100\/100 online\)/);
    const none = await fleetctl(home, ['query', '--query', 'SELECT 1']);
    expect(none.stderr).toContain('No hosts or labels targeted. Please provide either --hosts or --labels.');
  }, 120_000);

  it('--pretty prints one table per host', async () => {
    const hosts = (await expectOk(fleetctl(home, ['get', 'hosts', '--json']))).stdout.trim().split('\n').slice(0, 2).map((l) => (JSON.parse(l) as { spec: { hostname: string } }).spec.hostname);
    const res = await expectOk(fleetctl(home, ['query', '--query', 'SELECT hostname, cpu_type FROM system_info', '--hosts', hosts.join(','), '--exit', '--quiet', '--pretty'], {}, 60_000));
    for (const h of hosts) expect(res.stdout).toMatch(new RegExp(`(^|\\n)${h.replace(/\./g, '\\.')}:\\n\\+-+\\+-+\\+\\n\\| HOSTNAME\\s+\\| CPU_TYPE\\s+\\|\\n\\+-+\\+-+\\+\\n\\| ${h.replace(/\./g, '\\.')}\\s+\\|`));
    expect(res.stdout).not.toContain('{');
  }, 90_000);

  it('ends quietly with status 0 when the reader of its output goes away (| head -1)', async () => {
    const sql = `SELECT ${Array.from({ length: 20 }, (_, i) => `name AS n${i}`).join(', ')} FROM osquery_flags`;
    // The full answer is several times a pipe's buffer (64 KiB), so after `head` exits fleetctl is certain to write into a closed pipe.
    const full = await expectOk(fleetctl(home, ['query', '--query', sql, '--labels', 'All Hosts', '--exit', '--quiet', '--timeout', '60s'], {}, 90_000));
    expect(full.stdout.length).toBeGreaterThan(4 * 65_536);
    const script = `"${process.execPath}" "${FLEETCTL_BIN}" query --query "${sql}" --labels "All Hosts" --exit --timeout 60s --config "${join(home, 'config')}" | head -1; echo "status=\${PIPESTATUS[0]}" >&2`;
    const child = spawn('bash', ['-c', script], { env: { PATH: '/usr/bin:/bin', HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise((resolve) => child.on('close', resolve));
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(JSON.parse(stdout) as Record<string, string>).toHaveProperty('host_hostname');
    expect(stderr).toMatch(/status=0\n$/);
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  }, 120_000);

  it('get carves lists a carve a host uploaded and get carve downloads its archive', async () => {
    const host = (JSON.parse((await expectOk(fleetctl(home, ['get', 'hosts', '--json']))).stdout.split('\n')[0]) as { spec: { hostname: string } }).spec.hostname;
    expect((await expectOk(fleetctl(home, ['get', 'carves']))).stdout).toBe('No carves found\n');
    await expectOk(fleetctl(home, ['query', '--query', "SELECT * FROM carves WHERE carve = 1 AND path = '/etc/hosts'", '--hosts', host, '--exit', '--quiet'], {}, 60_000));
    type Carve = { id: number; block_count: number; max_block: number; carve_size: number; request_id: string };
    const carves = async (): Promise<Carve[]> => (JSON.parse((await expectOk(fleetctl(home, ['api', 'carves']))).stdout) as { carves: Carve[] }).carves;
    await until('the carve upload', 60_000, async () => (await carves()).some((c) => c.max_block + 1 === c.block_count));
    const carve = (await carves())[0];
    expect((await expectOk(fleetctl(home, ['get', 'carves']))).stdout).toMatch(new RegExp(`\\| ${carve.id}\\s+\\| .* \\| ${carve.request_id} \\| ${carve.carve_size}\\s+\\| 100%\\s+\\| no\\s+\\|`));
    expect((await expectOk(fleetctl(home, ['get', 'carve', String(carve.id)]))).stdout).toContain(`request_id: ${carve.request_id}\n`);
    const out = join(dir, 'carve.tar');
    expect((await expectOk(fleetctl(home, ['get', 'carve', String(carve.id), '--outfile', out]))).stderr).toBe(`Output written to ${out}\n`);
    const archive = readFileSync(out);
    expect(archive.length).toBe(carve.carve_size);
    const [row] = (await expectOk(fleetctl(home, ['query', '--query', "SELECT sha256 FROM carves WHERE status = 'SUCCESS'", '--hosts', host, '--exit', '--quiet'], {}, 60_000))).stdout.trim().split('\n').map((l) => JSON.parse(l) as { sha256: string });
    expect(createHash('sha256').update(archive).digest('hex')).toBe(row?.sha256);
    expect((await expectOk(fleetctl(home, ['get', 'carve', String(carve.id), '--stdout']))).stdout).toBe(archive.toString('utf8'));
    expect((await fleetctl(home, ['get', 'carve', String(carve.id), '--stdout', '--outfile', out])).stderr).toContain('-stdout and -outfile must not be specified together');
  }, 150_000);

  it('runs a saved query by name on the hosts named with --hosts, and refuses contradictory flags', async () => {
    const spec = join(dir, 'saved.yml');
    writeFileSync(spec, 'apiVersion: v1\nkind: query\nspec:\n  name: host names\n  query: SELECT hostname, uuid FROM system_info;\n  observer_can_run: true\n');
    await expectOk(fleetctl(home, ['apply', '-f', spec]));
    const specs = (await expectOk(fleetctl(home, ['get', 'hosts', '--json']))).stdout.trim().split('\n').map((l) => (JSON.parse(l) as { spec: { hostname: string; uuid: string } }).spec);
    const [a, b] = [specs[10], specs[20]];
    const res = await expectOk(fleetctl(home, ['query', '--query-name', 'host names', '--hosts', `${a.hostname},${b.uuid}`, '--exit', '--quiet'], {}, 60_000));
    const rows = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(rows.map((r) => r['uuid']).sort()).toEqual([a.uuid, b.uuid].sort());
    expect(res.stderr).toBe('');
    const both = await fleetctl(home, ['query', '--query', 'SELECT 1', '--query-name', 'host names', '--hosts', a.hostname]);
    expect(both.stderr).toContain('--query and --query-name must not be provided together');
    const missing = await fleetctl(home, ['query', '--query-name', 'nope', '--hosts', a.hostname]);
    expect(missing.stderr).toContain("Query 'nope' not found");
  }, 90_000);
});
