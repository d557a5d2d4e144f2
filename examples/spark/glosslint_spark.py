"""Check and fix a corpus of segments with glosslint inside Spark executors.

Reads a Parquet or JSON Lines corpus with an id, a text and a language per segment; checks
and fixes every text with glosslint (the Python package, on the engine's file-level API)
inside the executors; writes the fixed segments and the findings as Parquet:

    python3 examples/spark/glosslint_spark.py corpus.parquet out/ \\
        --glossary glossaries/sahel.toml --level unsafe

    out/fixed/     id, lang, text (fixed), fixes (applied), error
    out/findings/  id, rule, code, severity, start, end (characters of the original text),
                   byte_start, byte_end, text, replacement, applicability, entry, message,
                   confidence

How the work is laid out, and why:

- The glossary is loaded and indexed once, on the driver, for the corpus's languages, and
  shipped in its compiled form with ``SparkContext.addFile``: each executor fetches the file
  once, and each Python worker reads it back with ``Glossary.from_bytes`` in milliseconds (no
  parsing, no index building) and keeps it for every task it runs.
- ``DataFrame.mapInArrow``: a partition reaches the worker as Arrow record batches, and the
  texts of a batch go to ``Glossary.fix_batch`` in one call that releases the GIL; the
  results go back as one Arrow batch. No pandas, no per-row UDF call, no conversion of rows
  to Python objects beyond the texts themselves. (A pandas UDF would add a pandas round trip
  per batch and the dependency; ``mapInPandas`` the same.)
- Each call runs on one thread (``threads=1``): Spark already runs one Python worker per
  executor core, so threads inside a worker would only compete with the others.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Iterator, Literal, Optional, cast

Level = Literal["safe", "unsafe"]

import pyarrow as pa

import glosslint

FINDING = pa.struct(
    [
        ("rule", pa.string()),
        ("code", pa.string()),
        ("severity", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("byte_start", pa.int64()),
        ("byte_end", pa.int64()),
        ("text", pa.string()),
        ("replacement", pa.string()),
        ("applicability", pa.string()),
        ("entry", pa.string()),
        ("message", pa.string()),
        ("confidence", pa.float64()),
    ]
)

RESULT = pa.schema(
    [
        ("id", pa.string()),
        ("lang", pa.string()),
        ("text", pa.string()),
        ("fixes", pa.int64()),
        ("error", pa.string()),
        ("findings", pa.list_(FINDING)),
    ]
)

# The same schema in Spark's terms, for mapInArrow.
RESULT_DDL = (
    "id string, lang string, text string, fixes bigint, error string, "
    "findings array<struct<rule:string, code:string, severity:string, start:bigint, "
    "end:bigint, byte_start:bigint, byte_end:bigint, text:string, replacement:string, "
    "applicability:string, entry:string, message:string, confidence:double>>"
)

# One glossary per Python worker, read when its first task starts.
_loaded: dict[str, glosslint.Glossary] = {}
# What this driver has shipped to the executors, per Spark application.
_shipped: set[tuple[str, str]] = set()


def _glossary(path: str) -> glosslint.Glossary:
    g = _loaded.get(path)
    if g is None:
        with open(path, "rb") as f:
            g = glosslint.Glossary.from_bytes(f.read())
        _loaded[path] = g
    return g


def _finding(f: glosslint.Finding) -> dict[str, object]:
    return {name: getattr(f, name) for name in FINDING.names}


def fix_partition(
    glossary_file: str,
    level: Level,
    id_col: str = "id",
    text_col: str = "text",
    lang_col: str = "lang",
):
    """The function mapInArrow runs on each partition: batches of (id, text, lang) in, the
    fixed texts and their findings out. `glossary_file` is the name of the compiled
    glossary shipped with SparkContext.addFile, or a path to one (outside Spark)."""

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        path = glossary_file
        if not os.path.isabs(path):
            from pyspark import SparkFiles

            path = SparkFiles.get(glossary_file)
        g = _glossary(path)
        for batch in batches:
            ids = [None if i is None else str(i) for i in batch.column(id_col).to_pylist()]
            texts = batch.column(text_col).to_pylist()
            langs = (
                batch.column(lang_col).to_pylist()
                if lang_col in batch.schema.names
                else [None] * len(texts)
            )
            # A null text is passed through as null, with nothing to report.
            todo = [i for i, t in enumerate(texts) if t is not None]
            results = g.fix_batch(
                [texts[i] for i in todo], [langs[i] for i in todo], level=level, threads=1
            )
            fixed: list[Optional[str]] = list(texts)
            fixes = [0] * len(texts)
            errors: list[Optional[str]] = [None] * len(texts)
            findings: list[list[dict[str, object]]] = [[] for _ in texts]
            out_langs = list(langs)
            for i, r in zip(todo, results):
                fixed[i] = r.text
                fixes[i] = r.applied
                errors[i] = None if r.error is None else str(r.error)
                findings[i] = [_finding(f) for f in r.findings]
                out_langs[i] = r.lang or langs[i]
            yield pa.RecordBatch.from_pydict(
                {
                    "id": ids,
                    "lang": out_langs,
                    "text": fixed,
                    "fixes": fixes,
                    "error": errors,
                    "findings": findings,
                },
                schema=RESULT,
            )

    return run


def run_job(
    spark,
    corpus: str,
    out: str,
    glossaries: list[str],
    *,
    builtin: bool = True,
    level: Level = "safe",
    id_col: str = "id",
    text_col: str = "text",
    lang_col: str = "lang",
) -> dict[str, float]:
    """Runs the job; returns how long its parts took (seconds)."""
    import time

    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    t0 = time.perf_counter()
    reader = spark.read
    df = reader.parquet(corpus) if corpus.endswith(".parquet") else reader.json(corpus)
    df = df.select(
        F.col(id_col).cast("string").alias("id"),
        F.col(text_col).alias("text"),
        (F.col(lang_col) if lang_col in df.columns else F.lit(None).cast("string")).alias("lang"),
    )
    langs = [r[0] for r in df.select("lang").distinct().collect() if r[0] is not None]
    # Checking costs CPU per segment: fewer partitions than cores (one Parquet row group,
    # one JSON file) would leave cores idle, so spread them.
    cores = spark.sparkContext.defaultParallelism
    if df.rdd.getNumPartitions() < cores:
        df = df.repartition(cores)

    # The glossary, once, on the driver: loaded, indexed for the corpus's languages, compiled.
    g = glosslint.Glossary.load(glossaries, builtin=builtin)
    g.prepare(langs)
    data = g.to_bytes(languages=langs)
    # Named by its content: a session ships each glossary once, and never two under a name.
    name = f"glossary-{hashlib.sha256(data).hexdigest()[:16]}.glosslint"
    path = os.path.join(tempfile.mkdtemp(prefix="glosslint-spark-"), name)
    with open(path, "wb") as f:
        f.write(data)
    sc = spark.sparkContext
    if (sc.applicationId, name) not in _shipped:
        sc.addFile(path)
        _shipped.add((sc.applicationId, name))
    # This module, for the workers to import the partition function from.
    if (sc.applicationId, __file__) not in _shipped:
        sc.addPyFile(__file__)
        _shipped.add((sc.applicationId, __file__))
    t1 = time.perf_counter()

    result = df.mapInArrow(fix_partition(name, level), RESULT_DDL).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    result.select("id", "lang", "text", "fixes", "error").write.mode("overwrite").parquet(
        os.path.join(out, "fixed")
    )
    result.select("id", F.explode("findings").alias("f")).select("id", "f.*").write.mode(
        "overwrite"
    ).parquet(os.path.join(out, "findings"))
    result.unpersist()
    t2 = time.perf_counter()
    return {"setup": t1 - t0, "job": t2 - t1}


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="a Parquet file or folder (.parquet), else JSON Lines")
    ap.add_argument("out", help="folder for fixed/ and findings/")
    ap.add_argument("--glossary", "-g", action="append", default=[], help="repeat for several")
    ap.add_argument("--no-builtin", action="store_true", help="leave the built-in glossary out")
    ap.add_argument("--level", choices=["safe", "unsafe"], default="safe")
    ap.add_argument("--id-col", default="id")
    ap.add_argument("--text-col", default="text")
    ap.add_argument("--lang-col", default="lang")
    ap.add_argument("--master", default=None, help="e.g. local[4]; default: spark-submit's")
    args = ap.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("glosslint")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        times = run_job(
            spark,
            args.corpus,
            args.out,
            args.glossary,
            builtin=not args.no_builtin,
            level=cast(Level, args.level),
            id_col=args.id_col,
            text_col=args.text_col,
            lang_col=args.lang_col,
        )
    except glosslint.GlossaryError as e:
        print(f"glosslint: error: {e}", file=sys.stderr)
        return 2
    finally:
        spark.stop()
    print(f"setup {times['setup']:.1f} s, job {times['job']:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
