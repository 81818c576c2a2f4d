#!/usr/bin/env bash
# Bridge node benchmark (not part of `verify`): 64 MiB GET/PUT throughput and 4 KiB / 64 KiB ops/s
# at concurrency 1, 16, 64 through the node, against the same disk used directly and Adobe S3Mock.
# Usage: benchmarks/bridge-node/run.sh [seconds-per-cell] [repeats]   (defaults 4 and 1)
#   repeats > 1 alternates disk and node runs and prints every round plus the median;
#   BENCH_S3MOCK=false skips S3Mock.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
OUT=bridge-node/target/bench
mkdir -p "$OUT"
./mvnw -B -q -pl bridge-node -DskipTests package
./mvnw -B -q -pl bridge-node test-compile dependency:build-classpath -Dmdep.outputFile=target/bench/classpath.txt -Dmdep.includeScope=test
./mvnw -B -q -pl bridge-node dependency:copy -Dartifact=com.adobe.testing:s3mock:5.2.0:jar:exec -DoutputDirectory=target/bench -Dmdep.stripVersion=false
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bridge-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
"$JAVA_HOME/bin/java" -Dbench.s3mock="${BENCH_S3MOCK:-true}" -cp "bridge-node/target/test-classes:bridge-node/target/classes:$(cat $OUT/classpath.txt)" \
  io.flashback.bridge.bench.BridgeNodeBenchmark bridge-node/target/bridge-node.jar "$OUT/s3mock-5.2.0-exec.jar" "$WORK" "${1:-4}" "${2:-1}"
