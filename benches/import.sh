#!/usr/bin/env bash
# `guidebook import`, timed with hyperfine (medians): a synthetic 500-page mdbook-course book
# (benches/gen_course.py) imported alone, then imported and built (the "moved in and running"
# time, one command after the other), and the Workbench lesson git-novice imported alone.
#
#   bash benches/import.sh              # 500 pages
#   bash benches/import.sh 2000         # another size
#
# Settings (environment): IMPORT_DIR (default target/import-bench: the book, the guides and the
# results), IMPORT_RUNS (default 15), IMPORT_LESSON (the Workbench lesson to import, default
# tests/fixtures/import/workbench-git-novice). Every run starts with the guide (and its site)
# removed, so each import writes a new guide, as a user's first one does.
# Results: results-import.md and results-import.json in IMPORT_DIR; the medians are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
WORK="${IMPORT_DIR:-$ROOT/target/import-bench}"
RUNS="${IMPORT_RUNS:-15}"
PAGES="${1:-500}"
LESSON="${IMPORT_LESSON:-$ROOT/tests/fixtures/import/workbench-git-novice}"

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
command -v hyperfine >/dev/null 2>&1 || {
  echo "Installing hyperfine (apt-get)..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq hyperfine >/dev/null
}

echo "== Building guidebook (release)"
cargo build --release --quiet --bin guidebook
GUIDEBOOK="$ROOT/target/release/guidebook"

mkdir -p "$WORK"
BOOK="$WORK/course-$PAGES"
GUIDE="$WORK/guide-$PAGES"
LESSON_GUIDE="$WORK/lesson-guide"
python3 benches/gen_course.py "$BOOK" --pages "$PAGES"

echo "== Checking that the imported course builds"
rm -rf "$GUIDE"
"$GUIDEBOOK" import -q "$BOOK" "$GUIDE"
"$GUIDEBOOK" build -q "$GUIDE"

hyperfine --warmup 2 --runs "$RUNS" --shell=none \
  --export-markdown "$WORK/results-import.md" --export-json "$WORK/results-import.json" \
  --prepare "rm -rf $GUIDE" \
  -n "import: $PAGES-page mdBook course" "$GUIDEBOOK import -q $BOOK $GUIDE" \
  --prepare "rm -rf $GUIDE" \
  -n "import + build: $PAGES-page mdBook course" \
  "bash -c '$GUIDEBOOK import -q $BOOK $GUIDE && $GUIDEBOOK build -q $GUIDE'" \
  --prepare "rm -rf $LESSON_GUIDE" \
  -n "import: Workbench lesson ($(basename "$LESSON"))" "$GUIDEBOOK import -q $LESSON $LESSON_GUIDE"

echo
echo "== Medians"
python3 - "$WORK/results-import.json" <<'PY'
import json, sys
for result in json.load(open(sys.argv[1]))["results"]:
    print(f"{result['command']}: median {result['median'] * 1000:.0f} ms "
          f"(min {result['min'] * 1000:.0f}, max {result['max'] * 1000:.0f}, {len(result['times'])} runs)")
PY
