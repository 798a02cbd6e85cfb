#!/usr/bin/env python3
"""Generate ecslint's JSON Schemas (draft 2020-12) from the pinned botocore ECS and ECR models.

Usage:
    python3 tools/gen_schemas.py              # download the pinned wheel, write schemas/
    python3 tools/gen_schemas.py --check      # regenerate in memory, fail if schemas/ differs
    python3 tools/gen_schemas.py --wheel PATH # use an already downloaded botocore wheel
    python3 tools/gen_schemas.py --model PATH # use a service-2.json(.gz) directly for the model
                                              # it contains (repeatable; the ECS or ECR model is
                                              # recognised from its metadata, the others are
                                              # still read from the wheel)

Standard library only (Python 3.11+). The Rust build never runs this script; the generated
files under schemas/ are committed. See tools/README.md.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

# Bump this (and only this) to move to newer ECS and ECR models, then re-run and review the diff.
BOTOCORE_VERSION = "1.44.5"

# The botocore service models the schemas are generated from, by the short name used in
# DOCUMENTS and as the top-level key of the overlay's "overlays" object. "service" and
# "apiVersion" are checked against the model's metadata, so that a model file is never used for
# the wrong documents.
MODELS: dict[str, dict[str, str]] = {
    "ecs": {
        "path": "botocore/data/ecs/2014-11-13/service-2.json.gz",
        "service": "ECS",
        "apiVersion": "2014-11-13",
    },
    "ecr": {
        "path": "botocore/data/ecr/2015-09-21/service-2.json.gz",
        "service": "ECR",
        "apiVersion": "2015-09-21",
    },
}
GENERATOR = "tools/gen_schemas.py"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OVERLAY = REPO_ROOT / "tools" / "schema-overlay.json"
DEFAULT_OUT_DIR = REPO_ROOT / "schemas"

# Output file name -> the model it is generated from (a key of MODELS) and its root shapes
# (everything reachable from them goes into $defs).
DOCUMENTS: dict[str, dict] = {
    "ecs-task-definition.schema.json": {
        "model": "ecs",
        "roots": [
            "RegisterTaskDefinitionRequest",
            "TaskDefinition",
            "ContainerDefinition",
            "DescribeTaskDefinitionResponse",
        ],
    },
    "ecs-service.schema.json": {
        "model": "ecs",
        "roots": [
            "CreateServiceRequest",
            "UpdateServiceRequest",
            "Service",
        ],
    },
    "ecs-cluster.schema.json": {
        "model": "ecs",
        "roots": [
            "CreateClusterRequest",
        ],
    },
    "ecr-repository.schema.json": {
        "model": "ecr",
        "roots": [
            "CreateRepositoryRequest",
            "PutLifecyclePolicyRequest",
            "GetLifecyclePolicyResponse",
        ],
    },
}

# Shape / member keys the converter knows about. Anything else on a reachable shape stops the
# run, so that a botocore bump introducing a new trait gets looked at instead of silently ignored.
KNOWN_SHAPE_KEYS = {
    "type", "members", "required", "member", "key", "value", "enum", "min", "max", "pattern",
    "documentation", "box", "sensitive", "union", "document", "exception", "fault", "error",
    "deprecated", "deprecatedMessage", "deprecatedSince",
}
KNOWN_MEMBER_KEYS = {
    "shape", "documentation", "box", "idempotencyToken",
    "deprecated", "deprecatedMessage", "deprecatedSince",
}

# Which JSON types an overlay keyword makes sense for (sanity check on the overlay).
KEYWORD_TYPES = {
    "minimum": {"integer", "number"},
    "maximum": {"integer", "number"},
    "minLength": {"string"},
    "maxLength": {"string"},
    "pattern": {"string"},
    "enum": {"string"},
    "minItems": {"array"},
    "maxItems": {"array"},
    "minProperties": {"object"},
    "maxProperties": {"object"},
    "required": {"object"},
}


class GenError(Exception):
    pass


def ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


# --------------------------------------------------------------------------- model loading


def download_wheel(version: str, dest: Path) -> Path:
    cmd = [
        sys.executable, "-m", "pip", "download", f"botocore=={version}",
        "--no-deps", "--only-binary=:all:", "--disable-pip-version-check", "-q", "-d", str(dest),
    ]
    print("running:", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    wheels = sorted(dest.glob(f"botocore-{version}-*.whl"))
    if len(wheels) != 1:
        raise GenError(f"expected one botocore {version} wheel in {dest}, found {wheels}")
    return wheels[0]


def read_from_wheel(wheel: Path, version: str, names: list[str]) -> dict[str, bytes]:
    """The raw (gzipped) service-2.json of each named model, read from the wheel."""
    expected_prefix = f"botocore-{version}-"
    if not wheel.name.startswith(expected_prefix):
        raise GenError(f"wheel {wheel.name} is not botocore {version} (bump BOTOCORE_VERSION?)")
    out = {}
    with zipfile.ZipFile(wheel) as zf:
        for name in names:
            path = MODELS[name]["path"]
            try:
                out[name] = zf.read(path)
            except KeyError:
                raise GenError(f"{path} not found in {wheel}") from None
    return out


def load_model(raw: bytes) -> dict:
    data = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    return json.loads(data)


def model_name_of(model: dict, where: str) -> str:
    """Which entry of MODELS a parsed service-2.json is, from its metadata."""
    meta = model.get("metadata", {}) if isinstance(model, dict) else {}
    for name, info in MODELS.items():
        if meta.get("serviceId") == info["service"]:
            if meta.get("apiVersion") != info["apiVersion"]:
                raise GenError(f"{where}: the {info['service']} model has apiVersion "
                               f"{meta.get('apiVersion')!r}, expected {info['apiVersion']!r}")
            return name
    raise GenError(f"{where}: not one of the models this script knows "
                   f"(serviceId {meta.get('serviceId')!r}, apiVersion {meta.get('apiVersion')!r}; "
                   f"expected one of {', '.join(i['service'] for i in MODELS.values())})")


# --------------------------------------------------------------------------- conversion


def reachable(shapes: dict, roots: list[str], extra_edges: dict[str, list[str]]) -> list[str]:
    """Shapes reachable from roots; extra_edges holds members added by the overlay."""
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        if name not in shapes:
            raise GenError(f"shape {name!r} not in model")
        seen.add(name)
        shape = shapes[name]
        for member in shape.get("members", {}).values():
            stack.append(member["shape"])
        for k in ("member", "key", "value"):
            if k in shape:
                stack.append(shape[k]["shape"])
        stack.extend(extra_edges.get(name, []))
    return sorted(seen)


def json_type_of(shape: dict) -> str | None:
    """JSON type a botocore shape maps to (None for document/timestamp)."""
    t = shape["type"]
    if t == "structure":
        return None if shape.get("document") else "object"
    return {
        "list": "array",
        "map": "object",
        "string": "string",
        "integer": "integer",
        "long": "integer",
        "double": "number",
        "float": "number",
        "boolean": "boolean",
    }.get(t)


def convert_shape(name: str, shape: dict, shapes: dict) -> dict:
    unknown = set(shape) - KNOWN_SHAPE_KEYS
    if unknown:
        raise GenError(f"shape {name}: unknown keys {sorted(unknown)}")
    t = shape["type"]
    out: dict
    if t == "structure":
        if shape.get("document"):
            out = {}
        else:
            props = {}
            for mname, member in shape.get("members", {}).items():
                unknown = set(member) - KNOWN_MEMBER_KEYS
                if unknown:
                    raise GenError(f"member {name}.{mname}: unknown keys {sorted(unknown)}")
                prop = ref(member["shape"])
                if member.get("deprecated"):
                    prop["deprecated"] = True
                props[mname] = prop
            out = {"type": "object", "properties": props, "additionalProperties": False}
            if shape.get("required"):
                out["required"] = list(shape["required"])
            if shape.get("union"):
                # Tagged union: exactly one member must be set (botocore checks this client-side).
                out["minProperties"] = 1
                out["maxProperties"] = 1
    elif t == "list":
        out = {"type": "array", "items": ref(shape["member"]["shape"])}
        if "min" in shape:
            out["minItems"] = shape["min"]
        if "max" in shape:
            out["maxItems"] = shape["max"]
    elif t == "map":
        out = {"type": "object", "additionalProperties": ref(shape["value"]["shape"])}
        key_shape = shapes[shape["key"]["shape"]]
        if any(k in key_shape for k in ("min", "max", "pattern", "enum")):
            out["propertyNames"] = ref(shape["key"]["shape"])
        if "min" in shape:
            out["minProperties"] = shape["min"]
        if "max" in shape:
            out["maxProperties"] = shape["max"]
    elif t == "string":
        out = {"type": "string"}
        if "enum" in shape:
            out["enum"] = list(shape["enum"])
        if "min" in shape:
            out["minLength"] = shape["min"]
        if "max" in shape:
            out["maxLength"] = shape["max"]
        if "pattern" in shape:
            # Model patterns are unanchored, and so is JSON Schema "pattern": copy verbatim.
            out["pattern"] = shape["pattern"]
    elif t in ("integer", "long"):
        out = {"type": "integer"}
        if "min" in shape:
            out["minimum"] = shape["min"]
        if "max" in shape:
            out["maximum"] = shape["max"]
    elif t in ("double", "float"):
        out = {"type": "number"}
        if "min" in shape:
            out["minimum"] = shape["min"]
        if "max" in shape:
            out["maximum"] = shape["max"]
    elif t == "boolean":
        out = {"type": "boolean"}
    elif t == "timestamp":
        # Epoch seconds on the wire; CLI v2 / console exports print ISO-8601 strings.
        out = {"anyOf": [{"type": "number"}, {"type": "string"}]}
    else:
        raise GenError(f"shape {name}: unsupported type {t!r}")
    if shape.get("deprecated"):
        out["deprecated"] = True
    return out


# --------------------------------------------------------------------------- overlay


def load_overlay(path: Path, models: dict[str, dict]) -> dict[str, dict]:
    """Read the overlay: {"overlays": {<model name>: {<Shape or Shape.member>: entry}}}.

    models maps each model name (a key of MODELS) to its shapes. Returns the entries per model.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    per_model = data.get("overlays")
    if not isinstance(per_model, dict):
        raise GenError(f"{path}: missing 'overlays' object")
    unknown = set(per_model) - set(MODELS)
    if unknown:
        raise GenError(f"{path}: 'overlays' is keyed by model ({', '.join(MODELS)}); "
                       f"unknown keys {sorted(unknown)}")
    out = {}
    for model_name in MODELS:
        entries = per_model.get(model_name, {})
        if not isinstance(entries, dict):
            raise GenError(f"{path}: overlays.{model_name} must be an object")
        check_overlay_entries(f"{path.name}: {model_name}", entries, models[model_name])
        out[model_name] = entries
    return out


def check_overlay_entries(prefix: str, entries: dict, shapes: dict) -> None:
    for key, entry in entries.items():
        where = f"{prefix}: {key}"
        if not isinstance(entry.get("why"), str) or not entry["why"].strip():
            raise GenError(f"{where}: every entry needs a non-empty 'why'")
        ops = {"add", "replace", "override", "expect", "addMember"} & set(entry)
        if not ops:
            raise GenError(f"{where}: needs one of add / replace / override / expect / addMember")
        extra = set(entry) - {"why", "add", "replace", "override", "expect", "addMember"}
        if extra:
            raise GenError(f"{where}: unknown keys {sorted(extra)}")
        if "add" in entry and "replace" in entry:
            raise GenError(f"{where}: 'add' and 'replace' are exclusive")
        shape_name, _, member = key.partition(".")
        if shape_name not in shapes:
            raise GenError(f"{where}: shape {shape_name!r} is not in the model")
        shape = shapes[shape_name]
        if "addMember" in entry:
            new_shape = entry["addMember"]
            if not member or shape["type"] != "structure":
                raise GenError(f"{where}: 'addMember' needs a Structure.member key")
            if member in shape.get("members", {}):
                raise GenError(f"{where}: the model now has {shape_name}.{member}; "
                               "drop 'addMember' from this entry")
            if new_shape not in shapes:
                raise GenError(f"{where}: shape {new_shape!r} is not in the model")
            if set(entry) - {"why", "addMember", "expect"}:
                raise GenError(f"{where}: 'addMember' combines only with 'expect'")
            continue
        if member:
            if member not in shape.get("members", {}):
                raise GenError(f"{where}: {shape_name} has no member {member!r}")
            target = shapes[shape["members"][member]["shape"]]
        else:
            target = shape
            if "replace" in entry:
                raise GenError(f"{where}: 'replace' is only for members")
        if "override" in entry:
            if member:
                raise GenError(f"{where}: 'override' is only for whole shapes "
                               "(use 'add' or 'replace' on a member)")
            for kw in entry["override"]:
                if kw == "required":
                    raise GenError(f"{where}: 'override' cannot change 'required'")
                if kw in entry.get("add", {}):
                    raise GenError(f"{where}: {kw!r} is in both 'add' and 'override'")
                if kw not in entry.get("expect", {}):
                    raise GenError(f"{where}: 'override' of {kw!r} needs an 'expect' giving the "
                                   "model value it replaces")
        jtype = json_type_of(target)
        for kw in list(entry.get("add", {})) + list(entry.get("override", {})):
            allowed = KEYWORD_TYPES.get(kw)
            if allowed is not None and jtype not in allowed:
                raise GenError(f"{where}: keyword {kw!r} does not fit a shape of JSON type {jtype}")
            if kw == "required":
                if member:
                    raise GenError(f"{where}: 'required' goes on the structure, not a member")
                missing = set(entry["add"]["required"]) - set(target.get("members", {}))
                if missing:
                    raise GenError(f"{where}: required names unknown members {sorted(missing)}")


def apply_overlay(defs: dict, entries: dict, shapes: dict, used: set[str]) -> None:
    # Pass 1: every 'expect' is checked against the plain translation of the model, before any
    # entry changes a def, so that the order of entries does not matter.
    for key in sorted(entries):
        entry = entries[key]
        shape_name, _, member = key.partition(".")
        if shape_name not in defs:
            continue  # not part of this document
        used.add(key)
        if "addMember" in entry:
            target_name = entry["addMember"]
        elif member:
            target_name = shapes[shape_name]["members"][member]["shape"]
        else:
            target_name = shape_name
        model_schema = defs[target_name]
        for kw, want in entry.get("expect", {}).items():
            have = model_schema.get(kw)
            if have != want:
                raise GenError(
                    f"overlay {key}: expected the model to give {kw}={want!r} on {target_name}, "
                    f"found {have!r}; the model changed, review the overlay"
                )

    # Pass 2: add / replace / override / addMember.
    for key in sorted(entries):
        entry = entries[key]
        shape_name, _, member = key.partition(".")
        if shape_name not in defs:
            continue
        if "addMember" in entry:
            defs[shape_name]["properties"][member] = ref(entry["addMember"])
            continue
        if member:
            target_name = shapes[shape_name]["members"][member]["shape"]
            model_schema = defs[target_name]
            prop = defs[shape_name]["properties"][member]
            if "replace" in entry:
                new = copy.deepcopy(entry["replace"])
                if prop.get("deprecated"):
                    new["deprecated"] = True
                defs[shape_name]["properties"][member] = new
            for kw, val in entry.get("add", {}).items():
                if kw in model_schema and model_schema[kw] != val:
                    print(f"note: overlay {key}: {kw}={val!r} and model {target_name} "
                          f"{kw}={model_schema[kw]!r} both apply", file=sys.stderr)
                elif kw in model_schema:
                    print(f"note: overlay {key}: {kw}={val!r} is already in the model",
                          file=sys.stderr)
                prop[kw] = copy.deepcopy(val)
        else:
            schema = defs[shape_name]
            for kw, val in entry.get("add", {}).items():
                if kw == "required":
                    req = list(schema.get("required", []))
                    for n in val:
                        if n in req:
                            print(f"note: overlay {key}: {n!r} is already required in the model",
                                  file=sys.stderr)
                        else:
                            req.append(n)
                    schema["required"] = req
                elif kw in schema and schema[kw] != val:
                    raise GenError(
                        f"overlay {key}: {kw}={val!r} conflicts with model value {schema[kw]!r}"
                    )
                else:
                    schema[kw] = copy.deepcopy(val)
            for kw, val in entry.get("override", {}).items():
                schema[kw] = copy.deepcopy(val)


# --------------------------------------------------------------------------- documents


def build_document(shapes: dict, roots: list[str], entries: dict, used: set[str],
                   source: dict, title: str, service: str) -> dict:
    extra_edges: dict[str, list[str]] = {}
    for key, entry in entries.items():
        if "addMember" in entry:
            extra_edges.setdefault(key.partition(".")[0], []).append(entry["addMember"])
    names = reachable(shapes, roots, extra_edges)
    defs = {n: convert_shape(n, shapes[n], shapes) for n in names}
    apply_overlay(defs, entries, shapes, used)
    return {
        "$schema": SCHEMA_DIALECT,
        "$comment": (
            f"{title}. Generated by {GENERATOR} from the botocore {service} model plus "
            "tools/schema-overlay.json; do not edit by hand. There is no root schema: validate "
            "against {\"$ref\": \"#/$defs/<ShapeName>\"} with this document as the base, "
            "using one of the root shapes " + ", ".join(roots) + "."
        ),
        "x-ecslint-source": source,
        "$defs": defs,
    }


def render(doc: dict) -> str:
    return json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, action="append", default=[],
                    help="service-2.json(.gz) to use instead of the one in the wheel; the model "
                         "(ECS or ECR) is recognised from its metadata; repeat for both")
    ap.add_argument("--wheel", type=Path,
                    help=f"an already downloaded botocore-{BOTOCORE_VERSION} wheel "
                         "(for the models not given with --model)")
    ap.add_argument("--overlay", type=Path, default=DEFAULT_OVERLAY)
    ap.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the files in --out-dir differ")
    args = ap.parse_args(argv)

    try:
        raws: dict[str, bytes] = {}
        parsed: dict[str, dict] = {}
        for path in args.model:
            raw = path.read_bytes()
            model = load_model(raw)
            name = model_name_of(model, str(path))
            if name in raws:
                raise GenError(f"--model given twice for the {MODELS[name]['service']} model")
            if raw[:2] != b"\x1f\x8b":
                print(f"warning: --model {path} is not gzipped; the recorded sha256 is of the "
                      f"plain JSON, not of {MODELS[name]['path']}", file=sys.stderr)
            raws[name], parsed[name] = raw, model
        missing = [name for name in MODELS if name not in raws]
        if missing and args.wheel:
            raws.update(read_from_wheel(args.wheel, BOTOCORE_VERSION, missing))
        elif missing:
            with tempfile.TemporaryDirectory(prefix="ecslint-botocore-") as tmp:
                wheel = download_wheel(BOTOCORE_VERSION, Path(tmp))
                raws.update(read_from_wheel(wheel, BOTOCORE_VERSION, missing))
        for name in missing:
            model = load_model(raws[name])
            if model_name_of(model, MODELS[name]["path"]) != name:
                raise GenError(f"{MODELS[name]['path']} is not the {name} model")
            parsed[name] = model

        shapes = {name: parsed[name]["shapes"] for name in MODELS}
        entries = load_overlay(args.overlay, shapes)
        sources = {}
        for name, info in MODELS.items():
            sha = hashlib.sha256(raws[name]).hexdigest()
            sources[name] = {
                "package": "botocore",
                "version": BOTOCORE_VERSION,
                "model": info["path"],
                "sha256": sha,
                "generator": GENERATOR,
            }
            print(f"botocore {BOTOCORE_VERSION}, {info['path']} sha256 {sha}", file=sys.stderr)

        used: dict[str, set[str]] = {name: set() for name in MODELS}
        rendered = {}
        for fname, doc in DOCUMENTS.items():
            name = doc["model"]
            service = MODELS[name]["service"]
            title = f"Amazon {service} " + fname.removesuffix(".schema.json") \
                .removeprefix(f"{name}-").replace("-", " ") + " shapes"
            rendered[fname] = render(build_document(
                shapes[name], doc["roots"], entries[name], used[name], sources[name], title,
                service))
        unused = sorted(f"{name}: {key}" for name in MODELS
                        for key in set(entries[name]) - used[name])
        if unused:
            raise GenError(f"overlay entries that apply to no generated document: {unused}")
    except (GenError, subprocess.CalledProcessError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    stale = []
    for fname, text in rendered.items():
        path = args.out_dir / fname
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current != text:
                stale.append(str(path))
        else:
            args.out_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {path} ({len(text.encode())} bytes)", file=sys.stderr)
    if stale:
        print("out of date (re-run python3 tools/gen_schemas.py): " + ", ".join(stale),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
