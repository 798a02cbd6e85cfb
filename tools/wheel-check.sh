#!/usr/bin/env bash
# The Python package, as a user gets it: build the wheel from this checkout with maturin (pinned),
# install it into a fresh venv and run the installed `ecslint`; then `pip install .` into another
# fresh venv, the way pip users and pre-commit's `language: python` hook install from source.
#
#   tools/wheel-check.sh
#
# Needs python3 (3.8+) with venv, and cargo (maturin drives it; the release profile's target dir
# is reused, so after `cargo build --release` only the final link is new). Works in a temporary
# directory, removed at the end; writes nothing into the checkout except target/.
set -euo pipefail
MATURIN_VERSION=${MATURIN_VERSION:-1.16.0}
repo_root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ecslint-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo_root/Cargo.toml" | head -1)
fail() { echo "wheel-check: $*" >&2; exit 1; }

python3 -m venv "$work/build"
"$work/build/bin/python" -m pip install --quiet --disable-pip-version-check "maturin==$MATURIN_VERSION"
(cd "$repo_root" && "$work/build/bin/maturin" build --release --locked --out "$work/dist")
ls -l "$work/dist"
wheels=("$work"/dist/ecslint-"$version"-*.whl)
[ -f "${wheels[0]}" ] || fail "no ecslint-$version wheel in $work/dist"

check_installed() { # VENV
  local bin=$1/bin/ecslint out rc
  [ -x "$bin" ] || fail "$bin was not installed"
  out=$("$bin" --version)
  [ "$out" = "ecslint $version" ] || fail "$bin --version printed '$out', expected 'ecslint $version'"
  echo "$bin: $out"
  set +e
  out=$("$bin" check "$repo_root/fixtures/examples/web-fargate.json" --color never --no-config 2>&1)
  rc=$?
  set -e
  [ "$rc" -eq 1 ] || fail "ecslint check on web-fargate.json exited $rc, expected 1: $out"
  grep -q 'error\[ECS100\]' <<<"$out" || fail "no ECS100 finding on web-fargate.json: $out"
  "$bin" check "$repo_root/fixtures/examples/good-fargate.json" --color never --no-config >/dev/null ||
    fail "ecslint check on good-fargate.json failed"
  echo "$bin: check works (ECS100 on web-fargate.json, good-fargate.json clean)"
}

python3 -m venv "$work/wheel"
"$work/wheel/bin/python" -m pip install --quiet --disable-pip-version-check "${wheels[0]}"
check_installed "$work/wheel"
# Licence files travel in the wheel's metadata.
python3 -c 'import sys, zipfile; names = zipfile.ZipFile(sys.argv[1]).namelist(); sys.exit(not any(n.endswith("LICENSE-APACHE") for n in names))' \
  "${wheels[0]}" || fail "the wheel has no LICENSE-APACHE"

# From source: pip fetches maturin itself (build isolation) and builds this checkout.
python3 -m venv "$work/source"
(cd "$repo_root" && "$work/source/bin/python" -m pip install --quiet --disable-pip-version-check .)
check_installed "$work/source"
echo "wheel-check: ok (ecslint $version: wheel and pip install .)"
