import type { DataSource, EntityManager } from 'typeorm';

/** `team_id` of the count rows that count every host. */
export const ALL_HOSTS = -1;

export type CountKind = 'software' | 'title';
const TABLES: Record<CountKind, { table: string; id: string }> = {
  software: { table: 'software_host_counts', id: 'software_id' },
  title: { table: 'software_title_host_counts', id: 'title_id' },
};

type Row = Record<string, unknown>;
type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

/** Host-count changes of one batch, summed per (version or title, team) before they are written. */
export class CountDeltas {
  private readonly deltas: Record<CountKind, Map<string, number>> = { software: new Map(), title: new Map() };

  add(kind: CountKind, id: number, team: number, delta: number): void {
    if (delta === 0) return;
    const map = this.deltas[kind];
    const k = `${id}:${team}`;
    map.set(k, (map.get(k) ?? 0) + delta);
  }

  /** A host's set counted (+1) or uncounted (-1) under its team and under every host. */
  addSet(kind: CountKind, ids: Iterable<number>, team: number, sign: 1 | -1, global = true): void {
    for (const id of ids) {
      this.add(kind, id, team, sign);
      if (global) this.add(kind, id, ALL_HOSTS, sign);
    }
  }

  /** Non-zero changes as [id, team, delta], in key order (every writer locks count rows in the same order). */
  rows(kind: CountKind): Array<[number, number, number]> {
    const out: Array<[number, number, number]> = [];
    for (const [k, d] of this.deltas[kind]) {
      if (d === 0) continue;
      const [id, team] = k.split(':').map(Number) as [number, number];
      out.push([id, team, d]);
    }
    return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }

  get empty(): boolean {
    return this.rows('software').length === 0 && this.rows('title').length === 0;
  }
}

/**
 * Creates the count rows a batch will change, with 0, outside the batch's transaction (autocommit, in key
 * order). Inside the transaction every change is then an update of an existing primary key — a record
 * lock in key order — and never an insert, whose gap locks are what deadlocks concurrent writers.
 */
export async function ensureCountRows(query: Query, kind: CountKind, pairs: ReadonlyArray<readonly [number, number]>): Promise<void> {
  if (pairs.length === 0) return;
  const { table, id } = TABLES[kind];
  const sorted = [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 0; i < sorted.length; i += 1000) {
    await query(`INSERT IGNORE INTO ${table} (${id}, team_id, hosts_count) VALUES ?`, [sorted.slice(i, i + 1000).map(([x, t]) => [x, t, 0])]);
  }
}

/** Adds the deltas to their rows, in key order (an absent row is created with its delta). */
export async function applyCountDeltas(tx: EntityManager, deltas: CountDeltas): Promise<void> {
  for (const kind of ['software', 'title'] as const) {
    const rows = deltas.rows(kind);
    const { table, id } = TABLES[kind];
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.query(`INSERT INTO ${table} (${id}, team_id, hosts_count) VALUES ? ON DUPLICATE KEY UPDATE hosts_count = hosts_count + VALUES(hosts_count)`,
        [rows.slice(i, i + 1000)]);
    }
  }
}

/** The team a host's software counts under (0: no team). */
export const teamKey = (teamId: unknown): number => (teamId === null || teamId === undefined ? 0 : Number(teamId));

/**
 * Takes the software of hosts that are being deleted off the counts, and deletes it, inside the deleting
 * transaction (the hosts are locked first, in id order, as the software writer locks them).
 */
export async function releaseHostSoftware(m: EntityManager, hostIds: readonly number[]): Promise<void> {
  if (hostIds.length === 0) return;
  const ids = [...new Set(hostIds)].sort((a, b) => a - b);
  await m.query('SELECT id FROM hosts WHERE id IN (?) ORDER BY id FOR UPDATE', [ids]);
  const states = await m.query<Row[]>('SELECT host_id, team_id FROM host_software_state WHERE host_id IN (?)', [ids]);
  const teamOf = new Map(states.map((r) => [Number(r['host_id']), Number(r['team_id'])]));
  const rows = await m.query<Row[]>('SELECT hs.host_id, hs.software_id, s.title_id FROM host_software hs LEFT JOIN software s ON s.id = hs.software_id WHERE hs.host_id IN (?)', [ids]);
  const deltas = new CountDeltas();
  const titles = new Map<number, Set<number>>();
  for (const r of rows) {
    const host = Number(r['host_id']);
    const team = teamOf.get(host);
    if (team === undefined) continue;
    deltas.addSet('software', [Number(r['software_id'])], team, -1);
    if (r['title_id'] !== null) {
      const set = titles.get(host) ?? new Set<number>();
      set.add(Number(r['title_id']));
      titles.set(host, set);
    }
  }
  for (const [host, set] of titles) deltas.addSet('title', set, teamOf.get(host) as number, -1);
  await applyCountDeltas(m, deltas);
  for (const id of ids) await m.query('DELETE FROM host_software WHERE host_id = ?', [id]);
  await m.query('DELETE FROM host_software_installed_paths WHERE host_id IN (?)', [ids]);
  await m.query('DELETE FROM host_software_state WHERE host_id IN (?)', [ids]);
}

/**
 * Moves the team counts of hosts whose team changed since their software was counted (a transfer, a
 * re-enrollment with another team's secret): the software writer does this when such a host next reports;
 * the vulnerabilities schedule calls this for the rest. Returns how many hosts moved.
 */
export async function reconcileHostTeams(ds: DataSource, limit = 500): Promise<number> {
  const drifted = await ds.query<Row[]>(
    `SELECT st.host_id FROM host_software_state st JOIN hosts h ON h.id = st.host_id WHERE st.team_id <> COALESCE(h.team_id, 0) ORDER BY st.host_id LIMIT ?`, [limit]);
  if (drifted.length === 0) return 0;
  const ids = drifted.map((r) => Number(r['host_id']));
  const rows = await ds.query<Row[]>('SELECT hs.software_id, s.title_id, COALESCE(h.team_id, 0) AS team FROM host_software hs JOIN hosts h ON h.id = hs.host_id LEFT JOIN software s ON s.id = hs.software_id WHERE hs.host_id IN (?)', [ids]);
  await ensureCountRows((sql, p) => ds.query(sql, p), 'software', [...new Set(rows.map((r) => `${Number(r['software_id'])}:${Number(r['team'])}`))].map((k) => k.split(':').map(Number) as [number, number]));
  await ensureCountRows((sql, p) => ds.query(sql, p), 'title', [...new Set(rows.filter((r) => r['title_id'] !== null).map((r) => `${Number(r['title_id'])}:${Number(r['team'])}`))].map((k) => k.split(':').map(Number) as [number, number]));
  await ds.transaction(async (m) => {
    const locked = await m.query<Row[]>('SELECT id, team_id FROM hosts WHERE id IN (?) ORDER BY id FOR UPDATE', [ids]);
    const states = await m.query<Row[]>('SELECT host_id, team_id FROM host_software_state WHERE host_id IN (?)', [ids]);
    const counted = new Map(states.map((r) => [Number(r['host_id']), Number(r['team_id'])]));
    const moving = locked.filter((h) => counted.has(Number(h['id'])) && counted.get(Number(h['id'])) !== teamKey(h['team_id']));
    if (moving.length === 0) return;
    const current = new Map(moving.map((h) => [Number(h['id']), teamKey(h['team_id'])]));
    const sw = await m.query<Row[]>('SELECT hs.host_id, hs.software_id, s.title_id FROM host_software hs LEFT JOIN software s ON s.id = hs.software_id WHERE hs.host_id IN (?)', [[...current.keys()]]);
    const deltas = new CountDeltas();
    const titles = new Map<number, Set<number>>();
    for (const r of sw) {
      const host = Number(r['host_id']);
      deltas.add('software', Number(r['software_id']), counted.get(host) as number, -1);
      deltas.add('software', Number(r['software_id']), current.get(host) as number, 1);
      if (r['title_id'] !== null) titles.set(host, (titles.get(host) ?? new Set<number>()).add(Number(r['title_id'])));
    }
    for (const [host, set] of titles) {
      deltas.addSet('title', set, counted.get(host) as number, -1, false);
      deltas.addSet('title', set, current.get(host) as number, 1, false);
    }
    await applyCountDeltas(m, deltas);
    for (const [host, team] of current) await m.query('UPDATE host_software_state SET team_id = ? WHERE host_id = ?', [team, host]);
  });
  return ids.length;
}
