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

/**
 * At-least-once consumer of a Redis stream through a consumer group. A batch is acknowledged (and deleted)
 * only after the handler resolved; a failing handler leaves it pending and it is retried, here or by another
 * replica that claims it after `claimIdleMs`. Handlers must therefore be idempotent.
 */
export class StreamWorker {
  private running = false;
  private loop: Promise<void> | undefined;
  private lastClaim = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: StreamWorkerOptions,
    private readonly handle: (entries: StreamEntry[]) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /**
   * ioredis applies `keyPrefix` to most commands but not to XGROUP's key (its key is not the first
   * argument), so the prefix is added here by hand.
   */
  private async ensureGroup(): Promise<void> {
    const prefix = (this.redis.options as { keyPrefix?: string }).keyPrefix ?? '';
    try {
      await this.redis.xgroup('CREATE', `${prefix}${this.options.key}`, this.options.group, '0', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
  }

  private async run(): Promise<void> {
    let groupReady = false;
    while (this.running) {
      try {
        if (!groupReady) {
          await this.ensureGroup();
          groupReady = true;
        }
        const entries = (await this.claimStale()) ?? (await this.read('0')) ?? (await this.read('>'));
        if (entries && entries.length > 0) await this.process(entries);
      } catch (err) {
        this.logger.warn({ stream: this.options.key, err: (err as Error).message }, 'stream batch failed; will retry');
        await new Promise((r) => setTimeout(r, this.options.retryDelayMs));
      }
    }
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
    await this.handle(entries);
    const ids = entries.map((e) => e.id);
    await this.redis.multi().xack(this.options.key, this.options.group, ...ids).xdel(this.options.key, ...ids).exec();
  }
}
