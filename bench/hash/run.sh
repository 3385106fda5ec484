#!/usr/bin/env bash
# Content-hash candidates for backup blobs, same bytes, same run. Usage: bench/hash/run.sh [MiB, default 512] [rounds, default 5]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
(cd "$root" && mvn -B -q -pl bench -am package -DskipTests)
jar="$(ls "$root"/bench/target/bench-*.jar | head -n 1)"
java -Xmx2g -cp "$jar:$root/bench/target/lib/*" io.ringkeeper.bench.hash.ContentHashBenchmark "${1:-512}" "${2:-5}"
