/* UTF-8 to CPython's string kinds (UCS1, UCS2, UCS4), for the engine's output.
 *
 * The input is valid UTF-8 (the library writes nothing else). utf8_measure() gives the length
 * and kind of the str to allocate; the decoders stop at either end, so a mistake can only leave
 * characters unset, never write past the string.
 *
 * (An SSSE3 decoder of one- and two-byte sequences, eight input bytes per shuffle, was measured
 * against these loops on news lines: within noise, so the loops stay.)
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
