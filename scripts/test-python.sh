#!/usr/bin/env bash
# The Python package: built from bindings/python with maturin (pip's build backend), its
# stubs held to the compiled module (mypy's stubtest), its tests (pytest), and the Spark
# example in local mode (PySpark from PyPI; Java 17 or later on the machine).
#   scripts/test-python.sh            everything
#   scripts/test-python.sh --no-spark the package alone
set -euo pipefail
cd "$(dirname "$0")/.."

spark=1
[ "${1:-}" = "--no-spark" ] && spark=0

# The tests compare with the command line's findings on the same texts.
cargo build --locked --quiet
export GLOSSLINT_BIN="$PWD/target/debug/glosslint"

python3 -m pip install --quiet --disable-pip-version-check "pytest>=7" "mypy>=1.10"
python3 -m pip install --quiet --disable-pip-version-check ./bindings/python
# Run from elsewhere, so that `import glosslint` is the installed package.
(cd /tmp && python3 -m mypy.stubtest glosslint)
python3 -m mypy --ignore-missing-imports bindings/python/tests examples/spark
python3 -m pytest -q -p no:cacheprovider bindings/python/tests

if [ "$spark" = 1 ]; then
  python3 -m pip install --quiet --disable-pip-version-check -r examples/spark/requirements.txt
  python3 -m pytest -q -p no:cacheprovider examples/spark
fi
