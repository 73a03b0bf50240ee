#!/usr/bin/env python3
"""Scores the name key (`arnorm translit --scheme name-key`) on pairs of spellings.

Usage: python3 Benchmarks/names/score_key.py --arnorm PATH [--set FILE ...] [--errors N]

Without --set it scores Corpora/names/key-pairs-dev.tsv and key-pairs-test.tsv. Pair files (TSV,
'#' comments, one header line): a, b, label (same/different), source. A pair is predicted "same"
when both keys are equal. Precision: share of predicted-same pairs that are the same name;
recall: share of same-name pairs predicted same. Reported overall and per source.
"""
import argparse
import os
import subprocess
import sys

from name_sets import read_rows

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_SETS = [os.path.join(ROOT, "Corpora", "names", n) for n in ("key-pairs-dev.tsv", "key-pairs-test.tsv")]


def read_pairs(path):
    rows = []
    for cols in read_rows(path):
        a, b, label, source = cols[:4]
        rows.append((a, b, label == "same", source))
    return rows


def keys(arnorm, texts):
    res = subprocess.run([arnorm, "translit", "--scheme", "name-key"], input="\n".join(texts) + "\n",
                         capture_output=True, text=True, check=True)
    return res.stdout.split("\n")[: len(texts)]


def prf(rows, same_pred):
    tp = sum(1 for r, p in zip(rows, same_pred) if r[2] and p)
    fp = sum(1 for r, p in zip(rows, same_pred) if not r[2] and p)
    fn = sum(1 for r, p in zip(rows, same_pred) if r[2] and not p)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arnorm", required=True)
    ap.add_argument("--set", action="append")
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    for path in args.set or DEFAULT_SETS:
        rows = read_pairs(path)
        ka = keys(args.arnorm, [r[0] for r in rows])
        kb = keys(args.arnorm, [r[1] for r in rows])
        pred = [x == y and x != "" for x, y in zip(ka, kb)]
        print(f"Key pairs: {os.path.relpath(path, ROOT)} ({len(rows)} pairs)\n")
        print("| source | same pairs | different pairs | precision % | recall % |")
        print("|---|---:|---:|---:|---:|")
        sources = ["all"] + sorted({r[3] for r in rows})
        for s in sources:
            idx = [i for i, r in enumerate(rows) if s == "all" or r[3] == s]
            sub = [rows[i] for i in idx]
            p, r = prf(sub, [pred[i] for i in idx])
            print(f"| {s} | {sum(1 for x in sub if x[2])} | {sum(1 for x in sub if not x[2])} | {100 * p:.1f} | {100 * r:.1f} |")
        print()
        if args.errors:
            shown = 0
            for r, x, y, p in zip(rows, ka, kb, pred):
                if p != r[2]:
                    print(f"  {'missed' if r[2] else 'merged'}\t{r[0]} [{x}]\t{r[1]} [{y}]")
                    shown += 1
                    if shown >= args.errors:
                        break
            print()


if __name__ == "__main__":
    main()
