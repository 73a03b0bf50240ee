#!/usr/bin/env python3
"""Normalize a JSONL corpus with Spark, when it has outgrown one machine.

    python normalize_corpus.py INPUT OUTPUT_DIR --field text --preset standard
    spark-submit --master yarn normalize_corpus.py hdfs:///corpus/*.jsonl hdfs:///corpus-norm \\
        --field text --preset search --arnorm dist/arnorm-0.1.0-linux-x86_64.tar.gz

INPUT is a JSONL file, directory or glob (anything `SparkContext.textFile` reads, compressed
files included); OUTPUT_DIR receives JSONL part files (part-00000, ...), one output line per
input line, in input order.

Two engines:

  --engine pipe    (the default when an `arnorm` binary is given or found) streams each
                   partition through `arnorm --format jsonl --field F --preset P`.
                   The driver ships the binary to every executor itself
                   (`SparkContext.addFile`; each task finds its copy with `SparkFiles.get`), so
                   the nodes need neither Swift nor the Python package: build the self-contained
                   binary with `scripts/package.sh` and pass the tarball (or the binary inside it)
                   as --arnorm. Every record is byte for byte what `arnorm` writes on one machine:
                   the same binary parses the JSON, rewrites only the chosen string fields and
                   copies every other byte (key order, spacing, escapes), with the same handling
                   of bad records.
  --engine python  mapPartitions over the `arnorm` Python package (pip-installed on every
                   node): for clusters where shipping a binary is not possible but a Python
                   environment is. Records are parsed with `json` and written back with
                   `json.dumps(..., ensure_ascii=False)`: equal as JSON to arnorm's output, not
                   necessarily byte for byte (spacing and escapes are json's). Lines that are
                   not JSON are kept as they are, like arnorm's default.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
from pathlib import Path

BATCH = 512


def find_arnorm(explicit):
    """The arnorm binary on this machine (the driver): --arnorm, $ARNORM_BIN, PATH, the newest
    packaged tarball in this checkout's dist/, or its build directories."""
    if explicit:
        return explicit
    if os.environ.get("ARNORM_BIN"):
        return os.environ["ARNORM_BIN"]
    on_path = shutil.which("arnorm")
    if on_path:
        return on_path
    repo = Path(__file__).resolve().parents[2]
    tarballs = sorted((repo / "dist").glob("arnorm-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if tarballs:
        return str(tarballs[-1])
    for configuration in ("release", "debug"):
        candidate = repo / ".build" / configuration / "arnorm"
        if candidate.is_file():
            return str(candidate)
    return None


def arnorm_command(binary, fields, preset, enable, disable):
    command = [binary, "--format", "jsonl", "--preset", preset]
    for f in fields:
        command += ["--field", f]
    for s in enable:
        command += ["--enable", s]
    for s in disable:
        command += ["--disable", s]
    return command


# ---- the pipe engine ----

def binary_from(path, scratch):
    """A runnable binary from --arnorm: the binary itself, or bin/arnorm unpacked from a
    scripts/package.sh tarball into `scratch`."""
    if not path.endswith((".tar.gz", ".tgz")):
        if not os.access(path, os.X_OK):
            raise SystemExit(f"normalize_corpus: {path}: not an executable arnorm binary")
        return path
    with tarfile.open(path) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith("/bin/arnorm")]
        if len(members) != 1:
            raise SystemExit(f"normalize_corpus: {path}: no bin/arnorm inside (not a scripts/package.sh tarball?)")
        member = members[0]
        member.name = "arnorm"  # flatten; also keeps the extraction inside scratch
        tar.extract(member, scratch)
    binary = os.path.join(scratch, "arnorm")
    os.chmod(binary, 0o755)
    return binary


def pipe_partition(lines, arguments, shipped_name):
    """mapPartitions body: streams the partition through the arnorm binary shipped with
    SparkContext.addFile, one line in, one line out; a failing arnorm fails the task."""
    from pyspark import SparkFiles

    binary = SparkFiles.get(shipped_name)
    if not os.access(binary, os.X_OK):
        os.chmod(binary, 0o755)
    process = subprocess.Popen([binary] + arguments, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    failure = []

    def feed():
        try:
            for line in lines:
                process.stdin.write(line.encode("utf-8") + b"\n")
        except BrokenPipeError:
            pass  # arnorm stopped early: its exit status says why
        except BaseException as error:  # the input iterator failed: report it from the task
            failure.append(error)
        finally:
            try:
                process.stdin.close()
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    for line in process.stdout:
        yield line.rstrip(b"\n").decode("utf-8")
    writer.join()
    errors = process.stderr.read().decode("utf-8", "replace")
    status = process.wait()
    if failure:
        raise failure[0]
    if status != 0:
        raise RuntimeError(f"arnorm exited with status {status}: {errors.strip()}")


# ---- the python engine ----

def _strings_at(record, path):
    """(container, key) pairs holding a string at the dotted `path` (path None: every string value)."""
    if path is None:
        stack = [record]
        while stack:
            node = stack.pop()
            items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
            for key, value in items:
                if isinstance(value, str):
                    yield node, key
                elif isinstance(value, (dict, list)):
                    stack.append(value)
        return
    node = record
    keys = path.split(".")
    for key in keys[:-1]:
        if not isinstance(node, dict) or not isinstance(node.get(key), dict):
            return
        node = node[key]
    if isinstance(node, dict) and isinstance(node.get(keys[-1]), str):
        yield node, keys[-1]


def normalize_partition(lines, fields, preset, enable, disable):
    """mapPartitions body: normalizes the chosen string fields of each JSONL line, in batches."""
    import arnorm

    normalizer = arnorm.Normalizer(preset, enable, disable)
    paths = fields or [None]

    def flush(pending):
        records = [r for r in pending if isinstance(r, list)]
        slots = [(r, slot) for r in records for slot in r[2]]
        if slots:
            texts = normalizer.normalize_batch([container[key] for _, (container, key) in slots])
            for (r, (container, key)), text in zip(slots, texts):
                if container[key] != text:
                    container[key] = text
                    r[3] = True
        for item in pending:
            if isinstance(item, list):
                # A record nothing changed in keeps its original bytes.
                yield json.dumps(item[0], ensure_ascii=False) if item[3] else item[1]
            else:
                yield item

    pending = []
    for line in lines:
        if not line.strip():
            pending.append(line)  # blank lines are kept and are not records
        else:
            try:
                record = json.loads(line)
            except ValueError:
                pending.append(line)  # not JSON: kept as it is
            else:
                found = [slot for p in paths for slot in _strings_at(record, p)]
                pending.append([record, line, found, False] if found else line)
        if len(pending) >= BATCH:
            yield from flush(pending)
            pending = []
    yield from flush(pending)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="JSONL input: file, directory or glob (local, hdfs://, s3a://)")
    parser.add_argument("output_dir", help="where the JSONL part files go (must not exist)")
    parser.add_argument("--field", action="append", default=[],
                        help="string field to normalize, dotted for nested objects (repeatable; default: every string)")
    parser.add_argument("--preset", default="standard", help="clean, standard (default) or search")
    parser.add_argument("--enable", action="append", default=[], help="switch a step on (repeatable)")
    parser.add_argument("--disable", action="append", default=[], help="switch a step off (repeatable)")
    parser.add_argument("--engine", choices=["pipe", "python"],
                        help="pipe: RDD.pipe through arnorm (default when a binary is found); python: mapPartitions")
    parser.add_argument("--arnorm", help="the arnorm binary on the driver, or a scripts/package.sh tarball; "
                                         "the job ships it to the executors (default: $ARNORM_BIN, PATH, dist/, .build/)")
    parser.add_argument("--partitions", type=int, help="minimum number of input partitions")
    parser.add_argument("--master", help="Spark master when not started by spark-submit (default local[*])")
    args = parser.parse_args(argv)

    binary = find_arnorm(args.arnorm)
    engine = args.engine or ("pipe" if binary else "python")
    if engine == "pipe" and not binary:
        parser.error("--engine pipe needs the arnorm binary: --arnorm PATH or $ARNORM_BIN")

    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName("arnorm-normalize-corpus")
    if args.master:
        conf.setMaster(args.master)
    elif not conf.contains("spark.master"):  # run with python, not spark-submit
        conf.setMaster("local[*]")
    sc = SparkContext(conf=conf)
    scratch = tempfile.mkdtemp(prefix="arnorm-spark-")
    try:
        lines = sc.textFile(args.input, args.partitions) if args.partitions else sc.textFile(args.input)
        if engine == "pipe":
            # Shipped to every executor's work directory; each task runs its local copy.
            local = binary_from(binary, scratch)
            sc.addFile(local)
            arguments = arnorm_command(local, args.field, args.preset, args.enable, args.disable)[1:]
            name = os.path.basename(local)
            out = lines.mapPartitions(lambda it: pipe_partition(it, arguments, name))
        else:
            fields, preset, enable, disable = args.field, args.preset, args.enable, args.disable
            out = lines.mapPartitions(lambda it: normalize_partition(it, fields, preset, enable, disable))
        out.saveAsTextFile(args.output_dir)
    finally:
        sc.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"normalized {args.input} -> {args.output_dir} (engine {engine})", file=sys.stderr)


if __name__ == "__main__":
    main()
