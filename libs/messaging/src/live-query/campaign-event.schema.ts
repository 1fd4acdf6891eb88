import { z } from 'zod';
import { isJsonObject } from '@fleet/domain';

/**
 * Entries of a campaign's results stream (field `m`, JSON). `result` entries are written by the ingest role
 * (live-query.writer.ts); `totals` by whoever launches the campaign; `status` by the live-query supervisor
 * while counting answers, and a final `status` with `ended` set when the campaign ends. Readers validate
 * every entry and skip what they do not understand, so a newer writer cannot crash an older reader.
 */
const row = z.record(z.string(), z.unknown());

export const resultEventSchema = z.object({
  type: z.literal('result'),
  host_id: z.number(),
  hostname: z.string(),
  rows: z.array(row),
  error: z.string().nullable(),
  stats: z.record(z.string(), z.unknown()).nullable().optional(),
  at: z.number(),
});

export const totalsEventSchema = z.object({
  type: z.literal('totals'),
  count: z.number(),
  online: z.number(),
  offline: z.number(),
  missing_in_action: z.number(),
});

export const statusEventSchema = z.object({
  type: z.literal('status'),
  expected_results: z.number(),
  actual_results: z.number(),
  status: z.enum(['pending', 'finished']),
  /** Present on the last entry of a campaign: how it ended. */
  ended: z.enum(['completed', 'stopped', 'timed_out']).optional(),
});

export const campaignEventSchema = z.discriminatedUnion('type', [resultEventSchema, totalsEventSchema, statusEventSchema]);

export type CampaignEvent = z.infer<typeof campaignEventSchema>;
export type ResultEvent = z.infer<typeof resultEventSchema>;
export type StatusEvent = z.infer<typeof statusEventSchema>;
export type CampaignEndReason = NonNullable<StatusEvent['ended']>;

/**
 * A campaign event as it is stored in the stream's `m` field. Only `encodeCampaignEvent` makes one, so what a
 * store appends has been built as a typed event, never as hand-written JSON.
 */
export type EncodedCampaignEvent<E extends CampaignEvent = CampaignEvent> = string & { readonly __encodes: E['type'] };

export const encodeCampaignEvent = <E extends CampaignEvent>(event: E): EncodedCampaignEvent<E> => JSON.stringify(event) as EncodedCampaignEvent<E>;

/** A parsed stream entry; `id` is the Redis stream id, used as the SSE event id and the resume point. */
export interface CampaignStreamEntry {
  readonly id: string;
  readonly event: CampaignEvent;
}

/** Parses one entry's `m` field; null when malformed or of an unknown type. */
export function parseCampaignEvent(raw: string | undefined): CampaignEvent | null {
  if (raw === undefined) return null;
  try {
    const value: unknown = JSON.parse(raw);
    const fast = wellFormedResult(value);
    if (fast) return fast;
    const r = campaignEventSchema.safeParse(value);
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

const RESULT_KEYS = new Set(Object.keys(resultEventSchema.shape));

/**
 * A result event exactly as `resultEventSchema` would give it, or null to let the schema decide. A campaign to
 * every host has one such entry per host, and the schema copied every row and value (2 % of the server's CPU
 * while 10,000 answers streamed to a client); an entry written by live-query.writer.ts passes as it is.
 */
function wellFormedResult(value: unknown): ResultEvent | null {
  if (!isJsonObject(value) || value['type'] !== 'result') return null;
  for (const key in value) if (!RESULT_KEYS.has(key)) return null;
  const { host_id: hostId, hostname, rows, error, stats, at } = value;
  if (typeof hostId !== 'number' || !Number.isFinite(hostId) || typeof hostname !== 'string' || typeof at !== 'number' || !Number.isFinite(at)) return null;
  if (!(error === null || typeof error === 'string')) return null;
  if (!(stats === undefined || stats === null || isJsonObject(stats))) return null;
  if (!Array.isArray(rows) || !rows.every(isJsonObject)) return null;
  return value as ResultEvent;
}

export const isFinalEvent = (e: CampaignEvent): boolean => e.type === 'status' && e.ended !== undefined;
