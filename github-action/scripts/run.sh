#!/usr/bin/env bash
# Runs `plangate check` in GitHub mode. Every input arrives as an environment variable (set by
# action.yml's `env:`), is read quoted, and becomes exactly one argv element: nothing here is
# ever evaluated, word-split or glob-expanded by the shell, whatever the input contains.
#
# Exit code: the jar's (0 pass, 1 approval required or blocked, 2 input or usage error); this
# script's own input errors exit 2 as well.
set -euo pipefail
set -f # no pathname expansion anywhere: the jar expands the plan globs itself

# A workflow-command message: %, CR and LF escaped as the runner expects, so a value cannot end
# the command early or start another one.
escape() {
  local s="$1"
  s="${s//'%'/%25}"
  s="${s//$'\r'/%0D}"
  s="${s//$'\n'/%0A}"
  printf '%s' "$s"
}

# Input errors name the input, as the user wrote it in the workflow.
input_error() {
  echo "::error title=plangate::input '$1': $(escape "$2")"
  exit 2
}

# Trims leading and trailing whitespace (spaces, tabs, CR from a file with CRLF line ends).
trim() {
  local s="$1"
  s="${s#"${s%%[![:space:]]*}"}"
  s="${s%"${s##*[![:space:]]}"}"
  printf '%s' "$s"
}

jar="${PLANGATE_JAR:-}"
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
  echo "::error title=plangate::the plangate jar was not found ('$(escape "$jar")'); the build step did not produce it."
  exit 2
fi
if [ -z "${RUNNER_TEMP:-}" ]; then
  echo "::error title=plangate::RUNNER_TEMP is not set; this script runs inside a GitHub Actions job."
  exit 2
fi

args=(check)

# plans: one --plan per non-blank, non-comment line.
plan_count=0
while IFS= read -r line || [ -n "$line" ]; do
  line="$(trim "$line")"
  case "$line" in
    '' | '#'*) continue ;;
  esac
  args+=(--plan "$line")
  plan_count=$((plan_count + 1))
done <<< "${PLANGATE_PLANS:-}"
if [ "$plan_count" -eq 0 ]; then
  input_error plans "no plan given: name at least one plan file or glob, one per line"
fi

policy="$(trim "${PLANGATE_POLICY:-}")"
if [ -n "$policy" ]; then
  args+=(--policy "$policy")
fi

label="$(trim "${PLANGATE_APPROVAL_LABEL:-}")"
if [ -n "$label" ]; then
  args+=(--approval-label "$label")
fi

comment="$(trim "${PLANGATE_COMMENT:-}")"
case "$comment" in
  update | off) ;;
  '') comment=update ;; # an explicitly empty input means the default
  *) input_error comment "'$comment' is not one of: update, off" ;;
esac
args+=(--comment "$comment")

# Whose comment is plangate's: the workflow token writes as github-actions[bot]; a GitHub App
# token writes as that App's bot login.
comment_author="$(trim "${PLANGATE_COMMENT_AUTHOR:-}")"
if [ -n "$comment_author" ]; then
  args+=(--comment-author "$comment_author")
fi

# formats: split on commas and whitespace (read -a splits on IFS only; with set -f nothing is
# globbed). json first and always: the `report` output points at it.
IFS=$', \t\r\n' read -r -d '' -a requested <<< "${PLANGATE_FORMATS:-}" || true
want_markdown=0 want_text=0 want_sarif=0
for format in "${requested[@]+"${requested[@]}"}"; do
  case "$format" in
    json) ;; # always written
    markdown) want_markdown=1 ;;
    text) want_text=1 ;;
    sarif) want_sarif=1 ;;
    *) input_error formats "unknown format '$format'; use a comma-separated subset of json, markdown, text, sarif" ;;
  esac
done

out="$RUNNER_TEMP/plangate"
mkdir -p -- "$out"
# Reports from an earlier run of the action in this job must not pass for this run's.
rm -f -- "$out/report.json" "$out/report.md" "$out/report.txt" "$out/report.sarif"

args+=(--report "json=$out/report.json")
if [ "$want_markdown" -eq 1 ]; then args+=(--report "markdown=$out/report.md"); fi
if [ "$want_text" -eq 1 ]; then args+=(--report "text=$out/report.txt"); fi

sarif="$(trim "${PLANGATE_SARIF:-}")"
if [ -n "$sarif" ]; then
  # The sarif input names where upload-sarif will look; it takes the place of report.sarif
  # (one SARIF file per run). Its directory may not exist yet.
  mkdir -p -- "$(dirname -- "$sarif")"
  args+=(--report "sarif=$sarif")
elif [ "$want_sarif" -eq 1 ]; then
  args+=(--report "sarif=$out/report.sarif")
fi

# An empty key is no key: the jar should not see a blank secret as one that is set.
if [ -z "${PLANGATE_APPROVAL_SECRET:-}" ]; then
  unset PLANGATE_APPROVAL_SECRET
fi

# GITHUB_TOKEN and PLANGATE_APPROVAL_SECRET are already in the environment (action.yml's env:)
# and are never echoed. The step ends with exactly the jar's exit code.
# The class-data-sharing archive build.sh made for this jar and JVM, when there is one: the
# classes are mapped from it instead of being loaded and verified again (a faster start).
# The JIT stops at C1: a gate run is one short pass, and C2 compiling midway cost more CPU than
# it saved; the parallel collector pauses less than G1 on a plan of many resources (bin/plangate
# says more).
# Not when the runner's JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS name a collector: with two, the
# JVM does not start.
jvm=(-XX:TieredStopAtLevel=1 -XX:+UseParallelGC)
case " ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-} " in
  *-XX:+Use*GC*) jvm=(-XX:TieredStopAtLevel=1) ;;
esac
# plangate's own methods compile at a twentieth of the usual call counts, as bin/plangate has a
# check do; "quiet" keeps the JVM from announcing it on standard output.
jvm+=(-XX:CompileCommand=quiet "-XX:CompileCommand=CompileThresholdScaling,dev.plangate.*::*,0.05")
jsa="${PLANGATE_JSA:-}"
if [ -n "$jsa" ] && [ -f "$jsa" ]; then
  jvm+=("-XX:SharedArchiveFile=$jsa")
fi

status=0
java "${jvm[@]+"${jvm[@]}"}" -jar "$jar" "${args[@]}" || status=$?
exit "$status"
