#!/usr/bin/env python3
"""CAMeL Tools against arnorm, one function against its counterpart step, on the words of the
bundled corpora (Corpora/news, Corpora/samples).

    camel.py ARNORM [--words-from FILE...]

For each pair, arnorm runs only the counterpart step(s) (a --config file whose "steps" list is
exactly those steps), one word per line. A word counts only where the `clean` preset leaves it
unchanged, so a difference comes from the step and not from tatweel, invisible characters or
de-obfuscation. Prints Markdown: agreement on the dev and test halves, then the disagreements by
kind (which characters each tool leaves), with a note for each kind.
"""
import argparse
import json
import re
import os
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

from camel_tools.utils.dediac import dediac_ar  # noqa: E402
from camel_tools.utils.normalize import (normalize_alef_ar, normalize_alef_maksura_ar,  # noqa: E402
                                         normalize_teh_marbuta_ar, normalize_unicode)

PAIRS = [
    ("dediac_ar", dediac_ar, ["diacritics"]),
    ("normalize_alef_ar", normalize_alef_ar, ["alef"]),
    ("normalize_alef_maksura_ar", normalize_alef_maksura_ar, ["alef-maksura"]),
    ("normalize_teh_marbuta_ar", normalize_teh_marbuta_ar, ["teh-marbuta"]),
    ("normalize_unicode", normalize_unicode, ["unicode", "nfkc"]),
]

TANZIL_LINE = re.compile(r"^\d+\|\d+\|")
CAMEL_DIAC = set("\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0670")
CAMEL_ALEF = set("\u0622\u0623\u0625\u0671")


is_arabic_mark = common.is_arabic_mark


def classify(pair):
    """A note for a kind of disagreement: what the documented contracts say about it."""
    def note(ours, theirs):
        if pair == "dediac_ar":
            if ours == "" and theirs and all(is_arabic_mark(c) and c not in CAMEL_DIAC for c in theirs):
                return ("by design: `diacritics` removes every Arabic mark and Quranic annotation mark,"
                        " dediac_ar only U+064B–U+0652 and U+0670")
            if theirs == "" and ours and all(c in CAMEL_DIAC for c in ours):
                return "**bug candidate**: a mark dediac_ar removes is left by `diacritics`"
        if pair == "normalize_alef_ar":
            if theirs and ours == "\u0627" * len(theirs) and all(c in "\u0672\u0673\u0675" for c in theirs):
                return "by design: `alef` also folds ٲ ٳ ٵ (README), CAMeL does not"
            if ours and all(c in CAMEL_ALEF for c in ours):
                return "**bug candidate**: an alef form CAMeL folds is left by `alef`"
        if pair == "normalize_unicode":
            if ours == "\u06CC" and theirs == "\u064A":
                return ("by design: NFKC maps ﷼ to ریال with Farsi yeh; CAMeL replaces ﷼ and ﷽ itself"
                        " before NFKC (ريال, Arabic yeh); `persian` (search) folds ی")
            if unicodedata.normalize("NFKC", ours) != ours:
                return "**bug candidate**: arnorm's output is not NFKC here"
            return "check against the README's `unicode`/`nfkc` rows"
        return None
    return note


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("arnorm")
    ap.add_argument("--words-from", nargs="*", default=[],
                    help="more text files whose words are added to the corpora's (Tanzil's sura|aya|text lines are read without the numbers, its # lines skipped)")
    args = ap.parse_args()
    words = common.corpus_words()
    extra = 0
    seen = set(words)
    for path in args.words_from:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                m = TANZIL_LINE.match(line)
                for w in (line[m.end():] if m else line).split():
                    if w not in seen:
                        seen.add(w)
                        words.append(w)
                        extra += 1
    with tempfile.TemporaryDirectory() as d:
        def config(steps):
            p = os.path.join(d, "-".join(steps) + ".json")
            with open(p, "w") as f:
                json.dump({"steps": steps}, f)
            return p
        clean = common.run_arnorm(args.arnorm, ["--preset", "clean"], words)
        in_scope = [w for w, c in zip(words, clean) if w == c]
        print(f"Words: {len(words)} distinct tokens of {len(common.corpus_files())} corpus files"
              + (f" (+{extra} from {', '.join(os.path.basename(p) for p in args.words_from)})" if extra else "")
              + f"; {len(in_scope)} that `--preset clean` leaves unchanged are compared"
              f" (dev {sum(common.split_of(w) == 'dev' for w in in_scope)},"
              f" test {sum(common.split_of(w) == 'test' for w in in_scope)}).\n")
        tallies = []
        for name, fn, steps in PAIRS:
            ours = common.run_arnorm(args.arnorm, ["--config", config(steps)], in_scope)
            t = common.Tally("CAMeL")
            changed = 0
            for w, o in zip(in_scope, ours):
                theirs = fn(w)
                if o != w or theirs != w:
                    changed += 1
                t.add(w, o, theirs)
            tallies.append((name, steps, t, changed))
    print("| CAMeL function ↔ arnorm step(s) | dev | test | all | words either tool changes |"
          " disagreements not explained by a documented difference (dev/test) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, steps, t, changed in tallies:
        u = t.unexplained(classify(name))
        print(t.summary_row(f"`{name}` ↔ `{'`+`'.join(steps)}`")[:-1] + f"| {changed} | {u['dev']}/{u['test']} |")
    for name, steps, t, _ in tallies:
        print(f"\n### `{name}` ↔ `{'`+`'.join(steps)}`: disagreements by kind\n")
        if not t.kinds:
            print("None.")
            continue
        print("\n".join(t.kinds_table(classify(name))))


if __name__ == "__main__":
    main()
