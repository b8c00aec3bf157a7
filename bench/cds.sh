# Sourced by the bench scripts (from the repository root): makes a class-data-sharing archive the
# way bin/plangate makes one on a first start, but waits for it, so that timed runs are runs of a
# machine where plangate has run before.
prepare_archive() { # jar, archive; fails when the jar cannot make one
  local jar="$1" jsa="$2" i
  rm -f "$jsa" "$jsa.failed"
  PLANGATE_CDS= PLANGATE_JAR="$jar" PLANGATE_CDS_ARCHIVE="$jsa" bin/plangate --version > /dev/null
  for ((i = 0; i < 600; i++)); do
    if [[ -f "$jsa" && ! -e "$jsa.lock" ]]; then return 0; fi
    [[ -e "$jsa.failed" ]] && break
    [[ $i -gt 50 && ! -e "$jsa.lock" ]] && break # the training run ended without an archive
    sleep 0.1
  done
  return 1
}
