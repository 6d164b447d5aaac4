#!/usr/bin/env bash
# Install the observability test toolchain; safe to run again (it only does what is missing).
#
#   1. Debian's `prometheus` package, for `prometheus` and `promtool` (tests start their own
#      server on 127.0.0.1; the distribution's service is never left running).
#   2. `tests/deploy/monitoring/dashboard/node_modules` from the committed package-lock.json
#      (`npm ci`), for the Grafana dashboard type-check (typescript + @grafana/schema).
#
# Runs as root with no stdin (CI); as another user it uses sudo for apt-get.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DASHBOARD_DIR="$ROOT/tests/deploy/monitoring/dashboard"

log() { printf 'install-prometheus: %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

prometheus_pids() {
    # PIDs of running prometheus servers (exact process name; never matches promtool).
    pgrep -x prometheus 2>/dev/null | sort || true
}

install_prometheus() {
    if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
        log "prometheus and promtool present: $(promtool --version 2>&1 | head -n 1)"
        return 0
    fi
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-cache show prometheus >/dev/null 2>&1 \
        || [ -z "$(apt-cache policy prometheus | awk '/Candidate:/ {print $2}' | grep -v none)" ]; then
        log "apt-get update (package lists do not know prometheus yet)"
        as_root apt-get update -q
    fi

    local before after created_policy=0 pid
    before="$(prometheus_pids)"
    # Keep the package's init/systemd hooks from starting the service (the Docker trick):
    # only if no policy already exists, and removed again afterwards.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        as_root sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d'
        as_root chmod 755 /usr/sbin/policy-rc.d
        created_policy=1
    fi
    log "apt-get install prometheus"
    set +e
    as_root apt-get install -y -q --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold prometheus \
        </dev/null
    local rc=$?
    set -e
    if [ "$created_policy" -eq 1 ]; then
        as_root rm -f /usr/sbin/policy-rc.d
    fi
    [ "$rc" -eq 0 ] || { log "apt-get install failed (exit $rc)"; exit "$rc"; }

    # Stop a service the install started anyway (only servers that were not running before).
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        as_root systemctl disable --now prometheus >/dev/null 2>&1 || true
    fi
    after="$(prometheus_pids)"
    for pid in $(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after")); do
        log "stopping prometheus pid $pid started by the package install"
        as_root kill "$pid" 2>/dev/null || true
    done
    log "installed: $(promtool --version 2>&1 | head -n 1)"
}

install_dashboard_toolchain() {
    if ! command -v npm >/dev/null 2>&1; then
        log "npm is missing: install Node.js 18+ (Debian: apt-get install nodejs npm)"
        exit 1
    fi
    local stamp="$DASHBOARD_DIR/node_modules/.package-lock.json"
    if [ -f "$stamp" ] && [ -x "$DASHBOARD_DIR/node_modules/.bin/tsc" ] \
        && cmp -s "$DASHBOARD_DIR/package-lock.json" "$DASHBOARD_DIR/node_modules/.installed-lock" 2>/dev/null; then
        log "dashboard toolchain present (tests/deploy/monitoring/dashboard/node_modules)"
        return 0
    fi
    log "npm ci in tests/deploy/monitoring/dashboard"
    (cd "$DASHBOARD_DIR" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$DASHBOARD_DIR/package-lock.json" "$DASHBOARD_DIR/node_modules/.installed-lock"
}

install_prometheus
install_dashboard_toolchain
log "done"
