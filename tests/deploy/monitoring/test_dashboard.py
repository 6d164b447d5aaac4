"""The Grafana dashboard: schema type-check with @grafana/schema, and agreement with the metrics."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest
from prometheus_client import CollectorRegistry

from tests.harness.prometheus import (
    ALERTS_PATH,
    DASHBOARD_PATH,
    DEAD_LETTER_REASONS,
    INSTALL_HINT,
    TECHNIQUE_IDS,
    alert_rules,
    dashboard_queries,
    drive_once,
    iter_panels,
    metric_names,
)
from worker.metrics import Metrics

CHECK_DIR = Path(__file__).resolve().parent / "dashboard"
TSC = CHECK_DIR / "node_modules" / ".bin" / "tsc"
PROMETHEUS_GENERATED = {"up"}  # series Prometheus makes itself, not the worker
SELECTOR_FILTERS = ('namespace=~"$namespace"', 'pod=~"$pod"')


def load_dashboard() -> dict[str, Any]:
    dashboard: dict[str, Any] = json.loads(DASHBOARD_PATH.read_text())
    return dashboard


def run_tsc(sources: dict[str, Path]) -> subprocess.CompletedProcess[str]:
    """Generate ``generated/<name>.ts`` from each JSON and type-check them in one tsc run."""
    node = shutil.which("node")
    if node is None or not TSC.exists():
        pytest.fail(f"node or {CHECK_DIR / 'node_modules'} missing: {INSTALL_HINT}")
    generated = CHECK_DIR / "generated"
    tsconfig = generated / f"tsconfig.{uuid.uuid4().hex[:8]}.json"
    outs = [generated / f"{name}.ts" for name in sources]
    for source, out in zip(sources.values(), outs, strict=True):
        subprocess.run(
            [node, "gen.mjs", str(source), str(out)], cwd=CHECK_DIR, check=True, timeout=60
        )
    tsconfig.write_text(
        json.dumps(
            {"extends": "../tsconfig.json", "files": ["../check.ts", *(o.name for o in outs)]}
        )
    )
    try:
        return subprocess.run(
            [node, str(TSC), "-p", str(tsconfig)],
            cwd=CHECK_DIR,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        tsconfig.unlink(missing_ok=True)
        for out in outs:
            if out.stem != "dashboard":
                out.unlink(missing_ok=True)


@pytest.fixture(name="exported", scope="module")
def _exported() -> dict[str, str]:
    """Sample name -> family name for everything a populated Metrics registry exposes."""
    registry = CollectorRegistry()
    metrics = Metrics(
        registry, technique_ids=TECHNIQUE_IDS, dead_letter_reasons=DEAD_LETTER_REASONS
    )
    metrics.set_build_info("0.0.0-test", "0123456789ab")
    drive_once(metrics, random.Random(1))
    return {sample.name: family.name for family in registry.collect() for sample in family.samples}


def dashboard_metrics() -> set[str]:
    return {name for query in dashboard_queries() for name in metric_names(query.expr)}


def alert_metrics() -> set[str]:
    return {name for rule in alert_rules() for name in metric_names(rule.expr)}


# -- schema -------------------------------------------------------------------------------


def test_dashboard_type_checks_against_grafana_schema() -> None:
    """tsc accepts the dashboard as @grafana/schema's Dashboard (as JSON)."""
    result = run_tsc({"dashboard": DASHBOARD_PATH})
    assert 0 == result.returncode, result.stdout + result.stderr


MUTATIONS: dict[str, tuple[Any, str]] = {
    "schemaVersion_string": (lambda d: d.update(schemaVersion="39"), "TS2322"),
    "gridPos_string": (lambda d: d["panels"][1]["gridPos"].update(w="6"), "TS2322"),
    "unknown_field": (lambda d: d["panels"][1].update(titel="typo"), "TS2353"),
    "bad_variable_type": (lambda d: d["templating"]["list"][1].update(type="querry"), "TS2820"),
    "bad_threshold_mode": (
        lambda d: d["panels"][1]["fieldConfig"]["defaults"]["thresholds"].update(mode="abs"),
        "TS2322",
    ),
}


def test_type_check_rejects_broken_dashboards(tmp_path: Path) -> None:
    """The type-check is not vacuous: each wrong field type or unknown field fails it."""
    sources = {}
    for name, (mutation, _) in MUTATIONS.items():
        dashboard = load_dashboard()
        mutation(dashboard)
        sources[f"mutant_{name}"] = tmp_path / f"{name}.json"
        sources[f"mutant_{name}"].write_text(json.dumps(dashboard))
    result = run_tsc(sources)
    actual = {
        name: bool(re.search(rf"mutant_{name}\.ts\(\d+,\d+\): error {code}", result.stdout))
        for name, (_, code) in MUTATIONS.items()
    }
    assert {name: True for name in MUTATIONS} == actual, result.stdout


def test_dashboard_identity() -> None:
    """The dashboard has its uid, title and a recent schema version."""
    dashboard = load_dashboard()
    actual = (dashboard["uid"], dashboard["title"], dashboard["schemaVersion"] >= 39)
    assert ("triage-worker", "Triage worker", True) == actual


def test_variables() -> None:
    """Datasource, namespace and pod variables exist; namespace/pod come from triage_build_info."""
    variables = {v["name"]: v for v in load_dashboard()["templating"]["list"]}
    actual = {
        "datasource": (variables["datasource"]["type"], variables["datasource"]["query"]),
        "namespace": variables["namespace"]["query"]["query"],
        "pod": variables["pod"]["query"]["query"],
    }
    expected = {
        "datasource": ("datasource", "prometheus"),
        "namespace": "label_values(triage_build_info, namespace)",
        "pod": 'label_values(triage_build_info{namespace=~"$namespace"}, pod)',
    }
    assert expected == actual


def test_every_panel_has_prometheus_targets() -> None:
    """Every panel has at least one target, each with an expr and a unique refId."""
    problems = []
    for panel in iter_panels(load_dashboard()):
        targets = panel.get("targets", [])
        ref_ids = [t.get("refId") for t in targets]
        if not targets or not all(t.get("expr") for t in targets):
            problems.append(f"{panel['title']}: no targets or empty expr")
        if len(set(ref_ids)) != len(ref_ids):
            problems.append(f"{panel['title']}: duplicate refId")
        if panel.get("datasource", {}).get("uid") != "${datasource}":
            problems.append(f"{panel['title']}: datasource is not $datasource")
    assert [] == problems


def test_panel_ids_unique_and_grid_fits() -> None:
    """Panel ids are unique and every panel fits the 24-column grid."""
    panels = load_dashboard()["panels"]
    ids = [p["id"] for p in panels]
    overflow = [p["title"] for p in panels if p["gridPos"]["x"] + p["gridPos"]["w"] > 24]
    assert (len(ids), []) == (len(set(ids)), overflow)


def test_required_panels_present() -> None:
    """The panels the on-call needs are all there."""
    titles = {p["title"] for p in iter_panels(load_dashboard())}
    expected = {
        "Throughput (records consumed/s)",
        "Outcomes",
        "Dead letters by reason",
        "Escalation rate",
        "Technique mix",
        "Anger distribution",
        "Politeness distribution",
        "Processing latency (p50/p95/p99)",
        "Consumer lag per partition",
        "Rebalances",
        "Commit latency (p50/p95/p99)",
        "Up per pod",
        "Ready per pod",
    }
    assert set() == expected - titles


def test_every_selector_filters_namespace_and_pod() -> None:
    """Every metric selector in the dashboard filters on $namespace and $pod."""
    problems = []
    for query in dashboard_queries():
        for name in metric_names(query.expr):
            selectors = re.findall(rf"\b{re.escape(name)}\{{([^}}]*)\}}", query.expr)
            bare = re.search(rf"\b{re.escape(name)}\b(?!\{{)", query.expr)
            if bare or not all(f in s for s in selectors for f in SELECTOR_FILTERS):
                problems.append(f"{query.panel}/{query.ref_id}: {name}")
    assert [] == problems


# -- agreement with worker.metrics --------------------------------------------------------


def test_metric_name_parser() -> None:
    """metric_names finds metrics and skips functions, keywords, labels and durations."""
    expr = (
        'histogram_quantile(0.99, sum by (namespace, le) (rate(a_seconds_bucket{x="y"}[5m])))'
        " > on (pod) group_left () b_total offset 1d and time() - c > bool 3"
        ' or absent(up{job=~".*triage.*"})'
    )
    assert {"a_seconds_bucket", "b_total", "c", "up"} == metric_names(expr)


def test_dashboard_metrics_are_exported(exported: dict[str, str]) -> None:
    """Every metric a panel queries is one that worker.metrics.Metrics exposes."""
    referenced = dashboard_metrics()
    assert True is ("triage_records_consumed_total" in referenced)
    assert set() == referenced - set(exported) - PROMETHEUS_GENERATED


def test_alert_metrics_are_exported(exported: dict[str, str]) -> None:
    """Every metric an alert expression uses is one that worker.metrics.Metrics exposes."""
    referenced = alert_metrics()
    assert True is ("triage_consumer_lag" in referenced)
    assert set() == referenced - set(exported) - PROMETHEUS_GENERATED


def test_every_metric_family_is_on_the_dashboard(exported: dict[str, str]) -> None:
    """Each metric family Metrics exposes is shown by at least one panel."""
    shown = {exported[name] for name in dashboard_metrics() if name in exported}
    assert set() == set(exported.values()) - shown


def test_alert_metrics_are_on_the_dashboard() -> None:
    """The on-call can see every metric an alert is based on in the dashboard."""
    assert set() == alert_metrics() - dashboard_metrics()


def test_panels_named_in_alert_descriptions_exist() -> None:
    """Panels quoted in alert descriptions ("Throughput", ...) exist in the dashboard."""
    titles = [p["title"] for p in iter_panels(load_dashboard())]
    quoted = {
        name
        for rule in alert_rules(ALERTS_PATH)
        for name in re.findall(r'"([^"]+)"', rule.annotations.get("description", ""))
    }
    missing = {q for q in quoted if not any(t.startswith(q) for t in titles)}
    assert (True, set()) == (len(quoted) >= 5, missing)


def test_alerts_have_severity_summary_description_and_for() -> None:
    """Every alert has a for duration, a severity, a summary and a 'check FIRST' description."""
    problems = [
        rule.name
        for rule in alert_rules()
        if not rule.for_
        or rule.labels.get("severity") not in {"critical", "warning"}
        or not rule.annotations.get("summary")
        or "Check FIRST" not in rule.annotations.get("description", "")
    ]
    names = {rule.name for rule in alert_rules()}
    expected = {
        "TriageWorkerDown",
        "TriageLagGrowing",
        "TriageDeadLetterRatioHigh",
        "TriageEscalationSpike",
        "TriageNoCommit",
        "TriageLatencyP99High",
        "TriageDeadLetterUnwritable",
    }
    assert ([], expected) == (problems, names)
