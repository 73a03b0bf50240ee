#!/usr/bin/env bash
# Scores the `names` scheme on Corpora/names/dev.tsv, foreign-dev.tsv and foreign-test.tsv
# (exact match and character error rate, per origin), side by side with ICU Arabic-Latin and
# uroman, then the name key (`name-key`) on key-pairs-dev.tsv and key-pairs-test.tsv
# (precision and recall), then English → Arabic (`names --reverse`) on reverse-dev.tsv and
# reverse-test.tsv (exact, exact after search normalization, CER). Options go to score.py (see there).
# ARNORM=path uses a built arnorm; otherwise it is built (release) in SCRATCH (default .build-bench).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${ARNORM:-}" ]; then
    SCRATCH="${SCRATCH:-.build-bench}"
    swift build -c release --scratch-path "$SCRATCH" --product arnorm >/dev/null
    ARNORM="$SCRATCH/release/arnorm"
fi
python3 Benchmarks/names/score.py --arnorm "$ARNORM" "$@"
python3 Benchmarks/names/score_key.py --arnorm "$ARNORM"
python3 Benchmarks/names/score_reverse.py --arnorm "$ARNORM"
