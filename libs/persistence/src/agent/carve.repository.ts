import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { ownEntry } from '@fleet/domain';
import type { Carve, CarveBlockContent, CarveListOptions } from '@fleet/domain';
import { orderAndLimit } from '../admin/sql-page';
import { withDeadlockRetry } from './deadlock-retry';

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

/**
 * File carves: metadata in MySQL, blocks in MySQL (this class) or in S3-compatible storage
 * (`S3CarveRepository`, bound instead when `s3.carves_bucket` is set).
 */
export abstract class CarveRepository {
  abstract create(carve: NewCarve): Promise<number>;
  abstract findBySession(sessionId: string): Promise<Carve | null>;
  abstract findById(id: number): Promise<Carve | null>;
  /** Carves in the list options' order (any field of the carve); expired ones only with `expired`. */
  abstract list(opts: CarveListOptions): Promise<Carve[]>;
  /**
   * Stores one block and advances max_block. Writing a block again is idempotent: a copy that is still held
   * replaces the earlier one, a copy of a block already handed to object storage changes nothing.
   */
  abstract storeBlock(carve: Carve, blockId: number, data: Buffer): Promise<void>;
  abstract readBlock(carve: Carve, blockId: number): Promise<CarveBlockContent>;
  /** Marks carves older than the cutoff expired and drops their data; returns how many expired. */
  abstract expireOlderThan(cutoffMs: number): Promise<number>;
}

/** The public order keys (every field of Fleet's carve object) and their columns. */
const ORDER_KEYS: Readonly<Record<string, string>> = {
  id: 'id', created_at: 'created_at', host_id: 'host_id', name: 'name', block_count: 'block_count', block_size: 'block_size', carve_size: 'carve_size',
  carve_id: 'carve_id', request_id: 'request_id', session_id: 'session_id', expired: 'expired', max_block: 'max_block', error: 'error',
};

const COLUMNS = 'id, host_id, name, block_count, block_size, carve_size, carve_id, request_id, session_id, max_block, expired, error, created_at';

export function toCarve(r: Record<string, unknown>): Carve {
  return {
    id: Number(r['id']),
    hostId: Number(r['host_id']),
    name: String(r['name']),
    createdAt: r['created_at'] instanceof Date ? r['created_at'] : new Date(String(r['created_at'])),
    blockCount: Number(r['block_count']),
    blockSize: Number(r['block_size']),
    carveSize: Number(r['carve_size']),
    carveId: String(r['carve_id']),
    requestId: String(r['request_id']),
    sessionId: String(r['session_id']),
    expired: Boolean(Number(r['expired'])),
    maxBlock: Number(r['max_block']),
    error: typeof r['error'] === 'string' ? r['error'] : null,
  };
}

@Injectable()
export class MysqlCarveRepository extends CarveRepository {
  constructor(protected readonly ds: DataSource) {
    super();
  }

  create(c: NewCarve): Promise<number> {
    return this.insert(c, null, null);
  }

  protected async insert(c: NewCarve, objectKey: string | null, uploadId: string | null): Promise<number> {
    const res = await this.ds.query<{ insertId: number }>(
      `INSERT INTO carve_metadata (host_id, name, block_count, block_size, carve_size, carve_id, request_id, session_id, object_key, upload_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [c.hostId, c.name, c.blockCount, c.blockSize, c.carveSize, c.carveId, c.requestId, c.sessionId, objectKey, uploadId],
    );
    return res.insertId;
  }

  async findBySession(sessionId: string): Promise<Carve | null> {
    const rows = await this.ds.query<Array<Record<string, unknown>>>(`SELECT ${COLUMNS} FROM carve_metadata WHERE session_id = ?`, [sessionId]);
    return rows[0] ? toCarve(rows[0]) : null;
  }

  async findById(id: number): Promise<Carve | null> {
    const rows = await this.ds.query<Array<Record<string, unknown>>>(`SELECT ${COLUMNS} FROM carve_metadata WHERE id = ?`, [id]);
    return rows[0] ? toCarve(rows[0]) : null;
  }

  /** `after` applies to the order key, in the order's direction, as Fleet's cursor does. */
  async list(opts: CarveListOptions): Promise<Carve[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!opts.expired) where.push('expired = 0');
    const column = ownEntry(ORDER_KEYS, opts.orderKey);
    if (opts.after !== undefined && column) {
      where.push(`${column} ${opts.orderDirection === 'desc' ? '<' : '>'} ?`);
      params.push(opts.after);
    }
    const sql = `SELECT ${COLUMNS} FROM carve_metadata${where.length ? ` WHERE ${where.join(' AND ')}` : ''}${orderAndLimit(opts, ORDER_KEYS, 'id')}`;
    const rows = await this.ds.query<Array<Record<string, unknown>>>(sql, params);
    return rows.slice(0, opts.perPage > 0 ? opts.perPage : rows.length).map(toCarve);
  }

  /**
   * The carve's row is locked first, so the block writes of one carve take turns. Without it, concurrent
   * copies of one block (an agent retrying while its first request is still in flight) each took a shared
   * lock on the carve row for the foreign key and then all waited to upgrade it for max_block: InnoDB chose
   * victims and the agent got a 500. Writing a block again leaves the same row (idempotent), and a deadlock
   * that still happens is retried as the other ingest writes are.
   */
  async storeBlock(carve: Carve, blockId: number, data: Buffer): Promise<void> {
    await withDeadlockRetry(() => this.ds.transaction(async (tx) => {
      await tx.query('SELECT id FROM carve_metadata WHERE id = ? FOR UPDATE', [carve.id]);
      await this.writeBlockRow(tx, carve.id, blockId, data);
    }));
  }

  /** Inserts or replaces one buffered block and advances max_block; the caller holds the carve's row lock. */
  protected async writeBlockRow(tx: EntityManager, carveId: number, blockId: number, data: Buffer, offset: number | null = null): Promise<void> {
    await tx.query(
      `INSERT INTO carve_blocks (metadata_id, block_id, data, data_offset, data_length) VALUES (?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE data = VALUES(data), data_length = VALUES(data_length)`,
      [carveId, blockId, data, offset, data.length],
    );
    await tx.query('UPDATE carve_metadata SET max_block = GREATEST(max_block, ?) WHERE id = ?', [blockId, carveId]);
  }

  /** A block held in MySQL; one handed to object storage cannot be read without it (S3 no longer configured). */
  async readBlock(carve: Carve, blockId: number): Promise<CarveBlockContent> {
    const rows = await this.ds.query<Array<{ data: Buffer; part_number: number | null }>>(
      'SELECT data, part_number FROM carve_blocks WHERE metadata_id = ? AND block_id = ?', [carve.id, blockId],
    );
    const row = rows[0];
    if (!row) return { kind: 'not_received' };
    if (row.part_number !== null) return { kind: 'unavailable', reason: 'storage_not_configured' };
    return { kind: 'data', data: row.data };
  }

  async expireOlderThan(cutoffMs: number): Promise<number> {
    const ids = (await this.expiring(cutoffMs)).map((r) => r.id);
    await this.markExpired(ids);
    return ids.length;
  }

  protected expiring(cutoffMs: number): Promise<Array<{ id: number; object_key: string | null; upload_id: string | null; upload_completed: number }>> {
    return this.ds.query('SELECT id, object_key, upload_id, upload_completed FROM carve_metadata WHERE expired = 0 AND created_at < ?', [new Date(cutoffMs)]);
  }

  protected async markExpired(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.ds.query('DELETE FROM carve_blocks WHERE metadata_id IN (?)', [ids]);
    await this.ds.query('DELETE FROM carve_object_parts WHERE metadata_id IN (?)', [ids]);
    await this.ds.query('UPDATE carve_metadata SET expired = 1 WHERE id IN (?)', [ids]);
  }
}
