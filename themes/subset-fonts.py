#!/usr/bin/env python3
"""Makes the default theme's typefaces: themes/default/static/fonts/*.woff2 and their licences.

The default theme ships two families under the SIL Open Font License 1.1, neither with a
Reserved Font Name (so a subset may keep its name):

  Figtree   (Erik Kennedy): the text and the interface on screen, labels in print.
  Literata  (TypeTogether for Google): the headings everywhere ("Literata Display", one weight,
            600, at a display optical size, 36), and the body text in print.

On screen the text face is variable (every weight from 300 to 900 in one file, upright and
italic). Print takes static instances (Figtree Regular and Bold; Literata Regular, Italic and
Bold, at the text optical size), since Chromium embeds a variable font in a PDF as Type 3
outlines without a name, and a static one as the named font it is.

Each is cut down to the characters of the languages guidebook has words for (English, Spanish,
French, German, Portuguese; Latin with their accents, typographic punctuation, the euro sign and
arrows). Japanese is left to the system's CJK fonts (a Japanese subset weighs megabytes): the
theme's font stacks name them after these families.

The fonts come from the npm packages of Fontsource (@fontsource-variable/figtree and
@fontsource-variable/literata, their "latin" files, which Google Fonts cuts from the upstream
fonts), fetched with `npm pack`; fonttools does the rest. Same versions in, same bytes out:

    python3 -m venv /tmp/fonts-venv
    /tmp/fonts-venv/bin/pip install fonttools==4.68.0 brotli==1.2.1
    /tmp/fonts-venv/bin/python themes/subset-fonts.py

It sits beside the theme folders, not in one, so that it is not part of any theme.
"""

import io
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tempfile

from fontTools import subset, version as fonttools_version
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

FONTTOOLS = "4.68.0"
PACKAGES = {
    "figtree": "@fontsource-variable/figtree@5.3.0",
    "literata": "@fontsource-variable/literata@5.3.0",
}
OUT = pathlib.Path(__file__).resolve().parent / "default" / "static" / "fonts"

# Basic Latin and Latin-1 (every accent of en, es, fr, de, pt, and ¿ ¡ « » ß ç ñ), œ Œ Ÿ, the
# spaces French sets before : ; ! ?, dashes, quotes of every language above, bullets, ellipsis,
# primes, the euro and trade mark signs, arrows, minus.
UNICODES = (
    "U+0020-007E,U+00A0-00FF,U+0131,U+0152-0153,U+0178,U+02C6,U+02DA,U+02DC,"
    "U+2009-200B,U+2010-2015,U+2018-201E,U+2020-2022,U+2026,U+202F,U+2030,U+2032-2033,"
    "U+2039-203A,U+2044,U+20AC,U+2122,U+2190-2193,U+2212,U+2215,U+FEFF,U+FFFD"
)

# (output file, package, file in the package, axis positions: None keeps the font variable; the
# family and style it is named by when it is made static)
FONTS = [
    ("figtree.woff2", "figtree", "figtree-latin-wght-normal.woff2", None, None),
    ("figtree-italic.woff2", "figtree", "figtree-latin-wght-italic.woff2", None, None),
    ("figtree-regular.woff2", "figtree", "figtree-latin-wght-normal.woff2", {"wght": 400}, ("Figtree", "Regular")),
    ("figtree-bold.woff2", "figtree", "figtree-latin-wght-normal.woff2", {"wght": 700}, ("Figtree", "Bold")),
    ("literata-regular.woff2", "literata", "literata-latin-wght-normal.woff2", {"wght": 400}, ("Literata", "Regular")),
    ("literata-italic.woff2", "literata", "literata-latin-wght-italic.woff2", {"wght": 400}, ("Literata", "Italic")),
    ("literata-bold.woff2", "literata", "literata-latin-wght-normal.woff2", {"wght": 700}, ("Literata", "Bold")),
    ("literata-display.woff2", "literata", "literata-latin-opsz-normal.woff2", {"wght": 600, "opsz": 36}, ("Literata Display", "SemiBold")),
]
LICENCES = {"figtree": "LICENSE-figtree.txt", "literata": "LICENSE-literata.txt"}


def fetch(spec: str, into: pathlib.Path) -> pathlib.Path:
    """The unpacked npm package `spec`, fetched with `npm pack`."""
    tarball = subprocess.run(
        ["npm", "pack", "--silent", spec], cwd=into, check=True, capture_output=True, text=True
    ).stdout.strip().splitlines()[-1]
    folder = into / spec.split("/")[-1].replace("@", "-")
    with tarfile.open(into / tarball) as archive:
        archive.extractall(folder, filter="data")
    return folder / "package"


def make(source: pathlib.Path, position, names, target: pathlib.Path) -> None:
    """`source` cut to UNICODES (every layout feature kept), made static at `position` and named
    `names` if given, as WOFF2."""
    font = TTFont(source, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    if position:
        buffer = io.BytesIO()
        font.save(buffer)
        buffer.seek(0)
        font = instancer.instantiateVariableFont(TTFont(buffer, recalcTimestamp=False), position)
        rename(font, *names)
    font.flavor = "woff2"
    buffer = io.BytesIO()
    font.save(buffer)
    target.write_bytes(buffer.getvalue())


def rename(font: TTFont, family: str, style: str) -> None:
    """Names a static instance `family` `style` (what a PDF's font list shows)."""
    table = font["name"]
    for name_id in (16, 17, 21, 22, 25):
        table.removeNames(nameID=name_id)
    full = family if style == "Regular" else f"{family} {style}"
    postscript = f"{family.replace(' ', '')}-{style}"
    for name_id, text in ((1, family), (2, style), (3, postscript), (4, full), (6, postscript)):
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)


def main() -> int:
    if fonttools_version != FONTTOOLS:
        print(f"fonttools {FONTTOOLS} makes these files (this is {fonttools_version})", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        packages = {name: fetch(spec, pathlib.Path(temp)) for name, spec in PACKAGES.items()}
        for name, package, file, position, names in FONTS:
            make(packages[package] / "files" / file, position, names, OUT / name)
            print(f"{OUT / name}: {(OUT / name).stat().st_size} bytes")
        for package, licence in LICENCES.items():
            shutil.copyfile(packages[package] / "LICENSE", OUT / licence)
    return 0


if __name__ == "__main__":
    sys.exit(main())
