#!/usr/bin/env bash
# How cost grows: the library and the CLI on the news corpus at 10, 50 and 100 MB (linear in input
# size: MB/s should stay flat, CLI peak RSS should not grow with the file) and on the same 100 MB
# as one single line (flat in line length: as fast as many short lines).
#
#   Benchmarks/growth.sh [--runs 3] [--arnorm PATH]
#
# Library: QuickBench on each whole file (standard preset, one call; C pass and memcpy alongside).
# CLI: `arnorm --preset standard --jobs 1` file to file, median wall time and peak RSS.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export ARNORM_BENCH_DIR="${ARNORM_BENCH_DIR:-/tmp/arnorm-bench}"
runs=3 arnorm=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --arnorm) arnorm="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
python3 "$here/make-corpora.py" --out "$ARNORM_BENCH_DIR" --big >/dev/null || exit 1
d="$ARNORM_BENCH_DIR"
files="$d/news-10.txt,$d/news-50.txt,$d/news-100.txt,$d/news-oneline-100.txt"
echo "== library (QuickBench, standard preset, whole file per call)"
"$here/quick.sh" --runs "$runs" --max-mb 0 --presets standard --corpora "$files" --lines
if [ -z "$arnorm" ]; then
  (cd "$here/.." && swift build -c release --product arnorm --scratch-path "$here/../.build-bench-cli" 2>&1 | grep -E "error" >&2)
  arnorm="$here/../.build-bench-cli/release/arnorm"
fi
echo "== CLI (arnorm --preset standard --jobs 1, file to file; medians of $runs)"
printf "%-24s %10s %10s %12s\n" file MB "MB/s" "peak RSS MB"
out="$(mktemp)"
for f in ${files//,/ }; do
  ts=() rs=()
  for ((r = 0; r < runs; r++)); do
    /usr/bin/time -f "%e %M" -o "$out.time" "$arnorm" --preset standard --jobs 1 --no-progress -o "$out" "$f" || continue
    read -r t m < "$out.time"; ts+=("$t"); rs+=("$m")
  done
  t=$(printf "%s\n" "${ts[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  m=$(printf "%s\n" "${rs[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  awk -v f="$(basename "$f")" -v b="$(stat -c %s "$f")" -v t="$t" -v m="$m" \
    'BEGIN {printf "%-24s %10.1f %10.0f %12.0f\n", f, b/1048576, b/1048576/t, m/1024}'
done
rm -f "$out" "$out.time"
