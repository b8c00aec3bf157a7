#!/bin/sh
# Shim overhead outside an agent session: `terraform version` run N times (default 200) directly
# and through the plangate shim (.plangate/shims/terraform, PLANGATE_AGENT_SESSION unset), each
# run timed on its own; prints the medians and the difference. Needs terraform and python3.
#
#   bench/shim-bench.sh [RUNS]
set -eu
runs=${1:-200}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v terraform >/dev/null || { echo "shim-bench: no terraform on PATH" >&2; exit 2; }
command -v python3 >/dev/null || { echo "shim-bench: no python3 on PATH" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/shims"
cp "$root/bin/plangate-shim" "$work/shims/terraform"
chmod +x "$work/shims/terraform"
unset PLANGATE_AGENT_SESSION || true
export CHECKPOINT_DISABLE=1 # no update check: it would measure the network
python3 - "$runs" "$work/shims" <<'PY'
import os, statistics, subprocess, sys, time
runs, shims = int(sys.argv[1]), sys.argv[2]
direct_env = dict(os.environ)
shim_env = dict(os.environ, PATH=shims + os.pathsep + os.environ["PATH"])
def once(env):
    t = time.perf_counter_ns()
    subprocess.run(["sh", "-c", "terraform version"], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter_ns() - t) / 1e6
for _ in range(10):  # warm-up
    once(direct_env); once(shim_env)
direct, shim = [], []
for _ in range(runs):  # interleaved, so both see the same machine load
    direct.append(once(direct_env))
    shim.append(once(shim_env))
d, s = statistics.median(direct), statistics.median(shim)
print(f"terraform version x{runs}: direct median {d:.2f} ms, through the shim {s:.2f} ms,"
      f" overhead {s - d:+.2f} ms ({(s - d) / d * 100:+.1f} %)")
PY
