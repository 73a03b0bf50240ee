#include "cicu_numbers.h"

#include <string.h>
#include <unicode/unum.h>
#include <unicode/unumsys.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

int32_t cicu_numbers_digits(const char *name, uint32_t *digits) {
    UErrorCode status = U_ZERO_ERROR;
    UNumberingSystem *ns = unumsys_openByName(name, &status);
    if (U_FAILURE(status) || ns == NULL) return -1;
    int32_t result = -1;
    if (!unumsys_isAlgorithmic(ns) && unumsys_getRadix(ns) == 10) {
        UChar desc[64];
        int32_t len = unumsys_getDescription(ns, desc, 64, &status);
        if (U_SUCCESS(status) && len <= 64) {
            int32_t i = 0, n = 0;
            while (i < len && n < 10) {
                UChar32 c;
                U16_NEXT(desc, i, len, c);
                digits[n++] = (uint32_t)c;
            }
            if (n == 10 && i == len) result = 10;
        }
    }
    unumsys_close(ns);
    return result;
}

int32_t cicu_numbers_symbol(const char *locale, cicu_numbers_symbol_id which,
                            uint16_t *buf, int32_t cap) {
    UErrorCode status = U_ZERO_ERROR;
    UNumberFormat *fmt = unum_open(UNUM_DECIMAL, NULL, 0, locale, NULL, &status);
    if (U_FAILURE(status) || fmt == NULL) return -1;
    UNumberFormatSymbol sym;
    switch (which) {
    case CICU_NUMBERS_DECIMAL_SEPARATOR: sym = UNUM_DECIMAL_SEPARATOR_SYMBOL; break;
    case CICU_NUMBERS_GROUPING_SEPARATOR: sym = UNUM_GROUPING_SEPARATOR_SYMBOL; break;
    case CICU_NUMBERS_PERCENT: sym = UNUM_PERCENT_SYMBOL; break;
    default: sym = UNUM_MINUS_SIGN_SYMBOL; break;
    }
    int32_t len = unum_getSymbol(fmt, sym, (UChar *)buf, cap, &status);
    unum_close(fmt);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return len;
    return U_SUCCESS(status) ? len : -1;
}

int32_t cicu_numbers_spellout(const char *locale, int64_t value,
                              uint16_t *buf, int32_t cap) {
    UErrorCode status = U_ZERO_ERROR;
    UNumberFormat *fmt = unum_open(UNUM_SPELLOUT, NULL, 0, locale, NULL, &status);
    if (U_FAILURE(status) || fmt == NULL) return -1;
    int32_t len = unum_formatInt64(fmt, value, (UChar *)buf, cap, NULL, &status);
    unum_close(fmt);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return len;
    return U_SUCCESS(status) ? len : -1;
}
