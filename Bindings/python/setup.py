"""Build hook: the extension module `arnorm._arnorm` and libarnorm inside the package.

`pip install ./Bindings/python` compiles `src/arnorm/_arnorm.c` (the CPython extension; it needs
only a C compiler and Python's headers) and runs `swift build -c release --product arnorm-c` at
the repository root (two levels up), copying the library into the package as `libarnorm.so`.
A library built that way needs the Swift toolchain's runtime at run time; `scripts/wheel.sh`
builds a wheel whose library carries the Swift runtime and ICU inside it instead.

What it does is printed on standard error (pip shows it with `pip install -v`) and, when there is
a terminal, on the terminal too, since the first Swift build takes minutes.

Environment:
  ARNORM_LIB           use this already built library instead of building one
  ARNORM_REPO          the repository root when building from a copy of this folder
  ARNORM_SCRATCH_PATH  SwiftPM scratch path for the build (default: <repo>/.build)
  ARNORM_CONFIGURATION release (default) or debug
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# The repository: two levels up, or ARNORM_REPO when building from a copy (run-tests.sh).
REPO = Path(os.environ.get("ARNORM_REPO") or HERE.parent.parent).resolve()
PRODUCT = "arnorm-c"
BUILT_NAME = "lib" + PRODUCT + ".so"
INSTALLED_NAME = "libarnorm.so"


def say(message: str) -> None:
    """Progress for the person waiting: stderr, and the terminal when pip hides stderr."""
    line = f"arnorm build: {message}"
    print(line, file=sys.stderr, flush=True)
    try:
        with open("/dev/tty", "w") as tty:
            tty.write(line + "\n")
    except OSError:
        pass


def locate_or_build_library() -> Path:
    given = os.environ.get("ARNORM_LIB")
    if given:
        path = Path(given)
        if not path.is_file():
            raise SystemExit(f"ARNORM_LIB={given} is not a file")
        say(f"using the library ARNORM_LIB={given}")
        return path
    if not (REPO / "Package.swift").is_file():
        raise SystemExit(
            f"cannot build libarnorm: no Package.swift at {REPO}; set ARNORM_LIB to a built {BUILT_NAME}"
        )
    if shutil.which("swift") is None:
        raise SystemExit(
            "cannot build libarnorm: no `swift` on PATH. Install a Swift toolchain (6.1 or later), set "
            "ARNORM_LIB to a built libarnorm-c.so, or install a wheel made by scripts/wheel.sh, which needs no Swift."
        )
    configuration = os.environ.get("ARNORM_CONFIGURATION", "release")
    scratch = os.environ.get("ARNORM_SCRATCH_PATH", str(REPO / ".build"))
    command = ["swift", "build", "-c", configuration, "--product", PRODUCT, "--scratch-path", scratch]
    say(f"building libarnorm with SwiftPM in {REPO} (the first build takes several minutes): {' '.join(command)}")
    started = time.monotonic()
    subprocess.run(command, cwd=REPO, check=True)
    bin_path = subprocess.run(
        ["swift", "build", "-c", configuration, "--scratch-path", scratch, "--show-bin-path"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout.strip()
    say(f"libarnorm built in {time.monotonic() - started:.0f} s: {bin_path}/{BUILT_NAME}")
    return Path(bin_path) / BUILT_NAME


class BuildWithLibrary(build_py):
    def run(self):
        super().run()
        library = locate_or_build_library()
        target = Path(self.build_lib) / "arnorm" / INSTALLED_NAME
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(library, target)
        os.chmod(target, 0o755)
        say(f"copied the library into the package as arnorm/{INSTALLED_NAME}")


extension = Extension(
    "arnorm._arnorm",
    sources=["src/arnorm/_arnorm.c"],
    extra_compile_args=["-O3", "-pthread", "-fvisibility=hidden"],
    extra_link_args=["-pthread"],
)

setup(cmdclass={"build_py": BuildWithLibrary}, ext_modules=[extension])
