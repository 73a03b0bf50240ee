#!/usr/bin/env bash
# Builds a release `arnorm` with the Swift runtime linked in and packs it for machines without a
# Swift toolchain:
#
#   scripts/package.sh            → dist/arnorm-VERSION-linux-x86_64.tar.gz
#
# The tarball holds one folder, arnorm-VERSION-linux-x86_64/, with:
#   bin/arnorm                               the binary (Swift standard library and Foundation static)
#                                            (data files compiled in: the binary needs nothing beside it)
#   README.md, LICENSE (when the repository has them)
#   completions/arnorm.bash, _arnorm (zsh), arnorm.fish
#   lib/libarnorm-sqlite.so                  the SQLite extension (docs/search-engines.md), Swift
#                                            runtime inside: `.load lib/libarnorm-sqlite`; only when
#                                            SQLite's headers are installed (libsqlite3-dev)
# What is left dynamic: the C library and the system ICU (libicuuc/libicui18n/libicudata, ICU 72
# on Debian 12). The script checks that with ldd and fails if any libswift*/libFoundation* is needed.
#
# Environment: SCRATCH (build folder, default .build-pkg), LIB_SCRATCH (build folder of the SQLite
# extension, default .build-wheel: the one scripts/wheel.sh uses, so the two share their release
# build), DIST (output folder, default dist), JOBS (build jobs, default 2).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=lib/self-contained-library.sh
. "$root/scripts/lib/self-contained-library.sh"
scratch=${SCRATCH:-.build-pkg}
dist=${DIST:-dist}
arch=$(uname -m)
os=linux

echo "== building arnorm (release, --static-swift-stdlib) in $scratch" >&2
swift build -c release --static-swift-stdlib --product arnorm --scratch-path "$scratch" -j "${JOBS:-2}" >&2
bin=$(swift build -c release --static-swift-stdlib --product arnorm --scratch-path "$scratch" --show-bin-path)

version=$("$bin/arnorm" --version | tr -d '[:space:]')
[ -n "$version" ] || { echo "package.sh: arnorm --version printed nothing" >&2; exit 1; }
name="arnorm-$version-$os-$arch"
stage="$scratch/package/$name"
rm -rf "$scratch/package"
mkdir -p "$stage/bin" "$stage/completions" "$dist"

cp "$bin/arnorm" "$stage/bin/"
strip "$stage/bin/arnorm" 2>/dev/null || true
# The data files (transliteration tables, name lexicon, number words) are compiled into the binary:
# the one file is the whole tool.
for doc in README.md LICENSE LICENSE.txt LICENSE.md NOTICE; do
    [ -f "$doc" ] && cp "$doc" "$stage/"
done
[ -f "$stage/README.md" ] || echo "package.sh: warning: no README.md in the repository, not packed" >&2
ls "$stage"/LICENSE* >/dev/null 2>&1 || echo "package.sh: warning: no LICENSE in the repository, not packed" >&2

"$stage/bin/arnorm" --generate-completion-script bash >"$stage/completions/arnorm.bash"
"$stage/bin/arnorm" --generate-completion-script zsh >"$stage/completions/_arnorm"
"$stage/bin/arnorm" --generate-completion-script fish >"$stage/completions/arnorm.fish"

# No Swift runtime may be needed at run time.
deps=$(ldd "$stage/bin/arnorm" || true)
if echo "$deps" | grep -Eq 'libswift|libFoundation|libdispatch|libBlocksRuntime|not found'; then
    echo "package.sh: the binary still needs Swift runtime libraries:" >&2
    echo "$deps" >&2
    exit 1
fi
echo "== ldd bin/arnorm:" >&2
echo "$deps" >&2

# The SQLite extension: the product's objects linked with the Swift runtime inside (SwiftPM's
# --static-swift-stdlib cannot link a dynamic library), ICU from the system as for the binary.
if [ -f /usr/include/sqlite3ext.h ]; then
    lib_scratch=${LIB_SCRATCH:-.build-wheel}
    echo "== building arnorm-sqlite (release) in $lib_scratch" >&2
    swift build -c release --product arnorm-sqlite --scratch-path "$lib_scratch" -j "${JOBS:-2}" >&2
    lib_bin=$(swift build -c release --product arnorm-sqlite --scratch-path "$lib_scratch" --show-bin-path)
    mkdir -p "$stage/lib"
    link_self_contained "$stage/lib/libarnorm-sqlite.so" 'sqlite3_arnormsqlite_init' \
        "$lib_bin/arnorm-sqlite.product/Objects.LinkFileList" -licui18n -licuuc -licudata
    deps=$(ldd "$stage/lib/libarnorm-sqlite.so" || true)
    if echo "$deps" | grep -Eq 'libswift|libFoundation|libdispatch|libBlocksRuntime|not found'; then
        echo "package.sh: lib/libarnorm-sqlite.so still needs Swift runtime libraries:" >&2
        echo "$deps" >&2
        exit 1
    fi
    echo "== ldd lib/libarnorm-sqlite.so:" >&2
    echo "$deps" >&2
else
    echo "package.sh: warning: no /usr/include/sqlite3ext.h (libsqlite3-dev): the SQLite extension is not packed" >&2
fi

tarball="$dist/$name.tar.gz"
tar -C "$scratch/package" -czf "$tarball" "$name"
echo "== wrote $tarball ($(du -h "$tarball" | cut -f1))" >&2
echo "$tarball"
