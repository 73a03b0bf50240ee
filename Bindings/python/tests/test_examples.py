"""The examples run and give the documented outputs (skipped without pandas / datasets)."""

import importlib.util
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def load(name):
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pandas_example():
    pytest.importorskip("pandas")
    df = load("pandas_example").main()
    assert df["norm"].tolist() == ["خساير فادحه", "محمد 123", "الله اكبر"]  # search: hamza, teh marbuta
    assert df["offsets"][2] == [(0, 1)] * 4 + [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6)]


def test_datasets_example():
    pytest.importorskip("datasets")
    ds = load("datasets_example").main()
    assert ds["norm"] == ["خسائر فادحه", "محمد 123", "الله اكبر", "المدرسه"]
