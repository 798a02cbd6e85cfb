#!/usr/bin/env bash
# Throughput and peak memory of ecslint against a bare walk + read + serde_json parse baseline.
# Usage: bench/run.sh [N...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin ecslint --example baseline
BIN=target/release/ecslint
BASE=target/release/examples/baseline
WORK=${TMPDIR:-/tmp}/ecslint-bench
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)

best() { # best wall time (s) and its peak RSS (KB) of 5 runs of a command
  local best_t=999999 best_m=0
  for _ in 1 2 3 4 5; do
    local out tf
    tf=$(mktemp)
    /usr/bin/time -o "$tf" -f "%e %M" "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$tf"); rm -f "$tf"
    local t=${out% *} m=${out#* }
    if awk "BEGIN{exit !($t < $best_t)}"; then best_t=$t; best_m=$m; fi
  done
  echo "$best_t $best_m"
}

printf "| files | MB | baseline (walk+read+parse) | ecslint --format json | ratio | ecslint files/s | peak RSS baseline | peak RSS ecslint |\n|---|---|---|---|---|---|---|---|\n"
for n in "${sizes[@]}"; do
  dir=$WORK/$n
  [ -d "$dir" ] || python3 bench/gen.py "$n" "$dir"
  mb=$(du -sm "$dir" | cut -f1)
  cat "$(find "$dir" -name '*.json' -print -quit)" >/dev/null
  read -r bt bm < <(best "$BASE" "$dir")
  read -r et em < <(best "$BIN" check "$dir" --format json --exit-zero)
  ratio=$(awk "BEGIN{printf \"%.2f\", $et/($bt>0?$bt:0.001)}")
  fps=$(awk "BEGIN{printf \"%.0f\", $n/($et>0?$et:0.001)}")
  printf "| %s | %s | %s s | %s s | %s× | %s | %s MB | %s MB |\n" "$n" "$mb" "$bt" "$et" "$ratio" "$fps" "$((bm/1024))" "$((em/1024))"
done
# --fix on a fresh copy each run (the first run changes the files): safe fixes, then with
# --unsafe-fixes; the time includes the re-checks of the fixed files and the atomic writes.
fixbest() { # best wall time (s) and its peak RSS (KB) of 3 runs on fresh copies of $1
  local src=$1; shift
  local best_t=999999 best_m=0
  for _ in 1 2 3; do
    rm -rf "$WORK/fixcopy"; cp -r "$src" "$WORK/fixcopy"
    local tf out; tf=$(mktemp)
    /usr/bin/time -o "$tf" -f "%e %M" "$BIN" check "$WORK/fixcopy" --format json --exit-zero "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$tf"); rm -f "$tf"
    local t=${out% *} m=${out#* }
    if awk "BEGIN{exit !($t < $best_t)}"; then best_t=$t; best_m=$m; fi
  done
  rm -rf "$WORK/fixcopy"
  echo "$best_t $best_m"
}
last=${sizes[${#sizes[@]}-1]}
echo
printf "| %s files | check | --fix | --fix --unsafe-fixes |\n|---|---|---|---|\n" "$last"
read -r ct cm < <(best "$BIN" check "$WORK/$last" --format json --exit-zero)
read -r ft fm < <(fixbest "$WORK/$last" --fix)
read -r ut um < <(fixbest "$WORK/$last" --fix --unsafe-fixes)
printf "| wall / peak RSS | %s s / %s MB | %s s / %s MB | %s s / %s MB |\n" "$ct" "$((cm/1024))" "$ft" "$((fm/1024))" "$ut" "$((um/1024))"
one=$(find "$WORK/${sizes[0]}" -name '*.json' -print -quit)
read -r t m < <(best "$BIN" check "$one" --exit-zero)
echo
echo "one file (process start included): ${t} s, peak RSS $((m/1024)) MB"
