#!/usr/bin/env bash
# `make image`: build the worker image from the Dockerfile with whatever this machine has.
#
#   - docker, when its daemon answers (`docker info`);
#   - else buildah (no daemon): vfs storage and chroot isolation, so it also works inside an
#     unprivileged container; Docker image format, because the OCI format has no HEALTHCHECK.
#
# Base image: the Dockerfile's pinned python image when Docker Hub answers; otherwise one made
# here from Debian packages (debootstrap --variant=minbase bookworm + python3, python3-venv),
# cached as a tarball under ~/.cache/triage-worker/base/ like the Kafka jars, and passed in
# with --build-arg PYTHON_IMAGE. Builds reuse cached layers (--layers), so a code-only change
# rebuilds only the layers after the dependency install.
#
#   scripts/build-image.sh                 build $IMAGE (default triage-worker:dev)
#   scripts/build-image.sh storage-flags   print the global flags podman needs to see that image
#
# Environment: IMAGE (tag), TRIAGE_IMAGE_BASE=auto|registry|local (default auto),
# TRIAGE_CACHE_DIR (default ~/.cache/triage-worker), TRIAGE_IMAGE_BUILDER=auto|docker|buildah.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAGE="${IMAGE:-triage-worker:dev}"
CACHE_DIR="${TRIAGE_CACHE_DIR:-$HOME/.cache/triage-worker}"
BASE_MODE="${TRIAGE_IMAGE_BASE:-auto}"
BUILDER="${TRIAGE_IMAGE_BUILDER:-auto}"
SUITE=bookworm
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
BASE_PACKAGES=python3,python3-venv,python-is-python3,ca-certificates
BASE_TAG="localhost/triage-worker-base:${SUITE}-python3"
BASE_TAR="$CACHE_DIR/base/${SUITE}-minbase-python3.tar"
STORAGE=(--root "$CACHE_DIR/containers/storage" --runroot "${TMPDIR:-/tmp}/triage-worker-containers-$(id -u)" --storage-driver vfs)

log() { printf 'build-image: %s\n' "$*" >&2; }

if [ "${1:-}" = "storage-flags" ]; then
    printf '%s\n' "${STORAGE[@]}"
    exit 0
fi

docker_answers() {
    command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1
}

registry_answers() {
    # Docker Hub's registry answers 401 to an anonymous /v2/ when it is reachable.
    local code
    code="$(curl -s -o /dev/null -m 5 -w '%{http_code}' https://registry-1.docker.io/v2/ || true)"
    [ "$code" = "401" ] || [ "$code" = "200" ]
}

make_base_tar() {
    if [ -s "$BASE_TAR" ]; then
        log "base rootfs cached: $BASE_TAR"
        return 0
    fi
    command -v debootstrap >/dev/null 2>&1 || bash "$ROOT/scripts/install-image-tools.sh"
    local rootfs
    rootfs="$(mktemp -d "${TMPDIR:-/tmp}/triage-base.XXXXXX")"
    log "debootstrap --variant=minbase $SUITE (+ $BASE_PACKAGES) from $MIRROR"
    debootstrap --variant=minbase --include="$BASE_PACKAGES" "$SUITE" "$rootfs" "$MIRROR" >&2
    # what a slim image leaves out: package caches and lists, docs, man pages, translations
    rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
        "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* \
        "$rootfs"/var/log/* "$rootfs"/tmp/* 2>/dev/null || true
    mkdir -p "$(dirname "$BASE_TAR")"
    tar -C "$rootfs" --numeric-owner -cf "$BASE_TAR.part" .
    mv "$BASE_TAR.part" "$BASE_TAR"
    rm -rf "$rootfs"
    log "base rootfs: $BASE_TAR ($(du -h "$BASE_TAR" | cut -f1))"
}

# The base image is imported again only when the tarball is newer than the image.
import_base_buildah() {
    make_base_tar
    local created
    created="$(buildah "${STORAGE[@]}" inspect --type image --format '{{.FromImageID}}' "$BASE_TAG" 2>/dev/null || true)"
    if [ -n "$created" ] && [ "$BASE_TAR" -ot "$CACHE_DIR/base/.imported-buildah" ]; then
        return 0
    fi
    log "importing $BASE_TAG"
    local ctr
    ctr="$(buildah "${STORAGE[@]}" from scratch)"
    buildah "${STORAGE[@]}" add "$ctr" "$BASE_TAR" / >/dev/null
    buildah "${STORAGE[@]}" config --env LANG=C.UTF-8 \
        --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        --cmd python3 "$ctr"
    buildah "${STORAGE[@]}" commit --quiet --format docker --rm "$ctr" "$BASE_TAG" >/dev/null
    touch "$CACHE_DIR/base/.imported-buildah"
}

import_base_docker() {
    make_base_tar
    if docker image inspect "$BASE_TAG" >/dev/null 2>&1 \
        && [ "$BASE_TAR" -ot "$CACHE_DIR/base/.imported-docker" ]; then
        return 0
    fi
    docker import --change 'ENV LANG=C.UTF-8' \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["python3"]' "$BASE_TAR" "$BASE_TAG" >/dev/null
    touch "$CACHE_DIR/base/.imported-docker"
}

# pip inside the build sees the index and CA bundle the host's pip uses (a TLS-inspecting proxy
# or a private index), through files mounted for the RUN steps only: nothing lands in a layer.
pip_host_config() {
    local cert index conf
    cert="${PIP_CERT:-$(pip3 config get global.cert 2>/dev/null || true)}"
    index="${PIP_INDEX_URL:-$(pip3 config get global.index-url 2>/dev/null || true)}"
    [ -n "$cert$index" ] || return 0
    conf="$CACHE_DIR/build/pip.conf"
    mkdir -p "$(dirname "$conf")"
    {
        echo "[global]"
        if [ -n "$cert" ] && [ -f "$cert" ]; then echo "cert = /etc/ssl/certs/triage-build-ca.crt"; fi
        if [ -n "$index" ]; then echo "index-url = $index"; fi
    } >"$conf"
    PIP_MOUNTS=(--volume "$conf:/etc/pip.conf:ro")
    if [ -n "$cert" ] && [ -f "$cert" ]; then
        PIP_MOUNTS+=(--volume "$cert:/etc/ssl/certs/triage-build-ca.crt:ro")
    fi
}
PIP_MOUNTS=()

if [ "$BUILDER" = "auto" ]; then
    if docker_answers; then BUILDER=docker; else BUILDER=buildah; fi
fi
if [ "$BASE_MODE" = "auto" ]; then
    if registry_answers; then BASE_MODE=registry; else BASE_MODE=local; fi
fi
log "builder: $BUILDER, base: $BASE_MODE, image: $IMAGE"

build_args=()
start=$(date +%s)
case "$BUILDER" in
    docker)
        if [ "$BASE_MODE" = "local" ]; then
            import_base_docker
            build_args=(--build-arg "PYTHON_IMAGE=$BASE_TAG")
        fi
        docker build "${build_args[@]}" -t "$IMAGE" "$ROOT"
        size="$(docker image inspect --format '{{.Size}}' "$IMAGE")"
        ;;
    buildah)
        command -v buildah >/dev/null 2>&1 || bash "$ROOT/scripts/install-image-tools.sh"
        if [ "$BASE_MODE" = "local" ]; then
            import_base_buildah
            build_args=(--build-arg "PYTHON_IMAGE=$BASE_TAG" --pull-never)
        else
            # buildah refuses an unqualified short name when registries.conf lists no search
            # registry: qualify the Dockerfile's Docker Hub default.
            default="$(sed -n 's/^ARG PYTHON_IMAGE=//p' "$ROOT/Dockerfile")"
            case "${default%%:*}" in
                */*) ;;
                *) build_args=(--build-arg "PYTHON_IMAGE=docker.io/library/$default") ;;
            esac
        fi
        pip_host_config
        buildah "${STORAGE[@]}" bud --isolation chroot --format docker --layers \
            "${build_args[@]}" "${PIP_MOUNTS[@]}" -t "$IMAGE" -f "$ROOT/Dockerfile" "$ROOT" >&2
        size="$(podman "${STORAGE[@]}" image inspect --format '{{.Size}}' "$IMAGE")"
        ;;
    *)
        log "unknown builder $BUILDER (docker or buildah)"
        exit 2
        ;;
esac
seconds=$(($(date +%s) - start))
printf 'image %s built with %s in %ss, %s MB\n' "$IMAGE" "$BUILDER" "$seconds" "$((size / 1000000))"
