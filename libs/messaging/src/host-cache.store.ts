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
  /**
   * Stream of "these hosts changed" notices, followed by every ingest replica to drop its in-process copies
   * (HostCacheInvalidationFollower). A stream rather than pub/sub: a replica that reconnects reads on from where it
   * was instead of missing what was published meanwhile.
   */
  invalidations: 'fleet:host:invalidations',
} as const;

/** Notices kept in the invalidation stream: replicas read them within milliseconds, so only a short tail matters. */
export const HOST_INVALIDATIONS_MAXLEN = 10_000;

/**
 * Replaces a host's hash and sets its expiry in one command: as a MULTI it was five for ioredis to build and write
 * per enroll (the put took 76 µs of CPU per enroll in an enroll storm's profile, its SET included).
 */
const PUT_HOST = "redis.call('DEL', KEYS[1]) redis.call('HSET', KEYS[1], unpack(ARGV, 2)) redis.call('EXPIRE', KEYS[1], ARGV[1]) return 0";

const UPDATE_IF_CACHED = "if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], unpack(ARGV)) end return 0";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const FIELDS: ReadonlyArray<keyof AgentHost> = [
  'id', 'nodeKey', 'osqueryHostId', 'teamId', 'platform', 'hostname', 'refetchRequested',
  'detailUpdatedAt', 'labelUpdatedAt', 'policyUpdatedAt', 'lastEnrolledAt', 'intervals',
];

/** The hash's field, value pairs. */
function encode(host: AgentHost): string[] {
  const out: string[] = [];
  for (const f of FIELDS) {
    const v = host[f];
    out.push(f, v === null ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
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
    intervals: hash['intervals'],
  };
  return h;
}

/** Fields of a cached host that a write may change in place. */
export type HostCachePatch = Partial<Record<keyof AgentHost, string | number | boolean>>;

/** Applies a patch (as `update` stores it) to a host object, for a process's own in-memory copy. */
export function patchedHost(host: AgentHost, patch: HostCachePatch): AgentHost {
  const out: Record<string, unknown> = { ...host };
  for (const [k, v] of Object.entries(patch)) {
    const f = k as keyof AgentHost;
    if (f === 'refetchRequested') out[f] = v === true || v === '1' || v === 1;
    else if (f === 'teamId') out[f] = v === '' || v === null ? null : Number(v);
    else if (f === 'nodeKey' || f === 'osqueryHostId' || f === 'platform' || f === 'hostname' || f === 'intervals') out[f] = String(v);
    else out[f] = Number(v);
  }
  return out as unknown as AgentHost;
}

/** One notice of the invalidation stream: the hosts (by id) and node keys whose cached copies are stale. */
export interface HostCacheInvalidation {
  readonly hostIds: readonly number[];
  readonly nodeKeys: readonly string[];
  /** The process that announced it (HostCacheStore's `origin`). */
  readonly origin: string;
  /** The announcing process patched its own copy already (a distributed/write); it may skip its own notice. */
  readonly patched: boolean;
}

/** Parses the fields of one stream entry; null when it names nothing. */
export function parseInvalidation(fields: readonly string[]): HostCacheInvalidation | null {
  const get = (name: string): string => {
    const i = fields.indexOf(name);
    return i >= 0 && i % 2 === 0 ? (fields[i + 1] ?? '') : '';
  };
  const hostIds = get('h').split(',').filter(Boolean).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const nodeKeys = get('k') ? [get('k')] : [];
  if (hostIds.length === 0 && nodeKeys.length === 0) return null;
  return { hostIds, nodeKeys, origin: get('o'), patched: get('p') === '1' };
}

/**
 * Every Redis operation on the host cache and the agent-config version: the host facts of each node key in
 * a hash, so any ingest replica authenticates a check-in with one round trip when its in-process copy is
 * missing, updated in place when a write changes them (so the next read does not ask for the same data before
 * the batch writer reached MySQL); a partial hash (its key expired between a read and an update) reads as a
 * miss. Every change is also announced on the invalidation stream, which ingest replicas follow to drop their
 * in-process copies. The admin API and the schedules invalidate hosts and bump the version through here, never
 * with raw Redis commands.
 *
 * Redis Cluster: no command here names keys of two slots (the node-key hash and the id → node-key key are
 * written by separate commands; the hash's own MULTI touches one key).
 */
export class HostCacheStore {
  /**
   * `ttlSeconds` is `redis.host_cache_ttl`. `origin` names this process in the notices it announces (random per
   * process by default), so its own in-process cache can tell its notices from other replicas'.
   */
  constructor(
    private readonly redis: RedisClient,
    private readonly ttlSeconds: number,
    readonly origin: string = Math.random().toString(36).slice(2, 10),
  ) {}

  async get(nodeKey: string): Promise<AgentHost | null> {
    return decode(await this.redis.hgetall(hostCacheKeys.byNodeKey(nodeKey)));
  }

  async put(host: AgentHost): Promise<void> {
    const key = hostCacheKeys.byNodeKey(host.nodeKey);
    await Promise.all([
      this.redis.eval(PUT_HOST, 1, key, String(this.ttlSeconds), ...encode(host)),
      this.redis.set(hostCacheKeys.nodeKeyOf(host.id), host.nodeKey, 'EX', this.ttlSeconds),
    ]);
  }

  /**
   * Changes fields of a cached host in place, only while it is cached: a key that expired between the read
   * and the update is left absent, rather than recreated as a partial hash without an expiry. Other replicas'
   * in-process copies of the host are dropped (the caller keeps its own, patched).
   */
  async update(nodeKey: string, fields: HostCachePatch): Promise<void> {
    const args: string[] = [];
    for (const [k, v] of Object.entries(fields)) args.push(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
    if (args.length === 0) return;
    await this.redis.eval(UPDATE_IF_CACHED, 1, hostCacheKeys.byNodeKey(nodeKey), ...args);
    await this.announce([], nodeKey, true);
  }

  /** Drops one node key (a re-enroll replaced it). */
  async forget(nodeKey: string): Promise<void> {
    await this.redis.del(hostCacheKeys.byNodeKey(nodeKey));
    await this.announce([], nodeKey, false);
  }

  /** Drops what is cached about these hosts, so their next check-in reads MySQL (refetch, transfer, delete). */
  async invalidate(...hostIds: number[]): Promise<void> {
    if (hostIds.length === 0) return;
    await Promise.all(hostIds.map(async (hostId) => {
      const nodeKey = await this.redis.get(hostCacheKeys.nodeKeyOf(hostId));
      await Promise.all([
        this.redis.del(hostCacheKeys.nodeKeyOf(hostId)),
        ...(nodeKey ? [this.redis.del(hostCacheKeys.byNodeKey(nodeKey))] : []),
      ]);
    }));
    // The notice follows the deletes: a replica that reads Redis after the notice finds the hash gone.
    for (let i = 0; i < hostIds.length; i += 1000) await this.announce(hostIds.slice(i, i + 1000), '', false);
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

  private async announce(hostIds: readonly number[], nodeKey: string, patched: boolean): Promise<void> {
    const fields: string[] = [];
    if (hostIds.length > 0) fields.push('h', hostIds.join(','));
    if (nodeKey) fields.push('k', nodeKey);
    fields.push('o', this.origin);
    if (patched) fields.push('p', '1');
    await this.redis.xadd(hostCacheKeys.invalidations, 'MAXLEN', '~', HOST_INVALIDATIONS_MAXLEN, '*', ...fields);
  }
}
