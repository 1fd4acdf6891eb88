/** Injection tokens of the process-wide resources that CoreModule provides. */
export const REDIS = Symbol('REDIS');
export const LOGGER = Symbol('LOGGER');
export const ROLES = Symbol('ROLES');
/** The one source of time of the process (`Clock` from @fleet/domain); tests give a `FixedClock`. */
export const CLOCK = Symbol('CLOCK');

export type Role = 'ingest' | 'api' | 'live-query';
export const ALL_ROLES: readonly Role[] = ['ingest', 'api', 'live-query'];
