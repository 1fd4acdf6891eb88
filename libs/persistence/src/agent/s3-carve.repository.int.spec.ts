import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import type { Carve } from '@fleet/domain';
import { createTestDatabase, S3TestServer } from '@fleet/testing';
import type { TestDatabase } from '@fleet/testing';
import { carveObjectStore } from './carve-object-store';
import type { CarveObjectStore } from './carve-object-store';
import { MysqlCarveRepository } from './carve.repository';
import { S3CarveRepository, S3_MIN_PART_SIZE } from './s3-carve.repository';

const MiB = 1024 * 1024;
const BUCKET = 'carves';

/** File carves in S3-compatible storage (a real s3rver), with the metadata and buffer in MariaDB. */
describe('S3CarveRepository (MariaDB + s3rver)', () => {
  let s3: S3TestServer;
  let db: TestDatabase;
  let store: CarveObjectStore;
  let repo: S3CarveRepository;
  /** The size of every part uploaded, in order, seen on the wire. */
  let parts: number[] = [];
  /** Fails the next N UploadPart calls with S3's InternalError. */
  let failUploads = 0;
  let seq = 0;

  beforeAll(async () => {
    s3 = await S3TestServer.start([BUCKET]);
    db = await createTestDatabase('carve_s3', s3.carveFlags(BUCKET, 'fleet-carves/'));
    const built = carveObjectStore(db.config);
    if (!built) throw new Error('no carve object store from the s3 flags');
    store = built;
    store.client.middlewareStack.add((next, context) => async (args) => {
      if (context.commandName === UploadPartCommand.name) {
        if (failUploads > 0) {
          failUploads -= 1;
          throw Object.assign(new Error('We encountered an internal error. Please try again.'), { name: 'InternalError' });
        }
        parts.push(((args.input as { Body: Buffer }).Body).length);
      }
      return next(args);
    }, { step: 'initialize', name: 'recordParts' });
    repo = new S3CarveRepository(db.dataSource, store);
  });
  afterAll(async () => {
    await db.drop();
    await s3.close();
  });
  beforeEach(() => { parts = []; failUploads = 0; });

  const begin = async (blockCount: number, blockSize: number, carveSize: number): Promise<Carve> => {
    const name = `host-${++seq}-2026-01-01T00:00:00Z-fleet_distributed_query_${seq}`;
    const id = await repo.create({ hostId: 1, name, blockCount, blockSize, carveSize, carveId: `c-${seq}`, requestId: `fleet_distributed_query_${seq}`, sessionId: `s-${seq}` });
    return (await repo.findById(id)) as Carve;
  };
  const blocksOf = (size: number, blockSize: number): Buffer[] => {
    const data = randomBytes(size);
    return Array.from({ length: Math.ceil(size / blockSize) }, (_, i) => data.subarray(i * blockSize, (i + 1) * blockSize));
  };
  const object = async (carve: Carve): Promise<Buffer> => {
    const res = await store.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `fleet-carves/${carve.name}` }));
    return Buffer.from(await res.Body!.transformToByteArray());
  };
  /** A read block's bytes as hex (Jest's deep equality walks a Buffer byte by byte, far too slowly for MiBs). */
  const read = async (carve: Carve, blockId: number): Promise<string> => {
    const content = await repo.readBlock(carve, blockId);
    return content.kind === 'data' ? content.data.toString('hex') : JSON.stringify(content);
  };
  const heldBytes = async (carveId: number): Promise<number> =>
    Number((await db.dataSource.query<Array<{ n: string | null }>>('SELECT SUM(LENGTH(data)) AS n FROM carve_blocks WHERE metadata_id = ?', [carveId]))[0]?.n ?? 0);

  it('uploads 1 MiB blocks as parts of 5 MiB and a smaller last part, and reads each block from MySQL, then from the object', async () => {
    const blocks = blocksOf(11.5 * MiB, MiB);
    const carve = await begin(blocks.length, MiB, 11.5 * MiB);
    for (const [i, b] of blocks.entries()) {
      await repo.storeBlock(carve, i, b);
      if (i === 6) {
        expect(await repo.readBlock(carve, 2)).toEqual({ kind: 'unavailable', reason: 'uploading' });
        expect(await read(carve, 6) === blocks[6].toString('hex')).toBe(true);
        expect(await heldBytes(carve.id)).toBe(2 * MiB);
      }
    }
    expect(parts).toEqual([5 * MiB, 5 * MiB, 1.5 * MiB]);
    expect(parts.slice(0, -1).every((p) => p >= S3_MIN_PART_SIZE)).toBe(true);
    expect((await object(carve)).equals(Buffer.concat(blocks))).toBe(true);
    for (const [i, b] of blocks.entries()) expect(await read(carve, i) === b.toString('hex')).toBe(true);
    expect(await heldBytes(carve.id)).toBe(0);
    expect(await repo.findById(carve.id)).toMatchObject({ maxBlock: 11, error: null });
  });

  it("keeps osquery's default 8 KiB blocks in MySQL until the last block, then uploads them as one part", async () => {
    const blocks = blocksOf(20 * 8192 - 100, 8192);
    const carve = await begin(blocks.length, 8192, 20 * 8192 - 100);
    for (const [i, b] of blocks.slice(0, -1).entries()) await repo.storeBlock(carve, i, b);
    expect(parts).toEqual([]);
    expect(await heldBytes(carve.id)).toBe(19 * 8192);
    await repo.storeBlock(carve, 19, blocks[19]);
    expect(parts).toEqual([20 * 8192 - 100]);
    expect((await object(carve)).equals(Buffer.concat(blocks))).toBe(true);
    expect(await read(carve, 19)).toBe(blocks[19].toString('hex'));
  });

  it('stores 20 identical copies of a block sent at once once, and a repeat of an uploaded block changes nothing', async () => {
    const blocks = blocksOf(6 * MiB, 3 * MiB);
    const carve = await begin(2, 3 * MiB, 6 * MiB);
    await Promise.all(Array.from({ length: 20 }, () => repo.storeBlock(carve, 0, blocks[0])));
    await Promise.all(Array.from({ length: 20 }, () => repo.storeBlock(carve, 1, blocks[1])));
    expect(parts).toEqual([6 * MiB]);
    await repo.storeBlock(carve, 1, Buffer.from('a late copy that must not replace the uploaded block'));
    expect(parts).toEqual([6 * MiB]);
    expect((await object(carve)).equals(Buffer.concat(blocks))).toBe(true);
    expect(await db.dataSource.query('SELECT block_id, part_number FROM carve_blocks WHERE metadata_id = ? ORDER BY block_id', [carve.id])).toEqual([
      { block_id: 0, part_number: 1 }, { block_id: 1, part_number: 1 }]);
  });

  it('records a failed upload on the carve and rolls the block back; the retried block uploads the part and clears the error', async () => {
    const blocks = blocksOf(5 * MiB + 10, 5 * MiB);
    const carve = await begin(2, 5 * MiB, 5 * MiB + 10);
    failUploads = 1;
    await expect(repo.storeBlock(carve, 0, blocks[0])).rejects.toThrow('S3 multipart carve upload: InternalError');
    expect(await repo.findById(carve.id)).toMatchObject({ maxBlock: -1, error: expect.stringContaining('S3 multipart carve upload: InternalError') as unknown });
    await repo.storeBlock(carve, 0, blocks[0]);
    await repo.storeBlock(carve, 1, blocks[1]);
    expect(parts).toEqual([5 * MiB, 10]);
    expect(await repo.findById(carve.id)).toMatchObject({ maxBlock: 1, error: null });
    expect((await object(carve)).equals(Buffer.concat(blocks))).toBe(true);
  });

  it('marks a carve expired when its object is gone from the bucket', async () => {
    const carve = await begin(1, 64, 10);
    await repo.storeBlock(carve, 0, Buffer.from('0123456789'));
    await store.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `fleet-carves/${carve.name}` }));
    expect(await repo.readBlock(carve, 0)).toEqual({ kind: 'unavailable', reason: 'object_missing' });
    expect(await repo.findById(carve.id)).toMatchObject({ expired: true });
  });

  it('expiry deletes the objects of complete carves and drops the blocks of unfinished ones', async () => {
    const done = await begin(1, 64, 3);
    await repo.storeBlock(done, 0, Buffer.from('abc'));
    const partial = await begin(3, 4, 10);
    await repo.storeBlock(partial, 0, Buffer.from('abcd'));
    const expired = await repo.expireOlderThan(Date.now() + 60_000);
    expect(expired).toBeGreaterThanOrEqual(2);
    await expect(store.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `fleet-carves/${done.name}` }))).rejects.toMatchObject({ name: 'NotFound' });
    expect(await repo.findById(partial.id)).toMatchObject({ expired: true });
    expect(await db.dataSource.query('SELECT * FROM carve_blocks WHERE metadata_id IN (?, ?)', [done.id, partial.id])).toEqual([]);
  });

  it('keeps the blocks of a carve begun without S3 in MySQL, and MySQL storage cannot read blocks handed to S3', async () => {
    const mysql = new MysqlCarveRepository(db.dataSource);
    const id = await mysql.create({ hostId: 1, name: `legacy-${++seq}`, blockCount: 1, blockSize: 8, carveSize: 4, carveId: 'c', requestId: 'r', sessionId: `legacy-${seq}` });
    const legacy = (await repo.findById(id))!;
    await repo.storeBlock(legacy, 0, Buffer.from('abcd'));
    expect(parts).toEqual([]);
    expect(await repo.readBlock(legacy, 0)).toEqual({ kind: 'data', data: Buffer.from('abcd') });
    const inS3 = await begin(1, 8, 4);
    await repo.storeBlock(inS3, 0, Buffer.from('wxyz'));
    expect(await mysql.readBlock(inS3, 0)).toEqual({ kind: 'unavailable', reason: 'storage_not_configured' });
  });
});
