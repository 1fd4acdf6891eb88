import type { Dispatcher } from 'undici';
import { postJson } from '@fleet/platform';
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
    await postJson(this.dispatcher, this.url, `[${lines.join(',')}]`, TIMEOUT_MS);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
