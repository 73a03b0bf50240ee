# Links the object files of a SwiftPM product into one shared library that needs no Swift
# toolchain at run time: the Swift runtime and Foundation linked statically (-static-stdlib), only
# the given symbols exported, no RUNPATH. Sourced by scripts/wheel.sh and scripts/package.sh.
#
#   link_self_contained OUTPUT EXPORTS OBJECT_LIST [LINK_INPUT...]
#
# OUTPUT       the .so to write (its file name is also its soname)
# EXPORTS      the exported symbols, a linker version-script pattern (e.g. "arnorm_*")
# OBJECT_LIST  SwiftPM's Objects.LinkFileList of the product (release build)
# LINK_INPUT   what else goes on the link line: archives, objects, -L/-l options
#
# STATIC_CXX=1 links libstdc++ statically too (the Swift driver asks for -lstdc++: a linker script
# of that name, found first, hands it the static archive).
#
# SwiftPM's own --static-swift-stdlib cannot do this for a dynamic library: it asks for
# -lCoreFoundation and the other Foundation parts, which exist only as archives. They are named
# here explicitly, and `-z defs` makes any symbol left undefined a link error rather than a failure
# when the library is loaded.

link_self_contained() {
    local output=$1 exports=$2 objects=$3
    shift 3
    local work name
    name=$(basename "$output")
    [ -f "$objects" ] || { echo "link_self_contained: no $objects (SwiftPM layout changed?)" >&2; return 1; }
    work=$(mktemp -d)
    echo "{ global: $exports; local: *; };" >"$work/exports.map"
    local cxx=()
    if [ "${STATIC_CXX:-0}" = 1 ]; then
        local stdcxx
        stdcxx=$(c++ -print-file-name=libstdc++.a)
        [ -f "$stdcxx" ] || { echo "link_self_contained: no static libstdc++ (libstdc++.a; Debian: libstdc++-12-dev)" >&2; return 1; }
        mkdir -p "$work/static-cxx"
        echo "INPUT($stdcxx)" >"$work/static-cxx/libstdc++.so"
        cxx=(-L "$work/static-cxx")
    fi
    local swift_static part foundation_parts=()
    swift_static=$(dirname "$(dirname "$(command -v swiftc)")")/lib/swift_static/linux
    for part in Foundation FoundationEssentials FoundationInternationalization CoreFoundation _FoundationICU \
        _FoundationCShims _FoundationCollections; do
        # as archive paths, which go into the driver's --start-group/--end-group with the objects
        [ -f "$swift_static/lib$part.a" ] && foundation_parts+=("$swift_static/lib$part.a")
    done
    # shellcheck disable=SC2046 # the object list is one path per line, no spaces
    swiftc -emit-library -static-stdlib -o "$output" "${cxx[@]}" \
        $(cat "$objects") "$@" "${foundation_parts[@]}" \
        -Xlinker --version-script="$work/exports.map" -Xlinker --gc-sections -Xlinker -soname="$name" \
        -Xlinker -z -Xlinker defs \
        2> >(grep -v "the use of .mktemp. is dangerous" >&2)
    rm -rf "$work"
    strip --strip-unneeded "$output"
    if readelf -d "$output" | grep -Eq 'RPATH|RUNPATH'; then
        echo "link_self_contained: $name has a RUNPATH: $(readelf -d "$output" | grep -E 'RPATH|RUNPATH')" >&2
        return 1
    fi
}
