/**
 * Redis layout of live-query campaigns, shared by the live-query role (which creates and ends campaigns),
 * the ingest role (which hands queries to agents and appends their answers) and the gateway (which streams
 * answers to clients).
 *   active               SET of campaign ids that agents should be asked about
 *   <id>:sql             the SQL text
 *   <id>:targets         bitmap of host ids still expected to answer (a host's bit is cleared when it answers)
 *   <id>:results         stream of answers and status events, bounded in length
 * A campaign's own keys carry its id as a hash tag (`fleet:lq:{42}:sql`), so on a Redis Cluster they share one
 * slot and the scripts that touch several of them run there; the active set is the only key shared by campaigns
 * and is never named beside them in one command.
 */
export const liveQueryKeys = {
  active: 'fleet:lq:active',
  sql: (campaignId: number): string => `fleet:lq:{${campaignId}}:sql`,
  targets: (campaignId: number): string => `fleet:lq:{${campaignId}}:targets`,
  results: (campaignId: number): string => `fleet:lq:{${campaignId}}:results`,
} as const;

/** Most answers kept per campaign stream (XADD MAXLEN ~); a campaign to more hosts than this streams in chunks. */
export const LIVE_QUERY_STREAM_MAXLEN = 200_000;
