import type { Command } from 'commander';
import { withSession } from '../config/cli-session';
import { fetchDebug, outfileName, writeOutput } from '../debug/debug-fetch';

/** The database dumps of Fleet's /debug/db endpoints, by command name. */
export const DB_DUMPS = [
  { name: 'db-locks', path: '/debug/db/locks', usage: 'Save the current database transaction locking information to a file.' },
  { name: 'db-innodb-status', path: '/debug/db/innodb-status', usage: 'Save the current database InnoDB status information to a file.' },
  { name: 'db-process-list', path: '/debug/db/process-list', usage: 'Save the current running processes (queries, etc) in the database to a file.' },
] as const;

/** `/debug/migrations`: Fleet's migration status, with its status codes. */
interface MigrationStatus {
  status_code?: number;
  missing_table?: unknown[] | null;
  missing_data?: unknown[] | null;
  unknown_table?: unknown[] | null;
  unknown_data?: unknown[] | null;
}

/** A list as Go's %v prints it (`[1 2 3]`), which is how Fleet's messages show migration ids. */
const goList = (v: unknown[] | null | undefined): string => `[${(v ?? []).map(String).join(' ')}]`;

/** Fleet's message for each migration status code (0 none applied, 1 some missing, 2 up to date, 3 unknown ones). */
export function migrationMessage(m: MigrationStatus): string {
  switch (m.status_code) {
    case 0: return 'Your Fleet database is not initialized. Fleet cannot start up.\nFleet server must be run with "prepare db" to perform the migrations.\n';
    case 1: return `Missing migrations detected: tables=${goList(m.missing_table)}, data=${goList(m.missing_data)}.\nFleet server must be run with "prepare db" to perform the migrations.\n`;
    case 2: return 'Migrations up-to-date.\n';
    case 3: return `Unknown migrations detected: tables=${goList(m.unknown_table)}, data=${goList(m.unknown_data)}.\n`;
    case undefined:
    default: return `${JSON.stringify(m)}\n`;
  }
}

/** `fleetctl debug db-locks|db-innodb-status|db-process-list [--outfile F]` and `fleetctl debug migrations`. */
export function registerDebugDbCommands(debug: Command): void {
  for (const d of DB_DUMPS) {
    debug
      .command(d.name)
      .description(d.usage)
      .option('--outfile <file>', `output file (default ${d.name} with a timestamp)`)
      .action(async (o: { outfile?: string }, cmd: Command) => {
        await withSession(cmd, async (s) => writeOutput(o.outfile ?? outfileName(d.name), await fetchDebug(s, d.path)));
      });
  }

  debug
    .command('migrations')
    .description('Run a check of database migrations: lists the migrations that are missing ("fleet prepare db" applies them)')
    .action(async (_o: unknown, cmd: Command) => {
      const status = await withSession(cmd, async (s) => JSON.parse((await fetchDebug(s, '/debug/migrations')).toString('utf8')) as MigrationStatus);
      process.stdout.write(migrationMessage(status));
    });
}
