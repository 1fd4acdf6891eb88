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
npx tsc -p apps/admin-ui/tsconfig.json
echo "[test] lint" >&2
npx nx show projects >/dev/null
npx eslint --max-warnings=0 apps libs e2e
echo "[test] build" >&2
node tools/build.js >/dev/null
npx vite build --logLevel warn --config apps/admin-ui/vite.config.mts
# The fleet-scale tests (1,000 simulated agents, two replicas behind nginx) measure latency, so they run one
# at a time after the rest instead of sharing the two cores with other test files.
SCALE='e2e/(agent-fleet|live-query-fleet|live-query-failover)\.int\.spec\.ts'
export JEST_SUMMARY_FILE="$(mktemp)"
trap 'rm -f "$JEST_SUMMARY_FILE"' EXIT
echo "[test] jest" >&2
status=0
npx jest --maxWorkers=2 --testPathIgnorePatterns "$SCALE" "$@" || status=$?
echo "[test] jest: fleet-scale tests, one at a time" >&2
npx jest --runInBand --testPathPatterns "$SCALE" "$@" || status=$?
exit $status
