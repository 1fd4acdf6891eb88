import type { LogLine } from './log-lines';

export type LogType = 'result' | 'status';

/**
 * The agent's on-disk log buffer (RocksDB in osquery, §4.4) kept in memory. Lines leave the buffer only when a
 * send for them succeeded; failed batches stay at the front and are retried, so nothing is dropped or reordered.
 * (osquery would purge above --buffered_log_max; the simulator never purges so tests can prove zero loss.)
 */
export class LogBuffer {
  private readonly queues: Record<LogType, LogLine[]> = { result: [], status: [] };
  private readonly failures: Record<LogType, number> = { result: 0, status: 0 };
  private readonly retryAt: Record<LogType, number> = { result: 0, status: 0 };

  push(type: LogType, line: LogLine): void {
    this.queues[type].push(line);
  }

  get size(): number {
    return this.queues.result.length + this.queues.status.length;
  }

  count(type: LogType): number {
    return this.queues[type].length;
  }

  /** Up to `maxLines` lines in total, results first (osquery's key order sorts `tls_r_` before `tls_s_`). */
  peek(maxLines: number): Record<LogType, LogLine[]> {
    const result = this.queues.result.slice(0, maxLines);
    const status = this.queues.status.slice(0, Math.max(0, maxLines - result.length));
    return { result, status };
  }

  /** Deletes the first `n` lines of a type after the server accepted them. */
  ack(type: LogType, n: number): void {
    this.queues[type].splice(0, n);
    this.failures[type] = 0;
    this.retryAt[type] = 0;
  }

  /**
   * Records a failed send: the next attempt for that type waits period × n² (capped), like
   * --logger_tls_backoff_max (§4.4).
   */
  fail(type: LogType, nowMs: number, periodMs: number, backoffMaxMs: number): void {
    this.failures[type]++;
    const n = this.failures[type];
    this.retryAt[type] = nowMs + Math.min(periodMs * n * n, backoffMaxMs) - periodMs;
  }

  mayAttempt(type: LogType, nowMs: number): boolean {
    return nowMs >= this.retryAt[type];
  }
}
