/** Injection token of the process's one FleetConfig object. */
export const FLEET_CONFIG = Symbol('FLEET_CONFIG');
