import type { FleetConfig } from '@fleet/config';
import { MAX_CARVE_BLOCK_SIZE } from '@fleet/domain';
import type { BodyLimitRule } from '@fleet/platform';

/**
 * A carve block's body: its data base64-encoded (4 bytes per 3) and the JSON around it. A block may be as large as
 * Fleet's limit for `block_size` (256 MiB); the carve rules refuse data beyond the size its carve announced.
 */
export const CARVE_BLOCK_BODY_LIMIT = Math.ceil(MAX_CARVE_BLOCK_SIZE / 3) * 4 + 64 * 1024;

/** osquery's batches are larger than admin requests: their routes get the osquery.* limits (after decompression). */
export function ingestBodyLimits(config: FleetConfig): BodyLimitRule[] {
  return [
    { pathSuffix: '/osquery/log', bytes: config.osquery.max_log_write_body_size },
    { pathSuffix: '/osquery/distributed/write', bytes: config.osquery.max_distributed_write_body_size },
    { pathSuffix: '/osquery/carve/block', bytes: CARVE_BLOCK_BODY_LIMIT },
  ];
}
