import { request } from 'undici';
import type { Dispatcher } from 'undici';
import type { LogDestination } from './log-destination';

const TIMEOUT_MS = 10_000;

/**
 * Each batch is one HTTP POST of a JSON array of the records, through the outbound dispatcher (which
 * honours HTTP_PROXY, HTTPS_PROXY and NO_PROXY). Only a 2xx answer counts as stored.
 */
export class WebhookDestination implements LogDestination {
  readonly name = 'webhook';

  constructor(private readonly url: string, private readonly dispatcher: Dispatcher) {}

  async write(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    const res = await request(this.url, {
      method: 'POST',
      dispatcher: this.dispatcher,
      headers: { 'content-type': 'application/json' },
      body: `[${lines.join(',')}]`,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    await res.body.dump();
    if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`webhook answered HTTP ${res.statusCode}`);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
