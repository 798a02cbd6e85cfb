#!/usr/bin/env bash
# Run the release binary over the real-world corpus (../shared/corpus/ from the repository
# root), one run per subdirectory, and print what it found. Exits non-zero on a crash (exit code
# other than 0/1/2, "panicked" on stderr, or an internal error ECS009) or a hang (timeout).
#
#   tools/corpus.sh                    # build --release, then run
#   ECSLINT_BIN=path/to/ecslint tools/corpus.sh     # use this binary, do not build
#   ECSLINT_CORPUS=dir CORPUS_TIMEOUT=120 CORPUS_FILE_TIMEOUT=20 tools/corpus.sh
#   tools/corpus.sh --json-dir out/    # also keep each subdirectory's JSON output in out/
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

corpus=${ECSLINT_CORPUS:-../shared/corpus}
limit=${CORPUS_TIMEOUT:-120}
keep=""
if [ "${1:-}" = "--json-dir" ]; then
  keep=${2:?--json-dir needs a directory}
  mkdir -p "$keep"
fi

if [ ! -d "$corpus" ]; then
  echo "corpus.sh: no corpus at $corpus; skipped"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "corpus.sh: python3 is needed to summarise the JSON output" >&2
  exit 1
fi
bin=${ECSLINT_BIN:-target/release/ecslint}
if [ -z "${ECSLINT_BIN:-}" ]; then
  cargo build --release --quiet || exit 1
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failed=0

# Find which files of a directory crash or hang, one run each (only after a failed run).
culprits() {
  local dir=$1
  find "$dir" -type f | sort | while IFS= read -r f; do
    timeout -k 5 "${CORPUS_FILE_TIMEOUT:-20}" "$bin" check "$f" --format json --color never >/dev/null 2>"$out/one.err"
    local rc=$?
    if [ "$rc" -gt 2 ] || grep -q panicked "$out/one.err"; then
      echo "    culprit: $f (exit $rc) $(grep -m1 panicked "$out/one.err")"
    fi
  done
}

kinds=()
for kind in taskdef service lifecycle cloudformation terraform; do
  dir="$corpus/$kind"
  if [ ! -d "$dir" ]; then
    echo "corpus.sh: $dir is missing; skipped"
    continue
  fi
  kinds+=("$kind")
  start=$(date +%s.%N)
  timeout -k 5 "$limit" "$bin" check "$dir" --format json --color never \
    >"$out/$kind.json" 2>"$out/$kind.err"
  rc=$?
  end=$(date +%s.%N)
  echo "$rc $(python3 -c "print(f'{$end - $start:.2f}')")" >"$out/$kind.rc"
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    echo "HANG: $kind did not finish within ${limit}s" >&2
    failed=1
    culprits "$dir" >&2
  elif [ "$rc" -gt 2 ]; then
    echo "CRASH: $kind exited with $rc" >&2
    failed=1
    culprits "$dir" >&2
  fi
  if grep -q panicked "$out/$kind.err"; then
    echo "CRASH: $kind: ecslint panicked:" >&2
    grep -A3 panicked "$out/$kind.err" | head -20 >&2
    failed=1
  fi
  if [ -n "$keep" ]; then
    cp "$out/$kind.json" "$keep/$kind.json"
  fi
done

python3 - "$out" "${kinds[@]}" <<'EOF' || failed=1
import collections, json, sys

out, kinds = sys.argv[1], sys.argv[2:]
FILE_LEVEL = {"ECS001", "ECS008"}
rows, by_rule, names, broken, internal = [], {}, {}, [], []
bad = False
for kind in kinds:
    rc, secs = open(f"{out}/{kind}.rc").read().split()
    try:
        doc = json.load(open(f"{out}/{kind}.json"))
    except (OSError, ValueError) as e:
        print(f"{kind}: no JSON output (exit {rc}): {e}", file=sys.stderr)
        bad = True
        continue
    s, diags = doc["summary"], doc["diagnostics"]
    unchecked = {d["file"] for d in diags if d["rule"] in FILE_LEVEL | {"ECS009"}}
    rows.append((kind, s["files"], s["documents"], s["skipped"], len(unchecked),
                 s["errors"], s["warnings"], s["infos"], rc, secs))
    for d in diags:
        names[d["rule"]] = d["name"]
        by_rule.setdefault(d["rule"], collections.Counter())[(kind, d["severity"])] += 1
        if d["rule"] in FILE_LEVEL:
            p = d["range"]["start"]
            broken.append((d["file"], p["line"], p["column"], d["rule"], d["message"]))
        if d["rule"] == "ECS009":
            internal.append((d["file"], d["message"]))

def table(head, body):
    widths = [max(len(str(r[i])) for r in [head] + body) for i in range(len(head))]
    left = [h in ("kind", "rule", "name", "severities") for h in head]
    line = lambda r: "  ".join((str(c).ljust(w) if l else str(c).rjust(w)).rstrip() if i == len(r) - 1
                               else (str(c).ljust(w) if l else str(c).rjust(w))
                               for i, (c, w, l) in enumerate(zip(r, widths, left)))
    print(line(head))
    print("  ".join("-" * w for w in widths))
    for r in body:
        print(line(r))

print("\n== Files")
head = ("kind", "files", "documents", "skipped", "could-not-check", "errors", "warnings", "infos", "exit", "seconds")
total = ["total"] + [sum(r[i] for r in rows) for i in range(1, 8)] + ["", f"{sum(float(r[9]) for r in rows):.2f}"]
table(head, rows + [tuple(total)])

print("\n== Findings by rule (count per kind; severities)")
body = []
for rule in sorted(by_rule):
    c = by_rule[rule]
    per_kind = [sum(n for (k, _), n in c.items() if k == kind) or "" for kind in kinds]
    sev = collections.Counter()
    for (_, level), n in c.items():
        sev[level] += n
    sevs = ", ".join(f"{level} {n}" for level, n in sorted(sev.items()))
    body.append((rule, names[rule], *per_kind, sum(c.values()), sevs))
table(("rule", "name", *kinds, "total", "severities"), body)

print(f"\n== Files that could not be checked (ECS001/ECS008): {len(broken)}")
for f, line, col, rule, msg in sorted(broken):
    print(f"{f}:{line}:{col}: {rule} {msg}")

if internal:
    bad = True
    print(f"\n== INTERNAL ERRORS (ECS009): {len(internal)}", file=sys.stderr)
    for f, msg in internal:
        print(f"{f}: {msg}", file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

if [ "$failed" -ne 0 ]; then
  echo "corpus.sh: FAILED (crash, hang or internal error; see above)" >&2
  exit 1
fi
echo "corpus.sh: ok"
