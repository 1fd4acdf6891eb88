import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { Logger } from '@fleet/observability';
import { AgentDataRepository } from '@fleet/persistence';
import { LOGGER } from '@fleet/platform';

/**
 * Last-seen times of hosts, kept in memory and written to MySQL in one statement per flush (Fleet's
 * `host_seen_times`), instead of a write per check-in. A failed flush keeps the times for the next one.
 */
@Injectable()
export class SeenTimesRecorder implements OnModuleInit, OnApplicationShutdown {
  private pending = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly repo: AgentDataRepository,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  mark(hostId: number, at: number): void {
    this.pending.set(hostId, at);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.config.osquery.async_host_collect_interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  flush(): Promise<void> {
    this.flushing ??= this.doFlush().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.repo.recordSeen([...batch.entries()]);
    } catch (err) {
      for (const [id, at] of batch) if ((this.pending.get(id) ?? 0) < at) this.pending.set(id, at);
      this.logger.warn({ hosts: batch.size, err: (err as Error).message }, 'seen times not written; kept for the next flush');
    }
  }
}
