#!/usr/bin/env bash
# Regenerates destroy-plan.json and update-plan.json with the real terraform: apply before/,
# then plan after-destroy/ and after-update/ against that state. Uses only the builtin
# terraform_data resource, so it works offline (no provider download).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/plangate-orders.XXXXXX")"
trap 'rm -rf "$work"' EXIT

while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^TF_' || true)
: > "$work/empty.tfrc"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0 TF_CLI_CONFIG_FILE="$work/empty.tfrc"

mkdir "$work/before"
cp "$here/before/main.tf" "$work/before/"
(cd "$work/before" && terraform init -input=false -no-color >/dev/null \
  && terraform apply -auto-approve -input=false -no-color >/dev/null)

for variant in destroy update; do
  mkdir "$work/$variant"
  cp "$here/after-$variant/main.tf" "$work/before/terraform.tfstate" "$work/$variant/"
  (cd "$work/$variant" && terraform init -input=false -no-color >/dev/null \
    && terraform plan -input=false -no-color -out=plan.tfplan >/dev/null \
    && terraform show -json plan.tfplan > "$here/$variant-plan.json")
  echo "wrote $here/$variant-plan.json"
done
