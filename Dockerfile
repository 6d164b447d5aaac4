# syntax=docker/dockerfile:1
# triage-worker image: multi-stage, non-root (UID 10001), read-only-root-filesystem friendly.
#
#   make image        (docker when its daemon answers, else buildah: scripts/build-image.sh)
#   docker build -t triage-worker:dev .
#   docker run --rm -p 8000:8000 -e TRIAGE_KAFKA__BOOTSTRAP_SERVERS=host:9092 triage-worker:dev
#
# Base: python 3.11 slim (Debian bookworm), pinned by exact tag AND by the digest of the
# multi-architecture index. Bump both together; check the digest with
#   docker buildx imagetools inspect python:3.11.14-slim-bookworm
ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm@sha256:65a93d69fa75478d554f4ad27c85c1e69fa184956261b4301ebaf6dbb0a3543d

# --------------------------------------------------------------------------------------------
# builder: resolve the pinned dependencies and install the worker into a self-contained venv
# --------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

# Dependencies first, in their own layer: a code change reuses it from the build cache. Runtime
# deps are pinned (==) in pyproject.toml; when a hash-locked requirements.lock exists it is used
# instead (the glob keeps this COPY valid without it).
COPY pyproject.toml requirements*.lock ./
RUN if [ -f requirements.lock ]; then pip install --require-hashes -r requirements.lock; fi
COPY README.md ./
COPY worker/ ./worker/
RUN if [ -f requirements.lock ]; then \
        pip install --no-deps . ; \
    else \
        pip install . ; \
    fi \
    # a dependency missing from requirements.lock fails here, by name, not at run time
    && pip check \
    # byte-compile everything now: at run time the filesystem is read-only
    && python -m compileall -q /opt/venv/lib \
    # the venv needs no installer at run time
    && pip uninstall --yes pip setuptools wheel \
    && triage-worker --help >/dev/null

# --------------------------------------------------------------------------------------------
# runtime: the venv, the scoring rules, a numeric non-root user; no compilers, no pip in the venv
# --------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

ARG APP_UID=10001
ARG APP_GID=10001

LABEL org.opencontainers.image.title="triage-worker" \
      org.opencontainers.image.description="Kafka worker that scores and tags support tickets" \
      org.opencontainers.image.licenses="Apache-2.0"

# Not --system: a system account's uid must lie in SYS_UID_MIN..SYS_UID_MAX (100-999), and
# useradd warns for 10001. --no-log-init keeps a large uid from growing /var/log/faillog.
RUN groupadd --gid "${APP_GID}" triage \
    && useradd --uid "${APP_UID}" --gid "${APP_GID}" --no-create-home --no-log-init \
       --home-dir /nonexistent --shell /usr/sbin/nologin triage

# PYTHONDONTWRITEBYTECODE: never write .pyc next to the code (read-only root filesystem).
# TMPDIR: the only writable place; Kubernetes mounts an emptyDir there.
# TRIAGE_HTTP__HOST: inside a container the loopback default would make /metrics unreachable.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    TMPDIR=/tmp \
    TRIAGE_CONFIG_DIR=/app/config \
    TRIAGE_HTTP__HOST=0.0.0.0 \
    TRIAGE_HTTP__PORT=8000 \
    TRIAGE_LOGGING__FORMAT=json

COPY --from=builder /opt/venv /opt/venv
# Scoring rules (YAML and fitted *.weights.json) are baked in; the Helm chart can override the
# YAML files with a ConfigMap (see docs/deployment.md). Owned by root: the worker only reads them.
COPY config/ /app/config/

WORKDIR /app
USER ${APP_UID}:${APP_GID}
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('TRIAGE_HTTP__PORT', '8000'), timeout=4)"]

ENTRYPOINT ["triage-worker"]
CMD ["run"]
