import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runScript } from '../support/fleet-process';
import { FLEETCTL_BIN, adminHome, expectOk, fleetctl, startServer } from './support/fleetctl-harness';
import type { ServerHarness } from './support/fleetctl-harness';

type Doc = { apiVersion: string; kind: string; spec: Record<string, unknown> };
const docs = (text: string): Doc[] => parseAllDocuments(text).map((d) => d.toJS() as Doc);

describe('fleetctl api, convert, upgrade-packs, user delete, delete -f, get flags, apply --policies-team, debug connection', () => {
  let server: ServerHarness;
  let home: string;
  const dir = mkdtempSync(join(tmpdir(), 'fleetctl-cmds-'));
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const api = async (args: string[]): Promise<Record<string, unknown>> => JSON.parse((await expectOk(fleetctl(home, ['api', ...args]))).stdout) as Record<string, unknown>;
  const teamsNamed = async (name: string): Promise<Array<{ id: number; name: string }>> =>
    ((await api(['-F', `query=${name}`, 'teams'])).teams as Array<{ id: number; name: string }>).filter((t) => t.name === name);

  beforeAll(async () => {
    server = await startServer('cli_commands');
    home = await adminHome(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('api calls any endpoint with the context credentials: -F query fields, -B body fields, -X, -H, and Fleet\'s non-2xx error', async () => {
    const created = await api(['-B', 'name=Blue', '-B', 'description=from fleetctl api', 'teams']);
    expect(created.team).toMatchObject({ name: 'Blue', description: 'from fleetctl api' });
    const id = (created.team as { id: number }).id;
    const patched = await api(['-X', 'PATCH', '-B', 'host_expiry_settings={"host_expiry_enabled":true,"host_expiry_window":5}', `/api/latest/fleet/teams/${id}`]);
    expect(patched.team).toMatchObject({ host_expiry_settings: { host_expiry_enabled: true, host_expiry_window: 5 } });
    expect((await api(['-F', 'query=Blu', 'teams'])).teams).toHaveLength(1);
    expect((await api(['-F', 'query=nothing-like-it', 'teams'])).teams).toEqual([]);
    const debug = await expectOk(fleetctl(home, ['api', '-H', 'X-Request-Note:e2e', 'version', '--debug']));
    expect(debug.stderr).toContain(`> GET ${server.url}/api/v1/fleet/version`);
    expect(debug.stderr).toContain('> X-Request-Note: e2e');
    const missing = await fleetctl(home, ['api', 'vresion']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe('Error: Got non 2XX return of 404\n');
    expect((await fleetctl(home, ['api', '-X', 'GET', '-B', 'a=1', 'teams'])).stderr).toContain('GET requests may not include a body');
    expect((await fleetctl(home, ['api'])).stderr).toContain('must provide uri first argument');
  });

  it('convert turns an osquery pack into query specs that apply -f reads', async () => {
    const pack = file('pack.json', JSON.stringify({ queries: {
      users: { query: 'SELECT * FROM users;', interval: '3600', platform: 'posix', version: '4.5.0', description: 'All users' },
      kernel: { query: 'SELECT * FROM kernel_info;', interval: 60 },
    } }));
    const out = join(dir, 'converted.yml');
    await expectOk(fleetctl(home, ['convert', '-f', pack, '-o', out]));
    const converted = docs(readFileSync(out, 'utf8'));
    expect(converted.map((d) => [d.kind, d.spec['name'], d.spec['platform'], d.spec['interval']])).toEqual([['query', 'kernel', '', 60], ['query', 'users', 'darwin,linux', 3600]]);
    expect((await expectOk(fleetctl(home, ['convert', '-f', pack]))).stdout).toBe(readFileSync(out, 'utf8'));
    expect((await expectOk(fleetctl(home, ['apply', '-f', out]))).stdout).toBe('[+] applied 2 queries\n');
    const users = docs((await expectOk(fleetctl(home, ['get', 'query', 'users', '--yaml']))).stdout)[0];
    expect(users?.spec).toMatchObject({ name: 'users', description: 'All users', min_osquery_version: '4.5.0', platform: 'darwin,linux' });
    expect((await fleetctl(home, ['convert'])).stderr).toContain('-f must be specified');
  });

  it('upgrade-packs writes the packs\' scheduled queries as portable queries, for global admins only', async () => {
    const none = join(dir, 'none.yml');
    expect((await expectOk(fleetctl(home, ['upgrade-packs', '-o', none]))).stdout).toBe('No 2017 "Packs" found.\n');
    await expectOk(fleetctl(home, ['apply', '-f', file('pack.yml', [
      'apiVersion: v1', 'kind: query', 'spec:', '  name: uptime', '  description: How long', '  query: SELECT * FROM uptime;', '  observer_can_run: true', '---',
      'apiVersion: v1', 'kind: pack', 'spec:', '  name: base', '  targets:', '    labels: [All Hosts]', '    teams: [Blue]', '  queries:',
      '    - query: uptime', '      name: uptime', '      interval: 600', '      snapshot: true', '      platform: linux', '',
    ].join('\n'))]));
    const out = join(dir, 'upgraded.yml');
    const res = await expectOk(fleetctl(home, ['upgrade-packs', '-o', out]));
    expect(res.stdout).toMatch(/^Converted 1 queries from 1 2017 "Packs" into portable queries:\n/);
    const upgraded = docs(readFileSync(out, 'utf8'));
    expect(upgraded).toHaveLength(2);
    expect(upgraded[0]?.spec).toMatchObject({ team: 'Blue', interval: 600, automations_enabled: true, logging: 'snapshot', platform: 'linux', observer_can_run: true,
      description: 'How long\n(converted from pack "base", query "uptime")' });
    expect(String(upgraded[0]?.spec['name'])).toMatch(/^base - uptime - Blue - [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}\.\d{3}$/);
    expect(upgraded[1]?.spec).toMatchObject({ team: '', interval: 0, automations_enabled: false });
    expect((await expectOk(fleetctl(home, ['apply', '-f', out]))).stdout).toBe('[+] applied 2 queries\n');
    const blue = (await teamsNamed('Blue'))[0]?.id;
    expect(((await api(['-F', `team_id=${blue}`, 'queries'])).queries as Array<{ name: string }>).map((q) => q.name)).toEqual([String(upgraded[0]?.spec['name'])]);

    const created = await expectOk(fleetctl(home, ['user', 'create', '--email', 'maint@example.com', '--name', 'M', '--password', 'maintpass123#', '--api-only', '--global-role', 'maintainer']));
    const maint = server.home();
    await expectOk(fleetctl(maint, ['config', 'set', '--address', server.url, '--token', /is: (\S+)/.exec(created.stdout)?.[1] as string]));
    expect((await fleetctl(maint, ['upgrade-packs', '-o', out])).stderr).toContain('could not upgrade packs: forbidden: user does not have the admin role');
  });

  it('user delete removes a user by email', async () => {
    await expectOk(fleetctl(home, ['user', 'create', '--email', 'gone@example.com', '--name', 'Gone', '--password', 'gonepass1234#', '--global-role', 'observer']));
    expect((await expectOk(fleetctl(home, ['get', 'user_roles']))).stdout).toContain('gone@example.com');
    expect((await expectOk(fleetctl(home, ['user', 'delete', '--email', 'gone@example.com']))).stdout).toBe('[+] deleted user gone@example.com\n');
    expect((await expectOk(fleetctl(home, ['get', 'user_roles']))).stdout).not.toContain('gone@example.com');
    expect((await fleetctl(home, ['user', 'delete', '--email', 'gone@example.com'])).stderr).toContain('user with email "gone@example.com" doesn\'t exist');
  });

  it('apply --policies-team puts the file\'s policies in that team; delete -f deletes teams and policies and says what it cannot delete', async () => {
    await expectOk(fleetctl(home, ['apply', '-f', file('team.yml', 'apiVersion: v1\nkind: team\nspec:\n  team:\n    name: Doomed\n')]));
    const policy = file('policy.yml', 'apiVersion: v1\nkind: policy\nspec:\n  name: doomed policy\n  query: SELECT 1;\n');
    expect((await expectOk(fleetctl(home, ['apply', '-f', policy, '--policies-team', 'Doomed']))).stdout).toBe('[+] applied 1 policies\n');
    const doomed = (await teamsNamed('Doomed'))[0]?.id;
    expect(((await api([`teams/${doomed}/policies`])).policies as Array<{ name: string }>).map((p) => p.name)).toEqual(['doomed policy']);
    expect((await api(['global/policies'])).policies).toEqual([]);

    const spec = file('delete.yml', [
      'apiVersion: v1', 'kind: policy', 'spec:', '  name: doomed policy', '  query: SELECT 1;', '  team: Doomed', '---',
      'apiVersion: v1', 'kind: team', 'spec:', '  team:', '    name: Doomed', '---',
      'apiVersion: v1', 'kind: team', 'spec:', '  team:', '    name: Never existed', '---',
      'apiVersion: v1', 'kind: config', 'spec:', '  org_info:', '    org_name: x', '',
    ].join('\n'));
    const res = await expectOk(fleetctl(home, ['delete', '-f', spec]));
    expect(res.stdout).toBe('[+] deleting policy "doomed policy"\n[+] deleting team "Doomed"\n[+] deleting team "Never existed"\n[!] team "Never existed" doesn\'t exist\n');
    expect(res.stderr).toBe('[!] document 4 (kind "config") cannot be deleted: fleetctl delete removes queries, packs, labels, policies and teams by name\n');
    expect(await teamsNamed('Doomed')).toEqual([]);
  });

  it('get config leaves the server\'s own settings out unless --include-server-config; get packs --with-queries adds the packs\' queries', async () => {
    const plain = docs((await expectOk(fleetctl(home, ['get', 'config', '--yaml']))).stdout)[0]?.spec;
    expect(plain).toHaveProperty('org_info');
    for (const k of ['license', 'logging', 'update_interval']) expect(plain).not.toHaveProperty(k);
    const full = docs((await expectOk(fleetctl(home, ['get', 'config', '--include-server-config', '--yaml']))).stdout)[0]?.spec;
    for (const k of ['license', 'logging', 'update_interval']) expect(full).toHaveProperty(k);
    const packs = docs((await expectOk(fleetctl(home, ['get', 'packs', '--with-queries', '--yaml']))).stdout);
    expect(packs.map((d) => [d.kind, d.spec['name']])).toEqual([['pack', 'base'], ['query', 'uptime']]);
    const table = (await expectOk(fleetctl(home, ['get', 'packs', '--with-queries']))).stdout;
    expect(table).toMatch(/\| base \|/);
    expect(table).toMatch(/\| uptime\s+\| How long/);
    expect((await expectOk(fleetctl(home, ['get', 'software', '--versions']))).stdout).toBe('No software found\n');
  });

  it('debug connection checks name resolution, the TCP connection and the agent API, for the context or a given address', async () => {
    const ctx = await expectOk(fleetctl(home, ['debug', 'connection']));
    const { host } = new URL(server.url);
    expect(ctx.stdout).toBe(`Debugging connection to 127.0.0.1; Configuration context: default;\nSuccess: can resolve host 127.0.0.1.\nSuccess: can dial server at ${host}.\nSuccess: agent API endpoints are available.\n`);
    const bare = (args: string[]) => runScript(FLEETCTL_BIN, args, { env: { HOME: dir }, cwd: dir });
    const given = await bare(['debug', 'connection', server.url]);
    expect(given.code).toBe(0);
    expect(given.stdout).toContain('Configuration context: none - using provided address;');
    expect(given.stdout).toContain('Success: agent API endpoints are available.');
    const closed = await bare(['debug', 'connection', 'http://127.0.0.1:1']);
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(/^Error: Fail: dial server: .*ECONNREFUSED/);
    expect((await fleetctl(home, ['debug', 'connection', server.url])).stderr).toContain('the --config flag cannot be set when an <address> is provided');
    expect((await fleetctl(home, ['debug', 'connection', '--fleet-certificate', 'x.pem'])).stderr).toContain('the --fleet-certificate flag can only be set when an <address> is provided');
  });
});
