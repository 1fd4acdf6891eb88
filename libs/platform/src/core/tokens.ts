/** Injection tokens of the process-wide resources that CoreModule provides. */
export const REDIS = Symbol('REDIS');
export const LOGGER = Symbol('LOGGER');
export const ROLES = Symbol('ROLES');

export type Role = 'ingest' | 'api' | 'live-query';
export const ALL_ROLES: readonly Role[] = ['ingest', 'api', 'live-query'];
