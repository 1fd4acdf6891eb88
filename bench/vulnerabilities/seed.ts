import { createHash } from 'node:crypto';
import type { DataSource } from '@fleet/persistence';
import { ovalPlatformOf, softwareTitleOf, softwareVersionIdentity } from '@fleet/domain';
import type { SoftwareItem, SoftwareSource } from '@fleet/domain';
import { PLATFORMS, catalogue, hostInventory, tailCdfs } from './catalogue';
import type { CatalogueTitle, HostInventory, Platform } from './catalogue';

/**
 * Seeds the benchmark's fleet straight into a migrated database, as the software writer would have left it:
 * hosts in five teams (a sixth of them in none), their software (`perHost` items each from the catalogue),
 * the versions and titles they name, the per-version and per-title host counts, each host's software state
 * and the OVAL releases of the packages. Rows go in by multi-row INSERTs on two connections; host_software's
 * secondary index is built once after its rows are in (what a restore would do), not row by row.
 */
export interface SeedOptions {
  readonly hosts: number;
  readonly perHost: number;
  readonly log: (msg: string) => void;
}

export interface SeededFleet {
  readonly catalogues: ReadonlyMap<Platform, readonly CatalogueTitle[]>;
  readonly softwareVersions: number;
  readonly titles: number;
  readonly hostSoftwareRows: number;
  readonly platformHosts: Record<Platform, number>;
  /** The software id of (platform, title, version), for the incremental phase. */
  readonly softwareId: (platform: Platform, title: number, version: number) => number;
  /** The item the catalogue holds for (platform, title, version). */
  readonly itemOf: (platform: Platform, title: number, version: number) => SoftwareItem;
  /** Host i's inventory (deterministic, regenerated on demand). */
  readonly inventory: (i: number) => HostInventory;
  readonly seconds: number;
}

const BATCH = 10_000;
const md5 = (s: string): Buffer => createHash('md5').update(s).digest();
const SOURCE: Record<Platform, SoftwareSource> = { darwin: 'apps', windows: 'programs', ubuntu: 'deb_packages', rhel: 'rpm_packages' };
const HOST_PLATFORM: Record<Platform, string> = { darwin: 'darwin', windows: 'windows', ubuntu: 'ubuntu', rhel: 'rhel' };
const teamOf = (i: number): number | null => (i % 6 === 0 ? null : (i % 5) + 1);

export function itemFor(platform: Platform, t: CatalogueTitle, v: number): SoftwareItem {
  const cv = t.versions[v] ?? t.versions[0];
  const version = cv?.version ?? '0';
  switch (platform) {
    case 'darwin': return { name: t.name, version, source: SOURCE[platform], vendor: t.vendor, bundle_identifier: t.bundleIdentifier ?? '' };
    case 'windows': return { name: t.name, version, source: SOURCE[platform], vendor: t.vendor };
    case 'ubuntu': return { name: t.name, version, source: SOURCE[platform], arch: 'amd64' };
    case 'rhel': return { name: t.name, version, source: SOURCE[platform], release: cv?.release ?? '', arch: 'x86_64', vendor: 'Red Hat, Inc.' };
  }
}

/** Runs `task(i)` for i in [0, n) with `width` in flight. */
async function parallel(n: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await task(next++);
  }));
}

async function insertRows(ds: DataSource, sql: string, rows: readonly unknown[][]): Promise<void> {
  await parallel(Math.ceil(rows.length / BATCH), 2, (b) => ds.query(sql, [rows.slice(b * BATCH, (b + 1) * BATCH)]));
}

export async function seedFleet(ds: DataSource, o: SeedOptions): Promise<SeededFleet> {
  const t0 = Date.now();
  const catalogues = new Map<Platform, CatalogueTitle[]>(PLATFORMS.map((p) => [p.platform, catalogue(p)]));
  const cdfs = tailCdfs(catalogues);
  const inventory = (i: number): HostInventory => hostInventory(i, o.perHost, catalogues, cdfs);

  // Version slots: platform offset + title's first slot + version index.
  const platformBase = new Map<Platform, number>();
  const titleBase = new Map<Platform, Int32Array>();
  let slots = 0;
  for (const p of PLATFORMS) {
    platformBase.set(p.platform, slots);
    const cat = catalogues.get(p.platform) as CatalogueTitle[];
    const bases = new Int32Array(cat.length);
    for (const [k, t] of cat.entries()) { bases[k] = slots; slots += t.versions.length + 1; } // +1: room for the incremental phase's new version
    titleBase.set(p.platform, bases);
  }
  const slotOf = (p: Platform, title: number, v: number): number => ((titleBase.get(p) as Int32Array)[title]) + v;

  // Pass 1: every host's inventory as slots, and the platforms/OS.
  const hostSlots = new Int32Array(o.hosts * o.perHost).fill(-1);
  const hostPlatform: Platform[] = new Array<Platform>(o.hosts);
  const hostOs: string[] = new Array<string>(o.hosts);
  const used = new Uint32Array(slots);
  const platformHosts: Record<Platform, number> = { darwin: 0, windows: 0, ubuntu: 0, rhel: 0 };
  for (let i = 0; i < o.hosts; i++) {
    const inv = inventory(i);
    hostPlatform[i] = inv.platform;
    hostOs[i] = inv.osVersion;
    platformHosts[inv.platform]++;
    for (const [k, [title, v]] of inv.items.entries()) {
      const s = slotOf(inv.platform, title, v);
      hostSlots[i * o.perHost + k] = s;
      used[s] = (used[s] ?? 0) + 1;
    }
  }
  o.log(`inventories generated (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // Titles and versions that some host has.
  const softwareIdOfSlot = new Int32Array(slots);
  const titleIdOfSlot = new Int32Array(slots);
  const titleRows: unknown[][] = [];
  const softwareRows: unknown[][] = [];
  for (const p of PLATFORMS) {
    for (const t of catalogues.get(p.platform) as CatalogueTitle[]) {
      let titleId = 0;
      for (let v = 0; v < t.versions.length; v++) {
        const slot = slotOf(p.platform, t.index, v);
        if (!used[slot]) continue;
        const item = itemFor(p.platform, t, v);
        const title = softwareTitleOf(item);
        if (!titleId) {
          titleId = titleRows.length + 1;
          titleRows.push([titleId, title.name, title.source, title.browser, title.bundleIdentifier, title.extensionId, md5(title.key)]);
        }
        const id = softwareRows.length + 1;
        softwareRows.push([id, item.name, item.version, item.source, item.vendor ?? '', item.release ?? '', item.arch ?? '', item.bundle_identifier ?? '', md5(softwareVersionIdentity(item)), titleId]);
        softwareIdOfSlot[slot] = id;
        titleIdOfSlot[slot] = titleId;
      }
    }
  }
  for (let t = 1; t <= 5; t++) await ds.query('INSERT INTO teams (id, name) VALUES (?, ?)', [t, `Team ${t}`]);
  await insertRows(ds, 'INSERT INTO software_titles (id, name, source, browser, bundle_identifier, extension_id, title_key) VALUES ?', titleRows);
  await insertRows(ds, 'INSERT INTO software (id, name, version, source, vendor, `release`, arch, bundle_identifier, checksum, title_id) VALUES ?', softwareRows);

  const now = Date.now();
  const hostRows: unknown[][] = [];
  for (let i = 0; i < o.hosts; i++) {
    const p = hostPlatform[i];
    hostRows.push([i + 1, `ohid-${i}`, `nk-${i}`, teamOf(i), `uuid-${i}`, `host-${String(i).padStart(6, '0')}.example.com`, `SER${i}`, HOST_PLATFORM[p], hostOs[i],
      p === 'darwin' && i % 3 === 0 ? 'arm64e' : 'x86_64', '5.12.1', `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 10, 10, new Date(now - 40 * 86400_000)]);
  }
  await insertRows(ds, `INSERT INTO hosts (id, osquery_host_id, node_key, team_id, uuid, hostname, hardware_serial, platform, os_version, cpu_type, osquery_version,
    primary_ip, distributed_interval, config_tls_refresh, created_at) VALUES ?`, hostRows);
  await insertRows(ds, 'INSERT INTO host_seen_times (host_id, seen_time) VALUES ?', hostRows.map((_, i) => [i + 1, new Date(now - (i % 10 < 8 ? 5_000 : 3 * 3600_000))]));
  await insertRows(ds, 'INSERT INTO host_software_state (host_id, team_id) VALUES ?', hostRows.map((_, i) => [i + 1, teamOf(i) ?? 0]));
  o.log(`titles ${titleRows.length}, versions ${softwareRows.length}, hosts ${o.hosts} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // host_software in primary-key order, secondary index afterwards.
  await ds.query('ALTER TABLE host_software DROP KEY idx_host_software_software');
  const hostsPerBatch = Math.max(1, Math.floor(BATCH / o.perHost));
  let rowsTotal = 0;
  await parallel(Math.ceil(o.hosts / hostsPerBatch), 2, async (b) => {
    const rows: Array<[number, number]> = [];
    for (let i = b * hostsPerBatch; i < Math.min(o.hosts, (b + 1) * hostsPerBatch); i++) {
      const ids: number[] = [];
      for (let k = 0; k < o.perHost; k++) {
        const s = hostSlots[i * o.perHost + k];
        if (s >= 0) ids.push(softwareIdOfSlot[s]);
      }
      ids.sort((a, c) => a - c);
      for (const id of ids) rows.push([i + 1, id]);
    }
    rowsTotal += rows.length;
    await ds.query('INSERT INTO host_software (host_id, software_id) VALUES ?', [rows]);
    if (b % 500 === 0) o.log(`host_software: ${rowsTotal} rows (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  });
  await ds.query('ALTER TABLE host_software ADD KEY idx_host_software_software (software_id)');
  o.log(`host_software: ${rowsTotal} rows and index (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // Counts per version and per title (every host, per team), OVAL releases of packages: typed arrays indexed by id × 7 team slots (-1..5).
  const TEAMS = 7;
  const swCounts = new Int32Array((softwareRows.length + 1) * TEAMS);
  const titleCounts = new Int32Array((titleRows.length + 1) * TEAMS);
  const ovalPlatforms: string[] = [];
  const ovalPairs = new Set<number>();
  for (let i = 0; i < o.hosts; i++) {
    const team = teamOf(i) ?? 0;
    const platform = ovalPlatformOf(HOST_PLATFORM[hostPlatform[i]], hostOs[i]);
    let pi = platform ? ovalPlatforms.indexOf(platform) : -1;
    if (platform && pi < 0) pi = ovalPlatforms.push(platform) - 1;
    for (let k = 0; k < o.perHost; k++) {
      const s = hostSlots[i * o.perHost + k];
      if (s < 0) continue;
      const sid = softwareIdOfSlot[s];
      const tid = titleIdOfSlot[s];
      swCounts[sid * TEAMS] = (swCounts[sid * TEAMS] ?? 0) + 1;
      swCounts[sid * TEAMS + team + 1] = (swCounts[sid * TEAMS + team + 1] ?? 0) + 1;
      titleCounts[tid * TEAMS] = (titleCounts[tid * TEAMS] ?? 0) + 1;
      titleCounts[tid * TEAMS + team + 1] = (titleCounts[tid * TEAMS + team + 1] ?? 0) + 1;
      if (pi >= 0) ovalPairs.add(sid * 8 + pi);
    }
  }
  const rowsOf = (counts: Int32Array): unknown[][] => {
    const out: unknown[][] = [];
    for (let k = 0; k < counts.length; k++) if (counts[k]) out.push([Math.floor(k / TEAMS), (k % TEAMS) - 1, counts[k]]);
    return out;
  };
  await insertRows(ds, 'INSERT INTO software_host_counts (software_id, team_id, hosts_count) VALUES ?', rowsOf(swCounts));
  await insertRows(ds, 'INSERT INTO software_title_host_counts (title_id, team_id, hosts_count) VALUES ?', rowsOf(titleCounts));
  await insertRows(ds, 'INSERT INTO software_oval_platforms (software_id, platform) VALUES ?', [...ovalPairs].map((k) => [Math.floor(k / 8), ovalPlatforms[k % 8]]));
  await ds.query('ANALYZE TABLE hosts, host_software, software, software_titles, software_host_counts, software_title_host_counts, host_software_state');
  o.log(`counts and OVAL releases (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  return {
    catalogues, softwareVersions: softwareRows.length, titles: titleRows.length, hostSoftwareRows: rowsTotal, platformHosts,
    softwareId: (p, title, v) => softwareIdOfSlot[slotOf(p, title, v)],
    itemOf: (p, title, v) => itemFor(p, (catalogues.get(p) as CatalogueTitle[])[title], v),
    inventory, seconds: (Date.now() - t0) / 1000,
  };
}
