#!/usr/bin/env bash
# Whole builds side by side: guidebook, the floor (read + pulldown-cmark + write, one thread) and
# whichever of Hugo, mdBook and Zola are installed, on the same synthetic lessons
# (benches/gen_guide.py), from scratch, timed with hyperfine; then peak memory per tool.
#
#   bash benches/compare.sh            # 1,000 and 10,000 lessons
#   bash benches/compare.sh 1000       # only these sizes
#
# Settings (environment): COMPARE_PEERS (default "hugo mdbook zola"; empty for none), COMPARE_OUT (where sites
# are written, default target/compare/out), COMPARE_MAX_SECONDS (default 300: a tool whose single
# build takes longer is reported from that run instead of being repeated), COMPARE_SEED.
# Every timed run starts with the output folder removed and `sync`, so no run pays for the last
# one's writeback.
#
# Results go to target/compare/ (COMPARE_DIR to change): results-N.json and results-N.md from
# hyperfine, memory-N.jsonl, and summary.md with medians, ratios and peak memory.
# A missing peer is reported with how to install it, never an error. Before it is timed, each
# tool builds each guide once under benches/peak_memory.py, which records its peak memory and
# stops a build that would exhaust the machine's memory; a tool whose build fails or is stopped
# there is left out of the timing for that size and reported as such.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
WORK="${COMPARE_DIR:-$ROOT/target/compare}"
SEED="${COMPARE_SEED:-42}"
# Where the sites are written (and removed again); e.g. /dev/shm to leave the disk out.
OUT="${COMPARE_OUT:-$WORK/out}"
# A tool whose single build takes longer than this is reported from that one run, not repeated.
MAX_SECONDS="${COMPARE_MAX_SECONDS:-300}"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
apt_install() {
  echo "Installing $* (apt-get)..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}
command -v hyperfine >/dev/null 2>&1 || apt_install hyperfine
[ -x /usr/bin/time ] || apt_install time
command -v python3 >/dev/null 2>&1 || { echo "error: python3 is needed for the generator" >&2; exit 2; }

echo "== Building guidebook and the floor (release)"
cargo build --release --quiet --bin guidebook
GUIDEBOOK="$ROOT/target/release/guidebook"
FLOOR="$(cargo bench --bench floor --no-run --message-format=json 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    msg = json.loads(line)
    if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == "floor" and msg.get("executable"):
        print(msg["executable"])')"
[ -x "$FLOOR" ] || { echo "error: could not build benches/floor.rs" >&2; exit 2; }

# Peers: found on PATH (or in ~/.cargo/bin, or target/peers/bin), otherwise how to get them.
export PATH="$PATH:$HOME/.cargo/bin:$ROOT/target/peers/bin"
TOOLS=(guidebook floor)
declare -A VERSION=([guidebook]="$("$GUIDEBOOK" --version)" [floor]="pulldown-cmark, one thread")
declare -A HOWTO=(
  [hugo]="apt-get install hugo"
  [mdbook]="cargo install mdbook"
  [zola]="bash benches/install-zola.sh (Zola 0.22 from the npm registry; not in Debian or on crates.io)"
)
echo "== Peers"
for peer in ${COMPARE_PEERS-hugo mdbook zola}; do
  if command -v "$peer" >/dev/null 2>&1; then
    TOOLS+=("$peer")
    VERSION[$peer]="$("$peer" version 2>/dev/null | head -n1 || true)"
    [ -n "${VERSION[$peer]}" ] || VERSION[$peer]="$("$peer" --version 2>/dev/null | head -n1 || true)"
    echo "  found   $peer: ${VERSION[$peer]}"
    if [ "$(command -v "$peer")" = "$ROOT/target/peers/bin/$peer" ]; then
      start="$(python3 -c 'import subprocess, sys, time
runs = []
for _ in range(5):
    t = time.perf_counter(); subprocess.run(sys.argv[1:], capture_output=True); runs.append(time.perf_counter() - t)
print(f"{sorted(runs)[2] * 1000:.0f} ms")' "$peer" --version)"
      VERSION[$peer]+=" (through benches/install-zola.sh's node wrapper: \`$peer --version\` takes $start)"
      echo "          its wrapper starts in $start (median of 5 \`$peer --version\`), counted in its times"
    fi
  else
    echo "  missing $peer: install with ${HOWTO[$peer]}"
  fi
done

# The synthetic guide for a tool, reused while the generator and its arguments are unchanged.
generate() { # size flavor dir
  local stamp
  stamp="$1 $SEED $2 $(sha256sum benches/gen_guide.py | cut -c1-16)"
  if [ -f "$3/.stamp" ] && [ "$(cat "$3/.stamp")" = "$stamp" ]; then return; fi
  python3 benches/gen_guide.py "$3" --lessons "$1" --seed "$SEED" --flavor "$2"
  echo "$stamp" >"$3/.stamp"
}

# The command that builds the guide in $2 into $3 with tool $1, from scratch.
build_command() {
  case "$1" in
    guidebook) echo "'$GUIDEBOOK' --quiet build '$2' --output '$3'" ;;
    floor) echo "FLOOR_GUIDE='$2' FLOOR_OUT='$3' '$FLOOR'" ;;
    hugo) echo "hugo --quiet --source '$2' --destination '$3'" ;;
    mdbook) echo "mdbook build '$2' --dest-dir '$3'" ;;
    zola) echo "zola --root '$2' build --output-dir '$3'" ;;
  esac
}
# What to remove before each run so the build starts from scratch.
clean_command() {
  case "$1" in
    hugo) echo "rm -rf '$3' '$2/resources' '$2/.hugo_build.lock' && sync" ;;
    *) echo "rm -rf '$3' && sync" ;;
  esac
}

mkdir -p "$WORK"
for tool in "${TOOLS[@]}"; do echo "$tool: ${VERSION[$tool]}"; done >"$WORK/versions.txt"
for size in "${SIZES[@]}"; do
  echo "== $size lessons"
  if [ "$size" -ge 10000 ]; then runs=3; else runs=5; fi
  memory="$WORK/memory-$size.jsonl"
  : >"$memory"
  args=()
  for tool in "${TOOLS[@]}"; do
    flavor="$tool"
    [ "$tool" = floor ] && flavor=guidebook
    guide="$WORK/guides/$size/$flavor"
    out="$OUT/$size/$tool"
    echo "  generating $flavor guide..."
    generate "$size" "$flavor" "$guide"
    build="$(build_command "$tool" "$guide" "$out")"
    clean="$(clean_command "$tool" "$guide" "$out")"
    # One run first: checks that the tool builds this guide and records its peak memory.
    echo "  $tool: one build for peak memory..."
    eval "$clean"
    result="$(python3 benches/peak_memory.py -- bash -c "$build")"
    echo "    $result"
    python3 -c 'import json,sys; r=json.loads(sys.argv[1]); r["tool"]=sys.argv[2]; print(json.dumps(r))' \
      "$result" "$tool" >>"$memory"
    if [[ "$result" != *'"status": "ok"'* ]]; then
      echo "  $tool: left out of the timing at $size lessons (see above)"
      continue
    fi
    seconds="$(python3 -c 'import json,sys; print(int(json.loads(sys.argv[1])["seconds"]))' "$result")"
    if [ "$seconds" -gt "$MAX_SECONDS" ]; then
      echo "  $tool: took ${seconds} s, too slow to repeat (COMPARE_MAX_SECONDS=$MAX_SECONDS); its one run is reported"
      continue
    fi
    args+=(--command-name "$tool" --prepare "$clean" "$build")
  done
  echo "  timing (hyperfine: 1 warmup, $runs runs each)..."
  [ ${#args[@]} -gt 0 ] || continue
  hyperfine --warmup 1 --runs "$runs" --style basic \
    --export-json "$WORK/results-$size.json" --export-markdown "$WORK/results-$size.md" \
    "${args[@]}"
  rm -rf "${OUT:?}/$size"
done

echo "== Summary"
python3 - "$WORK" "${SIZES[@]}" <<'EOF' | tee "$WORK/summary.md"
import json, os, sys
work, sizes = sys.argv[1], sys.argv[2:]
medians, memory = {}, {}
for size in sizes:
    path = f"{work}/results-{size}.json"
    if os.path.exists(path):
        for r in json.load(open(path))["results"]:
            medians[(size, r["command"])] = r["median"]
    for line in open(f"{work}/memory-{size}.jsonl"):
        r = json.loads(line)
        memory[(size, r["tool"])] = r
tools = []
for (_, tool) in list(memory):
    if tool not in tools:
        tools.append(tool)
print("Tools: " + "; ".join(open(f"{work}/versions.txt").read().splitlines()))
print()
print("| lessons | tool | median wall time | vs guidebook | peak memory |")
print("|---:|---|---:|---:|---:|")
for size in sizes:
    base = medians.get((size, "guidebook"))
    for tool in tools:
        m, mem = medians.get((size, tool)), memory.get((size, tool), {})
        if mem.get("status") == "ok":
            peak = f"{mem['peak_kb'] / 1024:.0f} MB"
        elif mem.get("status") == "out-of-memory":
            peak = f"stopped: over {mem.get('limit_mb', '?')} MB"
        else:
            peak = mem.get("status", "-")
        if m is None and mem.get("status") == "ok":
            m = mem["seconds"]  # too slow to repeat: its one (memory) run
            time = f"{m * 1000:.0f} ms (1 run)"
        else:
            time = f"{m * 1000:.0f} ms" if m is not None else "not timed"
        ratio = f"{m / base:.2f}x" if m is not None and base else "-"
        print(f"| {int(size):,} | {tool} | {time} | {ratio} | {peak} |")
if len(sizes) >= 2:
    small, large = sizes[0], sizes[-1]
    print()
    print(f"Growth from {int(small):,} to {int(large):,} lessons "
          f"({int(large) / int(small):.0f}x the lessons):")
    def seconds(size, tool):
        one_run = memory.get((size, tool), {})
        return medians.get((size, tool)) or (one_run.get("status") == "ok" and one_run["seconds"])
    for tool in tools:
        a, b = seconds(small, tool), seconds(large, tool)
        if a and b:
            print(f"- {tool}: {b / a:.1f}x the time")
EOF
