"""The Dockerfile: hadolint-clean, every COPY source in the repo, hardened runtime stage."""

from __future__ import annotations

import fnmatch
import re
import shlex

from tests.deploy.helmtools import REPO, run, tool

DOCKERFILE = REPO / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    out: list[tuple[str, str]] = []
    current = ""
    for raw in DOCKERFILE.read_text().splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if current and line.startswith("#"):
            continue  # a comment inside a continued instruction
        current += " " + line.removesuffix("\\") if current else line.removesuffix("\\")
        if not line.endswith("\\"):
            keyword, _, rest = current.strip().partition(" ")
            out.append((keyword.upper(), rest.strip()))
            current = ""
    return out


def stages() -> list[list[tuple[str, str]]]:
    """Instructions grouped by build stage (global ARGs before the first FROM are dropped)."""
    grouped: list[list[tuple[str, str]]] = []
    for keyword, rest in instructions():
        if keyword == "FROM":
            grouped.append([])
        if grouped:
            grouped[-1].append((keyword, rest))
    return grouped


def copy_sources(rest: str) -> list[str]:
    """Sources of a COPY (not COPY --from, which copies from another stage)."""
    if rest.startswith("["):
        import json

        parts = json.loads(rest)
    else:
        parts = shlex.split(rest)
    flags = [p for p in parts if p.startswith("--")]
    if any(f.startswith("--from") for f in flags):
        return []
    paths = [p for p in parts if not p.startswith("--")]
    return paths[:-1]


def test_hadolint_passes() -> None:
    """hadolint reports nothing for the Dockerfile."""
    result = run([tool("hadolint"), "--no-color", str(DOCKERFILE)])
    assert 0 == result.returncode, result.stdout + result.stderr
    assert "" == result.stdout.strip()


def test_copy_sources_exist() -> None:
    """Every COPY source exists in the repo (a glob matches at least one file per COPY)."""
    copies = [copy_sources(rest) for keyword, rest in instructions() if keyword == "COPY"]
    assert copies
    for sources in copies:
        if not sources:
            continue
        matched = []
        for source in sources:
            if any(c in source for c in "*?["):
                hits = [p for p in REPO.iterdir() if fnmatch.fnmatch(p.name, source)]
                matched += hits
                continue
            path = REPO / source.rstrip("/")
            assert path.exists(), f"COPY source {source} is not in the repo"
            matched.append(path)
        assert matched


def test_copy_sources_not_dockerignored() -> None:
    """The allow-list .dockerignore re-includes every COPY source."""
    ignore = (REPO / ".dockerignore").read_text().splitlines()
    allowed = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
    for keyword, rest in instructions():
        if keyword != "COPY":
            continue
        for source in copy_sources(rest):
            assert source.rstrip("/") in allowed, f"{source} is excluded by .dockerignore"


def test_base_image_pinned_by_tag_and_digest() -> None:
    """The Python base image is pinned by exact version tag and sha256 digest."""
    text = DOCKERFILE.read_text()
    match = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", text, re.MULTILINE)
    assert match
    assert re.fullmatch(r"python:3\.11\.\d+-slim-\w+@sha256:[0-9a-f]{64}", match.group(1))
    froms = [rest for keyword, rest in instructions() if keyword == "FROM"]
    assert len(froms) >= 2  # multi-stage
    assert all(f.startswith("${PYTHON_IMAGE}") for f in froms)


def test_runtime_stage_is_hardened() -> None:
    """The final stage runs as a numeric non-root user with the worker entrypoint and config."""
    final = stages()[-1]
    keywords = [k for k, _ in final]
    user = [rest for k, rest in final if k == "USER"]
    assert 1 == len(user)
    args = {
        rest.split("=")[0]: rest.split("=")[1] for k, rest in final if k == "ARG" and "=" in rest
    }
    uid = user[0].split(":")[0]
    uid = args.get(uid.strip("${}"), uid)
    assert uid.isdigit() and int(uid) >= 10000
    assert keywords.index("USER") > max(i for i, k in enumerate(keywords) if k in ("RUN", "COPY"))
    assert ("ENTRYPOINT", '["triage-worker"]') in final
    assert ("CMD", '["run"]') in final
    env = " ".join(rest for k, rest in final if k == "ENV")
    assert "TRIAGE_CONFIG_DIR=/app/config" in env
    assert "PYTHONDONTWRITEBYTECODE=1" in env
    assert ("COPY", "config/ /app/config/") in final
    runs = " ".join(rest for k, rest in final if k == "RUN")
    assert not re.search(r"\b(apt-get|pip) install\b", runs), "no installs in the runtime stage"
