import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { CliError } from '../cli.error';
import { envValue, homeDir } from './env';

/** One named context of `~/.fleet/config`, with Fleet's key names. */
export interface ContextConfig {
  address?: string;
  email?: string;
  token?: string;
  'tls-skip-verify'?: boolean;
  rootca?: string;
  'url-prefix'?: string;
  'custom-headers'?: Record<string, string>;
}

export interface ConfigFile {
  contexts: Record<string, ContextConfig>;
}

export const CONTEXT_KEYS = ['address', 'email', 'token', 'tls-skip-verify', 'rootca', 'url-prefix', 'custom-headers'] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];

/** `--config` [$CONFIG], default `~/.fleet/config`. */
export function configPath(flag: string | undefined): string {
  return flag ?? envValue('CONFIG') ?? join(homeDir(), '.fleet', 'config');
}

/** `--context` [$CONTEXT], default `default`. */
export function contextName(flag: string | undefined): string {
  return flag ?? envValue('CONTEXT') ?? 'default';
}

/**
 * Reads the YAML config file. A missing file or one without a `contexts` key reads as `{default: {}}`,
 * as Fleet does; a file that is not YAML is an error naming the path.
 */
export function readConfigFile(path: string): ConfigFile {
  if (!existsSync(path)) return { contexts: { default: {} } };
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CliError(`error reading config file ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const contexts = (doc as { contexts?: unknown } | null)?.contexts;
  if (!contexts || typeof contexts !== 'object') return { contexts: { default: {} } };
  return { contexts: contexts as Record<string, ContextConfig> };
}

/** Writes the file with Fleet's modes: directory 0700, file 0600 (it holds tokens). */
export function writeConfigFile(path: string, file: ConfigFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, stringify(file), { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** The named context, or Fleet's `context "x" is not found`. */
export function requireContext(file: ConfigFile, name: string): ContextConfig {
  const ctx = file.contexts[name];
  if (!ctx) throw new CliError(`context "${name}" is not found`);
  return ctx;
}

/** Read-modify-write of one context, creating it when absent. */
export function updateContext(path: string, name: string, change: (ctx: ContextConfig) => void): void {
  const file = readConfigFile(path);
  const ctx = (file.contexts[name] ??= {});
  change(ctx);
  writeConfigFile(path, file);
}
