import type { Row, SimPlatform } from './host-platform';
import type { PlatformTemplate } from './host-template.types';

export interface NetworkInterfaceFact {
  readonly interface: string;
  readonly address: string;
  readonly mask: string;
  readonly mac: string;
  /** True for the interface carrying the default route (Fleet's primary IP/MAC source, protocol §5.8.2). */
  readonly primary: boolean;
}

export interface UserFact {
  readonly uid: string;
  readonly gid: string;
  readonly username: string;
  readonly description: string;
  readonly directory: string;
  readonly shell: string;
  readonly groupname: string;
  /** Windows `users.type` ("local"/"special"); empty elsewhere. */
  readonly type: string;
}

export interface DiskFact {
  readonly device: string;
  readonly path: string;
  readonly fsType: string;
  readonly blockSize: number;
  readonly totalBytes: number;
  readonly freeBytes: number;
}

/**
 * Every fact of one simulated machine. Facts are fixed at creation (seeded by host index), so the same
 * simulator seed always produces the same fleet; only uptime moves with the clock.
 */
export interface HostProfile {
  readonly index: number;
  readonly platform: SimPlatform;
  readonly hostname: string;
  readonly hardwareUuid: string;
  /** osquery's per-install instance id, the `--host_identifier=instance` value Fleet's flagfile uses. */
  readonly instanceId: string;
  readonly hardwareSerial: string;
  /** Unix seconds at which the simulated machine booted. */
  readonly bootedAt: number;
  readonly osVersion: Row;
  readonly osqueryInfo: Row;
  readonly systemInfo: Row;
  readonly platformInfo: Row;
  readonly kernelInfo: Row;
  readonly interfaces: readonly NetworkInterfaceFact[];
  readonly disk: DiskFact;
  readonly users: readonly UserFact[];
  /** Native rows of the platform's package table. */
  readonly softwareTable: PlatformTemplate['softwareTable'];
  /** That table's columns in `SELECT *` order. */
  readonly softwareColumns: readonly string[];
  /** Its rows, drawn afresh on each read (new objects the caller may keep or change). */
  readonly software: Row[];
}
