#!/usr/bin/env bash
# Gas report of the Flashback contracts against ARCHITECTURE.md §7 (report ≤ 100 k gas, settlement
# ≤ 60 k gas per agreement), measured on anvil by contracts' GasReportIT. Gas is deterministic, so the
# test also asserts the targets. Output: contracts/target/gas-report.md (also printed).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -q -pl contracts verify -Dit.test=GasReportIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
cat contracts/target/gas-report.md
