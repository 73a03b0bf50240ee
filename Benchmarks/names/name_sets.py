"""Reading the name sets of Corpora/names: tab-separated, a header line, `#` comments and blank
lines skipped. Shared by the scoring and set-making scripts."""


def read_rows(path):
    """The columns of each data line of `path` (after the header), as lists of strings."""
    rows, header = [], False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            if not header:
                header = True
                continue
            rows.append(line.rstrip("\n").split("\t"))
    return rows
