"""Every dashboard query and alert expression, run by a real Prometheus against a live target.

A real Prometheus (tests/harness/prometheus.py) scrapes a worker every second with the alert
rules loaded; then each panel query (Grafana variables substituted) must be valid and return
data, and each alert expression must evaluate without error.

The checks live in :class:`PrometheusLiveChecks`; a subclass only supplies the
``scrape_target`` fixture. Here it is :class:`SyntheticWorker` (the real ``Metrics`` and
``HealthServer`` fed with realistic calls); a variant against the real worker consuming from
the real broker subclasses it the same way::

    class TestRealWorker(PrometheusLiveChecks):
        @pytest.fixture(name="scrape_target", scope="class")
        def _scrape_target(self) -> Iterator[ScrapeTarget]:
            ...  # start the worker, produce events, yield ScrapeTarget("127.0.0.1:<port>")
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from tests.harness.prometheus import (
    ALERTS_PATH,
    AlertRule,
    PanelQuery,
    PrometheusServer,
    ScrapeTarget,
    SyntheticWorker,
    alert_rules,
    dashboard_queries,
    substitute,
)

QUERIES = dashboard_queries()
ALERTS = alert_rules()
#: Grafana's built-ins, sized for a 1 s scrape interval and a test that lasts seconds.
BUILTINS = {"__rate_interval": "10s", "__interval": "2s", "__range": "1m"}
#: A query that is non-empty only once rates and histogram quantiles have data.
DATA_READY = (
    "histogram_quantile(0.5, sum by (le) "
    "(rate(triage_message_processing_seconds_bucket[10s]))) >= 0"
)


def has_finite_value(result: list[dict[str, Any]]) -> bool:
    values = [s["value"][1] for s in result if "value" in s]
    values += [v[1] for s in result for v in s.get("values", [])]
    return any(math.isfinite(float(v)) for v in values)


class PrometheusLiveChecks:
    """The live checks; subclasses provide a class-scoped ``scrape_target`` fixture."""

    #: Panels must show at least one finite value (not only NaN from an empty histogram).
    require_finite: ClassVar[bool] = True
    data_timeout_s: ClassVar[float] = 30.0

    @pytest.fixture(name="prometheus", scope="class")
    @classmethod
    def _prometheus(
        cls, scrape_target: ScrapeTarget, tmp_path_factory: pytest.TempPathFactory
    ) -> Iterator[PrometheusServer]:
        workdir: Path = tmp_path_factory.mktemp("prometheus")
        with PrometheusServer(workdir, [scrape_target], rule_files=[ALERTS_PATH]) as prom:
            prom.wait_for(DATA_READY, timeout_s=cls.data_timeout_s)
            yield prom

    @pytest.fixture(name="variables", scope="class")
    @classmethod
    def _variables(cls, prometheus: PrometheusServer) -> dict[str, str]:
        """The dashboard variables as Grafana would resolve them (label_values on build_info)."""
        namespaces = prometheus.label_values("namespace", "triage_build_info")
        pods = prometheus.label_values("pod", f'triage_build_info{{namespace="{namespaces[0]}"}}')
        return {**BUILTINS, "namespace": namespaces[0], "pod": pods[0]}

    def test_target_is_up(self, prometheus: PrometheusServer) -> None:
        """Prometheus scrapes the target successfully."""
        result = prometheus.query('up{job=~".*triage.*"}')
        assert [1.0] == [float(s["value"][1]) for s in result]

    def test_variables_resolve_to_the_target_labels(
        self, variables: dict[str, str], scrape_target: ScrapeTarget
    ) -> None:
        """The namespace and pod variables find the target's scrape labels."""
        actual = (variables["namespace"], variables["pod"])
        assert (scrape_target.labels["namespace"], scrape_target.labels["pod"]) == actual

    @pytest.mark.parametrize("query", QUERIES, ids=[f"{q.panel}/{q.ref_id}" for q in QUERIES])
    def test_panel_query_returns_data(
        self, prometheus: PrometheusServer, variables: dict[str, str], query: PanelQuery
    ) -> None:
        """The panel's query is valid PromQL and returns data for the selected pod."""
        expr = substitute(query.expr, variables)
        if query.instant:
            result = prometheus.query(expr)
        else:
            now = time.time()
            result = prometheus.query_range(expr, start=now - 20, end=now, step=2)
        assert True is bool(result), expr
        if self.require_finite:
            assert True is has_finite_value(result), (expr, result)

    @pytest.mark.parametrize("rule", ALERTS, ids=[r.name for r in ALERTS])
    def test_alert_expression_evaluates(
        self, prometheus: PrometheusServer, rule: AlertRule
    ) -> None:
        """The alert expression evaluates without error (an empty result is fine)."""
        prometheus.query(rule.expr)

    def test_worker_down_is_quiet_while_up(self, prometheus: PrometheusServer) -> None:
        """TriageWorkerDown's expression is empty while the worker is scraped."""
        rule = next(r for r in ALERTS if r.name == "TriageWorkerDown")
        assert [] == prometheus.query(rule.expr)

    def test_rules_are_loaded_and_healthy(self, prometheus: PrometheusServer) -> None:
        """Prometheus loaded every alert and evaluates it without error."""
        deadline = time.monotonic() + 10
        while True:
            groups = prometheus.api("rules", {"type": "alert"})["groups"]
            rules = {r["name"]: r for g in groups for r in g["rules"]}
            if all(r["health"] != "unknown" for r in rules.values()) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        actual = {name: (r["health"], r.get("lastError", "")) for name, r in rules.items()}
        assert {r.name: ("ok", "") for r in ALERTS} == actual


class TestSyntheticWorker(PrometheusLiveChecks):
    """The checks against Metrics + HealthServer driven by a background thread."""

    @pytest.fixture(name="scrape_target", scope="class")
    @classmethod
    def _scrape_target(cls) -> Iterator[ScrapeTarget]:
        with SyntheticWorker(partitions=3) as worker:
            yield worker.target(namespace="support", pod="triage-worker-0")
