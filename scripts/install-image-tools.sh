#!/usr/bin/env bash
# Install what `make image` and tests/deploy/image need when no Docker daemon answers: Debian's buildah
# (builds the Dockerfile without a daemon), podman and runc (run the image the way the chart
# runs it) and debootstrap (makes the base image locally when no registry is reachable); and jq,
# which the docs' examples pipe through (tests/contract/test_doc_commands.py runs them).
# Safe to run again: it only installs what is missing.
#
# Runs as root with no stdin (CI); as another user it uses sudo for apt-get.
set -euo pipefail

log() { printf 'install-image-tools: %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

# command -> Debian package
declare -A PACKAGES=(
    [buildah]=buildah
    [podman]=podman
    [runc]=runc
    [debootstrap]=debootstrap
    [newuidmap]=uidmap
    [jq]=jq
)

missing=()
for cmd in "${!PACKAGES[@]}"; do
    if ! command -v "$cmd" >/dev/null 2>&1 && ! [ -x "/usr/sbin/$cmd" ]; then
        missing+=("${PACKAGES[$cmd]}")
    fi
done
# podman's default network needs the CNI plugins even when tests use --network host
if ! [ -d /usr/lib/cni ]; then
    missing+=(containernetworking-plugins)
fi

if [ "${#missing[@]}" -eq 0 ]; then
    log "present: buildah $(buildah --version | awk '{print $3}'), podman $(podman --version | awk '{print $3}'), runc, debootstrap, jq"
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
log "apt-get install ${missing[*]}"
if ! as_root apt-get install -y -q --no-install-recommends "${missing[@]}"; then
    log "apt-get update, then install again"
    as_root apt-get update -q
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
log "installed: buildah $(buildah --version | awk '{print $3}'), podman $(podman --version | awk '{print $3}')"
