#!/usr/bin/env python3
"""Scores `arnorm translit --scheme names` on a names set, next to ICU Arabic-Latin and uroman.

Usage: python3 Benchmarks/names/score.py [--set FILE ...] [--arnorm PATH] [--no-uroman]

Without --set it scores Corpora/names/dev.tsv, foreign-dev.tsv and foreign-test.tsv, one table each.
Set format (TSV, '#' comments, one header line): Arabic, accepted spellings separated by '|',
type, origin ("arabic", "foreign", or the source language of a foreign name: russian, chinese...). A prediction counts as exact if it equals any accepted spelling with case,
hyphens and repeated spaces ignored; CER is the edit distance to the closest accepted spelling
divided by its length, averaged over names. Rows are split by how much of the name the bundled
lexicon knows: lexicon (every word or the whole name), rules (no word), mixed (some words), and by
origin: every origin other than "arabic" also counts in origin=foreign.
"""
import argparse
import os
import subprocess
import sys
import tempfile

from name_sets import read_rows

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LEXICON = os.path.join(ROOT, "Sources", "ArabicTransliteration", "Resources", "names-lexicon.tsv")


def fold_key(text):
    out = []
    for ch in text:
        o = ord(ch)
        if 0x064B <= o <= 0x065F or o in (0x0670, 0x0640, 0x200C, 0x200D):
            continue
        out.append({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"}.get(ch, ch))
    return " ".join("".join(out).replace("-", " ").split())


def load_lexicon():
    keys = set()
    with open(LEXICON, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            keys.add(fold_key(line.split("\t")[0]))
    return keys


def coverage(name, keys):
    key = fold_key(name)
    if key in keys:
        return "lexicon"
    words = key.split()
    known = 0
    for w in words:
        bare = w[2:] if w.startswith("ال") and len(w) > 3 else w
        if w in keys or bare in keys:
            known += 1
    if known == len(words):
        return "lexicon"
    return "rules" if known == 0 else "mixed"


def norm(s):
    return " ".join(s.lower().replace("-", "").replace("\u2019", "'").split())


def levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def score(pred, accepted):
    p = norm(pred)
    refs = [norm(a) for a in accepted]
    exact = p in refs
    cer = min(levenshtein(p, r) / max(1, len(r)) for r in refs)
    return exact, cer


def run_lines(cmd, lines):
    res = subprocess.run(cmd, input="\n".join(lines) + "\n", capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {res.stderr.strip()}")
    out = res.stdout.split("\n")
    return out[: len(lines)]


def uroman_lines(lines):
    """Runs uroman from PyPI in a throwaway venv; returns None if it cannot be installed."""
    with tempfile.TemporaryDirectory(prefix="uroman-venv-") as tmp:
        venv = os.path.join(tmp, "venv")
        try:
            subprocess.run([sys.executable, "-m", "venv", venv], check=True, capture_output=True)
            py = os.path.join(venv, "bin", "python")
            subprocess.run([py, "-m", "pip", "install", "-q", "uroman"], check=True, capture_output=True, timeout=600)
            code = ("import sys, uroman\n"
                    "u = uroman.Uroman()\n"
                    "for line in sys.stdin.read().split('\\n')[:-1]:\n"
                    "    print(u.romanize_string(line, lcode='ara'))\n")
            res = subprocess.run([py, "-c", code], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=1200)
            if res.returncode != 0:
                print(f"uroman failed: {res.stderr.strip()[-300:]}", file=sys.stderr)
                return None
            return res.stdout.split("\n")[: len(lines)]
        except Exception as e:  # noqa: BLE001 - report and go on without the column
            print(f"uroman unavailable: {e}", file=sys.stderr)
            return None


DEFAULT_SETS = [os.path.join(ROOT, "Corpora", "names", n) for n in ("dev.tsv", "foreign-dev.tsv", "foreign-test.tsv")]


def read_set(path):
    return [(cols[0], cols[1].split("|"), cols[2] if len(cols) > 2 else "", cols[3] if len(cols) > 3 else "")
            for cols in read_rows(path)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", action="append", help="a names set (repeatable); default: dev, foreign-dev, foreign-test")
    ap.add_argument("--arnorm", default=None, help="path to a built arnorm (default: build it)")
    ap.add_argument("--no-uroman", action="store_true")
    ap.add_argument("--no-icu", action="store_true", help="leave out the ICU Arabic-Latin column")
    ap.add_argument("--errors", type=int, default=0, help="print up to N misses of arnorm names per set")
    ap.add_argument("--rows", choices=("all", "even", "odd"), default="all",
                    help="score only the even (0, 2, ...) or odd data rows of each set; dev.tsv's odd rows are "
                         "the Arabic-origin part of reverse-test.tsv, so tune on its even rows")
    args = ap.parse_args()

    arnorm = args.arnorm
    if arnorm is None:
        scratch = os.environ.get("SCRATCH", os.path.join(ROOT, ".build-bench"))
        subprocess.run(["swift", "build", "-c", "release", "--scratch-path", scratch, "--product", "arnorm"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        arnorm = os.path.join(scratch, "release", "arnorm")
    keys = load_lexicon()
    for path in args.set or DEFAULT_SETS:
        score_set(path, arnorm, args, keys)


def score_set(path, arnorm, args, keys):
    rows = read_set(path)
    if args.rows != "all":
        rows = rows[0::2] if args.rows == "even" else rows[1::2]
    arabic = [r[0] for r in rows]
    systems = {"arnorm names": run_lines([arnorm, "translit", "--scheme", "names"], arabic)}
    try:
        # The rule engine alone (empty lexicon), over every name: shows how the rules generalize.
        systems["arnorm rules only"] = run_lines([arnorm, "translit", "--scheme", "names", "--no-lexicon"], arabic)
    except RuntimeError as e:
        print(e, file=sys.stderr)
    if not args.no_icu:
        try:
            systems["ICU Arabic-Latin"] = run_lines([arnorm, "translit", "--scheme", "names", "--icu-transform", "Arabic-Latin"], arabic)
        except RuntimeError as e:
            print(e, file=sys.stderr)
    if not args.no_uroman:
        u = uroman_lines(arabic)
        if u is not None:
            systems["uroman"] = u

    buckets = {"all": list(range(len(rows)))}
    origins = []
    for i, r in enumerate(rows):
        buckets.setdefault(coverage(r[0], keys), []).append(i)
        if r[3]:
            if r[3] != "arabic":
                buckets.setdefault("origin=foreign", []).append(i)
            if r[3] not in ("arabic", "foreign"):
                if r[3] not in origins:
                    origins.append(r[3])
                buckets.setdefault("origin=" + r[3], []).append(i)
            elif r[3] == "arabic":
                buckets.setdefault("origin=arabic", []).append(i)
    order = ["all", "lexicon", "mixed", "rules", "origin=arabic", "origin=foreign"] + ["origin=" + o for o in sorted(origins)]

    which = "" if args.rows == "all" else f", {args.rows} rows"
    print(f"Names set: {os.path.relpath(path, ROOT)} ({len(rows)} names{which})\n")
    print("| subset | n | " + " | ".join(f"{s} exact % | {s} CER %" for s in systems) + " |")
    print("|---|---:|" + "---:|---:|" * len(systems))
    for b in order:
        idx = buckets.get(b, [])
        if not idx:
            continue
        cells = []
        for name, preds in systems.items():
            ex, cer = 0, 0.0
            for i in idx:
                e, c = score(preds[i], rows[i][1])
                ex += e
                cer += c
            cells.append(f"{100 * ex / len(idx):.1f} | {100 * cer / len(idx):.1f}")
        print(f"| {b} | {len(idx)} | " + " | ".join(cells) + " |")
    print()

    if args.errors:
        print("Misses (arnorm names):")
        shown = 0
        for i, r in enumerate(rows):
            p = systems["arnorm names"][i]
            if not score(p, r[1])[0]:
                print(f"  {coverage(r[0], keys):7} {r[3]:10} {r[0]}\t{p}\t(accepted: {'|'.join(r[1])})")
                shown += 1
                if shown >= args.errors:
                    break
        print()


if __name__ == "__main__":
    main()
