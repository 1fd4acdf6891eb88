import type { DynamicModule, Type } from '@nestjs/common';
import { ApiGatewayModule } from '@fleet/api-gateway';
import type { FleetConfig } from '@fleet/config';
import { LiveQueryModule } from '@fleet/live-query';
import { ingestBodyLimits, OsqueryIngestModule } from '@fleet/osquery-ingest';
import { ALL_ROLES } from '@fleet/platform';
import { debugModule } from './debug-module';
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

/** The modules of the roles served, plus the debug endpoints that every process has. */
export function roleModules(roles: readonly Role[]): Array<Type | DynamicModule> {
  return [...roles.map((r) => ROLE_MODULES[r]), debugModule];
}

/** Request body limits of the roles served; only the agent routes differ from the default. */
export function bodyLimits(config: FleetConfig, roles: readonly Role[]): BodyLimitRule[] {
  return roles.includes('ingest') ? ingestBodyLimits(config) : [];
}
