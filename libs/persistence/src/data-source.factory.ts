import { readFileSync } from 'node:fs';
import * as mysql2 from 'mysql2';
import { DataSource } from 'typeorm';
import type { DataSourceOptions } from 'typeorm';
import type { MysqlConnectionCredentialsOptions } from 'typeorm/driver/mysql/MysqlConnectionCredentialsOptions';
import type { FleetConfig } from '@fleet/config';
import { MIGRATIONS } from './migrations';

type MysqlSection = FleetConfig['mysql'];

function credentials(section: MysqlSection): MysqlConnectionCredentialsOptions {
  const password = section.password_path ? readFileSync(section.password_path, 'utf8').trim() : section.password;
  const base = { username: section.username, password, database: section.database };
  if (section.protocol === 'unix') return { ...base, socketPath: section.address };
  const [host, port] = splitHostPort(section.address, 3306);
  const ssl = tlsOptions(section);
  return { ...base, host, port, ...(ssl ? { ssl } : {}) };
}

function tlsOptions(section: MysqlSection): Record<string, unknown> | undefined {
  if (!section.tls_ca && !section.tls_cert && section.tls_config !== 'true' && section.tls_config !== 'skip-verify') return undefined;
  return {
    ca: section.tls_ca ? readFileSync(section.tls_ca, 'utf8') : undefined,
    cert: section.tls_cert ? readFileSync(section.tls_cert, 'utf8') : undefined,
    key: section.tls_key ? readFileSync(section.tls_key, 'utf8') : undefined,
    servername: section.tls_server_name || undefined,
    rejectUnauthorized: section.tls_config !== 'skip-verify',
  };
}

export function splitHostPort(address: string, defaultPort: number): [string, number] {
  const m = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(address);
  const host = m?.[1] || 'localhost';
  return [host, m?.[2] ? Number(m[2]) : defaultPort];
}

/**
 * The TypeORM data source for MySQL 8.0 or MariaDB 10.11 (the `mysql` driver speaks to both through
 * mysql2). Never `synchronize`: the schema changes only through migrations (`fleet prepare db`).
 * Repositories speak SQL through the data source (multi-row statements and upserts on the hot path), so no
 * entity classes are registered. With a read replica configured, reads that ask for it
 * (`createQueryRunner('slave')`, which `replicaReads` does for the read-heavy admin repositories) go to the replica.
 */
export function dataSourceOptions(config: FleetConfig, overrides: { database?: string } = {}): DataSourceOptions {
  const primary = { ...credentials(config.mysql), ...(overrides.database ? { database: overrides.database } : {}) };
  const m = config.mysql;
  const common = {
    type: 'mysql' as const,
    // Given rather than left to TypeORM's require by name, which a bundled executable cannot resolve.
    driver: mysql2,
    entities: [],
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    connectTimeout: 5000,
    poolSize: m.max_open_conns,
    extra: {
      maxIdle: Math.min(m.max_idle_conns, m.max_open_conns),
      idleTimeout: m.conn_max_lifetime > 0 ? m.conn_max_lifetime * 1000 : 60_000,
      enableKeepAlive: true,
      // TypeORM queries through mysql2's promise wrapper, which otherwise captures a stack trace per query for the
      // error it might raise (2.7 % of the ingest role's busy CPU at 10,000 hosts); TypeORM's QueryFailedError
      // still carries the query and the caller's async stack.
      trace: false,
      ...(m.sql_mode ? { sqlMode: m.sql_mode } : {}),
    },
  };
  if (config.mysql_read_replica.address) {
    // A node that failed to connect five times in a row rests for 5 s and is then tried again (mysql2's default
    // would drop it for the life of the process); reads of an unreachable replica fall back to the primary
    // (replica-reads.ts).
    return { ...common, replication: { master: primary, slaves: [credentials(config.mysql_read_replica)], restoreNodeTimeout: 5000 } };
  }
  return { ...common, ...primary };
}

export function createDataSource(config: FleetConfig, overrides: { database?: string } = {}): DataSource {
  return new DataSource(dataSourceOptions(config, overrides));
}
