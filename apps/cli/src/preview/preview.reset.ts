import { rmSync } from 'node:fs';
import Redis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { CliError } from '../cli.error';
import type { PreviewStorage } from './preview.state';

const hostPort = (address: string, defaultPort: number): { host: string; port: number } => {
  const i = address.lastIndexOf(':');
  return i < 0 ? { host: address, port: defaultPort } : { host: address.slice(0, i), port: Number(address.slice(i + 1)) };
};

/**
 * Removes everything a preview stored: its MySQL database, its Redis keys (only those under its key prefix, so
 * another Fleet on the same Redis keeps its data) and its state directory (certificate, admin credentials,
 * logs). The next `fleetctl preview` starts from nothing. The preview must be stopped first.
 */
export async function resetPreview(dir: string, s: PreviewStorage): Promise<void> {
  if (!/^[A-Za-z0-9_$-]+$/.test(s.mysqlDatabase)) throw new CliError(`preview reset: refusing to drop database "${s.mysqlDatabase}"`);
  if (!s.redisKeyPrefix) throw new CliError('preview reset: the preview has no Redis key prefix; refusing to delete keys');
  const db = await createConnection({ ...hostPort(s.mysqlAddress, 3306), user: s.mysqlUsername, password: s.mysqlPassword })
    .catch((e: unknown) => { throw new CliError(`preview reset: cannot connect to MySQL at ${s.mysqlAddress}: ${e instanceof Error ? e.message : String(e)}`); });
  try {
    await db.query(`DROP DATABASE IF EXISTS \`${s.mysqlDatabase}\``);
  } finally {
    await db.end();
  }
  const redis = new Redis({ ...hostPort(s.redisAddress, 6379), lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect().catch((e: unknown) => { throw new CliError(`preview reset: cannot connect to Redis at ${s.redisAddress}: ${e instanceof Error ? e.message : String(e)}`); });
    const pattern = `${s.redisKeyPrefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  rmSync(dir, { recursive: true, force: true });
}
