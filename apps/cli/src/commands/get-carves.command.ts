import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { CliError } from '../cli.error';
import { withSession } from '../config/cli-session';
import { ApiError } from '../http/api.client';
import type { ApiClient } from '../http/api.client';
import { formatTable } from '../output/table.formatter';

/** A file carve as `GET /carves` answers it (fleet-admin-api.md §1.15). */
export interface CarveDto {
  id: number;
  created_at: string;
  request_id: string;
  carve_size: number;
  block_count: number;
  max_block: number;
  expired: boolean;
  error?: string | null;
}

/** Fleet's completion column: the share of blocks received. */
export function carveCompletion(c: Pick<CarveDto, 'block_count' | 'max_block'>): string {
  return c.block_count > 0 ? `${Math.floor(((c.max_block + 1) / c.block_count) * 100)}%` : '0%';
}

export function carvesTable(carves: readonly CarveDto[]): string {
  if (carves.length === 0) return 'No carves found\n';
  return formatTable(['ID', 'Created At', 'Request ID', 'Carve Size', 'Completion', 'Errored'],
    carves.map((c) => [c.id, c.created_at, c.request_id, c.carve_size, carveCompletion(c), c.error ? 'yes' : 'no']));
}

/** A 404 on the list means the server has no carves API at all (an unknown carve id is a 404 of /carves/:id). */
async function listCarves(client: ApiClient, expired: boolean): Promise<CarveDto[]> {
  try {
    return (await client.api<{ carves: CarveDto[] | null }>('GET', `/carves${expired ? '?expired=true' : ''}`)).carves ?? [];
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new CliError('this server does not serve the file carving API (GET /api/latest/fleet/carves answered 404)');
    throw e;
  }
}

/** Streams a carve's archive block by block (each block is base64 in `{data}`), in order. */
async function downloadCarve(client: ApiClient, carve: CarveDto, out: Writable): Promise<void> {
  if (carve.expired) throw new CliError(`carve ${carve.id} is expired; its data is no longer stored`);
  if (carve.max_block + 1 < carve.block_count) throw new CliError(`carve ${carve.id} is not complete (${carveCompletion(carve)} of its blocks received)`);
  for (let block = 0; block < carve.block_count; block += 1) {
    const { data } = await client.api<{ data: string }>('GET', `/carves/${carve.id}/block/${block}`);
    if (!out.write(Buffer.from(data, 'base64'))) await new Promise((r) => out.once('drain', r));
  }
}

/**
 * `fleetctl get carves [--expired]` (a table) and `fleetctl get carve ID [--outfile F | --stdout]` (the carve's
 * details as YAML, or its archive written to a file or stdout).
 */
export function registerGetCarveCommands(get: Command): void {
  get
    .command('carves')
    .description('Retrieve the file carving sessions')
    .option('--expired', 'Include expired carves')
    .action(async (o: { expired?: boolean }, cmd: Command) => {
      process.stdout.write(carvesTable(await withSession(cmd, ({ client }) => listCarves(client, o.expired === true))));
    });

  get
    .command('carve')
    .description('Retrieve details for a carve by ID')
    .argument('<id>', 'the carve id')
    .option('--outfile <file>', 'Output file to write the carve contents to')
    .option('--stdout', 'Print carve contents to stdout')
    .action(async (id: string, o: { outfile?: string; stdout?: boolean }, cmd: Command) => {
      if (o.stdout && o.outfile) throw new CliError('-stdout and -outfile must not be specified together');
      if (!/^\d+$/.test(id)) throw new CliError(`invalid carve id: ${id}`);
      await withSession(cmd, async ({ client }) => {
        const { carve } = await client.api<{ carve: CarveDto }>('GET', `/carves/${id}`);
        if (!o.stdout && !o.outfile) {
          process.stdout.write(stringify(carve));
          return;
        }
        const out = o.outfile ? createWriteStream(o.outfile) : process.stdout;
        await downloadCarve(client, carve, out);
        if (o.outfile) {
          await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
          process.stderr.write(`Output written to ${o.outfile}\n`);
        }
      });
    });
}
