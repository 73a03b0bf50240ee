#!/usr/bin/env bash
# Runs the Python package's pytest suite and the Spark example's test in a temporary venv:
# pip-installs ./Bindings/python (which builds libarnorm with SwiftPM unless ARNORM_LIB is set),
# pytest, pandas, pyarrow, polars, datasets and pyspark, then runs pytest. Exits non-zero if anything
# fails.
#
#   bash Bindings/python/run-tests.sh              # everything
#   bash Bindings/python/run-tests.sh --no-spark   # without pyspark (no Java needed)
#   bash Bindings/python/run-tests.sh -k offsets   # extra arguments go to pytest
#
# Environment: ARNORM_LIB (a built libarnorm-c.so to use instead of building it), ARNORM_BIN (the
# arnorm CLI for the Spark test's reference), ARNORM_CONFIGURATION (debug, the default: reuses
# what `swift build` / `swift test` built; or release), ARNORM_SCRATCH_PATH (SwiftPM scratch
# path, default .build), PYTHON (default python3).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
spark=1
if [[ "${1:-}" == "--no-spark" ]]; then
    spark=0
    shift
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/arnorm-pytest.XXXXXX")
trap 'rm -rf "$work"' EXIT
venv="$work/venv"

echo "== venv in $venv"
"${PYTHON:-python3}" -m venv "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check -q)
"${pip[@]}" install pytest pandas pyarrow polars datasets  # the pandas, Arrow, Polars and datasets examples run too
if [[ $spark == 1 ]]; then
    echo "== pip install pyspark"
    "${pip[@]}" install pyspark
fi

# libarnorm and the arnorm CLI (for the Spark test's single-machine reference), built once here
# unless given: debug by default, which reuses what `swift build` / `swift test` built.
configuration=${ARNORM_CONFIGURATION:-debug}
scratch=${ARNORM_SCRATCH_PATH:-$repo/.build}
if [[ -z "${ARNORM_LIB:-}" || ( $spark == 1 && -z "${ARNORM_BIN:-}" ) ]]; then
    echo "== swift build -c $configuration (arnorm-c, arnorm) in $scratch"
    (cd "$repo" && swift build -c "$configuration" --scratch-path "$scratch" --product arnorm-c)
    bin=$(cd "$repo" && swift build -c "$configuration" --scratch-path "$scratch" --show-bin-path)
    export ARNORM_LIB=${ARNORM_LIB:-$bin/libarnorm-c.so}
    if [[ $spark == 1 && -z "${ARNORM_BIN:-}" ]]; then
        if (cd "$repo" && swift build -c "$configuration" --scratch-path "$scratch" --product arnorm); then
            export ARNORM_BIN=$bin/arnorm
        else
            echo "warning: the arnorm CLI did not build; the Spark test compares with the Python package" >&2
        fi
    fi
fi

echo "== pip install ./Bindings/python (library: $ARNORM_LIB)"
# Install from a copy so the source tree stays clean (setuptools writes build/ and *.egg-info).
cp -R "$here" "$work/src"
rm -rf "$work/src/build" "$work/src"/src/*.egg-info
"${pip[@]}" install "$work/src"

echo "== pytest"
targets=("$here/tests")
if [[ $spark == 1 ]]; then
    targets+=("$repo/Examples/spark")
fi
cd "$work"  # so that `import arnorm` is the installed package, not the source tree
# Without ARNORM_LIB, the package loads the libarnorm.so installed with it.
env -u ARNORM_LIB "$venv/bin/python" -m pytest -q -rs -p no:cacheprovider "${targets[@]}" "$@"
