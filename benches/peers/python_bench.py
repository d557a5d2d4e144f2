#!/usr/bin/env python3
"""The Python package and the Spark example against the command line, on the same records.

Segments are the real text that benches/peers/real_corpus.py extracts (one segment per
line, files named DATASET-LANG-NNN.txt; nobody on the project wrote them), as records with
their language. Measured, alternating the contenders over several rounds on this machine:

- the command line: `glosslint check --input-format jsonl` (and `--fix`) with one worker
  thread (RAYON_NUM_THREADS=1) and two, less its time on no records (start-up and glossary);
- the package: `Glossary.check_batch` / `fix_batch` with threads=1 and threads=2, glossary
  loaded beforehand;
- with --spark: the Spark job (examples/spark) in local[1] on the corpus and on four copies of
  it (the difference gives the throughput per executor core, the rest the fixed overhead),
  and in local[2] on four copies.

    python3 benches/peers/python_bench.py --corpus DIR [--glossary G.toml] [--rounds 5] [--spark]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import glosslint

ROOT = Path(__file__).resolve().parents[2]


def records(corpus: Path):
    out = []
    for path in sorted(corpus.glob("*.txt")):
        lang = path.name.split("-")[1] if path.name.count("-") >= 2 else None
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                out.append({"id": f"{path.stem}:{i + 1}", "lang": lang, "text": line})
    return out


def cli_time(exe, args, stdin: Path, threads: int) -> float:
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads), GLOSSLINT_CACHE_DIR="")
    t = time.perf_counter()
    with stdin.open("rb") as f:
        p = subprocess.run([exe, "check", "--input-format", "jsonl", "-q", *args], stdin=f, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.exit(f"glosslint failed: {p.stderr.decode()[-2000:]}")
    return elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--glossary", action="append", default=[])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--exe", default=str(ROOT / "target" / "release" / "glosslint"))
    ap.add_argument("--spark", action="store_true")
    ap.add_argument("--copies", type=int, default=4, help="the corpus this many times over, for runs long enough to time")
    args = ap.parse_args()

    base = records(args.corpus)
    recs = [dict(r, id=f"{k}:{r['id']}") for k in range(args.copies) for r in base]
    texts = [r["text"] for r in recs]
    langs = [r["lang"] for r in recs]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    tmp = Path(tempfile.mkdtemp(prefix="glosslint-pybench-"))
    jsonl = tmp / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    empty = tmp / "empty.jsonl"
    # One record per language: start-up, the glossary, and every index built.
    seen = {}
    for r in recs:
        seen.setdefault(r["lang"], {"id": "x", "lang": r["lang"], "text": "x"})
    empty.write_text("".join(json.dumps(r) + "\n" for r in seen.values()))
    gargs = [a for g in args.glossary for a in ("-g", g)]

    t = time.perf_counter()
    g = glosslint.Glossary.load(args.glossary, builtin=True)
    g.prepare(sorted({l for l in langs if l}))
    load = time.perf_counter() - t

    times = {}

    def add(name, seconds):
        times.setdefault(name, []).append(seconds)

    for _ in range(args.rounds):
        for threads in (1, 2):
            add(f"cli-check-{threads}", cli_time(args.exe, gargs, jsonl, threads) - cli_time(args.exe, gargs, empty, threads))
            add(f"cli-fix-{threads}", cli_time(args.exe, gargs + ["--fix", "--unsafe-fixes"], jsonl, threads) - cli_time(args.exe, gargs, empty, threads))
            t = time.perf_counter()
            g.check_batch(texts, langs, threads=threads)
            add(f"py-check-{threads}", time.perf_counter() - t)
            t = time.perf_counter()
            g.fix_batch(texts, langs, level="unsafe", threads=threads)
            add(f"py-fix-{threads}", time.perf_counter() - t)

    print(f"{len(recs)} records ({args.copies} × the corpus), {mb:.2f} MB of real text; glossary: built-in{''.join(' + ' + x for x in args.glossary)} (loaded and indexed in {load:.2f} s)")
    print(f"median of {args.rounds} alternating rounds; MB/s of record text\n")
    print("| | 1 thread | 2 threads | 1 → 2 |")
    print("|---|---:|---:|---:|")
    med = {k: statistics.median(v) for k, v in times.items()}
    for name, label in [("cli-check", "CLI `--input-format jsonl`"), ("py-check", "Python `check_batch`"), ("cli-fix", "CLI `--fix --unsafe-fixes`"), ("py-fix", "Python `fix_batch(level=\"unsafe\")`")]:
        a, b = med[f"{name}-1"], med[f"{name}-2"]
        print(f"| {label} | {mb / a:.2f} | {mb / b:.2f} | {a / b:.2f}× |")
    print()
    print(f"Python / CLI per core: check {med['cli-check-1'] / med['py-check-1']:.2f}, fix {med['cli-fix-1'] / med['py-fix-1']:.2f} (1.00 = as fast)")

    if args.spark:
        sys.path.insert(0, str(ROOT / "examples" / "spark"))
        import pyarrow as pa
        import pyarrow.parquet as pq
        from pyspark.sql import SparkSession

        import glosslint_spark

        one = tmp / "x1.parquet"
        four = tmp / "x4.parquet"
        # The corpus once (not the copies above), and four times.
        mb = sum(len(r["text"].encode()) for r in base) / 1e6
        # Row groups of 10,000 segments: Spark splits a Parquet file by row group.
        pq.write_table(pa.Table.from_pylist(base), one, row_group_size=10_000)
        pq.write_table(pa.Table.from_pylist([dict(r, id=f"{k}:{r['id']}") for k in range(4) for r in base]), four, row_group_size=10_000)
        results = {}
        for master in ("local[1]", "local[2]"):
            spark = (SparkSession.builder.master(master).appName("glosslint-bench")
                     .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
                     .config("spark.sql.files.maxPartitionBytes", str(4 << 20)).getOrCreate())
            # A first job warms the JVM and the workers, as a long-running session is warm.
            glosslint_spark.run_job(spark, str(one), str(tmp / "warm"), args.glossary, level="unsafe")
            for name, corpus in (("x1", one), ("x4", four)):
                if master == "local[2]" and name == "x1":
                    continue
                spent = []
                for _ in range(max(2, args.rounds // 2)):
                    t = time.perf_counter()
                    glosslint_spark.run_job(spark, str(corpus), str(tmp / f"out-{name}"), args.glossary, level="unsafe")
                    spent.append(time.perf_counter() - t)
                results[(master, name)] = statistics.median(spent)
            spark.stop()
        t1, t4 = results[("local[1]", "x1")], results[("local[1]", "x4")]
        per_core = 3 * mb / (t4 - t1)
        overhead = t1 - mb / per_core
        print()
        print(f"Spark (examples/spark, fix_batch unsafe, Parquet in and out), median of runs:")
        print(f"| | {mb:.1f} MB | {4 * mb:.1f} MB |")
        print("|---|---:|---:|")
        print(f"| local[1] | {t1:.1f} s | {t4:.1f} s |")
        print(f"| local[2] | | {results[('local[2]', 'x4')]:.1f} s |")
        print()
        print(f"per executor core: {per_core:.2f} MB/s; fixed overhead per job: {overhead:.1f} s; local[1] → local[2] on {4 * mb:.1f} MB: {t4 / results[('local[2]', 'x4')]:.2f}×")


if __name__ == "__main__":
    main()
