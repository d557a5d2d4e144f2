#!/usr/bin/env bash
# The language server under typing: a 5 MB document and a 100,000-entity glossary, the
# time from the last keystroke of a burst to its diagnostics, and hover during a burst
# (benches/peers/lsp_latency.py). Two documents: generated text around the glossary, and,
# with REAL_DATA naming the folder of benches/peers/real_corpus.py's output, 5 MB of real
# English news and questions (repeated).
# Usage: benches/peers/lsp.sh [WORK_DIR]   (default /tmp/glosslint-lsp-bench)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-/tmp/glosslint-lsp-bench}"
mkdir -p "$work"
cargo build --release --manifest-path "$repo/Cargo.toml" >&2
bin="$repo/target/release/glosslint"
if [ ! -f "$work/glossary.toml" ]; then
  python3 "$repo/benches/peers/gen_corpus.py" --out "$work" --mb 5 --files 1 --entities 100000 >&2
fi
export GLOSSLINT_CACHE_DIR="$work/cache"
docs=("$work/corpus/000.txt")
if [ -n "${REAL_DATA:-}" ]; then
  for i in $(seq 20); do cat "$REAL_DATA"/wmt23-en-*.txt "$REAL_DATA"/ted-en-*.txt "$REAL_DATA"/eamt-en-*.txt; done \
    | head -c 5000000 > "$work/real-en.txt"
  docs+=("$work/real-en.txt")
fi
for doc in "${docs[@]}"; do
  python3 "$repo/benches/peers/lsp_latency.py" "$bin" "$doc" --glossary "$work/glossary.toml" --rounds "${ROUNDS:-10}"
done
