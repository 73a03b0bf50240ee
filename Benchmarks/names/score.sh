#!/usr/bin/env bash
# Scores the `names` scheme on Corpora/names/dev.tsv (or the set given with --set),
# side by side with ICU Arabic-Latin and uroman. See score.py for options.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec python3 Benchmarks/names/score.py "$@"
