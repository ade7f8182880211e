#!/usr/bin/env bash
# Start-up with and without an application class-data-sharing archive (AppCDS, JDK 13+): build() with the
# default packs to the first accepted observation in a fresh JVM (StartupBenchmark.coldStart, one shot per fork),
# the two lanes alternating in rounds so that both see the same machine load.
#
#   benchmarks/appcds.sh [ROUNDS] [FORKS]      (default 4 rounds of 5 forks per lane)
#
# The archive is made by a training run (StartupTraining: build, a minute of a 30-bed ward, close) under
# -XX:ArchiveClassesAtExit, with the same class path as the benchmark's forks (a CDS archive is only used with the
# class path it was made with). Results (JMH JSON per round and lane) go to benchmarks/results/appcds-DATE/.
set -euo pipefail
rounds=${1:-4}
forks=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
jar=$here/target/benchmarks.jar
[[ -f $jar ]] || (cd "$here/.." && mvn -B -q -ntp -DskipTests package -pl benchmarks -am)
out=$here/results/appcds-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
archive=$out/nexus.jsa
java -XX:ArchiveClassesAtExit="$archive" -Xshare:auto -cp "$jar" com.nexussaude.monitor.benchmarks.StartupTraining \
    >"$out/training.log" 2>&1
echo "archive: $(du -h "$archive" | cut -f1) ($archive)"
run() { # $1: lane name, $2: round, extra JVM arguments after
  local lane=$1 round=$2
  shift 2
  java -cp "$jar" org.openjdk.jmh.Main 'StartupBenchmark\.coldStart$' -f "$forks" -rf json \
      -rff "$out/$lane-$round.json" ${1:+-jvmArgsAppend "$*"} >"$out/$lane-$round.log" 2>&1
}
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then
    run plain "$r"; run appcds "$r" -XX:SharedArchiveFile="$archive"
  else
    run appcds "$r" -XX:SharedArchiveFile="$archive"; run plain "$r"
  fi
  echo "round $r done ($(uptime | sed 's/.*load average: //'))"
done
# Every fork's single shot, per lane: median and range in ms.
for lane in plain appcds; do
  java -cp "$jar" com.nexussaude.monitor.benchmarks.tools.Shots "$out"/$lane-*.json | sed "s/^/$lane: /"
done
