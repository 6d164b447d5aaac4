"""The service commands of the CLI: ``run`` and ``topics create``.

Settings are validated before anything connects: invalid settings print a readable message
(never the values, which may be secrets) and exit 2.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from worker import __version__

__all__ = ["add_commands", "dispatch"]

logger = logging.getLogger("worker")

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = sub.add_parser(
        "run",
        help="run the Kafka worker",
        description="Consume ticket events, publish triaged events, dead letters and "
        "escalations, serve /metrics, /healthz and /readyz. Settings come from TRIAGE_* "
        "environment variables (nested with __), then --config, then defaults. SIGTERM or "
        "SIGINT finish the current batch, commit, leave the group and exit 0.",
    )
    _add_settings_file(run)

    topics = sub.add_parser("topics", help="manage the worker's topics")
    topics_sub = topics.add_subparsers(dest="topics_command", required=True, metavar="ACTION")
    create = topics_sub.add_parser(
        "create",
        help="create the input, output, escalation, dead-letter and changelog topics",
        description="Create the worker's topics (existing ones are left as they are). The "
        "changelog topic is compacted and gets the input topic's partition count.",
    )
    create.add_argument("--partitions", type=int, default=6, help="partitions (default 6)")
    create.add_argument(
        "--replication-factor", type=int, default=1, help="replication factor (default 1)"
    )
    _add_settings_file(create)

    forget = sub.add_parser(
        "forget",
        help="erase a customer's history (right to erasure)",
        description="Write a tombstone for CUSTOMER_ID to the changelog topic and a forget "
        "control record to the input topic: a running worker drops the history in order "
        "with the customer's messages, and a restore after a restart finds none.",
    )
    forget.add_argument("customer_id", help="the customer id, exactly as in the events")
    _add_settings_file(forget)


def _add_settings_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="FILE",
        help="YAML settings file (environment variables take precedence)",
    )


#: Set by a SIGTERM/SIGINT that arrives before the service exists (while settings, rules and
#: the Kafka client are still loading): the service then stops before connecting, exit 0.
_early_stop = threading.Event()


def _on_early_signal(signum: int, _frame: object) -> None:
    _early_stop.set()


def dispatch(args: argparse.Namespace) -> int:
    if args.command == "run":
        signal.signal(signal.SIGTERM, _on_early_signal)
        signal.signal(signal.SIGINT, _on_early_signal)
    from worker.settings import UnknownSettingError, WorkerSettings

    try:
        settings = WorkerSettings.load(args.config)
    except ValidationError as exc:
        sys.stderr.write(_describe_settings_error(exc) + "\n")
        return EXIT_USAGE
    except UnknownSettingError as exc:
        sys.stderr.write(f"triage-worker: invalid settings:\n  {exc}\n")
        return EXIT_USAGE
    from worker.logconfig import configure_logging

    k = settings.kafka
    secrets = [s.get_secret_value() for s in (k.sasl_password, k.ssl_password) if s is not None]
    configure_logging(settings.logging.level, settings.logging.format, secrets=secrets)
    if args.command == "run":
        return _run(settings)
    if args.command == "forget":
        return _forget(settings, args.customer_id)
    return _create_topics(settings, args.partitions, args.replication_factor)


def _describe_settings_error(exc: ValidationError) -> str:
    lines = ["triage-worker: invalid settings:"]
    for err in exc.errors(include_url=False, include_input=False):
        loc = [str(p) for p in err["loc"]]
        env = "TRIAGE_" + "__".join(p.upper() for p in loc) if loc else ""
        lines.append(f"  {'.'.join(loc) or '<root>'} ({env}): {err['msg']}")
    return "\n".join(lines)


def _run(settings: Any) -> int:
    from prometheus_client import CollectorRegistry

    from worker.core.techniques import TECHNIQUE_IDS
    from worker.core.triage import Engine
    from worker.errors import DEAD_LETTER_REASONS, ConfigError, FatalKafkaError
    from worker.http import HealthServer
    from worker.metrics import Metrics
    from worker.pipeline import Pipeline
    from worker.rules import load_rules
    from worker.service import Service

    logger.info("worker starting", extra={"fields": {"version": __version__}})
    try:
        engine = Engine(load_rules(settings.config_dir))
    except ConfigError as exc:
        logger.error("invalid scoring rules", extra={"fields": {"error": str(exc)}})
        sys.stderr.write(f"triage-worker: {exc}\n")
        return EXIT_USAGE
    registry = CollectorRegistry()
    metrics = Metrics(
        registry, technique_ids=TECHNIQUE_IDS, dead_letter_reasons=DEAD_LETTER_REASONS
    )
    metrics.set_build_info(__version__, engine.config.config_hash)
    health = None
    if settings.http.enabled:
        health = HealthServer(
            registry,
            host=settings.http.host,
            port=settings.http.port,
            liveness_timeout_s=settings.http.liveness_timeout_s,
        )
        health.start()
        logger.info(
            "http listening",
            extra={
                "fields": {
                    "host": settings.http.host,
                    "port": health.port,
                    "paths": "/metrics /healthz /readyz",
                }
            },
        )
    service = Service(settings, Pipeline(engine), metrics, health=health)
    done = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        logger.info("stop requested", extra={"fields": {"signal": signal.Signals(signum).name}})
        service.request_stop()
        threading.Thread(target=_watchdog, args=(done, settings), daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if _early_stop.is_set():
        on_signal(signal.SIGTERM, None)
    try:
        service.run()
    except FatalKafkaError as exc:
        logger.error("fatal Kafka error, exiting", extra={"fields": {"error": str(exc)}})
        return EXIT_FAILURE
    finally:
        done.set()
        if health is not None:
            health.stop()
    return EXIT_OK


def _watchdog(done: threading.Event, settings: Any) -> None:
    """Exit hard if a clean shutdown overruns its timeout (never hang past the grace period)."""
    if not done.wait(settings.processing.shutdown_timeout_s):
        logger.error(
            "shutdown timed out, exiting",
            extra={"fields": {"timeout_s": settings.processing.shutdown_timeout_s}},
        )
        logging.shutdown()
        os._exit(EXIT_FAILURE)


def _create_topics(settings: Any, partitions: int, replication: int) -> int:
    from worker.errors import FatalKafkaError
    from worker.kafka.topics import create_topics

    try:
        created = create_topics(settings, partitions=partitions, replication_factor=replication)
    except FatalKafkaError as exc:
        sys.stderr.write(f"triage-worker: {exc}\n")
        return EXIT_FAILURE
    for name, status in created.items():
        sys.stdout.write(f"{name}: {status}\n")
    return EXIT_OK


def _forget(settings: Any, customer_id: str) -> int:
    from worker.errors import FatalKafkaError
    from worker.kafka.changelog import forget

    try:
        forget(settings, customer_id)
    except FatalKafkaError as exc:
        sys.stderr.write(f"triage-worker: {exc}\n")
        return EXIT_FAILURE
    logger.info(
        "customer history erased",
        extra={"fields": {"changelog": settings.topics.changelog, "input": settings.topics.input}},
    )
    return EXIT_OK
