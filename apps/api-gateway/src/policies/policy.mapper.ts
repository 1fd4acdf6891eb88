import type { PolicyDto } from '@fleet/contracts';
import type { Policy } from '@fleet/domain';
import { rfc3339 } from '../core/time.mapper';

/**
 * Fleet's policy object; counts are computed when read, so `host_count_updated_at` is the read time.
 * `calendar_events_enabled` is always false: the Premium calendar integration is out of scope.
 */
export function toPolicyDto(p: Policy, now: Date): PolicyDto {
  return {
    id: p.id, name: p.name, query: p.query, description: p.description, critical: p.critical, author_id: p.authorId,
    author_name: p.authorName, author_email: p.authorEmail, team_id: p.teamId, resolution: p.resolution, platform: p.platform,
    created_at: rfc3339(p.createdAt), updated_at: rfc3339(p.updatedAt), passing_host_count: p.passing, failing_host_count: p.failing,
    host_count_updated_at: rfc3339(now), calendar_events_enabled: false,
  };
}
