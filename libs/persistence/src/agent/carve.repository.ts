import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withDeadlockRetry } from './deadlock-retry';
import { epochMs } from './sql-values';

export interface CarveSession {
  readonly id: number;
  readonly hostId: number;
  readonly blockCount: number;
  readonly blockSize: number;
  readonly carveSize: number;
  readonly maxBlock: number;
  readonly expired: boolean;
  readonly createdAt: number;
}

export interface NewCarve {
  readonly hostId: number;
  readonly name: string;
  readonly blockCount: number;
  readonly blockSize: number;
  readonly carveSize: number;
  readonly carveId: string;
  readonly requestId: string;
  readonly sessionId: string;
}

/** File carves: metadata and blocks in MySQL. */
export abstract class CarveRepository {
  abstract create(carve: NewCarve): Promise<number>;
  abstract findBySession(sessionId: string): Promise<CarveSession | null>;
  /** Stores one block (a repeated block replaces the earlier copy) and advances max_block. */
  abstract storeBlock(carveId: number, blockId: number, data: Buffer): Promise<void>;
  /** Marks carves older than the cutoff expired and drops their blocks; returns how many expired. */
  abstract expireOlderThan(cutoffMs: number): Promise<number>;
}

@Injectable()
export class MysqlCarveRepository extends CarveRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async create(c: NewCarve): Promise<number> {
    const res = await this.ds.query<{ insertId: number }>(
      'INSERT INTO carve_metadata (host_id, name, block_count, block_size, carve_size, carve_id, request_id, session_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [c.hostId, c.name, c.blockCount, c.blockSize, c.carveSize, c.carveId, c.requestId, c.sessionId],
    );
    return res.insertId;
  }

  async findBySession(sessionId: string): Promise<CarveSession | null> {
    const rows = await this.ds.query<Array<Record<string, unknown>>>(
      'SELECT id, host_id, block_count, block_size, carve_size, max_block, expired, created_at FROM carve_metadata WHERE session_id = ?',
      [sessionId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: Number(r['id']),
      hostId: Number(r['host_id']),
      blockCount: Number(r['block_count']),
      blockSize: Number(r['block_size']),
      carveSize: Number(r['carve_size']),
      maxBlock: Number(r['max_block']),
      expired: Boolean(Number(r['expired'])),
      createdAt: epochMs(r['created_at']),
    };
  }

  /**
   * The carve's row is locked first, so the block writes of one carve take turns. Without it, concurrent
   * copies of one block (an agent retrying while its first request is still in flight) each took a shared
   * lock on the carve row for the foreign key and then all waited to upgrade it for max_block: InnoDB chose
   * victims and the agent got a 500. Writing a block again leaves the same row (idempotent), and a deadlock
   * that still happens is retried as the other ingest writes are.
   */
  async storeBlock(carveId: number, blockId: number, data: Buffer): Promise<void> {
    await withDeadlockRetry(() => this.ds.transaction(async (tx) => {
      await tx.query('SELECT id FROM carve_metadata WHERE id = ? FOR UPDATE', [carveId]);
      await tx.query('INSERT INTO carve_blocks (metadata_id, block_id, data) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE data = VALUES(data)', [carveId, blockId, data]);
      await tx.query('UPDATE carve_metadata SET max_block = GREATEST(max_block, ?) WHERE id = ?', [blockId, carveId]);
    }));
  }

  async expireOlderThan(cutoffMs: number): Promise<number> {
    const cutoff = new Date(cutoffMs);
    const rows = await this.ds.query<Array<{ id: number }>>('SELECT id FROM carve_metadata WHERE expired = 0 AND created_at < ?', [cutoff]);
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    await this.ds.query('DELETE FROM carve_blocks WHERE metadata_id IN (?)', [ids]);
    await this.ds.query('UPDATE carve_metadata SET expired = 1 WHERE id IN (?)', [ids]);
    return ids.length;
  }
}
