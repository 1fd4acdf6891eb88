import { table } from '../support/results';
import type { FuzzReport } from '@fleet/testing';

/** The fuzz run in Markdown: invariants with their figures, every distinct violation with its shrunk request, per-target counts. */
export function fuzzMarkdown(r: FuzzReport, command: string, machine: Record<string, unknown>): string {
  const m = r.monitor;
  const slowest = Math.max(0, ...Object.values(r.requests.byTarget).map((t) => Number((t.latencyMs as { max?: number } | undefined)?.max ?? 0)));
  const fivexx = Object.values(r.requests.byTarget).reduce((n, t) => n + Object.entries(t.statuses).filter(([s]) => Number(s) >= 500).reduce((a, [, c]) => a + c, 0), 0);
  const out = [
    '# Reliability: property-based fuzzing of the agent routes and the admin API', '',
    `Command: \`${command}\`  `, `Machine: \`${JSON.stringify(machine)}\`  `, `Run time: ${r.durationSec} s, seed ${r.options.seed}, ${r.options.concurrency} properties at once`, '',
    '## Invariants', '',
    table(['invariant', 'figure', 'held'], [
      ['requests sent (generated + shrinking replays)', `${r.requests.total} (${r.requests.generated} generated)`, r.requests.generated >= r.options.requests ? 'yes' : 'budget not reached'],
      ['no undeclared 5xx', `${fivexx} answers ≥ 500`, fivexx === 0 ? 'yes' : 'NO'],
      [`every answer within ${r.options.maxLatencyMs} ms`, `slowest ${Math.round(slowest)} ms; ${r.slowUnderLoad.count} over the bound only alongside other requests (within it when sent alone)`,
        slowest <= r.options.maxLatencyMs ? 'yes' : r.violations.some((v) => v.kind === 'slower than bound') ? 'NO' : 'not under concurrency'],
      ['server stays up', m.exited ? `exited: ${m.exitDetail}` : 'no exit', m.exited ? 'NO' : 'yes'],
      ['server stays healthy (/healthz every s, 1 s timeout)', `${m.health.failed} of ${m.health.probes} probes failed, slowest ${m.health.maxMs} ms`, m.health.failed === 0 ? 'yes' : 'NO'],
      ['memory bounded (RSS MiB start / peak / end)', `${m.rssMb.start} / ${m.rssMb.peak} / ${m.rssMb.end}`, ''],
    ]), '',
    `## Violations (${r.violations.length} distinct)`, '',
  ];
  if (r.violations.length === 0) out.push('None.', '');
  for (const v of r.violations) {
    out.push(`### ${v.signature} (${v.occurrences}×)`, '', `Answer: ${v.answer.status} in ${Math.round(v.answer.ms)} ms ${v.answer.transportError ?? ''} \`${v.answer.bodyStart.slice(0, 300)}\``, '',
      `Shrunk request${v.replay ? ` (replay: seed ${v.replay.seed}, path ${v.replay.path})` : ''}:`, '', '```json', JSON.stringify(v.counterexample, null, 1), '```', '');
  }
  if (r.slowUnderLoad.samples.length > 0) {
    out.push('## Over the bound only alongside other requests', '', 'Each was sent again alone and answered within the bound; what was in flight when it was slow:', '',
      table(['request', 'ms', 'alone ms', 'in flight alongside'], r.slowUnderLoad.samples.map((x) => [x.request, x.ms, x.aloneMs, x.alongside.join('; ')])), '');
  }
  out.push(`## Requests by target (${r.adminRoutes} admin GET routes from @fleet/contracts)`, '',
    table(['target', 'requests', 'statuses', 'p50 ms', 'p99 ms', 'max ms'], Object.entries(r.requests.byTarget).map(([t, s]) => {
      const l = s.latencyMs as { p50: number; p99: number; max: number } | undefined;
      return [t, s.count, Object.entries(s.statuses).map(([k, n]) => `${k}: ${n}`).join(', '), l?.p50, l?.p99, l?.max];
    })), '');
  return out.join('\n');
}
