"""The compiled fast paths: batches with missing values, Arrow in and out, threads, the reference
engine, batch transliteration and numerals."""

import ctypes
import math
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import arnorm

STANDARD = arnorm.Normalizer("standard")


def test_extension_is_in_use():
    assert isinstance(STANDARD, arnorm._arnorm.NormalizerBase)
    assert arnorm._arnorm.cpu_count() >= 1


def check_output_decoder(seed=11, rounds=5000):
    # The str is built from the engine's UTF-8 by the extension's decoders (utf8_to_ucs.h: AVX-512
    # or SSSE3 for one- to three-byte characters, scalar for the rest); Python's codec is the
    # oracle. `nothing` passes the text through, so every mix of widths reaches the decoder.
    nothing = arnorm.Normalizer("clean", disable=list(arnorm.STEPS))
    bmp = ["a", " ", "1", "\n", "é", "ü", "ɑ", "ب", "ة", "ـ", "\u0600", "\u07ff", "\u0800", "€", "ﻻ", "中", "\uffff"]
    wide = bmp + ["😀", "\U00010000", "\U0010ffff"]
    rng = random.Random(seed)
    texts = []
    for k in range(rounds):
        pieces = wide if k % 4 == 0 else bmp
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 80 if k % 2 else 200)))
        texts.append(text)
        assert nothing.normalize(text) == text, repr(text)
        assert nothing.normalize(text) == nothing.normalize_bytes(text.encode()).decode(), repr(text)
        assert STANDARD.normalize(text) == STANDARD.normalize_bytes(text.encode()).decode(), repr(text)
    assert nothing.normalize_batch(texts) == texts
    assert nothing.normalize_batch(texts * 20) == texts * 20  # on threads
    # The input side: a str's characters are encoded to UTF-8 by the extension (utf8_to_ucs.h,
    # encode_utf8) per call, and in batches for strs whose UTF-8 CPython has not cached, with lone
    # surrogates as U+FFFD; fresh copies (`cold`) have no cached UTF-8.
    surrogates = ["\ud800", "\udfff", "\udc00"]
    with_surrogates = []
    for k, text in enumerate(texts[:1500]):
        if k % 3 == 0:
            at = rng.randrange(0, len(text) + 1)
            text = text[:at] + rng.choice(surrogates) + text[at:]
        with_surrogates.append(text)
    expected = ["".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in t) for t in with_surrogates]
    assert [nothing.normalize(t) for t in with_surrogates] == expected
    cold = [t.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass") for t in with_surrogates]
    assert nothing.normalize_batch(cold) == expected
    cold = [t.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass") for t in with_surrogates * 20]
    assert nothing.normalize_batch(cold) == expected * 20
    # With CPython's UTF-8 cached (which the extension reads rather than encodes in batches, and
    # per call without AVX-512), and for texts too long for the stack (which make the cache).
    as_utf8 = ctypes.pythonapi.PyUnicode_AsUTF8AndSize
    as_utf8.restype = ctypes.c_void_p
    as_utf8.argtypes = [ctypes.py_object, ctypes.c_void_p]
    for t in texts:
        as_utf8(t, None)
    assert [nothing.normalize(t) for t in texts] == texts
    assert nothing.normalize_batch(texts * 20) == texts * 20
    long_texts = ["".join(rng.choice(wide if k % 2 else bmp) for _ in range(3000)) for k in range(20)]
    assert [nothing.normalize(t) for t in long_texts] == long_texts
    assert nothing.normalize_batch(long_texts * 10) == long_texts * 10


def test_output_decoder_equals_the_utf8_codec():
    check_output_decoder()


def test_output_decoder_without_avx512():
    # The SSSE3 and scalar decoders, as on a processor without AVX-512 (ARNORM_NO_AVX512).
    code = ("import sys; sys.path[:0] = %r; import test_fast_paths as t; t.check_output_decoder(12, 3000)"
            % ([str(Path(__file__).parent)] + sys.path))
    env = dict(os.environ, ARNORM_NO_AVX512="1")
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def test_missing_values_pass_through():
    texts = ["خـ.ـسائر", None, float("nan"), "ﷲ", ""]
    assert STANDARD.normalize_batch(texts) == ["خسائر", None, None, "الله", ""]
    assert arnorm.normalize_batch(texts, preset="search") == ["خساير", None, None, "الله", ""]


def test_other_types_are_a_type_error_naming_the_index():
    with pytest.raises(TypeError, match=r"texts\[2\]: expected str or None, got int"):
        STANDARD.normalize_batch(["a", None, 3])
    with pytest.raises(TypeError, match=r"texts\[0\]: expected str or None, got bytes"):
        STANDARD.normalize_batch([b"x"])
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        STANDARD.normalize_with_offsets_batch(["a", 1.5])
    with pytest.raises(TypeError):
        STANDARD.normalize_batch(42)  # not iterable


def test_any_iterable_and_every_kind_of_str():
    texts = ("abc", "é", "بيت", "😀 ﷲ", "a\ud800b", "x" * 100_000)
    expected = [STANDARD.normalize(t) for t in texts]
    assert STANDARD.normalize_batch(texts) == expected
    assert STANDARD.normalize_batch(iter(texts)) == expected
    assert expected[4] == "a\ufffdb"  # a lone surrogate is U+FFFD, one for one


def test_batches_equal_single_calls_on_random_text_and_threads():
    rng = random.Random(7)
    alphabet = "abc ببتث«»…ﷺé😀\u200bـ.١٢"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120))) for _ in range(5000)]
    expected = [STANDARD.normalize(t) for t in texts]
    for threads in (None, 1, 2, 7):
        assert STANDARD.normalize_batch(texts, threads=threads) == expected
    big = texts * 40  # large enough to be split over threads
    assert STANDARD.normalize_batch(big) == expected * 40
    with pytest.raises(ValueError, match="threads"):
        STANDARD.normalize_batch(texts, threads=0)


def test_batch_outputs_longer_than_the_reserve():
    # A part's output buffer is reserved at 1.25x its input and grown when an output overflows it
    # (ﷺ is 3 bytes in, 33 out); the texts around a growth keep their outputs.
    texts = ["ب" * 50, "ﷺ" * 2000, None, "", "ﷺ a", "x" * 10] * 200
    expected = [None if t is None else STANDARD.normalize(t) for t in texts]
    for threads in (None, 1, 2, 5):
        assert STANDARD.normalize_batch(texts, threads=threads) == expected


def test_unchanged_texts_are_returned_as_they_are():
    # A text the engine leaves as it is comes back as the same str object (no new str is built),
    # by normalize, the batches (one thread and pipelined on several) and transliteration; a str
    # subclass, a text with a lone surrogate and a changed text get a new exact str.
    plain = "بيت جميل في المدينة 12"
    assert STANDARD.normalize(plain) == plain
    assert STANDARD.normalize(plain) is plain
    empty = "".join([])
    assert STANDARD.normalize(empty) == ""

    class Sub(str):
        pass

    sub = Sub(plain)
    out = STANDARD.normalize(sub)
    assert out == plain and type(out) is str and out is not sub
    assert STANDARD.normalize("a\ud800b") == "a\ufffdb"
    assert STANDARD.normalize("بيتـــ") == "بيت"
    texts = [plain, sub, "a\ud800b", "بيتـــ", None, "", "x" * 300]
    for threads in (1, 2, None):
        out = STANDARD.normalize_batch(texts * 3000, threads=threads)
        assert out == [plain, plain, "a\ufffdb", "بيت", None, "", "x" * 300] * 3000
        assert all(out[i] is plain for i in range(0, len(out), 7))
        assert all(type(out[i]) is str and out[i] is not sub for i in range(1, len(out), 7))
    latin = "abc 12 ?"
    t = arnorm.Transliterator("bw")
    assert t.transliterate(latin) is latin
    assert t.transliterate_batch([latin] * 3000)[2999] is latin


def test_an_error_in_a_batch_on_threads():
    # The pipelined batch stops at a chunk whose engine failed, raises, and leaks no thread.
    din = arnorm.Transliterator("din")
    for threads in (2, 3, None):
        with pytest.raises(arnorm.ArnormError, match="has no reverse"):
            din.reverse_batch(["x" * 100] * 5000, threads=threads)
    assert threading.active_count() >= 1
    assert din.transliterate_batch(["بيت"] * 5000, threads=2)[0] == din.transliterate("بيت")


def test_pandas_column_with_missing_values():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"text": ["خـ.ـسائر فـ.ـادحة", None, "مُحَمَّدٌ ١٢٣"]})
    df.loc[3] = [float("nan")]
    out = STANDARD.normalize_batch(df["text"])
    assert out == ["خسائر فادحة", None, "محمد 123", None]
    s = pd.Series(["ﷲ", None], dtype="string")  # pandas.NA for the missing value
    assert STANDARD.normalize_batch(s) == ["الله", None]


def test_every_missing_value_pandas_knows():
    import decimal

    import numpy as np  # run-tests.sh installs pandas, and with it NumPy
    import pandas as pd

    missing = [None, float("nan"), np.float64("nan"), np.float32("nan"), np.float16("nan"), np.longdouble("nan"),
               pd.NA, pd.NaT, np.datetime64("NaT"), np.timedelta64("NaT"), decimal.Decimal("NaN")]
    assert all(pd.isna(m) for m in missing)
    texts = ["ﷲ"] + missing
    expected = ["الله"] + [None] * len(missing)
    assert STANDARD.normalize_batch(texts) == expected
    assert STANDARD.normalize_batch(texts * 3000, threads=2) == expected * 3000  # on threads
    assert STANDARD.normalize_batch(pd.Series(texts, dtype=object)) == expected
    assert STANDARD.normalize_with_offsets_batch(texts)[1:] == [None] * len(missing)
    assert arnorm.transliterate_batch(texts, scheme="bw")[1:] == [None] * len(missing)
    assert arnorm.Numerals(digits="arabic").convert_batch(texts)[1:] == [None] * len(missing)
    # Values that are not missing and not str stay a TypeError naming their index.
    for value in (np.float32(1.5), np.int64(3), np.datetime64("2020-01-01"), decimal.Decimal("1"), 1.5):
        with pytest.raises(TypeError, match=r"texts\[1\]: expected str or None, got"):
            STANDARD.normalize_batch(["x", value])


def test_threads_share_one_normalizer():
    texts = ["خـ.ـسائر فـ.ـادحة مُحَمَّدٌ ١٢٣"] * 20000
    expected = STANDARD.normalize_batch(texts)
    results = [None] * 4

    def work(k):
        results[k] = STANDARD.normalize_batch(texts, threads=1)
    ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert all(r == expected for r in results)


def test_offsets_batch():
    texts = ["مُ ﷲ ١", None, ""]
    out = STANDARD.normalize_with_offsets_batch(texts)
    assert out[0] == STANDARD.normalize_with_offsets(texts[0])
    assert out[0][0] == "م الله 1"
    assert out[1] is None
    assert out[2] == ("", [])


def test_reference_engine():
    reference = arnorm.Normalizer("standard", engine="reference")
    assert reference.engine == "reference"
    for text in ("خـ.ـسائر فـ.ـادحة", "مُحَمَّدٌ ١٢٣", "ﷲ أكبر", "a\u200bb  c"):
        assert reference.normalize(text) == STANDARD.normalize(text)
    assert reference.normalize_batch(["ﷲ", None]) == ["الله", None]
    with pytest.raises(arnorm.ArnormError, match="not supported"):
        reference.normalize_with_offsets("x")
    with pytest.raises(arnorm.ArnormError, match="unknown engine 'turbo'"):
        arnorm.Normalizer(engine="turbo")
    import pickle
    again = pickle.loads(pickle.dumps(reference))
    assert again.engine == "reference" and again.steps == reference.steps
    assert "engine='reference'" in repr(reference)


@pytest.mark.parametrize("preset", arnorm.PRESETS)
def test_reference_engine_from_config(preset):
    # A configuration that names only a preset runs the preset's steps on either engine.
    sample = ["ة إ", "خـ.ـسائر فـ.ـادحة في إدلب", "مُحَمَّدٌ ١٢٣ مرحباااا", "ﷲ أكبر",
              "<b>شاهد</b> https://x.com/a @user #حلب_اليوم 👍🏽", "a\u200bb  c"]
    fast = arnorm.Normalizer.from_config({"preset": preset})
    reference = arnorm.Normalizer.from_config({"preset": preset}, engine="reference")
    assert reference.engine == "reference"
    assert reference.steps == fast.steps == arnorm.Normalizer(preset).steps
    assert reference.config == fast.config
    assert [reference.normalize(t) for t in sample] == [fast.normalize(t) for t in sample]
    assert fast.normalize_batch(sample) == arnorm.normalize_batch(sample, preset=preset)
    # The JSON string form and options left to the configuration.
    text = '{"preset": "%s", "options": {"keepShadda": true}}' % preset
    assert arnorm.Normalizer.from_config(text, engine="reference").config == arnorm.Normalizer.from_config(text).config


def test_transliteration_and_numerals_batches():
    t = arnorm.Transliterator("bw")
    assert t.transliterate_batch(["بشار الأسد", None, ""]) == ["b$Ar Al>sd", None, ""]
    assert t.reverse_batch(["b$Ar"]) == ["بشار"]
    assert arnorm.transliterate_batch(["بشار الأسد"], scheme="names") == ["Bashar al-Assad"]
    with pytest.raises(arnorm.ArnormError, match="has no reverse"):
        arnorm.Transliterator("din").reverse_batch(["x"])
    c = arnorm.Numerals(words_to_digits=True)
    assert c.convert_batch(["قتل نحو خمسين", None]) == ["قتل نحو 50", None]


# --- Arrow ------------------------------------------------------------------------------------

def test_arrow_utf8_with_nulls_and_slices():
    pa = pytest.importorskip("pyarrow")
    arr = pa.array(["خـ.ـسائر", None, "ﷲ", "", None, "مُحَمَّدٌ ١٢٣"])
    out = STANDARD.normalize_arrow(arr)
    assert isinstance(out, pa.Array) and out.type == pa.string()
    assert out.to_pylist() == ["خسائر", None, "الله", "", None, "محمد 123"]
    assert out.null_count == 2
    sliced = arr.slice(1, 4)  # a non-zero offset into the buffers and the validity bitmap
    assert STANDARD.normalize_arrow(sliced).to_pylist() == [None, "الله", "", None]
    assert STANDARD.normalize_arrow(pa.array([], pa.string())).to_pylist() == []


def test_arrow_large_string_and_chunks_and_views():
    pa = pytest.importorskip("pyarrow")
    values = ["خـ.ـسائر", None, "ﷲ أكبر", "x" * 40]
    expected = ["خسائر", None, "الله اكبر", "x" * 40]
    large = STANDARD.normalize_arrow(pa.array(values, pa.large_string()))
    assert large.type == pa.large_string() and large.to_pylist() == expected
    chunked = pa.chunked_array([values[:2], values[2:], []])
    out = arnorm.normalize_arrow(chunked)
    assert len(out) == 4 and out.to_pylist() == expected
    if hasattr(pa, "string_view"):
        views = pa.array(values, pa.string_view())
        assert STANDARD.normalize_arrow(views).to_pylist() == expected


def test_arrow_many_rows_on_threads_equal_the_list_path():
    pa = pytest.importorskip("pyarrow")
    rng = random.Random(3)
    alphabet = "abc ببتث«»…ﷺé😀\u200bـ.١٢"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) if k % 7 else None
             for k in range(60000)]
    expected = STANDARD.normalize_batch(texts)
    arr = pa.array(texts)
    for threads in (None, 1, 3):
        assert STANDARD.normalize_arrow(arr, threads=threads).to_pylist() == expected
    chunked = pa.chunked_array([texts[:12345], texts[12345:]])
    assert STANDARD.normalize_arrow(chunked).to_pylist() == expected


def test_arrow_without_pyarrow_objects():
    pa = pytest.importorskip("pyarrow")
    result = STANDARD.normalize_arrow(pa.array(["ﷲ", None]), to="capsules")
    assert isinstance(result, arnorm.ArrowStringArray) and len(result) == 2
    assert pa.array(result).to_pylist() == ["الله", None]
    with pytest.raises(ValueError, match="already exported"):
        result.__arrow_c_array__()


def test_arrow_stream_without_len_keeps_its_length():
    pa = pytest.importorskip("pyarrow")

    class Stream:  # only the stream interface and no __len__, as some Arrow libraries' streams
        def __init__(self, column):
            self.column = column

        def __arrow_c_stream__(self, requested_schema=None):
            return self.column.__arrow_c_stream__(requested_schema)

    column = pa.chunked_array([["ﷲ", None], ["أكبر"]])
    result = STANDARD.normalize_arrow(Stream(column), to="capsules")
    assert len(result) == 3 and repr(result) == "<arnorm.ArrowStringArray of 3 strings>"
    assert pa.array(result).to_pylist() == ["الله", None, "اكبر"]
    assert STANDARD.normalize_arrow(Stream(column)).to_pylist() == ["الله", None, "اكبر"]


def test_arrow_type_errors():
    pa = pytest.importorskip("pyarrow")
    with pytest.raises(TypeError, match="format 'l'"):
        STANDARD.normalize_arrow(pa.array([1, 2]))
    with pytest.raises(TypeError, match="expected an Arrow array"):
        STANDARD.normalize_arrow(["a list"])


def test_polars_series():
    pl = pytest.importorskip("polars")
    pytest.importorskip("pyarrow")
    s = pl.Series("text", ["خـ.ـسائر", None, "ﷲ"])
    out = STANDARD.normalize_arrow(s)
    assert pl.Series("norm", out).to_list() == ["خسائر", None, "الله"]


def test_pandas_arrow_backed_column():
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    s = pd.Series(["خـ.ـسائر", None, "ﷲ"], dtype=pd.ArrowDtype(pa.string()))
    out = STANDARD.normalize_arrow(s.array)
    assert out.to_pylist() == ["خسائر", None, "الله"]
    back = pd.Series(out, dtype=pd.ArrowDtype(pa.string()))
    assert back.isna().tolist() == [False, True, False]


def test_only_nan_floats_are_missing():
    assert STANDARD.normalize_batch([math.nan]) == [None]
    with pytest.raises(TypeError, match=r"texts\[0\]: expected str or None, got float"):
        STANDARD.normalize_batch([1.5])


@pytest.mark.parametrize("count", [1, 200, 3000])
def test_per_call_output_longer_than_its_first_buffer(count):
    # U+FDFA (3 bytes) becomes 18 characters under NFKC: past the stack buffer (200) and past the
    # usual reserve of a long text (3000), so the call asks the library again with the room it needs.
    text = " ".join(["ﷺ"] * count)
    out = STANDARD.normalize(text)
    assert out == STANDARD.normalize_batch([text])[0]
    assert out.count(STANDARD.normalize("صلى الله عليه وسلم")) == count
