"""Dictionary-encoded (categorical) columns: pyarrow dictionary arrays, pandas `category`, Polars
`Categorical`, on the Arrow path and the list path."""

import pytest

import arnorm

STANDARD = arnorm.Normalizer("standard")
VALUES = ["خـ.ـسائر", None, "ﷲ أكبر", "خـ.ـسائر", "", "مُحَمَّدٌ ١٢٣", None]
EXPECTED = ["خسائر", None, "الله اكبر", "خسائر", "", "محمد 123", None]


def test_pyarrow_dictionary_array_is_normalized():
    pa = pytest.importorskip("pyarrow")
    column = pa.array(VALUES).dictionary_encode()
    out = STANDARD.normalize_arrow(column)
    assert out.to_pylist() == EXPECTED
    assert out.null_count == 2
    # The dictionary's values are normalized once and the type is kept; values that normalize
    # to the same text share one dictionary entry (pandas categories must be unique).
    assert pa.types.is_dictionary(out.type) and out.type.index_type == column.type.index_type
    assert out.dictionary.to_pylist() == ["خسائر", "الله اكبر", "", "محمد 123"]
    merging = pa.array(["أحمد", "احمد", None, "أحمد"]).dictionary_encode()
    merged = STANDARD.normalize_arrow(merging)
    assert merged.to_pylist() == ["احمد", "احمد", None, "احمد"]
    assert merged.dictionary.to_pylist() == ["احمد"]
    assert arnorm.normalize_arrow(column, preset="search").to_pylist() == \
        arnorm.normalize_batch(VALUES, preset="search")


def test_dictionary_variants_slices_chunks_and_value_types():
    pa = pytest.importorskip("pyarrow")
    column = pa.array(VALUES).dictionary_encode()
    assert STANDARD.normalize_arrow(column.slice(2, 4)).to_pylist() == EXPECTED[2:6]
    for index_type in (pa.int8(), pa.int16(), pa.int64(), pa.uint8(), pa.uint32()):
        for value_type in (pa.string(), pa.large_string()):
            typed = pa.array(VALUES, pa.dictionary(index_type, value_type))
            out = STANDARD.normalize_arrow(typed)
            assert out.to_pylist() == EXPECTED
            assert out.type == typed.type
    if hasattr(pa, "string_view"):
        views = pa.DictionaryArray.from_arrays(pa.array([0, None, 1, 0], pa.int32()),
                                               pa.array(["خـ.ـسائر", "ﷲ"], pa.string_view()))
        assert STANDARD.normalize_arrow(views).to_pylist() == ["خسائر", None, "الله", "خسائر"]
    # Chunks with dictionaries of their own.
    chunked = pa.chunked_array([pa.array(VALUES[:3]).dictionary_encode(),
                                pa.array(VALUES[3:]).dictionary_encode(),
                                pa.array([], pa.string()).dictionary_encode()])
    out = STANDARD.normalize_arrow(chunked)
    assert out.to_pylist() == EXPECTED
    assert pa.types.is_dictionary(out.type)
    # A null among the dictionary's values is a null row.
    null_value = pa.DictionaryArray.from_arrays(pa.array([0, 1, 0], pa.int32()), pa.array(["ﷲ", None]))
    assert STANDARD.normalize_arrow(null_value).to_pylist() == ["الله", None, "الله"]
    capsules = STANDARD.normalize_arrow(column, to="capsules")
    assert isinstance(capsules, arnorm.ArrowStringArray) and len(capsules) == len(VALUES)
    assert pa.array(capsules).to_pylist() == EXPECTED


def test_pandas_category_series():
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    series = pd.Series(VALUES, dtype="category")
    assert STANDARD.normalize_batch(series) == EXPECTED
    out = STANDARD.normalize_arrow(series)
    assert out.to_pylist() == EXPECTED
    back = out.to_pandas()
    assert back.dtype == "category" and back.isna().tolist() == [v is None for v in EXPECTED]


def test_polars_categorical():
    pl = pytest.importorskip("polars")
    pytest.importorskip("pyarrow")
    series = pl.Series("text", VALUES, dtype=pl.Categorical)
    assert STANDARD.normalize_batch(series) == EXPECTED
    assert STANDARD.normalize_arrow(series).to_pylist() == EXPECTED


def test_a_column_that_is_not_text_names_its_type():
    pa = pytest.importorskip("pyarrow")
    with pytest.raises(TypeError, match=r"expected an Arrow string array .* got format 'l' \(int64\)"):
        STANDARD.normalize_arrow(pa.array([1, 2]))
    with pytest.raises(TypeError, match=r"dictionary of int64"):
        STANDARD.normalize_arrow(pa.array([1, 2, 1]).dictionary_encode())
    pd = pytest.importorskip("pandas")
    with pytest.raises(TypeError, match=r"column 'price': expected an Arrow string column, got a dictionary of int64"):
        STANDARD.normalize_arrow(pd.Series([1, 2, 1], dtype="category", name="price"))
    with pytest.raises(TypeError, match=r"column 'price': expected an Arrow string array .* got format 'l'"):
        STANDARD.normalize_arrow(pd.Series([1, 2], dtype="int64[pyarrow]", name="price"))
    pl = pytest.importorskip("polars")
    with pytest.raises(TypeError, match=r"column 'n': expected an Arrow string array .* got format 'g' \(float64\)"):
        STANDARD.normalize_arrow(pl.Series("n", [1.5]))


def test_batch_functions_take_pyarrow_arrays():
    # A pyarrow array iterates as pyarrow scalars, which were a TypeError ("got
    # pyarrow.lib.StringScalar"); the batch functions now take its values.
    pa = pytest.importorskip("pyarrow")
    for column in (pa.array(VALUES), pa.array(VALUES, pa.large_string()), pa.chunked_array([VALUES[:2], VALUES[2:]]),
                   pa.array(VALUES).dictionary_encode()):
        assert STANDARD.normalize_batch(column) == EXPECTED
        assert arnorm.normalize_batch(column, preset="search") == arnorm.normalize_batch(VALUES, preset="search")
        assert STANDARD.normalize_with_offsets_batch(column)[1] is None
        assert arnorm.transliterate_batch(column) == arnorm.transliterate_batch(VALUES)
        assert arnorm.name_keys(column) == arnorm.name_keys(VALUES)
    with pytest.raises(TypeError, match=r"texts\[0\]: expected str or None, got int"):
        STANDARD.normalize_batch(pa.array([1, 2]))


def test_a_table_given_for_a_column_says_to_pass_a_column():
    pa = pytest.importorskip("pyarrow")
    table = pa.table({"text": ["ﷲ"]})
    with pytest.raises(TypeError, match=r"got format '\+s' \(struct: a table or record batch\? pass one of its columns\)"):
        STANDARD.normalize_arrow(table)
    assert STANDARD.normalize_arrow(table["text"]).to_pylist() == ["الله"]


def test_a_category_column_with_no_categories_is_all_null():
    # pandas gives an empty category column, or one of only missing values, categories of no
    # values whose type is null or float64: nothing there is not text.
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    for series in (pd.Series([None, None], dtype="category", name="c"), pd.Series([], dtype="category")):
        out = STANDARD.normalize_arrow(series)
        assert out.to_pylist() == [None] * len(series) and out.type.value_type == pa.string()
    with pytest.raises(TypeError, match=r"dictionary of double"):
        STANDARD.normalize_arrow(pd.Series([1.5, None], dtype="category"))
