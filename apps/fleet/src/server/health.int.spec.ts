import { createTestDatabase, startTestApp, TcpProxy } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';

/** Polls until the status matches, since a cut connection is noticed on the next command, not at once. */
async function eventually(url: string, status: number, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    last = (await fetch(url)).status;
    if (last === status) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  return last;
}

describe('/healthz against real MariaDB and Redis behind cuttable proxies', () => {
  let db: TestDatabase;
  let app: TestApp;
  const redisProxy = new TcpProxy('127.0.0.1', 6379);
  const mysqlProxy = new TcpProxy('127.0.0.1', 3306);

  beforeAll(async () => {
    await redisProxy.open();
    await mysqlProxy.open();
    db = await createTestDatabase('health', {});
    const config = { ...db.config, mysql: { ...db.config.mysql, address: mysqlProxy.address }, redis: { ...db.config.redis, address: redisProxy.address } };
    app = await startTestApp(config, { roles: ['api'] });
  });

  afterAll(async () => {
    await app.close();
    await redisProxy.cut();
    await mysqlProxy.cut();
    await db.drop();
  });

  it('is 200 with an empty body while both answer', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('goes 500 when Redis is gone while ?check=mysql stays 200, and recovers without a restart', async () => {
    await redisProxy.cut();
    expect(await eventually(`${app.url}/healthz`, 500)).toBe(500);
    expect((await fetch(`${app.url}/healthz?check=mysql`)).status).toBe(200);
    expect((await fetch(`${app.url}/healthz?check=redis`)).status).toBe(500);
    const logged = app.logs.find((l) => l['msg'] === 'health check failed' && l['check'] === 'redis');
    expect(logged).toBeDefined();

    await redisProxy.open();
    expect(await eventually(`${app.url}/healthz`, 200)).toBe(200);
  });

  it('goes 500 when MySQL is gone while ?check=redis stays 200, and recovers without a restart', async () => {
    await mysqlProxy.cut();
    expect(await eventually(`${app.url}/healthz`, 500)).toBe(500);
    expect((await fetch(`${app.url}/healthz?check=redis`)).status).toBe(200);
    expect(app.logs.some((l) => l['msg'] === 'health check failed' && l['check'] === 'mysql')).toBe(true);

    await mysqlProxy.open();
    expect(await eventually(`${app.url}/healthz`, 200)).toBe(200);
  });

  it('rejects empty and unknown checks with 400 and Fleet messages', async () => {
    const empty = await fetch(`${app.url}/healthz?check=`);
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ message: 'checks must not be empty' });
    const unknown = await fetch(`${app.url}/healthz?check=mysql&check=disk`);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ message: 'disk is not a valid check' });
  });
});
