"""The command line: score, explain, schema, settings errors and exit codes."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "event_id": "e1",
    "ticket_id": "t1",
    "customer_id": "c1",
    "occurred_at": "2026-01-01T00:00:00Z",
    "message": {"body": "Thanks, please help!"},
}


def cli(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "worker", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_score_writes_one_line_per_input_and_reports_bad_lines() -> None:
    """Good lines are scored in order; each bad line gives one JSON error and exit 2."""
    lines = [
        json.dumps(GOOD),
        "{broken",
        json.dumps({**GOOD, "event_id": "e2"}),
        json.dumps({"event_id": "e3"}),
    ]
    result = cli("score", stdin="\n".join(lines).encode() + b"\n")
    outs = [json.loads(x) for x in result.stdout.splitlines()]
    errors = [json.loads(x) for x in result.stderr.decode().splitlines() if x.startswith("{")]
    assert 2 == result.returncode
    assert ["e1", "e2"] == [o["event_id"] for o in outs]
    assert [(2, "invalid_json"), (4, "schema_violation")] == [
        (e["line"], e["reason"]) for e in errors
    ]


def test_score_exits_0_on_clean_input_and_reads_a_path(tmp_path: Path) -> None:
    """A file of valid events scores with exit status 0."""
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(GOOD) + "\n")
    result = cli("score", str(path))
    assert (0, 1) == (result.returncode, len(result.stdout.splitlines()))


def test_score_examples_cover_every_line() -> None:
    """The bundled sample tickets all score, one output each."""
    lines = (ROOT / "examples" / "tickets.jsonl").read_text().splitlines()
    result = cli("score", "examples/tickets.jsonl")
    assert (0, len(lines)) == (result.returncode, len(result.stdout.splitlines()))


def test_explain_prints_scores_and_technique() -> None:
    """explain shows every section a support lead reads."""
    result = cli("explain", "You idiots charged me twice!!!")
    text = result.stdout.decode()
    assert 0 == result.returncode
    for word in ("anger", "politeness", "abuse", "escalation", "technique", "why:", "opener:"):
        assert word in text
    assert "review      -" in text


def test_explain_shows_a_possible_threat_review() -> None:
    """A near miss of the threat model is shown as the review line, without the text."""
    text = cli(
        "explain", "It's a long walk from your depot to the bus stop in the dark."
    ).stdout.decode()
    (line,) = [x for x in text.splitlines() if x.startswith("review")]
    assert "possible threat" in line
    assert "depot" not in line


def test_schema_prints_both_models() -> None:
    """schema prints the JSON Schemas of the input and output events."""
    schemas = json.loads(cli("schema").stdout)
    assert {"input", "output"} == set(schemas)
    assert {"event_id", "ticket_id", "customer_id", "message"} <= set(
        schemas["input"]["properties"]
    )
    assert "technique" in schemas["output"]["properties"]


def test_invalid_settings_exit_2_without_echoing_values() -> None:
    """An invalid setting names the variable, not its value, and exits 2."""
    result = cli(
        "run",
        env={
            "TRIAGE_PROCESSING__BATCH_MAX_RECORDS": "-7",
            "TRIAGE_KAFKA__SASL_PASSWORD": "s3cret-canary",
        },
    )
    err = result.stderr.decode()
    assert 2 == result.returncode
    assert "TRIAGE_PROCESSING__BATCH_MAX_RECORDS" in err
    assert "s3cret-canary" not in err + result.stdout.decode()


def test_invalid_rules_exit_2(tmp_path: Path) -> None:
    """A config directory with broken rules stops score with exit 2 and a message."""
    result = cli("score", "--config-dir", str(tmp_path), stdin=json.dumps(GOOD).encode())
    assert 2 == result.returncode
    assert "missing config file" in result.stderr.decode()


def test_score_is_the_same_under_any_hash_seed(tmp_path: Path) -> None:
    """Outputs (evidence order included) do not depend on the process's string hash seed."""
    from tests.integration.worker_proc import make_events

    path = tmp_path / "events.jsonl"
    lines = (ROOT / "examples" / "tickets.jsonl").read_text().splitlines()
    lines += [json.dumps(e) for e in make_events(300, seed=3)]
    path.write_text("\n".join(lines) + "\n")
    runs = [cli("score", str(path), env={"PYTHONHASHSEED": seed}) for seed in ("1", "2", "3")]
    assert [0, 0, 0] == [r.returncode for r in runs]
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout


def test_score_ends_with_a_summary_line_on_stderr() -> None:
    """Every run ends with one line: records, triaged, skipped, errors by reason, escalations,
    seconds; stdout keeps only the outputs."""
    lines = (ROOT / "examples" / "tickets.jsonl").read_text().splitlines()
    agent = json.dumps(
        {**GOOD, "event_id": "e-agent", "message": {"body": "Hi", "author_role": "agent"}}
    )
    stdin = "\n".join([*lines, "{broken", agent, json.dumps({"event_id": "e3"}), "{"]) + "\n"
    result = cli("score", stdin=stdin.encode())
    outputs = [json.loads(x) for x in result.stdout.splitlines()]
    *errors, summary = result.stderr.decode().splitlines()
    assert 2 == result.returncode
    assert 3 == len(errors)
    triaged = sum(1 for o in outputs if o["scored"])
    skipped = sum(1 for o in outputs if not o["scored"])
    escalated = sum(1 for o in outputs if o["escalation"]["required"])
    assert escalated > 0 and skipped > 0
    match = re.fullmatch(
        rf"score: {len(lines) + 4} records, {triaged} triaged, {skipped} skipped, 3 errors "
        rf"\(invalid_json 2, schema_violation 1\), {escalated} escalations in \d+\.\d s",
        summary,
    )
    assert match, summary


def test_score_shows_progress_on_a_terminal_only() -> None:
    """With stderr on a terminal a progress line is rewritten in place before the summary;
    through a pipe (above) there is none."""
    lines = (ROOT / "examples" / "tickets.jsonl").read_bytes()
    main, replica = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "worker", "score", "--progress-every", "0"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=replica,
            cwd=ROOT,
        )
        os.close(replica)
        stdout, _ = proc.communicate(lines, timeout=120)
        seen = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(main)
    text = seen.decode()
    assert 0 == proc.returncode
    assert len(lines.splitlines()) == len(stdout.splitlines())
    assert "\r\x1b[Kscoring: 1 records, 0 errors" in text
    assert f"scoring: {len(lines.splitlines())} records" in text
    assert re.search(
        r"\r\x1b\[Kscore: 20 records, 19 triaged, 1 skipped, 0 errors, \d+ escalations", text
    )
