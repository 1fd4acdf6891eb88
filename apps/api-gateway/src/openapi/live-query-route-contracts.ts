import {
  hostQuerySchema, runByIdentifiersSchema, runCampaignSchema, syncRunSchema, targetsSearchSchema,
} from '../live-query/live-query.schema';
import type { RouteContract } from './route-contracts';

/**
 * Contracts of the live-query routes (apps/api-gateway/src/live-query, fleet-admin-api.md §1.6). Their
 * request schemas are that folder's own; response bodies are described there and left open here.
 */
export const LIVE_QUERY_ROUTE_CONTRACTS: Readonly<Record<string, RouteContract>> = {
  'POST /queries/run': { summary: 'Start a live query campaign', body: runCampaignSchema },
  'POST /queries/run_by_identifiers': { summary: 'Start a live query campaign on hosts named by identifier', body: runByIdentifiersSchema },
  'POST /queries/run_by_names': { summary: 'Start a live query campaign on hosts, labels and teams named by name', body: runByIdentifiersSchema },
  'DELETE /queries/run/:id': { summary: 'Stop a live query campaign' },
  'POST /queries/:id/run': { summary: 'Run a saved query on hosts and wait for the results', body: syncRunSchema },
  'POST /hosts/:id/query': { summary: 'Run SQL on one host and wait for the result', body: hostQuerySchema },
  'POST /targets': { summary: 'Search live-query targets', body: targetsSearchSchema },
  'POST /targets/count': { summary: 'Count live-query targets', body: targetsSearchSchema },
  'GET /results/:id/events': { summary: "A campaign's results as server-sent events" },
  'GET /status/live_query': { summary: 'Whether live queries can run (403 "disabled by administrator" when switched off)' },
  'GET /status/result_store': { summary: 'Whether the result store (Redis) answers' },
};
