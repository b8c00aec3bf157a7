#!/usr/bin/env bash
# Start-up cost of `plangate check` on a small plan, with and without a class-data-sharing
# archive (AppCDS: bin/plangate makes one in the user's cache, the GitHub Action next to the
# cached jar, both from `plangate cds-training`): a fresh JVM per run, runs alternating, median
# and 90th percentile in milliseconds. Each run goes through bin/plangate, as users' runs do (its
# JVM options included): PLANGATE_CDS=off without the archive, PLANGATE_CDS_ARCHIVE with it.
#
#   bench/startup-bench.sh [RUNS (default 11)] [SERVICES (default 15: a ~1 MB plan)]
# Builds the jar and the plan generator with Maven when they are missing. Work dir:
# $PLANGATE_BENCH_DIR, default ${TMPDIR:-/tmp}/plangate-bench.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${1:-11}"
services="${2:-15}"
[[ "$runs" =~ ^[1-9][0-9]*$ && "$services" =~ ^[1-9][0-9]*$ ]] \
  || { echo "startup-bench: RUNS and SERVICES must be positive integers" >&2; exit 2; }
jar="cli/target/plangate.jar"
gen_cp="analyzer-core/target/test-classes"
if [[ ! -f "$jar" || ! -f "$gen_cp/dev/plangate/core/testing/PlanGenerator.class" ]]; then
  mvn -B -q -o -DskipTests package >&2 || mvn -B -q -DskipTests package >&2
fi
work="${PLANGATE_BENCH_DIR:-${TMPDIR:-/tmp}/plangate-bench}/startup"
mkdir -p "$work"
plan="$work/plan-$services.json"
[[ -s "$plan" ]] || java -cp "$gen_cp" dev.plangate.core.testing.PlanGenerator --services "$services" \
  --change-rate 0.5 --out "$plan" 2>/dev/null
jsa="$work/plangate.jsa"
source bench/cds.sh
prepare_archive "$jar" "$jsa" || { echo "startup-bench: the archive was not created" >&2; exit 1; }

one() { # prints ms of one run; $1 = off (no archive) or the archive's path
  local s e
  s=$(date +%s%N)
  if [[ "$1" == off ]]; then
    PLANGATE_JAR="$jar" PLANGATE_CDS=off bin/plangate check --github off --plan "$plan" \
      --format json --output "$work/report.json" >/dev/null 2>&1 || [[ $? -eq 1 ]]
  else
    PLANGATE_JAR="$jar" PLANGATE_CDS_ARCHIVE="$1" bin/plangate check --github off --plan "$plan" \
      --format json --output "$work/report.json" >/dev/null 2>&1 || [[ $? -eq 1 ]]
  fi
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
plain=(); cds=()
for ((i = 0; i < runs; i++)); do
  plain+=("$(one off)")
  cds+=("$(one "$jsa")")
done
stats() { # label, values...
  local label="$1"; shift
  mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
  printf '%-34s median %5d ms   p90 %5d ms   (%d runs)\n' "$label" \
    "${sorted[$(( ${#sorted[@]} / 2 ))]}" "${sorted[$(( ${#sorted[@]} * 9 / 10 ))]}" "${#sorted[@]}"
}
echo "plan: $plan ($(stat -c %s "$plan") bytes); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -n 1)"
stats "check, no archive" "${plain[@]}"
stats "check, with the archive" "${cds[@]}"
