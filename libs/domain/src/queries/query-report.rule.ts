import type { QueryFields } from './saved-query.types';

/**
 * Whether changing a saved query through the REST API makes its stored report stale (Fleet's rule): the SQL
 * changed, `discard_data` turned on, or logging left `snapshot` (only snapshot results are kept as a report).
 */
export function reportInvalidatedBy(before: QueryFields, patch: Partial<QueryFields>): boolean {
  return (patch.query !== undefined && patch.query !== before.query)
    || (patch.discardData === true && !before.discardData)
    || (patch.logging !== undefined && before.logging === 'snapshot' && patch.logging !== 'snapshot');
}
