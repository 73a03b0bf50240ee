"""Normalize a Hugging Face `datasets` column with `Dataset.map`, batched.

    pip install datasets && python examples/datasets_example.py

A `Normalizer` pickles as its configuration, so `map(..., num_proc=N)` works: every process
rebuilds it from the configuration.
"""

from datasets import Dataset

import arnorm

normalizer = arnorm.Normalizer("standard", enable=["teh-marbuta"])


def normalize_batch(batch):
    return {"norm": normalizer.normalize_batch(batch["text"])}


def main():
    ds = Dataset.from_dict({"text": ["خـ.ـسائر فـ.ـادحة", "مُحَمَّدٌ ١٢٣", "ﷲ أكبر", "المدرسة"]})
    ds = ds.map(normalize_batch, batched=True, batch_size=1000)
    for row in ds:
        print(row["text"], "→", row["norm"])
    return ds


if __name__ == "__main__":
    main()
