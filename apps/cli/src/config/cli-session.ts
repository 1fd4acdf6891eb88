import type { Command } from 'commander';
import { CliError, NO_ADDRESS, NO_TOKEN } from '../cli.error';
import { ApiClient } from '../http/api.client';
import { cliVersion } from '../version.info';
import { configPath, contextName, readConfigFile, requireContext } from './cli-config.store';
import type { ContextConfig } from './cli-config.store';
import { envFlag } from './env';

/** The root program's flags, accepted before or after the subcommand (`--config`, `--context`, `--debug`). */
export interface GlobalOptions {
  readonly configPath: string;
  readonly context: string;
  readonly debug: boolean;
}

export function globalOptions(cmd: Command): GlobalOptions {
  const o = cmd.optsWithGlobals<{ config?: string; context?: string; debug?: boolean }>();
  return { configPath: configPath(o.config), context: contextName(o.context), debug: o.debug === true || envFlag('DEBUG') === true };
}

export interface Session {
  readonly global: GlobalOptions;
  readonly ctx: ContextConfig;
  readonly client: ApiClient;
}

/** A client for the selected context; `authenticated` also requires a token (Fleet's "Token missing"). */
export function openSession(cmd: Command, authenticated: boolean): Session {
  const global = globalOptions(cmd);
  const ctx = requireContext(readConfigFile(global.configPath), global.context);
  if (!ctx.address) throw new CliError(NO_ADDRESS);
  if (authenticated && !ctx.token) throw new CliError(NO_TOKEN);
  const client = new ApiClient({
    address: ctx.address, urlPrefix: ctx['url-prefix'], token: authenticated ? ctx.token : undefined, rootca: ctx.rootca,
    insecure: ctx['tls-skip-verify'] === true, customHeaders: ctx['custom-headers'],
    debugLog: global.debug ? (line) => process.stderr.write(`${line}\n`) : undefined,
  });
  return { global, ctx, client };
}

/**
 * Fleet's preamble of every authenticated command: GET /version validates the token and warns on a version
 * mismatch (stderr, not fatal).
 */
export async function openAuthenticated(cmd: Command): Promise<Session> {
  const session = openSession(cmd, true);
  const server = await session.client.api<{ version?: string }>('GET', '/version');
  const client = cliVersion();
  if (server.version && server.version !== client) {
    process.stderr.write(`Warning: Version mismatch.\nClient Version:   ${client}\nServer Version:  ${server.version}\n`);
  }
  return session;
}

/** Runs `fn` with an authenticated session and always releases its connections. */
export async function withSession<T>(cmd: Command, fn: (s: Session) => Promise<T>): Promise<T> {
  const s = await openAuthenticated(cmd);
  try {
    return await fn(s);
  } finally {
    await s.client.close();
  }
}
