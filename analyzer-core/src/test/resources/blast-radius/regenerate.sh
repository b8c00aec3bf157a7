#!/usr/bin/env bash
# regenerate.sh - rewrites the committed plans of the blast-radius regression cases (issue 18).
#
# For each scenario under ../terraform-scenarios/blast-*: applies before/ with the real terraform
# (builtin terraform_data only, local state, nothing downloaded), swaps in after/, plans, and
# writes `terraform show -json` of the plan to <scenario>.plan.json next to this script.
# BlastRadiusRegressionTest reads these files, so the cases run where terraform is absent; where
# it is present the same test also plans each scenario afresh.
#
# Usage: analyzer-core/src/test/resources/blast-radius/regenerate.sh   (terraform 1.11 on PATH)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCENARIOS="$HERE/../terraform-scenarios"
command -v terraform >/dev/null || { echo "regenerate: terraform not on PATH" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0 TF_CLI_CONFIG_FILE=/dev/null
for src in "$SCENARIOS"/blast-*/; do
  name="$(basename "$src")"
  dir="$WORK/$name"
  cp -r "$src/before" "$dir"
  (cd "$dir" && terraform init -input=false -no-color >/dev/null \
    && terraform apply -auto-approve -input=false -no-color >/dev/null)
  find "$dir" -path "$dir/.terraform" -prune -o -name '*.tf' -print | xargs rm -f
  cp -r "$src/after/." "$dir/"
  (cd "$dir" && terraform init -input=false -no-color >/dev/null \
    && terraform plan -input=false -no-color -out=plan.tfplan >/dev/null \
    && terraform show -json plan.tfplan > "$HERE/$name.plan.json")
  echo "regenerate: wrote $name.plan.json"
done
