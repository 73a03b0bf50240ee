// A hand-written table-driven UTF-8 pass: the "what C would do" baseline.
//
// ASCII is copied eight bytes at a time; every two-byte sequence (U+0080-U+07FF, which holds the
// whole Arabic block) is looked up in one 2048-entry table; three-byte sequences are checked
// against the few invisible characters; four-byte sequences are copied.
#include "cbaseline.h"
#include <string.h>

// Table entry for U+0000-U+07FF: 0 copy, 1 delete, 0x30-0x39 one ASCII byte, else two bytes (b0 << 8 | b1).
static uint16_t table2[0x800];
static int table_ready = 0;

#define DELETE 1

static void build_table(void) {
    for (unsigned c = 0x064B; c <= 0x065F; c++) table2[c] = DELETE;   // harakat, other marks
    table2[0x0640] = DELETE;                                         // tatweel
    table2[0x0670] = DELETE;                                         // superscript alef
    for (unsigned c = 0x06D6; c <= 0x06ED; c++) table2[c] = DELETE;   // Quranic annotation marks
    table2[0x06E5] = 0; table2[0x06E6] = 0;                          // small waw/yeh are letters
    table2[0x0610] = table2[0x0611] = table2[0x0612] = table2[0x0613] = DELETE;
    for (unsigned c = 0x0614; c <= 0x061A; c++) table2[c] = DELETE;
    table2[0x00AD] = DELETE;                                         // soft hyphen
    table2[0x061C] = DELETE;                                         // Arabic letter mark
    const unsigned alefs[] = {0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675};
    for (unsigned k = 0; k < sizeof alefs / sizeof alefs[0]; k++) table2[alefs[k]] = 0xD8A7;  // ا
    table2[0x0649] = 0xD98A;                                         // ى -> ي
    for (unsigned d = 0; d < 10; d++) {
        table2[0x0660 + d] = (uint16_t)('0' + d);
        table2[0x06F0 + d] = (uint16_t)('0' + d);
    }
    table_ready = 1;
}

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

size_t cbaseline_normalize(const uint8_t *in, size_t n, uint8_t *out) {
    if (!table_ready) build_table();
    size_t i = 0, o = 0;
    while (i < n) {
        // ASCII: eight bytes at a time.
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, in + i, 8);
            if (w & 0x8080808080808080ull) break;
            memcpy(out + o, &w, 8);
            i += 8; o += 8;
        }
        if (i >= n) break;
        uint8_t b0 = in[i];
        if (b0 < 0x80) { out[o++] = b0; i++; continue; }
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            if (i + 1 < n && is_cont(in[i + 1])) {
                unsigned c = ((unsigned)(b0 & 0x1F) << 6) | (in[i + 1] & 0x3F);
                uint16_t t = table2[c];
                if (t == 0) { out[o] = b0; out[o + 1] = in[i + 1]; o += 2; }
                else if (t == DELETE) { }
                else if (t < 0x80) { out[o++] = (uint8_t)t; }
                else { out[o] = (uint8_t)(t >> 8); out[o + 1] = (uint8_t)t; o += 2; }
                i += 2;
                continue;
            }
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            if (i + 2 < n && is_cont(in[i + 1]) && is_cont(in[i + 2])) {
                unsigned c = ((unsigned)(b0 & 0x0F) << 12) | ((unsigned)(in[i + 1] & 0x3F) << 6) | (in[i + 2] & 0x3F);
                if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
                    if (!invisible3(b0, in[i + 1], in[i + 2])) {
                        out[o] = b0; out[o + 1] = in[i + 1]; out[o + 2] = in[i + 2]; o += 3;
                    }
                    i += 3;
                    continue;
                }
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            if (i + 3 < n && is_cont(in[i + 1]) && is_cont(in[i + 2]) && is_cont(in[i + 3])) {
                unsigned c = ((unsigned)(b0 & 0x07) << 18) | ((unsigned)(in[i + 1] & 0x3F) << 12)
                           | ((unsigned)(in[i + 2] & 0x3F) << 6) | (in[i + 3] & 0x3F);
                if (c >= 0x10000 && c <= 0x10FFFF) {
                    memcpy(out + o, in + i, 4); o += 4; i += 4;
                    continue;
                }
            }
        }
        // Ill-formed: one byte becomes U+FFFD.
        out[o] = 0xEF; out[o + 1] = 0xBF; out[o + 2] = 0xBD; o += 3;
        i++;
    }
    return o;
}

size_t cbaseline_copy(const uint8_t *in, size_t n, uint8_t *out) {
    memcpy(out, in, n);
    return n;
}
