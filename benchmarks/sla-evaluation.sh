#!/usr/bin/env bash
# SLA evaluation: N agreements (default 100 000) judged over a one-day epoch.
#   benchmarks/sla-evaluation.sh [agreements]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -n "${JAVA_HOME:-}" ] || export JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-2*-jdk-amd64 2>/dev/null | sort -rV | head -1)
./mvnw -q -B -pl oracle-service -am -DskipTests install >/dev/null
./mvnw -q -B -pl oracle-service test-compile >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "oracle-service/target/test-classes:oracle-service/target/classes" \
  io.flashback.oracle.evaluation.EpochEvaluationBenchmark "$@"
