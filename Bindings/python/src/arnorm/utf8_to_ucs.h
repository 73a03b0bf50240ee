/* UTF-8 to CPython's string kinds (UCS1, UCS2, UCS4), for the engine's output.
 *
 * The input is valid UTF-8 (the library writes nothing else). utf8_measure() gives the length
 * and kind of the str to allocate; the decoders stop at either end, so a mistake can only leave
 * characters unset, never write past the string.
 *
 * decode_ucs2 is the scalar decoder (and the oracle of the SSSE3 one); fill_string calls
 * decode_ucs2_fast, which takes text of one- and two-byte characters (Arabic with ASCII spaces
 * and digits) eight input bytes at a time with one shuffle: the per-call path spent a quarter of
 * its time in the scalar loop on news lines (perf).
 */
#ifndef ARNORM_UTF8_TO_UCS_H
#define ARNORM_UTF8_TO_UCS_H

#include <Python.h>
#include <stdint.h>
#include <string.h>

/* The length in characters of valid UTF-8 and the widest character class in it. Any byte is the
   max: a continuation byte (80-BF) never exceeds the lead byte before it (C2 and up). The lead byte
   decides the class: C2-C3 up to U+00FF, C4-EF up to U+FFFF, F0-F4 beyond. Written as two plain
   loops so that the compiler vectorizes them. */
static inline void utf8_measure(const unsigned char *s, size_t n, Py_ssize_t *chars, Py_UCS4 *maxchar) {
    size_t continuation = 0;
    unsigned char top = 0;
    for (size_t i = 0; i < n; i++) {
        continuation += (signed char)s[i] < (signed char)0xC0;
        top = s[i] > top ? s[i] : top;
    }
    *chars = (Py_ssize_t)(n - continuation);
    *maxchar = top < 0x80 ? 0x7F : top < 0xC4 ? 0xFF : top < 0xF0 ? 0xFFFF : 0x10FFFF;
}

static Py_UCS1 *decode_ucs1(Py_UCS1 *d, Py_UCS1 *dend, const unsigned char *p, const unsigned char *end) {
    while (p < end && d < dend) {
        unsigned c = *p;
        if (c < 0x80) {
            *d++ = (Py_UCS1)c;
            p++;
        } else {
            if (p + 1 >= end) break;
            *d++ = (Py_UCS1)(((c & 0x1F) << 6) | (p[1] & 0x3F));
            p += 2;
        }
    }
    return d;
}

/* One character of up to three bytes, for the UCS2 decoders. Returns NULL when it is cut short. */
static inline const unsigned char *decode_one_ucs2(Py_UCS2 *d, const unsigned char *p, const unsigned char *end) {
    unsigned c = *p;
    if (c < 0x80) {
        *d = (Py_UCS2)c;
        return p + 1;
    }
    if (c < 0xE0) {
        if (p + 1 >= end) return NULL;
        *d = (Py_UCS2)(((c & 0x1F) << 6) | (p[1] & 0x3F));
        return p + 2;
    }
    if (p + 2 >= end) return NULL;
    *d = (Py_UCS2)(((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
    return p + 3;
}

static Py_UCS2 *decode_ucs2(Py_UCS2 *d, Py_UCS2 *dend, const unsigned char *p, const unsigned char *end) {
    while (p < end && d < dend) {
        const unsigned char *next = decode_one_ucs2(d, p, end);
        if (!next) break;
        d++;
        p = next;
    }
    return d;
}

#if defined(__x86_64__) || defined(__i386__)
#include <tmmintrin.h>

/* For each pattern of character starts in bytes 0..8 (bit i: byte i is not a continuation
   byte), the shuffle that gathers each character starting in bytes 0..7 into a 16-bit lane:
   its first byte low, its second byte (for a two-byte character) high, else zero. */
static uint8_t ucs2_gather[512][16];
static int ucs2_simd = -1;   /* -1: not decided yet (the scalar decoder until then) */

static void ucs2_gather_init(void) {
    for (unsigned starts = 0; starts < 512; starts++) {
        unsigned lane = 0;
        memset(ucs2_gather[starts], 0x80, 16);
        for (unsigned i = 0; i < 8; i++) {
            if (!((starts >> i) & 1)) continue;
            ucs2_gather[starts][2 * lane] = (uint8_t)i;
            if (!((starts >> (i + 1)) & 1)) ucs2_gather[starts][2 * lane + 1] = (uint8_t)(i + 1);
            lane++;
        }
    }
    ucs2_simd = __builtin_cpu_supports("ssse3") && __builtin_cpu_supports("popcnt") ? 1 : 0;
}

/* Eight UCS2 lanes from a 16-byte load and its gather pattern (ucs2_gather). */
__attribute__((target("ssse3"), always_inline))
static inline __m128i ucs2_lanes(__m128i x, unsigned starts) {
    const __m128i low5 = _mm_set1_epi16(0x1F), low6 = _mm_set1_epi16(0x3F), lowByte = _mm_set1_epi16(0xFF);
    __m128i y = _mm_shuffle_epi8(x, _mm_loadu_si128((const __m128i *)ucs2_gather[starts]));
    __m128i lead = _mm_and_si128(y, lowByte);
    __m128i two = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(lead, low5), 6),
                               _mm_and_si128(_mm_srli_epi16(y, 8), low6));
    __m128i isAscii = _mm_cmplt_epi16(lead, _mm_set1_epi16(0x80));
    return _mm_or_si128(_mm_and_si128(isAscii, lead), _mm_andnot_si128(isAscii, two));
}

/* Two gathers per step: the characters starting in bytes 0..7, then in the eight bytes after
   them (from byte 8, or 9 when a character crosses byte 8), so the loop's chain from one step's
   bytes to the next step's address is walked once per about 16 bytes. A three-byte character
   in the bytes a step reads: from byte 8 on, the step's first gather only; before it, the
   characters up to it and it the scalar way (one at a time, each with the step's checks, a
   quotation mark cost up to 16 rounds). */
__attribute__((target("ssse3,popcnt")))
static Py_UCS2 *decode_ucs2_ssse3(Py_UCS2 *d, Py_UCS2 *dend, const unsigned char *p, const unsigned char *end) {
    const __m128i top2 = _mm_set1_epi8((char)0xC0), continuation = _mm_set1_epi8((char)0x80);
    const __m128i three = _mm_set1_epi8((char)0xE0);
#define CONT(v) ((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, top2), continuation)))
#define WIDE(v) ((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(v, three), v)))
    while (p + 32 <= end && d + 16 <= dend) {
        __m128i x = _mm_loadu_si128((const __m128i *)p), x2 = _mm_loadu_si128((const __m128i *)(p + 16));
        unsigned wide = WIDE(x) | (WIDE(x2) & 1) << 16;
        unsigned starts = ~(CONT(x) | CONT(x2) << 16);
        unsigned first = starts & 0x1FF;
        unsigned e = (first & 0x100) ? 8 : 9;
        if (wide) {
            unsigned k = (unsigned)__builtin_ctz(wide);
            if (k >= 8) {
                /* (A lead in byte 8 makes e 8: the characters before e hold no three-byte one.) */
                _mm_storeu_si128((__m128i *)d, ucs2_lanes(x, first));
                d += (unsigned)__builtin_popcount(first & 0xFF);
                p += e;
                continue;
            }
            const unsigned char *wideStart = p + k;
            while (p <= wideStart) {
                const unsigned char *next = decode_one_ucs2(d, p, end);
                if (!next) return d;
                d++;
                p = next;
            }
            continue;
        }
        unsigned second = (starts >> e) & 0x1FF;
        __m128i xe = _mm_loadu_si128((const __m128i *)(p + e));
        unsigned count = (unsigned)__builtin_popcount(first & 0xFF);
        _mm_storeu_si128((__m128i *)d, ucs2_lanes(x, first));
        _mm_storeu_si128((__m128i *)(d + count), ucs2_lanes(xe, second));
        d += count + (unsigned)__builtin_popcount(second & 0xFF);
        p += e + ((second & 0x100) ? 8 : 9);
    }
#undef CONT
#undef WIDE
    return decode_ucs2(d, dend, p, end);
}
#endif

/* decode_ucs2, by the SSSE3 decoder where the processor has it. */
static inline Py_UCS2 *decode_ucs2_fast(Py_UCS2 *d, Py_UCS2 *dend, const unsigned char *p, const unsigned char *end) {
#if defined(__x86_64__) || defined(__i386__)
    if (ucs2_simd > 0) return decode_ucs2_ssse3(d, dend, p, end);
#endif
    return decode_ucs2(d, dend, p, end);
}

/* Prepares the decoders (the module's initialization, before any thread decodes). */
static void utf8_to_ucs_init(void) {
#if defined(__x86_64__) || defined(__i386__)
    ucs2_gather_init();
#endif
}

static Py_UCS4 *decode_ucs4(Py_UCS4 *d, Py_UCS4 *dend, const unsigned char *p, const unsigned char *end) {
    while (p < end && d < dend) {
        unsigned c = *p;
        if (c < 0x80) {
            *d++ = c;
            p++;
        } else if (c < 0xE0) {
            if (p + 1 >= end) break;
            *d++ = ((c & 0x1F) << 6) | (p[1] & 0x3F);
            p += 2;
        } else if (c < 0xF0) {
            if (p + 2 >= end) break;
            *d++ = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            p += 3;
        } else {
            if (p + 3 >= end) break;
            *d++ = ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
            p += 4;
        }
    }
    return d;
}

#endif
