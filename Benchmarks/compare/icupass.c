// ICU's C API doing the comparable pipeline, file to file, for the side-by-side comparison:
//   icupass IN OUT
// Per block of whole lines (4 MiB): UTF-8 -> UTF-16 (u_strFromUTF8WithSub), NFKC (unorm2_normalize),
// one pass over the UTF-16 deleting tatweel, harakat, Quranic marks and invisible characters and
// folding alef variants, alef maksura and Arabic-Indic digits, then UTF-16 -> UTF-8.
// This is what "use ICU from C" costs: every character goes through the normalizer and two
// conversions, with no quick-check skip.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

enum { BLOCK = 4 << 20 };

static int deleted(UChar c) {
    return c == 0x0640 || (c >= 0x064B && c <= 0x065F) || (c >= 0x0610 && c <= 0x061A) || c == 0x0670
        || (c >= 0x06D6 && c <= 0x06ED && c != 0x06E5 && c != 0x06E6) || c == 0x00AD || c == 0x061C
        || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064)
        || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

static UChar fold(UChar c) {
    switch (c) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673: case 0x0675: return 0x0627;
    case 0x0649: return 0x064A;
    default:
        if (c >= 0x0660 && c <= 0x0669) return (UChar)('0' + c - 0x0660);
        if (c >= 0x06F0 && c <= 0x06F9) return (UChar)('0' + c - 0x06F0);
        return c;
    }
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: icupass IN OUT\n"); return 2; }
    FILE *in = fopen(argv[1], "rb"), *out = fopen(argv[2], "wb");
    if (!in || !out) { perror("icupass"); return 1; }
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
    if (U_FAILURE(err)) { fprintf(stderr, "icupass: %s\n", u_errorName(err)); return 1; }
    char *buf = malloc(2 * BLOCK), *res = malloc(8 * BLOCK);
    int32_t cap16 = 2 * BLOCK + 16, capN = 6 * BLOCK;
    UChar *u = malloc(sizeof(UChar) * cap16), *v = malloc(sizeof(UChar) * capN);
    size_t have = 0;
    for (;;) {
        size_t got = fread(buf + have, 1, 2 * BLOCK - have, in);
        size_t n = have + got, cut = n;
        if (n == 0) break;
        if (got > 0 && n == 2 * BLOCK) {
            while (cut > 0 && buf[cut - 1] != '\n') cut--;
            if (cut == 0) { cut = n; while (cut > 1 && (buf[cut - 1] & 0xC0) == 0x80) cut--; if (cut > 0) cut--; }
        }
        int32_t len16 = 0, lenN = 0, len8 = 0;
        err = U_ZERO_ERROR;
        u_strFromUTF8WithSub(u, cap16, &len16, buf, (int32_t)cut, 0xFFFD, NULL, &err);
        if (U_SUCCESS(err)) lenN = unorm2_normalize(nfkc, u, len16, v, capN, &err);
        if (U_FAILURE(err)) { fprintf(stderr, "icupass: %s\n", u_errorName(err)); return 1; }
        int32_t k = 0;
        for (int32_t i = 0; i < lenN; i++) {
            UChar c = v[i];
            if (!deleted(c)) v[k++] = fold(c);
        }
        u_strToUTF8WithSub(res, 8 * BLOCK, &len8, v, k, 0xFFFD, NULL, &err);
        if (U_FAILURE(err)) { fprintf(stderr, "icupass: %s\n", u_errorName(err)); return 1; }
        if (fwrite(res, 1, (size_t)len8, out) != (size_t)len8) { perror("icupass"); return 1; }
        memmove(buf, buf + cut, n - cut);
        have = n - cut;
        if (got == 0 && cut == n) break;
    }
    if (fclose(out) != 0) { perror("icupass"); return 1; }
    fclose(in);
    return 0;
}
