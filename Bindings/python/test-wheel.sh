#!/usr/bin/env bash
# Installs a wheel made by scripts/wheel.sh into a fresh venv and runs it where no Swift library
# can be found: checks that the installed libarnorm.so needs nothing from a Swift toolchain (ldd,
# no RUNPATH), then runs a smoke test and the package's pytest suite under `env -i` (no PATH to
# the toolchain, no LD_LIBRARY_PATH), with the tests' working directory outside the checkout.
#
#   bash Bindings/python/test-wheel.sh [dist/arnorm-*.whl]     (default: the newest in dist/)
#
# Environment: PYTHON (default python3; must match the wheel's CPython version).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
wheel=${1:-$(ls -t "$repo"/dist/arnorm-*.whl 2>/dev/null | head -n 1)}
[ -n "$wheel" ] && [ -f "$wheel" ] || { echo "test-wheel.sh: no wheel (run scripts/wheel.sh first)" >&2; exit 1; }
wheel=$(cd "$(dirname "$wheel")" && pwd)/$(basename "$wheel")

work=$(mktemp -d "${TMPDIR:-/tmp}/arnorm-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT
venv="$work/venv"
echo "== fresh venv, pip install $(basename "$wheel")"
"${PYTHON:-python3}" -m venv "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check -q)
"${pip[@]}" install "$wheel" pytest pyarrow pandas

lib=$("$venv/bin/python" -c 'import arnorm, os; print(os.path.realpath(arnorm.library_path))')
echo "== the installed library: $lib"
deps=$(ldd "$lib")
echo "$deps" | sed 's/^/    /'
# Where a toolchain would be: the directory of `swift` if there is one, and the usual places.
toolchain=""
if command -v swift >/dev/null 2>&1; then
    toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
fi
if echo "$deps" | grep -Eq 'libswift|libFoundation|libdispatch|libBlocksRuntime|libicu|not found'; then
    echo "test-wheel.sh: the library needs a Swift or ICU library" >&2
    exit 1
fi
if [ -n "$toolchain" ] && echo "$deps" | grep -qF "$toolchain"; then
    echo "test-wheel.sh: the library loads something from the toolchain at $toolchain" >&2
    exit 1
fi
if readelf -d "$lib" | grep -Eq 'RPATH|RUNPATH'; then
    echo "test-wheel.sh: the library has a RUNPATH: $(readelf -d "$lib" | grep -E 'RPATH|RUNPATH')" >&2
    exit 1
fi

cd "$work"  # not the checkout: `import arnorm` must be the installed package
scrubbed=(env -i HOME="$work" PATH=/usr/bin:/bin LANG=C.UTF-8)
echo "== smoke test under env -i"
"${scrubbed[@]}" "$venv/bin/python" - <<'EOF'
import arnorm, os
assert "ARNORM_LIB" not in os.environ and "LD_LIBRARY_PATH" not in os.environ
assert arnorm.normalize("خـ.ـسائر فـ.ـادحة") == "خسائر فادحة"
assert arnorm.Normalizer("standard").normalize_batch(["ﷲ", None, float("nan")]) == ["الله", None, None]
assert arnorm.normalize_with_offsets("ﷲ") == ("الله", [(0, 1), (0, 1), (0, 1), (0, 1)])
assert arnorm.Normalizer("standard", engine="reference").normalize("ﷲ أكبر") == "الله اكبر"
assert arnorm.transliterate("بشار الأسد", scheme="names") == "Bashar al-Assad"
assert arnorm.words_to_digits("قتل نحو خمسين") == "قتل نحو 50"
assert arnorm.spell_number(523) == "خمسمئة وثلاثة وعشرون"
print("ok", arnorm.__version__, arnorm.library_path)
EOF
echo "== pyarrow and pandas imported first (they leave little static TLS), then arnorm"
"${scrubbed[@]}" "$venv/bin/python" - <<'EOF'
import pandas as pd
import pyarrow as pa
import arnorm
s = pd.Series(["خـ.ـسائر فـ.ـادحة", None], dtype="string[pyarrow]")
assert arnorm.normalize_arrow(s).to_pylist() == ["خسائر فادحة", None]
print("ok")
EOF
echo "== pytest under env -i"
"${scrubbed[@]}" "$venv/bin/python" -m pytest -q -rs -p no:cacheprovider "$here/tests"
