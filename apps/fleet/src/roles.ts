import type { Type } from '@nestjs/common';
import { ApiGatewayModule } from '@fleet/api-gateway';
import type { FleetConfig } from '@fleet/config';
import { LiveQueryModule } from '@fleet/live-query';
import { OsqueryIngestModule } from '@fleet/osquery-ingest';
import { ALL_ROLES } from '@fleet/platform';
import type { BodyLimitRule, Role } from '@fleet/platform';

const ROLE_MODULES: Record<Role, Type> = {
  ingest: OsqueryIngestModule,
  api: ApiGatewayModule,
  'live-query': LiveQueryModule,
};

/** `--role ingest|api|live-query`, or every role when absent. */
export function parseRoles(role: string | undefined): Role[] {
  if (role === undefined || role === '' || role === 'all') return [...ALL_ROLES];
  if ((ALL_ROLES as readonly string[]).includes(role)) return [role as Role];
  throw new Error(`--role must be one of ${ALL_ROLES.join(', ')} (got ${JSON.stringify(role)})`);
}

export function roleModules(roles: readonly Role[]): Type[] {
  return roles.map((r) => ROLE_MODULES[r]);
}

/** osquery's batches are larger than admin requests: their routes get the osquery.* limits. */
export function bodyLimits(config: FleetConfig): BodyLimitRule[] {
  return [
    { pathSuffix: '/osquery/log', bytes: config.osquery.max_log_write_body_size },
    { pathSuffix: '/osquery/distributed/write', bytes: config.osquery.max_distributed_write_body_size },
  ];
}
