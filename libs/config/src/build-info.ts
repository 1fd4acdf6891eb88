import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface BuildInfo {
  readonly version: string;
  readonly branch: string;
  readonly revision: string;
  readonly build_date: string;
  readonly build_user: string;
  readonly node_version: string;
  /** Fleet's key for the runtime that built the server; here the Node.js version (same as node_version), so Fleet clients find it. */
  readonly go_version: string;
}

function findPackageJson(start: string): { version?: string } {
  let dir = start;
  for (let i = 0; i < 8; i += 1) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'fleet-ts') return pkg;
    }
    dir = dirname(dir);
  }
  return {};
}

/** Set by the standalone executables' bundler (tools/package.js), which have no package.json beside them. */
declare const FLEET_PACKAGED_VERSION: string | undefined;

let cached: BuildInfo | undefined;

/** Version facts in the shape of Fleet's `/version`; the runtime version is given as `node_version` and under Fleet's `go_version` key. */
export function buildInfo(): BuildInfo {
  cached ??= {
    version: (typeof FLEET_PACKAGED_VERSION === 'string' ? FLEET_PACKAGED_VERSION : findPackageJson(__dirname).version) ?? '0.0.0-dev',
    branch: process.env['FLEET_BUILD_BRANCH'] ?? 'main',
    revision: process.env['FLEET_BUILD_REVISION'] ?? 'unknown',
    build_date: process.env['FLEET_BUILD_DATE'] ?? 'unknown',
    build_user: process.env['FLEET_BUILD_USER'] ?? 'unknown',
    node_version: process.version,
    go_version: process.version,
  };
  return cached;
}
