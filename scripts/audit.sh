#!/usr/bin/env bash
# Vulnerability audit of the locked runtime dependencies (requirements.lock).
#
# pip-audit runs from its own tools venv under .cache/ (never the project venv) and checks
# every pinned package against PyPI's vulnerability data (--vulnerability-service pypi: the
# OSV service is not reachable from our machines, PyPI is). --no-deps --disable-pip: the lock
# is already complete and hashed, so nothing is resolved or installed to audit it.
#
# Where PyPI's per-release JSON (/pypi/NAME/VERSION/json, which pip-audit needs) is not
# served, as on our machines, pip-audit cannot audit anything; the script then falls back to
# the per-project JSON (/pypi/NAME/json), whose "vulnerabilities" are those of the latest
# release: a pin that is the latest release is audited from it, any other pin is reported as
# NOT AUDITED (never silently passed).
#
# Exit status: 0 every pin audited, none vulnerable; 1 vulnerabilities found; 3 some pins
# could not be audited; other: the audit itself failed.
#
# Regenerate the lock after changing pyproject.toml's dependencies:
#   .cache/audit-tools/bin/pip-compile --generate-hashes --strip-extras --no-emit-index-url \
#       --no-emit-find-links -o requirements.lock pyproject.toml
set -euo pipefail

cd "$(dirname "$0")/.."
TOOLS=.cache/audit-tools
PIP_AUDIT_VERSION=2.10.1
PIP_TOOLS_VERSION=7.6.2

if ! "$TOOLS/bin/pip-audit" --version 2>/dev/null | grep -q " $PIP_AUDIT_VERSION\$"; then
    echo "installing pip-audit $PIP_AUDIT_VERSION and pip-tools $PIP_TOOLS_VERSION into $TOOLS" >&2
    python3 -m venv "$TOOLS"
    "$TOOLS/bin/pip" install --quiet "pip-audit==$PIP_AUDIT_VERSION" "pip-tools==$PIP_TOOLS_VERSION"
fi

LOCK=requirements.lock
echo "auditing $(grep -c '^[A-Za-z0-9].*==' "$LOCK") pinned packages in $LOCK"
set +e
"$TOOLS/bin/pip-audit" --requirement "$LOCK" --vulnerability-service pypi --no-deps \
    --disable-pip --strict --progress-spinner off --desc on >.cache/pip-audit.out 2>&1
status=$?
set -e
if [ "$status" -eq 0 ] || grep -q "known vulnerabilit" .cache/pip-audit.out; then
    grep -v "encouraged to fully hash\|Consider using a tool like" .cache/pip-audit.out || true
    exit "$status"
fi
grep "could not be audited" .cache/pip-audit.out | head -1 | sed 's/^/pip-audit: /' || true
echo "pip-audit could not query per-release data; falling back to PyPI's per-project JSON"
exec "$TOOLS/bin/python" - "$LOCK" <<'PY'
import json, os, re, ssl, sys, urllib.request

cafile = os.environ.get("PIP_CERT") or None
context = ssl.create_default_context(cafile=cafile)
pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", open(sys.argv[1]).read(), re.M)
vulnerable, unaudited = 0, 0
print(f"{'package':<22}{'pinned':<14}{'latest':<14}result")
for name, version in pins:
    url = f"https://pypi.org/pypi/{name}/json"
    try:
        with urllib.request.urlopen(url, timeout=30, context=context) as response:
            data = json.load(response)
    except OSError as exc:
        print(f"{name:<22}{version:<14}{'?':<14}NOT AUDITED ({exc})")
        unaudited += 1
        continue
    latest = data["info"]["version"]
    if latest != version:
        print(f"{name:<22}{version:<14}{latest:<14}NOT AUDITED (not the latest release)")
        unaudited += 1
        continue
    vulns = [v for v in data.get("vulnerabilities", []) if not v.get("withdrawn")]
    for v in vulns:
        ids = ", ".join([v.get("id", "?"), *v.get("aliases", [])])
        fixed = ", ".join(v.get("fixed_in") or []) or "no fix"
        print(f"{name:<22}{version:<14}{latest:<14}VULNERABLE {ids} (fixed in: {fixed})")
    if not vulns:
        print(f"{name:<22}{version:<14}{latest:<14}ok, no known vulnerabilities")
    vulnerable += len(vulns)
print(f"{len(pins)} pins: {vulnerable} known vulnerabilities, {unaudited} not audited")
sys.exit(1 if vulnerable else 3 if unaudited else 0)
PY
