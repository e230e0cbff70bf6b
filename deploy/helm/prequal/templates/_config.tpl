{{/*
A component's plain (non-secret) environment, as YAML: what its ConfigMap holds. Secret values
never appear here: passwords and keys are files mounted from Secrets (their paths, *_FILE, are
here), and DATABASE_URL comes from the credentials Secret in the pod spec.
(dict "root" $ "key" "api" | "creditService" | "decisionService" | "init")
*/}}
{{- define "prequal.env" -}}
{{- $v := .root.Values }}
{{- $components := fromYaml (include "prequal.components" .root) }}
{{- $c := index $components .key | default dict }}
{{- $values := index $v .key }}
{{- $dir := include "prequal.secretsDir" . }}
{{- $isInit := eq .key "init" }}
{{- $usesDatabase := or $isInit $c.database }}
{{- $env := dict
  "LOG_LEVEL" $v.config.logLevel
  "SHUTDOWN_TIMEOUT_MS" (printf "%d" (int64 $v.config.shutdownTimeoutMs))
  "HOST" "0.0.0.0"
  "KAFKA_BROKERS" $v.kafka.brokers
  "TOPIC_PREFIX" $v.kafka.topicPrefix
  "TOPIC_PARTITIONS" (printf "%d" (int64 $v.kafka.topicPartitions))
  "KAFKA_SECURITY_PROTOCOL" $v.kafka.securityProtocol
  "SCHEMA_REGISTRY_URL" $v.schemaRegistry.url
}}
{{- if include "prequal.kafkaSasl" .root }}
{{- $_ := set $env "KAFKA_SASL_MECHANISM" (required "kafka.saslMechanism: set it with a SASL_* securityProtocol" $v.kafka.saslMechanism) }}
{{- $_ := set $env "KAFKA_SASL_USERNAME" (required (printf "%s.credentials.kafkaSaslUsername: each service has its own Kafka principal" .key) $values.credentials.kafkaSaslUsername) }}
{{- $_ := set $env "KAFKA_SASL_PASSWORD_FILE" (printf "%s/credentials/KAFKA_SASL_PASSWORD" $dir) }}
{{- end }}
{{- if $values.credentials.schemaRegistryUsername }}
{{- $_ := set $env "SCHEMA_REGISTRY_USERNAME" $values.credentials.schemaRegistryUsername }}
{{- $_ := set $env "SCHEMA_REGISTRY_PASSWORD_FILE" (printf "%s/credentials/SCHEMA_REGISTRY_PASSWORD" $dir) }}
{{- end }}
{{- with $v.kafka.tls }}
{{- if .existingSecret }}
{{- $_ := set $env "KAFKA_SSL_CA_FILE" (printf "%s/kafka-tls/%s" $dir .caKey) }}
{{- if .certKey }}
{{- $_ := set $env "KAFKA_SSL_CERT_FILE" (printf "%s/kafka-tls/%s" $dir .certKey) }}
{{- $_ := set $env "KAFKA_SSL_KEY_FILE" (printf "%s/kafka-tls/%s" $dir (required "kafka.tls.keyKey: a client certificate needs its key" .keyKey)) }}
{{- end }}
{{- end }}
{{- end }}
{{- if $v.schemaRegistry.tls.existingSecret }}
{{- $_ := set $env "SCHEMA_REGISTRY_CA_FILE" (printf "%s/registry-tls/%s" $dir $v.schemaRegistry.tls.caKey) }}
{{- end }}
{{- if $usesDatabase }}
{{- if $v.database.tls.existingSecret }}
{{- $_ := set $env "DATABASE_SSL_CA_FILE" (printf "%s/database-tls/%s" $dir $v.database.tls.caKey) }}
{{- end }}
{{- end }}
{{- if and $v.pii.existingSecret (has "keyring" ($c.pii | default list)) }}
{{- $_ := set $env "PII_KEYRING_FILE" (printf "%s/pii/%s" $dir $v.pii.keyringKey) }}
{{- end }}
{{- if and $v.pii.existingSecret (has "blindIndexKey" ($c.pii | default list)) }}
{{- $_ := set $env "PII_BLIND_INDEX_KEY_FILE" (printf "%s/pii/%s" $dir $v.pii.blindIndexKeyKey) }}
{{- end }}
{{- if and $v.pii.retentionDays (not $isInit) }}
{{- $_ := set $env "PII_RETENTION_DAYS" (printf "%d" (int64 $v.pii.retentionDays)) }}
{{- end }}
{{- if not $isInit }}
{{- $_ := set $env "SERVICE" $c.service }}
{{- $_ := set $env "OPS_PORT" (printf "%d" (int64 $values.opsPort)) }}
{{- end }}
{{- if and $c.database (not $isInit) }}
{{- $_ := set $env "DATABASE_POOL_SIZE" (printf "%d" (int64 $v.database.poolSize)) }}
{{- /* The init job applies the migrations, once, before any pod of a release starts. */}}
{{- $_ := set $env "RUN_MIGRATIONS" "false" }}
{{- end }}
{{- if $isInit }}
{{- /* Whom the migration grants each service's privileges (and nothing more). */}}
{{- $_ := set $env "DATABASE_SERVICE_ROLES" (printf "prequal-api=%s,decision-service=%s" $v.api.credentials.databaseRole $v.decisionService.credentials.databaseRole) }}
{{- end }}
{{- if $c.outbox }}
{{- $_ := set $env "RELAY_ENABLED" (ternary "true" "false" $values.relayEnabled) }}
{{- end }}
{{- if $c.topic }}
{{- $_ := set $env "CONSUMER_GROUP" $values.consumerGroup }}
{{- $_ := set $env "PARTITIONS_CONSUMED_CONCURRENTLY" (printf "%d" (int64 $values.partitionsConsumedConcurrently)) }}
{{- end }}
{{- if eq .key "api" }}
{{- $_ := set $env "PORT" (printf "%d" (int64 $values.port)) }}
{{- $_ := set $env "PUBLIC_BASE_URL" $values.publicBaseUrl }}
{{- $_ := set $env "TRUST_PROXY" (ternary "true" "false" $values.trustProxy) }}
{{- end }}
{{- include "prequal.refuseSecrets" (dict "where" "config.extraEnv" "env" $v.config.extraEnv) }}
{{- include "prequal.refuseSecrets" (dict "where" (printf "%s.env" .key) "env" $values.env) }}
{{- range $name, $value := merge (deepCopy ($values.env | default dict)) (deepCopy ($v.config.extraEnv | default dict)) }}
{{- $_ := set $env $name (toString $value) }}
{{- end }}
{{- toYaml $env }}
{{- end }}

{{/* A component's ConfigMap data: every value a string. */}}
{{- define "prequal.configData" -}}
{{- range $name, $value := fromYaml (include "prequal.env" .) }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}
