#!/usr/bin/env bash
# Tests the CI integrations as far as a machine without GitHub or GitLab allows:
#  1. the pre-commit hook, with the real pre-commit from PyPI, on a sample repository;
#  2. every glosslint command of docs/ci/github-actions.yml and docs/ci/gitlab-ci.yml, on
#     the same sample, checking that each output is what its CI system reads.
# Needs python3 with venv, git, cargo, and the PyPI registry.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet pre-commit==4.7.0 pyyaml==6.0.3

# A sample repository with a glossary and translated copy that has a mangled name.
sample="$work/sample"
mkdir -p "$sample/docs"
cp "$repo/glossaries/sahel.toml" "$sample/"
printf 'glossaries = ["sahel.toml"]\n' > "$sample/glosslint.toml"
printf 'The military ruler of Mali, Qasimi Quetta, spoke in Bamako.\n' > "$sample/docs/article.txt"
git -C "$sample" init --quiet
git -C "$sample" add .
git -C "$sample" -c user.name=ci -c user.email=ci@example.invalid commit --quiet -m sample

echo "== pre-commit hook: must fail on the mangled name"
export PRE_COMMIT_HOME="$work/pre-commit-home"
set +e
(cd "$sample" && "$work/venv/bin/pre-commit" try-repo "$repo" glosslint --all-files --verbose) > "$work/hook.log" 2>&1
status=$?
set -e
grep -q "known-variant" "$work/hook.log" || { cat "$work/hook.log"; echo "FAIL: the hook did not report the known variant"; exit 1; }
[ "$status" -ne 0 ] || { cat "$work/hook.log"; echo "FAIL: the hook passed a file with a known variant"; exit 1; }

echo "== pre-commit hook: must pass once fixed"
printf 'The military ruler of Mali, Assimi Goïta, spoke in Bamako.\n' > "$sample/docs/article.txt"
git -C "$sample" -c user.name=ci -c user.email=ci@example.invalid commit --quiet -am fixed
(cd "$sample" && "$work/venv/bin/pre-commit" try-repo "$repo" glosslint --all-files) > "$work/hook2.log" 2>&1 \
  || { cat "$work/hook2.log"; echo "FAIL: the hook failed a clean file"; exit 1; }

echo "== CI job commands"
printf 'The military ruler of Mali, Qasimi Quetta, spoke in Bamako.\n' > "$sample/docs/article.txt"
cargo build --quiet --release --manifest-path "$repo/Cargo.toml"
export PATH="$repo/target/release:$PATH"
"$work/venv/bin/python" - "$repo" "$sample" <<'PY'
import json, subprocess, sys, xml.dom.minidom, yaml
repo, sample = sys.argv[1], sys.argv[2]

def commands(path, key):
    doc = yaml.safe_load(open(f"{repo}/{path}"))
    if key == "github":
        steps = doc["jobs"]["glosslint"]["steps"]
        lines = [s["run"] for s in steps if "run" in s]
    else:
        lines = doc["glosslint"]["script"]
    return [l for l in lines if l.startswith("glosslint ")]

def run(cmd):
    return subprocess.run(cmd, shell=True, cwd=sample, capture_output=True, text=True)

gh = commands("docs/ci/github-actions.yml", "github")
assert len(gh) == 2, gh
out = run(gh[0])
assert out.returncode == 1, out
assert out.stdout.startswith("::error file=docs/article.txt,line=1,col=29,"), out.stdout
out = run(gh[1])
assert out.returncode == 0, out
log = json.load(open(f"{sample}/glosslint.sarif"))
assert log["version"] == "2.1.0" and log["runs"][0]["results"][0]["ruleId"] == "GL001", log

gl = commands("docs/ci/gitlab-ci.yml", "gitlab")
assert len(gl) == 1, gl
out = run(gl[0])
assert out.returncode == 1, out
report = xml.dom.minidom.parse(f"{sample}/glosslint-junit.xml")
assert len(report.getElementsByTagName("failure")) == 1
print("CI job commands: ok")
PY
echo "2 passed, 0 failed"
