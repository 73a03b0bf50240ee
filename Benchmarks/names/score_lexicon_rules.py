#!/usr/bin/env python3
"""The rules alone (`--no-lexicon`) on the lexicon's own one-word entries: a check of the letter
and pattern rules outside the dev sets (the words of dev.tsv's odd rows, held out, are left out).

    python3 Benchmarks/names/score_lexicon_rules.py ARNORM                  # right per kind of entry
    python3 Benchmarks/names/score_lexicon_rules.py ARNORM --errors FILE    # and the misses
    python3 Benchmarks/names/score_lexicon_rules.py ARNORM --faal family    # the فعّال shape (four
                                                                            # letters, ا or و third)
                                                                            # alone and after a given name

Run from the repository root. An entry is right when the output, without a leading al-/el-,
hyphens, spaces and apostrophes, equals one of its spellings treated the same way.
"""
import argparse
import collections
import re
import subprocess
import sys

sys.path.insert(0, "Benchmarks/names")
from name_sets import read_rows  # noqa: E402

LEXICON = "Sources/ArabicTransliteration/Resources/names-lexicon.tsv"
WEAK = "اويىةءأإآئؤ"


def held_out_words():
    words = set()
    for row in read_rows("Corpora/names/dev.tsv")[1::2]:
        for w in row[0].split():
            words.add(w)
            words.add(w[2:] if w.startswith("ال") else w)
    return words


def key(spelling):
    s = re.sub(r"^(al|el)[- ]", "", spelling.lower())
    return s.replace("-", "").replace(" ", "").replace("'", "")


def entries(kinds):
    odd = held_out_words()
    for line in open(LEXICON, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        c = line.rstrip("\n").split("\t")
        if len(c) < 3 or c[2] not in kinds:
            continue
        w = c[0]
        if " " in w or w in odd or any("\u064b" <= ch <= "\u0652" for ch in w):
            continue
        yield w, c[2], {key(s) for s in c[1].split("|")}


def translit(arnorm, lines):
    out = subprocess.run([arnorm, "translit", "--scheme", "names", "--no-lexicon"],
                         input="\n".join(lines) + "\n", capture_output=True, text=True, check=True).stdout
    return out.split("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("arnorm")
    ap.add_argument("--errors", help="write the misses (and the hits, marked OK) to this file")
    ap.add_argument("--faal", metavar="KINDS", help="only the فعّال shape of these kinds (comma-separated)")
    args = ap.parse_args()
    if args.faal:
        ents = [(w, sp) for w, _, sp in entries(set(args.faal.split(",")))
                if not w.startswith("ال") and len(w) == 4 and w[2] in "او"
                and w[1] not in "عه" + WEAK and w[0] not in WEAK and w[3] not in WEAK]
        for prefix in ("", "سمير "):
            out = translit(args.arnorm, [prefix + w for w, _ in ents])
            right = sum(key(o.split(" ", 1)[1] if prefix else o) in sp for (w, sp), o in zip(ents, out))
            print(f"{'after a given name' if prefix else 'alone'}: {right} of {len(ents)} right")
        return
    ents = list(entries({"given", "family", "family-bare", "place"}))
    out = translit(args.arnorm, [w for w, _, _ in ents])
    right, total = collections.Counter(), collections.Counter()
    errors = open(args.errors, "w", encoding="utf-8") if args.errors else None
    for (w, kind, sp), o in zip(ents, out):
        total[kind] += 1
        hit = key(o) in sp
        right[kind] += hit
        if errors:
            print("OK" if hit else "", w, kind, o, "|".join(sorted(sp)), sep="\t", file=errors)
    for kind in total:
        print(f"{kind}: {right[kind]} of {total[kind]} right ({100 * right[kind] / total[kind]:.1f}%)")
    print(f"all: {sum(right.values())} of {sum(total.values())} right")


if __name__ == "__main__":
    main()
