import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { LogRecord } from '@fleet/contracts';
import { jsonText } from '@fleet/domain';
import { LiveQueryAnswerStore } from '@fleet/messaging';
import { LogBufferWriter } from '../log/delivery/log-buffer.writer';
import { LogRouter } from '../log/routing/log-router';
import { RoutingFactsCache } from '../log/routing/routing-facts.cache';
import type { LiveQueryAnswer } from './live-query-answer';

/** A campaign's logging choice is re-read at most this often. */
const CAMPAIGN_TTL_MS = 5000;

/**
 * Live-query answers to the log destinations: every row of an answer (or its error) as one `live_query` line
 * with the campaign id, the query and the host's identity, routed by the destinations' rules and buffered
 * like /log lines. For campaigns started with `log_results`, or every campaign with
 * `log_routing.live_query_results`. The answer's lines are buffered before the answer is stored, under a
 * batch key of campaign and host, so an agent's resend (after an error) buffers nothing twice, and ids
 * `lq-<campaign>-<host>-<row>` let destinations drop repeats.
 */
@Injectable()
export class LiveQueryLogger {
  private readonly campaigns = new Map<number, { at: number; log: boolean; queryName: string | null; sql: string | null }>();

  constructor(
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    private readonly answers: LiveQueryAnswerStore,
    private readonly router: LogRouter,
    private readonly buffers: LogBufferWriter,
    private readonly facts: RoutingFactsCache,
  ) {}

  /** Buffers the answer's lines when its campaign is logged and the host is still expected to answer it. */
  async log(answer: LiveQueryAnswer, nowMs: number): Promise<void> {
    if (!this.router.takes('live_query')) return;
    const campaign = await this.campaign(answer.campaignId, nowMs);
    if (!campaign.log) return;
    if ((await this.answers.awaitingAnswer(answer.hostId, [answer.campaignId])).length === 0) return;
    const host = await this.facts.host(answer.hostId);
    if (!host) return;
    const base = {
      name: campaign.queryName ?? 'live_query', action: 'live_query', campaign_id: answer.campaignId, query: campaign.sql,
      host_id: answer.hostId, hostname: answer.hostname, hostIdentifier: host.osqueryHostId, unixTime: Math.floor(nowMs / 1000),
    };
    const lines = answer.error !== null ? [jsonText({ ...base, error: answer.error })] : answer.rows.map((row) => jsonText({ ...base, columns: row }));
    const records: LogRecord[] = lines.map((line, i) => ({ id: `lq-${answer.campaignId}-${answer.hostId}-${i}`, type: 'live_query', line }));
    const routed = await this.router.route({ id: answer.hostId, teamId: host.teamId, platform: host.platform },
      records.map((record) => ({ record, queryName: campaign.queryName, packName: null })));
    await this.buffers.append(`lq/${answer.campaignId}/${answer.hostId}`, routed);
  }

  private async campaign(id: number, nowMs: number): Promise<{ log: boolean; queryName: string | null; sql: string | null }> {
    const hit = this.campaigns.get(id);
    if (hit && nowMs - hit.at < CAMPAIGN_TTL_MS) return hit;
    const [{ logResults, queryName }, sql] = await Promise.all([this.answers.logging(id), this.answers.sql(id)]);
    const entry = { at: nowMs, log: logResults || this.config.log_routing.live_query_results, queryName, sql };
    if (this.campaigns.size > 10_000) this.campaigns.clear();
    this.campaigns.set(id, entry);
    return entry;
  }
}
