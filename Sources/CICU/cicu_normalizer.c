#include "cicu_normalizer.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucpmap.h>
#include <unicode/uset.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uscript.h>
#include <unicode/uversion.h>

static const UNormalizer2 *instance(cicu_form form) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = NULL;
    switch (form) {
    case CICU_NFC: n = unorm2_getNFCInstance(&status); break;
    case CICU_NFKC: n = unorm2_getNFKCInstance(&status); break;
    case CICU_NFD: n = unorm2_getNFDInstance(&status); break;
    case CICU_NFKD: n = unorm2_getNFKDInstance(&status); break;
    }
    return U_SUCCESS(status) ? n : NULL;
}

int32_t cicu_normalize_utf16(cicu_form form, const uint16_t *src, int32_t len,
                             uint16_t *dst, int32_t cap) {
    const UNormalizer2 *n = instance(form);
    if (n == NULL) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t out = unorm2_normalize(n, (const UChar *)src, len, (UChar *)dst, cap, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return out;
    return U_SUCCESS(status) ? out : -1;
}

enum { STACK_UNITS = 512 };

int32_t cicu_normalize_utf8(cicu_form form, const char *src, int32_t len,
                            char *dst, int32_t cap) {
    const UNormalizer2 *n = instance(form);
    if (n == NULL) return -1;
    UChar stackIn[STACK_UNITS], stackOut[STACK_UNITS * 4];
    UChar *in = stackIn, *out = stackOut;
    int32_t inCap = STACK_UNITS, outCap = STACK_UNITS * 4, result = -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t inLen = 0;

    /* UTF-8 -> UTF-16 (UTF-16 length never exceeds the UTF-8 byte length). */
    if (len > inCap) {
        inCap = len;
        in = (UChar *)malloc(sizeof(UChar) * (size_t)inCap);
        if (in == NULL) return -1;
    }
    u_strFromUTF8WithSub(in, inCap, &inLen, src, len, 0xFFFD, NULL, &status);
    if (U_FAILURE(status)) goto done;

    int32_t outLen = unorm2_normalize(n, in, inLen, out, outCap, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        outCap = outLen;
        out = (UChar *)malloc(sizeof(UChar) * (size_t)outCap);
        if (out == NULL) goto done;
        outLen = unorm2_normalize(n, in, inLen, out, outCap, &status);
    }
    if (U_FAILURE(status)) goto done;

    int32_t needed = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(dst, cap, &needed, out, outLen, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING || U_SUCCESS(status))
        result = needed;

done:
    if (in != stackIn) free(in);
    if (out != stackOut) free(out);
    return result;
}

int32_t cicu_quick_check(cicu_form form, uint32_t c) {
    UProperty p;
    switch (form) {
    case CICU_NFC: p = UCHAR_NFC_QUICK_CHECK; break;
    case CICU_NFKC: p = UCHAR_NFKC_QUICK_CHECK; break;
    case CICU_NFD: p = UCHAR_NFD_QUICK_CHECK; break;
    default: p = UCHAR_NFKD_QUICK_CHECK; break;
    }
    int32_t v = u_getIntPropertyValue((UChar32)c, p);
    return v == UNORM_YES ? 1 : (v == UNORM_MAYBE ? 2 : 0);
}

int32_t cicu_has_boundary_before(cicu_form form, uint32_t c) {
    const UNormalizer2 *n = instance(form);
    return n != NULL && unorm2_hasBoundaryBefore(n, (UChar32)c);
}

int32_t cicu_combining_class(uint32_t c) {
    return (int32_t)u_getCombiningClass((UChar32)c);
}

int32_t cicu_canonical_decomposition(uint32_t c, uint32_t *buf, int32_t cap) {
    const UNormalizer2 *n = instance(CICU_NFC);
    if (n == NULL) return 0;
    UChar d[32];
    UErrorCode status = U_ZERO_ERROR;
    int32_t len = unorm2_getRawDecomposition(n, (UChar32)c, d, 32, &status);
    if (U_FAILURE(status) || len <= 0) return 0;
    int32_t count = 0;
    for (int32_t i = 0; i < len && count < cap;) {
        UChar32 cp;
        U16_NEXT(d, i, len, cp);
        buf[count++] = (uint32_t)cp;
    }
    return count;
}

static int32_t collapse_gc(int32_t gc) {
    switch (gc) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER: case U_OTHER_LETTER:
        return CICU_GC_LETTER;
    case U_MODIFIER_LETTER: return CICU_GC_MODIFIER_LETTER;
    case U_NON_SPACING_MARK: return CICU_GC_NONSPACING_MARK;
    case U_COMBINING_SPACING_MARK: case U_ENCLOSING_MARK: return CICU_GC_OTHER_MARK;
    case U_DECIMAL_DIGIT_NUMBER: return CICU_GC_DECIMAL_NUMBER;
    case U_LETTER_NUMBER: case U_OTHER_NUMBER: return CICU_GC_OTHER_NUMBER;
    case U_SPACE_SEPARATOR: return CICU_GC_SPACE_SEPARATOR;
    case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR: return CICU_GC_LINE_SEPARATOR;
    case U_CONTROL_CHAR: return CICU_GC_CONTROL;
    case U_FORMAT_CHAR: return CICU_GC_FORMAT;
    case U_CONNECTOR_PUNCTUATION: return CICU_GC_CONNECTOR_PUNCTUATION;
    case U_DASH_PUNCTUATION: return CICU_GC_DASH_PUNCTUATION;
    case U_START_PUNCTUATION: case U_END_PUNCTUATION: case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION: case U_OTHER_PUNCTUATION:
        return CICU_GC_PUNCTUATION;
    case U_MATH_SYMBOL: return CICU_GC_MATH_SYMBOL;
    case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL:
        return CICU_GC_OTHER_SYMBOL;
    default: return CICU_GC_UNASSIGNED;
    }
}

int32_t cicu_property(uint32_t c, cicu_property_id which) {
    UChar32 cp = (UChar32)c;
    switch (which) {
    case CICU_PROP_GENERAL_CATEGORY: return collapse_gc(u_charType(cp));
    case CICU_PROP_SCRIPT_IS_ARABIC: {
        UErrorCode status = U_ZERO_ERROR;
        return uscript_getScript(cp, &status) == USCRIPT_ARABIC;
    }
    case CICU_PROP_BIDI_CONTROL: return u_hasBinaryProperty(cp, UCHAR_BIDI_CONTROL);
    case CICU_PROP_JOIN_CONTROL: return u_hasBinaryProperty(cp, UCHAR_JOIN_CONTROL);
    case CICU_PROP_DEFAULT_IGNORABLE: return u_hasBinaryProperty(cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
    case CICU_PROP_WHITE_SPACE: return u_hasBinaryProperty(cp, UCHAR_WHITE_SPACE);
    case CICU_PROP_ALPHABETIC: return u_hasBinaryProperty(cp, UCHAR_ALPHABETIC);
    case CICU_PROP_DIGIT_VALUE: return u_charType(cp) == U_DECIMAL_DIGIT_NUMBER ? u_charDigitValue(cp) : -1;
    case CICU_PROP_IN_ARABIC_BLOCK: {
        int32_t b = u_getIntPropertyValue(cp, UCHAR_BLOCK);
        return b == UBLOCK_ARABIC || b == UBLOCK_ARABIC_SUPPLEMENT || b == UBLOCK_ARABIC_EXTENDED_A
            || b == UBLOCK_ARABIC_EXTENDED_B || b == UBLOCK_ARABIC_EXTENDED_C
            || b == UBLOCK_ARABIC_PRESENTATION_FORMS_A || b == UBLOCK_ARABIC_PRESENTATION_FORMS_B
            || b == UBLOCK_ARABIC_MATHEMATICAL_ALPHABETIC_SYMBOLS;
    }
    }
    return 0;
}

/* Calls `set(value, start, end)` for each range of equal values of an int property below `limit`. */
static int for_each_range(UProperty property, uint32_t limit, void (*set)(uint32_t, uint32_t, uint32_t, void *),
                          void *context) {
    UErrorCode status = U_ZERO_ERROR;
    const UCPMap *map = u_getIntPropertyMap(property, &status);
    if (U_FAILURE(status) || map == NULL) return -1;
    UChar32 start = 0;
    while ((uint32_t)start < limit) {
        uint32_t value;
        UChar32 end = ucpmap_getRange(map, start, UCPMAP_RANGE_NORMAL, 0, NULL, NULL, &value);
        if (end < start) return -1;
        uint32_t last = (uint32_t)end < limit ? (uint32_t)end : limit - 1;
        set(value, (uint32_t)start, last, context);
        start = end + 1;
    }
    return 0;
}

typedef struct {
    uint32_t *flags;
    uint8_t *bytes;
    uint32_t yes, maybe;         /* for quick checks: the bits set */
} range_target;

static void set_quick_check(uint32_t value, uint32_t start, uint32_t end, void *context) {
    range_target *t = context;
    uint32_t bit = value == UNORM_YES ? t->yes : (value == UNORM_MAYBE ? t->maybe : 0);
    if (bit == 0) return;
    for (uint32_t c = start; c <= end; c++) t->flags[c] |= bit;
}

static void set_byte(uint32_t value, uint32_t start, uint32_t end, void *context) {
    range_target *t = context;
    memset(t->bytes + start, (int)(uint8_t)value, end - start + 1);
}

static int set_binary(UProperty property, uint32_t limit, uint32_t *flags, uint32_t bit) {
    UErrorCode status = U_ZERO_ERROR;
    const USet *set = u_getBinaryPropertySet(property, &status);
    if (U_FAILURE(status) || set == NULL) return -1;
    int32_t items = uset_getItemCount(set);
    for (int32_t i = 0; i < items; i++) {
        UChar32 start, end;
        status = U_ZERO_ERROR;
        if (uset_getItem(set, i, &start, &end, NULL, 0, &status) != 0 || U_FAILURE(status)) continue;  /* strings: none */
        for (UChar32 c = start; c <= end && (uint32_t)c < limit; c++) flags[c] |= bit;
    }
    return 0;
}

/* Whether normalization has a boundary before `c`, from its quick check and combining class where
 * they decide it: a non-starter or a character that may combine with the one before it has none, a
 * starter that is "yes" has one. ICU is asked only about the "no" starters (whose decomposition may
 * begin with a non-starter), about 1 code point in 20. */
static int has_boundary_before(const UNormalizer2 *normalizer, uint32_t c, uint32_t flags, uint8_t ccc,
                               uint32_t yes, uint32_t maybe) {
    if (ccc != 0 || (flags & maybe)) return 0;
    if (flags & yes) return 1;
    return unorm2_hasBoundaryBefore(normalizer, (UChar32)c);
}

int32_t cicu_fill_properties(uint32_t limit, uint32_t *flags, uint8_t *combining_class, uint8_t *category,
                             int8_t *digit_value) {
    memset(flags, 0, limit * sizeof *flags);
    range_target nfc = { flags, NULL, CICU_FLAG_NFC_YES, CICU_FLAG_NFC_MAYBE };
    range_target nfkc = { flags, NULL, CICU_FLAG_NFKC_YES, CICU_FLAG_NFKC_MAYBE };
    range_target ccc = { NULL, combining_class, 0, 0 };
    if (for_each_range(UCHAR_NFC_QUICK_CHECK, limit, set_quick_check, &nfc) != 0
        || for_each_range(UCHAR_NFKC_QUICK_CHECK, limit, set_quick_check, &nfkc) != 0
        || for_each_range(UCHAR_CANONICAL_COMBINING_CLASS, limit, set_byte, &ccc) != 0
        || set_binary(UCHAR_BIDI_CONTROL, limit, flags, CICU_FLAG_BIDI_CONTROL) != 0
        || set_binary(UCHAR_JOIN_CONTROL, limit, flags, CICU_FLAG_JOIN_CONTROL) != 0
        || set_binary(UCHAR_DEFAULT_IGNORABLE_CODE_POINT, limit, flags, CICU_FLAG_DEFAULT_IGNORABLE) != 0
        || set_binary(UCHAR_WHITE_SPACE, limit, flags, CICU_FLAG_WHITE_SPACE) != 0)
        return -1;
    const UNormalizer2 *nfcInstance = instance(CICU_NFC), *nfkcInstance = instance(CICU_NFKC);
    if (nfcInstance == NULL || nfkcInstance == NULL) return -1;
    int32_t inArabicBlock = 0;
    for (uint32_t c = 0; c < limit; c++) {
        /* (No property map for these: one lookup per code point, directly. Script, block and
         * general category too: ICU builds their maps over all of Unicode, three times slower than
         * this for U+0–U+1FFFF.) */
        UErrorCode status = U_ZERO_ERROR;
        category[c] = (uint8_t)collapse_gc((int32_t)u_charType((UChar32)c));
        if (uscript_getScript((UChar32)c, &status) == USCRIPT_ARABIC) flags[c] |= CICU_FLAG_ARABIC_SCRIPT;
        /* (Blocks start and end at multiples of 16 code points: one lookup per 16.) */
        if (c % 16 == 0) inArabicBlock = cicu_property(c, CICU_PROP_IN_ARABIC_BLOCK);
        if (inArabicBlock) flags[c] |= CICU_FLAG_ARABIC_BLOCK;
        if (has_boundary_before(nfcInstance, c, flags[c], combining_class[c], CICU_FLAG_NFC_YES, CICU_FLAG_NFC_MAYBE))
            flags[c] |= CICU_FLAG_NFC_BOUNDARY_BEFORE;
        if (has_boundary_before(nfkcInstance, c, flags[c], combining_class[c], CICU_FLAG_NFKC_YES, CICU_FLAG_NFKC_MAYBE))
            flags[c] |= CICU_FLAG_NFKC_BOUNDARY_BEFORE;
        digit_value[c] = category[c] == CICU_GC_DECIMAL_NUMBER ? (int8_t)u_charDigitValue((UChar32)c) : -1;
    }
    return 0;
}

void cicu_unicode_version(char *buf, int32_t cap) {
    UVersionInfo v;
    u_getUnicodeVersion(v);
    char tmp[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, tmp);
    if (cap > 0) {
        strncpy(buf, tmp, (size_t)cap - 1);
        buf[cap - 1] = 0;
    }
}
