#!/usr/bin/env bash
# Validate a SARIF file with Microsoft's SARIF Multitool (the validator behind the SARIF web validator),
# running both its SARIF rules and its GitHub Advanced Security (code scanning ingestion) rules.
#
#   tools/sarif-validate.sh FILE.sarif [REPORT.sarif]
#
# The multitool is pinned in tools/package.json / tools/package-lock.json and installed with `npm ci`
# into tools/node_modules (git-ignored) the first time, or when the pin changes. It needs Node.js and npm
# (any current LTS); the validator itself is a self-contained binary shipped inside the npm package.
#
# The multitool exits 0 even when the file has errors, so this script reads its report (itself SARIF)
# and exits 1 if any result has level "error" (or the tool could not analyse the file), 0 otherwise.
# Warnings and notes are printed with their rule ids but do not fail. The last line is the verdict:
#   sarif-multitool: 0 errors, 2 warnings, 0 notes (FILE)
set -euo pipefail

if [ "$#" -lt 1 ] || [ "$#" -gt 2 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

input=$1
if [ ! -f "$input" ]; then
  echo "sarif-validate: no such file: $input" >&2
  exit 2
fi

tools_dir=$(cd "$(dirname "$0")" && pwd)
cleanup_report=0
if [ "$#" -eq 2 ]; then
  report=$2
else
  report=$(mktemp "${TMPDIR:-/tmp}/sarif-validate.XXXXXX.sarif")
  cleanup_report=1
fi
cleanup() { if [ "$cleanup_report" = 1 ]; then rm -f "$report"; fi; }
trap cleanup EXIT

for tool in node npm python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "sarif-validate: $tool is required" >&2; exit 2; }
done

# Install the pinned multitool unless exactly that version is already installed.
pinned=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["dependencies"]["@microsoft/sarif-multitool"])' \
  "$tools_dir/package.json")
installed=""
if [ -f "$tools_dir/node_modules/@microsoft/sarif-multitool/package.json" ]; then
  installed=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' \
    "$tools_dir/node_modules/@microsoft/sarif-multitool/package.json")
fi
if [ "$installed" != "$pinned" ]; then
  echo "sarif-validate: installing @microsoft/sarif-multitool@$pinned (npm ci --prefix tools)" >&2
  npm ci --prefix "$tools_dir" --no-audit --no-fund --loglevel=error >&2
fi

# Resolve the platform binary (@microsoft/sarif-multitool-<platform>/Sarif.Multitool) and call it
# directly: the package's bin.js wrapper spawns it through a shell, where the ';' in "Sarif;Ghas" would
# end the command.
multitool=$(cd "$tools_dir" && node -p "require('@microsoft/sarif-multitool')")
if [ ! -f "$multitool" ]; then
  echo "sarif-validate: the multitool binary for this platform is missing: $multitool" >&2
  exit 2
fi
# The package's postinstall only does `chmod u+x`; npm may skip install scripts, so do it here.
[ -x "$multitool" ] || chmod u+x "$multitool"

set +e
tool_out=$("$multitool" validate "$input" --rule-kind "Sarif;Ghas" --output "$report" --log ForceOverwrite 2>&1)
tool_rc=$?
set -e
if [ "$tool_rc" -ne 0 ] || [ ! -s "$report" ]; then
  printf '%s\n' "$tool_out" >&2
  echo "sarif-multitool: the validator failed (exit $tool_rc) on $input" >&2
  exit 1
fi

python3 - "$report" "$input" <<'PY'
import json
import re
import sys

report_path, input_path = sys.argv[1], sys.argv[2]
with open(report_path, encoding="utf-8-sig") as f:
    log = json.load(f)

counts = {"error": 0, "warning": 0, "note": 0}
lines = []
tool_failed = False

for run in log.get("runs", []):
    rules = run.get("tool", {}).get("driver", {}).get("rules", []) or []
    rule_by_id = {r.get("id"): r for r in rules}

    def rule_for(result):
        idx = result.get("ruleIndex")
        if isinstance(idx, int) and 0 <= idx < len(rules):
            return rules[idx]
        return rule_by_id.get(result.get("ruleId"), {})

    def render(message, rule):
        text = message.get("text")
        if text is None:
            template = (rule.get("messageStrings", {}).get(message.get("id"), {}) or {}).get("text")
            args = message.get("arguments", []) or []
            if template is None:
                text = "; ".join(str(a) for a in args)
            else:
                text = re.sub(
                    r"\{(\d+)\}",
                    lambda m: str(args[int(m.group(1))]) if int(m.group(1)) < len(args) else m.group(0),
                    template,
                ).replace("{{", "{").replace("}}", "}")
        return " ".join(text.split())

    for result in run.get("results", []) or []:
        if result.get("kind", "fail") in ("pass", "notApplicable", "informational"):
            continue  # pass / notApplicable / informational results are not findings
        rule = rule_for(result)
        level = result.get("level") or (rule.get("defaultConfiguration") or {}).get("level") or "warning"
        if level == "none":
            continue
        counts[level] = counts.get(level, 0) + 1
        rule_id = result.get("ruleId", "?")
        name = rule.get("name", "")
        region = ""
        for loc in result.get("locations", []) or []:
            r = (loc.get("physicalLocation") or {}).get("region") or {}
            if "startLine" in r:
                region = f":{r['startLine']}" + (f":{r['startColumn']}" if "startColumn" in r else "")
                break
        label = f"{rule_id}/{name}" if name else rule_id
        lines.append(f"{level:7} {label}{region}: {render(result.get('message', {}), rule)}")

    for inv in run.get("invocations", []) or []:
        if inv.get("executionSuccessful") is False:
            tool_failed = True
        for n in (inv.get("toolExecutionNotifications") or []) + (inv.get("toolConfigurationNotifications") or []):
            level = n.get("level") or "warning"
            if level == "error":
                tool_failed = True
            msg = " ".join(((n.get("message") or {}).get("text") or "").split())
            desc = (n.get("descriptor") or {}).get("id", "notification")
            lines.append(f"{level:7} tool {desc}: {msg}")

for line in lines:
    print(line)
verdict = (
    f"sarif-multitool: {counts['error']} error{'s' if counts['error'] != 1 else ''}, "
    f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}, "
    f"{counts['note']} note{'s' if counts['note'] != 1 else ''} ({input_path})"
)
if tool_failed:
    verdict += " [the validator reported a tool failure]"
print(verdict)
sys.exit(1 if counts["error"] or tool_failed else 0)
PY
