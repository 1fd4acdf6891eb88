import type { Row } from './host-platform';
import type { PlatformTemplate, SystemHardware } from './host-template.types';
import type { SeededRandom } from './seeded-random';
import { MAC_APP_CATALOG } from './software-catalog';

const RELEASES = [
  { name: 'macOS', version: '14.6.1', major: '14', minor: '6', patch: '1', build: '23G93' },
  { name: 'macOS', version: '15.0', major: '15', minor: '0', patch: '0', build: '24A335' },
  { name: 'macOS', version: '13.6.9', major: '13', minor: '6', patch: '9', build: '22G830' },
] as const;

function macosOsVersion(rng: SeededRandom): Row {
  const r = rng.pick(RELEASES);
  return {
    name: r.name, version: r.version, major: r.major, minor: r.minor, patch: r.patch, build: r.build,
    platform: 'darwin', platform_like: 'darwin', codename: '', arch: 'arm64', extra: '', install_date: '', revision: '',
    pid_with_namespace: '', mount_namespace_id: '',
  };
}

function macosSystemHardware(rng: SeededRandom, logicalCores: number): SystemHardware {
  const model = rng.pick(['MacBookPro18,3', 'Mac14,2', 'Mac15,6', 'MacBookAir10,1']);
  return {
    cpuType: 'arm64e', cpuSubtype: 'ARM64E', cpuBrand: rng.pick(['Apple M1 Pro', 'Apple M2', 'Apple M3 Pro', 'Apple M1']),
    physicalCores: logicalCores, hardwareVendor: 'Apple Inc.', hardwareModel: model, hardwareVersion: '', boardVendor: 'Apple Inc.', boardModel: model,
  };
}

function macosPlatformInfo(rng: SeededRandom): Row {
  return { vendor: 'Apple Inc.', version: `${rng.int(10000, 11000)}.141.1`, date: '', revision: '', extra: '', firmware_type: 'efi', address: '', size: '', volume_size: '' };
}

const APPS_COLUMNS = ['name', 'path', 'bundle_executable', 'bundle_identifier', 'bundle_name', 'bundle_short_version', 'bundle_version', 'bundle_package_type',
  'environment', 'element', 'compiler', 'development_region', 'display_name', 'info_string', 'minimum_system_version', 'category', 'applescript_enabled',
  'copyright', 'last_opened_time'] as const;

function macosSoftware(rng: SeededRandom): Row[] {
  return rng.sample(MAC_APP_CATALOG, rng.int(25, 38)).map((a) => {
    const apple = a.vendor === 'Apple';
    const path = `${apple ? '/System/Applications' : '/Applications'}/${a.name}`;
    return {
      name: a.name, path, bundle_executable: a.name.replace(/\.app$/, ''), bundle_identifier: a.bundleId ?? '', bundle_name: a.name.replace(/\.app$/, ''),
      bundle_short_version: a.version, bundle_version: a.version, bundle_package_type: 'APPL', environment: '', element: '', compiler: '',
      development_region: 'en', display_name: a.name.replace(/\.app$/, ''), info_string: '', minimum_system_version: '11.0', category: '',
      applescript_enabled: '0', copyright: `Copyright © ${a.vendor}`, last_opened_time: String(1_735_000_000 + rng.int(0, 600_000)),
    };
  });
}

export const macosTemplate: PlatformTemplate = {
  systemHardware: macosSystemHardware,
  osVersion: macosOsVersion,
  platformInfo: macosPlatformInfo,
  softwareTable: 'apps',
  software: macosSoftware,
  softwareColumns: APPS_COLUMNS,
};
