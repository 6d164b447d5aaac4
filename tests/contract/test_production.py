"""docs/production.md agrees with the code: the topic and ACL commands name every resource the
worker uses, with the settings `topics create` applies.

kafka-topics.sh and kafka-acls.sh cannot run here (the harness broker has no Kafka command-line
tools and no authorizer), so their arguments are checked against the settings instead; the
page's helm command runs in tests/deploy/chart/test_docs_commands.py.
"""

from __future__ import annotations

import itertools
import re
import shlex
from collections import defaultdict
from pathlib import Path

from worker.settings import KafkaSettings, ProcessingSettings, TopicSettings

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "production.md").read_text()
TOPICS = TopicSettings()
WRITTEN = (TOPICS.output, TOPICS.escalations, TOPICS.dead_letter)


def _commands(tool: str) -> list[list[str]]:
    blocks = re.findall(r"```console\n(.*?)```", PAGE, re.DOTALL)
    lines = [ln for b in blocks for ln in b.replace("\\\n", " ").splitlines()]
    return [shlex.split(ln) for ln in lines if ln.startswith(f"{tool} ")]


def _topic_commands() -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for argv in _commands("kafka-topics.sh"):
        assert "--create" in argv
        args = dict(itertools.pairwise(argv))
        configs = dict(argv[i + 1].split("=", 1) for i, a in enumerate(argv) if a == "--config")
        out[args["--topic"]] = {
            "partitions": int(args["--partitions"]),
            "replication": int(args["--replication-factor"]),
            "configs": configs,
        }
    return out


def test_every_topic_is_created_with_what_the_worker_needs() -> None:
    """Five topics; the changelog compacted like `topics create` makes it, with the input's
    partition count; the written topics accept the worker's largest record."""
    topics = _topic_commands()
    assert {
        TOPICS.input,
        TOPICS.output,
        TOPICS.escalations,
        TOPICS.dead_letter,
        TOPICS.changelog,
    } == set(topics)
    changelog = topics[TOPICS.changelog]
    assert topics[TOPICS.input]["partitions"] == changelog["partitions"]
    source = (ROOT / "worker" / "kafka" / "topics.py").read_text()
    for key, value in changelog["configs"].items():  # type: ignore[union-attr]
        if key != "min.insync.replicas":
            assert f'"{key}": "{value}"' in source, (key, value)
    size = str(KafkaSettings().max_request_size)
    for name in WRITTEN:
        assert size == topics[name]["configs"]["max.message.bytes"]  # type: ignore[index]
    assert {3} == {t["replication"] for t in topics.values()}
    assert {"2"} == {t["configs"]["min.insync.replicas"] for t in topics.values()}  # type: ignore[index]


def test_acls_cover_every_resource_the_worker_uses() -> None:
    """Read on the input, Write on the outputs, both on the changelog, Read on the group,
    Write on the transactional-id prefix (prefixed), IdempotentWrite on the cluster."""
    granted: dict[tuple[str, str], set[str]] = defaultdict(set)
    for argv in _commands("kafka-acls.sh"):
        assert "User:triage-worker" == argv[argv.index("--allow-principal") + 1]
        ops = {argv[i + 1] for i, a in enumerate(argv) if a == "--operation"}
        for i, arg in enumerate(argv):
            if arg in ("--topic", "--group", "--transactional-id"):
                kind = arg.removeprefix("--")
                if kind == "transactional-id":
                    assert "prefixed" == argv[argv.index("--resource-pattern-type") + 1]
                granted[(kind, argv[i + 1])] |= ops
            elif arg == "--cluster":
                granted[("cluster", "")] |= ops
    processing = ProcessingSettings.model_fields
    prefix = processing["transactional_id_prefix"].default
    assert {"Read", "Describe"} <= granted[("topic", TOPICS.input)]
    for name in WRITTEN:
        assert {"Write", "Describe"} <= granted[("topic", name)]
    assert {"Read", "Write", "Describe"} <= granted[("topic", TOPICS.changelog)]
    assert {"Read"} <= granted[("group", KafkaSettings().group_id)]
    assert {"Write", "Describe"} <= granted[("transactional-id", prefix)]
    assert {"IdempotentWrite"} == granted[("cluster", "")]
