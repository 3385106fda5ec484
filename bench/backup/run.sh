#!/usr/bin/env bash
# Backup benchmark: a node's backup and its download, Ringkeeper vs `nodetool snapshot` + `aws s3 sync`, on the same
# Cassandra 5.0.9 data and the same s3proxy, same run, alternating order (see bench/README.md).
# Usage: bench/backup/run.sh [data MiB, default 1024] [rounds, default 3] [work dir, default /tmp/ringkeeper-backup-bench]
# Needs the `aws` CLI (Debian: apt-get install awscli); AWS_CLI overrides which binary is used.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mib="${1:-1024}"; rounds="${2:-3}"; work="${3:-/tmp/ringkeeper-backup-bench}"
aws_bin="${AWS_CLI:-$(command -v aws)}"
(cd "$root" && mvn -B -q -DskipTests package)
jar="$(ls "$root"/bench/target/bench-*.jar | head -n 1)"
java ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$jar:$root/bench/target/lib/*" io.ringkeeper.bench.backup.BackupBenchmark \
  "$root" "$work" "$mib" "$rounds" "$aws_bin" "$root/bench/target/s3proxy/s3proxy.jar"
[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$work"  # BENCH_KEEP=1 keeps the logs (the daemon's names every job step)
