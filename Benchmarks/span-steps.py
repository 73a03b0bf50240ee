#!/usr/bin/env python3
"""The span steps' cost, CLI file to file (one job, output to /dev/null): `standard` against
`standard` + `html` + `web` and `social`, on the news repeated to 64 MB and on web posts dense with
URLs, tags, references and emoji (Tests/ArabicNormalizerTests/Vectors/spans.tsv's inputs repeated
to 16 and 64 MB, and 8 MB as one line). Rounds rotate the variants; medians and ratios to
`standard` in the same run.

    swift build -c release --scratch-path .build-web --product arnorm
    python3 Benchmarks/span-steps.py .build-web/release/arnorm [rounds]
"""
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time

binary = os.path.abspath(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 9
repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix="arnorm-spans-")

news = b"".join(open(f, "rb").read() for f in sorted(glob.glob(os.path.join(repo, "Corpora/news/*.txt"))))
posts = b"".join(line.split(b"\t")[1].replace(b"\\t", b"\t") + b"\n"
                 for line in open(os.path.join(repo, "Tests/ArabicNormalizerTests/Vectors/spans.tsv"), "rb")
                 if line.strip() and not line.startswith(b"#") and b"\\n" not in line.split(b"\t")[1])
files = {}
def write(name, data, size):
    path = os.path.join(work, name)
    with open(path, "wb") as f:
        f.write(data * (size // len(data) + 1))
    files[name] = path
write("news-64mb.txt", news, 64 << 20)
write("posts-16mb.txt", posts, 16 << 20)
write("posts-64mb.txt", posts, 64 << 20)
with open(os.path.join(work, "posts-8mb-one-line.txt"), "wb") as f:
    f.write((posts.replace(b"\n", b" ") * ((8 << 20) // len(posts) + 1))[: 8 << 20] + b"\n")
files["posts-8mb-one-line.txt"] = os.path.join(work, "posts-8mb-one-line.txt")

variants = {
    "standard": ["--preset", "standard"],
    "standard + html + web": ["--preset", "standard", "--enable", "html", "--enable", "web"],
    "social": ["--preset", "social"],
}

def run(args, path):
    start = time.perf_counter()
    subprocess.run([binary, *args, "--jobs", "1", path], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start

print("| input | variant | MB/s | × standard |")
print("|---|---|---:|---:|")
for name, path in files.items():
    times = {k: [] for k in variants}
    keys = list(variants)
    for r in range(rounds):
        for k in keys[r % len(keys):] + keys[: r % len(keys)]:
            times[k].append(run(variants[k], path))
    mb = os.path.getsize(path) / 2**20
    base = statistics.median(times["standard"])
    for k in keys:
        m = statistics.median(times[k])
        print(f"| {name} | {k} | {mb / m:.0f} | {m / base:.2f} |")
