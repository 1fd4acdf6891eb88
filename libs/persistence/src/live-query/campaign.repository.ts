import type { DataSource } from 'typeorm';
import type { Campaign, CampaignAnswer, CampaignEndStatus, CampaignOutcome, CampaignStatus, NewCampaign, RunnableQuery } from '@fleet/domain';

/** A distributed_query_campaigns row. */
interface CampaignRow {
  readonly id: number;
  readonly query_id: number | null;
  readonly query: string;
  readonly status: CampaignStatus;
  readonly user_id: number | null;
  readonly targeted_count: number;
  readonly online_count: number;
  readonly offline_count: number;
  readonly missing_count: number;
  readonly responded_count: number;
  readonly failed_count: number;
  readonly rows_count: number;
  readonly created_at: Date;
  readonly updated_at: Date;
  readonly finished_at: Date | null;
  readonly wait_until: Date | null;
  readonly log_results: number;
}

interface QueryRow { readonly id: number; readonly name: string; readonly query: string; readonly team_id: number | null; readonly observer_can_run: number }

const toCampaign = (r: CampaignRow): Campaign => ({
  id: Number(r.id), queryId: r.query_id === null ? null : Number(r.query_id), query: String(r.query),
  status: r.status, userId: r.user_id === null ? null : Number(r.user_id),
  targeted: Number(r.targeted_count), online: Number(r.online_count), offline: Number(r.offline_count), missing: Number(r.missing_count),
  responded: Number(r.responded_count), failed: Number(r.failed_count), rows: Number(r.rows_count),
  createdAt: r.created_at, updatedAt: r.updated_at, finishedAt: r.finished_at ?? null,
  waitUntil: r.wait_until ?? null, logResults: Number(r.log_results) === 1,
});

/**
 * Campaign rows. A campaign is created `waiting`, becomes `running` once its Redis keys are written, and is
 * finished exactly once: `finish` only changes a row that has no `finished_at`, so two replicas ending the
 * same campaign (stop racing a timeout) cannot overwrite each other's outcome.
 */
export class CampaignRepository {
  constructor(private readonly ds: DataSource) {}

  async create(c: NewCampaign): Promise<Campaign> {
    const res = await this.ds.query<{ insertId: number }>(
      'INSERT INTO distributed_query_campaigns (query_id, query, status, user_id, targeted_count, online_count, offline_count, missing_count, wait_until, log_results) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [c.queryId, c.query, 'waiting', c.userId, c.targeted, c.online, c.offline, c.missing, c.waitUntil ?? null, c.logResults ? 1 : 0]);
    const created = await this.findById(res.insertId);
    if (!created) throw new Error(`campaign ${res.insertId} vanished after insert`);
    return created;
  }

  async findById(id: number): Promise<Campaign | null> {
    const [row] = await this.ds.query<CampaignRow[]>('SELECT * FROM distributed_query_campaigns WHERE id = ?', [id]);
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
    const [r] = await this.ds.query<QueryRow[]>('SELECT id, name, query, team_id, observer_can_run FROM queries WHERE id = ?', [id]);
    if (!r) return null;
    return { id: Number(r.id), name: String(r.name), query: String(r.query), teamId: r.team_id === null ? null : Number(r.team_id), observerCanRun: Number(r.observer_can_run) === 1 };
  }

  /** Keeps answers of a waiting campaign; a host's second answer (a replayed batch) changes nothing. */
  async saveResults(campaignId: number, answers: readonly CampaignAnswer[]): Promise<void> {
    if (answers.length === 0) return;
    const values = answers.map((a) => [campaignId, a.hostId, a.hostname.slice(0, 255), new Date(a.at), a.error, a.rows.length, JSON.stringify(a.rows)]);
    for (let i = 0; i < values.length; i += 500) {
      await this.ds.query('INSERT IGNORE INTO campaign_results (campaign_id, host_id, hostname, answered_at, error, row_count, rows_json) VALUES ?', [values.slice(i, i + 500)]);
    }
  }

  /** A page of a campaign's kept answers, in the order they came, and how many there are. */
  async results(campaignId: number, page: { readonly limit: number; readonly offset: number }): Promise<{ answers: CampaignAnswer[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.ds.query<Array<{ host_id: number; hostname: string; answered_at: Date; error: string | null; rows_json: string }>>(
        'SELECT host_id, hostname, answered_at, error, rows_json FROM campaign_results WHERE campaign_id = ? ORDER BY id LIMIT ? OFFSET ?', [campaignId, page.limit, page.offset]),
      this.ds.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM campaign_results WHERE campaign_id = ?', [campaignId]),
    ]);
    return {
      answers: rows.map((r) => ({ hostId: Number(r.host_id), hostname: String(r.hostname), at: new Date(r.answered_at).getTime(), error: r.error, rows: JSON.parse(r.rows_json) as Array<Record<string, unknown>> })),
      total: Number(count[0]?.n ?? 0),
    };
  }
}
