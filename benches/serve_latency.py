#!/usr/bin/env python3
"""Measures the live preview's edit-to-page latency: from saving a lesson to the new page being
served, as a browser sees it (the reload event arrives, then the page is fetched).

usage: serve_latency.py GUIDEBOOK_BINARY GUIDE_DIR [--edits N] [--title] [--browse N]

The guide (guide.toml, content/, themes/) is copied to a temporary folder first, so the
original is never touched. Each edit appends a unique word to one lesson (cycling through the
lessons), waits for the server's reload event, then fetches the lesson's page and checks the word
is there. Prints the median, the 90th percentile and the maximum, in milliseconds.

--title edits each lesson's title instead (every sidebar shows it); --browse N first fetches N
lesson pages. The server's resident memory is printed after start, after browsing and at the end.
"""
import argparse
import http.client
import json
import pathlib
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def start_server(binary, guide):
    """Starts the preview; returns it, its port and the ms from start to the home page served."""
    started = time.monotonic()
    process = subprocess.Popen(
        [binary, "serve", str(guide), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if "Serving" in line and "http://127.0.0.1:" in line:
            port = int(line.rsplit(":", 1)[1].strip().strip("/"))
            fetch(port, "/index.html")
            return process, port, (time.monotonic() - started) * 1000
    process.kill()
    sys.exit("the server did not start")


class Events:
    """A minimal server-sent-events client."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        request = f"GET /__guidebook/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
        self.sock.sendall(request.encode())
        self.buffer = b""

    def next_message(self):
        while True:
            if b"\n\n" in self.buffer:
                block, self.buffer = self.buffer.split(b"\n\n", 1)
                for line in block.split(b"\n"):
                    line = line.strip()
                    if line.startswith(b"data:"):
                        return json.loads(line[5:])
                continue
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("event stream closed")
            self.buffer += chunk


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    body = connection.getresponse().read().decode()
    connection.close()
    return body


OVERVIEW_PAGES = ("index.html", "print.html", "handout.html", "checklists.html", "404.html", "gear.html")


def page_of(lesson):
    """The page of a lesson file: its name without a leading number (`01-fit.md` -> `fit.html`)."""
    return re.sub(r"^[0-9]+[-_]", "", lesson.stem) + ".html"


def resident_mb(process):
    """The server's resident memory in MB (Linux)."""
    for line in pathlib.Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return -1


def retitle(lesson, word):
    """Puts `word` into the lesson's title (its front matter's `title:` line)."""
    lines = lesson.read_text(encoding="utf-8").split("\n")
    for index, line in enumerate(lines):
        if line.startswith("title:"):
            lines[index] = f'title: "Lesson retitled {word}"'
            break
    temporary = lesson.with_suffix(".tmp")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    temporary.replace(lesson)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("guide")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--title", action="store_true", help="edit titles, not bodies")
    parser.add_argument("--browse", type=int, default=0, help="lesson pages to fetch first")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        guide = pathlib.Path(tmp) / "guide"
        # Only what a guide is made of: the repository's own guide sits beside target/ and more.
        source = pathlib.Path(args.guide)
        guide.mkdir()
        shutil.copy2(source / "guide.toml", guide / "guide.toml")
        for folder in ("content", "themes"):
            if (source / folder).is_dir():
                shutil.copytree(source / folder, guide / folder)
        lessons = sorted(p for p in (guide / "content").rglob("*.md") if p.name != "_index.md")
        process, port, startup = start_server(args.binary, guide)
        print(f"start -> home page served: {startup:.0f} ms")
        try:
            events = Events(port)
            events.next_message()  # the current state
            print(f"resident memory after start: {resident_mb(process)} MB")
            if args.browse:
                step = max(1, len(lessons) // args.browse)
                for lesson in lessons[::step][: args.browse]:
                    fetch(port, "/" + page_of(lesson))
                print(f"after browsing {args.browse} pages: {resident_mb(process)} MB")
            latencies = []
            for edit in range(args.edits):
                lesson = lessons[edit % len(lessons)]
                word = f"latencyprobe{edit}x"
                started = time.monotonic()
                if args.title:
                    retitle(lesson, word)
                else:
                    with lesson.open("a", encoding="utf-8") as file:
                        file.write(f"\n\nA paragraph with {word}.\n")
                while True:
                    message = events.next_message()
                    if message.get("type") == "reload":
                        break
                    if message.get("type") == "errors":
                        sys.exit(f"build error: {message}")
                changed = message.get("changed", [])
                own = page_of(lesson)
                page = own if own in changed else next((p for p in changed if p.endswith(".html") and p not in OVERVIEW_PAGES and not p.startswith("part-")), None)
                body = fetch(port, "/" + page) if page else ""
                elapsed = (time.monotonic() - started) * 1000
                if word not in body:
                    sys.exit(f"edit {edit}: the served page {page} does not show the edit")
                latencies.append(elapsed)
                time.sleep(0.2)
            print(f"resident memory after {args.edits} edits: {resident_mb(process)} MB")
        finally:
            process.terminate()
            process.wait(timeout=10)
    latencies.sort()
    p90 = latencies[int(len(latencies) * 0.9) - 1]
    print(f"lessons: {len(lessons)}  edits: {len(latencies)}{' (titles)' if args.title else ''}")
    print(f"edit -> new page served: median {statistics.median(latencies):.0f} ms, p90 {p90:.0f} ms, max {latencies[-1]:.0f} ms")


if __name__ == "__main__":
    main()
