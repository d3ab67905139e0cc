#!/usr/bin/env python3
"""praxis beside jrnl on the same entries, whole processes, alternating runs.

    python3 benches/peers.py [--runs 5] [N ...]      (default N: 50000)

Needs what ../shared/peers/README.md makes: the generated journals in /tmp/peerbench/data
(gen.py), jrnl 4.6 (JRNL_BIN, default /tmp/peerbench-venv/bin/jrnl) with the configs
bench_jrnl.sh writes, and each journal exported by jrnl itself (jrnl-N.json). Each export is
imported into a fresh praxis journal (timed: the import of 50,000 entries), then each pair runs
A, B, A, B, … after one warm-up each, time and peak memory (GNU time's %M) per process:

  search  praxis search zephyrine --limit 100   vs   jrnl -contains zephyrine
  tag     praxis list --tag trust               vs   jrnl @trust
  save    praxis add note (one more note)       (praxis only: jrnl's add at 50,000 takes ~75 s)

Both must print the same entries (54 for zephyrine and 7,800 for @trust at 50,000).
PRAXIS_BIN picks the praxis binary (default target/release/praxis).
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import time

PB = "/tmp/peerbench"
JRNL = os.environ.get("JRNL_BIN", "/tmp/peerbench-venv/bin/jrnl")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PRAXIS = os.environ.get("PRAXIS_BIN", os.path.join(ROOT, "target", "release", "praxis"))
ENV = dict(
    os.environ,
    HOME=f"{PB}/home",
    XDG_CONFIG_HOME=f"{PB}/xdg/config",
    XDG_DATA_HOME=f"{PB}/xdg/data",
    XDG_CACHE_HOME=f"{PB}/xdg/cache",
    XDG_STATE_HOME=f"{PB}/xdg/state",
)


def run(cmd, env=None):
    """Wall time (s), peak memory (MiB) and stdout of one whole process. The memory is GNU
    time's (%M): a child forked from this Python would report Python's own as its peak."""
    rss = f"{PB}/rss"
    t = time.perf_counter()
    p = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", rss, *cmd],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env or ENV,
    )
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{cmd} failed ({p.returncode})")
    with open(rss) as f:
        mem = int(f.read().split()[-1]) / 1024
    return wall, mem, p.stdout


def alternate(a, b, runs, env_a):
    run(a, env_a), run(b)  # warm-up
    ta, tb, ma, mb = [], [], [], []
    out_a = out_b = b""
    for _ in range(runs):
        w, m, out_a = run(a, env_a)
        ta.append(w), ma.append(m)
        w, m, out_b = run(b)
        tb.append(w), mb.append(m)
    return (statistics.median(ta), max(ma), out_a), (statistics.median(tb), max(mb), out_b)


def main():
    args = sys.argv[1:]
    runs = 5
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i : i + 2]
    sizes = [int(a) for a in args] or [50000]
    print(f"praxis {PRAXIS}\njrnl {JRNL}\nruns {runs}, alternating, medians; peak memory: the largest")
    for n in sizes:
        cfg = f"{PB}/jrnl/cfg-read-{n}.yaml"
        journal = f"{PB}/praxis/j{n}"
        shutil.rmtree(journal, ignore_errors=True)
        os.makedirs(os.path.dirname(journal), exist_ok=True)
        penv = dict(ENV, PRAXIS_JOURNAL=journal)
        run([PRAXIS, "init", "--name", "Bench", "--lang", "en"], penv)
        wall, mem, _ = run([PRAXIS, "import", f"{PB}/data/jrnl-{n}.json"], penv)
        print(f"\nN={n}: praxis import of jrnl's export: {wall:.2f} s, {mem:.0f} MiB")
        pairs = [
            ("search zephyrine", [PRAXIS, "search", "zephyrine", "--limit", "100"],
             [JRNL, "--config-file", cfg, "-contains", "zephyrine"]),
            ("tag @trust", [PRAXIS, "list", "--tag", "trust"],
             [JRNL, "--config-file", cfg, "@trust"]),
        ]
        for name, a, b in pairs:
            (ta, ma, oa), (tb, mb, ob) = alternate(a, b, runs, penv)
            praxis_lines = sum(1 for l in oa.decode().splitlines() if l[:1].isalnum())
            jrnl_entries = len(re.findall(r"^\d{4}-\d\d-\d\d \d\d:\d\d ", ob.decode(), re.M))
            print(
                f"  {name:<18} praxis {ta * 1000:8.1f} ms {ma:6.1f} MiB | jrnl {tb:7.3f} s {mb:6.1f} MiB"
                f" | {tb / ta:6.1f}x  (entries: praxis {praxis_lines}, jrnl {jrnl_entries})"
            )
        saves = []
        for i in range(runs * 2):
            w, m, _ = run([PRAXIS, "add", "note", "--title", f"bench note {i}"], penv)
            saves.append(w)
        print(f"  {'save (add note)':<18} praxis {statistics.median(saves) * 1000:8.1f} ms median of {len(saves)}")
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(journal + "/db") for f in fs)
        print(f"  praxis db/ {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
