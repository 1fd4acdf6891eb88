#!/usr/bin/env bash
# Makes sure MariaDB (or MySQL) and Redis answer on localhost. Starts them when installed but stopped;
# installs them from Debian packages when missing and running as root; otherwise says what to do.
# This is all `npm start` needs; what only the tests need (nginx, Chromium, Go, Prometheus) is installed by
# scripts/ensure-test-tools.sh (`npm run setup:test`).
set -euo pipefail

MYSQL_HOST=127.0.0.1
MYSQL_PORT=3306
REDIS_PORT=6379
NATS_PORT=4222
AMQP_PORT=5672

SAY_TAG=services
# shellcheck source=scripts/lib/apt.sh
. "$(dirname "$0")/lib/apt.sh"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local port=$1 name=$2
  for _ in $(seq 1 60); do port_open "$port" && return 0; sleep 0.5; done
  say "$name did not come up on 127.0.0.1:$port"; return 1
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

# The NATS (JetStream) and RabbitMQ log destinations are optional for the product; their integration tests
# use the servers on this machine. Each is started when installed and stopped, never installed here.
ensure_nats() {
  if port_open "$NATS_PORT"; then return 0; fi
  command -v nats-server >/dev/null 2>&1 || { say "nats-server is not installed: the NATS log destination tests will fail (apt-get install nats-server)"; return 0; }
  say "starting NATS with JetStream"
  mkdir -p /var/lib/nats-server 2>/dev/null || true
  local store; store=$( [ -w /var/lib/nats-server ] && echo /var/lib/nats-server || echo /tmp/nats-fleet-dev )
  nohup nats-server -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$store" >/tmp/nats-fleet-dev.log 2>&1 &
  wait_port "$NATS_PORT" NATS
}

ensure_rabbitmq() {
  if port_open "$AMQP_PORT"; then return 0; fi
  command -v rabbitmq-server >/dev/null 2>&1 || { say "rabbitmq-server is not installed: the AMQP log destination tests will fail (apt-get install rabbitmq-server)"; return 0; }
  say "starting RabbitMQ"
  if [ "$(id -u)" = 0 ] && id rabbitmq >/dev/null 2>&1; then
    su -s /bin/sh rabbitmq -c 'rabbitmq-server -detached' || true
  else
    rabbitmq-server -detached || true
  fi
  wait_port "$AMQP_PORT" RabbitMQ
}

ensure_mariadb
ensure_redis
say "MariaDB on $MYSQL_HOST:$MYSQL_PORT and Redis on 127.0.0.1:$REDIS_PORT are up"
ensure_nats
ensure_rabbitmq
