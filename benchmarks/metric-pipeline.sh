#!/usr/bin/env bash
# Metric pipeline (issue #7): signed bridge-node batches → oracle-service ingest → node_sample (SLA-ready) and
# flashback.metrics.v1, on embedded PostgreSQL and Kafka, at increasing offered rates.
#   benchmarks/metric-pipeline.sh [seconds-per-step] [samples-per-second ...]     (defaults: 10 s; 10k 25k 50k 75k 100k)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -n "${JAVA_HOME:-}" ] || export JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-2*-jdk-amd64 2>/dev/null | sort -rV | head -1)
./mvnw -q -B -ntp -pl oracle-service -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="oracle-service/target/test-classes:oracle-service/target/classes:$(cat oracle-service/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "$cp" io.flashback.oracle.ingest.MetricPipelineBenchmark oracle-service/target/oracle-service.jar "$@"
