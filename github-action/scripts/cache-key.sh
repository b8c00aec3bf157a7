#!/usr/bin/env bash
# Prints the cache key part for ~/.m2/repository: a hash of the action's own pom.xml files, so
# the Maven cache changes exactly when plangate's dependencies do. hashFiles() cannot do this:
# it only sees $GITHUB_WORKSPACE, and the action is checked out elsewhere.
set -euo pipefail

root="$(cd -- "${GITHUB_ACTION_PATH:?}/.." && pwd -P)"

# sha256sum on Linux and Windows (Git Bash), shasum on macOS.
if command -v sha256sum >/dev/null 2>&1; then
  sha=(sha256sum)
else
  sha=(shasum -a 256)
fi

# The root pom and each module's; NUL-separated and sorted so paths with spaces and the
# order find happens to return do not matter.
hash="$(find "$root" -maxdepth 2 -name pom.xml -type f -print0 \
  | LC_ALL=C sort -z \
  | xargs -0 cat -- \
  | "${sha[@]}")"
hash="${hash%% *}"

echo "hash=${hash:0:16}" >> "${GITHUB_OUTPUT:?}"
