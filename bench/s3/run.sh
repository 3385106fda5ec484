#!/usr/bin/env bash
# S3 benchmark: Ringkeeper's S3 object store vs `aws s3 sync`, against one s3proxy, same run.
# Usage: bench/s3/run.sh [total MiB, default 2048] [files, default 200] [work dir, default /tmp/ringkeeper-s3-bench]
# Needs the `aws` CLI (Debian: apt-get install awscli). AWS_CLI overrides which binary is used.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
total="${1:-2048}"; files="${2:-200}"; work="${3:-/tmp/ringkeeper-s3-bench}"
aws_bin="${AWS_CLI:-$(command -v aws)}"
(cd "$root" && mvn -B -q -pl bench -am package -DskipTests)
jar="$(ls "$root"/bench/target/bench-*.jar | head -n 1)"
java ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$jar:$root/bench/target/lib/*" io.ringkeeper.bench.s3.S3SyncBenchmark \
  "$root/bench/target/s3proxy/s3proxy.jar" "$work" "$total" "$files" "$aws_bin"
rm -rf "$work"
