import type { Command } from 'commander';
import { optionEntries } from './config.loader';

/**
 * Adds every option as a flag (`--mysql_address <value>`, `--logging_json [bool]`) to a command, so each
 * subcommand accepts all configuration flags as Fleet's do. Booleans take `--x`, `--x=true` or `--x=false`.
 */
export function addConfigFlags(command: Command): Command {
  command.option('-c, --config <path>', 'YAML configuration file');
  for (const entry of optionEntries()) {
    const help = `${entry.option.help} (env ${entry.envVar})`;
    if (entry.option.kind === 'bool') command.option(`--${entry.flag} [bool]`, help);
    else command.option(`--${entry.flag} <value>`, help);
  }
  return command;
}

/** Picks the configuration flags out of commander's parsed options. */
export function configFlagValues(opts: Record<string, unknown>): Record<string, string | boolean | undefined> {
  const out: Record<string, string | boolean | undefined> = {};
  for (const entry of optionEntries()) {
    const v = opts[entry.flag];
    if (typeof v === 'string' || typeof v === 'boolean') out[entry.flag] = v;
  }
  return out;
}
