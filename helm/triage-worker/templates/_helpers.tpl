{{/*
Chart name, truncated to the 63 characters a DNS label allows.
*/}}
{{- define "triage-worker.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: release-chart unless the release name already contains the chart name.
*/}}
{{- define "triage-worker.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, as used by the helm.sh/chart label.
*/}}
{{- define "triage-worker.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels (never used as selectors: helm.sh/chart changes with every chart version).
*/}}
{{- define "triage-worker.labels" -}}
helm.sh/chart: {{ include "triage-worker.chart" . }}
{{ include "triage-worker.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: worker
app.kubernetes.io/part-of: triage
{{- end }}

{{/*
Selector labels: stable across upgrades.
*/}}
{{- define "triage-worker.selectorLabels" -}}
app.kubernetes.io/name: {{ include "triage-worker.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Name of the ServiceAccount to use.
*/}}
{{- define "triage-worker.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "triage-worker.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Image reference: repository@digest when a digest is given, else repository:tag (tag defaults to
the appVersion).
*/}}
{{- define "triage-worker.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
True ("true") when the worker talks SASL to the brokers.
*/}}
{{- define "triage-worker.sasl" -}}
{{- if hasPrefix "SASL" .Values.kafka.securityProtocol }}true{{ end }}
{{- end }}

{{/*
True ("true") when the worker talks TLS to the brokers.
*/}}
{{- define "triage-worker.tls" -}}
{{- if has .Values.kafka.securityProtocol (list "SSL" "SASL_SSL") }}true{{ end }}
{{- end }}

{{/*
Name of the Secret holding the SASL credentials.
*/}}
{{- define "triage-worker.saslSecretName" -}}
{{- default (printf "%s-kafka" (include "triage-worker.fullname" .)) .Values.kafka.sasl.existingSecret }}
{{- end }}

{{/*
Rule files for the ConfigMap: the chart's files/config/*.yaml (synced from the repo's config/)
overlaid with .Values.config.files. Returns a JSON object of file name -> content (JSON, not
YAML: a YAML round trip through include would drop the last file's final newline).
*/}}
{{- define "triage-worker.configFiles" -}}
{{- $files := dict }}
{{- range $path, $_ := .Files.Glob "files/config/*.{yaml,yml}" }}
{{- $_ := set $files (base $path) ($.Files.Get $path) }}
{{- end }}
{{- range $name, $content := .Values.config.files }}
{{- $_ := set $files $name $content }}
{{- end }}
{{- toJson $files }}
{{- end }}

{{/*
Fail on value combinations the schema cannot express.
*/}}
{{- define "triage-worker.validate" -}}
{{- $keda := .Values.autoscaling.keda }}
{{- $hpa := .Values.autoscaling.hpa }}
{{- $partitions := int .Values.topics.inputPartitions }}
{{- if and $keda.enabled $hpa.enabled }}
{{- fail "autoscaling.keda.enabled and autoscaling.hpa.enabled are mutually exclusive: KEDA creates its own HPA" }}
{{- end }}
{{- if and $keda.enabled (gt (int $keda.maxReplicaCount) $partitions) }}
{{- fail (printf "autoscaling.keda.maxReplicaCount (%d) must not exceed topics.inputPartitions (%d): extra consumers would sit idle" (int $keda.maxReplicaCount) $partitions) }}
{{- end }}
{{- if and $keda.enabled (gt (int $keda.minReplicaCount) (int $keda.maxReplicaCount)) }}
{{- fail "autoscaling.keda.minReplicaCount must not exceed autoscaling.keda.maxReplicaCount" }}
{{- end }}
{{- if and $hpa.enabled (gt (int $hpa.maxReplicas) $partitions) }}
{{- fail (printf "autoscaling.hpa.maxReplicas (%d) must not exceed topics.inputPartitions (%d): extra consumers would sit idle" (int $hpa.maxReplicas) $partitions) }}
{{- end }}
{{- if and $hpa.enabled (gt (int $hpa.minReplicas) (int $hpa.maxReplicas)) }}
{{- fail "autoscaling.hpa.minReplicas must not exceed autoscaling.hpa.maxReplicas" }}
{{- end }}
{{- if and (not $keda.enabled) (not $hpa.enabled) (gt (int .Values.replicaCount) $partitions) }}
{{- fail (printf "replicaCount (%d) must not exceed topics.inputPartitions (%d): extra consumers would sit idle" (int .Values.replicaCount) $partitions) }}
{{- end }}
{{- if le (float64 .Values.terminationGracePeriodSeconds) (float64 .Values.processing.shutdownTimeoutSeconds) }}
{{- fail (printf "terminationGracePeriodSeconds (%v) must be greater than processing.shutdownTimeoutSeconds (%v)" .Values.terminationGracePeriodSeconds .Values.processing.shutdownTimeoutSeconds) }}
{{- end }}
{{- if and (include "triage-worker.sasl" .) (not .Values.kafka.sasl.existingSecret) (or (not .Values.kafka.sasl.username) (not .Values.kafka.sasl.password)) }}
{{- fail (printf "kafka.securityProtocol %s needs kafka.sasl.username and kafka.sasl.password, or kafka.sasl.existingSecret" .Values.kafka.securityProtocol) }}
{{- end }}
{{- end }}
