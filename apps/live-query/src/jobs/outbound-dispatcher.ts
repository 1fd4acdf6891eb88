import type { Provider } from '@nestjs/common';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { createOutboundDispatcher } from '@fleet/platform';

/** The undici dispatcher for outbound HTTP (webhooks), honouring HTTP_PROXY, HTTPS_PROXY and NO_PROXY. */
export const OUTBOUND_DISPATCHER = Symbol('OUTBOUND_DISPATCHER');

export const outboundDispatcherProvider: Provider = {
  provide: OUTBOUND_DISPATCHER,
  useFactory: (c: FleetConfig) => createOutboundDispatcher(c),
  inject: [FLEET_CONFIG],
};
