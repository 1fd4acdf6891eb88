import type { Command } from 'commander';
import { CliError } from '../cli.error';
import { readConfigFile, requireContext } from '../config/cli-config.store';
import { globalOptions } from '../config/cli-session';
import { envValue } from '../config/env';
import { CheckFailed, checkConnection, targetUrl } from '../debug/connection.check';

/**
 * `fleetctl debug connection [address] [--fleet-certificate FILE]`: why can't an agent (or fleetctl) reach the
 * server? With an address, the context's TLS settings are not used (a certificate may be given instead);
 * without one, the context's address, rootca and tls-skip-verify are.
 */
export function registerDebugConnectionCommand(debug: Command): void {
  debug
    .command('connection')
    .description('Investigate the cause of a connection failure to the Fleet server')
    .argument('[address]', 'the address to check (default: the context\'s)')
    .option('--fleet-certificate <file>', 'Path to the Fleet server certificate chain [$FLEET_CERTIFICATE]')
    .action(async (address: string | undefined, o: { fleetCertificate?: string }, cmd: Command) => {
      const cert = o.fleetCertificate ?? envValue('FLEET_CERTIFICATE');
      const explicit = cmd.optsWithGlobals<{ config?: string; context?: string }>();
      if (address !== undefined) {
        if (explicit.config !== undefined) throw new CliError('the --config flag cannot be set when an <address> is provided');
        if (explicit.context !== undefined) throw new CliError('the --context flag cannot be set when an <address> is provided');
      } else if (cert) {
        throw new CliError('the --fleet-certificate flag can only be set when an <address> is provided');
      }
      const g = globalOptions(cmd);
      const ctx = address === undefined ? requireContext(readConfigFile(g.configPath), g.context) : {};
      const addr = address ?? ctx.address;
      if (!addr) {
        throw new CliError('set the Fleet API address with: fleetctl config set --address https://localhost:8080\nor provide an <address> argument to debug: fleetctl debug connection localhost:8080');
      }
      try {
        await checkConnection({
          url: targetUrl(addr), contextName: address === undefined ? g.context : 'none - using provided address',
          rootca: address === undefined ? ctx.rootca : cert, insecure: address === undefined && ctx['tls-skip-verify'] === true,
          urlPrefix: address === undefined ? ctx['url-prefix'] : undefined, timeoutMs: 10_000,
        }, (line) => process.stdout.write(`${line}\n`));
      } catch (e) {
        if (e instanceof CheckFailed) throw new CliError(e.message);
        throw e;
      }
    });
}
