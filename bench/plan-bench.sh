#!/usr/bin/env bash
# plan-bench.sh - throughput / memory benchmark of `plangate check` against a jq baseline.
#
# What it measures: on a generated ~1 GB `terraform show -json` plan (6700 services by default),
# the wall time and peak RSS of
#   (a) java -Xmx512m -jar cli/target/plangate.jar check --plan PLAN --format json --output REPORT
#   (b) jq '[.resource_changes[]|select(.change.actions|index("delete"))]|length' PLAN
# run alternately N times, each under /usr/bin/time. Every run is checked for correctness
# (plangate exits 1; its delete/replace findings == jq's count == data rows of the truth TSV).
# It prints medians, throughput (MB = 10^6 bytes), the plangate/jq wall ratio and two targets:
#   plangate wall <= jq wall / 5     and     plangate completes with -Xmx512m.
# The page cache is not dropped; one untimed `cat PLAN` warms it so both tools read from cache.
#
# Run from anywhere:   bench/plan-bench.sh [--services N] [--runs N] [--regen]
#   --services N   services passed to genplan.py (default 6700, ~1 GB; use e.g. 500 for a quick run)
#   --runs N       timed runs per tool (default 3)
#   --regen        regenerate the plan even if it is cached
# Work dir: $PLANGATE_BENCH_DIR, default ${TMPDIR:-/tmp}/plangate-bench (plan, truth, report).
# Exit status: 0 when both targets pass, 1 when a target fails or a run is wrong, 2 on usage error.
set -euo pipefail

SERVICES=6700
RUNS=3
REGEN=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --services) SERVICES="${2:?--services needs a number}"; shift 2 ;;
    --runs)     RUNS="${2:?--runs needs a number}"; shift 2 ;;
    --regen)    REGEN=1; shift ;;
    -h|--help)  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "plan-bench: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ "$SERVICES" =~ ^[1-9][0-9]*$ ]] || { echo "plan-bench: --services must be a positive integer" >&2; exit 2; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]]     || { echo "plan-bench: --runs must be a positive integer" >&2; exit 2; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="${PLANGATE_BENCH_DIR:-${TMPDIR:-/tmp}/plangate-bench}"
mkdir -p "$WORK"
PLAN="$WORK/plan-$SERVICES.json"
TRUTH="$WORK/truth-$SERVICES.tsv"
REPORT="$WORK/report.json"
JAR="cli/target/plangate.jar"
GENPLAN="../shared/tools/genplan.py"

die() { echo "plan-bench: ERROR: $*" >&2; exit 1; }

# --- tools -----------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
  echo "plan-bench: /usr/bin/time missing, installing GNU time" >&2
  apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
command -v jq >/dev/null   || die "jq not found"
command -v java >/dev/null || die "java not found"

# --- 1. plan (cached) ------------------------------------------------------------------------
if [[ $REGEN -eq 1 || ! -s "$PLAN" || ! -s "$TRUTH" ]]; then
  [[ -f "$GENPLAN" ]] || die "$GENPLAN not found (expected shared/ beside the checkout)"
  echo "plan-bench: generating $PLAN ($SERVICES services) ..." >&2
  python3 "$GENPLAN" --services "$SERVICES" --out "$PLAN.tmp" --truth "$TRUTH" >&2
  mv "$PLAN.tmp" "$PLAN"
fi
PLAN_BYTES=$(stat -c %s "$PLAN")
TRUTH_ROWS=$(( $(wc -l < "$TRUTH") - 1 ))   # minus the header line

# --- 2. jar ----------------------------------------------------------------------------------
if [[ ! -f "$JAR" ]]; then
  echo "plan-bench: building $JAR ..." >&2
  mvn -q -B -o package -DskipTests || mvn -q -B package -DskipTests
fi
[[ -f "$JAR" ]] || die "$JAR not built"

echo "plan:      $PLAN"
echo "size:      $PLAN_BYTES bytes ($(awk -v b="$PLAN_BYTES" 'BEGIN{printf "%.1f MB", b/1e6}'))"
echo "services:  $SERVICES"
echo "truth:     $TRUTH_ROWS resource changes with delete"
echo "java:      $(java -version 2>&1 | head -n 1)"
echo "jq:        $(jq --version)"
echo "runs:      $RUNS per tool, alternating; page cache warmed by one untimed read"
echo

# --- 3. warm-up + timed runs -----------------------------------------------------------------
cat "$PLAN" > /dev/null

TIMEF="$WORK/time.out"
ERRF="$WORK/stderr.out"
PG_WALL=(); PG_RSS=(); JQ_WALL=(); JQ_RSS=()
XMX_OK=1

# timed CMD...: runs CMD under /usr/bin/time; sets RC, WALL (s), RSS (KiB); CMD stdout -> $OUTF
OUTF="$WORK/stdout.out"
timed() {
  RC=0
  /usr/bin/time -f '%e %M' -o "$TIMEF" "$@" > "$OUTF" 2> "$ERRF" || RC=$?
  read -r WALL RSS < <(tail -n 1 "$TIMEF")
}

for ((i = 1; i <= RUNS; i++)); do
  # (a) plangate
  rm -f "$REPORT"
  timed java -Xmx512m -jar "$JAR" check --plan "$PLAN" --format json --output "$REPORT"
  echo "run $i plangate: exit $RC, ${WALL}s, ${RSS} KiB"
  if [[ $RC -ne 1 ]]; then
    XMX_OK=0
    echo "---- plangate stderr (last 40 lines) ----" >&2
    tail -n 40 "$ERRF" >&2
    echo "target: completes with -Xmx512m : FAIL"
    die "plangate run $i exited $RC (expected 1 = destroys found)"
  fi
  PG_COUNT=$(jq '[.findings[]|select(.action!="forget")]|length' "$REPORT")
  PG_WALL+=("$WALL"); PG_RSS+=("$RSS")

  # (b) jq baseline
  timed jq '[.resource_changes[]|select(.change.actions|index("delete"))]|length' "$PLAN"
  echo "run $i jq:       exit $RC, ${WALL}s, ${RSS} KiB"
  if [[ $RC -ne 0 ]]; then
    tail -n 40 "$ERRF" >&2
    die "jq run $i exited $RC"
  fi
  JQ_COUNT=$(cat "$OUTF")
  JQ_WALL+=("$WALL"); JQ_RSS+=("$RSS")

  # 4. correctness
  if [[ "$PG_COUNT" != "$JQ_COUNT" || "$PG_COUNT" != "$TRUTH_ROWS" ]]; then
    die "count mismatch on run $i: plangate delete/replace findings=$PG_COUNT, jq=$JQ_COUNT, truth rows=$TRUTH_ROWS"
  fi
  echo "run $i counts:   plangate=$PG_COUNT jq=$JQ_COUNT truth=$TRUTH_ROWS  OK"
done
echo

# --- 5. summary --------------------------------------------------------------------------------
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }

PG_W=$(median "${PG_WALL[@]}"); PG_M=$(median "${PG_RSS[@]}")
JQ_W=$(median "${JQ_WALL[@]}"); JQ_M=$(median "${JQ_RSS[@]}")

awk -v b="$PLAN_BYTES" -v pw="$PG_W" -v pm="$PG_M" -v jw="$JQ_W" -v jm="$JQ_M" 'BEGIN{
  fmt = "%-9s %15s %18s %22s\n"
  printf fmt, "tool", "median wall (s)", "throughput (MB/s)", "median peak RSS (MiB)"
  printf "%-9s %15.2f %18.1f %22.1f\n", "plangate", pw, (pw > 0 ? b/1e6/pw : 0), pm/1024
  printf "%-9s %15.2f %18.1f %22.1f\n", "jq",       jw, (jw > 0 ? b/1e6/jw : 0), jm/1024
  printf "ratio plangate/jq wall: %.3f (jq/plangate = %.1fx)\n", (jw > 0 ? pw/jw : 0), (pw > 0 ? jw/pw : 0)
}'
echo

SPEED_OK=$(awk -v pw="$PG_W" -v jw="$JQ_W" 'BEGIN{ print (pw * 5 <= jw) ? 1 : 0 }')
echo "target: plangate wall <= jq wall / 5 : $([[ $SPEED_OK -eq 1 ]] && echo PASS || echo FAIL)"
echo "target: completes with -Xmx512m : $([[ $XMX_OK -eq 1 ]] && echo PASS || echo FAIL)"
[[ $SPEED_OK -eq 1 && $XMX_OK -eq 1 ]]
