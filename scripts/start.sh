#!/usr/bin/env bash
# The first command of the README: installs, makes sure MariaDB and Redis run, applies migrations and runs
# every role in one process over HTTPS with a generated development certificate.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[start] installing dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi
bash scripts/ensure-services.sh
echo "[start] building" >&2
node tools/build.js >/dev/null
npx vite build --logLevel warn --config apps/admin-ui/vite.config.mts

export FLEET_MYSQL_ADDRESS="${FLEET_MYSQL_ADDRESS:-127.0.0.1:3306}"
export FLEET_MYSQL_USERNAME="${FLEET_MYSQL_USERNAME:-root}"
export FLEET_MYSQL_DATABASE="${FLEET_MYSQL_DATABASE:-fleet}"
export FLEET_REDIS_ADDRESS="${FLEET_REDIS_ADDRESS:-127.0.0.1:6379}"

node bin/fleet.js prepare db --no-prompt
exec node bin/fleet.js serve --dev "$@"
