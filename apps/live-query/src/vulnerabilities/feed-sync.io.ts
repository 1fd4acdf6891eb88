import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import { bunzip2 } from '@fleet/domain';
import type { FeedSyncIo } from '@fleet/domain';

const gunzipAsync = promisify(gunzip);

/**
 * The feed sync's I/O on this replica: GETs through the outbound dispatcher (proxies honoured, redirects
 * followed), files written to a temporary name and renamed into place, so a reader sees a whole old file
 * or a whole new one.
 */
export function nodeFeedSyncIo(dir: string, dispatcher: Dispatcher, timeoutMs = 300_000): FeedSyncIo {
  return {
    async get(url, headers) {
      const res = await request(url, { dispatcher, headers: { 'user-agent': 'fleet-ts', ...headers }, maxRedirections: 5, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      return { status: res.statusCode, body: new Uint8Array(await res.body.arrayBuffer()) };
    },
    async write(rel, data) {
      const file = path.join(dir, rel);
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, file);
    },
    async list(rel) {
      try {
        return await readdir(path.join(dir, rel));
      } catch {
        return [];
      }
    },
    async remove(rel) {
      await rm(path.join(dir, rel), { force: true });
    },
    gunzip: async (data) => new Uint8Array(await gunzipAsync(data)),
    bunzip2: (data) => Promise.resolve(bunzip2(data)),
    pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
