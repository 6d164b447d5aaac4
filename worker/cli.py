"""Command line: ``triage-worker score | explain | schema | run | topics create | forget``.

Only this module chooses exit codes: 0 success, 1 the service failed (a fatal broker error,
printed as one line), 2 bad usage, invalid settings or rules, or bad input lines in ``score``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from worker import __version__

__all__ = ["main"]

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
    parser.add_argument(
        "--config-dir",
        type=Path,
        default=None,
        help="directory with the scoring rules (default: $TRIAGE_CONFIG_DIR or ./config)",
    )


def _add_service_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from worker import service_cli

    service_cli.add_commands(sub)


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
        from worker import service_cli

        return service_cli.dispatch(args)
    except ConfigError as exc:
        stderr.write(f"triage-worker: {exc}\n")
        return EXIT_USAGE
    except FileNotFoundError as exc:
        stderr.write(f"triage-worker: {exc.strerror}: {exc.filename}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
