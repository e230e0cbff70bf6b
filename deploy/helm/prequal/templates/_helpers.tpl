{{/*
What the chart knows about each service, in one place: its name (the image's SERVICE), whether it
reads PostgreSQL and writes an outbox, the PII files it mounts, and the topic a worker consumes.
*/}}
{{- define "prequal.components" -}}
api:
  service: prequal-api
  database: true
  outbox: true
  pii: [keyring, blindIndexKey]
creditService:
  service: credit-service
  topic: loan_applications_submitted
  pii: [keyring]
decisionService:
  service: decision-service
  topic: credit_reports_generated
  database: true
  outbox: true
  pii: []
{{- end }}

{{- define "prequal.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's prefix: the release name when it already says prequal. */}}
{{- define "prequal.fullname" -}}
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

{{/* A component's resource name: (dict "root" $ "service" "credit-service"). */}}
{{- define "prequal.componentName" -}}
{{- printf "%s-%s" (include "prequal.fullname" .root) .service | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "prequal.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "prequal.selectorLabels" . }}
app.kubernetes.io/part-of: loan-prequal
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* (dict "root" $ "service" "credit-service"); without service: the release's shared resources. */}}
{{- define "prequal.selectorLabels" -}}
app.kubernetes.io/name: {{ include "prequal.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .service }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end }}

{{- define "prequal.image" -}}
{{- $image := .Values.image }}
{{- if $image.digest }}
{{- printf "%s@%s" $image.repository $image.digest }}
{{- else }}
{{- printf "%s:%s" $image.repository (default .Chart.AppVersion $image.tag) }}
{{- end }}
{{- end }}

{{- define "prequal.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "prequal.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* SASL_PLAINTEXT or SASL_SSL: each service logs in with its own principal. */}}
{{- define "prequal.kafkaSasl" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol }}true{{ end }}
{{- end }}

{{/*
Seconds Kubernetes waits between SIGTERM (preStop included) and SIGKILL: the whole drain
allowance, rounded up, plus the pre-stop pause and a margin.
*/}}
{{- define "prequal.terminationGracePeriodSeconds" -}}
{{- $shutdown := int .root.Values.config.shutdownTimeoutMs }}
{{- $drainSeconds := div (add $shutdown 999) 1000 }}
{{- add $drainSeconds .preStopSeconds .root.Values.config.terminationGraceMarginSeconds }}
{{- end }}

{{/* Where the secret files are mounted. */}}
{{- define "prequal.secretsDir" -}}/var/run/secrets/prequal{{- end }}

{{/*
Refuses a secret among plain variables: DATABASE_URL, anything ending in PASSWORD, SECRET,
TOKEN or _KEY (file paths, *_FILE, are fine). (dict "where" "api.env" "env" $map)
*/}}
{{- define "prequal.refuseSecrets" -}}
{{- range $name, $_ := .env }}
{{- if or (eq $name "DATABASE_URL") (regexMatch "(PASSWORD|SECRET|TOKEN|_KEY)$" $name) }}
{{- fail (printf "%s: %s is a secret; put it in a Secret (see the credentials values), never in values" $.where $name) }}
{{- end }}
{{- end }}
{{- end }}
