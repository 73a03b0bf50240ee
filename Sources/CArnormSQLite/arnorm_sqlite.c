/*
 * The SQLite extension: SQL functions and the FTS5 tokenizer "arnorm", on the C ABI (arnorm.h)
 * and ICU's word break iterator (cicu_break.h). Every failure becomes an SQLite error code or an
 * SQL error with a message; nothing here aborts the host process.
 */
#define _GNU_SOURCE /* dladdr, RTLD_NODELETE */
#if !__has_include(<sqlite3ext.h>)
/* Without SQLite's headers the rest of the package still builds; this library is then empty. */
#warning "arnorm-sqlite: no sqlite3ext.h (Debian: apt-get install libsqlite3-dev); the SQLite extension is not built"
typedef int arnorm_sqlite_not_built;
#else
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "arnorm_sqlite.h"

#include <arnorm.h>
#include <cicu_break.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SQLITE_INNOCUOUS
#define SQLITE_INNOCUOUS 0
#endif

/* ---------------------------------------------------------------------------------------
 * Handles, cached for the life of the process (handles are immutable and thread-safe).
 * ------------------------------------------------------------------------------------- */

enum handle_kind { KIND_NORMALIZER, KIND_TRANSLITERATOR, KIND_NUMERALS };

struct cache_entry {
    enum handle_kind kind;
    char *key;
    void *handle;
    struct cache_entry *next;
};

#define CACHE_LIMIT 64
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cache_entry *cache_head;
static int cache_count;

static void *new_handle(enum handle_kind kind, const char *key, char **error) {
    switch (kind) {
    case KIND_NORMALIZER: return arnorm_normalizer_new(key, error);
    case KIND_TRANSLITERATOR: return arnorm_transliterator_new(key, NULL, error);
    case KIND_NUMERALS: return arnorm_numerals_new(key, error);
    }
    return NULL;
}

static void free_handle(enum handle_kind kind, void *handle) {
    switch (kind) {
    case KIND_NORMALIZER: arnorm_normalizer_free(handle); break;
    case KIND_TRANSLITERATOR: arnorm_transliterator_free(handle); break;
    case KIND_NUMERALS: arnorm_numerals_free(handle); break;
    }
}

/*
 * The handle for (kind, key): from the cache, or made and cached. When the cache is full the
 * handle is made for this call only and *owned is set to 1 (the caller frees it).
 * NULL and a message (free with arnorm_free) when the key is not valid.
 */
static void *cached_handle(enum handle_kind kind, const char *key, int *owned, char **error) {
    *owned = 0;
    pthread_mutex_lock(&cache_lock);
    for (struct cache_entry *e = cache_head; e != NULL; e = e->next) {
        if (e->kind == kind && strcmp(e->key, key) == 0) {
            pthread_mutex_unlock(&cache_lock);
            return e->handle;
        }
    }
    pthread_mutex_unlock(&cache_lock);

    void *handle = new_handle(kind, key, error);
    if (handle == NULL) return NULL;

    pthread_mutex_lock(&cache_lock);
    for (struct cache_entry *e = cache_head; e != NULL; e = e->next) {
        if (e->kind == kind && strcmp(e->key, key) == 0) { /* another thread was first */
            pthread_mutex_unlock(&cache_lock);
            free_handle(kind, handle);
            return e->handle;
        }
    }
    struct cache_entry *entry = NULL;
    if (cache_count < CACHE_LIMIT && (entry = malloc(sizeof *entry)) != NULL &&
        (entry->key = strdup(key)) != NULL) {
        entry->kind = kind;
        entry->handle = handle;
        entry->next = cache_head;
        cache_head = entry;
        cache_count++;
    } else {
        free(entry);
        *owned = 1;
    }
    pthread_mutex_unlock(&cache_lock);
    return handle;
}

/* ---------------------------------------------------------------------------------------
 * SQL functions
 * ------------------------------------------------------------------------------------- */

static void result_status(sqlite3_context *ctx, const char *function, int status) {
    if (status == ARNORM_ERR_MEMORY) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    char message[160];
    snprintf(message, sizeof message, "%s: the library failed (status %d)", function, status);
    sqlite3_result_error(ctx, message, -1);
}

/*
 * The handle named by argument `index` for `function`, or NULL after setting the result:
 * NULL for an SQL NULL argument, an error for a name the library does not take.
 */
static void *handle_argument(sqlite3_context *ctx, sqlite3_value **argv, int index, enum handle_kind kind,
                             const char *function, const char *what, int *owned) {
    *owned = 0;
    if (sqlite3_value_type(argv[index]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return NULL;
    }
    const char *key = (const char *)sqlite3_value_text(argv[index]);
    if (key == NULL) {
        sqlite3_result_error_nomem(ctx);
        return NULL;
    }
    char *error = NULL;
    void *handle = cached_handle(kind, key, owned, &error);
    if (handle == NULL) {
        char *message = error != NULL ? sqlite3_mprintf("%s: %s", function, error)
                                      : sqlite3_mprintf("%s: bad %s '%s'", function, what, key);
        sqlite3_result_error(ctx, message != NULL ? message : function, -1);
        sqlite3_free(message);
        arnorm_free(error);
    }
    return handle;
}

typedef int (*convert_fn)(const void *handle, const char *utf8, size_t len, char **out, size_t *out_len);

static int convert_normalize(const void *h, const char *s, size_t n, char **out, size_t *out_len) {
    return arnorm_normalize(h, s, n, out, out_len);
}
static int convert_translit(const void *h, const char *s, size_t n, char **out, size_t *out_len) {
    return arnorm_transliterate(h, s, n, out, out_len);
}
static int convert_numerals(const void *h, const char *s, size_t n, char **out, size_t *out_len) {
    return arnorm_numerals_convert(h, s, n, out, out_len);
}

/* Runs `convert` on argument 0 and sets the result (argument 0 is not NULL here). */
static void convert_text(sqlite3_context *ctx, sqlite3_value *text, const void *handle, convert_fn convert,
                         const char *function) {
    const char *input = (const char *)sqlite3_value_text(text);
    int len = sqlite3_value_bytes(text);
    if (input == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    char *out = NULL;
    size_t out_len = 0;
    int status = convert(handle, input, (size_t)len, &out, &out_len);
    if (status != ARNORM_OK) {
        result_status(ctx, function, status);
        return;
    }
    sqlite3_result_text64(ctx, out, out_len, arnorm_free, SQLITE_UTF8);
}

static void fn_arnorm(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    int owned = 0;
    void *handle;
    if (argc >= 2) {
        handle = handle_argument(ctx, argv, 1, KIND_NORMALIZER, "arnorm()", "preset", &owned);
    } else {
        char *error = NULL;
        handle = cached_handle(KIND_NORMALIZER, "search", &owned, &error);
        if (handle == NULL) {
            sqlite3_result_error(ctx, error != NULL ? error : "arnorm(): no normalizer", -1);
            arnorm_free(error);
        }
    }
    if (handle == NULL) return;
    convert_text(ctx, argv[0], handle, convert_normalize, "arnorm()");
    if (owned) arnorm_normalizer_free(handle);
}

static void fn_translit(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    int owned = 0;
    void *handle = handle_argument(ctx, argv, 1, KIND_TRANSLITERATOR, "arnorm_translit()", "scheme", &owned);
    if (handle == NULL) return;
    convert_text(ctx, argv[0], handle, convert_translit, "arnorm_translit()");
    if (owned) arnorm_transliterator_free(handle);
}

static void fn_numerals(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    int owned = 0;
    void *handle = handle_argument(ctx, argv, 1, KIND_NUMERALS, "arnorm_numerals()", "mode", &owned);
    if (handle == NULL) return;
    convert_text(ctx, argv[0], handle, convert_numerals, "arnorm_numerals()");
    if (owned) arnorm_numerals_free(handle);
}

/* ---------------------------------------------------------------------------------------
 * The FTS5 tokenizer
 * ------------------------------------------------------------------------------------- */

typedef struct {
    const arnorm_normalizer *normalizer;
    arnorm_normalizer *owned_normalizer; /* made from step options; freed with the tokenizer */
    int clitics;                          /* also emit the token without clitic prefixes */
    int casefold;                         /* fold the case of tokens (on by default) */
    cicu_word_breaker *breaker;           /* reused when free (busy == 0) */
    int busy;
} arnorm_tokenizer;

static int parse_flag(const char *value, int *flag) {
    if (strcmp(value, "1") == 0) *flag = 1;
    else if (strcmp(value, "0") == 0) *flag = 0;
    else return 0;
    return 1;
}

static int is_preset(const char *name) {
    return strcmp(name, "clean") == 0 || strcmp(name, "standard") == 0 || strcmp(name, "search") == 0;
}

static void tokenizer_free(Fts5Tokenizer *p) {
    arnorm_tokenizer *t = (arnorm_tokenizer *)p;
    if (t == NULL) return;
    arnorm_normalizer_free(t->owned_normalizer);
    cicu_word_breaker_close(t->breaker);
    sqlite3_free(t);
}

/*
 * tokenize = "arnorm [PRESET] [preset P] [enable STEPS] [disable STEPS] [options OPTS]
 *             [clitics 0|1] [casefold 0|1]"
 * FTS5 cannot pass a message from here, so a bad argument is also written to sqlite3_log.
 */
static int tokenizer_create(void *context, const char **args, int count, Fts5Tokenizer **out) {
    (void)context;
    *out = NULL;
    const char *preset = "search", *enable = NULL, *disable = NULL, *options = NULL;
    int clitics = 0, casefold = 1;
    int i = 0;
    if (count > 0 && is_preset(args[0])) preset = args[i++];
    for (; i < count; i += 2) {
        const char *key = args[i];
        const char *value = i + 1 < count ? args[i + 1] : NULL;
        int ok = value != NULL;
        if (!ok) {
        } else if (strcmp(key, "preset") == 0) preset = value;
        else if (strcmp(key, "enable") == 0) enable = value;
        else if (strcmp(key, "disable") == 0) disable = value;
        else if (strcmp(key, "options") == 0) options = value;
        else if (strcmp(key, "clitics") == 0) ok = parse_flag(value, &clitics);
        else if (strcmp(key, "casefold") == 0) ok = parse_flag(value, &casefold);
        else ok = 0;
        if (!ok) {
            sqlite3_log(SQLITE_ERROR,
                        "arnorm tokenizer: bad argument '%s'%s (takes: PRESET, preset P, enable STEPS, "
                        "disable STEPS, options OPTS, clitics 0|1, casefold 0|1)",
                        key, value == NULL ? " (no value)" : "");
            return SQLITE_ERROR;
        }
    }

    arnorm_tokenizer *t = sqlite3_malloc(sizeof *t);
    if (t == NULL) return SQLITE_NOMEM;
    memset(t, 0, sizeof *t);
    t->clitics = clitics;
    t->casefold = casefold;
    char *error = NULL;
    if (enable != NULL || disable != NULL || options != NULL) {
        t->owned_normalizer = arnorm_normalizer_new_with_steps(preset, enable, disable, options, &error);
        t->normalizer = t->owned_normalizer;
    } else {
        int owned = 0;
        void *handle = cached_handle(KIND_NORMALIZER, preset, &owned, &error);
        t->normalizer = handle;
        if (owned) t->owned_normalizer = handle;
    }
    if (t->normalizer == NULL) {
        sqlite3_log(SQLITE_ERROR, "arnorm tokenizer: %s", error != NULL ? error : "no normalizer");
        arnorm_free(error);
        tokenizer_free((Fts5Tokenizer *)t);
        return SQLITE_ERROR;
    }
    /* The tokenizer needs offsets: the reference engine does not give them. */
    char *probe = NULL;
    size_t probe_len = 0, probe_count = 0;
    int status = arnorm_normalize_with_offsets(t->normalizer, "a", 1, &probe, &probe_len, NULL, NULL, &probe_count);
    arnorm_free(probe);
    if (status != ARNORM_OK) {
        sqlite3_log(SQLITE_ERROR, "arnorm tokenizer: this configuration gives no offsets (status %d)", status);
        tokenizer_free((Fts5Tokenizer *)t);
        return SQLITE_ERROR;
    }
    t->breaker = cicu_word_breaker_open();
    if (t->breaker == NULL) {
        sqlite3_log(SQLITE_ERROR, "arnorm tokenizer: ICU's word break iterator did not open");
        tokenizer_free((Fts5Tokenizer *)t);
        return SQLITE_ERROR;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

/* UTF-8 of the letters the clitic rules look at (after normalization). */
#define WAW "\xD9\x88"
#define FEH "\xD9\x81"
#define BEH "\xD8\xA8"
#define LAM "\xD9\x84"
#define KAF "\xD9\x83"
#define ALEF "\xD8\xA7"

static int letter_at(const char *s, size_t len, size_t at, const char *letter) {
    return at + 2 <= len && s[at] == letter[0] && s[at + 1] == letter[1];
}

static size_t scalar_count(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/*
 * The byte length of the clitic prefixes of a normalized word: an optional conjunction (و ف),
 * an optional preposition (ب ك ل), an optional article (ال; ل + ال written لل). 0 when nothing is
 * stripped or what is left would be too short (2 letters after an article, else 3).
 * Approximate: a word that merely starts with these letters loses them too.
 */
static size_t clitic_prefix(const char *s, size_t len) {
    size_t p = 0;
    int article = 0;
    if (letter_at(s, len, p, WAW) || letter_at(s, len, p, FEH)) p += 2;
    if (letter_at(s, len, p, LAM) && letter_at(s, len, p + 2, LAM)) {
        p += 4;
        article = 1;
    } else if (letter_at(s, len, p, BEH) || letter_at(s, len, p, KAF) || letter_at(s, len, p, LAM)) {
        p += 2;
    }
    if (!article && letter_at(s, len, p, ALEF) && letter_at(s, len, p + 2, LAM)) {
        p += 4;
        article = 1;
    }
    if (p == 0) return 0;
    size_t rest = scalar_count(s + p, len - p);
    return rest >= (article ? 2u : 3u) ? p : 0;
}

/* Whether case folding could change the word: ASCII capitals, or letters outside Arabic. */
static int may_fold(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') return 1;
        if (c >= 0xC0 && (c < 0xD8 || c > 0xDD)) return 1;
    }
    return 0;
}

typedef struct {
    char *data;
    size_t cap;
} buffer;

static int buffer_reserve(buffer *b, size_t n) {
    if (n <= b->cap) return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < n) cap *= 2;
    char *data = sqlite3_realloc64(b->data, cap);
    if (data == NULL) return 0;
    b->data = data;
    b->cap = cap;
    return 1;
}

static int tokenizer_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int length,
                              int (*emit)(void *ctx, int tflags, const char *token, int n, int start, int end)) {
    arnorm_tokenizer *t = (arnorm_tokenizer *)p;
    if (text == NULL || length <= 0) return SQLITE_OK;

    char *out = NULL;
    size_t out_len = 0, count = 0, *ranges = NULL;
    int status = arnorm_normalize_with_offsets(t->normalizer, text, (size_t)length, &out, &out_len, &ranges, NULL,
                                               &count);
    if (status != ARNORM_OK) return status == ARNORM_ERR_MEMORY ? SQLITE_NOMEM : SQLITE_ERROR;

    /* The tokenizer's own iterator when free, else one for this call (a nested call). */
    cicu_word_breaker *breaker = NULL;
    int borrowed = __atomic_exchange_n(&t->busy, 1, __ATOMIC_ACQUIRE) == 0;
    breaker = borrowed ? t->breaker : cicu_word_breaker_open();

    int rc = SQLITE_OK;
    buffer folded = {NULL, 0};
    if (breaker == NULL || cicu_word_breaker_set_text(breaker, out, (int64_t)out_len) != 0) {
        rc = SQLITE_ERROR;
        goto done;
    }
    size_t byte = 0, scalar = 0; /* a cursor in the output: byte offset and scalar index */
    size_t previous_end = 0;     /* FTS5's highlight() needs ranges that do not overlap */
    int64_t start, end;
    int kind;
    while (cicu_word_breaker_next(breaker, &start, &end, &kind)) {
        while (byte < (size_t)start) scalar += ((unsigned char)out[byte++] & 0xC0) != 0x80;
        size_t first = scalar;
        while (byte < (size_t)end) scalar += ((unsigned char)out[byte++] & 0xC0) != 0x80;
        size_t last = scalar; /* one past the token's last scalar */
        if (last <= first || last > count) continue;
        size_t source_start = ranges[2 * first], source_end = ranges[2 * (last - 1) + 1];
        /* Words from one source character (ﷺ → صلى الله عليه وسلم) share its range: the first
           gets it, the others an empty range at its end. */
        if (source_start < previous_end) source_start = previous_end;
        if (source_end < source_start) source_end = source_start;
        previous_end = source_end;

        const char *token = out + start;
        size_t token_len = (size_t)(end - start);
        if (t->casefold && may_fold(token, token_len)) {
            if (!buffer_reserve(&folded, token_len + 16)) {
                rc = SQLITE_NOMEM;
                break;
            }
            int64_t n = cicu_fold_case_utf8(token, (int64_t)token_len, folded.data, (int64_t)folded.cap);
            if (n > (int64_t)folded.cap) {
                if (!buffer_reserve(&folded, (size_t)n)) {
                    rc = SQLITE_NOMEM;
                    break;
                }
                n = cicu_fold_case_utf8(token, (int64_t)token_len, folded.data, (int64_t)folded.cap);
            }
            if (n >= 0) {
                token = folded.data;
                token_len = (size_t)n;
            }
        }
        rc = emit(ctx, 0, token, (int)token_len, (int)source_start, (int)source_end);
        if (rc != SQLITE_OK) break;
        if (t->clitics && kind == 1 && (flags & FTS5_TOKENIZE_QUERY) == 0) {
            size_t prefix = clitic_prefix(token, token_len);
            if (prefix > 0) {
                rc = emit(ctx, FTS5_TOKEN_COLOCATED, token + prefix, (int)(token_len - prefix), (int)source_start,
                          (int)source_end);
                if (rc != SQLITE_OK) break;
            }
        }
    }
done:
    sqlite3_free(folded.data);
    if (borrowed) __atomic_store_n(&t->busy, 0, __ATOMIC_RELEASE);
    else cicu_word_breaker_close(breaker);
    arnorm_free(out);
    arnorm_free(ranges);
    return rc;
}

static fts5_api *fts5_api_of(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    return api;
}

/* ---------------------------------------------------------------------------------------
 * Entry point
 * ------------------------------------------------------------------------------------- */

/*
 * SQLite unloads an extension when the connection that loaded it closes, but the Swift runtime
 * inside keeps pointers into the library's metadata: loading it again would crash the process. So
 * the library pins itself on first load (RTLD_NODELETE): later loads and unloads are no-ops.
 */
static pthread_once_t pin_once = PTHREAD_ONCE_INIT;

static void pin_library(void) {
    Dl_info info;
    if (dladdr((void *)&sqlite3_arnormsqlite_init, &info) != 0 && info.dli_fname != NULL)
        dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}

int sqlite3_arnormsqlite_init(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
    SQLITE_EXTENSION_INIT2(api);
    pthread_once(&pin_once, pin_library);
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    int rc = sqlite3_create_function(db, "arnorm", 1, flags, NULL, fn_arnorm, NULL, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "arnorm", 2, flags, NULL, fn_arnorm, NULL, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "arnorm_translit", 2, flags, NULL, fn_translit, NULL, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "arnorm_numerals", 2, flags, NULL, fn_numerals, NULL, NULL);
    if (rc != SQLITE_OK) {
        if (error != NULL) *error = sqlite3_mprintf("arnorm: could not register the SQL functions");
        return rc;
    }
    fts5_api *fts5 = fts5_api_of(db);
    if (fts5 == NULL || fts5->iVersion < 2) {
        if (error != NULL) *error = sqlite3_mprintf("arnorm: this SQLite has no FTS5 (the tokenizer needs it)");
        return SQLITE_ERROR;
    }
    fts5_tokenizer tokenizer = {tokenizer_create, tokenizer_free, tokenizer_tokenize};
    rc = fts5->xCreateTokenizer(fts5, "arnorm", NULL, &tokenizer, NULL);
    if (rc != SQLITE_OK && error != NULL) *error = sqlite3_mprintf("arnorm: could not register the FTS5 tokenizer");
    return rc;
}

#endif /* __has_include(<sqlite3ext.h>) */
