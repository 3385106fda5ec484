#!/usr/bin/env bash
# Token-claim benchmark: N simultaneous claims vs N raw ZooKeeper creates, same in-process server, same run.
# Usage: bench/tokens/run.sh [claimers, default 1000] [rounds, default 3]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
(cd "$root" && mvn -B -q -pl bench -am package -DskipTests)
jar="$(ls "$root"/bench/target/bench-*.jar | head -n 1)"
java ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$jar:$root/bench/target/lib/*" io.ringkeeper.bench.tokens.TokenClaimBenchmark "${1:-1000}" "${2:-3}"
