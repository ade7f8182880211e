#!/usr/bin/env bash
# Issue 21's two interleaved measurements (InterleavedBenchmark, both lanes in one JVM taking turns, so the
# neighbours' load falls on both alike):
#
#   benchmarks/interleaved.sh before [PATIENTS...]   this checkout's library against the core at d7665f0
#                                                    (benchmarks/before.sh builds it if missing), all packs,
#                                                    default 10000 then 1000 patients; turns of 1,000 readings
#   benchmarks/interleaved.sh wardsize [LARGE...]    1,000 patients against LARGE (default 100000 then 10000),
#                                                    all packs, turn=wardSecond: both wards one ward second per
#                                                    turn, so they stay at the same ward time from the prefill on
#
# Environment: JAR (default benchmarks/target/benchmarks.jar), FORKS (default 1 for before, 3 for wardsize),
# PREFILL (ward seconds before measuring, the same for both lanes; default 60), ITER (JMH iteration options,
# default "-wi 2 -w 5s -i 5 -r 5s"), HEAP (default 2g), BEFORE (classpath file of the old core; default
# benchmarks/target/before/classpath.txt), OUT (default benchmarks/results/interleaved-CASE-DATE).
# Writes each run's log and JMH JSON, the load average before and after each run (load.txt), and prints every
# measured iteration's line: lane 0 ÷ lane 1 cost per observation, wall and CPU.
set -euo pipefail

case_=${1:?usage: $0 before|wardsize [PATIENTS...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
jar=${JAR:-$here/target/benchmarks.jar}
[[ -f $jar ]] || { echo "no $jar: build it with mvn -pl benchmarks -am package -DskipTests" >&2; exit 1; }
prefill=${PREFILL:-60}
read -r -a iter <<< "${ITER:--wi 2 -w 5s -i 5 -r 5s}"
heap=${HEAP:-2g}
out=${OUT:-$here/results/interleaved-$case_-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"

load() { echo "$(date -u +%H:%M:%S) $1 $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"; }

run() { # $1: name, $2: lanes, $3: turn, $4: forks, then extra java options
  local name=$1 lanes=$2 turn=$3 forks=$4
  shift 4
  load "$name start"
  java "$@" -Djmh.ignoreLock=true -jar "$jar" InterleavedBenchmark -p lanes="$lanes" -p turn="$turn" \
      -p prefillSeconds="$prefill" -f "$forks" "${iter[@]}" -jvmArgsAppend "-Xms$heap -Xmx$heap" \
      -rf json -rff "$out/$name.json" > "$out/$name.log" 2>&1 || { echo "FAILED: see $out/$name.log" >&2; exit 1; }
  load "$name end"
  echo "== $name ($lanes, turn=$turn, prefill $prefill s, $forks fork(s)):"
  grep -E '^\[(prefill|measure)|^# Fork|^\[(library|before)' "$out/$name.log" | sed 's/MonitorStats\[.*alertsRaised/[... alertsRaised/'
}

case $case_ in
  before)
    before=${BEFORE:-$here/target/before/classpath.txt}
    [[ -f $before ]] || "$here/before.sh" d7665f0
    for patients in ${@:-10000 1000}; do
      run "before-$patients" "library:all:$patients|before:all:$patients" readings "${FORKS:-1}" \
          -Dnexus.before.classpath="$before"
    done
    ;;
  wardsize)
    for large in ${@:-100000 10000}; do
      run "wardsize-$large" "library:all:1000|library:all:$large" wardSecond "${FORKS:-3}"
    done
    ;;
  *) echo "usage: $0 before|wardsize [PATIENTS...]" >&2; exit 2 ;;
esac
echo "logs, JSON and load.txt in $out"
