import type { OsqueryRow } from '@fleet/contracts';
import { encodeCampaignEvent } from '@fleet/messaging';
import type { EncodedCampaignEvent, ResultEvent } from '@fleet/messaging';

/** One host's answer to one live-query campaign, as read from its distributed/write. */
export interface LiveQueryAnswer {
  readonly campaignId: number;
  readonly hostId: number;
  readonly hostname: string;
  readonly rows: OsqueryRow[];
  readonly error: string | null;
  readonly stats: Readonly<Record<string, number | undefined>>;
}

export interface AnswerEvent {
  readonly encoded: EncodedCampaignEvent<ResultEvent>;
  /** The answer was over the limit: the event carries an error in place of its rows. */
  readonly tooLarge: boolean;
}

/**
 * The `result` event of a campaign stream for one answer. An answer whose event would exceed `limitBytes`
 * (`osquery.max_live_query_answer_size`) becomes that host's error without rows, so one host cannot fill
 * Redis or a campaign's stream.
 */
export function answerEvent(answer: LiveQueryAnswer, atMs: number, limitBytes: number): AnswerEvent {
  const event: ResultEvent = { type: 'result', host_id: answer.hostId, hostname: answer.hostname, rows: answer.rows, error: answer.error, stats: answer.stats, at: atMs };
  const encoded = encodeCampaignEvent(event);
  if (Buffer.byteLength(encoded) <= limitBytes) return { encoded, tooLarge: false };
  const error = `results exceed the limit of ${limitBytes} bytes per host (osquery.max_live_query_answer_size)`;
  return { encoded: encodeCampaignEvent({ ...event, rows: [], error }), tooLarge: true };
}
