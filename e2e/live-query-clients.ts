import WebSocket from 'ws';

export interface ClientMessage {
  readonly type: string;
  readonly data: unknown;
  /** Stream id (SSE only). */
  readonly id?: string;
  /** When it arrived (ms since epoch). */
  readonly at: number;
}

/** Collects a campaign's messages over Fleet's websocket until `done` holds or the socket closes. */
export function collectWebSocket(baseUrl: string, token: string, campaignId: number, done: (msgs: ClientMessage[]) => boolean, timeoutMs: number): Promise<ClientMessage[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/latest/fleet/results/websocket`);
    const msgs: ClientMessage[] = [];
    const finish = (): void => { clearTimeout(timer); ws.close(); resolve(msgs); };
    const timer = setTimeout(finish, timeoutMs);
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'auth', data: { token } }));
      ws.send(JSON.stringify({ type: 'select_campaign', data: { campaign_id: campaignId } }));
    });
    ws.on('message', (d: Buffer) => {
      const m = JSON.parse(d.toString()) as { type: string; data: unknown };
      msgs.push({ ...m, at: Date.now() });
      if (done(msgs)) finish();
    });
    ws.on('close', () => { clearTimeout(timer); resolve(msgs); });
    ws.on('error', reject);
  });
}

/** Reads the SSE endpoint until the server ends the response (after the final status) or the timeout. */
export async function collectSse(baseUrl: string, token: string, campaignId: number, timeoutMs: number, lastEventId?: string): Promise<ClientMessage[]> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const res = await fetch(`${baseUrl}/api/latest/fleet/results/${campaignId}/events`, { headers, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok || !res.body) throw new Error(`SSE answered ${res.status}`);
  const msgs: ClientMessage[] = [];
  let buf = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    buf += decoder.decode(chunk as Uint8Array, { stream: true });
    let cut: number;
    while ((cut = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      const id = /^id: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (data) msgs.push({ ...(JSON.parse(data) as { type: string; data: unknown }), id, at: Date.now() });
    }
  }
  return msgs;
}

export const resultHostIds = (msgs: readonly ClientMessage[]): number[] =>
  msgs.filter((m) => m.type === 'result').map((m) => (m.data as { host: { id: number } }).host.id);
