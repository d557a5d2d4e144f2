#!/usr/bin/env bash
# Tests `glosslint check --format html` in a real browser: the report of the example
# articles and of a 10,000-finding run is validated by the Nu HTML checker (vnu-jar from
# npm, run with Java) and rendered by headless Chromium (Debian's package), whose DOM after
# the page's script ran is read back: the findings listed, the span highlighted, the fix and
# its safety, a filter given in the address. Needs cargo, python3, npm and, to install
# Chromium or Java when they are missing, Debian's archive.
# With --screenshot FILE, also writes a screenshot of the example's report (docs/images/).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
screenshot=""
if [ "${1:-}" = "--screenshot" ]; then screenshot="$2"; fi

if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing Debian's ${missing[*]}" >&2
  $sudo apt-get update -q && $sudo apt-get install -y -q "${missing[@]}"
fi
npm install --silent --prefix "$work/npm" vnu-jar@26.9.27 >/dev/null
vnu="$work/npm/node_modules/vnu-jar/build/dist/vnu.jar"

cargo build --locked --release --manifest-path "$repo/Cargo.toml"
bin="$repo/target/release/glosslint"
export GLOSSLINT_CACHE_DIR="$work/cache"

browse() { # URL OUT: the DOM once the page's script has run
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --dump-dom "$1" 2>/dev/null > "$2"
}

(cd "$repo/examples/sahel" && "$bin" check . --format html --fail-on never) > "$work/report.html"
(cd "$repo/examples/sahel" && "$bin" check . --format json --fail-on never) > "$work/report.json"
# A run of 10,000 findings: one mangled name per line.
python3 -c "print('The military ruler of Mali, Qasimi Quetta, spoke.\n' * 10000, end='')" > "$work/many.txt"
"$bin" check "$work/many.txt" -g "$repo/glossaries/sahel.toml" --lang en --format html --fail-on never > "$work/many.html"

echo "== the Nu HTML checker"
java -jar "$vnu" --also-check-css --errors-only "$work/report.html" "$work/many.html"

echo "== headless Chromium"
browse "file://$work/report.html" "$work/dom.html"
browse "file://$work/report.html#rule=near-miss&lang=fr" "$work/dom-filtered.html"
browse "file://$work/many.html" "$work/dom-many.html"
python3 - "$work" <<'PY'
import json, sys
from html.parser import HTMLParser

class Dom(HTMLParser):
    """The findings of a rendered report: each article's data, marked span and fix."""
    def __init__(self):
        super().__init__()
        self.findings, self.stack, self.ids = [], [], {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append((tag, a.get("class", "")))
        if "id" in a:
            self.current_id = a["id"]
            self.ids[a["id"]] = ""
        if tag == "article" and a.get("class") == "finding":
            self.findings.append({"data": a, "mark": "", "fix": "", "where": ""})
    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass
    def handle_data(self, data):
        tags = [t for t, _ in self.stack]
        classes = [c for _, c in self.stack]
        if getattr(self, "current_id", None) == "shown" and tags and tags[-1] == "p":
            self.ids["shown"] += data
        if not self.findings or "article" not in tags:
            return
        f = self.findings[-1]
        if tags[-1] == "mark":
            f["mark"] += data
        if any(c.startswith("fix ") for c in classes):
            f["fix"] += data
        if "where" in classes:
            f["where"] += data

def read(name):
    d = Dom()
    d.feed(open(f"{sys.argv[1]}/{name}", encoding="utf-8").read())
    return d

expected = json.load(open(f"{sys.argv[1]}/report.json"))["findings"]
dom = read("dom.html")
assert len(dom.findings) == len(expected) == 15, (len(dom.findings), len(expected))
for shown, f in zip(dom.findings, expected):
    assert shown["data"]["data-rule"] == f["rule"], (shown, f)
    assert shown["mark"] == f["text"], (shown, f)
    assert shown["where"] == f"{f['path']}:{f['start']['line']}:{f['start']['column']}", (shown, f)
goita = next(s for s in dom.findings if s["mark"] == "Qasimi Quetta")
assert goita["fix"] == "Fix (safe): “Qasimi Quetta” → “Assimi Goïta”", goita
assert dom.ids["shown"] == "Showing 15 of 15 findings.", dom.ids["shown"]

filtered = read("dom-filtered.html")
want = [f for f in expected if f["rule"] == "near-miss" and f["lang"] == "fr"]
assert [s["mark"] for s in filtered.findings] == [f["text"] for f in want], filtered.findings
assert filtered.ids["shown"] == f"Showing {len(want)} of {len(want)} findings (filtered from 15).", filtered.ids["shown"]

many = read("dom-many.html")
assert len(many.findings) == 200, len(many.findings)
assert many.ids["shown"] == "Showing 200 of 10000 findings.", many.ids["shown"]
print("report DOM: 15 findings as the JSON report has them; filters; 10,000 findings in pages of 200")
PY

if [ -n "$screenshot" ]; then
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$work/profile" --window-size=1100,1300 --screenshot="$screenshot" \
    "file://$work/report.html" 2>/dev/null
  echo "screenshot: $screenshot"
fi
