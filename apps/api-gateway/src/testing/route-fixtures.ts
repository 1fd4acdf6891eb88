import type { RouteFixtures } from '@fleet/contracts';
import { VulnerabilityCountsRepository } from '@fleet/persistence';
import type { AdminTestKit } from './admin-test-kit';
import { installSoftware, seedSoftwareCve, softwareIdOf } from './software-seed';

let n = 0;

/**
 * The fixtures route examples ask for, made with direct inserts on the test database (so building a call never
 * depends on the routes under test), except a campaign, which only the API can start.
 */
export function routeFixtures(kit: AdminTestKit, teamA: number): RouteFixtures {
  const ds = kit.db.dataSource;
  const unique = (prefix: string): string => `${prefix}-f${++n}-${Date.now()}`;
  const insert = async (sql: string, params: unknown[]): Promise<number> => (await ds.query<{ insertId: number }>(sql, params)).insertId;
  const teamOf = (team: 'own' | 'global'): number | null => (team === 'own' ? teamA : null);
  const fixtures: RouteFixtures = {
    teamA,
    unique,
    async host(options = {}) {
      const hostname = unique('host');
      const id = await kit.host({ team_id: options.team === 'none' ? null : teamA, hostname }, options.online === false ? 3600 : 0);
      const [row] = await ds.query<Array<{ uuid: string }>>('SELECT uuid FROM hosts WHERE id = ?', [id]);
      return { id, uuid: row.uuid, hostname };
    },
    async team() {
      const name = unique('team');
      return { id: await kit.team(name), name };
    },
    async ownTeam() {
      const [row] = await ds.query<Array<{ name: string }>>('SELECT name FROM teams WHERE id = ?', [teamA]);
      return { id: teamA, name: row.name };
    },
    async user(options = {}) {
      const globalRole = options.globalRole === undefined ? 'observer' : options.globalRole;
      const teams = options.teamRole ? [{ id: teamA, role: options.teamRole }] : [];
      return { id: (await kit.user({ global_role: globalRole, teams })).id };
    },
    async session() {
      const u = await kit.user({ global_role: 'observer' });
      const [s] = await ds.query<Array<{ id: number }>>('SELECT id FROM sessions WHERE user_id = ?', [u.id]);
      return { id: s.id };
    },
    async label() {
      const name = unique('label');
      return { id: await insert("INSERT INTO labels (name, description, query) VALUES (?, '', 'SELECT 1')", [name]), name };
    },
    async manualLabel() {
      const name = unique('manual');
      return { id: await insert("INSERT INTO labels (name, description, query, label_membership_type) VALUES (?, '', '', 1)", [name]), name };
    },
    async query(options) {
      const name = unique('query');
      return { id: await insert("INSERT INTO queries (team_id, name, description, query) VALUES (?, ?, '', 'SELECT 1')", [teamOf(options.team), name]), name };
    },
    async policy(options) {
      return { id: await insert("INSERT INTO policies (team_id, name, query, description, resolution) VALUES (?, ?, 'SELECT 1', '', '')", [teamOf(options.team), unique('policy')]) };
    },
    async software() {
      const host = await fixtures.host();
      const name = unique('software');
      await installSoftware(ds, host.id, [{ name, version: '1.0', source: 'apps' }]);
      return { id: (await softwareIdOf(ds, name, '1.0')).id };
    },
    async softwareTitle() {
      const { id } = await fixtures.software();
      const [row] = await ds.query<Array<{ title_id: number }>>('SELECT title_id FROM software WHERE id = ?', [id]);
      return { id: Number(row.title_id) };
    },
    async vulnerability() {
      const { id } = await fixtures.software();
      const cve = `CVE-2099-${String(100000 + ++n)}`;
      await seedSoftwareCve(ds, [id], { cve, cvssScore: 7.5 });
      return { cve };
    },
    async osVersion() {
      const osVersion = `macOS 14.${++n}`;
      await kit.host({ team_id: teamA, hostname: unique('host'), platform: 'darwin', os_version: osVersion });
      await new VulnerabilityCountsRepository(ds).rebuildOsVersions(new Date());
      const [row] = await ds.query<Array<{ id: number }>>("SELECT id FROM operating_systems WHERE platform = 'darwin' AND name = ?", [osVersion]);
      return { id: Number(row.id) };
    },
    async pack() {
      const name = unique('pack');
      return { id: await insert("INSERT INTO packs (name, description) VALUES (?, '')", [name]), name };
    },
    async scheduledQuery() {
      const pack = await fixtures.pack();
      const query = await fixtures.query({ team: 'global' });
      return { id: await insert('INSERT INTO scheduled_queries (pack_id, query_id, name, schedule_interval) VALUES (?, ?, ?, 60)', [pack.id, query.id, unique('sq')]) };
    },
    async carve() {
      const host = await fixtures.host();
      const name = unique('carve');
      const id = await insert('INSERT INTO carve_metadata (host_id, name, block_count, block_size, carve_size, carve_id, request_id, session_id, max_block) VALUES (?, ?, 1, 4, 4, ?, ?, ?, 0)',
        [host.id, name, name, name, name]);
      await ds.query("INSERT INTO carve_blocks (metadata_id, block_id, data) VALUES (?, 0, 'abcd')", [id]);
      return { id };
    },
    async invite() {
      const email = `${unique('invited')}@example.com`;
      return { id: await insert("INSERT INTO invites (email, name, global_role, token_hash) VALUES (?, 'Invited', 'observer', SHA2(?, 256))", [email, email]) };
    },
    async campaign(options) {
      const owner = await kit.user({});
      const host = await fixtures.host({ online: false });
      const r = await kit.api('POST', '/api/latest/fleet/queries/run', { token: owner.token, body: { query: 'SELECT 1', selected: { hosts: [host.id] } } });
      const id = (r.body as { campaign: { id: number } }).campaign.id;
      if (options.stopped) await kit.api('DELETE', `/api/latest/fleet/queries/run/${id}`, { token: owner.token });
      return { id };
    },
  };
  return fixtures;
}
