#!/usr/bin/env bash
# Old pipeline against new: replays the same inputs through the command line built at BASE and at this
# checkout, side by side, and requires byte-identical output (every alert, incident, NEWS2 score and
# notification record, with its ids and timestamps). Issue 21 asks for this before and after any change
# to the core's pipeline that must not change what it decides.
#
#   benchmarks/equivalence.sh BASE [PATIENTS] [SECONDS]
#
# BASE is any commit (e.g. the commit before a refactoring). Inputs:
#   1. a generated ward (benchmarks' WardWorkload, seed 42): PATIENTS beds (default 300) x SECONDS
#      (default 7200) at 1 Hz, NIBP every 15 min, temperature hourly, one bed in a hundred deteriorating;
#   2. every BIDMC numerics recording in ../shared/data/bidmc, if present (skipped with a message if not);
#   3. the demo ward (`demo --jsonl`, three hours, deterministic).
# BASE is built in a temporary git worktree with the same `mvn package` as ./nexus-monitor (nothing is
# installed into ~/.m2); this checkout's benchmarks jar and command line are built here. Exit status 0
# when every output is identical, 1 otherwise (the first differing lines are printed).
# BASE_OUTPUTS=DIR, a KEEP directory of an earlier run at BASE with the same PATIENTS and SECONDS, reuses its
# inputs and old outputs instead of building and running BASE again (several changes checked against one base).
set -euo pipefail

base=${1:?usage: $0 BASE [PATIENTS] [SECONDS]}
patients=${2:-300}
seconds=${3:-7200}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$(mktemp -d)
# KEEP=DIR keeps the inputs and both outputs there.
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; if [[ -n ${KEEP:-} ]]; then mkdir -p "$KEEP"; cp "$work"/*.old "$work"/*.new "$work"/*.err "$work"/ward.jsonl "$KEEP"/ 2>/dev/null || true; fi; rm -rf "$work"' EXIT

build_cli() { # $1: checkout, $2: extra modules
  (cd "$1" && mvn -B -q -ntp -DskipTests -Dmaven.source.skip=true -Dmaven.javadoc.skip=true \
      package -pl "nexus-monitor-examples$2" -am 2>&1) | sed -u 's/\x1b\[[0-9;]*m//g' >&2
}

if [[ -n ${BASE_OUTPUTS:-} ]]; then
  echo "reusing the inputs and outputs at BASE in $BASE_OUTPUTS" >&2
  cp "$BASE_OUTPUTS"/*.old "$BASE_OUTPUTS"/*.old.err "$BASE_OUTPUTS"/ward.jsonl "$work"/
else
  echo "building the command line at $base ($(git -C "$root" rev-parse --short "$base"))" >&2
  git -C "$root" worktree add -q --detach "$work/base" "$base"
  build_cli "$work/base" ""
fi
echo "building this checkout ($(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ', with uncommitted changes'))" >&2
build_cli "$root" ",benchmarks"
old=$work/base/nexus-monitor-examples/target/nexus-monitor.jar
new=$root/nexus-monitor-examples/target/nexus-monitor.jar

[[ -f $work/ward.jsonl ]] || java -cp "$here/target/benchmarks.jar" com.nexussaude.monitor.benchmarks.DayRecording \
    "$patients" "$seconds" "$work/ward.jsonl"

inputs=(ward)
shared=$root/../shared/data/bidmc
if compgen -G "$shared/bidmc_*_Numerics.csv" >/dev/null; then
  inputs+=(bidmc)
else
  echo "SKIPPED bidmc: no recordings in $shared (../shared/data is not present)" >&2
fi
inputs+=(demo)

run() { # $1: jar, $2: input name, $3: output file
  case $2 in
    ward) java -Xmx2g -jar "$1" replay "$work/ward.jsonl" >"$3" 2>"$3.err" ;;
    bidmc) java -Xmx2g -jar "$1" replay "$shared"/bidmc_*_Numerics.csv >"$3" 2>"$3.err" ;;
    demo) java -Xmx2g -jar "$1" demo --jsonl >"$3" 2>"$3.err" ;;
  esac
}

status=0
for input in "${inputs[@]}"; do
  [[ -n ${BASE_OUTPUTS:-} ]] || run "$old" "$input" "$work/$input.old"
  run "$new" "$input" "$work/$input.new"
  lines=$(wc -l <"$work/$input.old")
  kinds=$(grep -o '"type":"[a-z_-]*"' "$work/$input.old" | sort | uniq -c | awk '{printf "%s %s; ", $2, $1}' || true)
  if cmp -s "$work/$input.old" "$work/$input.new"; then
    echo "$input: identical ($lines records: ${kinds:-none})"
  elif cmp -s <(sort "$work/$input.old") <(sort "$work/$input.new"); then
    # The same records with the same timestamps, in another order: say where, so a reader can judge it.
    echo "$input: DIFFERENT ORDER, same records ($lines records; lines that moved:)"
    diff "$work/$input.old" "$work/$input.new" | head -20 || true
    status=1
  else
    echo "$input: DIFFERENT (old $lines records, new $(wc -l <"$work/$input.new"))"
    diff "$work/$input.old" "$work/$input.new" | head -20 || true
    status=1
  fi
  # The summaries on stderr must agree too, except the run's wall time.
  # Files are named without their directories: the base's run may have read its inputs elsewhere (BASE_OUTPUTS).
  summary() { grep -v '^wall time:' "$1" | sed -E 's#[^ ]*/##g'; }
  if ! diff <(summary "$work/$input.old.err") <(summary "$work/$input.new.err") >"$work/$input.errdiff"; then
    echo "$input: DIFFERENT summaries on stderr"
    head -20 "$work/$input.errdiff"
    status=1
  fi
done
exit $status
