#!/usr/bin/env bash
# Runs every code block of README.md (or the Markdown files given) and compares the output the
# README shows. The conventions (CONTRIBUTING.md, "README examples"):
#
#   ```console      lines starting with "$ " are commands; the lines after one, up to the next
#                   command, are its expected standard output followed by its standard error,
#                   exactly; a command ending in "# exit N" must exit with status N
#   ```sh           run as one bash script (set -e); output not compared
#   ```pycon        Python prompts (>>> / ...), run with doctest: outputs compared
#   ```python       run as a Python script
#   ```c FILE       saved as FILE in the examples folder (a later console block compiles it)
#   ```LANG no-run  not run: shown for reading (a cluster command, an install from an artifact
#                   this script does not build, Swift library code)
#   ```text, ```json, ```tsv   data, never run
#
# Blocks run in order in one scratch folder that holds links to the checkout's Corpora, Sources,
# Examples and Bindings, and `.build` pointing at the SwiftPM build folder in use, so the commands
# run as a user types them in a clone. `arnorm` is the debug build on PATH. Python is $PYTHON if
# set; else python3 when it imports the package from Bindings/python/src with the built library
# (ARNORM_LIB); else a venv in the scratch folder with the package pip-installed (from the wheel
# of scripts/wheel.sh when that script exists). In commands, `swift build` and `swift run` run in
# the checkout with the scratch path added, and `swift test` is skipped (.ci/run runs the suite
# first).
#
#   bash scripts/readme-examples.sh                 # README.md, build folder .build
#   SCRATCH=.build-docs bash scripts/readme-examples.sh
#   bash scripts/readme-examples.sh --list          # the blocks and what is done with each
#
# Exit status 0 when every block ran and matched, 1 otherwise (each failure shown with a diff).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
scratch=${SCRATCH:-.build}
case "$scratch" in /*) ;; *) scratch="$repo/$scratch" ;; esac
list=0
files=()
for arg in "$@"; do
    case "$arg" in
        --list) list=1 ;;
        *) files+=("$arg") ;;
    esac
done
[ ${#files[@]} -gt 0 ] || files=(README.md)

if [ $list = 0 ]; then
    echo "== building arnorm and libarnorm-c (debug) in $scratch" >&2
    swift build --scratch-path "$scratch" --product arnorm 2>&1 | tail -n 2 >&2
    swift build --scratch-path "$scratch" --product arnorm-c 2>&1 | tail -n 2 >&2
fi
bin=$(swift build --scratch-path "$scratch" --show-bin-path)

work=$(mktemp -d "${TMPDIR:-/tmp}/arnorm-readme.XXXXXX")
trap 'chmod -R u+rwX "$work" 2>/dev/null; rm -rf "$work"' EXIT
for d in Corpora Sources Examples Bindings; do ln -s "$repo/$d" "$work/$d"; done
ln -s "$scratch" "$work/.build"

export README_REPO="$repo" README_SCRATCH="$scratch" README_WORK="$work" README_LIST=$list
export PATH="$bin:$PATH"
export ARNORM_LIB="$bin/libarnorm-c.so"

# The Python that runs the pycon/python blocks.
python=${PYTHON:-}
if [ -z "$python" ] && [ $list = 0 ]; then
    if PYTHONPATH="$repo/Bindings/python/src" python3 -c 'import arnorm' >/dev/null 2>&1; then
        export PYTHONPATH="$repo/Bindings/python/src${PYTHONPATH:+:$PYTHONPATH}"
        python=python3
    else
        echo "== installing the Python package into a venv in $work" >&2
        python3 -m venv "$work/venv"
        if [ -f scripts/wheel.sh ]; then
            bash scripts/wheel.sh >&2
            wheel=$(ls -t dist/arnorm-*.whl | head -n 1)
            "$work/venv/bin/python" -m pip install -q "$wheel" >&2
        else
            "$work/venv/bin/python" -m pip install -q ./Bindings/python >&2
        fi
        python="$work/venv/bin/python"
    fi
fi
export README_PYTHON="${python:-python3}"

exec python3 - "${files[@]}" <<'PY'
import difflib, os, re, subprocess, sys

repo, scratch, work = os.environ["README_REPO"], os.environ["README_SCRATCH"], os.environ["README_WORK"]
listing = os.environ["README_LIST"] == "1"

# `swift build`/`swift run` in the checkout with the scratch path; `swift test` is CI's first section.
PRELUDE = r'''
swift() {
    case "${1:-}" in
        test) echo "(readme-examples: 'swift test' is run by .ci/run, not here)" >&2 ;;
        build|run) local sub=$1; shift; (cd "$README_REPO" && command swift "$sub" --scratch-path "$README_SCRATCH" "$@") ;;
        *) command swift "$@" ;;
    esac
}
'''
DATA = {"text", "json", "tsv", ""}

def blocks(path):
    """(line number, info words, body) of each fenced block."""
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^```(.*)$", lines[i])
        if m:
            start, info = i + 1, m.group(1).split()
            body = []
            i += 1
            while i < len(lines) and lines[i] != "```":
                body.append(lines[i]); i += 1
            if i == len(lines):
                raise SystemExit(f"{path}:{start}: code block not closed")
            yield start, info, body
        i += 1

def bash(script, merge=True):
    return subprocess.run(["bash", "-c", PRELUDE + "cd \"$README_WORK\"\n" + script],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT if merge else subprocess.PIPE,
                          text=True)

python = os.environ["README_PYTHON"]
# Runs one pycon block with doctest in the chosen Python; prints the failures, exits 1 on any.
DOCTEST = r'''
import doctest, sys
text, name, line = sys.stdin.read(), sys.argv[1], int(sys.argv[2])
test = doctest.DocTestParser().get_doctest(text, {}, name, name, line)
runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
runner.run(test)
sys.exit(1 if runner.failures else 0)
'''

failures, ran, skipped = [], 0, 0

def fail(where, what, expected=None, got=None):
    msg = f"FAIL {where}: {what}"
    if expected is not None:
        diff = difflib.unified_diff(expected.splitlines(), got.splitlines(), "README", "actual", lineterm="")
        msg += "\n" + "\n".join("    " + l for l in diff)
    failures.append(msg)
    print(msg, flush=True)

for path in sys.argv[1:]:
    for line, info, body in blocks(path):
        lang = info[0] if info else ""
        where = f"{path}:{line} ({lang or 'plain'})"
        if "no-run" in info[1:] or lang in DATA:
            skipped += 1
            if listing: print(f"skip {where}")
            continue
        if listing:
            print(f"run  {where}"); continue
        ran += 1
        if lang == "console":
            commands = []
            for l in body:
                if l.startswith("$ "):
                    commands.append([l[2:], []])
                elif not commands:
                    fail(where, f"output before the first command: {l!r}")
                else:
                    commands[-1][1].append(l)
            for command, out in commands:
                expected = "\n".join(out) + ("\n" if out else "")
                r = bash(command, merge=False)
                got = r.stdout + r.stderr  # stdout, then stderr: their interleaving is not fixed
                status = re.search(r"#\s*exit\s+(\d+)\s*$", command)
                want = int(status.group(1)) if status else None
                if got != expected:
                    fail(f"{where} $ {command}", f"output differs (exit status {r.returncode})", expected, got)
                elif want is not None and r.returncode != want:
                    fail(f"{where} $ {command}", f"exit status {r.returncode}, the README says {want}")
        elif lang == "sh":
            r = bash("set -e\n" + "\n".join(body))
            if r.returncode != 0:
                fail(where, f"exit status {r.returncode}\n" + r.stdout[-3000:])
        elif lang == "pycon":
            r = subprocess.run([python, "-c", DOCTEST, where, str(line)], input="\n".join(body) + "\n",
                               cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if r.returncode != 0:
                fail(where, "doctest failed\n" + r.stdout[-4000:])
        elif lang == "python":
            r = subprocess.run([python, "-c", "\n".join(body)], cwd=work,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if r.returncode != 0:
                fail(where, f"exit status {r.returncode}\n" + r.stdout[-3000:])
        elif lang == "c":
            if len(info) < 2:
                fail(where, "a c block needs a file name: ```c app.c"); continue
            with open(os.path.join(work, info[1]), "w", encoding="utf-8") as f:
                f.write("\n".join(body) + "\n")
        else:
            fail(where, f"unknown block language {lang!r}: mark it `{lang} no-run` or add a runner")

if listing:
    sys.exit(0)
print(f"readme-examples: {ran} blocks run, {skipped} not meant to run, {len(failures)} failed")
sys.exit(1 if failures else 0)
PY
