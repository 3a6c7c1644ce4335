#!/usr/bin/env python3
"""Library index at scale: 10,000 stories made from the eval texts, timed as a user runs quoth.

    cargo build --release && python3 benches/library_scale.py [--stories N] [--eval DIR]

Writes the stories (the dev and train texts repeated under new names and dates) to a
temporary folder, then times whole `quoth` processes against a fresh cache:
first full index, a search with a warm index, one changed file, a speaker's quotes, and
reports the index size against the text size. Needs ../shared/eval (not in a user's clone).
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
QUOTH = os.path.join(HERE, "..", "target", "release", "quoth")


def run(args, env):
    start = time.perf_counter()
    p = subprocess.run([QUOTH, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    took = (time.perf_counter() - start) * 1000
    if p.returncode not in (0, 1):
        raise SystemExit(f"quoth {' '.join(args)} failed: {p.stderr.decode()}")
    return took


def median(args, env, n=9):
    return statistics.median(run(args, env) for _ in range(n))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, default=10_000)
    ap.add_argument("--eval", default=os.path.join(HERE, "..", "..", "shared", "eval"))
    a = ap.parse_args()
    records = []
    for name in ("dev.jsonl", "train.jsonl"):
        with open(os.path.join(a.eval, name), encoding="utf-8") as f:
            records.extend(json.loads(line) for line in f)
    with tempfile.TemporaryDirectory() as lib, tempfile.TemporaryDirectory() as cache:
        text_bytes = 0
        for n in range(a.stories):
            r = records[n % len(records)]
            title = r.get("title") or r["text"].split("\n", 1)[0][:80]
            body = f"---\ntitle: {json.dumps(title)}\ndate: 2026-{1 + n % 12:02}-{1 + n % 28:02}\n---\n\n{r['text']}"
            folder = os.path.join(lib, f"d{n // 1000:02}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"s{n:05}.md"), "w", encoding="utf-8") as f:
                f.write(body)
            text_bytes += len(body.encode())
        env = dict(os.environ, QUOTH_CACHE_DIR=cache, QUOTH_CONFIG=os.path.join(cache, "none.toml"))
        first = run(["search", "--in", lib, "tariff"], env)
        warm = median(["search", "--in", lib, "tariff"], env)
        phrase = median(["search", "--in", lib, '"the president"'], env)
        changed = []
        for i in range(7):
            path = os.path.join(lib, "d00", f"s{i:05}.md")
            with open(path, "a", encoding="utf-8") as f:
                f.write("\n\nA closing line added later.\n")
            changed.append(run(["search", "--in", lib, "tariff"], env))
        few = median(["quotes", "--speaker", "a bipartisan group", lib], env)
        many = median(["quotes", "--speaker", "Hillary Clinton", lib], env, 5)
        size = os.path.getsize(os.path.join(cache, "library.sqlite"))
        print(f"stories: {a.stories}, text {text_bytes / 1e6:.1f} MB")
        print(f"first full index (search, cold cache): {first / 1000:.1f} s")
        print(f"search, warm index (median): {warm:.0f} ms; a phrase: {phrase:.0f} ms")
        print(f"search after one file changed (median): {statistics.median(changed):.0f} ms")
        print(f"a speaker's quotes: 15 stories {few:.0f} ms, 1,000 stories {many:.0f} ms")
        print(f"index size: {size / 1e6:.1f} MB ({size / text_bytes:.2f} x the text)")


if __name__ == "__main__":
    main()
