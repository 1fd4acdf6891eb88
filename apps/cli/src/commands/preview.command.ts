import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../cli.error';
import { readConfigFile, updateContext } from '../config/cli-config.store';
import { envValue, homeDir } from '../config/env';
import { globalOptions } from '../config/cli-session';
import { startPreview } from '../preview/preview.runner';
import { resetPreview } from '../preview/preview.reset';
import { isAlive, readState, readStorage, stopPreview } from '../preview/preview.state';

interface PreviewFlags {
  stop?: boolean; hosts: string; port?: string; previewDir?: string;
  mysqlAddress: string; mysqlUsername: string; mysqlPassword: string; mysqlDatabase: string; redisAddress: string;
}

/** Absolute, so the context's `rootca` (a file in it) works from any directory. */
const previewDir = (o: { previewDir?: string }): string => resolve(o.previewDir ?? join(homeDir(), '.fleet', 'preview'));

async function stop(dir: string): Promise<void> {
  process.stdout.write((await stopPreview(dir)) ? '[+] Fleet preview stopped\n' : '[!] No running preview found\n');
}

/**
 * `fleetctl preview`: the whole product on this machine with the built `fleet` binary (no Docker), N simulated
 * hosts, and a context pointing at it. `preview --stop` (or `preview stop`) ends it through its pid file.
 */
export function registerPreviewCommand(program: Command): void {
  const preview = program
    .command('preview')
    .alias('sandbox')
    .description('Start a local preview of Fleet with simulated hosts')
    .option('--stop', 'stop a running preview')
    .option('--hosts <n>', 'number of simulated hosts', '10')
    .option('--port <port>', 'HTTPS port (default 8080 when free, otherwise any free port)')
    .option('--preview-dir <dir>', 'state directory (default ~/.fleet/preview)')
    .option('--mysql-address <addr>', 'MySQL address', envValue('FLEET_MYSQL_ADDRESS') ?? '127.0.0.1:3306')
    .option('--mysql-username <user>', 'MySQL user', envValue('FLEET_MYSQL_USERNAME') ?? 'root')
    .option('--mysql-password <password>', 'MySQL password', envValue('FLEET_MYSQL_PASSWORD') ?? '')
    .option('--mysql-database <name>', 'MySQL database (created when missing)', 'fleet_preview')
    .option('--redis-address <addr>', 'Redis address', envValue('FLEET_REDIS_ADDRESS') ?? '127.0.0.1:6379')
    .action(async (o: PreviewFlags, cmd: Command) => {
      const dir = previewDir(o);
      if (o.stop) return stop(dir);
      const running = readState(dir);
      if (running && isAlive(running.fleetPid)) throw new CliError(`a preview is already running at ${running.url}; stop it with: fleetctl preview --stop`);
      const hosts = Number(o.hosts);
      if (!Number.isInteger(hosts) || hosts < 0) throw new CliError('--hosts must be a non-negative integer');
      const g = globalOptions(cmd);
      try {
        const p = await startPreview({
          dir, hosts, port: o.port ? Number(o.port) : undefined, mysqlAddress: o.mysqlAddress, mysqlUsername: o.mysqlUsername,
          mysqlPassword: o.mysqlPassword, mysqlDatabase: o.mysqlDatabase, redisAddress: o.redisAddress, log: (l) => process.stdout.write(`${l}\n`),
        });
        const explicit = cmd.optsWithGlobals<{ context?: string }>().context !== undefined || envValue('CONTEXT') !== undefined;
        const existing = readConfigFile(g.configPath).contexts['default']?.address;
        const context = explicit ? g.context : existing && existing !== p.url ? 'preview' : 'default';
        updateContext(g.configPath, context, (ctx) => Object.assign(ctx, { address: p.url, email: p.email, token: p.token, rootca: p.certPath }));
        process.stdout.write(`[+] Fleet is running at ${p.url}\n    Email: ${p.email}\n    Password: ${p.password}\n`
          + `[+] Context "${context}" configured; try: fleetctl get hosts${context === 'default' ? '' : ` --context ${context}`}\n`
          + '[+] Stop it with: fleetctl preview --stop\n');
      } catch (e) {
        await stopPreview(dir);
        throw e;
      }
    });
  preview.command('stop').description('Stop a running preview').action(async () => stop(previewDir(preview.opts<{ previewDir?: string }>())));
  preview
    .command('reset')
    .description('Reset the Fleet preview server and dependencies: stop it and remove its database, Redis keys and state directory')
    .action(async () => {
      const o = preview.opts<PreviewFlags>();
      const dir = previewDir(o);
      await stopPreview(dir);
      const storage = readStorage(dir) ?? {
        mysqlAddress: o.mysqlAddress, mysqlUsername: o.mysqlUsername, mysqlPassword: o.mysqlPassword, mysqlDatabase: o.mysqlDatabase,
        redisAddress: o.redisAddress, redisKeyPrefix: `${o.mysqlDatabase}:`,
      };
      await resetPreview(dir, storage);
      process.stdout.write('Fleet preview server and dependencies reset. Start again with fleetctl preview.\n');
    });
}
