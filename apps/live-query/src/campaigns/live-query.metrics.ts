import { Injectable, Optional } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { CampaignStore } from '@fleet/messaging';
import { MetricsRegistry } from '@fleet/observability';

const ANSWER_BUCKETS = [0.25, 0.5, 1, 2, 3, 5, 8, 10, 15, 20, 30, 60, 120, 300, 600];

/**
 * Campaign metrics, counted by the replica that holds a campaign's lease, so each event is counted once across
 * replicas: campaigns started and finished (by outcome), seconds from launch to the first and to the last
 * answer, rows streamed. `fleet_live_query_campaigns_active` is read from Redis at scrape time (the same value on
 * every replica): the signal the chart's KEDA ScaledObject scales the role on.
 */
@Injectable()
export class LiveQueryMetrics {
  readonly started: Counter;
  readonly finished: Counter<'status'>;
  readonly firstAnswer: Histogram;
  readonly lastAnswer: Histogram;
  readonly rows: Counter;
  readonly answers: Counter;

  constructor(metrics: MetricsRegistry, @Optional() campaigns?: CampaignStore) {
    this.started = metrics.counter('fleet_live_query_campaigns_started_total', 'Live-query campaigns seen running by the live-query role');
    this.finished = metrics.counter('fleet_live_query_campaigns_finished_total', 'Live-query campaigns ended, by outcome', ['status']);
    this.firstAnswer = metrics.histogram('fleet_live_query_first_answer_seconds', 'Seconds from campaign launch to the first host answer', ANSWER_BUCKETS);
    this.lastAnswer = metrics.histogram('fleet_live_query_last_answer_seconds', 'Seconds from campaign launch to the last host answer', ANSWER_BUCKETS);
    this.rows = metrics.counter('fleet_live_query_rows_total', 'Result rows streamed through live-query campaigns');
    this.answers = metrics.counter('fleet_live_query_answers_total', 'Host answers received by live-query campaigns');
    if (campaigns) {
      metrics.gauge('fleet_live_query_campaigns_active', 'Live-query campaigns running now (read from Redis at scrape time)', [], async (g) => {
        g.set((await campaigns.activeIds()).length);
      });
    }
  }
}
