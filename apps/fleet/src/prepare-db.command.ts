import { createInterface } from 'node:readline/promises';
import type { FleetConfig } from '@fleet/config';
import { ensureDatabase, migrationStatus, runMigrations } from '@fleet/persistence';
import { connectDatabase } from './database';

export type PreparePhase = 'expand' | 'contract' | 'all';

/**
 * `fleet prepare db`: applies pending migrations with Fleet's messages. Idempotent: a second run prints
 * `Migrations already completed for "<db>". Nothing to do.` and exits 0. `--phase expand` applies only the
 * changes the running release tolerates (before a rollout), `--phase contract` the removals (after it);
 * without it, every pending migration.
 */
export async function prepareDb(config: FleetConfig, options: { prompt: boolean; phase?: PreparePhase }): Promise<number> {
  const phase = options.phase ?? 'all';
  await ensureDatabase(config);
  const ds = await connectDatabase(config, undefined, 3);
  try {
    const status = await migrationStatus(ds);
    if (status.unknown.length > 0) {
      process.stdout.write(`WARNING: the database has migrations this build does not know: ${status.unknown.join(', ')}\n`);
    }
    const pending = phase === 'expand' ? status.pendingExpand : phase === 'contract' ? status.pendingContract : status.pending;
    if (pending.length === 0) {
      process.stdout.write(`Migrations already completed for "${config.mysql.database}"${phase === 'all' ? '' : ` (${phase} phase)`}. Nothing to do.\n`);
      if (phase === 'expand' && status.pendingContract.length > 0) process.stdout.write(`Contract migrations left for after the rollout: ${status.pendingContract.join(', ')}\n`);
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
    const ran = await runMigrations(ds, phase);
    process.stdout.write(`Applied ${ran.length} migration(s)${phase === 'all' ? '' : ` (${phase} phase)`}.\nMigrations completed.\n`);
    if (phase === 'expand' && status.pendingContract.length > 0) process.stdout.write(`Contract migrations left for after the rollout: ${status.pendingContract.join(', ')}\n`);
    return 0;
  } finally {
    await ds.destroy();
  }
}
