import { liveQueryRoutes } from '@fleet/contracts';
import { urlOf } from '../../../api/http-client';
import { session } from '../../../api/session';

export interface Totals { count: number; online: number; offline: number; missing_in_action: number }
export interface CampaignStatus { expected_results: number; actual_results: number; status: string; ended?: string }
export interface ResultMessage { host: { id: number; hostname: string; display_name: string }; rows: Array<Record<string, string>>; error: string | null }

export interface CampaignListener {
  totals(t: Totals): void;
  status(s: CampaignStatus): void;
  result(r: ResultMessage): void;
  /** The stream failed for good (the campaign is gone, or the server refused); the text is the reason. */
  error(message: string): void;
  /** The stream ended after the final status. */
  ended(): void;
}

const RETRIES = 5;

/** One `id:`/`event:`/`data:` block of a text/event-stream. */
function parseBlock(block: string): { id?: string; data?: string } {
  const out: { id?: string; data?: string } = {};
  for (const line of block.split('\n')) {
    if (line.startsWith('id:')) out.id = line.slice(3).trim();
    else if (line.startsWith('data:')) out.data = (out.data === undefined ? '' : `${out.data}\n`) + line.slice(5).trimStart();
  }
  return out;
}

/**
 * Follows a campaign over `GET /results/:id/events` (server-sent events read with fetch, since EventSource
 * cannot send the session's bearer token). From the start of the stream, so a reloaded page rebuilds every
 * row; after a dropped connection it reconnects with `Last-Event-ID` and resumes right after the last message
 * it got (up to 5 tries in a row). Returns a function that stops following.
 */
export function followCampaign(campaignId: number, on: CampaignListener): () => void {
  const aborter = new AbortController();
  let lastId = '0-0';
  let done = false;
  let finished = false;

  const dispatch = (text: string) => {
    const msg = JSON.parse(text) as { type: string; data: unknown };
    if (msg.type === 'totals') on.totals(msg.data as Totals);
    else if (msg.type === 'status') {
      const status = msg.data as CampaignStatus;
      if (status.status === 'finished' || status.ended !== undefined) finished = true;
      on.status(status);
    }
    else if (msg.type === 'result') on.result(msg.data as ResultMessage);
    else if (msg.type === 'error') { done = true; on.error(String(msg.data)); }
  };

  const readOnce = async (): Promise<void> => {
    const token = session.token();
    const res = await fetch(urlOf(liveQueryRoutes.events, { params: { id: campaignId }, query: {} }), {
      signal: aborter.signal, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'last-event-id': lastId, accept: 'text/event-stream' },
    });
    if (!res.ok || !res.body) {
      done = true;
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      on.error(body.message ?? `the results stream answered HTTP ${res.status}`);
      return;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done: eof } = await reader.read();
      if (eof) break;
      buffer += value.replace(/\r\n/g, '\n');
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const { id, data } = parseBlock(buffer.slice(0, cut));
        buffer = buffer.slice(cut + 2);
        if (id) lastId = id;
        if (data !== undefined) dispatch(data);
      }
    }
  };

  void (async () => {
    let failures = 0;
    while (!done && !aborter.signal.aborted) {
      try {
        await readOnce();
        if (done) return;
        // The stream ends after the final status; an end before it is a dropped connection.
        if (finished) { done = true; on.ended(); return; }
        throw new Error('dropped');
      } catch {
        if (aborter.signal.aborted) return;
        if (++failures > RETRIES) { on.error('the results connection failed'); return; }
        await new Promise((r) => setTimeout(r, 500 * failures));
      }
    }
  })();
  return () => aborter.abort();
}
