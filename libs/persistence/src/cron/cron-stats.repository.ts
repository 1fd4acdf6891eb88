import type { DataSource } from 'typeorm';
import type { CronRunRecord, CronRunStart, CronRunStatus, CronRunType, CronScheduleState } from '@fleet/domain';

type Row = Record<string, unknown>;

/** Runs of the background schedules (table cron_stats). */
export class CronStatsRepository {
  constructor(private readonly ds: DataSource) {}

  async states(names: readonly string[]): Promise<Map<string, CronScheduleState>> {
    const rows = await this.ds.query<Row[]>(
      `SELECT name, MAX(status = 'queued') AS queued, MAX(IF(status = 'queued', NULL, created_at)) AS last_started
       FROM cron_stats WHERE name IN (?) GROUP BY name`, [names]);
    const out = new Map<string, CronScheduleState>(names.map((n) => [n, { lastStartedAt: null, queued: false }]));
    for (const r of rows) out.set(String(r['name']), { lastStartedAt: (r['last_started'] as Date | null) ?? null, queued: Number(r['queued']) === 1 });
    return out;
  }

  async hasQueued(name: string): Promise<boolean> {
    const [row] = await this.ds.query<Row[]>("SELECT 1 FROM cron_stats WHERE name = ? AND status = 'queued' LIMIT 1", [name]);
    return row !== undefined;
  }

  /** Records a trigger; the next tick of any replica running the schedules picks it up. */
  async queue(name: string): Promise<number> {
    const res = await this.ds.query<{ insertId: number }>("INSERT INTO cron_stats (name, stats_type, status) VALUES (?, 'triggered', 'queued')", [name]);
    return res.insertId;
  }

  /**
   * Starts a run. Called by the replica that holds the schedule's lease, so any row still `pending` belongs to
   * a replica that died mid-run: it is marked `expired` first. Queued triggers become this run; otherwise a
   * `scheduled` row is inserted. READ COMMITTED: at REPEATABLE READ the UPDATE and the SELECT … FOR UPDATE that
   * find nothing take gap locks, and two schedules starting at once on an empty table (every replica's first
   * tick) deadlock on each other's INSERT. The lease already keeps one replica per schedule here.
   */
  async start(name: string, instance: string): Promise<CronRunStart> {
    return this.ds.transaction('READ COMMITTED', async (m) => {
      await m.query("UPDATE cron_stats SET status = 'expired' WHERE name = ? AND status = 'pending'", [name]);
      const queued = await m.query<Row[]>("SELECT id FROM cron_stats WHERE name = ? AND status = 'queued' FOR UPDATE", [name]);
      if (queued.length > 0) {
        const ids = queued.map((r) => Number(r['id']));
        await m.query("UPDATE cron_stats SET status = 'pending', instance = ?, created_at = CURRENT_TIMESTAMP(6) WHERE id IN (?)", [instance, ids]);
        return { ids, type: 'triggered' as const };
      }
      const res = await m.query<{ insertId: number }>("INSERT INTO cron_stats (name, instance, stats_type, status) VALUES (?, ?, 'scheduled', 'pending')", [name, instance]);
      return { ids: [res.insertId], type: 'scheduled' as const };
    });
  }

  /** Ends a run; `errors` maps each failed job to its message (null when every job succeeded). */
  async finish(run: CronRunStart, errors: Record<string, string> | null): Promise<void> {
    await this.ds.query("UPDATE cron_stats SET status = 'completed', errors = ? WHERE id IN (?)", [errors ? JSON.stringify(errors) : null, run.ids]);
  }

  /** Deletes finished run records older than `before`; queued and running ones stay. */
  async prune(before: Date): Promise<number> {
    const res = await this.ds.query<{ affectedRows: number }>("DELETE FROM cron_stats WHERE created_at < ? AND status IN ('completed', 'expired')", [before]);
    return res.affectedRows;
  }

  async recent(name: string, limit = 20): Promise<CronRunRecord[]> {
    const rows = await this.ds.query<Row[]>('SELECT * FROM cron_stats WHERE name = ? ORDER BY id DESC LIMIT ?', [name, limit]);
    return rows.map((r) => ({
      id: Number(r['id']), name: String(r['name']), instance: String(r['instance']), type: r['stats_type'] as CronRunType,
      status: r['status'] as CronRunStatus, createdAt: r['created_at'] as Date, updatedAt: r['updated_at'] as Date,
      errors: (typeof r['errors'] === 'string' ? JSON.parse(r['errors']) : r['errors'] ?? null) as Record<string, string> | null,
    }));
  }
}
