/* UTF-8 to CPython's string kinds (UCS1, UCS2, UCS4), for the engine's output.
 *
 * The input is valid UTF-8 (the library writes nothing else). utf8_measure() gives the length
 * and kind of the str to allocate; the decoders stop at either end, so a mistake can only leave
 * characters unset, never write past the string.
 *
 * decode_ucs2 is the scalar decoder (and the oracle of the others); fill_string calls
 * decode_ucs2_fast, which picks, by what the processor has (decided once, utf8_to_ucs_init):
 *   - AVX-512 (BW, VBMI, VBMI2): 32 input positions per step, one- to three-byte characters,
 *     the end of the text by masked loads; its steps do not wait on each other. On news lines
 *     it made the per-call path 1.3x as fast as the SSSE3 decoder (A/B, alternated).
 *   - SSSE3: one- and two-byte characters (Arabic with ASCII spaces and digits) about 16 input
 *     bytes per step with two shuffles, three-byte characters the scalar way.
 * encode_utf8 goes the other way, for the engine's input (a str's characters to UTF-8, lone
 * surrogates as U+FFFD; AVX-512 for UCS2 below U+0800).
 * utf8_measure_fast is utf8_measure, with AVX-512 where there is. ARNORM_NO_AVX512=1 in the
 * environment at import keeps the AVX-512 code unused (the tests run the SSSE3 decoder so).
 */
#ifndef ARNORM_UTF8_TO_UCS_H
#define ARNORM_UTF8_TO_UCS_H

#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
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

#if defined(__x86_64__)
#include <immintrin.h>

/* AVX-512 (BW, VBMI, VBMI2: Ice Lake and later, Zen 4): 32 character positions per step from one
   64-byte load, masked at the end of the text, so no scalar tail. Word i of one byte
   permutation is byte i | byte i+1 << 8, of another byte i+2; every position is decoded as if a
   character started there (one, two or three bytes, chosen by the lead byte's mask), and the
   positions where one does start are compressed together (vpcompressw) and stored. A character
   starting in positions 0..31 ends by byte 33, inside the load; the next step starts after it. */
static int ucs_avx512 = 0;
static uint8_t avx512_pairs[64], avx512_third[64];

__attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,bmi,bmi2,popcnt")))
static Py_UCS2 *decode_ucs2_avx512(Py_UCS2 *d, Py_UCS2 *dend, const unsigned char *p, const unsigned char *end) {
    const __m512i pairs = _mm512_loadu_si512(avx512_pairs), third = _mm512_loadu_si512(avx512_third);
    const __m512i top2 = _mm512_set1_epi8((char)0xC0), continuation = _mm512_set1_epi8((char)0x80);
    const __m512i lead3 = _mm512_set1_epi8((char)0xE0), lead4 = _mm512_set1_epi8((char)0xF0);
    const __m512i low8 = _mm512_set1_epi16(0xFF), low6 = _mm512_set1_epi16(0x3F), low5 = _mm512_set1_epi16(0x1F),
                  low4 = _mm512_set1_epi16(0x0F);
    /* The steps are independent but for the output position: input positions advance by 32 whatever
       was decoded, so no step waits for the one before it to find where it starts. */
    size_t n = (size_t)(end - p), i = 0;
    for (; i < n; i += 32) {
        size_t left = n - i;
        __mmask64 valid = left >= 64 ? ~(__mmask64)0 : (__mmask64)_bzhi_u64(~0ULL, (unsigned)left);
        __m512i x = _mm512_maskz_loadu_epi8(valid, p + i);
        __mmask64 cont = _mm512_cmpeq_epi8_mask(_mm512_and_si512(x, top2), continuation);
        __mmask32 starts = (__mmask32)(~cont & valid);
        if (_mm512_mask_cmpge_epu8_mask((__mmask64)starts, x, lead4)) break; /* not UCS2 */
        __mmask32 ascii = (__mmask32)~_mm512_movepi8_mask(x);
        __mmask32 three = (__mmask32)_mm512_cmpge_epu8_mask(x, lead3);
        __m512i w = _mm512_permutexvar_epi8(pairs, x);                                   /* b0 | b1 << 8 */
        __m512i b2 = _mm512_maskz_permutexvar_epi8(0x5555555555555555ULL, third, x);     /* b2 */
        __m512i t1 = _mm512_and_si512(_mm512_srli_epi16(w, 8), low6);
        __m512i v = _mm512_or_si512(_mm512_slli_epi16(_mm512_and_si512(w, low5), 6), t1);
        __m512i v3 = _mm512_or_si512(_mm512_or_si512(_mm512_slli_epi16(_mm512_and_si512(w, low4), 12),
                                                     _mm512_slli_epi16(t1, 6)),
                                     _mm512_and_si512(b2, low6));
        v = _mm512_mask_mov_epi16(v, three, v3);
        v = _mm512_mask_mov_epi16(v, ascii, _mm512_and_si512(w, low8));
        size_t count = (size_t)_mm_popcnt_u32((unsigned)starts), room = (size_t)(dend - d);
        __m512i packed = _mm512_maskz_compress_epi16(starts, v);
        if (count > room) { /* never with the measured length */
            _mm512_mask_storeu_epi16(d, (__mmask32)_bzhi_u32(~0u, (unsigned)room), packed);
            return dend;
        }
        _mm512_mask_storeu_epi16(d, (__mmask32)_bzhi_u32(~0u, (unsigned)count), packed);
        d += count;
    }
    if (i >= n) return d;
    /* a four-byte character: the scalar decoder from the first character starting at or after p + i */
    p += i;
    while (p < end && (*p & 0xC0) == 0x80) p++;
    return decode_ucs2(d, dend, p, end);
}

/* utf8_measure, 64 bytes per step. */
__attribute__((target("avx512f,avx512bw,bmi,bmi2,popcnt")))
static void utf8_measure_avx512(const unsigned char *s, size_t n, Py_ssize_t *chars, Py_UCS4 *maxchar) {
    __m512i top = _mm512_setzero_si512();
    const __m512i top2 = _mm512_set1_epi8((char)0xC0), continuation = _mm512_set1_epi8((char)0x80);
    size_t cont = 0;
    for (size_t i = 0; i < n; i += 64) {
        size_t left = n - i;
        __mmask64 valid = left >= 64 ? ~(__mmask64)0 : (__mmask64)_bzhi_u64(~0ULL, (unsigned)left);
        __m512i x = _mm512_maskz_loadu_epi8(valid, s + i);
        cont += (size_t)_mm_popcnt_u64(_mm512_cmpeq_epi8_mask(_mm512_and_si512(x, top2), continuation));
        top = _mm512_max_epu8(top, x);
    }
    *chars = (Py_ssize_t)(n - cont);
    *maxchar = _mm512_cmpge_epu8_mask(top, _mm512_set1_epi8((char)0xF0))   ? 0x10FFFF
               : _mm512_cmpge_epu8_mask(top, _mm512_set1_epi8((char)0xC4)) ? 0xFFFF
               : _mm512_movepi8_mask(top)                                   ? 0xFF
                                                                            : 0x7F;
}
#endif

/* ---------------------------------------------------------------------------------------
 * The other way: a str's characters (UCS1, UCS2, UCS4) to UTF-8, lone surrogates as U+FFFD (EF BF
 * BD), for a str whose UTF-8 CPython has not cached: a batch encodes it on its threads, without
 * the GIL, instead of having CPython make (and keep) that UTF-8 on the calling thread.
 * `out` has room for 2 bytes per UCS1 character, 3 per UCS2, 4 per UCS4. Returns the bytes
 * written; *replaced is set when a lone surrogate was replaced.
 * ------------------------------------------------------------------------------------- */

static inline unsigned char *encode_one(unsigned char *o, Py_UCS4 c, int *replaced) {
    if (c < 0x80) {
        *o++ = (unsigned char)c;
    } else if (c < 0x800) {
        *o++ = (unsigned char)(0xC0 | (c >> 6));
        *o++ = (unsigned char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        if (c >= 0xD800 && c <= 0xDFFF) {
            c = 0xFFFD;
            *replaced = 1;
        }
        *o++ = (unsigned char)(0xE0 | (c >> 12));
        *o++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (unsigned char)(0x80 | (c & 0x3F));
    } else {
        *o++ = (unsigned char)(0xF0 | (c >> 18));
        *o++ = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
        *o++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (unsigned char)(0x80 | (c & 0x3F));
    }
    return o;
}

#if defined(__x86_64__)
/* UCS2 below U+0800 (Arabic, with ASCII), 32 characters per step: each as a 16-bit lane holding
   its one or two UTF-8 bytes, the lanes' bytes compressed together (vpcompressb). A step with a
   character from U+0800 up goes the scalar way. */
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,bmi,bmi2,popcnt")))
static unsigned char *encode_ucs2_avx512(unsigned char *o, const Py_UCS2 *s, size_t n, int *replaced) {
    const __m512i ascii_end = _mm512_set1_epi16(0x80), wide = _mm512_set1_epi16(0x800);
    const __m512i lead = _mm512_set1_epi16(0xC0), cont = _mm512_set1_epi16(0x80), low6 = _mm512_set1_epi16(0x3F);
    for (size_t i = 0; i < n; i += 32) {
        size_t left = n - i;
        __mmask32 valid = left >= 32 ? ~(__mmask32)0 : (__mmask32)_bzhi_u32(~0u, (unsigned)left);
        __m512i x = _mm512_maskz_loadu_epi16(valid, s + i);
        if (_mm512_cmpge_epu16_mask(x, wide)) {
            size_t m = left < 32 ? left : 32;
            for (size_t k = 0; k < m; k++) o = encode_one(o, s[i + k], replaced);
            continue;
        }
        __mmask32 two = _mm512_cmpge_epu16_mask(x, ascii_end);
        /* a two-byte character: lead (C0 | c >> 6) low, continuation (80 | c & 3F) high */
        __m512i pair = _mm512_or_si512(_mm512_or_si512(_mm512_srli_epi16(x, 6), lead),
                                       _mm512_slli_epi16(_mm512_or_si512(_mm512_and_si512(x, low6), cont), 8));
        __m512i v = _mm512_mask_mov_epi16(x, two, pair);
        __mmask64 keep = (__mmask64)_pdep_u64((unsigned long long)valid, 0x5555555555555555ULL) |
                         (__mmask64)_pdep_u64((unsigned long long)two, 0xAAAAAAAAAAAAAAAAULL);
        unsigned count = (unsigned)_mm_popcnt_u64(keep);
        _mm512_mask_storeu_epi8(o, (__mmask64)_bzhi_u64(~0ULL, count), _mm512_maskz_compress_epi8(keep, v));
        o += count;
    }
    return o;
}
#endif

static size_t encode_utf8(int kind, const void *data, size_t n, unsigned char *out, int *replaced) {
    unsigned char *o = out;
    *replaced = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *s = data;
        for (size_t i = 0; i < n; i++) {
            unsigned c = s[i];
            if (c < 0x80) {
                *o++ = (unsigned char)c;
            } else {
                *o++ = (unsigned char)(0xC0 | (c >> 6));
                *o++ = (unsigned char)(0x80 | (c & 0x3F));
            }
        }
    } else if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *s = data;
#if defined(__x86_64__)
        if (ucs_avx512 > 0) return (size_t)(encode_ucs2_avx512(o, s, n, replaced) - out);
#endif
        for (size_t i = 0; i < n; i++) o = encode_one(o, s[i], replaced);
    } else {
        const Py_UCS4 *s = data;
        for (size_t i = 0; i < n; i++) o = encode_one(o, s[i], replaced);
    }
    return (size_t)(o - out);
}

/* utf8_measure, with AVX-512 where the processor has it. */
static inline void utf8_measure_fast(const unsigned char *s, size_t n, Py_ssize_t *chars, Py_UCS4 *maxchar) {
#if defined(__x86_64__)
    if (ucs_avx512 > 0) {
        utf8_measure_avx512(s, n, chars, maxchar);
        return;
    }
#endif
    utf8_measure(s, n, chars, maxchar);
}

/* decode_ucs2, by the AVX-512 or SSSE3 decoder where the processor has it. */
static inline Py_UCS2 *decode_ucs2_fast(Py_UCS2 *d, Py_UCS2 *dend, const unsigned char *p, const unsigned char *end) {
#if defined(__x86_64__)
    if (ucs_avx512 > 0) return decode_ucs2_avx512(d, dend, p, end);
#endif
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
#if defined(__x86_64__)
    for (int i = 0; i < 32; i++) {
        avx512_pairs[2 * i] = (uint8_t)i;
        avx512_pairs[2 * i + 1] = (uint8_t)(i + 1);
        avx512_third[2 * i] = (uint8_t)(i + 2);
        avx512_third[2 * i + 1] = 0;
    }
    const char *off = getenv("ARNORM_NO_AVX512");
    ucs_avx512 = (off == NULL || *off == 0) && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                 __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi") &&
                 __builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("bmi2") &&
                 __builtin_cpu_supports("popcnt");
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
