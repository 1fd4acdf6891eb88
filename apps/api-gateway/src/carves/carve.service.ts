import { Inject, Injectable } from '@nestjs/common';
import { authorize, badRequest, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { carveExpired } from '@fleet/domain';
import type { Carve, CarveListOptions, Clock } from '@fleet/domain';
import { CarveRepository } from '@fleet/persistence';
import { CLOCK } from '@fleet/platform';

/**
 * File carves for the admin API (fleet-admin-api.md §1.15): global admins list carves and read their blocks,
 * wherever the blocks are stored (MySQL or S3-compatible storage). A carve past its day of retention is
 * expired even before the ingest role's cleanup marked it.
 */
@Injectable()
export class CarveService {
  constructor(private readonly carves: CarveRepository, @Inject(CLOCK) private readonly clock: Clock) {}

  async list(caller: Caller, opts: CarveListOptions): Promise<Carve[]> {
    authorize(caller, 'carve:read', { teamId: null });
    const now = this.clock.now().getTime();
    const carves = (await this.carves.list(opts)).map((c) => this.withExpiry(c, now));
    return opts.expired ? carves : carves.filter((c) => !c.expired);
  }

  async get(caller: Caller, id: number): Promise<Carve> {
    authorize(caller, 'carve:read', { teamId: null });
    return this.withExpiry(await this.carve(id), this.clock.now().getTime());
  }

  async block(caller: Caller, id: number, blockId: number): Promise<Buffer> {
    authorize(caller, 'carve:read', { teamId: null });
    const carve = await this.carve(id);
    if (carveExpired(carve, this.clock.now().getTime())) throw badRequest('cannot get block for expired carve');
    if (blockId >= carve.blockCount) throw notFound(`block ${blockId} does not exist: carve ${id} has ${carve.blockCount} blocks`);
    const content = blockId > carve.maxBlock ? { kind: 'not_received' as const } : await this.carves.readBlock(carve, blockId);
    switch (content.kind) {
      case 'data':
        return content.data;
      case 'not_received':
        throw badRequest(`block ${blockId} not yet available`);
      case 'unavailable':
        switch (content.reason) {
          case 'uploading':
            throw badRequest(`block ${blockId} is in the carve's S3 upload, which completes with the carve's last block; read it then`);
          case 'object_missing':
            throw badRequest('cannot get block for expired carve: its object is no longer in the S3 bucket');
          case 'storage_not_configured':
            throw badRequest(`block ${blockId} is stored in S3, and this server has no s3.carves_bucket configured`);
        }
    }
  }

  private async carve(id: number): Promise<Carve> {
    const carve = await this.carves.findById(id);
    if (!carve) throw notFound(`Carve with id=${id} was not found in the datastore`);
    return carve;
  }

  private withExpiry(c: Carve, now: number): Carve {
    return carveExpired(c, now) && !c.expired ? { ...c, expired: true } : c;
  }
}
