#!/usr/bin/env bash
# Runs the fuzz targets (fuzz/fuzz_targets) with cargo-fuzz and libFuzzer on the nightly
# toolchain (no sanitizer: the library forbids unsafe code, and panics are what is sought),
# each for SECONDS (default 60), and prints a table of executions and crashes.
#   scripts/fuzz.sh [SECONDS] [TARGET...]      all targets, or those named
#   JOBS=2 scripts/fuzz.sh 600                 two targets at a time
#   RUNS=10000000 scripts/fuzz.sh 3600         each target until 10 million executions
#                                              (or the time, whichever comes first)
# check_fix runs the whole check-and-fix path three times per input; its inputs are held to
# MAX_LEN_CHECK_FIX bytes (default 512) so that it reaches millions of executions. MAX_LEN
# holds the other targets' inputs (libFuzzer's default follows the largest seed).
# Each target starts from its seeds (fuzz/seeds/TARGET) and its corpus (fuzz/corpus/TARGET,
# kept between runs; `cargo +nightly fuzz cmin TARGET` shrinks it). A crash leaves its input
# in fuzz/artifacts/TARGET/: copy it to fuzz/regressions/TARGET/, which tests/fuzz_corpus.rs
# replays on every `cargo test`, and fix the bug.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "the nightly toolchain is needed: rustup toolchain install nightly" >&2
  exit 2
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(ls fuzz/fuzz_targets | sed 's/\.rs$//')
fi
cargo +nightly fuzz build -O -s none >/dev/null
logs="$(mktemp -d)"
run() {
  local t="$1"
  mkdir -p "fuzz/corpus/$t" "fuzz/seeds/$t"
  local extra=()
  [ -n "${RUNS:-}" ] && extra+=("-runs=$RUNS")
  if [ "$t" = check_fix ]; then
    extra+=("-max_len=${MAX_LEN_CHECK_FIX:-512}")
  elif [ -n "${MAX_LEN:-}" ]; then
    extra+=("-max_len=$MAX_LEN")
  fi
  local start=$SECONDS
  # -rss_limit_mb and -timeout make a slow or greedy input a finding, not a hang.
  cargo +nightly fuzz run -O -s none "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    "${extra[@]}" >"$logs/$t.log" 2>&1 && echo ok >"$logs/$t.status" || echo CRASH >"$logs/$t.status"
  echo $((SECONDS - start)) >"$logs/$t.seconds"
}
jobs="${JOBS:-1}"
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
  run "$t" &
done
wait
printf '| target | seconds | executions | per second | corpus | result |\n|---|---:|---:|---:|---:|---|\n'
failed=0
for t in "${targets[@]}"; do
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logs/$t.log" | grep -o '[0-9]*$' || echo 0)
  corpus=$(ls "fuzz/corpus/$t" | wc -l)
  status=$(cat "$logs/$t.status")
  took=$(cat "$logs/$t.seconds")
  [ "$status" = ok ] || failed=1
  printf '| %s | %s | %s | %s | %s | %s |\n' "$t" "$took" "$execs" "$((execs / (took > 0 ? took : 1)))" "$corpus" "$status"
  if [ "$status" != ok ]; then
    grep -E 'panicked|SUMMARY|Test unit written' "$logs/$t.log" | head -5 | sed 's/^/    /'
  fi
done
exit "$failed"
