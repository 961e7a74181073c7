#!/bin/bash
# The compose broker, secured as the launcher's is (docs/SECURITY.md, "Kafka"): SCRAM-SHA-512 on the client and
# inter-broker listeners, PLAIN on the controller's (KRaft controllers cannot use SCRAM), the StandardAuthorizer with
# no access without an ACL. The admin's SCRAM credentials go into the storage at format time, since the broker keeps
# SCRAM users in the metadata it has not loaded yet. NQPF_KAFKA_ADMIN_PASSWORD comes from compose's .env.
# One script for each of compose's three brokers (each a KRaft controller too, so the quorum outlives one of them):
# NQPF_KAFKA_NODE_ID names the node, NQPF_KAFKA_HOST its name on compose's network, NQPF_KAFKA_EXTERNAL_PORT its port
# on the host, NQPF_KAFKA_VOTERS the quorum; NQPF_KAFKA_REPLICATION_FACTOR and NQPF_KAFKA_MIN_INSYNC_REPLICAS (3 and
# 2 in compose: a write is on two brokers before it is acknowledged, and one broker may be down) apply to the
# broker's own topics (consumer offsets, transactions) as kafka-setup applies them to the platform's (docs/TOPICS.md).
set -euo pipefail
: "${NQPF_KAFKA_ADMIN_PASSWORD:?set NQPF_KAFKA_ADMIN_PASSWORD}"
: "${KAFKA_CLUSTER_ID:=nqpf-compose-cluster-01}"
: "${NQPF_KAFKA_NODE_ID:=1}"
: "${NQPF_KAFKA_HOST:=kafka-$NQPF_KAFKA_NODE_ID}"
: "${NQPF_KAFKA_EXTERNAL_PORT:=9092}"
: "${NQPF_KAFKA_VOTERS:=1@kafka-1:9093}"
: "${NQPF_KAFKA_REPLICATION_FACTOR:=1}"
: "${NQPF_KAFKA_MIN_INSYNC_REPLICAS:=1}"
rf="$NQPF_KAFKA_REPLICATION_FACTOR"
isr="$NQPF_KAFKA_MIN_INSYNC_REPLICAS"
conf=/tmp/nqpf-kafka/server.properties
mkdir -p /tmp/nqpf-kafka && chmod 700 /tmp/nqpf-kafka
umask 077
admin="$NQPF_KAFKA_ADMIN_PASSWORD"
cat > "$conf" <<PROPERTIES
process.roles=broker,controller
node.id=$NQPF_KAFKA_NODE_ID
controller.quorum.voters=$NQPF_KAFKA_VOTERS
listeners=INTERNAL://:19092,CONTROLLER://:9093,EXTERNAL://:$NQPF_KAFKA_EXTERNAL_PORT
advertised.listeners=INTERNAL://$NQPF_KAFKA_HOST:19092,EXTERNAL://localhost:$NQPF_KAFKA_EXTERNAL_PORT
listener.security.protocol.map=INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT
inter.broker.listener.name=INTERNAL
controller.listener.names=CONTROLLER
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin" user_admin="$admin";
listener.name.internal.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin";
listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin
log.dirs=/var/lib/kafka/data
num.partitions=3
default.replication.factor=$rf
min.insync.replicas=$isr
offsets.topic.replication.factor=$rf
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$isr
share.coordinator.state.topic.replication.factor=$rf
share.coordinator.state.topic.min.isr=$isr
# A broker that comes back catches up before it leads again; an out-of-sync replica never becomes leader.
unclean.leader.election.enable=false
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPERTIES
# The one place a password is an argument: kafka-storage takes --add-scram only so, inside this container, once,
# before the broker starts (the launcher formats in its own JVM instead).
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  /opt/kafka/bin/kafka-storage.sh format -t "$KAFKA_CLUSTER_ID" -c "$conf" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=$admin]" >/dev/null
fi
# The healthcheck's client settings, as admin
cat > /tmp/nqpf-kafka/admin.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin";
PROPERTIES
exec /opt/kafka/bin/kafka-server-start.sh "$conf"
