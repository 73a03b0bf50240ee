// The block scan's inline part is in include/block_scan.h (static inline, so that the Swift engine
// inlines it). The block run lives here: compiled for AVX2 (32-byte blocks) and for SSSE3 (16-byte
// blocks), chosen at run time. Both class bytes with the same nibble lookups and share the scalar
// part: which lanes the run takes (`arn_clean_length`). The two kernels are the same steps at two
// vector widths, written out twice on purpose: a body generated from macros over the intrinsics
// would hide what each instruction does, and the SSSE3 one is kept for x86-64 machines without
// AVX2 (and tested on every machine with `ARNORM_BLOCK_RUN=16`).
#include "block_scan.h"

#if defined(__x86_64__)
#include <immintrin.h>

/// One block's lanes (bit i: lane i) by what they hold.
typedef struct {
    uint32_t ascii;              // plain ASCII
    uint32_t leads;              // first bytes of plain or replaced U+0600–U+06FF characters
    uint32_t newlines, spaces;
    uint32_t asciiSeparators;    // ASCII separators
    uint32_t arabicSeparators;   // first bytes of U+0600–U+06FF separators
    uint32_t punctuation;        // first bytes of plain U+2000–U+203F characters (three bytes)
    uint32_t punctuationSeparators;  // first bytes of U+2000–U+203F separators (quotation marks)
} arn_lanes;

/// How many bytes from the block's start the run takes (`arn_block_run` says which), never
/// ending between a lead and its trail.
static inline unsigned arn_clean_length(arn_lanes l, unsigned width, unsigned flags, int inlineSpaces,
                                        int spaceFirst) {
    uint32_t leads = l.leads, triples = l.punctuation;
    uint32_t starts = l.ascii | leads | triples;
    // A good lead's trail is good, and a three-byte character's last two bytes.
    uint32_t good = starts | (leads << 1) | (triples << 1) | (triples << 2) | l.newlines;
    uint32_t separators = 0;
    if (flags & ARN_RUN_SEPARATORS) {
        // A separator after ASCII, a space or a line feed (it follows no Arabic word), or before
        // a space or a line feed (it splits no word).
        uint32_t breaks = l.spaces | l.newlines;
        uint32_t afterBreak = (breaks | l.ascii) << 1;
        uint32_t two = l.arabicSeparators & ((breaks >> 2) | afterBreak);
        uint32_t three = l.punctuationSeparators & ((breaks >> 3) | afterBreak);
        separators = (l.asciiSeparators & ((breaks >> 1) | afterBreak)) | two | three;
        good |= separators | (two << 1) | (three << 1) | (three << 2);
        leads |= two;
        triples |= three;
    }
    if (inlineSpaces) {
        // Not after another space or a line feed (first only if allowed), and before a character
        // or a separator the run takes.
        uint32_t after = ~((l.spaces | l.newlines) << 1) & (spaceFirst ? ~0u : ~1u);
        good |= l.spaces & after & ((starts | separators) >> 1);
    }
    uint32_t bad = ~good & (uint32_t)((1ull << width) - 1);
    unsigned m = bad ? (unsigned)__builtin_ctz(bad) : width;
    if (m > 0 && (leads >> (m - 1)) & 1) m -= 1;
    else if (m > 0 && (triples >> (m - 1)) & 1) m -= 1;
    else if (m > 1 && (triples >> (m - 2)) & 1) m -= 2;
    return m;
}

/// The lanes below `m`.
static inline uint32_t arn_prefix(unsigned m) { return (uint32_t)((1ull << m) - 1); }

__attribute__((target("avx2,popcnt,bmi")))
static size_t arn_block_run_avx2(const uint8_t *in, size_t n, uint8_t *out, const arn_run_tables *t,
                                 unsigned flags, arn_run_counts *counts) {
#define B16(field) _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(field)))
    const __m256i zero = _mm256_setzero_si256();
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    const __m256i asciiLo = B16(t->asciiLo), asciiHi = B16(t->asciiHi);
    const __m256i arabicLo = B16(t->arabicLo), arabicHi = B16(t->arabicHi);
    const __m256i asciiPlain = B16(t->asciiPlain), asciiSeparator = B16(t->asciiSeparator);
    const __m256i arabicPlain = B16(t->arabicPlain), arabicSeparator = B16(t->arabicSeparator);
    const __m256i punctuationLo = B16(t->punctuationLo), punctuationHi = B16(t->punctuationHi);
    const __m256i punctuationPlain = B16(t->punctuationPlain), punctuationSeparator = B16(t->punctuationSeparator);
    const unsigned mapCount = t->mapCount;
    const int inlineSpaces = t->inlineSpaces != 0;
    int spaceFirst = (flags & ARN_RUN_SPACE_FIRST) != 0;
    // Lanes whose class shares a bit with `mask`.
#define ANY(cls, mask) (~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(cls, mask), zero)))
    // Bytes moved one lane up, across the two halves.
#define UP1(v) _mm256_alignr_epi8(v, _mm256_permute2x128_si256(v, v, 0x08), 15)
    size_t k = 0;
    while (k + 34 <= n) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(in + k));
        __m256i next = _mm256_loadu_si256((const __m256i *)(in + k + 1));    // the byte after each lane
        // ASCII: the low-nibble index keeps bit 7, which makes pshufb give 0 for the other bytes.
        __m256i asciiClass = _mm256_and_si256(
            _mm256_shuffle_epi8(asciiLo, _mm256_and_si256(x, _mm256_set1_epi8((char)0x8F))),
            _mm256_shuffle_epi8(asciiHi, _mm256_and_si256(_mm256_srli_epi16(x, 4), nibble)));
        // Leads D8-DB followed by a continuation byte; the code point's low byte is
        // (lead & 3) << 6 | (trail & 0x3F).
        __m256i d = _mm256_sub_epi8(x, _mm256_set1_epi8((char)0xD8));
        __m256i lead = _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(3)), d);
        __m256i trail = _mm256_cmpeq_epi8(_mm256_and_si256(next, _mm256_set1_epi8((char)0xC0)),
                                          _mm256_set1_epi8((char)0x80));
        __m256i low = _mm256_or_si256(_mm256_and_si256(next, _mm256_set1_epi8(0x3F)),
                                      _mm256_and_si256(_mm256_slli_epi16(x, 6), _mm256_set1_epi8((char)0xC0)));
        __m256i arabicClass = _mm256_and_si256(
            _mm256_and_si256(_mm256_shuffle_epi8(arabicLo, _mm256_and_si256(low, nibble)),
                             _mm256_shuffle_epi8(arabicHi, _mm256_and_si256(_mm256_srli_epi16(low, 4), nibble))),
            _mm256_and_si256(lead, trail));
        arn_lanes l;
        l.ascii = ANY(asciiClass, asciiPlain);
        l.leads = ANY(arabicClass, arabicPlain);
        l.newlines = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, _mm256_set1_epi8('\n')));
        l.spaces = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, _mm256_set1_epi8(' ')));
        l.asciiSeparators = l.arabicSeparators = l.punctuation = l.punctuationSeparators = 0;
        __m256i written = x;
        uint32_t mapped = 0;
        if (mapCount) {
            // A replaced character's lead lane takes its target's lead, the lane after it the trail.
            __m256i hit = zero, newLead = zero, newTrail = zero;
            for (unsigned g = 0; g < mapCount; g++) {
                __m256i bit = B16(t->mapBit[g]);
                __m256i m = _mm256_cmpeq_epi8(_mm256_and_si256(arabicClass, bit), bit);
                hit = _mm256_or_si256(hit, m);
                newLead = _mm256_or_si256(newLead, _mm256_and_si256(m, B16(t->mapLead[g])));
                newTrail = _mm256_or_si256(newTrail, _mm256_and_si256(m, B16(t->mapTrail[g])));
            }
            mapped = (uint32_t)_mm256_movemask_epi8(hit);
            if (mapped) {
                __m256i both = _mm256_or_si256(hit, UP1(hit));
                written = _mm256_or_si256(_mm256_andnot_si256(both, x), _mm256_or_si256(newLead, UP1(newTrail)));
                l.leads |= mapped;
            }
        }
        _mm256_storeu_si256((__m256i *)(out + k), written);
        unsigned m = arn_clean_length(l, 32, flags, inlineSpaces, spaceFirst);
        if (m < 30) {
            // What most blocks do without: separators and U+2000–U+203F (E2 80 xx, by the last
            // byte: its class is 0 unless it is a continuation byte of the set).
            l.asciiSeparators = ANY(asciiClass, asciiSeparator);
            l.arabicSeparators = ANY(arabicClass, arabicSeparator);
            __m256i next2 = _mm256_loadu_si256((const __m256i *)(in + k + 2));
            __m256i punctuationClass = _mm256_and_si256(
                _mm256_shuffle_epi8(punctuationLo, _mm256_and_si256(next2, nibble)),
                _mm256_shuffle_epi8(punctuationHi, _mm256_and_si256(_mm256_srli_epi16(next2, 4), nibble)));
            punctuationClass = _mm256_and_si256(punctuationClass, _mm256_and_si256(
                _mm256_cmpeq_epi8(x, _mm256_set1_epi8((char)0xE2)), _mm256_cmpeq_epi8(next, _mm256_set1_epi8((char)0x80))));
            l.punctuation = ANY(punctuationClass, punctuationPlain);
            l.punctuationSeparators = ANY(punctuationClass, punctuationSeparator);
            m = arn_clean_length(l, 32, flags, inlineSpaces, spaceFirst);
        }
        if (mapped & arn_prefix(m)) {
            for (unsigned g = 0; g < mapCount; g++) {
                __m256i bit = B16(t->mapBit[g]);
                uint32_t lanes = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(arabicClass, bit), bit));
                counts->replaced[g] += (uint32_t)__builtin_popcount(lanes & arn_prefix(m));
            }
        }
        k += m;
        if (m < 30) break;
        spaceFirst = out[k - 1] != ' ' && out[k - 1] != '\n';
    }
#undef ANY
#undef UP1
#undef B16
    return k;
}

__attribute__((target("ssse3,popcnt")))
static size_t arn_block_run_ssse3(const uint8_t *in, size_t n, uint8_t *out, const arn_run_tables *t,
                                  unsigned flags, arn_run_counts *counts) {
#define L16(field) _mm_loadu_si128((const __m128i *)(field))
    const __m128i zero = _mm_setzero_si128();
    const __m128i nibble = _mm_set1_epi8(0x0F);
    const __m128i asciiLo = L16(t->asciiLo), asciiHi = L16(t->asciiHi);
    const __m128i arabicLo = L16(t->arabicLo), arabicHi = L16(t->arabicHi);
    const __m128i asciiPlain = L16(t->asciiPlain), asciiSeparator = L16(t->asciiSeparator);
    const __m128i arabicPlain = L16(t->arabicPlain), arabicSeparator = L16(t->arabicSeparator);
    const __m128i punctuationLo = L16(t->punctuationLo), punctuationHi = L16(t->punctuationHi);
    const __m128i punctuationPlain = L16(t->punctuationPlain), punctuationSeparator = L16(t->punctuationSeparator);
    const unsigned mapCount = t->mapCount;
    const int inlineSpaces = t->inlineSpaces != 0;
    int spaceFirst = (flags & ARN_RUN_SPACE_FIRST) != 0;
#define ANY(cls, mask) (~(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(cls, mask), zero)) & 0xFFFFu)
    size_t k = 0;
    while (k + 18 <= n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(in + k));
        __m128i next = _mm_loadu_si128((const __m128i *)(in + k + 1));
        __m128i asciiClass = _mm_and_si128(_mm_shuffle_epi8(asciiLo, _mm_and_si128(x, _mm_set1_epi8((char)0x8F))),
                                           _mm_shuffle_epi8(asciiHi, _mm_and_si128(_mm_srli_epi16(x, 4), nibble)));
        __m128i d = _mm_sub_epi8(x, _mm_set1_epi8((char)0xD8));
        __m128i lead = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(3)), d);
        __m128i trail = _mm_cmpeq_epi8(_mm_and_si128(next, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80));
        __m128i low = _mm_or_si128(_mm_and_si128(next, _mm_set1_epi8(0x3F)),
                                   _mm_and_si128(_mm_slli_epi16(x, 6), _mm_set1_epi8((char)0xC0)));
        __m128i arabicClass = _mm_and_si128(
            _mm_and_si128(_mm_shuffle_epi8(arabicLo, _mm_and_si128(low, nibble)),
                          _mm_shuffle_epi8(arabicHi, _mm_and_si128(_mm_srli_epi16(low, 4), nibble))),
            _mm_and_si128(lead, trail));
        arn_lanes l;
        l.ascii = ANY(asciiClass, asciiPlain);
        l.leads = ANY(arabicClass, arabicPlain);
        l.newlines = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
        l.spaces = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
        l.asciiSeparators = l.arabicSeparators = l.punctuation = l.punctuationSeparators = 0;
        __m128i written = x;
        uint32_t mapped = 0;
        if (mapCount) {
            __m128i hit = zero, newLead = zero, newTrail = zero;
            for (unsigned g = 0; g < mapCount; g++) {
                __m128i bit = L16(t->mapBit[g]);
                __m128i m = _mm_cmpeq_epi8(_mm_and_si128(arabicClass, bit), bit);
                hit = _mm_or_si128(hit, m);
                newLead = _mm_or_si128(newLead, _mm_and_si128(m, L16(t->mapLead[g])));
                newTrail = _mm_or_si128(newTrail, _mm_and_si128(m, L16(t->mapTrail[g])));
            }
            mapped = (uint32_t)_mm_movemask_epi8(hit);
            if (mapped) {
                __m128i both = _mm_or_si128(hit, _mm_slli_si128(hit, 1));
                written = _mm_or_si128(_mm_andnot_si128(both, x), _mm_or_si128(newLead, _mm_slli_si128(newTrail, 1)));
                l.leads |= mapped;
            }
        }
        _mm_storeu_si128((__m128i *)(out + k), written);
        unsigned m = arn_clean_length(l, 16, flags, inlineSpaces, spaceFirst);
        if (m < 14) {
            l.asciiSeparators = ANY(asciiClass, asciiSeparator);
            l.arabicSeparators = ANY(arabicClass, arabicSeparator);
            __m128i next2 = _mm_loadu_si128((const __m128i *)(in + k + 2));
            __m128i punctuationClass = _mm_and_si128(
                _mm_shuffle_epi8(punctuationLo, _mm_and_si128(next2, nibble)),
                _mm_shuffle_epi8(punctuationHi, _mm_and_si128(_mm_srli_epi16(next2, 4), nibble)));
            punctuationClass = _mm_and_si128(punctuationClass, _mm_and_si128(
                _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE2)), _mm_cmpeq_epi8(next, _mm_set1_epi8((char)0x80))));
            l.punctuation = ANY(punctuationClass, punctuationPlain);
            l.punctuationSeparators = ANY(punctuationClass, punctuationSeparator);
            m = arn_clean_length(l, 16, flags, inlineSpaces, spaceFirst);
        }
        if (mapped & arn_prefix(m)) {
            for (unsigned g = 0; g < mapCount; g++) {
                __m128i bit = L16(t->mapBit[g]);
                uint32_t lanes = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(arabicClass, bit), bit));
                counts->replaced[g] += (uint32_t)__builtin_popcount(lanes & arn_prefix(m));
            }
        }
        k += m;
        if (m < 14) break;
        spaceFirst = out[k - 1] != ' ' && out[k - 1] != '\n';
    }
#undef ANY
#undef L16
    return k;
}

int arn_block_run_available(void) {
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("popcnt")) return 0;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi")) return 32;
    return __builtin_cpu_supports("ssse3") ? 16 : 0;
}

size_t arn_block_run(const uint8_t *in, size_t n, uint8_t *out, const arn_run_tables *t, unsigned flags,
                     arn_run_counts *counts) {
    return t->width == 32 ? arn_block_run_avx2(in, n, out, t, flags, counts)
                          : arn_block_run_ssse3(in, n, out, t, flags, counts);
}

#else

int arn_block_run_available(void) { return 0; }

size_t arn_block_run(const uint8_t *in, size_t n, uint8_t *out, const arn_run_tables *t, unsigned flags,
                     arn_run_counts *counts) {
    (void)in; (void)n; (void)out; (void)t; (void)flags; (void)counts;
    return 0;
}

#endif
