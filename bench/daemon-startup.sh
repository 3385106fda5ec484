#!/usr/bin/env bash
# Benchmark: how fast the daemon answers GET /v1/health/live after exec, and how fast SIGTERM ends it.
# Goals (foundation issue): live within 2 s of start; exit 0 within 5 s of SIGTERM.
# Usage: bench/daemon-startup.sh [runs]   (build first: mvn -B -q -DskipTests package)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/ringkeeper.yaml" <<YAML
state_dir: state
http: {port: 0}
local:
  inventory: [{id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}]
YAML

now_ms() { date +%s%3N; }
live=(); stop=()
for i in $(seq 1 "$runs"); do
  rm -rf "$work/state"
  t0=$(now_ms)
  "$root/bin/ringkeeper" daemon --config "$work/ringkeeper.yaml" >"$work/log" 2>&1 &
  pid=$!
  url=""
  until [ -n "$url" ] && curl -sf "$url/v1/health/live" >/dev/null 2>&1; do
    [ -f "$work/state/daemon.json" ] && url=$(sed -E 's/.*"url":"([^"]+)".*/\1/' "$work/state/daemon.json")
    kill -0 "$pid" 2>/dev/null || { echo "daemon died:"; cat "$work/log"; exit 1; }
    sleep 0.01
  done
  t1=$(now_ms)
  kill -TERM "$pid"
  wait "$pid"; rc=$?
  t2=$(now_ms)
  [ "$rc" -eq 0 ] || { echo "exit code $rc after SIGTERM"; exit 1; }
  live+=($((t1 - t0))); stop+=($((t2 - t1)))
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
max() { printf '%s\n' "$@" | sort -n | tail -n 1; }
echo "runs: $runs"
echo "exec -> /v1/health/live answers: median $(median "${live[@]}") ms, max $(max "${live[@]}") ms (goal 2000 ms)"
echo "SIGTERM -> exit 0:                 median $(median "${stop[@]}") ms, max $(max "${stop[@]}") ms (goal 5000 ms)"
