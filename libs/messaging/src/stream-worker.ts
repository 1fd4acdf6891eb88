import type { Logger } from 'pino';
import type { RedisClient } from './redis.factory';

export interface StreamEntry {
  readonly id: string;
  /** The parsed JSON of field `m`; undefined when the entry was not valid JSON. */
  readonly message: unknown;
}

export interface StreamWorkerOptions {
  readonly key: string;
  readonly group: string;
  readonly consumer: string;
  readonly batchSize: number;
  readonly blockMs: number;
  /** Entries pending this long with another consumer (a dead replica) are claimed and processed here. */
  readonly claimIdleMs: number;
  /** Back-off after a failed batch (MySQL down): the batch stays pending and is retried. */
  readonly retryDelayMs: number;
}

/** What a worker reports as it runs; the owner turns it into metrics. All optional. */
export interface StreamWorkerObserver {
  /** A batch was handled and acknowledged. */
  batch?(size: number, seconds: number): void;
  /** A batch (or a read) failed and will be retried. */
  failure?(): void;
  /** The consumer group was missing after it had existed: Redis lost its data (restarted empty, flushed, failed over). */
  groupRecreated?(): void;
}

/** The group's standing as Redis reports it (XINFO GROUPS). */
export interface StreamGroupInfo {
  readonly exists: boolean;
  /** Entries in the stream not yet delivered to the group (Redis ≥ 7; null when Redis cannot tell). */
  readonly lag: number | null;
  /** Entries delivered to a consumer and not yet acknowledged. */
  readonly pending: number;
}

type RawEntries = Array<[string, string[]]>;

function parseEntries(raw: RawEntries): StreamEntry[] {
  return raw
    .filter(([, fields]) => Array.isArray(fields))
    .map(([id, fields]) => {
      const i = fields.indexOf('m');
      try {
        return { id, message: i >= 0 ? (JSON.parse(fields[i + 1]) as unknown) : undefined };
      } catch {
        return { id, message: undefined };
      }
    });
}

/** ioredis' `keyPrefix` is not applied to keys that are not a command's first argument (XGROUP, XINFO). */
function withKeyPrefix(redis: RedisClient, key: string): string {
  const prefix = (redis.options as { keyPrefix?: string }).keyPrefix ?? '';
  return `${prefix}${key}`;
}

/** Asks Redis whether a stream's consumer group exists and how far behind it is. Throws only when Redis is unreachable. */
export async function streamGroupInfo(redis: RedisClient, key: string, group: string): Promise<StreamGroupInfo> {
  let groups: unknown[];
  try {
    groups = (await redis.call('XINFO', 'GROUPS', withKeyPrefix(redis, key))) as unknown[];
  } catch (err) {
    if (String((err as Error).message).includes('no such key')) return { exists: false, lag: null, pending: 0 };
    throw err;
  }
  for (const g of groups) {
    const fields = g as unknown[];
    const get = (name: string): unknown => fields[fields.indexOf(name) + 1];
    if (get('name') !== group) continue;
    const lag = get('lag');
    return { exists: true, lag: typeof lag === 'number' ? lag : null, pending: Number(get('pending') ?? 0) };
  }
  return { exists: false, lag: null, pending: 0 };
}

/** How much longer than `blockMs` stop() waits for a read before abandoning it. */
const READ_GRACE_MS = 5000;

const isNoGroup = (err: unknown): boolean => String((err as Error | undefined)?.message ?? err).includes('NOGROUP');

/**
 * At-least-once consumer of a Redis stream through a consumer group. A batch is acknowledged (and deleted)
 * only after the handler resolved; a failing handler leaves it pending and it is retried, here or by another
 * replica that claims it after `claimIdleMs`. Handlers must therefore be idempotent.
 *
 * When Redis comes back without the group (restarted with no persistence, a failover to an empty replica, a
 * flush), producers recreate the stream by appending to it but nothing recreates the group; the worker
 * notices the NOGROUP answer, creates the group again from the stream's first entry (so whatever was
 * appended since the loss is written) and reports it, instead of retrying a read that can never succeed.
 */
export class StreamWorker {
  private running = false;
  private loop: Promise<void> | undefined;
  private lastClaim = 0;
  private groupReady = false;
  private groupSeen = false;
  /** Between asking Redis for work and getting it (not while a batch is handled): what stop() may abandon. */
  private reading = false;
  /** stop() returned without this read: whatever it still brings is left pending, not handled after the owner closed. */
  private abandoned = false;
  /** Ends the back-off sleep early when the worker is stopped. */
  private wake: (() => void) | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: StreamWorkerOptions,
    private readonly handle: (entries: StreamEntry[]) => Promise<void>,
    private readonly logger: Logger,
    private readonly observer: StreamWorkerObserver = {},
  ) {}

  get key(): string {
    return this.options.key;
  }

  get group(): string {
    return this.options.group;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Stops after the batch in hand (if any) was handled and acknowledged, or left pending when its handler
   * failed; a blocking read in progress ends within `blockMs`. Pending entries wait for another consumer.
   *
   * A read that has not come back `blockMs` + READ_GRACE_MS after the stop is abandoned: on a reachable Redis it
   * would have, so it waits in a client that cannot reach its server (Redis down or frozen, a cluster failing over)
   * and would hold shutdown for as long. What it may still deliver stays pending for another consumer; closing the
   * connection ends it. A batch being handled is always waited for.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    if (!this.loop) return;
    const finished = this.loop.then(() => true);
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), this.options.blockMs + READ_GRACE_MS); });
      const done = await Promise.race([finished, bound]);
      clearTimeout(timer);
      if (done) return;
      if (this.reading) {
        this.abandoned = true;
        this.logger.warn({ stream: this.options.key, group: this.options.group }, 'stream consumer stopped with a read still unanswered (Redis unreachable); its entries stay pending for another consumer');
        return;
      }
    }
  }

  /**
   * ioredis applies `keyPrefix` to most commands but not to XGROUP's or XINFO's key (its key is not the
   * first argument), so the prefix is added here by hand.
   */
  private get prefixed(): string {
    return withKeyPrefix(this.redis, this.options.key);
  }

  private async ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.prefixed, this.options.group, '0', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
    this.groupReady = true;
    this.groupSeen = true;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        this.reading = true;
        if (!this.groupReady) await this.ensureGroup();
        const entries = (await this.claimStale()) ?? (await this.read('0')) ?? (await this.read('>'));
        this.reading = false;
        if (this.abandoned) break;
        if (entries && entries.length > 0) await this.process(entries);
      } catch (err) {
        this.reading = false;
        // A read abandoned by stop() ends when its connection is closed; that is no failure to report.
        if (!this.running) break;
        if (isNoGroup(err) && this.groupSeen) {
          this.groupReady = false;
          this.observer.groupRecreated?.();
          this.logger.error({ stream: this.options.key, group: this.options.group },
            'stream consumer group is gone: Redis lost its data (restarted empty, flushed or failed over); entries that were only in Redis are lost, the group is created again and everything appended since is written');
          continue;
        }
        this.observer.failure?.();
        this.logger.warn({ stream: this.options.key, err: (err as Error).message }, 'stream batch failed; will retry');
        await this.backOff();
      }
    }
  }

  private backOff(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake?.(), this.options.retryDelayMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  /** Own pending entries ('0') first, so a failed batch is retried before new work; then new entries ('>'). */
  private async read(from: '0' | '>'): Promise<StreamEntry[] | undefined> {
    const o = this.options;
    const args: Array<string | number> = ['GROUP', o.group, o.consumer, 'COUNT', o.batchSize];
    if (from === '>') args.push('BLOCK', o.blockMs);
    const res = (await this.redis.call('XREADGROUP', ...args, 'STREAMS', o.key, from)) as Array<[string, RawEntries]> | null;
    const entries = res?.[0] ? parseEntries(res[0][1]) : [];
    return entries.length > 0 ? entries : from === '>' ? [] : undefined;
  }

  private async claimStale(): Promise<StreamEntry[] | undefined> {
    const now = Date.now();
    if (now - this.lastClaim < this.options.claimIdleMs / 2) return undefined;
    this.lastClaim = now;
    const o = this.options;
    const res = (await this.redis.call('XAUTOCLAIM', o.key, o.group, o.consumer, o.claimIdleMs, '0-0', 'COUNT', o.batchSize)) as [string, RawEntries];
    const entries = parseEntries(res[1] ?? []);
    if (entries.length > 0) this.logger.info({ stream: o.key, claimed: entries.length }, 'claimed entries of a stopped consumer');
    return entries.length > 0 ? entries : undefined;
  }

  private async process(entries: StreamEntry[]): Promise<void> {
    const started = process.hrtime.bigint();
    await this.handle(entries);
    const ids = entries.map((e) => e.id);
    await this.redis.multi().xack(this.options.key, this.options.group, ...ids).xdel(this.options.key, ...ids).exec();
    this.observer.batch?.(entries.length, Number(process.hrtime.bigint() - started) / 1e9);
  }
}
