import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import {
  CPE_TRANSLATIONS_FILE, CpeResolver, EPSS_FILE, FEED_DIRS, KEV_FILE, MsrcIndex, NvdIndex, OvalIndex, ovalPlatformOfFile, parseCpeDictionary,
  parseMsrcCvrf, parseNvdCveFeed, parseOval,
} from '@fleet/domain';
import type { CpeDictionaryEntry, CpeTranslation, FeedIndexes, MsrcDocument, NvdCve, OvalDefinition } from '@fleet/domain';
import type { Logger } from '@fleet/observability';
import { LOGGER } from '@fleet/platform';

/** What a feed file is. */
export type FeedKind = 'nvd' | 'cpe' | 'oval' | 'msrc' | 'epss' | 'kev' | 'translations';

/** One file of the feeds directory with the SHA-1 of its content (what tells a changed file). */
export interface FeedFile {
  readonly kind: FeedKind;
  /** Path relative to the feeds directory. */
  readonly rel: string;
  readonly digest: Buffer;
  /** OVAL files: the distribution release. */
  readonly platform?: string;
}

/** The feeds as parsed and indexed once per content, with what the planner needs besides the indexes. */
export interface LoadedFeeds {
  readonly digest: string;
  readonly indexes: FeedIndexes;
  /** OVAL definitions by distribution release. */
  readonly ovalDefinitions: ReadonlyMap<string, readonly OvalDefinition[]>;
}

/** The digest of a set of feed files: what a run planned with and a worker must have. */
export function feedsDigest(files: readonly FeedFile[]): string {
  const h = createHash('sha1');
  for (const f of [...files].sort((a, b) => (a.rel < b.rel ? -1 : 1))) h.update(`${f.rel}\u0000${f.digest.toString('hex')}\n`);
  return h.digest('hex');
}

/** A pause that lets the event loop serve requests between two pieces of CPU work. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One NVD page as parsed and indexed, kept while its file's content stays the same. */
interface NvdPart {
  readonly digest: Buffer;
  readonly cves: readonly NvdCve[];
  readonly index: NvdIndex;
}

/**
 * The vulnerability feeds of this replica's `vulnerabilities.databases_path`: which files there are (their
 * digests cached by size and modification time, so an unchanged directory is not re-read), and the matching
 * indexes built from them — parsed once per content and kept while it stays the same, shared by every job
 * this replica runs. When the feeds change, only what changed is parsed again: each NVD page is parsed and
 * indexed on its own (the whole index is the pages' indexes joined), and the CPE dictionary's resolver is
 * rebuilt only when the dictionary or the translations changed — NVD changes pages daily, the rest rarely.
 */
@Injectable()
export class FeedStore {
  private readonly dir: string;
  private readonly digests = new Map<string, { size: number; mtimeMs: number; digest: Buffer }>();
  private loaded: LoadedFeeds | null = null;
  private loading: Promise<LoadedFeeds> | null = null;
  private readonly nvdParts = new Map<string, NvdPart>();
  private resolver: { readonly key: string; readonly resolver: CpeResolver } | null = null;

  constructor(@Inject(FLEET_CONFIG) config: FleetConfig, @Inject(LOGGER) private readonly logger: Logger) {
    this.dir = config.vulnerabilities.databases_path;
  }

  get directory(): string {
    return this.dir;
  }

  /** Every feed file present, with its digest. */
  async files(): Promise<FeedFile[]> {
    const out: FeedFile[] = [];
    const add = async (kind: FeedKind, rel: string, platform?: string): Promise<void> => {
      const digest = await this.digestOf(rel);
      if (digest) out.push({ kind, rel, digest, ...(platform ? { platform } : {}) });
    };
    for (const [kind, dir, re] of [['nvd', FEED_DIRS.nvd, /\.json$/], ['cpe', FEED_DIRS.cpe, /\.json$/], ['msrc', FEED_DIRS.msrc, /\.xml$/]] as const) {
      for (const f of await this.list(dir)) if (re.test(f)) await add(kind, `${dir}/${f}`);
    }
    for (const f of await this.list(FEED_DIRS.oval)) {
      const platform = ovalPlatformOfFile(f);
      if (platform) await add('oval', `${FEED_DIRS.oval}/${f}`, platform);
    }
    await add('epss', EPSS_FILE);
    await add('kev', KEV_FILE);
    await add('translations', CPE_TRANSLATIONS_FILE);
    return out;
  }

  async read(rel: string): Promise<string> {
    return readFile(path.join(this.dir, rel), 'utf8');
  }

  /** The CVEs of one NVD page: those parsed for the current index when the file is still what was parsed. */
  async readNvd(rel: string): Promise<readonly NvdCve[]> {
    const part = this.nvdParts.get(rel);
    const digest = await this.digestOf(rel);
    if (part && digest && part.digest.equals(digest)) return part.cves;
    return parseNvdCveFeed(await this.read(rel));
  }

  /**
   * The indexes of exactly the feeds `digest` names: cached, else parsed from disk — unless the files here
   * differ (another replica planned with feeds this one has not synced yet), which is an error the job's
   * retry waits out.
   */
  async load(digest: string): Promise<LoadedFeeds> {
    if (this.loaded?.digest === digest) return this.loaded;
    if (this.loading) {
      const l = await this.loading.catch(() => null);
      if (l?.digest === digest) return l;
    }
    const files = await this.files();
    const here = feedsDigest(files);
    if (here !== digest) throw new Error(`the vulnerability feeds in ${this.dir} differ from the run's (${here.slice(0, 12)} here, ${digest.slice(0, 12)} planned)`);
    this.loading = this.parse(files, here);
    try {
      this.loaded = await this.loading;
      return this.loaded;
    } finally {
      this.loading = null;
    }
  }

  private async parse(files: readonly FeedFile[], digest: string): Promise<LoadedFeeds> {
    const started = Date.now();
    this.loaded = null;
    const msrc: MsrcDocument[] = [];
    const ovalDefinitions = new Map<string, OvalDefinition[]>();
    const parts: NvdPart[] = [];
    let nvdParsed = 0;
    for (const f of files) {
      switch (f.kind) {
        case 'nvd': {
          let part = this.nvdParts.get(f.rel);
          if (!part?.digest.equals(f.digest)) {
            const cves = parseNvdCveFeed(await this.read(f.rel));
            part = { digest: f.digest, cves, index: new NvdIndex(cves) };
            this.nvdParts.set(f.rel, part);
            nvdParsed++;
          }
          parts.push(part);
          break;
        }
        case 'msrc': msrc.push(parseMsrcCvrf(await this.read(f.rel))); break;
        case 'oval': {
          const defs = ovalDefinitions.get(f.platform as string) ?? [];
          for (const d of parseOval(await this.read(f.rel))) defs.push(d);
          ovalDefinitions.set(f.platform as string, defs);
          break;
        }
        case 'cpe': case 'translations': case 'epss': case 'kev': continue;
      }
      await yieldToEventLoop();
    }
    const present = new Set(files.filter((f) => f.kind === 'nvd').map((f) => f.rel));
    for (const rel of [...this.nvdParts.keys()]) if (!present.has(rel)) this.nvdParts.delete(rel);
    const resolver = await this.resolverOf(files);
    const oval = new Map([...ovalDefinitions].map(([p, defs]) => [p, new OvalIndex(defs)]));
    const nvd = NvdIndex.merge(parts.map((p) => p.index));
    const indexes: FeedIndexes = { resolver: resolver.resolver, nvd, oval, msrc: new MsrcIndex(msrc) };
    this.logger.info({ cves: nvd.size, nvd_files_parsed: nvdParsed, nvd_files: parts.length, cpes: resolver.entries, cpe_parsed: resolver.parsed, oval_releases: oval.size,
      msrc_documents: msrc.length, ms: Date.now() - started }, 'vulnerabilities: feeds loaded');
    return { digest, indexes, ovalDefinitions };
  }

  /** The CPE resolver of the dictionary and translations files: the one built before while they are unchanged. */
  private async resolverOf(files: readonly FeedFile[]): Promise<{ resolver: CpeResolver; parsed: boolean; entries: number | null }> {
    const sources = files.filter((f) => f.kind === 'cpe' || f.kind === 'translations');
    const key = feedsDigest(sources);
    if (this.resolver?.key === key) return { resolver: this.resolver.resolver, parsed: false, entries: null };
    this.resolver = null;
    const dictionary: CpeDictionaryEntry[] = [];
    let translations: CpeTranslation[] = [];
    for (const f of sources) {
      const text = await this.read(f.rel);
      if (f.kind === 'cpe') for (const e of parseCpeDictionary(text)) dictionary.push(e);
      else translations = parseTranslations(text);
      await yieldToEventLoop();
    }
    this.resolver = { key, resolver: new CpeResolver(dictionary, translations) };
    return { resolver: this.resolver.resolver, parsed: true, entries: dictionary.length };
  }

  private async list(dir: string): Promise<string[]> {
    try {
      return (await readdir(path.join(this.dir, dir))).sort();
    } catch {
      return [];
    }
  }

  private async digestOf(rel: string): Promise<Buffer | null> {
    const file = path.join(this.dir, rel);
    let s;
    try {
      s = await stat(file);
    } catch {
      return null;
    }
    if (!s.isFile()) return null;
    const cached = this.digests.get(rel);
    if (cached && cached.size === s.size && cached.mtimeMs === s.mtimeMs) return cached.digest;
    const digest = createHash('sha1').update(await readFile(file)).digest();
    this.digests.set(rel, { size: s.size, mtimeMs: s.mtimeMs, digest });
    return digest;
  }
}

/** Fleet's cpe_translations.json: an array of {software, filter} rules; a malformed file is ignored (and logged by the caller). */
export function parseTranslations(text: string): CpeTranslation[] {
  const doc: unknown = JSON.parse(text);
  return Array.isArray(doc) ? doc.filter((r): r is CpeTranslation => !!r && typeof r === 'object' && 'software' in r && 'filter' in r) : [];
}
