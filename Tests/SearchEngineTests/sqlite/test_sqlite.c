/*
 * Tests of the SQLite extension (libarnorm-sqlite.so) with the real SQLite library:
 *
 *   test_sqlite EXTENSION_PATH CORPUS_DIR SCRATCH_DIR
 *
 * Loads the extension with sqlite3_load_extension (entry point found from the file name), checks
 * the SQL functions (values, NULLs, bad names, ill-formed UTF-8, use in an index), then the FTS5
 * tokenizer on a few hundred lines of Corpora/news: spelling variants of a query match the same
 * rows (and the rows a plain scan of the normalized text finds), highlight() marks exactly the
 * words in the unnormalized documents, tokenizer arguments, clitics, and two connections working
 * at once from two threads. Prints one line per check; exits 1 if any failed.
 */
#include <dirent.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *extension_path;
static int failures, checks;

static void check(int ok, const char *format, ...) {
    va_list args;
    va_start(args, format);
    checks++;
    printf("%s - ", ok ? "ok" : "NOT OK");
    vprintf(format, args);
    printf("\n");
    va_end(args);
    if (!ok) failures++;
}

static sqlite3 *open_db(const char *path) {
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    sqlite3_busy_timeout(db, 10000);
    sqlite3_enable_load_extension(db, 1);
    char *error = NULL;
    if (sqlite3_load_extension(db, extension_path, NULL, &error) != SQLITE_OK) {
        fprintf(stderr, "cannot load %s: %s\n", extension_path, error ? error : "?");
        exit(2);
    }
    return db;
}

static int exec(sqlite3 *db, const char *sql, char **error) {
    if (error) *error = NULL;
    return sqlite3_exec(db, sql, NULL, NULL, error);
}

static void must(sqlite3 *db, const char *sql) {
    char *error = NULL;
    if (exec(db, sql, &error) != SQLITE_OK) {
        fprintf(stderr, "SQL failed: %s\n  %s\n", error ? error : "?", sql);
        exit(2);
    }
}

/* The first column of the first row as text (malloc'd; "<NULL>" for NULL, "<ERROR: msg>" on error). */
static char *value1(sqlite3 *db, const char *sql, const char *bind) {
    sqlite3_stmt *st = NULL;
    char *result = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        result = malloc(strlen(sqlite3_errmsg(db)) + 16);
        sprintf(result, "<ERROR: %s>", sqlite3_errmsg(db));
        return result;
    }
    if (bind) sqlite3_bind_text(st, 1, bind, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        if (sqlite3_column_type(st, 0) == SQLITE_NULL) result = strdup("<NULL>");
        else result = strdup((const char *)sqlite3_column_text(st, 0));
    } else if (rc == SQLITE_DONE) {
        result = strdup("<NO ROW>");
    } else {
        result = malloc(strlen(sqlite3_errmsg(db)) + 16);
        sprintf(result, "<ERROR: %s>", sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    return result;
}

static void check_value(sqlite3 *db, const char *sql, const char *bind, const char *expected) {
    char *got = value1(db, sql, bind);
    check(strcmp(got, expected) == 0, "%s%s%s → %s (expected %s)", sql, bind ? " with ?1 = " : "", bind ? bind : "",
          got, expected);
    free(got);
}

static void check_error(sqlite3 *db, const char *sql, const char *fragment) {
    char *got = value1(db, sql, NULL);
    check(strncmp(got, "<ERROR: ", 8) == 0 && strstr(got, fragment) != NULL, "%s fails with a message naming '%s': %s",
          sql, fragment, got);
    free(got);
}

static long long int1(sqlite3 *db, const char *sql, const char *bind) {
    char *v = value1(db, sql, bind);
    long long n = (v[0] == '<') ? -1 : atoll(v);
    if (n < 0) fprintf(stderr, "  (%s: %s)\n", sql, v);
    free(v);
    return n;
}

/* The rowids a query returns, as "1,4,9" (malloc'd), or "<ERROR ...>". */
static char *rowids(sqlite3 *db, const char *sql, const char *bind) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return strdup("<ERROR prepare>");
    if (bind) sqlite3_bind_text(st, 1, bind, -1, SQLITE_TRANSIENT);
    size_t cap = 64, len = 0;
    char *out = malloc(cap);
    out[0] = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char item[32];
        int n = snprintf(item, sizeof item, "%s%lld", len ? "," : "", (long long)sqlite3_column_int64(st, 0));
        if (len + n + 1 > cap) out = realloc(out, cap *= 2);
        memcpy(out + len, item, n + 1);
        len += n;
    }
    if (rc != SQLITE_DONE) {
        free(out);
        out = malloc(strlen(sqlite3_errmsg(db)) + 16);
        sprintf(out, "<ERROR %s>", sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    return out;
}

/* ---------------------------------------------------------------------------------------
 * The corpus: every line of Corpora/news and every clause of it (split at '،' and sentence ends).
 * ------------------------------------------------------------------------------------- */

static char **rows;
static int row_count, row_cap;

static void add_row(const char *s, size_t n) {
    while (n > 0 && (s[0] == ' ')) s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
    if (n == 0) return;
    if (row_count == row_cap) rows = realloc(rows, sizeof(char *) * (row_cap = row_cap ? row_cap * 2 : 256));
    rows[row_count] = malloc(n + 1);
    memcpy(rows[row_count], s, n);
    rows[row_count][n] = 0;
    row_count++;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void load_corpus(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "no corpus folder %s\n", dir);
        exit(2);
    }
    char *names[256];
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && count < 256)
        if (strstr(e->d_name, ".txt")) names[count++] = strdup(e->d_name);
    closedir(d);
    qsort(names, count, sizeof names[0], by_name);
    for (int i = 0; i < count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        char line[65536];
        while (f && fgets(line, sizeof line, f)) {
            add_row(line, strlen(line));
            /* clauses */
            const char *start = line;
            for (const char *p = line; *p; p++) {
                int comma = (unsigned char)p[0] == 0xD8 && (unsigned char)p[1] == 0x8C; /* ، */
                int stop = (p[0] == '.' || p[0] == '?' || p[0] == '!') && p[1] == ' ';
                if (comma || stop) {
                    add_row(start, (size_t)(p - start));
                    start = p + (comma ? 2 : 1);
                }
            }
            if (start != line) add_row(start, strlen(start));
        }
        if (f) fclose(f);
        free(names[i]);
    }
}

static void insert_rows(sqlite3 *db, const char *table) {
    char sql[256];
    snprintf(sql, sizeof sql, "INSERT INTO %s(rowid, body) VALUES (?1, ?2)", table);
    sqlite3_stmt *st = NULL;
    must(db, "BEGIN");
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "prepare: %s\n", sqlite3_errmsg(db));
        exit(2);
    }
    for (int i = 0; i < row_count; i++) {
        sqlite3_bind_int(st, 1, i + 1);
        sqlite3_bind_text(st, 2, rows[i], -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) {
            fprintf(stderr, "insert into %s: %s\n", table, sqlite3_errmsg(db));
            exit(2);
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    must(db, "COMMIT");
}

/* ---------------------------------------------------------------------------------------
 * Checks
 * ------------------------------------------------------------------------------------- */

static void test_functions(sqlite3 *db) {
    check_value(db, "SELECT arnorm('خـ.ـسائر فـ.ـادحة في إدلب')", NULL, "خساير فادحه في ادلب");
    check_value(db, "SELECT arnorm('خـ.ـسائر فـ.ـادحة في إدلب', 'standard')", NULL, "خسائر فادحة في ادلب");
    check_value(db, "SELECT arnorm('خَسائر', 'clean')", NULL, "خَسائر");
    check_value(db, "SELECT arnorm_translit('كتاب', 'bw')", NULL, "ktAb");
    check_value(db, "SELECT arnorm_numerals('خمسمئة وثلاث وعشرون', 'words-to-digits')", NULL, "523");
    check_value(db, "SELECT arnorm_numerals('١٢٣', 'digits=western')", NULL, "123");
    /* NULL in, NULL out */
    check_value(db, "SELECT arnorm(NULL)", NULL, "<NULL>");
    check_value(db, "SELECT arnorm(NULL, 'search')", NULL, "<NULL>");
    check_value(db, "SELECT arnorm('x', NULL)", NULL, "<NULL>");
    check_value(db, "SELECT arnorm_translit(NULL, 'bw')", NULL, "<NULL>");
    check_value(db, "SELECT arnorm_translit('x', NULL)", NULL, "<NULL>");
    check_value(db, "SELECT arnorm_numerals(NULL, 'words-to-digits')", NULL, "<NULL>");
    check_value(db, "SELECT typeof(arnorm(''))", NULL, "text");
    /* bad names are SQL errors with the library's message */
    check_error(db, "SELECT arnorm('x', 'nosuchpreset')", "unknown preset 'nosuchpreset'");
    check_error(db, "SELECT arnorm_translit('x', 'nosuchscheme')", "nosuchscheme");
    check_error(db, "SELECT arnorm_numerals('x', 'nosuchmode')", "nosuchmode");
    check_error(db, "SELECT arnorm()", "arnorm");
    /* ill-formed UTF-8: each bad sequence becomes U+FFFD, nothing fails */
    check_value(db, "SELECT hex(arnorm(CAST(X'D8FF41C0' AS TEXT), 'clean'))", NULL, "EFBFBDEFBFBD41EFBFBD");
    check_value(db, "SELECT arnorm(X'D8A7')", NULL, "ا");
    check_value(db, "SELECT arnorm(12.5)", NULL, "12.5");
    /* deterministic: usable in an index and in a generated column */
    must(db, "CREATE TABLE plain(body TEXT)");
    must(db, "CREATE INDEX plain_norm ON plain(arnorm(body))");
    must(db, "CREATE TABLE gen(body TEXT, norm TEXT GENERATED ALWAYS AS (arnorm(body)) STORED)");
    must(db, "INSERT INTO plain VALUES ('إدلب'), ('ادلب'), ('إِدْلِب'), (NULL), ('حلب')");
    must(db, "INSERT INTO gen(body) VALUES ('فـ.ـادحة')");
    check(int1(db, "SELECT count(*) FROM plain WHERE arnorm(body) = arnorm('ادلب')", NULL) == 3,
          "an index on arnorm(body) finds the three spellings of ادلب");
    char plan[1024] = "";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN SELECT * FROM plain WHERE arnorm(body) = 'ادلب'", -1, &st, NULL) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW)
            strncat(plan, (const char *)sqlite3_column_text(st, 3), sizeof plan - strlen(plan) - 1);
    sqlite3_finalize(st);
    check(strstr(plan, "plain_norm") != NULL, "the query plan uses the index on arnorm(body): %s", plan);
    check_value(db, "SELECT norm FROM gen", NULL, "فادحه");
}

/* The query variants of a word: as written, with a fatha after every letter, split with tatweel and a dot. */
static void variants(const char *word, char out[3][256]) {
    snprintf(out[0], 256, "%s", word);
    size_t o = 0;
    for (const char *p = word; *p; p++) {
        out[1][o++] = *p;
        if (((unsigned char)p[1] & 0xC0) != 0x80 && ((unsigned char)*p & 0xC0) == 0x80) {
            out[1][o++] = (char)0xD9; /* U+064E fatha */
            out[1][o++] = (char)0x8E;
        }
    }
    out[1][o] = 0;
    /* split after the second letter: X Y ـ . ـ rest */
    const char *p = word;
    int letters = 0;
    while (*p && letters < 2) {
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80) p++;
        letters++;
    }
    snprintf(out[2], 256, "%.*s\xD9\x80.\xD9\x80%s", (int)(p - word), word, p);
}

/* Whether `marked` (highlight() output with char(1) and char(2) as marks) is row `rowid` of
   `table` once the marks are removed. */
static int marks_only(sqlite3 *db, const char *table, long long rowid, const char *marked) {
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT body FROM %s WHERE rowid = %lld", table, rowid);
    char *body = value1(db, sql, NULL);
    char *plain = strdup(marked);
    size_t o = 0;
    for (size_t i = 0; plain[i]; i++)
        if (plain[i] != 1 && plain[i] != 2) plain[o++] = plain[i];
    plain[o] = 0;
    int same = strcmp(plain, body) == 0;
    if (!same) printf("    row %lld: without the marks the text is not the document\n", rowid);
    free(plain);
    free(body);
    return same;
}

/* The spans highlight() marks in row `rowid`, each normalized; all must equal `expected`, and
   the text around them must be the document. */
static int highlight_spans_ok(sqlite3 *db, const char *table, long long rowid, const char *query, const char *expected,
                              int *spans) {
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT highlight(%s, 0, char(1), char(2)) FROM %s WHERE %s MATCH ?1 AND rowid = %lld",
             table, table, table, rowid);
    char *marked = value1(db, sql, query);
    int ok = marked[0] != '<' && marks_only(db, table, rowid, marked);
    for (char *p = strchr(marked, 1); ok && p; p = strchr(p, 1)) {
        char *q = strchr(p, 2);
        if (!q) {
            ok = 0;
            break;
        }
        char span[512];
        snprintf(span, sizeof span, "%.*s", (int)(q - p - 1), p + 1);
        char *normalized = value1(db, "SELECT arnorm(?1)", span);
        if (strcmp(normalized, expected) != 0) {
            printf("    row %lld: marked '%s' normalizes to '%s', not '%s'\n", rowid, span, normalized, expected);
            ok = 0;
        }
        free(normalized);
        (*spans)++;
        p = q;
    }
    free(marked);
    return ok;
}

static void test_tokenizer(sqlite3 *db) {
    must(db, "CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = \"arnorm search\")");
    must(db, "CREATE VIRTUAL TABLE stock USING fts5(body)");
    must(db, "CREATE TABLE lines(body TEXT)");
    insert_rows(db, "docs");
    insert_rows(db, "stock");
    insert_rows(db, "lines");
    check(row_count >= 200, "indexed %d rows of Corpora/news (lines and their clauses)", row_count);

    static const char *words[] = {"خسائر", "معارك", "قصف", "إدلب", "الأسد", "الفصائل", "فادحة", "قوات",
                                  "الميليشيات", "الجنوبي", "وزارة", "سقوط", "تكبدت", "الروسية"};
    int n = (int)(sizeof words / sizeof words[0]);
    int spans = 0, highlight_ok = 1, stock_misses = 0;
    for (int i = 0; i < n; i++) {
        char v[3][256];
        variants(words[i], v);
        char *normalized = value1(db, "SELECT arnorm(?1)", words[i]);
        /* the reference: rows whose normalized text has the word between spaces */
        char *expected = rowids(db,
                                "SELECT rowid FROM lines WHERE ' ' || arnorm(body) || ' ' LIKE '% ' || arnorm(?1) || ' %' "
                                "ORDER BY rowid",
                                words[i]);
        for (int k = 0; k < 3; k++) {
            char quoted[600];
            snprintf(quoted, sizeof quoted, "\"%.500s\"", v[k]);
            char *got = rowids(db, "SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rowid", quoted);
            check(strcmp(got, expected) == 0 && expected[0] != 0 && expected[0] != '<',
                  "%s matches the rows where the normalized text has %s (%s)", v[k], normalized,
                  strlen(got) > 60 ? "many" : got);
            free(got);
        }
        char quoted[300];
        snprintf(quoted, sizeof quoted, "\"%s\"", words[i]);
        char *stock = rowids(db, "SELECT rowid FROM stock WHERE stock MATCH ?1 ORDER BY rowid", quoted);
        if (strcmp(stock, expected) != 0) stock_misses++;
        free(stock);
        /* highlight() spans in the original text */
        char *list = strdup(expected);
        for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ","))
            highlight_ok &= highlight_spans_ok(db, "docs", atoll(tok), quoted, normalized, &spans);
        free(list);
        free(expected);
        free(normalized);
    }
    check(highlight_ok && spans > n, "highlight() marks exactly the matching words in the original text (%d spans)", spans);
    check(stock_misses >= 5, "the stock unicode61 tokenizer gives other rows for %d of %d words", stock_misses, n);

    /* the obfuscated word in the corpus is found and marked whole */
    char *h = value1(db, "SELECT highlight(docs, 0, '[', ']') FROM docs WHERE docs MATCH 'خسائر' AND body LIKE '%خـ.ـسائر%' LIMIT 1",
                     NULL);
    check(strstr(h, "[خـ.ـسائر]") != NULL, "highlight marks the whole split word: %.80s…", strstr(h, "[") ? strstr(h, "[") : h);
    free(h);
    char *snip = value1(db, "SELECT snippet(docs, 0, '[', ']', '…', 6) FROM docs WHERE docs MATCH 'ادلب' LIMIT 1", NULL);
    check(strstr(snip, "[إدلب") != NULL || strstr(snip, "[بإدلب") != NULL, "snippet() marks إدلب for the query ادلب: %s", snip);
    free(snip);

    /* a ligature that expands to four words (ﷺ → صلى الله عليه وسلم): one range, no overlap */
    must(db, "INSERT INTO docs(rowid, body) VALUES (100005, 'قال محمد ﷺ في الحديث')");
    char *lig = value1(db, "SELECT highlight(docs, 0, char(1), char(2)) FROM docs WHERE docs MATCH 'صلي AND وسلم' AND rowid = 100005",
                       NULL);
    check(lig[0] != '<' && marks_only(db, "docs", 100005, lig) && strstr(lig, "\x01ﷺ") != NULL,
          "a ligature of four words matches each word; highlight() marks it and keeps the text");
    free(lig);
    must(db, "DELETE FROM docs WHERE rowid = 100005");

    /* prefix queries, case folding, numbers */
    check(int1(db, "SELECT count(*) FROM docs WHERE docs MATCH 'خسا*'", NULL) >= 1, "a prefix query خسا* matches");
    check(int1(db, "SELECT count(*) FROM docs WHERE docs MATCH 'posted'", NULL) ==
              int1(db, "SELECT count(*) FROM lines WHERE body LIKE '%Posted%'", NULL) &&
              int1(db, "SELECT count(*) FROM lines WHERE body LIKE '%Posted%'", NULL) > 0,
          "Latin words fold case (posted matches Posted)");

    /* NULL documents, ill-formed UTF-8, empty text: no failure, no crash */
    must(db, "INSERT INTO docs(rowid, body) VALUES (100001, NULL)");
    must(db, "INSERT INTO docs(rowid, body) VALUES (100002, CAST(X'D8FFD8A7D984D8A3D8B3D8AFC0' AS TEXT))");
    must(db, "INSERT INTO docs(rowid, body) VALUES (100003, '')");
    must(db, "INSERT INTO docs(rowid, body) VALUES (100004, CAST(X'FFFEFD' AS TEXT))");
    check(int1(db, "SELECT count(*) FROM docs WHERE docs MATCH 'الاسد' AND rowid = 100002", NULL) == 1,
          "a document with ill-formed UTF-8 is indexed around the bad bytes");
    char *bad = value1(db, "SELECT highlight(docs, 0, '[', ']') FROM docs WHERE rowid = 100002 AND docs MATCH 'الاسد'", NULL);
    check(bad[0] != '<' && strstr(bad, "[\xD8\xA7\xD9\x84\xD8\xA3\xD8\xB3\xD8\xAF]") != NULL,
          "highlight in a document with ill-formed UTF-8 marks the word");
    free(bad);
    check(int1(db, "SELECT count(*) FROM docs WHERE docs MATCH ?1", "\"\xFF\xFE\"") == 0,
          "an ill-formed query matches nothing and fails nothing");
    must(db, "DELETE FROM docs WHERE rowid >= 100001");
    must(db, "INSERT INTO docs(docs) VALUES ('integrity-check')");
    check(1, "FTS5 integrity-check passes after inserts and deletes");
}

static void test_arguments(sqlite3 *db) {
    char *error = NULL;
    must(db, "CREATE VIRTUAL TABLE t_std USING fts5(body, tokenize = \"arnorm standard\")");
    must(db, "INSERT INTO t_std VALUES ('فادحة')");
    check(int1(db, "SELECT count(*) FROM t_std WHERE t_std MATCH 'فادحه'", NULL) == 0 &&
              int1(db, "SELECT count(*) FROM t_std WHERE t_std MATCH 'فادحة'", NULL) == 1,
          "\"arnorm standard\" keeps teh marbuta");
    must(db, "CREATE VIRTUAL TABLE t_dis USING fts5(body, tokenize = \"arnorm search disable 'teh-marbuta' enable tatweel\")");
    must(db, "INSERT INTO t_dis VALUES ('فادحة')");
    check(int1(db, "SELECT count(*) FROM t_dis WHERE t_dis MATCH 'فادحه'", NULL) == 0 &&
              int1(db, "SELECT count(*) FROM t_dis WHERE t_dis MATCH 'فادحة'", NULL) == 1,
          "disable 'teh-marbuta' switches the step off");
    must(db, "CREATE VIRTUAL TABLE t_case USING fts5(body, tokenize = \"arnorm casefold 0\")");
    must(db, "INSERT INTO t_case VALUES ('Posted')");
    check(int1(db, "SELECT count(*) FROM t_case WHERE t_case MATCH 'posted'", NULL) == 0,
          "casefold 0 keeps case");
    static const char *bad[] = {"arnorm nosuch", "arnorm preset nosuch", "arnorm disable nosuchstep",
                                "arnorm clitics 2", "arnorm search clitics", "arnorm options 'engine=reference'"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char sql[256];
        snprintf(sql, sizeof sql, "CREATE VIRTUAL TABLE t_bad%zu USING fts5(body, tokenize = \"%s\")", i, bad[i]);
        int rc = exec(db, sql, &error);
        check(rc != SQLITE_OK && error != NULL, "tokenize = \"%s\" is an error: %s", bad[i], error ? error : "(none)");
        sqlite3_free(error);
    }

    must(db, "CREATE VIRTUAL TABLE t_cl USING fts5(body, tokenize = \"arnorm search clitics 1\")");
    must(db, "CREATE VIRTUAL TABLE t_nocl USING fts5(body, tokenize = \"arnorm search\")");
    const char *docs = "INSERT INTO %s(rowid, body) VALUES (1, 'والكتاب على الطاولة'), (2, 'بالمدرسة'), (3, 'كتاب'), "
                       "(4, 'للمدرسة الجديدة'), (5, 'وقال')";
    char sql[512];
    snprintf(sql, sizeof sql, docs, "t_cl");
    must(db, sql);
    snprintf(sql, sizeof sql, docs, "t_nocl");
    must(db, sql);
    char *a = rowids(db, "SELECT rowid FROM t_cl WHERE t_cl MATCH 'كتاب' ORDER BY rowid", NULL);
    char *b = rowids(db, "SELECT rowid FROM t_nocl WHERE t_nocl MATCH 'كتاب' ORDER BY rowid", NULL);
    check(strcmp(a, "1,3") == 0 && strcmp(b, "3") == 0, "clitics 1: كتاب also finds والكتاب (%s; without: %s)", a, b);
    free(a);
    free(b);
    a = rowids(db, "SELECT rowid FROM t_cl WHERE t_cl MATCH 'مدرسه' ORDER BY rowid", NULL);
    check(strcmp(a, "2,4") == 0, "clitics 1: مدرسة finds بالمدرسة and للمدرسة (%s)", a);
    free(a);
    a = rowids(db, "SELECT rowid FROM t_cl WHERE t_cl MATCH 'والكتاب' ORDER BY rowid", NULL);
    check(strcmp(a, "1") == 0, "clitics 1: the full word still matches itself only (%s)", a);
    free(a);
    a = value1(db, "SELECT highlight(t_cl, 0, '[', ']') FROM t_cl WHERE t_cl MATCH 'كتاب' AND rowid = 1", NULL);
    check(strcmp(a, "[والكتاب] على الطاولة") == 0, "clitics 1: highlight marks the whole word (%s)", a);
    free(a);
    must(db, "INSERT INTO t_cl(t_cl) VALUES ('integrity-check')");
    check(1, "clitics 1: FTS5 integrity-check passes");
}

/* Two connections at once: one writes rows while the other queries. */
struct thread_args {
    const char *path;
    int writer;
    int errors;
    long long last_count;
    long long before; /* matches before the writer starts */
};

#define WRITES 40

static void *worker(void *p) {
    struct thread_args *args = p;
    sqlite3 *db = open_db(args->path);
    /* the reader runs until it sees every insert (or gives up after many queries) */
    for (int i = 0; args->writer ? i < WRITES : (args->last_count < args->before + WRITES && i < 20000); i++) {
        if (args->writer) {
            char *error = NULL;
            if (exec(db, "INSERT INTO docs(body) VALUES ('وتكبّدت قواتنا خـ.ـسائر فـ.ـادحة في إدلب')", &error) != SQLITE_OK) {
                fprintf(stderr, "writer: %s\n", error ? error : "?");
                sqlite3_free(error);
                args->errors++;
            }
        } else {
            long long n = int1(db, "SELECT count(*) FROM docs WHERE docs MATCH '\"خَسائر\"'", NULL);
            char *h = value1(db, "SELECT highlight(docs, 0, '[', ']') FROM docs WHERE docs MATCH 'خسائر' ORDER BY rowid DESC LIMIT 1", NULL);
            if (n < args->last_count || n < 0 || (n > args->before && strstr(h, "[خـ.ـسائر]") == NULL)) {
                if (args->errors++ == 0) fprintf(stderr, "reader: count %lld after %lld, last match: %s\n", n, args->last_count, h);
            }
            free(h);
            args->last_count = n;
        }
    }
    args->last_count = int1(db, "SELECT count(*) FROM docs WHERE docs MATCH 'خسائر'", NULL);
    sqlite3_close(db);
    return NULL;
}

static void test_threads(const char *scratch) {
    char path[4096];
    snprintf(path, sizeof path, "%s/threads.db", scratch);
    remove(path);
    sqlite3 *db = open_db(path);
    must(db, "PRAGMA journal_mode=WAL");
    must(db, "CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = \"arnorm search\")");
    insert_rows(db, "docs");
    long long before = int1(db, "SELECT count(*) FROM docs WHERE docs MATCH 'خسائر'", NULL);
    sqlite3_close(db);

    struct thread_args w = {path, 1, 0, 0, before}, r = {path, 0, 0, before, before};
    pthread_t tw, tr;
    pthread_create(&tw, NULL, worker, &w);
    pthread_create(&tr, NULL, worker, &r);
    pthread_join(tw, NULL);
    pthread_join(tr, NULL);
    check(w.errors == 0 && r.errors == 0 && w.last_count == before + WRITES && r.last_count == before + WRITES,
          "two connections in two threads: %d inserts while the other queries, matches %lld → %lld (writer), %lld "
          "(reader), errors %d/%d",
          WRITES, before, w.last_count, r.last_count, w.errors, r.errors);
    remove(path);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: test_sqlite EXTENSION CORPUS_DIR SCRATCH_DIR\n");
        return 2;
    }
    extension_path = argv[1];
    load_corpus(argv[2]);
    printf("SQLite %s\n", sqlite3_libversion());
    sqlite3 *db = open_db(":memory:");
    test_functions(db);
    test_tokenizer(db);
    test_arguments(db);
    sqlite3_close(db);
    test_threads(argv[3]);
    printf("%d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
