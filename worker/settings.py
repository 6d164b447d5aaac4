"""Service settings: environment (``TRIAGE_`` prefix, ``__`` for nesting), an optional YAML file,
mounted secrets, and defaults, in that order of precedence.

The scoring rules themselves (lexicons, weights, thresholds, the playbook) are not settings:
they are data in the config directory (``config_dir``), loaded by :mod:`worker.rules`.
"""

from __future__ import annotations

import difflib
import os
import re
import socket
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

__all__ = [
    "ENV_PREFIX",
    "TOOL_VARIABLES",
    "HttpSettings",
    "KafkaSettings",
    "LoggingSettings",
    "ProcessingSettings",
    "TopicSettings",
    "UnknownSettingError",
    "WorkerSettings",
    "check_environment",
    "known_variables",
]

_MODEL = ConfigDict(extra="forbid", frozen=True)

ENV_PREFIX = "TRIAGE_"
#: TRIAGE_* variables of the project's tools, not settings: never reported as unknown.
TOOL_VARIABLES = frozenset(
    {
        "TRIAGE_SECRETS_DIR",  # read below, where the settings look for mounted secrets
        "TRIAGE_KAFKA_CACHE",  # tests/harness/kafka.py: the broker jar cache
        "TRIAGE_CACHE_DIR",  # scripts/build-image.sh
        "TRIAGE_IMAGE_BASE",
        "TRIAGE_IMAGE_BUILDER",
        "TRIAGE_TEST_IMAGE",
    }
)
#: What Kubernetes injects for each Service of the namespace (service links), e.g.
#: TRIAGE_WORKER_SERVICE_HOST and TRIAGE_WORKER_PORT_8000_TCP_ADDR for a "triage-worker".
_SERVICE_LINK = re.compile(
    r"^[A-Z0-9_]+_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_[0-9]+_(TCP|UDP|SCTP)"
    r"(_(PROTO|PORT|ADDR))?)?)$"
)
_HOST_PORT = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):([0-9]{1,5})$")


class UnknownSettingError(ValueError):
    """A ``TRIAGE_*`` environment variable that is no setting (a typo, most likely)."""


def _choice(value: Any, info: ValidationInfo, model: type[BaseModel]) -> Any:
    """``value`` in the spelling of the field's Literal choices, matched case-insensitively
    (``debug`` -> ``DEBUG``); anything else is left for pydantic to refuse."""
    if not isinstance(value, str) or info.field_name is None:
        return value
    annotation = model.model_fields[info.field_name].annotation
    choices = [a for arg in typing.get_args(annotation) for a in typing.get_args(arg) or (arg,)]
    return next(
        (c for c in choices if isinstance(c, str) and c.lower() == value.strip().lower()), value
    )


class KafkaSettings(BaseModel):
    """How to reach the brokers. Passed to kafka-python by ``client_kwargs()`` and friends."""

    model_config = _MODEL

    bootstrap_servers: str = Field(
        "127.0.0.1:9092", description="Comma-separated host:port list of brokers."
    )
    client_id: str = Field("triage-worker", description="Client id shown in broker logs.")
    group_id: str = Field("triage-worker", description="Consumer group of the workers.")
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = None
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    ssl_cafile: Path | None = Field(None, description="CA bundle that signed the brokers.")
    ssl_certfile: Path | None = Field(None, description="Client certificate (mutual TLS).")
    ssl_keyfile: Path | None = Field(None, description="Client private key (mutual TLS).")
    ssl_password: SecretStr | None = Field(None, description="Password of ssl_keyfile.")
    ssl_check_hostname: bool = True
    request_timeout_ms: int = Field(30_000, ge=1_000)
    max_request_size: int = Field(
        1_114_112,
        ge=65_536,
        le=104_857_600,
        description="Largest record the worker writes (producer max_request_size; 1 MiB + "
        "64 KiB, so a dead letter can carry any input up to limits.max_record_bytes with its "
        "headers). A larger dead letter leaves the value out; `topics create` gives the "
        "output, escalation and dead-letter topics this max.message.bytes.",
    )
    session_timeout_ms: int = Field(45_000, ge=6_000)
    max_poll_interval_ms: int = Field(300_000, ge=10_000)
    static_membership: bool = Field(
        True,
        description="Join the group as a static member (group.instance.id = "
        "processing.instance_id, the pod name): a worker restarted under the same name gets "
        "its partitions back without a rebalance. A clean stop still leaves the group at once.",
    )
    assignor: Literal["cooperative-sticky", "range"] = Field(
        "cooperative-sticky",
        description="Partition assignor. cooperative-sticky (KIP-429): a rebalance moves only "
        "the partitions that change owner, the others keep processing. All members of a group "
        "must agree: moving a running group from range needs all workers stopped first.",
    )
    startup_timeout_s: float = Field(
        120.0, gt=0, description="How long to wait for the brokers at start before giving up."
    )

    @field_validator("security_protocol", "sasl_mechanism", "assignor", mode="before")
    @classmethod
    def _any_case(cls, value: Any, info: ValidationInfo) -> Any:
        return _choice(value, info, cls)

    @field_validator("bootstrap_servers")
    @classmethod
    def _host_ports(cls, value: str) -> str:
        servers = [s.strip() for s in value.split(",")]
        for server in servers:
            match = _HOST_PORT.match(server)
            if match is None or not 0 < int(match.group(2)) < 65536:
                raise ValueError(
                    f"entry {servers.index(server) + 1} of {len(servers)} is not host:port "
                    "(expected a comma-separated list such as kafka-0:9092,kafka-1:9092)"
                )
        return ",".join(servers)

    @model_validator(mode="after")
    def _sasl_complete(self) -> KafkaSettings:
        if self.security_protocol.startswith("SASL"):
            missing = [
                name
                for name in ("sasl_mechanism", "sasl_username", "sasl_password")
                if getattr(self, name) is None
            ]
            if missing:
                raise ValueError(
                    f"security_protocol {self.security_protocol} needs {', '.join(missing)}"
                )
        return self

    def client_kwargs(self) -> dict[str, Any]:
        """Connection options shared by consumer, producer and admin client."""
        kwargs: dict[str, Any] = {
            "bootstrap_servers": self.bootstrap_servers.split(","),
            "client_id": self.client_id,
            "security_protocol": self.security_protocol,
            "request_timeout_ms": self.request_timeout_ms,
        }
        if self.security_protocol.startswith("SASL"):
            if self.sasl_password is None:  # checked by _sasl_complete; narrows the type
                raise ValueError("sasl_password is required for SASL")
            kwargs |= {
                "sasl_mechanism": self.sasl_mechanism,
                "sasl_plain_username": self.sasl_username,
                "sasl_plain_password": self.sasl_password.get_secret_value(),
            }
        if self.security_protocol in ("SSL", "SASL_SSL"):
            kwargs["ssl_check_hostname"] = self.ssl_check_hostname
            for name in ("ssl_cafile", "ssl_certfile", "ssl_keyfile"):
                value = getattr(self, name)
                if value is not None:
                    kwargs[name] = str(value)
            if self.ssl_password is not None:
                kwargs["ssl_password"] = self.ssl_password.get_secret_value()
        return kwargs


class TopicSettings(BaseModel):
    """Topic names."""

    model_config = _MODEL

    input: str = Field("support.tickets", description="Ticket events, keyed by customer id.")
    output: str = Field("support.tickets.triaged", description="Enriched events, keyed by ticket.")
    escalations: str = Field(
        "support.escalations", description="Copy of each output whose escalation is required."
    )
    dead_letter: str = Field("support.tickets.dlq", description="Records that cannot be triaged.")
    changelog: str = Field(
        "triage.customer-history", description="Compacted changelog of customer history."
    )


class ProcessingSettings(BaseModel):
    """Delivery guarantee and batching."""

    model_config = _MODEL

    guarantee: Literal["exactly_once", "at_least_once"] = Field(
        "exactly_once",
        description="exactly_once uses Kafka transactions; at_least_once is for brokers "
        "without them (outputs may repeat after a crash).",
    )
    batch_max_records: int = Field(
        500,
        ge=1,
        le=100_000,
        description="Most records a poll (and so a transaction) takes; a poll asks for fewer "
        "when the pace of the last batches fits fewer in batch_budget_ms.",
    )
    batch_max_ms: int = Field(
        200, ge=1, le=60_000, description="Longest time a batch collects records."
    )
    batch_budget_ms: int = Field(
        250,
        ge=10,
        le=600_000,
        description="Longest time a transaction spends triaging before it commits what it "
        "has (the rest of the poll follows in the next one): bounds the end-to-end latency "
        "under load. Also bounded by half of kafka.max_poll_interval_ms.",
    )
    state_store: Literal["changelog", "memory"] = Field(
        "changelog",
        description="changelog: customer history survives restarts and rebalances through "
        "the compacted changelog topic; memory: history lives in this process only.",
    )
    transactional_id_prefix: str = Field(
        "triage-worker", description="Prefix of the producer's transactional.id."
    )
    instance_id: str = Field(
        default_factory=lambda: os.environ.get("HOSTNAME") or socket.gethostname(),
        description="Stable name of this instance (the pod name); part of transactional.id.",
    )
    shutdown_timeout_s: float = Field(
        20.0, gt=0, le=600, description="Longest time from SIGTERM to exit."
    )

    @field_validator("guarantee", "state_store", mode="before")
    @classmethod
    def _any_case(cls, value: Any, info: ValidationInfo) -> Any:
        return _choice(value, info, cls)

    @property
    def transactional_id(self) -> str:
        return f"{self.transactional_id_prefix}-{self.instance_id}"


class HttpSettings(BaseModel):
    """The /metrics, /healthz and /readyz endpoint."""

    model_config = _MODEL

    enabled: bool = True
    host: str = Field("127.0.0.1", description="Bind address; the Helm chart sets 0.0.0.0.")
    port: int = Field(8000, ge=0, le=65535, description="0 picks a free port.")
    liveness_timeout_s: float = Field(
        60.0, gt=0, description="/healthz fails when the loop has not ticked for this long."
    )


class LoggingSettings(BaseModel):
    """Log level and format."""

    model_config = _MODEL

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["auto", "json", "text"] = Field(
        "auto", description="auto: text on a terminal, JSON lines otherwise."
    )

    @field_validator("level", "format", mode="before")
    @classmethod
    def _any_case(cls, value: Any, info: ValidationInfo) -> Any:
        return _choice(value, info, cls)


class WorkerSettings(BaseSettings):
    """Everything the service needs to run, validated before anything connects."""

    model_config = SettingsConfigDict(
        env_prefix="TRIAGE_",
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
        secrets_dir=os.environ.get("TRIAGE_SECRETS_DIR") or None,
    )

    config_dir: Path = Field(
        Path("config"), description="Directory with the scoring rules and playbook (config/)."
    )
    kafka: KafkaSettings = KafkaSettings()
    topics: TopicSettings = TopicSettings()
    processing: ProcessingSettings = ProcessingSettings()
    http: HttpSettings = HttpSettings()
    logging: LoggingSettings = LoggingSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            env_settings,
            file_secret_settings,
            YamlConfigSettingsSource(settings_cls),
        )

    @classmethod
    def load(cls, config_file: Path | None = None, **overrides: Any) -> WorkerSettings:
        """Build settings from the environment, an optional YAML file and ``overrides``.

        Raises :class:`UnknownSettingError` for a ``TRIAGE_*`` variable that is no setting.
        """
        check_environment(os.environ)
        if config_file is None:
            return cls(**overrides)
        if not config_file.is_file():
            raise FileNotFoundError(f"settings file not found: {config_file}")

        class _FromFile(cls):  # type: ignore[valid-type,misc]
            model_config = SettingsConfigDict(yaml_file=config_file)

        settings: WorkerSettings = _FromFile(**overrides)
        return settings


def known_variables() -> set[str]:
    """Every environment variable the settings read: ``TRIAGE_<FIELD>``, a section as JSON
    (``TRIAGE_KAFKA``) and its fields (``TRIAGE_KAFKA__BOOTSTRAP_SERVERS``)."""
    names: set[str] = set()
    for name, field in WorkerSettings.model_fields.items():
        names.add(f"{ENV_PREFIX}{name}".upper())
        section = field.annotation
        if isinstance(section, type) and issubclass(section, BaseModel):
            names |= {f"{ENV_PREFIX}{name}__{sub}".upper() for sub in section.model_fields}
    return names


def check_environment(environ: Mapping[str, str]) -> None:
    """Refuse a ``TRIAGE_*`` variable that no setting reads, naming the closest known one
    (pydantic-settings would ignore it in silence, and the default would apply)."""
    known = known_variables()
    for name in sorted(environ):
        upper = name.upper()
        if not upper.startswith(ENV_PREFIX) or upper in known or upper in TOOL_VARIABLES:
            continue
        if _SERVICE_LINK.match(upper) and "__" not in upper:
            # TRIAGE_HTTP_PORT=8000 is a typo; TRIAGE_WORKER_PORT=tcp://10.0.0.7:8000 a link.
            bare_port = upper.endswith("_PORT") and not upper.endswith("_SERVICE_PORT")
            if not bare_port or re.match(r"(tcp|udp|sctp)://", environ[name]):
                continue
        # Compared without the common prefix, which would make everything look close.
        tails = {k.removeprefix(ENV_PREFIX): k for k in known}
        close = difflib.get_close_matches(upper.removeprefix(ENV_PREFIX), sorted(tails), n=1)
        hint = f"; did you mean {tails[close[0]]}?" if close else ""
        raise UnknownSettingError(f"unknown environment variable {name}{hint}")
