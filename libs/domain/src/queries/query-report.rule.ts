import type { QueryFields } from './saved-query.types';

/**
 * Whether changing a saved query through the REST API makes its stored report stale (Fleet's rule): the SQL
 * changed, `discard_data` turned on, or logging left `snapshot` (only snapshot results are kept as a report).
 */
export function reportInvalidatedBy(before: QueryFields, patch: Partial<QueryFields>): boolean {
  return (patch.query !== undefined && patch.query !== before.query)
    || (patch.discardData === true && !before.discardData)
    || (patch.logging !== undefined && before.logging === 'snapshot' && patch.logging !== 'snapshot');
}

/** Fleet's default `server_settings.query_report_cap`. */
export const DEFAULT_QUERY_REPORT_CAP = 1000;
/** The most rows one query's report may be allowed to keep. */
export const MAX_QUERY_REPORT_CAP = 10_000_000;

/** How query reports are kept, from the organisation settings. */
export interface QueryReportSettings {
  /** `server_settings.query_reports_disabled` (Fleet): no report is stored or updated. */
  readonly disabled: boolean;
  /** `server_settings.query_report_cap` (Fleet): rows one query's report keeps, across its hosts; new hosts' rows wait for room. */
  readonly cap: number;
  /** `server_settings.query_report_max_age`: rows last fetched longer ago are dropped; 0 keeps them. */
  readonly maxAgeMs: number;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `720h`, `30d`, `1h30m`, or a number of seconds; undefined when unreadable. */
export function parseAge(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  if (t === '') return 0;
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  let total = 0;
  let rest = t;
  while (rest.length > 0) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)/.exec(rest);
    if (!m?.[1] || !m[2]) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2]] ?? 0);
    rest = rest.slice(m[0].length);
  }
  return Math.round(total);
}

/** The report settings of a stored organisation settings document (Fleet's defaults for what is absent or unreadable). */
export function queryReportSettings(appConfig: Readonly<Record<string, unknown>>): QueryReportSettings {
  const s = (appConfig['server_settings'] ?? {}) as Record<string, unknown>;
  const cap = typeof s['query_report_cap'] === 'number' && Number.isInteger(s['query_report_cap']) && s['query_report_cap'] > 0
    ? Math.min(s['query_report_cap'], MAX_QUERY_REPORT_CAP) : DEFAULT_QUERY_REPORT_CAP;
  return { disabled: s['query_reports_disabled'] === true, cap, maxAgeMs: parseAge(s['query_report_max_age']) ?? 0 };
}
