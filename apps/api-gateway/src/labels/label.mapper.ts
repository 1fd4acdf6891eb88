import type { LabelDto } from '@fleet/contracts';
import type { Label } from '@fleet/domain';
import { rfc3339 } from '../core/time.mapper';

const labelType = (l: Label) => (l.builtin ? 'builtin' as const : 'regular' as const);

/** Fleet's label object; `count` and `host_count` are the same membership count, as in Fleet. */
export function toLabelDto(l: Label): LabelDto {
  return {
    created_at: rfc3339(l.createdAt), updated_at: rfc3339(l.updatedAt), id: l.id, name: l.name, description: l.description, query: l.query,
    platform: l.platform, label_type: labelType(l), label_membership_type: l.manual ? 'manual' : 'dynamic',
    display_text: l.name, count: l.hostCount, host_count: l.hostCount, host_ids: null,
  };
}

/** One entry of `/labels/summary`. */
export function toLabelSummaryDto(l: Label) {
  return { id: l.id, name: l.name, description: l.description, label_type: labelType(l) };
}
