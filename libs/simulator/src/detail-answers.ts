import type { Row } from './host-platform';
import type { HostProfile } from './host-profile';
import type { TableSet } from './host-tables';

/** Prefix Fleet puts in front of its built-in host-vitals queries (protocol §5.5). */
export const DETAIL_QUERY_PREFIX = 'fleet_detail_query_';

const GIB = 1024 ** 3;

/**
 * Answers a Fleet detail query by its name (never by its SQL, which changes between Fleet releases, §5.8):
 * the rows carry the columns Fleet's ingest reads for that vital. Unknown names return an empty result with
 * status 0, which Fleet accepts (§5.8.3).
 */
export function answerDetailQuery(name: string, profile: HostProfile, tables: TableSet): Row[] {
  const read = (table: string): Row[] => tables.get(table)?.rows() ?? [];
  switch (name) {
    case 'os_version':
    case 'osquery_info':
    case 'system_info':
    case 'uptime':
      return read(name).slice(0, 1);
    case 'os_version_windows': {
      const os = profile.osVersion;
      return [{ name: os['name'] ?? '', display_version: os['display_version'] ?? '', version: os['version'] ?? '', arch: os['arch'] ?? '', kernel_version: profile.kernelInfo['version'] ?? '' }];
    }
    case 'os_unix_like':
    case 'os_windows': {
      const os = profile.osVersion;
      return [{
        name: os['name'] ?? '', version: os['version'] ?? '', major: os['major'] ?? '', minor: os['minor'] ?? '', patch: os['patch'] ?? '',
        build: os['build'] ?? '', arch: os['arch'] ?? '', kernel_version: profile.kernelInfo['version'] ?? '', platform: os['platform'] ?? '',
        display_version: os['display_version'] ?? '', extra: '',
      }];
    }
    case 'osquery_flags':
      return read('osquery_flags').map((r) => ({ name: r['name'] ?? '', value: r['value'] ?? '' }));
    case 'network_interface_unix':
    case 'network_interface_windows':
    case 'network_interface_chrome': {
      // Fleet reads the interface that carries the default route, preferring private IPv4 (§5.8.2).
      const primary = profile.interfaces.find((i) => i.primary);
      return primary ? [{ address: primary.address, mac: primary.mac, interface: primary.interface }] : [];
    }
    case 'disk_space_unix':
    case 'disk_space_windows': {
      const d = profile.disk;
      return [{
        percent_disk_space_available: ((d.freeBytes / d.totalBytes) * 100).toFixed(2),
        gigs_disk_space_available: (d.freeBytes / GIB).toFixed(2),
        gigs_total_disk_space: (d.totalBytes / GIB).toFixed(2),
      }];
    }
    case 'memory':
      return [{ memory: profile.systemInfo['physical_memory'] ?? '0' }];
    case 'users':
      return profile.users.map((u) => ({ uid: u.uid, username: u.username, type: u.type, groupname: u.groupname, shell: u.shell }));
    case 'software_linux':
    case 'software_macos':
    case 'software_windows':
      return softwareRows(profile);
    case 'disk_encryption_darwin':
    case 'disk_encryption_windows':
      // One row means "encrypted" for these two queries.
      return [{ '1': '1' }];
    case 'disk_encryption_linux':
      return [{ path: '/', encrypted: '1', type: 'crypto_LUKS' }];
    case 'scheduled_query_stats':
      return [];
    default:
      return [];
  }
}

/** The software inventory in the unified shape Fleet's software ingest reads (name, version, source, ...). */
export function softwareRows(profile: HostProfile): Row[] {
  switch (profile.softwareTable) {
    case 'deb_packages':
      return profile.software.map((p) => ({
        name: p['name'] ?? '', version: p['version'] ?? '', source: 'deb_packages', vendor: '', installed_path: '', release: p['revision'] ?? '',
        arch: p['arch'] ?? '', bundle_identifier: '', extension_id: '', browser: '', last_opened_at: '',
      }));
    case 'apps':
      return profile.software.map((a) => ({
        name: a['name'] ?? '', version: a['bundle_short_version'] ?? '', source: 'apps', vendor: '', installed_path: a['path'] ?? '', release: '',
        arch: '', bundle_identifier: a['bundle_identifier'] ?? '', extension_id: '', browser: '', last_opened_at: a['last_opened_time'] ?? '',
      }));
    case 'programs':
      return profile.software.map((p) => ({
        name: p['name'] ?? '', version: p['version'] ?? '', source: 'programs', vendor: p['publisher'] ?? '', installed_path: p['install_location'] ?? '',
        release: '', arch: '', bundle_identifier: '', extension_id: '', browser: '', last_opened_at: '',
      }));
  }
}
