#!/usr/bin/env python3
"""Generate the side-by-side benchmark corpus, with a fixed seed.

Writes into OUT (default /tmp/glosslint-bench):
  corpus/NNN.txt     news-like English, MB megabytes in FILES files
  glossary.toml      ENTITIES entities, each with one to three drifted wrong variants
  truth.json         every injected wrong variant: file, line, phrase, and its drifted word
  typos.toml         [default.extend-words] drifted-word = "right-word"      (typos)
  codespell.txt      drifted-word->right-word                                (codespell)
  prh.yml            expected/patterns rules                                 (textlint-rule-prh)
  wrong.tsv          wrong phrase <TAB> right phrase                         (AC baselines)

With --scripts, entities also have forms in other scripts, transliterated letter by letter:
Russian (Cyrillic) for even entities, Arabic for odd ones, and Chinese for every tenth. The
corpus and the wrong variants stay the same.

Usage: gen_corpus.py [--out DIR] [--mb 10] [--files 500] [--entities 10000] [--seed 7]
                     [--scripts]
"""

import argparse, json, os, random

SYLLABLES = ["ka", "lo", "mi", "ta", "ra", "bu", "se", "no", "di", "gu", "ha", "ze", "po", "vi",
             "we", "sa", "ko", "ri", "ne", "tu", "ma", "do", "li", "fa", "go", "pe", "zu", "ya",
             "be", "hi", "nu", "ke"]
WORDS = ("the of and to in a that for on with as was by said government forces military "
         "president minister country region security withdrawal agreement after before while "
         "during against troops border capital announced reported according officials army "
         "talks meeting week year month people city state new would could also have been "
         "their other more than into under over about between since where which when").split()


CYRILLIC = dict(zip("abdefghiklmnoprstuvwyz", "абдефгхиклмнопрстуввйз"))
ARABIC = dict(zip("abdefghiklmnoprstuvwyz", "ابديفغهيكلمنوبرستوفويز"))


def transliterate(phrase, letters):
    return "".join(letters.get(c, c) for c in phrase.lower())


def chinese(phrase):
    """Two to six CJK ideographs derived from the name, as a stand-in for a Chinese form."""
    letters = [c for c in phrase.lower() if c != " "]
    return "".join(chr(0x4E00 + (ord(c) * 7919 + k * 31) % 20000) for k, c in enumerate(letters))[:6]


def other_scripts(i, n, claimed):
    """The TOML of entity i's forms in other scripts, each unique in its language."""
    forms = []
    if i % 2 == 0:
        forms.append(("ru", transliterate(n, CYRILLIC).title()))
    else:
        forms.append(("ar", transliterate(n, ARABIC)))
    if i % 10 == 0:
        forms.append(("zh", chinese(n)))
    out = ""
    for lang, form in forms:
        if (lang, form) not in claimed:
            claimed.add((lang, form))
            out += f"[entry.forms.{lang}]\ncanonical = {json.dumps(form, ensure_ascii=False)}\n"
    return out


def name(rng):
    words = []
    for _ in range(rng.choice([1, 2, 2, 3])):
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        words.append(w.capitalize())
    return " ".join(words)


def drift(phrase, rng):
    """One vowel of one word drifts, as machine translation does."""
    words = phrase.split(" ")
    k = rng.randrange(len(words))
    w = words[k]
    spots = [i for i, c in enumerate(w) if i > 0 and c in "aeiou"]
    i = rng.choice(spots)
    new = rng.choice([v for v in "aeiou" if v != w[i]])
    words[k] = w[:i] + new + w[i + 1:]
    return " ".join(words), k


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/glosslint-bench")
    ap.add_argument("--mb", type=float, default=10)
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--entities", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--scripts", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "corpus"), exist_ok=True)

    seen, entities = set(), []
    while len(entities) < a.entities:
        n = name(rng)
        if n.lower() in seen:
            continue
        variants = []
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            v, k = drift(n, rng)
            if v.lower() not in seen and v not in [x[0] for x in variants]:
                variants.append((v, k))
        seen.add(n.lower())
        for v, _ in variants:
            seen.add(v.lower())
        entities.append((n, variants))

    claimed = set()
    with open(os.path.join(a.out, "glossary.toml"), "w", encoding="utf-8") as g:
        for i, (n, variants) in enumerate(entities):
            vs = ", ".join(json.dumps(v) for v, _ in variants)
            more = other_scripts(i, n, claimed) if a.scripts else ""
            g.write(f'[[entry]]\nid = "e{i}"\nkind = "person"\n[entry.forms.en]\ncanonical = {json.dumps(n)}\nvariants = [{vs}]\n{more}\n')

    # Token rules for tools that only see single words: the drifted word -> the right word,
    # unless the drifted word is ambiguous (maps to two right words) or is itself a name word.
    right_words = {w.lower() for n, _ in entities for w in n.split()}
    token_map, clash = {}, set()
    for n, variants in entities:
        for v, k in variants:
            wrong, right = v.split()[k].lower(), n.split()[k].lower()
            if wrong in right_words:
                clash.add(wrong)
            elif token_map.get(wrong, right) != right:
                clash.add(wrong)
            else:
                token_map[wrong] = right
    for w in clash:
        token_map.pop(w, None)

    with open(os.path.join(a.out, "typos.toml"), "w") as t:
        t.write("[default]\nlocale = \"en\"\n[default.extend-words]\n")
        for w, r in sorted(token_map.items()):
            t.write(f"{w} = \"{r}\"\n")
    with open(os.path.join(a.out, "codespell.txt"), "w") as c:
        for w, r in sorted(token_map.items()):
            c.write(f"{w}->{r}\n")
    with open(os.path.join(a.out, "prh.yml"), "w") as p:
        p.write("version: 1\nrules:\n")
        for n, variants in entities:
            if variants:
                p.write(f"  - expected: {json.dumps(n)}\n    patterns:\n")
                for v, _ in variants:
                    p.write(f"      - {json.dumps(v)}\n")
    with open(os.path.join(a.out, "wrong.tsv"), "w") as w:
        for n, variants in entities:
            for v, _ in variants:
                w.write(f"{v}\t{n}\n")

    # The corpus: filler words, one name in 40 words, one injected wrong variant in 400.
    injected = []
    per_file = int(a.mb * 1_000_000 / a.files)
    with_variants = [e for e in entities if e[1]]
    for f in range(a.files):
        out, size, words = [], 0, 0
        while size < per_file:
            r = rng.random()
            if r < 0.0025:
                n, variants = rng.choice(with_variants)
                token, k = rng.choice(variants)
                line = words // 20 + 1
                injected.append([f"{f:03}.txt", line, token, token.split()[k].lower()])
            elif r < 0.025:
                token = rng.choice(entities)[0]
            else:
                token = rng.choice(WORDS)
            words += 1
            sep = ".\n" if words % 20 == 0 else " "
            out.append(token + sep)
            size += len(token) + len(sep)
        with open(os.path.join(a.out, "corpus", f"{f:03}.txt"), "w") as fh:
            fh.write("".join(out))

    variants_total = sum(len(v) for _, v in entities)
    with open(os.path.join(a.out, "truth.json"), "w") as t:
        json.dump({"injected": injected, "variants": variants_total, "token_rules": len(token_map)}, t)
    total = len(injected)
    print(f"{a.files} files, {a.mb} MB, {len(entities)} entities, {sum(len(v) for _, v in entities)} wrong variants, "
          f"{len(token_map)} token rules, {total} injected wrong variants")


if __name__ == "__main__":
    main()
