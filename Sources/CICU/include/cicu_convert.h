#ifndef CICU_CONVERT_H
#define CICU_CONVERT_H
/*
 * Plain-C access to ICU's charset converters (ucnv) and charset detector (ucsdet): text in a
 * legacy or UTF-16/32 encoding decoded to UTF-8 as a stream, and UTF-8 encoded back.
 * No ICU header is included here.
 */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A streaming decoder from one encoding to UTF-8. */
typedef struct cicu_decoder cicu_decoder;

/*
 * Opens a decoder for the encoding `name` (any name or alias ICU knows: "windows-1256",
 * "ISO-8859-6", "UTF-16LE", ...). Returns NULL when ICU does not know the name.
 */
cicu_decoder *cicu_decoder_open(const char *name);
void cicu_decoder_close(cicu_decoder *decoder);

/*
 * Decodes `src[0..<src_len]` to UTF-8 in `dst` (capacity `dst_cap`, at least 16). Every sequence
 * that is not valid in the encoding (or cannot be mapped to Unicode) becomes the single byte 0xFF,
 * which is never valid UTF-8, so the caller's UTF-8 validation reports it where it is.
 * `flush` is 1 for the last call of the stream (a sequence cut by the end is then reported).
 * Sets `*consumed` to the source bytes used (the rest must be passed again) and returns the
 * number of bytes written to `dst`; -1 on an ICU error other than bad input.
 */
int32_t cicu_decoder_decode(cicu_decoder *decoder, const uint8_t *src, int32_t src_len,
                            uint8_t *dst, int32_t dst_cap, int32_t flush, int32_t *consumed);

/* A streaming encoder from UTF-8 to one encoding. */
typedef struct cicu_encoder cicu_encoder;

/* Opens an encoder for `name`; NULL when ICU does not know the name. */
cicu_encoder *cicu_encoder_open(const char *name);
void cicu_encoder_close(cicu_encoder *encoder);

/*
 * Encodes well-formed UTF-8 `src[0..<src_len]` (whole characters) into `dst`. Returns the bytes
 * written, or -1 when `dst` is too small (call again with at least 4 * src_len + 16), or -2 when a
 * character has no mapping in the encoding; then `*unmappable` is that code point and
 * `*unmappable_offset` its byte offset in `src`. Nothing is substituted.
 */
int32_t cicu_encoder_encode(cicu_encoder *encoder, const uint8_t *src, int32_t src_len,
                            uint8_t *dst, int32_t dst_cap, uint32_t *unmappable,
                            int32_t *unmappable_offset);

/* ICU's canonical name for an encoding name or alias, copied into `buf`; 0 if unknown. */
int32_t cicu_encoding_canonical_name(const char *name, char *buf, int32_t cap);

/* The number of converters ICU has, and the canonical name of the i-th one. */
int32_t cicu_encoding_count(void);
const char *cicu_encoding_name(int32_t index);
/* The aliases of an encoding: their number, and the i-th one (NULL when out of range). */
int32_t cicu_encoding_alias_count(const char *name);
const char *cicu_encoding_alias(const char *name, int32_t index);

/*
 * ICU's charset detector on `src[0..<len]`: the best guess's name copied into `buf` and its
 * confidence (0-100) returned; -1 when nothing matched.
 */
int32_t cicu_detect_encoding(const uint8_t *src, int32_t len, char *buf, int32_t cap);

#ifdef __cplusplus
}
#endif
#endif
