import type { ModuleMetadata } from '@nestjs/common';

/** The gate's verdict for one request: a global admin, no/invalid credentials (401), or another role (403). */
export type DebugAccessVerdict = 'admin' | 'unauthenticated' | 'forbidden';

/**
 * What the debug endpoints need from the process that mounts them. This library is a `type:feature` and
 * may not import @fleet/auth or @fleet/platform (also features), so the composition supplies the admin gate
 * (built on @fleet/auth's Authenticator) and the dependency probes (MySQL, Redis) through this factory.
 */
export interface DebugDependencies {
  access(authorization: string | undefined, ip: string): Promise<DebugAccessVerdict>;
  /** Named probes reported in /debug/facts with their outcome and latency, e.g. `{ mysql, redis }`. */
  readonly probes?: Readonly<Record<string, () => Promise<unknown>>>;
  /** What `/debug/db/*` shows of the database (Fleet's db-locks, db-innodb-status, db-process-list); absent = 404. */
  readonly database?: DatabaseDiagnostics;
}

/** The database's state for `/debug/db/*`, as JSON-ready values (the composition reads them from MySQL). */
export interface DatabaseDiagnostics {
  /** Transactions waiting for locks others hold. */
  lockWaits(): Promise<readonly unknown[]>;
  /** `SHOW ENGINE INNODB STATUS`. */
  innodbStatus(): Promise<string>;
  /** `SHOW PROCESSLIST`. */
  processList(): Promise<readonly unknown[]>;
  /** Fleet's migration status (`status_code`, `missing_table`, `missing_data`, `unknown_table`, `unknown_data`). */
  migrationStatus(): Promise<unknown>;
}

export interface DebugModuleOptions {
  readonly imports?: ModuleMetadata['imports'];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Nest factory providers are untyped by design
  readonly inject?: any[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory(...deps: any[]): DebugDependencies | Promise<DebugDependencies>;
}

export const DEBUG_DEPENDENCIES = Symbol('DEBUG_DEPENDENCIES');
