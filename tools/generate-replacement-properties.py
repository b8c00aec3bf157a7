#!/usr/bin/env python3
"""Generates analyzer-core/src/main/resources/dev/plangate/core/cloudformation/replacement-properties.json.

The facts come from the AWS CDK service spec (@aws-cdk/aws-service-spec, the table
@aws-cdk/cloudformation-diff uses), exported to two TSV files in the shared corpus:

  spec/replacement-properties.tsv  resource_type, property, causes_replacement (yes|maybe), resource_is_stateful
  spec/resource-types.tsv          resource_type, is_stateful, primary_identifier, attributes
  spec/MANIFEST.tsv                names the package version the TSVs were exported from

Usage (from the repository root):
  python3 tools/generate-replacement-properties.py ../shared/corpus/cloudformation/spec \
      > analyzer-core/src/main/resources/dev/plangate/core/cloudformation/replacement-properties.json

The output is deterministic (sorted keys), so regenerating from the same TSVs changes nothing.
"""
import csv
import json
import re
import sys
from pathlib import Path


def read_tsv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def spec_version(manifest_rows):
    for row in manifest_rows:
        if row["file"] == "replacement-properties.tsv":
            found = re.search(r"@aws-cdk/aws-service-spec@([0-9][^\s,)]*)", row["repo"])
            if found:
                return "@aws-cdk/aws-service-spec@" + found.group(1)
            return row["repo"]
    raise SystemExit("MANIFEST.tsv has no row for replacement-properties.tsv")


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    spec = Path(sys.argv[1])
    version = spec_version(read_tsv(spec / "MANIFEST.tsv"))
    types = {}
    for row in read_tsv(spec / "resource-types.tsv"):
        types[row["resource_type"]] = {"stateful": row["is_stateful"] == "true", "replace": {}}
    for row in read_tsv(spec / "replacement-properties.tsv"):
        impact = row["causes_replacement"]
        if impact not in ("yes", "maybe"):
            raise SystemExit("unexpected causes_replacement %r for %s.%s"
                             % (impact, row["resource_type"], row["property"]))
        entry = types.setdefault(row["resource_type"], {
            "stateful": row["resource_is_stateful"] == "true", "replace": {}})
        entry["replace"][row["property"]] = impact
    document = {
        "source": version + " (cdklabs/awscdk-service-spec), exported to"
                  " shared/corpus/cloudformation/spec/replacement-properties.tsv and resource-types.tsv",
        "generatedBy": "tools/generate-replacement-properties.py",
        "meaning": "per resource type: stateful (the type holds data), and replace: top-level properties"
                   " whose change replaces the resource (yes: CFN UpdateType Immutable) or may replace it"
                   " (maybe: UpdateType Conditional); properties not listed update in place",
        "types": dict(sorted(types.items())),
    }
    # One type per line: small, and a regenerated file diffs line by line.
    out = sys.stdout
    out.write("{\n")
    for key in ("source", "generatedBy", "meaning"):
        out.write(" %s: %s,\n" % (json.dumps(key), json.dumps(document[key])))
    out.write(' "types": {\n')
    items = list(document["types"].items())
    for i, (name, entry) in enumerate(items):
        out.write("  %s: %s%s\n" % (json.dumps(name), json.dumps(entry, separators=(",", ":")),
                                     "," if i < len(items) - 1 else ""))
    out.write(" }\n}\n")


if __name__ == "__main__":
    main()
