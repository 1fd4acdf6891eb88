import type { FleetConfig } from '@fleet/config';
import type { BodyLimitRule } from '@fleet/platform';

/** osquery's batches are larger than admin requests: their routes get the osquery.* limits (after decompression). */
export function ingestBodyLimits(config: FleetConfig): BodyLimitRule[] {
  return [
    { pathSuffix: '/osquery/log', bytes: config.osquery.max_log_write_body_size },
    { pathSuffix: '/osquery/distributed/write', bytes: config.osquery.max_distributed_write_body_size },
  ];
}
