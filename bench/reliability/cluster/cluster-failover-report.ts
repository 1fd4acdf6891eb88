import { table } from '../support/results';
import type { AgentWindow } from '@fleet/testing';
import type { ClusterFailoverResult } from './cluster-failover-run';
import type { LiveQueryOutcome } from './live-query-probe';

const query = (name: string, q: LiveQueryOutcome): Array<string | number | null> =>
  [name, q.campaignId, q.expected, q.answered, q.completed ? 'yes' : 'NO', q.lastAnswerMs, q.completedMs];

const phase = (name: string, w: AgentWindow): Array<string | number> =>
  [name, w.seconds, w.requests, w.errors, w.nodeInvalid, w.checkinMs.p50, w.checkinMs.p99, w.latencyMs.max];

export function clusterFailoverMarkdown(r: ClusterFailoverResult, command: string, machine: Record<string, unknown>): string {
  const q = r.liveQueries;
  const allAnswered = [q.beforeFailover, q.afterFailover, q.atEnd].every((x) => x.completed && x.expected !== null && x.answered >= x.expected);
  const held = r.lines.lost === 0 && r.nodeInvalid === 0 && allAnswered;
  return [
    `# Reliability: ${r.hosts} hosts on a Redis Cluster for ${r.minutes} min, a master killed mid-run`, '',
    `Command: \`${command}\`  `, `Machine: \`${JSON.stringify(machine)}\``, '',
    `${r.hosts} simulated agents (check-in, log shipping and a scheduled query every ${r.intervalSec} s; each result line numbered per host) against one \`fleet serve\` (all roles) `
      + 'on a private Redis Cluster of three masters with a replica each (real redis-server processes, node timeout 2 s). '
      + `At minute ${r.failover.atMinute} the master the server was configured with (port ${r.failover.killedPort}) is killed with SIGKILL; its replica served its slots `
      + `${r.failover.promotedAfterMs} ms later. A live query to all hosts runs before the kill, right after the promotion and near the end, each followed on the results websocket. `
      + 'After the agents stop, every line the server accepted is looked up in the filesystem result log by host and sequence number. '
      + `Target: 0 lines lost, every live query completes with every online host, 0 node_invalid. **${held ? 'Held' : 'NOT held'}.**`, '',
    '## Result lines', '',
    table(['made by agents (buffered ones included)', 'accepted by the server', 'written (distinct)', 'lost', 'written twice'], [[r.lines.sent, r.lines.accepted, r.lines.written, r.lines.lost, r.lines.duplicated]]),
    r.lines.lostExamples.length ? `\nLost, first examples: ${JSON.stringify(r.lines.lostExamples)}` : '', '',
    '## Live queries to all hosts', '',
    table(['when', 'campaign', 'online targets', 'hosts answered', 'completed', 'last answer ms', 'final status ms'], [
      query('before the kill', q.beforeFailover), query('right after the promotion', q.afterFailover), query('near the end', q.atEnd),
    ]), '',
    '## Agents', '',
    table(['phase', 'seconds', 'requests', 'errors', 'node_invalid', 'check-in p50 ms', 'check-in p99 ms', 'max ms'], [
      phase('before the kill', r.phases.before), phase('kill until the live query after it ended', r.phases.failover), phase('after that', r.phases.after),
    ]), '',
    `node_invalid over the whole run: ${r.nodeInvalid}. Hosts whose seen time in MySQL moved past the kill: ${r.hostsSeenAfterFailover} of ${r.hosts}. `
      + `All ${r.hosts} enrolled after ${r.msToAllEnrolled} ms. Server RSS at the end ${r.serverRssMb} MiB. Run time ${r.durationSec} s.`, '',
  ].join('\n');
}
