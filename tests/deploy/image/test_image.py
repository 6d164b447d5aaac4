"""The container image: built by `make image`'s script, run the way the Helm chart runs it.

The chart's pod runs the image non-root (UID 10001), with a read-only root filesystem, /tmp as
an emptyDir and every capability dropped. Here podman does the same (runc, cgroupfs, host
network so the container reaches the harness broker on 127.0.0.1) against the real broker:
`--help`, `explain`, `topics create`, then `run` until /readyz answers 200, every sample
ticket is triaged, a bad record is dead-lettered, and SIGTERM ends it with exit status 0.

The image is built once per session (scripts/build-image.sh; cached layers make a rebuild
after a code change take seconds). Tools come from scripts/install-image-tools.sh, run here
when missing: never skipped.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.harness.kafka import free_port

ROOT = Path(__file__).resolve().parents[3]
IMAGE = os.environ.get("TRIAGE_TEST_IMAGE", "localhost/triage-worker:test")
BUILD_TIMEOUT_S = 1800
TICKETS = ROOT / "examples" / "tickets.jsonl"


def _chart_tmp_size() -> str:
    """The size of the chart's /tmp emptyDir (sizeLimit), in podman's tmpfs units."""
    helm = ROOT / ".cache" / "tools" / "bin" / "helm"
    if not helm.exists():
        installed = subprocess.run(
            ["bash", str(ROOT / "tests" / "tooling" / "install-helm-tools.sh")],
            check=False,
            timeout=900,
        )
        assert 0 == installed.returncode
    rendered = subprocess.run(
        [str(helm), "template", "triage", str(ROOT / "helm" / "triage-worker")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    deployment = next(d for d in yaml.safe_load_all(rendered) if d and d["kind"] == "Deployment")
    volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
    limit = str(volumes["tmp"]["emptyDir"]["sizeLimit"])
    number, unit = re.fullmatch(r"(\d+)(Ki|Mi|Gi)", limit).groups()  # type: ignore[union-attr]
    return f"{number}{unit[0].lower()}"


@pytest.fixture(scope="session", name="as_chart")
def fixture_as_chart() -> list[str]:
    """The chart's container securityContext and /tmp volume, in podman's words."""
    return [
        "--read-only",
        "--tmpfs",
        f"/tmp:rw,size={_chart_tmp_size()}",  # noqa: S108 (the container's /tmp)
        "--cap-drop",
        "ALL",
        "--security-opt",
        "no-new-privileges",
        "--user",
        "10001:10001",
        "--network",
        "host",
        # podman as root asks runc for nofile 1048576 and nproc 4194304, more than this
        # sandbox's hard limits allow (runc: "error setting rlimit ... operation not permitted")
        "--ulimit",
        "nofile=1024:1024",
        "--ulimit",
        "nproc=1024:1024",
    ]


pytestmark = pytest.mark.integration


def _run(args: list[str], timeout: float = 300, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, capture_output=True, text=True, check=False, timeout=timeout, **kwargs
    )


@pytest.fixture(scope="session", name="podman")
def fixture_podman() -> list[str]:
    """podman's command prefix: runc, cgroupfs, and the storage the build script uses."""
    if shutil.which("podman") is None or shutil.which("buildah") is None:
        installed = _run(["bash", str(ROOT / "scripts" / "install-image-tools.sh")], timeout=900)
        assert 0 == installed.returncode, installed.stdout + installed.stderr
    flags = _run(["bash", str(ROOT / "scripts" / "build-image.sh"), "storage-flags"])
    assert 0 == flags.returncode, flags.stderr
    return [
        "podman",
        *flags.stdout.split(),
        "--runtime",
        "runc",
        "--cgroup-manager",
        "cgroupfs",
        "--events-backend",
        "file",
    ]


@pytest.fixture(scope="session", name="image")
def fixture_image(podman: list[str]) -> str:
    """Build the image with the `make image` script (whatever builder this machine has)."""
    started = time.monotonic()
    built = _run(
        ["bash", str(ROOT / "scripts" / "build-image.sh")],
        timeout=BUILD_TIMEOUT_S,
        env={**os.environ, "IMAGE": IMAGE, "TRIAGE_IMAGE_BUILDER": "buildah"},
    )
    assert 0 == built.returncode, built.stderr[-5000:]
    print(f"\n{built.stdout.strip()} (test wall time {time.monotonic() - started:.0f} s)")
    return IMAGE


def _inspect(podman: list[str], image: str) -> dict[str, Any]:
    result = _run([*podman, "image", "inspect", image])
    assert 0 == result.returncode, result.stderr
    [data] = json.loads(result.stdout)
    return dict(data)


def test_image_keeps_its_healthcheck_and_non_root_user(podman: list[str], image: str) -> None:
    """Docker format keeps the HEALTHCHECK (OCI drops it); the user is numeric and not root."""
    data = _inspect(podman, image)
    config = data["Config"]
    assert "10001:10001" == config["User"]
    assert ["triage-worker"] == config["Entrypoint"]
    assert ["run"] == config["Cmd"]
    health = data.get("Healthcheck") or config.get("Healthcheck")
    assert health, "no HEALTHCHECK in the image: build with --format docker"
    assert "/healthz" in " ".join(health["Test"])
    size_mb = data["Size"] / 1e6
    print(f"\nimage {image}: {size_mb:.0f} MB")


def test_help_runs_read_only_without_capabilities(
    podman: list[str], image: str, as_chart: list[str]
) -> None:
    """`--help` answers with every subcommand."""
    result = _run([*podman, "run", "--rm", *as_chart, image, "--help"])
    assert 0 == result.returncode, result.stderr
    for command in ("run", "score", "explain", "schema", "topics", "forget"):
        assert command in result.stdout


def test_explain_in_the_image_matches_the_source_tree(
    podman: list[str], image: str, as_chart: list[str]
) -> None:
    """The image's `explain` prints what the checked-out code prints (same version and rules)."""
    text = "You are a useless idiot and nobody replied for two weeks!!!"
    result = _run([*podman, "run", "--rm", *as_chart, image, "explain", text])
    local = _run([sys.executable, "-m", "worker", "explain", text], cwd=ROOT)
    assert 0 == result.returncode, result.stderr
    assert "escalation  required" in result.stdout
    assert local.stdout == result.stdout


def _http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (local URL)
            return int(response.status)
    except urllib.error.HTTPError as err:
        return int(err.code)
    except OSError:
        return 0


def _wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)


@pytest.fixture(name="container")
def fixture_container(podman: list[str]) -> Iterator[str]:
    name = f"triage-test-{uuid.uuid4().hex[:12]}"
    yield name
    _run([*podman, "rm", "--force", "--time", "0", name])


def test_run_triages_from_the_real_broker_and_stops_on_sigterm(
    podman: list[str],
    image: str,
    as_chart: list[str],
    container: str,
    bootstrap: str,
    producer_factory: Any,
    consumer_factory: Any,
) -> None:
    """topics create, then run: /readyz 200, 20 tickets out, 1 dead letter, SIGTERM -> exit 0."""
    tag = uuid.uuid4().hex[:12]
    port = free_port()
    env = {
        "TRIAGE_KAFKA__BOOTSTRAP_SERVERS": bootstrap,
        "TRIAGE_KAFKA__GROUP_ID": f"image-{tag}",
        "TRIAGE_TOPICS__INPUT": f"in-{tag}",
        "TRIAGE_TOPICS__OUTPUT": f"out-{tag}",
        "TRIAGE_TOPICS__ESCALATIONS": f"esc-{tag}",
        "TRIAGE_TOPICS__DEAD_LETTER": f"dlq-{tag}",
        "TRIAGE_TOPICS__CHANGELOG": f"chg-{tag}",
        "TRIAGE_HTTP__PORT": str(port),
        "TRIAGE_PROCESSING__INSTANCE_ID": container,
    }
    env_flags = [flag for key, value in env.items() for flag in ("--env", f"{key}={value}")]

    created = _run(
        [
            *podman,
            "run",
            "--rm",
            *as_chart,
            *env_flags,
            image,
            "topics",
            "create",
            "--partitions",
            "2",
        ]
    )
    assert 0 == created.returncode, created.stdout + created.stderr

    producer = producer_factory()
    lines = TICKETS.read_text().splitlines()
    for line in lines:
        key = json.loads(line)["customer_id"].encode()
        producer.send(env["TRIAGE_TOPICS__INPUT"], key=key, value=line.encode())
    producer.send(env["TRIAGE_TOPICS__INPUT"], key=b"c-bad", value=b"{not json")
    producer.flush(timeout=30)

    started = _run(
        [*podman, "run", "--detach", "--name", container, *as_chart, *env_flags, image, "run"]
    )
    assert 0 == started.returncode, started.stderr
    ready = f"http://127.0.0.1:{port}/readyz"
    _wait_for(lambda: _http_status(ready) == 200, 180, "/readyz 200")

    health = _run([*podman, "healthcheck", "run", container])
    assert 0 == health.returncode, health.stdout + health.stderr  # the image's HEALTHCHECK

    consumer = consumer_factory(env["TRIAGE_TOPICS__OUTPUT"], env["TRIAGE_TOPICS__DEAD_LETTER"])
    outputs: dict[str, Any] = {}
    dead: list[Any] = []

    def drained() -> bool:
        for records in consumer.poll(timeout_ms=500).values():
            for record in records:
                if record.topic == env["TRIAGE_TOPICS__OUTPUT"]:
                    outputs[json.loads(record.value)["event_id"]] = record
                else:
                    dead.append(record)
        return len(outputs) >= len(lines) and len(dead) >= 1

    _wait_for(drained, 120, f"{len(lines)} outputs and 1 dead letter")
    assert {json.loads(line)["event_id"] for line in lines} == set(outputs)
    for event_id, record in outputs.items():  # CloudEvents binary mode, from the image too
        headers = dict(record.headers)
        assert (b"1.0", event_id.encode()) == (headers["ce_specversion"], headers["ce_id"])
    assert [b"{not json"] == [record.value for record in dead]

    stopped = _run([*podman, "kill", "--signal", "TERM", container])
    assert 0 == stopped.returncode, stopped.stderr
    waited = _run([*podman, "wait", container], timeout=60)
    assert "0" == waited.stdout.strip(), waited.stdout + waited.stderr
    logs = _run([*podman, "logs", container]).stdout
    assert "useless idiot" not in logs  # ids and counts only, never ticket text
