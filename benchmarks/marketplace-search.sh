#!/usr/bin/env bash
# Marketplace search latency over N data units (default 1 000 000) on embedded PostgreSQL.
#   benchmarks/marketplace-search.sh [units] [queries]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -n "${JAVA_HOME:-}" ] || export JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-2*-jdk-amd64 2>/dev/null | sort -rV | head -1)
./mvnw -q -B -pl marketplace-service -am -DskipTests install >/dev/null
./mvnw -q -B -pl marketplace-service test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="marketplace-service/target/test-classes:marketplace-service/target/classes:$(cat marketplace-service/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" io.flashback.marketplace.search.MarketplaceSearchBenchmark "$@"
