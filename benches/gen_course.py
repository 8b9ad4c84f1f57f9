#!/usr/bin/env python3
"""Writes a synthetic mdBook course in the manner of mdbook-course (Google's Comprehensive Rust),
for timing `guidebook import` and the build of what it writes.

    python3 benches/gen_course.py OUT --pages 500 [--seed 42]

The book: `book.toml` (with `[preprocessor.course]`, hidden lines for Python and a redirect),
`src/SUMMARY.md` with the first page as a prefix chapter, parts of about 25 chapters (sessions:
"Day 1: Morning", "Day 1: Afternoon", ...) separated by `---`, and a suffix glossary. Each part
opens with a welcome page (`course:`/`session:` front matter and `{{%session outline}}`), then
segments: a top-level chapter with `{{%segment outline}}` and five nested slides, the last an
exercise that includes a Rust file by anchor, with its solution nested under it. Every chapter
but the solutions has `minutes:`. Bodies are gen_guide.py's lessons (5-8 KB, links to earlier
chapters, half with an anchor), placed in a folder per segment, so links cross folders. Python 3
standard library only; the same seed gives the same book.
"""

import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_guide  # noqa: E402  (the lesson bodies)

PART_SIZE = 25
SLIDES = 5


def plan(pages):
    """Each chapter as (index, path in src, title, depth, part, role), in SUMMARY order."""
    chapters = []
    part = 0
    i = 0
    while i < pages:
        part += 1
        day, half = (part + 1) // 2, "Morning" if part % 2 else "Afternoon"
        name = f"Day {day}: {half}"
        i += 1
        chapters.append((i, f"welcome-{part}.md", "Welcome", 0, name, "welcome"))
        in_part = 1
        segment = 0
        while in_part < PART_SIZE and i < pages:
            segment += 1
            folder = f"part-{part:02d}-segment-{segment}"
            i += 1
            in_part += 1
            chapters.append((i, f"{folder}.md", f"Segment {part}.{segment}", 0, name, "segment"))
            for slide in range(1, SLIDES + 1):
                if i >= pages or in_part >= PART_SIZE:
                    break
                i += 1
                in_part += 1
                last = slide == SLIDES
                title = "Exercise" if last else f"Slide {slide}"
                stem = "exercise" if last else f"slide-{slide}"
                chapters.append((i, f"{folder}/{stem}.md", title, 1, name, "exercise" if last else "slide"))
                if last and i < pages and in_part < PART_SIZE:
                    i += 1
                    in_part += 1
                    chapters.append((i, f"{folder}/solution.md", "Solution", 2, name, "solution"))
    return chapters, part


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write (replaced if this script wrote it before)")
    parser.add_argument("--pages", "-n", type=int, default=500, help="number of chapters")
    parser.add_argument("--seed", type=int, default=42, help="random seed (same seed, same book)")
    args = parser.parse_args()
    if args.pages < 2:
        parser.error("--pages must be at least 2")
    gen_guide.prepare(args.out)
    chapters, parts = plan(args.pages)
    path_of = {index: path for index, path, *_ in chapters}
    write = gen_guide.write
    write(f"{args.out}/book.toml", "\n".join([
        "[book]",
        'title = "Synthetic course"',
        'authors = ["guidebook benchmarks"]',
        'language = "en"',
        "",
        "[preprocessor.course]",
        "verbose = false",
        "",
        "[output.html.code.hidelines]",
        'python = "~"',
        "",
        "[output.html.redirect]",
        '"/old-welcome.html" = "welcome-1.html"',
        "",
    ]))
    summary = ["# Summary", "", "[Welcome to the course](index.md)", ""]
    current = None
    for index, path, title, depth, part, role in chapters:
        if part != current:
            if current is not None:
                summary += ["", "---", ""]
            summary += [f"# {part}", ""]
            current = part
        summary.append(f"{'  ' * depth}- [{title} {index}]({path})")
    summary += ["", "---", "", "[Glossary](glossary.md)", ""]
    write(f"{args.out}/src/SUMMARY.md", "\n".join(summary))
    write(f"{args.out}/src/index.md", f"# Welcome to the course\n\n{gen_guide.intro(args.seed)}")
    write(f"{args.out}/src/glossary.md", "# Glossary\n\n## Borrow\n\nTo use without owning.\n")
    for index, path, title, depth, part, role in chapters:
        lesson = gen_guide.lesson(args.seed, index)
        folder = os.path.dirname(path)

        def link(match):
            target = path_of.get(int(match.group(1)), "index.md")
            return "](" + os.path.relpath(target, folder or ".")

        body = re.sub(r"\]\(LINK:\d{5}-lesson-(\d+)\.md", link, lesson["body"])
        front = []
        extra = ""
        if role == "welcome":
            front = ["course: Fundamentals", f"session: \"{part}\"", "target_minutes: 180"]
            extra = "## Schedule\n\n{{%session outline}}\n\n"
        elif role == "segment":
            front = ["minutes: 5"]
            extra = "{{%segment outline}}\n\n"
        elif role == "exercise":
            front = ["minutes: 20"]
            extra = "```rust,editable\n{{#include exercise.rs:main}}\n```\n\n"
            write(f"{args.out}/src/{folder}/exercise.rs",
                  "// ANCHOR: main\nfn main() {\n    println!(\"hello\");\n}\n// ANCHOR_END: main\n")
        elif role == "slide":
            front = [f"minutes: {5 + index % 11}"]
        head = f"---\n{chr(10).join(front)}\n---\n\n" if front else ""
        write(f"{args.out}/src/{path}", f"{head}# {title}\n\n{extra}{body}")
    print(f"wrote {len(chapters)} chapters in {parts} parts to {args.out}")


if __name__ == "__main__":
    main()
