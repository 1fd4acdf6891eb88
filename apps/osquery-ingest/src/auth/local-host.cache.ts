import type { AgentHost } from '@fleet/domain';
import type { HostCacheInvalidation, HostCacheInvalidationListener, HostCachePatch } from '@fleet/messaging';
import { patchedHost } from '@fleet/messaging';

interface Entry {
  host: AgentHost;
  expiresAt: number;
}

/**
 * Node key → host in this process's memory, in front of the Redis host cache: a check-in whose host is here needs
 * no Redis round trip. Copies live at most `ttlMs` (the Redis cache's own lifetime, with up to 10 % taken off per
 * entry so that a fleet enrolled at once does not expire at once) and are dropped as soon as any replica announces
 * a change (HostCacheInvalidationFollower feeds `invalidated` and `reset`).
 *
 * A read that started before an invalidation must not put back what it read: `epoch` counts resets and
 * invalidations, and `set` only stores when no invalidation arrived since the caller took `epoch`.
 * At most `maxEntries` are kept (the oldest inserted goes first).
 */
export class LocalHostCache implements HostCacheInvalidationListener {
  private readonly byKey = new Map<string, Entry>();
  private readonly keyOfHost = new Map<number, string>();
  private counter = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    /** This process's HostCacheStore origin: its own notices of hosts it patched are skipped. */
    private readonly origin: string,
  ) {}

  get epoch(): number {
    return this.counter;
  }

  get size(): number {
    return this.byKey.size;
  }

  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  get(nodeKey: string, nowMs: number): AgentHost | undefined {
    const e = this.byKey.get(nodeKey);
    if (!e) return undefined;
    if (e.expiresAt <= nowMs) {
      this.drop(nodeKey);
      return undefined;
    }
    return e.host;
  }

  /** Stores `host` unless an invalidation arrived since `epochAtRead` (the value of `epoch` before the read). */
  set(host: AgentHost, nowMs: number, epochAtRead: number): void {
    if (!this.enabled || epochAtRead !== this.counter) return;
    this.drop(host.nodeKey);
    const stale = this.keyOfHost.get(host.id);
    if (stale !== undefined) this.drop(stale);
    if (this.byKey.size >= this.maxEntries) {
      const oldest = this.byKey.keys().next();
      if (!oldest.done) this.drop(oldest.value);
    }
    // Spread over 90–100 % of the lifetime, from the host id, so re-reads do not bunch up.
    const spread = 0.9 + ((host.id * 2654435761) % 1000) / 10_000;
    this.byKey.set(host.nodeKey, { host, expiresAt: nowMs + Math.round(this.ttlMs * spread) });
    this.keyOfHost.set(host.id, host.nodeKey);
  }

  /** This process changed the host (a distributed/write): its copy takes the change at once. */
  patch(nodeKey: string, patch: HostCachePatch): void {
    const e = this.byKey.get(nodeKey);
    if (e) e.host = patchedHost(e.host, patch);
  }

  reset(): void {
    this.counter += 1;
    this.byKey.clear();
    this.keyOfHost.clear();
  }

  invalidated(notice: HostCacheInvalidation): void {
    if (notice.patched && notice.origin === this.origin) return;
    this.counter += 1;
    for (const key of notice.nodeKeys) this.drop(key);
    for (const id of notice.hostIds) {
      const key = this.keyOfHost.get(id);
      if (key !== undefined) this.drop(key);
    }
  }

  private drop(nodeKey: string): void {
    const e = this.byKey.get(nodeKey);
    if (!e) return;
    this.byKey.delete(nodeKey);
    if (this.keyOfHost.get(e.host.id) === nodeKey) this.keyOfHost.delete(e.host.id);
  }
}
