#!/usr/bin/env bash
# Bilingual checking speed: a 100,000-unit XLIFF with a 10,000-entity bilingual glossary
# (gen_xliff.py), and the real units of the bilingual evaluation (EA-MT questions and
# their human translations, eval/real/bilingual/eamt.tsv, 2,766 units in six languages),
# checked with the defaults (every rule, the built-in glossary on, JSON report). CPU seconds
# (user + system) per run, median of RUNS runs, with and without the bilingual rules, in one
# loop so that both see the same machine. The glossary is compiled in the cache first, as in
# repeated runs. Per core means one worker thread (THREADS, default 1, as RAYON_NUM_THREADS):
# with more, the CPU time also counts workers waiting for work. Prints a Markdown table.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${GLOSSLINT_BENCH_DIR:-/tmp/glosslint-bench}/bilingual"
runs="${RUNS:-5}"
export GLOSSLINT_CACHE_DIR="$work/cache"
export RAYON_NUM_THREADS="${THREADS:-1}"
[ -f "$work/news.xlf" ] || python3 "$repo/benches/peers/gen_xliff.py" --out "$work" > /dev/null
mkdir -p "$work/real"
# One TSV per language (a file has one target language), columns source and target.
python3 - "$repo/eval/real/bilingual/eamt.tsv" "$work/real" <<'PY'
import sys, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    lang, _id, source, target = line.rstrip("\n").split("\t")
    rows[lang].append((source, target))
for lang, pairs in rows.items():
    with open(f"{sys.argv[2]}/eamt.{lang}.tsv", "w", encoding="utf-8") as f:
        f.write(f"en\t{lang}\n")
        f.writelines(f"{s}\t{t}\n" for s, t in pairs)
PY
cargo build --quiet --release --manifest-path "$repo/Cargo.toml"
bin="$repo/target/release/glosslint"
bilingual="missing-rendering,unsourced-entity,rendering-count"
cpu() { # CPU seconds of one run of the arguments
  /usr/bin/time -f "%U %S" -o "$work/time" "$bin" check --format json --fail-on never "$@" > /dev/null
  awk '{printf "%.3f", $1 + $2}' "$work/time"
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
cpu "$work/news.xlf" -g "$work/glossary.toml" > /dev/null # compile the glossary into the cache
xlf_mb=$(stat -c %s "$work/news.xlf" | awk '{printf "%.1f", $1 / 1e6}')
real_mb=$(cat "$work"/real/*.tsv | wc -c | awk '{printf "%.2f", $1 / 1e6}')
: > "$work/xlf.on"; : > "$work/xlf.off"; : > "$work/real.on"; : > "$work/real.off"
for _ in $(seq "$runs"); do
  cpu "$work/news.xlf" -g "$work/glossary.toml" >> "$work/xlf.on"; echo >> "$work/xlf.on"
  cpu "$work/news.xlf" -g "$work/glossary.toml" --disable "$bilingual" >> "$work/xlf.off"; echo >> "$work/xlf.off"
  cpu "$work"/real/*.tsv -g "$repo/eval/real/glossary.toml" >> "$work/real.on"; echo >> "$work/real.on"
  cpu "$work"/real/*.tsv -g "$repo/eval/real/glossary.toml" --disable "$bilingual" >> "$work/real.off"; echo >> "$work/real.off"
done
row() { # name, MB, file
  local s; s=$(median < "$3")
  awk -v n="$1" -v mb="$2" -v s="$s" 'BEGIN {printf "| %s | %s | %.2f | %.1f |\n", n, mb, s, mb / s}'
}
echo "| run | MB | CPU s (median of $runs) | MB/s per core |"
echo "| --- | ---: | ---: | ---: |"
row "generated XLIFF, 100k units, 10k-entity glossary" "$xlf_mb" "$work/xlf.on"
row "same, bilingual rules off" "$xlf_mb" "$work/xlf.off"
row "real EA-MT units (6 TSV), EA-MT glossary" "$real_mb" "$work/real.on"
row "same, bilingual rules off" "$real_mb" "$work/real.off"
