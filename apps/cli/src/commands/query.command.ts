import type { Command } from 'commander';
import { CliError } from '../cli.error';
import { withSession } from '../config/cli-session';
import type { Session } from '../config/cli-session';
import { envFlag, envValue } from '../config/env';
import { formatTable } from '../output/table.formatter';
import { followCampaign } from '../query/live-query.stream';
import type { Totals } from '../query/live-query.stream';

interface QueryFlags {
  hosts?: string; labels?: string; query?: string; queryName?: string; team?: string; quiet?: boolean; exit?: boolean; timeout?: string; pretty?: boolean;
}

/** Go-style durations as Fleet's --timeout takes them (`30s`, `1m30s`, `500ms`); a bare number is seconds. */
export function parseDuration(text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  const rest = text.replace(/(\d+(?:\.\d+)?)(ms|s|m|h)/g, (_m, n: string, u: string) => {
    total += Number(n) * (units[u] ?? 0);
    return '';
  });
  if (rest !== '' || text === '') throw new CliError(`invalid duration "${text}"`);
  return total;
}

/**
 * `--pretty`: one host's rows as a table headed by the host name, columns in the order the rows give them
 * (the server's host_hostname/host_display_name columns left out: the heading names the host).
 */
export function prettyResult(hostname: string, rows: ReadonlyArray<Record<string, unknown>>): string {
  if (rows.length === 0) return `${hostname}: no rows\n`;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => c !== 'host_hostname' && c !== 'host_display_name');
  return `${hostname}:\n${formatTable(columns, rows.map((r) => columns.map((c) => r[c])))}`;
}

const list = (v: string | undefined): string[] => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

async function queryIdByName(s: Session, name: string, team: string | undefined): Promise<number> {
  const q = `?query=${encodeURIComponent(name)}${team ? `&team_id=${encodeURIComponent(team)}` : ''}`;
  const res = await s.client.api<{ queries: Array<{ id: number; name: string }> | null }>('GET', `/queries${q}`);
  const found = (res.queries ?? []).find((x) => x.name === name);
  if (!found) throw new CliError(`Query '${name}' not found`);
  return found.id;
}

/**
 * `fleetctl query`: starts a campaign by host identifiers and label names, then prints each result row as one
 * JSON line on stdout (the server adds host_hostname and host_display_name to every row), with Fleet's
 * progress line on stderr. Host errors go to stderr so stdout stays parseable by jq.
 */
export function registerQueryCommand(program: Command): void {
  program
    .command('query')
    .description('Run a live query')
    .option('--hosts <list>', 'Comma-separated hosts to target (hostname, UUID or serial) [$HOSTS]')
    .option('--labels <list>', 'Comma-separated label names to target [$LABELS]')
    .option('--query <sql>', 'Query to run [$QUERY]')
    .option('--query-name <name>', 'Name of saved query to run [$QUERYNAME]')
    .option('--team <id>', 'ID of the team where the named query belongs to')
    .option('--quiet', 'Only print results (no status information) [$QUIET]')
    .option('--exit', 'Exit when 100% of online hosts have results returned [$EXIT]')
    .option('--pretty', 'Enable pretty-printing: one table per host instead of JSON lines [$PRETTY]')
    .option('--timeout <duration>', 'How long to run query before exiting (10s, 1h, etc.) [$TIMEOUT]')
    .action(async (o: QueryFlags, cmd: Command) => {
      const hosts = list(o.hosts ?? envValue('HOSTS'));
      const labels = list(o.labels ?? envValue('LABELS'));
      const sql = o.query ?? envValue('QUERY');
      const name = o.queryName ?? envValue('QUERYNAME');
      if (hosts.length === 0 && labels.length === 0) throw new CliError('No hosts or labels targeted. Please provide either --hosts or --labels.');
      if (sql && name) throw new CliError('--query and --query-name must not be provided together');
      if (!sql && !name) throw new CliError('Query must be specified with --query or --query-name');
      const quiet = o.quiet ?? envFlag('QUIET') ?? false;
      const pretty = o.pretty ?? envFlag('PRETTY') ?? false;
      const exitWhenDone = o.exit ?? envFlag('EXIT') ?? false;
      const timeoutMs = parseDuration(o.timeout ?? envValue('TIMEOUT') ?? '0s');

      await withSession(cmd, async (s) => {
        const target = sql ? { query: sql } : { query_id: await queryIdByName(s, name as string, o.team) };
        const { campaign } = await s.client.api<{ campaign: { id: number } }>('POST', '/queries/run_by_identifiers', { ...target, selected: { hosts, labels } });
        let totals: Totals = { count: 0, online: 0 };
        let responded = 0;
        const progress = (): void => {
          if (quiet) return;
          const pct = (n: number, d: number): string => (d === 0 ? '0' : ((n / d) * 100).toFixed(0));
          const line = ` ${pct(responded, totals.count)}% responded (${pct(totals.online, totals.count)}% online) | ${responded}/${totals.count} targeted hosts (${Math.min(responded, totals.online)}/${totals.online} online)`;
          process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
        };
        const outcome = await followCampaign(s.client, campaign.id, {
          onTotals: (t) => { totals = t; progress(); },
          onResult: (r) => {
            responded += 1;
            if (r.error) process.stderr.write(`[!] ${r.host.hostname}: ${r.error}\n`);
            if (pretty) process.stdout.write(prettyResult(r.host.hostname, r.rows ?? []));
            else for (const row of r.rows ?? []) process.stdout.write(`${JSON.stringify(row)}\n`);
            progress();
          },
          shouldStop: () => totals.count > 0 && (responded >= totals.count || (exitWhenDone && responded >= totals.online)),
        }, timeoutMs);
        if (!quiet && process.stderr.isTTY) process.stderr.write('\n');
        if (outcome === 'timeout') process.stderr.write('Stopped by timeout\n');
      });
    });
}
