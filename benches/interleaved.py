#!/usr/bin/env python3
"""Builds several guides (or one guide with several binaries) in turn, round after round, and
prints the medians of each one's wall time, CPU time and peak resident memory.

    python3 benches/interleaved.py --rounds 10 \\
        code=target/release/guidebook:/dev/shm/g10k-code \\
        plain=target/release/guidebook:/dev/shm/g10k

Each NAME=BINARY:GUIDE is built with `BINARY -q build GUIDE --output /dev/shm/out-NAME` under
`/usr/bin/time`, its output removed before each build. One build of each name per round, so a
change in the machine's load between rounds touches every name alike; the load average after
each round is printed with the figures, since on a shared machine wall times move with it (CPU
time and peak memory are the steadier figures). Python 3 standard library only.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys


def build(binary, guide, out):
    """One build: (wall s, CPU s, peak MB)."""
    shutil.rmtree(out, ignore_errors=True)
    command = ["/usr/bin/time", "-f", "%e %U %S %M", binary, "-q", "build", guide, "--output", out]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{binary} build {guide} failed:\n{done.stderr}")
    wall, user, system, peak_kb = done.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(peak_kb) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--out", default="/dev/shm", help="where the sites are written")
    parser.add_argument("builds", nargs="+", metavar="NAME=BINARY:GUIDE")
    args = parser.parse_args()
    builds = []
    for spec in args.builds:
        name, _, rest = spec.partition("=")
        binary, _, guide = rest.partition(":")
        if not (name and binary and guide):
            parser.error(f"{spec}: expected NAME=BINARY:GUIDE")
        builds.append((name, binary, guide))
    results = {name: [] for name, _, _ in builds}
    loads = []
    for _ in range(args.rounds):
        for name, binary, guide in builds:
            results[name].append(build(binary, guide, os.path.join(args.out, f"out-{name}")))
        loads.append(os.getloadavg()[0])
    for name, _, _ in builds:
        runs = results[name]
        wall, cpu, peak = (statistics.median(run[k] for run in runs) for k in range(3))
        print(f"{name}: medians of {len(runs)}: wall {wall:.2f} s, CPU {cpu:.2f} s, "
              f"peak {peak:.0f} MB (max {max(run[2] for run in runs):.0f}); "
              f"walls {' '.join(f'{run[0]:.2f}' for run in runs)}")
    for (a, _, _), (b, _, _) in zip(builds[::2], builds[1::2]):
        ratio = [x[k] / y[k] for x, y in zip(results[a], results[b]) for k in range(2)]
        walls, cpus = ratio[0::2], ratio[1::2]
        print(f"{a} / {b}: wall {statistics.median(walls):.2f}x, CPU {statistics.median(cpus):.2f}x "
              f"(medians of the rounds' ratios)")
    print(f"load average after each round: {' '.join(f'{load:.1f}' for load in loads)}")
    for name, _, _ in builds:
        shutil.rmtree(os.path.join(args.out, f"out-{name}"), ignore_errors=True)


if __name__ == "__main__":
    main()
