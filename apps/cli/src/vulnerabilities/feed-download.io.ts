import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { bunzip2 } from '@fleet/domain';
import type { FeedSyncIo } from '@fleet/domain';

const gunzipAsync = promisify(gunzip);

/** The feed sync's I/O for fleetctl: fetch, and files replaced by rename so a server reading the directory never sees half of one. */
export function cliFeedSyncIo(dir: string): FeedSyncIo {
  return {
    async get(url, headers) {
      const res = await fetch(url, { headers: { 'user-agent': 'fleetctl', ...headers }, redirect: 'follow' });
      return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) };
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
