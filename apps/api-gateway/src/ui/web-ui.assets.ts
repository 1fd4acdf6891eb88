import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { getAsset, isSea } from 'node:sea';

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.json': 'application/json', '.map': 'application/json',
};

/** Encodings the build writes beside each compressible file (apps/admin-ui/vite.config.mts), best first. */
const ENCODINGS = [{ name: 'br', suffix: '.br' }, { name: 'gzip', suffix: '.gz' }] as const;
export type AssetEncoding = (typeof ENCODINGS)[number]['name'] | 'identity';

/** One file of the built UI in every encoding the build wrote for it. */
export interface Asset {
  readonly type: string;
  readonly bodies: ReadonlyMap<AssetEncoding, Buffer>;
}

/** dist/admin-ui next to the compiled server (or, running from source, the repository's dist/). */
export function uiDir(): string {
  const candidates = [join(__dirname, '..', '..', '..', '..', 'admin-ui'), join(__dirname, '..', '..', '..', '..', 'dist', 'admin-ui')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0];
}

/** Reads one file of the built UI by its path below the UI's root (`assets/x.js`), or null when it has none. */
export type UiFileReader = (relativePath: string) => Promise<Buffer | null>;

/**
 * Where the UI's files come from: the standalone `fleet` executable (`npm run package`) carries them as
 * single-executable-application assets named `admin-ui/<path>`; otherwise the folder `dir`.
 */
export function uiFiles(dir: string): UiFileReader {
  if (isSea()) {
    return (relativePath) => {
      try {
        return Promise.resolve(Buffer.from(getAsset(`admin-ui/${relativePath}`)));
      } catch {
        return Promise.resolve(null);
      }
    };
  }
  return (relativePath) => readFile(join(dir, ...relativePath.split('/'))).catch(() => null);
}

/** File names the UI serves: letters, digits, dot, dash and underscore only, so no path can leave the folder. */
export const SAFE_NAME = /^[\w.-]+$/;

/**
 * The encoding to send for an Accept-Encoding header among those available: brotli, then gzip, then the plain
 * file. A coding listed with q=0 is refused, as RFC 9110 says.
 */
export function pickEncoding(acceptEncoding: string | undefined, available: ReadonlySet<AssetEncoding>): AssetEncoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ENCODINGS.find((e) => available.has(e.name) && ok(e.name))?.name ?? 'identity';
}

/**
 * Reads built files on first use and keeps them, each with its precompressed variants (the UI is a few
 * hundred kilobytes; nothing is compressed per request). Unknown types and unsafe names are absent.
 */
export class AssetCache {
  private readonly cache = new Map<string, Promise<Asset | null>>();

  private readonly read: UiFileReader;

  constructor(readonly dir: string, read?: UiFileReader) {
    this.read = read ?? uiFiles(dir);
  }

  /** index.html as text, or null when the UI is not built. */
  async indexHtml(): Promise<string | null> {
    return (await this.read('index.html'))?.toString('utf8') ?? null;
  }

  /** The file, or null when it does not exist (not remembered: a later build may add it; names are not cached for nothing). */
  get(relativePath: string): Promise<Asset | null> {
    const hit = this.cache.get(relativePath);
    if (hit) return hit;
    const loading = this.load(relativePath);
    void loading.then((asset) => { if (asset) this.cache.set(relativePath, loading); });
    return loading;
  }

  private async load(relativePath: string): Promise<Asset | null> {
    const parts = relativePath.split('/');
    const type = TYPES[extname(relativePath)];
    if (!type || !parts.every((p) => SAFE_NAME.test(p) && p !== '..' && p !== '.')) return null;
    const plain = await this.read(relativePath);
    if (!plain) return null;
    const bodies = new Map<AssetEncoding, Buffer>([['identity', plain]]);
    for (const e of ENCODINGS) {
      const body = await this.read(`${relativePath}${e.suffix}`);
      if (body) bodies.set(e.name, body);
    }
    return { type, bodies };
  }
}
