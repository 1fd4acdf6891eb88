import { upgradePack, upgradeStamp } from './pack-upgrader';
import type { PackSpecIn, SavedQueryIn } from './pack-upgrader';

const queries = new Map<string, SavedQueryIn>([
  ['uptime', { name: 'uptime', description: 'How long', query: 'SELECT * FROM uptime;', observer_can_run: true }],
  ['users', { name: 'users', description: '', query: 'SELECT * FROM users;', observer_can_run: false }],
]);
const pack = (over: Partial<PackSpecIn>): PackSpecIn => ({
  id: 1, name: 'base', disabled: false, targets: { labels: [], teams: [] },
  queries: [
    { query: 'uptime', interval: 600, snapshot: true, removed: null, platform: 'linux', version: '5.0.0' },
    { query: 'users', interval: 60, snapshot: false, removed: false },
    { query: 'missing', interval: 60 },
  ],
  ...over,
});

describe('fleetctl upgrade-packs', () => {
  it("stamps names the way Fleet's Go layout `Jan _2 15:04:05.000` does", () => {
    expect(upgradeStamp(new Date(2026, 0, 2, 3, 4, 5, 6))).toBe('Jan  2 03:04:05.006');
    expect(upgradeStamp(new Date(2026, 11, 24, 13, 14, 15, 160))).toBe('Dec 24 13:14:15.160');
  });

  it('writes a scheduled copy per targeted team, automations on unless the pack is disabled', () => {
    const r = upgradePack(pack({ targets: { labels: null, teams: ['A', 'B'] } }), false, queries, 'T');
    expect(r.converted).toBe(2);
    expect(r.specs.map((s) => [s.name, s.team, s.interval, s.automations_enabled, s.logging])).toEqual([
      ['base - uptime - A - T', 'A', 600, true, 'snapshot'],
      ['base - uptime - B - T', 'B', 600, true, 'snapshot'],
      ['base - users - A - T', 'A', 60, true, 'differential_ignore_removals'],
      ['base - users - B - T', 'B', 60, true, 'differential_ignore_removals'],
    ]);
    expect(r.specs[0]).toMatchObject({ description: 'How long\n(converted from pack "base", query "uptime")', platform: 'linux', min_osquery_version: '5.0.0', observer_can_run: true });
    expect(upgradePack(pack({ disabled: true, targets: { labels: [], teams: ['A'] } }), false, queries, 'T').specs[0]?.automations_enabled).toBe(false);
  });

  it('writes one unscheduled global copy for label or host targets, and nothing for a pack targeting nothing', () => {
    const labels = upgradePack(pack({ targets: { labels: ['All Hosts'], teams: [] } }), false, queries, 'T');
    expect(labels.specs.map((s) => [s.name, s.team, s.interval, s.automations_enabled])).toEqual([['base - uptime - T', '', 0, false], ['base - users - T', '', 0, false]]);
    expect(labels.specs[1]?.description).toBe('(converted from pack "base", query "users")');
    expect(upgradePack(pack({}), true, queries, 'T').specs).toHaveLength(2);
    expect(upgradePack(pack({}), false, queries, 'T')).toEqual({ specs: [], converted: 0 });
  });
});
