#!/usr/bin/env bash
# Where the engine's instructions go: callgrind on QuickBench (one normalize call per corpus),
# printed as instructions per input byte, inclusive and self, for the engine's functions only.
# Instruction counts do not depend on the machine's load, so they are the number to compare
# before and after an optimization on a shared machine.
#
#   Benchmarks/profile.sh [--presets standard] [--corpora news,diacritized] [--max-mb 4]
#
# The binary is copied without its DWARF (valgrind 3.19 cannot read Swift 6.3's debug info);
# symbols stay, so functions are named. Output files: $ARNORM_PROFILE_DIR (default /tmp/arnorm-profile).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export ARNORM_BENCH_DIR="${ARNORM_BENCH_DIR:-/tmp/arnorm-bench}"
out="${ARNORM_PROFILE_DIR:-/tmp/arnorm-profile}"
presets=standard corpora=news,diacritized,mixed,obfuscated mb=4
while [ $# -gt 0 ]; do
  case "$1" in
    --presets) presets="$2"; shift 2 ;;
    --corpora) corpora="$2"; shift 2 ;;
    --max-mb) mb="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
[ -s "$ARNORM_BENCH_DIR/obfuscated.txt" ] || python3 "$here/make-corpora.py" --out "$ARNORM_BENCH_DIR" >&2
scratch="${ARNORM_BENCH_SCRATCH:-$here/../.build-bench}"
mkdir -p "$out"
(cd "$here" && swift build --scratch-path "$scratch" -c release --product QuickBench >"$out/build.log" 2>&1) \
  || { grep -E "error" "$out/build.log" >&2; echo "profile.sh: the build failed" >&2; exit 1; }
cp "$scratch/release/QuickBench" "$out/QuickBench"
strip --strip-debug "$out/QuickBench"
for preset in ${presets//,/ }; do
  for corpus in ${corpora//,/ }; do
    f="$out/callgrind.$preset.$corpus.out"
    valgrind --tool=callgrind --callgrind-out-file="$f" \
      --toggle-collect='*ArabicNormalizer*normalize4utf8*appendingTo*' \
      "$out/QuickBench" --runs 1 --warmup 0 --max-mb "$mb" --corpora "$corpus" --presets "$preset" \
      --no-baselines >/dev/null 2>"$f.log" || { echo "valgrind failed: see $f.log" >&2; continue; }
    python3 - "$f" "$ARNORM_BENCH_DIR/$corpus.txt" "$mb" "$preset" "$corpus" <<'PY'
import os, re, subprocess, sys
f, corpus, mb, preset, name = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], sys.argv[5]
# Input bytes: the first mb MiB cut at a line end, as QuickBench reads them.
with open(corpus, "rb") as fh:
    data = fh.read(int(mb * 1048576) + 1)
if len(data) > mb * 1048576:
    data = data[: int(mb * 1048576)]
    data = data[: data.rfind(b"\n") + 1]
n = len(data)
def annotate(*args):
    return subprocess.run(["callgrind_annotate", *args, f], capture_output=True, text=True).stdout
def rows(text):
    out = []
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \([\s\d.]+%\)\s+\S*:(.*?) \[(.*)\]$", line)
        if m:
            out.append((int(m.group(1).replace(",", "")), m.group(2), os.path.basename(m.group(3))))
    return out
total = next((int(l.split()[0].replace(",", "")) for l in annotate().splitlines() if "PROGRAM TOTALS" in l), 0)
rows_ = rows(annotate())[:14]
names = [r[1].split(" ---> ")[0] for r in rows_]
try:
    dem = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(names), capture_output=True,
                         text=True).stdout.splitlines()
except OSError:
    dem = names
if len(dem) != len(names):
    dem = names
print(f"== {preset} on {name}: {n/1048576:.1f} MiB, {total:,} instructions = {total/n:.1f} per byte")
print("   self  Ir/byte  function")
for (ir, sym, lib), d in zip(rows_, dem):
    print(f"  {100*ir/total:5.1f}%  {ir/n:7.2f}  {d[:100]}  [{lib}]")
print()
PY
  done
done
