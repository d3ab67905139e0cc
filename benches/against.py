#!/usr/bin/env python3
"""This build of praxis against an older one, whole processes, alternating runs.

    PRAXIS_BEFORE=/path/to/old/praxis python3 benches/against.py [--runs 3] [N]   (N: 50000)

On the same jrnl export as benches/peers.py (/tmp/peerbench/data/jrnl-N.json): the import into
a fresh journal, then on each build's own copy of the result a save (`add note`), the newest
ten (`list -n 10`) and `search zephyrine`. Time and peak memory (GNU time's %M) per process;
medians of the runs, A and B taking turns. PRAXIS_BIN picks this build (target/release/praxis).
"""

import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AFTER = os.environ.get("PRAXIS_BIN", os.path.join(ROOT, "target", "release", "praxis"))
BEFORE = os.environ.get("PRAXIS_BEFORE")
PB = "/tmp/peerbench"


def run(binary, journal, *args):
    rss = f"{PB}/rss-against"
    env = dict(os.environ, PRAXIS_JOURNAL=journal)
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss, binary, *args], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{binary} {args} failed")
    with open(rss) as f:
        return wall, int(f.read().split()[-1]) / 1024


def main():
    if not BEFORE:
        sys.exit("PRAXIS_BEFORE names the older build")
    args = sys.argv[1:]
    runs = 3
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i : i + 2]
    n = int(args[0]) if args else 50000
    export = f"{PB}/data/jrnl-{n}.json"
    builds = [("before", BEFORE), ("after", AFTER)]
    results = {(b, op): [] for b, _ in builds for op in ["import", "save", "list -n 10", "search"]}
    for r in range(runs):
        for name, binary in builds:
            j = f"{PB}/praxis/against-{name}"
            shutil.rmtree(j, ignore_errors=True)
            run(binary, j, "init", "--name", "Bench", "--lang", "en")
            results[(name, "import")].append(run(binary, j, "import", export))
    for r in range(runs * 3):
        for name, binary in builds:
            j = f"{PB}/praxis/against-{name}"
            results[(name, "save")].append(run(binary, j, "add", "note", "--title", f"note {r}"))
            results[(name, "list -n 10")].append(run(binary, j, "list", "-n", "10"))
            results[(name, "search")].append(run(binary, j, "search", "zephyrine", "--limit", "100"))
    print(f"N={n}, {runs} imports and {runs * 3} of the rest per build, alternating; medians")
    for op in ["import", "save", "list -n 10", "search"]:
        line = f"  {op:<11}"
        for name, _ in builds:
            v = results[(name, op)]
            line += f"  {name} {statistics.median(w for w, _ in v) * 1000:8.1f} ms {max(m for _, m in v):6.1f} MiB"
        print(line)
    for name, _ in builds:
        shutil.rmtree(f"{PB}/praxis/against-{name}", ignore_errors=True)


if __name__ == "__main__":
    main()
