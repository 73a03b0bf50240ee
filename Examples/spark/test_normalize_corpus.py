"""Runs normalize_corpus.py with pyspark in local mode on a sample of the repository's corpus and
checks every output record against single-machine `arnorm --format jsonl` (the CLI built in
.build/, or $ARNORM_BIN); without a CLI that knows JSONL, against the Python package."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
arnorm = pytest.importorskip("arnorm")

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SCRIPT = HERE / "normalize_corpus.py"
sys.path.insert(0, str(HERE))
import normalize_corpus  # noqa: E402

PRESET = "search"


def corpus_lines():
    lines = []
    for folder in ("Corpora/news", "Corpora/samples"):
        for path in sorted((REPO / folder).glob("*.txt")):
            lines += [(path.stem, line) for line in path.read_text(encoding="utf-8").split("\n") if line]
    return lines


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A JSONL sample: corpus lines with nested fields and escapes, plus records the job must
    keep as they are (no text field, a number, not JSON, a blank line)."""
    lines = []
    for i, (source, text) in enumerate(corpus_lines()):
        record = {"id": i, "text": text, "meta": {"source": source, "title": text[:30]}}
        # Every fifth record with \\u escapes, as many JSON writers produce.
        lines.append(json.dumps(record, ensure_ascii=(i % 5 == 0)))
    lines += [
        json.dumps({"id": "no-text", "body": "مُحَمَّد"}, ensure_ascii=False),
        json.dumps({"id": "number", "text": 42}),
        "",
        json.dumps({"id": "tatweel", "text": "خـ.ـسائر فـ.ـادحة", "tags": ["ـا"]}, ensure_ascii=False),
    ]
    assert len(lines) > 100
    path = tmp_path_factory.mktemp("in") / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli_with_jsonl(scratch):
    """The arnorm binary (unpacked into `scratch` when find_arnorm picks a dist/ tarball) if it
    normalizes JSONL fields (tried on one record), else None."""
    found = normalize_corpus.find_arnorm(None)
    if not found:
        return None
    binary = normalize_corpus.binary_from(found, str(scratch))
    command = normalize_corpus.arnorm_command(binary, ["text"], "standard", [], [])
    try:
        done = subprocess.run(command, input='{"text": "ـا"}\n'.encode(), capture_output=True, timeout=120)
    except OSError:
        return None
    return binary if done.returncode == 0 and done.stdout == '{"text": "ا"}\n'.encode() else None


@pytest.fixture(scope="module")
def reference(sample, tmp_path_factory):
    """What one machine produces, line by line: `arnorm --format jsonl`, or the Python package."""
    binary = cli_with_jsonl(tmp_path_factory.mktemp("cli"))
    if binary:
        command = normalize_corpus.arnorm_command(binary, ["text"], PRESET, [], [])
        with open(sample, "rb") as stdin:
            done = subprocess.run(command, stdin=stdin, capture_output=True, check=True, timeout=300)
        return "cli", done.stdout.decode("utf-8").split("\n")[:-1]
    lines = sample.read_text(encoding="utf-8").split("\n")[:-1]
    return "python", list(normalize_corpus.normalize_partition(iter(lines), ["text"], PRESET, [], []))


def run_job(sample, out, engine, extra=()):
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    command = [sys.executable, str(SCRIPT), str(sample), str(out), "--field", "text", "--preset", PRESET,
               "--engine", engine, "--master", "local[2]", "--partitions", "3", *extra]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    parts = sorted(out.glob("part-*"))
    assert len(parts) >= 3 and (out / "_SUCCESS").exists()
    lines = []
    for part in parts:
        lines += part.read_text(encoding="utf-8").split("\n")[:-1]
    return lines


def same_record(got, expected):
    try:
        return json.loads(got) == json.loads(expected)
    except ValueError:
        return got == expected


def test_python_engine_matches_single_machine(sample, reference, tmp_path):
    kind, expected = reference
    got = run_job(sample, tmp_path / "out", "python")
    assert len(got) == len(expected)
    bad = [(i, g, e) for i, (g, e) in enumerate(zip(got, expected)) if not same_record(g, e)]
    assert not bad, f"{len(bad)} records differ from {kind}; first: {bad[0]}"
    # the job did normalize: the tatweel record
    assert json.loads(got[-1])["text"] == "خساير فادحه"  # search: hamza and teh marbuta folded
    assert json.loads(got[-1])["tags"] == ["ـا"]  # only --field text


def test_pipe_engine_is_byte_identical_to_the_cli(sample, reference, tmp_path):
    kind, expected = reference
    if kind != "cli":
        pytest.skip("no arnorm binary with --format jsonl in .build/ or $ARNORM_BIN")
    got = run_job(sample, tmp_path / "out", "pipe")
    assert got == expected


def test_pipe_engine_ships_the_packaged_binary(sample, reference, tmp_path):
    """--arnorm TARBALL: the job unpacks bin/arnorm from scripts/package.sh's tarball and ships it
    to the executors with addFile; the records are the single-machine CLI's, byte for byte."""
    kind, expected = reference
    tarballs = sorted((REPO / "dist").glob("arnorm-*.tar.gz"))
    if kind != "cli" or not tarballs:
        pytest.skip("no dist/arnorm-*.tar.gz: run scripts/package.sh first")
    got = run_job(sample, tmp_path / "out", "pipe", ["--arnorm", str(tarballs[-1])])
    assert got == expected


def test_pipe_engine_fails_the_job_when_arnorm_fails(sample, tmp_path):
    """A binary that exits non-zero fails the task (and the job) instead of writing partial parts."""
    binary = tmp_path / "arnorm"
    binary.write_text("#!/bin/sh\necho 'arnorm: simulated failure' >&2\nexit 2\n")
    binary.chmod(0o755)
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    command = [sys.executable, str(SCRIPT), str(sample), str(tmp_path / "out"), "--field", "text",
               "--engine", "pipe", "--arnorm", str(binary), "--master", "local[1]"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode != 0
    assert "simulated failure" in done.stderr
    assert not (tmp_path / "out" / "_SUCCESS").exists()


def test_partition_function_keeps_what_it_does_not_touch():
    lines = ['{"text": "أَحْمَد", "n": 1}', "", "not json", '{"text": 7}', '{"a": {"b": "مدرسةٌ"}}']
    out = list(normalize_corpus.normalize_partition(iter(lines), ["text", "a.b"], PRESET, [], []))
    assert out == ['{"text": "احمد", "n": 1}', "", "not json", '{"text": 7}', '{"a": {"b": "مدرسه"}}']
    # no --field: every string value, in lists too
    out = list(normalize_corpus.normalize_partition(iter(['{"x": ["أَ", {"y": "ـب"}]}']), [], PRESET, [], []))
    assert out == ['{"x": ["ا", {"y": "ب"}]}']
