import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { activitiesApi } from '../api/activities.api';

/** What the activity page narrows the log to; '' = no filter. Days are the user's local calendar days. */
export interface ActivityFilters {
  readonly type: string;
  /** The actor's name or email (Fleet's `query`). */
  readonly actor: string;
  /** YYYY-MM-DD, both inclusive. */
  readonly from: string;
  readonly to: string;
}

/** The start or the last millisecond of a local day, as the RFC 3339 time the API takes. */
const dayBound = (day: string, end: boolean): string | undefined => {
  const t = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return day && !Number.isNaN(t.getTime()) ? t.toISOString() : undefined;
};

/** One page of the audit log, newest first, filtered by type, actor and days on the server. */
export function useActivities(page: number, perPage: number, filters?: ActivityFilters) {
  const from = filters ? dayBound(filters.from, false) : undefined;
  const to = filters ? dayBound(filters.to, true) : undefined;
  const query = {
    page: String(page), per_page: String(perPage), order_key: 'id', order_direction: 'desc',
    ...(filters?.type ? { activity_type: filters.type } : {}), ...(filters?.actor ? { query: filters.actor } : {}),
    ...(from ? { start_created_at: from } : {}), ...(to ? { end_created_at: to } : {}),
  };
  return useQuery({ queryKey: queryKeys.activities.list(query), queryFn: ({ signal }) => activitiesApi.list(query, signal), placeholderData: keepPreviousData });
}
