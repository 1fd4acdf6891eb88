import type { FleetConfig } from '@fleet/config';
import type { LogDestinationConfig } from '@fleet/config';
import { createOutboundDispatcher } from '@fleet/platform';
import { AmqpDestination } from './amqp.destination';
import { FilesystemDestination } from './filesystem.destination';
import type { LogDestination, LogDestinations } from './log-destination';
import { NatsDestination } from './nats.destination';
import { StdoutDestination } from './stdout.destination';
import { WebhookDestination } from './webhook.destination';

function fleetPlugin(config: FleetConfig, kind: 'result' | 'status'): LogDestination | null {
  const plugin = kind === 'result' ? config.osquery.result_log_plugin : config.osquery.status_log_plugin;
  switch (plugin) {
    case 'filesystem':
      return new FilesystemDestination({
        path: kind === 'result' ? config.filesystem.result_log_file : config.filesystem.status_log_file,
        rotate: config.filesystem.enable_log_rotation,
        maxBytes: config.filesystem.max_size * 1024 * 1024,
        maxBackups: config.filesystem.max_backups,
      });
    case 'stdout':
      return new StdoutDestination();
    case 'webhook':
      return new WebhookDestination(kind === 'result' ? config.webhook.result_url : config.webhook.status_url, createOutboundDispatcher(config));
    case 'nats': {
      const n = config.nats;
      return new NatsDestination({
        server: n.server, subjects: { [kind]: kind === 'result' ? n.result_subject : n.status_subject }, jetstream: n.jetstream, timeoutMs: n.timeout,
        credFile: n.cred_file || undefined, nkeyFile: n.nkey_file || undefined, tlsClientCrtFile: n.tls_client_crt_file || undefined,
        tlsClientKeyFile: n.tls_client_key_file || undefined, caCrtFile: n.ca_crt_file || undefined, compression: n.compression || undefined,
      });
    }
    case 'none':
      return null;
  }
}

/** The destinations chosen by `osquery.result_log_plugin` and `osquery.status_log_plugin` (Fleet's meaning: written before the agent is answered). */
export function createLogDestinations(config: FleetConfig): LogDestinations {
  return { result: fleetPlugin(config, 'result'), status: fleetPlugin(config, 'status') };
}

/** One named destination of `log_routing.destinations`, fed from its buffer. */
export function createNamedDestination(d: LogDestinationConfig, config: FleetConfig): LogDestination {
  switch (d.kind) {
    case 'filesystem':
      return new FilesystemDestination({ path: d.filesystem.path, rotate: d.filesystem.enable_log_rotation, maxBytes: d.filesystem.max_size * 1024 * 1024, maxBackups: d.filesystem.max_backups }, d.name);
    case 'stdout':
      return new StdoutDestination(d.name);
    case 'webhook':
      return new WebhookDestination(d.webhook.url, createOutboundDispatcher(config), d.webhook.timeout, d.name);
    case 'nats': {
      const n = d.nats;
      return new NatsDestination({
        server: n.server, subjects: { result: n.result_subject, status: n.status_subject, live_query: n.live_query_subject ?? n.result_subject },
        jetstream: n.jetstream, timeoutMs: n.timeout, credFile: n.cred_file, nkeyFile: n.nkey_file, tlsClientCrtFile: n.tls_client_crt_file,
        tlsClientKeyFile: n.tls_client_key_file, caCrtFile: n.ca_crt_file, compression: n.compression,
      }, d.name);
    }
    case 'amqp': {
      const a = d.amqp;
      return new AmqpDestination({ url: a.url, exchange: a.exchange, exchangeType: a.exchange_type, queue: a.queue, routingKey: a.routing_key, timeoutMs: a.timeout }, d.name);
    }
  }
}
