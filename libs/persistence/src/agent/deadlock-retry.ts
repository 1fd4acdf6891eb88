const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/**
 * Runs a transaction again when InnoDB picked it as a deadlock victim (or a lock wait timed out). Enrolls
 * and batch writes touch the same host rows concurrently; a deadlock there is normal under load and says
 * nothing about the data, so it is retried a few times with a short random pause instead of failing.
 */
export async function withDeadlockRetry<T>(fn: () => Promise<T>, attempts = 4, onRetry?: (code: string, err: unknown) => void): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await fn();
    } catch (err) {
      const code = errorCode(err);
      if (i >= attempts || !code || !RETRYABLE.has(code)) throw err;
      onRetry?.(code, err);
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * i));
    }
  }
}

/** The MySQL error code of an error from mysql2, directly or wrapped by TypeORM's QueryFailedError. */
export function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.code ?? e?.driverError?.code;
  return typeof code === 'string' ? code : undefined;
}
