"""Arabic text normalization for Python data pipelines, on top of libarnorm (the Swift toolkit's
C ABI). The hot calls go through the compiled extension `arnorm._arnorm`, which releases the GIL
while the engine runs; batches (`normalize_batch`, `normalize_arrow`) run on all cores.

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
Missing values (None, a NaN float or NumPy float, pandas.NA, NaT) in a batch come back as None; Arrow nulls stay null.
"""

import ctypes
import functools
import json
import math
import numbers
import operator
from fractions import Fraction
from typing import Iterable, List, Optional, Sequence, Tuple, Union

from . import _native
from . import _arnorm

__all__ = [
    "ArnormError", "Normalizer", "Transliterator", "Numerals",
    "normalize", "normalize_batch", "normalize_arrow", "normalize_with_offsets",
    "normalize_with_offsets_batch", "transliterate", "transliterate_batch", "reverse_transliterate",
    "name_key", "name_keys",
    "ArrowStringArray", "ENGINES",
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
#: Normalization engines: "fast" (the single-pass engine) and "reference" (the slow ICU
#: reference path, for cross-checking a surprising output).
ENGINES: Tuple[str, ...] = ("fast", "reference")
#: The library file in use.
library_path = str(_native.path)


class ArnormError(ValueError):
    """A bad preset, step, scheme or option (the library's message), or a failed call."""


def _encode_replacing(text: str) -> bytes:
    """UTF-8 of a str with lone surrogates, each replaced by U+FFFD."""
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text).encode("utf-8")


_arnorm._bind(_native.addresses(), ArnormError, _encode_replacing)


def _encode(text: str, argument: str = "text") -> bytes:
    """UTF-8 for the library. Lone surrogates (which UTF-8 cannot carry) become U+FFFD one for
    one, so Python indices still line up with the library's scalar offsets."""
    if not isinstance(text, str):
        raise TypeError(f"{argument}: expected str, got {type(text).__name__}")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _encode_replacing(text)


#: What separates the items of an option list in the C API.
_SEPARATORS = ", \t\n"

#: The values of the name arguments the library checks itself (case-insensitively, where the
#: command line takes them exactly): the package checks them first, exactly, as the CLI does.
_POLICIES = {"urls": ("keep", "mask", "remove"), "emails": ("keep", "mask", "remove"),
             "mentions": ("keep", "mask", "remove"), "hashtags": ("keep", "mask", "remove", "words"),
             "emoji": ("keep", "mask", "remove", "space")}
_ARTICLES = ("al", "Al", "el", "none", "assimilated")
_CASES = ("nominative", "genitive", "accusative")
_DIALECTS = ("auto", "msa", "egy", "lev", "glf", "mgr")
#: What `Normalizer.normalize_bytes(errors=...)` does with ill-formed UTF-8.
_BYTES_ERRORS = ("replace", "strict")
#: What `normalize_arrow(to=...)` returns: see `Normalizer.normalize_arrow`.
_ARROW_RESULTS = ("auto", "pyarrow", "capsules")


def _choice(value, argument: str, known: Sequence[str], what: Optional[str] = None) -> str:
    """`value` when it is exactly one of `known` (names are exact, as on the command line):
    TypeError for a non-str, ArnormError (a ValueError) naming the known values otherwise."""
    if not isinstance(value, str):
        raise TypeError(f"{argument}: expected str (one of {', '.join(known)}), got {type(value).__name__}")
    if value not in known:
        if "\0" in value:
            raise ArnormError(f"{argument}: {value!r} holds a NUL character (known: {', '.join(known)})")
        raise ArnormError(f"{what or 'unknown ' + argument} {value!r} (known: {', '.join(known)})")
    return value


def _integer(value, argument: str) -> int:
    """An integer argument: an int (or anything with __index__, such as a NumPy integer), or a
    float that is a whole number (3.0); a fraction (3.7), an infinity or NaN is a ValueError and a
    str, a bool or anything else a TypeError, never truncated."""
    if isinstance(value, bool) or type(value).__name__ in ("bool", "bool_"):
        raise TypeError(f"{argument}: expected an int, got {type(value).__name__}")
    try:
        return operator.index(value)
    except TypeError:
        pass
    if isinstance(value, numbers.Real):
        if not math.isfinite(value) or value != math.floor(value):
            raise ArnormError(f"{argument}: expected a whole number, got {value!r}")
        return int(value)
    raise TypeError(f"{argument}: expected an int, got {type(value).__name__}")


def _flag(value, argument: str) -> bool:
    """A switch: True or False (also a NumPy bool, or the int 0 or 1). Anything else is a TypeError:
    `keep_shadda="no"` is a true value in Python and would switch the option on."""
    if value is True or value is False:
        return value
    kind = type(value)
    if kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_"):
        return bool(value)
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise TypeError(f"{argument}: expected a bool, got {kind.__name__}")


def _step_names(names, argument: str) -> Tuple[str, ...]:
    """Step names as given ("a,b", "a b" or an iterable of names), checked for type and NUL (the
    library checks the names themselves); None and () give none."""
    if names is None:
        return ()
    expected = "step names (a str or an iterable of str)"
    if isinstance(names, str):
        items = (names,)
    elif isinstance(names, (bytes, bytearray, memoryview)):
        raise TypeError(f"{argument}: expected {expected}, got {type(names).__name__}")
    else:
        try:
            items = tuple(names)
        except TypeError:
            raise TypeError(f"{argument}: expected {expected}, got {type(names).__name__}") from None
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise TypeError(f"{argument}[{i}]: expected a step name (str), got {type(item).__name__}")
    for item in items:
        if "\0" in item:
            raise ArnormError(f"{argument}: {item!r} holds a NUL character (known steps: {', '.join(STEPS)})")
        _no_lone_surrogate(item, argument)
    return items


def _no_lone_surrogate(value: str, argument: str) -> None:
    """ArnormError for a name or setting holding a lone surrogate, which UTF-8 (the library's
    input) cannot carry: in text it becomes U+FFFD, in a name or a setting it is an error."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ArnormError(f"{argument}: {value!r} holds a lone surrogate at index {e.start}") from None


def _names(names: Union[str, Iterable[str], None]) -> Optional[bytes]:
    """A list of names for the C API ("a,b"): accepts "a,b", "a b" or an iterable of names
    (already checked: no NUL, which would end the C string)."""
    if names is None:
        return None
    if isinstance(names, str):
        return names.encode()
    return ",".join(names).encode()


def _unbuilt(self) -> None:
    """RuntimeError when __init__ runs again on a built object, before anything is changed: it is
    immutable (its handle, configuration and pickle stay as they were)."""
    if self._address:
        raise RuntimeError(f"this {type(self).__name__} is already built and cannot be changed: make a new one")


def _built(self) -> None:
    """ArnormError when __init__ never ran (an object made with __new__): it has no handle."""
    if not self._address:
        raise ArnormError("this object has no library handle (was __init__ called?)")


def _check(status: int, what: str) -> None:
    if status != _native.OK:
        raise ArnormError(f"{what} failed (status {status})")


class ArrowStringArray:
    """An Arrow string array made by `normalize_arrow` when pyarrow is not installed: it has
    `__len__` and the Arrow PyCapsule interface (`__arrow_c_array__`), so `pyarrow.array(x)`,
    `polars.Series(x)` (Polars 1.x) or any Arrow consumer takes it without a copy. The
    capsules can be taken once."""

    def __init__(self, capsules, length: int):
        self._capsules = capsules
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __arrow_c_array__(self, requested_schema=None):
        if self._capsules is None:
            raise ValueError("this Arrow array was already exported (its buffers moved to the consumer)")
        capsules, self._capsules = self._capsules, None
        return capsules

    def __repr__(self):
        return f"<arnorm.ArrowStringArray of {self._length} strings>"


def _to_arrow_result(capsules, length: int, to: str):
    if to == "capsules":
        return ArrowStringArray(capsules, length)
    try:
        import pyarrow
    except ImportError:
        if to == "pyarrow":
            raise
        return ArrowStringArray(capsules, length)
    return pyarrow.array(ArrowStringArray(capsules, length))


class Normalizer(_arnorm.NormalizerBase):
    """Normalizes Arabic text with a preset plus step overrides.

    `preset`: "clean", "standard" (default), "search" or "social". `enable` / `disable`: step
    names (see `STEPS`; "alef-maksura", "alef_maksura" and "alefMaksura" all work), as a list
    or a comma-separated string; disabling wins. `keep_shadda` and `superscript_alef_to_alef`
    refine the diacritics step. For the `web` and `emoji` steps: `urls`, `emails`, `mentions`
    ("keep", "mask", "remove"), `hashtags` (those or "words"), `emoji` ("keep", "mask",
    "remove", "space"), and `mask_format` (the placeholder, "[{kind}]" by default); None keeps
    what the preset says. A `mask_format` holding a comma or a space works with the fast
    engine only. `engine="reference"` runs the slow ICU reference path instead
    of the engine (same output, far slower; for cross-checking a surprising result;
    `normalize_with_offsets` is not available with it).

    Methods implemented in the extension (GIL released while the engine runs):
    `normalize(text)`, `normalize_batch(texts, *, threads=None)`,
    `normalize_with_offsets(text)`, `normalize_with_offsets_batch(texts, *, threads=None)`;
    and `normalize_arrow(array, *, threads=None)`.
    """

    def __init__(self, preset: str = "standard", enable: Union[str, Iterable[str]] = (),
                 disable: Union[str, Iterable[str]] = (), *, keep_shadda: bool = False,
                 superscript_alef_to_alef: bool = False, urls: Optional[str] = None,
                 emails: Optional[str] = None, mentions: Optional[str] = None,
                 hashtags: Optional[str] = None, emoji: Optional[str] = None,
                 mask_format: Optional[str] = None, engine: str = "fast"):
        _unbuilt(self)
        if preset is not None:  # None: "standard", as in the C API
            _choice(preset, "preset", PRESETS)
        _choice(engine, "engine", ENGINES)
        enable = _step_names(enable, "enable")
        disable = _step_names(disable, "disable")
        options = [name for name, on in (("keep-shadda", _flag(keep_shadda, "keep_shadda")),
                                         ("superscript-alef-to-alef",
                                          _flag(superscript_alef_to_alef, "superscript_alef_to_alef"))) if on]
        for name, policy in (("urls", urls), ("emails", emails), ("mentions", mentions),
                             ("hashtags", hashtags), ("emoji", emoji)):
            if policy is None:
                continue
            _choice(policy, name, _POLICIES[name], f"{name}: unknown policy")
            options.append(f"{name}={policy}")
        in_json = False  # a mask format the option list cannot carry goes through the JSON configuration
        if mask_format is not None:
            if not isinstance(mask_format, str):
                raise TypeError(f"mask_format: expected str, got {type(mask_format).__name__}")
            if "\0" in mask_format:
                raise ArnormError(f"mask_format: {mask_format!r} holds a NUL character")
            _no_lone_surrogate(mask_format, "mask_format")
            if mask_format and not any(c in mask_format for c in _SEPARATORS):
                options.append(f"mask-format={mask_format}")
            elif engine != "fast":
                raise ArnormError(f"mask_format {mask_format!r} holds a comma or a space: "
                                  "it works with engine='fast' only")
            else:
                in_json = True
        if engine != "fast":
            options.append(f"engine={engine}")
        error = ctypes.c_void_p()
        handle = _native.normalizer_new_with_steps(
            preset.encode() if preset is not None else None, _names(enable), _names(disable),
            _names(options), ctypes.byref(error))
        if not handle:
            raise ArnormError(_native.take_message(error))
        if in_json:
            pointer = ctypes.c_void_p(_native.normalizer_config_json(handle))
            config = json.loads(ctypes.string_at(pointer.value).decode())
            _native.free(pointer)
            _native.normalizer_free(handle)
            config.setdefault("options", {})["maskFormat"] = mask_format
            data = json.dumps(config).encode()
            handle = _native.normalizer_new_from_json(data, len(data), ctypes.byref(error))
            if not handle:
                raise ArnormError(_native.take_message(error))
        self._adopt(handle)
        self._config_json = None
        self.engine = engine

    @classmethod
    def from_config(cls, config: Union[str, dict], engine: str = "fast") -> "Normalizer":
        """A normalizer from a configuration (the Swift `Configuration` as JSON or a dict:
        {"preset": ..., "steps": [...], "options": {"keepShadda": ..., "superscriptAlefToAlef": ...}}).
        A key or option it does not know is an ArnormError, not ignored."""
        if not isinstance(config, (str, dict)):
            raise TypeError(f"config: expected a JSON str or a dict, got {type(config).__name__}")
        text = config if isinstance(config, str) else json.dumps(config, ensure_ascii=False)
        _no_lone_surrogate(text, "config")
        _choice(engine, "engine", ENGINES)
        data = text.encode()
        error = ctypes.c_void_p()
        handle = _native.normalizer_new_from_json(data, len(data), ctypes.byref(error))
        if not handle:
            raise ArnormError(_native.take_message(error))
        if engine != "fast":
            # The JSON constructor has no engine option: rebuild with the steps and options it
            # resolved (a configuration may name only a preset, or leave options out).
            pointer = ctypes.c_void_p(_native.normalizer_config_json(handle))
            resolved = json.loads(ctypes.string_at(pointer.value).decode())
            _native.free(pointer)
            _native.normalizer_free(handle)
            return _from_steps(resolved, engine)
        self = cls.__new__(cls)
        self._adopt(handle)
        self._config_json = None
        self.engine = engine
        return self

    @property
    def config(self) -> dict:
        """The resolved configuration: preset, the steps that run, options."""
        if getattr(self, "_config_json", None) is None:
            _built(self)
            pointer = ctypes.c_void_p(_native.normalizer_config_json(self._address))
            self._config_json = ctypes.string_at(pointer.value).decode()
            _native.free(pointer)
        return json.loads(self._config_json)

    @property
    def steps(self) -> Tuple[str, ...]:
        """The steps that run, in order."""
        return tuple(self.config["steps"])

    def __reduce__(self):
        # Pickled as its configuration, so it can travel to Spark executors and subprocesses.
        return (_rebuild_normalizer, (json.dumps(self.config), self.engine))

    def __repr__(self):
        c = self.config
        engine = "" if self.engine == "fast" else f", engine={self.engine!r}"
        return f"Normalizer(preset={c.get('preset')!r}, steps={c['steps']!r}{engine})"

    __call__ = _arnorm.NormalizerBase.normalize

    def normalize_bytes(self, data: bytes, errors: str = "replace") -> bytes:
        """Normalizes UTF-8 bytes (bytes, bytearray, memoryview or any bytes-like object); returns
        UTF-8 bytes. Ill-formed UTF-8: `errors="replace"` (the default) makes each ill-formed
        sequence U+FFFD; `errors="strict"` raises the UnicodeDecodeError `bytes.decode` gives
        (with the position), at the cost of one decoding pass. A str or an int is a TypeError."""
        _choice(errors, "errors", _BYTES_ERRORS)
        if type(data) is not bytes:
            try:  # every byte of the buffer: len() of a view counts its items, not its bytes
                data = memoryview(data).tobytes()
            except TypeError:
                raise TypeError(f"data: expected a bytes-like object, got {type(data).__name__}") from None
        if errors == "strict":
            data.decode("utf-8")
        _built(self)
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()
        _check(_native.normalize(self._address, data, len(data), ctypes.byref(out), ctypes.byref(length)),
               "arnorm_normalize")
        return _native.take_bytes(out, length.value)

    def normalize_arrow(self, array, *, threads: Optional[int] = None, to: str = "auto"):
        """Normalizes an Arrow string column without building Python strings.

        `array`: anything with the Arrow PyCapsule interface (`__arrow_c_array__` or
        `__arrow_c_stream__`): a pyarrow Array or ChunkedArray, a Polars Series, a pandas
        Series with Arrow strings (`dtype="string[pyarrow]"` or `pd.ArrowDtype(pa.string())`),
        a Hugging Face `datasets` column in Arrow format. Types: utf8, large_utf8 and
        string_view. The input buffers are read in place; the output is one data buffer plus
        offsets (utf8, or large_utf8 for large_utf8 input or more than 2 GiB of output), of the
        same length, with the same nulls.

        A dictionary-encoded column (pyarrow dictionary, pandas `category`, Polars
        `Categorical`) keeps its type: the dictionary's values are normalized once (not every
        row), values that normalize alike become one entry, and the indices are remapped, so the
        result is a dictionary array with the same index type and nulls. This path needs pyarrow.

        Returns a `pyarrow.Array` when pyarrow is installed (`to="auto"`, the default, or
        `to="pyarrow"`, which fails without it); otherwise, or with `to="capsules"`, an
        `ArrowStringArray` that any Arrow consumer takes through `__arrow_c_array__`.
        pyarrow is needed only to build that pyarrow object.
        A column that is not text is a TypeError naming the column (when it has a name) and its type.
        """
        _choice(to, "to", _ARROW_RESULTS)
        column_name = getattr(array, "name", None)
        label = f"column {column_name!r}: " if isinstance(column_name, str) and column_name else ""
        if _is_categorical(array):
            return self._normalize_dictionary(array, threads, to, label)
        if not any(hasattr(array, name) for name in ("__arrow_c_array__", "__arrow_c_stream__", "__arrow_array__")):
            inner = getattr(array, "array", None)  # a pandas Series whose values are Arrow-backed
            if inner is not None and hasattr(inner, "__arrow_array__"):
                array = inner
        try:
            schema, data, rows = self._normalize_arrow_capsules(array, threads=threads)
        except TypeError as error:
            if str(error).startswith("dictionary-encoded"):
                return self._normalize_dictionary(array, threads, to, label)
            message = str(error)
            if message.startswith("expected an Arrow string array"):
                code = message.rsplit("'", 2)[-2] if message.endswith("'") else ""
                if code in _ARROW_FORMATS:
                    message += f" ({_ARROW_FORMATS[code]})"
                raise TypeError(label + message) from None
            raise
        return _to_arrow_result((schema, data), rows, to)

    def _normalize_dictionary(self, array, threads, to, label):
        """A dictionary-encoded column: its dictionary normalized once, equal results merged."""
        try:
            import pyarrow as pa
            import pyarrow.compute as pc
        except ImportError:
            raise TypeError(f"{label}a dictionary-encoded (categorical) column needs pyarrow installed: "
                            "cast it to strings first") from None
        if isinstance(array, (pa.Array, pa.ChunkedArray)):
            column = array
        elif _is_categorical(array):  # pandas category
            column = pa.array(array)
        elif hasattr(array, "__arrow_c_stream__"):
            column = pa.chunked_array(array)
        else:
            column = pa.array(array)
        kind = column.type
        if not pa.types.is_dictionary(kind):  # a pandas category of strings already decoded
            return self.normalize_arrow(column, threads=threads, to=to)
        value_type = kind.value_type
        if isinstance(column, pa.ChunkedArray):  # one dictionary for all the chunks
            column = column.unify_dictionaries()
        dictionaries = [column.dictionary] if isinstance(column, pa.Array) else [c.dictionary for c in column.chunks]
        if not any(len(d) for d in dictionaries):  # no values (pandas: null or float64): all rows null
            value_type = pa.string()
            kind = pa.dictionary(kind.index_type, value_type, kind.ordered)
            column = column.cast(kind)
        if not (pa.types.is_string(value_type) or pa.types.is_large_string(value_type)
                or getattr(pa.types, "is_string_view", lambda t: False)(value_type)):
            raise TypeError(f"{label}expected an Arrow string column, got a dictionary of {value_type}")
        if isinstance(column, pa.ChunkedArray):
            if column.num_chunks == 0:
                return self.normalize_arrow(pa.array([], value_type).dictionary_encode(), threads=threads,
                                            to=to)
            dictionary = column.chunk(0).dictionary
            indices = pa.concat_arrays([chunk.indices for chunk in column.chunks])
        else:
            dictionary, indices = column.dictionary, column.indices
        values = self.normalize_arrow(dictionary, threads=threads, to="pyarrow")
        unique = pc.drop_null(pc.unique(values))
        remap = pc.index_in(values, value_set=unique)  # a null value: no entry, a null row
        result = pa.DictionaryArray.from_arrays(pc.take(remap, indices).cast(kind.index_type), unique,
                                                ordered=kind.ordered)
        if to == "capsules":
            return ArrowStringArray(result.__arrow_c_array__(), len(result))
        return result


#: Arrow C data interface format codes, for a readable error.
_ARROW_FORMATS = {"n": "null", "b": "bool", "c": "int8", "C": "uint8", "s": "int16", "S": "uint16", "i": "int32",
                  "I": "uint32", "l": "int64", "L": "uint64", "e": "float16", "f": "float32", "g": "float64",
                  "z": "binary", "Z": "large_binary", "vz": "binary_view", "tdD": "date32", "tdm": "date64",
                  "+l": "list", "+L": "large_list",
                  "+s": "struct: a table or record batch? pass one of its columns"}


def _is_categorical(array) -> bool:
    """A pandas Series or array of `category` dtype (it has no Arrow interface of its own)."""
    return type(getattr(array, "dtype", None)).__name__ == "CategoricalDtype"


def _rebuild_normalizer(config_json: str, engine: str = "fast") -> Normalizer:
    return Normalizer.from_config(config_json, engine=engine)


def _from_steps(config: dict, engine: str) -> Normalizer:
    """A normalizer with exactly `config`'s steps and options, and an engine."""
    options = config.get("options") or {}
    return Normalizer(config.get("preset") or "standard", enable=config.get("steps", []),
                      disable=[s for s in STEPS if s not in config.get("steps", [])],
                      keep_shadda=bool(options.get("keepShadda")),
                      superscript_alef_to_alef=bool(options.get("superscriptAlefToAlef")),
                      urls=options.get("urls"), emails=options.get("emails"), mentions=options.get("mentions"),
                      hashtags=options.get("hashtags"), emoji=options.get("emoji"),
                      mask_format=options.get("maskFormat"), engine=engine)


@functools.lru_cache(maxsize=64)
def _cached_normalizer(preset, enable, disable, keep_shadda, superscript_alef_to_alef, engine="fast",
                       policies=()) -> Normalizer:
    return Normalizer(preset, enable, disable, keep_shadda=keep_shadda,
                      superscript_alef_to_alef=superscript_alef_to_alef, engine=engine, **dict(policies))


_presets = {}

#: The span-policy keywords the module-level functions pass on to `Normalizer`.
_POLICY_KEYWORDS = ("urls", "emails", "mentions", "hashtags", "emoji", "mask_format")


def _policy_key(caller: str, policies: dict) -> tuple:
    for name, value in policies.items():
        if name not in _POLICY_KEYWORDS:
            raise TypeError(f"{caller}() got an unexpected keyword argument {name!r}")
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name}: expected str, got {type(value).__name__}")
    return tuple(sorted((k, v) for k, v in policies.items() if v is not None))


def _normalizer(preset, enable, disable, keep_shadda=False, superscript_alef_to_alef=False,
                policies=()) -> Normalizer:
    _choice(preset, "preset", PRESETS)
    enable = _step_names(enable, "enable")
    disable = _step_names(disable, "disable")
    if not enable and not disable and not keep_shadda and not superscript_alef_to_alef and not policies:
        n = _presets.get(preset)
        if n is None:
            n = _presets[preset] = _cached_normalizer(preset, (), (), False, False)
        return n
    return _cached_normalizer(preset, enable, disable, keep_shadda, superscript_alef_to_alef, "fast", policies)


def normalize(text: str, preset: str = "standard", enable: Union[str, Iterable[str]] = (),
              disable: Union[str, Iterable[str]] = (), *, keep_shadda: bool = False,
              superscript_alef_to_alef: bool = False, **policies: str) -> str:
    """Normalizes `text` (see `Normalizer`; normalizers are cached per configuration). The span
    policies (`urls=`, `emails=`, `mentions=`, `hashtags=`, `emoji=`, `mask_format=`) are
    `Normalizer`'s."""
    if not (enable or disable or keep_shadda or superscript_alef_to_alef or policies):
        try:
            n = _presets.get(preset)  # the common call: one dictionary lookup
        except TypeError:  # an unhashable preset: _normalizer says what is wrong with it
            n = None
        if n is not None:
            return n.normalize(text)
    return _normalizer(preset, enable, disable, keep_shadda, superscript_alef_to_alef,
                       _policy_key("normalize", policies)).normalize(text)


def normalize_batch(texts: Sequence[Optional[str]], preset: str = "standard",
                    enable: Union[str, Iterable[str]] = (), disable: Union[str, Iterable[str]] = (), *,
                    threads: Optional[int] = None, **policies: str) -> List[Optional[str]]:
    """Normalizes a list of texts in one call, on all cores (`threads` to choose). None, float
    NaN (also a NumPy float or Decimal NaN), pandas.NA and NaT come back as None; any other non-str
    raises TypeError naming its index.
    The span policies as in `normalize`."""
    return _normalizer(preset, enable, disable,
                       policies=_policy_key("normalize_batch", policies)).normalize_batch(texts, threads=threads)


def normalize_arrow(array, preset: str = "standard", enable: Union[str, Iterable[str]] = (),
                    disable: Union[str, Iterable[str]] = (), *, threads: Optional[int] = None, to: str = "auto",
                    **policies: str):
    """Normalizes an Arrow string column (see `Normalizer.normalize_arrow`); the span policies as
    in `normalize`."""
    return _normalizer(preset, enable, disable,
                       policies=_policy_key("normalize_arrow", policies)).normalize_arrow(array, threads=threads, to=to)


def normalize_with_offsets(text: str, preset: str = "standard", enable: Union[str, Iterable[str]] = (),
                           disable: Union[str, Iterable[str]] = ()) -> Tuple[str, List[Tuple[int, int]]]:
    """`(output, [(start, end), ...])`: one pair of indices into `text` per output character."""
    return _normalizer(preset, enable, disable).normalize_with_offsets(text)


def normalize_with_offsets_batch(texts: Sequence[Optional[str]], preset: str = "standard",
                                 enable: Union[str, Iterable[str]] = (), disable: Union[str, Iterable[str]] = (),
                                 *, threads: Optional[int] = None):
    """`normalize_with_offsets` for a list, in one call (None for a missing value)."""
    return _normalizer(preset, enable, disable).normalize_with_offsets_batch(texts, threads=threads)


class Transliterator(_arnorm.TransliteratorBase):
    """Transliterates with a scheme (`SCHEMES`): the lossless Buckwalter family "bw", "safebw",
    "xmlbw", "hsb" (reversible; `escape=True` keeps colliding ASCII exact), the romanizations
    "ala-lc", "din", "ascii", and "names" (readable English names; `variants` spellings joined
    with "|", `article` one of "al", "Al", "el", "none", "assimilated").

    `transliterate(text)` and `transliterate_batch(texts, *, threads=None)` run in the extension."""

    def __init__(self, scheme: str = "bw", *, escape: bool = False, variants: Optional[int] = None,
                 article: Optional[str] = None):
        _unbuilt(self)
        _choice(scheme, "scheme", SCHEMES)
        options = []
        if _flag(escape, "escape"):
            options.append("escape")
        if variants is not None:
            options.append(f"variants={_integer(variants, 'variants')}")
        if article is not None:
            options.append(f"article={_choice(article, 'article', _ARTICLES, 'unknown article style')}")
        error = ctypes.c_void_p()
        handle = _native.transliterator_new(scheme.encode(), _names(options), ctypes.byref(error))
        if not handle:
            raise ArnormError(_native.take_message(error))
        self._adopt(handle)
        self.scheme = scheme
        self._args = (scheme, escape, variants, article)

    def __reduce__(self):
        _built(self)
        scheme, escape, variants, article = self._args
        return (_make_transliterator, (scheme, escape, variants, article))

    __call__ = _arnorm.TransliteratorBase.transliterate

    def _not_reversible(self):
        return ArnormError(f"scheme {self.scheme!r} has no reverse (only bw, safebw, xmlbw, hsb and names have)")

    def reverse(self, text: str) -> str:
        """Back to Arabic: exactly for the lossless schemes; for "names", Latin spellings of names
        to Arabic script as Arabic news writes them (`Vladimir Putin` → `فلاديمير بوتين`).
        ArnormError for the other schemes."""
        try:
            return self._reverse(text)
        except ArnormError:
            raise self._not_reversible() from None

    def reverse_batch(self, texts: Sequence[Optional[str]], *, threads: Optional[int] = None) -> List[Optional[str]]:
        """`reverse` for a list, in one call (None stays None)."""
        try:
            return self._reverse_batch(texts, threads=threads)
        except ArnormError:
            raise self._not_reversible() from None


def _make_transliterator(scheme, escape, variants, article):
    return Transliterator(scheme, escape=escape, variants=variants, article=article)


def _cached(make):
    """`make` behind an LRU cache; arguments that cannot be a cache key (a list where a name
    belongs) go to `make` itself, which says what is wrong with them."""
    cache = functools.lru_cache(maxsize=32)(make)

    def cached(*args):
        try:
            hash(args)
        except TypeError:
            return make(*args)
        return cache(*args)
    return cached


_cached_transliterator = _cached(_make_transliterator)


def transliterate(text: str, scheme: str = "bw", *, escape: bool = False, variants: Optional[int] = None,
                  article: Optional[str] = None) -> str:
    """Transliterates `text` (see `Transliterator`)."""
    return _cached_transliterator(scheme, escape, variants, article).transliterate(text)


def transliterate_batch(texts: Sequence[Optional[str]], scheme: str = "bw", *, escape: bool = False,
                        variants: Optional[int] = None, article: Optional[str] = None,
                        threads: Optional[int] = None) -> List[Optional[str]]:
    """Transliterates a list of texts in one call (None stays None)."""
    return _cached_transliterator(scheme, escape, variants, article).transliterate_batch(texts, threads=threads)


def name_key(text: str) -> str:
    """The matching key of a name, the same for its spelling variants in either script
    (`محمد`, `Mohammed`, `Muhammad` → one key; `حسن` and `حسين` → two): the `name-key` scheme."""
    return _cached_transliterator("name-key", False, None, None).transliterate(text)


def name_keys(texts: Sequence[Optional[str]], *, threads: Optional[int] = None) -> List[Optional[str]]:
    """`name_key` of each text in one call, on all cores; None and NaN come back as None."""
    return _cached_transliterator("name-key", False, None, None).transliterate_batch(texts, threads=threads)


def reverse_transliterate(text: str, scheme: str = "bw", *, escape: bool = False,
                          variants: Optional[int] = None) -> str:
    """Turns lossless scheme text back into Arabic, or Latin names into Arabic script ("names")."""
    return _cached_transliterator(scheme, escape, variants, None).reverse(text)



class Numerals(_arnorm.NumeralsBase):
    """Converts numerals in text, as `arnorm numerals` does, line by line, in this order:
    number words → digits (`words_to_digits`, with `ordinals`, `fractions`), digits → MSA words
    (`digits_to_words`, with `feminine`, `case` "nominative"/"genitive"/"accusative"), and finally
    every number written in the digit system `digits` ("western", "arabic", "persian").
    `dialect` ("auto", the default, "msa", "egy", "lev", "glf", "mgr") chooses the dialect number
    forms `words_to_digits` reads.

    `convert(text)` and `convert_batch(texts, *, threads=None)` run in the extension."""

    def __init__(self, *, words_to_digits: bool = False, ordinals: bool = False, fractions: bool = False,
                 digits_to_words: bool = False, feminine: bool = False, case: Optional[str] = None,
                 digits: Optional[str] = None, dialect: Optional[str] = None):
        _unbuilt(self)
        words_to_digits, ordinals, fractions, digits_to_words, feminine = (
            _flag(value, name) for value, name in ((words_to_digits, "words_to_digits"), (ordinals, "ordinals"),
                                                   (fractions, "fractions"), (digits_to_words, "digits_to_words"),
                                                   (feminine, "feminine")))
        self._args = dict(words_to_digits=words_to_digits, ordinals=ordinals, fractions=fractions,
                          digits_to_words=digits_to_words, feminine=feminine, case=case, digits=digits,
                          dialect=dialect)
        options = [name for name, on in (("words-to-digits", words_to_digits), ("ordinals", ordinals),
                                         ("fractions", fractions), ("digits-to-words", digits_to_words),
                                         ("feminine", feminine)) if on]
        if case is not None:
            options.append(f"case={_choice(case, 'case', _CASES)}")
        if digits is not None:
            options.append(f"digits={_choice(digits, 'digits', DIGIT_SYSTEMS, 'unknown digit system')}")
        if dialect is not None:
            options.append(f"dialect={_choice(dialect, 'dialect', _DIALECTS)}")
        error = ctypes.c_void_p()
        handle = _native.numerals_new(_names(options), ctypes.byref(error))
        if not handle:
            raise ArnormError(_native.take_message(error))
        self._adopt(handle)

    def __reduce__(self):
        _built(self)
        return (_make_numerals, (tuple(sorted(self._args.items())),))

    __call__ = _arnorm.NumeralsBase.convert

def _make_numerals(items):
    return Numerals(**dict(items))


_cached_numerals = _cached(_make_numerals)


def words_to_digits(text: str, *, ordinals: bool = False, fractions: bool = False,
                    digits: Optional[str] = None, dialect: Optional[str] = None) -> str:
    """Number words to digits: `قتل نحو خمسين` → `قتل نحو 50`; `dialect` as in `Numerals`."""
    return _cached_numerals((("dialect", dialect), ("digits", digits), ("fractions", fractions),
                             ("ordinals", ordinals), ("words_to_digits", True))).convert(text)


def digits_to_words(text: str, *, feminine: bool = False, case: str = "nominative") -> str:
    """Numbers in digits to MSA words: `قتل 47 عنصرا` → `قتل سبعة وأربعون عنصرا`."""
    return _cached_numerals((("case", case), ("digits_to_words", True), ("feminine", feminine))).convert(text)


def convert_digits(text: str, system: str) -> str:
    """Every number written in `system`: "western" (0-9), "arabic" (٠-٩), "persian" (۰-۹)."""
    _choice(system, "system", DIGIT_SYSTEMS, "unknown digit system")
    return _cached_numerals((("digits", system),)).convert(text)


#: The largest number `spell_number` spells (arnorm_spell_number's range).
_SPELL_MAXIMUM = 999_999_999_999_999


def spell_number(value: int, *, feminine: bool = False, case: str = "nominative") -> str:
    """The MSA words for a whole number 0 ≤ value ≤ 999999999999999 (ArnormError outside): an
    int, or a float that is a whole number (3.0); 3.7 is an ArnormError and "12" a TypeError."""
    value = _integer(value, "value")
    _choice(case, "case", _CASES)
    if not 0 <= value <= _SPELL_MAXIMUM:
        raise ArnormError(f"cannot spell {value}: only 0 … {_SPELL_MAXIMUM}")
    options = [f"case={case}"] + (["feminine"] if _flag(feminine, "feminine") else [])
    out = ctypes.c_void_p()
    length = ctypes.c_size_t()
    status = _native.spell_number(value, _names(options), ctypes.byref(out), ctypes.byref(length))
    if status == _native.ERR_NO_VALUE:
        raise ArnormError(f"cannot spell {value}: only 0 … 999999999999999")
    _check(status, "arnorm_spell_number")
    return _native.take_bytes(out, length.value).decode("utf-8")


#: The range of arnorm_number_value's result (a C long long).
_INT64_MAX = 2 ** 63 - 1


def number_value(phrase: str, *, ordinals: bool = False, fractions: bool = False) -> Union[int, Fraction, None]:
    """The value of a phrase that is exactly one number expression (`أربعة آلاف` → 4000,
    `ثلاثة أرباع` → Fraction(3, 4) with fractions=True), or None when it is not one.
    OverflowError for a number beyond the 64-bit range of the C ABI (±9223372036854775807,
    `عشرة مليارات مليار`), which `words_to_digits` writes in full."""
    data = _encode(phrase, "phrase")
    numerator = ctypes.c_longlong()
    denominator = ctypes.c_longlong()
    options = [name for name, on in (("ordinals", _flag(ordinals, "ordinals")),
                                     ("fractions", _flag(fractions, "fractions"))) if on]
    status = _native.number_value(data, len(data), _names(options), ctypes.byref(numerator), ctypes.byref(denominator))
    if status == _native.ERR_NO_VALUE:
        return None
    if status == _native.ERR_RANGE:
        _raise_out_of_range(phrase, ordinals, fractions)
    _check(status, "arnorm_number_value")
    if denominator.value == 1:
        return numerator.value
    return Fraction(numerator.value, denominator.value)


def _raise_out_of_range(phrase: str, ordinals: bool, fractions: bool) -> None:
    """OverflowError for a number arnorm_number_value read but cannot return in 64 bits
    (ARNORM_ERR_RANGE), with its digits as `words_to_digits` writes them."""
    digits = _cached_numerals((("dialect", None), ("digits", None), ("fractions", fractions),
                               ("ordinals", ordinals), ("words_to_digits", True))).convert(phrase).strip()
    raise OverflowError(f"number_value: {phrase!r} is {digits}, beyond the 64-bit range of the C ABI "
                        f"(±{_INT64_MAX})")
