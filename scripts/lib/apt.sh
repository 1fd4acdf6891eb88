# Shared by scripts/ensure-services.sh and scripts/ensure-test-tools.sh (sourced, not run).
# say TEXT: a line on stderr tagged with $SAY_TAG. apt_install PACKAGE...: installs Debian packages when
# running as root (one `apt-get update` per run), otherwise says what to run and exits 1.

say() { printf '[%s] %s\n' "${SAY_TAG:-setup}" "$*" >&2; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    say "$* not installed. Install (e.g. 'sudo apt-get install -y $*') and run this again."; exit 1
  fi
  say "installing $* from Debian packages"
  if [ -z "${APT_UPDATED:-}" ]; then DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
