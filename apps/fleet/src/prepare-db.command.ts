import { createInterface } from 'node:readline/promises';
import type { FleetConfig } from '@fleet/config';
import { ensureDatabase, migrationStatus, runMigrations } from '@fleet/persistence';
import { connectDatabase } from './database';

/**
 * `fleet prepare db`: applies pending migrations with Fleet's messages. Idempotent: a second run prints
 * `Migrations already completed for "<db>". Nothing to do.` and exits 0.
 */
export async function prepareDb(config: FleetConfig, options: { prompt: boolean }): Promise<number> {
  await ensureDatabase(config);
  const ds = await connectDatabase(config, undefined, 3);
  try {
    const status = await migrationStatus(ds);
    if (status.unknown.length > 0) {
      process.stdout.write(`WARNING: the database has migrations this build does not know: ${status.unknown.join(', ')}\n`);
    }
    if (status.pending.length === 0) {
      process.stdout.write(`Migrations already completed for "${config.mysql.database}". Nothing to do.\n`);
      return 0;
    }
    if (status.applied.length > 0 && options.prompt) {
      process.stdout.write(
        `################################################################################\n` +
          `# WARNING:\n#   This will perform Fleet database migrations. Please back up your data before\n` +
          `#   continuing.\n#\n#   Missing migrations: ${status.pending.join(', ')}\n#\n` +
          `#   Press Enter to continue, or Control-c to exit.\n` +
          `################################################################################\n`,
      );
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      await rl.question('');
      rl.close();
    }
    const ran = await runMigrations(ds);
    process.stdout.write(`Applied ${ran.length} migration(s).\nMigrations completed.\n`);
    return 0;
  } finally {
    await ds.destroy();
  }
}
