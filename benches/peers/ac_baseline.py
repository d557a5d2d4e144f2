#!/usr/bin/env python3
"""Raw exact-match baselines: pyahocorasick or flashtext over a folder, matching the wrong
phrases of wrong.tsv at word boundaries. Prints one line per match: file, line, phrase."""
import os, re, sys

mode, folder, table = sys.argv[1], sys.argv[2], sys.argv[3]
pairs = [line.rstrip("\n").split("\t") for line in open(table, encoding="utf-8")]
files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
out = []
if mode == "pyahocorasick":
    import ahocorasick
    A = ahocorasick.Automaton()
    for wrong, right in pairs:
        A.add_word(wrong, (wrong, right))
    A.make_automaton()
    for path in files:
        text = open(path, encoding="utf-8").read()
        for end, (wrong, _) in A.iter(text):
            start = end - len(wrong) + 1
            before = text[start - 1] if start > 0 else " "
            after = text[end + 1] if end + 1 < len(text) else " "
            if not before.isalnum() and not after.isalnum():
                out.append(f"{os.path.basename(path)}\t{text.count(chr(10), 0, start) + 1}\t{wrong}")
else:
    from flashtext import KeywordProcessor
    kp = KeywordProcessor(case_sensitive=True)
    for wrong, right in pairs:
        kp.add_keyword(wrong, right)
    for path in files:
        text = open(path, encoding="utf-8").read()
        for right, start, end in kp.extract_keywords(text, span_info=True):
            out.append(f"{os.path.basename(path)}\t{text.count(chr(10), 0, start) + 1}\t{text[start:end]}")
print("\n".join(out))
