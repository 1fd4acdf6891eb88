import type { DataSource } from 'typeorm';

/** Resolves when MySQL answers `SELECT 1` within the timeout; rejects with the reason otherwise. */
export async function pingMysql(ds: DataSource, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`mysql did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([ds.query('SELECT 1'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
