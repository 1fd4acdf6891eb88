import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Set by the standalone executables' bundler (tools/package.js), which have no package.json beside them. */
declare const FLEET_PACKAGED_VERSION: string | undefined;

/** The workspace version (package.json `fleet-ts`), which fleetctl shares with the server it ships with. */
export function cliVersion(): string {
  if (typeof FLEET_PACKAGED_VERSION === 'string') return FLEET_PACKAGED_VERSION;
  let dir = __dirname;
  for (let i = 0; i < 8; i += 1) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'fleet-ts') return pkg.version ?? '0.0.0-dev';
    }
    dir = dirname(dir);
  }
  return '0.0.0-dev';
}

/** The root of the installation (where bin/ and dist/ are), for preview to find `fleet` and osquery-perf. */
export function installRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i += 1) {
    if (existsSync(join(dir, 'bin', 'fleet.js'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the fleet installation (bin/fleet.js) above ' + __dirname);
}
