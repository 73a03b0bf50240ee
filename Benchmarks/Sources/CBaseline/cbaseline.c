// A hand-written table-driven UTF-8 pass: the "what C would do" baseline.
//
// One table entry per code point U+0000-U+07FF (ASCII and every two-byte sequence, which holds the
// whole Arabic block) gives the output bytes and their count (0, 1 or 2), so the loop over ASCII and
// two-byte characters has no data-dependent branch: decode, look up, store two bytes, advance by the
// count. Eight ASCII bytes at a time are copied in bulk. Three-byte sequences are checked against the
// few invisible characters; four-byte sequences are copied; ill-formed bytes become U+FFFD.
#include "cbaseline.h"
#include <string.h>

// Entry: bits 0-15 the output bytes (first byte lowest), bits 16-17 how many of them are written.
static uint32_t table2[0x800];
// The same with the `search` preset's letter maps too: teh marbuta, the hamza seats, keheh, farsi yeh.
static uint32_t table2_search[0x800];
// Lead-byte class: 0 ASCII, 1 a two-byte lead (C2-DF), 2 anything else (slow path).
static uint8_t lead_class[256];
static volatile int table_ready = 0;

static uint32_t copy_entry(unsigned c) {
    if (c < 0x80) return (1u << 16) | c;
    unsigned b0 = 0xC0 | (c >> 6), b1 = 0x80 | (c & 0x3F);
    return (2u << 16) | (b1 << 8) | b0;
}

static void build_tables(void) {
    for (unsigned c = 0; c < 0x800; c++) table2[c] = copy_entry(c);
    const uint32_t del = 0;
    for (unsigned c = 0x064B; c <= 0x065F; c++) table2[c] = del;     // harakat, other marks
    for (unsigned c = 0x0610; c <= 0x061A; c++) table2[c] = del;     // honorific and small marks
    table2[0x0640] = del;                                            // tatweel
    table2[0x0670] = del;                                            // superscript alef
    for (unsigned c = 0x06D6; c <= 0x06ED; c++)                      // Quranic annotation marks,
        if (c != 0x06E5 && c != 0x06E6) table2[c] = del;              // not small waw/yeh (letters)
    table2[0x00AD] = del;                                            // soft hyphen
    table2[0x061C] = del;                                            // Arabic letter mark
    const unsigned alefs[] = {0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675};
    for (unsigned k = 0; k < sizeof alefs / sizeof alefs[0]; k++) table2[alefs[k]] = copy_entry(0x0627);
    table2[0x0649] = copy_entry(0x064A);                             // alef maksura -> yeh
    for (unsigned d = 0; d < 10; d++) {                              // Arabic-Indic digits -> 0-9
        table2[0x0660 + d] = copy_entry('0' + d);
        table2[0x06F0 + d] = copy_entry('0' + d);
    }
    for (unsigned b = 0; b < 256; b++) lead_class[b] = b < 0x80 ? 0 : (b >= 0xC2 && b <= 0xDF) ? 1 : 2;
    memcpy(table2_search, table2, sizeof table2);
    table2_search[0x0629] = copy_entry(0x0647);                      // teh marbuta -> heh
    table2_search[0x0624] = copy_entry(0x0648);                      // waw with hamza -> waw
    table2_search[0x0626] = copy_entry(0x064A);                      // yeh with hamza -> yeh
    table2_search[0x06A9] = copy_entry(0x0643);                      // keheh -> kaf
    table2_search[0x06CC] = copy_entry(0x064A);                      // farsi yeh -> yeh
    table_ready = 1;
}

static inline const uint32_t *table2_standard(void) { return table2; }

static inline int is_cont(uint8_t b) { return (b & 0xC0) == 0x80; }

// Three-byte invisible characters: U+200B-U+200F, U+202A-U+202E, U+2060-U+2064, U+2066-U+2069, U+FEFF.
static inline int invisible3(uint8_t b0, uint8_t b1, uint8_t b2) {
    if (b0 == 0xE2) {
        if (b1 == 0x80) return (b2 >= 0x8B && b2 <= 0x8F) || (b2 >= 0xAA && b2 <= 0xAE);
        if (b1 == 0x81) return (b2 >= 0xA0 && b2 <= 0xA4) || (b2 >= 0xA6 && b2 <= 0xA9);
        return 0;
    }
    return b0 == 0xEF && b1 == 0xBB && b2 == 0xBF;
}

// Everything but ASCII and well-formed two-byte sequences, one character. Returns the bytes consumed.
static size_t slow(const uint32_t *table2, const uint8_t *in, size_t i, size_t n, uint8_t *out, size_t *po) {
    size_t o = *po;
    uint8_t b0 = in[i];
    if (b0 < 0x80) { out[o] = b0; *po = o + 1; return 1; }
    if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < n && is_cont(in[i + 1])) {
        uint32_t e = table2[((unsigned)(b0 & 0x1F) << 6) | (in[i + 1] & 0x3F)];
        out[o] = (uint8_t)e; out[o + 1] = (uint8_t)(e >> 8);
        *po = o + (e >> 16);
        return 2;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF && i + 2 < n && is_cont(in[i + 1]) && is_cont(in[i + 2])) {
        unsigned c = ((unsigned)(b0 & 0x0F) << 12) | ((unsigned)(in[i + 1] & 0x3F) << 6) | (in[i + 2] & 0x3F);
        if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
            if (!invisible3(b0, in[i + 1], in[i + 2])) { memcpy(out + o, in + i, 3); o += 3; }
            *po = o;
            return 3;
        }
    } else if (b0 >= 0xF0 && b0 <= 0xF4 && i + 3 < n && is_cont(in[i + 1]) && is_cont(in[i + 2]) && is_cont(in[i + 3])) {
        unsigned c = ((unsigned)(b0 & 0x07) << 18) | ((unsigned)(in[i + 1] & 0x3F) << 12)
                   | ((unsigned)(in[i + 2] & 0x3F) << 6) | (in[i + 3] & 0x3F);
        if (c >= 0x10000 && c <= 0x10FFFF) { memcpy(out + o, in + i, 4); *po = o + 4; return 4; }
    }
    out[o] = 0xEF; out[o + 1] = 0xBF; out[o + 2] = 0xBD;   // ill-formed: one byte becomes U+FFFD
    *po = o + 3;
    return 1;
}

#if defined(__SSE2__)
#include <emmintrin.h>

static inline __m128i in_range(__m128i x, uint8_t lo, uint8_t hi) {
    __m128i a = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8((char)lo)), x);
    __m128i b = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8((char)hi)), x);
    return _mm_and_si128(a, b);
}
static inline unsigned mask_of(__m128i v) { return (unsigned)_mm_movemask_epi8(v); }
static inline unsigned eq_mask(__m128i x, uint8_t b) { return mask_of(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)b))); }

// Looks at in[i..<i+16] (i a character boundary). Returns how many bytes from i need no change and
// are whole characters (up to 16); stops at the first character the table pass would change, at
// anything but ASCII and two-byte sequences, and at ill-formed bytes.
static inline unsigned clean_prefix(const uint8_t *p, const int search) {
    __m128i x = _mm_loadu_si128((const __m128i *)p);
    unsigned high = mask_of(x);
    if (high == 0) return 16;                                     // all ASCII
    unsigned lead2 = mask_of(in_range(x, 0xC2, 0xDF));
    unsigned cont = mask_of(in_range(x, 0x80, 0xBF));
    // Leads the fast path does not judge: C0-C1 (ill-formed), C2 (soft hyphen), DB (Quranic marks,
    // Extended digits), E0-FF (three- and four-byte sequences, ill-formed bytes).
    unsigned stop = (high & ~(lead2 | cont)) | eq_mask(x, 0xC2) | eq_mask(x, 0xDB);
    // Two-byte characters that change, flagged at their lead: after D8 the bytes 90-9C
    // (U+0610-U+061C), A2, A3, A5 (alef variants); after D9 the bytes 80 (tatweel), 89 (alef
    // maksura), 8B-A9 (harakat, marks, digits), B0-B5 (superscript alef, alef wasla and variants).
    unsigned c8 = mask_of(_mm_or_si128(_mm_or_si128(in_range(x, 0x90, 0x9C), in_range(x, 0xA2, 0xA3)),
                                       _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xA5))));
    unsigned c9 = mask_of(_mm_or_si128(_mm_or_si128(in_range(x, 0x8B, 0xA9), in_range(x, 0xB0, 0xB5)),
                                       _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x80)),
                                                    _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x89)))));
    if (search) {   // and after D8 the bytes A4, A6, A9 (the hamza seats, teh marbuta); DA (keheh)
        c8 |= mask_of(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xA4)), _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xA6))),
                                   _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xA9))));
        stop |= eq_mask(x, 0xDA);
    }
    stop |= (eq_mask(x, 0xD8) & (c8 >> 1)) | (eq_mask(x, 0xD9) & (c9 >> 1));
    // Structure: every continuation byte follows a two-byte lead and every lead is followed by one.
    unsigned bad = (cont ^ (lead2 << 1)) & 0xFFFF;
    if (bad) {
        unsigned b = (unsigned)__builtin_ctz(bad);
        unsigned at = (b > 0 && (lead2 >> (b - 1)) & 1) ? b - 1 : b;   // the character's start
        stop |= 1u << at;
    }
    if (stop) return (unsigned)__builtin_ctz(stop);
    return (lead2 >> 15) & 1 ? 15 : 16;                            // do not split the last character
}
#endif

static inline size_t normalize_body(const uint8_t *in, size_t n, uint8_t *out, const int search) {
    if (!table_ready) build_tables();
    const uint32_t *table2 = search ? table2_search : table2_standard();
    size_t i = 0, o = 0;
#if defined(__SSE2__)
    // Sixteen bytes at a time: copy the clean prefix, then one character through the table.
    while (i + 16 <= n) {
        unsigned k = clean_prefix(in + i, search);
        _mm_storeu_si128((__m128i *)(out + o), _mm_loadu_si128((const __m128i *)(in + i)));
        i += k; o += k;
        if (k < 15) {
            // A character to change: through the table one character at a time, to the end of this
            // block when the change came early (dense runs such as diacritized text), else just it.
            size_t end = k < 4 ? i - k + 16 : i + 1;
            while (i < end) {
                uint8_t b0 = in[i];
                if (b0 < 0x80) { out[o++] = b0; i++; continue; }
                uint8_t b1 = i + 1 < n ? in[i + 1] : 0;
                if (lead_class[b0] != 1 || (b1 & 0xC0) != 0x80 || i + 1 >= n) { i += slow(table2, in, i, n, out, &o); continue; }
                uint32_t e = table2[((unsigned)(b0 & 0x1F) << 6) | (b1 & 0x3F)];
                uint16_t bytes = (uint16_t)e;
                memcpy(out + o, &bytes, 2);
                o += e >> 16;
                i += 2;
            }
        }
    }
#else
    // Main loop: at least 8 readable bytes ahead, so the two-byte decode never reads past the end.
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, in + i, 8);
        if ((w & 0x8080808080808080ull) == 0) {
            memcpy(out + o, &w, 8);
            i += 8; o += 8;
            continue;
        }
        uint8_t b0 = in[i], b1 = in[i + 1];
        unsigned k = lead_class[b0];
        if (__builtin_expect(k == 2 || (k == 1 && (b1 & 0xC0) != 0x80), 0)) {
            i += slow(table2, in, i, n, out, &o);
            continue;
        }
        unsigned c = k ? (((unsigned)(b0 & 0x1F) << 6) | (b1 & 0x3F)) : b0;
        uint32_t e = table2[c];
        uint16_t bytes = (uint16_t)e;
        memcpy(out + o, &bytes, 2);
        o += e >> 16;
        i += 1 + k;
    }
#endif
    while (i < n) i += slow(table2, in, i, n, out, &o);
    return o;
}

size_t cbaseline_normalize(const uint8_t *in, size_t n, uint8_t *out) { return normalize_body(in, n, out, 0); }

size_t cbaseline_normalize_search(const uint8_t *in, size_t n, uint8_t *out) { return normalize_body(in, n, out, 1); }

size_t cbaseline_copy(const uint8_t *in, size_t n, uint8_t *out) {
    memcpy(out, in, n);
    return n;
}
