#!/usr/bin/env python3
"""Generate lexicons/LANG.txt: the ordinary words of each language, for the near-miss rule.

A word is ordinary when wordfreq 3.1.1 gives it a Zipf frequency of at least 3.0 (once per
million words or more). A near-miss candidate made only of ordinary words ("Swedes",
"West Africa") is a word of the language, not a mangled name.

Also lexicons/function-words.tsv: the 100 most frequent words of every language wordfreq
ranks ("the", "of", "und", "der"), one language a line, for telling the language of a
passage (a paragraph left in English in a German page).

Data: wordfreq (code Apache-2.0; word frequency data CC BY-SA 4.0, see lexicons/README.md).
Run:  /tmp/v/bin/pip install wordfreq==3.1.1 && /tmp/v/bin/python scripts/gen_lexicons.py
"""

import os

from wordfreq import available_languages, get_frequency_dict, top_n_list, zipf_frequency

LANGS = ["ar", "de", "en", "es", "fr", "hi", "it", "pt", "ru", "tr"]
# Languages whose wordfreq lookups need a tokenizer (MeCab for Japanese): read from the
# frequency table itself; Zipf 3.0 is a frequency of 1e-6.
TABLE_LANGS = ["ja"]
MIN_ZIPF = 3.0
FUNCTION_WORDS = 100
OUT = os.path.join(os.path.dirname(__file__), "..", "lexicons")


def main():
    for lang in LANGS:
        words = [
            w for w in top_n_list(lang, 60000)
            if zipf_frequency(w, lang) >= MIN_ZIPF and any(c.isalpha() for c in w)
        ]
        with open(os.path.join(OUT, f"{lang}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(sorted(set(words))) + "\n")
        print(lang, len(words))
    for lang in TABLE_LANGS:
        words = [
            w for w, f in get_frequency_dict(lang).items()
            if f >= 10 ** (MIN_ZIPF - 9) and any(c.isalpha() for c in w)
        ]
        with open(os.path.join(OUT, f"{lang}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(sorted(set(words))) + "\n")
        print(lang, len(words))
    with open(os.path.join(OUT, "function-words.tsv"), "w", encoding="utf-8") as f:
        for lang in sorted(available_languages(wordlist="best")):
            words = [w for w in top_n_list(lang, FUNCTION_WORDS) if any(c.isalpha() for c in w)]
            f.write(lang + "\t" + " ".join(words) + "\n")


if __name__ == "__main__":
    main()
