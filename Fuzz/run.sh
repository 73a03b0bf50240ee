#!/usr/bin/env bash
# Builds the libFuzzer targets and runs one or all of them.
#
#   Fuzz/run.sh TARGET SECONDS [libFuzzer flags…]   one target for SECONDS (builds only that one)
#   Fuzz/run.sh all SECONDS                          every target for SECONDS each
#   Fuzz/run.sh build                                build only
#   Fuzz/run.sh TARGET repro FILE…                   run the target once on saved inputs
#
# Targets: normalize differential translit numerals readers (see the README, Reliability: Fuzzing).
# Build: .build-fuzz at the repository root. Corpora, seeds and crash artifacts: Fuzz/out/ (ignored).
# Exit status: 0 if no target crashed or found a mismatch, 1 otherwise (artifacts listed at the end).
# Environment: FUZZ_NICE (niceness, default 10), FUZZ_JOBS (build jobs, default 2).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out="$here/out"
scratch="$root/.build-fuzz"
all_targets=(normalize differential translit numerals readers)

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 1 ] || usage

executable() {
    case "$1" in
        normalize) echo FuzzNormalize ;;
        differential) echo FuzzDifferential ;;
        translit) echo FuzzTranslit ;;
        numerals) echo FuzzNumerals ;;
        readers) echo FuzzReaders ;;
        *) echo "unknown target '$1' (targets: ${all_targets[*]})" >&2; exit 2 ;;
    esac
}

# The readers target compiles the CLI's own sources (see Package.swift): link them, all but the
# file with @main (copied without it), next to the target's source.
prepare_readers() {
    local dir="$out/readers-src"
    rm -rf "$dir"
    mkdir -p "$dir"
    ln -s "$here/Sources/FuzzReaders/FuzzReaders.swift" "$dir/FuzzReaders.swift"
    for f in "$root"/Sources/arnorm/*.swift; do
        if grep -q '^@main' "$f"; then  # a copy without @main: libFuzzer brings main
            sed 's/^@main//' "$f" >"$dir/arnorm-$(basename "$f")"
        else
            ln -s "$f" "$dir/arnorm-$(basename "$f")"
        fi
    done
}

build() {  # build [PRODUCT]: every target, or only PRODUCT (and what it needs)
    local only=("$@")
    prepare_readers
    # SwiftPM does not notice a source file added to the `..` dependency; when the list of files
    # changed since the last build, touch the manifest so it plans the build again.
    local fingerprint
    fingerprint=$(cd "$root" && find Sources Fuzz/Sources -name '*.swift' -o -name '*.c' -o -name '*.h' | sort | cksum)
    if [ "$fingerprint" != "$(cat "$out/sources.list" 2>/dev/null)" ]; then
        touch "$here/Package.swift"
        echo "$fingerprint" >"$out/sources.list"
    fi
    echo "== building fuzz targets (release, -sanitize=fuzzer,address) into $scratch" >&2
    local start=$SECONDS
    if ! swift build -c release --package-path "$here" --scratch-path "$scratch" -j "${FUZZ_JOBS:-2}" \
        ${only[@]+--product "${only[@]}"} \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
        -Xcc -fsanitize=fuzzer-no-link,address >"$out/build.log" 2>&1; then
        grep -E "error:" "$out/build.log" | head -20 >&2
        echo "build failed; log: $out/build.log" >&2
        exit 1
    fi
    echo "== built in $((SECONDS - start)) s" >&2
    bin="$(swift build -c release --package-path "$here" --scratch-path "$scratch" --show-bin-path 2>/dev/null)"
}

# Seeds: lines of Corpora/ with the header bytes each target reads first.
seed() {  # seed TARGET
    local target=$1 dir="$out/seeds/$1" n=0
    [ -d "$dir" ] && return
    mkdir -p "$dir"
    local lines=()
    while IFS= read -r line; do [ -n "$line" ] && lines+=("$line"); done < <(cat "$root"/Corpora/news/*.txt "$root"/Corpora/samples/*.txt 2>/dev/null
        # the span steps' vectors: web posts, HTML, emoji
        case "$target" in normalize|differential) cut -f2 "$root"/Tests/ArabicNormalizerTests/Vectors/spans.tsv | grep -v '^#' ;; esac)
    local headers=()
    case "$target" in
        normalize|differential)
            # clean, standard, search; a raw set of every step; standard with keep-shadda options;
            # social; search + html, web, emoji (kept); standard + the span steps, every kind masked.
            headers=('\x00\x00\x00\x00\x00\x00' '\x01\x00\x00\x00\x00\x00' '\x02\x00\x00\x00\x00\x00' '\x03\xff\x7f\x00\x00\x00'
                     '\x0d\x00\x00\x00\x00\x00' '\x12\x00\x00\x00\x00\x00' '\x02\x00\x00\x00\x00\x07' '\x01\x00\x00\x00\x00\x0f') ;;
        translit) headers=('\x00' '\x01' '\x02' '\x03' '\x04' '\x05' '\x06' '\x07' '\x2f' '\x57') ;;
        numerals) headers=('\x00' '\x30' '\x02' '\x03' '\x04' '\x0c') ;;
        readers) ;;  # built below from the same lines as JSONL and CSV/TSV documents
    esac
    for h in "${headers[@]}"; do
        for line in "${lines[@]}"; do
            n=$((n + 1))
            { printf "$h"; printf '%s\n' "$line"; } >"$dir/$n"
        done
    done
    if [ "$target" = readers ]; then
        # Byte 0: bit 0 CSV (else JSONL), bit 1 TSV, bit 2 real normalizer, bit 3 first field only.
        local k=0 jsonl="" csv="" tsv=""
        for line in "${lines[@]}"; do
            k=$((k + 1))
            local esc=${line//\\/\\\\}; esc=${esc//\"/\\\"}
            jsonl+="{\"id\": $k, \"text\": \"$esc\", \"meta\": {\"title\": \"$esc\"}}"$'\n'
            csv+="$k,\"${line//\"/\"\"}\",x"$'\n'
            tsv+="$k"$'\t'"${line//$'\t'/ }"$'\t'"x"$'\n'
            if [ $((k % 4)) -eq 0 ]; then
                for h in '\x00' '\x04' '\x0c' '\x20' '\x14'; do n=$((n + 1)); { printf "$h"; printf '%s' "$jsonl"; } >"$dir/$n"; done
                for h in '\x01' '\x05' '\x0d' '\x21'; do n=$((n + 1)); { printf "$h"; printf 'id,text,other\n%s' "$csv"; } >"$dir/$n"; done
                for h in '\x03' '\x07'; do n=$((n + 1)); { printf "$h"; printf 'id\ttext\tother\n%s' "$tsv"; } >"$dir/$n"; done
                jsonl="" csv="" tsv=""
            fi
        done
    fi
    if [ "$target" = translit ]; then
        while IFS=$'\t' read -r arabic _; do
            case "$arabic" in '#'*|'') continue ;; esac
            n=$((n + 1)); { printf '\x07'; printf '%s' "$arabic"; } >"$dir/$n"
        done <"$root/Corpora/names/dev.tsv"
    fi
    if [ "$target" = numerals ]; then
        for phrase in 'خمسمئة وثلاث وعشرون' 'ألف ألف ألف ألف ألف ألف ألف' 'مليون ونصف' '11 ألف' '١٢٣٬٤٥٦٫٧٨ ٪' '1.2 مليون' 'الحادي عشر' 'ثلث'; do
            for h in '\x00' '\x30' '\x02' '\x04'; do n=$((n + 1)); { printf "$h"; printf '%s' "$phrase"; } >"$dir/$n"; done
        done
    fi
}

run_one() {  # run_one TARGET SECONDS [flags…]
    local target=$1 seconds=$2; shift 2
    local exe; exe=$(executable "$target") || exit 2
    if [ ! -x "$bin/$exe" ]; then echo "== $target: $exe not built (skipped)" >&2; return 0; fi
    seed "$target"
    mkdir -p "$out/corpus/$target" "$out/artifacts/$target"
    local max_len=4096
    [ "$target" = translit ] && max_len=2048
    [ "$target" = numerals ] && max_len=1024
    echo "== $target for ${seconds}s" >&2
    local status=0
    # No Swift backtracer (it would hold the terminal); ASan reports leaks off (Swift runtime caches).
    ( cd "$out" && SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 \
        nice -n "${FUZZ_NICE:-10}" "$bin/$exe" "$out/corpus/$target" "$out/seeds/$target" \
        -max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 \
        -artifact_prefix="$out/artifacts/$target/" "$@" >"$out/$target.log" 2>&1 ) || status=$?
    grep -E "^(Done|stat::number_of_executed_units|#[0-9]+ *DONE)" "$out/$target.log" | tail -2 >&2
    if [ $status -ne 0 ]; then
        echo "== $target FAILED (status $status); log: $out/$target.log" >&2
        grep -E "FUZZ FAILURE|Fatal error|ERROR: AddressSanitizer|ERROR: libFuzzer|deadly signal|SUMMARY" "$out/$target.log" | head -5 >&2
        ls -1 "$out/artifacts/$target" >&2
        return 1
    fi
    return 0
}

mkdir -p "$out"
case "$1" in
    build) build; exit 0 ;;
    all)
        [ $# -ge 2 ] || usage
        build
        failed=()
        for t in "${all_targets[@]}"; do run_one "$t" "$2" || failed+=("$t"); done
        if [ ${#failed[@]} -gt 0 ]; then echo "== failed: ${failed[*]}" >&2; exit 1; fi
        echo "== all targets passed" >&2 ;;
    *)
        [ $# -ge 2 ] || usage
        target=$1; exe=$(executable "$target") || exit 2
        build "$exe"
        if [ "$2" = repro ]; then
            shift 2
            SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$bin/$exe" "$@"
            exit $?
        fi
        seconds=$2; shift 2
        run_one "$target" "$seconds" "$@" ;;
esac
