import type { JsonObject } from './log-values';
import { decorationsOf, isJsonObject, numberField, stringField, toStringRow, toStringRows } from './log-values';

export type LogRow = Record<string, string>;

export interface ResultLogCommon {
  readonly name: string;
  readonly hostIdentifier: string | undefined;
  readonly calendarTime: string | undefined;
  /** Seconds; undefined when absent or not numeric. */
  readonly unixTime: number | undefined;
  readonly epoch: number | undefined;
  readonly counter: number | undefined;
  readonly decorations: Record<string, string>;
}

/** The four shapes osquery emits (protocol §4.2). Row values are always strings here. */
export type ResultLogLine =
  | (ResultLogCommon & { readonly format: 'snapshot'; readonly rows: LogRow[] })
  | (ResultLogCommon & { readonly format: 'snapshot_event'; readonly row: LogRow })
  | (ResultLogCommon & { readonly format: 'differential_batch'; readonly added: LogRow[]; readonly removed: LogRow[] })
  | (ResultLogCommon & { readonly format: 'differential_event'; readonly action: 'added' | 'removed'; readonly row: LogRow });

export type ClassifiedResultLine = ResultLogLine | { readonly format: 'invalid'; readonly reason: string };

/**
 * Classifies one result log line. Never throws: lines that are not objects, lack `name`, or match no known
 * shape come back as `invalid` with a reason (Fleet skips such lines rather than failing the batch, since a
 * failure would make osquery resend them forever).
 */
export function classifyResultLogLine(line: unknown): ClassifiedResultLine {
  if (!isJsonObject(line)) return { format: 'invalid', reason: 'line is not a JSON object' };
  const name = stringField(line, 'name');
  if (name === undefined || name === '') return { format: 'invalid', reason: 'line has no name' };
  const common = commonFields(line, name);
  const action = stringField(line, 'action');

  const snapshot = toStringRows(line['snapshot']);
  if (snapshot !== undefined) return { ...common, format: 'snapshot', rows: snapshot };

  const diff = line['diffResults'];
  if (isJsonObject(diff)) {
    return { ...common, format: 'differential_batch', added: toStringRows(diff['added']) ?? [], removed: toStringRows(diff['removed']) ?? [] };
  }

  const row = toStringRow(line['columns']);
  if (row !== undefined) {
    if (action === 'snapshot') return { ...common, format: 'snapshot_event', row };
    if (action === 'added' || action === 'removed') return { ...common, format: 'differential_event', action, row };
    return { format: 'invalid', reason: `event line has unknown action ${JSON.stringify(action ?? null)}` };
  }
  return { format: 'invalid', reason: 'line has neither snapshot, diffResults nor columns' };
}

function commonFields(line: JsonObject, name: string): ResultLogCommon {
  return {
    name,
    hostIdentifier: stringField(line, 'hostIdentifier'),
    calendarTime: stringField(line, 'calendarTime'),
    unixTime: numberField(line, 'unixTime'),
    epoch: numberField(line, 'epoch'),
    counter: numberField(line, 'counter'),
    decorations: decorationsOf(line),
  };
}

export type ScheduledQueryRef =
  | { readonly scope: 'global'; readonly queryName: string }
  | { readonly scope: 'team'; readonly teamId: number; readonly queryName: string }
  | { readonly scope: 'legacy_pack'; readonly packName: string; readonly queryName: string }
  | { readonly scope: 'unknown' };

/**
 * Resolves a result line name `pack<d>Global<d><query>` / `pack<d>team-<id><d><query>` for any one-character
 * pack delimiter <d> (Fleet sets "/", osquery defaults to "_"). Other `pack<d><pack><d><query>` names are
 * 2017-style packs; anything else (e.g. queries from a local `schedule`) is unknown.
 */
export function parseScheduledQueryName(name: string): ScheduledQueryRef {
  if (!name.startsWith('pack') || name.length < 6) return { scope: 'unknown' };
  const delimiter = name.charAt(4);
  const rest = name.slice(5);
  const split = rest.indexOf(delimiter);
  if (split <= 0 || split === rest.length - 1) return { scope: 'unknown' };
  const pack = rest.slice(0, split);
  const queryName = rest.slice(split + 1);
  if (pack === 'Global') return { scope: 'global', queryName };
  const team = /^team-(\d{1,15})$/.exec(pack);
  if (team?.[1] !== undefined) return { scope: 'team', teamId: Number(team[1]), queryName };
  return { scope: 'legacy_pack', packName: pack, queryName };
}
