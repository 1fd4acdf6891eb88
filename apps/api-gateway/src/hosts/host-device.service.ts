import { Injectable } from '@nestjs/common';
import { authorizeScope, notFound } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { CUSTOM_DEVICE_MAPPING_SOURCE, hostHealth } from '@fleet/domain';
import type { Action, Host, HostDeviceMapping, HostHealth } from '@fleet/domain';
import { HostDetailRepository, HostDeviceMappingRepository, HostRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';

/**
 * What a host's page shows about the device and its people (fleet-admin-api.md §1.3): the human-device
 * mapping and the health report. A host outside the caller's teams is 404, as for every host route here.
 */
@Injectable()
export class HostDeviceService {
  constructor(
    private readonly hosts: HostRepository,
    private readonly details: HostDetailRepository,
    private readonly mappings: HostDeviceMappingRepository,
    private readonly activities: ActivityRecorder,
  ) {}

  async deviceMapping(caller: Caller, id: number): Promise<HostDeviceMapping[]> {
    await this.host(caller, id, 'host:read');
    return this.mappings.list(id);
  }

  /**
   * Sets the host's `custom` email (writing the host, as Fleet authorizes it). Fleet records no activity for it;
   * it is recorded here as `edited_host_device_mapping`, naming the host, so every change is audited.
   */
  async setCustomDeviceMapping(caller: Caller, id: number, email: string): Promise<HostDeviceMapping[]> {
    const host = await this.host(caller, id, 'host:write');
    await this.mappings.setCustom(id, email);
    await this.activities.record(caller, 'edited_host_device_mapping', {
      host_id: id, host_display_name: host.computerName || host.hostname, email, source: CUSTOM_DEVICE_MAPPING_SOURCE,
    });
    return this.mappings.list(id);
  }

  async health(caller: Caller, id: number): Promise<HostHealth> {
    const host = await this.host(caller, id, 'host:read');
    const [policies, software] = await Promise.all([this.details.policies(host.id, host.teamId), this.details.software(host.id)]);
    return hostHealth(host, policies, software);
  }

  private async host(caller: Caller, id: number, action: Action): Promise<Host> {
    const host = await this.hosts.findById(authorizeScope(caller, action), id);
    if (!host) throw notFound(`Host with id=${id} was not found in the datastore`);
    return host;
  }
}
