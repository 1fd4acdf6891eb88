import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { SoftwareItem } from '@fleet/domain';
import { ovalPlatformOf, softwareTitleOf, softwareVersionIdentity } from '@fleet/domain';
import { ALL_HOSTS, CountDeltas, applyCountDeltas, ensureCountRows, teamKey } from './host-software.counts';
import { softwareTitleKey, versionIdentityChecksum } from './software-checksum';

type Row = Record<string, unknown>;

const cut = (s: string | undefined, n: number): string => (s ?? '').slice(0, n);
const OVAL_SOURCES = new Set(['deb_packages', 'rpm_packages']);
/** last_opened_at is rewritten only when it moved to another hour (Fleet: osquery.min_software_last_opened_at_diff). */
const OPENED_BUCKET_S = 3600;
/** Bounds of the in-process caches (ids never change once created; the caches only save round trips). */
const CACHE_LIMIT = 2_000_000;

interface PreparedItem {
  readonly softwareId: number;
  readonly titleId: number;
  readonly lastOpened: number | null;
  readonly path: string | null;
  readonly oval: boolean;
}

/** One host's reported inventory, resolved to software ids, with the checksum of the whole set. */
export interface PreparedSoftwareSet {
  readonly hostId: number;
  readonly items: readonly PreparedItem[];
  readonly checksum: Buffer;
}

/** The locked host row the writer needs: its team (counts) and OS (which OVAL definitions apply). */
export interface HostForSoftware {
  readonly teamId: number | null;
  readonly platform: string;
  readonly osVersion: string;
}

export interface SoftwareWriteStats {
  /** Hosts whose set differed from what was stored (the others cost one primary-key read). */
  hostsChanged: number;
  rowsAdded: number;
  rowsRemoved: number;
}

/**
 * A point where a long batch may give the event loop back (the ingest role passes its WorkSlicer's turn): the
 * checksums and differences of hundreds of hosts' inventories would otherwise hold it for hundreds of ms.
 */
export type YieldPoint = () => Promise<void>;
const NO_YIELD: YieldPoint = () => Promise.resolve();

/** [host, software] pairs as host → software ids, hosts in id order. */
function groupByHost(pairs: ReadonlyArray<readonly [number, number]>): Array<[number, number[]]> {
  const out = new Map<number, number[]>();
  for (const [h, s] of pairs) out.set(h, [...(out.get(h) ?? []), s]);
  return [...out].sort((a, b) => a[0] - b[0]);
}

const setChecksum = (items: readonly PreparedItem[]): Buffer => {
  const h = createHash('md5');
  for (const i of items) h.update(`${i.softwareId}\t${i.lastOpened === null ? '' : Math.floor(i.lastOpened / OPENED_BUCKET_S)}\t${i.path ?? ''}\n`);
  return h.digest();
};

/**
 * Writes hosts' software inventories as changes, and keeps the host counts of versions and titles (per team
 * and for every host) current while doing so.
 *
 * `prepare` runs before the batch's transaction: it creates the titles, software versions and count rows
 * the batch needs, each with one sorted multi-row INSERT IGNORE in autocommit (so concurrent writers never
 * hold insert locks on shared rows inside a transaction), and resolves every item to ids. `write` runs inside
 * the transaction, after the batch's hosts were locked in id order: a host whose set checksum and team match
 * what is stored costs nothing more; for the others it reads the stored rows and writes only the difference
 * (rows added and removed, last-opened times that moved to another hour, installed paths) and the count
 * changes, in key order — so concurrent batches wait for each other at worst, and never deadlock.
 */
export class HostSoftwareWriter {
  private readonly byChecksum = new Map<string, { id: number; titleId: number }>();
  /** softwareVersionIdentity → checksum (hex): most of a fleet's inventories repeat the same versions. */
  private readonly checksumByIdentity = new Map<string, string>();
  private readonly titleByKey = new Map<string, number>();
  private readonly titleOfSoftware = new Map<number, number>();
  private readonly knownCountRows = new Set<string>();
  private readonly knownOvalPairs = new Set<string>();

  constructor(private readonly ds: DataSource) {}

  async prepare(writes: ReadonlyArray<readonly [number, readonly SoftwareItem[]]>, turn: YieldPoint = NO_YIELD): Promise<PreparedSoftwareSet[]> {
    if (writes.length === 0) return [];
    this.trimCaches();
    const wanted = new Map<string, SoftwareItem>();
    const perHost: Array<readonly [number, Map<string, SoftwareItem>]> = [];
    for (const [hostId, software] of writes) {
      await turn();
      const items = new Map<string, SoftwareItem>();
      for (const s of software) {
        const k = this.checksumOf(s);
        if (!items.has(k)) items.set(k, s);
        if (!wanted.has(k)) wanted.set(k, s);
      }
      perHost.push([hostId, items]);
    }
    await this.resolve(wanted);
    const sets: PreparedSoftwareSet[] = [];
    for (const [hostId, items] of perHost) {
      await turn();
      const prepared: PreparedItem[] = [];
      for (const [k, s] of items) {
        const ids = this.byChecksum.get(k);
        if (!ids) continue;
        prepared.push({
          softwareId: ids.id, titleId: ids.titleId, lastOpened: s.last_opened_at ?? null,
          path: s.installed_path ? cut(s.installed_path, 1024) : null, oval: OVAL_SOURCES.has(s.source),
        });
      }
      prepared.sort((a, b) => a.softwareId - b.softwareId);
      sets.push({ hostId, items: prepared, checksum: setChecksum(prepared) });
    }
    await this.ensureCounts(sets);
    return sets;
  }

  /** Titles and versions by checksum: cached, else read, else created (sorted, autocommit) and read back. */
  private async resolve(wanted: Map<string, SoftwareItem>): Promise<void> {
    const missing = [...wanted.keys()].filter((k) => !this.byChecksum.has(k));
    if (missing.length === 0) return;
    await this.readSoftware(missing);
    const absent = missing.filter((k) => !this.byChecksum.has(k)).sort();
    if (absent.length === 0) return;
    const titles = new Map<string, SoftwareItem>();
    for (const k of absent) {
      const s = wanted.get(k) as SoftwareItem;
      titles.set(softwareTitleKey(s).toString('hex'), s);
    }
    await this.resolveTitles(titles);
    for (let i = 0; i < absent.length; i += 500) {
      const rows = absent.slice(i, i + 500).map((k) => {
        const s = wanted.get(k) as SoftwareItem;
        return [cut(s.name, 255), cut(s.version, 255), cut(s.source, 64), cut(s.vendor, 255), cut(s.release, 64), cut(s.arch, 32), cut(s.bundle_identifier, 255),
          cut(s.browser, 32), cut(s.extension_id, 255), this.titleByKey.get(softwareTitleKey(s).toString('hex')) ?? null, Buffer.from(k, 'hex')];
      });
      await this.ds.query('INSERT IGNORE INTO software (name, version, source, vendor, `release`, arch, bundle_identifier, browser, extension_id, title_id, checksum) VALUES ?', [rows]);
    }
    await this.readSoftware(absent);
    // Rows created without a title (before titles existed, or by hand) get theirs now.
    for (const k of missing) {
      const ids = this.byChecksum.get(k);
      if (ids && ids.titleId === 0) {
        const s = wanted.get(k) as SoftwareItem;
        const titleKey = softwareTitleKey(s).toString('hex');
        if (!this.titleByKey.has(titleKey)) await this.resolveTitles(new Map([[titleKey, s]]));
        const titleId = this.titleByKey.get(titleKey) ?? 0;
        await this.ds.query('UPDATE software SET title_id = ? WHERE id = ? AND title_id IS NULL', [titleId, ids.id]);
        this.byChecksum.set(k, { id: ids.id, titleId });
        this.titleOfSoftware.set(ids.id, titleId);
      }
    }
  }

  private async readSoftware(checksums: readonly string[]): Promise<void> {
    for (let i = 0; i < checksums.length; i += 1000) {
      const found = await this.ds.query<Row[]>('SELECT id, title_id, checksum FROM software WHERE checksum IN (?)',
        [checksums.slice(i, i + 1000).map((k) => Buffer.from(k, 'hex'))]);
      for (const r of found) {
        const id = Number(r['id']);
        const titleId = r['title_id'] === null ? 0 : Number(r['title_id']);
        this.byChecksum.set(Buffer.from(r['checksum'] as Buffer).toString('hex'), { id, titleId });
        if (titleId) this.titleOfSoftware.set(id, titleId);
      }
    }
  }

  private async resolveTitles(titles: Map<string, SoftwareItem>): Promise<void> {
    const keys = [...titles.keys()].filter((k) => !this.titleByKey.has(k)).sort();
    const read = async (list: readonly string[]): Promise<void> => {
      for (let i = 0; i < list.length; i += 1000) {
        const rows = await this.ds.query<Row[]>('SELECT id, title_key FROM software_titles WHERE title_key IN (?)', [list.slice(i, i + 1000).map((k) => Buffer.from(k, 'hex'))]);
        for (const r of rows) this.titleByKey.set(Buffer.from(r['title_key'] as Buffer).toString('hex'), Number(r['id']));
      }
    };
    await read(keys);
    const absent = keys.filter((k) => !this.titleByKey.has(k));
    for (let i = 0; i < absent.length; i += 500) {
      const rows = absent.slice(i, i + 500).map((k) => {
        const t = softwareTitleOf(titles.get(k) as SoftwareItem);
        return [cut(t.name, 255), cut(t.source, 64), cut(t.browser, 32), cut(t.bundleIdentifier, 255), cut(t.extensionId, 255), Buffer.from(k, 'hex')];
      });
      await this.ds.query('INSERT IGNORE INTO software_titles (name, source, browser, bundle_identifier, extension_id, title_key) VALUES ?', [rows]);
    }
    await read(absent);
  }

  /**
   * Count rows for the sets that look changed (read without locks; `write` decides under the lock): every
   * version and title of the new set, under the host's team and under every host.
   */
  private async ensureCounts(sets: readonly PreparedSoftwareSet[]): Promise<void> {
    if (sets.length === 0) return;
    const rows = await this.ds.query<Row[]>(
      'SELECT h.id, h.team_id, st.team_id AS counted, st.set_checksum FROM hosts h LEFT JOIN host_software_state st ON st.host_id = h.id WHERE h.id IN (?)',
      [sets.map((s) => s.hostId)]);
    const byHost = new Map(rows.map((r) => [Number(r['id']), r]));
    const pairs: Record<'software' | 'title', Array<[number, number]>> = { software: [], title: [] };
    const want = (kind: 'software' | 'title', id: number, team: number): void => {
      const k = `${kind}:${id}:${team}`;
      if (this.knownCountRows.has(k)) return;
      this.knownCountRows.add(k);
      pairs[kind].push([id, team]);
    };
    for (const s of sets) {
      const r = byHost.get(s.hostId);
      if (!r) continue;
      const team = teamKey(r['team_id']);
      const stored = r['set_checksum'] as Buffer | null;
      if (stored && Buffer.from(stored).equals(s.checksum) && r['counted'] !== null && Number(r['counted']) === team) continue;
      for (const i of s.items) {
        want('software', i.softwareId, team);
        want('software', i.softwareId, ALL_HOSTS);
        want('title', i.titleId, team);
        want('title', i.titleId, ALL_HOSTS);
      }
    }
    const query = (sql: string, params?: unknown[]): Promise<unknown> => this.ds.query(sql, params);
    try {
      await ensureCountRows(query, 'software', pairs.software);
      await ensureCountRows(query, 'title', pairs.title);
    } catch (err) {
      for (const kind of ['software', 'title'] as const) for (const [id, team] of pairs[kind]) this.knownCountRows.delete(`${kind}:${id}:${team}`);
      throw err;
    }
  }

  /** Inside the batch transaction, with `hosts` locked (a host missing from it was deleted: its software is dropped). */
  async write(tx: EntityManager, sets: readonly PreparedSoftwareSet[], hosts: ReadonlyMap<number, HostForSoftware>, turn: YieldPoint = NO_YIELD): Promise<SoftwareWriteStats> {
    const stats: SoftwareWriteStats = { hostsChanged: 0, rowsAdded: 0, rowsRemoved: 0 };
    const live = sets.filter((s) => hosts.has(s.hostId));
    if (live.length === 0) return stats;
    const states = await tx.query<Row[]>('SELECT host_id, team_id, set_checksum FROM host_software_state WHERE host_id IN (?)', [live.map((s) => s.hostId)]);
    const stateOf = new Map(states.map((r) => [Number(r['host_id']), { team: Number(r['team_id']), checksum: r['set_checksum'] as Buffer | null }]));
    const changed = live.filter((s) => {
      const st = stateOf.get(s.hostId);
      const team = teamKey(hosts.get(s.hostId)?.teamId);
      return !st || st.team !== team || !st.checksum || !Buffer.from(st.checksum).equals(s.checksum);
    });
    if (changed.length === 0) return stats;
    stats.hostsChanged = changed.length;
    const ids = changed.map((s) => s.hostId);
    const stored = await tx.query<Row[]>('SELECT host_id, software_id, UNIX_TIMESTAMP(last_opened_at) AS opened FROM host_software WHERE host_id IN (?)', [ids]);
    const storedPaths = await tx.query<Row[]>('SELECT host_id, software_id, installed_path FROM host_software_installed_paths WHERE host_id IN (?)', [ids]);
    const rowsOf = new Map<number, Map<number, number | null>>();
    for (const r of stored) {
      const m = rowsOf.get(Number(r['host_id'])) ?? new Map<number, number | null>();
      m.set(Number(r['software_id']), r['opened'] === null ? null : Math.floor(Number(r['opened'])));
      rowsOf.set(Number(r['host_id']), m);
    }
    const pathsOf = new Map<number, Map<number, string>>();
    for (const r of storedPaths) {
      const m = pathsOf.get(Number(r['host_id'])) ?? new Map<number, string>();
      m.set(Number(r['software_id']), String(r['installed_path']));
      pathsOf.set(Number(r['host_id']), m);
    }
    await this.learnTitles(tx, stored.map((r) => Number(r['software_id'])));

    const upserts: unknown[][] = [];
    const deletes: Array<[number, number]> = [];
    const pathUpserts: unknown[][] = [];
    const pathDeletes: Array<[number, number]> = [];
    const ovalPairs: Array<[number, string]> = [];
    const stateRows: unknown[][] = [];
    const deltas = new CountDeltas();
    for (const s of changed) {
      await turn();
      const host = hosts.get(s.hostId) as HostForSoftware;
      const team = teamKey(host.teamId);
      const st = stateOf.get(s.hostId);
      const old = rowsOf.get(s.hostId) ?? new Map<number, number | null>();
      const oldPaths = pathsOf.get(s.hostId) ?? new Map<number, string>();
      const next = new Set(s.items.map((i) => i.softwareId));
      for (const i of s.items) {
        const had = old.has(i.softwareId);
        const was = old.get(i.softwareId) ?? null;
        const moved = i.lastOpened !== null && (was === null || Math.floor(was / OPENED_BUCKET_S) !== Math.floor(i.lastOpened / OPENED_BUCKET_S));
        if (!had || moved) upserts.push([s.hostId, i.softwareId, i.lastOpened === null ? null : new Date(i.lastOpened * 1000)]);
        if (!had) stats.rowsAdded++;
        if (i.path !== null && oldPaths.get(i.softwareId) !== i.path) pathUpserts.push([s.hostId, i.softwareId, i.path]);
        if (i.path === null && oldPaths.has(i.softwareId)) pathDeletes.push([s.hostId, i.softwareId]);
      }
      for (const id of old.keys()) {
        if (next.has(id)) continue;
        deletes.push([s.hostId, id]);
        if (oldPaths.has(id)) pathDeletes.push([s.hostId, id]);
        stats.rowsRemoved++;
      }
      const newTitles = new Set(s.items.map((i) => i.titleId).filter((t) => t > 0));
      if (!st) {
        // Nothing of this host was counted yet.
        deltas.addSet('software', next, team, 1);
        deltas.addSet('title', newTitles, team, 1);
      } else {
        const oldIds = [...old.keys()];
        const oldTitles = new Set(oldIds.map((id) => this.titleOfSoftware.get(id) ?? 0).filter((t) => t > 0));
        deltas.addSet('software', s.items.filter((i) => !old.has(i.softwareId)).map((i) => i.softwareId), ALL_HOSTS, 1, false);
        deltas.addSet('software', oldIds.filter((id) => !next.has(id)), ALL_HOSTS, -1, false);
        deltas.addSet('title', [...newTitles].filter((t) => !oldTitles.has(t)), ALL_HOSTS, 1, false);
        deltas.addSet('title', [...oldTitles].filter((t) => !newTitles.has(t)), ALL_HOSTS, -1, false);
        if (st.team === team) {
          deltas.addSet('software', s.items.filter((i) => !old.has(i.softwareId)).map((i) => i.softwareId), team, 1, false);
          deltas.addSet('software', oldIds.filter((id) => !next.has(id)), team, -1, false);
          deltas.addSet('title', [...newTitles].filter((t) => !oldTitles.has(t)), team, 1, false);
          deltas.addSet('title', [...oldTitles].filter((t) => !newTitles.has(t)), team, -1, false);
        } else {
          deltas.addSet('software', oldIds, st.team, -1, false);
          deltas.addSet('software', next, team, 1, false);
          deltas.addSet('title', oldTitles, st.team, -1, false);
          deltas.addSet('title', newTitles, team, 1, false);
        }
      }
      const platform = ovalPlatformOf(host.platform, host.osVersion);
      if (platform) {
        for (const i of s.items) {
          if (!i.oval || this.knownOvalPairs.has(`${i.softwareId}:${platform}`)) continue;
          ovalPairs.push([i.softwareId, platform]);
        }
      }
      stateRows.push([s.hostId, team, s.checksum]);
    }

    const byKey = (a: readonly unknown[], b: readonly unknown[]): number => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]);
    // One statement per host, so the primary key (host_id = ?, software_id IN …) finds the rows: a tuple list
    // may be resolved through the software index, locking ranges other hosts insert into.
    for (const [hostId, ids] of groupByHost(deletes)) await tx.query('DELETE FROM host_software WHERE host_id = ? AND software_id IN (?)', [hostId, ids]);
    upserts.sort(byKey);
    for (let i = 0; i < upserts.length; i += 2000) {
      await tx.query('INSERT INTO host_software (host_id, software_id, last_opened_at) VALUES ? ON DUPLICATE KEY UPDATE last_opened_at = VALUES(last_opened_at)', [upserts.slice(i, i + 2000)]);
    }
    for (const [hostId, ids] of groupByHost(pathDeletes)) await tx.query('DELETE FROM host_software_installed_paths WHERE host_id = ? AND software_id IN (?)', [hostId, ids]);
    pathUpserts.sort(byKey);
    for (let i = 0; i < pathUpserts.length; i += 1000) {
      await tx.query('INSERT INTO host_software_installed_paths (host_id, software_id, installed_path) VALUES ? ON DUPLICATE KEY UPDATE installed_path = VALUES(installed_path)',
        [pathUpserts.slice(i, i + 1000)]);
    }
    await applyCountDeltas(tx, deltas);
    const pairs = [...new Map(ovalPairs.map((p) => [`${p[0]}:${p[1]}`, p])).values()].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    if (pairs.length > 0) await tx.query('INSERT IGNORE INTO software_oval_platforms (software_id, platform) VALUES ?', [pairs]);
    stateRows.sort(byKey);
    await tx.query('INSERT INTO host_software_state (host_id, team_id, set_checksum) VALUES ? ON DUPLICATE KEY UPDATE team_id = VALUES(team_id), set_checksum = VALUES(set_checksum)', [stateRows]);
    // Remembered only once committed would be exact; remembering now at worst repeats an INSERT IGNORE after a rollback.
    for (const [id, platform] of pairs) this.knownOvalPairs.add(`${id}:${platform}`);
    return stats;
  }

  private async learnTitles(tx: EntityManager, softwareIds: readonly number[]): Promise<void> {
    const unknown = [...new Set(softwareIds)].filter((id) => !this.titleOfSoftware.has(id));
    for (let i = 0; i < unknown.length; i += 2000) {
      const rows = await tx.query<Row[]>('SELECT id, title_id FROM software WHERE id IN (?)', [unknown.slice(i, i + 2000)]);
      for (const r of rows) this.titleOfSoftware.set(Number(r['id']), r['title_id'] === null ? 0 : Number(r['title_id']));
    }
  }

  private checksumOf(s: SoftwareItem): string {
    const identity = softwareVersionIdentity(s);
    let k = this.checksumByIdentity.get(identity);
    if (k === undefined) {
      k = versionIdentityChecksum(identity).toString('hex');
      this.checksumByIdentity.set(identity, k);
    }
    return k;
  }

  private trimCaches(): void {
    for (const c of [this.checksumByIdentity, this.byChecksum, this.titleByKey, this.titleOfSoftware, this.knownCountRows, this.knownOvalPairs]) if (c.size > CACHE_LIMIT) c.clear();
  }
}
