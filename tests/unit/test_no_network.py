"""No model, lexicon or data file is fetched at run time: the engine builds and runs offline."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.conftest import CONFIG_DIR

# Runs in a fresh interpreter so that import-time fetches are caught as well: every way out
# to the network is replaced before any project or model module is imported.
_SCRIPT = textwrap.dedent(
    """
    import json, socket, sys, urllib.request
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args[:2])[:80])
        raise OSError("network disabled by test_no_network")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    urllib.request.urlopen = refuse

    from datetime import UTC, datetime
    from pathlib import Path
    from worker.rules import load_rules
    from worker.core.triage import Engine
    from worker.core.types import History
    from worker.models import Message, TicketIn

    engine = Engine(load_rules(Path(sys.argv[1])))
    now = datetime(2026, 11, 2, tzinfo=UTC)
    out = []
    for i, body in enumerate(sys.argv[2:]):
        event = TicketIn(event_id=f"e{i}", ticket_id="t", customer_id="c", occurred_at=now,
                         message=Message(body=body))
        result, _ = engine.triage(event, History(), now)
        out.append([result.language, result.escalation.required])
    print(json.dumps({"attempts": attempts, "out": out}))
    """
)


def test_engine_builds_and_runs_with_the_network_blocked() -> None:
    """With every socket connect and DNS lookup raising, the engine (VADER, the language
    model, every lexicon and weight file) still builds and triages English and Spanish."""
    bodies = [
        "The export has been stuck at forty percent since Monday.",
        "La aplicación no funciona desde ayer por la tarde.",
        "I'll be waiting by your car when your shift ends.",
    ]
    proc = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(CONFIG_DIR), *bodies],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert 0 == proc.returncode, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert [] == result["attempts"]
    assert [["en", False], ["es", False], ["en", True]] == result["out"]
