import type { LabelDto } from '@fleet/contracts';
import type { LabelRecord } from '@fleet/persistence';
import { rfc3339 } from '../core/time.mapper';

/** Fleet's label object; `count` and `host_count` are the same membership count, as in Fleet. */
export function toLabelDto(l: LabelRecord): LabelDto {
  return {
    created_at: rfc3339(l.createdAt), updated_at: rfc3339(l.updatedAt), id: l.id, name: l.name, description: l.description, query: l.query,
    platform: l.platform, label_type: l.builtin ? 'builtin' : 'regular', label_membership_type: l.manual ? 'manual' : 'dynamic',
    display_text: l.name, count: l.hostCount, host_count: l.hostCount, host_ids: null,
  };
}
