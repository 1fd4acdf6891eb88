import type { AgentRow, DetailIngestResult } from '../host/host-vitals.types';
import type { PlatformFamily } from '../platform/platform.rule';

/** Names exactly as Fleet sends them after `fleet_detail_query_`; agents and simulators key on these. */
export type DetailQueryName =
  | 'os_version'
  | 'os_version_windows'
  | 'osquery_info'
  | 'system_info'
  | 'uptime'
  | 'osquery_flags'
  | 'network_interface_unix'
  | 'network_interface_windows'
  | 'network_interface_chrome'
  | 'disk_space_unix'
  | 'disk_space_windows'
  | 'users'
  | 'software_linux'
  | 'software_macos'
  | 'software_windows';

/** Feature switches that gate a detail query (`features.enable_software_inventory`, `enable_host_users`). */
export type DetailQueryFeature = 'software_inventory' | 'host_users';

export interface DetailQuery {
  readonly name: DetailQueryName;
  /**
   * Platform families the query is sent to. 'all' also covers hosts whose platform is still unknown, which
   * is how a freshly enrolled host learns its platform.
   */
  readonly platforms: readonly PlatformFamily[] | 'all';
  readonly sql: string;
  /** Discovery SQL; must be unable to fail on any platform, or osquery drops the whole batch. */
  readonly discovery?: string;
  readonly feature?: DetailQueryFeature;
  /**
   * Pure and total: turns the agent's rows into a typed result and never throws on bad agent data.
   * Only call it for a query whose status was 0; failed queries keep the previous values.
   */
  ingest(rows: readonly AgentRow[]): DetailIngestResult;
}
