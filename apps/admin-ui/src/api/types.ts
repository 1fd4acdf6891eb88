/** The parts of Fleet's API answers the UI shows (fleet-admin-api.md §1). */
export interface Host {
  id: number;
  hostname: string;
  display_name: string;
  uuid: string;
  platform: string;
  os_version: string;
  osquery_version: string;
  status: 'online' | 'offline' | 'new' | 'missing';
  seen_time: string;
  team_name: string | null;
  primary_ip: string;
  hardware_serial: string;
  hardware_model: string;
  cpu_brand: string;
  memory: number;
  uptime: number;
}

export interface HostDetail extends Host {
  labels: Array<{ id: number; name: string }>;
  policies: Array<{ id: number; name: string; response: string }>;
  software: Array<{ id: number; name: string; version: string; source: string }>;
}

export interface HostSummary {
  totals_hosts_count: number;
  online_count: number;
  offline_count: number;
  mia_count: number;
  new_count: number;
}

export interface Label { id: number; name: string; host_count?: number; label_type: string }
export interface SavedQuery {
  id: number; name: string; description: string; query: string; interval: number; platform: string;
  logging: string; observer_can_run: boolean; min_osquery_version: string;
}
export interface Policy { id: number; name: string; query: string; passing_host_count: number; failing_host_count: number; critical: boolean }
export interface Activity { id: number; created_at: string; actor_full_name: string | null; type: string; details: Record<string, unknown> }
