import { id, int, oneOf, text } from '../../../shared/hooks/use-url-state';
import type { UrlState } from '../../../shared/hooks/use-url-state';
import type { HostCountParams, HostListParams } from '../api/hosts.api';

/** The host list's view, as it is kept in the URL (`/hosts/manage?status=online&team_id=3&order_key=seen_time…`). */
export const HOSTS_URL_STATE = {
  page: int(0),
  per_page: int(50, [25, 50, 100]),
  order_key: text('display_name'),
  order_direction: oneOf(['asc', 'desc'], 'asc'),
  query: text(),
  status: oneOf(['', 'online', 'offline', 'new', 'missing'], ''),
  team_id: id(),
  label_id: id(),
  policy_id: id(),
  policy_response: oneOf(['', 'passing', 'failing'], ''),
  software_id: id(),
  platform: text(),
  os_name: text(),
  os_version: text(),
  low_disk_space: id(),
};
export type HostsView = UrlState<typeof HOSTS_URL_STATE>;

/** The filters of a view as the API's query parameters (empty ones left out by the client). */
export function filtersOf(v: HostsView): HostCountParams {
  return {
    query: v.query.trim(), status: v.status, team_id: v.team_id, label_id: v.label_id, software_id: v.software_id, platform: v.platform,
    low_disk_space: v.low_disk_space,
    ...(v.policy_id ? { policy_id: v.policy_id, policy_response: v.policy_response || undefined } : {}),
    ...(v.os_name && v.os_version ? { os_name: v.os_name, os_version: v.os_version } : {}),
  };
}

/** The list request of a view: its filters, its page and its order. */
export function listParamsOf(v: HostsView): HostListParams {
  return { ...filtersOf(v), page: String(v.page), per_page: String(v.per_page), order_key: v.order_key, order_direction: v.order_direction };
}

/** Whether any filter (not paging or order) is set. */
export function isFiltered(v: HostsView): boolean {
  return Object.values(filtersOf(v)).some((x) => x !== undefined && x !== '');
}

/** A patch that clears every filter. */
export const NO_FILTERS: Partial<HostsView> = {
  query: '', status: '', team_id: '', label_id: '', policy_id: '', policy_response: '', software_id: '', platform: '', os_name: '', os_version: '', low_disk_space: '', page: 0,
};
