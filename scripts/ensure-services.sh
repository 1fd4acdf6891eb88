#!/usr/bin/env bash
# Makes sure MariaDB (or MySQL) and Redis answer on localhost. Starts them when installed but stopped;
# installs them from Debian packages when missing and running as root; otherwise says what to do.
set -euo pipefail

MYSQL_HOST=127.0.0.1
MYSQL_PORT=3306
REDIS_PORT=6379

say() { printf '[services] %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local port=$1 name=$2
  for _ in $(seq 1 60); do port_open "$port" && return 0; sleep 0.5; done
  say "$name did not come up on 127.0.0.1:$port"; return 1
}

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    say "$1 is not installed. Install it (e.g. 'sudo apt-get install -y $1') and run this again."; exit 1
  fi
  say "installing $1 from Debian packages"
  if [ -z "${APT_UPDATED:-}" ]; then DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

ensure_mariadb() {
  if port_open "$MYSQL_PORT"; then return 0; fi
  local installed_now=""
  if ! command -v mariadbd >/dev/null 2>&1 && ! command -v mysqld >/dev/null 2>&1; then
    apt_install mariadb-server; installed_now=1
  fi
  say "starting MariaDB"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  local daemon; daemon=$(command -v mariadbd || command -v mysqld)
  if [ "$(id -u)" = 0 ]; then
    start-stop-daemon --start --oknodo --background --exec "$daemon" -- --user=mysql --bind-address=127.0.0.1
  else
    say "MariaDB is installed but not running; start it (e.g. 'sudo service mariadb start')."; exit 1
  fi
  wait_port "$MYSQL_PORT" MariaDB
  if [ -n "$installed_now" ]; then
    # A fresh Debian MariaDB lets root in only through the unix socket; the product and its tests connect
    # over TCP as root with an empty password, as on the development machines.
    mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; FLUSH PRIVILEGES;" || true
  fi
}

ensure_redis() {
  if port_open "$REDIS_PORT"; then return 0; fi
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  say "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir "$( [ -w /var/lib/redis ] && echo /var/lib/redis || echo /tmp )" \
    --logfile "$( [ -w /var/log/redis ] && echo /var/log/redis/fleet-dev.log || echo /tmp/redis-fleet-dev.log )"
  wait_port "$REDIS_PORT" Redis
}

ensure_mariadb
ensure_redis
# The live-query failover test puts two gateway replicas behind a real nginx (it runs its own instance).
[ -x /usr/sbin/nginx ] || apt_install nginx
# The Kubernetes manifests test builds k8s/overlays with kubectl's built-in kustomize (v5 syntax); Debian's
# own kubernetes-client is too old for it, so a missing kubectl is reported, not installed.
# The web UI test drives Debian's Chromium (no Playwright browser download is reachable).
[ -x /usr/bin/chromium ] || apt_install chromium
# The Helm chart test renders charts/fleet with Helm's engine (Go text/template + sprig) built from Debian's Go
# packages, since no helm binary can be installed here.
command -v go >/dev/null 2>&1 || apt_install golang-go
[ -d /usr/share/gocode/src/github.com/Masterminds/sprig ] || apt_install golang-github-masterminds-sprig-dev
[ -d /usr/share/gocode/src/gopkg.in/yaml.v3 ] || apt_install golang-gopkg-yaml.v3-dev
command -v kubectl >/dev/null 2>&1 || say "kubectl is not installed: e2e/deploy/k8s-manifests.spec.ts will fail; install kubectl 1.27 or newer"
say "MariaDB on $MYSQL_HOST:$MYSQL_PORT and Redis on 127.0.0.1:$REDIS_PORT are up"
