#!/usr/bin/env bash
# Builds the core library as it was at BASE (default d7665f0, the commit before issue 21's pipeline work, the
# equivalence base) for InterleavedBenchmark's `before` lane, which runs it next to this checkout's library in
# one JVM, in a class loader of its own.
#
#   benchmarks/before.sh [BASE] [OUT]
#
# BASE is checked out in a temporary git worktree and its core built there with `mvn package -DskipTests`
# (-pl nexus-monitor-core -am: the parent and the notify SPI come from the same reactor, never from ~/.m2;
# nothing is installed). dependency:build-classpath lists the core's runtime dependencies; the core jar and
# every jar on that list are copied to OUT (default benchmarks/target/before) and OUT/classpath.txt names
# them, one a line, core first. The temporary worktree is removed. Then:
#
#   java -Dnexus.before.classpath=benchmarks/target/before/classpath.txt -jar benchmarks/target/benchmarks.jar \
#       InterleavedBenchmark -p lanes='library:all:10000|before:all:10000'
#
# (JMH's forks inherit the host JVM's -D options.) Without the property the benchmark looks for
# target/before/classpath.txt and benchmarks/target/before/classpath.txt under the working directory.
set -euo pipefail

base=${1:-d7665f0}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${2:-$here/target/before}
out=$(mkdir -p "$out" && cd "$out" && pwd)
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

sha=$(git -C "$root" rev-parse --verify "$base^{commit}")
echo "building nexus-monitor-core at $base ($sha) in a temporary worktree" >&2
git -C "$root" worktree add -q --detach "$work/base" "$sha"
# One reactor run: package, then the core's runtime classpath. Every module of the reactor writes the file in
# turn (the parent's is empty, the SPI's has no Esper); the core comes last, so its list is the one left.
(cd "$work/base" && mvn -B -q -ntp ${MVN_OFFLINE:--o} -DskipTests -Dmaven.source.skip=true \
    -Dmaven.javadoc.skip=true -Djapicmp.skip=true -pl nexus-monitor-core -am \
    package dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$work/cp.txt")

# The main jar, not its -tests, -sources or -javadoc siblings.
core=$(ls "$work"/base/nexus-monitor-core/target/nexus-monitor-core-*.jar | grep -vE -- '-(tests|sources|javadoc)\.jar$' | head -1)
[[ -f $core ]] || { echo "no core jar was built in $work/base/nexus-monitor-core/target" >&2; exit 1; }
# unzip names the entry itself (exit 11 if absent): a `| grep -q` here failed under pipefail when grep's early exit
# cut unzip off with SIGPIPE.
unzip -l "$core" 'com/nexussaude/monitor/VitalMonitor.class' >/dev/null || { echo "$core holds no VitalMonitor" >&2; exit 1; }
grep -q 'esper-runtime' "$work/cp.txt" || { echo "the classpath written last is not the core's: $(cat "$work/cp.txt")" >&2; exit 1; }

rm -rf "$out"/*.jar "$out/classpath.txt"
cp "$core" "$out/nexus-monitor-core-$base.jar"
echo "$out/nexus-monitor-core-$base.jar" > "$out/classpath.txt"
tr ':' '\n' < "$work/cp.txt" | while read -r jar; do
  [[ -n $jar ]] || continue
  cp "$jar" "$out/"
  echo "$out/$(basename "$jar")" >> "$out/classpath.txt"
done
echo "$base ($sha)" > "$out/commit.txt"
echo "the core at $base and $(($(wc -l < "$out/classpath.txt") - 1)) dependencies in $out; pass" >&2
echo "  -Dnexus.before.classpath=$out/classpath.txt" >&2
