import type { Logger } from 'pino';
import { hostCacheKeys, parseInvalidation } from './host-cache.store';
import type { HostCacheInvalidation } from './host-cache.store';
import type { FleetConfig } from '@fleet/config';
import { createRedis } from './redis.factory';
import type { RedisClient } from './redis.factory';

/** What a follower tells the in-process cache it feeds. */
export interface HostCacheInvalidationListener {
  /** Everything held may be stale (the follower started, or reconnected after Redis was away): drop it all. */
  reset(): void;
  invalidated(notice: HostCacheInvalidation): void;
}

type RawEntries = Array<[string, string[]]>;

/**
 * Follows the host-cache invalidation stream (HostCacheStore announces every change) on a blocking connection of
 * its own, so an in-process cache of hosts drops a changed host within milliseconds on every replica.
 *
 * Nothing is missed silently: the follower starts from the stream's newest entry and only then tells the listener
 * to reset (an entry written before that point concerns a change the reset covers, one written after is read); when
 * the connection closes (Redis restarted, failed over, a network cut) the listener is reset at once and again when
 * the follower has found its new starting point, because notices written meanwhile may be gone.
 */
export class HostCacheInvalidationFollower {
  private conn: RedisClient | undefined;
  private stopped = false;
  private needStart = true;
  private running: Promise<void> | undefined;
  private lastId = '0-0';

  constructor(
    private readonly open: () => RedisClient,
    private readonly listener: HostCacheInvalidationListener,
    private readonly logger?: Pick<Logger, 'warn'>,
    private readonly blockMs = 5000,
  ) {}

  /** A follower on a blocking connection of its own to the configured Redis. */
  static forConfig(config: FleetConfig, listener: HostCacheInvalidationListener, logger?: Pick<Logger, 'warn'>): HostCacheInvalidationFollower {
    return new HostCacheInvalidationFollower(() => createRedis(config, { blocking: true }), listener, logger);
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.conn?.disconnect();
    await this.running;
  }

  private connection(): RedisClient {
    if (this.conn) return this.conn;
    const conn = this.open();
    conn.on('error', () => undefined);
    conn.on('close', () => {
      if (this.stopped) return;
      this.needStart = true;
      this.listener.reset();
    });
    this.conn = conn;
    return conn;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const conn = this.connection();
        if (this.needStart) {
          this.needStart = false;
          const newest = (await conn.xrevrange(hostCacheKeys.invalidations, '+', '-', 'COUNT', 1)) as RawEntries;
          this.lastId = newest[0]?.[0] ?? '0-0';
          this.listener.reset();
        }
        const res = (await conn.xread('COUNT', 1000, 'BLOCK', this.blockMs, 'STREAMS', hostCacheKeys.invalidations, this.lastId));
        failures = 0;
        if (this.needStart) continue; // the connection dropped while this read waited: start over
        for (const [id, fields] of res?.[0]?.[1] ?? []) {
          this.lastId = id;
          const notice = parseInvalidation(fields);
          if (notice) this.listener.invalidated(notice);
        }
      } catch (err) {
        if (this.stopped) break;
        // The listener was reset when the connection closed and is reset again once the follower starts over; in
        // between, what it fetches afresh (from MySQL while Redis is away) may stay.
        this.needStart = true;
        if (failures++ === 0) this.logger?.warn({ err: (err as Error).message }, 'host cache invalidations unavailable; in-process host cache cleared');
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * failures)));
      }
    }
  }
}
