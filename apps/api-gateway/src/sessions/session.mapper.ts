import type { SessionDto } from '@fleet/contracts';
import type { Session } from '@fleet/domain';
import { rfc3339 } from '../core/time.mapper';

export const toSessionDto = (s: Session): SessionDto => ({ session_id: s.id, user_id: s.userId, created_at: rfc3339(s.createdAt) });
