"""The Helm chart: lint, render, schema-validate and security-check every ci/*-values.yaml."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import worker
from tests.deploy.helmtools import (
    CHART,
    CONFIG_DIR,
    REPO,
    SCENARIOS,
    Rendered,
    env_of,
    helm_template,
    run,
    settings_env_names,
    tool,
    tools_python,
    values_file,
)
from worker.settings import HttpSettings, ProcessingSettings

HERE = Path(__file__).resolve().parent
KUBERNETES_VERSIONS = ["1.29.0", "1.37.0"]  # the chart's kubeVersion floor, the newest shipped
CRD_KINDS = {"ScaledObject", "TriggerAuthentication", "ServiceMonitor", "PrometheusRule"}
CONFIGMAP_LIMIT = 1024 * 1024
BAKED_ONLY = re.compile(r".*\.weights\.json$")  # fitted weights: in the image, not the ConfigMap


def sync_hint() -> str:
    return (
        "helm/triage-worker/files/config/ must be a copy of config/*.yaml: run `make chart-sync` "
        "(rm -rf helm/triage-worker/files/config && mkdir -p helm/triage-worker/files/config && "
        "cp config/*.yaml helm/triage-worker/files/config/)"
    )


# ---------------------------------------------------------------------------------------------
# Chart metadata and values schema
# ---------------------------------------------------------------------------------------------


def test_chart_metadata() -> None:
    """Chart.yaml is apiVersion v2 with the worker's version as appVersion and a kubeVersion."""
    chart = yaml.safe_load((CHART / "Chart.yaml").read_text())
    assert "v2" == chart["apiVersion"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", chart["version"])
    assert worker.__version__ == chart["appVersion"]
    assert ">=1.29.0-0" == chart["kubeVersion"]


def test_values_yaml_points_at_schema() -> None:
    """values.yaml opens with the yaml-language-server schema modeline."""
    first = (CHART / "values.yaml").read_text().splitlines()[0]
    assert "# yaml-language-server: $schema=values.schema.json" == first


def _schema_nodes(node: dict[str, Any], path: str) -> list[tuple[str, dict[str, Any]]]:
    found = [(path, node)]
    for name, child in node.get("properties", {}).items():
        found += _schema_nodes(child, f"{path}.{name}" if path else name)
    return found


def test_schema_describes_every_value() -> None:
    """values.schema.json is draft-07, describes every property and closes our own blocks."""
    schema = json.loads((CHART / "values.schema.json").read_text())
    assert "http://json-schema.org/draft-07/schema#" == schema["$schema"]
    undocumented = [p for p, n in _schema_nodes(schema, "") if p and not n.get("description")]
    assert [] == undocumented
    open_blocks = [
        p
        for p, n in _schema_nodes(schema, "")
        if n.get("type") == "object"
        and n.get("properties")
        and n.get("additionalProperties") is not False
    ]
    assert [] == open_blocks


def _leaf_paths(values: Any, path: str = "") -> list[str]:
    if isinstance(values, dict) and values:
        out: list[str] = []
        for key, value in values.items():
            out += _leaf_paths(value, f"{path}.{key}" if path else key)
        return out
    return [path]


def test_readme_documents_every_value() -> None:
    """The chart README's values table names every key of values.yaml."""
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    readme = (CHART / "README.md").read_text()
    missing = [p for p in _leaf_paths(values) if f"`{p}`" not in readme]
    assert [] == missing


# ---------------------------------------------------------------------------------------------
# helm lint / template / kubernetes-validate / CRDs / checkov
# ---------------------------------------------------------------------------------------------


def test_ci_scenarios_present() -> None:
    """The ci/ directory keeps the five scenarios the chart is tested with."""
    expected = {"default", "existing-secret", "sasl-ssl", "monitoring-on", "keda-on"}
    assert expected <= set(SCENARIOS)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_helm_lint_strict(scenario: str) -> None:
    """helm lint --strict passes for the scenario."""
    result = run([tool("helm"), "lint", "--strict", str(CHART), "-f", str(values_file(scenario))])
    assert 0 == result.returncode, result.stdout + result.stderr


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_helm_template(scenario: str, render_of: Any) -> None:
    """helm template renders the scenario with a Deployment in it."""
    assert "Deployment" in render_of(scenario).kinds()


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_kubernetes_validate_strict(version: str, render_of: Any) -> None:
    """Every rendered built-in object passes kubernetes-validate --strict for the version."""
    paths = [str(render_of(s).path) for s in SCENARIOS]
    result = run([tool("kubernetes-validate"), "--strict", "--quiet", "-k", version, *paths])
    assert 0 == result.returncode, result.stdout + result.stderr
    # Only our known custom resources may lack a built-in schema (they are checked below).
    unknown = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and not any(f"kind {k} " in line for k in CRD_KINDS)
    ]
    assert [] == unknown


def test_keda_objects_match_crd_schema(render_of: Any) -> None:
    """The KEDA ScaledObject and TriggerAuthentication validate against KEDA's CRD schema."""
    rendered = render_of("keda-on")
    assert {"ScaledObject", "TriggerAuthentication"} <= set(rendered.kinds())
    result = run(
        [
            tools_python(),
            str(HERE / "crd_validate.py"),
            str(HERE / "fixtures" / "keda-v1alpha1.schema.yaml"),
            *(str(render_of(s).path) for s in SCENARIOS),
        ]
    )
    assert 0 == result.returncode, result.stdout + result.stderr
    assert "checked 2 custom resource(s), 0 error(s)" in result.stdout


def test_keda_trigger_scales_on_group_lag(render_of: Any) -> None:
    """The kafka trigger watches the worker's group and input topic, within the partition count."""
    rendered = render_of("keda-on")
    scaled = rendered.one("ScaledObject")
    env = {e["name"]: e.get("value") for e in env_of(rendered.deployment)}
    (trigger,) = scaled["spec"]["triggers"]
    assert "kafka" == trigger["type"]
    meta = trigger["metadata"]
    assert env["TRIAGE_KAFKA__GROUP_ID"] == meta["consumerGroup"]
    assert env["TRIAGE_TOPICS__INPUT"] == meta["topic"]
    assert env["TRIAGE_KAFKA__BOOTSTRAP_SERVERS"] == meta["bootstrapServers"]
    assert int(meta["lagThreshold"]) > 0
    assert scaled["spec"]["maxReplicaCount"] <= rendered.values["topics"]["inputPartitions"]
    known = {
        "bootstrapServers",
        "consumerGroup",
        "topic",
        "lagThreshold",
        "activationLagThreshold",
        "offsetResetPolicy",
        "allowIdleConsumers",
        "scaleToZeroOnInvalidOffset",
        "excludePersistentLag",
        "limitToPartitionsWithLag",
        "sasl",
        "tls",
        "version",
    }
    assert set(meta) <= known
    assert "replicas" not in rendered.deployment["spec"]


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (
            ["--set", "autoscaling.keda.maxReplicaCount=13"],
            "must not exceed topics.inputPartitions",
        ),
        (["--set", "autoscaling.hpa.enabled=true"], "mutually exclusive"),
    ],
)
def test_keda_guards_fail_rendering(flags: list[str], message: str) -> None:
    """KEDA beyond the partition count, or KEDA together with the HPA, fails the render."""
    result = helm_template(values_file("keda-on"), *flags)
    assert 0 != result.returncode
    assert message in result.stderr


@pytest.mark.parametrize(
    "flags",
    [
        ["--set", "replicaCount=7"],
        ["--set", "autoscaling.hpa.enabled=true", "--set", "autoscaling.hpa.maxReplicas=7"],
        ["--set", "terminationGracePeriodSeconds=20"],
        ["--set", "kafka.securityProtocol=SASL_SSL"],
    ],
)
def test_invalid_combinations_fail_rendering(flags: list[str]) -> None:
    """Replicas beyond the partitions, a short grace period or SASL without credentials fail."""
    result = helm_template(values_file("default"), *flags)
    assert 0 != result.returncode, result.stdout


def test_hpa_renders_cpu_autoscaler() -> None:
    """autoscaling.hpa renders an autoscaling/v2 HPA on CPU that validates for Kubernetes."""
    result = helm_template(values_file("default"), "--set", "autoscaling.hpa.enabled=true")
    assert 0 == result.returncode, result.stderr
    docs = [d for d in yaml.safe_load_all(result.stdout) if d]
    (hpa,) = [d for d in docs if d["kind"] == "HorizontalPodAutoscaler"]
    assert "cpu" == hpa["spec"]["metrics"][0]["resource"]["name"]
    checked = run(
        [tool("kubernetes-validate"), "--strict", "--quiet", "-k", KUBERNETES_VERSIONS[0], "-"],
        input=result.stdout,
    )
    assert 0 == checked.returncode, checked.stdout + checked.stderr


def _checkov_skips() -> dict[str, str]:
    skips: dict[str, str] = yaml.safe_load((HERE / "checkov-skips.yaml").read_text())
    return skips


def test_checkov_skip_list_is_short_and_reasoned() -> None:
    """Each skipped checkov check carries a reason, and the list stays short."""
    skips = _checkov_skips()
    assert len(skips) <= 6
    assert all(re.fullmatch(r"CKV2?_K8S_\d+", k) and len(v.split()) >= 8 for k, v in skips.items())


def test_checkov_passes(render_of: Any, rendered_dir: Path) -> None:
    """checkov finds no failed check in any scenario beyond the reasoned skip list."""
    for scenario in SCENARIOS:
        render_of(scenario)
    result = run(
        [
            tool("checkov"),
            "--skip-download",
            "--quiet",
            "--compact",
            "--framework",
            "kubernetes",
            "--output",
            "json",
            "--skip-check",
            ",".join(_checkov_skips()),
            "-d",
            str(rendered_dir),
        ]
    )
    report = json.loads(result.stdout)
    reports = report if isinstance(report, list) else [report]
    failed = [
        f"{c['check_id']} {c['resource']} ({Path(c['file_path']).name})"
        for r in reports
        for c in r.get("results", {}).get("failed_checks", [])
    ]
    passed = sum(r.get("summary", {}).get("passed", 0) for r in reports)
    assert [] == failed
    assert passed > 0, result.stdout[:2000]


# ---------------------------------------------------------------------------------------------
# What the rendered objects say
# ---------------------------------------------------------------------------------------------


def test_probes_match_worker_endpoints(rendered: Rendered) -> None:
    """Liveness is /healthz and readiness /readyz on the http port the worker listens on."""
    container = rendered.deployment["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e.get("value") for e in env_of(rendered.deployment)}
    (port,) = container["ports"]
    assert "http" == port["name"]
    assert "/healthz" == container["livenessProbe"]["httpGet"]["path"]
    assert "/readyz" == container["readinessProbe"]["httpGet"]["path"]
    assert "http" == container["livenessProbe"]["httpGet"]["port"]
    assert "http" == container["readinessProbe"]["httpGet"]["port"]
    assert HttpSettings().port == port["containerPort"]
    assert str(port["containerPort"]) == env["TRIAGE_HTTP__PORT"]
    assert "0.0.0.0" == env["TRIAGE_HTTP__HOST"]  # noqa: S104 (a pod must listen on its IP)
    service = rendered.one("Service")
    assert "http" == service["spec"]["ports"][0]["targetPort"]


def test_env_names_are_worker_settings(rendered: Rendered) -> None:
    """Every TRIAGE_* variable in the Deployment is one WorkerSettings reads."""
    allowed = settings_env_names()
    names = [e["name"] for e in env_of(rendered.deployment)]
    assert len(names) == len(set(names))
    unknown = [n for n in names if n.startswith("TRIAGE_") and n not in allowed]
    assert [] == unknown


def test_instance_id_is_the_pod_name(rendered: Rendered) -> None:
    """TRIAGE_PROCESSING__INSTANCE_ID comes from the downward API's pod name."""
    env = {e["name"]: e for e in env_of(rendered.deployment)}
    source = env["TRIAGE_PROCESSING__INSTANCE_ID"]["valueFrom"]["fieldRef"]["fieldPath"]
    assert "metadata.name" == source


def test_config_copy_in_chart_is_in_sync() -> None:
    """The chart's files/config/ holds exactly config/*.yaml, byte for byte."""
    source = {p.name: p.read_bytes() for p in CONFIG_DIR.glob("*.y*ml")}
    copy = {p.name: p.read_bytes() for p in (CHART / "files" / "config").glob("*")}
    assert source, "config/ has no YAML rule files"
    assert sorted(source) == sorted(copy), sync_hint()
    assert [] == [n for n in source if source[n] != copy[n]], sync_hint()


def test_configmap_carries_every_config_file(rendered: Rendered) -> None:
    """The ConfigMap carries every rule file of config/ (weights are baked into the image)."""
    files = sorted(p for p in CONFIG_DIR.iterdir() if p.is_file())
    assert files, "config/ is empty"
    configmap = rendered.one("ConfigMap", "-config")
    data = configmap["data"]
    in_configmap = [p for p in files if not BAKED_ONLY.fullmatch(p.name)]
    assert in_configmap, "config/ has no file for the ConfigMap"
    for path in in_configmap:
        assert path.name in data, f"{path.name} missing from the ConfigMap: {sync_hint()}"
        assert path.read_text() == data[path.name], f"{path.name} differs: {sync_hint()}"
    for name, content in rendered.values.get("config", {}).get("files", {}).items():
        assert content == data[name]
    assert len(json.dumps(data).encode()) < CONFIGMAP_LIMIT * 0.9
    # each ConfigMap key is mounted over the image's copy in TRIAGE_CONFIG_DIR
    env = {e["name"]: e.get("value") for e in env_of(rendered.deployment)}
    mounts = rendered.deployment["spec"]["template"]["spec"]["containers"][0]["volumeMounts"]
    mounted = {m["subPath"] for m in mounts if m["name"] == "config"}
    assert set(data) == mounted
    assert all(
        m["mountPath"].startswith(env["TRIAGE_CONFIG_DIR"] + "/")
        for m in mounts
        if m["name"] == "config"
    )


def test_baked_files_are_in_the_image() -> None:
    """Files kept out of the ConfigMap are baked into the image with the rest of config/."""
    dockerfile = (REPO / "Dockerfile").read_text()
    assert re.search(r"^COPY\s+config/\s+/app/config/?\s*$", dockerfile, re.MULTILINE)
    assert "TRIAGE_CONFIG_DIR=/app/config" in dockerfile


def test_checksum_annotation_tracks_config(rendered: Rendered) -> None:
    """The pod template carries a checksum/config annotation, so config changes roll the pods."""
    annotations = rendered.deployment["spec"]["template"]["metadata"]["annotations"]
    assert re.fullmatch(r"[0-9a-f]{64}", annotations["checksum/config"])


def test_config_change_changes_checksum() -> None:
    """Changing a rule file through values changes the checksum/config annotation."""

    def checksum(*flags: str) -> str:
        result = helm_template(values_file("default"), *flags)
        assert 0 == result.returncode, result.stderr
        (dep,) = [d for d in yaml.safe_load_all(result.stdout) if d and d["kind"] == "Deployment"]
        return str(dep["spec"]["template"]["metadata"]["annotations"]["checksum/config"])

    assert checksum() != checksum("--set-string", "config.files.extra\\.yaml=a: 1")


def test_restricted_pod_security(rendered: Rendered) -> None:
    """The pod meets the restricted Pod Security Standard, read-only root, /tmp an emptyDir."""
    pod = rendered.deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    psc, sc = pod["securityContext"], container["securityContext"]
    assert psc["runAsNonRoot"] is True and sc["runAsNonRoot"] is True
    assert isinstance(sc["runAsUser"], int) and sc["runAsUser"] > 0
    assert sc["allowPrivilegeEscalation"] is False
    assert ["ALL"] == sc["capabilities"]["drop"]
    assert "add" not in sc["capabilities"]
    assert "RuntimeDefault" == psc["seccompProfile"]["type"] == sc["seccompProfile"]["type"]
    assert sc["readOnlyRootFilesystem"] is True
    tmp = [m for m in container["volumeMounts"] if m["mountPath"] == "/tmp"]  # noqa: S108
    assert 1 == len(tmp)
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert "emptyDir" in volumes[tmp[0]["name"]]
    assert pod["automountServiceAccountToken"] is False
    for key in ("hostNetwork", "hostPID", "hostIPC"):
        assert not pod.get(key)
    assert all("hostPath" not in v for v in pod["volumes"])


def test_service_account_token_not_mounted(rendered: Rendered) -> None:
    """The chart's ServiceAccount does not automount an API token."""
    for account in rendered.of_kind("ServiceAccount"):
        assert account["automountServiceAccountToken"] is False


def test_grace_period_exceeds_shutdown_timeout(rendered: Rendered) -> None:
    """terminationGracePeriodSeconds is longer than the worker's shutdown timeout."""
    pod = rendered.deployment["spec"]["template"]["spec"]
    env = {e["name"]: e.get("value") for e in env_of(rendered.deployment)}
    timeout = float(
        env.get("TRIAGE_PROCESSING__SHUTDOWN_TIMEOUT_S", ProcessingSettings().shutdown_timeout_s)
    )
    assert pod["terminationGracePeriodSeconds"] > timeout


def test_default_grace_period_matches_settings(render_of: Any) -> None:
    """With defaults the grace period is 30 s against the worker's 20 s shutdown timeout."""
    pod = render_of("default").deployment["spec"]["template"]["spec"]
    assert 20.0 == ProcessingSettings().shutdown_timeout_s
    assert 30 == pod["terminationGracePeriodSeconds"]


def _secret_values(values: dict[str, Any]) -> list[str]:
    sasl = values.get("kafka", {}).get("sasl", {})
    return [v for v in (sasl.get("password"),) if v]


def test_secrets_only_via_secret_key_ref(rendered: Rendered) -> None:
    """Credentials reach the pod only by secretKeyRef: no password in env values or ConfigMaps."""
    for var in env_of(rendered.deployment):
        if re.search(r"PASSWORD|SASL_USERNAME", var["name"]):
            assert "value" not in var, var["name"]
            assert "secretKeyRef" in var["valueFrom"], var["name"]
    plain = [v.get("value", "") for v in env_of(rendered.deployment)]
    plain += [str(d.get("data")) for d in rendered.of_kind("ConfigMap")]
    for secret in _secret_values(rendered.values):
        assert not any(secret in text for text in plain)


def test_secret_created_unless_existing(rendered: Rendered) -> None:
    """The chart creates the SASL Secret itself unless kafka.sasl.existingSecret names one."""
    kafka = rendered.values.get("kafka", {})
    sasl_on = kafka.get("securityProtocol", "PLAINTEXT").startswith("SASL")
    existing = kafka.get("sasl", {}).get("existingSecret")
    secrets = rendered.of_kind("Secret")
    if sasl_on and not existing:
        assert 1 == len(secrets)
        refs = {
            e["valueFrom"]["secretKeyRef"]["name"]
            for e in env_of(rendered.deployment)
            if "secretKeyRef" in e.get("valueFrom", {})
        }
        assert {secrets[0]["metadata"]["name"]} == refs
    else:
        assert [] == secrets
    if existing:
        refs = {
            e["valueFrom"]["secretKeyRef"]["name"]
            for e in env_of(rendered.deployment)
            if "secretKeyRef" in e.get("valueFrom", {})
        }
        assert {existing} == refs


def test_topology_spread_selects_own_pods(rendered: Rendered) -> None:
    """Each topology spread constraint selects this release's pods."""
    pod = rendered.deployment["spec"]["template"]["spec"]
    selector = rendered.deployment["spec"]["selector"]["matchLabels"]
    assert pod["topologySpreadConstraints"]
    for constraint in pod["topologySpreadConstraints"]:
        assert selector == constraint["labelSelector"]["matchLabels"]


def test_selectors_exclude_chart_version(rendered: Rendered) -> None:
    """helm.sh/chart never appears in a selector (it changes with every chart version)."""
    assert "helm.sh/chart" not in rendered.deployment["spec"]["selector"]["matchLabels"]
    assert "helm.sh/chart" not in rendered.one("Service")["spec"]["selector"]


def test_optional_features_start_off(render_of: Any) -> None:
    """With default values no optional object is rendered."""
    kinds = set(render_of("default").kinds())
    optional = {
        "ServiceMonitor",
        "PrometheusRule",
        "ScaledObject",
        "TriggerAuthentication",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "NetworkPolicy",
        "Secret",
    }
    assert set() == kinds & optional


def test_monitoring_objects(render_of: Any) -> None:
    """ServiceMonitor scrapes /metrics on http; PrometheusRule and dashboard come from files/."""
    rendered = render_of("monitoring-on")
    endpoint = rendered.one("ServiceMonitor")["spec"]["endpoints"][0]
    assert ("http", "/metrics") == (endpoint["port"], endpoint["path"])
    alerts = yaml.safe_load((CHART / "files" / "alerts.rules.yaml").read_text())
    assert alerts["groups"] == rendered.one("PrometheusRule")["spec"]["groups"]
    dashboard = rendered.one("ConfigMap", "-dashboard")
    assert "1" == dashboard["metadata"]["labels"]["grafana_dashboard"]
    assert (CHART / "files" / "dashboard.json").read_text() == dashboard["data"][
        "triage-worker.json"
    ]
    json.loads(dashboard["data"]["triage-worker.json"])


def test_network_policy(render_of: Any) -> None:
    """The NetworkPolicy allows DNS and the Kafka ports out, and the metrics port in."""
    rendered = render_of("sasl-ssl")
    policy = rendered.one("NetworkPolicy")["spec"]
    assert {"Ingress", "Egress"} == set(policy["policyTypes"])
    egress_ports = {(p["port"], p["protocol"]) for rule in policy["egress"] for p in rule["ports"]}
    assert {(53, "UDP"), (53, "TCP")} <= egress_ports
    assert {(p, "TCP") for p in rendered.values["kafka"]["ports"]} <= egress_ports
    assert [{"port": "http", "protocol": "TCP"}] == policy["ingress"][0]["ports"]


def test_pdb_selects_the_pods(render_of: Any) -> None:
    """The PodDisruptionBudget selects the Deployment's pods."""
    rendered = render_of("sasl-ssl")
    pdb = rendered.one("PodDisruptionBudget")
    assert rendered.deployment["spec"]["selector"] == pdb["spec"]["selector"]
