"""Settings: unknown TRIAGE_* variables, host:port lists, case-insensitive choices."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from worker.settings import (
    KafkaSettings,
    LoggingSettings,
    ProcessingSettings,
    UnknownSettingError,
    WorkerSettings,
    check_environment,
    known_variables,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("TRIAGE_KAFKA_BOOTSTRAP_SERVERS", "TRIAGE_KAFKA__BOOTSTRAP_SERVERS"),
        ("TRIAGE_KAFKA__BOOTSTRAP_SERVER", "TRIAGE_KAFKA__BOOTSTRAP_SERVERS"),
        ("triage_logging__levl", "TRIAGE_LOGGING__LEVEL"),
        ("TRIAGE_PROCESSING__BATCH_MAX_RECORD", "TRIAGE_PROCESSING__BATCH_MAX_RECORDS"),
        ("TRIAGE_HTTP_PORT", "TRIAGE_HTTP__PORT"),
    ],
)
def test_unknown_variable_names_the_closest_setting(name: str, suggestion: str) -> None:
    with pytest.raises(UnknownSettingError) as info:
        check_environment({name: "x", "PATH": "/bin"})
    assert f"unknown environment variable {name}; did you mean {suggestion}?" == str(info.value)


def test_unrelated_unknown_variable_has_no_suggestion() -> None:
    with pytest.raises(UnknownSettingError, match=r"^unknown environment variable TRIAGE_XYZ$"):
        check_environment({"TRIAGE_XYZ": "1"})


def test_known_tool_and_service_link_variables_pass() -> None:
    environ = {name: "1" for name in known_variables()} | {
        "TRIAGE_SECRETS_DIR": "/run/secrets",
        "TRIAGE_KAFKA_CACHE": "/var/cache/kafka",
        # What Kubernetes injects for a Service named triage-worker in the namespace.
        "TRIAGE_WORKER_SERVICE_HOST": "10.0.0.7",
        "TRIAGE_WORKER_SERVICE_PORT": "8000",
        "TRIAGE_WORKER_SERVICE_PORT_HTTP": "8000",
        "TRIAGE_WORKER_PORT": "tcp://10.0.0.7:8000",
        "TRIAGE_WORKER_PORT_8000_TCP": "tcp://10.0.0.7:8000",
        "TRIAGE_WORKER_PORT_8000_TCP_ADDR": "10.0.0.7",
        "HOME": "/root",
    }
    check_environment(environ)
    assert "TRIAGE_KAFKA__MAX_REQUEST_SIZE" in known_variables()
    assert "TRIAGE_KAFKA" in known_variables()  # a whole section as JSON


def test_load_refuses_an_unknown_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIAGE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
    with pytest.raises(UnknownSettingError):
        WorkerSettings.load()


def test_cli_exits_2_naming_the_closest_setting() -> None:
    env = {"PATH": "/usr/bin:/bin", "TRIAGE_KAFKA_BOOTSTRAP_SERVERS": "kafka:9092"}
    result = subprocess.run(
        [sys.executable, "-m", "worker", "run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert 2 == result.returncode
    assert "did you mean TRIAGE_KAFKA__BOOTSTRAP_SERVERS?" in result.stderr
    assert "kafka:9092" not in result.stderr


@pytest.mark.parametrize(
    "servers",
    ["kafka:9092", "a:1,b:65535", " kafka-0.kafka:9092 , kafka-1.kafka:9092", "[::1]:9092"],
)
def test_host_port_lists_accepted(servers: str) -> None:
    settings = KafkaSettings(bootstrap_servers=servers)
    assert [s.strip() for s in servers.split(",")] == settings.client_kwargs()["bootstrap_servers"]


@pytest.mark.parametrize(
    "servers", ["kafka", "kafka:", ":9092", "kafka:0", "kafka:65536", "a:1,,b:2", "a:1;b:2", ""]
)
def test_bad_host_port_lists_refused(servers: str) -> None:
    with pytest.raises(ValidationError, match="is not host:port"):
        KafkaSettings(bootstrap_servers=servers)


def test_choices_are_case_insensitive() -> None:
    assert "DEBUG" == LoggingSettings(level="debug").level
    assert "json" == LoggingSettings(format="JSON").format
    assert "exactly_once" == ProcessingSettings(guarantee="Exactly_Once").guarantee
    assert "memory" == ProcessingSettings(state_store="MEMORY").state_store
    kafka = KafkaSettings(
        security_protocol="sasl_ssl",
        sasl_mechanism="scram-sha-512",
        sasl_username="u",
        sasl_password="p",  # noqa: S106 - not a real password
    )
    assert ("SASL_SSL", "SCRAM-SHA-512") == (kafka.security_protocol, kafka.sasl_mechanism)


def test_unknown_choice_still_refused() -> None:
    with pytest.raises(ValidationError):
        LoggingSettings(level="verbose")
