import { EnvHttpProxyAgent } from 'undici';
import type { Dispatcher } from 'undici';
import type { FleetConfig } from '@fleet/config';

/**
 * The dispatcher for outbound HTTP (webhooks, feeds). It honours HTTP_PROXY, HTTPS_PROXY and NO_PROXY,
 * which reach it through the configuration object rather than being read here.
 */
export function createOutboundDispatcher(config: Pick<FleetConfig, 'env'>): Dispatcher {
  const { httpProxy, httpsProxy, noProxy } = config.env;
  return new EnvHttpProxyAgent({
    httpProxy: httpProxy || undefined,
    httpsProxy: httpsProxy || httpProxy || undefined,
    noProxy: noProxy || '',
  });
}
