import type { Command } from 'commander';
import { CliError } from '../cli.error';
import { withSession } from '../config/cli-session';
import type { Session } from '../config/cli-session';
import { envValue } from '../config/env';
import { ApiError, errorReasons } from '../http/api.client';
import { cliVersion } from '../version.info';

/** `fleetctl hosts transfer`, `trigger`, `version`. */
export function registerAdminOpsCommands(program: Command): void {
  program
    .command('hosts')
    .description('Manage Fleet hosts')
    .command('transfer')
    .description('Transfer one or more hosts to a team')
    .requiredOption('--team <name>', "Team name hosts will be transferred to ('' for no team)")
    .option('--hosts <list>', 'Comma-separated hostnames, UUIDs or serials to transfer')
    .option('--label <name>', 'Label name to transfer')
    .option('--status <status>', 'Status to transfer')
    .option('--search_query <q>', 'Search query that filters the hosts to transfer')
    .action(async (o: { team: string; hosts?: string; label?: string; status?: string; search_query?: string }, cmd: Command) => {
      const filtered = o.label !== undefined || o.status !== undefined || o.search_query !== undefined;
      if (o.hosts && filtered) throw new CliError('--hosts cannot be used along side any other flag');
      if (!o.hosts && !filtered) throw new CliError('You need to define either --hosts, or one or more of --label, --status, --search_query');
      await withSession(cmd, async (s) => {
        const teamId = await teamIdByName(s, o.team);
        if (o.hosts) {
          const ids: number[] = [];
          for (const ident of o.hosts.split(',').map((h) => h.trim()).filter(Boolean)) {
            const res = await s.client.api<{ host: { id: number } }>('GET', `/hosts/identifier/${encodeURIComponent(ident)}`);
            ids.push(res.host.id);
          }
          await s.client.api('POST', '/hosts/transfer', { team_id: teamId, hosts: ids });
        } else {
          const labelId = o.label ? await labelIdByName(s, o.label) : undefined;
          await s.client.api('POST', '/hosts/transfer/filter', { team_id: teamId, filters: { query: o.search_query, status: o.status, label_id: labelId } });
        }
      });
      process.stdout.write('Hosts transferred successfully\n');
    });

  program
    .command('trigger')
    .description('Trigger an ad hoc run of all jobs in a specified cron schedule')
    .option('--name <name>', 'Name of the cron schedule to trigger [$NAME]')
    .action(async (o: { name?: string }, cmd: Command) => {
      const name = o.name ?? envValue('NAME');
      if (!name) throw new CliError('Required flag "name" not set');
      await withSession(cmd, async ({ client }) => {
        try {
          await client.api('POST', `/trigger?name=${encodeURIComponent(name)}`);
          process.stdout.write(`[+] Sent request to trigger ${name} schedule\n`);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          // Fleet's form: the server's reason after [!] (an unknown name lists the valid ones; 409 while running).
          process.stderr.write(`[!] ${errorReasons(e.status, e.text)}\n`);
          process.exitCode = 1;
        }
      });
    });

  program
    .command('version')
    .description('Print version information')
    .option('--full', 'print the server version as well')
    .action(async (o: { full?: boolean }, cmd: Command) => {
      process.stdout.write(`fleetctl - version ${cliVersion()}\n`);
      if (!o.full) return;
      await withSession(cmd, async ({ client }) => {
        const v = await client.api<Record<string, string>>('GET', '/version');
        process.stdout.write(`\nServer:\n${Object.entries(v).map(([k, val]) => `  ${k}: ${val}`).join('\n')}\n`);
      });
    });
}

/** '' means "no team" (team_id null); otherwise the team must exist. */
async function teamIdByName(s: Session, name: string): Promise<number | null> {
  if (name === '') return null;
  const { teams } = await s.client.api<{ teams: Array<{ id: number; name: string }> }>('GET', `/teams?query=${encodeURIComponent(name)}`);
  const team = teams.find((t) => t.name === name);
  if (!team) throw new CliError(`team "${name}" doesn't exist`);
  return team.id;
}

async function labelIdByName(s: Session, name: string): Promise<number> {
  const { labels } = await s.client.api<{ labels: Array<{ id: number; name: string }> }>('GET', '/labels');
  const label = labels.find((l) => l.name === name);
  if (!label) throw new CliError(`label "${name}" doesn't exist`);
  return label.id;
}
