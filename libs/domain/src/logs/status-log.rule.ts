import { decorationsOf, isJsonObject, numberField, stringField } from './log-values';

export type StatusSeverity = 'info' | 'warning' | 'error' | 'fatal' | 'unknown';

/** A status log line with the numeric fields normalised (strings before osquery 5.10, numbers since). */
export interface StatusLogLine {
  readonly hostIdentifier: string;
  readonly calendarTime: string;
  readonly unixTime: number | undefined;
  /** glog level: 0 INFO, 1 WARNING, 2 ERROR, 3 FATAL. */
  readonly severity: number | undefined;
  readonly severityName: StatusSeverity;
  readonly filename: string;
  readonly line: number | undefined;
  readonly message: string;
  readonly version: string;
  readonly decorations: Record<string, string>;
}

const SEVERITIES: readonly StatusSeverity[] = ['info', 'warning', 'error', 'fatal'];

/**
 * Normalises a status line. Returns null only for a value that is not a JSON object; missing or malformed
 * fields become '' / undefined so one odd line never fails the batch.
 */
export function parseStatusLogLine(value: unknown): StatusLogLine | null {
  if (!isJsonObject(value)) return null;
  const severity = numberField(value, 'severity');
  const severityName =
    severity !== undefined && Number.isInteger(severity) ? (SEVERITIES[severity] ?? 'unknown') : 'unknown';
  return {
    hostIdentifier: stringField(value, 'hostIdentifier') ?? '',
    calendarTime: stringField(value, 'calendarTime') ?? '',
    unixTime: numberField(value, 'unixTime'),
    severity,
    severityName,
    filename: stringField(value, 'filename') ?? '',
    line: numberField(value, 'line'),
    message: stringField(value, 'message') ?? '',
    version: stringField(value, 'version') ?? '',
    decorations: decorationsOf(value),
  };
}
