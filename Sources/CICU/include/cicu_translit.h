#ifndef CICU_TRANSLIT_H
#define CICU_TRANSLIT_H
/*
 * Plain-C access to ICU transliterators (e.g. "Any-Latin", "Arabic-Latin").
 * No ICU header is included here, so Swift files can import this module
 * together with Foundation.
 */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Runs the ICU transform `transform_id` (ASCII, NUL-terminated, e.g. "Any-Latin")
 * over UTF-16 `src[0..<len]`, writing UTF-16 into `dst` (capacity `cap` units).
 * Returns the number of code units needed: if that exceeds `cap`, call again with
 * a larger buffer. Returns -1 if the transform id is unknown or ICU fails.
 */
int32_t cicu_translit_utf16(const char *transform_id, const uint16_t *src, int32_t len,
                            uint16_t *dst, int32_t cap);

/* 1 if ICU knows the transform id, else 0. */
int32_t cicu_translit_available(const char *transform_id);

#ifdef __cplusplus
}
#endif
#endif
