#ifndef CBASELINE_H
#define CBASELINE_H
// Baselines measured next to the Swift engine in the same run (see docs/performance.md).
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The hand-written C table pass: the comparable pipeline without NFKC.
/// Deletes tatweel, harakat and Quranic marks (U+064B-U+065F, U+0670, U+06D6-U+06ED except
/// U+06E5/U+06E6), invisible characters (soft hyphen, ALM, ZWSP/ZWNJ/ZWJ/LRM/RLM, bidi
/// embeddings and isolates, word joiner, BOM); folds alef variants to alef, alef maksura to yeh,
/// Arabic-Indic and Extended Arabic-Indic digits to ASCII. Ill-formed UTF-8 becomes U+FFFD.
/// `out` must hold `3 * n` bytes (only ill-formed input grows). Returns the bytes written.
size_t cbaseline_normalize(const uint8_t *in, size_t n, uint8_t *out);

/// The same with the `search` preset's letter maps too: teh marbuta to heh, waw and yeh with
/// hamza to waw and yeh, keheh to kaf, farsi yeh to yeh.
size_t cbaseline_normalize_search(const uint8_t *in, size_t n, uint8_t *out);

/// A plain copy: what moving the bytes costs.
size_t cbaseline_copy(const uint8_t *in, size_t n, uint8_t *out);

#ifdef __cplusplus
}
#endif
#endif
