#!/usr/bin/env python3
"""The CLI on every preset and corpus against the C table pass, file to file, one job: issue
20's table. Each corpus of Benchmarks/make-corpora.py (news, diacritized, uthmani, mixed,
obfuscated; in $ARNORM_BENCH_DIR, default /tmp/arnorm-bench) repeated to `--mb` MB; each cell
is `arnorm --preset P --jobs 1 -o OUT IN` (whole process: start, read, normalize, write, fsync,
rename) against `cpass --fsync IN OUT` (Benchmarks/compare/cpass.c; for `search`, `cpass
--search --fsync`, which maps teh marbuta, the hamza seats and the Persian letters too). Rounds
rotate the order; medians; the ratio is arnorm's time over the C pass's (target: at most 1.25).

    swift build -c release --product arnorm --scratch-path .build-bench-cli
    python3 Benchmarks/cli-presets.py .build-bench-cli/release/arnorm [--mb 100] [--rounds 5]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("arnorm")
ap.add_argument("--mb", type=int, default=100)
ap.add_argument("--rounds", type=int, default=5)
ap.add_argument("--corpora", default="news,diacritized,uthmani,mixed,obfuscated")
ap.add_argument("--presets", default="clean,standard,search")
args = ap.parse_args()

bench = os.environ.get("ARNORM_BENCH_DIR", "/tmp/arnorm-bench")
corpora = args.corpora.split(",")
if any(not os.path.exists(os.path.join(bench, c + ".txt")) or os.path.getsize(os.path.join(bench, c + ".txt")) == 0
       for c in corpora):
    subprocess.run([sys.executable, os.path.join(here, "make-corpora.py"), "--out", bench], check=True)
work = tempfile.mkdtemp(prefix="arnorm-cli-presets-")
cpass = os.path.join(work, "cpass")
subprocess.run(["cc", "-O3", "-I", os.path.join(here, "Sources/CBaseline/include"), os.path.join(here, "compare/cpass.c"),
                os.path.join(here, "Sources/CBaseline/cbaseline.c"), "-o", cpass], check=True)

size = args.mb << 20
inputs = {}
for c in corpora:
    data = open(os.path.join(bench, c + ".txt"), "rb").read()
    big = (data * (size // len(data) + 1))[:size]
    big = big[: big.rfind(b"\n") + 1]
    path = os.path.join(work, c + ".txt")
    open(path, "wb").write(big)
    inputs[c] = path
out = os.path.join(work, "out.txt")

def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t

presets = args.presets.split(",")
print(f"{args.mb} MB per corpus, {args.rounds} rotated rounds, medians; arnorm time / C pass time (target <= 1.25)")
print()
print("| corpus | C pass (s) | " + " | ".join(f"`{p}` (s) | ÷ C" for p in presets) + " |")
print("|---|---:|" + "---:|---:|" * len(presets))
for c in corpora:
    jobs = {"C": [cpass, "--fsync", inputs[c], out], "C search": [cpass, "--search", "--fsync", inputs[c], out]}
    for p in presets:
        jobs[p] = [args.arnorm, "--preset", p, "--jobs", "1", "-o", out, inputs[c]]
    names = list(jobs)
    times = {n: [] for n in names}
    for r in range(args.rounds):
        for k in range(len(names)):
            n = names[(k + r) % len(names)]
            times[n].append(timed(jobs[n]))
    med = {n: statistics.median(t) for n, t in times.items()}
    cells = []
    for p in presets:
        base = med["C search"] if p == "search" else med["C"]
        cells.append(f"{med[p]:.2f} | {med[p] / base:.2f}")
    print(f"| {c} | {med['C']:.2f} (search {med['C search']:.2f}) | " + " | ".join(cells) + " |")
    sys.stdout.flush()
