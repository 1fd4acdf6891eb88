import { stringify } from 'yaml';
import type { FleetConfig } from './config.loader';
import { optionEntries } from './config.loader';

export const REDACTED = '********';

/** The effective options as a nested object, with every secret that is set replaced by REDACTED. */
export function redactedOptions(config: FleetConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of optionEntries()) {
    let value: unknown = config;
    for (const p of entry.path) value = (value as Record<string, unknown>)[p];
    if (entry.option.secret && value) value = REDACTED;
    if (entry.option.kind === 'structured') value = entry.option.redact(value);
    let cur = out;
    for (const p of entry.path.slice(0, -1)) cur = (cur[p] ??= {}) as Record<string, unknown>;
    cur[entry.path[entry.path.length - 1]] = value;
  }
  return out;
}

/** `fleet config_dump`: YAML of the effective configuration, secrets redacted. */
export function dumpConfig(config: FleetConfig): string {
  return stringify(redactedOptions(config));
}
