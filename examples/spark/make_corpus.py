"""A generated corpus of segments (id, lang, text) as JSON Lines or Parquet, for the Spark
example and its test: sentences of the Sahel examples in English and French, some with the
name errors real machine translation makes (a listed wrong form, a near-miss, a wrong
demonym, a case slip), some clean, in a fixed pseudo-random order.

    python3 examples/spark/make_corpus.py --rows 100000 --out corpus.parquet
"""

import argparse
import json
import random
from pathlib import Path

SENTENCES = {
    "en": [
        "The head of the Malian junta, Qasimi Quetta, blames Paris for the security collapse.",
        "French soldiers of Operation Barkhane and the Takoba task force leave Menaka.",
        "The Nigerian forces of Niger took over the base at Tessalit.",
        "Interim president Assimi Goïta met the prime minister in Bamako.",
        "The UN mission MINUSMA will stay in Timbuktu until the end of the year.",
        "Emmanuel Macron announced the withdrawal on Thursday.",
        "According to the daily Liberation, the wagner group changed everything.",
        "Nothing in this sentence names anyone at all.",
    ],
    "fr": [
        "Le chef de la junte malienne, Qasimi Quetta, tient Paris pour responsable.",
        "Les soldats des opérations Barkhane et Takoba quittent Ménaka.",
        "Le président de la transition Assimi Goïta a reçu le Premier ministre à Bamako.",
        "Selon le quotidien Liberation, la présence du groupe wagner a tout changé.",
        "La mission de l'ONU restera à Tombouctou jusqu'à la fin de l'année.",
        "Rien dans cette phrase ne nomme personne.",
    ],
}


def rows(n, seed=7):
    rng = random.Random(seed)
    for i in range(n):
        lang = "fr" if rng.random() < 0.4 else "en"
        k = rng.randint(1, 3)
        text = " ".join(rng.choice(SENTENCES[lang]) for _ in range(k))
        yield {"id": f"seg-{i:07d}", "lang": lang, "text": text}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, required=True, help="a .jsonl or .parquet file")
    args = ap.parse_args()
    records = list(rows(args.rows, args.seed))
    if args.out.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(records), args.out)
    else:
        with args.out.open("w", encoding="utf-8") as out:
            for r in records:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
