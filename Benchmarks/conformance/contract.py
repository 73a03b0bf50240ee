#!/usr/bin/env python3
"""Each character a step's row in the README lists, inside a word, under every preset that has the
step: does the preset give what the row says, with the fast engine and with `--engine reference`?

    contract.py ARNORM

A preset runs its steps together (`nfkc` before `alef`, for one), so a mapping a step documents can
be undone or pre-empted by another step of the same preset; this finds such cases. The letters
are put between ب and ت (a word, joining on both sides).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

PRESET_STEPS = {
    "standard": {"diacritics", "alef", "alef-maksura", "digits", "tatweel"},
    "search": {"diacritics", "alef", "alef-maksura", "digits", "tatweel", "teh-marbuta", "hamza", "persian"},
}
# (step, input, expected): from the README's steps table and `arnorm --list-steps`.
ROWS = [("alef", c, "\u0627") for c in "أإآٱٲٳٵ"]
ROWS += [("alef-maksura", "ى", "ي"), ("teh-marbuta", "ة", "ه"), ("tatweel", "\u0640", "")]
# hamza: "hamza on a carrier → the carrier" (ؤ ئ; the high-hamza forms ٶ ٸ are hamza on waw and yeh)
ROWS += [("hamza", "ؤ", "و"), ("hamza", "ئ", "ي"), ("hamza", "ٶ", "و"), ("hamza", "ٸ", "ي")]
ROWS += [("persian", c, e) for c, e in (("ک", "ك"), ("ی", "ي"), ("ے", "ي"), ("ۀ", "ه"), ("ہ", "ه"))]
ROWS += [("digits", c, str(i)) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")]
ROWS += [("digits", c, str(i)) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")]
ROWS += [("diacritics", chr(c), "") for c in list(range(0x064B, 0x0660)) + [0x0670] + list(range(0x06D6, 0x06DD))
         + list(range(0x06DF, 0x06E5)) + list(range(0x06E7, 0x06E9)) + list(range(0x06EA, 0x06EE))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("arnorm")
    args = ap.parse_args()
    bad = []
    total = 0
    for preset, steps in PRESET_STEPS.items():
        rows = [r for r in ROWS if r[0] in steps]
        words = ["ب" + c + "ت" for _, c, _ in rows]
        fast = common.run_arnorm(args.arnorm, ["--preset", preset], words)
        ref = common.run_arnorm(args.arnorm, ["--preset", preset, "--engine", "reference"], words)
        for (step, c, e), w, f, r in zip(rows, words, fast, ref):
            total += 1
            want = "ب" + e + "ت"
            if f != want or r != f:
                bad.append((preset, step, w, want, f, r))
    print(f"{total} (preset, character) pairs; {len(bad)} not as documented.\n")
    if bad:
        print("| preset | step | input | documented | fast engine | reference |")
        print("|---|---|---|---|---|---|")
        for preset, step, w, want, f, r in bad:
            print(f"| {preset} | `{step}` | `{w}` ({common.describe(w[1:-1])}) | `{want}` | `{f}` ({common.describe(f[1:-1])}) | "
                  + ("same" if r == f else f"`{r}`") + " |")


if __name__ == "__main__":
    main()
