import type { FleetConfig } from '@fleet/config';
import type { Logger } from '@fleet/observability';
import { createDataSource } from '@fleet/persistence';
import type { DataSource } from '@fleet/persistence';

/**
 * Connects to MySQL, retrying for a while so that a server started together with its database (a VM
 * boot, a Kubernetes rollout) waits for it instead of crash-looping at once.
 */
export async function connectDatabase(config: FleetConfig, logger: Logger | undefined, attempts = 10): Promise<DataSource> {
  let lastError: unknown;
  for (let i = 1; i <= attempts; i += 1) {
    const ds = createDataSource(config);
    try {
      return await ds.initialize();
    } catch (err) {
      lastError = err;
      const code = (err as { code?: string }).code;
      if (code === 'ER_BAD_DB_ERROR') throw new Error(`database "${config.mysql.database}" does not exist on ${config.mysql.address}: run \`fleet prepare db\` to create it`);
      if (code === 'ER_ACCESS_DENIED_ERROR') throw new Error(`MySQL refused user "${config.mysql.username}": ${(err as Error).message}`);
      logger?.warn({ attempt: i, err: (err as Error).message }, 'mysql not reachable yet');
      if (i < attempts) await new Promise((r) => setTimeout(r, Math.min(500 * i, 3000)));
    }
  }
  throw new Error(`could not connect to MySQL at ${config.mysql.address}: ${(lastError as Error)?.message ?? 'unknown error'}`);
}
