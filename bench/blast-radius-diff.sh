#!/usr/bin/env bash
# blast-radius-diff.sh - differential check of plangate's blast radius against Terraform's own
# record of dependencies (issue 18).
#
# For each seed a random configuration of terraform_data resources and nested local modules
# (count/for_each, references through variables and outputs, resource- and module-level
# depends_on, create_before_destroy, replace_triggered_by) is applied with the real terraform
# (local state, no provider download); then EDITS random edits of it (remove, rename with and
# without moved, module rename with and without moved, count/for_each changes, trigger changes,
# removed { lifecycle { destroy = false } }) are each planned and analysed by plangate in-process.
# Every finding must match resource_changes exactly (address and action) and list every dependent
# that the applied state proves (terraform show -json before the edit: depends_on, transitive).
# Prints: plans, findings, dependents expected, missed, over-approximated instances.
#
# Run from anywhere:  bench/blast-radius-diff.sh [--first N] [--seeds N] [--edits N] [--threads N]
#   defaults: --first 1 --seeds 60 --edits 4 --threads 2  (240 plans; ~2 s per plan per thread)
# Fixed seeds: the same arguments give the same configurations, edits and figures.
# Exit status: 0 with no miss and exact findings, 1 otherwise, 2 on usage error or no terraform.
set -euo pipefail

FIRST=1
SEEDS=60
EDITS=4
THREADS=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --first)   FIRST="${2:?--first needs a number}"; shift 2 ;;
    --seeds)   SEEDS="${2:?--seeds needs a number}"; shift 2 ;;
    --edits)   EDITS="${2:?--edits needs a number}"; shift 2 ;;
    --threads) THREADS="${2:?--threads needs a number}"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "blast-radius-diff: unknown argument: $1" >&2; exit 2 ;;
  esac
done
for n in "$FIRST" "$SEEDS" "$EDITS" "$THREADS"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "blast-radius-diff: arguments must be positive integers" >&2; exit 2; }
done
command -v terraform >/dev/null || { echo "blast-radius-diff: terraform not on PATH" >&2; exit 2; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REPORT="$(mktemp)"
trap 'rm -f "$REPORT"' EXIT
START=$(date +%s)
STATUS=0
mvn -B -q -o -pl analyzer-core -am test -Dtest=BlastRadiusDiffTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
  -Dplangate.blast.firstSeed="$FIRST" -Dplangate.blast.seeds="$SEEDS" \
  -Dplangate.blast.edits="$EDITS" -Dplangate.blast.threads="$THREADS" \
  -Dplangate.blast.report="$REPORT" >/dev/null 2>&1 || STATUS=1
if [[ ! -s "$REPORT" ]]; then
  echo "blast-radius-diff: the harness wrote no figures (build or terraform failure):" >&2
  echo "  rerun: mvn -B -o -pl analyzer-core -am test -Dtest=BlastRadiusDiffTest -Dplangate.blast.seeds=$SEEDS" >&2
  exit 1
fi
grep -v '^REFUSED' "$REPORT" || true
echo "terraform refused $(grep -c '^REFUSED' "$REPORT" || true) generated configurations or edits (cycles Terraform reports); they are not counted as plans"
echo "wall time $(( $(date +%s) - START )) s"
exit $STATUS
