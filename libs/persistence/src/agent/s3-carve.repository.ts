import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { DataSource, EntityManager } from 'typeorm';
import type { Carve, CarveBlockContent } from '@fleet/domain';
import type { CarveObjectStore } from './carve-object-store';
import { MysqlCarveRepository } from './carve.repository';
import type { NewCarve } from './carve.repository';
import { withDeadlockRetry } from './deadlock-retry';

/** S3's smallest part, except the last one of an upload (EntityTooSmall otherwise). */
export const S3_MIN_PART_SIZE = 5 * 1024 * 1024;

/** An S3 call that failed; recorded on the carve as Fleet does (`S3 multipart carve upload: ...`). */
class ObjectStoreError extends Error {
  constructor(readonly s3Name: string, message: string) {
    super(`S3 multipart carve upload: ${s3Name}: ${message}`);
  }
}

const s3Name = (err: unknown): string => (err as { name?: string } | null)?.name ?? 'Error';

interface Upload {
  readonly object_key: string | null;
  readonly upload_id: string | null;
  readonly parts_uploaded: number;
  readonly upload_completed: number;
}

/**
 * Carves in S3-compatible storage, one object per carve (key: prefix + carve name, as Fleet names them),
 * written with a multipart upload begun at carve/begin.
 *
 * Why blocks are buffered: osquery sends blocks of `carver_block_size` (8 KiB by default, often 1-8 MiB) and S3
 * refuses parts under 5 MiB except the last (EntityTooSmall). Fleet makes each block a part and so fails
 * carves whose blocks are small. Here a block is first stored in MySQL, in the same idempotent, row-locked,
 * deadlock-retried write as without S3; when the blocks held reach 5 MiB, or the carve's last block arrives,
 * they are concatenated and uploaded as the next part inside that transaction, their MySQL copies emptied and
 * their place in the object (offset, length, part) kept. So every part but the last is at least 5 MiB
 * whatever the block size, MySQL never holds more than 5 MiB plus one block of a carve, and a failed upload
 * rolls the block write back: the agent's retry of the block uploads the same part number again, which S3
 * overwrites. The object exists once CompleteMultipartUpload ran on the last block; a block is then read back
 * with a ranged GET, and until then a block still held in MySQL is read from there.
 */
export class S3CarveRepository extends MysqlCarveRepository {
  constructor(ds: DataSource, private readonly store: CarveObjectStore, private readonly minPartSize = S3_MIN_PART_SIZE) {
    super(ds);
  }

  override async create(c: NewCarve): Promise<number> {
    const key = `${this.store.prefix}${c.name}`;
    const { UploadId } = await this.s3(() => this.store.client.send(new CreateMultipartUploadCommand({ Bucket: this.store.bucket, Key: key })));
    if (!UploadId) throw new ObjectStoreError('NoUploadId', 'CreateMultipartUpload returned no upload id');
    try {
      return await this.insert(c, key, UploadId);
    } catch (err) {
      await this.store.client.send(new AbortMultipartUploadCommand({ Bucket: this.store.bucket, Key: key, UploadId })).catch(() => undefined);
      throw err;
    }
  }

  override async storeBlock(carve: Carve, blockId: number, data: Buffer): Promise<void> {
    try {
      await withDeadlockRetry(() => this.ds.transaction(async (tx) => {
        const [upload] = await tx.query<Upload[]>('SELECT object_key, upload_id, parts_uploaded, upload_completed FROM carve_metadata WHERE id = ? FOR UPDATE', [carve.id]);
        if (!upload?.object_key || !upload.upload_id) {
          // Begun before S3 was configured: its blocks stay in MySQL.
          await this.writeBlockRow(tx, carve.id, blockId, data);
          return;
        }
        const [held] = await tx.query<Array<{ part_number: number | null }>>('SELECT part_number FROM carve_blocks WHERE metadata_id = ? AND block_id = ?', [carve.id, blockId]);
        if (held && held.part_number !== null) return;
        await this.writeBlockRow(tx, carve.id, blockId, data, await this.offsetOf(tx, carve.id, blockId));
        await this.flush(tx, carve, upload, blockId === carve.blockCount - 1);
      }));
    } catch (err) {
      if (err instanceof ObjectStoreError) await this.ds.query('UPDATE carve_metadata SET error = ? WHERE id = ?', [err.message.slice(0, 65_000), carve.id]);
      throw err;
    }
  }

  /** Where a block starts in the object: right after the previous block (blocks arrive in order). */
  private async offsetOf(tx: EntityManager, carveId: number, blockId: number): Promise<number> {
    if (blockId === 0) return 0;
    const [prev] = await tx.query<Array<{ block_end: number | string | null }>>(
      'SELECT data_offset + data_length AS block_end FROM carve_blocks WHERE metadata_id = ? AND block_id = ?', [carveId, blockId - 1],
    );
    if (prev?.block_end === null || prev?.block_end === undefined) throw new Error(`carve ${carveId}: block ${blockId - 1} is missing before block ${blockId}`);
    return Number(prev.block_end);
  }

  /** Uploads the held blocks as the next part when they are big enough or the carve is complete. */
  private async flush(tx: EntityManager, carve: Carve, upload: Upload, last: boolean): Promise<void> {
    const held = await tx.query<Array<{ block_id: number; data: Buffer; block_end: number | string }>>(
      'SELECT block_id, data, data_offset + data_length AS block_end FROM carve_blocks WHERE metadata_id = ? AND part_number IS NULL ORDER BY block_id', [carve.id],
    );
    const size = held.reduce((n, b) => n + b.data.length, 0);
    if (held.length === 0 || (!last && size < this.minPartSize)) return;
    const key = upload.object_key as string;
    const uploadId = upload.upload_id as string;
    const partNumber = upload.parts_uploaded + 1;
    const objectSize = Number(held[held.length - 1]?.block_end);
    let etag: string | null = null;
    try {
      etag = (await this.store.client.send(new UploadPartCommand({
        Bucket: this.store.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: Buffer.concat(held.map((b) => b.data)),
      }))).ETag ?? '';
    } catch (err) {
      // The last part of an upload completed by an attempt whose MySQL commit failed: the object is there.
      if (!(last && s3Name(err) === 'NoSuchUpload' && (await this.objectSize(key)) === objectSize)) throw new ObjectStoreError(s3Name(err), (err as Error).message);
    }
    const completed = etag === null;
    if (etag !== null) {
      await tx.query('INSERT INTO carve_object_parts (metadata_id, part_number, etag, size) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE etag = VALUES(etag), size = VALUES(size)',
        [carve.id, partNumber, etag, size]);
    }
    await tx.query('UPDATE carve_blocks SET data = ?, part_number = ? WHERE metadata_id = ? AND part_number IS NULL', [Buffer.alloc(0), partNumber, carve.id]);
    await tx.query('UPDATE carve_metadata SET parts_uploaded = ? WHERE id = ?', [partNumber, carve.id]);
    if (!last) return;
    if (!completed) {
      const parts = await tx.query<Array<{ part_number: number; etag: string }>>('SELECT part_number, etag FROM carve_object_parts WHERE metadata_id = ? ORDER BY part_number', [carve.id]);
      await this.s3(() => this.store.client.send(new CompleteMultipartUploadCommand({
        Bucket: this.store.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: Number(p.part_number), ETag: p.etag })) },
      })));
    }
    await tx.query('UPDATE carve_metadata SET upload_completed = 1, error = NULL WHERE id = ?', [carve.id]);
  }

  private async objectSize(key: string): Promise<number | null> {
    try {
      return (await this.store.client.send(new HeadObjectCommand({ Bucket: this.store.bucket, Key: key }))).ContentLength ?? null;
    } catch {
      return null;
    }
  }

  override async readBlock(carve: Carve, blockId: number): Promise<CarveBlockContent> {
    const rows = await this.ds.query<Array<{ data: Buffer; data_offset: number | string | null; data_length: number | null; part_number: number | null; object_key: string | null; upload_completed: number }>>(
      `SELECT b.data, b.data_offset, b.data_length, b.part_number, m.object_key, m.upload_completed
       FROM carve_blocks b JOIN carve_metadata m ON m.id = b.metadata_id WHERE b.metadata_id = ? AND b.block_id = ?`, [carve.id, blockId],
    );
    const row = rows[0];
    if (!row) return { kind: 'not_received' };
    if (row.part_number === null || !row.object_key) return { kind: 'data', data: row.data };
    if (!Number(row.upload_completed)) return { kind: 'unavailable', reason: 'uploading' };
    const offset = Number(row.data_offset);
    const length = Number(row.data_length);
    if (length === 0) return { kind: 'data', data: Buffer.alloc(0) };
    try {
      const res = await this.store.client.send(new GetObjectCommand({ Bucket: this.store.bucket, Key: row.object_key, Range: `bytes=${offset}-${offset + length - 1}` }));
      return { kind: 'data', data: Buffer.from(await res.Body?.transformToByteArray() ?? []) };
    } catch (err) {
      if (s3Name(err) !== 'NoSuchKey') throw new ObjectStoreError(s3Name(err), (err as Error).message);
      // Removed from the bucket (a lifecycle rule, an operator): the carve is gone, as Fleet marks it.
      await this.ds.query('UPDATE carve_metadata SET expired = 1 WHERE id = ?', [carve.id]);
      return { kind: 'unavailable', reason: 'object_missing' };
    }
  }

  /**
   * Deletes the objects of completed carves and aborts unfinished uploads, then expires the carves. A failed
   * cleanup call does not keep a carve from expiring: a bucket lifecycle rule (expiration and
   * AbortIncompleteMultipartUpload, as Fleet's deployment guide sets) removes what is left.
   */
  override async expireOlderThan(cutoffMs: number): Promise<number> {
    const rows = await this.expiring(cutoffMs);
    for (const r of rows) {
      if (!r.object_key) continue;
      const cleanup = Number(r.upload_completed) || !r.upload_id
        ? this.store.client.send(new DeleteObjectCommand({ Bucket: this.store.bucket, Key: r.object_key }))
        : this.store.client.send(new AbortMultipartUploadCommand({ Bucket: this.store.bucket, Key: r.object_key, UploadId: r.upload_id }));
      await cleanup.catch(() => undefined);
    }
    await this.markExpired(rows.map((r) => r.id));
    return rows.length;
  }

  private async s3<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw new ObjectStoreError(s3Name(err), (err as Error).message);
    }
  }
}
