#!/usr/bin/env bash
# Makes sure plangate's jar exists in the action's own checkout, building it with Maven when it
# does not (a tagged or SHA-pinned checkout of the action has sources only), and hands its path
# to the next step through this step's output `jar`.
set -euo pipefail

# action.yml lives in github-action/, so the repository root is one level up. -P resolves
# symlinks so the path given to the next step is the real one.
root="$(cd -- "${GITHUB_ACTION_PATH:?}/.." && pwd -P)"
jar="$root/cli/target/plangate.jar"

if [ -f "$jar" ]; then
  echo "plangate: using the existing $jar"
else
  if ! command -v mvn >/dev/null 2>&1; then
    echo "::error title=plangate::Maven (mvn) is not on PATH, and the action needs it to build plangate. Use a runner image with Maven (GitHub's ubuntu, macos and windows images have it) or install it before this step."
    exit 1
  fi
  echo "plangate: building $jar"
  # -pl cli -am: only the cli and the modules it needs. Tests are skipped here; they ran in
  # plangate's own CI before the commit this action is pinned to.
  if ! mvn -B -q -f "$root/pom.xml" -pl cli -am package -DskipTests; then
    echo "::error title=plangate::Building plangate with Maven failed (see the log above)."
    exit 1
  fi
  if [ ! -f "$jar" ]; then
    echo "::error title=plangate::Maven finished but $jar was not produced."
    exit 1
  fi
fi

# A path with a line break would end the k=v line early; the runner never makes one.
case "$jar" in
  *$'\n'*|*$'\r'*)
    echo "::error title=plangate::The action's path contains a line break."
    exit 1
    ;;
esac
echo "jar=$jar" >> "${GITHUB_OUTPUT:?}"
