export { CONFIG_SCHEMA, ENV_ONLY } from './config.schema';
export { ConfigError, loadConfig, optionEntries, processEnv } from './config.loader';
export type { ConfigSources, FleetConfig, FleetOptions, OptionEntry } from './config.loader';
export { dumpConfig, redactedOptions, REDACTED } from './config.dump';
export { addConfigFlags, configFlagValues } from './config.flags';
export { parseBytes, parseDuration } from './option.types';
export { FLEET_CONFIG } from './config.token';
export { buildInfo } from './build-info';
export type { BuildInfo } from './build-info';
