#ifndef CICU_BREAK_H
#define CICU_BREAK_H
/*
 * Plain-C access to ICU's word break iterator (Unicode word boundaries, UAX #29, with ICU's
 * dictionaries for scripts written without spaces) over UTF-8 text, and Unicode case folding of
 * one UTF-8 word. Used by the search-engine tokenizers. No ICU header is included here.
 */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A word break iterator. One iterator serves one thread at a time; open one per thread. */
typedef struct cicu_word_breaker cicu_word_breaker;

/* Opens an iterator (a clone of one process-wide root-locale iterator, so opening is cheap).
   NULL when ICU fails. */
cicu_word_breaker *cicu_word_breaker_open(void);
void cicu_word_breaker_close(cicu_word_breaker *breaker);

/* Points the iterator at `utf8[0..<len]` (read in place: keep it alive and unchanged while
   iterating). Ill-formed UTF-8 is read as U+FFFD. Returns 0, or -1 on an ICU error. */
int cicu_word_breaker_set_text(cicu_word_breaker *breaker, const char *utf8, int64_t len);

/* The next word: a segment between two word boundaries that holds a letter, a number, kana or an
   ideograph (spaces, punctuation and symbols are skipped). Stores its byte range [*start, *end)
   and returns 1, or returns 0 at the end of the text. `*kind` (may be NULL) receives 1 for
   letters, 2 for numbers, 3 for kana or ideographs. */
int cicu_word_breaker_next(cicu_word_breaker *breaker, int64_t *start, int64_t *end, int *kind);

/* Unicode full case folding of `src[0..<len]` into `dst` (capacity `cap`). Returns the folded
   length in bytes (which may exceed `cap`: then call again with a bigger buffer), or -1 on an
   ICU error. Text without letters that fold is copied unchanged. */
int64_t cicu_fold_case_utf8(const char *src, int64_t len, char *dst, int64_t cap);

#ifdef __cplusplus
}
#endif
#endif
