#!/usr/bin/env bash
# Load test of the monitoring service's POST /vital-signs with wrk (Debian package `wrk`), single
# observations and batches of 100, then the same workload through the library directly
# (ServiceBaselineBenchmark, JMH, one thread) for the ratio. Not part of the test suite. Needs the
# command-line jar and the benchmarks jar:
#   mvn -B -ntp -pl nexus-monitor-examples,benchmarks -am package -DskipTests
#   benchmarks/service/run.sh [DURATION_SECONDS=30] [CONNECTIONS=16]
# The service runs with a 1 GB heap, DEV_MODE (for a token), a temporary journal (fsync per record,
# the default) and the rate limit raised out of the way; results are printed as RESULT lines.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
jar="$root/nexus-monitor-examples/target/nexus-monitor.jar"
duration="${1:-30}"
connections="${2:-16}"
port=18015
bench="$root/benchmarks/target/benchmarks.jar"
for j in "$jar" "$bench"; do
  [ -f "$j" ] || { echo "build the jars first: mvn -B -ntp -pl nexus-monitor-examples,benchmarks -am package -DskipTests" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "install wrk: apt-get install wrk" >&2; exit 2; }
data="$(mktemp -d)"
out="$data/serve.out"
DEV_MODE=true DATA_DIR="$data" PORT=$port HOST=127.0.0.1 RATE_LIMIT_PER_MINUTE=1000000 MAX_BATCH_SIZE=1000 \
  java -Xmx1g -jar "$jar" serve > "$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  grep -q 'export TOKEN=' "$out" 2>/dev/null && break
  sleep 0.5
done
export TOKEN="$(sed -n 's/.*export TOKEN=//p' "$out")"
[ -n "$TOKEN" ] || { cat "$out" >&2; exit 1; }
echo "warm-up (10 s, single observations)"
wrk -t2 -c"$connections" -d10s -s "$here/post-single.lua" "http://127.0.0.1:$port" > /dev/null
echo "single observation per request: ${duration}s, $connections connections"
wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$here/post-single.lua" "http://127.0.0.1:$port" | grep RESULT
echo "batch of 100 per request: ${duration}s, $connections connections"
wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$here/post-batch.lua" "http://127.0.0.1:$port" | grep RESULT
curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/system/metrics"; echo
kill $pid; wait $pid 2>/dev/null || true
echo "the library directly, same workload (JMH, one thread, ops/s = observations/s)"
java -jar "$bench" ServiceBaselineBenchmark 2>&1 | grep -E '^ServiceBaselineBenchmark|^Benchmark'
