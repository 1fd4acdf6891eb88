import type { AgentRow, IngestProblem } from '../host/host-vitals.types';

/**
 * Value readers for string-valued osquery rows. They never throw: a missing or malformed value yields
 * undefined so the caller leaves the stored field untouched.
 */
export function str(agentRow: AgentRow | undefined, column: string): string | undefined {
  const value: unknown = agentRow?.[column];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function int(row: AgentRow | undefined, column: string): number | undefined {
  const value = str(row, column);
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function nonNegativeInt(row: AgentRow | undefined, column: string): number | undefined {
  const n = int(row, column);
  return n !== undefined && n >= 0 ? n : undefined;
}

export function num(row: AgentRow | undefined, column: string): number | undefined {
  const value = str(row, column);
  if (value === undefined || !/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Collects problems for one query so ingest functions stay linear. */
export class ProblemLog {
  readonly problems: IngestProblem[] = [];

  constructor(private readonly query: string) {}

  add(reason: string, row?: number): void {
    this.problems.push(row === undefined ? { query: this.query, reason } : { query: this.query, reason, row });
  }

  /** Fleet ignores single-row queries that return anything but exactly one row. */
  singleRow(rows: readonly AgentRow[]): AgentRow | undefined {
    if (rows.length !== 1) {
      this.add(`expected exactly one row, got ${rows.length}`);
      return undefined;
    }
    const row = rows[0];
    if (typeof row !== 'object' || row === null) {
      this.add('row is not an object', 0);
      return undefined;
    }
    return row;
  }
}

/** Drops undefined entries so a patch only names fields that were reported. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
