"""The optional topics hook Job: off by default; when on, a valid Helm hook whose command and
environment create the worker's topics (run here against the real broker).

kubernetes-validate, helm lint and checkov cover it through ci/topics-job-values.yaml.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from typing import Any

import pytest
import yaml
from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient

from tests.deploy.helmtools import (
    REPO,
    Rendered,
    env_of,
    helm_template,
    run,
    settings_env_names,
    tool,
)


def _job(rendered: Rendered) -> dict[str, Any]:
    jobs = rendered.of_kind("Job")
    assert 1 == len(jobs)
    return jobs[0]


def test_no_job_by_default(render_of: Any) -> None:
    """The default scenario renders no Job."""
    assert [] == render_of("default").of_kind("Job")


def test_job_is_a_post_install_and_upgrade_hook(render_of: Any) -> None:
    """Post-install/upgrade (the chart's Secret exists by then), replaced on each run."""
    annotations = _job(render_of("topics-job"))["metadata"]["annotations"]
    assert "post-install,post-upgrade" == annotations["helm.sh/hook"]
    assert "before-hook-creation,hook-succeeded" == annotations["helm.sh/hook-delete-policy"]


def test_job_creates_the_deployments_topics_with_its_settings(render_of: Any) -> None:
    """Same image, Kafka connection, topic names and extra settings as the worker; partitions
    from topics.inputPartitions; every variable is one the worker knows."""
    rendered = render_of("topics-job")
    job = _job(rendered)
    container = job["spec"]["template"]["spec"]["containers"][0]
    worker = rendered.deployment["spec"]["template"]["spec"]["containers"][0]
    assert worker["image"] == container["image"]
    values = rendered.values
    assert [
        "topics",
        "create",
        "--partitions",
        str(values["topics"]["inputPartitions"]),
        "--replication-factor",
        str(values["topicsJob"]["replicationFactor"]),
    ] == container["args"]
    job_env = {e["name"]: e for e in container["env"]}
    shared = [
        e
        for e in env_of(rendered.deployment)
        if e["name"].startswith(("TRIAGE_KAFKA__", "TRIAGE_TOPICS__"))
        and e["name"] not in ("TRIAGE_KAFKA__CLIENT_ID", "TRIAGE_KAFKA__GROUP_ID")
    ]
    assert len(shared) >= 10
    assert [] == [e["name"] for e in shared if job_env.get(e["name"]) != e]
    assert set(job_env) <= settings_env_names()
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    assert {"/tmp", "/etc/triage/kafka-ca"} <= mounts  # noqa: S108 (the container's /tmp)
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert ["ALL"] == container["securityContext"]["capabilities"]["drop"]
    assert "Never" == job["spec"]["template"]["spec"]["restartPolicy"]


@pytest.mark.integration
def test_job_command_creates_the_topics_on_a_real_broker(bootstrap: str, tmp_path: Any) -> None:
    """The rendered Job's args and plain env, run as `python -m worker`, create the topics
    (changelog compacted, partitions as the input's)."""
    tag = uuid.uuid4().hex[:10]
    names = {
        "input": f"in-{tag}",
        "output": f"out-{tag}",
        "escalations": f"esc-{tag}",
        "deadLetter": f"dlq-{tag}",
        "changelog": f"chg-{tag}",
    }
    values = tmp_path / "values.yaml"
    values.write_text(
        yaml.safe_dump(
            {
                "kafka": {"bootstrapServers": bootstrap},
                "topics": {**names, "inputPartitions": 3},
                "topicsJob": {"enabled": True, "replicationFactor": 1},
            }
        )
    )
    result = helm_template(values)
    assert 0 == result.returncode, result.stderr
    job = next(d for d in yaml.safe_load_all(result.stdout) if d and d["kind"] == "Job")
    container = job["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e["value"] for e in container["env"]}
    created = subprocess.run(
        [sys.executable, "-m", "worker", *container["args"]],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert 0 == created.returncode, created.stdout + created.stderr
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="test-topics-job")
    try:
        described = admin.describe_topics(list(names.values()))
        configs = admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, names["changelog"])]
        )
    finally:
        admin.close()
    assert [3] * 5 == [len(t["partitions"]) for t in described]
    text = str(configs)
    assert "cleanup.policy" in text and "compact" in text, text[:2000]


def test_helm_lint_passes_with_the_job() -> None:
    """helm lint --strict with only topicsJob.enabled set."""
    chart = str(REPO / "helm" / "triage-worker")
    result = run([tool("helm"), "lint", "--strict", chart, "--set", "topicsJob.enabled=true"])
    assert 0 == result.returncode, result.stdout + result.stderr
