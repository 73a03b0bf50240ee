#!/usr/bin/env python3
"""Appends a batch of new entries to the names lexicon, keeping the dev set honest.

Usage: python3 Benchmarks/names/add_lexicon_batch.py BATCH.tsv "Section comment" [--dry]

BATCH.tsv has the lexicon's columns (Arabic, spellings separated by |, kind). A row is skipped when
it is malformed, when its folded key is already in the lexicon, or when it collides with
Corpora/names/dev.tsv or foreign-test.tsv: a one-word entry that is a word of a dev name (with or without the article),
or an entry that is a dev name or a run of words inside one. The rest are appended under
"# Section comment". Counts and the skipped dev collisions go to stderr.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from name_sets import read_rows  # noqa: E402
from score import LEXICON, ROOT, fold_key, load_lexicon  # noqa: E402

# Sets whose names must not enter the lexicon: the Arabic dev set (scored with and without the
# lexicon) and the held-out foreign test set.
DEV_SETS = [os.path.join(ROOT, "Corpora", "names", n) for n in ("dev.tsv", "foreign-test.tsv")]
KINDS = {"given", "family", "family-bare", "place", "org", "foreign", "particle", "phrase"}
ARABIC = re.compile(r"^[\u0621-\u064A\u0671 ]+$")


def strip_al(w):
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    batch, header = sys.argv[1], sys.argv[2]
    dry = "--dry" in sys.argv[3:]
    existing = load_lexicon()
    dev_names, dev_words = [], set()
    for path in DEV_SETS:
        for row in read_rows(path):
            key = fold_key(row[0])
            dev_names.append(f" {key} ")
            for w in key.split():
                dev_words.update((w, strip_al(w)))
    out, seen, dup, bad, dev_hits = [], set(), 0, [], []
    with open(batch, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if (len(cols) != 3 or cols[2] not in KINDS or not ARABIC.match(cols[0])
                    or not all(s and s.isascii() for s in cols[1].split("|"))):
                bad.append(line)
                continue
            key = fold_key(cols[0])
            if key in existing or key in seen:
                dup += 1
                continue
            words = key.split()
            if (len(words) == 1 and (key in dev_words or strip_al(key) in dev_words)) \
                    or any(f" {key} " in n for n in dev_names):
                dev_hits.append(cols[0])
                continue
            seen.add(key)
            out.append("\t".join(cols))
    print(f"new {len(out)}, already in the lexicon {dup}, dev collisions {len(dev_hits)}, malformed {len(bad)}",
          file=sys.stderr)
    for b in bad:
        print(f"malformed: {b}", file=sys.stderr)
    if dev_hits:
        print("skipped (dev set): " + " ".join(dev_hits), file=sys.stderr)
    if not dry and out:
        with open(LEXICON, "a", encoding="utf-8") as f:
            f.write(f"# {header}\n" + "\n".join(out) + "\n")


if __name__ == "__main__":
    main()
