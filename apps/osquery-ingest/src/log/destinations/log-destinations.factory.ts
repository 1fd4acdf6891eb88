import type { FleetConfig } from '@fleet/config';
import { createOutboundDispatcher } from '@fleet/platform';
import { FilesystemDestination } from './filesystem.destination';
import type { LogDestination, LogDestinations } from './log-destination';
import { StdoutDestination } from './stdout.destination';
import { WebhookDestination } from './webhook.destination';

function destination(config: FleetConfig, kind: 'result' | 'status'): LogDestination {
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
  }
}

/** The destinations chosen by `osquery.result_log_plugin` and `osquery.status_log_plugin`. */
export function createLogDestinations(config: FleetConfig): LogDestinations {
  return { result: destination(config, 'result'), status: destination(config, 'status') };
}
