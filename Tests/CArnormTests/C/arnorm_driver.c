/*
 * A C program using libarnorm only through arnorm.h, compiled and run by CArnormTests.
 *
 *   arnorm_driver normalize PRESET [ENABLE [DISABLE [OPTIONS]]]  < text   → normalized text
 *   arnorm_driver offsets PRESET                                  < lines  → per line "= OUTPUT",
 *                                             then one "u START END s START END" line per output scalar
 *   arnorm_driver batch PRESET                                    < lines  → "[output]" per line
 *   arnorm_driver buffer PRESET WIDTH SKIP [OPTIONS]              < lines  → "[output]" or "null" per line:
 *                 the lines in one buffer with WIDTH-byte (4, 8) offsets, as Arrow holds them, after
 *                 SKIP lines of junk passed as the array's offset; a line "NULL" is a null entry
 *   arnorm_driver json                                            < config → resolved config
 *   arnorm_driver translit SCHEME OPTIONS [reverse]               < text
 *   arnorm_driver numerals OPTIONS                                < text
 *   arnorm_driver spell VALUE OPTIONS
 *   arnorm_driver value OPTIONS                                   < phrase → "N/D"
 *   arnorm_driver threads KIND SPEC THREADS ROUNDS                < lines  → "ok LINES x CALLS"
 *                 (KIND normalize/translit/numerals; SPEC preset/scheme/options; one shared handle)
 *   arnorm_driver api                                                      → "ok" (argument checks)
 *
 * Constructor errors print "error: MESSAGE" and exit 3; a failing call prints "status N", exits 4.
 */
#include <arnorm.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_all(FILE *f, size_t *len) {
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    if (!buf) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    *len = n;
    return buf;
}

static void write_bytes(const char *p, size_t len) { fwrite(p, 1, len, stdout); }

static int fail_error(char *error) {
    printf("error: %s\n", error ? error : "(no message)");
    arnorm_free(error);
    return 3;
}

static int fail_status(int status) {
    printf("status %d\n", status);
    return 4;
}

static const char *arg(int argc, char **argv, int i) { return i < argc ? argv[i] : NULL; }

/* Splits a buffer into lines (without the '\n'); returns the count. */
static size_t split_lines(char *buf, size_t len, const char ***lines, size_t **lens) {
    size_t count = 0, start = 0;
    for (size_t i = 0; i < len; i++)
        if (buf[i] == '\n') count++;
    if (len > 0 && buf[len - 1] != '\n') count++;
    *lines = malloc((count + 1) * sizeof(char *));
    *lens = malloc((count + 1) * sizeof(size_t));
    size_t k = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || buf[i] == '\n') {
            if (i == len && i == start) break;
            (*lines)[k] = buf + start;
            (*lens)[k] = i - start;
            k++;
            start = i + 1;
        }
    }
    return k;
}

/* ---- threads: one normalizer shared by every thread ---- */

/* One call on a shared handle: normalize, transliterate or convert numerals. */
typedef int (*text_call)(const void *handle, const char *utf8, size_t len, char **out, size_t *out_len);

static int call_normalize(const void *h, const char *s, size_t n, char **out, size_t *len) {
    return arnorm_normalize(h, s, n, out, len);
}
static int call_transliterate(const void *h, const char *s, size_t n, char **out, size_t *len) {
    return arnorm_transliterate(h, s, n, out, len);
}
static int call_numerals(const void *h, const char *s, size_t n, char **out, size_t *len) {
    return arnorm_numerals_convert(h, s, n, out, len);
}
static void free_normalizer(void *h) { arnorm_normalizer_free(h); }
static void free_transliterator(void *h) { arnorm_transliterator_free(h); }
static void free_numerals(void *h) { arnorm_numerals_free(h); }

struct shared {
    const void *handle;
    text_call call;
    const char **lines;
    const size_t *lens;
    char **expected;
    size_t *expected_lens;
    size_t count;
    int rounds;
    int mismatches;
    pthread_mutex_t lock;
};

static void *worker(void *p) {
    struct shared *s = p;
    int bad = 0;
    for (int r = 0; r < s->rounds; r++) {
        for (size_t i = 0; i < s->count; i++) {
            /* Threads start at different lines so they work on different texts at once. */
            size_t k = (i + (size_t)r * 7) % s->count;
            char *out = NULL;
            size_t out_len = 0;
            int status = s->call(s->handle, s->lines[k], s->lens[k], &out, &out_len);
            if (status != ARNORM_OK || out_len != s->expected_lens[k] ||
                memcmp(out, s->expected[k], out_len) != 0)
                bad++;
            arnorm_free(out);
        }
    }
    pthread_mutex_lock(&s->lock);
    s->mismatches += bad;
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* kind: "normalize" (spec = preset), "translit" (spec = scheme) or "numerals" (spec = options). */
static int run_threads(const char *kind, const char *spec, int threads, int rounds) {
    size_t len;
    char *buf = read_all(stdin, &len);
    struct shared s;
    memset(&s, 0, sizeof s);
    char *error = NULL;
    void *handle;
    void (*release)(void *);
    if (strcmp(kind, "translit") == 0) {
        handle = arnorm_transliterator_new(spec, NULL, &error);
        s.call = call_transliterate;
        release = free_transliterator;
    } else if (strcmp(kind, "numerals") == 0) {
        handle = arnorm_numerals_new(spec, &error);
        s.call = call_numerals;
        release = free_numerals;
    } else {
        handle = arnorm_normalizer_new(spec, &error);
        s.call = call_normalize;
        release = free_normalizer;
    }
    if (!handle) return fail_error(error);
    s.handle = handle;
    s.rounds = rounds;
    s.count = split_lines(buf, len, &s.lines, (size_t **)&s.lens);
    s.expected = malloc(s.count * sizeof(char *));
    s.expected_lens = malloc(s.count * sizeof(size_t));
    /* The reference: every line normalized on this thread first. */
    for (size_t i = 0; i < s.count; i++) {
        int status = s.call(handle, s.lines[i], s.lens[i], &s.expected[i], &s.expected_lens[i]);
        if (status != ARNORM_OK) return fail_status(status);
    }
    pthread_mutex_init(&s.lock, NULL);
    pthread_t ids[64];
    if (threads > 64) threads = 64;
    for (int t = 0; t < threads; t++) pthread_create(&ids[t], NULL, worker, &s);
    for (int t = 0; t < threads; t++) pthread_join(ids[t], NULL);
    if (s.mismatches) {
        printf("mismatches %d\n", s.mismatches);
        return 5;
    }
    printf("ok %zu x %d\n", s.count, threads * rounds);
    for (size_t i = 0; i < s.count; i++) arnorm_free(s.expected[i]);
    release(handle);
    free(s.expected);
    free(s.expected_lens);
    free(s.lines);
    free((void *)s.lens);
    free(buf);
    return 0;
}

/* ---- one buffer plus offsets (Arrow's layout) ---- */

static int run_buffer(const char *preset, int width, int skip, const char *options, char *input, size_t len) {
    char *error = NULL;
    arnorm_normalizer *n = arnorm_normalizer_new_with_steps(preset, NULL, NULL, options, &error);
    if (!n) return fail_error(error);
    const char **lines;
    size_t *lens;
    size_t count = split_lines(input, len, &lines, &lens);
    size_t total = (size_t)skip * 4 + 8;
    for (size_t i = 0; i < count; i++) total += lens[i] == 4 && memcmp(lines[i], "NULL", 4) == 0 ? 5 : lens[i];
    char *data = malloc(total);
    size_t rows = (size_t)skip + count;
    void *offsets = malloc((rows + 1) * (size_t)width);
    unsigned char *validity = calloc(rows / 8 + 1, 1);
    size_t at = 0;
    for (size_t r = 0; r <= rows; r++) {
        if (width == 4) ((int *)offsets)[r] = (int)at;
        else ((long long *)offsets)[r] = (long long)at;
        if (r == rows) break;
        if (r < (size_t)skip) { /* junk before the array's offset: never read */
            memcpy(data + at, "\xff\xfe~~", 4);
            at += 4;
            continue;
        }
        size_t i = r - (size_t)skip;
        if (lens[i] == 4 && memcmp(lines[i], "NULL", 4) == 0) { /* a null: garbage bytes, bit 0 */
            memcpy(data + at, "\xff\xff\xffxx", 5);
            at += 5;
        } else {
            memcpy(data + at, lines[i], lens[i]);
            at += lens[i];
            validity[r >> 3] |= (unsigned char)(1u << (r & 7));
        }
    }
    size_t *ends = malloc((count + 1) * sizeof(size_t));
    char *out = NULL;
    const char *first = (const char *)offsets + (size_t)skip * (size_t)width;
    int status = arnorm_normalize_buffer_batch(n, data, first, width, count, validity, (size_t)skip, &out, ends);
    if (status != ARNORM_OK) return fail_status(status);
    for (size_t i = 0; i < count; i++) {
        size_t start = i == 0 ? 0 : ends[i - 1];
        if (lens[i] == 4 && memcmp(lines[i], "NULL", 4) == 0) {
            if (ends[i] != start) return fail_status(99);
            printf("null\n");
        } else {
            printf("[%.*s]\n", (int)(ends[i] - start), out + start);
        }
    }
    arnorm_free(out);
    arnorm_normalizer_free(n);
    free(ends);
    free(validity);
    free(offsets);
    free(data);
    free(lines);
    free(lens);
    return 0;
}

/* ---- argument checks ---- */

#define CHECK(cond)                                              \
    do {                                                         \
        if (!(cond)) {                                           \
            printf("failed: %s (line %d)\n", #cond, __LINE__);   \
            return 6;                                            \
        }                                                        \
    } while (0)

static int run_api(void) {
    char *out = (char *)1, *error = (char *)1;
    size_t len = 99, count = 99;
    /* NULL handle, NULL out pointer, NULL text with a length. */
    CHECK(arnorm_normalize(NULL, "a", 1, &out, &len) == ARNORM_ERR_ARGUMENT && out == NULL);
    arnorm_normalizer *n = arnorm_normalizer_new(NULL, NULL); /* NULL preset: standard */
    CHECK(n != NULL);
    CHECK(arnorm_normalize(n, "a", 1, NULL, &len) == ARNORM_ERR_ARGUMENT);
    CHECK(arnorm_normalize(n, NULL, 3, &out, &len) == ARNORM_ERR_ARGUMENT);
    /* Empty input: an empty, NUL-terminated string; NULL is fine with length 0. */
    CHECK(arnorm_normalize(n, NULL, 0, &out, &len) == ARNORM_OK && len == 0 && out && out[0] == 0);
    arnorm_free(out);
    size_t *ur = (size_t *)1, *sr = (size_t *)1;
    CHECK(arnorm_normalize_with_offsets(n, "", 0, &out, &len, &ur, &sr, &count) == ARNORM_OK);
    CHECK(count == 0 && ur == NULL && sr == NULL && len == 0);
    arnorm_free(out);
    /* Only the ranges asked for. */
    CHECK(arnorm_normalize_with_offsets(n, "ab", 2, &out, &len, NULL, &sr, &count) == ARNORM_OK);
    CHECK(count == 2 && sr[0] == 0 && sr[1] == 1 && sr[2] == 1 && sr[3] == 2);
    arnorm_free(out);
    arnorm_free(sr);
    /* Into the caller's buffer: fits; too small (the length it needs, then a second call); an
       expansion past the usual reserve; empty input; bad arguments. */
    {
        char buf[256];
        size_t need = 0;
        const char *split = "\xd8\xae\xd9\x80.\xd9\x80\xd8\xb3\xd8\xa7\xd8\xa6\xd8\xb1"; /* خـ.ـسائر */
        CHECK(arnorm_normalize_into(n, split, strlen(split), buf, sizeof buf, &len) == ARNORM_OK);
        CHECK(len == 10 && memcmp(buf, "\xd8\xae\xd8\xb3\xd8\xa7\xd8\xa6\xd8\xb1", 10) == 0);
        CHECK(arnorm_normalize_into(n, split, strlen(split), buf, 3, &need) == ARNORM_ERR_SPACE && need == 10);
        CHECK(arnorm_normalize_into(n, split, strlen(split), NULL, 0, &need) == ARNORM_ERR_SPACE && need == 10);
        CHECK(arnorm_normalize_into(n, split, strlen(split), buf, need, &len) == ARNORM_OK && len == 10);
        const char *salla = "\xef\xb7\xba\xef\xb7\xba\xef\xb7\xba\xef\xb7\xba"; /* four U+FDFA */
        char *whole = NULL;
        size_t whole_len = 0;
        CHECK(arnorm_normalize(n, salla, 12, &whole, &whole_len) == ARNORM_OK && whole_len > 64);
        CHECK(arnorm_normalize_into(n, salla, 12, buf, 64, &need) == ARNORM_ERR_SPACE && need == whole_len);
        CHECK(arnorm_normalize_into(n, salla, 12, buf, need, &len) == ARNORM_OK && len == whole_len);
        CHECK(memcmp(buf, whole, len) == 0);
        arnorm_free(whole);
        CHECK(arnorm_normalize_into(n, NULL, 0, NULL, 0, &len) == ARNORM_OK && len == 0);
        CHECK(arnorm_normalize_into(n, "a", 1, buf, sizeof buf, NULL) == ARNORM_ERR_ARGUMENT);
        CHECK(arnorm_normalize_into(n, "a", 1, NULL, 8, &len) == ARNORM_ERR_ARGUMENT);
        CHECK(arnorm_normalize_into(NULL, "a", 1, buf, sizeof buf, &len) == ARNORM_ERR_ARGUMENT);
    }
    /* Errors without an error pointer; error pointer cleared on success. */
    CHECK(arnorm_normalizer_new("nope", NULL) == NULL);
    CHECK(arnorm_normalizer_new_with_steps("clean", "no-such-step", NULL, NULL, NULL) == NULL);
    arnorm_normalizer *m = arnorm_normalizer_new("clean", &error);
    CHECK(m != NULL && error == NULL);
    arnorm_normalizer_free(m);
    /* Batch of zero texts. */
    CHECK(arnorm_normalize_batch(n, NULL, NULL, 0, &out, NULL) == ARNORM_OK && out && out[0] == 0);
    arnorm_free(out);
    /* One buffer plus offsets: zero texts, a bad offset width, decreasing offsets, no validity. */
    int zero = 0;
    size_t ends[2];
    CHECK(arnorm_normalize_buffer_batch(n, NULL, &zero, 4, 0, NULL, 0, &out, NULL) == ARNORM_OK && out && out[0] == 0);
    arnorm_free(out);
    int offsets32[3] = {0, 2, 3};
    CHECK(arnorm_normalize_buffer_batch(n, "abc", offsets32, 3, 2, NULL, 0, &out, ends) == ARNORM_ERR_ARGUMENT && out == NULL);
    CHECK(arnorm_normalize_buffer_batch(n, "abc", offsets32, 4, 2, NULL, 0, &out, ends) == ARNORM_OK);
    CHECK(ends[0] == 2 && ends[1] == 3 && memcmp(out, "abc", 4) == 0);
    arnorm_free(out);
    int backwards[3] = {0, 2, 1};
    CHECK(arnorm_normalize_buffer_batch(n, "abc", backwards, 4, 2, NULL, 0, &out, ends) == ARNORM_ERR_ARGUMENT && out == NULL);
    CHECK(arnorm_normalize_buffer_batch(n, NULL, offsets32, 4, 2, NULL, 0, &out, ends) == ARNORM_ERR_ARGUMENT);
    /* The reference engine: no offsets; an unknown engine is an error with a message. */
    arnorm_normalizer *ref = arnorm_normalizer_new_with_steps("standard", NULL, NULL, "engine=reference", NULL);
    CHECK(ref != NULL);
    CHECK(arnorm_normalize_with_offsets(ref, "ab", 2, &out, &len, NULL, &sr, &count) == ARNORM_ERR_UNSUPPORTED && out == NULL);
    arnorm_normalizer_free(ref);
    CHECK(arnorm_normalizer_new_with_steps("standard", NULL, NULL, "engine=turbo", &error) == NULL);
    CHECK(error && strcmp(error, "unknown engine 'turbo' (known: fast, reference)") == 0);
    arnorm_free(error);
    arnorm_normalizer_free(n);
    arnorm_normalizer_free(NULL);
    arnorm_transliterator_free(NULL);
    arnorm_numerals_free(NULL);
    arnorm_free(NULL);
    long long a, b;
    CHECK(arnorm_number_value("كتاب", strlen("كتاب"), NULL, &a, &b) == ARNORM_ERR_NO_VALUE);
    const char *huge = "عشرة مليارات مليار";    /* 10^19, beyond a long long */
    CHECK(arnorm_number_value(huge, strlen(huge), NULL, &a, &b) == ARNORM_ERR_RANGE);
    CHECK(arnorm_spell_number(-1, NULL, &out, &len) == ARNORM_ERR_NO_VALUE && out == NULL);
    CHECK(strcmp(arnorm_version(), "") != 0);
    printf("ok\n");
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: arnorm_driver COMMAND ...\n");
        return 2;
    }
    const char *command = argv[1];
    char *error = NULL, *out = NULL;
    size_t len = 0, out_len = 0;
    int status;

    if (strcmp(command, "api") == 0) return run_api();
    if (strcmp(command, "threads") == 0)
        return run_threads(arg(argc, argv, 2), arg(argc, argv, 3), atoi(arg(argc, argv, 4)), atoi(arg(argc, argv, 5)));
    if (strcmp(command, "spell") == 0) {
        status = arnorm_spell_number(atoll(argv[2]), arg(argc, argv, 3), &out, &out_len);
        if (status != ARNORM_OK) return fail_status(status);
        write_bytes(out, out_len);
        arnorm_free(out);
        return 0;
    }

    char *input = read_all(stdin, &len);
    if (strcmp(command, "buffer") == 0) {
        int r = run_buffer(arg(argc, argv, 2), atoi(arg(argc, argv, 3)), atoi(arg(argc, argv, 4)), arg(argc, argv, 5),
                           input, len);
        free(input);
        return r;
    }
    if (strcmp(command, "normalize") == 0 || strcmp(command, "offsets") == 0 ||
        strcmp(command, "batch") == 0) {
        arnorm_normalizer *n = arnorm_normalizer_new_with_steps(
            arg(argc, argv, 2), arg(argc, argv, 3), arg(argc, argv, 4), arg(argc, argv, 5), &error);
        if (!n) return fail_error(error);
        if (strcmp(command, "normalize") == 0) {
            status = arnorm_normalize(n, input, len, &out, &out_len);
            if (status != ARNORM_OK) return fail_status(status);
            write_bytes(out, out_len);
        } else if (strcmp(command, "offsets") == 0) {
            /* Each input line on its own. */
            const char **lines;
            size_t *lens;
            size_t lines_count = split_lines(input, len, &lines, &lens);
            for (size_t i = 0; i < lines_count; i++) {
                size_t *ur = NULL, *sr = NULL, count = 0;
                status = arnorm_normalize_with_offsets(n, lines[i], lens[i], &out, &out_len, &ur, &sr, &count);
                if (status != ARNORM_OK) return fail_status(status);
                printf("= ");
                write_bytes(out, out_len);
                printf("\n");
                for (size_t k = 0; k < count; k++)
                    printf("u %zu %zu s %zu %zu\n", ur[2 * k], ur[2 * k + 1], sr[2 * k], sr[2 * k + 1]);
                arnorm_free(out);
                arnorm_free(ur);
                arnorm_free(sr);
            }
            out = NULL;
            free(lines);
            free(lens);
        } else {
            const char **lines;
            size_t *lens;
            size_t count = split_lines(input, len, &lines, &lens);
            size_t *ends = malloc((count + 1) * sizeof(size_t));
            status = arnorm_normalize_batch(n, lines, lens, count, &out, ends);
            if (status != ARNORM_OK) return fail_status(status);
            for (size_t i = 0; i < count; i++) {
                size_t start = i == 0 ? 0 : ends[i - 1];
                printf("[%.*s]\n", (int)(ends[i] - start), out + start);
            }
            free(ends);
            free(lines);
            free(lens);
        }
        arnorm_free(out);
        arnorm_normalizer_free(n);
    } else if (strcmp(command, "json") == 0) {
        arnorm_normalizer *n = arnorm_normalizer_new_from_json(input, len, &error);
        if (!n) return fail_error(error);
        char *json = arnorm_normalizer_config_json(n);
        printf("%s", json);
        arnorm_free(json);
        arnorm_normalizer_free(n);
    } else if (strcmp(command, "translit") == 0) {
        arnorm_transliterator *t = arnorm_transliterator_new(arg(argc, argv, 2), arg(argc, argv, 3), &error);
        if (!t) return fail_error(error);
        int reverse = argc > 4 && strcmp(argv[4], "reverse") == 0;
        status = reverse ? arnorm_transliterate_reverse(t, input, len, &out, &out_len)
                         : arnorm_transliterate(t, input, len, &out, &out_len);
        if (status != ARNORM_OK) {
            arnorm_transliterator_free(t);
            return fail_status(status);
        }
        write_bytes(out, out_len);
        arnorm_free(out);
        arnorm_transliterator_free(t);
    } else if (strcmp(command, "numerals") == 0) {
        arnorm_numerals *c = arnorm_numerals_new(arg(argc, argv, 2), &error);
        if (!c) return fail_error(error);
        status = arnorm_numerals_convert(c, input, len, &out, &out_len);
        if (status != ARNORM_OK) {
            arnorm_numerals_free(c);
            return fail_status(status);
        }
        write_bytes(out, out_len);
        arnorm_free(out);
        arnorm_numerals_free(c);
    } else if (strcmp(command, "value") == 0) {
        long long numerator = 0, denominator = 0;
        status = arnorm_number_value(input, len, arg(argc, argv, 2), &numerator, &denominator);
        if (status != ARNORM_OK) return fail_status(status);
        printf("%lld/%lld", numerator, denominator);
    } else {
        fprintf(stderr, "unknown command %s\n", command);
        return 2;
    }
    free(input);
    return 0;
}
