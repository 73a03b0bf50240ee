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
[ -s "$ARNORM_BENCH_DIR/obfuscated.txt" ] && [ -s "$ARNORM_BENCH_DIR/uthmani.txt" ] || python3 "$here/make-corpora.py" --out "$ARNORM_BENCH_DIR"
cd "$here"
log="$(mktemp)"
if ! swift build --scratch-path "$here/../.build-bench" -c release --product QuickBench >"$log" 2>&1; then
  grep -E "error" "$log" >&2 || tail -20 "$log" >&2
  echo "quick.sh: the build failed (a file being edited? Benchmarks/snapshot.sh builds from git HEAD)" >&2
  rm -f "$log"; exit 1
fi
rm -f "$log"
args=("$@")
case " ${args[*]:-} " in *" --max-mb "*) ;; *) args+=(--max-mb 16) ;; esac
exec "$here/../.build-bench/release/QuickBench" "${args[@]}"
