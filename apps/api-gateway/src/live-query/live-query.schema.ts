import { z } from 'zod';

const ids = z.array(z.number().int().nonnegative()).nullish().transform((v) => v ?? []);
const names = z.array(z.string()).nullish().transform((v) => v ?? []);

/** `selected` of POST /queries/run and /targets (fleet-admin-api.md §1.6); null lists are empty. */
export const selectedIdsSchema = z.object({ hosts: ids, labels: ids, teams: ids }).nullish()
  .transform((v) => ({ hostIds: v?.hosts ?? [], labelIds: v?.labels ?? [], teamIds: v?.teams ?? [] }));

const queryOrId = {
  query: z.string().nullish(),
  query_id: z.number().int().positive().nullish(),
};

export const runCampaignSchema = z.object({ ...queryOrId, selected: selectedIdsSchema });

/** run_by_identifiers / run_by_names: hosts by hostname, uuid or serial; labels by name. */
export const runByIdentifiersSchema = z.object({
  ...queryOrId,
  selected: z.object({ hosts: names, labels: names }).nullish().transform((v) => ({ hosts: v?.hosts ?? [], labels: v?.labels ?? [] })),
});

export const targetsSearchSchema = z.object({ query: z.string().nullish(), query_id: z.number().int().nullish(), selected: selectedIdsSchema });

export const syncRunSchema = z.object({ host_ids: z.array(z.number().int().positive()).min(1, 'host_ids must not be empty') });

export const hostQuerySchema = z.object({ query: z.string().trim().min(1, 'query is required') });

export type RunCampaignRequest = z.output<typeof runCampaignSchema>;
export type RunByIdentifiersRequest = z.output<typeof runByIdentifiersSchema>;
