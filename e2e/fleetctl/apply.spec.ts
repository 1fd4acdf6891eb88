import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { adminHome, expectOk, fleetctl, startServer } from './support/fleetctl-harness';
import type { ServerHarness } from './support/fleetctl-harness';

const SPECS = `apiVersion: v1
kind: config
spec:
  host_expiry_settings:
    host_expiry_enabled: true
    host_expiry_window: 30
---
apiVersion: v1
kind: enroll_secret
spec:
  secrets:
    - secret: e2e-global-secret-1
---
apiVersion: v1
kind: team
spec:
  team:
    name: Workstations
    secrets:
      - secret: e2e-team-secret-1
---
apiVersion: v1
kind: label
spec:
  name: Ubuntu hosts
  description: Hosts running Ubuntu
  query: SELECT 1 FROM os_version WHERE name = 'Ubuntu';
  platform: ubuntu
  label_membership_type: dynamic
---
apiVersion: v1
kind: query
spec:
  name: uptime
  description: How long hosts have been up
  query: SELECT * FROM uptime;
  team: ""
  interval: 3600
  platform: linux
  min_osquery_version: ""
  automations_enabled: false
  logging: snapshot
  observer_can_run: true
  discard_data: false
---
apiVersion: v1
kind: query
spec:
  name: processes
  description: Running processes
  query: SELECT pid, name FROM processes;
  team: ""
  interval: 0
  platform: ""
  min_osquery_version: ""
  automations_enabled: false
  logging: snapshot
  observer_can_run: false
  discard_data: false
---
apiVersion: v1
kind: pack
spec:
  name: baseline
  description: Inventory every hour
  disabled: false
  targets:
    labels:
      - Ubuntu hosts
  queries:
    - query: uptime
      name: uptime
      description: ""
      interval: 3600
      snapshot: true
      removed: false
      platform: linux
      shard: null
      denylist: null
---
apiVersion: v1
kind: policy
spec:
  name: Firewall enabled
  query: SELECT 1 FROM alf WHERE global_state >= 1;
  description: Checks the firewall
  resolution: Turn the firewall on
  platform: darwin
  critical: false
  team: ""
`;

type Doc = { kind: string; spec: Record<string, unknown> };
const docs = (text: string): Doc[] => parseAllDocuments(text).map((d) => d.toJS() as Doc);
const named = (list: Doc[], name: string): Doc | undefined => list.find((d) => d.spec['name'] === name);

describe('fleetctl apply, get --yaml/--json, delete', () => {
  let server: ServerHarness;
  let home: string;
  let file: string;
  const dir = mkdtempSync(join(tmpdir(), 'fleetctl-specs-'));
  beforeAll(async () => {
    server = await startServer('cli_apply');
    home = await adminHome(server);
    file = join(dir, 'specs.yml');
    writeFileSync(file, SPECS);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('applies a multi-document file, one line per kind', async () => {
    const res = await expectOk(fleetctl(home, ['apply', '-f', file]));
    expect(res.stdout).toBe('[+] applied enroll secrets\n[+] applied fleet config\n[+] applied 1 teams\n[+] applied 1 labels\n[+] applied 2 queries\n[+] applied 1 packs\n[+] applied 1 policies\n');
  });

  it('gives back the same specs with get --yaml, and applying twice changes nothing', async () => {
    const snapshot = async (): Promise<Record<string, string>> => ({
      queries: (await expectOk(fleetctl(home, ['get', 'queries', '--yaml']))).stdout,
      labels: (await expectOk(fleetctl(home, ['get', 'labels', '--yaml']))).stdout,
      policies: (await expectOk(fleetctl(home, ['get', 'policies', '--yaml']))).stdout,
      // The server re-stamps created_at when the secret set is replaced; the secrets themselves must not change.
      secrets: (await expectOk(fleetctl(home, ['get', 'enroll_secret', '--yaml']))).stdout.replace(/created_at: .*/g, 'created_at: <t>'),
      teams: (await expectOk(fleetctl(home, ['get', 'teams', '--yaml']))).stdout,
      packs: (await expectOk(fleetctl(home, ['get', 'packs', '--yaml']))).stdout,
      config: (await expectOk(fleetctl(home, ['get', 'config', '--yaml']))).stdout,
    });
    const first = await snapshot();
    const input = docs(SPECS);
    for (const name of ['uptime', 'processes']) expect(named(docs(first['queries']), name)).toEqual(named(input, name));
    const label = named(docs(first['labels']), 'Ubuntu hosts');
    expect(label?.spec).toMatchObject(named(input, 'Ubuntu hosts')?.spec as object);
    expect(named(docs(first['policies']), 'Firewall enabled')).toEqual(named(input, 'Firewall enabled'));
    const secrets = docs(first['secrets'])[0];
    expect(secrets.kind).toBe('enroll_secret');
    expect((secrets.spec['secrets'] as Array<{ secret: string }>).map((s) => s.secret)).toEqual(['e2e-global-secret-1']);
    expect(docs(first['teams'])[0]?.spec).toMatchObject({ team: { name: 'Workstations' } });
    const pack = named(docs(first['packs']), 'baseline');
    expect(pack?.kind).toBe('pack');
    expect(pack?.spec).toMatchObject(named(input, 'baseline')?.spec as object);
    expect(docs(first['config'])[0]?.spec).toMatchObject({ host_expiry_settings: { host_expiry_enabled: true, host_expiry_window: 30 } });

    await expectOk(fleetctl(home, ['apply', '-f', file]));
    expect(await snapshot()).toEqual(first);
  });

  it('prints tables by default and one JSON document per line with --json', async () => {
    const table = await expectOk(fleetctl(home, ['get', 'queries']));
    expect(table.stdout).toMatch(/\| NAME\s+\| DESCRIPTION\s+\| QUERY\s+\| TEAM\s+\| SCHEDULE\s+\|/);
    expect(table.stdout).toMatch(/\| uptime\s+\| How long hosts have been up \| SELECT \* FROM uptime;\s+\| All teams \| interval: 3600, platform: linux/);
    const json = (await expectOk(fleetctl(home, ['get', 'queries', '--json']))).stdout.trim().split('\n').map((l) => JSON.parse(l) as Doc);
    expect(json.map((d) => d.kind)).toEqual(['query', 'query']);
    const teams = await expectOk(fleetctl(home, ['get', 'teams']));
    expect(teams.stdout).toMatch(/\| TEAM NAME\s+\| TEAM ID \| HOST COUNT \| USER COUNT \|\n.*\n\| Workstations \| \d+\s+\| 0\s+\| 0\s+\|/);
    const packs = await expectOk(fleetctl(home, ['get', 'packs']));
    expect(packs.stdout).toMatch(/\| NAME\s+\| PLATFORM \| DESCRIPTION\s+\| DISABLED \|\n.*\n\| baseline \|\s+\| Inventory every hour \| false\s+\|/);
    const config = await expectOk(fleetctl(home, ['get', 'config']));
    expect(docs(config.stdout)[0]).toMatchObject({ kind: 'config', spec: { org_info: { org_name: 'Acme' } } });
  });

  it('refuses a bad document, naming the document and the field, and sends nothing', async () => {
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'apiVersion: v1\nkind: query\nspec:\n  name: ok\n  query: SELECT 1;\n---\napiVersion: v1\nkind: query\nspec:\n  name: broken\n  query: SELECT 1;\n  interval: often\n');
    const res = await fleetctl(home, ['apply', '-f', bad]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('document 2 (kind "query", name "broken"): field "spec.interval"');
    writeFileSync(bad, 'apiVersion: v1\nkind: label\nspec:\n  name: typo\n  query: SELECT 1;\n  platfrom: darwin\n');
    expect((await fleetctl(home, ['apply', '-f', bad])).stderr).toContain('document 1 (kind "label", name "typo"): field "spec.platfrom": unknown key');
    writeFileSync(bad, 'apiVersion: v1\nkind: widget\nspec: {}\n');
    expect((await fleetctl(home, ['apply', '-f', bad])).stderr).toContain('document 1: unknown kind "widget"');
    const txt = join(dir, 'specs.txt');
    writeFileSync(txt, SPECS);
    expect((await fleetctl(home, ['apply', '-f', txt])).stderr).toContain('Missing file extension: only .yml or .yaml files can be applied');
    const names = docs((await expectOk(fleetctl(home, ['get', 'queries', '--yaml']))).stdout).map((d) => d.spec['name']);
    expect(names).not.toContain('ok');
  });

  it('--dry-run validates without writing; environment variables are expanded', async () => {
    const f = join(dir, 'dry.yml');
    writeFileSync(f, 'apiVersion: v1\nkind: query\nspec:\n  name: $QNAME\n  query: SELECT 1;\n');
    const res = await expectOk(fleetctl(home, ['apply', '-f', f, '--dry-run'], { QNAME: 'dry-run-query' }));
    expect(res.stdout).toBe("[+] would've applied 1 queries\n");
    expect((await expectOk(fleetctl(home, ['get', 'queries']))).stdout).not.toContain('dry-run-query');
    await expectOk(fleetctl(home, ['apply', '-f', f], { QNAME: 'env-query' }));
    expect((await expectOk(fleetctl(home, ['get', 'queries']))).stdout).toContain('env-query');
    expect((await fleetctl(home, ['apply', '-f', f])).stderr).toContain('environment variable "QNAME" not set');
  });

  it('deletes the queries and labels of a file by name, and says which do not exist', async () => {
    const f = join(dir, 'delete.yml');
    writeFileSync(f, 'apiVersion: v1\nkind: query\nspec:\n  name: processes\n  query: x\n---\napiVersion: v1\nkind: query\nspec:\n  name: never-was\n  query: x\n---\napiVersion: v1\nkind: label\nspec:\n  name: Ubuntu hosts\n  query: x\n');
    const res = await expectOk(fleetctl(home, ['delete', '-f', f]));
    expect(res.stdout).toBe('[+] deleting query "processes"\n[+] deleting query "never-was"\n[!] query "never-was" doesn\'t exist\n[+] deleting label "Ubuntu hosts"\n');
    expect((await expectOk(fleetctl(home, ['get', 'queries']))).stdout).not.toContain('processes');
    expect((await expectOk(fleetctl(home, ['get', 'labels']))).stdout).not.toContain('| Ubuntu hosts ');
  });
});
