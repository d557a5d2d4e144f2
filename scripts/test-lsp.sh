#!/usr/bin/env bash
# Tests `glosslint server` end to end with a real LSP client: pytest-lsp (PyPI) starts the
# release binary over stdio and reads its diagnostics, code actions and hover
# (tests/lsp/test_server.py). Needs python3 with venv, cargo, and the PyPI registry.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --locked --release --manifest-path "$repo/Cargo.toml"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet pytest==9.2.0 pytest-lsp==1.0.1 pytest-asyncio==1.5.0
export GLOSSLINT_BIN="$repo/target/release/glosslint"
export GLOSSLINT_CACHE_DIR="$work/cache"
"$work/venv/bin/python" -m pytest -q -p no:cacheprovider "$repo/tests/lsp" "$@"
