export type LogKind = 'result' | 'status';

/**
 * Where osquery logs go. `write` resolves once the lines are stored by the destination; a rejection makes
 * the agent keep the batch and retry, so a destination must not report success for lines it did not take.
 */
export interface LogDestination {
  readonly name: string;
  write(lines: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export const LOG_DESTINATIONS = Symbol('LOG_DESTINATIONS');

export interface LogDestinations {
  readonly result: LogDestination;
  readonly status: LogDestination;
}
