import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../cli.error';
import { withSession } from '../config/cli-session';
import type { Session } from '../config/cli-session';
import { errorText } from '../http/api.client';
import { tarGz } from '../debug/tar.writer';
import type { TarEntry } from '../debug/tar.writer';

const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-');

/** GET a /debug endpoint (outside /api, admin only); a non-2xx is an error naming the endpoint. */
async function fetchDebug(s: Session, path: string): Promise<Buffer> {
  const res = await s.client.raw('GET', path);
  if (res.status === 404) throw new CliError(`${path}: not found (is the debug module mounted on this server?)`);
  if (res.status < 200 || res.status > 299) throw new CliError(`${path}: ${errorText(res.status, res.body.toString('utf8'))}`);
  return res.body;
}

function writeOutput(file: string, data: Buffer): void {
  writeFileSync(file, data);
  process.stderr.write(`Output written to ${file}\n`);
}

/**
 * The archive's members: everything an engineer needs to look at a sick server later. Facts that cannot be
 * read (e.g. /metrics behind basic auth) are noted in the archive instead of failing it.
 */
async function archiveEntries(s: Session, profileSeconds: number): Promise<TarEntry[]> {
  const entries: TarEntry[] = [
    { name: 'profile.cpuprofile', data: await fetchDebug(s, `/debug/profile?seconds=${profileSeconds}`) },
    { name: 'heap.heapsnapshot', data: await fetchDebug(s, '/debug/heap') },
    { name: 'errors.json', data: await fetchDebug(s, '/debug/errors') },
    { name: 'config.json', data: await fetchDebug(s, '/debug/config') },
    { name: 'facts.json', data: await fetchDebug(s, '/debug/facts') },
  ];
  const metrics = await s.client.raw('GET', '/metrics');
  entries.push({ name: 'metrics.txt', data: metrics.status === 200 ? metrics.body : Buffer.from(`/metrics answered ${metrics.status}\n`) });
  const health = await s.client.raw('GET', '/healthz');
  entries.push({ name: 'healthz.txt', data: Buffer.from(`GET /healthz: ${health.status}\n`) });
  return entries;
}

/** `fleetctl debug profile|heap|errors|archive` against the context's server (pick one server with --context). */
export function registerDebugCommand(program: Command): void {
  const debug = program.command('debug').description('Tools for debugging Fleet');

  debug
    .command('profile')
    .description('Record a CPU profile (.cpuprofile, opens in Chrome DevTools)')
    .option('--seconds <n>', 'how long to profile', '30')
    .option('--outfile <file>', 'output file')
    .action(async (o: { seconds: string; outfile?: string }, cmd: Command) => {
      await withSession(cmd, async (s) => writeOutput(o.outfile ?? `fleet-profile-${stamp()}.cpuprofile`, await fetchDebug(s, `/debug/profile?seconds=${Number(o.seconds)}`)));
    });

  debug
    .command('heap')
    .description('Take a heap snapshot (.heapsnapshot, opens in Chrome DevTools)')
    .option('--outfile <file>', 'output file')
    .action(async (o: { outfile?: string }, cmd: Command) => {
      await withSession(cmd, async (s) => writeOutput(o.outfile ?? `fleet-heap-${stamp()}.heapsnapshot`, await fetchDebug(s, '/debug/heap')));
    });

  debug
    .command('errors')
    .description('Show the errors the server kept')
    .option('--flush', 'clear the stored errors after reading them')
    .option('--outfile <file>', 'write to a file instead of stdout')
    .action(async (o: { flush?: boolean; outfile?: string }, cmd: Command) => {
      await withSession(cmd, async (s) => {
        const data = await fetchDebug(s, `/debug/errors${o.flush ? '?flush=true' : ''}`);
        if (o.outfile) writeOutput(o.outfile, data);
        else process.stdout.write(data.toString('utf8').replace(/\n?$/, '\n'));
      });
    });

  debug
    .command('archive')
    .description('Collect a CPU profile, heap snapshot, errors, metrics, redacted config and health facts in a .tar.gz')
    .option('--profile-seconds <n>', 'length of the CPU profile', '30')
    .option('--outfile <file>', 'output file')
    .action(async (o: { profileSeconds: string; outfile?: string }, cmd: Command) => {
      await withSession(cmd, async (s) => {
        const file = o.outfile ?? `fleet-profiles-archive-${stamp()}.tar.gz`;
        writeOutput(file, tarGz(await archiveEntries(s, Number(o.profileSeconds))));
        process.stderr.write('[!] The archive contains a heap snapshot, which can hold sensitive data: share it with care.\n');
      });
    });
}
