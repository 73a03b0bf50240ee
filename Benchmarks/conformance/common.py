"""Shared pieces of the conformance harness: the words of the bundled corpora, the dev/test split,
running arnorm on a list of words, and sorting disagreements into kinds."""
import collections
import difflib
import hashlib
import os
import subprocess
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPORA = [os.path.join(ROOT, "Corpora", "news"), os.path.join(ROOT, "Corpora", "samples")]


def corpus_files():
    files = []
    for d in CORPORA:
        for name in sorted(os.listdir(d)):
            if name.endswith(".txt"):
                files.append(os.path.join(d, name))
    return files


def corpus_words():
    """Distinct whitespace-separated tokens of the bundled corpora, in first-seen order.
    Tokens are split on str.split() (Unicode whitespace); the token keeps its punctuation, so a
    step that touches punctuation shows up."""
    seen = {}
    for path in corpus_files():
        with open(path, encoding="utf-8") as f:
            for line in f:
                for w in line.split():
                    seen.setdefault(w, None)
    return list(seen)


def split_of(word):
    """'dev' or 'test', from the first byte of the word's SHA-1: the same word is always in the
    same half, whatever the corpus or the order."""
    return "dev" if hashlib.sha1(word.encode("utf-8")).digest()[0] < 128 else "test"


def run_arnorm(arnorm, args, words):
    """Normalizes each word as its own line with `arnorm ARGS` (one process for all words) and
    returns the outputs, one per word. arnorm keeps the number of lines."""
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "words.txt")
        with open(src, "w", encoding="utf-8") as f:
            f.write("".join(w + "\n" for w in words))
        out = subprocess.run([arnorm, "normalize", *args, "--jobs", "1", src],
                             check=True, capture_output=True)
    lines = out.stdout.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != len(words):
        raise SystemExit(f"arnorm {' '.join(args)}: {len(words)} lines in, {len(lines)} out")
    return lines


# What the `diacritics` step documents it removes: harakat, the other Arabic combining marks and the
# Quranic annotation marks (small high letters, small waw and yeh, end of ayah, sajdah ...).
MARK_RANGES = [(0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED),
               (0x08D3, 0x08FF)]


def is_arabic_mark(c):
    return any(a <= ord(c) <= b for a, b in MARK_RANGES)


def describe(s):
    """'U+0653 ARABIC MADDAH ABOVE' for each character of s, joined with ' + '; '∅' when empty;
    a longer text as itself and its first code points."""
    if not s:
        return "∅"
    if len(s) > 3:
        codes = " ".join(f"U+{ord(c):04X}" for c in s[:6])
        return f"`{s}` ({codes}{' …' if len(s) > 6 else ''})"
    return " + ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in s)


def diff_kinds(ours, theirs):
    """The places where two outputs differ, each as (arnorm's text, the other tool's text),
    from a character alignment."""
    kinds = []
    if len(ours) == len(theirs):
        # A substitution only: group runs of differing positions (a character alignment could
        # pair an ئ with the wrong ي in الغذايي / الغذائي).
        i = 0
        while i < len(ours):
            if ours[i] == theirs[i]:
                i += 1
                continue
            j = i
            while j < len(ours) and ours[j] != theirs[j]:
                j += 1
            kinds.append((ours[i:j], theirs[i:j]))
            i = j
        return kinds
    sm = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op != "equal":
            kinds.append((ours[a0:a1], theirs[b0:b1]))
    return kinds


class Tally:
    """Word agreement per split and disagreements by kind."""

    def __init__(self, other):
        self.other = other
        self.total = collections.Counter()
        self.agree = collections.Counter()
        self.kinds = collections.Counter()
        self.kind_splits = collections.defaultdict(collections.Counter)
        self.examples = collections.defaultdict(list)
        self.disagreeing = []

    def add(self, word, ours, theirs):
        split = split_of(word)
        self.total[split] += 1
        if ours == theirs:
            self.agree[split] += 1
            return
        ks = sorted(set(diff_kinds(ours, theirs)))
        self.disagreeing.append((split, ks))
        for k in ks:
            self.kinds[k] += 1
            self.kind_splits[k][split] += 1
            if len(self.examples[k]) < 3:
                self.examples[k].append((word, ours, theirs))

    def unexplained(self, classify):
        """Per split, the words with at least one kind that classify(ours, theirs) does not
        explain (a note that is empty, or names a bug candidate or a kind to check)."""
        def explained(k):
            n = classify(*k)
            return bool(n) and n != "–" and "bug candidate" not in n and "check" not in n
        c = collections.Counter()
        for split, ks in self.disagreeing:
            if not all(explained(k) for k in ks):
                c[split] += 1
        return c

    def pct(self, split=None):
        if split is None:
            t, a = sum(self.total.values()), sum(self.agree.values())
        else:
            t, a = self.total[split], self.agree[split]
        return (100.0 * a / t if t else float("nan")), a, t

    def summary_row(self, name):
        cells = []
        for split in ("dev", "test", None):
            p, a, t = self.pct(split)
            cells.append(f"{p:.2f}% ({a}/{t})")
        return f"| {name} | " + " | ".join(cells) + " |"

    def kinds_table(self, classify=None, limit=25, only_unexplained=False):
        """Markdown lines: one per kind, most frequent first. classify(ours, theirs) -> a note
        (by design / bug candidate), or None."""
        lines = [f"| arnorm has | {self.other} has | words (dev/test) | note | examples (input → arnorm / {self.other}) |",
                 "|---|---|---:|---|---|"]
        kinds = self.kinds.most_common()
        if only_unexplained:
            kinds = [(k, n) for k, n in kinds
                     if not classify(*k) or "bug candidate" in classify(*k) or "check" in classify(*k)]
        shown = kinds[:limit]
        for (a, b), n in shown:
            sp = self.kind_splits[(a, b)]
            ex = "; ".join(f"`{w}` → `{o}` / `{t}`" for w, o, t in self.examples[(a, b)])
            note = classify(a, b) if classify else ""
            lines.append(f"| {describe(a)} | {describe(b)} | {n} ({sp['dev']}/{sp['test']}) | {note or ''} | {ex} |")
        if len(kinds) > limit:
            lines.append(f"| … {len(kinds) - limit} more kinds | | | | |")
        return lines
