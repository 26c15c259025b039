#!/bin/sh
# Writes the KRaft single-node configuration from the environment, formats the
# storage once and runs the broker in the foreground (PID 1: docker stop's
# SIGTERM reaches the JVM, which shuts the broker down cleanly).
# The settings mirror startKafka() in tools/testenv/src/kafka.ts.
set -eu
: "${KAFKA_HOST:?}" "${KAFKA_PORT:?}" "${KAFKA_CONTROLLER_PORT:?}" "${KAFKA_HEAP_MB:?}" "${KAFKA_DATA_DIR:?}"
# KRaft cluster ids are 16 bytes in URL-safe base64 without padding; one may start with "-", hence --cluster-id=.
cluster_id=${KAFKA_CLUSTER_ID:-$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')}
config=/tmp/server.properties
mkdir -p "$KAFKA_DATA_DIR"
cat >"$config" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${KAFKA_CONTROLLER_PORT}
listeners=PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT},CONTROLLER://127.0.0.1:${KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://${KAFKA_ADVERTISED_HOST:-$KAFKA_HOST}:${KAFKA_PORT}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=${KAFKA_DATA_DIR}
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
num.partitions=1
PROPERTIES
heap="-Xmx${KAFKA_HEAP_MB}m"
java "$heap" -cp '/opt/kafka/libs/*' kafka.tools.StorageTool format "--cluster-id=$cluster_id" -c "$config" --ignore-formatted >/dev/null
exec java "$heap" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true -cp '/opt/kafka/libs/*' kafka.Kafka "$config"
