"""Finds libarnorm and declares its C functions (arnorm.h) for ctypes: the constructors and the
calls that are not hot. The hot calls go through the extension `arnorm._arnorm`, which gets the
addresses of the same library's functions from `addresses()`."""

import ctypes
import os
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _candidates():
    """Where libarnorm may be, in order: $ARNORM_LIB, the copy installed with the package,
    then the SwiftPM build directories of a source checkout (for running from the tree)."""
    given = os.environ.get("ARNORM_LIB")
    if given:
        yield Path(given)
        return
    yield _HERE / "libarnorm.so"
    for parent in _HERE.parents:
        if (parent / "Package.swift").is_file():
            for scratch in (".build", ".build-embed"):
                for configuration in ("release", "debug"):
                    yield parent / scratch / configuration / "libarnorm-c.so"
            break


def _load():
    tried = []
    for path in _candidates():
        tried.append(str(path))
        if path.is_file():
            return ctypes.CDLL(str(path)), path
    raise ImportError(
        "arnorm: libarnorm not found (tried: " + ", ".join(tried) + "). Install the package with "
        "`pip install ./Bindings/python` from the repository, or set ARNORM_LIB to a built libarnorm-c.so."
    )


lib, path = _load()

c_char_p = ctypes.c_char_p
c_size_t = ctypes.c_size_t
c_int = ctypes.c_int
c_void_p = ctypes.c_void_p
c_longlong = ctypes.c_longlong
P = ctypes.POINTER

# Every pointer the library returns is declared c_void_p so that ctypes keeps the address
# (a c_char_p result would be copied to bytes and the buffer leaked).


def _declare(name, restype, *argtypes):
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


version = _declare("arnorm_version", c_char_p)
free = _declare("arnorm_free", None, c_void_p)
presets = _declare("arnorm_presets", c_char_p)
steps = _declare("arnorm_steps", c_char_p)
schemes = _declare("arnorm_translit_schemes", c_char_p)

normalizer_new_with_steps = _declare(
    "arnorm_normalizer_new_with_steps", c_void_p, c_char_p, c_char_p, c_char_p, c_char_p, P(c_void_p))
normalizer_new_from_json = _declare(
    "arnorm_normalizer_new_from_json", c_void_p, c_char_p, c_size_t, P(c_void_p))
normalizer_config_json = _declare("arnorm_normalizer_config_json", c_void_p, c_void_p)
normalizer_free = _declare("arnorm_normalizer_free", None, c_void_p)
normalize = _declare("arnorm_normalize", c_int, c_void_p, c_char_p, c_size_t, P(c_void_p), P(c_size_t))
normalize_batch = _declare(
    "arnorm_normalize_batch", c_int, c_void_p, P(c_char_p), P(c_size_t), c_size_t, P(c_void_p), P(c_size_t))
normalize_with_offsets = _declare(
    "arnorm_normalize_with_offsets", c_int, c_void_p, c_char_p, c_size_t, P(c_void_p), P(c_size_t),
    P(c_void_p), P(c_void_p), P(c_size_t))

transliterator_new = _declare("arnorm_transliterator_new", c_void_p, c_char_p, c_char_p, P(c_void_p))
transliterator_free = _declare("arnorm_transliterator_free", None, c_void_p)
transliterate = _declare("arnorm_transliterate", c_int, c_void_p, c_char_p, c_size_t, P(c_void_p), P(c_size_t))
transliterate_reverse = _declare(
    "arnorm_transliterate_reverse", c_int, c_void_p, c_char_p, c_size_t, P(c_void_p), P(c_size_t))

numerals_new = _declare("arnorm_numerals_new", c_void_p, c_char_p, P(c_void_p))
numerals_free = _declare("arnorm_numerals_free", None, c_void_p)
numerals_convert = _declare("arnorm_numerals_convert", c_int, c_void_p, c_char_p, c_size_t, P(c_void_p), P(c_size_t))
spell_number = _declare("arnorm_spell_number", c_int, c_longlong, c_char_p, P(c_void_p), P(c_size_t))
number_value = _declare("arnorm_number_value", c_int, c_char_p, c_size_t, c_char_p, P(c_longlong), P(c_longlong))

OK = 0
ERR_ARGUMENT = 1
ERR_MEMORY = 2
ERR_UNSUPPORTED = 3
ERR_NO_VALUE = 4
ERR_SPACE = 5
ERR_RANGE = 6


#: The functions the extension calls (see _arnorm.c, _bind).
EXTENSION_FUNCTIONS = (
    "arnorm_free", "arnorm_normalize", "arnorm_normalize_into", "arnorm_normalize_batch",
    "arnorm_normalize_buffer_batch", "arnorm_normalize_with_offsets", "arnorm_normalizer_free", "arnorm_transliterate",
    "arnorm_transliterate_reverse", "arnorm_transliterator_free", "arnorm_numerals_convert",
    "arnorm_numerals_free",
)


def addresses():
    """{name: address} of the library functions the extension calls."""
    result = {}
    for name in EXTENSION_FUNCTIONS:
        try:
            result[name] = ctypes.cast(getattr(lib, name), c_void_p).value
        except AttributeError:
            raise ImportError(f"arnorm: {path} has no {name}: it was built from an older checkout; rebuild it") from None
    return result


def take_bytes(pointer: c_void_p, length: int) -> bytes:
    """Copies a library buffer and frees it."""
    try:
        return ctypes.string_at(pointer.value, length) if length else b""
    finally:
        free(pointer)


def take_message(pointer: c_void_p) -> str:
    """An error message from the library (freed); '' when there is none."""
    if not pointer.value:
        return ""
    try:
        return ctypes.string_at(pointer.value).decode("utf-8", "replace")
    finally:
        free(pointer)
