import type { AgentWindow, SlowClientsResult } from '@fleet/testing';
import { table } from '../support/results';

const row = (name: string, w: AgentWindow): Array<string | number> => [name, w.seconds, w.requests, w.errors, w.nodeInvalid, w.checkinMs.p50, w.checkinMs.p99, w.latencyMs.p99, w.latencyMs.max];

export function slowMarkdown(r: SlowClientsResult, command: string, machine: Record<string, unknown>): string {
  const rss = r.serverRssMb;
  const grew = rss.before !== null && rss.peak !== null ? Math.round((rss.peak - rss.before) * 10) / 10 : null;
  return [
    '# Reliability: slow clients while agents check in', '',
    `Command: \`${command}\`  `, `Machine: \`${JSON.stringify(machine)}\``, '',
    `${r.hosts} simulated hosts check in every 5 s against \`fleet serve\` (all roles). After a baseline window, ${r.slowloris.opened} slowloris connections `
      + '(a request line and headers, one more header line every 5 s, never the blank line) and '
      + `${r.websocket.clients} results websockets that stop reading after their first message (selecting a live query of \`SELECT * FROM software\` on every host) are attached for an equal window.`, '',
    table(['window', 's', 'agent requests', 'errors', 'node_invalid', 'check-in p50 ms', 'check-in p99 ms', 'all p99 ms', 'all max ms'], [row('baseline', r.baseline), row('with slow clients', r.underAttack)]), '',
    `- slowloris: ${r.slowloris.opened} opened, ${r.slowloris.refused} refused, ${r.slowloris.closedByServer} closed by the server (first after ${r.slowloris.firstClosedAfterMs ?? '–'} ms), ${r.slowloris.stillOpen} still open at the end of the window`,
    `- websocket: a reading client received ${r.websocket.campaignBytes} bytes of results in the window; the ${r.websocket.clients} stalled ones took ${r.websocket.readBeforeStall} bytes before stalling; closed by the server: ${JSON.stringify(r.websocket.closedByServer)}`,
    `- server RSS: ${rss.before} MiB before the slow clients, peak ${rss.peak} MiB (+${grew} MiB), ${rss.after} MiB after they left`,
    `- run time ${r.durationSec} s`, '',
  ].join('\n');
}
