{{/* The roles, keyed as in values.roles, with the name `fleet serve --role` takes. */}}
{{- define "fleet.roles" -}}
ingest: ingest
api: api
liveQuery: live-query
{{- end }}

{{- define "fleet.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "fleet.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{ include "fleet.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "fleet.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
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
{{ .Values.image.repository }}:{{ default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{/*
Environment of every fleet container: the settings as FLEET_* variables, then the passwords by reference
to existing Secrets. Inline rather than in a ConfigMap, because the prepare-db hook runs before the chart's
ordinary objects exist, and so that a settings change rolls the pods.
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
{{- end }}
