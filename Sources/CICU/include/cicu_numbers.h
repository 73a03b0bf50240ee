#ifndef CICU_NUMBERS_H
#define CICU_NUMBERS_H
/*
 * Plain-C access to ICU's numbering systems, number symbols and RBNF spellout.
 * No ICU header is included here (see cicu_normalizer.h for why).
 */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Writes the ten digits (0..9) of the ICU numbering system `name`
 * ("latn", "arab", "arabext", ...) into `digits` as code points.
 * Returns 10 on success, -1 if the system is unknown or not a decimal system.
 */
int32_t cicu_numbers_digits(const char *name, uint32_t *digits);

/* Number symbols understood by cicu_numbers_symbol. */
typedef enum {
    CICU_NUMBERS_DECIMAL_SEPARATOR = 0,
    CICU_NUMBERS_GROUPING_SEPARATOR = 1,
    CICU_NUMBERS_PERCENT = 2,
    CICU_NUMBERS_MINUS = 3
} cicu_numbers_symbol_id;

/*
 * Writes the symbol for `locale` (e.g. "ar@numbers=arab", "fa", "en") as UTF-16
 * into `buf` (capacity `cap` units). Returns its length, or -1 on error.
 */
int32_t cicu_numbers_symbol(const char *locale, cicu_numbers_symbol_id which,
                            uint16_t *buf, int32_t cap);

/*
 * RBNF spellout of `value` for `locale` (e.g. "ar") as UTF-16 into `buf`.
 * Returns the length needed (retry with a larger buffer if > cap), -1 on error.
 */
int32_t cicu_numbers_spellout(const char *locale, int64_t value,
                              uint16_t *buf, int32_t cap);

#ifdef __cplusplus
}
#endif
#endif
