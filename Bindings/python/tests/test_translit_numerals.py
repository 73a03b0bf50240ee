import pickle
from fractions import Fraction

import pytest

import arnorm


def test_buckwalter_round_trip():
    assert arnorm.transliterate("بشار الأسد") == "b$Ar Al>sd"
    assert arnorm.reverse_transliterate("b$Ar Al>sd") == "بشار الأسد"
    t = arnorm.Transliterator("hsb")
    text = "مُحَمَّد بن سلمان"
    assert t.reverse(t.transliterate(text)) == text


def test_names():
    assert arnorm.transliterate("بشار الأسد", scheme="names") == "Bashar al-Assad"
    assert arnorm.transliterate("محمد الشامي", scheme="names", article="el") == "Mohammed el-Shami"
    assert arnorm.transliterate("محمد الشامي", scheme="names", article="assimilated") == "Mohammed ash-Shami"


def test_translit_errors():
    with pytest.raises(arnorm.ArnormError, match="unknown scheme 'morse'"):
        arnorm.Transliterator("morse")
    with pytest.raises(arnorm.ArnormError, match="has no reverse"):
        arnorm.Transliterator("ala-lc").reverse("x")
    with pytest.raises(arnorm.ArnormError, match="unknown option 'escape'"):
        arnorm.Transliterator("din", escape=True)


def test_transliterator_pickles():
    t = pickle.loads(pickle.dumps(arnorm.Transliterator("names", article="none")))
    assert t.transliterate("محمد الشامي") == "Mohammed Shami"


def test_numerals():
    assert arnorm.words_to_digits("قتل نحو خمسين من المسلحين") == "قتل نحو 50 من المسلحين"
    assert arnorm.words_to_digits("خمسمئة وثلاث وعشرون\nنحو خمسين") == "523\nنحو 50"
    assert arnorm.digits_to_words("قتل 47 عنصرا") == "قتل سبعة وأربعون عنصرا"
    assert arnorm.convert_digits("عام 2024", "arabic") == "عام ٢٠٢٤"
    assert arnorm.Numerals(words_to_digits=True, digits="arabic").convert("خمسون") == "٥٠"


def test_spell_and_value():
    assert arnorm.spell_number(523, feminine=True) == "خمسمئة وثلاث وعشرون"
    assert arnorm.spell_number(21, case="genitive") == "واحد وعشرين"
    with pytest.raises(arnorm.ArnormError):
        arnorm.spell_number(10 ** 15)
    assert arnorm.number_value("أربعة آلاف") == 4000
    assert arnorm.number_value("ثلاثة أرباع", fractions=True) == Fraction(3, 4)
    assert arnorm.number_value("كتاب") is None


def test_numerals_errors():
    with pytest.raises(arnorm.ArnormError, match="opposite directions"):
        arnorm.Numerals(words_to_digits=True, digits_to_words=True)
    with pytest.raises(arnorm.ArnormError, match="choose at least one"):
        arnorm.Numerals()


def test_numeral_dialects():
    egyptian = "دفعت ربعمية وخمسين جنيه"
    assert arnorm.words_to_digits(egyptian) == "دفعت 450 جنيه"  # auto: every dialect
    assert arnorm.words_to_digits(egyptian, dialect="egy") == "دفعت 450 جنيه"
    assert arnorm.words_to_digits(egyptian, dialect="msa") == "دفعت ربعمية و50 جنيه"
    assert arnorm.Numerals(words_to_digits=True, dialect="msa").convert_batch([egyptian, None]) == [
        "دفعت ربعمية و50 جنيه", None]
    with pytest.raises(arnorm.ArnormError, match="unknown dialect 'xx'"):
        arnorm.Numerals(words_to_digits=True, dialect="xx")
    with pytest.raises(arnorm.ArnormError, match="need words-to-digits"):
        arnorm.Numerals(digits_to_words=True, dialect="egy")


def test_name_key():
    same = ["محمد", "محمّد", "Mohammed", "Muhammad", "Mohamed"]
    assert len({arnorm.name_key(name) for name in same}) == 1
    assert arnorm.name_key("Hussein") == arnorm.name_key("حسين")
    assert arnorm.name_key("حسن") != arnorm.name_key("حسين")
    assert arnorm.name_keys(["حسين", None, "Husayn"]) == [arnorm.name_key("حسين"), None, arnorm.name_key("Husayn")]


def test_names_reversed():
    assert arnorm.Transliterator("names").reverse("Vladimir Putin") == "فلاديمير بوتين"
    assert arnorm.reverse_transliterate("Vladimir Putin", scheme="names") == "فلاديمير بوتين"
    assert arnorm.Transliterator("names").reverse_batch(["Vladimir Putin", None]) == ["فلاديمير بوتين", None]
    two = arnorm.reverse_transliterate("Lorenzo Bianchi", scheme="names", variants=2).split("|")
    assert len(two) == 2 and two[0] == arnorm.reverse_transliterate("Lorenzo Bianchi", scheme="names")


def test_number_value_beyond_64_bits():
    # arnorm_number_value answers ARNORM_ERR_RANGE for a number that does not fit its long long.
    with pytest.raises(OverflowError, match=r"'عشرة مليارات مليار' is 10000000000000000000, beyond the 64-bit range"):
        arnorm.number_value("عشرة مليارات مليار")
    with pytest.raises(OverflowError, match="is -10000000000000000000, beyond"):
        arnorm.number_value("سالب عشرة مليارات مليار")
    with pytest.raises(OverflowError, match="is 3000000000000000000000000, beyond"):
        arnorm.number_value(" ثلاثة سبتليونات ")
    with pytest.raises(OverflowError, match="is 10000000000000000000, beyond"):
        arnorm.number_value("10 مليارات مليار")
    assert arnorm.number_value("تسعة مليارات مليار") == 9 * 10 ** 18  # fits
    assert arnorm.number_value("سالب خمسة") == -5
    # Not one number expression: still None, however large the digits.
    assert arnorm.number_value("12345678901234567890") is None
    assert arnorm.number_value("5") is None
    assert arnorm.number_value("خمسة ستة") is None
    assert arnorm.number_value("كتاب") is None
