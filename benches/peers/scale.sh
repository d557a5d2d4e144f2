#!/usr/bin/env bash
# How glosslint's cost grows with the glossary (1k, 10k, 100k entities) and the corpus: wall
# time and peak memory to start (load and index the glossary, check one line), without and
# with the glossary compiled in the cache, and to check a 100 MB corpus (the 10 MB one ten
# times over, as hard links) with the exact rules and with all rules (the glossary cached, as
# in repeated runs; "after start" subtracts the cached start). The last row's glossary also has forms in
# Russian, Arabic and Chinese (gen_corpus.py --scripts). The corpus is English, and the checks
# say so (--lang en): with several languages in a glossary, glosslint would otherwise detect
# each file's language, which is not what this measures. Prints a Markdown table.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${GLOSSLINT_BENCH_DIR:-/tmp/glosslint-bench}/scale"
mkdir -p "$work/one"
# The glossary cache of these runs, apart from the user's.
export GLOSSLINT_CACHE_DIR="$work/cache"
rm -rf "$GLOSSLINT_CACHE_DIR"
echo "The Takoba force." > "$work/one/a.txt"
cargo build --quiet --release --manifest-path "$repo/Cargo.toml"
bin="$repo/target/release/glosslint"
exact="near-miss,wrong-diacritics,wrong-case,context-confusable,forbidden-form,script-mismatch"
for n in 1000 10000 100000; do
  [ -f "$work/g$n/glossary.toml" ] || python3 "$repo/benches/peers/gen_corpus.py" --out "$work/g$n" --entities "$n" > /dev/null
done
[ -f "$work/g100000s/glossary.toml" ] || python3 "$repo/benches/peers/gen_corpus.py" --out "$work/g100000s" --entities 100000 --scripts > /dev/null
if [ ! -d "$work/big/d9" ]; then
  rm -rf "$work/big" && mkdir "$work/big"
  for i in $(seq 0 9); do mkdir "$work/big/d$i" && cp -l "$work/g10000/corpus/"*.txt "$work/big/d$i/"; done
fi
# Megabytes of text (du would count the hard links once).
mb=$(find "$work/big" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f", s / 1e6}')
best() { # prints "seconds peak-MiB", the best of 3 runs
  local b="" m=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" > /dev/null 2>&1 || true
    read -r s kb < <(tail -n 1 "$work/t")
    if [ -z "$b" ] || awk "BEGIN{exit !($s < $b)}"; then b="$s"; m=$((kb / 1024)); fi
  done
  echo "$b $m"
}
echo "| entities | forms | start (load + index) | start, glossary cached | check ${mb} MB, listed variants | check ${mb} MB, all rules |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
for n in 1000 10000 100000 100000s; do
  g="$work/g$n/glossary.toml"
  forms=$(grep -c '^canonical' "$g")
  forms=$((forms + $(grep -o '", "\|\["' "$g" | wc -l)))
  read -r s0 m0 < <(best "$bin" check "$work/one" -g "$g" --no-builtin --disable "$exact" --no-cache)
  # The first run marks the glossary as seen, the second compiles it into the cache.
  for _ in 1 2; do "$bin" check "$work/one" -g "$g" --no-builtin > /dev/null 2>&1 || true; done
  read -r sc mc < <(best "$bin" check "$work/one" -g "$g" --no-builtin --disable "$exact")
  read -r s1 m1 < <(best "$bin" check "$work/big" -g "$g" --no-builtin --lang en --quiet --format jsonl --disable "$exact")
  read -r s2 m2 < <(best "$bin" check "$work/big" -g "$g" --no-builtin --lang en --quiet --format jsonl)
  rate1=$(awk "BEGIN{printf \"%.0f\", $mb/($s1-$sc)}")
  rate2=$(awk "BEGIN{printf \"%.0f\", $mb/($s2-$sc)}")
  label="$n"
  [ "$n" = 100000s ] && label="100000, 4 scripts"
  echo "| $label | $forms | ${s0} s, ${m0} MiB | ${sc} s, ${mc} MiB | ${s1} s (${rate1} MB/s after start), ${m1} MiB | ${s2} s (${rate2} MB/s after start), ${m2} MiB |"
done
