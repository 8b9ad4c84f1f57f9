#!/usr/bin/env python3
"""Writes a synthetic training guide of N lessons, for benchmarks.

The same lessons can be written for guidebook and for the peers it is compared with, so a
whole-build comparison feeds every tool the same text:

    python3 benches/gen_guide.py OUT --lessons 1000 [--seed 42] [--flavor guidebook]
                                 [--code-blocks 3] [--images 1] [--translation es]
                                 [--vocabulary 100000]

Flavors:
  guidebook  guide.toml, content/_index.md, content/NNNNN-lesson-i.md with YAML front matter
  hugo       hugo.toml, content/ with TOML front matter, minimal layouts with a sidebar of every
             page and a link render hook that turns `x.md#a` links into page links (and fails the
             build on a missing page, as guidebook does)
  mdbook     book.toml, src/SUMMARY.md listing every chapter, src/*.md without front matter
  zola       config.toml, content/_index.md, content/*.md with TOML front matter, `@/x.md#a` links,
             minimal templates with a sidebar of every page

Each lesson is 5-8 KB with 0-2 prerequisites among the 10 lessons before it (or among all
earlier lessons with `--prerequisites anywhere`): `##` headings, paragraphs with inline markup,
links to earlier lessons (some with an anchor to a heading that exists there), bullet and
numbered lists, a GFM table, a blockquote, a fenced code block and a checklist. Lesson i depends
only on the seed and on i, never on N, so lesson 12 is the same in a 100-lesson and a
10,000-lesson guide. Python 3 standard library only.

`--code-blocks K` adds K program blocks per lesson (8-15 lines each, a mix of Python, R, shell
sessions, SQL, JavaScript, YAML, JSON and Rust, as a programming course would hold) and an
`output` block after one of them; `--images K` adds K images per lesson, all pointing at one
small PNG the script writes beside the lessons (`img/figure.png`). Both are drawn from their own
random streams, so without them the lessons are byte for byte what they were before.

`--vocabulary N` draws the paragraphs' words from N words spread as in real text (Zipf's law:
the usual words first, then made-up words of two to four syllables) instead of the usual two
hundred, so that a search index meets as many distinct words as a real guide's; the lessons'
structure and sizes stay as they are.

`--translation CODE` (guidebook only) makes the guide bilingual: `[languages.CODE]` in
guide.toml and beside every lesson and the introduction a translation (`NNNNN-lesson-i.CODE.md`)
with its own title and summary and the same body (the text's language does not change the work
a build does), so that a whole build in two languages can be timed against one.
"""

import argparse
import functools
import itertools
import os
import random
import shutil
import sys

FLAVORS = ("guidebook", "hugo", "mdbook", "zola")
# Left in every folder this script writes, so it may replace that folder (and no other) later.
MARKER = ".synthetic-guide"
GUIDE_TITLE = "Synthetic training guide"
GUIDE_AUTHOR = "guidebook benchmarks"
GUIDE_DESCRIPTION = "A generated guide for measuring build speed."

WORDS = (
    "the cat harness leash treat reward calm quiet room door window step short session "
    "praise gently slowly every day before after wait watch sniff explore garden indoors "
    "outdoors buckle strap fit snug loose comfortable patient practice repeat minute hour "
    "week routine signal cue name sound click toy play chase rest nap food bowl brush "
    "carrier car trip vet visit balcony grass tree noise dog neighbour visitor hallway sofa "
    "floor table corner blanket towel body tail ears whiskers posture freeze flop follow "
    "lead guide progress confidence trust habit small big gentle steady soft firm clear "
    "and or but so then while when until because if with without near far around through "
    "into onto over under your its their this that each one two three few many more less "
    "is are was be keep let give take put hold show try stop start end move turn walk"
).split()

HEADINGS = (
    "Before you start",
    "Why it matters",
    "Set up the room",
    "Getting the timing right",
    "Reading body language",
    "When your cat hesitates",
    "Short sessions, often",
    "Practise the cue",
    "Add a distraction",
    "Raise the criteria",
    "Step 2: add duration",
    "Step 3: add distance",
    "Common mistakes",
    "Troubleshooting",
    "What success looks like",
    "Signs of stress",
    "Rewards that work",
    "Moving on",
    "A quick review",
    "Ready for more?",
    "Working with two cats",
    "Kittens and seniors",
    "Keep a training log",
    "Safety first",
)
CHECKLIST_HEADING = "Checklist"

DURATIONS = (
    "5 min", "10 min", "15 min", "20 minutes", "5-10 min", "10-15 min", "1 hour",
    "2 hours", "1 day", "2 days", "3 days", "1 week", "2 weeks",
)

CODE_LINES = (
    "day 1: 3 sessions x 2 min, treats by the door",
    "day 2: 3 sessions x 3 min, harness on the floor",
    "day 3: 2 sessions x 5 min, harness over the back",
    "note: stop before your cat loses interest",
    "log: time, place, treats, reaction (0-5)",
    "goal: calm for 5 minutes without treats",
)

# Program blocks for `--code-blocks`: each language has a few opening lines and a pool of
# standalone statements (one or more lines); a block is its opening plus statements until it has
# 8-15 lines. `{n}`, `{m}`,
# `{w}` and `{i}` are filled per block, so blocks differ from lesson to lesson as real ones do.
PROGRAMS = {
    "python": (
        ["import csv", "from statistics import mean", "",
         "def calm_minutes(path, cat=\"{w}\"):",
         "    \"\"\"Minutes of calm walking per session, for one cat.\"\"\"",
         "    with open(path, newline=\"\") as f:",
         "        rows = [r for r in csv.DictReader(f) if r[\"cat\"] == cat]",
         "    return [float(r[\"minutes\"]) for r in rows]", ""],
        ["minutes = calm_minutes(\"log-{i}.csv\")",
         "print(f\"{{len(minutes)}} sessions, mean {{mean(minutes):.1f}} min\")",
         "best = max(minutes, default=0)  # longest calm walk so far",
         "goal = {n} if best < {m} else best + 2",
         "treats = {{\"{w}\": {n}, \"chicken\": {m}}}",
         "if best >= goal:\n    print(\"ready for the garden\")",
         "for day, value in enumerate(minutes, start=1):\n    print(day, round(value, 1))",
         "assert all(m >= 0 for m in minutes), \"negative minutes in the log\""]),
    "r": (
        ["library(dplyr)", "",
         "log <- read.csv(\"log-{i}.csv\", stringsAsFactors = FALSE)",
         "calm <- log %>%",
         "  filter(cat == \"{w}\", minutes > {n}) %>%",
         "  mutate(rate = treats / minutes)"],
        ["summary(calm$minutes)",
         "mean(calm$rate, na.rm = TRUE)  # treats per minute",
         "plot(calm$day, calm$minutes, type = \"b\", main = \"Calm minutes\")",
         "best <- max(calm$minutes)",
         "if (best > {m}) message(\"ready for the garden\")",
         "table(calm$place)",
         "write.csv(calm, \"calm-{i}.csv\", row.names = FALSE)",
         "sessions <- nrow(calm)"]),
    "console": (
        ["$ cd ~/training/{w}", "$ ls -l logs/", "total {n}",
         "-rw-r--r-- 1 kim staff {m}0 Mar {n} 09:1{n} day-{n}.csv"],
        ["$ wc -l logs/day-*.csv\n  {m} logs/day-{n}.csv\n  {n}{m} total",
         "$ grep -c \"calm\" logs/day-{n}.csv\n{m}",
         "$ python3 summarise.py --cat {w} --since 2024-0{n}-01\nsessions: {m}, calm minutes: {n}.5",
         "$ echo \"done for today\" >> notes.txt",
         "$ head -n 2 logs/day-{n}.csv\nday,cat,minutes,place\n{n},{w},{m},hallway"]),
    "sql": (
        ["-- calm sessions per cat, longest first",
         "SELECT cat, COUNT(*) AS sessions,",
         "       AVG(minutes) AS mean_minutes",
         "FROM walks",
         "WHERE place = '{w}' AND minutes > {n}"],
        ["GROUP BY cat",
         "HAVING COUNT(*) >= {m}",
         "ORDER BY mean_minutes DESC",
         "LIMIT 10;",
         "",
         "UPDATE cats SET stage = {n} WHERE name = '{w}';",
         "INSERT INTO walks (cat, minutes, place) VALUES ('{w}', {m}, 'garden');",
         "DELETE FROM walks WHERE minutes IS NULL;"]),
    "javascript": (
        ["// Remember which cues the cat already knows.",
         "const cues = new Map([[\"{w}\", {n}], [\"sit\", {m}]]);", "",
         "function nextCue(known, threshold = {n}) {{",
         "  return [...known.entries()]",
         "    .filter(([, score]) => score < threshold)",
         "    .map(([cue]) => cue)[0] ?? null;",
         "}}"],
        ["console.log(`next cue: ${{nextCue(cues)}}`);",
         "cues.set(\"{w}\", cues.get(\"{w}\") + 1);",
         "const total = [...cues.values()].reduce((a, b) => a + b, 0);",
         "if (total > {m}) document.body.classList.add(\"ready\");",
         "export default nextCue;",
         "localStorage.setItem(\"cues-{i}\", JSON.stringify([...cues]));"]),
    "yaml": (
        ["# training plan for lesson {i}", "cat: {w}", "sessions:",
         "  - day: {n}", "    minutes: {m}", "    place: hallway"],
        ["  - day: {m}\n    minutes: {n}\n    place: garden",
         "  - day: {n}\n    minutes: {m}.5  # a good day\n    place: \"{w} room\"",
         "  - {{ day: {m}, minutes: {n}, place: balcony }}"]),
    "json": (
        ["{{", "  \"cat\": \"{w}\",", "  \"lesson\": {i},", "  \"sessions\": ["],
        ["    {{ \"day\": {n}, \"minutes\": {m}, \"calm\": true }},",
         "    {{ \"day\": {m}, \"minutes\": {n}, \"calm\": false }},",
         "    {{ \"day\": {n}, \"minutes\": 1.5, \"calm\": null }},"]),
    "rust": (
        ["/// One training session, as logged.",
         "#[derive(Debug, Clone)]", "struct Session {{", "    cat: String,",
         "    minutes: f32,", "}}", "",
         "fn calm_total(sessions: &[Session], cat: &str) -> f32 {{",
         "    sessions.iter().filter(|s| s.cat == cat).map(|s| s.minutes).sum()",
         "}}"],
        ["let log = vec![Session {{ cat: \"{w}\".into(), minutes: {n}.0 }}];",
         "println!(\"{{}} min\", calm_total(&log, \"{w}\"));",
         "assert!(calm_total(&log, \"{w}\") >= {n}.0);",
         "let best = log.iter().map(|s| s.minutes).fold(0.0, f32::max);",
         "// more sessions: {m}"]),
}
# Closing lines a block needs after its pool lines (JSON's brackets).
PROGRAM_ENDS = {"json": ["    {{ \"day\": {m}, \"minutes\": {n}, \"calm\": true }}", "  ]", "}}"]}
OUTPUTS = (
    ["{m} sessions, mean {n}.4 min", "ready for the garden"],
    ["   Min. 1st Qu.  Median    Mean 3rd Qu.    Max.", "  {n}.00    {n}.50    {m}.00    {m}.20    {m}.75   1{m}.00"],
    ["cat       sessions  mean_minutes", "--------  --------  ------------", "{w}       {m}         {n}.5"],
    ["next cue: {w}", "1 2.5", "2 {n}.0", "3 {m}.5"],
)


def program_block(rng, i):
    """One fenced program block of 8-15 lines, and its language."""
    language = rng.choice(sorted(PROGRAMS))
    head, pool = PROGRAMS[language]
    end = PROGRAM_ENDS.get(language, [])
    fill = {"n": rng.randint(2, 9), "m": rng.randint(10, 40), "w": rng.choice(WORDS), "i": i}
    want = rng.randint(8, 15)
    lines = list(head)
    while len(lines) + len(end) < want:
        statement = rng.choice(pool).split("\n")
        if len(lines) + len(end) + len(statement) > 15:
            break
        lines.extend(statement)
    lines = [line.format(**fill) for line in lines + end]
    return language, "```" + language + "\n" + "\n".join(lines) + "\n```"


def output_block(rng, i):
    fill = {"n": rng.randint(2, 9), "m": rng.randint(10, 40), "w": rng.choice(WORDS), "i": i}
    lines = [line.format(**fill) for line in rng.choice(OUTPUTS)]
    return "```output\n" + "\n".join(lines) + "\n```"


# A 24x16 PNG (an orange bar on cream), written once per guide for `--images`.
def figure_png():
    import struct
    import zlib

    width, height = 24, 16
    rows = b"".join(
        b"\x00" + b"".join(
            (b"\xb4\x52\x1c" if 4 <= y < 12 and x < 4 + y else b"\xff\xfc\xf7") for x in range(width))
        for y in range(height))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9))
            + chunk(b"IEND", b""))


FIGURE = "img/figure.png"


def file_stem(i):
    return f"{i:05d}-lesson-{i}"


def slug(i):
    return f"lesson-{i}"


def anchor(heading):
    """The anchor GitHub (and guidebook, mdBook, Hugo) give a heading: lowercase, spaces to `-`,
    punctuation dropped. Every heading above also gets the same anchor from Zola's slugify."""
    out = []
    for c in heading.strip():
        if c.isalnum() or c in "-_":
            out.append(c.lower())
        elif c == " ":
            out.append("-")
    return "".join(out)


def headings_of(seed, i):
    """The section headings of lesson i, known before the lesson is written so that later
    lessons can link to them."""
    rng = random.Random(f"{seed}/headings/{i}")
    return rng.sample(HEADINGS, rng.randint(4, 6))


class Writer:
    """Builds one lesson's Markdown. Links are written as `](LINK:file.md#anchor)` and turned
    into each flavor's link syntax afterwards."""

    def __init__(self, seed, i, code_blocks=0, images=0, vocabulary=0):
        self.seed = seed
        self.i = i
        self.rng = random.Random(seed * 1_000_003 + i)
        self.code_blocks = code_blocks
        self.images = images
        self.vocabulary = zipf_vocabulary(vocabulary) if vocabulary else None

    def words(self, low, high):
        k = self.rng.randint(low, high)
        if self.vocabulary is None:
            return self.rng.choices(WORDS, k=k)
        # One random draw per word either way, so the rest of the lesson stays as it is.
        words, cumulative = self.vocabulary
        return self.rng.choices(words, cum_weights=cumulative, k=k)

    def link(self):
        rng = self.rng
        j = rng.randint(1, self.i - 1)
        text = " ".join(self.words(2, 4))
        target = f"{file_stem(j)}.md"
        if rng.random() < 0.5:
            target += "#" + anchor(rng.choice(headings_of(self.seed, j)))
        return f"[{text}](LINK:{target})"

    def sentence(self):
        rng = self.rng
        words = self.words(8, 20)
        roll = rng.random()
        spot = rng.randrange(len(words))
        if roll < 0.12:
            words[spot] = f"**{words[spot]}**"
        elif roll < 0.22:
            words[spot] = f"*{words[spot]}*"
        elif roll < 0.27:
            words[spot] = f"`{words[spot]}`"
        elif roll < 0.32:
            words[spot] = f"\"{words[spot]}\""
        elif roll < 0.36:
            words[spot] = "don't"
        if self.i > 1 and rng.random() < 0.1:
            words.insert(spot, self.link())
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice(".....!?")

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(3, 6)))

    def bullets(self):
        return "\n".join(f"- {self.sentence()}" for _ in range(self.rng.randint(3, 5)))

    def numbered(self):
        return "\n".join(f"{n}. {self.sentence()}" for n in range(1, self.rng.randint(3, 5) + 1))

    def table(self):
        rows = ["| Day | Session | Goal |", "|---|---:|---|"]
        for day in range(1, self.rng.randint(3, 5) + 1):
            rows.append(f"| {day} | {self.rng.randint(2, 10)} min | {' '.join(self.words(3, 6))} |")
        return "\n".join(rows)

    def quote(self):
        return "> " + self.sentence() + "\n> " + self.sentence()

    def code(self):
        lines = self.rng.sample(CODE_LINES, self.rng.randint(3, 5))
        return "```text\n" + "\n".join(lines) + "\n```"

    def checklist(self):
        return "\n".join(f"- [ ] {self.sentence()}" for _ in range(self.rng.randint(3, 6)))

    def body(self):
        """Returns the Markdown body (without front matter)."""
        rng = self.rng
        target = rng.randint(5000, 7600)
        headings = headings_of(self.seed, self.i)
        # Each structured block once per lesson, placed in a random section.
        extras = [self.bullets, self.numbered, self.table, self.quote, self.code]
        placed = {n: [] for n in range(len(headings))}
        for block in extras:
            placed[rng.randrange(len(headings))].append(block)
        sections = [[self.paragraph()]]
        for n, heading in enumerate(headings):
            sections.append([f"## {heading}", self.paragraph()])
            for block in placed[n]:
                sections[-1].append(block())
        checklist = [f"## {CHECKLIST_HEADING}", self.checklist()]
        size = sum(len(p) + 2 for s in sections + [checklist] for p in s)
        # Fill with paragraphs, spread over the sections, until the lesson reaches its size.
        while size < target:
            paragraph = self.paragraph()
            sections[rng.randrange(1, len(sections))].append(paragraph)
            size += len(paragraph) + 2
        self.add_programs_and_images(sections)
        return "\n\n".join(p for s in sections + [checklist] for p in s) + "\n"

    def add_programs_and_images(self, sections):
        """`--code-blocks` and `--images`, from a random stream of their own (so the rest of the
        lesson stays as it is without them): each block or image at the end of a random section,
        one output block right after the first program."""
        rng = random.Random(f"{self.seed}/code/{self.i}")
        for k in range(self.code_blocks):
            _, block = program_block(rng, self.i)
            section = sections[rng.randrange(1, len(sections))]
            section.append(block)
            if k == 0:
                section.append(output_block(rng, self.i))
        for k in range(self.images):
            image = f"![Figure {k + 1} of lesson {self.i}]({FIGURE})"
            sections[rng.randrange(1, len(sections))].append(image)


# How far back a prerequisite may be with `--prerequisites recent`.
RECENT = 10


SYLLABLES = (
    "ba be bi bo bu da de di do du fa fe fi fo ga ge go ka ke ki ko ku la le li lo lu ma me mi "
    "mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to tu va ve vi vo za"
).split()


@functools.lru_cache(maxsize=None)
def zipf_vocabulary(size):
    """`size` words for `--vocabulary`: WORDS first, then made-up words of two to four
    syllables, with the cumulative weights of Zipf's law (the word of rank r weighs 1/r), as
    the words of real text are spread."""
    words = list(WORDS)
    n = 0
    while len(words) < size:
        digits, rest = [], n
        while True:
            digits.append(SYLLABLES[rest % len(SYLLABLES)])
            rest //= len(SYLLABLES)
            if rest == 0:
                break
        n += 1
        if len(digits) >= 2:
            words.append("".join(digits))
    words = words[:size]
    return words, list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))


def lesson(seed, i, prerequisites="recent", code_blocks=0, images=0, vocabulary=0):
    """Lesson i as a dict: metadata and the body with link placeholders. Prerequisites are
    among the RECENT lessons before it ("recent", as in a guide that builds step by step) or
    among all earlier lessons ("anywhere")."""
    w = Writer(seed, i, code_blocks, images, vocabulary)
    rng = random.Random(f"{seed}/meta/{i}")
    first = 1 if prerequisites == "anywhere" else max(1, i - RECENT)
    prerequisites = sorted(rng.sample(range(first, i), min(i - first, rng.randint(0, 2))))
    return {
        "i": i,
        "title": f"Lesson {i}: {' '.join(rng.choices(WORDS, k=rng.randint(2, 4)))}",
        "duration": rng.choice(DURATIONS),
        "summary": " ".join(rng.choices(WORDS, k=rng.randint(12, 24))).capitalize() + ".",
        "prerequisites": prerequisites,
        "body": w.body(),
    }


def intro(seed):
    w = Writer(seed, 0)
    return "\n\n".join(
        ["## About this guide", w.paragraph(), w.paragraph(), "## How to use it", w.paragraph()]
    ) + "\n"


def links(body, prefix):
    return body.replace("](LINK:", "](" + prefix)


def toml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------------------------- flavors


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_guidebook(out, seed, lessons, translation=None):
    languages = [] if translation is None else [
        "",
        f"[languages.{translation}]",
        f"title = {toml_string(GUIDE_TITLE + ' (' + translation + ')')}",
    ]
    write(f"{out}/guide.toml", "\n".join([
        f"title = {toml_string(GUIDE_TITLE)}",
        f"author = {toml_string(GUIDE_AUTHOR)}",
        f"description = {toml_string(GUIDE_DESCRIPTION)}",
        'language = "en"',
        'base_url = "/"',
        'theme = "default"',
        *languages,
        "",
    ]))
    write(f"{out}/content/_index.md", f"---\ntitle: {toml_string(GUIDE_TITLE)}\n---\n\n{intro(seed)}")
    if translation:
        write(f"{out}/content/_index.{translation}.md",
              f"---\ntitle: {toml_string(GUIDE_TITLE + ' (' + translation + ')')}\n---\n\n{intro(seed)}")
    for l in lessons:
        prereqs = ", ".join(slug(j) for j in l["prerequisites"])
        front = "\n".join([
            "---",
            f"title: {toml_string(l['title'])}",
            f"step: {l['i']}",
            f"duration: {toml_string(l['duration'])}",
            f"summary: {toml_string(l['summary'])}",
            f"prerequisites: [{prereqs}]",
            "---",
            "",
        ])
        write(f"{out}/content/{file_stem(l['i'])}.md", front + "\n" + links(l["body"], ""))
        if translation:
            translated = "\n".join([
                "---",
                f"title: {toml_string(l['title'] + ' (' + translation + ')')}",
                f"summary: {toml_string(l['summary'])}",
                "---",
                "",
            ])
            write(f"{out}/content/{file_stem(l['i'])}.{translation}.md",
                  translated + "\n" + links(l["body"], ""))


HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body>
<nav class="sidebar">{{ partialCached "sidebar.html" . }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""
HUGO_SIDEBAR = """<ol>
{{ range .Site.RegularPages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ol>
"""
HUGO_SINGLE = """{{ define "main" }}<h1>{{ .Title }}</h1>
<p>{{ .Params.duration }}</p>
{{ .Content }}
{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ol>
{{ range .Site.RegularPages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ .Params.duration }}) {{ .Description }}</li>
{{ end }}</ol>
{{ end }}
"""
# Relative `x.md#a` links become page links; a link to a missing page fails the build, as it
# does in guidebook.
HUGO_RENDER_LINK = """{{- $u := urls.Parse .Destination -}}
{{- if and (not $u.IsAbs) (strings.HasSuffix $u.Path ".md") -}}
{{- with .Page.GetPage $u.Path -}}
<a href="{{ .RelPermalink }}{{ with $u.Fragment }}#{{ . }}{{ end }}">{{ $.Text | safeHTML }}</a>
{{- else -}}
{{- errorf "%s: link to a missing page %s" $.Page.File.Path $u.Path -}}
{{- end -}}
{{- else -}}
<a href="{{ .Destination | safeURL }}">{{ .Text | safeHTML }}</a>
{{- end -}}"""


def write_hugo(out, seed, lessons):
    write(f"{out}/hugo.toml", "\n".join([
        'baseURL = "/"',
        f"title = {toml_string(GUIDE_TITLE)}",
        'languageCode = "en"',
        'disableKinds = ["taxonomy", "term", "RSS"]',
        "",
    ]))
    write(f"{out}/layouts/_default/baseof.html", HUGO_BASEOF)
    write(f"{out}/layouts/_default/single.html", HUGO_SINGLE)
    write(f"{out}/layouts/_default/list.html", HUGO_LIST)
    write(f"{out}/layouts/partials/sidebar.html", HUGO_SIDEBAR)
    write(f"{out}/layouts/_default/_markup/render-link.html", HUGO_RENDER_LINK)
    write(f"{out}/content/_index.md", f"+++\ntitle = {toml_string(GUIDE_TITLE)}\n+++\n\n{intro(seed)}")
    for l in lessons:
        front = "\n".join([
            "+++",
            f"title = {toml_string(l['title'])}",
            f"weight = {l['i']}",
            f"description = {toml_string(l['summary'])}",
            f"duration = {toml_string(l['duration'])}",
            "+++",
            "",
        ])
        write(f"{out}/content/{file_stem(l['i'])}.md", front + "\n" + links(l["body"], ""))


def write_mdbook(out, seed, lessons):
    write(f"{out}/book.toml", "\n".join([
        "[book]",
        f"title = {toml_string(GUIDE_TITLE)}",
        f"authors = [{toml_string(GUIDE_AUTHOR)}]",
        'language = "en"',
        'src = "src"',
        "",
    ]))
    summary = ["# Summary", "", "[Introduction](README.md)", ""]
    summary += [f"- [{l['title']}]({file_stem(l['i'])}.md)" for l in lessons]
    write(f"{out}/src/SUMMARY.md", "\n".join(summary) + "\n")
    write(f"{out}/src/README.md", f"# {GUIDE_TITLE}\n\n{intro(seed)}")
    for l in lessons:
        head = f"# {l['title']}\n\n*{l['duration']}*\n\n"
        write(f"{out}/src/{file_stem(l['i'])}.md", head + links(l["body"], ""))


ZOLA_BASE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock %}</title></head>
<body>
{% block nav %}{% endblock %}
<main>{% block content %}{% endblock %}</main>
</body>
</html>
"""
ZOLA_INDEX = """{% extends "base.html" %}
{% block content %}<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ol>
{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> ({{ p.extra.duration }}) {{ p.description }}</li>
{% endfor %}</ol>
{% endblock %}
"""
ZOLA_PAGE = """{% extends "base.html" %}
{% block title %}{{ page.title }}{% endblock %}
{% block nav %}<nav class="pager">{% if page.lower %}<a rel="prev" href="{{ page.lower.permalink }}">{{ page.lower.title }}</a>{% endif %}
{% if page.higher %}<a rel="next" href="{{ page.higher.permalink }}">{{ page.higher.title }}</a>{% endif %}</nav>{% endblock %}
{% block content %}<h1>{{ page.title }}</h1>
<p>{{ page.extra.duration }}</p>
{{ page.content | safe }}
{% endblock %}
"""


def write_zola(out, seed, lessons):
    write(f"{out}/config.toml", "\n".join([
        'base_url = "/"',
        f"title = {toml_string(GUIDE_TITLE)}",
        'default_language = "en"',
        "compile_sass = false",
        "build_search_index = true",
        "",
        "[markdown]",
        "smart_punctuation = true",
        "",
    ]))
    write(f"{out}/templates/base.html", ZOLA_BASE)
    write(f"{out}/templates/index.html", ZOLA_INDEX)
    write(f"{out}/templates/section.html", ZOLA_INDEX)
    write(f"{out}/templates/page.html", ZOLA_PAGE)
    write(f"{out}/content/_index.md",
          f"+++\ntitle = {toml_string(GUIDE_TITLE)}\nsort_by = \"weight\"\n+++\n\n{intro(seed)}")
    for l in lessons:
        front = "\n".join([
            "+++",
            f"title = {toml_string(l['title'])}",
            f"weight = {l['i']}",
            f"description = {toml_string(l['summary'])}",
            "",
            "[extra]",
            f"duration = {toml_string(l['duration'])}",
            "+++",
            "",
        ])
        write(f"{out}/content/{file_stem(l['i'])}.md", front + "\n" + links(l["body"], "@/"))


WRITERS = {"guidebook": write_guidebook, "hugo": write_hugo, "mdbook": write_mdbook, "zola": write_zola}


def prepare(out):
    """Makes `out` an empty folder; replaces only a folder this script wrote before."""
    if os.path.isdir(out) and os.listdir(out):
        if not os.path.exists(os.path.join(out, MARKER)):
            sys.exit(f"gen_guide.py: refusing to replace {out}: it is not empty and was not "
                     f"written by this script (no {MARKER})")
        shutil.rmtree(out)
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, MARKER), "written by benches/gen_guide.py; replaced on every run\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write (replaced if this script wrote it before)")
    parser.add_argument("--lessons", "-n", type=int, default=1000, help="number of lessons")
    parser.add_argument("--seed", type=int, default=42, help="random seed (same seed, same guide)")
    parser.add_argument("--flavor", choices=FLAVORS, default="guidebook",
                        help="which tool's layout to write")
    parser.add_argument("--prerequisites", choices=("recent", "anywhere"), default="recent",
                        help=f"prerequisites among the {RECENT} lessons before (recent) or among "
                             "all earlier ones (anywhere, a much denser prerequisite graph)")
    parser.add_argument("--code-blocks", type=int, default=0, metavar="K",
                        help="program blocks per lesson (8-15 lines, mixed languages), plus one "
                             "output block")
    parser.add_argument("--images", type=int, default=0, metavar="K",
                        help=f"images per lesson, all showing one small PNG ({FIGURE})")
    parser.add_argument("--vocabulary", type=int, default=0, metavar="N",
                        help="draw the words of paragraphs from N words spread as in real text "
                             f"(Zipf's law; the {len(WORDS)} usual words first, then made-up ones)"
                             " instead of the usual words alone")
    parser.add_argument("--translation", metavar="CODE",
                        help="guidebook only: a second language, every lesson translated")
    args = parser.parse_args()
    if args.translation and args.flavor != "guidebook":
        parser.error("--translation is for the guidebook flavor")
    if args.lessons < 1:
        parser.error("--lessons must be at least 1")
    if args.code_blocks < 0 or args.images < 0 or args.vocabulary < 0:
        parser.error("--code-blocks, --images and --vocabulary must not be negative")
    prepare(args.out)
    if args.images:
        content = "src" if args.flavor == "mdbook" else "content"
        path = os.path.join(args.out, content, FIGURE)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(figure_png())
    lessons = (lesson(args.seed, i, args.prerequisites, args.code_blocks, args.images,
                      args.vocabulary)
               for i in range(1, args.lessons + 1))
    if args.flavor == "mdbook":
        lessons = list(lessons)  # SUMMARY.md lists them before they are written
    if args.translation:
        write_guidebook(args.out, args.seed, lessons, args.translation)
    else:
        WRITERS[args.flavor](args.out, args.seed, lessons)


if __name__ == "__main__":
    main()
