#include "cicu_break.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

struct cicu_word_breaker {
    UBreakIterator *iterator;
    UText text;
    int has_text;
    int32_t position; /* the boundary the next word starts from */
};

static UBreakIterator *root_iterator;
static pthread_once_t root_once = PTHREAD_ONCE_INIT;

static void open_root_iterator(void) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, "", NULL, 0, &status);
    root_iterator = U_SUCCESS(status) ? iterator : NULL;
}

cicu_word_breaker *cicu_word_breaker_open(void) {
    pthread_once(&root_once, open_root_iterator);
    if (root_iterator == NULL) return NULL;
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_clone(root_iterator, &status);
    if (U_FAILURE(status) || iterator == NULL) return NULL;
    cicu_word_breaker *breaker = calloc(1, sizeof *breaker);
    if (breaker == NULL) {
        ubrk_close(iterator);
        return NULL;
    }
    breaker->iterator = iterator;
    UText empty = UTEXT_INITIALIZER;
    breaker->text = empty;
    return breaker;
}

void cicu_word_breaker_close(cicu_word_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    if (breaker->has_text) utext_close(&breaker->text);
    free(breaker);
}

int cicu_word_breaker_set_text(cicu_word_breaker *breaker, const char *utf8, int64_t len) {
    static const char nothing[1] = {0};
    UErrorCode status = U_ZERO_ERROR;
    if (utf8 == NULL || len <= 0) {
        utf8 = nothing;
        len = 0;
    }
    UText *opened = utext_openUTF8(&breaker->text, utf8, len, &status);
    if (U_FAILURE(status) || opened == NULL) return -1;
    breaker->has_text = 1;
    ubrk_setUText(breaker->iterator, &breaker->text, &status);
    if (U_FAILURE(status)) return -1;
    breaker->position = ubrk_first(breaker->iterator);
    return 0;
}

int cicu_word_breaker_next(cicu_word_breaker *breaker, int64_t *start, int64_t *end, int *kind) {
    if (!breaker->has_text) return 0;
    for (;;) {
        int32_t from = breaker->position;
        int32_t to = ubrk_next(breaker->iterator);
        if (to == UBRK_DONE) return 0;
        breaker->position = to;
        int32_t status = ubrk_getRuleStatus(breaker->iterator);
        if (status < UBRK_WORD_NONE_LIMIT) continue;
        *start = from;
        *end = to;
        if (kind != NULL) {
            if (status < UBRK_WORD_NUMBER_LIMIT) *kind = 2;
            else if (status < UBRK_WORD_LETTER_LIMIT) *kind = 1;
            else *kind = 3;
        }
        return 1;
    }
}

int64_t cicu_fold_case_utf8(const char *src, int64_t len, char *dst, int64_t cap) {
    if (len < 0 || len > INT32_MAX / 4) return -1;
    UChar stack_in[256], stack_out[256];
    UChar *in = stack_in, *out = stack_out;
    int64_t result = -1;
    int32_t in_cap = 256, out_cap = 256;
    if (len > 80) { /* 80 bytes are at most 80 units, folded to at most 240 */
        in_cap = (int32_t)len + 16;
        out_cap = 3 * (int32_t)len + 16; /* full folding expands a unit to at most 3 */
        in = malloc(sizeof(UChar) * (size_t)in_cap);
        out = malloc(sizeof(UChar) * (size_t)out_cap);
        if (in == NULL || out == NULL) goto done;
    }
    UErrorCode status = U_ZERO_ERROR;
    int32_t in_len = 0;
    u_strFromUTF8WithSub(in, in_cap, &in_len, src, (int32_t)len, 0xFFFD, NULL, &status);
    if (U_FAILURE(status)) goto done;
    int32_t out_len = u_strFoldCase(out, out_cap, in, in_len, U_FOLD_CASE_DEFAULT, &status);
    if (U_FAILURE(status)) goto done;
    int32_t bytes = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(dst, cap > INT32_MAX ? INT32_MAX : (int32_t)cap, &bytes, out, out_len, &status);
    if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) goto done;
    result = bytes;
done:
    if (in != stack_in) free(in);
    if (out != stack_out) free(out);
    return result;
}
