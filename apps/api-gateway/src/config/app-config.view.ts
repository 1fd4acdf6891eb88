import type { FleetConfig } from '@fleet/config';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
export const MASK = '********';

/** Fleet's agent options of a new installation; a new team starts with a copy of the global ones. */
export const DEFAULT_AGENT_OPTIONS: Json = {
  config: {
    options: { pack_delimiter: '/', logger_tls_period: 10, distributed_plugin: 'tls', disable_distributed: false, logger_tls_endpoint: '/api/osquery/log',
      distributed_interval: 10, distributed_tls_max_attempts: 3 },
    decorators: { load: ['SELECT uuid AS host_uuid FROM system_info;', 'SELECT hostname AS hostname FROM system_info;'] },
  },
  overrides: {},
  command_line_flags: {},
};

/** The global agent options as hosts get them: the stored ones, else Fleet's defaults. */
export function globalAgentOptions(stored: Json): Json {
  const v = stored['agent_options'];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : DEFAULT_AGENT_OPTIONS;
}

/** Keys only global admins receive (fleet-admin-api.md §2 note 3). */
export const ADMIN_ONLY_KEYS = ['agent_options', 'smtp_settings', 'sso_settings'] as const;

/**
 * The GET /config document: stored settings over Fleet's defaults, plus read-only server facts. Stored
 * passwords are always masked; admin-only sections are dropped for everyone else.
 */
export function appConfigView(stored: Json, server: FleetConfig, includeSecrets: boolean): Json {
  const features = obj(stored['features']);
  const smtp = obj(stored['smtp_settings']);
  const doc: Json = {
    ...stored,
    org_info: { org_name: '', org_logo_url: '', org_logo_url_light_background: '', contact_url: 'https://fleetdm.com/company/contact', ...obj(stored['org_info']) },
    server_settings: { server_url: '', enable_analytics: false, live_query_disabled: false, query_reports_disabled: false, scripts_disabled: false,
      ai_features_disabled: false, deferred_save_host: false, query_report_cap: 1000, ...obj(stored['server_settings']) },
    features: { enable_host_users: true, enable_software_inventory: true, additional_queries: null, ...features },
    host_expiry_settings: { host_expiry_enabled: false, host_expiry_window: 0, ...obj(stored['host_expiry_settings']) },
    activity_expiry_settings: { activity_expiry_enabled: false, activity_expiry_window: 0, ...obj(stored['activity_expiry_settings']) },
    webhook_settings: { host_status_webhook: { enable_host_status_webhook: false, destination_url: '', host_percentage: 0, days_count: 0 },
      failing_policies_webhook: { enable_failing_policies_webhook: false, destination_url: '', policy_ids: null, host_batch_size: 0 },
      vulnerabilities_webhook: { enable_vulnerabilities_webhook: false, destination_url: '', host_batch_size: 0 },
      activities_webhook: { enable_activities_webhook: false, destination_url: '' },
      interval: '24h0m0s', ...obj(stored['webhook_settings']) },
    integrations: { jira: [], zendesk: [], google_calendar: [], ndes_scep_proxy: null, ...obj(stored['integrations']) },
    fleet_desktop: { transparency_url: '', ...obj(stored['fleet_desktop']) },
    agent_options: stored['agent_options'] ?? DEFAULT_AGENT_OPTIONS,
    smtp_settings: { enable_smtp: false, configured: false, sender_address: '', server: '', port: 587, authentication_type: 'authtype_username_password',
      user_name: '', enable_ssl_tls: true, authentication_method: 'authmethod_plain', domain: '', verify_ssl_certs: true, enable_start_tls: true,
      ...smtp, password: smtp['password'] ? MASK : '' },
    sso_settings: { enable_sso: false, idp_name: '', idp_image_url: '', entity_id: '', issuer_uri: '', metadata: '', metadata_url: '',
      enable_sso_idp_login: false, enable_jit_provisioning: false, ...obj(stored['sso_settings']) },
    license: { tier: 'free', expiration: '0001-01-01T00:00:00Z' },
    logging: { debug: server.logging.debug, json: server.logging.json,
      result: { plugin: server.osquery.result_log_plugin, config: null }, status: { plugin: server.osquery.status_log_plugin, config: null } },
    update_interval: { osquery_detail: server.osquery.detail_update_interval * 1e6, osquery_policy: server.osquery.policy_update_interval * 1e6 },
    vulnerability_settings: { databases_path: server.vulnerabilities.databases_path },
    vulnerabilities: {
      databases_path: server.vulnerabilities.databases_path, periodicity: server.vulnerabilities.periodicity * 1e6,
      cpe_database_url: server.vulnerabilities.cpe_database_url, cve_feed_prefix_url: server.vulnerabilities.cve_feed_prefix_url,
      disable_schedule: server.vulnerabilities.disable_schedule, disable_data_sync: server.vulnerabilities.disable_data_sync,
      recent_vulnerability_max_age: server.vulnerabilities.recent_vulnerability_max_age * 1e6,
    },
  };
  if (!includeSecrets) for (const k of ADMIN_ONLY_KEYS) delete doc[k];
  return doc;
}

/** PATCH semantics: nested objects merge key by key; agent_options and arrays are replaced whole. */
export function mergeConfig(stored: Json, patch: Json): Json {
  const out: Json = { ...stored };
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'license' || k === 'logging' || k === 'update_interval' || k === 'vulnerability_settings' || k === 'vulnerabilities') continue;
    if (k === 'agent_options' || Array.isArray(v) || !v || typeof v !== 'object') out[k] = v;
    else {
      const merged: Json = { ...obj(stored[k]), ...(v as Json) };
      if (k === 'smtp_settings' && merged['password'] === MASK) merged['password'] = obj(stored[k])['password'];
      out[k] = merged;
    }
  }
  return out;
}
