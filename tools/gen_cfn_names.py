#!/usr/bin/env python3
"""Generate schemas/cloudformation-names.json: how CloudFormation spells the API's fields.

For each CloudFormation resource type ecslint reads, walk AWS's CloudFormation resource
provider schema (as cfn-lint ships it under cfnlint/data/schemas/) side by side with ecslint's
own API schemas (schemas/*.schema.json, generated from botocore by gen_schemas.py) and record,
for every CloudFormation property:

    "api":  the API field it is (matched case-insensitively at the same level, plus the few
            renames in RENAMES), or null when the API has no such field (CloudFormation-only:
            `TaskDefinitionArn`, `ForceNewDeployment`, `LifecyclePolicy`, ...)
    "t":    the API's type there: string, integer, number, boolean, object, array, map
            (an object whose keys are the user's: `Options`, `DockerLabels`), any
    "p":    for objects, the properties by CloudFormation name
    "i":    for arrays, the item
    "v":    for maps, the API's type of the values

ecslint's CloudFormation front end renames keys and coerces scalars by this table only.

Usage:
    python3 tools/gen_cfn_names.py               # download the pinned cfn-lint wheel, write the file
    python3 tools/gen_cfn_names.py --check       # exit 1 if the committed file is out of date
    python3 tools/gen_cfn_names.py --wheel PATH  # use an already downloaded cfn-lint wheel

Standard library only. The Rust build never runs this script.
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

CFN_LINT_VERSION = "1.51.0"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "schemas" / "cloudformation-names.json"

# CloudFormation type -> (API schema file, root definition).
RESOURCES = {
    "AWS::ECS::TaskDefinition": ("ecs-task-definition.schema.json", "RegisterTaskDefinitionRequest"),
    "AWS::ECS::Service": ("ecs-service.schema.json", "CreateServiceRequest"),
    "AWS::ECS::Cluster": ("ecs-cluster.schema.json", "CreateClusterRequest"),
    "AWS::ECR::Repository": ("ecr-repository.schema.json", "CreateRepositoryRequest"),
}

# Properties whose CloudFormation name is not the API's in another case (measured: these are
# the only ones; everything else matches case-insensitively at its level).
RENAMES = {
    "ProxyConfigurationProperties": "properties",
    "PlacementStrategies": "placementStrategy",
    "ClusterSettings": "settings",
    "ImageTagMutabilityExclusionFilterType": "filterType",
    "ImageTagMutabilityExclusionFilterValue": "filter",
}


def wheel_path(given: str | None, tmp: Path) -> Path:
    if given:
        return Path(given)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(tmp),
         f"cfn-lint=={CFN_LINT_VERSION}"],
        check=True,
    )
    return next(tmp.glob("cfn_lint-*.whl"))


def cfn_schemas(wheel: Path) -> dict[str, dict]:
    with zipfile.ZipFile(wheel) as z:
        providers = z.read("cfnlint/data/schemas/providers/us_east_1.py").decode()
        start = providers.index("{")
        table = ast.literal_eval(providers[start:providers.rindex("}") + 1])
        out = {}
        for rtype in RESOURCES:
            out[rtype] = json.loads(z.read(f"cfnlint/data/schemas/resources/{table[rtype]}.json"))
        return out


class Api:
    def __init__(self, path: Path):
        self.defs = json.loads(path.read_text())["$defs"]

    def resolve(self, s: dict) -> dict:
        seen = 0
        while "$ref" in s and seen < 50:
            extra = {k: v for k, v in s.items() if k != "$ref"}
            s = dict(self.defs[s["$ref"].rsplit("/", 1)[1]], **extra)
            seen += 1
        return s

    def kind(self, s: dict) -> str:
        s = self.resolve(s)
        t = s.get("type")
        if isinstance(t, list):
            # ["string", "integer"] (task cpu/memory): the API's own type is the first.
            t = t[0]
        if t == "object":
            return "object" if "properties" in s else "map"
        return t or "any"


class Cfn:
    def __init__(self, schema: dict):
        self.defs = schema.get("definitions", {})

    def resolve(self, s: dict) -> dict:
        while "$ref" in s:
            s = self.defs[s["$ref"].rsplit("/", 1)[1]]
        return s


def walk(cfn: Cfn, c: dict, api: Api, a: dict | None, depth: int = 0) -> dict:
    """The table node for CloudFormation schema `c` against API schema `a` (None: CFN-only)."""
    c = cfn.resolve(c)
    node: dict = {}
    if a is None:
        return node
    kind = api.kind(a)
    node["t"] = kind
    a = api.resolve(a)
    if depth > 30:
        return node
    if kind == "object":
        api_props = a.get("properties", {})
        lower = {k.lower(): k for k in api_props}
        props = {}
        for name, sub in sorted(c.get("properties", {}).items()):
            target = RENAMES.get(name) or lower.get(name.lower())
            if target not in api_props:
                target = None
            child = walk(cfn, sub, api, api_props.get(target) if target else None, depth + 1)
            child["api"] = target
            props[name] = dict(sorted(child.items()))
        node["p"] = props
    elif kind == "map":
        value = a.get("additionalProperties")
        if isinstance(value, dict):
            node["v"] = api.kind(value)
    elif kind == "array":
        item_c = c.get("items", {})
        node["i"] = walk(cfn, item_c, api, a.get("items", {}), depth + 1)
    return dict(sorted(node.items()))


def generate(wheel: Path) -> str:
    schemas = cfn_schemas(wheel)
    out = {
        "source": f"cfn-lint {CFN_LINT_VERSION} resource provider schemas (us-east-1), "
                  "walked against schemas/*.schema.json by tools/gen_cfn_names.py",
        "resources": {},
    }
    for rtype, (file, root) in RESOURCES.items():
        s = schemas[rtype]
        api = Api(ROOT / "schemas" / file)
        table = walk(Cfn(s), {"type": "object", "properties": s["properties"]}, api,
                     {"$ref": f"#/$defs/{root}"})
        table["root"] = root
        out["resources"][rtype] = table
    return json.dumps(out, indent=1, sort_keys=False) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--wheel")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        text = generate(wheel_path(args.wheel, Path(tmp)))
    if args.check:
        if OUT.read_text() != text:
            print(f"{OUT} is out of date: run tools/gen_cfn_names.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
