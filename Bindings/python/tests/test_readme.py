"""Every ```python block of Bindings/python/README.md runs as written (a block that imports an
optional package that is not installed, such as polars or datasets, is skipped)."""

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def blocks():
    text = README.read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_the_readme_has_examples():
    assert len(blocks()) >= 5


@pytest.mark.parametrize("k", range(len(blocks())))
def test_readme_example_runs(k):
    code = blocks()[k]
    for module in re.findall(r"^(?:import|from) (\w+)", code, flags=re.M):
        pytest.importorskip(module)
    exec(compile(code, f"README.md block {k}", "exec"), {"__name__": f"readme_{k}"})
