#!/usr/bin/env bash
# Fleet benchmark: N simulated daemons (own session, a cache on desired/, status writes) on one ZooKeeper server.
# Usage: bench/fleet/run.sh [daemons, default 1000] [rounds, default 5] [quiet seconds, default 60]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
(cd "$root" && mvn -B -q -pl bench -am package -DskipTests)
jar="$(ls "$root"/bench/target/bench-*.jar | head -n 1)"
java ${BENCH_JAVA_OPTS:--Xmx2g -Xss256k} -cp "$jar:$root/bench/target/lib/*" io.ringkeeper.bench.fleet.FleetBenchmark \
  "${1:-1000}" "${2:-5}" "${3:-60}"
