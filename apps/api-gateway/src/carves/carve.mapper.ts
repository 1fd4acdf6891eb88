import type { CarveDto } from '@fleet/contracts';
import type { Carve } from '@fleet/domain';
import { rfc3339 } from '../core/time.mapper';

/** Fleet's carve object; `error` only when there is one, as Fleet omits it. */
export function toCarveDto(c: Carve): CarveDto {
  return {
    id: c.id, created_at: rfc3339(c.createdAt), host_id: c.hostId, name: c.name, block_count: c.blockCount, block_size: c.blockSize,
    carve_size: c.carveSize, carve_id: c.carveId, request_id: c.requestId, session_id: c.sessionId, expired: c.expired, max_block: c.maxBlock,
    ...(c.error !== null ? { error: c.error } : {}),
  };
}
