#!/usr/bin/env bash
# Latency of `plangate agent-hook` as an agent sees it: a fresh JVM per shell command, from
# process start to exit, for commands that change no infrastructure (the common case, answered
# before the command line framework loads) and, for comparison, one that needs the full hook.
# Prints the median and the 90th percentile of N runs (default 31) in milliseconds. Each run goes
# through bin/plangate, as the installed hooks do.
#
#   bench/agent-hook-bench.sh [N]        (after mvn -B -q package -DskipTests)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${PLANGATE_JAR:-$root/cli/target/plangate.jar}"
runs="${1:-31}"
[[ -f "$jar" ]] || { echo "no jar at $jar; build it first" >&2; exit 2; }

claude() {
  printf '{"session_id":"s","transcript_path":"/t","cwd":"%s","permission_mode":"default","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"%s","description":"d"},"tool_use_id":"t"}' "$root" "$1"
}

# The class-data-sharing archive bin/plangate makes in the background on a first start, made
# here before timing; CDS=off (in the environment) times the hook without one.
jsa="${TMPDIR:-/tmp}/plangate-bench/hook.jsa"
mkdir -p "${jsa%/*}"
rm -f "$jsa"
if [[ "${CDS:-on}" != off ]]; then
  (cd "$root" && source bench/cds.sh && prepare_archive "$jar" "$jsa") || true
fi
cds=$([[ -f "$jsa" ]] && echo on || echo off)

measure() { # label, agent, input
  local label="$1" agent="$2" input="$3" times=() i s e
  for ((i = 0; i < runs; i++)); do
    s=$(date +%s%N)
    printf '%s' "$input" | PLANGATE_JAR="$jar" PLANGATE_CDS="$cds" PLANGATE_CDS_ARCHIVE="$jsa" \
      "$root/bin/plangate" agent-hook --agent "$agent" >/dev/null 2>&1 || true
    e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  mapfile -t sorted < <(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-58s median %4d ms   p90 %4d ms   (%d runs)\n' "$label" \
    "${sorted[$((runs / 2))]}" "${sorted[$((runs * 9 / 10))]}" "$runs"
}

java -version 2>&1 | head -1
echo "class-data-sharing archive: $cds"
measure "non-matching: ls -la && git status" claude-code "$(claude 'ls -la && git status')"
measure "non-matching: git commit -m \"terraform destroy\"" claude-code \
  "$(claude 'git commit -m \"terraform destroy\"')"
measure "non-matching: mvn -B verify (Cursor)" cursor \
  '{"conversation_id":"c","generation_id":"g","hook_event_name":"beforeShellExecution","command":"mvn -B verify","cwd":"/tmp","workspace_roots":["/tmp"]}'
measure "matching, no plan needed: terraform state rm x (full hook)" claude-code \
  "$(claude 'terraform state rm x')"
