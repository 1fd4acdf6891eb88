#!/usr/bin/env bash
# The second command of the README: type checks, lint with the module boundaries (zero warnings), the build
# the end-to-end tests drive, then the three test tiers, fastest first: unit (no I/O), integration (the real
# MariaDB and Redis on localhost), end-to-end (built binaries, simulated agents, nginx, Chromium), and last the
# fleet-scale tests and the reliability suite's CI runs (e2e/reliability), one at a time because they measure latency.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
bash scripts/ensure-services.sh
bash scripts/ensure-test-tools.sh
echo "[test] typecheck" >&2
npx tsc -p tsconfig.json
npx tsc -p apps/admin-ui/tsconfig.json
echo "[test] lint" >&2
npx nx show projects >/dev/null
npx eslint --max-warnings=0 apps libs bench e2e
echo "[test] build" >&2
node tools/build.js >/dev/null
npx vite build --logLevel warn --config apps/admin-ui/vite.config.mts
SCALE='e2e/((agent-fleet|live-query-fleet|live-query-failover|live-query-waiting|redis-cluster)\.int\.spec\.ts|reliability/)'
export JEST_SUMMARY_FILE="$(mktemp)"
trap 'rm -f "$JEST_SUMMARY_FILE"' EXIT
status=0
echo "[test] jest: unit" >&2
npx jest --selectProjects unit "$@" || status=$?
echo "[test] jest: integration" >&2
npx jest --selectProjects int --maxWorkers=2 "$@" || status=$?
echo "[test] jest: end-to-end" >&2
npx jest --selectProjects e2e --maxWorkers=2 --testPathIgnorePatterns "$SCALE" "$@" || status=$?
echo "[test] jest: fleet-scale tests, one at a time" >&2
npx jest --selectProjects e2e --runInBand --testPathPatterns "$SCALE" "$@" || status=$?
exit $status
