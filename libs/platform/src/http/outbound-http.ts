import { Agent, EnvHttpProxyAgent, request } from 'undici';
import type { Dispatcher } from 'undici';
import type { FleetConfig } from '@fleet/config';

/**
 * The dispatcher for outbound HTTP (webhooks, feeds). It honours HTTP_PROXY, HTTPS_PROXY and NO_PROXY,
 * which reach it through the configuration object rather than being read here. Without a proxy it is a plain
 * Agent: undici's EnvHttpProxyAgent prints an "experimental" warning when it is made, which every start of
 * the server showed although no proxy was in use.
 */
export function createOutboundDispatcher(config: Pick<FleetConfig, 'env'>): Dispatcher {
  const { httpProxy, httpsProxy, noProxy } = config.env;
  if (!httpProxy && !httpsProxy) return new Agent();
  return new EnvHttpProxyAgent({
    httpProxy: httpProxy || undefined,
    httpsProxy: httpsProxy || httpProxy || undefined,
    noProxy: noProxy || '',
  });
}

/**
 * POSTs a JSON body through the outbound dispatcher; anything but a 2xx answer (or no answer within
 * `timeoutMs`) is an error naming the status, so a caller can keep the data and try again.
 */
export async function postJson(dispatcher: Dispatcher, url: string, json: string, timeoutMs: number): Promise<void> {
  const res = await request(url, {
    method: 'POST', dispatcher, headers: { 'content-type': 'application/json' }, body: json, headersTimeout: timeoutMs, bodyTimeout: timeoutMs,
  });
  await res.body.dump();
  if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`${new URL(url).host} answered HTTP ${res.statusCode}`);
}
