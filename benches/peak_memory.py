#!/usr/bin/env python3
"""Runs a command once under `/usr/bin/time -v` and prints one line of JSON: how it ended, its
peak resident memory and its wall time.

    python3 benches/peak_memory.py [--keep-free MB] [--timeout S] -- COMMAND ARGS...

The machine comes first: the command (its whole process group) is stopped when the memory
still available falls under --keep-free MB, or when it runs past --timeout seconds, so a build
that would need more memory than there is is reported as "out-of-memory" instead of waking the
kernel's OOM killer, which might pick another process. Python 3 standard library only.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time


def meminfo_mb(key):
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) // 1024
    return None


def mem_available_mb():
    return meminfo_mb("MemAvailable")


def mem_total_mb():
    return meminfo_mb("MemTotal")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep-free", type=int, default=None,
                        help="MB to keep available (default: a quarter of the memory, at least 3 GB)")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds before giving up")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")

    if args.keep_free is None:
        args.keep_free = max(3072, (mem_total_mb() or 0) // 4)
    free_at_start = mem_available_mb()
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.monotonic()
        child = subprocess.Popen(
            ["/usr/bin/time", "-v", "-o", report.name, *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        status = None
        while child.poll() is None:
            available = mem_available_mb()
            if available is not None and available < args.keep_free:
                status = "out-of-memory"
            elif time.monotonic() - started > args.timeout:
                status = "timeout"
            if status:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
                break
            time.sleep(0.05)
        seconds = time.monotonic() - started
        stderr = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
        peak_kb = None
        for line in report.read().splitlines():
            if "Maximum resident set size" in line:
                peak_kb = int(line.rsplit(":", 1)[1])
    if status is None:
        status = "ok" if child.returncode == 0 else "failed"
    result = {"status": status, "exit": child.returncode, "peak_kb": peak_kb,
              "seconds": round(seconds, 3)}
    if status == "out-of-memory" and free_at_start is not None:
        result["limit_mb"] = free_at_start - args.keep_free
    if status == "failed":
        result["stderr"] = stderr[-2000:]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
