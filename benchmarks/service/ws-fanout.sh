#!/usr/bin/env bash
# WebSocket fan-out load test of the monitoring service: starts `serve --demo` (the demo ward fed in
# real time), then runs WebSocketFanOut for each client count: N WebSocket clients subscribed to the
# alerts channel while manual alerts are raised at a fixed rate; prints a RESULT line per run (delivered
# alerts/s over all clients, latency from POST to arrival at each client, missed/duplicate/out-of-order
# events, clients dropped as slow). Not part of the test suite. Needs the command-line jar:
#   mvn -B -ntp -pl nexus-monitor-examples -am package -DskipTests
#   benchmarks/service/ws-fanout.sh [ALERTS_PER_SECOND=50] [SECONDS=20] [CLIENT_COUNTS="100 500 1000"]
# The tool uses JDK classes only and runs from its source file (Java 17's single-file launch), so the
# benchmarks jar is not needed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
jar="$root/nexus-monitor-examples/target/nexus-monitor.jar"
tool="$root/benchmarks/src/main/java/com/nexussaude/monitor/benchmarks/WebSocketFanOut.java"
rate="${1:-50}"
seconds="${2:-20}"
counts="${3:-100 500 1000}"
port=18016
[ -f "$jar" ] || { echo "build the jar first: mvn -B -ntp -pl nexus-monitor-examples -am package -DskipTests" >&2; exit 2; }
data="$(mktemp -d)"
out="$data/serve.out"
DATA_DIR="$data" PORT=$port HOST=127.0.0.1 RATE_LIMIT_PER_MINUTE=1000000 WS_QUEUE_LIMIT=10000 \
  java -Xmx1g -jar "$jar" serve --demo --data-dir "$data/journal" > "$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  grep -q 'export TOKEN=' "$out" 2>/dev/null && break
  sleep 0.5
done
token="$(sed -n 's/.*export TOKEN=//p' "$out")"
[ -n "$token" ] || { cat "$out" >&2; exit 1; }
echo "service up (demo ward fed); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $counts; do
  java -Xmx1g "$tool" "http://127.0.0.1:$port" "$token" "$n" "$rate" "$seconds" | grep RESULT || true
done
curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/system/metrics"; echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
