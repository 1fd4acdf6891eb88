import type { Row } from './host-platform';
import { type LogLine, diffBatchLine, diffEventLine, snapshotLine } from './log-lines';
import type { ScheduledQuerySpec } from './osquery-config';
import type { SqlResult } from './sql-evaluator';

export interface RunContext {
  readonly hostIdentifier: string;
  readonly unixTime: number;
  readonly epoch: number;
  /** osquery's --logger_event_type: one line per changed row (true) or one diffResults line (false). */
  readonly eventFormat: boolean;
  readonly decorations: Record<string, string>;
  evaluate(sql: string): SqlResult;
}

export type RunOutcome = { readonly ok: true; readonly lines: LogLine[] } | { readonly ok: false; readonly message: string };

/**
 * One scheduled query's state across runs: previous results (for differential diffs) and the `counter`
 * (0 for the first logged run, +1 per logged run after; snapshot lines always carry 0), as osquery keeps them.
 */
export class ScheduledQueryRunner {
  private previous: Map<string, Row> | undefined;
  private counter = 0;
  private logged = false;

  constructor(public readonly spec: ScheduledQuerySpec) {}

  /** Keeps diff state when a config refresh re-delivers the same SQL (a changed SQL restarts counter at 0). */
  withSpec(spec: ScheduledQuerySpec): ScheduledQueryRunner {
    const next = new ScheduledQueryRunner(spec);
    if (spec.sql === this.spec.sql) {
      next.previous = this.previous;
      next.counter = this.counter;
      next.logged = this.logged;
    }
    return next;
  }

  run(ctx: RunContext): RunOutcome {
    const r = ctx.evaluate(this.spec.sql);
    if (!r.ok) return { ok: false, message: r.message };
    const header = { name: this.spec.name, hostIdentifier: ctx.hostIdentifier, unixTime: ctx.unixTime, epoch: ctx.epoch, counter: 0 };
    if (this.spec.snapshot) return { ok: true, lines: [snapshotLine(header, r.rows, { ...ctx.decorations })] };
    const current = new Map(r.rows.map((row) => [JSON.stringify(row), row]));
    const before = this.previous ?? new Map<string, Row>();
    const added = [...current].filter(([k]) => !before.has(k)).map(([, row]) => row);
    const removed = this.spec.removed ? [...before].filter(([k]) => !current.has(k)).map(([, row]) => row) : [];
    this.previous = current;
    if (added.length === 0 && removed.length === 0) return { ok: true, lines: [] };
    const counter = this.logged ? ++this.counter : 0;
    this.logged = true;
    const h = { ...header, counter };
    if (!ctx.eventFormat) return { ok: true, lines: [diffBatchLine(h, added, removed, { ...ctx.decorations })] };
    return {
      ok: true,
      lines: [
        ...removed.map((row) => diffEventLine(h, row, 'removed', { ...ctx.decorations })),
        ...added.map((row) => diffEventLine(h, row, 'added', { ...ctx.decorations })),
      ],
    };
  }
}
