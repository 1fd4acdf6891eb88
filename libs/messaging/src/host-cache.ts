import type { RedisClient } from './redis.factory';

/**
 * Redis keys of the agent-facing host cache. The ingest role caches, per node key, the host facts it needs
 * on every check-in; anything that changes those facts elsewhere (an admin's refetch, a transfer to another
 * team, a delete, a re-enroll) calls `invalidateHostCache` so the next check-in reads MySQL again.
 */
export const hostCacheKeys = {
  byNodeKey: (nodeKey: string): string => `fleet:host:nk:${nodeKey}`,
  nodeKeyOf: (hostId: number): string => `fleet:host:id:${hostId}`,
  /** Bumped whenever labels, policies, queries, packs, teams or agent options change; caches compare it. */
  agentConfigVersion: 'fleet:agent:config_version',
} as const;

export async function invalidateHostCache(redis: RedisClient, hostId: number): Promise<void> {
  const nodeKey = await redis.get(hostCacheKeys.nodeKeyOf(hostId));
  const keys = [hostCacheKeys.nodeKeyOf(hostId)];
  if (nodeKey) keys.push(hostCacheKeys.byNodeKey(nodeKey));
  await redis.del(...keys);
}

/**
 * Tells every replica that what agents are sent (labels, policies, scheduled queries, packs, agent options)
 * changed; their short-lived caches of those lists are dropped on the next check-in.
 */
export async function bumpAgentConfigVersion(redis: RedisClient): Promise<void> {
  await redis.incr(hostCacheKeys.agentConfigVersion);
}
