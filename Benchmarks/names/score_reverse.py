#!/usr/bin/env python3
"""Scores English → Arabic names (`arnorm translit --scheme names --reverse`).

Usage: python3 Benchmarks/names/score_reverse.py --arnorm PATH [--set FILE ...] [--errors N]

Without --set it scores Corpora/names/reverse-dev.tsv and reverse-test.tsv (written by
make_reverse_sets.py). Set format (TSV, '#' comments, one header line): English spelling,
accepted Arabic spellings ('|' separated), type, origin. Exact: the output equals an accepted
spelling (repeated spaces ignored). Search: equal after `arnorm normalize --preset search` on
both sides (hamza seats, alef forms, teh marbuta and the like folded, as a search index does).
CER: edit distance to the closest accepted spelling over its length, averaged. Columns for the
lexicon and rules (the shipped setting) and for the rules alone (--no-lexicon); rows overall, by
origin (arabic, foreign) and per source language.
"""
import argparse
import os
import subprocess

from name_sets import read_rows

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_SETS = [os.path.join(ROOT, "Corpora", "names", n) for n in ("reverse-dev.tsv", "reverse-test.tsv")]


def read_set(path):
    return [(cols[0], cols[1].split("|"), cols[2], cols[3]) for cols in read_rows(path)]


def run(cmd, lines):
    res = subprocess.run(cmd, input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
    return res.stdout.split("\n")[: len(lines)]


def levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def squash(s):
    return " ".join(s.split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arnorm", required=True)
    ap.add_argument("--set", action="append")
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    for path in args.set or DEFAULT_SETS:
        rows = read_set(path)
        latin = [r[0] for r in rows]
        systems = {
            "names": run([args.arnorm, "translit", "--scheme", "names", "--reverse"], latin),
            "rules only": run([args.arnorm, "translit", "--scheme", "names", "--reverse", "--no-lexicon"], latin),
        }
        flat_refs = [a for r in rows for a in r[1]]
        search = lambda lines: run([args.arnorm, "normalize", "--preset", "search"], lines)  # noqa: E731
        refs_norm_flat = search(flat_refs)
        refs_norm, k = [], 0
        for r in rows:
            refs_norm.append(refs_norm_flat[k:k + len(r[1])])
            k += len(r[1])
        preds_norm = {s: search(p) for s, p in systems.items()}

        buckets = {"all": list(range(len(rows)))}
        for i, r in enumerate(rows):
            origin = r[3]
            buckets.setdefault("origin=arabic" if origin == "arabic" else "origin=foreign", []).append(i)
            if origin not in ("arabic", "foreign"):
                buckets.setdefault("origin=" + origin, []).append(i)
        order = ["all", "origin=arabic", "origin=foreign"] + sorted(b for b in buckets if b not in ("all", "origin=arabic", "origin=foreign"))
        print(f"Reverse names set: {os.path.relpath(path, ROOT)} ({len(rows)} names)\n")
        print("| subset | n | " + " | ".join(f"{s} exact % | {s} search % | {s} CER %" for s in systems) + " |")
        print("|---|---:|" + "---:|---:|---:|" * len(systems))
        for b in order:
            idx = buckets.get(b, [])
            if not idx:
                continue
            cells = []
            for s, preds in systems.items():
                ex = sum(squash(preds[i]) in [squash(a) for a in rows[i][1]] for i in idx)
                se = sum(squash(preds_norm[s][i]) in [squash(a) for a in refs_norm[i]] for i in idx)
                cer = sum(min(levenshtein(squash(preds[i]), squash(a)) / max(1, len(squash(a))) for a in rows[i][1]) for i in idx)
                n = len(idx)
                cells.append(f"{100 * ex / n:.1f} | {100 * se / n:.1f} | {100 * cer / n:.1f}")
            print(f"| {b} | {len(idx)} | " + " | ".join(cells) + " |")
        print()
        if args.errors:
            shown = 0
            for i, r in enumerate(rows):
                p = systems["names"][i]
                if squash(preds_norm["names"][i]) not in [squash(a) for a in refs_norm[i]]:
                    print(f"  {r[3]:10} {r[0]}\t{p}\t(accepted: {'|'.join(r[1])})  rules: {systems['rules only'][i]}")
                    shown += 1
                    if shown >= args.errors:
                        break
            print()


if __name__ == "__main__":
    main()
