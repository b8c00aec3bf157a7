#!/usr/bin/env bash
# Regenerates plan.json with the real terraform: apply before/, swap in after/, plan, show -json.
# Uses only the builtin terraform_data resource, so it works offline (no provider download).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/plangate-db-replace.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# No checkpoint calls, no prompts, no user CLI config.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^TF_' || true)
: > "$work/empty.tfrc"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0 TF_CLI_CONFIG_FILE="$work/empty.tfrc"

mkdir "$work/config"
cd "$work/config"
cp "$here/before/main.tf" .
terraform init -input=false -no-color >/dev/null
terraform apply -auto-approve -input=false -no-color >/dev/null

cp "$here/after/main.tf" main.tf
terraform plan -input=false -no-color -out=plan.tfplan >/dev/null
terraform show -json plan.tfplan > "$here/plan.json"

if grep -qF "$work" "$here/plan.json"; then
  echo "warning: plan.json contains the temp dir path $work" >&2
fi
echo "wrote $here/plan.json ($(jq '[.resource_changes[] | select(.change.actions | index("delete"))] | length' "$here/plan.json" 2>/dev/null || echo '?') replacements)"
