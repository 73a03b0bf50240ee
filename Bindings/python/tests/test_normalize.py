import pickle
import random
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest

import arnorm


@pytest.mark.parametrize("preset, text, expected", [
    ("standard", "خـ.ـسائر فـ.ـادحة", "خسائر فادحة"),
    ("standard", "ﷲ أكبر", "الله اكبر"),
    ("standard", "مُحَمَّدٌ ١٢٣", "محمد 123"),
    ("clean", "مُحَمَّدٌ ١٢٣", "مُحَمَّدٌ ١٢٣"),
    ("search", "مدرسةٌ مرحباااا", "مدرسه مرحبا"),
    ("clean", "a\u200bb  \t c", "ab c"),
    ("standard", "", ""),
])
def test_presets(preset, text, expected):
    assert arnorm.normalize(text, preset=preset) == expected
    assert arnorm.Normalizer(preset).normalize(text) == expected


def test_names_from_the_library():
    assert arnorm.PRESETS == ("clean", "standard", "search", "social")
    assert arnorm.STEPS[0] == "unicode" and arnorm.STEPS[-1] == "emoji" and "alef-maksura" in arnorm.STEPS
    assert {"html", "web", "emoji"} <= set(arnorm.STEPS)
    assert "names" in arnorm.SCHEMES and "bw" in arnorm.SCHEMES
    assert arnorm.__version__ == "0.1.0"


def test_enable_disable_as_lists_or_strings():
    assert arnorm.normalize("مدرسة ١٢٣", enable=["teh-marbuta"], disable=["digits"]) == "مدرسه ١٢٣"
    assert arnorm.normalize("مدرسة ١٢٣", enable="teh_marbuta", disable="digits") == "مدرسه ١٢٣"
    assert arnorm.normalize("أعلى", disable="alef,alef-maksura") == "أعلى"
    # disabling wins
    assert arnorm.normalize("مدرسة", enable=["teh-marbuta"], disable=["teh-marbuta"]) == "مدرسة"


def test_options():
    assert arnorm.normalize("مُحَمَّد", keep_shadda=True) == "محمّد"
    assert arnorm.Normalizer(keep_shadda=True).config["options"]["keepShadda"] is True


def test_social_preset_and_span_policies():
    post = "<p>شاهد https://example.com/مقال @user #حلب_اليوم</p> 👍🏽"
    assert arnorm.normalize(post, preset="social") == "شاهد [URL] [USER] حلب اليوم 👍🏽"
    # Policies through a configuration (the same JSON as `arnorm --print-config`).
    n = arnorm.Normalizer.from_config({"preset": "search", "steps": arnorm.Normalizer("search").steps + ("web", "emoji"),
                                       "options": {"mentions": "remove", "emoji": "mask", "maskFormat": "<{kind}>"}})
    assert n.normalize("شاهد https://example.com/a?b=1 @user 👍🏽") == "شاهد https://example.com/a?b=1 <EMOJI>"
    assert n.config["options"]["emoji"] == "mask"
    # Offsets: every character of a placeholder maps to the whole URL.
    text = "اقرأ https://x.com/a الآن"
    out, ranges = arnorm.normalize_with_offsets(text, preset="social")
    assert out == "اقرا [URL] الان"
    assert all(ranges[k] == (5, 20) for k in range(5, 10)), ranges
    with pytest.raises(arnorm.ArnormError, match="unknown policy 'words'"):
        arnorm.Normalizer.from_config({"preset": "social", "options": {"urls": "words"}})


def test_span_policies_as_keywords():
    text = "شاهد https://example.com/a?b=1 @user #حلب_اليوم 👍🏽"
    assert arnorm.Normalizer("social")(text) == "شاهد [URL] [USER] حلب اليوم 👍🏽"
    kept = arnorm.Normalizer("social", urls="keep", mentions="remove", hashtags="keep")
    assert kept(text) == "شاهد https://example.com/a?b=1 #حلب_اليوم 👍🏽"
    # A policy switches its step on (emoji is not in social); disabling still wins.
    assert arnorm.Normalizer("standard", emoji="mask")("نص 👍🏽") == "نص [EMOJI]"
    assert arnorm.Normalizer("standard", urls="mask", disable="web")("نص https://x.com/a") == "نص https://x.com/a"
    # Mask formats, with a space (through the JSON configuration) and without.
    assert arnorm.Normalizer("social", mask_format="<{kind}>")(text) == "شاهد <URL> <USER> حلب اليوم 👍🏽"
    spaced = arnorm.Normalizer("social", mask_format="[رابط {kind}]")
    assert spaced(text) == "شاهد [رابط URL] [رابط USER] حلب اليوم 👍🏽"
    # The reference engine and pickling keep the policies.
    reference = arnorm.Normalizer("social", urls="keep", engine="reference")
    assert reference(text) == "شاهد https://example.com/a?b=1 [USER] حلب اليوم 👍🏽"
    again = pickle.loads(pickle.dumps(reference))
    assert again.engine == "reference" and again(text) == reference(text)
    assert pickle.loads(pickle.dumps(spaced))(text) == spaced(text)
    with pytest.raises(arnorm.ArnormError, match="unknown policy 'words'"):
        arnorm.Normalizer("social", urls="words")
    with pytest.raises(arnorm.ArnormError, match="unknown policy 'mask,x'"):
        arnorm.Normalizer("social", urls="mask,x")
    with pytest.raises(arnorm.ArnormError, match="engine='fast' only"):
        arnorm.Normalizer("social", mask_format="a b", engine="reference")
    with pytest.raises(TypeError):
        arnorm.Normalizer("social", urls=1)
    # The module-level functions take them too.
    assert arnorm.normalize(text, preset="social", urls="keep", mentions="remove", hashtags="keep") == kept(text)
    assert arnorm.normalize_batch([text, None], preset="social", mask_format="<{kind}>") == [
        "شاهد <URL> <USER> حلب اليوم 👍🏽", None]
    with pytest.raises(TypeError, match="unexpected keyword argument 'url'"):
        arnorm.normalize(text, url="keep")


def test_errors_carry_the_library_message():
    with pytest.raises(arnorm.ArnormError, match=r"unknown preset 'fancy' \(known: clean, standard, search, social\)"):
        arnorm.Normalizer("fancy")
    with pytest.raises(arnorm.ArnormError, match="unknown step 'shiny'"):
        arnorm.normalize("x", enable=["shiny"])
    with pytest.raises(TypeError):
        arnorm.normalize(b"bytes")


def test_lone_surrogates_become_replacement_characters():
    assert arnorm.normalize("a\ud800b", preset="clean") == "a\ufffdb"


def test_bytes_in_bytes_out_with_invalid_utf8():
    n = arnorm.Normalizer("standard")
    assert n.normalize_bytes(b"a\xffb\xe0\x80") == "a\ufffdb\ufffd\ufffd".encode()


def test_batch_equals_one_by_one(corpus):
    for preset in arnorm.PRESETS:
        n = arnorm.Normalizer(preset)
        assert n.normalize_batch(corpus) == [n.normalize(line) for line in corpus]
    assert arnorm.normalize_batch([]) == []
    assert arnorm.normalize_batch(["", "ـا", ""]) == ["", "ا", ""]


def test_config_round_trip():
    n = arnorm.Normalizer("clean", enable=["alef"])
    config = n.config
    assert config["preset"] == "clean" and "alef" in config["steps"]
    same = arnorm.Normalizer.from_config(config)
    assert same.config == config
    assert same.normalize("أحمد") == "احمد"
    with pytest.raises(arnorm.ArnormError, match="unknown step 'sparkle'"):
        arnorm.Normalizer.from_config({"steps": ["sparkle"]})


def test_pickle_keeps_the_configuration():
    n = arnorm.Normalizer("search", disable=["digits"], keep_shadda=True)
    m = pickle.loads(pickle.dumps(n))
    assert m.config == n.config
    assert m.normalize("مُحَمَّد ١٢") == n.normalize("مُحَمَّد ١٢")


def test_one_normalizer_from_four_threads(corpus):
    n = arnorm.Normalizer("search")
    expected = [n.normalize(line) for line in corpus]

    def work(seed):
        order = list(range(len(corpus)))
        random.Random(seed).shuffle(order)
        return all(n.normalize(corpus[i]) == expected[i] for i in order for _ in range(3))

    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(work, range(8)))


# ---- offsets ----

def test_offsets_literal():
    # damma deleted; ﷲ expands to 4 characters; ١ replaced by 1
    assert arnorm.normalize_with_offsets("مُ ﷲ ١") == (
        "م الله 1", [(0, 1), (2, 3), (3, 4), (3, 4), (3, 4), (3, 4), (4, 5), (5, 6)])
    # a join: the separators and tatweels belong to no output character
    out, ranges = arnorm.normalize_with_offsets("خـ.ـسائر")
    assert out == "خسائر"
    assert ranges == [(0, 1), (4, 5), (5, 6), (6, 7), (7, 8)]
    assert arnorm.normalize_with_offsets("") == ("", [])


def test_offsets_are_python_indices_beyond_the_bmp():
    text = "😀 أحمد"
    out, ranges = arnorm.normalize_with_offsets(text)
    assert out == "😀 احمد"
    assert ranges == [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6)]


def is_word_char(c):
    return c.isalnum() or unicodedata.category(c) in ("Mn", "Mc", "Cf") or c == "\u0640"


def is_deletable(c):
    """Characters steps delete around a word: marks (Quranic small waw/yeh too), tatweel,
    invisible (format) characters."""
    return unicodedata.category(c) in ("Mn", "Mc", "Cf") or c in "\u0640\u06e5\u06e6"


@pytest.mark.parametrize("preset", ["clean", "standard", "search"])
def test_offset_properties_on_the_corpus(corpus, preset):
    n = arnorm.Normalizer(preset)
    for text in corpus:
        out, ranges = n.normalize_with_offsets(text)
        assert out == n.normalize(text)
        assert len(ranges) == len(out)
        previous = (0, 0)
        for start, end in ranges:
            assert 0 <= start <= end <= len(text)
            assert start >= previous[0] and end >= previous[1]  # non-decreasing
            previous = (start, end)
        # A whole output word comes from a whole input word: the span from its first
        # character's source to its last one's, plus the marks, tatweel and invisible
        # characters deleted at its edges, is not inside a longer word.
        covered = [False] * len(text)
        for start, end in ranges:
            for k in range(start, end):
                covered[k] = True
        i = 0
        while i < len(out):
            if out[i].isspace():
                i += 1
                continue
            j = i
            while j < len(out) and not out[j].isspace():
                j += 1
            start, end = ranges[i][0], ranges[j - 1][1]
            while start > 0 and not covered[start - 1] and is_deletable(text[start - 1]):
                start -= 1
            while end < len(text) and not covered[end] and is_deletable(text[end]):
                end += 1
            word = out[i:j]
            # The neighbours in the input are not word characters, or are what became the
            # space around the word (ZWNJ → space in the persian step).
            before_is_space = i > 0 and ranges[i - 1][1] >= start
            after_is_space = j < len(out) and ranges[j][0] <= end
            if word[0].isalnum() and not before_is_space:
                assert start == 0 or not is_word_char(text[start - 1]), (text[max(0, start - 5):end], word)
            if word[-1].isalnum() and not after_is_space:
                assert end == len(text) or not is_word_char(text[end]), (text[start:end + 5], word)
            i = j


def test_unchanged_characters_map_to_themselves():
    text = "قال الرئيس إن الاجتماع سيعقد غدا"
    out, ranges = arnorm.normalize_with_offsets(text, preset="clean")
    assert out == text
    assert ranges == [(k, k + 1) for k in range(len(text))]


def test_offsets_on_random_text():
    rng = random.Random(7)
    alphabet = "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئةى" + "ًٌٍَُِّْ" + "ـ" + " .،؟" + "٠١٢٣" + "ﻻﷲ" + "\u200b\u200c\u00ad" + "ab1"
    n = arnorm.Normalizer("search")
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        out, ranges = n.normalize_with_offsets(text)
        assert len(ranges) == len(out)
        for (start, end), (start2, end2) in zip(ranges, ranges[1:]):
            assert start <= start2 and end <= end2
        assert all(0 <= s <= e <= len(text) for s, e in ranges)


def test_a_built_object_cannot_be_initialized_again():
    # A second __init__ changed the Numerals' pickled configuration but not its handle: the copy
    # a subprocess got converted differently.
    numerals = arnorm.Numerals(words_to_digits=True)
    with pytest.raises(RuntimeError, match="this Numerals is already built and cannot be changed"):
        numerals.__init__(digits_to_words=True)
    assert pickle.loads(pickle.dumps(numerals)).convert("خمسون 3") == numerals.convert("خمسون 3") == "50 3"
    normalizer = arnorm.Normalizer("clean")
    with pytest.raises(RuntimeError, match="this Normalizer is already built"):
        normalizer.__init__("search")
    assert pickle.loads(pickle.dumps(normalizer)).config == normalizer.config == arnorm.Normalizer("clean").config
    transliterator = arnorm.Transliterator("bw")
    with pytest.raises(RuntimeError, match="this Transliterator is already built"):
        transliterator.__init__("names")
    assert pickle.loads(pickle.dumps(transliterator)).transliterate("بشار") == transliterator("بشار") == "b$Ar"
