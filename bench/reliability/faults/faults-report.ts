import type { AgentWindow, FaultResult } from '@fleet/testing';
import { table } from '../support/results';

const ms = (v: number | null): string => (v === null ? 'not within the timeout' : `${(v / 1000).toFixed(1)} s`);
const phase = (w: AgentWindow | undefined): string => (w ? `${w.requests} req, ${w.errors} err, ${w.nodeInvalid} node_invalid, check-in p99 ${w.checkinMs.p99} ms` : '–');

/** The fault runs in Markdown: one summary table (the README quotes it) and each run's phases and details. */
export function faultsMarkdown(results: readonly FaultResult[], command: string, machine: Record<string, unknown>): string {
  const out = [
    '# Reliability: dependency faults with simulated hosts, accounted by sequence number', '',
    `Command: \`${command}\`  `, `Machine: \`${JSON.stringify(machine)}\``, '',
    'Every simulated host runs a scheduled query every second and ships its result lines every second (osquery\'s retry timing, `--logger_tls_backoff_max=10`); each line carries a per-host sequence number. '
      + '*acknowledged* = lines the server answered "accepted" for; *delivered* = distinct lines the webhook destination received; *lost* = acknowledged and never delivered; '
      + '*duplicated* = deliveries beyond the first; *in flight* = delivered but not yet acknowledged when the agents stopped. '
      + '*Backlog recovery* = from the end of the fault until every line made before it was delivered; *host data recovery* = until MySQL held an agent write (a probe agent\'s uptime, written every 250 ms) acknowledged after the fault.', '',
    table(['scenario', 'hosts', 'fault', 'acknowledged', 'delivered', 'lost', 'duplicated', 'in flight', 'node_invalid', 'agent errors during fault', 'backlog recovery', 'host data recovery', 'last write in MySQL'],
      results.map((r) => [r.scenario, r.hosts, `${r.faultSec} s`, r.lines.acknowledged, r.lines.delivered, r.lines.lost, r.lines.duplicated, r.lines.inFlight, r.nodeInvalid,
        r.phases.fault.errors, ms(r.recovery.logBacklogMs), ms(r.recovery.hostDataMs), r.hostData.lastAcknowledgedStored ? 'yes' : `NO (${r.hostData.stored} vs ${r.hostData.acknowledged})`])), '',
  ];
  for (const r of results) {
    out.push(`## ${r.scenario}`, '', r.description, '',
      `- lines: generated ${r.lines.generated}, acknowledged ${r.lines.acknowledged}, delivered ${r.lines.delivered}, lost ${r.lines.lost}, duplicated ${r.lines.duplicated}, in flight ${r.lines.inFlight}, still buffered by agents ${r.lines.pending}`,
      `- destination: ${r.sink.batches} batches taken, ${r.sink.refused} refused`,
      `- before: ${phase(r.phases.before)}`, `- fault: ${phase(r.phases.fault)}`, `- recovery: ${phase(r.phases.recovery)}`,
      ...(r.phases.degraded ? [`- degraded link (${r.degraded?.mechanism}; ${r.degraded?.lossPercent}% loss, ${r.degraded?.delayMs} ms delay for ${r.degraded?.seconds} s): ${phase(r.phases.degraded)}`] : []),
      `- after: ${phase(r.phases.after)}`,
      `- host data: last acknowledged probe write ${r.hostData.acknowledged}, in MySQL ${r.hostData.stored}; probe writes refused during the fault: ${r.hostData.probeFailures}`,
      ...(r.partitionMechanism ? [`- partition made with: ${r.partitionMechanism}`] : []),
      ...(r.lostWithRedis ? [`- only in Redis when it died, acknowledged to agents and never written to MySQL: ${Object.entries(r.lostWithRedis).map(([s, v]) => `${s} ${v.unwritten} entries (stream length ${v.length}, ${v.writerGroup ? 'writer group present' : 'no writer group'})`).join('; ')}`] : []),
      ...(r.lines.lostExamples.length > 0 ? [`- lost lines, first hosts: \`${JSON.stringify(r.lines.lostExamples)}\``] : []),
      `- run time ${r.durationSec} s`, '');
  }
  return out.join('\n');
}
