#include "span_scan.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <emmintrin.h>
#define ARN_SPAN_SSE2 1
#endif

static inline int is_candidate(uint8_t b, const uint8_t ascii[8], uint8_t high) {
    if (high != 0 && b >= high) return 1;
    for (int k = 0; k < 8; k++) if (b == ascii[k]) return 1;
    return 0;
}

size_t arn_span_candidate(const uint8_t *p, size_t n, size_t from, const uint8_t ascii[8], uint8_t high) {
    size_t i = from;
#ifdef ARN_SPAN_SSE2
    const __m128i a0 = _mm_set1_epi8((char)ascii[0]), a1 = _mm_set1_epi8((char)ascii[1]);
    const __m128i a2 = _mm_set1_epi8((char)ascii[2]), a3 = _mm_set1_epi8((char)ascii[3]);
    const __m128i a4 = _mm_set1_epi8((char)ascii[4]), a5 = _mm_set1_epi8((char)ascii[5]);
    const __m128i a6 = _mm_set1_epi8((char)ascii[6]), a7 = _mm_set1_epi8((char)ascii[7]);
    /* b >= high (unsigned) is max(b, high) == b; with high 0 nothing is taken that way. */
    const __m128i h = _mm_set1_epi8((char)(high != 0 ? high : 0xFF));
    const int useHigh = high != 0;
    while (i + 16 <= n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, a0), _mm_cmpeq_epi8(x, a1)),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, a2), _mm_cmpeq_epi8(x, a3)));
        m = _mm_or_si128(m, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, a4), _mm_cmpeq_epi8(x, a5)),
                                         _mm_or_si128(_mm_cmpeq_epi8(x, a6), _mm_cmpeq_epi8(x, a7))));
        if (useHigh) m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_max_epu8(x, h), x));
        int bits = _mm_movemask_epi8(m);
        if (bits != 0) return i + (size_t)__builtin_ctz((unsigned)bits);
        i += 16;
    }
#endif
    for (; i < n; i++) if (is_candidate(p[i], ascii, high)) return i;
    return n;
}
