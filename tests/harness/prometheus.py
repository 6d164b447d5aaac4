"""A real Prometheus server for tests, plus helpers to pull PromQL out of our dashboard and rules.

The binary comes from Debian's ``prometheus`` package (``tests/tooling/install-prometheus.sh``).
The server binds to 127.0.0.1 on a free port, scrapes the given targets every second, loads the
given rule files and keeps its TSDB in a temporary directory::

    target = ScrapeTarget("127.0.0.1:8000", labels={"namespace": "local", "pod": "worker-0"})
    with PrometheusServer(tmp_path, [target], rule_files=[ALERTS]) as prom:
        prom.wait_for("up == 1")
        prom.query('rate(triage_records_consumed_total[10s])')

Only the targets change between a synthetic metrics source and the real worker: the scrape
labels ``namespace`` and ``pod`` are added as static target labels, as a ServiceMonitor adds
them in Kubernetes, so the dashboard's and alerts' queries work unchanged.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import yaml
from prometheus_client import CollectorRegistry

from worker.core.techniques import TECHNIQUE_IDS
from worker.errors import DEAD_LETTER_REASONS
from worker.http import HealthServer
from worker.metrics import ABUSE_KINDS, Metrics, TriageSample

__all__ = [
    "ALERTS_PATH",
    "DASHBOARD_PATH",
    "DEAD_LETTER_REASONS",
    "INSTALL_HINT",
    "TECHNIQUE_IDS",
    "AlertRule",
    "PanelQuery",
    "PrerequisiteError",
    "PrometheusError",
    "PrometheusServer",
    "ScrapeTarget",
    "SyntheticWorker",
    "alert_rules",
    "dashboard_queries",
    "drive_once",
    "free_port",
    "iter_panels",
    "metric_names",
    "require_tool",
    "substitute",
]

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parents[2]
DASHBOARD_PATH = ROOT / "helm" / "triage-worker" / "files" / "dashboard.json"
ALERTS_PATH = ROOT / "helm" / "triage-worker" / "files" / "alerts.rules.yaml"
INSTALL_HINT = "run tests/tooling/install-prometheus.sh"


class PrerequisiteError(RuntimeError):
    """A tool the tests need is not installed."""


class PrometheusError(RuntimeError):
    """Prometheus failed to start, or answered a query with an error."""


def require_tool(name: str) -> str:
    """Return the path of executable ``name``, or raise PrerequisiteError with the fix."""
    path = shutil.which(name)
    if path is None:
        raise PrerequisiteError(f"{name} not found on PATH: {INSTALL_HINT}")
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class ScrapeTarget:
    """One ``host:port`` to scrape, with the labels Kubernetes service discovery would add."""

    address: str
    job: str = "triage-worker"
    labels: Mapping[str, str] = field(
        default_factory=lambda: {"namespace": "local", "pod": "triage-worker-0"}
    )
    metrics_path: str = "/metrics"


class PrometheusServer:
    """Start, query and stop a Prometheus process (context manager)."""

    def __init__(
        self,
        workdir: Path,
        targets: Sequence[ScrapeTarget],
        *,
        rule_files: Sequence[Path] = (),
        port: int | None = None,
        scrape_interval: str = "1s",
        evaluation_interval: str = "1s",
        startup_timeout_s: float = 30.0,
    ) -> None:
        self.workdir = workdir
        self.targets = tuple(targets)
        self.rule_files = tuple(Path(p).resolve() for p in rule_files)
        self.port = port or free_port()
        self.scrape_interval = scrape_interval
        self.evaluation_interval = evaluation_interval
        self.startup_timeout_s = startup_timeout_s
        self.url = f"http://{HOST}:{self.port}"
        self.config_path = workdir / "prometheus.yml"
        self.log_path = workdir / "prometheus.log"
        self._process: subprocess.Popen[bytes] | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def config(self) -> dict[str, Any]:
        """The prometheus.yml content: one scrape job per distinct job name."""
        jobs: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for target in self.targets:
            static = {"targets": [target.address], "labels": dict(target.labels)}
            jobs.setdefault((target.job, target.metrics_path), []).append(static)
        return {
            "global": {
                "scrape_interval": self.scrape_interval,
                "scrape_timeout": self.scrape_interval,
                "evaluation_interval": self.evaluation_interval,
            },
            "rule_files": [str(p) for p in self.rule_files],
            "scrape_configs": [
                {"job_name": job, "metrics_path": path, "static_configs": statics}
                for (job, path), statics in jobs.items()
            ],
        }

    def start(self) -> PrometheusServer:
        """Write the config, start the server and wait until it reports ready."""
        binary = require_tool("prometheus")
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.config_path.write_text(yaml.safe_dump(self.config(), sort_keys=False))
        args = [
            binary,
            f"--config.file={self.config_path}",
            f"--storage.tsdb.path={self.workdir / 'data'}",
            "--storage.tsdb.retention.time=1h",
            f"--web.listen-address={HOST}:{self.port}",
            "--log.level=warn",
        ]
        env = {**os.environ, "GOMAXPROCS": "1"}
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env
            )
        deadline = time.monotonic() + self.startup_timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise PrometheusError(
                    f"prometheus exited with {self._process.returncode}: {self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/-/ready", timeout=1) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        self.stop()
        raise PrometheusError(f"prometheus not ready after {self.startup_timeout_s}s")

    def stop(self) -> None:
        """Terminate the server (SIGTERM, then SIGKILL after 10 s)."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)

    def __enter__(self) -> PrometheusServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def log_tail(self, lines: int = 20) -> str:
        """The last lines of the server log, for error messages."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    # -- HTTP API ----------------------------------------------------------------------------

    def api(self, path: str, params: Mapping[str, str | Sequence[str]] | None = None) -> Any:
        """GET ``/api/v1/<path>`` and return ``data``; raise PrometheusError on an error."""
        query = urllib.parse.urlencode(params or {}, doseq=True)
        url = f"{self.url}/api/v1/{path}" + (f"?{query}" if query else "")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local http)
                body = json.load(response)
        except urllib.error.HTTPError as err:
            body = json.loads(err.read() or b"{}")
            raise PrometheusError(
                f"{path} failed ({err.code}): {body.get('errorType')}: {body.get('error')}"
            ) from None
        if body.get("status") != "success":
            raise PrometheusError(f"{path}: {body.get('errorType')}: {body.get('error')}")
        return body["data"]

    def query(self, expr: str, at: float | None = None) -> list[dict[str, Any]]:
        """Instant query; returns the result list (vector or scalar wrapped in a list)."""
        params = {"query": expr}
        if at is not None:
            params["time"] = f"{at:.3f}"
        data = self.api("query", params)
        if data["resultType"] in ("scalar", "string"):
            return [{"metric": {}, "value": data["result"]}]
        return list(data["result"])

    def query_range(
        self, expr: str, *, start: float, end: float, step: float
    ) -> list[dict[str, Any]]:
        """Range query; returns the matrix result list."""
        params = {"query": expr, "start": f"{start:.3f}", "end": f"{end:.3f}", "step": f"{step}"}
        return list(self.api("query_range", params)["result"])

    def label_values(self, label: str, match: str) -> list[str]:
        """Values of ``label`` on series matching ``match`` (Grafana's ``label_values``)."""
        return list(self.api(f"label/{label}/values", {"match[]": [match]}))

    def wait_for(self, expr: str, timeout_s: float = 20.0) -> list[dict[str, Any]]:
        """Poll an instant query until it returns a non-empty result."""
        deadline = time.monotonic() + timeout_s
        while True:
            result = self.query(expr)
            if result:
                return result
            if time.monotonic() > deadline:
                targets = self.api("targets")["activeTargets"]
                health = [(t["scrapeUrl"], t["health"], t["lastError"]) for t in targets]
                raise PrometheusError(f"{expr!r} still empty after {timeout_s}s; {health}")
            time.sleep(0.25)


# -- dashboard and rules -------------------------------------------------------------------


@dataclass(frozen=True)
class PanelQuery:
    """One query of one dashboard panel."""

    panel: str
    ref_id: str
    expr: str
    instant: bool


@dataclass(frozen=True)
class AlertRule:
    """One alerting rule of the rules file."""

    name: str
    expr: str
    labels: Mapping[str, str]
    annotations: Mapping[str, str]
    for_: str | None


def iter_panels(dashboard: Mapping[str, Any]) -> list[dict[str, Any]]:
    """All panels, including those nested in collapsed rows, rows themselves excluded."""
    out: list[dict[str, Any]] = []
    for panel in dashboard.get("panels", []):
        if panel.get("type") == "row":
            out.extend(panel.get("panels", []))
        else:
            out.append(panel)
    return out


def dashboard_queries(path: Path = DASHBOARD_PATH) -> list[PanelQuery]:
    """Every Prometheus query of every panel of the dashboard."""
    dashboard = json.loads(path.read_text())
    return [
        PanelQuery(
            panel=panel["title"],
            ref_id=target["refId"],
            expr=target["expr"],
            instant=bool(target.get("instant")) and not target.get("range", False),
        )
        for panel in iter_panels(dashboard)
        for target in panel.get("targets", [])
        if "expr" in target
    ]


def alert_rules(path: Path = ALERTS_PATH) -> list[AlertRule]:
    """Every alerting rule of a Prometheus rules file."""
    doc = yaml.safe_load(path.read_text())
    return [
        AlertRule(
            name=rule["alert"],
            expr=rule["expr"],
            labels=rule.get("labels", {}),
            annotations=rule.get("annotations", {}),
            for_=rule.get("for"),
        )
        for group in doc["groups"]
        for rule in group["rules"]
        if "alert" in rule
    ]


def substitute(expr: str, variables: Mapping[str, str]) -> str:
    """Replace Grafana variables (``$name``, ``${name}``, ``[[name]]``) in a query.

    ``variables`` should hold the dashboard variables and Grafana's built-ins used in range
    selectors, e.g. ``__rate_interval``, ``__interval`` and ``__range``. An unknown variable
    raises KeyError, so a query cannot silently reach Prometheus with a ``$`` left in it.
    """

    def repl(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2) or match.group(3)
        return variables[name]

    return re.sub(r"\$\{(\w+)(?::\w+)?\}|\$(\w+)|\[\[(\w+)\]\]", repl, expr)


# Words that look like identifiers in PromQL but are not metric names.
_PROMQL_KEYWORDS = frozenset(
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
        "group_left", "group_right", "sum", "avg", "min", "max", "count", "stddev", "stdvar",
        "topk", "bottomk", "quantile", "count_values", "group", "inf", "nan", "atan2",
    }
)  # fmt: skip


def metric_names(expr: str) -> set[str]:
    """Metric names referenced by a PromQL expression (a small lexer, enough for our queries).

    Strings, label matchers, range/subquery brackets and grouping clauses are removed first;
    what remains is an identifier not followed by ``(`` (a function) nor a keyword.
    """
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', expr)
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    names = set()
    for match in re.finditer(r"(?<![\w.$])([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?", text):
        name, call = match.group(1), match.group(2)
        if call or name.lower() in _PROMQL_KEYWORDS:
            continue
        names.add(name)
    return names


# -- a synthetic scrape target -------------------------------------------------------------

_ANGER_LEVELS = ((0.25, "none"), (0.5, "low"), (0.75, "medium"), (1.01, "high"))
_POLITENESS_LEVELS = ((0.33, "rude"), (0.66, "neutral"), (1.01, "polite"))


def _level(value: float, levels: Sequence[tuple[float, str]]) -> str:
    return next(name for upper, name in levels if value < upper)


def drive_once(
    metrics: Metrics, rng: random.Random, *, partitions: int = 3, now: float | None = None
) -> None:
    """Make the calls the service makes for one polled batch, with plausible values."""
    size = rng.randint(1, 40)
    metrics.record_consumed(size)
    started = time.perf_counter()
    for _ in range(size):
        roll = rng.random()
        if roll < 0.04:
            metrics.record_dead_letter(rng.choice(DEAD_LETTER_REASONS))
        elif roll < 0.14:
            metrics.record_outcome("skipped")
        else:
            anger, politeness = rng.betavariate(2, 3), rng.betavariate(3, 2)
            abusive = rng.random() < 0.08
            kinds = rng.sample(ABUSE_KINDS, rng.randint(1, 2)) if abusive else []
            sample = TriageSample(
                technique=rng.choice(TECHNIQUE_IDS),
                escalated=abusive,
                relationship=rng.choices(("continue", "monitor", "consider_ending"), (90, 9, 1))[0],
                abuse_kinds=tuple(kinds),
                anger=anger,
                politeness=politeness,
                abuse=rng.uniform(0.7, 1.0) if abusive else rng.uniform(0.0, 0.3),
                anger_level=_level(anger, _ANGER_LEVELS),
                politeness_level=_level(politeness, _POLITENESS_LEVELS),
                review=rng.choices((None, "possible_threat", "language"), (97, 2, 1))[0],
            )
            metrics.record_triage(sample)
        if rng.random() < 0.01:
            metrics.record_mis_keyed()
        metrics.observe_message_seconds(rng.lognormvariate(-6.0, 0.6))  # ~2.5 ms median
    metrics.observe_commit(
        rng.lognormvariate(-4.5, 0.5), at=now if now is not None else time.time()
    )
    metrics.observe_batch(size, time.perf_counter() - started + rng.uniform(0.01, 0.05))
    for partition in range(partitions):
        metrics.set_lag(partition, rng.randint(0, 200))


class SyntheticWorker:
    """A stand-in scrape target: ``Metrics`` served by ``HealthServer``, fed like the service.

    A background thread calls :func:`drive_once` every ``interval_s`` seconds (and ticks the
    liveness clock), so rates and histogram quantiles have data. The real worker replaces it
    as a :class:`ScrapeTarget` without any other change to the tests.
    """

    def __init__(
        self,
        *,
        partitions: int = 3,
        interval_s: float = 0.1,
        seed: int = 20240601,
        version: str = "0.0.0-test",
        config_hash: str = "0123456789ab",
    ) -> None:
        self.registry = CollectorRegistry()
        self.metrics = Metrics(
            self.registry, technique_ids=TECHNIQUE_IDS, dead_letter_reasons=DEAD_LETTER_REASONS
        )
        self.server = HealthServer(self.registry, host=HOST, port=0, liveness_timeout_s=30)
        self.partitions = partitions
        self.interval_s = interval_s
        self._rng = random.Random(seed)
        self._version, self._config_hash = version, config_hash
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def address(self) -> str:
        return f"{HOST}:{self.server.port}"

    def target(self, **labels: str) -> ScrapeTarget:
        """This worker as a scrape target (``labels`` replace the default namespace/pod)."""
        return ScrapeTarget(self.address, labels=labels or ScrapeTarget("").labels)

    def start(self) -> SyntheticWorker:
        self.metrics.set_build_info(self._version, self._config_hash)
        self.metrics.set_assigned(self.partitions)
        self.metrics.record_rebalance()
        self.server.start()
        self.metrics.set_ready(True)
        self.server.set_ready(True, "partitions assigned")
        self._thread = threading.Thread(target=self._run, name="synthetic-worker", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            drive_once(self.metrics, self._rng, partitions=self.partitions)
            self.server.tick()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self.server.stop()

    def __enter__(self) -> SyntheticWorker:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
