"""The chart's startupProbe outlasts the worker's own connect timeout, so Kubernetes never
restarts a pod that is still waiting for its brokers (the worker exits 1 by itself first)."""

from __future__ import annotations

from tests.deploy.helmtools import Rendered, env_of
from worker.settings import KafkaSettings

#: Time to import the worker, load its rules and bind the HTTP port before the first attempt.
START_MARGIN_S = 20


def test_startup_probe_outlasts_the_connect_timeout(rendered: Rendered) -> None:
    container = rendered.deployment["spec"]["template"]["spec"]["containers"][0]
    probe = container["startupProbe"]
    env = {e["name"]: e.get("value") for e in env_of(rendered.deployment)}
    connect_s = float(
        env.get("TRIAGE_KAFKA__STARTUP_TIMEOUT_S") or KafkaSettings().startup_timeout_s
    )
    window_s = probe["periodSeconds"] * probe["failureThreshold"]
    assert ("/healthz", "http") == (probe["httpGet"]["path"], probe["httpGet"]["port"])
    assert window_s >= connect_s + START_MARGIN_S, (window_s, connect_s)
    assert probe["timeoutSeconds"] < probe["periodSeconds"]
    # Liveness takes over only after start-up: its own budget is for a stalled loop.
    assert "initialDelaySeconds" not in probe
