#include "cicu_convert.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

struct cicu_decoder {
    UConverter *converter;
    UChar pending; /* a high surrogate waiting for its low half (0: none) */
};

struct cicu_encoder {
    UConverter *converter;
};

static UConverter *open_stopping(const char *name) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(name, &status);
    if (U_FAILURE(status) || converter == NULL) return NULL;
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    if (U_FAILURE(status)) {
        ucnv_close(converter);
        return NULL;
    }
    return converter;
}

cicu_decoder *cicu_decoder_open(const char *name) {
    UConverter *converter = open_stopping(name);
    if (converter == NULL) return NULL;
    cicu_decoder *decoder = calloc(1, sizeof *decoder);
    if (decoder == NULL) {
        ucnv_close(converter);
        return NULL;
    }
    decoder->converter = converter;
    return decoder;
}

void cicu_decoder_close(cicu_decoder *decoder) {
    if (decoder == NULL) return;
    ucnv_close(decoder->converter);
    free(decoder);
}

/* UTF-16 to UTF-8; an unpaired surrogate becomes 0xFF. `dst` has room for 3 bytes a unit. */
static int32_t utf16_to_utf8(const UChar *units, int32_t count, uint8_t *dst) {
    int32_t out = 0;
    for (int32_t i = 0; i < count; i++) {
        uint32_t c = units[i];
        if (U16_IS_LEAD(c) && i + 1 < count && U16_IS_TRAIL(units[i + 1])) {
            c = U16_GET_SUPPLEMENTARY(c, units[i + 1]);
            i++;
        } else if (U16_IS_SURROGATE(c)) {
            dst[out++] = 0xFF;
            continue;
        }
        if (c < 0x80) {
            dst[out++] = (uint8_t)c;
        } else if (c < 0x800) {
            dst[out++] = (uint8_t)(0xC0 | (c >> 6));
            dst[out++] = (uint8_t)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            dst[out++] = (uint8_t)(0xE0 | (c >> 12));
            dst[out++] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            dst[out++] = (uint8_t)(0x80 | (c & 0x3F));
        } else {
            dst[out++] = (uint8_t)(0xF0 | (c >> 18));
            dst[out++] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
            dst[out++] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            dst[out++] = (uint8_t)(0x80 | (c & 0x3F));
        }
    }
    return out;
}

static int is_bad_input(UErrorCode status) {
    return status == U_INVALID_CHAR_FOUND || status == U_ILLEGAL_CHAR_FOUND ||
           status == U_TRUNCATED_CHAR_FOUND || status == U_ILLEGAL_ESCAPE_SEQUENCE ||
           status == U_UNSUPPORTED_ESCAPE_SEQUENCE;
}

int32_t cicu_decoder_decode(cicu_decoder *decoder, const uint8_t *src, int32_t src_len,
                            uint8_t *dst, int32_t dst_cap, int32_t flush, int32_t *consumed) {
    const char *source = (const char *)src;
    const char *source_limit = source + src_len;
    UChar pivot[1024];
    int32_t out = 0;
    for (;;) {
        /* Room for the pivot's UTF-8 (3 bytes a unit, 4 a pair) and one 0xFF marker. */
        int32_t units = (dst_cap - out - 4) / 3;
        if (units < 2) break;
        if (units > (int32_t)(sizeof pivot / sizeof pivot[0])) units = (int32_t)(sizeof pivot / sizeof pivot[0]);
        UChar *target = pivot;
        if (decoder->pending != 0) {
            *target++ = decoder->pending;
            decoder->pending = 0;
        }
        UErrorCode status = U_ZERO_ERROR;
        ucnv_toUnicode(decoder->converter, &target, pivot + units, &source, source_limit, NULL,
                       (UBool)(flush != 0), &status);
        int32_t produced = (int32_t)(target - pivot);
        /* A high surrogate at the end may be completed by the next call. */
        if (produced > 0 && U16_IS_LEAD(pivot[produced - 1]) && !is_bad_input(status) &&
            (status == U_BUFFER_OVERFLOW_ERROR || !flush)) {
            decoder->pending = pivot[produced - 1];
            produced--;
        }
        out += utf16_to_utf8(pivot, produced, dst + out);
        if (status == U_BUFFER_OVERFLOW_ERROR) continue;
        if (is_bad_input(status)) {
            dst[out++] = 0xFF;
            continue;
        }
        if (U_FAILURE(status)) return -1;
        break; /* the source is used up */
    }
    if (flush && source == source_limit && decoder->pending != 0 && out < dst_cap) {
        dst[out++] = 0xFF;
        decoder->pending = 0;
    }
    *consumed = (int32_t)(source - (const char *)src);
    return out;
}

cicu_encoder *cicu_encoder_open(const char *name) {
    UConverter *converter = open_stopping(name);
    if (converter == NULL) return NULL;
    cicu_encoder *encoder = calloc(1, sizeof *encoder);
    if (encoder == NULL) {
        ucnv_close(converter);
        return NULL;
    }
    encoder->converter = converter;
    return encoder;
}

void cicu_encoder_close(cicu_encoder *encoder) {
    if (encoder == NULL) return;
    ucnv_close(encoder->converter);
    free(encoder);
}

int32_t cicu_encoder_encode(cicu_encoder *encoder, const uint8_t *src, int32_t src_len,
                            uint8_t *dst, int32_t dst_cap, uint32_t *unmappable,
                            int32_t *unmappable_offset) {
    int32_t in = 0, out = 0;
    UChar pivot[1024];
    while (in < src_len) {
        /* Whole characters of the source into the pivot, remembering where the pivot started. */
        int32_t start = in, units = 0;
        while (in < src_len && units < 1022) {
            UChar32 c;
            U8_NEXT(src, in, src_len, c);
            if (c < 0) c = 0xFFFD;
            U16_APPEND_UNSAFE(pivot, units, c);
        }
        const UChar *source = pivot;
        char *target = (char *)dst + out;
        UErrorCode status = U_ZERO_ERROR;
        ucnv_fromUnicode(encoder->converter, &target, (char *)dst + dst_cap, &source, pivot + units, NULL, 1,
                         &status);
        out = (int32_t)(target - (char *)dst);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            ucnv_resetFromUnicode(encoder->converter);
            return -1;
        }
        if (status == U_INVALID_CHAR_FOUND || status == U_ILLEGAL_CHAR_FOUND) {
            /* `source` is just past the character that has no mapping: find it in the UTF-8. */
            int32_t bad_units = (int32_t)(source - pivot);
            int32_t unit = 0, offset = start;
            UChar32 c = 0;
            while (offset < src_len) {
                int32_t here = offset;
                U8_NEXT(src, offset, src_len, c);
                if (c < 0) c = 0xFFFD;
                unit += U16_LENGTH(c);
                if (unit >= bad_units) {
                    offset = here;
                    break;
                }
            }
            *unmappable = (uint32_t)c;
            *unmappable_offset = offset;
            ucnv_resetFromUnicode(encoder->converter);
            return -2;
        }
        if (U_FAILURE(status)) return -1;
    }
    return out;
}

int32_t cicu_encoding_canonical_name(const char *name, char *buf, int32_t cap) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(name, &status);
    if (U_FAILURE(status) || converter == NULL) return 0;
    const char *canonical = ucnv_getName(converter, &status);
    int32_t length = 0;
    if (U_SUCCESS(status) && canonical != NULL) {
        length = (int32_t)strlen(canonical);
        if (length >= cap) length = cap - 1;
        memcpy(buf, canonical, (size_t)length);
        buf[length] = 0;
    }
    ucnv_close(converter);
    return length;
}

int32_t cicu_encoding_count(void) { return ucnv_countAvailable(); }

const char *cicu_encoding_name(int32_t index) { return ucnv_getAvailableName(index); }

int32_t cicu_encoding_alias_count(const char *name) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t count = ucnv_countAliases(name, &status);
    return U_SUCCESS(status) ? count : 0;
}

const char *cicu_encoding_alias(const char *name, int32_t index) {
    UErrorCode status = U_ZERO_ERROR;
    const char *alias = ucnv_getAlias(name, (uint16_t)index, &status);
    return U_SUCCESS(status) ? alias : NULL;
}

int32_t cicu_detect_encoding(const uint8_t *src, int32_t len, char *buf, int32_t cap) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&status);
    if (U_FAILURE(status)) return -1;
    int32_t confidence = -1;
    ucsdet_setText(detector, (const char *)src, len, &status);
    const UCharsetMatch *match = ucsdet_detect(detector, &status);
    if (U_SUCCESS(status) && match != NULL) {
        const char *name = ucsdet_getName(match, &status);
        int32_t c = ucsdet_getConfidence(match, &status);
        if (U_SUCCESS(status) && name != NULL) {
            int32_t length = (int32_t)strlen(name);
            if (length >= cap) length = cap - 1;
            memcpy(buf, name, (size_t)length);
            buf[length] = 0;
            confidence = c;
        }
    }
    ucsdet_close(detector);
    return confidence;
}
