import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminHome, expectOk, fleetctl, startServer } from './support/fleetctl-harness';
import type { ServerHarness } from './support/fleetctl-harness';

const DEFAULT_YML = `org_settings:
  org_info:
    org_name: Acme GitOps
  server_settings:
    server_url: https://fleet.example.com
  host_expiry_settings:
    host_expiry_enabled: true
    host_expiry_window: 30
  secrets:
    - secret: $GLOBAL_SECRET
agent_options:
  path: lib/agent-options.yml
controls:
labels:
  - name: Ubuntu
    query: SELECT 1 FROM os_version WHERE name = 'Ubuntu';
    platform: ubuntu
policies:
  - path: lib/policies.yml
queries:
  - name: uptime
    query: SELECT * FROM uptime;
    interval: 3600
    platform: linux
  - name: processes
    query: SELECT pid, name FROM processes;
`;
const AGENT_OPTIONS = `config:
  options:
    distributed_interval: 12
    logger_tls_period: 10
overrides: {}
`;
const POLICIES = `- name: Firewall on
  query: SELECT 1 FROM alf WHERE global_state >= 1;
  platform: darwin
  resolution: Turn the firewall on
`;
const TEAM_A = `name: Team A
team_settings:
  secrets:
    - secret: team-a-secret
  features:
    enable_host_users: false
  host_expiry_settings:
    host_expiry_enabled: true
    host_expiry_window: 7
agent_options:
  config:
    options:
      distributed_interval: 30
policies:
  - name: Team A disk encrypted
    query: SELECT 1 FROM disk_encryption WHERE encrypted = 1;
queries:
  - name: team a users
    query: SELECT * FROM users;
    interval: 600
`;

type Obj = Record<string, unknown>;
interface Item { readonly id: number; readonly name: string; readonly [k: string]: unknown }
interface Team extends Item { readonly secrets: Array<{ secret: string }> }

describe('fleetctl gitops and generate-gitops', () => {
  let server: ServerHarness;
  let home: string;
  const repo = mkdtempSync(join(tmpdir(), 'fleetctl-gitops-repo-'));
  const env = { GLOBAL_SECRET: 'e2e-global-secret' };
  const files = (): string[] => ['-f', join(repo, 'default.yml'), '-f', join(repo, 'teams', 'a.yml')];
  const gitops = (extra: string[] = [], more: Record<string, string> = {}) => fleetctl(home, ['gitops', ...files(), ...extra], { ...env, ...more });
  // Policy host counts are computed when read, so their "updated at" is the time of the request: left out.
  const api = async <T = Obj>(path: string): Promise<T> => JSON.parse((await expectOk(fleetctl(home, ['api', path]))).stdout, (k, v: unknown) => (k === 'host_count_updated_at' ? undefined : v)) as T;
  const list = async (path: string, key: string): Promise<Item[]> => (await api<Record<string, Item[]>>(path))[key] ?? [];
  const teamId = async (name: string): Promise<number | undefined> => (await list('teams', 'teams')).find((t) => t.name === name)?.id;

  /** Everything the files manage, with ids and timestamps: equal snapshots mean nothing was rewritten. */
  const rawState = async (): Promise<Obj> => {
    const id = await teamId('Team A');
    return {
      config: await api('config'), secrets: await api('spec/enroll_secret'), labels: await api('labels'), teams: await api('teams'),
      queries: await api('queries'), policies: await api('global/policies'),
      teamQueries: id ? await api(`queries?team_id=${id}`) : null, teamPolicies: id ? await api(`teams/${id}/policies`) : null,
      // Activities of people (the schedules' own, such as a vulnerabilities run at start, have no actor).
      activities: (await list('activities?per_page=1000', 'activities')).filter((a) => a['actor_id'] !== undefined).length,
    };
  };

  beforeAll(async () => {
    server = await startServer('cli_gitops');
    home = await adminHome(server);
    mkdirSync(join(repo, 'lib'));
    mkdirSync(join(repo, 'teams'));
    writeFileSync(join(repo, 'default.yml'), DEFAULT_YML);
    writeFileSync(join(repo, 'lib', 'agent-options.yml'), AGENT_OPTIONS);
    writeFileSync(join(repo, 'lib', 'policies.yml'), POLICIES);
    writeFileSync(join(repo, 'teams', 'a.yml'), TEAM_A);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('--dry-run prints every change and writes nothing', async () => {
    const before = await rawState();
    const res = await expectOk(gitops(['--dry-run']));
    expect(res.stdout).toBe([
      '[+] would\'ve added label "Ubuntu"',
      "[+] would've applied fleet config: org_info.org_name, server_settings.server_url, host_expiry_settings.host_expiry_enabled, host_expiry_settings.host_expiry_window, agent_options",
      "[+] would've applied 1 enroll secrets",
      '[+] would\'ve added policy "Firewall on"',
      '[+] would\'ve added query "uptime"',
      '[+] would\'ve added query "processes"',
      '[+] would\'ve created team "Team A"',
      '[+] would\'ve added policy "Team A disk encrypted" in team "Team A"',
      '[+] would\'ve added query "team a users" in team "Team A"',
      '[!] gitops dry run succeeded', '',
    ].join('\n'));
    expect(await rawState()).toEqual(before);
  });

  it('applies the files, and the server then holds what they say', async () => {
    const res = await expectOk(gitops());
    expect(res.stdout).toContain('[+] adding query "uptime"\n');
    expect(res.stdout).toContain('[+] creating team "Team A"\n');
    expect(res.stdout.endsWith('[!] gitops succeeded\n')).toBe(true);
    const config = await api('config');
    expect(config).toMatchObject({ org_info: { org_name: 'Acme GitOps' }, server_settings: { server_url: 'https://fleet.example.com' },
      host_expiry_settings: { host_expiry_enabled: true, host_expiry_window: 30 }, agent_options: { config: { options: { distributed_interval: 12 } }, overrides: {} } });
    expect((await api<{ spec: { secrets: Array<{ secret: string }> } }>('spec/enroll_secret')).spec.secrets.map((s) => s.secret)).toEqual(['e2e-global-secret']);
    expect((await list('queries', 'queries')).map((q) => [q.name, q['interval'], q['platform']]).sort()).toEqual([['processes', 0, ''], ['uptime', 3600, 'linux']]);
    expect((await list('global/policies', 'policies')).map((p) => [p.name, p['platform'], p['resolution']])).toEqual([['Firewall on', 'darwin', 'Turn the firewall on']]);
    expect((await list('labels', 'labels')).find((l) => l.name === 'Ubuntu')).toMatchObject({ platform: 'ubuntu', label_type: 'regular' });
    const team = (await list('teams', 'teams')).find((t) => t.name === 'Team A') as Team;
    expect(team).toMatchObject({ features: { enable_host_users: false }, host_expiry_settings: { host_expiry_enabled: true, host_expiry_window: 7 },
      agent_options: { config: { options: { distributed_interval: 30 } } } });
    expect(team.secrets.map((s) => s.secret)).toEqual(['team-a-secret']);
    expect((await list(`queries?team_id=${team.id}`, 'queries')).map((q) => q.name)).toEqual(['team a users']);
    expect((await list(`teams/${team.id}/policies`, 'policies')).map((p) => p.name)).toEqual(['Team A disk encrypted']);
  });

  it('a second run with the same files changes nothing: same ids, timestamps, and no new activity', async () => {
    const before = await rawState();
    const res = await expectOk(gitops());
    expect(res.stdout).toBe('[+] no changes: the server already matches the files\n[!] gitops succeeded\n');
    expect(await rawState()).toEqual(before);
    expect((await expectOk(gitops(['--dry-run']))).stdout).toBe('[+] no changes: the server already matches the files\n[!] gitops dry run succeeded\n');
  });

  it('deletes what a file no longer holds and changes what it changed, and nothing else', async () => {
    writeFileSync(join(repo, 'default.yml'), DEFAULT_YML.replace('  - name: processes\n    query: SELECT pid, name FROM processes;\n', '').replace('interval: 3600', 'interval: 60'));
    writeFileSync(join(repo, 'teams', 'a.yml'), TEAM_A.replace(/queries:\n[\s\S]*$/, 'queries: []\n'));
    const untouched = await list('global/policies', 'policies');
    const dry = await expectOk(gitops(['--dry-run']));
    expect(dry.stdout).toBe('[+] would\'ve updated query "uptime"\n[-] would\'ve deleted query "processes"\n[-] would\'ve deleted query "team a users" in team "Team A"\n[!] gitops dry run succeeded\n');
    const res = await expectOk(gitops());
    expect(res.stdout).toBe('[+] updating query "uptime"\n[-] deleting query "processes"\n[-] deleting query "team a users" in team "Team A"\n[!] gitops succeeded\n');
    expect((await list('queries', 'queries')).map((q) => [q.name, q['interval']])).toEqual([['uptime', 60]]);
    expect(await list(`queries?team_id=${await teamId('Team A')}`, 'queries')).toEqual([]);
    expect(await list('global/policies', 'policies')).toEqual(untouched);
  });

  it('removes labels the labels list no longer holds, and teams no file names only with --delete-other-teams', async () => {
    await expectOk(fleetctl(home, ['api', '-X', 'POST', '-B', 'name=Stray team', 'teams']));
    writeFileSync(join(repo, 'default.yml'), readFileSync(join(repo, 'default.yml'), 'utf8').replace(/labels:\n(  .*\n)+/, 'labels: []\n'));
    const res = await expectOk(gitops());
    expect(res.stdout).toBe('[-] deleting label "Ubuntu"\n[!] gitops succeeded\n');
    expect(await teamId('Stray team')).toBeDefined();
    expect((await expectOk(gitops(['--delete-other-teams', '--dry-run']))).stdout).toBe('[!] would delete team Stray team\n[!] gitops dry run succeeded\n');
    expect(await teamId('Stray team')).toBeDefined();
    expect((await expectOk(gitops(['--delete-other-teams']))).stdout).toBe('[-] deleting team Stray team\n[!] gitops succeeded\n');
    expect(await teamId('Stray team')).toBeUndefined();
    expect(await teamId('Team A')).toBeDefined();
  });

  it('refuses files with mistakes before sending anything, naming the file and key', async () => {
    const bad = join(repo, 'teams', 'bad.yml');
    writeFileSync(bad, 'name: Bad\nqueries:\n  - name: q\n    query: SELECT 1;\n    intervall: 5\n');
    const before = await rawState();
    const res = await fleetctl(home, ['gitops', '-f', join(repo, 'default.yml'), '-f', bad], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(`Error: unknown key "queries[0].intervall" in "${bad}"\n`);
    const unset = await fleetctl(home, ['gitops', ...files()]);
    expect(unset.stderr).toContain('environment variable "GLOBAL_SECRET" not set');
    const order = await fleetctl(home, ['gitops', '-f', join(repo, 'teams', 'a.yml'), '-f', join(repo, 'default.yml')], env);
    expect(order.stderr).toContain(`first file ${join(repo, 'teams', 'a.yml')} must be the global config`);
    expect(await rawState()).toEqual(before);
  });

  it('generate-gitops writes files that gitops applies back to the same state', async () => {
    const snapshot = async (): Promise<Obj> => {
      const id = String(await teamId('Team A'));
      const yaml = async (args: string[]) => (await expectOk(fleetctl(home, ['get', ...args, '--yaml']))).stdout;
      return {
        queries: await yaml(['queries']), teamQueries: await yaml(['queries', '--team', id]), policies: await yaml(['policies']),
        teamPolicies: await yaml(['policies', '--team', id]), labels: (await yaml(['labels'])).replace(/\n {2}id: \d+/g, ''),
        secrets: (await yaml(['enroll_secret'])).replace(/created_at: .*/g, ''), config: await yaml(['config']), teams: await yaml(['teams']),
      };
    };
    await expectOk(fleetctl(home, ['apply', '-f', writeSpec('extra.yml', 'apiVersion: v1\nkind: label\nspec:\n  name: Servers\n  label_membership_type: manual\n  hosts: []\n')]));
    const original = await snapshot();
    const out = join(repo, 'generated');
    const gen = await expectOk(fleetctl(home, ['generate-gitops', '--dir', out, '--insecure']));
    expect(gen.stdout).toBe('Generating GitOps configuration files...\nConfig generation complete!\n');
    expect(readdirSync(out).sort()).toEqual(['default.yml', 'teams']);
    expect(readdirSync(join(out, 'teams'))).toEqual(['team-a.yml']);
    const generated = ['-f', join(out, 'default.yml'), '-f', join(out, 'teams', 'team-a.yml')];
    expect((await expectOk(fleetctl(home, ['gitops', ...generated]))).stdout).toBe('[+] no changes: the server already matches the files\n[!] gitops succeeded\n');

    // Drift: settings, a query, a policy, a label, a secret and a team's settings change behind the files' back.
    await expectOk(fleetctl(home, ['api', '-X', 'PATCH', '-B', 'org_info={"org_name":"Drifted"}', 'config']));
    await expectOk(fleetctl(home, ['apply', '-f', writeSpec('drift.yml', [
      'apiVersion: v1', 'kind: query', 'spec:', '  name: drifted query', '  query: SELECT 2;', '---',
      'apiVersion: v1', 'kind: policy', 'spec:', '  name: drifted policy', '  query: SELECT 3;', '---',
      'apiVersion: v1', 'kind: enroll_secret', 'spec:', '  secrets:', '    - secret: drifted-secret', '---',
      'apiVersion: v1', 'kind: team', 'spec:', '  team:', '    name: Team A', '    features:', '      enable_host_users: true', '',
    ].join('\n'))]));
    await expectOk(fleetctl(home, ['delete', '-f', writeSpec('gone.yml', 'apiVersion: v1\nkind: label\nspec:\n  name: Servers\n  query: x\n')]));
    expect(await snapshot()).not.toEqual(original);
    const back = await expectOk(fleetctl(home, ['gitops', ...generated]));
    expect(back.stdout).toContain('[-] deleting query "drifted query"\n');
    expect(back.stdout).toContain('[+] adding label "Servers"\n');
    expect(await snapshot()).toEqual(original);
  });

  it('generate-gitops without --insecure writes secrets as variables that gitops expands', async () => {
    const out = join(repo, 'redacted');
    const gen = await expectOk(fleetctl(home, ['generate-gitops', '--dir', out]));
    expect(gen.stdout).toContain('Sensitive information was redacted in the following places, and will need to be replaced:\n');
    expect(gen.stdout).toContain(' • default.yml: secrets[0] (set $FLEET_GLOBAL_ENROLL_SECRET_1 before running fleetctl gitops)\n');
    expect(gen.stdout).toContain(' • teams/team-a.yml: secrets[0] (set $FLEET_TEAM_A_ENROLL_SECRET_1 before running fleetctl gitops)\n');
    const text = readFileSync(join(out, 'default.yml'), 'utf8');
    expect(text).toContain('secret: $FLEET_GLOBAL_ENROLL_SECRET_1');
    expect(text).not.toContain('e2e-global-secret');
    const vars = { FLEET_GLOBAL_ENROLL_SECRET_1: 'e2e-global-secret', FLEET_TEAM_A_ENROLL_SECRET_1: 'team-a-secret' };
    const res = await expectOk(fleetctl(home, ['gitops', '-f', join(out, 'default.yml'), '-f', join(out, 'teams', 'team-a.yml')], vars));
    expect(res.stdout).toBe('[+] no changes: the server already matches the files\n[!] gitops succeeded\n');
    const notEmpty = await fleetctl(home, ['generate-gitops', '--dir', out]);
    expect(notEmpty.stderr).toContain(`Directory ${out} is not empty.  Use --force to overwrite.`);
    const key = await expectOk(fleetctl(home, ['generate-gitops', '--key', 'org_settings.org_info.org_name']));
    expect(key.stdout).toBe('Acme GitOps\n');
  });

  function writeSpec(name: string, text: string): string {
    const file = join(repo, name);
    writeFileSync(file, text);
    return file;
  }
});
