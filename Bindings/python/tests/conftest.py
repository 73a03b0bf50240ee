from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def corpus_lines():
    """The lines of the repository's news and sample corpora."""
    lines = []
    for folder in ("Corpora/news", "Corpora/samples"):
        for path in sorted((REPO / folder).glob("*.txt")):
            lines += [line for line in path.read_text(encoding="utf-8").split("\n") if line]
    return lines


@pytest.fixture(scope="session")
def corpus():
    lines = corpus_lines()
    if not lines:
        pytest.skip("no corpus in this checkout")
    return lines
