#!/usr/bin/env python3
"""Builds the benchmark inputs from Corpora/ (nothing big is committed).

    Benchmarks/make-corpora.py [--out DIR] [--size-mb N] [--big]

Writes to DIR (default: $ARNORM_BENCH_DIR or /tmp/arnorm-bench), deterministically (fixed seed):

  news.txt         the five news articles repeated to N MB (default 64)
  diacritized.txt  fully diacritized Quranic-style text: the news text with a haraka on every Arabic
                   letter, shadda (mostly in canonical order, a quarter typed shadda first), tanween at
                   word ends, alef wasla, superscript alef and Quranic pause marks; Corpora/samples/
                   *quran* (if present) between the copies
  uthmani.txt      Quranic text in Uthmani orthography, generated from the diacritized news: marks on
                   tatweel (ـٰ ـَ), the Uthmani sukun and other small high letters U+06D6–U+06ED
                   (ۡ ۟ ۠ ۢ ۥ ۦ ۧ ۨ ۭ), open tanween U+08F0–U+08F2, pause marks (ۖ ۗ ۘ ۙ ۚ ۛ ۜ), verse ends
                   ۝ with Arabic-Indic numbers, ۞ and ۩
  mixed.txt        ASCII-heavy mixed text (~85% ASCII bytes): English prose, URLs, code, numbers,
                   with Arabic words and phrases from the news
  obfuscated.txt   social-media-style text: words split with tatweel + dots (خـ.ـسائر), zero-width
                   characters inside words, elongations (جداااا), Arabic-Indic digits, presentation
                   forms, emoji
  --big adds:
  news-10.txt, news-50.txt, news-100.txt   the news corpus at 10, 50 and 100 MB (linear growth)
  news-oneline-100.txt                     the same 100 MB as one line (line-length check)

Existing files of the right size are kept, so re-running is cheap.
"""
import argparse
import glob
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MB = 1 << 20

FATHA, DAMMA, KASRA, SUKUN, SHADDA = "\u064E", "\u064F", "\u0650", "\u0652", "\u0651"
TANWEEN = ["\u064B", "\u064C", "\u064D"]
TATWEEL = "\u0640"
ZW = ["\u200C", "\u200D", "\u200B", "\u2060"]
QURANIC_MARKS = ["\u06D6", "\u06D7", "\u06DA", "\u06D8", "\u06DB"]


def is_arabic_letter(ch):
    return "\u0621" <= ch <= "\u064A" or ch in "\u0671\u067E\u0686\u06A4\u06AF"


def news_text():
    files = sorted(glob.glob(os.path.join(ROOT, "Corpora", "news", "*.txt")))
    if not files:
        sys.exit("no Corpora/news/*.txt")
    parts = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            t = fh.read()
        parts.append(t if t.endswith("\n") else t + "\n")
    return "".join(parts)


def repeat_to(text, size):
    """Repeats `text` (whole lines) until it reaches `size` bytes, cut at a line end."""
    data = text.encode("utf-8")
    reps = size // len(data) + 1
    big = data * reps
    cut = big.rfind(b"\n", 0, size)
    return big[: cut + 1] if cut > 0 else big[:size]


def diacritize(text, rng):
    out = []
    words = text.split(" ")
    for w in words:
        letters = list(w)
        res = []
        n = len(letters)
        for k, ch in enumerate(letters):
            if ch == "\u0627" and k == 0 and rng.random() < 0.3:
                ch = "\u0671"  # alef wasla
            res.append(ch)
            if not is_arabic_letter(ch) or ch in "\u0627\u0671\u0649":
                continue
            last = k == n - 1 or not is_arabic_letter(letters[k + 1])
            if last:
                res.append(rng.choice(TANWEEN) if rng.random() < 0.25 else rng.choice([FATHA, DAMMA, KASRA, SUKUN]))
            else:
                vowel = rng.choice([FATHA, FATHA, DAMMA, KASRA, SUKUN])
                if vowel != SUKUN and rng.random() < 0.12:
                    # Canonical order (vowel, then shadda) as in the Quranic sample; a quarter typed
                    # shadda first, as keyboards produce it, which ICU must reorder.
                    res.append(SHADDA + vowel if rng.random() < 0.25 else vowel + SHADDA)
                else:
                    res.append(vowel)
                if ch == "\u0647" and rng.random() < 0.2:
                    res.append("\u0670")  # superscript alef
        word = "".join(res)
        if word and rng.random() < 0.04:
            word += " " + rng.choice(QURANIC_MARKS)
        out.append(word)
    return " ".join(out)


UTHMANI_SUKUN = "\u06E1"
OPEN_TANWEEN = ["\u08F0", "\u08F1", "\u08F2"]
SMALL_HIGH = ["\u06DF", "\u06E0", "\u06E2", "\u06E3", "\u06E7", "\u06E8", "\u06EA", "\u06EB", "\u06EC", "\u06ED"]
SMALL_LETTERS = ["\u06E5", "\u06E6"]  # small waw, small yeh (Lm)
PAUSE_MARKS = ["\u06D6", "\u06D7", "\u06D8", "\u06D9", "\u06DA", "\u06DB", "\u06DC"]


def uthmani(text, rng):
    """The diacritized text in Uthmani dress (see the module docstring)."""
    out_lines = []
    verse = 1
    for line in diacritize(text, rng).split("\n"):
        ws = []
        since = 0
        for w in line.split(" "):
            w = "".join(UTHMANI_SUKUN if c == SUKUN and rng.random() < 0.6
                        else rng.choice(OPEN_TANWEEN) if c in TANWEEN and rng.random() < 0.4 else c for c in w)
            if len(w) > 3 and rng.random() < 0.15:
                # A mark on tatweel inside the word (the Uthmani dagger alef or a haraka).
                k = rng.randint(1, len(w) - 1)
                w = w[:k] + TATWEEL + rng.choice(["\u0670", FATHA, "\u0670", KASRA]) + w[k:]
            if w and rng.random() < 0.06:
                w += rng.choice(SMALL_HIGH)
            if w and rng.random() < 0.04:
                w += rng.choice(SMALL_LETTERS)
            ws.append(w)
            since += 1
            if rng.random() < 0.07:
                ws.append(rng.choice(PAUSE_MARKS))
            if since > 12 and rng.random() < 0.1:
                ws.append("\u06DD" + "".join(ARABIC_INDIC[int(d)] for d in str(verse)))
                verse += 1
                since = 0
        prefix = "\u06DE " if rng.random() < 0.05 else ""
        suffix = " \u06E9" if rng.random() < 0.02 else ""
        out_lines.append(prefix + " ".join(ws) + suffix)
    return "\n".join(out_lines)


ENGLISH = ("the report said that officials in the region confirmed the figures on Wednesday while "
           "analysts expect prices to rise again next quarter according to data published by the "
           "ministry and several independent observers who asked not to be named because they were "
           "not authorized to speak").split()


def mixed_text(news, rng, size):
    arabic_words = [w for w in news.split() if any(is_arabic_letter(c) for c in w)]
    lines = []
    total = 0
    while total < size:
        kind = rng.random()
        if kind < 0.5:
            ws = [rng.choice(ENGLISH) for _ in range(rng.randint(8, 24))]
            for _ in range(rng.randint(0, 2)):
                ws.insert(rng.randint(0, len(ws)), " ".join(rng.choice(arabic_words) for _ in range(rng.randint(1, 3))))
            line = " ".join(ws).capitalize() + "."
        elif kind < 0.7:
            line = "https://example.org/%s/%d?q=%s&lang=ar  %s" % (
                rng.choice(ENGLISH), rng.randint(1, 99999), rng.choice(ENGLISH), rng.choice(arabic_words))
        elif kind < 0.85:
            line = '    let %s = normalize("%s")  // %s %d' % (
                rng.choice(ENGLISH), rng.choice(arabic_words), rng.choice(ENGLISH), rng.randint(0, 1000))
        else:
            line = "%d,%d,%0.2f,%s,%s,%d" % (rng.randint(1, 9999), rng.randint(2000, 2026), rng.random() * 100,
                                             rng.choice(ENGLISH), rng.choice(arabic_words), rng.randint(0, 9))
        lines.append(line)
        total += len(line.encode("utf-8")) + 1
    return "\n".join(lines) + "\n"


ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
EMOJI = ["\U0001F602", "\U0001F525", "\u2764\uFE0F", "\U0001F44D", "\U0001F1F8\U0001F1FE"]


def obfuscate(text, rng):
    out_lines = []
    for line in text.split("\n"):
        ws = []
        for w in line.split(" "):
            arabic = sum(1 for c in w if is_arabic_letter(c)) >= 3
            r = rng.random()
            if arabic and r < 0.12:
                k = rng.randint(1, len(w) - 2)
                w = w[:k] + TATWEEL + rng.choice([".", "..", "*", "_", "-"]) + TATWEEL + w[k:]
            elif arabic and r < 0.20:
                k = rng.randint(1, len(w) - 1)
                w = w[:k] + rng.choice(ZW) + w[k:]
            elif arabic and r < 0.26:
                k = max(i for i, c in enumerate(w) if is_arabic_letter(c))
                w = w[: k + 1] + w[k] * rng.randint(2, 6) + w[k + 1:]
            elif arabic and r < 0.30:
                k = rng.randint(1, len(w) - 1)
                w = w[:k] + TATWEEL * rng.randint(1, 4) + w[k:]
            elif arabic and r < 0.32:
                w = w.replace("\u0644\u0627", "\uFEFB")  # presentation-form lam-alef
            elif w.isdigit():
                w = "".join(ARABIC_INDIC[int(c)] for c in w)
            ws.append(w)
            if rng.random() < 0.03:
                ws.append(rng.choice(EMOJI) * rng.randint(1, 3))
        out_lines.append(" ".join(ws))
    return "\n".join(out_lines)


def write(path, data, force=False):
    if not force and os.path.exists(path) and os.path.getsize(path) == len(data):
        print("kept   %-28s %7.1f MB" % (os.path.basename(path), len(data) / MB))
        return
    tmp = path + ".tmp"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
    print("wrote  %-28s %7.1f MB" % (os.path.basename(path), len(data) / MB))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.environ.get("ARNORM_BENCH_DIR", "/tmp/arnorm-bench"))
    ap.add_argument("--size-mb", type=float, default=64)
    ap.add_argument("--big", action="store_true", help="also the 10/50/100 MB news files and the 100 MB single line")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    size = int(args.size_mb * MB)
    rng = random.Random(20260601)

    news = news_text()
    write(os.path.join(args.out, "news.txt"), repeat_to(news, size))

    # Generated from the news (varied, so branch predictors cannot learn one short text), with the
    # Quranic sample, when present, between the copies.
    quran = ""
    for f in sorted(glob.glob(os.path.join(ROOT, "Corpora", "samples", "*quran*"))):
        with open(f, encoding="utf-8") as fh:
            quran += fh.read()
    dia = "".join(diacritize(news, rng) + quran for _ in range(10))
    write(os.path.join(args.out, "diacritized.txt"), repeat_to(dia, size))

    # (Its own generator: the corpora after it stay what they were.)
    urng = random.Random(20261206)
    uth = "".join(uthmani(news, urng) for _ in range(10))
    write(os.path.join(args.out, "uthmani.txt"), repeat_to(uth, size))

    write(os.path.join(args.out, "mixed.txt"), repeat_to(mixed_text(news, rng, 4 * MB), size))
    # Several different obfuscated copies so the pattern does not repeat every 20 KB.
    obf = "".join(obfuscate(news, rng) for _ in range(20))
    write(os.path.join(args.out, "obfuscated.txt"), repeat_to(obf, size))

    if args.big:
        for n in (10, 50, 100):
            write(os.path.join(args.out, "news-%d.txt" % n), repeat_to(news, n * MB))
        one = repeat_to(news, 100 * MB).replace(b"\n", b" ")
        write(os.path.join(args.out, "news-oneline-100.txt"), one[:-1] + b"\n")


if __name__ == "__main__":
    main()
