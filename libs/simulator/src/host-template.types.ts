import type { Row } from './host-platform';
import type { SeededRandom } from './seeded-random';

/** The hardware a platform template picks for a host's system_info row. */
export interface SystemHardware {
  readonly cpuType: string;
  readonly cpuSubtype: string;
  readonly cpuBrand: string;
  readonly physicalCores: number;
  readonly hardwareVendor: string;
  readonly hardwareModel: string;
  readonly hardwareVersion: string;
  readonly boardVendor: string;
  readonly boardModel: string;
}

/**
 * What one platform (host-template-<platform>.ts) contributes to a host profile. createHostProfile calls
 * these with the host's own SeededRandom, interleaved with its own draws, so a profile stays the same for a
 * (seed, index, platform) only while each function draws the same values in the same order.
 */
export interface PlatformTemplate {
  systemHardware(rng: SeededRandom, logicalCores: number): SystemHardware;
  /** The os_version row. */
  osVersion(rng: SeededRandom): Row;
  /** The platform_info row (firmware). */
  platformInfo(rng: SeededRandom): Row;
  /** The platform's software table. */
  readonly softwareTable: 'deb_packages' | 'apps' | 'programs';
  /** Its rows. */
  software(rng: SeededRandom): Row[];
  /** That table's columns in `SELECT *` order: every row of `software` has exactly these keys. */
  readonly softwareColumns: readonly string[];
}
