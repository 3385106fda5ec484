#!/usr/bin/env bash
# Job records benchmark: 10,000 finished jobs on disk, a real daemon on them; GET /v1/jobs?limit=50 latency
# against the old per-request cost (read and parse every record). Usage: bench/jobs/run.sh [records] [requests]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
(cd "$root" && mvn -B -q -pl bench -am package -DskipTests)
jar="$(ls "$root"/bench/target/bench-*.jar | head -n 1)"
java -Dringkeeper.root="$root" -cp "$jar:$root/bench/target/lib/*" io.ringkeeper.bench.jobs.JobListBenchmark "${1:-10000}" "${2:-2000}"
