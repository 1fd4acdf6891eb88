import { Injectable } from '@nestjs/common';
import { authorizeScope, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { SoftwareRepository } from '@fleet/persistence';
import type { ListOptions, Page, SoftwareRecord } from '@fleet/persistence';

/** Software inventory with host counts (fleet-admin-api.md §1.14); team users count only their teams' hosts. */
@Injectable()
export class SoftwareService {
  constructor(private readonly software: SoftwareRepository) {}

  async list(caller: Caller, teamId: number | undefined, opts: ListOptions): Promise<Page<SoftwareRecord> & { count: number }> {
    const scope = authorizeScope(caller, 'software:read');
    return this.software.list(scope, teamId, opts);
  }

  async get(caller: Caller, teamId: number | undefined, id: number): Promise<SoftwareRecord> {
    const scope = authorizeScope(caller, 'software:read');
    const s = await this.software.findById(scope, teamId, id);
    if (!s) throw notFound(`Software with id=${id} was not found in the datastore`);
    return s;
  }
}
