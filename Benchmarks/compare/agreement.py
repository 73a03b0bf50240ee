#!/usr/bin/env python3
"""Line-by-line agreement of each tool's output with arnorm's on the same input.

    agreement.py INPUT ARNORM_OUT NAME=OUT [NAME=OUT ...]

For each tool: the share of lines identical to arnorm's, then the differing lines put in
categories by the characters that differ (a line can count in several), each with its count and
one example. The categories say why: a step one side has and the other lacks, or does differently.
"""
import difflib
import sys
import unicodedata

HARAKAT = set(range(0x064B, 0x0660)) | {0x0670} | set(range(0x0610, 0x061B)) | set(range(0x06D6, 0x06EE))
INVISIBLE = {0x00AD, 0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064,
             0xFEFF} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
ALEFS = {0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675, 0x0627}
DIGITS = set(range(0x0660, 0x066A)) | set(range(0x06F0, 0x06FA)) | set(range(0x30, 0x3A)) | {0x066B, 0x066C, 0x066A}


def category(a, b):
    """Why segment a (arnorm) differs from segment b (the other tool)."""
    chars = {ord(c) for c in a + b}
    if chars and all(unicodedata.category(chr(c)) in ("Zs", "Cc") for c in chars):
        return "whitespace (arnorm collapses runs of spaces, trims lines, maps Unicode spaces)"
    if 0x0640 in chars:
        return "tatweel"
    if chars & INVISIBLE:
        return "invisible characters (ZWJ/ZWNJ, bidi marks, BOM)"
    if chars & HARAKAT:
        return "diacritics and Quranic marks (which marks each side removes)"
    if any(0xFB50 <= c <= 0xFDFF or 0xFE70 <= c <= 0xFEFF for c in chars) or (
            unicodedata.normalize("NFKC", b) == a and a != b):
        return "NFKC / presentation forms and ligatures"
    if chars & DIGITS:
        return "digits and number separators"
    if chars <= ALEFS | {0x0649, 0x064A}:
        return "alef / alef maksura folding"
    if a == "" and b and all(unicodedata.category(c).startswith("P") or c in ".*_-" for c in b):
        return "de-obfuscation (arnorm joins words split with tatweel + dots)"
    if all(unicodedata.category(chr(c)).startswith(("P", "S")) for c in chars):
        return "punctuation and symbols"
    return "other"


def excerpt(src, out, j1, j2):
    """The part of the input line that became out[j1:j2] (aligned through the common text)."""
    blocks = difflib.SequenceMatcher(None, out, src, autojunk=False).get_matching_blocks()
    def at(j):
        best = 0
        for b in blocks:
            if b.a <= j:
                best = b.b + min(j - b.a, b.size)
        return best
    lo, hi = at(j1), at(j2)
    return src[max(0, lo - 12):hi + 12]


def main():
    src, ref = sys.argv[1], sys.argv[2]
    with open(ref, encoding="utf-8", errors="replace") as fh:
        ref_lines = fh.read().split("\n")
    with open(src, encoding="utf-8", errors="replace") as fh:
        src_lines = fh.read().split("\n")
    for arg in sys.argv[3:]:
        name, path = arg.split("=", 1)
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                lines = fh.read().split("\n")
        except OSError:
            print(f"{name}: no output")
            continue
        n = min(len(lines), len(ref_lines))
        same = sum(1 for k in range(n) if lines[k] == ref_lines[k])
        print(f"{name}: {same}/{n} lines identical to arnorm ({100.0 * same / max(n, 1):.1f}%)"
              + ("" if len(lines) == len(ref_lines) else f"; line counts differ ({len(lines)} vs {len(ref_lines)})"))
        cats = {}
        for k in range(n):
            a, b = ref_lines[k], lines[k]
            if a == b:
                continue
            seen = set()
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
                if op == "equal":
                    continue
                c = category(a[i1:i2], b[j1:j2])
                if c in seen:
                    continue
                seen.add(c)
                entry = cats.setdefault(c, [0, None])
                entry[0] += 1
                if entry[1] is None:
                    entry[1] = (excerpt(src_lines[k] if k < len(src_lines) else "", b, j1, j2),
                                a[max(0, i1 - 12):i2 + 12], b[max(0, j1 - 12):j2 + 12])
        for c, (count, ex) in sorted(cats.items(), key=lambda kv: -kv[1][0]):
            print(f"    {count:6d} lines  {c}")
            if ex:
                print(f"                  input:  {ex[0]!r}\n                  arnorm: {ex[1]!r}\n                  {name}: {ex[2]!r}")
        print()


if __name__ == "__main__":
    main()
