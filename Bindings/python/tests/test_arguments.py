"""Bad arguments: a TypeError for a wrong type and a ValueError (ArnormError) for a wrong value,
each naming the argument (and, for names, the known values); never a crash, never a value
silently cut short or changed."""

import json
import pickle

import pytest

import arnorm


def test_name_arguments_of_the_wrong_type():
    with pytest.raises(TypeError, match=r"preset: expected str \(one of clean, standard, search, social\), got int"):
        arnorm.Normalizer(123)
    with pytest.raises(TypeError, match="preset: expected str .* got int"):
        arnorm.normalize("x", preset=123)
    with pytest.raises(TypeError, match="preset: expected str .* got list"):
        arnorm.normalize("x", preset=["search"])
    with pytest.raises(TypeError, match="preset: expected str .* got int"):
        arnorm.normalize_batch(["x"], preset=123)
    with pytest.raises(TypeError, match="scheme: expected str .* got NoneType"):
        arnorm.transliterate("x", scheme=None)
    with pytest.raises(TypeError, match="scheme: expected str .* got list"):
        arnorm.transliterate("x", scheme=["bw"])
    with pytest.raises(TypeError, match="scheme: expected str .* got int"):
        arnorm.Transliterator(1)
    with pytest.raises(TypeError, match="article: expected str .* got int"):
        arnorm.Transliterator("names", article=1)
    with pytest.raises(TypeError, match="engine: expected str .* got NoneType"):
        arnorm.Normalizer(engine=None)
    with pytest.raises(TypeError, match="dialect: expected str .* got list"):
        arnorm.words_to_digits("x", dialect=["egy"])
    with pytest.raises(TypeError, match="system: expected str .* got int"):
        arnorm.convert_digits("1", 1)
    with pytest.raises(TypeError, match="urls: expected str, got list"):
        arnorm.normalize("x", urls=["keep"])
    with pytest.raises(TypeError, match="enable: expected step names .* got int"):
        arnorm.normalize("x", enable=5)
    with pytest.raises(TypeError, match=r"enable\[1\]: expected a step name \(str\), got int"):
        arnorm.Normalizer(enable=["digits", 5])
    with pytest.raises(TypeError, match="disable: expected step names .* got bytes"):
        arnorm.normalize("x", disable=b"digits")
    with pytest.raises(TypeError, match="config: expected a JSON str or a dict, got int"):
        arnorm.Normalizer.from_config(5)


def test_names_with_a_nul_are_rejected():
    # A C string ends at a NUL: the rest of the name would be dropped without a word.
    with pytest.raises(ValueError, match=r"preset: 'standard\\x00junk' holds a NUL character"):
        arnorm.normalize("x", preset="standard\x00junk")
    with pytest.raises(ValueError, match=r"preset: 'standard\\x00junk' holds a NUL"):
        arnorm.Normalizer("standard\x00junk")
    with pytest.raises(ValueError, match=r"enable: 'teh-marbuta\\x00bogus' holds a NUL character"):
        arnorm.Normalizer(enable="teh-marbuta\x00bogus")
    with pytest.raises(ValueError, match=r"disable: 'digits\\x00' holds a NUL"):
        arnorm.normalize("x", disable=["digits\x00"])
    with pytest.raises(ValueError, match=r"scheme: 'bw\\x00' holds a NUL"):
        arnorm.Transliterator("bw\x00")
    with pytest.raises(ValueError, match=r"urls: 'keep\\x00x' holds a NUL"):
        arnorm.Normalizer(urls="keep\x00x")
    with pytest.raises(ValueError, match=r"mask_format: '<x\\x00>' holds a NUL"):
        arnorm.Normalizer(mask_format="<x\x00>")
    with pytest.raises(ValueError, match=r"dialect: 'egy\\x00' holds a NUL"):
        arnorm.words_to_digits("x", dialect="egy\x00")


def test_names_are_exact_as_on_the_command_line():
    with pytest.raises(ValueError, match=r"unknown preset 'SEARCH' \(known: clean, standard, search, social\)"):
        arnorm.Normalizer("SEARCH")
    with pytest.raises(ValueError, match="unknown preset 'Search'"):
        arnorm.normalize("x", preset="Search")
    with pytest.raises(ValueError, match=r"unknown engine 'REFERENCE' \(known: fast, reference\)"):
        arnorm.Normalizer(engine="REFERENCE")
    with pytest.raises(ValueError, match=r"unknown engine 'Reference' \(known: fast, reference\)"):
        arnorm.Normalizer.from_config({"preset": "search"}, engine="Reference")
    with pytest.raises(ValueError, match=r"unknown scheme 'BW' \(known: bw, safebw, .*name-key\)"):
        arnorm.transliterate("x", scheme="BW")
    with pytest.raises(ValueError, match=r"unknown article style 'AL' \(known: al, Al, el, none, assimilated\)"):
        arnorm.Transliterator("names", article="AL")
    with pytest.raises(ValueError, match=r"urls: unknown policy 'KEEP' \(known: keep, mask, remove\)"):
        arnorm.Normalizer(urls="KEEP")
    with pytest.raises(ValueError, match=r"hashtags: unknown policy 'space' \(known: keep, mask, remove, words\)"):
        arnorm.normalize("x", hashtags="space")
    with pytest.raises(ValueError, match=r"unknown digit system 'Arabic' \(known: western, arabic, persian\)"):
        arnorm.convert_digits("1", "Arabic")
    with pytest.raises(ValueError, match=r"unknown dialect 'EGY' \(known: auto, msa, egy, lev, glf, mgr\)"):
        arnorm.words_to_digits("x", dialect="EGY")
    with pytest.raises(ValueError, match=r"unknown case 'Genitive' \(known: nominative, genitive, accusative\)"):
        arnorm.digits_to_words("1", case="Genitive")
    # Every known name still works; step names keep their documented spellings.
    for preset in arnorm.PRESETS:
        assert arnorm.Normalizer(preset).config["preset"] == preset
    assert arnorm.Normalizer("search", engine="reference").engine == "reference"
    assert arnorm.Transliterator("names", article="Al").transliterate("آل ثاني") == arnorm.transliterate(
        "آل ثاني", scheme="names", article="Al")
    assert arnorm.normalize("مدرسة", enable="teh_marbuta") == arnorm.normalize("مدرسة", enable=["tehMarbuta"]) == "مدرسه"


def test_integer_arguments_are_not_truncated():
    with pytest.raises(ValueError, match="value: expected a whole number, got 3.7"):
        arnorm.spell_number(3.7)
    with pytest.raises(ValueError, match="value: expected a whole number, got nan"):
        arnorm.spell_number(float("nan"))
    with pytest.raises(TypeError, match="value: expected an int, got str"):
        arnorm.spell_number("12")
    with pytest.raises(ValueError, match="cannot spell 1000000000000000000000: only 0 … 999999999999999"):
        arnorm.spell_number(10 ** 21)  # beyond the C long long: the same message, not a ctypes error
    with pytest.raises(ValueError, match="cannot spell -1"):
        arnorm.spell_number(-1)
    assert arnorm.spell_number(3.0) == arnorm.spell_number(3) == "ثلاثة"  # a whole number as a float
    with pytest.raises(ValueError, match="variants: expected a whole number, got 2.7"):
        arnorm.transliterate("محمد", scheme="names", variants=2.7)
    with pytest.raises(TypeError, match="variants: expected an int, got str"):
        arnorm.Transliterator("names", variants="2")
    assert arnorm.transliterate("محمد", scheme="names", variants=2.0) == arnorm.transliterate(
        "محمد", scheme="names", variants=2)
    with pytest.raises(TypeError, match="threads: expected an int or None, got float"):
        arnorm.normalize_batch(["x"], threads=1.5)
    with pytest.raises(TypeError, match="threads: expected an int or None, got str"):
        arnorm.Normalizer().normalize_batch(["x"], threads="2")
    with pytest.raises(TypeError, match="threads: expected an int or None, got float"):
        arnorm.transliterate_batch(["x"], threads=2.0)
    assert arnorm.normalize_batch(["ﷲ"], threads=10 ** 30) == ["الله"]  # a cap: more than the cores is all cores


def test_normalize_arrow_result_kind():
    import pyarrow as pa  # run-tests.sh installs it

    column = pa.array(["ﷲ", None])
    with pytest.raises(ValueError, match=r"unknown to 'bogus' \(known: auto, pyarrow, capsules\)"):
        arnorm.normalize_arrow(column, to="bogus")
    with pytest.raises(ValueError, match="unknown to 'Capsules'"):
        arnorm.Normalizer().normalize_arrow(column, to="Capsules")
    with pytest.raises(TypeError, match="to: expected str .* got NoneType"):
        arnorm.normalize_arrow(column, to=None)
    assert arnorm.normalize_arrow(column, to="pyarrow").to_pylist() == ["الله", None]
    assert isinstance(arnorm.normalize_arrow(column, to="capsules"), arnorm.ArrowStringArray)


def test_batches_take_texts_not_one_text():
    with pytest.raises(TypeError, match=r"texts: expected an iterable of str, got a single str"):
        arnorm.normalize_batch("إدلب")
    with pytest.raises(TypeError, match=r"texts: expected an iterable of str, got a single bytes"):
        arnorm.Normalizer().normalize_batch("إدلب".encode())
    with pytest.raises(TypeError, match=r"got a single bytearray"):
        arnorm.normalize_batch(bytearray(b"abc"))
    with pytest.raises(TypeError, match=r"got a single str"):
        arnorm.normalize_with_offsets_batch("إدلب")
    with pytest.raises(TypeError, match=r"got a single str"):
        arnorm.transliterate_batch("إدلب")
    with pytest.raises(TypeError, match=r"got a single str"):
        arnorm.Transliterator("bw").reverse_batch("b$Ar")
    with pytest.raises(TypeError, match=r"got a single str"):
        arnorm.name_keys("Hussein")
    with pytest.raises(TypeError, match=r"got a single str"):
        arnorm.Numerals(words_to_digits=True).convert_batch("خمسون")
    assert arnorm.normalize_batch(["إدلب"]) == ["ادلب"]
    assert arnorm.normalize_batch(("إدلب", None)) == ["ادلب", None]
    assert arnorm.normalize_batch(iter(["إدلب"])) == ["ادلب"]


def test_spell_number_case():
    with pytest.raises(ValueError, match=r"unknown case 'bogus' \(known: nominative, genitive, accusative\)"):
        arnorm.spell_number(3, case="bogus")
    with pytest.raises(ValueError, match=r"unknown case 'Genitive'"):
        arnorm.spell_number(3, case="Genitive")
    with pytest.raises(TypeError, match=r"case: expected str \(one of nominative, genitive, accusative\), got NoneType"):
        arnorm.spell_number(3, case=None)
    with pytest.raises(ValueError, match=r"case: 'genitive\\x00' holds a NUL"):
        arnorm.spell_number(3, case="genitive\x00")
    assert arnorm.spell_number(21, case="genitive") == "واحد وعشرين"


def test_normalize_bytes_takes_bytes_like_data_only():
    n = arnorm.Normalizer("standard")
    with pytest.raises(TypeError, match="data: expected a bytes-like object, got int"):
        n.normalize_bytes(5)
    with pytest.raises(TypeError, match="data: expected a bytes-like object, got str"):
        n.normalize_bytes("ﷲ")
    with pytest.raises(TypeError, match="data: expected a bytes-like object, got list"):
        n.normalize_bytes([65, 66])
    data = "ﷲ أكبر".encode()
    assert n.normalize_bytes(bytearray(data)) == n.normalize_bytes(memoryview(data)) == "الله اكبر".encode()
    # A view of 2-byte items: len() counts items, not bytes; every byte is read all the same.
    assert n.normalize_bytes(memoryview(data).cast("H")) == "الله اكبر".encode()


def test_from_config_rejects_unknown_keys():
    # A misspelt key would change nothing if it were ignored: the library refuses it, naming it.
    with pytest.raises(arnorm.ArnormError, match=r"unknown key 'disable' \(known: preset, steps, options\)"):
        arnorm.Normalizer.from_config({"preset": "search", "disable": ["digits"]})
    with pytest.raises(arnorm.ArnormError, match=r"unknown key 'keep_shadda' \(known: keepShadda, "
                                                 r"superscriptAlefToAlef, urls, emails, mentions, hashtags, emoji, maskFormat\)"):
        arnorm.Normalizer.from_config('{"preset": "search", "options": {"keep_shadda": true}}')
    with pytest.raises(arnorm.ArnormError, match=r"unknown key 'Preset'"):
        arnorm.Normalizer.from_config({"Preset": "search"}, engine="reference")
    n = arnorm.Normalizer("social", keep_shadda=True, urls="keep", mask_format="<{kind}>")
    assert arnorm.Normalizer.from_config(n.config).config == n.config
    assert arnorm.Normalizer.from_config(json.dumps(n.config), engine="reference").config == n.config


def test_switches_take_bools_not_strings():
    # "no" is a true value in Python: it would switch the option on without a word.
    with pytest.raises(TypeError, match="keep_shadda: expected a bool, got str"):
        arnorm.Normalizer("standard", keep_shadda="no")
    with pytest.raises(TypeError, match="keep_shadda: expected a bool, got str"):
        arnorm.normalize("مُحَمَّد", keep_shadda="false")
    with pytest.raises(TypeError, match="superscript_alef_to_alef: expected a bool, got str"):
        arnorm.Normalizer(superscript_alef_to_alef="False")
    with pytest.raises(TypeError, match="escape: expected a bool, got str"):
        arnorm.transliterate("x", escape="no")
    with pytest.raises(TypeError, match="ordinals: expected a bool, got str"):
        arnorm.words_to_digits("الخامس", ordinals="no")
    with pytest.raises(TypeError, match="feminine: expected a bool, got str"):
        arnorm.digits_to_words("3", feminine="no")
    with pytest.raises(TypeError, match="feminine: expected a bool, got str"):
        arnorm.spell_number(3, feminine="no")
    with pytest.raises(TypeError, match="fractions: expected a bool, got int"):
        arnorm.number_value("ثلاثة أرباع", fractions=2)
    with pytest.raises(TypeError, match="words_to_digits: expected a bool, got NoneType"):
        arnorm.Numerals(words_to_digits=None)
    # True and False, 0 and 1, NumPy's bools.
    assert arnorm.Normalizer(keep_shadda=1).config == arnorm.Normalizer(keep_shadda=True).config
    assert arnorm.spell_number(3, feminine=0) == arnorm.spell_number(3) == "ثلاثة"
    np = pytest.importorskip("numpy")
    assert arnorm.Normalizer(keep_shadda=np.True_).config["options"]["keepShadda"] is True


def test_one_text_of_the_wrong_type_names_the_argument():
    numerals = arnorm.Numerals(words_to_digits=True)
    for call in (arnorm.normalize, arnorm.Normalizer("search").normalize, arnorm.normalize_with_offsets,
                 arnorm.transliterate, arnorm.reverse_transliterate, arnorm.name_key, arnorm.words_to_digits,
                 numerals.convert):
        with pytest.raises(TypeError, match="^text: expected str, got NoneType$"):
            call(None)
    with pytest.raises(TypeError, match="^text: expected str, got bytes$"):
        arnorm.normalize("ﷲ".encode())
    with pytest.raises(TypeError, match="^phrase: expected str, got int$"):
        arnorm.number_value(5)


def test_names_with_a_lone_surrogate_are_rejected():
    # UTF-8 cannot carry a lone surrogate: a UnicodeEncodeError from deep inside said nothing of
    # the argument.
    with pytest.raises(ValueError, match=r"enable: 'digits\\ud800' holds a lone surrogate at index 6"):
        arnorm.Normalizer(enable="digits\ud800")
    with pytest.raises(ValueError, match=r"disable: '\\udcff' holds a lone surrogate at index 0"):
        arnorm.normalize("x", disable=["\udcff"])
    with pytest.raises(ValueError, match=r"mask_format: '<\\ud800>' holds a lone surrogate"):
        arnorm.Normalizer("social", mask_format="<\ud800>")
    with pytest.raises(ValueError, match=r"config: .* holds a lone surrogate at index 12"):
        arnorm.Normalizer.from_config('{"preset": "\ud800"}')
    with pytest.raises(ValueError, match=r"config: .* holds a lone surrogate"):
        arnorm.Normalizer.from_config({"preset": "social", "options": {"maskFormat": "<\ud800>"}})
    assert arnorm.Normalizer.from_config({"preset": "social", "options": {"maskFormat": "«{kind}»"}}).config[
        "options"]["maskFormat"] == "«{kind}»"


def test_an_object_whose_init_never_ran_says_so_everywhere():
    # Made with __new__ (as a faulty subclass or copy might): every method says what is wrong,
    # not "failed (status 1)" nor an AttributeError.
    bare = arnorm.Normalizer.__new__(arnorm.Normalizer)
    for call in (lambda: bare.normalize("x"), lambda: bare.normalize_bytes(b"x"), lambda: bare.config,
                 lambda: bare.steps, lambda: repr(bare), lambda: pickle.dumps(bare)):
        with pytest.raises(arnorm.ArnormError, match=r"no library handle \(was __init__ called\?\)"):
            call()
    for kind in (arnorm.Transliterator, arnorm.Numerals):
        with pytest.raises(arnorm.ArnormError, match=r"no library handle \(was __init__ called\?\)"):
            pickle.dumps(kind.__new__(kind))


def test_from_config_with_a_misspelt_preset_or_step_lists_the_known_ones():
    # As Normalizer("serach") does: the message names the value and the known ones.
    with pytest.raises(arnorm.ArnormError, match=r"unknown preset 'serach' \(known: clean, standard, search, social\)"):
        arnorm.Normalizer.from_config({"preset": "serach"})
    with pytest.raises(arnorm.ArnormError, match=r"unknown step 'digitz' \(known: unicode, nfkc, .*, digits, "):
        arnorm.Normalizer.from_config('{"preset": "search", "steps": ["alef", "digitz"]}')
    with pytest.raises(arnorm.ArnormError, match=r"unknown step 'digitz' \(known: "):
        arnorm.Normalizer.from_config({"steps": ["digitz"]}, engine="reference")


def test_a_bool_is_not_a_count():
    # bool is an int in Python, but threads=True (one thread) or spell_number(True) ("one") is a
    # mistake, not a count: a TypeError, as a float or a str is.
    n = arnorm.Normalizer("standard")
    for call in (lambda: n.normalize_batch(["x"], threads=True), lambda: n.normalize_batch(["x"], threads=False),
                 lambda: arnorm.normalize_batch(["x"], threads=True), lambda: arnorm.name_keys(["x"], threads=True)):
        with pytest.raises(TypeError, match=r"threads: expected an int or None, got bool"):
            call()
    with pytest.raises(TypeError, match=r"value: expected an int, got bool"):
        arnorm.spell_number(True)
    with pytest.raises(TypeError, match=r"variants: expected an int, got bool"):
        arnorm.Transliterator("bw", variants=True)
    assert n.normalize_batch(["x"], threads=1) == ["x"]
    assert arnorm.spell_number(1) == "واحد"


def test_normalize_bytes_errors():
    # Ill-formed UTF-8 (a stray byte, a truncated sequence, an encoded surrogate, windows-1256):
    # "replace" (the default) gives U+FFFD for each ill-formed sequence, "strict" is the
    # UnicodeDecodeError bytes.decode gives, with the position.
    n = arnorm.Normalizer("standard")
    replacement = "\ufffd".encode()
    assert n.normalize_bytes(b"\xd8\xa3\xff") == "ا".encode() + replacement
    assert n.normalize_bytes(b"\xd8\xa3\xff", errors="replace") == "ا".encode() + replacement
    assert n.normalize_bytes(b"") == n.normalize_bytes(b"", errors="strict") == b""
    assert n.normalize_bytes("ﷲ".encode(), errors="strict") == "الله".encode()
    for bad, at in ((b"ab\xff", 2), (b"\xd8", 0), (b"x\xed\xa0\x80", 1), ("أحمد".encode("cp1256"), 0)):
        assert replacement in n.normalize_bytes(bad)
        with pytest.raises(UnicodeDecodeError) as caught:
            n.normalize_bytes(bad, errors="strict")
        assert caught.value.start == at
    with pytest.raises(arnorm.ArnormError, match=r"unknown errors 'ignore' \(known: replace, strict\)"):
        n.normalize_bytes(b"x", errors="ignore")
