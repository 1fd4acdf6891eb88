import type { LogRecord } from '@fleet/contracts';

export type LogKind = 'result' | 'status';

/**
 * Where osquery logs go. `write` resolves once the destination has stored every record; a rejection means
 * the caller keeps them and tries again (the agent for Fleet's plugins, the buffer's consumer for named
 * destinations), so a destination must not report success for records it did not take. Each record carries
 * its idempotency key (`id`), which destinations that can deduplicate pass on.
 */
export interface LogDestination {
  readonly name: string;
  write(records: readonly LogRecord[]): Promise<void>;
  close(): Promise<void>;
}

export const LOG_DESTINATIONS = Symbol('LOG_DESTINATIONS');

/** Fleet's one destination per log type (`osquery.result_log_plugin`, `status_log_plugin`); null for `none`. */
export interface LogDestinations {
  readonly result: LogDestination | null;
  readonly status: LogDestination | null;
}
