import { randomBytes } from 'node:crypto';
import { carveRoutes as r } from '@fleet/contracts';
import type { Carve } from '@fleet/domain';
import { carveRepositoryFor, MysqlCarveRepository } from '@fleet/persistence';
import type { CarveRepository } from '@fleet/persistence';
import { S3TestServer } from '@fleet/testing';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

const FIELDS = ['id', 'created_at', 'host_id', 'name', 'block_count', 'block_size', 'carve_size', 'carve_id', 'request_id', 'session_id', 'expired', 'max_block'];

/** Uploads a carve as the ingest role does (begin, then every block in order) through the repository the server uses. */
async function uploadCarve(repo: CarveRepository, hostId: number, n: number, data: Buffer, blockSize: number, blocks = Math.ceil(data.length / blockSize)): Promise<Carve> {
  const id = await repo.create({
    hostId, name: `host${n}.local-2026-01-0${n}T00:00:00Z-fleet_distributed_query_${n}`, blockCount: Math.ceil(data.length / blockSize), blockSize, carveSize: data.length,
    carveId: `carve-${n}`, requestId: `fleet_distributed_query_${n}`, sessionId: `session-${n}`,
  });
  let carve = (await repo.findById(id))!;
  for (let b = 0; b < blocks; b += 1) {
    await repo.storeBlock(carve, b, data.subarray(b * blockSize, (b + 1) * blockSize));
    carve = (await repo.findById(id))!;
  }
  return carve;
}


/** The first error reason of a refused call (undefined for a success). */
const reasonOf = (res: { ok: boolean; body?: unknown }): string | undefined =>
  res.ok ? undefined : (res.body as { errors?: Array<{ reason: string }> } | undefined)?.errors?.[0]?.reason;
describe('GET /carves, /carves/:id, /carves/:id/block/:block_id with blocks in MySQL (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let admin: string;
  let repo: MysqlCarveRepository;
  let host: number;
  const archive = randomBytes(10_000);

  beforeAll(async () => {
    kit = await startAdminTestKit('carves');
    admin = (await kit.user({})).token;
    repo = new MysqlCarveRepository(kit.db.dataSource);
    host = await kit.host({ hostname: 'carved.local' });
  });
  afterAll(async () => { await kit.close(); });

  it("lists carves with Fleet's fields, without expired ones unless asked, ordered and paged by any field", async () => {
    const complete = await uploadCarve(repo, host, 1, archive, 4096);
    const partial = await uploadCarve(repo, host, 2, archive, 4096, 1);
    const old = await uploadCarve(repo, host, 3, Buffer.from('old'), 8);
    await kit.db.dataSource.query('UPDATE carve_metadata SET expired = 1 WHERE id = ?', [old.id]);
    await kit.db.dataSource.query("UPDATE carve_metadata SET error = 'S3 multipart carve upload: InternalError: boom' WHERE id = ?", [partial.id]);

    const list = await kit.call(r.list, {}, { token: admin });
    expect(list.ok && list.body.carves.map((c) => c.id)).toEqual([complete.id, partial.id]);
    const first = list.ok ? list.body.carves[0] : undefined;
    expect(Object.keys(first ?? {}).sort()).toEqual([...FIELDS].sort());
    expect(first).toMatchObject({
      host_id: host, name: complete.name, block_count: 3, block_size: 4096, carve_size: 10_000, carve_id: 'carve-1', request_id: 'fleet_distributed_query_1',
      session_id: 'session-1', expired: false, max_block: 2, created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) as unknown,
    });
    expect(list.ok && list.body.carves[1]).toMatchObject({ max_block: 0, error: 'S3 multipart carve upload: InternalError: boom' });

    const all = await kit.call(r.list, { query: { expired: 'true', order_key: 'name', order_direction: 'desc' } }, { token: admin });
    expect(all.ok && all.body.carves.map((c) => [c.id, c.max_block, c.expired])).toEqual([[old.id, 0, true], [partial.id, 0, false], [complete.id, 2, false]]);
    const page = await kit.call(r.list, { query: { expired: 'true', order_key: 'id', page: '1', per_page: '1' } }, { token: admin });
    expect(page.ok && page.body.carves.map((c) => c.id)).toEqual([partial.id]);
    const after = await kit.call(r.list, { query: { expired: 'true', order_key: 'id', after: String(complete.id) } }, { token: admin });
    expect(after.ok && after.body.carves.map((c) => c.id)).toEqual([partial.id, old.id]);
    expect((await kit.call(r.list, { query: { expired: 'maybe' } }, { token: admin })).status).toBe(400);
  });

  it("serves a carve and its blocks, base64, which concatenated are the agent's archive", async () => {
    const carve = await uploadCarve(repo, host, 4, archive, 4096);
    const got = await kit.call(r.get, { params: { id: carve.id } }, { token: admin });
    expect(got.ok && got.body.carve).toMatchObject({ id: carve.id, name: carve.name, max_block: 2, expired: false });
    const blocks: Buffer[] = [];
    for (let b = 0; b < 3; b += 1) {
      const res = await kit.call(r.block, { params: { id: carve.id, block_id: b } }, { token: admin });
      if (!res.ok) throw new Error(res.text);
      blocks.push(Buffer.from(res.body.data, 'base64'));
    }
    expect(Buffer.concat(blocks).equals(archive)).toBe(true);
  });

  it("answers Fleet's errors: unknown carve 404, a block past the carve 404, a block not received yet or an expired carve 400", async () => {
    const partial = await uploadCarve(repo, host, 5, archive, 4096, 1);
    expect((await kit.call(r.get, { params: { id: 999_999 } }, { token: admin })).body).toEqual({
      message: 'Resource Not Found', errors: [{ name: 'base', reason: 'Carve with id=999999 was not found in the datastore' }],
    });
    expect((await kit.call(r.block, { params: { id: partial.id, block_id: 3 } }, { token: admin })).status).toBe(404);
    const notYet = await kit.call(r.block, { params: { id: partial.id, block_id: 1 } }, { token: admin });
    expect([notYet.status, reasonOf(notYet)]).toEqual([400, 'block 1 not yet available']);
    expect((await kit.call(r.block, { params: { id: partial.id, block_id: 'x' as unknown as number } }, { token: admin })).status).toBe(400);
    // A day after it began the carve is expired, even before the ingest role's cleanup marks it.
    await kit.db.dataSource.query('UPDATE carve_metadata SET created_at = ? WHERE id = ?', [new Date(Date.now() - 25 * 3600_000), partial.id]);
    const expired = await kit.call(r.block, { params: { id: partial.id, block_id: 0 } }, { token: admin });
    expect([expired.status, reasonOf(expired)]).toEqual([400, 'cannot get block for expired carve']);
    const got = await kit.call(r.get, { params: { id: partial.id } }, { token: admin });
    expect(got.ok && got.body.carve.expired).toBe(true);
    const list = await kit.call(r.list, {}, { token: admin });
    expect(list.ok && list.body.carves.map((c) => c.id)).not.toContain(partial.id);
  });

  it('is for global admins only', async () => {
    const carve = await uploadCarve(repo, host, 6, Buffer.from('abc'), 8);
    for (const role of ['maintainer', 'observer', 'observer_plus', 'gitops']) {
      const { token } = await kit.user({ global_role: role, api_only: role === 'gitops' });
      expect((await kit.call(r.block, { params: { id: carve.id, block_id: 0 } }, { token })).status).toBe(403);
    }
  });
});

describe('carve blocks in S3-compatible storage, read through the admin API (MariaDB + Redis + s3rver)', () => {
  let s3: S3TestServer;
  let kit: AdminTestKit;

  beforeAll(async () => {
    s3 = await S3TestServer.start(['carves']);
    kit = await startAdminTestKit('carves_s3', s3.carveFlags('carves', 'fleet/'));
  });
  afterAll(async () => {
    await kit.close();
    await s3.close();
  });

  it('reads held blocks from MySQL while the upload runs and every block from the object once it is complete', async () => {
    const { token } = await kit.user({});
    const repo = carveRepositoryFor(kit.db.dataSource, kit.db.config);
    const data = randomBytes(7 * 1024 * 1024 + 17);
    const blockSize = 1024 * 1024;
    const carve = await uploadCarve(repo, await kit.host({}), 1, data, blockSize, 6);
    const block = async (b: number) => kit.call(r.block, { params: { id: carve.id, block_id: b } }, { token });
    const uploading = await block(0);
    expect([uploading.status, reasonOf(uploading)]).toEqual([400, "block 0 is in the carve's S3 upload, which completes with the carve's last block; read it then"]);
    const held = await block(5);
    expect(held.ok && Buffer.from(held.body.data, 'base64').equals(data.subarray(5 * blockSize, 6 * blockSize))).toBe(true);
    let current = (await repo.findById(carve.id))!;
    for (const b of [6, 7]) {
      await repo.storeBlock(current, b, data.subarray(b * blockSize, (b + 1) * blockSize));
      current = (await repo.findById(carve.id))!;
    }
    const blocks: Buffer[] = [];
    for (let b = 0; b < 8; b += 1) {
      const res = await block(b);
      if (!res.ok) throw new Error(res.text);
      blocks.push(Buffer.from(res.body.data, 'base64'));
    }
    expect(Buffer.concat(blocks).equals(data)).toBe(true);
  });
});
