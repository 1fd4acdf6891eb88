import type { DataSource } from 'typeorm';
import type { Activity, ActivityActor, ActivityFilter, ListOptions, Page } from '@fleet/domain';
import { likeTerm, orderAndLimit, toPage } from './sql-page';

type Row = Record<string, unknown>;

const toActivity = (r: Row): Activity => ({
  id: Number(r['id']), createdAt: r['created_at'] as Date, actorId: r['user_id'] === null ? null : Number(r['user_id']),
  actorName: (r['user_name'] as string | null) ?? null, actorEmail: String((r['user_email'] as string | null) ?? ''), type: String(r['activity_type']),
  details: (typeof r['details'] === 'string' ? JSON.parse(r['details']) : r['details'] ?? {}) as Record<string, unknown>,
  fleetInitiated: r['fleet_initiated'] === 1,
});

/** The audit log. Actor name and email are copied at write time so entries survive the user's deletion. */
export class ActivityRepository {
  constructor(private readonly ds: DataSource) {}

  async record(actor: ActivityActor | null, type: string, details: Record<string, unknown>): Promise<void> {
    await this.ds.query('INSERT INTO activities (user_id, user_name, user_email, activity_type, details, fleet_initiated) VALUES (?, ?, ?, ?, ?, ?)',
      [actor?.id ?? null, actor?.name ?? null, actor?.email ?? '', type, JSON.stringify(details), actor === null]);
  }

  /** Entries that name the host (`host_id`, or among `host_ids`), newest first. A scan of the log's JSON details. */
  async listForHost(hostId: number, opts: ListOptions): Promise<Page<Activity>> {
    const order = orderAndLimit({ ...opts, orderKey: 'id', orderDirection: 'desc' }, { id: 'id' }, 'id');
    const rows = await this.ds.query<Row[]>(
      `SELECT * FROM activities WHERE JSON_EXTRACT(details, '$.host_id') = ? OR JSON_CONTAINS(details, ?, '$.host_ids')${order}`, [hostId, String(hostId)]);
    return toPage(rows.map(toActivity), opts);
  }

  /** `query` matches the actor's name or email (as Fleet's does); the filter narrows by type and time. */
  async list(opts: ListOptions & ActivityFilter): Promise<Page<Activity>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (opts.query) {
      where.push('(user_name LIKE ? OR user_email LIKE ?)');
      params.push(likeTerm(opts.query), likeTerm(opts.query));
    }
    if (opts.type) { where.push('activity_type = ?'); params.push(opts.type); }
    if (opts.createdFrom) { where.push('created_at >= ?'); params.push(opts.createdFrom); }
    if (opts.createdTo) { where.push('created_at <= ?'); params.push(opts.createdTo); }
    const order = orderAndLimit(opts, { created_at: 'created_at', id: 'id', type: 'activity_type' }, 'id');
    const rows = await this.ds.query<Row[]>(`SELECT * FROM activities${where.length ? ` WHERE ${where.join(' AND ')}` : ''}${order}`, params);
    return toPage(rows.map(toActivity), opts);
  }
}
