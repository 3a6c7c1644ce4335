#!/usr/bin/env python3
"""Whole-process figures for `quoth extract --json` (issue 17), as a user runs it.

Builds, from ../shared/eval/dev.jsonl: the 258 dev articles as files, the same repeated to
2,064 files, and 20 MB of dev text joined into one file. Prints, as medians of N runs, CPU
MB/s (user + sys), wall time, the -j 2 / -j 1 speed-up and peak RSS.

    cargo build --release && python3 benches/bulk.py [N]
"""
import json, os, statistics, subprocess, sys, tempfile, time

EXE = "target/release/quoth"
N = int(sys.argv[1]) if len(sys.argv) > 1 else 15
texts = [json.loads(l)["text"] for l in open("../shared/eval/dev.jsonl", encoding="utf-8")]
tmp = tempfile.mkdtemp(prefix="quoth-bulk-")


def files(name, count):
    d = os.path.join(tmp, name)
    os.makedirs(d)
    for i in range(count):
        with open(os.path.join(d, f"a{i:05}.txt"), "w", encoding="utf-8") as f:
            f.write(texts[i % len(texts)])
    return d


def joined(size):
    p = os.path.join(tmp, "joined.txt")
    out, n = [], 0
    while n < size:
        for t in texts:
            out.append(t)
            n += len(t.encode()) + 2
            if n >= size:
                break
    with open(p, "w", encoding="utf-8") as f:
        f.write("\n\n".join(out))
    return p


def run(args):
    walls, cpus, rss = [], [], 0
    for _ in range(N):
        t = time.perf_counter()
        p = subprocess.Popen([EXE, "extract", "--json", *args], stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        walls.append(time.perf_counter() - t)
        cpus.append(usage.ru_utime + usage.ru_stime)
        assert status == 0, args
    # Peak RSS from GNU time: a child's own ru_maxrss counts this script's pages before exec.
    timed = subprocess.run(["/usr/bin/time", "-f", "%M", EXE, "extract", "--json", *args],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    rss = int(timed.stderr.strip().splitlines()[-1])
    return statistics.median(walls), statistics.median(cpus), rss


def size(path):
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
    return os.path.getsize(path)


for label, path in [("258 dev files", files("dev258", 258)), ("2,064 files", files("dev2k", 2064)),
                    ("20 MB in one file", joined(20_000_000))]:
    mb = size(path) / 1e6
    w1, c1, r1 = run(["-j", "1", path])
    w2, c2, r2 = run(["-j", "2", path])
    print(f"{label} ({mb:.1f} MB): -j 1 {w1*1000:.0f} ms wall, {mb/c1:.1f} MB/s of CPU, {r1/1024:.1f} MB peak RSS;"
          f" -j 2 {w2*1000:.0f} ms wall ({w1/w2:.2f} x), {r2/1024:.1f} MB peak RSS")
