"""build_service: the worker wired from settings without a broker, as `run` wires it."""

from __future__ import annotations

from pathlib import Path

import pytest

from worker.cli import App, build_service
from worker.errors import ConfigError
from worker.http import HealthServer
from worker.kafka.clients import KafkaClients
from worker.settings import WorkerSettings

ROOT = Path(__file__).resolve().parents[2]


def test_build_service_wires_the_worker_without_connecting() -> None:
    """The service gets the settings, the real clients and an HTTP server not yet listening."""
    settings = WorkerSettings(config_dir=ROOT / "config", http={"port": 0})
    app = build_service(settings)
    assert isinstance(app, App)
    assert settings is app.service.settings
    assert isinstance(app.service._clients, KafkaClients)
    assert isinstance(app.health, HealthServer)
    assert app.service.health is app.health
    with pytest.raises(RuntimeError, match="not started"):
        _ = app.health.port
    assert not app.service.stopping


def test_build_service_without_http_has_no_health_server() -> None:
    """http.enabled=false: no server, the service runs without one."""
    app = build_service(WorkerSettings(config_dir=ROOT / "config", http={"enabled": False}))
    assert (None, None) == (app.health, app.service.health)


def test_build_service_refuses_a_missing_rules_directory(tmp_path: Path) -> None:
    """Rules that cannot be loaded raise ConfigError (the CLI turns it into exit 2)."""
    with pytest.raises((ConfigError, FileNotFoundError)):
        build_service(WorkerSettings(config_dir=tmp_path / "nowhere"))
