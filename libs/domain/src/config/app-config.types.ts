/**
 * The organisation's settings document (Fleet's app config: org_info, server_settings, webhook_settings,
 * host_expiry_settings, ...), kept as the admin saved it; readers pick and validate the sections they use.
 */
export type AppConfigDocument = Record<string, unknown>;
