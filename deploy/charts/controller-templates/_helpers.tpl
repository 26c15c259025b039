{{/*
Shared by every kubeless-ts controller subchart (copied in by deploy/scripts/sync-charts.ts).
Named templates are identical in every copy, so Helm loading several subcharts
into one umbrella release resolves each name to the same definition.
*/}}

{{- define "kubeless.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "kubeless.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "kubeless.labels" -}}
{{ include "kubeless.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: kubeless-ts
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Registry prefix shared by controller and runtime images: "" or "registry.example.com/team/". */}}
{{- define "kubeless.registryPrefix" -}}
{{- $registry := ((.Values.global).image).registry | default "" | trimSuffix "/" -}}
{{- if $registry }}{{ printf "%s/" $registry }}{{ end -}}
{{- end -}}

{{- define "kubeless.image" -}}
{{- $tag := .Values.image.tag | default ((.Values.global).image).tag | default .Chart.AppVersion -}}
{{- if .Values.image.digest -}}
{{- printf "%s%s@%s" (include "kubeless.registryPrefix" .) .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s%s:%s" (include "kubeless.registryPrefix" .) .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "kubeless.imagePullSecrets" -}}
{{- $secrets := concat (((.Values.global).imagePullSecrets) | default list) (.Values.imagePullSecrets | default list) | uniq -}}
{{- if $secrets }}
imagePullSecrets:
{{- range $secrets }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The rules file of the app, synced verbatim from apps/<app>/rbac/rules.yaml. */}}
{{- define "kubeless.rbacRules" -}}
{{- $rules := .Files.Get "files/rbac-rules.yaml" | fromYaml -}}
{{- if hasKey $rules "Error" -}}
{{- fail (printf "files/rbac-rules.yaml of %s does not parse: %s" .Chart.Name (get $rules "Error")) -}}
{{- end -}}
{{- $rules | toJson -}}
{{- end -}}

{{/* KAFKA_* settings as libs/kafka reads them; the secrets are mounted, never copied into values. */}}
{{- define "kubeless.kafkaEnv" -}}
{{- $kafka := (.Values.global).kafka | default dict -}}
{{- $tls := $kafka.tls | default dict -}}
{{- $sasl := $kafka.sasl | default dict -}}
- name: KAFKA_BROKERS
  value: {{ $kafka.brokers | default "kafka.kubeless:9092" | quote }}
{{- if $tls.enabled }}
{{- if and $tls.certFile (not $tls.keyFile) }}{{ fail "global.kafka.tls.certFile is set but global.kafka.tls.keyFile is not: a client certificate needs both" }}{{ end }}
{{- if and $tls.keyFile (not $tls.certFile) }}{{ fail "global.kafka.tls.keyFile is set but global.kafka.tls.certFile is not: a client certificate needs both" }}{{ end }}
{{- if and (or $tls.caFile $tls.certFile) (not $tls.secretName) }}{{ fail "global.kafka.tls.secretName is required when caFile or certFile/keyFile are set" }}{{ end }}
- name: KAFKA_ENABLE_TLS
  value: "true"
{{- if $tls.caFile }}
- name: KAFKA_CACERTS
  value: {{ printf "/var/run/secrets/kubeless.io/kafka-tls/%s" $tls.caFile | quote }}
{{- end }}
{{- if $tls.certFile }}
- name: KAFKA_CERT
  value: {{ printf "/var/run/secrets/kubeless.io/kafka-tls/%s" $tls.certFile | quote }}
- name: KAFKA_KEY
  value: {{ printf "/var/run/secrets/kubeless.io/kafka-tls/%s" $tls.keyFile | quote }}
{{- end }}
{{- if $tls.insecure }}
- name: KAFKA_INSECURE
  value: "true"
{{- end }}
{{- end }}
{{- if $sasl.enabled }}
{{- if not $sasl.secretName }}{{ fail "global.kafka.sasl.secretName is required when global.kafka.sasl.enabled is true" }}{{ end }}
- name: KAFKA_ENABLE_SASL
  value: "true"
- name: KAFKA_SASL_MECHANISM
  value: {{ $sasl.mechanism | default "plain" | quote }}
- name: KAFKA_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $sasl.secretName }}
      key: {{ $sasl.usernameKey | default "username" }}
- name: KAFKA_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $sasl.secretName }}
      key: {{ $sasl.passwordKey | default "password" }}
{{- end }}
{{- end -}}

{{- define "kubeless.kafkaTlsMounted" -}}
{{- $tls := (((.Values.global).kafka) | default dict).tls | default dict -}}
{{- if and .Values.kafkaClient $tls.enabled $tls.secretName }}true{{ end -}}
{{- end -}}
