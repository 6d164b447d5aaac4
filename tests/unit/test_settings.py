"""Settings: unknown TRIAGE_* variables, host:port lists, case-insensitive choices, sources
and their precedence, frozen models, and the kafka-python options they give."""

from __future__ import annotations

import os
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


# -- sources, precedence and the client options ----------------------------------------------


def _clear_triage_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.upper().startswith("TRIAGE_"):
            monkeypatch.delenv(name)


def test_nested_settings_come_from_double_underscore_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _clear_triage_env(monkeypatch)
    monkeypatch.setenv("TRIAGE_KAFKA__BOOTSTRAP_SERVERS", "k0:9092, k1:9093")
    monkeypatch.setenv("TRIAGE_PROCESSING__BATCH_MAX_RECORDS", "42")
    settings = WorkerSettings.load()
    assert ("k0:9092,k1:9093", 42) == (
        settings.kafka.bootstrap_servers,
        settings.processing.batch_max_records,
    )
    assert ["k0:9092", "k1:9093"] == settings.kafka.client_kwargs()["bootstrap_servers"]


def test_overrides_beat_environment_beats_file_beats_defaults(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _clear_triage_env(monkeypatch)
    config = tmp_path / "worker.yaml"
    config.write_text(
        "kafka:\n  group_id: from-file\n  client_id: from-file\n"
        "topics:\n  input: file.tickets\n  output: file.out\n"
    )
    monkeypatch.setenv("TRIAGE_KAFKA__GROUP_ID", "from-env")
    monkeypatch.setenv("TRIAGE_TOPICS__INPUT", "env.tickets")
    settings = WorkerSettings.load(config, logging=LoggingSettings(level="DEBUG"))
    assert "from-env" == settings.kafka.group_id
    assert "env.tickets" == settings.topics.input
    assert "file.out" == settings.topics.output
    assert "support.escalations" == settings.topics.escalations  # default
    assert "DEBUG" == settings.logging.level
    overridden = WorkerSettings.load(config, topics={"input": "kw.tickets"})
    assert "kw.tickets" == overridden.topics.input


def test_a_missing_settings_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="settings file not found"):
        WorkerSettings.load(tmp_path / "absent.yaml")


def test_mounted_secrets_are_read_below_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A Kubernetes secret mounted as files sets a section; a variable still wins."""
    _clear_triage_env(monkeypatch)
    (tmp_path / "triage_kafka").write_text(
        '{"security_protocol": "SASL_SSL", "sasl_mechanism": "PLAIN",'
        ' "sasl_username": "u", "sasl_password": "from-secret"}'
    )
    (tmp_path / "triage_config_dir").write_text("/from/secret")
    monkeypatch.setenv("TRIAGE_CONFIG_DIR", "/from/env")
    settings = WorkerSettings(_secrets_dir=tmp_path)  # type: ignore[call-arg]
    assert Path("/from/env") == settings.config_dir
    assert settings.kafka.sasl_password is not None
    assert "from-secret" == settings.kafka.sasl_password.get_secret_value()
    assert "from-secret" not in repr(settings)


def test_settings_are_frozen() -> None:
    settings = WorkerSettings()
    with pytest.raises(ValidationError):
        settings.config_dir = Path("elsewhere")  # type: ignore[misc]
    with pytest.raises(ValidationError):
        settings.kafka.group_id = "other"  # type: ignore[misc]


def test_an_unknown_setting_is_refused() -> None:
    with pytest.raises(ValidationError, match="gruop_id\n  Extra inputs are not permitted"):
        KafkaSettings(gruop_id="x")  # type: ignore[call-arg]


def test_plaintext_client_options_carry_no_credentials() -> None:
    kwargs = KafkaSettings(bootstrap_servers="k:9092", client_id="w1").client_kwargs()
    assert {
        "bootstrap_servers": ["k:9092"],
        "client_id": "w1",
        "security_protocol": "PLAINTEXT",
        "request_timeout_ms": 30_000,
    } == kwargs


def test_sasl_ssl_client_options_carry_credentials_and_tls_files() -> None:
    kafka = KafkaSettings(
        security_protocol="SASL_SSL",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_username="triage",
        sasl_password="pw",  # type: ignore[arg-type]  # noqa: S106 - test data
        ssl_cafile=Path("/tls/ca.crt"),
        ssl_check_hostname=False,
    )
    kwargs = kafka.client_kwargs()
    assert ("SCRAM-SHA-512", "triage", "pw") == (
        kwargs["sasl_mechanism"],
        kwargs["sasl_plain_username"],
        kwargs["sasl_plain_password"],
    )
    assert ("/tls/ca.crt", False) == (kwargs["ssl_cafile"], kwargs["ssl_check_hostname"])
    assert "ssl_certfile" not in kwargs and "ssl_password" not in kwargs


def test_ssl_without_sasl_carries_the_key_password_but_no_sasl_options() -> None:
    kafka = KafkaSettings(
        security_protocol="SSL",
        ssl_certfile=Path("/tls/client.crt"),
        ssl_keyfile=Path("/tls/client.key"),
        ssl_password="kp",  # type: ignore[arg-type]  # noqa: S106 - test data
    )
    kwargs = kafka.client_kwargs()
    assert ("/tls/client.crt", "/tls/client.key", "kp") == (
        kwargs["ssl_certfile"],
        kwargs["ssl_keyfile"],
        kwargs["ssl_password"],
    )
    assert not any(k.startswith("sasl") for k in kwargs)


def test_sasl_without_credentials_is_refused_naming_what_is_missing() -> None:
    with pytest.raises(ValidationError, match="needs sasl_username, sasl_password"):
        KafkaSettings(security_protocol="SASL_PLAINTEXT", sasl_mechanism="PLAIN")


def test_the_transactional_id_is_prefix_and_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    """The instance defaults to the pod name (HOSTNAME), so a restarted pod fences its
    previous incarnation."""
    monkeypatch.setenv("HOSTNAME", "triage-worker-2")
    processing = ProcessingSettings(transactional_id_prefix="tw")
    assert ("triage-worker-2", "tw-triage-worker-2") == (
        processing.instance_id,
        processing.transactional_id,
    )
