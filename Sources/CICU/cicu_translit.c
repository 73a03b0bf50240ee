#include "cicu_translit.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

/* Building a transform parses its rules, which is slow; keep one prototype per id
 * and hand out clones (a clone is cheap and owned by one caller, so thread-safe). */
enum { CACHE_SIZE = 8 };
static struct { char id[64]; UTransliterator *proto; } cache[CACHE_SIZE];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static UTransliterator *build_transform(const char *transform_id) {
    UChar id[128];
    int32_t idLen = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(id, 128, &idLen, transform_id, -1, &status);
    if (U_FAILURE(status)) return NULL;
    UParseError pe;
    UTransliterator *t = utrans_openU(id, idLen, UTRANS_FORWARD, NULL, 0, &pe, &status);
    if (U_FAILURE(status)) return NULL;
    return t;
}

static UTransliterator *open_transform(const char *transform_id) {
    UTransliterator *result = NULL;
    UErrorCode status = U_ZERO_ERROR;
    pthread_mutex_lock(&cache_lock);
    int slot = -1;
    for (int i = 0; i < CACHE_SIZE; i++) {
        if (cache[i].proto != NULL && strcmp(cache[i].id, transform_id) == 0) { slot = i; break; }
    }
    if (slot < 0 && strlen(transform_id) < sizeof(cache[0].id)) {
        for (int i = 0; i < CACHE_SIZE; i++) {
            if (cache[i].proto == NULL) {
                cache[i].proto = build_transform(transform_id);
                if (cache[i].proto != NULL) { strcpy(cache[i].id, transform_id); slot = i; }
                break;
            }
        }
    }
    if (slot >= 0) result = utrans_clone(cache[slot].proto, &status);
    pthread_mutex_unlock(&cache_lock);
    if (slot < 0) return build_transform(transform_id);
    return U_SUCCESS(status) ? result : NULL;
}

int32_t cicu_translit_available(const char *transform_id) {
    UTransliterator *t = open_transform(transform_id);
    if (t == NULL) return 0;
    utrans_close(t);
    return 1;
}

int32_t cicu_translit_utf16(const char *transform_id, const uint16_t *src, int32_t len,
                            uint16_t *dst, int32_t cap) {
    UTransliterator *t = open_transform(transform_id);
    if (t == NULL) return -1;
    /* utrans_transUChars works in place: copy into a scratch buffer that can grow. */
    int32_t bufCap = len * 4 + 16;
    UChar *buf = (UChar *)malloc(sizeof(UChar) * (size_t)bufCap);
    int32_t result = -1;
    if (buf == NULL) goto done;
    for (int attempt = 0; attempt < 4; attempt++) {
        memcpy(buf, src, sizeof(UChar) * (size_t)len);
        int32_t textLen = len, limit = len;
        UErrorCode status = U_ZERO_ERROR;
        utrans_transUChars(t, buf, &textLen, bufCap, 0, &limit, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            free(buf);
            bufCap = textLen + 16 > bufCap * 2 ? textLen + 16 : bufCap * 2;
            buf = (UChar *)malloc(sizeof(UChar) * (size_t)bufCap);
            if (buf == NULL) goto done;
            continue;
        }
        if (U_FAILURE(status) && status != U_STRING_NOT_TERMINATED_WARNING) goto done;
        if (textLen <= cap) memcpy(dst, buf, sizeof(UChar) * (size_t)textLen);
        result = textLen;
        break;
    }
done:
    free(buf);
    utrans_close(t);
    return result;
}
