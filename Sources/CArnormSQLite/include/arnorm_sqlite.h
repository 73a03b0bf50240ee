#ifndef ARNORM_SQLITE_H
#define ARNORM_SQLITE_H
/*
 * The SQLite extension of the ArabicNormalizer toolkit (libarnorm-sqlite.so).
 *
 * Loaded with `.load ./libarnorm-sqlite` in the sqlite3 shell or sqlite3_load_extension(db,
 * "libarnorm-sqlite.so", NULL, &error), which finds the entry point below by the file name. It
 * registers on the connection:
 *   arnorm(text [, preset])        normalized text (preset: clean, standard, search; default search)
 *   arnorm_translit(text, scheme)  transliteration (bw, safebw, xmlbw, hsb, ala-lc, din, ascii, names)
 *   arnorm_numerals(text, mode)    numerals (the options of `arnorm numerals`, e.g. 'words-to-digits')
 *   the FTS5 tokenizer "arnorm"    tokenize = "arnorm search [enable S] [disable S] [options O]
 *                                  [clitics 0|1] [casefold 0|1]"
 * See docs/search-engines.md.
 */
#ifdef __cplusplus
extern "C" {
#endif

struct sqlite3;
struct sqlite3_api_routines;

/* The entry point SQLite derives from the file name libarnorm-sqlite.so. */
int sqlite3_arnormsqlite_init(struct sqlite3 *db, char **error, const struct sqlite3_api_routines *api);

#ifdef __cplusplus
}
#endif
#endif
