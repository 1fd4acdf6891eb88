import { Inject, Injectable } from '@nestjs/common';
import { pingRedis } from '@fleet/messaging';
import type { RedisClient } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { DataSource, pingMysql } from '@fleet/persistence';
import { LOGGER, REDIS } from '../core/tokens';
import { HEALTH_CHECKS } from './health.checks';
import type { HealthCheckName } from './health.checks';
import { HealthIndicators } from './health-indicators';

export { HEALTH_CHECKS };
export type { HealthCheckName };

export interface HealthReport {
  readonly healthy: boolean;
  readonly failures: ReadonlyArray<{ check: HealthCheckName; error: string }>;
}

/**
 * Dependency checks behind /healthz. Every call asks MySQL and Redis afresh (no cached verdict), so a
 * dependency that comes back turns health green on the next probe without a restart. Role modules add
 * their own conditions on a dependency through `HealthIndicators` (stream consumer groups on Redis).
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly indicators: HealthIndicators,
  ) {}

  async check(names: readonly HealthCheckName[] = HEALTH_CHECKS): Promise<HealthReport> {
    const results = await Promise.all(
      names.map(async (check) => {
        try {
          await (check === 'mysql' ? pingMysql(this.dataSource) : pingRedis(this.redis));
          const problems = await this.indicators.problems(check);
          if (problems.length > 0) throw new Error(problems.join('; '));
          return undefined;
        } catch (err) {
          const error = err instanceof Error ? err.message : String(err);
          this.logger.error({ check, err: error }, 'health check failed');
          return { check, error };
        }
      }),
    );
    const failures = results.filter((r): r is { check: HealthCheckName; error: string } => r !== undefined);
    return { healthy: failures.length === 0, failures };
  }
}
