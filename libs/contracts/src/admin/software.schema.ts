import { z } from 'zod';
import { listQuerySchema, optionalIntParam } from './list-query.schema';
import { querySequence } from './query-sequence.schema';

/** An optional team (0 = hosts with no team) whose hosts are counted. */
export const softwareTeamQuerySchema = z.object({ team_id: optionalIntParam }).passthrough();
/** The software lists: paging and ordering first, then the team, each with Fleet's 400 reasons. */
export const softwareListQuerySchema = querySequence({ list: listQuerySchema, team: softwareTeamQuerySchema });

/** A software version with the number of hosts that have it (fleet-admin-api.md §1.14). */
export const softwareVersionSchema = z.object({
  id: z.number(), name: z.string(), version: z.string(), source: z.string(), browser: z.string(), release: z.string(),
  vendor: z.string(), arch: z.string(), generated_cpe: z.string(), vulnerabilities: z.null(), hosts_count: z.number(),
});
export const softwareListResponseSchema = z.object({
  counts_updated_at: z.string().nullable(), count: z.number(), software: z.array(softwareVersionSchema),
  meta: z.object({ has_next_results: z.boolean(), has_previous_results: z.boolean() }),
});
export const softwareVersionResponseSchema = z.object({ software: softwareVersionSchema });
