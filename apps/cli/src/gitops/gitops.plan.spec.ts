import { covers, differingPaths } from './deep-compare';
import type { GitopsFile } from './gitops.loader';
import { describeChange } from './gitops.messages';
import { planGlobal, planLabels, planPolicies, planQueries, planTeam } from './gitops.plan';
import type { CurrentTeam, GlobalState } from './gitops.plan';
import { gitopsLabelSchema, gitopsPolicySchema, gitopsQuerySchema } from './gitops.schema';

const q = (o: Record<string, unknown>) => gitopsQuerySchema.parse({ query: 'SELECT 1;', ...o });
const p = (o: Record<string, unknown>) => gitopsPolicySchema.parse({ query: 'SELECT 1;', ...o });
const l = (o: Record<string, unknown>) => gitopsLabelSchema.parse({ query: 'SELECT 1;', ...o });
const current = (o: Record<string, unknown>) => ({
  name: 'x', description: '', query: 'SELECT 1;', interval: 0, observer_can_run: false, platform: '', min_osquery_version: '', automations_enabled: false,
  logging: 'snapshot', discard_data: false, ...o,
});
const file = (o: Partial<GitopsFile>): GitopsFile => ({ path: 'default.yml', fileName: 'default.yml', noTeam: false, controlsDefined: true, policies: [], queries: [], ...o });
const lines = (changes: ReturnType<typeof planGlobal>, dry: boolean) => changes.map((c) => describeChange(c, dry));

describe('gitops plans', () => {
  it('adds, updates and deletes queries by name and leaves equal ones alone (empty logging reads as snapshot)', () => {
    const changes = planQueries(
      [q({ name: 'same' }), q({ name: 'changed', interval: 60 }), q({ name: 'new' })],
      [current({ name: 'same', logging: '' }), current({ name: 'changed' }), current({ name: 'gone' })],
    );
    expect(lines(changes, true)).toEqual(['[+] would\'ve updated query "changed"', '[+] would\'ve added query "new"', '[-] would\'ve deleted query "gone"']);
    expect(changes[0]).toMatchObject({ spec: { name: 'changed', team: '', interval: 60, logging: 'snapshot' } });
    expect(planQueries([q({ name: 'same' })], [current({ name: 'same' })])).toEqual([]);
  });

  it('updates policies in place by id, within their team', () => {
    const team = { name: 'A', id: 7 };
    const changes = planPolicies([p({ name: 'fw', platform: 'darwin' })], [{ id: 3, name: 'fw', query: 'SELECT 1;', description: '', resolution: '', platform: '', critical: false },
      { id: 4, name: 'old', query: 'SELECT 1;', description: '', resolution: '', platform: '', critical: false }], team);
    expect(changes).toEqual([
      { kind: 'policy', op: 'update', name: 'fw', team, id: 3, body: { name: 'fw', query: 'SELECT 1;', description: '', resolution: '', platform: 'darwin', critical: false } },
      { kind: 'policy', op: 'delete', name: 'old', team, id: 4 },
    ]);
    expect(lines(changes, false)).toEqual(['[+] updating policy "fw" in team "A"', '[-] deleting policy "old" in team "A"']);
  });

  it('never deletes built-in labels and compares a manual label\'s hosts as a set', () => {
    const cur = [
      { name: 'All Hosts', description: '', query: 'SELECT 1;', platform: '', label_type: 'builtin' },
      { name: 'm', description: '', query: '', platform: '', label_type: 'regular', label_membership_type: 'manual', hosts: ['b', 'a'] },
      { name: 'stale', description: '', query: 'SELECT 1;', platform: '', label_type: 'regular' },
    ];
    expect(planLabels([l({ name: 'm', label_membership_type: 'manual', hosts: ['a', 'b'] })], cur)).toEqual([{ kind: 'label', op: 'delete', name: 'stale' }]);
    expect(planLabels([l({ name: 'm', label_membership_type: 'manual', hosts: ['a'] })], cur)[0]).toMatchObject({ op: 'update', spec: { hosts: ['a'], query: '' } });
  });

  it('patches only the settings sections that differ, names them, and refuses to manage a built-in label', () => {
    const state: GlobalState = {
      config: { org_info: { org_name: 'Old', contact_url: 'u' }, features: { enable_host_users: true }, smtp_settings: { password: '********' },
        agent_options: { config: { options: { a: 1 } } } },
      secrets: ['s1'], labels: [{ name: 'All Hosts', description: '', query: '', platform: '', label_type: 'builtin' }], policies: [], queries: [],
    };
    const changes = planGlobal(file({
      orgSettings: { org_info: { org_name: 'New' }, features: { enable_host_users: true }, smtp_settings: { password: 'secret' } },
      agentOptions: { config: { options: { a: 1 } } }, globalSecrets: ['s1'],
    }), state);
    expect(changes).toEqual([{ kind: 'fleet config', paths: ['org_info.org_name'], patch: { org_info: { org_name: 'New' } } }]);
    const more = planGlobal(file({ agentOptions: { config: {} }, globalSecrets: ['s2'] }), state);
    expect(lines(more, true)).toEqual(["[+] would've applied fleet config: agent_options", "[+] would've applied 1 enroll secrets"]);
    expect(() => planGlobal(file({ labels: [l({ name: 'All Hosts' })] }), state)).toThrow('label "All Hosts" is a built-in label; built-in labels cannot be managed with gitops');
    expect(planGlobal(file({}), state)).toEqual([]);
  });

  it('creates a missing team with everything it lists, and updates only the changed parts of an existing one', () => {
    const f = { ...file({ path: 'teams/a.yml', teamName: 'A', teamSettings: { features: { enable_host_users: false } }, teamSecrets: ['t1'], queries: [q({ name: 'q' })] }), teamName: 'A' };
    expect(lines(planTeam(f, undefined, undefined), true)).toEqual(['[+] would\'ve created team "A"', '[+] would\'ve added query "q" in team "A"']);
    const team: CurrentTeam = { id: 5, name: 'A', agent_options: null, secrets: [{ secret: 't1' }], features: { enable_host_users: true, enable_software_inventory: true },
      host_expiry_settings: {}, webhook_settings: {}, integrations: {} };
    const changes = planTeam(f, team, { policies: [], queries: [current({ name: 'q' })] });
    expect(changes).toEqual([{ kind: 'team', op: 'update', name: 'A', keys: ['features'], spec: { name: 'A', features: { enable_host_users: false } } }]);
    expect(planTeam(f, { ...team, features: { enable_host_users: false } }, { policies: [], queries: [current({ name: 'q' })] })).toEqual([]);
  });

  it('compares desired settings as a subset of the server\'s, which fills in defaults', () => {
    expect(covers({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 } })).toBe(true);
    expect(covers({ a: [1, 2] }, { a: [1] })).toBe(false);
    expect(covers({ a: null }, { a: null })).toBe(true);
    expect(covers({}, { a: null })).toBe(true);
    expect(covers({ a: 1 }, { a: '1' })).toBe(false);
    expect(differingPaths({ s: { x: 1, y: 2 }, t: 1 }, { s: { x: 1, y: 3 }, t: 2 })).toEqual(['s.y', 't']);
  });
});
