/*
 * The PostgreSQL extension "arnorm": SQL functions, a text search dictionary template and a text
 * search parser on the C ABI of the ArabicNormalizer toolkit (arnorm.h, libarnorm-c.so).
 *
 * Every C ABI error becomes an SQL error (ereport), raised only after the library's buffers are
 * copied and freed. Text in a database encoding other than UTF-8 is converted on the way in and out.
 */
#include "postgres.h"

#include "commands/defrem.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "nodes/pg_list.h"
#include "tsearch/ts_public.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"

#include <arnorm.h>

PG_MODULE_MAGIC;

/* ---------------------------------------------------------------------------------------
 * Handles, cached for the life of the backend (one thread; handles are immutable).
 * ------------------------------------------------------------------------------------- */

typedef enum { KIND_NORMALIZER, KIND_TRANSLITERATOR, KIND_NUMERALS } HandleKind;

typedef struct HandleEntry {
    HandleKind kind;
    char *key;
    void *handle;
    struct HandleEntry *next;
} HandleEntry;

#define CACHE_LIMIT 64
static HandleEntry *cache_head;
static int cache_count;

static void free_handle(HandleKind kind, void *handle) {
    switch (kind) {
    case KIND_NORMALIZER: arnorm_normalizer_free(handle); break;
    case KIND_TRANSLITERATOR: arnorm_transliterator_free(handle); break;
    case KIND_NUMERALS: arnorm_numerals_free(handle); break;
    }
}

/* Raises the library's message (freed first) as an SQL error. */
static void pg_attribute_noreturn() raise_library_error(const char *function, char *error) {
    char *message = pstrdup(error != NULL ? error : "unknown error");
    arnorm_free(error);
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("%s: %s", function, message)));
}

static void pg_attribute_noreturn() raise_status(const char *function, int status) {
    if (status == ARNORM_ERR_MEMORY)
        ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("%s: out of memory", function)));
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("%s: the library failed (status %d)", function, status)));
}

static void *cached_handle(HandleKind kind, const char *key, const char *function) {
    for (HandleEntry *e = cache_head; e != NULL; e = e->next)
        if (e->kind == kind && strcmp(e->key, key) == 0) return e->handle;

    char *error = NULL;
    void *handle = NULL;
    switch (kind) {
    case KIND_NORMALIZER: handle = arnorm_normalizer_new(key, &error); break;
    case KIND_TRANSLITERATOR: handle = arnorm_transliterator_new(key, NULL, &error); break;
    case KIND_NUMERALS: handle = arnorm_numerals_new(key, &error); break;
    }
    if (handle == NULL) raise_library_error(function, error);

    if (cache_count >= CACHE_LIMIT) { /* many different names: start again */
        while (cache_head != NULL) {
            HandleEntry *next = cache_head->next;
            free_handle(cache_head->kind, cache_head->handle);
            free(cache_head->key);
            free(cache_head);
            cache_head = next;
        }
        cache_count = 0;
    }
    HandleEntry *entry = malloc(sizeof *entry);
    char *copy = strdup(key);
    if (entry == NULL || copy == NULL) {
        free(entry);
        free(copy);
        free_handle(kind, handle);
        ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("%s: out of memory", function)));
    }
    entry->kind = kind;
    entry->key = copy;
    entry->handle = handle;
    entry->next = cache_head;
    cache_head = entry;
    cache_count++;
    return handle;
}

/* ---------------------------------------------------------------------------------------
 * Text in and out
 * ------------------------------------------------------------------------------------- */

/* `s[0..<len]` in the database encoding as UTF-8 (maybe `s` itself); its length in *out_len. */
static const char *to_utf8(const char *s, int len, int *out_len) {
    if (GetDatabaseEncoding() == PG_UTF8) {
        *out_len = len;
        return s;
    }
    char *converted = pg_server_to_any(s, len, PG_UTF8);
    *out_len = converted == s ? len : (int)strlen(converted);
    return converted;
}

/*
 * Runs one C ABI call on `input` and returns its output as a palloc'd string in the database
 * encoding (NUL-terminated, length in *out_len). The library's buffer is freed before anything
 * can raise an error.
 */
typedef int (*convert_fn)(const void *handle, const char *utf8, size_t len, char **out, size_t *out_len);

static char *run_convert(const void *handle, convert_fn convert, const char *input, int len, int *out_len,
                         const char *function) {
    int utf8_len = 0;
    const char *utf8 = to_utf8(input, len, &utf8_len);
    char *out = NULL;
    size_t n = 0;
    int status = convert(handle, utf8, (size_t)utf8_len, &out, &n);
    if (status != ARNORM_OK) raise_status(function, status);
    if (n >= MaxAllocSize - VARHDRSZ) {
        arnorm_free(out);
        ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED), errmsg("%s: the result is too long", function)));
    }
    char *copy = palloc(n + 1);
    memcpy(copy, out, n);
    copy[n] = '\0';
    arnorm_free(out);
    if (GetDatabaseEncoding() != PG_UTF8) {
        char *converted = pg_any_to_server(copy, (int)n, PG_UTF8);
        if (converted != copy) {
            pfree(copy);
            copy = converted;
            n = strlen(converted);
        }
    }
    *out_len = (int)n;
    return copy;
}

static int convert_normalize(const void *h, const char *s, size_t n, char **out, size_t *out_len) {
    return arnorm_normalize(h, s, n, out, out_len);
}
static int convert_translit(const void *h, const char *s, size_t n, char **out, size_t *out_len) {
    return arnorm_transliterate(h, s, n, out, out_len);
}
static int convert_numerals(const void *h, const char *s, size_t n, char **out, size_t *out_len) {
    return arnorm_numerals_convert(h, s, n, out, out_len);
}

static Datum convert_text_argument(FunctionCallInfo fcinfo, HandleKind kind, convert_fn convert, const char *function) {
    text *input = PG_GETARG_TEXT_PP(0);
    char *name = text_to_cstring(PG_GETARG_TEXT_PP(1));
    void *handle = cached_handle(kind, name, function);
    int out_len = 0;
    char *out = run_convert(handle, convert, VARDATA_ANY(input), (int)VARSIZE_ANY_EXHDR(input), &out_len, function);
    PG_RETURN_TEXT_P(cstring_to_text_with_len(out, out_len));
}

/* ---------------------------------------------------------------------------------------
 * SQL functions
 * ------------------------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(arnorm_normalize_pg);
Datum arnorm_normalize_pg(PG_FUNCTION_ARGS) {
    return convert_text_argument(fcinfo, KIND_NORMALIZER, convert_normalize, "arnorm_normalize");
}

PG_FUNCTION_INFO_V1(arnorm_translit_pg);
Datum arnorm_translit_pg(PG_FUNCTION_ARGS) {
    return convert_text_argument(fcinfo, KIND_TRANSLITERATOR, convert_translit, "arnorm_translit");
}

PG_FUNCTION_INFO_V1(arnorm_numerals_pg);
Datum arnorm_numerals_pg(PG_FUNCTION_ARGS) {
    return convert_text_argument(fcinfo, KIND_NUMERALS, convert_numerals, "arnorm_numerals");
}

PG_FUNCTION_INFO_V1(arnorm_version_pg);
Datum arnorm_version_pg(PG_FUNCTION_ARGS) {
    PG_RETURN_TEXT_P(cstring_to_text(arnorm_version()));
}

/* ---------------------------------------------------------------------------------------
 * The dictionary template "arnorm": options PRESET, STEPS, OPTIONS.
 *   PRESET  = 'search' (default), 'standard' or 'clean'
 *   STEPS   = 'elongation, -teh-marbuta'   steps switched on, and off with a leading '-'
 *   OPTIONS = 'keep-shadda'                step options (as arnorm_normalizer_new_with_steps takes)
 * ------------------------------------------------------------------------------------- */

typedef struct {
    arnorm_normalizer *normalizer;
} ArnormDictionary;

static void free_normalizer(void *arg) { arnorm_normalizer_free((arnorm_normalizer *)arg); }

PG_FUNCTION_INFO_V1(arnorm_dict_init);
Datum arnorm_dict_init(PG_FUNCTION_ARGS) {
    List *options = (List *)PG_GETARG_POINTER(0);
    char *preset = "search", *step_options = NULL;
    StringInfoData enable, disable;
    initStringInfo(&enable);
    initStringInfo(&disable);
    ListCell *cell;
    foreach (cell, options) {
        DefElem *option = (DefElem *)lfirst(cell);
        if (pg_strcasecmp(option->defname, "preset") == 0) {
            preset = defGetString(option);
        } else if (pg_strcasecmp(option->defname, "options") == 0) {
            step_options = defGetString(option);
        } else if (pg_strcasecmp(option->defname, "steps") == 0) {
            char *list = pstrdup(defGetString(option));
            for (char *item = strtok(list, ", \t\n"); item != NULL; item = strtok(NULL, ", \t\n")) {
                StringInfo target = item[0] == '-' ? &disable : &enable;
                if (item[0] == '-' || item[0] == '+') item++;
                if (*item == '\0') continue;
                if (target->len > 0) appendStringInfoChar(target, ',');
                appendStringInfoString(target, item);
            }
        } else {
            ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                            errmsg("arnorm dictionary: unknown option \"%s\" (it takes preset, steps, options)",
                                   option->defname)));
        }
    }
    char *error = NULL;
    arnorm_normalizer *normalizer = arnorm_normalizer_new_with_steps(preset, enable.data, disable.data, step_options, &error);
    if (normalizer == NULL) raise_library_error("arnorm dictionary", error);

    /* The dictionary's data lives in a memory context of the dictionary cache: free the handle with it. */
    MemoryContextCallback *callback = palloc0(sizeof *callback);
    callback->func = free_normalizer;
    callback->arg = normalizer;
    MemoryContextRegisterResetCallback(CurrentMemoryContext, callback);

    ArnormDictionary *dictionary = palloc0(sizeof *dictionary);
    dictionary->normalizer = normalizer;
    PG_RETURN_POINTER(dictionary);
}

/*
 * One token: NULL when normalization leaves it unchanged (the next dictionary gets it as it is),
 * no lexeme when nothing is left (a token of marks or tatweel only), else the normalized word
 * passed on to the next dictionary (TSL_FILTER). A token that normalizes to several words (a
 * ligature such as ﷺ) gives them all, at the same position, without further dictionaries.
 */
PG_FUNCTION_INFO_V1(arnorm_dict_lexize);
Datum arnorm_dict_lexize(PG_FUNCTION_ARGS) {
    ArnormDictionary *dictionary = (ArnormDictionary *)PG_GETARG_POINTER(0);
    char *token = (char *)PG_GETARG_POINTER(1);
    int32 len = PG_GETARG_INT32(2);
    int out_len = 0;
    char *out = run_convert(dictionary->normalizer, convert_normalize, token, len, &out_len, "arnorm dictionary");
    if (out_len == len && memcmp(out, token, len) == 0) {
        pfree(out);
        PG_RETURN_POINTER(NULL);
    }
    /* words are separated by white space: at most out_len / 2 + 1 of them */
    TSLexeme *result = palloc0(sizeof(TSLexeme) * (out_len / 2 + 2));
    int words = 0;
    for (char *word = strtok(out, " \t\n"); word != NULL; word = strtok(NULL, " \t\n"))
        result[words++].lexeme = pstrdup(word);
    if (words == 1) result[0].flags = TSL_FILTER;
    PG_RETURN_POINTER(result);
}

/* ---------------------------------------------------------------------------------------
 * The parser "arnorm": the default parser on the text normalized with the clean preset first
 * (NFC, invisible characters, tatweel, words split on purpose joined: خـ.ـسائر → خسائر), so
 * that split words reach the dictionaries whole. Token types and headlines are the default
 * parser's; ts_headline shows the clean text.
 * ------------------------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(arnorm_prs_start);
Datum arnorm_prs_start(PG_FUNCTION_ARGS) {
    char *input = (char *)PG_GETARG_POINTER(0);
    int len = PG_GETARG_INT32(1);
    void *handle = cached_handle(KIND_NORMALIZER, "clean", "arnorm parser");
    int out_len = 0;
    char *out = run_convert(handle, convert_normalize, input, len, &out_len, "arnorm parser");
    return DirectFunctionCall2(prsd_start, PointerGetDatum(out), Int32GetDatum(out_len));
}
