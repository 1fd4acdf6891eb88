import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';

/** Where the test MariaDB and Redis are; the defaults are the development machines' local services. */
export const TEST_MYSQL_ADDRESS = '127.0.0.1:3306';
export const TEST_REDIS_ADDRESS = '127.0.0.1:6379';

/**
 * A configuration for tests: local MariaDB as root, plain HTTP on a free port, quiet logs. `flags` use the
 * flag names (`mysql_database`, `redis_address`) and win over everything, as on the command line.
 */
export function testConfig(flags: Record<string, string | boolean> = {}): FleetConfig {
  return loadConfig({
    flags: {
      mysql_address: TEST_MYSQL_ADDRESS,
      mysql_username: 'root',
      mysql_max_open_conns: '10',
      redis_address: TEST_REDIS_ADDRESS,
      server_address: '127.0.0.1:0',
      server_tls: false,
      logging_disable_banner: true,
      // The vulnerabilities schedule runs at start: tests download no feeds and read an empty directory unless they say otherwise.
      vulnerabilities_disable_data_sync: true,
      vulnerabilities_databases_path: path.join(tmpdir(), 'fleet-test-no-vulnerability-feeds'),
      ...flags,
    },
    env: {},
  });
}
