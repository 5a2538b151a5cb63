{{- define "checkout-relay.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "checkout-relay.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/part-of: checkout-relay
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "checkout-relay.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}{{ default (include "checkout-relay.fullname" .) .Values.serviceAccount.name }}{{- else -}}{{ default "default" .Values.serviceAccount.name }}{{- end -}}
{{- end -}}

{{/* The services of the chart: values key, module (image and app name). */}}
{{- define "checkout-relay.components" -}}
intake: order-intake
enricher: profile-enricher
importer: crm-importer
{{- end -}}

{{/* The image of a module: dict "root" . "module" name. */}}
{{- define "checkout-relay.image" -}}
{{ .root.Values.image.registry }}/{{ .root.Values.image.repository }}/{{ .module }}:{{ .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- end -}}

{{/*
How every Kafka client and the registry client of one workload connect: Spring Boot's own
spring.kafka.* environment names, credentials from existing Secrets. dict "root" . "key" (intake,
enricher, importer, replay).
*/}}
{{- define "checkout-relay.connectionEnv" -}}
{{- $values := .root.Values -}}
{{- $security := $values.kafka.security -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ $values.kafka.bootstrapServers | quote }}
- name: SPRING_KAFKA_SECURITY_PROTOCOL
  value: {{ $security.protocol | quote }}
{{- if hasPrefix "SASL_" $security.protocol }}
{{- $jaasKey := (index $security.sasl.jaasConfigKeys .key) | default $security.sasl.jaasConfigKey }}
- name: SPRING_KAFKA_PROPERTIES_SASL_MECHANISM
  value: {{ required "kafka.security.sasl.mechanism: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER, for a SASL_ protocol" $security.sasl.mechanism | quote }}
- name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ required "kafka.security.sasl.existingSecret: the Secret holding the JAAS config (sasl.jaas.config) of each service" $security.sasl.existingSecret }}
      key: {{ $jaasKey }}
{{- if eq $security.sasl.mechanism "OAUTHBEARER" }}
{{- $endpoint := required "kafka.security.sasl.oauthbearer.tokenEndpointUrl: the identity provider's token endpoint, for OAUTHBEARER" $security.sasl.oauthbearer.tokenEndpointUrl }}
- name: SPRING_KAFKA_PROPERTIES_SASL_LOGIN_CALLBACK_HANDLER_CLASS
  value: org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler
- name: SPRING_KAFKA_PROPERTIES_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL
  value: {{ $endpoint | quote }}
# Kafka 4 clients call only token endpoints this system property allows
- name: JDK_JAVA_OPTIONS
  value: {{ printf "-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=%s" $endpoint | quote }}
{{- end }}
{{- end }}
{{- with $security.truststore }}
{{- if .existingSecret }}
- name: SPRING_KAFKA_SSL_TRUST_STORE_LOCATION
  value: {{ printf "file:/etc/checkout-relay/kafka-truststore/%s" .key | quote }}
- name: SPRING_KAFKA_SSL_TRUST_STORE_TYPE
  value: {{ .type | quote }}
{{- if .passwordKey }}
- name: SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .passwordKey }}
{{- end }}
{{- end }}
{{- end }}
{{- with $security.keystore }}
{{- if .existingSecret }}
- name: SPRING_KAFKA_SSL_KEY_STORE_LOCATION
  value: {{ printf "file:/etc/checkout-relay/kafka-keystore/%s" .key | quote }}
- name: SPRING_KAFKA_SSL_KEY_STORE_TYPE
  value: {{ .type | quote }}
- name: SPRING_KAFKA_SSL_KEY_STORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ required "kafka.security.keystore.passwordKey: the key of the keystore's password" .passwordKey }}
- name: SPRING_KAFKA_SSL_KEY_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .keyPasswordKey | default .passwordKey }}
{{- end }}
{{- end }}
{{- range $name, $value := $security.properties }}
- name: {{ printf "SPRING_KAFKA_PROPERTIES_%s" ($name | replace "." "_" | upper) }}
  value: {{ $value | toString | quote }}
{{- end }}
- name: SCHEMA_REGISTRY_URL
  value: {{ $values.schemaRegistry.url | quote }}
{{- with $values.schemaRegistry.auth }}
{{- if ne .type "none" }}
{{- $secret := required "schemaRegistry.auth.existingSecret: the Secret holding the registry credentials" .existingSecret }}
{{- if eq .type "basic" }}
- name: REGISTRY_AUTH_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .usernameKey }}
- name: REGISTRY_AUTH_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .passwordKey }}
{{- else }}
- name: REGISTRY_AUTH_TOKEN_ENDPOINT
  value: {{ required "schemaRegistry.auth.tokenEndpoint: the identity provider's token endpoint, for oidc" .tokenEndpoint | quote }}
- name: REGISTRY_AUTH_CLIENT_ID
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .clientIdKey }}
- name: REGISTRY_AUTH_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .clientSecretKey }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The Kafka trust- and keystore, mounted read-only where connectionEnv points. */}}
{{- define "checkout-relay.storeMounts" -}}
{{- if .Values.kafka.security.truststore.existingSecret }}
- name: kafka-truststore
  mountPath: /etc/checkout-relay/kafka-truststore
  readOnly: true
{{- end }}
{{- if .Values.kafka.security.keystore.existingSecret }}
- name: kafka-keystore
  mountPath: /etc/checkout-relay/kafka-keystore
  readOnly: true
{{- end }}
{{- end -}}

{{- define "checkout-relay.storeVolumes" -}}
{{- with .Values.kafka.security.truststore }}
{{- if .existingSecret }}
- name: kafka-truststore
  secret:
    secretName: {{ .existingSecret }}
    items:
      - key: {{ .key }}
        path: {{ .key }}
{{- end }}
{{- end }}
{{- with .Values.kafka.security.keystore }}
{{- if .existingSecret }}
- name: kafka-keystore
  secret:
    secretName: {{ .existingSecret }}
    items:
      - key: {{ .key }}
        path: {{ .key }}
{{- end }}
{{- end }}
{{- end -}}

{{/* A credential from the chart's Secret: dict "root" . "name" ENV_NAME "key" secretKey. */}}
{{- define "checkout-relay.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ required "existingSecret must name the Secret with the credentials" .root.Values.existingSecret }}
      key: {{ .key }}
{{- end -}}
