import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { FixedClock } from '@fleet/domain';
import { CampaignStore, closeRedis, createRedis, LiveQueryAnswerStore, liveQueryKeys, redisReady } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import { eventually, testConfig } from '@fleet/testing';
import { ACTIVE_CAMPAIGNS_TTL_MS, LiveQueryReader } from './live-query.reader';

/** The reader with the real stores on the real Redis and a clock the test moves. */
describe('LiveQueryReader', () => {
  const clock = new FixedClock(Date.parse('2026-12-01T09:00:00Z'));
  let redis: RedisClient;
  let reader: LiveQueryReader;

  const launch = async (id: number, sql: string, hostIds: number[]): Promise<void> => {
    await redis.set(liveQueryKeys.sql(id), sql);
    for (const h of hostIds) await redis.setbit(liveQueryKeys.targets(id), h, 1);
    await redis.sadd(liveQueryKeys.active, String(id));
  };

  beforeAll(async () => {
    redis = createRedis(testConfig({ redis_key_prefix: `fleet_test_lq_reader_${randomBytes(4).toString('hex')}:` }));
    await redisReady(redis, 5000);
    reader = new LiveQueryReader(new CampaignStore(redis), new LiveQueryAnswerStore(redis), clock, pino({ level: 'silent' }));
  });
  afterAll(() => closeRedis(redis));

  it('hands a host the campaigns that target it, and sees a new campaign once the active list is re-read', async () => {
    await launch(1, 'SELECT 1;', [5, 6]);
    expect(await reader.pendingFor(5)).toEqual(new Map([[1, 'SELECT 1;']]));
    expect(await reader.pendingFor(7)).toEqual(new Map());

    await launch(2, 'SELECT 2;', [5]);
    clock.advance(ACTIVE_CAMPAIGNS_TTL_MS);
    expect(await reader.pendingFor(5)).toEqual(new Map([[1, 'SELECT 1;']]));
    clock.advance(1);
    expect(await reader.pendingFor(5)).toEqual(new Map([[1, 'SELECT 1;'], [2, 'SELECT 2;']]));
  });

  it('stops handing out a campaign the host answered or that ended', async () => {
    await redis.setbit(liveQueryKeys.targets(1), 5, 0);
    expect([...(await reader.pendingFor(5)).keys()]).toEqual([2]);
    await redis.srem(liveQueryKeys.active, '2');
    await redis.del(liveQueryKeys.sql(2), liveQueryKeys.targets(2));
    clock.advance(ACTIVE_CAMPAIGNS_TTL_MS + 1);
    expect(await reader.pendingFor(5)).toEqual(new Map());
  });

  it('asks Redis nothing for a host no active campaign targets, and one GETBIT per campaign that does', async () => {
    const prefix = `fleet_test_lq_reader_cost_${randomBytes(4).toString('hex')}:`;
    const own = createRedis(testConfig({ redis_key_prefix: prefix }));
    // A single-node client here (testConfig has no cluster), the only kind that can MONITOR.
    const monitor = await (own as Redis).monitor();
    const commands: Array<{ name: string; key: string }> = [];
    monitor.on('monitor', (_time: string, args: string[]) => commands.push({ name: String(args[0]).toLowerCase(), key: String(args[1] ?? '') }));
    try {
      const costly = new LiveQueryReader(new CampaignStore(own), new LiveQueryAnswerStore(own), clock, pino({ level: 'silent' }));
      const ids = Array.from({ length: 50 }, (_, i) => 100 + i);
      for (const id of ids) {
        await own.set(liveQueryKeys.sql(id), `SELECT ${id};`);
        await own.setbit(liveQueryKeys.targets(id), id, 1);
        await own.sadd(liveQueryKeys.active, String(id));
      }
      clock.advance(ACTIVE_CAMPAIGNS_TTL_MS + 1);
      expect(await costly.pendingFor(100)).toEqual(new Map([[100, 'SELECT 100;']]));
      const marker = `${prefix}checked-in`;
      const from = commands.length;
      for (let host = 1; host <= 20; host++) await costly.pendingFor(host);
      expect(await costly.pendingFor(101)).toEqual(new Map([[101, 'SELECT 101;']]));
      await own.echo(marker);
      await eventually('the monitor to see the marker', () => commands.some((c) => c.name === 'echo' && c.key === marker), (seen) => seen, 5000, 20);
      const asked = commands.slice(from).filter((c) => c.key.startsWith(prefix) && c.name !== 'echo');
      expect(asked).toEqual([{ name: 'getbit', key: `${prefix}${liveQueryKeys.targets(101)}` }]);
    } finally {
      monitor.disconnect();
      await closeRedis(own);
    }
  });

  it('yields nothing, without failing the check-in, when Redis is unreachable', async () => {
    const down = createRedis(testConfig({ redis_address: '127.0.0.1:1' }));
    const blind = new LiveQueryReader(new CampaignStore(down), new LiveQueryAnswerStore(down), clock, pino({ level: 'silent' }));
    expect(await blind.pendingFor(5)).toEqual(new Map());
    down.disconnect();
  });
});
