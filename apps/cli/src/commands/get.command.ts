import type { Command } from 'commander';
import { withSession } from '../config/cli-session';
import { formatTable } from '../output/table.formatter';
import { outputFormat, printSpecs, specDoc } from '../output/spec.printer';
import { GET_RESOURCES } from './get-resources';
import type { GetFlags, GetResource } from './get-resources';

interface OutputFlags extends GetFlags {
  readonly json?: boolean;
  readonly yaml?: boolean;
}

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
    sub.action(async (arg: string | undefined, o: OutputFlags, cmd: Command) => {
      await withSession(cmd, async ({ client }) => process.stdout.write(render(r, await r.fetch(client, arg, o), o, arg)));
    });
  }
}

function render(r: GetResource, items: unknown[], o: OutputFlags, arg: string | undefined): string {
  const format = outputFormat(o);
  if (format !== 'table' || !r.table || (r.kind === 'host' && arg)) return printSpecs(items.map((i) => specDoc(r.kind, i)), format === 'json' ? 'json' : 'yaml');
  if (r.kind === 'user_roles') {
    const roles = (items[0] as { roles: Record<string, { global_role: string | null }> }).roles;
    return formatTable(r.table.headers, Object.entries(roles).map(([email, v]) => [email, v.global_role ?? '']));
  }
  if (items.length === 0 && r.empty) return `${r.empty}\n`;
  return formatTable(r.table.headers, items.map((i) => r.table?.row(i as Record<string, unknown>) ?? []));
}
