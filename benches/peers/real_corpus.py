#!/usr/bin/env python3
"""Real text for the side-by-side benchmark, extracted from the public data sets that
eval/real/README.md names: the unique English sources and German MT outputs of WMT23, the
German MT outputs and human references of the WMT21 TED talks, and the EA-MT sentences
(English questions and their human translations into ar, de, es, fr, it and ja).

Nobody on the project wrote any of it, and no glossary was made around it: it is the text
that speed is quoted on (benches/peers/run.sh). Written as files of about 40 KB, one
language per file, named DATASET-LANG-NNN.txt, one segment per line.

    python3 benches/peers/real_corpus.py --data DATA --out DIR

DATA is the folder that holds wmt-mqm/ and ea-mt/ (see eval/real/README.md for where the
files come from and their licences).
"""

import argparse
import gzip
import io
import json
import os
import sys
import tarfile
import zipfile

WMT23 = "wmt-mqm/sxs_mqm_generalMT2023_ende.3ratingsPerSegment.tsv.tar.gz"
TED = "wmt-mqm/mqm_ted_ende.tsv.gz"
EAMT = "ea-mt/semeval.train.v2.zip"
CHUNK = 40_000


def unmark(s):
    return s.replace("<v>", "").replace("</v>", "")


def mqm_rows(lines):
    """The (source, target) of each row of an MQM TSV, header skipped."""
    header = next(lines).rstrip("\n").split("\t")
    src, tgt = header.index("source"), header.index("target")
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) > max(src, tgt):
            yield unmark(cols[src]), unmark(cols[tgt])


def collect(data):
    """Segments per (dataset, language), each once, in the order first seen."""
    out = {}

    def add(key, text):
        text = " ".join(text.split())
        if text:
            out.setdefault(key, {})[text] = None

    with tarfile.open(os.path.join(data, WMT23)) as tar:
        member = next(m for m in tar.getmembers() if m.isfile())
        lines = io.TextIOWrapper(tar.extractfile(member), encoding="utf-8")
        for source, target in mqm_rows(lines):
            add(("wmt23", "en"), source)
            add(("wmt23", "de"), target)
    with gzip.open(os.path.join(data, TED), "rt", encoding="utf-8") as f:
        for source, target in mqm_rows(f):
            add(("ted", "en"), source)
            add(("ted", "de"), target)
    with zipfile.ZipFile(os.path.join(data, EAMT)) as z:
        for name in sorted(z.namelist()):
            if not name.endswith(".jsonl"):
                continue
            for line in z.open(name):
                d = json.loads(line)
                add(("eamt", d["source_locale"]), d["source"])
                add(("eamt", d["target_locale"]), d["target"])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, help="the folder that holds wmt-mqm/ and ea-mt/")
    ap.add_argument("--out", required=True, help="where to write the corpus")
    args = ap.parse_args()
    for path in (WMT23, TED, EAMT):
        if not os.path.isfile(os.path.join(args.data, path)):
            sys.exit(f"real_corpus.py: {os.path.join(args.data, path)} is missing; --data must name the folder that holds {path}")
    os.makedirs(args.out, exist_ok=True)
    total = files = 0
    for (dataset, lang), segments in sorted(collect(args.data).items()):
        chunk, size, n = [], 0, 0
        for seg in list(segments) + [None]:
            if seg is not None:
                chunk.append(seg)
                size += len(seg.encode("utf-8")) + 1
            if chunk and (size >= CHUNK or seg is None):
                path = os.path.join(args.out, f"{dataset}-{lang}-{n:03}.txt")
                with open(path, "w", encoding="utf-8", newline="\n") as f:
                    f.write("\n".join(chunk) + "\n")
                total += size
                files += 1
                n += 1
                chunk, size = [], 0
    print(f"real_corpus.py: {files} files, {total / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
