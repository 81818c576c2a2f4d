#!/bin/sh
# Puts the Kafka principals and ACLs of ADR 0008 in force on the compose broker, with the broker's own
# super user (admin, SASL/PLAIN on the BROKER listener). Run once per start by a one-shot service from
# the apache/kafka image, after the broker is healthy and before the services start. Idempotent.
# The table must match platform-infra KafkaAccess (KafkaAccessMatchesTheTopicsTest checks that one).
#
# Needs: KAFKA_ADMIN_BOOTSTRAP (e.g. kafka:9094), KAFKA_ADMIN_CONFIG (a client properties file for admin:
# security.protocol, sasl.mechanism=PLAIN, sasl.jaas.config, ssl.truststore.*), and one password per
# service: KAFKA_REGISTRY_PASSWORD, KAFKA_MARKETPLACE_PASSWORD, KAFKA_ORCHESTRATOR_PASSWORD,
# KAFKA_MONITOR_PASSWORD, KAFKA_ORACLE_PASSWORD (no defaults: generate them, e.g. openssl rand -hex 24).
set -eu

BIN=/opt/kafka/bin
: "${KAFKA_ADMIN_BOOTSTRAP:?}" "${KAFKA_ADMIN_CONFIG:?}"

user() { # principal password
  "$BIN/kafka-configs.sh" --bootstrap-server "$KAFKA_ADMIN_BOOTSTRAP" --command-config "$KAFKA_ADMIN_CONFIG" \
    --alter --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]"
}

acl() { # principal, then kafka-acls.sh arguments
  principal=$1
  shift
  "$BIN/kafka-acls.sh" --bootstrap-server "$KAFKA_ADMIN_BOOTSTRAP" --command-config "$KAFKA_ADMIN_CONFIG" \
    --add --allow-principal "User:$principal" "$@"
}

service() { # principal "written topics" "read topics"
  principal=$1
  for topic in $2; do
    acl "$principal" --operation Write --operation Create --topic "$topic"
  done
  for topic in $3; do
    acl "$principal" --operation Read --operation Create --topic "$topic"
  done
  acl "$principal" --operation Read --group "$principal"
  acl "$principal" --operation Read --resource-pattern-type prefixed --group "$principal."
}

user registry-service "${KAFKA_REGISTRY_PASSWORD:?}"
user marketplace-service "${KAFKA_MARKETPLACE_PASSWORD:?}"
user orchestrator-service "${KAFKA_ORCHESTRATOR_PASSWORD:?}"
user monitor-service "${KAFKA_MONITOR_PASSWORD:?}"
user oracle-service "${KAFKA_ORACLE_PASSWORD:?}"

service registry-service "flashback.registry.v1" \
  "flashback.orchestrator.v1"
service marketplace-service "flashback.marketplace.v1" \
  "flashback.registry.v1 flashback.qos.v1 flashback.probes.v1 flashback.orchestrator.v1"
service orchestrator-service "flashback.orchestrator.v1" \
  "flashback.registry.v1 flashback.marketplace.v1 flashback.sla.v1"
service monitor-service "flashback.monitor.v1 flashback.probes.v1 flashback.qos.v1" \
  "flashback.registry.v1 flashback.orchestrator.v1 flashback.sla.v1"
service oracle-service "flashback.oracle.v1 flashback.metrics.v1 flashback.sla.v1" \
  "flashback.oracle.v1 flashback.metrics.v1 flashback.probes.v1 flashback.registry.v1 flashback.orchestrator.v1"
