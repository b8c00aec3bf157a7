#!/usr/bin/env bash
# Prints the cache keys and the jar directory for action.yml (step outputs):
#   build-hash  the action's own sources: every pom.xml, every module's src/main, action.yml and
#               scripts/. The built jar is cached under it, so a given plangate is built once.
#   hash        the pom.xml files only: the Maven repository changes with the dependencies.
#   dir         where build.sh puts the jar and its class-data-sharing archive.
# hashFiles() cannot do this: it only sees $GITHUB_WORKSPACE, and the action is checked out
# elsewhere.
set -euo pipefail

root="$(cd -- "${GITHUB_ACTION_PATH:?}/.." && pwd -P)"

# sha256sum on Linux and Windows (Git Bash), shasum on macOS.
if command -v sha256sum >/dev/null 2>&1; then
  sha=(sha256sum)
else
  sha=(shasum -a 256)
fi

# Hashes the listed files (NUL-separated on stdin, paths relative to $root) as "hash  path"
# lines, sorted, so the order find returns and paths with spaces do not matter, and a renamed
# file changes the hash as much as an edited one.
hash_files() {
  local h
  h="$(cd -- "$root" && LC_ALL=C sort -z | xargs -0 -- "${sha[@]}" -- | "${sha[@]}")"
  printf '%s' "${h:0:16}"
}

poms() {
  (cd -- "$root" && find . -maxdepth 2 -name pom.xml -type f -print0)
}

# Everything that ends up in the jar or decides how it runs. Every module's src/main (not only
# the ones the jar contains today): a module the jar starts to depend on is covered already.
sources() {
  poms
  (cd -- "$root" && find . -mindepth 4 -path './*/src/main/*' -type f -print0)
  (cd -- "$root" && find ./github-action -maxdepth 1 -name action.yml -type f -print0)
  (cd -- "$root" && find ./github-action/scripts -type f -print0)
}

hash="$(poms | hash_files)"
build_hash="$(sources | hash_files)"
dir="${RUNNER_TEMP:?}/plangate-$build_hash"

{
  echo "hash=$hash"
  echo "build-hash=$build_hash"
  echo "dir=$dir"
} >> "${GITHUB_OUTPUT:?}"
