#!/usr/bin/env python3
"""Generate glossaries/world.toml, the built-in world glossary.

Sources, both installed from PyPI at the pinned versions below:

- Country and territory names in 12 languages: the Unicode CLDR, as shipped by Babel 2.18.0
  (Babel: BSD-3-Clause; CLDR data: Unicode License v3).
- English alternative names and demonyms: countryinfo 1.0.1 (MIT).
- Other spellings and regional variants: the Unicode CLDR 48 as npm cldr-localenames-full
  48.2.0 ships it (Unicode License v3): each language's short and variant names
  ("Czech Republic" beside "Czechia", "Ivory Coast", "Osttimor") and every name that CLDR 48
  gives where Babel's differs become alternatives; the regional locales en-GB, es-419,
  fr-CA, pt-PT and zh-Hant get forms of their own where they differ from the language's
  (pt-PT "Arménia", "Quénia" for pt "Armênia", "Quênia"). Then the region-less tag holds
  every region's forms (a text tagged "pt" may be from either country), and the language's
  default region (en-US, es-ES, fr-FR, pt-BR, zh-Hans) gets the language's own forms, so
  that a text tagged with a region is held to that region's spelling.

Run:  python3 -m venv /tmp/v && /tmp/v/bin/pip install babel==2.18.0 countryinfo==1.0.1
      npm install --prefix /tmp/kn-npm --no-save cldr-localenames-full@48.2.0
      /tmp/v/bin/python scripts/gen_world_glossary.py \
          --cldr /tmp/kn-npm/node_modules/cldr-localenames-full > glossaries/world.toml

The output is deterministic. A form claimed by two entries in one language is dropped from
both (glosslint refuses such a glossary), and so is any demonym equal to a country name.
"""

import argparse
import json
import os
import sys
import unicodedata

import babel
import countryinfo
from babel import Locale

LANGS = ["ar", "de", "en", "es", "fr", "hi", "it", "ja", "pt", "ru", "tr", "zh"]
# The regional CLDR locales read, and the region the language's own CLDR locale stands for.
REGIONS = {"en": "en-GB", "es": "es-419", "fr": "fr-CA", "pt": "pt-PT", "zh": "zh-Hant"}
DEFAULT_REGION = {"en": "en-US", "es": "es-ES", "fr": "fr-FR", "pt": "pt-BR", "zh": "zh-Hans"}
CLDR_VERSION = "48.2.0"
# CLDR codes that are not countries or territories.
NOT_TERRITORIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}


def key(form):
    """The comparison glosslint uses to decide that two forms are the same."""
    s = unicodedata.normalize("NFKC", form)
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(s.split())


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def plural(demonym):
    if demonym.endswith(("s", "sh", "ch", "ese", "i")) or " " in demonym:
        return None
    return demonym + "s"


def cldr_names(root, locale):
    """code -> [default name, short and variant names] of one CLDR locale."""
    path = os.path.join(root, "main", locale, "territories.json")
    with open(path, encoding="utf-8") as f:
        table = json.load(f)["main"][locale]["localeDisplayNames"]["territories"]
    names = {}
    for code, name in sorted(table.items()):
        base, _, alt = code.partition("-alt-")
        if alt not in ("", "short", "variant"):
            continue
        # Acronyms ("UK", "EE. UU.", "R.-U.") are left out: the built-in glossary matches
        # case-insensitively, and "US" would be every "us". A name in a script without case
        # is no acronym: ja "アメリカ" for "アメリカ合衆国", ar "أمريكا" are kept.
        cased = [c for c in name if c.isupper() or c.islower()]
        if alt and ((cased and not any(c.islower() for c in cased)) or "." in name or "\u0970" in name):
            continue
        names.setdefault(base, [None])
        if alt:
            names[base].append(name)
        else:
            names[base][0] = name
    return {c: [n for n in ns if n] for c, ns in names.items() if ns[0]}


def add(fs, names):
    for n in names:
        if key(n) not in {key(f) for f in fs}:
            fs.append(n)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cldr", required=True, help="the cldr-localenames-full package folder")
    args = parser.parse_args()
    with open(os.path.join(args.cldr, "package.json"), encoding="utf-8") as f:
        version = json.load(f)["version"]
    if version != CLDR_VERSION:
        sys.exit(f"cldr-localenames-full {version}; this script reads {CLDR_VERSION}")
    cldr = {loc: cldr_names(args.cldr, loc) for loc in LANGS + list(REGIONS.values())}
    codes = sorted(
        c for c in Locale("en").territories
        if len(c) == 2 and c.isalpha() and c not in NOT_TERRITORIES
    )
    info = {}
    for country in countryinfo.all_countries():
        data = country.info()
        iso = (data.get("ISO") or {}).get("alpha2")
        if iso:
            info[iso.upper()] = data

    # forms[code][lang] = [canonical, alternatives...]
    forms = {}
    for code in codes:
        forms[code] = {}
        for lang in LANGS:
            name = Locale.parse(lang).territories.get(code)
            if name:
                forms[code][lang] = [name]
                add(forms[code][lang], cldr[lang].get(code, []))
        # Regional variants: the region's names where they differ from the language's.
        for lang, region in REGIONS.items():
            own = forms[code].get(lang)
            theirs = cldr[region].get(code)
            if not own or not theirs or {key(n).casefold() for n in theirs} <= {key(n).casefold() for n in own}:
                continue
            forms[code][DEFAULT_REGION[lang]] = list(own)
            forms[code][region] = list(theirs)
            add(own, theirs)
        data = info.get(code)
        if data and "en" in forms[code]:
            extra = [data.get("name", "")] + list(data.get("altSpellings") or [])
            for alt in extra:
                alt = alt.strip()
                # Skip codes ("NE", "NER") and names in other scripts or languages' letters.
                if not alt or (alt.isupper() and len(alt) <= 3) or not all(
                    c.isascii() or unicodedata.category(c).startswith("L") and ord(c) < 0x250 or c in " '’-.()"
                    for c in alt
                ):
                    continue
                if key(alt) not in {key(f) for f in forms[code]["en"]}:
                    forms[code]["en"].append(alt)

    demonyms = {}  # demonym -> set of codes
    for code in codes:
        d = (info.get(code) or {}).get("demonym")
        if d and d.strip():
            demonyms.setdefault(d.strip(), set()).add(code)

    # Drop forms claimed twice in a language, and demonyms equal to a country name.
    owners = {}
    for code, by_lang in forms.items():
        for lang, fs in by_lang.items():
            for f in fs:
                owners.setdefault((lang, key(f)), set()).add(code)
    for code, by_lang in forms.items():
        for lang in list(by_lang):
            kept = [f for f in by_lang[lang] if len(owners[(lang, key(f))]) == 1]
            if kept and key(kept[0]) == key(by_lang[lang][0]):
                by_lang[lang] = kept
            else:
                del by_lang[lang]
    country_keys = {k for (lang, k) in owners if lang == "en"}
    demonyms = {
        d: cs for d, cs in demonyms.items()
        if key(d) not in country_keys and (plural(d) is None or key(plural(d)) not in country_keys)
    }

    def demonym_id(d):
        ascii_name = unicodedata.normalize("NFKD", d).encode("ascii", "ignore").decode().lower()
        return "demonym-" + "-".join("".join(c if c.isalnum() else " " for c in ascii_name).split())

    ids = {d: demonym_id(d) for d in demonyms}
    assert len(set(ids.values())) == len(ids), "demonym ids collide"
    country_demonyms = {}
    for d, cs in demonyms.items():
        for c in cs:
            country_demonyms.setdefault(c, []).append(ids[d])

    out = sys.stdout
    out.write(
        "# glosslint built-in world glossary: countries and territories in 12 languages and 5 regional\n"
        "# variants, and English\n"
        "# demonyms with context rules for look-alike demonyms (Nigerien/Nigerian).\n"
        "#\n"
        "# GENERATED by scripts/gen_world_glossary.py; do not edit by hand.\n"
        f"# Sources: Unicode CLDR via Babel {babel.__version__} (Unicode License v3; Babel BSD-3-Clause)\n"
        f"# and npm cldr-localenames-full {CLDR_VERSION} (Unicode License v3);\n"
        f"# countryinfo {getattr(countryinfo, '__version__', '1.0.1')} (MIT) for English alternative names and demonyms.\n"
        "# User glossaries take precedence: a form they claim hides that language of an entry here.\n\n"
        "[defaults]\n"
        "# Country names are also ordinary words in lower case (turkey, chad, china): case is not checked.\n"
        'case = "insensitive"\n'
        'diacritics = "strict"\n'
        'boundary = "word"\n'
    )
    for code in codes:
        by_lang = forms[code]
        if not by_lang:
            continue
        out.write(f'\n[[entry]]\nid = "country-{code.lower()}"\nkind = "place"\n')
        out.write(f"description = {toml_str(Locale('en').territories[code] + ' (' + code + ')')}\n")
        links = sorted(country_demonyms.get(code, []))
        if links:
            out.write("links = [" + ", ".join(toml_str(l) for l in links) + "]\n")
        for lang in sorted(by_lang):
            fs = by_lang[lang]
            out.write(f"[entry.forms.{lang}]\ncanonical = {toml_str(fs[0])}\n")
            if len(fs) > 1:
                out.write("alternatives = [" + ", ".join(toml_str(f) for f in fs[1:]) + "]\n")

    names = sorted(demonyms)
    for d in names:
        cs = sorted(demonyms[d])
        out.write(f'\n[[entry]]\nid = "{ids[d]}"\nkind = "demonym"\n')
        out.write("description = " + toml_str("Of " + ", ".join(Locale("en").territories[c] for c in cs) + ".") + "\n")
        out.write("links = [" + ", ".join(toml_str(f"country-{c.lower()}") for c in cs) + "]\n")
        out.write(f"[entry.forms.en]\ncanonical = {toml_str(d)}\n")
        p = plural(d)
        if p:
            out.write(f"alternatives = [{toml_str(p)}]\n")
        # Look-alike demonyms of other countries: wrong when the text is about this country only.
        for other in names:
            if other == d or demonyms[other] & demonyms[d]:
                continue
            a, b = d.lower(), other.lower()
            if a[0] != b[0] or min(len(a), len(b)) < 5 or edit_distance(a, b) > 2:
                continue
            mine = [f"country-{c.lower()}" for c in cs]
            theirs = [f"country-{c.lower()}" for c in sorted(demonyms[other])]
            their_names = " and ".join(Locale("en").territories[c] for c in sorted(demonyms[other]))
            my_names = " and ".join(Locale("en").territories[c] for c in cs)
            pairs = [(other, None)]
            if plural(other) and plural(d):
                pairs.append((plural(other), plural(d)))
            for form, fix in pairs:
                out.write("\n[[entry.confusable]]\nlang = \"en\"\n")
                out.write(f"form = {toml_str(form)}\n")
                if fix:
                    out.write(f"fix = {toml_str(fix)}\n")
                out.write(
                    "reason = "
                    + toml_str(f"{other} is the demonym of {their_names}; the demonym of {my_names} is {d}")
                    + "\n"
                )
                out.write("if = [{ in = \"document\", mentions = [" + ", ".join(toml_str(m) for m in mine) + "] }]\n")
                out.write("unless = [{ in = \"document\", mentions = [" + ", ".join(toml_str(m) for m in theirs) + "] }]\n")


if __name__ == "__main__":
    main()
