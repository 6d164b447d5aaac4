"""docker-compose.yml: pinned images, valid TRIAGE_* names, mounted files present."""

from __future__ import annotations

import re
from typing import Any

import yaml

from tests.deploy.helmtools import REPO, settings_env_names

COMPOSE = REPO / "docker-compose.yml"


def services() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())["services"]
    return loaded


def test_images_pinned() -> None:
    """Every pulled image has an exact version tag (never latest or a bare major)."""
    for name, service in services().items():
        if "build" in service:
            continue
        image = service["image"]
        _, _, tag = image.partition(":")
        assert tag, f"{name}: {image} has no tag"
        assert "latest" not in tag, f"{name}: {image}"
        assert re.fullmatch(r"v?\d+\.\d+\.\d+([-.@].*)?", tag), f"{name}: {image} is not exact"


def test_stack_services() -> None:
    """Kafka (apache/kafka), the worker built from the Dockerfile, Prometheus and Grafana."""
    svc = services()
    assert svc["kafka"]["image"].startswith("apache/kafka:")
    assert "Dockerfile" == svc["worker"]["build"]["dockerfile"]
    assert svc["prometheus"]["image"].startswith("prom/prometheus:")
    assert svc["grafana"]["image"].startswith("grafana/grafana:")


def _environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {str(k): str(v) for k, v in env.items()}


def test_env_names_are_worker_settings() -> None:
    """Every TRIAGE_* variable in the compose file is one WorkerSettings reads."""
    allowed = settings_env_names()
    names = [n for s in services().values() for n in _environment(s) if n.startswith("TRIAGE_")]
    assert names
    assert [] == [n for n in names if n not in allowed]


def test_worker_binds_all_interfaces() -> None:
    """The worker listens beyond loopback, so Prometheus can scrape it."""
    assert "0.0.0.0" == _environment(services()["worker"])["TRIAGE_HTTP__HOST"]  # noqa: S104


def test_mounted_files_exist() -> None:
    """Every bind-mounted host path exists in the repo."""
    mounts = []
    for service in services().values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0] if isinstance(volume, str) else volume["source"]
            if source.startswith("."):
                mounts.append(source)
    assert mounts
    missing = [m for m in mounts if not (REPO / m).exists()]
    assert [] == missing


def test_prometheus_loads_rules_and_scrapes_worker() -> None:
    """Prometheus mounts the alert rules where its config loads them, and scrapes the worker."""
    svc = services()["prometheus"]
    config_mount = next(
        v for v in svc["volumes"] if v.endswith("/etc/prometheus/prometheus.yml:ro")
    )
    config = yaml.safe_load((REPO / config_mount.split(":")[0]).read_text())
    rule_mounts = [v.split(":")[1] for v in svc["volumes"] if "alerts.rules.yaml" in v]
    assert rule_mounts
    assert any(
        re.fullmatch(pattern.replace("*", ".*"), mount)
        for pattern in config["rule_files"]
        for mount in rule_mounts
    )
    targets = [
        t for job in config["scrape_configs"] for sc in job["static_configs"] for t in sc["targets"]
    ]
    port = _environment(services()["worker"])["TRIAGE_HTTP__PORT"]
    assert f"worker:{port}" in targets
    assert any("triage" in job["job_name"] for job in config["scrape_configs"])


def test_grafana_provisions_dashboard() -> None:
    """Grafana gets the Prometheus data source and the chart's dashboard via provisioning."""
    volumes = services()["grafana"]["volumes"]
    provider_mount = next(v for v in volumes if "/provisioning/dashboards/" in v)
    provider = yaml.safe_load((REPO / provider_mount.split(":")[0]).read_text())
    path = provider["providers"][0]["options"]["path"]
    dashboards = [v for v in volumes if v.split(":")[1].startswith(path + "/")]
    assert ["./helm/triage-worker/files/dashboard.json"] == [v.split(":")[0] for v in dashboards]
    assert any("/provisioning/datasources/" in v for v in volumes)
