#!/usr/bin/env bash
# Installs plangate's pre-push hook in a scratch repository and lets an AI-authored commit that
# destroys the orders database try to reach origin. The hook refuses the push.
#
# Uses examples/orders-service (before/, after-destroy/ and the real Terraform plan of that
# change), a local bare repository as origin, and nothing from the network. Your git
# configuration is never read or written: the scratch repository has its own.
#
# Exit status: 1 when the hook refused the push (the expected outcome), 0 when the push went
# through, 2 when something else failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
orders="$root/examples/orders-service"
jar="${PLANGATE_JAR:-$root/cli/target/plangate.jar}"
if [[ ! -f "$jar" ]]; then
  echo "try.sh: no plangate jar at $jar; build it with 'mvn -B -q package -DskipTests' or set PLANGATE_JAR" >&2
  exit 2
fi
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"   # the hook records this path

work="$(mktemp -d "${TMPDIR:-/tmp}/plangate-pre-push.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Only the scratch repository's own configuration; fixed dates make the commits reproducible.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_DATE="2025-11-20T10:00:00Z" GIT_COMMITTER_DATE="2025-11-20T10:00:00Z"
# The push runs with a bare environment: signals of the shell this script runs in (CLAUDECODE,
# AI_AGENT, TERM_PROGRAM, ...) would add to the story, which is about the commit.
clean_env=(env -i "PATH=$PATH" "HOME=${HOME:-$work}" "LANG=${LANG:-C.UTF-8}" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null)

git init -q --bare "$work/origin.git"
git init -q -b main "$work/infra"
cd "$work/infra"
git config user.name "Dana Reyes"
git config user.email "dana.reyes@example.com"
git remote add origin "$work/origin.git"

# A person writes the orders service and the policy that names the plan the hook checks.
cp "$orders/before/main.tf" main.tf
printf '%s\n' 'version: 1' 'plans:' '  - "plan.json"' > .plangate.yml
printf '%s\n' 'plan.json' '.terraform/' '*.tfstate*' > .gitignore
git add main.tf .plangate.yml .gitignore
git commit -q -m "Orders service: database, web and cache"
git push -q -u origin main

echo "$ java -jar plangate.jar hook install"
java -jar "$jar" hook install | sed "s|$work/infra/||"

# The agent "cleans up" the configuration and deletes the database block.
export GIT_AUTHOR_DATE="2025-11-20T10:30:00Z" GIT_COMMITTER_DATE="2025-11-20T10:30:00Z"
cp "$orders/after-destroy/main.tf" main.tf
git commit -q -a -m "Remove unused database" \
  -m "Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>"
# What `terraform plan -out=tfplan && terraform show -json tfplan > plan.json` writes for it.
cp "$orders/destroy-plan.json" plan.json

echo
echo "$ git push"
set +e
output="$("${clean_env[@]}" git push origin main 2>&1)"
status=$?
set -e
printf '%s\n' "$output" | sed "s|$work/||g"
echo

if [[ $status -eq 0 ]]; then
  echo "try.sh: the push went through; the hook did not refuse it"
  exit 0
elif grep -q "plangate refused the push" <<<"$output"; then
  echo "try.sh: git push exited $status: the pre-push hook refused the push"
  exit 1
else
  echo "try.sh: git push failed (exit $status), but not because plangate refused it" >&2
  exit 2
fi
