{{/*
What the pods of the three services and the init job share: the secret files, /tmp, the
DATABASE_URL reference. (dict "root" $ "key" "api" | "creditService" | "decisionService" | "init")
*/}}

{{/* Does this component mount its credentials Secret as files (SASL, registry passwords)? */}}
{{- define "prequal.credentialFiles" -}}
{{- $values := index .root.Values .key }}
{{- if include "prequal.kafkaSasl" .root }}
- key: KAFKA_SASL_PASSWORD
  path: KAFKA_SASL_PASSWORD
{{- end }}
{{- if $values.credentials.schemaRegistryUsername }}
- key: SCHEMA_REGISTRY_PASSWORD
  path: SCHEMA_REGISTRY_PASSWORD
{{- end }}
{{- end }}

{{- define "prequal.usesDatabase" -}}
{{- $components := fromYaml (include "prequal.components" .root) }}
{{- if or (eq .key "init") (index $components .key).database }}true{{ end }}
{{- end }}

{{- define "prequal.piiFiles" -}}
{{- $v := .root.Values }}
{{- if and $v.pii.existingSecret (ne .key "init") }}
{{- $pii := (index (fromYaml (include "prequal.components" .root)) .key).pii | default list }}
{{- if has "keyring" $pii }}
- key: {{ $v.pii.keyringKey }}
  path: {{ $v.pii.keyringKey }}
{{- end }}
{{- if has "blindIndexKey" $pii }}
- key: {{ $v.pii.blindIndexKeyKey }}
  path: {{ $v.pii.blindIndexKeyKey }}
{{- end }}
{{- end }}
{{- end }}

{{- define "prequal.kafkaTlsFiles" -}}
{{- with .root.Values.kafka.tls }}
{{- if .existingSecret }}
- key: {{ .caKey }}
  path: {{ .caKey }}
{{- if .certKey }}
- key: {{ .certKey }}
  path: {{ .certKey }}
- key: {{ .keyKey }}
  path: {{ .keyKey }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* The container's env beyond its ConfigMap: the database URL, from its Secret. */}}
{{- define "prequal.secretEnv" -}}
{{- if include "prequal.usesDatabase" . }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ (index .root.Values .key).credentials.existingSecret | required (printf "%s.credentials.existingSecret: the Secret with its DATABASE_URL" .key) }}
      key: DATABASE_URL
{{- end }}
{{- end }}

{{- define "prequal.volumeMounts" -}}
{{- $dir := include "prequal.secretsDir" . }}
- name: tmp
  mountPath: /tmp
{{- if include "prequal.credentialFiles" . }}
- name: credentials
  mountPath: {{ $dir }}/credentials
  readOnly: true
{{- end }}
{{- if include "prequal.kafkaTlsFiles" . }}
- name: kafka-tls
  mountPath: {{ $dir }}/kafka-tls
  readOnly: true
{{- end }}
{{- if .root.Values.schemaRegistry.tls.existingSecret }}
- name: registry-tls
  mountPath: {{ $dir }}/registry-tls
  readOnly: true
{{- end }}
{{- if and (include "prequal.usesDatabase" .) .root.Values.database.tls.existingSecret }}
- name: database-tls
  mountPath: {{ $dir }}/database-tls
  readOnly: true
{{- end }}
{{- if include "prequal.piiFiles" . }}
- name: pii
  mountPath: {{ $dir }}/pii
  readOnly: true
{{- end }}
{{- end }}

{{/* Secret files are readable by the pod's group only (fsGroup), never by others. */}}
{{- define "prequal.volumes" -}}
{{- $v := .root.Values }}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- with include "prequal.credentialFiles" . }}
- name: credentials
  secret:
    secretName: {{ (index $v $.key).credentials.existingSecret | required (printf "%s.credentials.existingSecret: the Secret with its passwords" $.key) }}
    defaultMode: 288 # 0440: owner and group (fsGroup) read
    items:
      {{- . | trim | nindent 6 }}
{{- end }}
{{- with include "prequal.kafkaTlsFiles" . }}
- name: kafka-tls
  secret:
    secretName: {{ $v.kafka.tls.existingSecret }}
    defaultMode: 288 # 0440: owner and group (fsGroup) read
    items:
      {{- . | trim | nindent 6 }}
{{- end }}
{{- if $v.schemaRegistry.tls.existingSecret }}
- name: registry-tls
  secret:
    secretName: {{ $v.schemaRegistry.tls.existingSecret }}
    defaultMode: 288 # 0440: owner and group (fsGroup) read
    items:
      - key: {{ $v.schemaRegistry.tls.caKey }}
        path: {{ $v.schemaRegistry.tls.caKey }}
{{- end }}
{{- if and (include "prequal.usesDatabase" .) $v.database.tls.existingSecret }}
- name: database-tls
  secret:
    secretName: {{ $v.database.tls.existingSecret }}
    defaultMode: 288 # 0440: owner and group (fsGroup) read
    items:
      - key: {{ $v.database.tls.caKey }}
        path: {{ $v.database.tls.caKey }}
{{- end }}
{{- with include "prequal.piiFiles" . }}
- name: pii
  secret:
    secretName: {{ $v.pii.existingSecret }}
    defaultMode: 288 # 0440: owner and group (fsGroup) read
    items:
      {{- . | trim | nindent 6 }}
{{- end }}
{{- end }}
