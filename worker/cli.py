"""Command line: ``triage-worker score | explain | schema | run | topics create | forget``.

Only this module chooses exit codes: 0 success, 1 the service failed (a fatal broker error,
printed as one line), 2 bad usage, invalid settings or rules, or bad input lines in ``score``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pydantic import ValidationError

from worker import __version__

if TYPE_CHECKING:
    from worker.http import HealthServer
    from worker.service import Service
    from worker.settings import WorkerSettings

__all__ = ["App", "build_service", "main"]

logger = logging.getLogger("worker")

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

_DEFAULT_CONFIG_DIR = "config"
#: Carriage return + erase line: the progress line is rewritten in place on a terminal.
_CLEAR_LINE = "\r\x1b[K"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="triage-worker",
        description="Triage support-ticket messages: anger, politeness, abuse aimed at a "
        "person, escalation to a manager, a de-escalation technique and tags.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    score = sub.add_parser(
        "score",
        help="score JSON Lines ticket events offline",
        description="Read ticket events as JSON Lines (stdin when PATH is '-' or absent) and "
        "write one output event per line to stdout, in order. A bad line writes one JSON "
        "error object (line, reason, detail) to stderr; the exit status is then 2. On a "
        "terminal a progress line is kept up to date on stderr; every run ends with a "
        "one-line summary on stderr (records, triaged, skipped, errors by reason, "
        "escalations, seconds).",
    )
    score.add_argument("path", nargs="?", default="-", help="input file, or - for stdin")
    score.add_argument(
        "--progress-every",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="seconds between progress updates when stderr is a terminal (default 1)",
    )
    _add_config_dir(score)

    explain = sub.add_parser(
        "explain",
        help="explain the triage of one message",
        description="Print scores, evidence, signals, technique and why for one message.",
    )
    explain.add_argument("text", help="the message text")
    explain.add_argument("--json", action="store_true", help="print the output event as JSON")
    _add_config_dir(explain)

    sub.add_parser(
        "schema",
        help="print the JSON Schema of the input and output events",
        description="Print the JSON Schemas (generated from the pydantic models) of the "
        "input event and the output event, as one JSON object.",
    )
    _add_service_commands(sub)
    return parser


def _add_config_dir(parser: argparse.ArgumentParser) -> None:
    help_ = "directory with the scoring rules (default: $TRIAGE_CONFIG_DIR or ./config)"
    parser.add_argument("--config-dir", type=Path, default=None, help=help_)


def _config_dir(arg: Path | None) -> Path:
    return arg or Path(os.environ.get("TRIAGE_CONFIG_DIR") or _DEFAULT_CONFIG_DIR)


def _cmd_score(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from worker.offline import LineError, OfflineScorer

    scorer = OfflineScorer.from_config_dir(_config_dir(args.config_dir))
    out = stdout.buffer if hasattr(stdout, "buffer") else None
    bad = 0
    terminal = stderr.isatty()
    started = last = time.monotonic()
    shown = False
    source = sys.stdin.buffer if args.path == "-" else open(args.path, "rb")
    with source:
        for result in scorer.score_lines(source):
            if isinstance(result, LineError):
                bad += 1
                if shown:
                    stderr.write(_CLEAR_LINE)
                stderr.write(json.dumps(result) + "\n")
            elif out is not None:
                out.write(result + b"\n")
            else:
                stdout.write(result.decode() + "\n")
            now = time.monotonic()
            if terminal and now - last >= args.progress_every:
                last = now
                stderr.write(_CLEAR_LINE + scorer.tally.progress(now - started))
                stderr.flush()
                shown = True
    stdout.flush()
    if shown:
        stderr.write(_CLEAR_LINE)
    stderr.write(scorer.tally.summary(time.monotonic() - started) + "\n")
    stderr.flush()
    return EXIT_USAGE if bad else EXIT_OK


def _cmd_explain(args: argparse.Namespace, stdout: TextIO) -> int:
    from worker.core.triage import Engine
    from worker.core.types import History
    from worker.explain import render
    from worker.pipeline import utcnow
    from worker.rules import load_rules

    engine = Engine(load_rules(_config_dir(args.config_dir)))
    if args.json:
        from worker.models import Message, TicketIn

        event = TicketIn(
            event_id="explain",
            ticket_id="explain",
            customer_id="explain",
            message=Message(body=args.text),
        )
        out, _ = engine.triage(event, History(), utcnow())
        stdout.write(out.model_dump_json(indent=2) + "\n")
        return EXIT_OK
    analysis, status = engine.analyse(args.text, now=utcnow())
    stdout.write(render(analysis, status, engine) + "\n")
    return EXIT_OK


def _cmd_schema(stdout: TextIO) -> int:
    from worker.models import TicketIn, TriageOut

    schemas = {"input": TicketIn.model_json_schema(), "output": TriageOut.model_json_schema()}
    stdout.write(json.dumps(schemas, indent=2) + "\n")
    return EXIT_OK


def _add_service_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
        "changelog topic is compacted and gets the input topic's partition count. Returns once "
        "every partition of the five topics has a leader; exits 1 naming the topics without "
        "one after 60 s.",
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
    help_ = "YAML settings file (environment variables take precedence)"
    parser.add_argument("--config", type=Path, default=None, metavar="FILE", help=help_)


#: Set by a SIGTERM/SIGINT that arrives before the service exists (while settings, rules and
#: the Kafka client are still loading): the service then stops before connecting, exit 0.
_early_stop = threading.Event()


def _on_early_signal(signum: int, _frame: object) -> None:
    _early_stop.set()


def _dispatch_service(args: argparse.Namespace) -> int:
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


@dataclass(frozen=True, slots=True)
class App:
    """A wired worker: the service and its HTTP server (not started; None when disabled)."""

    service: Service
    health: HealthServer | None


def build_service(settings: WorkerSettings) -> App:
    """Wire the worker from settings without connecting to anything: rules, engine, metrics
    on a fresh registry, the HTTP server (not yet listening) and the service on the real
    Kafka clients. Raises ConfigError for invalid scoring rules."""
    from prometheus_client import CollectorRegistry

    from worker.core.techniques import TECHNIQUE_IDS
    from worker.core.triage import Engine
    from worker.errors import DEAD_LETTER_REASONS
    from worker.http import HealthServer
    from worker.kafka.clients import KafkaClients
    from worker.metrics import Metrics
    from worker.pipeline import Pipeline
    from worker.rules import load_rules
    from worker.service import Service

    engine = Engine(load_rules(settings.config_dir))
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
    service = Service(settings, Pipeline(engine), metrics, KafkaClients(settings), health=health)
    return App(service, health)


def _run(settings: WorkerSettings) -> int:
    from worker.errors import ConfigError, FatalKafkaError

    logger.info("worker starting", extra={"fields": {"version": __version__}})
    try:
        app = build_service(settings)
    except ConfigError as exc:
        logger.error("invalid scoring rules", extra={"fields": {"error": str(exc)}})
        sys.stderr.write(f"triage-worker: {exc}\n")
        return EXIT_USAGE
    service, health = app.service, app.health
    if health is not None:
        health.start()
        fields = {"host": settings.http.host, "port": health.port}
        logger.info(
            "http listening", extra={"fields": {**fields, "paths": "/metrics /healthz /readyz"}}
        )
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


def _watchdog(done: threading.Event, settings: WorkerSettings) -> None:
    """Exit hard if a clean shutdown overruns its timeout (never hang past the grace period)."""
    if not done.wait(settings.processing.shutdown_timeout_s):
        logger.error(
            "shutdown timed out, exiting",
            extra={"fields": {"timeout_s": settings.processing.shutdown_timeout_s}},
        )
        logging.shutdown()
        os._exit(EXIT_FAILURE)


def _create_topics(settings: WorkerSettings, partitions: int, replication: int) -> int:
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


def _forget(settings: WorkerSettings, customer_id: str) -> int:
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from worker.errors import ConfigError

    args = _parser().parse_args(argv)
    stdout, stderr = sys.stdout, sys.stderr
    try:
        if args.command == "score":
            return _cmd_score(args, stdout, stderr)
        if args.command == "explain":
            return _cmd_explain(args, stdout)
        if args.command == "schema":
            return _cmd_schema(stdout)
        return _dispatch_service(args)
    except ConfigError as exc:
        stderr.write(f"triage-worker: {exc}\n")
        return EXIT_USAGE
    except FileNotFoundError as exc:
        stderr.write(f"triage-worker: {exc.strerror}: {exc.filename}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
