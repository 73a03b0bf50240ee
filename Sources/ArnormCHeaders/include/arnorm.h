/*
 * arnorm.h — the C interface of the ArabicNormalizer toolkit (libarnorm).
 *
 * Normalization, offsets back to the source, transliteration and numerals, for C, C++,
 * Python (ctypes/cffi), Rust, Java (Panama/JNA) and anything else that can call C.
 * No Swift types appear here; the library itself is written in Swift.
 *
 * Conventions (every function follows them):
 *   - Text in and out is UTF-8 with an explicit byte length; the input need not be
 *     NUL-terminated and may contain NUL bytes. Ill-formed UTF-8 is not an error: each
 *     ill-formed subsequence becomes U+FFFD (the Unicode "maximal subpart" policy).
 *   - Functions that produce text return an int status (ARNORM_OK = 0 on success) and
 *     store a buffer allocated by the library in *out (always NUL-terminated; *out_len
 *     excludes the NUL). Free it with arnorm_free. On failure *out is set to NULL.
 *   - Constructors return a handle, or NULL and, if `error` is not NULL, a message in
 *     *error (free it with arnorm_free).
 *   - Handles are immutable: one handle may be used from any number of threads at once.
 *     Free each handle once, with its own _free function, after every call on it returned.
 *   - Lists of names (steps, options) are strings separated by commas or spaces;
 *     NULL and "" mean an empty list.
 */
#ifndef ARNORM_H
#define ARNORM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. */
#define ARNORM_OK 0
#define ARNORM_ERR_ARGUMENT 1    /* a required pointer was NULL */
#define ARNORM_ERR_MEMORY 2      /* allocation failed */
#define ARNORM_ERR_UNSUPPORTED 3 /* e.g. reversing a scheme that is not lossless */
#define ARNORM_ERR_NO_VALUE 4    /* no number to spell or read */
#define ARNORM_ERR_SPACE 5       /* the caller's buffer is too small (arnorm_normalize_into) */
#define ARNORM_ERR_RANGE 6       /* a value beyond the result's type (arnorm_number_value: 64 bits) */

/* The toolkit version, e.g. "0.1.0" (static storage: do not free). */
const char *arnorm_version(void);

/* Frees anything the library returned: output buffers, offset arrays, error messages.
   NULL is allowed. */
void arnorm_free(void *p);

/* ---------------------------------------------------------------------------------------
 * Normalization
 * ------------------------------------------------------------------------------------- */

typedef struct arnorm_normalizer arnorm_normalizer;

/* The preset names, "clean,standard,search,social", and the step names in the order they run,
   "unicode,nfkc,invisible,...,digits" (static storage: do not free). */
const char *arnorm_presets(void);
const char *arnorm_steps(void);

/* A normalizer for a preset ("clean", "standard", "search", "social"; NULL means "standard").
   Unknown preset: NULL and a message. */
arnorm_normalizer *arnorm_normalizer_new(const char *preset, char **error);

/* A preset with steps switched on (`enable`) and off (`disable`; disabling wins), and
   step options (`options`: "keep-shadda", "superscript-alef-to-alef"; for the web and emoji
   steps "urls=", "emails=", "mentions=", "hashtags=", "emoji=" with keep, mask, remove, words
   (hashtags) or space (emoji), and "mask-format=[{kind}]"). Step names as on the command line
   ("alef-maksura", also "alef_maksura"; "html", "web", "emoji"). Unknown names: NULL and a
   message.
   The option "engine=reference" makes the handle run the slow ICU reference path
   (ReferenceNormalizer) instead of the engine, for cross-checking a surprising output; it
   gives the same text, far more slowly, and arnorm_normalize_with_offsets returns
   ARNORM_ERR_UNSUPPORTED on it. "engine=fast" is the default. */
arnorm_normalizer *arnorm_normalizer_new_with_steps(const char *preset, const char *enable,
                                                    const char *disable, const char *options,
                                                    char **error);

/* A normalizer from a configuration in JSON (the Swift `Configuration`, Codable):
   {"preset":"standard","steps":["unicode",...],"options":{"keepShadda":false,...}}.
   Invalid JSON or unknown step: NULL and a message. */
arnorm_normalizer *arnorm_normalizer_new_from_json(const char *json, size_t len, char **error);

/* The normalizer's resolved configuration as JSON (free with arnorm_free). */
char *arnorm_normalizer_config_json(const arnorm_normalizer *n);

void arnorm_normalizer_free(arnorm_normalizer *n);

/* Normalizes `len` bytes of UTF-8. The end of the input ends a line: pass whole lines or
   whole texts. Returns 0 and the output in *out / *out_len. */
int arnorm_normalize(const arnorm_normalizer *n, const char *utf8, size_t len,
                     char **out, size_t *out_len);

/* Normalizes `len` bytes of UTF-8 into the caller's buffer `out` of `capacity` bytes, with no
   allocation and no copy (no NUL is written). Returns 0 and the output's length in *out_len when
   it fits. When it does not, returns ARNORM_ERR_SPACE with the length it needs in *out_len (the
   content of `out` is then unspecified): call again with at least that much room. A capacity of
   len + len / 4 + 16 bytes (at least 64) is enough for almost every text; NFKC's expansions
   (U+FDFA is 18 characters) can need more. */
int arnorm_normalize_into(const arnorm_normalizer *n, const char *utf8, size_t len,
                          char *out, size_t capacity, size_t *out_len);

/* Normalizes `count` texts in one call. The outputs are written one after the other into
   one buffer (*out, NUL-terminated, free with arnorm_free); out_ends (an array of `count`
   elements provided by the caller) receives the end byte offset of each output, so output
   i is out[out_ends[i-1] .. out_ends[i]) with out_ends[-1] taken as 0. */
int arnorm_normalize_batch(const arnorm_normalizer *n, const char *const *texts,
                           const size_t *lens, size_t count, char **out, size_t *out_ends);

/* Normalizes `count` texts held one after the other in one buffer, as Arrow string arrays
   hold them: text i is data[offsets[i] .. offsets[i+1]). `offsets` has count + 1 elements,
   non-decreasing, each `offset_width` bytes wide: 4 for int32 (Arrow utf8, format "u"), 8 for
   int64 (Arrow large_utf8, "U"). For an Arrow array with a non-zero `offset` field, pass
   `offsets + offset` and `validity_offset = offset`.
   `validity` (may be NULL: every text is present) is a bitmap, least significant bit first as
   in Arrow: text i is present when bit (validity_offset + i) is set; an absent text gives an
   empty output and its bytes are not read. Outputs go one after the other into *out
   (NUL-terminated, free with arnorm_free) and out_ends (`count` elements, caller-provided)
   receives the end of each, as for arnorm_normalize_batch. An offset_width other than 4 or 8,
   or decreasing offsets: ARNORM_ERR_ARGUMENT. The texts are read in place, never copied. */
int arnorm_normalize_buffer_batch(const arnorm_normalizer *n, const char *data,
                                  const void *offsets, int offset_width, size_t count,
                                  const unsigned char *validity, size_t validity_offset,
                                  char **out, size_t *out_ends);

/* Normalizes and maps every output Unicode scalar back to the input.
   *count receives the number of output scalars. If utf8_ranges is not NULL it receives an
   array of 2 * *count size_t: the [start, end) input byte range of output scalar k is
   (r[2k], r[2k+1]). scalar_ranges, if not NULL, receives the same in input scalar offsets
   (an ill-formed input subsequence counts as one scalar, the U+FFFD it becomes). Ranges
   are within the input and non-decreasing; deleted input maps to no output; an expansion
   maps every output scalar to its source; a collapsed run maps to the whole run.
   Free the arrays with arnorm_free (they are NULL when *count is 0). */
int arnorm_normalize_with_offsets(const arnorm_normalizer *n, const char *utf8, size_t len,
                                  char **out, size_t *out_len, size_t **utf8_ranges,
                                  size_t **scalar_ranges, size_t *count);

/* ---------------------------------------------------------------------------------------
 * Transliteration
 * ------------------------------------------------------------------------------------- */

typedef struct arnorm_transliterator arnorm_transliterator;

/* The scheme names: "bw,safebw,xmlbw,hsb,ala-lc,din,ascii,names,name-key" (static storage). */
const char *arnorm_translit_schemes(void);

/* A transliterator for a scheme. `options` (may be NULL):
     "escape"            lossless schemes: escape ASCII that collides with scheme symbols
     "variants=N"        names: the N most likely spellings, joined with '|'
     "article=STYLE"     names: al (al-Assad), Al (Al Thani), el (el-Sisi), none, assimilated
   Unknown scheme or option, or an option the scheme does not take: NULL and a message. */
arnorm_transliterator *arnorm_transliterator_new(const char *scheme, const char *options,
                                                 char **error);

void arnorm_transliterator_free(arnorm_transliterator *t);

int arnorm_transliterate(const arnorm_transliterator *t, const char *utf8, size_t len,
                         char **out, size_t *out_len);

/* Turns scheme text back into Arabic: exactly for the lossless schemes (bw, safebw, xmlbw, hsb);
   for "names", Latin spellings of names to Arabic script as Arabic news writes them
   ("Vladimir Putin" → فلاديمير بوتين; "variants=N" gives N spellings joined with "|").
   ARNORM_ERR_UNSUPPORTED for the other schemes. */
int arnorm_transliterate_reverse(const arnorm_transliterator *t, const char *utf8, size_t len,
                                 char **out, size_t *out_len);

/* ---------------------------------------------------------------------------------------
 * Numerals
 * ------------------------------------------------------------------------------------- */

typedef struct arnorm_numerals arnorm_numerals;

/* A numerals converter, with the options of `arnorm numerals` (steps run in this order):
     "words-to-digits"   number words to digits (خمسمئة وثلاث وعشرون → 523)
         "ordinals", "fractions"   also ordinals and simple fractions
         "dialect=auto|msa|egy|lev|glf|mgr"   the dialect number forms read (default auto:
                                   every dialect, forms that are also ordinary words only next
                                   to another number word; msa: none)
     "digits-to-words"   numbers in digits to MSA words
         "feminine", "case=nominative|genitive|accusative"
     "digits=western|arabic|persian"   finally write every number in this digit system
   At least one of words-to-digits, digits-to-words, digits=; not both directions.
   Invalid options: NULL and a message. */
arnorm_numerals *arnorm_numerals_new(const char *options, char **error);

void arnorm_numerals_free(arnorm_numerals *c);

/* Converts a text (line by line semantics of `arnorm numerals`). */
int arnorm_numerals_convert(const arnorm_numerals *c, const char *utf8, size_t len,
                            char **out, size_t *out_len);

/* The MSA words for `value` (0 … 999999999999999); options "feminine",
   "case=nominative|genitive|accusative". ARNORM_ERR_NO_VALUE when out of range. */
int arnorm_spell_number(long long value, const char *options, char **out, size_t *out_len);

/* The value of a phrase that is exactly one number expression (surrounding spaces allowed),
   as numerator/denominator (denominator 1 for integers); options "ordinals", "fractions".
   ARNORM_ERR_NO_VALUE if the phrase is not one number; ARNORM_ERR_RANGE if it is one whose
   numerator or denominator is beyond a long long (±9223372036854775807: arnorm_numerals_convert
   with "words-to-digits" writes it in full). */
int arnorm_number_value(const char *utf8, size_t len, const char *options,
                        long long *numerator, long long *denominator);

#ifdef __cplusplus
}
#endif

#endif /* ARNORM_H */
