#!/usr/bin/env bash
# Makes sure plangate's jar is in $PLANGATE_CACHE_DIR (restored there by actions/cache when this
# plangate was built before; otherwise taken from the action's checkout, or built with Maven when
# the checkout has sources only), gives it a class-data-sharing archive, and hands both paths to
# the next step through this step's outputs `jar` and `jsa`.
set -euo pipefail

# action.yml lives in github-action/, so the repository root is one level up. -P resolves
# symlinks so the path given to the next step is the real one.
root="$(cd -- "${GITHUB_ACTION_PATH:?}/.." && pwd -P)"
dir="${PLANGATE_CACHE_DIR:?}"
mkdir -p -- "$dir"
dir="$(cd -- "$dir" && pwd -P)"
jar="$dir/plangate.jar"
jsa="$dir/plangate.jsa"

# A path with a line break would end the k=v line early; the runner never makes one.
case "$root$dir" in
  *$'\n'*|*$'\r'*)
    echo "::error title=plangate::The action's path contains a line break."
    exit 1
    ;;
esac

if [ -f "$jar" ]; then
  echo "plangate: using the cached $jar (built before for these sources; Maven not run)"
else
  built="$root/cli/target/plangate.jar"
  if [ -f "$built" ]; then
    echo "plangate: using the existing $built"
  else
    if ! command -v mvn >/dev/null 2>&1; then
      echo "::error title=plangate::Maven (mvn) is not on PATH, and the action needs it to build plangate. Use a runner image with Maven (GitHub's ubuntu, macos and windows images have it) or install it before this step."
      exit 1
    fi
    echo "plangate: building $built"
    # -pl cli -am: only the cli and the modules it needs. Tests are skipped here; they ran in
    # plangate's own CI before the commit this action is pinned to.
    if ! mvn -B -q -f "$root/pom.xml" -pl cli -am package -DskipTests; then
      echo "::error title=plangate::Building plangate with Maven failed (see the log above)."
      exit 1
    fi
    if [ ! -f "$built" ]; then
      echo "::error title=plangate::Maven finished but $built was not produced."
      exit 1
    fi
  fi
  # Copied then renamed: a half-written jar is never taken for a built one.
  cp -- "$built" "$jar.tmp"
  mv -f -- "$jar.tmp" "$jar"
fi

# Class-data sharing (AppCDS): the classes a `check` loads, parsed and verified once and mapped
# from the archive on every later start. The archive is only valid for the JVM that wrote it and
# the jar at this path, so a stamp of both decides whether to (re)create it. Creating it runs
# `plangate cds-training` once (a check of a small plan bundled in the jar, and the agent hook,
# all inside a temporary directory); if that fails, the gate runs without an archive.
stamp="$(java -version 2>&1 | tr -d '\r' | tr '\n' ' ')| $jar | $(wc -c < "$jar" | tr -d ' ')"
if [ ! -f "$jsa" ] || [ ! -f "$jsa.stamp" ] || [ "$(cat -- "$jsa.stamp")" != "$stamp" ]; then
  rm -f -- "$jsa" "$jsa.stamp"
  training="$(mktemp -d)"
  status=0
  # The training run never talks to an API and starts no other program. A static archive of
  # the classes it loaded (-Xshare:dump), not a dynamic one: Java 17 leaves picocli's classes
  # (class-file version 49) out of a dynamic archive (bin/plangate says more).
  (cd -- "$training" && java -XX:DumpLoadedClassList="$training/classes" -jar "$jar" \
    cds-training && java -Xshare:dump -XX:SharedClassListFile="$training/classes" \
    -XX:SharedArchiveFile="$jsa" -cp "$jar") > "$training/log" 2>&1 || status=$?
  if [ -f "$jsa" ] && [ "$status" -eq 0 ]; then
    printf '%s' "$stamp" > "$jsa.stamp"
    echo "plangate: class-data-sharing archive created: $jsa"
  else
    rm -f -- "$jsa"
    echo "::warning title=plangate::Could not create the class-data-sharing archive (exit $status); plangate runs without it, a little slower to start."
    cat -- "$training/log" || true
  fi
  rm -rf -- "$training"
else
  echo "plangate: using the class-data-sharing archive $jsa"
fi

echo "jar=$jar" >> "${GITHUB_OUTPUT:?}"
if [ -f "$jsa" ]; then
  echo "jsa=$jsa" >> "$GITHUB_OUTPUT"
else
  echo "jsa=" >> "$GITHUB_OUTPUT"
fi
