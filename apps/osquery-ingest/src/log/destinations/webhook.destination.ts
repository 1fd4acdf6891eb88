import type { Dispatcher } from 'undici';
import type { LogRecord } from '@fleet/contracts';
import { postJson } from '@fleet/platform';
import type { LogDestination } from './log-destination';

/**
 * Each batch is one HTTP POST of a JSON array of the records, through the outbound dispatcher (which
 * honours HTTP_PROXY, HTTPS_PROXY and NO_PROXY). Only a 2xx answer counts as stored.
 */
export class WebhookDestination implements LogDestination {
  constructor(private readonly url: string, private readonly dispatcher: Dispatcher, private readonly timeoutMs = 10_000, readonly name = 'webhook') {}

  async write(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    await postJson(this.dispatcher, this.url, `[${records.map((r) => r.line).join(',')}]`, this.timeoutMs);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
