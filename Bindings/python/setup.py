"""Build hook: puts libarnorm into the package.

`pip install ./Bindings/python` runs `swift build -c release --product arnorm-c` at the
repository root (two levels up) and copies the library into the package as `libarnorm.so`.

Environment:
  ARNORM_LIB           use this already built library instead of building one
  ARNORM_REPO          the repository root when building from a copy of this folder
  ARNORM_SCRATCH_PATH  SwiftPM scratch path for the build (default: <repo>/.build)
  ARNORM_CONFIGURATION release (default) or debug
"""

import os
import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = Path(__file__).resolve().parent
# The repository: two levels up, or ARNORM_REPO when building from a copy (run-tests.sh).
REPO = Path(os.environ.get("ARNORM_REPO") or HERE.parent.parent).resolve()
PRODUCT = "arnorm-c"
BUILT_NAME = "lib" + PRODUCT + ".so"
INSTALLED_NAME = "libarnorm.so"


def locate_or_build_library() -> Path:
    given = os.environ.get("ARNORM_LIB")
    if given:
        path = Path(given)
        if not path.is_file():
            raise SystemExit(f"ARNORM_LIB={given} is not a file")
        return path
    if not (REPO / "Package.swift").is_file():
        raise SystemExit(
            f"cannot build libarnorm: no Package.swift at {REPO}; set ARNORM_LIB to a built {BUILT_NAME}"
        )
    configuration = os.environ.get("ARNORM_CONFIGURATION", "release")
    scratch = os.environ.get("ARNORM_SCRATCH_PATH", str(REPO / ".build"))
    command = ["swift", "build", "-c", configuration, "--product", PRODUCT, "--scratch-path", scratch]
    print("building libarnorm:", " ".join(command), flush=True)
    subprocess.run(command, cwd=REPO, check=True)
    bin_path = subprocess.run(
        ["swift", "build", "-c", configuration, "--scratch-path", scratch, "--show-bin-path"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout.strip()
    return Path(bin_path) / BUILT_NAME


class BuildWithLibrary(build_py):
    def run(self):
        super().run()
        library = locate_or_build_library()
        target = Path(self.build_lib) / "arnorm" / INSTALLED_NAME
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(library, target)
        os.chmod(target, 0o755)


class BinaryDistribution(Distribution):
    """The wheel holds a native library: tag it for this platform."""

    def has_ext_modules(self):
        return True


setup(cmdclass={"build_py": BuildWithLibrary}, distclass=BinaryDistribution)
