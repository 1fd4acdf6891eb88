import type { DataSource } from 'typeorm';

export type CampaignStatus = 'waiting' | 'running' | 'completed' | 'stopped' | 'timed_out';
export type CampaignEndStatus = Extract<CampaignStatus, 'completed' | 'stopped' | 'timed_out'>;

export interface CampaignRecord {
  readonly id: number;
  readonly queryId: number | null;
  readonly query: string;
  readonly status: CampaignStatus;
  readonly userId: number | null;
  readonly targeted: number;
  readonly online: number;
  readonly offline: number;
  readonly missing: number;
  readonly responded: number;
  readonly failed: number;
  readonly rows: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}

export interface NewCampaign {
  readonly queryId: number | null;
  readonly query: string;
  readonly userId: number;
  readonly targeted: number;
  readonly online: number;
  readonly offline: number;
  readonly missing: number;
}

export interface CampaignOutcome {
  readonly responded: number;
  readonly failed: number;
  readonly rows: number;
}

/** A saved query as a live query needs it: its SQL, its team (null = global) and whether observers may run it. */
export interface RunnableQuery {
  readonly id: number;
  readonly name: string;
  readonly query: string;
  readonly teamId: number | null;
  readonly observerCanRun: boolean;
}

type Row = Record<string, unknown>;

const toCampaign = (r: Row): CampaignRecord => ({
  id: Number(r['id']), queryId: r['query_id'] === null ? null : Number(r['query_id']), query: String(r['query']),
  status: String(r['status']) as CampaignStatus, userId: r['user_id'] === null ? null : Number(r['user_id']),
  targeted: Number(r['targeted_count']), online: Number(r['online_count']), offline: Number(r['offline_count']), missing: Number(r['missing_count']),
  responded: Number(r['responded_count']), failed: Number(r['failed_count']), rows: Number(r['rows_count']),
  createdAt: r['created_at'] as Date, updatedAt: r['updated_at'] as Date, finishedAt: (r['finished_at'] as Date | null) ?? null,
});

/**
 * Campaign rows. A campaign is created `waiting`, becomes `running` once its Redis keys are written, and is
 * finished exactly once: `finish` only changes a row that has no `finished_at`, so two replicas ending the
 * same campaign (stop racing a timeout) cannot overwrite each other's outcome.
 */
export class CampaignRepository {
  constructor(private readonly ds: DataSource) {}

  async create(c: NewCampaign): Promise<CampaignRecord> {
    const res = await this.ds.query<{ insertId: number }>(
      'INSERT INTO distributed_query_campaigns (query_id, query, status, user_id, targeted_count, online_count, offline_count, missing_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [c.queryId, c.query, 'waiting', c.userId, c.targeted, c.online, c.offline, c.missing]);
    const created = await this.findById(res.insertId);
    if (!created) throw new Error(`campaign ${res.insertId} vanished after insert`);
    return created;
  }

  async findById(id: number): Promise<CampaignRecord | null> {
    const [row] = await this.ds.query<Row[]>('SELECT * FROM distributed_query_campaigns WHERE id = ?', [id]);
    return row ? toCampaign(row) : null;
  }

  async markRunning(id: number): Promise<void> {
    await this.ds.query("UPDATE distributed_query_campaigns SET status = 'running' WHERE id = ? AND status = 'waiting'", [id]);
  }

  /** True when this call ended the campaign, false when it had already ended. */
  async finish(id: number, status: CampaignEndStatus, outcome: CampaignOutcome): Promise<boolean> {
    const res = await this.ds.query<{ affectedRows: number }>(
      'UPDATE distributed_query_campaigns SET status = ?, responded_count = ?, failed_count = ?, rows_count = ?, finished_at = CURRENT_TIMESTAMP(6) WHERE id = ? AND finished_at IS NULL',
      [status, outcome.responded, outcome.failed, outcome.rows, id]);
    return res.affectedRows > 0;
  }

  async findRunnableQuery(id: number): Promise<RunnableQuery | null> {
    const [r] = await this.ds.query<Row[]>('SELECT id, name, query, team_id, observer_can_run FROM queries WHERE id = ?', [id]);
    if (!r) return null;
    return { id: Number(r['id']), name: String(r['name']), query: String(r['query']), teamId: r['team_id'] === null ? null : Number(r['team_id']), observerCanRun: Number(r['observer_can_run']) === 1 };
  }
}
