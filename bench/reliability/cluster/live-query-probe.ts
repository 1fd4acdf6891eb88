import WebSocket from 'ws';

/** One live query to every host as an admin sees it: launched over REST, followed on Fleet's results websocket. */
export interface LiveQueryOutcome {
  readonly campaignId: number;
  /** Online targets when it was launched (the `totals` message): the hosts expected to answer. */
  readonly expected: number | null;
  /** Distinct hosts whose answer reached the websocket client. */
  readonly answered: number;
  /** Whether the final `status` (finished) reached the client before the timeout. */
  readonly completed: boolean;
  /** From launch to the last answer, and to the final status. */
  readonly lastAnswerMs: number | null;
  readonly completedMs: number | null;
}

interface Message {
  readonly type: string;
  readonly data: { readonly host?: { readonly id: number }; readonly online?: number; readonly status?: string; readonly ended?: string };
}

/** Launches `sql` on the All Hosts label and follows its results until the campaign ends or `timeoutMs` passes. */
export async function liveQueryToAll(url: string, token: string, labelId: number, sql: string, timeoutMs: number): Promise<LiveQueryOutcome> {
  const started = Date.now();
  const res = await fetch(`${url}/api/latest/fleet/queries/run`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: sql, selected: { labels: [labelId] } }),
  });
  if (!res.ok) throw new Error(`POST /queries/run answered ${res.status}: ${await res.text()}`);
  const campaignId = Number(((await res.json()) as { campaign: { id: number } }).campaign.id);
  const hosts = new Set<number>();
  let expected: number | null = null;
  let lastAnswerMs: number | null = null;
  let completedMs: number | null = null;
  await new Promise<void>((resolve) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/latest/fleet/results/websocket`);
    const done = (): void => {
      clearTimeout(timer);
      ws.close();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'auth', data: { token } }));
      ws.send(JSON.stringify({ type: 'select_campaign', data: { campaign_id: campaignId } }));
    });
    ws.on('message', (raw: Buffer) => {
      const m = JSON.parse(raw.toString()) as Message;
      if (m.type === 'totals' && typeof m.data.online === 'number') expected = m.data.online;
      if (m.type === 'result' && m.data.host) {
        hosts.add(m.data.host.id);
        lastAnswerMs = Date.now() - started;
      }
      if (m.type === 'status' && m.data.status === 'finished') {
        completedMs = Date.now() - started;
        done();
      }
    });
    ws.on('close', done);
    ws.on('error', done);
  });
  return { campaignId, expected, answered: hosts.size, completed: completedMs !== null, lastAnswerMs, completedMs };
}
