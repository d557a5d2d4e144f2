"""The Spark example in local mode (local[2]) on a generated corpus, its results held to the
command line's on the same records (`glosslint check --input-format jsonl --fix`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import glosslint_spark  # noqa: E402
import make_corpus  # noqa: E402

SAHEL = str(ROOT / "glossaries" / "sahel.toml")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    s = (
        SparkSession.builder.master("local[2]")
        .appName("glosslint-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    yield s
    s.stop()


def glosslint_binary() -> str:
    exe = os.environ.get("GLOSSLINT_BIN") or shutil.which("glosslint")
    if not exe:
        for profile in ("release", "debug"):
            candidate = ROOT / "target" / profile / "glosslint"
            if candidate.exists():
                return str(candidate)
        pytest.fail("no glosslint binary: set GLOSSLINT_BIN or run `cargo build` first")
    return exe


def cli_fix(records: list[dict], level: str) -> dict[str, dict]:
    """The command line's fixed records, by id."""
    args = [glosslint_binary(), "check", "--input-format", "jsonl", "--no-cache", "-g", SAHEL, "--fix", "--fail-on", "never", "-q"]
    if level == "unsafe":
        args.append("--unsafe-fixes")
    stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    out = subprocess.run(args, input=stdin, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return {r["id"]: r for r in map(json.loads, out.stdout.splitlines())}


@pytest.mark.parametrize("fmt,level", [("parquet", "unsafe"), ("jsonl", "safe")])
def test_spark_job_matches_the_command_line(spark, tmp_path, fmt, level):
    records = list(make_corpus.rows(3000, seed=11))
    corpus = tmp_path / f"corpus.{fmt}"
    if fmt == "parquet":
        import pyarrow as pa

        pq.write_table(pa.Table.from_pylist(records), corpus)
    else:
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    out = tmp_path / "out"
    glosslint_spark.run_job(spark, str(corpus), str(out), [SAHEL], level=level)

    fixed = {r["id"]: r for r in pq.read_table(out / "fixed").to_pylist()}
    findings: dict[str, list[tuple]] = {}
    for f in pq.read_table(out / "findings").to_pylist():
        findings.setdefault(f["id"], []).append(
            (f["rule"], f["byte_start"], f["byte_end"], f["replacement"])
        )
    assert len(fixed) == len(records)
    assert sum(len(v) for v in findings.values()) > len(records) // 2

    cli = cli_fix(records, level)
    for r in records:
        mine, theirs = fixed[r["id"]], cli[r["id"]]
        assert mine["error"] is None
        assert mine["text"] == theirs["text"], r["id"]
        assert mine["fixes"] == theirs["fixes"], r["id"]
        expected = sorted(
            (f["rule"], f["span"]["start"], f["span"]["end"], (f["fix"] or {}).get("replacement"))
            for f in theirs["findings"]
        )
        assert sorted(findings.get(r["id"], [])) == expected, r["id"]

    # The corpus's known errors are fixed where the level allows.
    some = next(r for r in records if "Qasimi Quetta" in r["text"])
    assert "Assimi Goïta" in fixed[some["id"]]["text"]
    takoba = next(r for r in records if "Takoba" in r["text"])
    assert ("Takuba" in fixed[takoba["id"]]["text"]) == (level == "unsafe")


def test_a_bad_glossary_fails_on_the_driver_with_its_place(spark, tmp_path):
    import glosslint

    bad = tmp_path / "bad.toml"
    bad.write_text('[[entry]]\nid = "x"\nkind = "person"\n[entry.forms.fr]\ncanonical = 3\n')
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "1", "lang": "fr", "text": "Bamako"}\n')
    with pytest.raises(glosslint.GlossaryError) as e:
        glosslint_spark.run_job(spark, str(corpus), str(tmp_path / "out"), [str(bad)])
    assert (e.value.path, e.value.line, e.value.column) == (str(bad), 5, 13)
