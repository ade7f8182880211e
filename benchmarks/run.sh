#!/usr/bin/env bash
# Runs the Nexus Monitor benchmark suite (issue 7) and prints the summary table.
#
#   benchmarks/run.sh quick   about 13 minutes: 1,000 and 10,000 patients, one fork, one round,
#                             short iterations, short latency run, small memory wards
#   benchmarks/run.sh full    about 70 minutes: three rounds of the ratio benchmarks at 1,000 and 10,000
#                             patients, one at 100,000, longer iterations, longer latency run, memory
#                             per pack and in steady state
#
# BEFORE=1 adds the interleaved ratio to the core at d7665f0, the code before issue 21 (benchmarks/before.sh
# builds it into benchmarks/target/before if it is not there).
#
# Builds benchmarks/target/benchmarks.jar if it is missing (REBUILD=1 forces a build). Writes
# everything to benchmarks/results/MODE-DATE/ (or $OUT): the JMH JSON and logs of each step, the
# memory tool's JSON, the JFR recording of the profiled benchmark and its summary (profile.txt),
# machine.md and summary.md. The summary's ratios come from one run: the ratio benchmarks of a
# round run back to back, and ratios are computed within a round.
#
# The machine may be shared: every step logs the load average (load.txt); read wall-clock numbers
# with it, and prefer the CPU-time columns for comparisons.
set -euo pipefail

mode=${1:-quick}
case "$mode" in
  quick|full) ;;
  *) echo "usage: $0 quick|full" >&2; exit 2 ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
jar=$here/target/benchmarks.jar
java=${JAVA:-java}
if [[ ! -f $jar || ${REBUILD:-0} == 1 ]]; then
  echo "building $jar"
  (cd "$root" && mvn -B -ntp -q -pl benchmarks -am package -DskipTests)
fi
out=${OUT:-$here/results/$mode-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"

if [[ $mode == quick ]]; then
  patients=1000,10000; packs=all; prefill=20; heap=4g; rounds=1
  iters=(-f 1 -wi 2 -w 3s -i 3 -r 3s)
  pairs='library:all:1000|rawEsper:all:1000,library:all:10000|rawEsper:all:10000,library:threshold:1000|rawEsper:threshold:1000,library:threshold:1000|handWritten:threshold:1000'
  sizes='library:all:1000|library:all:10000'

  latency=(-p patients=2000 -p seconds=20 -p prefillSeconds=60)
  memory=(--packs all --patients 50,150 --minutes 35 --heap 2g)
  cold=(-f 5); warm=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
  replay_stable=(-f 1 -wi 1 -i 2); replay_det=(-f 1 -wi 0 -i 1)
  profile=(-f 1 -wi 1 -w 3s -i 2 -r 10s)
else
  patients=1000,10000; packs=all,threshold; prefill=60; heap=12g; rounds=3
  iters=(-f 1 -wi 4 -w 5s -i 5 -r 5s)
  pairs='library:all:1000|rawEsper:all:1000,library:all:10000|rawEsper:all:10000,library:all:100000|rawEsper:all:100000,library:threshold:1000|rawEsper:threshold:1000,library:threshold:1000|handWritten:threshold:1000'
  # Ward sizes compared at equal ward time: each lane one second of its own ward per turn.
  sizes='library:all:1000|library:all:10000,library:all:1000|library:all:100000'

  latency=(-p patients=2000 -p seconds=120 -p prefillSeconds=120)
  memory=(--packs all,threshold,technical,anomaly,news2,trend,correlation --patients 200,600 --minutes 35 --heap 4g)
  # steady state: past the longest window (temperature trend, 4 h)
  memory_steady=(--packs all --patients 50,150 --minutes 245 --heap 3g)
  cold=(-f 10); warm=(-f 2 -wi 3 -w 2s -i 5 -r 2s)
  replay_stable=(-f 1 -wi 1 -i 3); replay_det=(-f 1 -wi 1 -i 3)
  profile=(-f 1 -wi 2 -w 5s -i 3 -r 10s)
fi

load() { echo "$(date -u +%H:%M:%S) $1 $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/load.txt"; }

# step NAME JMH-ARGS...: one JMH invocation, JSON to NAME.json, full log to NAME.log.
step() {
  local name=$1; shift
  echo "== $name: java -jar benchmarks.jar $*"
  load "$name"
  local start=$SECONDS
  "$java" -jar "$jar" "$@" -rf json -rff "$out/$name.json" > "$out/$name.log" 2>&1 || {
    echo "   FAILED, see $out/$name.log" >&2; tail -20 "$out/$name.log" >&2; return 1; }
  echo "   done in $((SECONDS - start)) s"
}

{
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Command: \`benchmarks/run.sh $mode\`"
  echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(free -g | awk '/Mem:/{print $2}') GiB RAM"
  echo "- JDK: $("$java" -version 2>&1 | sed -n 2p)"
  echo "- JMH 1.37; benchmark JVMs: fixed heap ($heap for PipelineBenchmark), default G1"
  echo "- Git: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (uncommitted changes)')"
} > "$out/machine.md"

echo "== equivalence: library, raw Esper and hand-written produce the same threshold signals"
"$java" -cp "$jar" com.nexussaude.monitor.benchmarks.EquivalenceCheck 200 3600 2>/dev/null | tee "$out/equivalence.txt"

pipe_heap=(-jvmArgsAppend "-Xms$heap -Xmx$heap")
for ((r = 1; r <= rounds; r++)); do
  step "pipeline-r$r" 'PipelineBenchmark\.(library|rawEsper|handWritten)$' -p patients=$patients -p packs=$packs \
    -p prefillSeconds=$prefill "${iters[@]}" -prof gc "${pipe_heap[@]}"
done
if [[ $mode == full ]]; then
  # 100,000 patients once (its prefill alone feeds 6 million observations per implementation).
  step pipeline-100k 'PipelineBenchmark\.(library|rawEsper)$' -p patients=100000 -p packs=all \
    -p prefillSeconds=$prefill "${iters[@]}" -prof gc "${pipe_heap[@]}"
fi
# The ratios again, with the two sides taking turns in one JVM (robust to the neighbours' load).
step interleaved 'InterleavedBenchmark' -p lanes="$pairs" -p prefillSeconds=$prefill "${iters[@]}" "${pipe_heap[@]}"
step interleaved-wardsize 'InterleavedBenchmark' -p lanes="$sizes" -p turn=wardSecond -p prefillSeconds=$prefill \
  "${iters[@]}" "${pipe_heap[@]}"
if [[ ${BEFORE:-0} == 1 ]]; then
  # Against the code before issue 21 (d7665f0), built by before.sh, in its own class loader in the same JVM.
  [[ -f $here/target/before/classpath.txt ]] || "$here/before.sh" d7665f0
  step interleaved-before 'InterleavedBenchmark' -p lanes='library:all:10000|before:all:10000' \
    -p prefillSeconds=$prefill "${iters[@]}" "${pipe_heap[@]}"
fi
if [[ $mode == full ]]; then
  # What each pack costs alone, to see where the time goes.
  step packcost 'PipelineBenchmark\.library$' -p patients=1000 \
    -p packs=threshold,technical,anomaly,news2,trend,correlation,all -p prefillSeconds=$prefill "${iters[@]}" \
    -prof gc "${pipe_heap[@]}"
fi
step baseline 'PipelineBenchmark\.baseline$' -p patients=1000 "${iters[@]}" "${pipe_heap[@]}"
step latency 'LatencyBenchmark' "${latency[@]}" -f 1 -wi 1 -i 1 -jvmArgsAppend "-Xms4g -Xmx4g"

echo "== memory: MemoryFootprint ${memory[*]}"
load memory
"$java" -cp "$jar" com.nexussaude.monitor.benchmarks.MemoryFootprint "${memory[@]}" --json "$out/memory.json" \
  > "$out/memory.log" 2>&1 || { echo "   FAILED, see $out/memory.log" >&2; exit 1; }

if [[ $mode == full ]]; then
  echo "== memory, steady state: MemoryFootprint ${memory_steady[*]}"
  load memory-steady
  "$java" -cp "$jar" com.nexussaude.monitor.benchmarks.MemoryFootprint "${memory_steady[@]}" \
    --json "$out/memory-steady.json" > "$out/memory-steady.log" 2>&1 \
    || { echo "   FAILED, see $out/memory-steady.log" >&2; exit 1; }
fi

step startup-cold 'StartupBenchmark\.coldStart$' "${cold[@]}"
step startup-warm 'StartupBenchmark\.warmStart$' "${warm[@]}"
step rules 'RuleScalingBenchmark' -p rules=0,10,100,1000 -p prefillSeconds=$prefill "${iters[@]}" \
  -jvmArgsAppend "-Xms4g -Xmx4g"
step replay-stable 'ReplayBenchmark' -p bed=stable "${replay_stable[@]}" -jvmArgsAppend "-Xms2g -Xmx2g"
step replay-deteriorating 'ReplayBenchmark' -p bed=deteriorating "${replay_det[@]}" -jvmArgsAppend "-Xms2g -Xmx2g"

# Where the time goes for the worst ratio (library with every pack vs hand-written thresholds):
# JFR over the measured iterations of the library at 10,000 patients.
step profile 'PipelineBenchmark\.library$' -p patients=10000 -p packs=all -p prefillSeconds=$prefill \
  "${profile[@]}" -prof "jfr:dir=$out/jfr" "${pipe_heap[@]}"
recording=$(find "$out/jfr" -name '*.jfr' | head -1)
if [[ -n $recording ]]; then
  "$java" -cp "$jar" com.nexussaude.monitor.benchmarks.tools.JfrTop "$recording" 15 > "$out/profile.txt"
  jfr summary "$recording" > "$out/jfr-summary.txt" 2>/dev/null || true
fi
load end

"$java" -cp "$jar" com.nexussaude.monitor.benchmarks.tools.Summary "$out" > "$out/summary.md"
{
  echo "Equivalence check: $(cat "$out/equivalence.txt")"
  echo
  echo "### Machine"
  echo
  cat "$out/machine.md"
  echo "- Load average (1, 5, 15 min) at each step: see load.txt; range of the 1-min value:" \
    "$(awk '{print $3}' "$out/load.txt" | sort -n | sed -n '1p;$p' | paste -sd'-')"
} >> "$out/summary.md"

echo
cat "$out/summary.md"
if [[ -f $out/profile.txt ]]; then
  echo
  echo "### Profile (JFR, library, packs=all, 10,000 patients): $out/profile.txt"
  cat "$out/profile.txt"
fi
echo
echo "results: $out"
