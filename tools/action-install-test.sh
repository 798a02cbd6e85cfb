#!/usr/bin/env bash
# Test of tools/action-install.sh (the Action's download-and-verify step) against fake releases in
# a temporary directory, read through file:// URLs. No network.
#
#   tools/action-install-test.sh
#
# Cases: a good release installs and runs; a wrong checksum, a checksum of another file and a
# truncated archive fail (exit 1) without installing anything; a release without SHA256SUMS and a
# release without this target's archive fall back to cargo (exit 0, method=cargo); a Windows-style
# zip; RUNNER_OS/RUNNER_ARCH mapping; a bad version is a usage error (exit 2).
# The last line is "action-install-test: N passed, M failed"; exit 1 if any failed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
script=$here/action-install.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/ecslint-action-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "PASS: $*"; }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

version=9.8.7
target=x86_64-unknown-linux-musl

# A stand-in for the binary: prints what the real one prints for --version.
make_release() { # DIR TARGET...
  local dir=$1
  shift
  mkdir -p "$dir"
  for t in "$@"; do
    local stage=$work/stage/$t/ecslint-$version-$t
    mkdir -p "$stage"
    case "$t" in
      *-windows-*)
        printf '#!/bin/sh\necho "ecslint %s"\n' "$version" >"$stage/ecslint.exe"
        chmod +x "$stage/ecslint.exe"
        (cd "$work/stage/$t" && python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w")
info = zipfile.ZipInfo(sys.argv[2] + "/ecslint.exe")
info.external_attr = 0o755 << 16
z.writestr(info, open(sys.argv[2] + "/ecslint.exe", "rb").read())
z.close()' "$dir/ecslint-$version-$t.zip" "ecslint-$version-$t")
        ;;
      *)
        printf '#!/bin/sh\necho "ecslint %s"\n' "$version" >"$stage/ecslint"
        chmod +x "$stage/ecslint"
        printf 'licence\n' >"$stage/LICENSE-MIT"
        tar -czf "$dir/ecslint-$version-$t.tar.gz" -C "$work/stage/$t" "ecslint-$version-$t"
        ;;
    esac
  done
  (cd "$dir" && sha256sum ecslint-* >SHA256SUMS)
}

# run NAME EXPECTED_RC [VAR=VALUE...]: runs the script with a fresh install dir and output file.
run() {
  local name=$1 want=$2
  shift 2
  out_file=$work/$name.out
  install_dir=$work/$name.bin
  : >"$out_file"
  set +e
  log=$(env -u RUNNER_OS -u RUNNER_ARCH GITHUB_OUTPUT="$out_file" ECSLINT_INSTALL_DIR="$install_dir" \
    ECSLINT_VERSION="$version" ECSLINT_TARGET="$target" "$@" bash "$script" 2>&1)
  rc=$?
  set -e
  printf '%s\n' "$log" | sed 's/^/    /'
  if [ "$rc" -ne "$want" ]; then
    bad "$name: exit $rc, expected $want"
    return 1
  fi
}

good=$work/good
make_release "$good" "$target" aarch64-unknown-linux-musl x86_64-pc-windows-msvc

# 1. The good release: installed, runnable, outputs written.
if run good 0 ECSLINT_RELEASE_URL="file://$good"; then
  if [ "$("$install_dir/ecslint" --version)" = "ecslint $version" ] &&
    grep -qx "bin=$install_dir/ecslint" "$out_file" && grep -qx "method=binary" "$out_file" &&
    grep -q "verified ecslint-$version-$target.tar.gz" <<<"$log"; then
    ok "good release: verified, installed and runs"
  else
    bad "good release: binary or outputs missing ($(cat "$out_file"))"
  fi
fi

# 2. A wrong checksum must fail and install nothing.
wrong=$work/wrong
cp -r "$good" "$wrong"
sed -i "s/^[0-9a-f]\{64\}\(  ecslint-$version-$target.tar.gz\)$/$(printf '0%.0s' {1..64})\1/" "$wrong/SHA256SUMS"
if run wrong-checksum 1 ECSLINT_RELEASE_URL="file://$wrong"; then
  if [ ! -e "$install_dir/ecslint" ] && grep -q "checksum mismatch" <<<"$log" && ! grep -q "method=" "$out_file"; then
    ok "wrong checksum: fails, nothing installed"
  else
    bad "wrong checksum: something was installed or reported"
  fi
fi

# 3. The archive was swapped for another (valid) one: its checksum is not the listed one.
swapped=$work/swapped
cp -r "$good" "$swapped"
cp "$good/ecslint-$version-aarch64-unknown-linux-musl.tar.gz" "$swapped/ecslint-$version-$target.tar.gz"
if run swapped 1 ECSLINT_RELEASE_URL="file://$swapped"; then
  [ ! -e "$install_dir/ecslint" ] && ok "swapped archive: fails" || bad "swapped archive: installed"
fi

# 4. A truncated download: checksum mismatch as well.
truncated=$work/truncated
cp -r "$good" "$truncated"
head -c 100 "$good/ecslint-$version-$target.tar.gz" >"$truncated/ecslint-$version-$target.tar.gz"
if run truncated 1 ECSLINT_RELEASE_URL="file://$truncated"; then
  [ ! -e "$install_dir/ecslint" ] && ok "truncated archive: fails" || bad "truncated archive: installed"
fi

# 5. No release at all (no SHA256SUMS): fall back to cargo.
if run no-release 0 ECSLINT_RELEASE_URL="file://$work/nonexistent"; then
  if grep -qx "method=cargo" "$out_file" && grep -qx "bin=" "$out_file" && [ ! -e "$install_dir" ]; then
    ok "no release: method=cargo"
  else
    bad "no release: expected method=cargo ($(cat "$out_file"))"
  fi
fi

# 6. A release without this target's archive: fall back to cargo.
if run no-target 0 ECSLINT_RELEASE_URL="file://$good" ECSLINT_TARGET=riscv64gc-unknown-linux-gnu; then
  grep -qx "method=cargo" "$out_file" && ok "no archive for the target: method=cargo" || bad "no archive for the target: $(cat "$out_file")"
fi

# 7. Listed in SHA256SUMS but the archive is missing: fall back (the release is incomplete).
incomplete=$work/incomplete
cp -r "$good" "$incomplete"
rm "$incomplete/ecslint-$version-$target.tar.gz"
if run incomplete 0 ECSLINT_RELEASE_URL="file://$incomplete"; then
  grep -qx "method=cargo" "$out_file" && ok "listed archive missing: method=cargo" || bad "listed archive missing: $(cat "$out_file")"
fi

# 8. Windows: a zip with ecslint.exe.
if run windows 0 ECSLINT_RELEASE_URL="file://$good" ECSLINT_TARGET=x86_64-pc-windows-msvc; then
  grep -qx "bin=$install_dir/ecslint.exe" "$out_file" && [ -x "$install_dir/ecslint.exe" ] &&
    ok "windows zip: ecslint.exe installed" || bad "windows zip: $(cat "$out_file")"
fi

# 9. The runner's OS and architecture pick the target (here: Linux ARM64 -> aarch64 musl).
out_file=$work/runner.out
: >"$out_file"
if GITHUB_OUTPUT="$out_file" ECSLINT_INSTALL_DIR="$work/runner.bin" ECSLINT_VERSION="v$version" \
  ECSLINT_RELEASE_URL="file://$good" RUNNER_OS=Linux RUNNER_ARCH=ARM64 bash "$script" 2>"$work/runner.log" &&
  grep -q "for aarch64-unknown-linux-musl" "$work/runner.log" && grep -qx "method=binary" "$out_file"; then
  ok "RUNNER_OS=Linux RUNNER_ARCH=ARM64: aarch64-unknown-linux-musl (and a leading v is accepted)"
else
  bad "runner mapping: $(cat "$work/runner.log")"
fi

# 10. An unknown runner platform: fall back to cargo.
out_file=$work/unknown.out
: >"$out_file"
if GITHUB_OUTPUT="$out_file" ECSLINT_INSTALL_DIR="$work/unknown.bin" ECSLINT_VERSION="$version" \
  ECSLINT_RELEASE_URL="file://$good" RUNNER_OS=Linux RUNNER_ARCH=ARM bash "$script" 2>/dev/null &&
  grep -qx "method=cargo" "$out_file"; then
  ok "unknown runner platform: method=cargo"
else
  bad "unknown runner platform: $(cat "$out_file")"
fi

# 11. Usage: a version that is not X.Y.Z.
if run bad-version 2 ECSLINT_VERSION="main; rm -rf /" ECSLINT_RELEASE_URL="file://$good"; then
  ok "bad version: usage error"
fi

echo "action-install-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
