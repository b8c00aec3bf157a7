#!/usr/bin/env bash
# command-bench.sh - latency of the agent-hook command recogniser (dev.plangate.core.agent).
#
# What it measures:
#   (1) end to end, as a hook that starts a JVM per shell command would pay it: the wall time of
#       `java -cp CLASSES CommandRecognizerBench --once LINE` for an empty line (JVM start only),
#       a typical non-matching line and a matching one; median and max over N runs, and the
#       recogniser's own first-call time printed by the JVM;
#   (2) warm, in one JVM: median and p99 ns per recognize() call for a set of typical lines.
# Nothing is executed but java: the lines are only recognised, never run.
#
# Run from anywhere:   bench/command-bench.sh [--runs N] [--no-warm]
#   --runs N     JVM starts per line for (1) (default 10)
#   --no-warm    skip (2) (it takes some 10 s)
# Needs analyzer-core compiled with its tests: mvn -o -q -pl analyzer-core test-compile
set -euo pipefail

RUNS=10
WARM=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs)    RUNS="${2:?--runs needs a number}"; shift 2 ;;
    --no-warm) WARM=0; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "command-bench: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "command-bench: --runs must be a positive integer" >&2; exit 2; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CP="$ROOT/analyzer-core/target/classes:$ROOT/analyzer-core/target/test-classes"
MAIN=dev.plangate.core.agent.CommandRecognizerBench
[[ -f "$ROOT/analyzer-core/target/test-classes/dev/plangate/core/agent/CommandRecognizerBench.class" ]] \
  || { echo "command-bench: compile first: mvn -o -q -pl analyzer-core test-compile" >&2; exit 2; }

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m}'; }
maxof()  { sort -n | tail -1; }

declare -a NAMES=("empty line (JVM only)" "non-matching" "matching")
declare -a LINES=(""
  "cd frontend && npm ci && npm run build && npm test -- --watch=false"
  "cd infra/prod && terraform init -input=false && terraform apply -auto-approve tfplan")

echo "end to end, $RUNS JVM starts each (ms):"
printf '  %-24s %10s %10s %22s\n' "line" "median" "max" "recognise (1st call)"
for k in "${!LINES[@]}"; do
  walls=(); firsts=()
  for ((r = 0; r < RUNS; r++)); do
    t0=$(date +%s%N)
    out=$(java -XX:TieredStopAtLevel=1 -Xshare:auto -cp "$CP" "$MAIN" --once "${LINES[$k]}")
    t1=$(date +%s%N)
    walls+=("$(( (t1 - t0) / 1000 ))")
    firsts+=("$(sed -n 's/^first call \([0-9.]*\) ms.*/\1/p' <<<"$out")")
  done
  wmed=$(printf '%s\n' "${walls[@]}" | median); wmax=$(printf '%s\n' "${walls[@]}" | maxof)
  fmed=$(printf '%s\n' "${firsts[@]}" | median)
  printf '  %-24s %10.1f %10.1f %19s ms\n' "${NAMES[$k]}" "$(awk "BEGIN{print $wmed/1000}")" \
    "$(awk "BEGIN{print $wmax/1000}")" "$fmed"
done

if [[ "$WARM" == 1 ]]; then
  echo
  echo "warm, one JVM:"
  java -cp "$CP" "$MAIN"
fi
