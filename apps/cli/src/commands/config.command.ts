import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../cli.error';
import { CONTEXT_KEYS, readConfigFile, requireContext, writeConfigFile } from '../config/cli-config.store';
import type { ContextConfig, ContextKey } from '../config/cli-config.store';
import { envFlag, envValue } from '../config/env';
import { globalOptions } from '../config/cli-session';

interface SetFlags {
  address?: string; email?: string; token?: string; tlsSkipVerify?: boolean; rootca?: string; urlPrefix?: string; customHeader?: string[];
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** `fleetctl config set|get`: the contexts of ~/.fleet/config with Fleet's key names and messages. */
export function registerConfigCommand(program: Command): void {
  const config = program.command('config').description('Modify Fleet server connection settings');

  config
    .command('set')
    .description('Set config options')
    .option('--address <address>', 'Address of the Fleet server [$ADDRESS]')
    .option('--email <email>', 'Email to use when connecting to the Fleet server [$EMAIL]')
    .option('--token <token>', 'Fleet API token [$TOKEN]')
    .option('--tls-skip-verify', 'Skip verification of the Fleet server TLS certificate [$INSECURE]')
    .option('--rootca <path>', 'Specify RootCA chain used to communicate with fleet [$ROOTCA]')
    .option('--url-prefix <prefix>', 'Specify URL Prefix to use with Fleet server [$URL_PREFIX]')
    .option('--custom-header <Name:Value>', 'Custom header to send with every request (repeatable) [$CUSTOM_HEADER]', collect)
    .action((flags: SetFlags, cmd: Command) => {
      const g = globalOptions(cmd);
      const values: Partial<ContextConfig> = {};
      const str = (flag: string | undefined, env: string): string | undefined => flag ?? envValue(env);
      if (str(flags.address, 'ADDRESS') !== undefined) values.address = str(flags.address, 'ADDRESS');
      if (str(flags.email, 'EMAIL') !== undefined) values.email = str(flags.email, 'EMAIL');
      if (str(flags.token, 'TOKEN') !== undefined) values.token = str(flags.token, 'TOKEN');
      if (flags.tlsSkipVerify !== undefined || envFlag('INSECURE') !== undefined) values['tls-skip-verify'] = flags.tlsSkipVerify ?? envFlag('INSECURE');
      // Stored absolute: a path as typed would only work from the directory it was typed in.
      const rootca = str(flags.rootca, 'ROOTCA');
      if (rootca !== undefined) values.rootca = resolve(rootca);
      if (str(flags.urlPrefix, 'URL_PREFIX') !== undefined) values['url-prefix'] = str(flags.urlPrefix, 'URL_PREFIX');
      const headers = flags.customHeader ?? (envValue('CUSTOM_HEADER') ? [envValue('CUSTOM_HEADER') as string] : undefined);
      if (headers) values['custom-headers'] = parseHeaders(headers);
      if (Object.keys(values).length === 0) {
        cmd.help({ error: true });
      }
      const file = readConfigFile(g.configPath);
      if (!file.contexts[g.context]) {
        process.stdout.write(`[+] Context "${g.context}" not found, creating it with default values\n`);
        file.contexts[g.context] = {};
      }
      const ctx = file.contexts[g.context];
      Object.assign(ctx, values);
      writeConfigFile(g.configPath, file);
      for (const [key, value] of Object.entries(values)) {
        const shown = key === 'token' ? '<redacted>' : key === 'custom-headers' ? Object.keys(value as object).join(', ') : JSON.stringify(value).replace(/^"|"$/g, '');
        process.stdout.write(`[+] Set the ${key} config key to "${shown}" in the "${g.context}" context\n`);
      }
    });

  config
    .command('get')
    .description('Get a config option')
    .argument('<key>', `one of ${CONTEXT_KEYS.join(', ')}`)
    .action((key: string, _flags: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      if (!(CONTEXT_KEYS as readonly string[]).includes(key)) throw new CliError(`"${key}" is not a valid option`);
      const ctx = requireContext(readConfigFile(g.configPath), g.context);
      const value = ctx[key as ContextKey];
      const shown = value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
      process.stdout.write(`  ${g.context}.${key} => ${shown}\n`);
    });
}

/** `Name:Value` pairs; Fleet refuses a header without a colon. */
function parseHeaders(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of list) {
    const i = h.indexOf(':');
    if (i <= 0) throw new CliError(`invalid custom header "${h}": expected Name:Value`);
    out[h.slice(0, i).trim()] = h.slice(i + 1).trim();
  }
  return out;
}
