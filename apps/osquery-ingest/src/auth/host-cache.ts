import type { RedisClient } from '@fleet/messaging';
import { hostCacheKeys } from '@fleet/messaging';
import type { AgentHost } from '@fleet/persistence';

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
  const h: Partial<Mutable<AgentHost>> = {
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
  return h as AgentHost;
}

/**
 * The host facts of each node key in a Redis hash, so that any replica authenticates a check-in with one
 * round trip. Fields are updated in place when a write changes them (timestamps, platform), so the next
 * read does not ask for the same data again before the batch writer has reached MySQL. A partial hash
 * (its key expired between a read and an update) reads as a miss.
 */
export class HostCache {
  constructor(private readonly redis: RedisClient, private readonly ttlSeconds: number) {}

  async get(nodeKey: string): Promise<AgentHost | null> {
    const hash = await this.redis.hgetall(hostCacheKeys.byNodeKey(nodeKey));
    return decode(hash);
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
  async update(nodeKey: string, fields: Partial<Record<keyof AgentHost, string | number | boolean>>): Promise<void> {
    const args: string[] = [];
    for (const [k, v] of Object.entries(fields)) args.push(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
    if (args.length > 0) await this.redis.eval(UPDATE_IF_CACHED, 1, hostCacheKeys.byNodeKey(nodeKey), ...args);
  }

  async forget(nodeKey: string): Promise<void> {
    await this.redis.del(hostCacheKeys.byNodeKey(nodeKey));
  }
}
