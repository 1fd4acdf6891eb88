import { createHash } from 'node:crypto';
import { cpeProductKey, parseCpe } from '@fleet/domain';
import type { FeedEntryDigest, NvdCve, OvalDefinition } from '@fleet/domain';
import type { VulnerabilityFeedRepository } from '@fleet/persistence';
import type { FeedFile, FeedKind } from './feed-store';
import type { FeedStore } from './feed-store';

const md5 = (text: string): Buffer => createHash('md5').update(text).digest();

/** The files of one kind that differ from what was last processed, and those gone since. */
export interface FileChanges {
  readonly files: readonly FeedFile[];
  readonly changed: readonly FeedFile[];
  readonly removed: readonly string[];
}

export async function fileChanges(feeds: VulnerabilityFeedRepository, kind: FeedKind, all: readonly FeedFile[]): Promise<FileChanges> {
  const files = all.filter((f) => f.kind === kind);
  const stored = await feeds.files(kind);
  return {
    files,
    changed: files.filter((f) => !stored.get(f.rel)?.equals(f.digest)),
    removed: [...stored.keys()].filter((rel) => !files.some((f) => f.rel === rel)),
  };
}

/** NVD CVEs that are new or changed in the changed files, and those that disappeared; with what to save once processed. */
export interface NvdChanges {
  readonly changed: readonly NvdCve[];
  readonly removed: readonly string[];
  /** vendor:product keys the changed CVEs' vulnerable criteria name. */
  readonly productKeys: readonly string[];
  readonly upserts: readonly FeedEntryDigest[];
}

/** A digest of everything matching and the API read of an entry. */
export const nvdEntryDigest = (c: NvdCve): Buffer => md5(JSON.stringify(c));

export async function nvdChanges(store: FeedStore, feeds: VulnerabilityFeedRepository, files: FileChanges): Promise<NvdChanges> {
  if (files.changed.length === 0 && files.removed.length === 0) return { changed: [], removed: [], productKeys: [], upserts: [] };
  const current = new Map<string, { cve: NvdCve; file: string; digest: Buffer }>();
  for (const f of files.changed) for (const cve of await store.readNvd(f.rel)) current.set(cve.id, { cve, file: f.rel, digest: nvdEntryDigest(cve) });
  const before = await feeds.entries('nvd', [...current.keys()]);
  const changed = [...current.values()].filter((e) => !before.get(e.cve.id)?.digest.equals(e.digest)).map((e) => e.cve);
  const previous = await feeds.entriesOf('nvd', [...files.changed.map((f) => f.rel), ...files.removed]);
  const removed = previous.filter((e) => !current.has(e.entry)).map((e) => e.entry);
  const productKeys = new Set<string>();
  for (const c of changed) {
    for (const config of c.configurations) for (const node of config.nodes) for (const m of node.cpeMatch) {
      const cpe = m.vulnerable ? parseCpe(m.criteria) : null;
      if (cpe) productKeys.add(cpeProductKey(cpe));
    }
  }
  const upserts = [...current.values()].filter((e) => { const b = before.get(e.cve.id); return !b || !b.digest.equals(e.digest) || b.file !== e.file; })
    .map((e) => ({ entry: e.cve.id, file: e.file, digest: e.digest }));
  return { changed, removed, productKeys: [...productKeys], upserts };
}

/** Changed OVAL definitions of one release, by what they check (package names) and what they fix (CVEs). */
export interface OvalChanges {
  readonly platform: string;
  readonly packageNames: readonly string[];
  readonly cves: readonly string[];
  readonly upserts: readonly FeedEntryDigest[];
  readonly removed: readonly string[];
}

export async function ovalChanges(feeds: VulnerabilityFeedRepository, platform: string, file: string, definitions: readonly OvalDefinition[]): Promise<OvalChanges> {
  const feed = `oval:${platform}`;
  const stored = new Map((await feeds.entriesOf(feed, [file])).map((e) => [e.entry, e]));
  const names = new Set<string>();
  const cves = new Set<string>();
  const upserts: FeedEntryDigest[] = [];
  const seen = new Set<string>();
  for (const d of definitions) {
    seen.add(d.id);
    const digest = md5(JSON.stringify({ cves: d.cves, checks: d.checks }));
    if (stored.get(d.id)?.digest.equals(digest)) continue;
    upserts.push({ entry: d.id, file, digest });
    for (const c of d.checks) for (const n of c.packageNames) names.add(n);
    for (const c of d.cves) cves.add(c);
  }
  const removed = [...stored.keys()].filter((id) => !seen.has(id));
  // A removed definition's packages are unknown now: the software holding its CVEs is re-matched (by CVE).
  return { platform, packageNames: [...names], cves: [...cves], upserts, removed };
}
