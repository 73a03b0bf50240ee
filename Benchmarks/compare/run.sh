#!/usr/bin/env bash
# Side-by-side comparison: arnorm against the Python peers, ICU's uconv, the hand-written C table
# pass and the physical bounds (cat to a file, a memcpy loop), file to file on the same corpus.
#
#   Benchmarks/compare/run.sh [--size-mb 10|50|100] [--runs 3] [--worktree] [--no-peers]
#
#   --size-mb   which news file: the five articles repeated to 10, 50 or 100 MB (default 100)
#   --runs      rounds; each round runs every tool once, in a rotated order; medians are quoted
#   --worktree  build arnorm from the working tree instead of a snapshot of git HEAD
#   --no-peers  skip the Python peers (no venv, no pip)
#
# Builds arnorm in release (scratch path .build-bench-cli), compiles the C pass, installs the peers
# into a temporary venv with pip (a peer that fails to install is listed as such), then prints one
# table: tool, MB/s (whole process, file to file), MB/s of processing only (Python peers: time in
# the pipeline functions, no I/O), ratio to `arnorm --jobs 1`, peak RSS. Then the agreement of
# each tool's output with arnorm's on a sample, line by line, with the differences in categories.
# MB = 2^20 bytes. Work files: $ARNORM_COMPARE_DIR (default /tmp/arnorm-compare).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"
size=100 runs=3 worktree=0 peers=1
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mb) size="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --worktree) worktree=1; shift ;;
    --no-peers) peers=0; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$size" in 10|50|100) ;; *) echo "--size-mb must be 10, 50 or 100" >&2; exit 2 ;; esac
work="${ARNORM_COMPARE_DIR:-/tmp/arnorm-compare}"
export ARNORM_BENCH_DIR="${ARNORM_BENCH_DIR:-/tmp/arnorm-bench}"
mkdir -p "$work"
log() { echo "== $*" >&2; }

log "corpora in $ARNORM_BENCH_DIR"
python3 "$bench/make-corpora.py" --out "$ARNORM_BENCH_DIR" --big >&2 || exit 1
input="$ARNORM_BENCH_DIR/news-$size.txt"
bytes=$(stat -c %s "$input")

log "building arnorm (release)"
if [ "$worktree" = 1 ]; then src="$root"; else src="$("$bench/snapshot.sh")"; fi
(cd "$src" && swift build -c release --product arnorm --scratch-path "$src/.build-bench-cli" 2>&1 \
   | grep -E "error|Compiling|Build" >&2)
arnorm="$src/.build-bench-cli/release/arnorm"
[ -x "$arnorm" ] || { echo "arnorm did not build" >&2; exit 1; }

log "compiling the C pass"
cc -O3 -I"$bench/Sources/CBaseline/include" "$here/cpass.c" "$bench/Sources/CBaseline/cbaseline.c" -o "$work/cpass" || exit 1
icu=1
cc -O3 "$here/icupass.c" -licuuc -o "$work/icupass" 2>"$work/icupass.log" || { icu=0; echo "   icupass did not compile (libicu-dev missing?): see $work/icupass.log" >&2; }

py=""
declare -A status
if [ "$peers" = 1 ]; then
  log "installing the Python peers into $work/venv"
  if [ ! -x "$work/venv/bin/python" ]; then python3 -m venv "$work/venv" >&2; fi
  py="$work/venv/bin/python"
  "$py" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  for p in pyarabic arabic-norm arabic-normalize; do
    if "$py" -m pip install -q "$p" >"$work/pip-$p.log" 2>&1; then status[$p]=ok; else status[$p]="pip install failed (see $work/pip-$p.log)"; fi
  done
  # camel-tools' full dependency set includes torch and transformers (gigabytes) for its neural
  # models; its normalization utilities need only emoji and six.
  if "$py" -m pip install -q --no-deps camel-tools >"$work/pip-camel-tools.log" 2>&1 \
     && "$py" -m pip install -q emoji six >>"$work/pip-camel-tools.log" 2>&1; then
    status[camel-tools]=ok
  else
    status[camel-tools]="pip install failed (see $work/pip-camel-tools.log)"
  fi
  for p in camel-tools pyarabic arabic-norm arabic-normalize; do
    if [ "${status[$p]}" = ok ]; then
      "$py" "$here/peers.py" "$p" /dev/null "$work/probe.out" 2>/dev/null || status[$p]="installed but does not import"
    fi
  done
fi
rules="$(grep -v '^#' "$here/icu-rules.txt" | tr '\n' ' ')"

# name | pipeline | command (IN and OUT are replaced)
tools=(
  "arnorm --jobs 1|--preset standard (NFKC, invisible, whitespace, tatweel, deobfuscate, diacritics, alef, alef maksura, digits)|$arnorm --preset standard --jobs 1 --no-progress -o OUT IN"
  "arnorm --jobs 2|the same, two worker threads|$arnorm --preset standard --jobs 2 --no-progress -o OUT IN"
  "arnorm --jobs 1 > file|the same, to standard output redirected to the file (no fsync, like the C pass and cat)|$arnorm --preset standard --jobs 1 --no-progress IN > OUT"
  "arnorm --jobs 2 > file|the same, two worker threads|$arnorm --preset standard --jobs 2 --no-progress IN > OUT"
  "C table pass|Benchmarks/Sources/CBaseline (no NFKC, whitespace, deobfuscation): tatweel, harakat, invisibles, alef, maksura, digits|$work/cpass IN OUT"
  "C table pass + fsync|the same, OUT flushed to the disk before exit (as arnorm -o does)|$work/cpass --fsync IN OUT"
  "memcpy loop|cpass --copy: read, memcpy, write in 4 MiB blocks|$work/cpass --copy IN OUT"
  "cat > file|cat IN > OUT|cat IN > OUT"
  "uconv -x rules|ICU 72 transform: NFKC + compare/icu-rules.txt|uconv -f utf-8 -t utf-8 -x \"\$rules\" -o OUT IN"
)
if [ "$icu" = 1 ]; then
  tools+=("ICU C API|compare/icupass.c: u_strFromUTF8, unorm2_normalize (NFKC), a UTF-16 table pass, u_strToUTF8|$work/icupass IN OUT")
fi
if [ "$peers" = 1 ]; then
  tools+=(
    "python stdlib|unicodedata NFKC + one str.translate table (floor for Python)|$py $here/peers.py python-stdlib IN OUT"
    "camel-tools|normalize_unicode, dediac_ar, normalize_alef_ar, normalize_alef_maksura_ar (+ fill-ins)|$py $here/peers.py camel-tools IN OUT"
    "pyarabic|araby.strip_tashkeel, strip_tatweel, normalize_alef (+ NFKC, maksura, digits, invisibles)|$py $here/peers.py pyarabic IN OUT"
    "arabic-norm|arabic_norm.normalize_batch (Rust; + NFKC, digits, invisibles)|$py $here/peers.py arabic-norm IN OUT"
    "arabic-normalize|Normalizer(alef_maqsura=True, digits='western').normalize_many (Rust; + NFKC)|$py $here/peers.py arabic-normalize IN OUT"
  )
fi
peer_of() { case "$1" in camel-tools|pyarabic|arabic-norm|arabic-normalize) echo "$1" ;; *) echo "" ;; esac; }

run_tool() {  # name cmd in out -> "seconds rss_kb processing_seconds"
  local cmd="$2" in="$3" out="$4"
  cmd="${cmd//IN/$in}"; cmd="${cmd//OUT/$out}"
  rm -f "$out"
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$work/time.txt" bash -c "rules='$rules'; $cmd" 2>"$work/stderr.txt" >/dev/null
  local rc=$?
  t1=$(date +%s%N)
  local t rss proc
  t=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}')
  rss=$(tail -1 "$work/time.txt")
  proc=$(grep -o '"processing": [0-9.]*' "$work/stderr.txt" | awk '{print $2}')
  [ $rc -eq 0 ] || { echo "FAIL"; return; }
  echo "$t $rss ${proc:--}"
}

log "warming the page cache"
cat "$input" > /dev/null
declare -A times rsss procs
n=${#tools[@]}
for ((r = 0; r < runs; r++)); do
  log "round $((r + 1)) of $runs"
  for ((k = 0; k < n; k++)); do
    idx=$(( (k + r) % n ))
    IFS='|' read -r name pipeline cmd <<<"${tools[$idx]}"
    p=$(peer_of "$name")
    if [ -n "$p" ] && [ "${status[$p]}" != ok ]; then continue; fi
    res=$(run_tool "$name" "$cmd" "$input" "$work/out.txt")
    if [ "$res" = FAIL ]; then times[$name]+="FAIL "; echo "   $name: failed ($(head -c 300 "$work/stderr.txt"))" >&2; continue; fi
    read -r t rss proc <<<"$res"
    times[$name]+="$t "; rsss[$name]+="$rss "; procs[$name]+="$proc "
    if [ "$proc" = "-" ]; then proc=""; fi
    echo "   $name: $t s, $((rss / 1024)) MB RSS${proc:+, processing $proc s}" >&2
  done
done
rm -f "$work/out.txt"

median() { tr ' ' '\n' | grep -E '^[0-9.]+$' | sort -g | awk '{a[NR]=$1} END {if (NR==0) print ""; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1048576}')
ref=$(echo "${times[arnorm --jobs 1]:-}" | median)
{
  echo "Input: $input ($mb MB, the five news articles repeated), $runs rounds, medians; MB = 2^20 bytes."
  echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GB RAM; $(date -u +%Y-%m-%d)."
  echo
  echo "| tool | MB/s (file to file) | MB/s (processing only) | × arnorm --jobs 1 | peak RSS (MB) | pipeline |"
  echo "|---|---:|---:|---:|---:|---|"
  for entry in "${tools[@]}"; do
    IFS='|' read -r name pipeline cmd <<<"$entry"
    p=$(peer_of "$name")
    if [ -n "$p" ] && [ "${status[$p]}" != ok ]; then
      echo "| $name | – | – | – | – | ${status[$p]} |"; continue
    fi
    t=$(echo "${times[$name]:-}" | median)
    if [ -z "$t" ]; then echo "| $name | failed | – | – | – | $pipeline |"; continue; fi
    rss=$(echo "${rsss[$name]:-}" | median)
    proc=$(echo "${procs[$name]:-}" | median)
    awk -v n="$name" -v t="$t" -v b="$bytes" -v ref="$ref" -v rss="$rss" -v proc="$proc" -v pl="$pipeline" 'BEGIN {
      speed = b / 1048576 / t
      ps = (proc == "" ? "–" : sprintf("%.0f", b / 1048576 / proc))
      ratio = (ref == "" ? "–" : sprintf("%.2f", ref / t))
      printf "| %s | %.0f | %s | %s | %.0f | %s |\n", n, speed, ps, ratio, rss / 1024, pl }'
  done
} | tee "$work/table.md"

# Agreement on a sample: the news articles, the samples, and slices of the generated corpora.
log "agreement on a sample"
sample="$work/sample.txt"
{
  cat "$root"/Corpora/news/*.txt
  for f in "$root"/Corpora/samples/*.txt; do [ -f "$f" ] && cat "$f"; done
  head -n 2000 "$ARNORM_BENCH_DIR/obfuscated.txt"
  head -n 300 "$ARNORM_BENCH_DIR/diacritized.txt"
  head -n 1000 "$ARNORM_BENCH_DIR/mixed.txt"
} > "$sample"
outs=()
for entry in "${tools[@]}"; do
  IFS='|' read -r name pipeline cmd <<<"$entry"
  case "$name" in "arnorm --jobs 2"*|"arnorm --jobs 1 > file"|"C table pass + fsync"|"memcpy loop"|"cat > file") continue ;; esac
  p=$(peer_of "$name")
  if [ -n "$p" ] && [ "${status[$p]}" != ok ]; then continue; fi
  f="$work/sample.$(echo "$name" | tr -c 'a-zA-Z0-9\n' '_')"
  run_tool "$name" "$cmd" "$sample" "$f" >/dev/null
  [ "$name" = "arnorm --jobs 1" ] && ref_out="$f" || outs+=("$name=$f")
done
echo
echo "Agreement with arnorm --preset standard on $(wc -l < "$sample") lines (news articles, samples, slices of the obfuscated, diacritized and mixed corpora):"
python3 "$here/agreement.py" "$sample" "$ref_out" "${outs[@]}" | tee "$work/agreement.txt"
