#ifndef CICU_NORMALIZER_H
#define CICU_NORMALIZER_H
/*
 * Plain-C access to ICU's Unicode normalization and character properties.
 * No ICU header is included here, so Swift files that import this module can
 * also import Foundation (whose bundled ICU would otherwise clash).
 */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Normalization forms understood by this shim. */
typedef enum {
    CICU_NFC = 0,
    CICU_NFKC = 1,
    CICU_NFD = 2,
    CICU_NFKD = 3
} cicu_form;

/*
 * Normalizes UTF-8 `src[0..<len]` into `dst` (capacity `cap` bytes).
 * Returns the number of bytes needed. If that exceeds `cap`, nothing useful is
 * in `dst` and the caller retries with a larger buffer. Returns -1 on an ICU
 * error other than overflow (invalid UTF-8 is replaced with U+FFFD by ICU's
 * converter, so that does not happen for well-formed callers).
 */
int32_t cicu_normalize_utf8(cicu_form form, const char *src, int32_t len,
                            char *dst, int32_t cap);

/* Same on UTF-16 code units. Returns needed length in code units, -1 on error. */
int32_t cicu_normalize_utf16(cicu_form form, const uint16_t *src, int32_t len,
                             uint16_t *dst, int32_t cap);

/* Quick-check result of a single code point for the form: 1 yes, 0 no, 2 maybe. */
int32_t cicu_quick_check(cicu_form form, uint32_t c);

/* True if the form has a boundary before `c` (segment starts there). */
int32_t cicu_has_boundary_before(cicu_form form, uint32_t c);

/* Canonical combining class. */
int32_t cicu_combining_class(uint32_t c);

/*
 * Raw (one-level) canonical decomposition of c into `buf` (UTF-32, cap entries).
 * Returns the number of code points, 0 if c has no canonical decomposition.
 */
int32_t cicu_canonical_decomposition(uint32_t c, uint32_t *buf, int32_t cap);

/* Character properties, named by this shim (not ICU's enum values). */
typedef enum {
    CICU_PROP_GENERAL_CATEGORY = 0, /* returns a cicu_gc value */
    CICU_PROP_SCRIPT_IS_ARABIC = 1, /* 1 if Script=Arabic */
    CICU_PROP_BIDI_CONTROL = 2,
    CICU_PROP_JOIN_CONTROL = 3,
    CICU_PROP_DEFAULT_IGNORABLE = 4,
    CICU_PROP_WHITE_SPACE = 5,
    CICU_PROP_ALPHABETIC = 6,
    CICU_PROP_DIGIT_VALUE = 7,      /* decimal digit value for Nd, else -1 */
    CICU_PROP_IN_ARABIC_BLOCK = 8   /* Arabic, Supplement, Extended-A/B/C, Presentation Forms-A/B, Math */
} cicu_property_id;

/* General categories, collapsed to what the toolkit needs. */
typedef enum {
    CICU_GC_OTHER = 0,
    CICU_GC_LETTER = 1,        /* Lu Ll Lt Lo */
    CICU_GC_MODIFIER_LETTER = 2, /* Lm */
    CICU_GC_NONSPACING_MARK = 3, /* Mn */
    CICU_GC_OTHER_MARK = 4,    /* Mc Me */
    CICU_GC_DECIMAL_NUMBER = 5,/* Nd */
    CICU_GC_OTHER_NUMBER = 6,  /* Nl No */
    CICU_GC_SPACE_SEPARATOR = 7, /* Zs */
    CICU_GC_LINE_SEPARATOR = 8,  /* Zl Zp */
    CICU_GC_CONTROL = 9,       /* Cc */
    CICU_GC_FORMAT = 10,       /* Cf */
    CICU_GC_PUNCTUATION = 11,  /* Pc Pd Ps Pe Pi Pf Po */
    CICU_GC_MATH_SYMBOL = 12,  /* Sm */
    CICU_GC_OTHER_SYMBOL = 13, /* Sc Sk So */
    CICU_GC_UNASSIGNED = 14,   /* Cn Co Cs */
    CICU_GC_CONNECTOR_PUNCTUATION = 15, /* Pc, reported separately from other P* only here */
    CICU_GC_DASH_PUNCTUATION = 16       /* Pd */
} cicu_gc;

int32_t cicu_property(uint32_t c, cicu_property_id which);

/* The bits of `cicu_fill_properties`'s flags. */
enum {
    CICU_FLAG_ARABIC_SCRIPT = 1u << 0,
    CICU_FLAG_ARABIC_BLOCK = 1u << 1,       /* the blocks of CICU_PROP_IN_ARABIC_BLOCK */
    CICU_FLAG_BIDI_CONTROL = 1u << 2,
    CICU_FLAG_JOIN_CONTROL = 1u << 3,
    CICU_FLAG_DEFAULT_IGNORABLE = 1u << 4,
    CICU_FLAG_WHITE_SPACE = 1u << 5,
    CICU_FLAG_NFC_YES = 1u << 6,
    CICU_FLAG_NFC_MAYBE = 1u << 7,
    CICU_FLAG_NFKC_YES = 1u << 8,
    CICU_FLAG_NFKC_MAYBE = 1u << 9,
    CICU_FLAG_NFC_BOUNDARY_BEFORE = 1u << 10,
    CICU_FLAG_NFKC_BOUNDARY_BEFORE = 1u << 11
};

/* The properties of every code point below `limit` at once, read by ranges of equal values from
 * ICU's property maps and sets (u_getIntPropertyMap, u_getBinaryPropertySet) instead of one lookup
 * per code point and property: `flags` (CICU_FLAG_*), canonical combining class, `cicu_gc` category,
 * decimal digit value (-1 if none). Each array holds `limit` entries. Returns 0, or -1 when ICU
 * fails (the arrays are then incomplete). */
int32_t cicu_fill_properties(uint32_t limit, uint32_t *flags, uint8_t *combining_class, uint8_t *category,
                             int8_t *digit_value);

/* Unicode version of the linked ICU, e.g. "15.0", written into buf. */
void cicu_unicode_version(char *buf, int32_t cap);

#ifdef __cplusplus
}
#endif
#endif
