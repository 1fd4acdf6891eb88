import { Inject } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { hostRoutes as r } from '@fleet/contracts';
import type { RouteInput } from '@fleet/contracts';
import type { Clock, HostDeviceMapping } from '@fleet/domain';
import { CLOCK } from '@fleet/platform';
import { rfc3339 } from '../core/time.mapper';
import { AdminApi } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { Endpoint, In } from '../http/endpoint.decorator';
import { HostDeviceService } from './host-device.service';
import { HostSearchService } from './host-search.service';
import { toHostDto } from './host.mapper';

const mapping = (hostId: number, rows: readonly HostDeviceMapping[]) => ({ host_id: hostId, device_mapping: rows.map((m) => ({ email: m.email, source: m.source })) });

/** A host's device mapping and health, and the host search; declared in libs/contracts hosts.routes.ts. */
@AdminApi()
export class HostDeviceController {
  constructor(private readonly device: HostDeviceService, private readonly searcher: HostSearchService, @Inject(CLOCK) private readonly clock: Clock) {}

  @Endpoint(r.deviceMapping)
  async deviceMapping(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.deviceMapping>) {
    return mapping(params.id, await this.device.deviceMapping(caller, params.id));
  }

  @Endpoint(r.setDeviceMapping)
  async setDeviceMapping(@CurrentCaller() caller: Caller, @In() { params, body }: RouteInput<typeof r.setDeviceMapping>) {
    return mapping(params.id, await this.device.setCustomDeviceMapping(caller, params.id, body.email));
  }

  @Endpoint(r.health)
  async health(@CurrentCaller() caller: Caller, @In() { params }: RouteInput<typeof r.health>) {
    const h = await this.device.health(caller, params.id);
    return {
      host_id: params.id,
      health: {
        updated_at: rfc3339(h.updatedAt), os_version: h.osVersion, failing_policies_count: h.failingPolicies.length,
        failing_critical_policies_count: h.failingCriticalPoliciesCount,
        failing_policies: h.failingPolicies.map((p) => ({ id: p.id, name: p.name, critical: p.critical, resolution: p.resolution })),
        vulnerable_software: h.vulnerableSoftware.map((s) => ({ id: s.id, name: s.name, version: s.version })),
      },
    };
  }

  @Endpoint(r.search)
  async search(@CurrentCaller() caller: Caller, @In() { body }: RouteInput<typeof r.search>) {
    const hosts = await this.searcher.search(caller, body.query, body.query_id, body.excluded_host_ids);
    const now = this.clock.now();
    return { hosts: hosts.map((h) => toHostDto(h, now)) };
  }
}
