import { z } from 'zod';
import { hostSchema } from './host.schema';

const ids = z.array(z.number().int().nonnegative()).nullish().transform((v) => v ?? []);
const names = z.array(z.string()).nullish().transform((v) => v ?? []);

/** `selected` of POST /queries/run and /targets (fleet-admin-api.md §1.6); null lists are empty. */
export const selectedIdsSchema = z.object({ hosts: ids, labels: ids, teams: ids }).nullish()
  .transform((v) => ({ hostIds: v?.hosts ?? [], labelIds: v?.labels ?? [], teamIds: v?.teams ?? [] }));

const queryOrId = {
  query: z.string().nullish(),
  query_id: z.number().int().positive().nullish(),
};

const QUERY_REQUIRED = 'one of query or query_id must be specified';
const hasQuery = (v: { query?: string | null; query_id?: number | null }): boolean => Boolean(v.query?.trim()) || Boolean(v.query_id);

/** POST /queries/run: ad-hoc SQL or a saved query's id, on hosts, labels and teams by id. */
/**
 * Our additions to POST /queries/run: `wait` keeps the campaign open for every target, offline ones too, for
 * that long (`90m`, `24h`, `7d` or seconds; 1 minute to 30 days): hosts answer when they next check in, and the
 * answers are kept in MySQL; `log_results` sends every answer row to the log destinations routing `live_query`.
 */
const campaignOptions = {
  wait: z.union([z.string(), z.number()]).optional(),
  log_results: z.boolean().optional(),
};

export const runCampaignSchema = z.object({ ...queryOrId, selected: selectedIdsSchema, ...campaignOptions })
  .refine(hasQuery, { message: QUERY_REQUIRED, path: ['query'] });

/** run_by_identifiers / run_by_names: hosts by hostname, uuid or serial; labels by name. */
export const runByIdentifiersSchema = z.object({
  ...queryOrId,
  selected: z.object({ hosts: names, labels: names }).nullish().transform((v) => ({ hosts: v?.hosts ?? [], labels: v?.labels ?? [] })),
}).refine(hasQuery, { message: QUERY_REQUIRED, path: ['query'] });

export const targetsSearchSchema = z.object({ query: z.string().nullish(), query_id: z.number().int().nullish(), selected: selectedIdsSchema });

export const syncRunSchema = z.object({ host_ids: z.array(z.number().int().positive()).min(1, 'host_ids must not be empty') });

export const hostQuerySchema = z.object({ query: z.string().trim().min(1, 'query is required') });

export type RunCampaignRequest = z.output<typeof runCampaignSchema>;
export type RunByIdentifiersRequest = z.output<typeof runByIdentifiersSchema>;

/** Fleet's campaign object; `status` is 0 waiting, 1 running, 2 finished. */
export const campaignSchema = z.object({
  id: z.number(), query_id: z.number().nullable(), status: z.number(), user_id: z.number().nullable(), created_at: z.string(), updated_at: z.string(),
  Metrics: z.object({ TotalHosts: z.number(), OnlineHosts: z.number(), OfflineHosts: z.number(), MissingInActionHosts: z.number(), NewHosts: z.number() }),
});
export type CampaignDto = z.input<typeof campaignSchema>;
export const campaignResponseSchema = z.object({ campaign: campaignSchema });

/** GET /queries/run/:id: where a campaign stands, and (while it runs) which targets have not answered yet. */
export const campaignStatusResponseSchema = z.object({
  campaign_id: z.number(),
  status: z.enum(['waiting', 'running', 'completed', 'stopped', 'timed_out']),
  wait_until: z.string().nullable(),
  log_results: z.boolean(),
  targeted: z.number(), responded: z.number(), failed: z.number(),
  /** Hosts still expected to answer (at most 10,000 listed); empty once the campaign ended. */
  pending_host_ids: z.array(z.number()),
  pending_count: z.number(),
});

/** GET /queries/run/:id/results: a waiting campaign's kept answers, one per host, in the order they came. */
export const campaignResultsResponseSchema = z.object({
  campaign_id: z.number(),
  count: z.number(),
  results: z.array(z.object({
    host_id: z.number(), hostname: z.string(), answered_at: z.string(), error: z.string().nullable(), rows: z.array(z.record(z.string(), z.unknown())),
  })),
  meta: z.object({ has_next_results: z.boolean(), has_previous_results: z.boolean() }),
});

const targetCounts = { targets_count: z.number(), targets_online: z.number(), targets_offline: z.number(), targets_missing_in_action: z.number() };
export const targetsCountResponseSchema = z.object(targetCounts);
export const targetsSearchResponseSchema = z.object({
  targets: z.object({
    hosts: z.array(hostSchema),
    labels: z.array(z.object({
      created_at: z.string(), updated_at: z.string(), id: z.number(), name: z.string(), description: z.string(), query: z.string(),
      label_type: z.enum(['builtin', 'regular']), label_membership_type: z.enum(['dynamic', 'manual']), host_count: z.number(), count: z.number(),
      display_text: z.string(),
    })),
    teams: z.array(z.object({
      id: z.number(), created_at: z.string(), name: z.string(), description: z.string(), agent_options: z.record(z.string(), z.unknown()).nullable(),
      user_count: z.number(), host_count: z.number(), display_text: z.string(), count: z.number(),
    })),
  }),
  ...targetCounts,
});

const resultRow = z.record(z.string(), z.unknown());

/** POST /queries/:id/run: the first answer of each host that answered within the rest period. */
export const savedRunResponseSchema = z.object({
  query_id: z.number(), targeted_host_count: z.number(), responded_host_count: z.number(),
  results: z.array(z.object({ host_id: z.number(), rows: z.array(resultRow), error: z.string().nullable() })),
});
export type SavedRunDto = z.input<typeof savedRunResponseSchema>;

/** POST /hosts/:id/query: one host's answer, or why there is none (offline, timeout). */
export const hostQueryResponseSchema = z.object({
  host_id: z.number(), query: z.string(), status: z.enum(['online', 'offline']), error: z.string().nullable(), rows: z.array(resultRow),
});
export type HostQueryDto = z.input<typeof hostQueryResponseSchema>;

/** GET /results/:id/events: a text/event-stream, not JSON; the handler writes it and returns nothing. */
export const campaignEventStreamSchema = z.void();

/** `GET /queries/run` (Fleet's older synchronous route): saved queries by id on hosts by id; empty lists are the service's 400. */
export const runQueriesSyncSchema = z.object({
  query_ids: z.array(z.number().int().positive()).nullish().transform((v) => v ?? []),
  host_ids: z.array(z.number().int().positive()).nullish().transform((v) => v ?? []),
});

/** Its answer: per query the first answer of each host within the rest period; `error` and null results when the query could not run. */
export const runQueriesSyncResponseSchema = z.object({
  summary: z.object({ targeted_host_count: z.number(), responded_host_count: z.number() }),
  live_query_results: z.array(z.object({
    query_id: z.number(), error: z.string().optional(),
    results: z.array(z.object({ host_id: z.number(), rows: z.array(resultRow), error: z.string().nullable() })).nullable(),
  })),
});
export type RunQueriesSyncDto = z.input<typeof runQueriesSyncResponseSchema>;

export const hostIdentifierQueryParams = z.object({ identifier: z.string() });
