#!/usr/bin/env python3
"""Runs one Python peer's closest pipeline to `arnorm --preset standard` on a file.

    peers.py TOOL IN OUT        TOOL: camel-tools | pyarabic | arabic-norm | arabic-normalize | python-stdlib

`arnorm --preset standard` = NFKC, invisible characters, whitespace, tatweel, de-obfuscation,
diacritics, alef variants, alef maksura, digits. Each peer runs the functions of its own that do
those steps; what it has no function for is filled in with the Python standard library (marked
"fill-in"), so every row does comparable work:

  camel-tools       camel_tools.utils.normalize.normalize_unicode (NFKC plus its own fixes),
                    camel_tools.utils.dediac.dediac_ar, normalize_alef_ar, normalize_alef_maksura_ar;
                    fill-in: tatweel, digits and invisible characters with str.translate
  pyarabic          pyarabic.araby.strip_tashkeel, strip_tatweel, normalize_alef;
                    fill-in: NFKC (unicodedata), alef maksura, digits, invisibles (str.translate)
  arabic-norm       arabic_norm.normalize_batch (tashkeel, tatweel, alif, ya; Rust) in batches of
                    10,000 lines; fill-in: NFKC, digits, invisibles
  arabic-normalize  arabic_normalize.Normalizer(alef_maqsura=True, digits="western").normalize_many
                    (diacritics, tatweel, alef, alef maksura, bidi marks, digits; Rust);
                    fill-in: NFKC
  python-stdlib     unicodedata.normalize("NFKC") and one str.translate table: the floor for
                    any Python pipeline

Prints one JSON line on standard error: seconds spent in the pipeline functions only
("processing only": no reading, decoding, encoding or writing) and the same for the peer's own
functions without the fill-ins.
"""
import json
import sys
import time
import unicodedata

TATWEEL = "\u0640"
INVISIBLE = "\u00AD\u061C\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\uFEFF"
DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})
FILL_DIGITS_INVISIBLE = dict(DIGITS)
FILL_DIGITS_INVISIBLE.update({ord(c): None for c in INVISIBLE})
FILL_TATWEEL_DIGITS_INVISIBLE = dict(FILL_DIGITS_INVISIBLE)
FILL_TATWEEL_DIGITS_INVISIBLE[ord(TATWEEL)] = None
FILL_MAKSURA_DIGITS_INVISIBLE = dict(FILL_DIGITS_INVISIBLE)
FILL_MAKSURA_DIGITS_INVISIBLE[0x0649] = "\u064A"
STDLIB = dict(FILL_TATWEEL_DIGITS_INVISIBLE)
STDLIB.update({c: None for c in range(0x064B, 0x0660)})
STDLIB.update({c: None for c in range(0x0610, 0x061B)})
STDLIB[0x0670] = None
STDLIB.update({c: None for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)})
STDLIB.update({ord(c): "\u0627" for c in "\u0622\u0623\u0625\u0671"})
STDLIB[0x0649] = "\u064A"


def nfkc(s):
    return unicodedata.normalize("NFKC", s)


def make(tool):
    """Returns (process(lines) -> lines, own(lines) -> lines) for a tool."""
    if tool == "camel-tools":
        from camel_tools.utils.normalize import (normalize_unicode, normalize_alef_ar,
                                                 normalize_alef_maksura_ar)
        from camel_tools.utils.dediac import dediac_ar

        def own(lines):
            return [normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(normalize_unicode(l)))) for l in lines]

        def full(lines):
            return [l.translate(FILL_TATWEEL_DIGITS_INVISIBLE) for l in own(lines)]
        return full, own
    if tool == "pyarabic":
        from pyarabic import araby

        def own(lines):
            return [araby.normalize_alef(araby.strip_tatweel(araby.strip_tashkeel(l))) for l in lines]

        def full(lines):
            return [l.translate(FILL_MAKSURA_DIGITS_INVISIBLE) for l in own([nfkc(l) for l in lines])]
        return full, own
    if tool == "arabic-norm":
        import arabic_norm

        def own(lines):
            out = []
            for k in range(0, len(lines), 10000):
                out.extend(arabic_norm.normalize_batch(lines[k:k + 10000]))
            return out

        def full(lines):
            return [l.translate(FILL_DIGITS_INVISIBLE) for l in own([nfkc(l) for l in lines])]
        return full, own
    if tool == "arabic-normalize":
        import arabic_normalize
        n = arabic_normalize.Normalizer(alef_maqsura=True, digits="western")

        def own(lines):
            out = []
            for k in range(0, len(lines), 10000):
                out.extend(n.normalize_many(lines[k:k + 10000]))
            return out

        def full(lines):
            return own([nfkc(l) for l in lines])
        return full, own
    if tool == "python-stdlib":
        def full(lines):
            return [nfkc(l).translate(STDLIB) for l in lines]
        return full, full
    raise SystemExit("unknown tool " + tool)


def main():
    tool, src, dst = sys.argv[1:4]
    full, own = make(tool)
    with open(src, encoding="utf-8", errors="replace") as fh:
        lines = fh.read().split("\n")
    t0 = time.perf_counter()
    out = full(lines)
    t1 = time.perf_counter()
    with open(dst, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))
    own_seconds = None
    if "--own" in sys.argv:
        t2 = time.perf_counter()
        own(lines)
        own_seconds = time.perf_counter() - t2
    sys.stderr.write(json.dumps({"tool": tool, "processing": t1 - t0, "own": own_seconds}) + "\n")


if __name__ == "__main__":
    main()
