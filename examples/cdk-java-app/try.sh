#!/usr/bin/env bash
# Replays the CDK story in a scratch repository and runs `mvn verify` there, with
# plangate-maven-plugin bound to verify on cdk.out.
#
# A person commits the orders stack and its synthesized cdk.out (before/) and pushes it to a local
# bare origin. On a branch that tracks origin/main, a commit co-authored by Claude Code changes the
# table's partition key and cdk.out with it (after/). DynamoDB cannot change a key in place, so
# deploying would replace the table and delete every order: the build fails.
#
# Needs the plugin in the local Maven repository: run `mvn -B -q install -DskipTests` at the
# repository root first. MAVEN_ARGS is passed to mvn (tests use it for settings and a local
# repository). Works offline once the plugin is installed; never reads or writes your git config.
#
# Exit status: mvn's (1 when the gate failed the build, the expected outcome).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/plangate-cdk.XXXXXX")"
trap 'rm -rf "$work"' EXIT

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_DATE="2025-11-20T10:00:00Z" GIT_COMMITTER_DATE="2025-11-20T10:00:00Z"

git init -q --bare "$work/origin.git"
git init -q -b main "$work/orders-infra"
cd "$work/orders-infra"
git config user.name "Dana Reyes"
git config user.email "dana.reyes@example.com"
git remote add origin "$work/origin.git"

# The person's version: the app, its stack and what `cdk synth` wrote from it.
cp "$here/pom.xml" "$here/cdk.json" .
cp -R "$here/src" .
cp -R "$here/before/." .
printf '%s\n' 'target/' > .gitignore
git add -A
git commit -q -m "Orders stack: table, handler, alarm"
git push -q -u origin main

# The agent's branch: "use the customer as the key, so orders can be listed per customer".
git checkout -q -b feature/orders-by-customer --track origin/main
export GIT_AUTHOR_DATE="2025-11-20T10:30:00Z" GIT_COMMITTER_DATE="2025-11-20T10:30:00Z"
rm -rf cdk.out
cp -R "$here/after/." .
git add -A
git commit -q -m "Key orders by customer" \
  -m "Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>"

echo "$ mvn -B verify"
# The build runs with a bare environment: signals of the shell this script runs in (CLAUDECODE,
# AI_AGENT, ...) would add to the story, which is about the commit.
# shellcheck disable=SC2086 # MAVEN_ARGS is a list of arguments, as Maven 3.9 reads it too
env -i "PATH=$PATH" "HOME=${HOME:-$work}" "LANG=${LANG:-C.UTF-8}" ${JAVA_HOME:+"JAVA_HOME=$JAVA_HOME"} \
  GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null \
  mvn -B ${MAVEN_ARGS:-} verify
