#!/usr/bin/env bash
# The quick throughput probe (seconds): builds release and prints MB/s of
# Normalizer.normalize(utf8:appendingTo:stats:) per preset on each corpus, next to the C table pass
# and memcpy measured in the same run, one core, medians of alternated runs.
#
#   Benchmarks/quick.sh                       # all presets, all corpora, 16 MB of each
#   Benchmarks/quick.sh --presets standard --corpora news --runs 11
#   Benchmarks/quick.sh --max-mb 64 --lines   # bigger inputs; also one call per line (as the CLI)
#
# Inputs come from Benchmarks/make-corpora.py (run here if missing) in $ARNORM_BENCH_DIR
# (default /tmp/arnorm-bench). Builds in ../.build-bench, away from the main build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export ARNORM_BENCH_DIR="${ARNORM_BENCH_DIR:-/tmp/arnorm-bench}"
[ -s "$ARNORM_BENCH_DIR/obfuscated.txt" ] || python3 "$here/make-corpora.py" --out "$ARNORM_BENCH_DIR"
cd "$here"
swift build --scratch-path "$here/../.build-bench" -c release --product QuickBench 2>&1 | grep -E "error|warning: |Compiling|Build complete" >&2 || true
args=("$@")
case " ${args[*]:-} " in *" --max-mb "*) ;; *) args+=(--max-mb 16) ;; esac
exec "$here/../.build-bench/release/QuickBench" "${args[@]}"
