import { request } from 'node:http';

/** One Server-Sent Event as the wire carried it. */
export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

export interface SseConnection {
  /** nginx's `X-Upstream`: every replica address it tried for this request, comma-separated, last one answered. */
  readonly upstream: string;
  readonly events: SseEvent[];
  /** 'ended' when the server finished the response cleanly, 'cut' when the connection broke mid-response. */
  readonly closed: Promise<'ended' | 'cut'>;
  close(): void;
}

/** Parses one SSE block (the text between blank lines) per the HTML spec's field rules; comments are dropped. */
export function parseSseBlock(block: string): SseEvent | undefined {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? { id, event, data: data.join('\n') } : undefined;
}

/**
 * A deliberately plain SSE reader (one node:http request, no EventSource auto-reconnect) so the test decides
 * when and how to reconnect. `onEvent` runs synchronously for each complete event, in wire order, and gets the
 * replica address because events can arrive before the caller's `await` resumes. An event
 * cut in half by a dying server is never delivered, just as a browser would drop it.
 */
export function openSse(url: string, headers: Record<string, string>, onEvent: (e: SseEvent, upstream: string) => void = () => undefined): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`SSE ${url} answered ${res.statusCode ?? 0}`));
        return;
      }
      const upstream = String(res.headers['x-upstream'] ?? '');
      const events: SseEvent[] = [];
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const e = parseSseBlock(buf.slice(0, cut));
          buf = buf.slice(cut + 2);
          if (e) {
            events.push(e);
            onEvent(e, upstream);
          }
        }
      });
      // `complete` is set only when the terminating chunk arrived: a clean end, not a dropped connection.
      const closed = new Promise<'ended' | 'cut'>((r) => res.on('close', () => r(res.complete ? 'ended' : 'cut')));
      res.on('error', () => undefined);
      resolve({ upstream, events, closed, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}
