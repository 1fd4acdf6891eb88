import { Inject, Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { DomainError } from '@fleet/domain';
import { LiveQueryAnswerStore } from '@fleet/messaging';
import type { EncodedCampaignEvent, ResultEvent } from '@fleet/messaging';
import { MetricsRegistry } from '@fleet/observability';
import { answerEvent } from './live-query-answer';
import { LiveQueryLogger } from './live-query.logger';
import type { LiveQueryAnswer } from './live-query-answer';

const APPENDS_AT_ONCE = 100;
/** Most answers sent to Redis in one script call (one campaign's answers gathered over one event-loop turn). */
const ANSWERS_PER_CALL = 250;

interface Waiting {
  readonly hostId: number;
  readonly event: EncodedCampaignEvent<ResultEvent>;
  readonly resolve: (stored: boolean) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Live-query answers go to the campaign's Redis stream, where any gateway replica can stream them. Only
 * targeted hosts that have not answered yet are heard (LiveQueryAnswerStore refuses the others), and one
 * answer is at most `osquery.max_live_query_answer_size` bytes: a bigger one is stored as that host's error,
 * so a campaign's stream is bounded by its targets and a host cannot fill Redis or another team's campaign.
 * Answers are not sent one by one: those of one campaign that arrive in the same turn of the event loop (from
 * any number of agent requests) go to Redis in one script call, so a campaign to every host costs Redis and
 * this process a call per batch instead of one per host, and each request is answered when its batch is in.
 */
@Injectable()
export class LiveQueryWriter {
  private readonly refused: Counter<'reason'>;
  private readonly batches: Counter;
  private pending = new Map<number, Waiting[]>();
  private flushScheduled = false;

  constructor(
    private readonly store: LiveQueryAnswerStore,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    metrics: MetricsRegistry,
    private readonly logs: LiveQueryLogger,
  ) {
    this.refused = metrics.counter('fleet_live_query_answers_refused_total', 'Live-query answers not stored, by reason', ['reason']);
    this.batches = metrics.counter('fleet_live_query_answer_batches_total', 'Redis calls that stored live-query answers (each carries one or more answers)');
  }

  /**
   * Resolves with the number of answers stored; refused ones are counted, never an error for the agent.
   * Answers go to Redis APPENDS_AT_ONCE at a time: a write naming thousands of campaigns then waits on Redis
   * between groups instead of encoding and sending them all in one turn of the event loop.
   */
  async append(answers: readonly LiveQueryAnswer[], nowMs: number): Promise<number> {
    if (answers.length === 0) return 0;
    const limit = this.config.osquery.max_live_query_answer_size;
    try {
      let stored = 0;
      for (let i = 0; i < answers.length; i += APPENDS_AT_ONCE) {
        const appended = await Promise.all(
          answers.slice(i, i + APPENDS_AT_ONCE).map(async (a) => {
            await this.logs.log(a, nowMs);
            const { encoded, tooLarge } = answerEvent(a, nowMs, limit);
            if (tooLarge) this.refused.inc({ reason: 'too_large' });
            const ok = await this.enqueue(a.campaignId, a.hostId, encoded);
            if (!ok) this.refused.inc({ reason: 'not_targeted' });
            return ok;
          }),
        );
        stored += appended.filter(Boolean).length;
      }
      return stored;
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError('DEPENDENCY_UNAVAILABLE', 'could not store live query results', { cause: (err as Error).message });
    }
  }

  /** Queues one answer for the next batch of its campaign; resolves with whether Redis stored it. */
  private enqueue(campaignId: number, hostId: number, event: EncodedCampaignEvent<ResultEvent>): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      let list = this.pending.get(campaignId);
      if (!list) this.pending.set(campaignId, (list = []));
      list.push({ hostId, event, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Sends every queued answer, one script call per campaign and ANSWERS_PER_CALL answers. */
  private flush(): void {
    this.flushScheduled = false;
    const pending = this.pending;
    this.pending = new Map();
    for (const [campaignId, list] of pending) {
      for (let i = 0; i < list.length; i += ANSWERS_PER_CALL) {
        const batch = list.slice(i, i + ANSWERS_PER_CALL);
        this.batches.inc();
        this.store.appendMany(campaignId, batch).then(
          (flags) => batch.forEach((w, j) => w.resolve(flags[j] === true)),
          (err: unknown) => batch.forEach((w) => w.reject(err)),
        );
      }
    }
  }
}
