#!/usr/bin/env bash
# Builds a wheel of the Python package (Bindings/python) that needs no Swift toolchain:
#
#   scripts/wheel.sh            → dist/arnorm-VERSION-cpXY-cpXY-PLATFORM.whl
#
# The wheel holds the extension module arnorm/_arnorm*.so and arnorm/libarnorm.so, and
# libarnorm.so carries everything it runs on: the Swift runtime and Foundation linked statically
# (-static-stdlib) and ICU linked statically from the system's libicu*.a (Debian/Ubuntu:
# libicu-dev), and libstdc++ linked statically too. It exports only the arnorm_* functions of
# arnorm.h and has no RUNPATH. What it needs from the system is glibc (libc, libm) and libgcc_s;
# the script checks that.
#
# libstdc++ is inside because ICU's static objects reach libstdc++'s thread-local variables with
# the initial-exec model: against the system libstdc++ that fails to load ("cannot allocate memory
# in static TLS block") in a process where pyarrow or pandas came first.
#
# Two symbols of ICU's putil (the libc variables `__timezone` and `tzname`, which the static,
# non-PIC archive reaches in a way a shared library cannot) are renamed to copies that a
# constructor fills from libc at load time.
#
# When `auditwheel` is found (on PATH or as $AUDITWHEEL), the script prints `auditwheel show`
# and writes the wheel under the manylinux tag it earns (`auditwheel repair`, which needs
# `patchelf` on PATH or beside auditwheel); otherwise it keeps the plain linux_x86_64 tag. Bindings/python/test-wheel.sh installs the wheel in a fresh venv
# and runs it with a scrubbed environment.
#
# Environment: SCRATCH (SwiftPM build folder, default .build-wheel), DIST (output folder, default
# dist), JOBS (build jobs, default 2), PYTHON (the interpreter the wheel is for, default python3).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scratch=${SCRATCH:-.build-wheel}
dist=${DIST:-dist}
python=${PYTHON:-python3}
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)

# shellcheck source=lib/self-contained-library.sh
. "$root/scripts/lib/self-contained-library.sh"

say() { echo "== wheel.sh: $*" >&2; }
die() { echo "wheel.sh: $*" >&2; exit 1; }

command -v swift >/dev/null || die "needs a Swift toolchain (swift on PATH) to build the wheel"
command -v objcopy >/dev/null || die "needs objcopy (binutils)"

# 1. The library's object files, built by SwiftPM (release).
say "building arnorm-c (release) in $scratch"
swift build -c release --product arnorm-c --scratch-path "$scratch" -j "${JOBS:-2}" >&2
bin=$(swift build -c release --product arnorm-c --scratch-path "$scratch" --show-bin-path)
objects="$bin/arnorm-c.product/Objects.LinkFileList"
[ -f "$objects" ] || die "no $objects (SwiftPM layout changed?)"

# 2. ICU, static.
icudir=$(pkg-config --variable=libdir icu-uc 2>/dev/null || true)
[ -n "$icudir" ] || icudir=/usr/lib/$(cc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
for lib in icui18n icuuc icudata; do
    [ -f "$icudir/lib$lib.a" ] || die "no $icudir/lib$lib.a: install libicu-dev (it ships the static ICU libraries)"
done
work=$(cd "$scratch" && pwd)/wheel
rm -rf "$work"
mkdir -p "$work"
cp "$icudir/libicuuc.a" "$work/libicuuc.a"

# The libc data symbols ICU uses: each must have a copy below, or the link cannot succeed.
libc=$(cc -print-file-name=libc.so.6)
[ -f "$libc" ] || libc=$(ldconfig -p | awk '/libc\.so\.6 .*x86-64/ {print $NF; exit}')
libc_data=$(nm -D --defined-only "$libc" | awk '$2 ~ /^[BDV]$/ {sub(/@.*/, "", $3); print $3}' | sort -u)
icu_undefined=$(for lib in icui18n icuuc icudata; do nm "$icudir/lib$lib.a" 2>/dev/null | awk '$1 == "U" {print $2}'; done | sort -u)
used=$(comm -12 <(echo "$libc_data") <(echo "$icu_undefined") | tr '\n' ' ')
for symbol in $used; do
    case $symbol in
        __timezone|tzname) ;;
        *) die "ICU uses the libc variable '$symbol', which this script has no copy of: add one next to tzname" ;;
    esac
done
objcopy --redefine-sym __timezone=arnorm_icu_timezone --redefine-sym tzname=arnorm_icu_tzname "$work/libicuuc.a"
cat >"$work/icu_libc_copies.c" <<'EOF'
/* Copies of libc's time zone variables for the statically linked ICU (see scripts/wheel.sh). */
#include <time.h>
__attribute__((visibility("hidden"))) long arnorm_icu_timezone;
__attribute__((visibility("hidden"))) char *arnorm_icu_tzname[2];
__attribute__((constructor)) static void arnorm_icu_copy_timezone(void) {
    tzset();
    arnorm_icu_timezone = timezone;
    arnorm_icu_tzname[0] = tzname[0];
    arnorm_icu_tzname[1] = tzname[1];
}
EOF
cc -O2 -fPIC -c "$work/icu_libc_copies.c" -o "$work/icu_libc_copies.o"
# 3. One shared library: the objects, the Swift runtime and Foundation (static), ICU (static),
# libstdc++ (static).
say "linking libarnorm.so with the Swift runtime and ICU inside"
STATIC_CXX=1 link_self_contained "$work/libarnorm.so" 'arnorm_*' "$objects" "$work/icu_libc_copies.o" \
    "$icudir/libicui18n.a" "$work/libicuuc.a" "$icudir/libicudata.a"

deps=$(ldd "$work/libarnorm.so")
if echo "$deps" | grep -Eq 'libswift|libFoundation|libdispatch|libBlocksRuntime|libicu|libstdc\+\+|not found'; then
    die "libarnorm.so still needs a Swift, ICU or C++ library:
$deps"
fi
echo "$deps" | sed 's/^/    /' >&2

# 4. The wheel: the package with this library (setup.py takes it from ARNORM_LIB).
say "building the wheel with $python"
cp -R Bindings/python "$work/src"
rm -rf "$work/src/build" "$work/src"/src/*.egg-info "$work/src"/src/arnorm/*.so
ARNORM_LIB="$work/libarnorm.so" "$python" -m pip wheel --no-deps --disable-pip-version-check -q \
    -w "$work/dist" "$work/src" >&2
wheel=$(ls "$work"/dist/arnorm-*.whl | head -n 1)
[ -f "$wheel" ] || die "pip wheel made no wheel"

# 5. The platform tag it earns.
auditwheel=${AUDITWHEEL:-$(command -v auditwheel || true)}
if [ -n "$auditwheel" ]; then
    say "auditwheel show"
    "$auditwheel" show "$wheel" >&2
    PATH="$(dirname "$auditwheel"):$PATH" "$auditwheel" repair -w "$work/repaired" "$wheel" >&2
    wheel=$(ls "$work"/repaired/arnorm-*.whl | head -n 1)
else
    say "no auditwheel (pip install auditwheel, or AUDITWHEEL=...): keeping the linux tag"
fi
rm -f "$dist"/arnorm-*.whl
cp "$wheel" "$dist/"
out="$dist/$(basename "$wheel")"
say "wrote $out ($(du -h "$out" | cut -f1))"
echo "$out"
