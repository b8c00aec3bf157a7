#!/usr/bin/env bash
# plan-bench.sh - throughput / memory benchmark of `plangate check` against a jq baseline.
#
# What it measures: on two generated `terraform show -json` plans of about 500 MB each, written
# by the project's own generator (dev.plangate.core.testing.PlanGenerator, analyzer-core's test
# sources; no ../shared needed):
#   small  many resources with short attribute values (7500 services, ~120 000 instances)
#   large  fewer resources carrying 2-8 KB values: IAM/bucket policy documents, cloud-init
#          user_data, PEM certificate chains (1900 services, ~30 000 instances)
# the wall time and peak RSS of
#   (a) bin/plangate check --plan PLAN --format json --output REPORT, with
#       PLANGATE_JAR=cli/target/plangate.jar and PLANGATE_JAVA_OPTS=-Xmx512m: the launcher users
#       run, with its JVM options (the JIT stops at C1; bin/plangate says why) and its
#       class-data-sharing archive, made before the timed runs (PLANGATE_CDS=off: without)
#   (b) jq '[.resource_changes[]|select(.change.actions|index("delete"))]|length' PLAN
# run alternately N times, each under /usr/bin/time. Every run is checked for correctness
# (plangate exits 1; its delete/replace findings == jq's count == the generator's truth rows,
# and every finding's downstream count equals the truth's). It prints, per shape, medians,
# throughput (MB = 10^6 bytes), the plangate/jq wall ratio and two targets:
#   plangate wall <= jq wall / 5     and     plangate completes with -Xmx512m.
# The page cache is not dropped; one untimed `cat PLAN` warms it so both tools read from cache.
#
# Run from anywhere:   bench/plan-bench.sh [--shape small|large|both] [--scale F] [--runs N] [--regen]
#                                         [--baseline JAR]
#   --shape S      which plan(s) to run (default both)
#   --scale F      multiplies the service counts (default 1; e.g. 0.1 for a quick ~50 MB run)
#   --runs N       timed runs per tool and shape (default 3)
#   --regen        regenerate the plans even if they are cached
#   --baseline JAR also time another plangate jar (e.g. a copy built from main) in the same
#                  rounds, alternating with this one, for a before/after on a shared machine
# Builds what it needs with Maven (jar and test classes) when they are missing.
# Work dir: $PLANGATE_BENCH_DIR, default ${TMPDIR:-/tmp}/plangate-bench (plans, truth, report).
# Exit status: 0 when every target passes, 1 when a target fails or a run is wrong, 2 on usage error.
set -euo pipefail

SHAPES="small large"
SCALE=1
RUNS=3
REGEN=0
BASELINE=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --shape)
      case "${2:-}" in
        small|large) SHAPES="$2" ;;
        both) SHAPES="small large" ;;
        *) echo "plan-bench: --shape must be small, large or both" >&2; exit 2 ;;
      esac
      shift 2 ;;
    --scale)    SCALE="${2:?--scale needs a number}"; shift 2 ;;
    --runs)     RUNS="${2:?--runs needs a number}"; shift 2 ;;
    --regen)    REGEN=1; shift ;;
    --baseline) BASELINE="${2:?--baseline needs a jar}"; shift 2 ;;
    -h|--help)  sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "plan-bench: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ "$SCALE" =~ ^([0-9]+\.?[0-9]*|\.[0-9]+)$ ]] && awk -v s="$SCALE" 'BEGIN{exit !(s > 0)}' \
  || { echo "plan-bench: --scale must be a positive number" >&2; exit 2; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "plan-bench: --runs must be a positive integer" >&2; exit 2; }
if [[ -n "$BASELINE" ]]; then
  [[ -f "$BASELINE" ]] || { echo "plan-bench: --baseline: no such jar: $BASELINE" >&2; exit 2; }
  BASELINE="$(cd "$(dirname "$BASELINE")" && pwd)/$(basename "$BASELINE")"
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="${PLANGATE_BENCH_DIR:-${TMPDIR:-/tmp}/plangate-bench}"
mkdir -p "$WORK"
REPORT="$WORK/report.json"
JAR="cli/target/plangate.jar"
GEN_CP="analyzer-core/target/test-classes"
GEN_CLASS="$GEN_CP/dev/plangate/core/testing/PlanGenerator.class"

die() { echo "plan-bench: ERROR: $*" >&2; exit 1; }

# --- tools -----------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
  echo "plan-bench: /usr/bin/time missing, installing GNU time" >&2
  apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
command -v jq >/dev/null   || die "jq not found"
command -v java >/dev/null || die "java not found"

# --- 1. jar and generator (built once) --------------------------------------------------------
if [[ ! -f "$JAR" || ! -f "$GEN_CLASS" ]]; then
  command -v mvn >/dev/null || die "mvn not found (needed once, to build $JAR and the generator)"
  echo "plan-bench: building $JAR and the plan generator ..." >&2
  # package compiles the test sources too (the generator lives there); -DskipTests runs none.
  mvn -B -q -o -DskipTests package >&2 || mvn -B -q -DskipTests package >&2
fi
[[ -f "$JAR" ]] || die "$JAR not built"
[[ -f "$GEN_CLASS" ]] || die "$GEN_CLASS not built"

# --- 2. class-data-sharing archives ---------------------------------------------------------
# bin/plangate makes its archive in the background on a first start; here it is made, for each
# jar, before anything is timed, as it is on a machine where plangate has run before.
# PLANGATE_CDS=off in the environment times the starts without one.
JSA="$WORK/cds/plangate.jsa"
BASE_JSA="$WORK/cds/baseline.jsa"
BASE_CDS="${PLANGATE_CDS:-on}"
source bench/cds.sh
if [[ "${PLANGATE_CDS:-}" != off ]]; then
  prepare_archive "$JAR" "$JSA" || die "no class-data-sharing archive $JSA"
fi
if [[ -n "$BASELINE" && "$BASE_CDS" != off ]] && ! prepare_archive "$BASELINE" "$BASE_JSA"; then
  # A jar from before `plangate cds-training` cannot make one: it is timed without.
  echo "plan-bench: the baseline made no class-data-sharing archive; it is timed without one" >&2
  BASE_CDS=off
fi

echo "java:      $(java -version 2>&1 | head -n 1)"
echo "jq:        $(jq --version)"
echo "machine:   $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs:      $RUNS per tool and shape, alternating; page cache warmed by one untimed read"
echo "cds:       $([[ "${PLANGATE_CDS:-}" == off ]] && echo "off (PLANGATE_CDS=off)" || echo "on: $JSA")"
echo

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }

TIMEF="$WORK/time.out"
ERRF="$WORK/stderr.out"
OUTF="$WORK/stdout.out"
# timed CMD...: runs CMD under /usr/bin/time; sets RC, WALL (s), RSS (KiB); CMD stdout -> $OUTF
timed() {
  RC=0
  /usr/bin/time -f '%e %M' -o "$TIMEF" "$@" > "$OUTF" 2> "$ERRF" || RC=$?
  read -r WALL RSS < <(tail -n 1 "$TIMEF")
}

ALL_OK=1
SUMMARY=()

# bench SHAPE SERVICES: generates (or reuses) the plan, runs both tools, checks, prints.
bench() {
  local shape="$1" services="$2"
  local plan="$WORK/plan-$shape-$services.json" truth="$WORK/truth-$shape-$services.tsv"
  if [[ $REGEN -eq 1 || ! -s "$plan" || ! -s "$truth" ]]; then
    echo "plan-bench: generating $plan ($shape shape, $services services) ..." >&2
    java -cp "$GEN_CP" dev.plangate.core.testing.PlanGenerator --shape "$shape" \
      --services "$services" --out "$plan.tmp" --truth "$truth.tmp" >&2
    mv "$truth.tmp" "$truth"
    mv "$plan.tmp" "$plan"
  fi
  local bytes truth_rows
  bytes=$(stat -L -c %s "$plan")
  truth_rows=$(( $(wc -l < "$truth") - 1 ))   # minus the header line

  echo "== shape $shape =="
  echo "plan:      $plan"
  echo "size:      $bytes bytes ($(awk -v b="$bytes" 'BEGIN{printf "%.1f MB", b/1e6}')), $services services"
  echo "truth:     $truth_rows resource changes with delete"

  cat "$plan" > /dev/null
  local pg_wall=() pg_rss=() jq_wall=() jq_rss=() base_wall=() xmx_ok=1 i pg_count jq_count
  for ((i = 1; i <= RUNS; i++)); do
    # (a) plangate
    rm -f "$REPORT"
    timed env PLANGATE_JAR="$JAR" PLANGATE_CDS_ARCHIVE="$JSA" PLANGATE_JAVA_OPTS=-Xmx512m bin/plangate \
      check --plan "$plan" --format json --output "$REPORT"
    echo "run $i plangate: exit $RC, ${WALL}s, ${RSS} KiB"
    if [[ $RC -ne 1 ]]; then
      echo "---- plangate stderr (last 40 lines) ----" >&2
      tail -n 40 "$ERRF" >&2
      echo "target ($shape): completes with -Xmx512m : FAIL"
      die "plangate run $i on $shape exited $RC (expected 1 = destroys found)"
    fi
    pg_count=$(jq '[.findings[]|select(.action!="forget")]|length' "$REPORT")
    pg_wall+=("$WALL"); pg_rss+=("$RSS")
    if [[ $i -eq 1 ]]; then
      # Exact check, once: every finding's address, actions, reason and downstream count.
      if ! diff <(jq -r '.findings[]|select(.action!="forget")
            |[.address, (.rawActions|join("+")), (.reason // ""),
              ((.downstream.changing|length) + (.downstream.unchanged|length))]|@tsv' "$REPORT" \
            | LC_ALL=C sort) <(tail -n +2 "$truth" | LC_ALL=C sort) > "$WORK/diff.out"; then
        head -n 20 "$WORK/diff.out" >&2
        die "$shape: plangate's findings differ from the generator's truth (see above; < plangate, > truth)"
      fi
      echo "run $i truth:    every address, action, reason and downstream count equals the truth  OK"
    fi

    # (a') the baseline jar, if any: only its time and exit code
    if [[ -n "$BASELINE" ]]; then
      timed env PLANGATE_JAR="$BASELINE" PLANGATE_CDS="$BASE_CDS" PLANGATE_CDS_ARCHIVE="$BASE_JSA" \
        PLANGATE_JAVA_OPTS=-Xmx512m \
        bin/plangate \
        check --plan "$plan" --format json --output "$REPORT.base"
      echo "run $i baseline: exit $RC, ${WALL}s, ${RSS} KiB"
      [[ $RC -eq 1 ]] || die "baseline run $i on $shape exited $RC (expected 1 = destroys found)"
      base_wall+=("$WALL")
    fi

    # (b) jq baseline
    timed jq '[.resource_changes[]|select(.change.actions|index("delete"))]|length' "$plan"
    echo "run $i jq:       exit $RC, ${WALL}s, ${RSS} KiB"
    if [[ $RC -ne 0 ]]; then
      tail -n 40 "$ERRF" >&2
      die "jq run $i exited $RC"
    fi
    jq_count=$(cat "$OUTF")
    jq_wall+=("$WALL"); jq_rss+=("$RSS")

    if [[ "$pg_count" != "$jq_count" || "$pg_count" != "$truth_rows" ]]; then
      die "count mismatch on $shape run $i: plangate delete/replace findings=$pg_count, jq=$jq_count, truth rows=$truth_rows"
    fi
    echo "run $i counts:   plangate=$pg_count jq=$jq_count truth=$truth_rows  OK"
  done
  echo

  local pw pm jw jm
  pw=$(median "${pg_wall[@]}"); pm=$(median "${pg_rss[@]}")
  jw=$(median "${jq_wall[@]}"); jm=$(median "${jq_rss[@]}")
  awk -v b="$bytes" -v pw="$pw" -v pm="$pm" -v jw="$jw" -v jm="$jm" 'BEGIN{
    fmt = "%-9s %15s %18s %22s\n"
    printf fmt, "tool", "median wall (s)", "throughput (MB/s)", "median peak RSS (MiB)"
    printf "%-9s %15.2f %18.1f %22.1f\n", "plangate", pw, (pw > 0 ? b/1e6/pw : 0), pm/1024
    printf "%-9s %15.2f %18.1f %22.1f\n", "jq",       jw, (jw > 0 ? b/1e6/jw : 0), jm/1024
    printf "ratio plangate/jq wall: %.3f (jq/plangate = %.1fx)\n", (jw > 0 ? pw/jw : 0), (pw > 0 ? jw/pw : 0)
  }'''
  if [[ -n "$BASELINE" ]]; then
    local bw
    bw=$(median "${base_wall[@]}")
    awk -v bw="$bw" -v pw="$pw" -v jw="$jw" 'BEGIN{
      printf "baseline  median wall %.2f s; ratio baseline/jq %.3f; this jar is %.2fx faster\n",
        bw, (jw > 0 ? bw/jw : 0), (pw > 0 ? bw/pw : 0) }'
  fi
  local speed_ok
  speed_ok=$(awk -v pw="$pw" -v jw="$jw" 'BEGIN{ print (pw * 5 <= jw) ? 1 : 0 }')
  echo "target ($shape): plangate wall <= jq wall / 5 : $([[ $speed_ok -eq 1 ]] && echo PASS || echo FAIL)"
  echo "target ($shape): completes with -Xmx512m : $([[ $xmx_ok -eq 1 ]] && echo PASS || echo FAIL)"
  echo
  [[ $speed_ok -eq 1 && $xmx_ok -eq 1 ]] || ALL_OK=0
  SUMMARY+=("$(awk -v s="$shape" -v b="$bytes" -v pw="$pw" -v jw="$jw" 'BEGIN{
    printf "%-6s %8.1f MB  plangate %6.2f s (%6.1f MB/s)  jq %6.2f s (%6.1f MB/s)  ratio %.3f",
      s, b/1e6, pw, b/1e6/pw, jw, b/1e6/jw, pw/jw }')")
}

for shape in $SHAPES; do
  case "$shape" in
    small) services=7500 ;;
    large) services=1900 ;;
  esac
  services=$(awk -v n="$services" -v s="$SCALE" 'BEGIN{ v = int(n * s + 0.5); print (v < 1 ? 1 : v) }')
  bench "$shape" "$services"
done

echo "summary (medians of $RUNS runs):"
printf '  %s\n' "${SUMMARY[@]}"
[[ $ALL_OK -eq 1 ]]
