import type { DataSource, EntityManager } from 'typeorm';
import type { ScheduledQuery, ScheduledQueryFields } from '@fleet/domain';

/** A scheduled_queries row joined with its saved query's name and SQL. */
interface ScheduledRow {
  readonly id: number;
  readonly pack_id: number;
  readonly query_id: number;
  readonly query_name: string;
  readonly query_sql: string;
  readonly name: string;
  readonly description: string;
  readonly schedule_interval: number;
  readonly snapshot: number | null;
  readonly removed: number | null;
  readonly platform: string | null;
  readonly version: string | null;
  readonly shard: number | null;
  readonly denylist: number | null;
  readonly created_at: Date;
  readonly updated_at: Date;
}

const SELECT = `SELECT sq.*, q.name AS query_name, q.query AS query_sql FROM scheduled_queries sq JOIN queries q ON q.id = sq.query_id`;
const COLUMNS: ReadonlyArray<[keyof ScheduledQueryFields, string]> = [
  ['queryId', 'query_id'], ['name', 'name'], ['description', 'description'], ['interval', 'schedule_interval'], ['snapshot', 'snapshot'],
  ['removed', 'removed'], ['platform', 'platform'], ['version', 'version'], ['shard', 'shard'], ['denylist', 'denylist'],
];
const nullableBool = (v: unknown): boolean | null => (v === null || v === undefined ? null : Number(v) === 1);

const toScheduled = (r: ScheduledRow): ScheduledQuery => ({
  id: Number(r.id), packId: Number(r.pack_id), queryId: Number(r.query_id), queryName: String(r.query_name), query: String(r.query_sql),
  name: String(r.name), description: String(r.description), interval: Number(r.schedule_interval), snapshot: nullableBool(r.snapshot),
  removed: nullableBool(r.removed), platform: r.platform ?? null, version: r.version ?? null,
  shard: r.shard === null || r.shard === undefined ? null : Number(r.shard), denylist: nullableBool(r.denylist),
  createdAt: r.created_at, updatedAt: r.updated_at,
});

/** Columns platform and version are NOT NULL with '' as "any"; null in the API maps to ''. */
const values = (f: Partial<ScheduledQueryFields>, cols: ReadonlyArray<[keyof ScheduledQueryFields, string]>): unknown[] =>
  cols.map(([k]) => ((k === 'platform' || k === 'version') ? f[k] ?? '' : f[k]));

/** Scheduled queries of 2017 packs; names are unique within a pack. */
export class ScheduledQueryRepository {
  constructor(private readonly ds: DataSource) {}

  async ofPack(packId: number): Promise<ScheduledQuery[]> {
    return (await this.ds.query<ScheduledRow[]>(`${SELECT} WHERE sq.pack_id = ? ORDER BY sq.id`, [packId])).map(toScheduled);
  }

  async findById(id: number): Promise<ScheduledQuery | null> {
    const [row] = await this.ds.query<ScheduledRow[]>(`${SELECT} WHERE sq.id = ?`, [id]);
    return row ? toScheduled(row) : null;
  }

  async create(packId: number, f: ScheduledQueryFields, m: EntityManager = this.ds.manager): Promise<number> {
    const res = await m.query<{ insertId: number }>(
      `INSERT INTO scheduled_queries (pack_id, ${COLUMNS.map(([, c]) => c).join(', ')}) VALUES (?, ${COLUMNS.map(() => '?').join(', ')})`,
      [packId, ...values(f, COLUMNS)]);
    return res.insertId;
  }

  async update(id: number, patch: Partial<ScheduledQueryFields>, m: EntityManager = this.ds.manager): Promise<void> {
    const cols = COLUMNS.filter(([k]) => patch[k] !== undefined);
    if (cols.length === 0) return;
    await m.query(`UPDATE scheduled_queries SET ${cols.map(([, c]) => `${c} = ?`).join(', ')} WHERE id = ?`, [...values(patch, cols), id]);
  }

  async delete(id: number): Promise<void> {
    await this.ds.query('DELETE FROM scheduled_queries WHERE id = ?', [id]);
  }

  /**
   * Makes the pack's schedule exactly `entries` (fleetctl apply): entries upsert by name, scheduled queries
   * whose name is not among them are removed. One transaction, so agents never see half a pack.
   */
  async replaceForPack(packId: number, entries: readonly ScheduledQueryFields[]): Promise<void> {
    await this.ds.transaction((m) => this.replaceWith(m, packId, entries));
  }

  private async replaceWith(m: EntityManager, packId: number, entries: readonly ScheduledQueryFields[]): Promise<void> {
    const names = entries.map((e) => e.name);
    await m.query(`DELETE FROM scheduled_queries WHERE pack_id = ?${names.length ? ' AND name NOT IN (?)' : ''}`, names.length ? [packId, names] : [packId]);
    const existing = await m.query<Array<Pick<ScheduledRow, 'id' | 'name'>>>('SELECT id, name FROM scheduled_queries WHERE pack_id = ?', [packId]);
    for (const e of entries) {
      const found = existing.find((r) => r.name === e.name);
      if (found) await this.update(Number(found.id), e, m);
      else await this.create(packId, e, m);
    }
  }
}
