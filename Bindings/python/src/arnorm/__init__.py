"""Arabic text normalization for Python data pipelines, on top of libarnorm (the Swift toolkit's
C ABI, loaded with ctypes).

    >>> import arnorm
    >>> arnorm.normalize("خـ.ـسائر فـ.ـادحة")
    'خسائر فادحة'
    >>> arnorm.normalize_with_offsets("ﷲ")
    ('الله', [(0, 1), (0, 1), (0, 1), (0, 1)])
    >>> arnorm.transliterate("بشار الأسد", scheme="names")
    'Bashar al-Assad'

Everything works on Python strings; offsets are Python string indices (code points). A
`Normalizer` is immutable and can be shared by threads (calls release the GIL) and pickled
(it is rebuilt from its configuration), so it can go into Spark or multiprocessing closures.
"""

import ctypes
import functools
import json
from fractions import Fraction
from typing import Iterable, List, Optional, Sequence, Tuple, Union

from . import _native

__all__ = [
    "ArnormError", "Normalizer", "Transliterator", "Numerals",
    "normalize", "normalize_batch", "normalize_with_offsets",
    "transliterate", "reverse_transliterate",
    "words_to_digits", "digits_to_words", "convert_digits", "spell_number", "number_value",
    "PRESETS", "STEPS", "SCHEMES", "DIGIT_SYSTEMS", "__version__", "library_path",
]

__version__ = _native.version().decode()
#: Preset names, from the library.
PRESETS: Tuple[str, ...] = tuple(_native.presets().decode().split(","))
#: Step names in the order they run, from the library.
STEPS: Tuple[str, ...] = tuple(_native.steps().decode().split(","))
#: Transliteration scheme names.
SCHEMES: Tuple[str, ...] = tuple(_native.schemes().decode().split(","))
#: Digit systems for `convert_digits` and the `digits=` options.
DIGIT_SYSTEMS: Tuple[str, ...] = ("western", "arabic", "persian")
#: The library file in use.
library_path = str(_native.path)


class ArnormError(ValueError):
    """A bad preset, step, scheme or option (the library's message), or a failed call."""


def _encode(text: str) -> bytes:
    """UTF-8 for the library. Lone surrogates (which UTF-8 cannot carry) become U+FFFD one for
    one, so Python indices still line up with the library's scalar offsets."""
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text).encode("utf-8")


def _names(names: Union[str, Iterable[str], None]) -> Optional[bytes]:
    """A list of names for the C API ("a,b"): accepts "a,b", "a b" or an iterable of names."""
    if names is None:
        return None
    if isinstance(names, str):
        return names.encode()
    return ",".join(names).encode()


def _check(status: int, what: str) -> None:
    if status != _native.OK:
        raise ArnormError(f"{what} failed (status {status})")


def _call_text(function, handle, data: bytes, what: str) -> str:
    out = ctypes.c_void_p()
    length = ctypes.c_size_t()
    _check(function(handle, data, len(data), ctypes.byref(out), ctypes.byref(length)), what)
    return _native.take_bytes(out, length.value).decode("utf-8")


class _Handle:
    """Owns one library handle; frees it with `_free` when collected."""

    _handle = None
    _free = None

    def __del__(self):
        handle, self._handle = self._handle, None
        if handle and self._free is not None:
            self._free(handle)


class Normalizer(_Handle):
    """Normalizes Arabic text with a preset plus step overrides.

    `preset`: "clean", "standard" (default) or "search". `enable` / `disable`: step names
    (see `STEPS`; "alef-maksura", "alef_maksura" and "alefMaksura" all work), as a list or a
    comma-separated string; disabling wins. `keep_shadda` and `superscript_alef_to_alef`
    refine the diacritics step.
    """

    _free = staticmethod(_native.normalizer_free)

    def __init__(self, preset: str = "standard", enable: Union[str, Iterable[str]] = (),
                 disable: Union[str, Iterable[str]] = (), *, keep_shadda: bool = False,
                 superscript_alef_to_alef: bool = False):
        options = [name for name, on in (("keep-shadda", keep_shadda),
                                         ("superscript-alef-to-alef", superscript_alef_to_alef)) if on]
        error = ctypes.c_void_p()
        handle = _native.normalizer_new_with_steps(
            preset.encode() if preset is not None else None, _names(enable), _names(disable),
            _names(options), ctypes.byref(error))
        if not handle:
            raise ArnormError(_native.take_message(error))
        self._handle = handle
        self._config_json = None

    @classmethod
    def from_config(cls, config: Union[str, dict]) -> "Normalizer":
        """A normalizer from a configuration (the Swift `Configuration` as JSON or a dict:
        {"preset": ..., "steps": [...], "options": {"keepShadda": ..., "superscriptAlefToAlef": ...}})."""
        text = config if isinstance(config, str) else json.dumps(config)
        data = text.encode()
        error = ctypes.c_void_p()
        handle = _native.normalizer_new_from_json(data, len(data), ctypes.byref(error))
        if not handle:
            raise ArnormError(_native.take_message(error))
        self = cls.__new__(cls)
        self._handle = handle
        self._config_json = None
        return self

    @property
    def config(self) -> dict:
        """The resolved configuration: preset, the steps that run, options."""
        if self._config_json is None:
            pointer = ctypes.c_void_p(_native.normalizer_config_json(self._handle))
            self._config_json = ctypes.string_at(pointer.value).decode()
            _native.free(pointer)
        return json.loads(self._config_json)

    @property
    def steps(self) -> Tuple[str, ...]:
        """The steps that run, in order."""
        return tuple(self.config["steps"])

    def __reduce__(self):
        # Pickled as its configuration, so it can travel to Spark executors and subprocesses.
        return (Normalizer.from_config, (json.dumps(self.config),))

    def __repr__(self):
        c = self.config
        return f"Normalizer(preset={c.get('preset')!r}, steps={c['steps']!r})"

    def normalize(self, text: str) -> str:
        """The normalized text."""
        return _call_text(_native.normalize, self._handle, _encode(text), "arnorm_normalize")

    __call__ = normalize

    def normalize_bytes(self, data: bytes) -> bytes:
        """Normalizes UTF-8 bytes (ill-formed sequences become U+FFFD); returns UTF-8 bytes."""
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()
        _check(_native.normalize(self._handle, bytes(data), len(data), ctypes.byref(out), ctypes.byref(length)),
               "arnorm_normalize")
        return _native.take_bytes(out, length.value)

    def normalize_batch(self, texts: Sequence[str]) -> List[str]:
        """Normalizes many texts in one library call (faster than a loop for short texts)."""
        texts = list(texts)
        count = len(texts)
        if count == 0:
            return []
        encoded = [_encode(t) for t in texts]
        pointers = (ctypes.c_char_p * count)(*encoded)
        lengths = (ctypes.c_size_t * count)(*map(len, encoded))
        ends = (ctypes.c_size_t * count)()
        out = ctypes.c_void_p()
        _check(_native.normalize_batch(self._handle, pointers, lengths, count, ctypes.byref(out), ends),
               "arnorm_normalize_batch")
        data = _native.take_bytes(out, ends[count - 1])
        result = []
        start = 0
        for end in ends:
            result.append(data[start:end].decode("utf-8"))
            start = end
        return result

    def normalize_with_offsets(self, text: str) -> Tuple[str, List[Tuple[int, int]]]:
        """The normalized text and, for each of its characters, the `(start, end)` slice of
        `text` it came from: `text[start:end]`. Deleted characters (diacritics, tatweel,
        invisible characters) belong to no output character; an expansion (`ﷲ` → `الله`) maps
        every output character to its source; a collapsed run maps to the whole run."""
        data = _encode(text)
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()
        ranges = ctypes.c_void_p()
        count = ctypes.c_size_t()
        _check(_native.normalize_with_offsets(self._handle, data, len(data), ctypes.byref(out), ctypes.byref(length),
                                              None, ctypes.byref(ranges), ctypes.byref(count)),
               "arnorm_normalize_with_offsets")
        output = _native.take_bytes(out, length.value).decode("utf-8")
        n = count.value
        if n == 0:
            return output, []
        try:
            # One copy of the size_t array, read as native size_t ("N"): much faster than
            # iterating a ctypes array.
            raw = ctypes.string_at(ranges.value, 2 * n * ctypes.sizeof(ctypes.c_size_t))
        finally:
            _native.free(ranges)
        flat = memoryview(raw).cast("N").tolist()
        return output, list(zip(flat[0::2], flat[1::2]))


@functools.lru_cache(maxsize=64)
def _cached_normalizer(preset, enable, disable, keep_shadda, superscript_alef_to_alef) -> Normalizer:
    return Normalizer(preset, enable, disable, keep_shadda=keep_shadda,
                      superscript_alef_to_alef=superscript_alef_to_alef)


def _normalizer(preset, enable, disable, keep_shadda=False, superscript_alef_to_alef=False) -> Normalizer:
    as_key = lambda names: names if isinstance(names, str) else tuple(names)  # noqa: E731
    return _cached_normalizer(preset, as_key(enable), as_key(disable), keep_shadda, superscript_alef_to_alef)


def normalize(text: str, preset: str = "standard", enable: Union[str, Iterable[str]] = (),
              disable: Union[str, Iterable[str]] = (), *, keep_shadda: bool = False,
              superscript_alef_to_alef: bool = False) -> str:
    """Normalizes `text` (see `Normalizer`; normalizers are cached per configuration)."""
    return _normalizer(preset, enable, disable, keep_shadda, superscript_alef_to_alef).normalize(text)


def normalize_batch(texts: Sequence[str], preset: str = "standard", enable: Union[str, Iterable[str]] = (),
                    disable: Union[str, Iterable[str]] = ()) -> List[str]:
    """Normalizes a list of texts in one call."""
    return _normalizer(preset, enable, disable).normalize_batch(texts)


def normalize_with_offsets(text: str, preset: str = "standard", enable: Union[str, Iterable[str]] = (),
                           disable: Union[str, Iterable[str]] = ()) -> Tuple[str, List[Tuple[int, int]]]:
    """`(output, [(start, end), ...])`: one pair of indices into `text` per output character."""
    return _normalizer(preset, enable, disable).normalize_with_offsets(text)


class Transliterator(_Handle):
    """Transliterates with a scheme (`SCHEMES`): the lossless Buckwalter family "bw", "safebw",
    "xmlbw", "hsb" (reversible; `escape=True` keeps colliding ASCII exact), the romanizations
    "ala-lc", "din", "ascii", and "names" (readable English names; `variants` spellings joined
    with "|", `article` one of "al", "Al", "el", "none", "assimilated")."""

    _free = staticmethod(_native.transliterator_free)

    def __init__(self, scheme: str = "bw", *, escape: bool = False, variants: Optional[int] = None,
                 article: Optional[str] = None):
        options = []
        if escape:
            options.append("escape")
        if variants is not None:
            options.append(f"variants={int(variants)}")
        if article is not None:
            options.append(f"article={article}")
        error = ctypes.c_void_p()
        handle = _native.transliterator_new(scheme.encode(), _names(options), ctypes.byref(error))
        if not handle:
            raise ArnormError(_native.take_message(error))
        self._handle = handle
        self.scheme = scheme
        self._args = (scheme, escape, variants, article)

    def __reduce__(self):
        scheme, escape, variants, article = self._args
        return (_make_transliterator, (scheme, escape, variants, article))

    def transliterate(self, text: str) -> str:
        return _call_text(_native.transliterate, self._handle, _encode(text), "arnorm_transliterate")

    __call__ = transliterate

    def reverse(self, text: str) -> str:
        """Back to Arabic (lossless schemes only; ArnormError otherwise)."""
        data = _encode(text)
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()
        status = _native.transliterate_reverse(self._handle, data, len(data), ctypes.byref(out), ctypes.byref(length))
        if status == _native.ERR_UNSUPPORTED:
            raise ArnormError(f"scheme {self.scheme!r} is not reversible (only bw, safebw, xmlbw, hsb are)")
        _check(status, "arnorm_transliterate_reverse")
        return _native.take_bytes(out, length.value).decode("utf-8")


def _make_transliterator(scheme, escape, variants, article):
    return Transliterator(scheme, escape=escape, variants=variants, article=article)


_cached_transliterator = functools.lru_cache(maxsize=32)(_make_transliterator)


def transliterate(text: str, scheme: str = "bw", *, escape: bool = False, variants: Optional[int] = None,
                  article: Optional[str] = None) -> str:
    """Transliterates `text` (see `Transliterator`)."""
    return _cached_transliterator(scheme, escape, variants, article).transliterate(text)


def reverse_transliterate(text: str, scheme: str = "bw", *, escape: bool = False) -> str:
    """Turns lossless scheme text back into Arabic."""
    return _cached_transliterator(scheme, escape, None, None).reverse(text)


class Numerals(_Handle):
    """Converts numerals in text, as `arnorm numerals` does, line by line, in this order:
    number words → digits (`words_to_digits`, with `ordinals`, `fractions`), digits → MSA words
    (`digits_to_words`, with `feminine`, `case` "nominative"/"genitive"/"accusative"), and finally
    every number written in the digit system `digits` ("western", "arabic", "persian")."""

    _free = staticmethod(_native.numerals_free)

    def __init__(self, *, words_to_digits: bool = False, ordinals: bool = False, fractions: bool = False,
                 digits_to_words: bool = False, feminine: bool = False, case: Optional[str] = None,
                 digits: Optional[str] = None):
        self._args = dict(words_to_digits=words_to_digits, ordinals=ordinals, fractions=fractions,
                          digits_to_words=digits_to_words, feminine=feminine, case=case, digits=digits)
        options = [name for name, on in (("words-to-digits", words_to_digits), ("ordinals", ordinals),
                                         ("fractions", fractions), ("digits-to-words", digits_to_words),
                                         ("feminine", feminine)) if on]
        if case is not None:
            options.append(f"case={case}")
        if digits is not None:
            options.append(f"digits={digits}")
        error = ctypes.c_void_p()
        handle = _native.numerals_new(_names(options), ctypes.byref(error))
        if not handle:
            raise ArnormError(_native.take_message(error))
        self._handle = handle

    def __reduce__(self):
        return (_make_numerals, (tuple(sorted(self._args.items())),))

    def convert(self, text: str) -> str:
        return _call_text(_native.numerals_convert, self._handle, _encode(text), "arnorm_numerals_convert")

    __call__ = convert


def _make_numerals(items):
    return Numerals(**dict(items))


_cached_numerals = functools.lru_cache(maxsize=32)(_make_numerals)


def words_to_digits(text: str, *, ordinals: bool = False, fractions: bool = False,
                    digits: Optional[str] = None) -> str:
    """Number words to digits: `قتل نحو خمسين` → `قتل نحو 50`."""
    return _cached_numerals((("digits", digits), ("fractions", fractions), ("ordinals", ordinals),
                             ("words_to_digits", True))).convert(text)


def digits_to_words(text: str, *, feminine: bool = False, case: str = "nominative") -> str:
    """Numbers in digits to MSA words: `قتل 47 عنصرا` → `قتل سبعة وأربعون عنصرا`."""
    return _cached_numerals((("case", case), ("digits_to_words", True), ("feminine", feminine))).convert(text)


def convert_digits(text: str, system: str) -> str:
    """Every number written in `system`: "western" (0-9), "arabic" (٠-٩), "persian" (۰-۹)."""
    return _cached_numerals((("digits", system),)).convert(text)


def spell_number(value: int, *, feminine: bool = False, case: str = "nominative") -> str:
    """The MSA words for 0 ≤ value ≤ 999999999999999 (ArnormError outside)."""
    options = [f"case={case}"] + (["feminine"] if feminine else [])
    out = ctypes.c_void_p()
    length = ctypes.c_size_t()
    status = _native.spell_number(int(value), _names(options), ctypes.byref(out), ctypes.byref(length))
    if status == _native.ERR_NO_VALUE:
        raise ArnormError(f"cannot spell {value}: only 0 … 999999999999999")
    if status == _native.ERR_ARGUMENT:
        raise ArnormError(f"bad options: case={case!r}")
    _check(status, "arnorm_spell_number")
    return _native.take_bytes(out, length.value).decode("utf-8")


def number_value(phrase: str, *, ordinals: bool = False, fractions: bool = False) -> Union[int, Fraction, None]:
    """The value of a phrase that is exactly one number expression (`أربعة آلاف` → 4000,
    `ثلاثة أرباع` → Fraction(3, 4) with fractions=True), or None."""
    data = _encode(phrase)
    numerator = ctypes.c_longlong()
    denominator = ctypes.c_longlong()
    options = [name for name, on in (("ordinals", ordinals), ("fractions", fractions)) if on]
    status = _native.number_value(data, len(data), _names(options), ctypes.byref(numerator), ctypes.byref(denominator))
    if status == _native.ERR_NO_VALUE:
        return None
    _check(status, "arnorm_number_value")
    if denominator.value == 1:
        return numerator.value
    return Fraction(numerator.value, denominator.value)
