import type { AgentHost } from '@fleet/domain';
import type { RedisClient } from './redis.factory';

/**
 * Redis keys of the agent-facing host cache. The ingest role caches, per node key, the host facts it needs
 * on every check-in; anything that changes those facts elsewhere (an admin's refetch, a transfer to another
 * team, a delete, a re-enroll) invalidates the host so the next check-in reads MySQL again.
 */
export const hostCacheKeys = {
  byNodeKey: (nodeKey: string): string => `fleet:host:nk:${nodeKey}`,
  nodeKeyOf: (hostId: number): string => `fleet:host:id:${hostId}`,
  /** Bumped whenever labels, policies, queries, packs, teams or agent options change; caches compare it. */
  agentConfigVersion: 'fleet:agent:config_version',
} as const;

const UPDATE_IF_CACHED = "if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], unpack(ARGV)) end return 0";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const FIELDS: ReadonlyArray<keyof AgentHost> = [
  'id', 'nodeKey', 'osqueryHostId', 'teamId', 'platform', 'hostname', 'refetchRequested',
  'detailUpdatedAt', 'labelUpdatedAt', 'policyUpdatedAt', 'lastEnrolledAt',
];

function encode(host: AgentHost): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = host[f];
    out[f] = v === null ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  }
  return out;
}

function decode(hash: Record<string, string>): AgentHost | null {
  if (!FIELDS.every((f) => f in hash)) return null;
  const h: Mutable<AgentHost> = {
    id: Number(hash['id']),
    nodeKey: hash['nodeKey'],
    osqueryHostId: hash['osqueryHostId'],
    teamId: hash['teamId'] === '' ? null : Number(hash['teamId']),
    platform: hash['platform'],
    hostname: hash['hostname'],
    refetchRequested: hash['refetchRequested'] === '1',
    detailUpdatedAt: Number(hash['detailUpdatedAt']),
    labelUpdatedAt: Number(hash['labelUpdatedAt']),
    policyUpdatedAt: Number(hash['policyUpdatedAt']),
    lastEnrolledAt: Number(hash['lastEnrolledAt']),
  };
  return h;
}

/** Fields of a cached host that a write may change in place. */
export type HostCachePatch = Partial<Record<keyof AgentHost, string | number | boolean>>;

/**
 * Every Redis operation on the host cache and the agent-config version: the host facts of each node key in
 * a hash, so any ingest replica authenticates a check-in with one round trip, updated in place when a write
 * changes them (so the next read does not ask for the same data before the batch writer reached MySQL); a
 * partial hash (its key expired between a read and an update) reads as a miss. The admin API and the
 * schedules invalidate hosts and bump the version through here, never with raw Redis commands.
 */
export class HostCacheStore {
  /** `ttlSeconds` is `redis.host_cache_ttl`. */
  constructor(private readonly redis: RedisClient, private readonly ttlSeconds: number) {}

  async get(nodeKey: string): Promise<AgentHost | null> {
    return decode(await this.redis.hgetall(hostCacheKeys.byNodeKey(nodeKey)));
  }

  async put(host: AgentHost): Promise<void> {
    const key = hostCacheKeys.byNodeKey(host.nodeKey);
    await this.redis
      .multi()
      .del(key)
      .hset(key, encode(host))
      .expire(key, this.ttlSeconds)
      .set(hostCacheKeys.nodeKeyOf(host.id), host.nodeKey, 'EX', this.ttlSeconds)
      .exec();
  }

  /**
   * Changes fields of a cached host in place, only while it is cached: a key that expired between the read
   * and the update is left absent, rather than recreated as a partial hash without an expiry.
   */
  async update(nodeKey: string, fields: HostCachePatch): Promise<void> {
    const args: string[] = [];
    for (const [k, v] of Object.entries(fields)) args.push(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
    if (args.length > 0) await this.redis.eval(UPDATE_IF_CACHED, 1, hostCacheKeys.byNodeKey(nodeKey), ...args);
  }

  /** Drops one node key (a re-enroll replaced it). */
  async forget(nodeKey: string): Promise<void> {
    await this.redis.del(hostCacheKeys.byNodeKey(nodeKey));
  }

  /** Drops what is cached about these hosts, so their next check-in reads MySQL (refetch, transfer, delete). */
  async invalidate(...hostIds: number[]): Promise<void> {
    for (const hostId of hostIds) {
      const nodeKey = await this.redis.get(hostCacheKeys.nodeKeyOf(hostId));
      const keys = [hostCacheKeys.nodeKeyOf(hostId)];
      if (nodeKey) keys.push(hostCacheKeys.byNodeKey(nodeKey));
      await this.redis.del(...keys);
    }
  }

  /**
   * Tells every replica that what agents are sent (labels, policies, scheduled queries, packs, agent options)
   * changed; their short-lived caches of those lists are dropped on the next check-in.
   */
  async bumpConfigVersion(): Promise<void> {
    await this.redis.incr(hostCacheKeys.agentConfigVersion);
  }

  /** The current agent-config version ('0' before the first change, or after Redis lost its data). */
  async configVersion(): Promise<string> {
    return (await this.redis.get(hostCacheKeys.agentConfigVersion)) ?? '0';
  }
}
