{{/* The roles, keyed as in values.roles, with the name `fleet serve --role` takes. */}}
{{- define "fleet.roles" -}}
ingest: ingest
api: api
liveQuery: live-query
{{- end }}

{{- define "fleet.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* <release>-<name>, or the release alone when it already contains the name; fullnameOverride wins. */}}
{{- define "fleet.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := include "fleet.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "fleet.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{ include "fleet.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "fleet.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fleet.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "fleet.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "fleet.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "fleet.image" -}}
{{- if .Values.image.digest }}
{{- .Values.image.repository }}@{{ .Values.image.digest }}
{{- else }}
{{- .Values.image.repository }}:{{ default .Chart.AppVersion .Values.image.tag }}
{{- end }}
{{- end }}

{{/*
The PromQL label selector of one role's metrics: its namespace and its scrape job (the ServiceMonitor names
the job after the Service, `<fullname>-<role>`). Called with (dict "root" $ "role" "ingest").
*/}}
{{- define "fleet.promSelector" -}}
namespace="{{ .root.Release.Namespace }}", job="{{ include "fleet.fullname" .root }}-{{ .role }}"
{{- end }}

{{/*
Environment of every fleet container: the settings as FLEET_* variables, then the passwords by reference
to existing Secrets, then extraEnv. Inline rather than in a ConfigMap, because the prepare-db hook runs
before the chart's ordinary objects exist, and so that a settings change rolls the pods.
*/}}
{{- define "fleet.env" -}}
- name: FLEET_MYSQL_ADDRESS
  value: {{ .Values.mysql.address | quote }}
- name: FLEET_MYSQL_USERNAME
  value: {{ .Values.mysql.username | quote }}
- name: FLEET_MYSQL_DATABASE
  value: {{ .Values.mysql.database | quote }}
- name: FLEET_REDIS_ADDRESS
  value: {{ .Values.redis.address | quote }}
- name: FLEET_SERVER_TLS
  value: "false"
- name: FLEET_SERVER_ADDRESS
  value: "0.0.0.0:8080"
{{- range $name, $value := .Values.config }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
- name: FLEET_MYSQL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required "mysql.passwordSecret.name is required" .Values.mysql.passwordSecret.name }}
      key: {{ .Values.mysql.passwordSecret.key }}
- name: FLEET_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.passwordSecret.name }}
      key: {{ .Values.redis.passwordSecret.key }}
      optional: {{ .Values.redis.passwordSecret.optional }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}
