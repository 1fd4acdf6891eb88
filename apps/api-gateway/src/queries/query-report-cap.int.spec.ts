import { queryRoutes as r } from '@fleet/contracts';
import { MysqlAgentDataRepository } from '@fleet/persistence';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

/**
 * Query reports past Fleet's 1,000 rows: `server_settings.query_report_cap` of 5,000, filled by the batch
 * writer's own code (replaceQueryReports, as the ingest role calls it) from 12 hosts of 500 rows each, so the
 * report fills exactly to the cap and the last hosts wait for room. Then the report is paged through the API,
 * newest first, every row once; then `query_report_max_age` drops rows that are too old. The 100,000-row run
 * with each page timed is a benchmark: bench/query-reports (bench/results/query-reports.json).
 */
const CAP = 5_000;
const HOSTS = 12;
const ROWS = 500;
const PER_PAGE = 500;

describe('query reports with a 100,000-row cap, paged', () => {
  let kit: AdminTestKit;
  let admin: { token: string };
  let queryId: number;
  let writer: MysqlAgentDataRepository;
  const t0 = Date.parse('2026-12-01T00:00:00Z');

  beforeAll(async () => {
    kit = await startAdminTestKit('report_cap');
    admin = await kit.user({ global_role: 'admin' });
    writer = new MysqlAgentDataRepository(kit.db.dataSource);
    const res = await kit.db.dataSource.query<{ insertId: number }>(
      "INSERT INTO queries (name, description, query, schedule_interval, logging_type) VALUES ('procs', '', 'SELECT * FROM processes', 60, 'snapshot')");
    queryId = res.insertId;
    await kit.db.dataSource.query("INSERT INTO app_config_json (id, json_value) VALUES (1, ?) ON DUPLICATE KEY UPDATE json_value = VALUES(json_value)",
      [JSON.stringify({ server_settings: { query_report_cap: CAP } })]);
  }, 60_000);
  afterAll(() => kit.close());

  it('fills to the cap from simulated hosts, later hosts waiting for room', async () => {
    const hostIds: number[] = [];
    for (let h = 0; h < HOSTS; h += 1) hostIds.push(await kit.host({}, 0));
    for (let h = 0; h < HOSTS; h += 10) {
      const batch = hostIds.slice(h, h + 10).map((hostId, i) => ({
        queryId, hostId, at: t0 + (h + i) * 1000,
        rows: Array.from({ length: ROWS }, (_, n) => ({ pid: String(n), host: String(h + i), name: `proc-${n}` })),
      }));
      await writer.replaceQueryReports(batch, { cap: CAP, maxAgeMs: 0, nowMs: t0 + HOSTS * 1000 });
    }
    const [{ n }] = await kit.db.dataSource.query<Array<{ n: number }>>('SELECT COUNT(data) AS n FROM query_results WHERE query_id = ?', [queryId]);
    expect(Number(n)).toBe(CAP);
    const full = await kit.call(r.report, { params: { id: queryId }, query: { page: '0', per_page: '1' } }, { token: admin.token });
    expect(full.ok && full.body.report_clipped).toBe(true);
  }, 300_000);

  it(`pages through all ${CAP} rows, newest first`, async () => {
    const seen = new Set<string>();
    let previous = Number.POSITIVE_INFINITY;
    for (let page = 0; ; page += 1) {
      const res = await kit.call(r.report, { params: { id: queryId }, query: { page: String(page), per_page: String(PER_PAGE) } }, { token: admin.token });
      if (!res.ok) throw new Error(`page ${page}: ${res.status}`);
      for (const row of res.body.results) {
        const at = Date.parse(row.last_fetched);
        expect(at).toBeLessThanOrEqual(previous);
        previous = at;
        seen.add(`${row.host_id}/${String(row.columns['pid'])}`);
      }
      expect(res.body.meta).toEqual({ has_next_results: page < CAP / PER_PAGE - 1, has_previous_results: page > 0 });
      if (!res.body.meta?.has_next_results) break;
    }
    expect(seen.size).toBe(CAP);
  }, 300_000);

  it('drops rows older than server_settings.query_report_max_age when the query is written again', async () => {
    const [host] = await kit.db.dataSource.query<Array<{ host_id: number }>>('SELECT host_id FROM query_results WHERE query_id = ? ORDER BY last_fetched DESC LIMIT 1', [queryId]);
    const now = t0 + HOSTS * 1000 + 3_600_000;
    // Everything before now - 30 min goes: all the hosts' rows but the one written now.
    await writer.replaceQueryReports([{ queryId, hostId: Number(host?.host_id), at: now, rows: [{ pid: 'fresh' }] }], { cap: CAP, maxAgeMs: 1_800_000, nowMs: now });
    const rows = await kit.db.dataSource.query<Array<{ data: unknown }>>('SELECT data FROM query_results WHERE query_id = ?', [queryId]);
    expect(rows.map((x): unknown => (typeof x.data === 'string' ? JSON.parse(x.data) as unknown : x.data))).toEqual([{ pid: 'fresh' }]);
  }, 60_000);
});
