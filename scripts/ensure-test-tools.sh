#!/usr/bin/env bash
# Installs what only the tests need, from Debian's packages when missing (as root; otherwise says what to
# run). `npm start` never runs this; `npm run setup:test`, `npm test` and `.ci/run` do.
set -euo pipefail

SAY_TAG=test-tools
# shellcheck source=scripts/lib/apt.sh
. "$(dirname "$0")/lib/apt.sh"

missing=()
# The live-query failover and upgrade tests put fleet replicas behind a real nginx (each runs its own instance).
[ -x /usr/sbin/nginx ] || missing+=(nginx)
# The web UI test drives Debian's Chromium (no Playwright browser download is reachable).
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The Helm chart test renders charts/fleet with Helm's engine (Go text/template + sprig) built from Debian's Go
# packages, since no helm binary can be installed here.
command -v go >/dev/null 2>&1 || missing+=(golang-go)
[ -d /usr/share/gocode/src/github.com/Masterminds/sprig ] || missing+=(golang-github-masterminds-sprig-dev)
[ -d /usr/share/gocode/src/gopkg.in/yaml.v3 ] || missing+=(golang-gopkg-yaml.v3-dev)
# The monitoring tests check and unit-test the alert rules with promtool and scrape a running server with a
# real Prometheus (the package's service is not started: the test runs its own instance).
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
# The systemd unit is checked with `systemd-analyze verify`.
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
# The reliability suite builds network namespaces and veth pairs for its partitions (iproute2) and drops packets
# with tc netem, or with nftables inside the namespace where the kernel has no sch_netem.
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v nft >/dev/null 2>&1 || missing+=(nftables)
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
# The Kubernetes manifests test builds k8s/overlays with kubectl's built-in kustomize (v5 syntax); Debian's
# own kubernetes-client is too old for it, so a missing kubectl is reported, not installed.
command -v kubectl >/dev/null 2>&1 || say "kubectl is not installed: e2e/deploy/k8s-manifests.spec.ts will fail; install kubectl 1.27 or newer"
say "nginx, Chromium, Go with sprig, promtool, systemd-analyze, iproute2 and nftables are present"
