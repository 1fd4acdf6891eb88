import type { Command } from 'commander';
import { CliError } from '../cli.error';
import { withSession } from '../config/cli-session';
import type { Session } from '../config/cli-session';
import { fetchDebug, outfileName, sensitiveBanner, writeOutput } from '../debug/debug-fetch';
import { tarGz } from '../debug/tar.writer';
import type { TarEntry } from '../debug/tar.writer';
import { registerDebugConnectionCommand } from './debug-connection.command';
import { DB_DUMPS, registerDebugDbCommands } from './debug-db.command';

/**
 * The archive's members: everything an engineer needs to look at a sick server later. Facts that cannot be
 * read (e.g. /metrics behind basic auth) are noted in the archive instead of failing it; the database dumps are
 * skipped with a `Failed …` line when the server cannot give them, as Fleet's archive does.
 */
async function archiveEntries(s: Session, profileSeconds: number): Promise<TarEntry[]> {
  const entries: TarEntry[] = [
    { name: 'profile.cpuprofile', data: await fetchDebug(s, `/debug/profile?seconds=${profileSeconds}`) },
    { name: 'heap.heapsnapshot', data: await fetchDebug(s, '/debug/heap') },
    { name: 'errors.json', data: await fetchDebug(s, '/debug/errors') },
    { name: 'config.json', data: await fetchDebug(s, '/debug/config') },
    { name: 'facts.json', data: await fetchDebug(s, '/debug/facts') },
  ];
  for (const d of DB_DUMPS) {
    try {
      entries.push({ name: `${d.name}.json`, data: await fetchDebug(s, d.path) });
    } catch (e) {
      process.stderr.write(`Failed ${d.name}: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
  const metrics = await s.client.raw('GET', '/metrics');
  entries.push({ name: 'metrics.txt', data: metrics.status === 200 ? metrics.body : Buffer.from(`/metrics answered ${metrics.status}\n`) });
  const health = await s.client.raw('GET', '/healthz');
  entries.push({ name: 'healthz.txt', data: Buffer.from(`GET /healthz: ${health.status}\n`) });
  return entries;
}

/** `fleetctl debug …` against the context's server (pick one server with --context). */
export function registerDebugCommand(program: Command): void {
  const debug = program.command('debug').description('Tools for debugging Fleet');

  debug
    .command('profile')
    .description('Record a CPU profile (.cpuprofile, opens in Chrome DevTools)')
    .option('--seconds <n>', 'how long to profile', '30')
    .option('--outfile <file>', 'output file')
    .action(async (o: { seconds: string; outfile?: string }, cmd: Command) => {
      await withSession(cmd, async (s) => writeOutput(o.outfile ?? outfileName('profile', 'cpuprofile'), await fetchDebug(s, `/debug/profile?seconds=${Number(o.seconds)}`)));
    });

  debug
    .command('heap')
    .description('Take a heap snapshot (.heapsnapshot, opens in Chrome DevTools)')
    .option('--outfile <file>', 'output file')
    .action(async (o: { outfile?: string }, cmd: Command) => {
      await withSession(cmd, async (s) => writeOutput(o.outfile ?? outfileName('heap', 'heapsnapshot'), await fetchDebug(s, '/debug/heap')));
    });

  debug
    .command('errors')
    .description('Save the recorded fleet server errors to a file')
    .option('--flush', 'Clear errors after reading them [$FLUSH]')
    .option('--outfile <file>', 'Output file (default fleet-errors-<timestamp>.json)')
    .option('--stdout', 'Print the errors to stdout instead of a file')
    .action(async (o: { flush?: boolean; outfile?: string; stdout?: boolean }, cmd: Command) => {
      if (o.stdout && o.outfile) throw new CliError('-stdout and -outfile must not be specified together');
      await withSession(cmd, async (s) => {
        const data = await fetchDebug(s, `/debug/errors${o.flush ? '?flush=true' : ''}`);
        if (o.stdout) {
          process.stdout.write(data.toString('utf8').replace(/\n?$/, '\n'));
          return;
        }
        const file = o.outfile ?? outfileName('errors', 'json');
        writeOutput(file, data);
        process.stderr.write(sensitiveBanner('The generated file', file));
      });
    });

  debug
    .command('archive')
    .description('Collect a CPU profile, heap snapshot, errors, database state, metrics, redacted config and health facts in a .tar.gz')
    .option('--profile-seconds <n>', 'length of the CPU profile', '30')
    .option('--outfile <file>', 'output file')
    .action(async (o: { profileSeconds: string; outfile?: string }, cmd: Command) => {
      await withSession(cmd, async (s) => {
        const file = o.outfile ?? outfileName('profiles-archive', 'tar.gz');
        writeOutput(file, tarGz(await archiveEntries(s, Number(o.profileSeconds))));
        process.stderr.write(sensitiveBanner('The files in the generated archive', file));
      });
    });

  registerDebugDbCommands(debug);
  registerDebugConnectionCommand(debug);
}
