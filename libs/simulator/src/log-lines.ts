import type { Row } from './host-platform';

/** A log line as it is buffered and shipped: a JSON object (osquery embeds each buffered line as an object, §4.1). */
export type LogLine = Record<string, unknown>;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** osquery's `calendarTime`: UTC asctime plus " UTC", e.g. `Wed Jan 29 22:17:17 2025 UTC` (day space-padded). */
export function calendarTime(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${DAYS[d.getUTCDay()] ?? ''} ${MONTHS[d.getUTCMonth()] ?? ''} ${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()} UTC`;
}

/** Fields common to every result line, in osquery's order (§4.2). */
export interface ResultHeader {
  readonly name: string;
  readonly hostIdentifier: string;
  readonly unixTime: number;
  readonly epoch: number;
  readonly counter: number;
}

function common(h: ResultHeader, decorations: Record<string, string>): LogLine {
  return {
    name: h.name, hostIdentifier: h.hostIdentifier, calendarTime: calendarTime(h.unixTime), unixTime: h.unixTime,
    epoch: h.epoch, counter: h.counter, numerics: false, decorations,
  };
}

/** Snapshot shape: one line per execution, even with zero rows; counter always 0. */
export function snapshotLine(h: ResultHeader, rows: Row[], decorations: Record<string, string>): LogLine {
  return { snapshot: rows, action: 'snapshot', ...common({ ...h, counter: 0 }, decorations) };
}

/** Differential batch shape (`--logger_event_type=false`). */
export function diffBatchLine(h: ResultHeader, added: Row[], removed: Row[], decorations: Record<string, string>): LogLine {
  return { diffResults: { removed, added }, ...common(h, decorations) };
}

/** Differential event shape (osquery's default): one line per added/removed row. */
export function diffEventLine(h: ResultHeader, columns: Row, action: 'added' | 'removed', decorations: Record<string, string>): LogLine {
  return { ...common(h, decorations), columns, action };
}

export interface StatusLineInput {
  readonly hostIdentifier: string;
  readonly unixTime: number;
  /** glog level: 0 INFO, 1 WARNING, 2 ERROR. */
  readonly severity: 0 | 1 | 2;
  readonly filename: string;
  readonly line: number;
  readonly message: string;
  readonly version: string;
  readonly decorations: Record<string, string>;
}

/** Status line with numeric unixTime/severity/line, as osquery >= 5.10 writes them (§4.3). */
export function statusLine(s: StatusLineInput): LogLine {
  return {
    hostIdentifier: s.hostIdentifier, calendarTime: calendarTime(s.unixTime), unixTime: s.unixTime, severity: s.severity,
    filename: s.filename, line: s.line, message: s.message, version: s.version, decorations: s.decorations,
  };
}
