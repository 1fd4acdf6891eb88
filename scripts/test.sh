#!/usr/bin/env bash
# The second command of the README: type checks, lint with the module boundaries (zero warnings), the
# build the end-to-end tests drive, then every unit, integration and e2e test against the real MariaDB and
# Redis on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
bash scripts/ensure-services.sh
echo "[test] typecheck" >&2
npx tsc -p tsconfig.json
echo "[test] lint" >&2
npx nx show projects >/dev/null
npx eslint --max-warnings=0 apps libs e2e
echo "[test] build" >&2
node tools/build.js >/dev/null
echo "[test] jest" >&2
npx jest --maxWorkers=2 "$@"
