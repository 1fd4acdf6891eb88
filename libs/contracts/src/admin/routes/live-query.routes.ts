import { z } from 'zod';
import {
  campaignEventStreamSchema, campaignResponseSchema, campaignResultsResponseSchema, campaignStatusResponseSchema, hostIdentifierQueryParams, hostQueryResponseSchema, hostQuerySchema, runByIdentifiersSchema,
  runCampaignSchema, runQueriesSyncResponseSchema, runQueriesSyncSchema, savedRunResponseSchema, syncRunSchema, targetsCountResponseSchema,
  targetsSearchResponseSchema, targetsSearchSchema,
} from '../live-query.schema';
import { listQueryWith } from '../list-query.schema';
import { adminRoute } from './admin-route';
import { idParams } from './route-params.schema';

/**
 * Running a query needs `query:run` on the targeted hosts' team; observers may also run saved queries marked
 * `observer_can_run` (the service's rule). Team users reach only their own teams' hosts.
 */
const run = { action: 'query:run', on: 'team' } as const;
const RUN_TEXT = 'Observers may also run saved queries marked `observer_can_run`. 403 "disabled by administrator" while live queries are switched off.';

const runByIdentifiers = (path: string, summary: string) => adminRoute({
  method: 'POST', path, body: runByIdentifiersSchema, response: campaignResponseSchema,
  permission: run, summary, description: `Hosts by hostname, UUID, serial or osquery host id; labels by name. ${RUN_TEXT}`,
  example: async (f) => ({ body: { query: 'SELECT 1', selected: { hosts: [(await f.host()).uuid] } } }),
});

/** Resume point of an event stream: a repeated parameter reads as its values joined, which is no stream id. */
const eventsQuerySchema = z.object({
  last_event_id: z.union([z.string(), z.array(z.string())]).optional().transform((v) => (Array.isArray(v) ? v.join(',') : v)),
});

/** Live queries (fleet-admin-api.md §1.6, osquery-protocol.md §6): campaigns, their results, synchronous runs, targets. */
export const liveQueryRoutes = {
  run: adminRoute({
    method: 'POST', path: '/queries/run', body: runCampaignSchema, response: campaignResponseSchema,
    permission: run, summary: 'Start a live query campaign',
    description: `Results stream over the results websocket or \`GET /results/{id}/events\`. ${RUN_TEXT}`,
    example: async (f) => ({ body: { query: 'SELECT 1', selected: { hosts: [(await f.host()).id] } } }),
  }),
  runByIdentifiers: runByIdentifiers('/queries/run_by_identifiers', 'Start a live query campaign on hosts named by identifier'),
  /** The older name fleetctl still uses. */
  runByNames: runByIdentifiers('/queries/run_by_names', 'Start a live query campaign on hosts and labels named by name'),
  stop: adminRoute({
    method: 'DELETE', path: '/queries/run/:id', params: idParams, response: 'empty',
    permission: 'creator', summary: 'Stop a live query campaign', description: 'Stopping an ended campaign changes nothing.',
    example: async (f) => ({ params: { id: (await f.campaign({ stopped: false })).id } }),
  }),
  status: adminRoute({
    method: 'GET', path: '/queries/run/:id', params: idParams, response: campaignStatusResponseSchema,
    permission: 'creator', summary: "A campaign's progress and the targets that have not answered yet",
    description: 'For a waiting campaign (started with `wait`) the offline hosts it still waits for; read from Redis while it runs.',
    example: async (f) => ({ params: { id: (await f.campaign({ stopped: false })).id } }),
  }),
  results: adminRoute({
    method: 'GET', path: '/queries/run/:id/results', params: idParams, query: listQueryWith({}), response: campaignResultsResponseSchema,
    permission: 'creator', summary: "A waiting campaign's answers, kept after it ended",
    description: 'One answer per host in the order they came, `per_page` (default 100) at a time; readable after the client that started it is gone and after the campaign ended.',
    example: async (f) => ({ params: { id: (await f.campaign({ stopped: true })).id } }),
  }),
  events: adminRoute({
    method: 'GET', path: '/results/:id/events', params: idParams, query: eventsQuerySchema, response: campaignEventStreamSchema,
    permission: 'creator', summary: "A campaign's results as server-sent events",
    description: 'A `text/event-stream`: the results websocket\'s messages as `event: <type>` with `data: {"type","data"}` and `id: <stream id>`. '
      + 'A client reconnecting with `Last-Event-ID` (or `?last_event_id=`) resumes right after that entry. The stream ends after the final status.',
    example: async (f) => ({ params: { id: (await f.campaign({ stopped: true })).id } }),
  }),
  runSaved: adminRoute({
    method: 'POST', path: '/queries/:id/run', params: idParams, body: syncRunSchema, response: savedRunResponseSchema,
    permission: run, summary: 'Run a saved query on hosts and wait for the results',
    description: `Waits until every online target answered or the rest period (FLEET_LIVE_QUERY_REST_PERIOD) passed. ${RUN_TEXT}`,
    example: async (f) => ({ params: { id: (await f.query({ team: 'global' })).id }, body: { host_ids: [(await f.host({ online: false })).id] } }),
  }),
  runOnHost: adminRoute({
    method: 'POST', path: '/hosts/:id/query', params: idParams, body: hostQuerySchema, response: hostQueryResponseSchema,
    permission: run, summary: 'Run SQL on one host and wait for the result', description: `An offline host answers at once. ${RUN_TEXT}`,
    example: async (f) => ({ params: { id: (await f.host({ online: false })).id }, body: { query: 'SELECT 1' } }),
  }),
  runOnHostByIdentifier: adminRoute({
    method: 'POST', path: '/hosts/identifier/:identifier/query', params: hostIdentifierQueryParams, body: hostQuerySchema, response: hostQueryResponseSchema,
    permission: run, summary: 'Run SQL on one host named by identifier and wait for the result',
    description: `The host by hostname, UUID, serial or osquery host id; an unknown one is 400 \`host not found\`. An offline host answers at once. ${RUN_TEXT}`,
    example: async (f) => ({ params: { identifier: (await f.host({ online: false })).uuid }, body: { query: 'SELECT 1' } }),
  }),
  runSync: adminRoute({
    method: 'GET', path: '/queries/run', body: runQueriesSyncSchema, response: runQueriesSyncResponseSchema,
    permission: run, summary: 'Run saved queries on hosts and wait for the results (JSON body on a GET)',
    description: 'Fleet\'s older synchronous route: `{"query_ids":[…],"host_ids":[…]}` in the body of a GET (both required, 400 otherwise). '
      + 'Each query runs as its own campaign until every online host answered or the rest period (FLEET_LIVE_QUERY_REST_PERIOD) passed; '
      + `a query the caller may not run carries its \`error\`, and 403 when none may run. ${RUN_TEXT}`,
    example: async (f) => ({ body: { query_ids: [(await f.query({ team: 'global' })).id], host_ids: [(await f.host({ online: false })).id] } }),
  }),
  targets: adminRoute({
    method: 'POST', path: '/targets', body: targetsSearchSchema, response: targetsSearchResponseSchema, readOnly: true,
    permission: { action: 'host:read', on: 'any' }, summary: 'Search live-query targets',
    description: 'Hosts, labels and teams matching the text, and the counts of the current selection, within the teams the caller may read.',
    example: (f) => ({ body: { query: 'host', selected: { teams: [f.teamA] } } }),
  }),
  targetsCount: adminRoute({
    method: 'POST', path: '/targets/count', body: targetsSearchSchema, response: targetsCountResponseSchema, readOnly: true,
    permission: { action: 'host:read', on: 'any' }, summary: 'Count live-query targets',
    example: (f) => ({ body: { selected: { teams: [f.teamA] } } }),
  }),
  liveQueryStatus: adminRoute({
    method: 'GET', path: '/status/live_query', response: 'empty',
    permission: { action: 'status:read', on: 'global' }, summary: 'Whether live queries can run',
    description: '403 "disabled by administrator" while live queries are switched off; 500 when the result store does not answer.',
    example: () => ({}),
  }),
  resultStoreStatus: adminRoute({
    method: 'GET', path: '/status/result_store', response: 'empty',
    permission: { action: 'status:read', on: 'global' }, summary: 'Whether the result store (Redis) answers',
    example: () => ({}),
  }),
};
