#!/usr/bin/env bash
# Install step of the GitHub Action (action.yml): fetch the release binary of ecslint for this
# runner and verify it against the release's SHA256SUMS before it is ever run.
#
#   ECSLINT_VERSION=0.2.0 ECSLINT_INSTALL_DIR=DIR tools/action-install.sh
#
# Environment:
#   ECSLINT_VERSION      the version to install (X.Y.Z, a leading v is accepted); required
#   ECSLINT_INSTALL_DIR  where the binary goes (created); required
#   ECSLINT_RELEASE_URL  where the release assets are (default
#                        https://github.com/ecslint/ecslint/releases/download/vX.Y.Z); anything curl
#                        reads, including file:// (the test uses a directory)
#   ECSLINT_TARGET       the target triple to fetch (default: from RUNNER_OS/RUNNER_ARCH, else uname)
#   GITHUB_OUTPUT        if set, receives `bin=PATH` (the installed binary, empty on fallback) and
#                        `method=binary` or `method=cargo` (no release binary fits: build with cargo)
#
# Exit codes: 0 installed, or no binary fits (method=cargo: the caller builds it instead);
# 1 a downloaded file does not match SHA256SUMS, or the archive is broken (never falls back: a
# wrong checksum means the download cannot be trusted); 2 usage error.
# The asset names are the ones .github/workflows/release.yml uploads:
#   ecslint-X.Y.Z-TARGET.tar.gz (ecslint-X.Y.Z-TARGET.zip on Windows) and SHA256SUMS.
set -euo pipefail

say() { echo "action-install: $*" >&2; }
output() { if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s\n' "$@" >>"$GITHUB_OUTPUT"; fi; }
fallback() {
  say "$*; falling back to building ecslint with cargo"
  output "bin=" "method=cargo"
  exit 0
}

version=${ECSLINT_VERSION:-}
version=${version#v}
install_dir=${ECSLINT_INSTALL_DIR:-}
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]]; then
  say "ECSLINT_VERSION must be a version such as 0.2.0, got '${ECSLINT_VERSION:-}'"
  exit 2
fi
[ -n "$install_dir" ] || { say "ECSLINT_INSTALL_DIR is required"; exit 2; }
base_url=${ECSLINT_RELEASE_URL:-https://github.com/ecslint/ecslint/releases/download/v$version}
base_url=${base_url%/}

target=${ECSLINT_TARGET:-}
if [ -z "$target" ]; then
  os=${RUNNER_OS:-$(uname -s)}
  arch=${RUNNER_ARCH:-$(uname -m)}
  case "$os/$arch" in
    Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
    Linux/ARM64 | Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-musl ;;
    macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ;;
    macOS/ARM64 | Darwin/arm64 | Darwin/aarch64) target=aarch64-apple-darwin ;;
    Windows/X64 | MINGW*/x86_64 | MSYS*/x86_64 | CYGWIN*/x86_64) target=x86_64-pc-windows-msvc ;;
    *) fallback "no release binary for $os/$arch" ;;
  esac
fi
case "$target" in
  *-windows-*) archive="ecslint-$version-$target.zip" exe=ecslint.exe ;;
  *) archive="ecslint-$version-$target.tar.gz" exe=ecslint ;;
esac

work=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/ecslint-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
fetch() { # URL FILE
  curl --fail --silent --show-error --location --retry 3 --proto '=https,file' --output "$2" "$1"
}

say "ecslint $version for $target from $base_url"
if ! fetch "$base_url/SHA256SUMS" "$work/SHA256SUMS" 2>"$work/curl.err"; then
  fallback "no SHA256SUMS in the v$version release ($(tr '\n' ' ' <"$work/curl.err"))"
fi
# Lines are `<64 hex>  <name>` (sha256sum's format; a `*` before the name marks binary mode).
expected=$(awk -v name="$archive" '{ n = $2; sub(/^\*/, "", n); if (n == name) print tolower($1) }' "$work/SHA256SUMS")
if [ -z "$expected" ]; then
  fallback "the v$version release has no $archive"
fi
if ! [[ "$expected" =~ ^[0-9a-f]{64}$ ]] || [ "$(printf '%s\n' "$expected" | wc -l)" -ne 1 ]; then
  say "SHA256SUMS has a malformed or repeated entry for $archive"
  exit 1
fi
if ! fetch "$base_url/$archive" "$work/$archive" 2>"$work/curl.err"; then
  fallback "could not download $archive ($(tr '\n' ' ' <"$work/curl.err"))"
fi

if command -v sha256sum >/dev/null 2>&1; then
  actual=$(sha256sum "$work/$archive" | awk '{ print $1 }')
elif command -v shasum >/dev/null 2>&1; then
  actual=$(shasum -a 256 "$work/$archive" | awk '{ print $1 }')
else
  say "neither sha256sum nor shasum is available to verify $archive"
  exit 1
fi
if [ "$actual" != "$expected" ]; then
  say "checksum mismatch for $archive: SHA256SUMS says $expected, the download is $actual"
  exit 1
fi
say "verified $archive (sha256 $actual)"

mkdir -p "$work/x"
case "$archive" in
  *.zip)
    if command -v unzip >/dev/null 2>&1; then
      unzip -q "$work/$archive" -d "$work/x"
    else
      7z x -y -o"$work/x" "$work/$archive" >/dev/null
    fi
    ;;
  *) tar -xzf "$work/$archive" -C "$work/x" ;;
esac
found=$(find "$work/x" -type f -name "$exe" | head -1)
if [ -z "$found" ]; then
  say "$archive has no $exe"
  exit 1
fi
mkdir -p "$install_dir"
cp "$found" "$install_dir/$exe"
chmod +x "$install_dir/$exe"
say "installed $install_dir/$exe: $("$install_dir/$exe" --version)"
output "bin=$install_dir/$exe" "method=binary"
