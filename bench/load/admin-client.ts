import type { Connection } from 'mysql2/promise';
import WebSocket from 'ws';

/** A first-user admin token from POST /api/v1/setup (served only while the database has no user). */
export async function setupAdmin(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/setup`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ admin: { name: 'bench', email: 'bench@example.com', password: 'Bench-passw0rd!!', password_confirmation: 'Bench-passw0rd!!' }, org_info: { org_name: 'Load bench' }, server_url: url }),
  });
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error(`setup failed: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

async function post(url: string, token: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export interface LiveQueryResult {
  readonly campaignId: number;
  readonly targeted: number;
  readonly online: number;
  readonly answered: number;
  /** From campaign creation to the first result of each host on a websocket client (agent → ingest → Redis → gateway → client). */
  readonly msToAnswered: Record<string, number | null>;
  readonly startedAt: number;
}

/** Arrival time of each host's first result on the results websocket, until `expected` hosts answered or the timeout. */
export function watchCampaignAnswers(url: string, token: string, id: number, expected: number, timeoutMs: number): Promise<Map<number, number>> {
  return new Promise((resolve, reject) => {
    const arrivals = new Map<number, number>();
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/latest/fleet/results/websocket`);
    const done = (): void => { clearTimeout(timer); ws.close(); resolve(arrivals); };
    const timer = setTimeout(done, timeoutMs);
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'auth', data: { token } }));
      ws.send(JSON.stringify({ type: 'select_campaign', data: { campaign_id: id } }));
    });
    ws.on('message', (d: Buffer) => {
      const m = JSON.parse(d.toString()) as { type: string; data: { host?: { id: number } } };
      if (m.type === 'error') reject(new Error(JSON.stringify(m.data)));
      if (m.type === 'result' && m.data.host && !arrivals.has(m.data.host.id)) arrivals.set(m.data.host.id, Date.now());
      if (arrivals.size >= expected) done();
    });
    ws.on('error', reject);
  });
}

/** Live query to the built-in All Hosts label, measured the way bench/live-query does (percentiles of online hosts). */
export async function liveQueryAll(url: string, token: string, mysql: Connection, timeoutMs: number): Promise<LiveQueryResult> {
  const [rows] = await mysql.query("SELECT id FROM labels WHERE name = 'All Hosts'");
  const allId = (rows as Array<{ id: number }>)[0]?.id;
  const startedAt = Date.now();
  const r = (await post(url, token, '/api/latest/fleet/queries/run', { query: 'SELECT * FROM osquery_info', selected: { labels: [allId] } })) as
    { campaign: { id: number; Metrics: { OnlineHosts: number; TotalHosts: number } } };
  const online = r.campaign.Metrics.OnlineHosts;
  const arrivals = await watchCampaignAnswers(url, token, r.campaign.id, online, timeoutMs);
  const times = [...arrivals.values()].map((t) => t - startedAt).sort((a, b) => a - b);
  const at = (q: number): number | null => times[Math.max(1, Math.ceil(q * online)) - 1] ?? null;
  return { campaignId: r.campaign.id, targeted: r.campaign.Metrics.TotalHosts, online, answered: arrivals.size, startedAt,
    msToAnswered: { p50: at(0.5), p95: at(0.95), p99: at(0.99), p100: at(1) } };
}

export interface MembershipResult {
  readonly hostsMatched: number;
  /** ms from creation until 50/95/99/100% of `hosts` were members (label) or passing (policy); null if not reached. */
  readonly msToMatched: Record<string, number | null>;
}

/**
 * Creates a label and a global policy that every simulated host satisfies, then polls MySQL until both cover
 * `hosts` hosts or `timeoutMs` passes. Hosts pick them up on their next label/policy refresh.
 */
export async function labelAndPolicy(url: string, token: string, mysql: Connection, hosts: number, timeoutMs: number): Promise<{ label: MembershipResult; policy: MembershipResult }> {
  const t0 = Date.now();
  await post(url, token, '/api/latest/fleet/labels', { name: 'bench: every host', query: 'SELECT 1 FROM osquery_info' });
  await post(url, token, '/api/latest/fleet/global/policies', { name: 'bench: osquery running', query: 'SELECT 1 FROM osquery_info' });
  const marks = { label: new Map<string, number>(), policy: new Map<string, number>() };
  const counts = { label: 0, policy: 0 };
  const sqls = {
    label: "SELECT COUNT(*) AS n FROM label_membership m JOIN labels l ON l.id = m.label_id WHERE l.name = 'bench: every host'",
    policy: "SELECT COUNT(*) AS n FROM policy_membership m JOIN policies p ON p.id = m.policy_id WHERE p.name = 'bench: osquery running' AND m.passes = 1",
  };
  while (Date.now() - t0 < timeoutMs && (counts.label < hosts || counts.policy < hosts)) {
    await new Promise((r) => setTimeout(r, 1000));
    for (const k of ['label', 'policy'] as const) {
      const [rows] = await mysql.query(sqls[k]);
      counts[k] = Number((rows as Array<{ n: number }>)[0]?.n ?? 0);
      for (const [name, q] of [['p50', 0.5], ['p95', 0.95], ['p99', 0.99], ['p100', 1]] as const) {
        if (!marks[k].has(name) && counts[k] >= Math.ceil(q * hosts)) marks[k].set(name, Date.now() - t0);
      }
    }
  }
  const result = (k: 'label' | 'policy'): MembershipResult => ({ hostsMatched: counts[k], msToMatched: Object.fromEntries(['p50', 'p95', 'p99', 'p100'].map((p) => [p, marks[k].get(p) ?? null])) });
  return { label: result('label'), policy: result('policy') };
}
