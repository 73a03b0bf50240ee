"""Normalize a pandas column and keep the offsets back to the original text.

    python examples/pandas_example.py
"""

import pandas as pd

import arnorm


def main():
    df = pd.DataFrame({"text": ["خـ.ـسائر فـ.ـادحة", "مُحَمَّدٌ ١٢٣", "ﷲ أكبر"]})

    # One library call for the whole column (a plain .map(arnorm.normalize) works too).
    normalizer = arnorm.Normalizer("search")
    df["norm"] = normalizer.normalize_batch(df["text"].tolist())

    # Offsets: the span of the original text each output character came from.
    df[["norm_std", "offsets"]] = df["text"].apply(lambda t: pd.Series(arnorm.normalize_with_offsets(t)))
    print(df.to_string())
    return df


if __name__ == "__main__":
    main()
