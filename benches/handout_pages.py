#!/usr/bin/env python3
"""The handout's page estimate against the pages Chromium prints.

For each guide of a set (gen_guide.py lessons, some with the alerts the handout collects and a
gear catalogue whose recommended items the lessons use, on A4 or Letter), prints the estimate
`guidebook check -v` logs and the pages of the handout.pdf that `guidebook pdf` prints (read with
pdfinfo). Usage:

    python3 benches/handout_pages.py target/release/guidebook /tmp/handout-guides [--chrome PATH]
"""

import argparse
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORDS = ("harness leash calm treat door walk garden balcony slowly patient reward strap buckle "
         "fit quiet steady session minute window").split()

# name, lessons, notes, recommended gear items, paper, checklists
GUIDES = [
    ("n10", 10, 0, 0, "A4", True), ("n13", 13, 0, 0, "A4", True), ("n15", 15, 0, 0, "A4", True),
    ("n17", 17, 0, 0, "A4", True), ("n20", 20, 0, 0, "A4", True), ("n30", 30, 0, 0, "A4", True),
    ("n60", 60, 0, 0, "A4", True), ("n130", 130, 0, 0, "A4", True),
    ("n400", 400, 0, 0, "A4", True), ("t45", 45, 0, 0, "A4", False),
    ("t52", 52, 0, 0, "A4", False), ("t60", 60, 0, 0, "A4", False),
    ("t200", 200, 0, 0, "A4", False), ("notes12", 12, 12, 0, "A4", True),
    ("nt10", 10, 10, 10, "A4", True), ("gear40", 12, 0, 40, "A4", True),
    ("gear90", 10, 0, 90, "A4", False), ("m12", 12, 6, 12, "A4", True),
    ("m14", 14, 4, 6, "A4", True), ("l12", 12, 0, 0, "Letter", True),
    ("l13", 13, 3, 5, "Letter", True), ("let30", 30, 0, 0, "Letter", True),
]


def sentence(rng, count):
    return " ".join(rng.choice(WORDS) for _ in range(count)).capitalize() + "."


def make_guide(folder, lessons, notes, gear, paper, checklists, seed=1):
    """gen_guide.py's lessons, with alerts and gear added and the checklists kept or taken out."""
    subprocess.run([sys.executable, os.path.join(HERE, "gen_guide.py"), folder, "--lessons",
                    str(lessons), "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    rng = random.Random(seed)
    content = os.path.join(folder, "content")
    with open(os.path.join(folder, "guide.toml"), "a") as toml:
        toml.write(f'\n[print]\npaper = "{paper}"\n')
        if notes:
            toml.write('\n[handout]\nnotes = ["warning"]\n')
    if gear:
        lines = ["categories:", "  - id: kit", "    title: Kit", "    attributes:",
                 "      - { key: size, label: Size }", "    items:"]
        for i in range(gear):
            lines += [f"      - id: item{i}", f"        name: {sentence(rng, 2)[:-1]}",
                      "        values: { size: M }", "        verdict: recommended",
                      f"        reason: {sentence(rng, rng.randint(6, 16))}"]
        with open(os.path.join(content, "gear.yaml"), "w") as catalogue:
            catalogue.write("\n".join(lines) + "\n")
    names = sorted(n for n in os.listdir(content) if n.endswith(".md") and not n.startswith("_"))
    for i, name in enumerate(names):
        path = os.path.join(content, name)
        with open(path) as lesson:
            text = lesson.read()
        if gear:
            ids = ", ".join(f"item{(i * 3 + k) % gear}" for k in range(3))
            text = text.replace("prerequisites:", f"gear: [{ids}]\nprerequisites:", 1)
        if notes and i % max(1, lessons // notes) == 0:
            text += f"\n> [!WARNING]\n> {sentence(rng, rng.randint(8, 30))}\n"
        if not checklists:
            text = re.sub(r"^- \[ \] .*\n", "", text, flags=re.M)
        with open(path, "w") as lesson:
            lesson.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("guidebook")
    parser.add_argument("folder")
    parser.add_argument("--chrome")
    args = parser.parse_args()
    guidebook = os.path.abspath(args.guidebook)
    print("| guide | lessons | notes | gear | paper | checklists | estimate | printed |")
    print("|---|---:|---:|---:|---|---|---:|---:|")
    for name, lessons, notes, gear, paper, checklists in GUIDES:
        folder = os.path.join(args.folder, name)
        make_guide(folder, lessons, notes, gear, paper, checklists)
        check = subprocess.run([guidebook, "check", folder, "-v"], capture_output=True, text=True)
        found = re.search(r"`handout\.html` comes to about ([0-9.]+) pages", check.stderr)
        pdf = [guidebook, "pdf", folder, "-q"] + (["--chrome", args.chrome] if args.chrome else [])
        subprocess.run(pdf, check=True, capture_output=True)
        info = subprocess.run(["pdfinfo", os.path.join(folder, "site", "handout.pdf")],
                              capture_output=True, text=True, check=True).stdout
        pages = re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)
        estimate = found.group(1) if found else "?"
        print(f"| {name} | {lessons} | {notes} | {gear} | {paper} | {'yes' if checklists else 'no'} "
              f"| {estimate} | {pages} |", flush=True)


if __name__ == "__main__":
    main()
