#!/usr/bin/env bash
# The PostgreSQL journal's throughput and restore time (issue 18): JdbcJournalThroughput.
#
#   benchmarks/jdbc.sh [days] [outage]   default 7 (a week of a 30-bed ward); ~5-10 minutes here;
#                                        "outage": only the outage path with a spill file (buffer, flush, replay)
#
# Uses the database in NEXUS_DB_URL / NEXUS_DB_USER / NEXUS_DB_PASSWORD when set (its journal tables
# are emptied: a scratch database), else starts an embedded PostgreSQL with synchronous_commit=on.
# Runs from the module's classes and its Maven classpath, not benchmarks.jar, which leaves the
# embedded PostgreSQL binaries out.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cp_file=$here/target/jdbc-classpath.txt
(cd "$root" && mvn -B -ntp -q -pl benchmarks -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime)
exec "${JAVA:-java}" -Xmx2g -cp "$here/target/classes:$(cat "$cp_file")" \
  com.nexussaude.monitor.benchmarks.JdbcJournalThroughput "$@"
