import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { CarveBeginRequest, CarveBlockRequest } from '@fleet/contracts';
import { CARVE_TTL_MS, carveBeginProblem, carveBlockProblem, carveExpired, DomainError } from '@fleet/domain';
import type { Clock } from '@fleet/domain';
import type { Logger } from '@fleet/observability';
import { CarveRepository } from '@fleet/persistence';
import { CLOCK, LOGGER } from '@fleet/platform';
import type { AgentHost } from '@fleet/domain';

const CLEANUP_EVERY_MS = 15 * 60_000;

/**
 * File carving (protocol §7): begin opens a session, blocks arrive in order and are stored by the carve
 * repository (MySQL, or S3-compatible storage when `s3.carves_bucket` is set). Carves expire after a day.
 */
@Injectable()
export class CarveService implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly carves: CarveRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.expire(), CLEANUP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async expire(now = this.clock.now().getTime()): Promise<number> {
    try {
      return await this.carves.expireOlderThan(now - CARVE_TTL_MS);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'carve expiry failed');
      return 0;
    }
  }

  async begin(host: AgentHost, req: CarveBeginRequest): Promise<string> {
    const problem = carveBeginProblem({ blockCount: req.block_count, blockSize: req.block_size, carveSize: req.carve_size });
    if (problem) throw new DomainError('CARVE_INVALID', `carve begin failed: ${problem}`);
    const sessionId = randomUUID();
    const name = `${host.hostname || `host-${host.id}`}-${this.clock.now().toISOString()}-${req.request_id}`.slice(0, 255);
    await this.dependency(() =>
      this.carves.create({ hostId: host.id, name, blockCount: req.block_count, blockSize: req.block_size, carveSize: req.carve_size, carveId: req.carve_id.slice(0, 64), requestId: req.request_id.slice(0, 64), sessionId }),
    );
    return sessionId;
  }

  /**
   * Stores one block. A repeat of the last stored block (the agent retried after a lost response) is
   * accepted and replaces it; any other out-of-order block is refused with Fleet's message.
   */
  async block(req: CarveBlockRequest, now = this.clock.now().getTime()): Promise<void> {
    const carve = await this.dependency(() => this.carves.findBySession(req.session_id));
    if (!carve) throw new DomainError('CARVE_NOT_FOUND', 'carve block failed: session not found');
    if (carveExpired(carve, now)) throw new DomainError('CARVE_NOT_FOUND', 'carve block failed: carve expired');
    const data = Buffer.from(req.data, 'base64');
    const retry = req.block_id === carve.maxBlock && carve.maxBlock >= 0;
    const problem = retry ? null : carveBlockProblem({ blockId: req.block_id, maxBlock: carve.maxBlock, blockCount: carve.blockCount, blockSize: carve.blockSize, dataLength: data.length });
    if (problem) throw new DomainError('CARVE_BLOCK_INVALID', `carve block failed: ${problem}`);
    await this.dependency(() => this.carves.storeBlock(carve, req.block_id, data));
  }

  private async dependency<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw new DomainError('DEPENDENCY_UNAVAILABLE', 'carve storage unavailable', { cause: (err as Error).message });
    }
  }
}
