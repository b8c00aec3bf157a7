#!/usr/bin/env bash
# Replays the incident in a scratch git repository, so that plangate can say who did it:
# a person commits before/, then Kiro's commit renames the module (after/). Kiro leaves no
# trailer and commits under the person's name; what marks the commit is the git-ai authorship
# note (Git AI Standard v3) in refs/notes/ai naming the tool "kiro".
# Then plangate checks the example's plan.json against the commit range HEAD~1..HEAD.
#
# Exit status: plangate's (1: approval required). Your git configuration is not read or written.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="${PLANGATE_JAR:-$root/cli/target/plangate.jar}"
if [[ ! -f "$jar" ]]; then
  echo "replay.sh: no plangate jar at $jar; build it with 'mvn -B -q package -DskipTests' or set PLANGATE_JAR" >&2
  exit 2
fi
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"   # the script works in a scratch directory

work="$(mktemp -d "${TMPDIR:-/tmp}/plangate-kiro-replay.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Only the scratch repository's own configuration; fixed dates make the commits reproducible.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_DATE="2025-11-19T09:12:00Z" GIT_COMMITTER_DATE="2025-11-19T09:12:00Z"
# plangate runs with a bare environment: the report should rest on the note alone, not on signals
# of the shell this script happens to run in (AWS_EXECUTION_ENV, TERM_PROGRAM, CLAUDECODE, ...).
clean_env=(env -i "PATH=$PATH" "HOME=${HOME:-$work}" "LANG=${LANG:-C.UTF-8}" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null)

git init -q -b main "$work/infra"
cd "$work/infra"
git config user.name "Priya Natarajan"
git config user.email "priya.natarajan@example.com"

cp -R "$here/before/." .
git add -A
git commit -q -m "Production environment: network, database, cache, queue, app"

# Kiro, working in Priya's editor: the rename, committed under her name.
export GIT_AUTHOR_DATE="2025-11-20T15:47:00Z" GIT_COMMITTER_DATE="2025-11-20T15:47:00Z"
git rm -q -r -- main.tf modules
cp -R "$here/after/." .
git add -A
git commit -q -m "Rename module env to environment for clarity"

# The authorship log git-ai writes for the commit: which lines which session wrote, then ---,
# then metadata naming the agent.
sha="$(git rev-parse HEAD)"
note="$work/note"
cat > "$note" <<NOTE
main.tf
  s_5e1d7a3c9b2f04::t_8c4b2e6f1a9d37 1-4,12-14
---
{
  "schema_version": "authorship/3.0.0",
  "git_ai_version": "1.6.21",
  "base_commit_sha": "$sha",
  "prompts": {},
  "sessions": {
    "s_5e1d7a3c9b2f04": {
      "agent_id": {
        "tool": "kiro",
        "id": "3c7e9a41-0b5d-4f2e-8a6c-d19b47e2f085",
        "model": "claude-sonnet-4-5"
      },
      "human_author": "Priya Natarajan <priya.natarajan@example.com>"
    }
  }
}
NOTE
git notes --ref=ai add -F "$note" HEAD

echo "$ git log --format='%h %an: %s' -2"
git log --format='%h %an: %s' -2
echo "$ git notes --ref=ai show HEAD | head -2"
git notes --ref=ai show HEAD | head -2
echo
echo "$ plangate check --plan examples/terraform-kiro-incident/plan.json --base HEAD~1 --module-dir ."
status=0
"${clean_env[@]}" java -jar "$jar" check --plan "$here/plan.json" --base HEAD~1 --module-dir . || status=$?
exit "$status"
