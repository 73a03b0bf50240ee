#!/usr/bin/env python3
"""Throughput of the Python package next to its peers and the native CLI, in one run.

    python Bindings/python/bench.py [--mb 20] [--repeat 5] [--arnorm-bin PATH] [--markdown]

Installs nothing: it measures what the running interpreter can import (arnorm, and when present
arabic-norm, pyarabic, camel-tools, pyarrow, pandas, polars) and, when it finds one, the `arnorm`
CLI (`--arnorm-bin`, $ARNORM_BIN, PATH, or a release build of the checkout).

The input is the news sample (Corpora/news) split into lines and repeated to about `--mb` MB of
UTF-8, as distinct str objects. Each row is the best of `--repeat` runs, in MB/s of input UTF-8
(1 MB = 10^6 bytes). Rows:

  arnorm normalize_batch           Normalizer("standard").normalize_batch(lines), all cores
  arnorm normalize_batch, 1 thread the same with threads=1
  arnorm normalize_batch, cold     on fresh str objects, whose UTF-8 CPython has not cached yet
  arnorm normalize_arrow           normalize_arrow(pyarrow.array(lines)), all cores (and 1 thread)
  arnorm normalize_arrow, Polars   normalize_arrow(polars.Series(lines)) (string views)
  arnorm normalize per call        [n.normalize(l) for l in lines]
  arnorm.normalize per call        [arnorm.normalize(l) for l in lines] (module level)
  2 Python threads                 two threads, each normalize_batch(threads=1) on its own large
                                   batch, against one such thread: the GIL is released
  arabic-norm normalize_batch      arabic_norm.normalize_batch(lines) (Rust, all cores)
  arabic-norm normalize per call   [arabic_norm.normalize(l) for l in lines]
  pyarabic per call                strip_tashkeel, strip_tatweel, normalize_alef per line
  camel-tools per call             normalize_unicode, dediac_ar, normalize_alef_ar,
                                   normalize_alef_maksura_ar per line
  arnorm CLI --jobs 1              `arnorm --preset standard --jobs 1 FILE > /dev/null`, wall time
                                   of the whole process (reading included)

The rows that the issue's targets compare (arnorm normalize_batch with arabic-norm's, the
per-call rows, one Python thread with two) are measured alternated: each round runs every function of the pair once, in
turns, so that both see the same load on a shared machine; each keeps its best round.

The peers do fewer steps than arnorm's standard preset (no NFKC, no de-obfuscation, no digits):
their rows measure their own functions, as they would be used.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def best_alternated(fns, repeat):
    """The best time of each function, the functions run in turns (order reversed every round)."""
    times = [[] for _ in fns]
    for r in range(repeat):
        order = list(range(len(fns)))
        if r % 2:
            order.reverse()
        for k in order:
            t0 = time.perf_counter()
            fns[k]()
            times[k].append(time.perf_counter() - t0)
    return [min(t) for t in times]


def load_lines(mb):
    lines = []
    for path in sorted((REPO / "Corpora" / "news").glob("*.txt")):
        lines += [l for l in path.read_text(encoding="utf-8").split("\n") if l.strip()]
    size = sum(len(l.encode()) for l in lines)
    copies = max(1, int(mb * 1e6 / size))
    return lines, copies


def fresh(lines, copies):
    # decode() makes a new str object each time, without a cached UTF-8 representation.
    return [l.encode().decode() for _ in range(copies) for l in lines]


def find_cli(given):
    for candidate in (given, os.environ.get("ARNORM_BIN"), shutil.which("arnorm")):
        if candidate and Path(candidate).is_file():
            return candidate
    for scratch in (".build-py", ".build", ".build-pkg"):
        for sub in ("release", "x86_64-unknown-linux-gnu/release"):
            p = REPO / scratch / sub / "arnorm"
            if p.is_file():
                return str(p)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=20, help="input size in MB (default 20)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per row, the best is kept (default 5)")
    ap.add_argument("--arnorm-bin", help="the arnorm CLI for the native row")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args()

    import arnorm

    base, copies = load_lines(args.mb)
    lines = fresh(base, copies)
    nbytes = sum(len(l.encode()) for l in lines)
    rows = []

    def row(name, seconds, note=""):
        mbps = nbytes / seconds / 1e6
        rows.append((name, mbps, note))
        print(f"  {name:<40} {mbps:8.0f} MB/s  {note}", file=sys.stderr, flush=True)
        return mbps

    header = (f"{len(lines)} lines, {nbytes / 1e6:.1f} MB, best of {args.repeat}; arnorm {arnorm.__version__}, "
              f"{arnorm._arnorm.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start, "
              f"Python {sys.version.split()[0]}")
    print("bench: " + header, file=sys.stderr)
    n = arnorm.Normalizer("standard")
    expected = n.normalize_batch(lines)

    try:
        import arabic_norm
    except ImportError:
        arabic_norm = None
        print("  (arabic-norm not installed)", file=sys.stderr)
    if arabic_norm is not None:
        # the pairs of the targets, alternated
        batch_times = best_alternated([lambda: n.normalize_batch(lines), lambda: arabic_norm.normalize_batch(lines)],
                                      args.repeat)
        call_times = best_alternated([lambda: [n.normalize(l) for l in lines],
                                      lambda: [arabic_norm.normalize(l) for l in lines]], args.repeat)
    else:
        batch_times = [best(lambda: n.normalize_batch(lines), args.repeat)]
        call_times = [best(lambda: [n.normalize(l) for l in lines], args.repeat)]
    row("arnorm normalize_batch", batch_times[0], "all cores" + (", alternated with arabic-norm's" if arabic_norm else ""))
    row("arnorm normalize_batch, 1 thread", best(lambda: n.normalize_batch(lines, threads=1), args.repeat))

    def cold():
        batch = fresh(base, copies)
        t0 = time.perf_counter()
        n.normalize_batch(batch)
        return time.perf_counter() - t0
    row("arnorm normalize_batch, cold", min(cold() for _ in range(args.repeat)), "str UTF-8 not cached yet")

    try:
        import pyarrow as pa
    except ImportError:
        pa = None
        print("  (pyarrow not installed: no Arrow rows)", file=sys.stderr)
    if pa is not None:
        arr = pa.array(lines, type=pa.string())
        out = n.normalize_arrow(arr)
        assert out.to_pylist() == expected, "normalize_arrow differs from normalize_batch"
        row("arnorm normalize_arrow (pyarrow)", best(lambda: n.normalize_arrow(arr), args.repeat), "all cores")
        row("arnorm normalize_arrow, 1 thread", best(lambda: n.normalize_arrow(arr, threads=1), args.repeat))
        large = pa.array(lines, type=pa.large_string())
        row("arnorm normalize_arrow (large_string)", best(lambda: n.normalize_arrow(large), args.repeat), "all cores")
    try:
        import polars as pl
        series = pl.Series(lines)
        row("arnorm normalize_arrow (Polars)", best(lambda: n.normalize_arrow(series), args.repeat), "string views")
    except ImportError:
        pass

    row("arnorm Normalizer.normalize per call", call_times[0], "alternated with arabic-norm's" if arabic_norm else "")
    row("arnorm.normalize per call", best(lambda: [arnorm.normalize(l) for l in lines], args.repeat), "module level")

    # Threads: each Python thread normalizes its own batch with one engine thread.
    def threaded(k, threads_per_call):
        batches = [lines] * k
        barrier = threading.Barrier(k + 1)

        def work(batch):
            barrier.wait()
            n.normalize_batch(batch, threads=threads_per_call)
        ts = [threading.Thread(target=work, args=(b,)) for b in batches]
        for t in ts:
            t.start()
        barrier.wait()
        t0 = time.perf_counter()
        for t in ts:
            t.join()
        return (time.perf_counter() - t0) / k  # seconds per batch of nbytes
    # one thread and two, alternated (the target compares them)
    pair = [[], []]
    for r in range(args.repeat):
        for k in ((0, 1) if r % 2 == 0 else (1, 0)):
            pair[k].append(threaded(k + 1, 1))
    one = row("1 Python thread, normalize_batch(threads=1)", min(pair[0]))
    two = row("2 Python threads, normalize_batch(threads=1)", min(pair[1]), "total of both")
    rows[-1] = (rows[-1][0], rows[-1][1], f"total of both: {two / one:.2f}x one thread")
    print(f"  {'':<40} {'':8}       {two / one:.2f}x one thread", file=sys.stderr)
    row("2 Python threads, normalize_batch()", min(threaded(2, None) for _ in range(args.repeat)),
        "total of both, cores shared")

    if arabic_norm is not None:
        row("arabic-norm normalize_batch", batch_times[1], "Rust, all cores")
        row("arabic-norm normalize per call", call_times[1])
    some = lines[: max(1, len(lines) // 10)]
    scale = len(lines) / len(some)  # the slow peers run on a tenth; their time is scaled up
    try:
        from pyarabic import araby
        row("pyarabic per call", best(lambda: [araby.normalize_alef(araby.strip_tatweel(araby.strip_tashkeel(l)))
                                               for l in some], max(1, args.repeat // 2)) * scale,
            "on a tenth of the lines")
    except ImportError:
        print("  (pyarabic not installed)", file=sys.stderr)
    try:
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import normalize_alef_ar, normalize_alef_maksura_ar, normalize_unicode
        row("camel-tools per call", best(lambda: [normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(
            normalize_unicode(l)))) for l in some], max(1, args.repeat // 2)) * scale, "on a tenth of the lines")
    except ImportError:
        print("  (camel-tools not installed)", file=sys.stderr)

    cli = find_cli(args.arnorm_bin)
    if cli:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "lines.txt"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            cmd = [cli, "--preset", "standard", "--jobs", "1", str(path)]

            def run_cli():
                subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
            row("arnorm CLI --jobs 1 > /dev/null", best(run_cli, args.repeat), "whole process")
    else:
        print("  (no arnorm CLI found: --arnorm-bin or ARNORM_BIN)", file=sys.stderr)

    if args.markdown:
        print(header + f"; load average {os.getloadavg()[0]:.1f} at the end")
        print()
        print("| what | MB/s | note |")
        print("|---|---:|---|")
        for name, mbps, note in rows:
            print(f"| {name} | {mbps:.0f} | {note} |")


if __name__ == "__main__":
    main()
