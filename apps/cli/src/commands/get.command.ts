import type { Command } from 'commander';
import { withSession } from '../config/cli-session';
import type { ApiClient } from '../http/api.client';
import { formatTable } from '../output/table.formatter';
import { outputFormat, printSpecs, specDoc } from '../output/spec.printer';
import { registerGetCarveCommands } from './get-carves.command';
import { GET_RESOURCES, SOFTWARE_VERSIONS_TABLE } from './get-resources';
import type { GetFlags, GetResource } from './get-resources';

interface OutputFlags extends GetFlags {
  readonly json?: boolean;
  readonly yaml?: boolean;
  readonly withQueries?: boolean;
}

type Obj = Record<string, unknown>;
const resource = (name: string): GetResource => GET_RESOURCES.find((r) => r.names[0] === name) as GetResource;

/** `fleetctl get <resource>`: a table by default, spec documents with --yaml or --json (fleet-admin-api.md §3.4). */
export function registerGetCommand(program: Command): void {
  const get = program.command('get').description('Get/list resources');
  for (const r of GET_RESOURCES) {
    const [name, ...aliases] = r.names;
    const sub = get
      .command(`${name} [identifier]`)
      .aliases(aliases)
      .description(`List ${name}`)
      .option('--json', 'Output in JSON format')
      .option('--yaml', 'Output in yaml format');
    if (['hosts', 'queries', 'policies', 'software'].includes(name)) sub.option('--team <id>', 'filter by team id');
    if (name === 'teams') sub.option('--name <filter>', 'filter teams by name');
    if (name === 'packs') sub.option('--with-queries', 'Output queries included in packs in addition to packs');
    if (name === 'config') sub.option('--include-server-config', 'Include the server configuration in the output');
    if (name === 'software') sub.option('--versions', 'Output the list of software versions instead of software titles');
    sub.action(async (arg: string | undefined, o: OutputFlags, cmd: Command) => {
      await withSession(cmd, async ({ client }) => {
        const items = await r.fetch(client, arg, o);
        process.stdout.write(render(r, items, o, arg));
        if (name === 'packs' && o.withQueries) process.stdout.write(render(resource('queries'), await packQueries(client, items as Obj[]), o, undefined));
      });
    });
  }
  registerGetCarveCommands(get);
}

/** The global saved queries the packs schedule, in the packs' order (`get packs --with-queries`). */
async function packQueries(client: ApiClient, packs: readonly Obj[]): Promise<unknown[]> {
  const names = new Set(packs.flatMap((p) => ((p['queries'] as Obj[] | null) ?? []).map((q) => String(q['query']))));
  const all = await resource('queries').fetch(client, undefined, {});
  return (all as Obj[]).filter((q) => names.has(String(q['name'])));
}

function render(r: GetResource, items: unknown[], o: OutputFlags, arg: string | undefined): string {
  const format = outputFormat(o);
  if (format !== 'table' || !r.table || (r.kind === 'host' && arg)) return printSpecs(items.map((i) => specDoc(r.kind, i)), format === 'json' ? 'json' : 'yaml');
  if (r.kind === 'user_roles') {
    const roles = (items[0] as { roles: Record<string, { global_role: string | null }> }).roles;
    return formatTable(r.table.headers, Object.entries(roles).map(([email, v]) => [email, v.global_role ?? '']));
  }
  if (items.length === 0 && r.empty) return `${r.empty}\n`;
  const table = r.kind === 'software' && o.versions ? SOFTWARE_VERSIONS_TABLE : r.table;
  return formatTable(table.headers, items.map((i) => table.row(i as Obj)));
}
