import type { ListOptions } from '../paging/page.types';

/** Carves are kept for a day after they begin, as in Fleet; then their data is dropped and they are marked expired. */
export const CARVE_TTL_MS = 24 * 3600_000;

/**
 * A file carve (osquery's `carves` table, protocol §7) as Fleet stores it: announced by carve/begin, filled
 * block by block in order, readable for a day (then `expired`, its data dropped).
 */
export interface Carve {
  readonly id: number;
  readonly hostId: number;
  /** `<hostname>-<begin time>-<request id>`, unique. */
  readonly name: string;
  readonly createdAt: Date;
  readonly blockCount: number;
  readonly blockSize: number;
  readonly carveSize: number;
  /** The agent's carve GUID. */
  readonly carveId: string;
  /** The live query's name (`fleet_distributed_query_<campaign>`). */
  readonly requestId: string;
  /** The credential of the block uploads. */
  readonly sessionId: string;
  readonly expired: boolean;
  /** The highest block received; -1 before the first. */
  readonly maxBlock: number;
  /** Why storing the carve failed (an object-storage error), or null. */
  readonly error: string | null;
}

/** Whether every announced block has arrived. */
export function carveComplete(carve: Pick<Carve, 'maxBlock' | 'blockCount'>): boolean {
  return carve.maxBlock + 1 >= carve.blockCount;
}

/** Whether a carve's data is gone: marked expired, or older than the retention (the cleanup has not run yet). */
export function carveExpired(carve: Pick<Carve, 'expired' | 'createdAt'>, nowMs: number): boolean {
  return carve.expired || nowMs - carve.createdAt.getTime() > CARVE_TTL_MS;
}

/** `GET /carves` options: Fleet's list options, the `after` cursor on the order key, and whether to include expired carves. */
export interface CarveListOptions extends ListOptions {
  readonly expired: boolean;
  readonly after?: string;
}

/**
 * What reading one block of a carve found: its bytes; nothing (the block has not arrived); or bytes that
 * exist but cannot be read now: handed to an object-storage upload that is not complete yet (S3 objects
 * appear only when the multipart upload completes), an object that is gone from the bucket, or a block in
 * object storage while this server has none configured.
 */
export type CarveBlockContent =
  | { readonly kind: 'data'; readonly data: Buffer }
  | { readonly kind: 'not_received' }
  | { readonly kind: 'unavailable'; readonly reason: 'uploading' | 'object_missing' | 'storage_not_configured' };
