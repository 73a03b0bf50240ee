// Sixteen bytes at a time: how much of a block the engine's fast run may copy as it is.
//
// Header-only and `static inline`, so Swift inlines it into the engine's loop (Swift's own SIMD
// comparisons are not vectorized on this toolchain). The byte sets come from the engine's action
// table, per configuration (`ActionTable.blockRanges`): this file knows UTF-8, not the steps. A set
// may hold fewer characters than the table's plain ones (what it misses goes to the engine's scalar
// loop), never more. Without SSE2 the scan reports nothing clean and the scalar loop does all the work.
#ifndef ARN_BLOCK_SCAN_H
#define ARN_BLOCK_SCAN_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define ARN_BLOCK_MAX_RANGES 6

/// Up to six inclusive byte ranges, each stored as 16 copies of its start and of its width
/// (`hi - lo`), ready for SIMD.
typedef struct {
    uint8_t lo[ARN_BLOCK_MAX_RANGES][16];
    uint8_t width[ARN_BLOCK_MAX_RANGES][16];
    uint8_t count;
} arn_byte_ranges;

/// What a clean block may hold, for one configuration.
typedef struct {
    /// ASCII bytes copied as they are (not the space).
    arn_byte_ranges ascii;
    /// Characters U+0600–U+06FF (two-byte, leads D8–DB) copied as they are, by the low byte of
    /// their code point.
    arn_byte_ranges arabic;
    /// Single spaces between copied characters are copied (the whitespace step is on).
    uint8_t inlineSpaces;
    /// A two-byte character repeating the one before it stops the block (the elongation step).
    uint8_t watchRepeats;
} arn_block_ranges;

/// 1 when blocks are scanned with SIMD on this build, 0 when `arn_copy_clean_prefix` always says 0.
static inline int arn_block_scan_available(void) {
#if defined(__SSE2__)
    return 1;
#else
    return 0;
#endif
}

#if defined(__SSE2__)
/// Lanes of `x` in `[lo, lo + width]`: `x - lo` (wrapping) is at most `width`.
static inline __m128i arn_in(__m128i x, const uint8_t *lo, const uint8_t *width) {
    __m128i d = _mm_sub_epi8(x, _mm_loadu_si128((const __m128i *)lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_loadu_si128((const __m128i *)width)), d);
}

static inline unsigned arn_in_ranges(__m128i x, const arn_byte_ranges *r) {
    __m128i m = _mm_setzero_si128();
    switch (r->count) {
    case 6: m = _mm_or_si128(m, arn_in(x, r->lo[5], r->width[5])); /* fall through */
    case 5: m = _mm_or_si128(m, arn_in(x, r->lo[4], r->width[4])); /* fall through */
    case 4: m = _mm_or_si128(m, arn_in(x, r->lo[3], r->width[3])); /* fall through */
    case 3: m = _mm_or_si128(m, arn_in(x, r->lo[2], r->width[2])); /* fall through */
    case 2: m = _mm_or_si128(m, arn_in(x, r->lo[1], r->width[1])); /* fall through */
    case 1: m = _mm_or_si128(m, arn_in(x, r->lo[0], r->width[0])); /* fall through */
    default: break;
    }
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

/// Copies the 16 bytes at `in` to `out` and returns how many of them, from the start, are whole
/// characters the fast run copies unchanged: ASCII in `ascii`, U+0600–U+06FF in `arabic`, line
/// feeds, and (with `inlineSpaces`) single spaces between such characters (not after a line feed).
/// 0 to 16; a block that ends inside a character stops before it. A space first is not taken (the
/// scan cannot see what was written before the block). `in[-2]` to `in[16]` must be readable,
/// `out[0..<16]` writable.
static inline unsigned arn_copy_clean_prefix(const uint8_t *in, uint8_t *out, const arn_block_ranges *r) {
#if defined(__SSE2__)
    __m128i x = _mm_loadu_si128((const __m128i *)in);
    __m128i next = _mm_loadu_si128((const __m128i *)(in + 1));    // the byte after each lane
    _mm_storeu_si128((__m128i *)out, x);
    unsigned ascii = arn_in_ranges(x, &r->ascii);
    // Leads D8-DB followed by a continuation byte; the code point's low byte is
    // (lead & 3) << 6 | (trail & 0x3F) (the 16-bit shift's spill into the next byte is masked off).
    __m128i lead = _mm_cmpeq_epi8(_mm_min_epu8(_mm_sub_epi8(x, _mm_set1_epi8((char)0xD8)), _mm_set1_epi8(3)),
                                  _mm_sub_epi8(x, _mm_set1_epi8((char)0xD8)));
    __m128i trail = _mm_cmpeq_epi8(_mm_and_si128(next, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80));
    __m128i low = _mm_or_si128(_mm_and_si128(next, _mm_set1_epi8(0x3F)),
                               _mm_and_si128(_mm_slli_epi16(x, 6), _mm_set1_epi8((char)0xC0)));
    unsigned leads = (unsigned)_mm_movemask_epi8(_mm_and_si128(lead, trail)) & arn_in_ranges(low, &r->arabic);
    if (r->watchRepeats) {
        // x[t] == x[t-2] and x[t+1] == x[t-1]: the same two-byte character as the one before.
        __m128i before = _mm_loadu_si128((const __m128i *)(in - 1));
        __m128i before2 = _mm_loadu_si128((const __m128i *)(in - 2));
        unsigned repeat = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(x, before2),
                                                                    _mm_cmpeq_epi8(next, before)));
        leads &= ~(repeat & ~1u);    // lane 0: the caller starts blocks at plain ASCII
    }
    unsigned starts = ascii | leads;
    unsigned newlines = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
    unsigned good = starts | (leads << 1) | newlines;          // a good lead's trail is good
    if (r->inlineSpaces) {
        unsigned spaces = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
        // Not first, not after another space or a line feed, and before a start.
        unsigned after = ~((spaces | newlines) << 1) & ~1u;
        good |= spaces & after & (starts >> 1);
    }
    unsigned bad = ~good & 0xFFFFu;
    unsigned n = bad ? (unsigned)__builtin_ctz(bad) : 16;
    // Do not end on a lead whose trail is in the next block.
    if (n > 0 && (leads >> (n - 1)) & 1) n -= 1;
    return n;
#else
    (void)in; (void)out; (void)r;
    return 0;
#endif
}


// MARK: - Block runs (AVX2 or SSSE3): whole runs of blocks, classified by nibble lookups

#include <stddef.h>

#define ARN_RUN_MAX_MAPS 8
#define ARN_RUN_MAX_DELETIONS 8

/// `flags` of `arn_block_run`.
/// A space may come first: what was written before the run is not a space or a line feed.
#define ARN_RUN_SPACE_FIRST 1u
/// Separators are copied before a space or a line feed (no de-obfuscation verdict covers the run).
#define ARN_RUN_SEPARATORS 2u
/// (With `repeatRun`.) The two-byte character written last before the run (`flags >>
/// ARN_RUN_LAST_SHIFT`: its lead << 8 | trail; 0: none) was written twice in a row, or more (the
/// elongation step swallowed the others): the run takes no more of it.
#define ARN_RUN_REPEATED 4u
#define ARN_RUN_LAST_SHIFT 16
/// The one `repeatRun` the AVX2 run checks (another: the engine keeps the run off under elongation).
#define ARN_RUN_REPEAT_RUN 3

/// The AVX2 run's lookups and masks, each 16-byte one written twice (one copy per half of a
/// 256-bit register), so that the run loads each where it uses it instead of broadcasting them all
/// on every call.
typedef struct {
    uint8_t asciiLo[32], asciiHi[32], arabicLo[32], arabicHi[32];
    uint8_t asciiPlain[32], asciiSeparator[32], arabicPlain[32], arabicSeparator[32];
    uint8_t mapLo[32], mapHi[32], mapLead[32], mapTrail[32], mapLeadHigh[32], mapTrailHigh[32];
    uint8_t punctuationLo[32], punctuationHi[32], punctuationPlain[32], punctuationSeparator[32], punctuationZeroWidth[32];
    uint8_t deleteLo[32], deleteHi[32], deleteMark[32], deleteTatweel[32], tripleMarkLo[32], tripleMarkHi[32];
    uint8_t letterLo[32], letterHi[32], emojiLo[32], emojiHi[32], keptLo[32], keptHi[32], keptTripleLo[32], keptTripleHi[32], carriedLo[32], carriedHi[32];
    uint8_t asciiSpaced[32], asciiNumberSeparator[32], arabicSpaced[32], punctuationSpaced[32];
} arn_run_wide;

/// What `arn_block_run` takes, for one configuration. A byte's class is `lo[b & 15] & hi[b >> 4]`
/// (eight bits, each bit one rectangle of rows × columns of the byte table); ASCII bytes are
/// classed by their own value, U+0600–U+06FF by the low byte of the code point. A category holds
/// the characters whose class shares a bit with its mask (16 copies of the mask).
typedef struct {
    uint8_t asciiLo[16], asciiHi[16];
    uint8_t arabicLo[16], arabicHi[16];
    /// ASCII copied as it is; ASCII separators (copied before a space or a line feed).
    uint8_t asciiPlain[16], asciiSeparator[16];
    /// U+0600–U+06FF copied as it is; separators.
    uint8_t arabicPlain[16], arabicSeparator[16];
    /// U+0600–U+06FF replaced, classed like `arabicLo`/`arabicHi` in a lookup of their own:
    /// replacement g (0 to `mapCount` - 1) has class bit 1 << g, and each character has at most
    /// one. Its characters become, for g < 4, `mapLead[1 << g]`, `mapTrail[1 << g]` (a lookup by
    /// the class's low nibble), for g >= 4, `mapLeadHigh[1 << (g - 4)]`, `mapTrailHigh[1 << (g -
    /// 4)]` (by its high nibble); 0 elsewhere.
    uint8_t mapLo[16], mapHi[16];
    uint8_t mapLead[16], mapTrail[16];
    uint8_t mapLeadHigh[16], mapTrailHigh[16];
    uint32_t mapCount;
    /// U+2000–U+203F (UTF-8 E2 80 xx: quotation marks, dashes …) by the last byte xx: copied as
    /// they are; separators.
    uint8_t punctuationLo[16], punctuationHi[16];
    uint8_t punctuationPlain[16], punctuationSeparator[16];
    /// U+2000–U+203F zero-width characters deleted between two letters (ZWJ, ZWNJ, ZWSP: the
    /// invisible step), in the same lookup; de-obfuscation's glue in joins.
    uint8_t punctuationZeroWidth[16];
    /// U+0600–U+06FF deleted, classed like `arabicLo`/`arabicHi` in a lookup of their own. Marks (`deleteMark`) go when they follow an Arabic
    /// character the run writes (or another such mark); tatweel (`deleteTatweel`) when a run of it
    /// is followed by an ASCII or Arabic character the run writes.
    uint8_t deleteLo[16], deleteHi[16];
    uint8_t deleteMark[16], deleteTatweel[16];
    /// Deletions are counted in `deleteCount` groups, one per action credited: group g holds the
    /// characters whose class shares a bit with `deleteGroups[g]`.
    uint8_t deleteGroups[ARN_RUN_MAX_DELETIONS];
    uint32_t deleteCount;
    /// U+08C0–U+08FF combining marks deleted (UTF-8 E0 A3 xx: the open tanween of Quranic text)
    /// by the last byte xx, any bit of `tripleMarkLo[xx & 15] & tripleMarkHi[xx >> 4]`: deleted
    /// where two-byte marks of `deleteMark` are, counted in group `tripleMarkGroup`.
    uint8_t tripleMarkLo[16], tripleMarkHi[16];
    uint32_t tripleMarkGroup;
    /// U+1F000–U+1FFFF characters (emoji, UTF-8 F0 9F xx xx) copied as they are, by the third
    /// byte xx (64 code points each, all plain): any bit of `emojiLo[xx & 15] & emojiHi[xx >> 4]`.
    uint8_t emojiLo[16], emojiHi[16];
    /// Arabic letters the run writes (plain or replaced, a letter both as written and as read,
    /// unchanged by Unicode normalization), classed like `arabicLo`/`arabicHi` in a lookup of
    /// their own: any bit. With `joins`, the words de-obfuscation joins are joined in the run.
    uint8_t letterLo[16], letterHi[16];
    /// De-obfuscation joins in the run (AVX2): a stretch of tatweel, zero-width characters,
    /// separators and deleted marks between two letters, holding glue and a separator, is deleted
    /// whole.
    uint32_t joins;
    /// The longest stretch a join deletes, in characters (`ContextRules.Deobfuscation.stretchLimit`:
    /// the scalar paths judge no longer one).
    uint32_t stretchLimit;
    /// U+0600–U+06FF combining marks kept as they are (no mark is deleted: the diacritics step is
    /// off), classed like `arabicLo`/`arabicHi` in a lookup of their own (any bit), chosen so that
    /// their combining classes rise with their code points and none composes with a letter. The
    /// AVX2 run copies them after an Arabic character it writes, or after another such mark with a
    /// lower or equal code point (canonical order: Unicode normalization leaves them), up to four
    /// on a base; with `keptMarks` 2 (Unicode normalization on), two harakat (U+064B–U+0652,
    /// U+0670, all with distinct classes) alone on a base out of that order (shadda before fatha)
    /// are swapped, as normalization does. It never ends right after one (it backs off to the end
    /// of their base, and the scalar loop takes the base with its marks). 0: none.
    uint8_t keptLo[16], keptHi[16];
    uint32_t keptMarks;
    /// (With `keptMarks`.) U+08C0–U+08FF combining marks kept as they are (UTF-8 E0 A3 xx: open
    /// tanween) by the last byte xx, any bit of `keptTripleLo[xx & 15] & keptTripleHi[xx >> 4]`:
    /// the AVX2 run copies one alone on an Arabic character it writes (no mark before it or after
    /// it, so in canonical order whatever its class), and never ends right after it.
    uint8_t keptTripleLo[16], keptTripleHi[16];
    /// U+0600–U+06FF starters de-obfuscation carries along a stretch and copies elsewhere (the
    /// Quranic signs that are no marks: U+06DD, U+06E5 …), classed like `arabicLo`/`arabicHi` in
    /// a lookup of their own (any bit; `carries` 1 when there are any). With `keptMarks` (where
    /// no step deletes them), in a block holding kept marks, the AVX2 run copies one
    /// where no stretch can hold it: after an Arabic character it writes, a mark on one, a space
    /// or a line feed, and before an ASCII or Arabic character it takes, a space or a line feed;
    /// it never ends right after one.
    uint8_t carriedLo[16], carriedHi[16];
    uint32_t carries;
    /// The elongation step: a letter written this many times in a row collapses to one
    /// (`ContextRules.Elongation.collapsedRun`). The AVX2 run then checks what it wrote, with the
    /// last character written before it (`ARN_RUN_LAST_SHIFT`, `ARN_RUN_REPEATED`): it stops before
    /// a two-byte character that repeats the ones before it as often (`arn_first_repeat`), so that
    /// the scalar loop collapses it. Only `ARN_RUN_REPEAT_RUN` is supported (two characters before:
    /// four bytes); 0: no such step (the run does not look).
    uint32_t repeatRun;
    /// Single spaces before a character the run takes are copied (the whitespace step is on).
    uint32_t inlineSpaces;
    /// Separators the punctuation step turns into a space (`ContextRules.Numbers`: outside a
    /// number), in the ASCII, U+0600–U+06FF and U+2000–U+203F lookups (category masks, any bit):
    /// those also in `asciiNumberSeparator` (`. , : / -`) only outside a number: before a space,
    /// a line feed or an ASCII character that is no digit, or after such a character (not `-`,
    /// a sign before a digit); the others anywhere. The AVX2 run takes them where it would copy a separator
    /// that splits no word, as spaces (collapsed with the spaces around them, as the whitespace
    /// step does; counted in `spaced`). All 0: no such step.
    uint8_t asciiSpaced[16], asciiNumberSeparator[16], arabicSpaced[16], punctuationSpaced[16];
    /// The block width: 64 (AVX2, two registers) or 16 (SSSE3), as `arn_block_run_setup` says.
    uint32_t width;
    /// The AVX2 run's copies of the above (`arn_run_tables_widen`).
    arn_run_wide wide;
} arn_run_tables;

/// Fills `t->wide` from the rest of `t`: call once, after filling the rest.
void arn_run_tables_widen(arn_run_tables *t);

/// How many characters of each replacement `arn_block_run` wrote, how many of each deletion group
/// it deleted, and how many bytes it wrote.
typedef struct {
    uint32_t replaced[ARN_RUN_MAX_MAPS];
    uint32_t deleted[ARN_RUN_MAX_DELETIONS];
    /// Separators and zero-width characters deleted by joins (de-obfuscation's changes), and the
    /// words joined.
    uint32_t deobfuscated, joinedWords;
    /// Zero-width characters deleted between two letters (the invisible step's changes).
    uint32_t zeroWidths;
    /// Spaces deleted from runs of spaces and at line starts (the whitespace step's changes).
    uint32_t collapsedSpaces;
    /// Pairs of kept marks swapped into canonical order (the Unicode step's changes: one a base).
    uint32_t reordered;
    /// Separators written as a space or collapsed into one (the punctuation step's changes).
    uint32_t spaced;
    uint64_t written;
} arn_run_counts;

/// The widest block `arn_block_run` can use on this machine: 64 (x86-64 with AVX2), 16 (SSSE3),
/// or 0 (neither, or not x86-64: it must not be called). Asks the CPU; no side effect.
int arn_block_run_available(void);

/// Prepares the block run's own constant tables (the lane-packing shuffles) and returns
/// `arn_block_run_available()`. Call once before the first `arn_block_run` (calling it again is
/// harmless: it writes the same values).
int arn_block_run_setup(void);

/// Writes the characters from `in` that the fast run writes with no context, `t->width` bytes at a
/// time, and returns how many input bytes that is (0 to `n - 2`; `counts->written` says
/// how many bytes were written):
/// - ASCII, U+0600–U+06FF and U+2000–U+203F characters of the `plain` categories (copied) and
///   replaced ones (written as their target, counted in `counts`), and line feeds;
/// - with the AVX2 run, emoji (`emojiLo`/`emojiHi`, copied);
/// - with `ARN_RUN_SEPARATORS`, separators that split no word: after ASCII, a space or a line
///   feed, or followed (through up to two more separators) by a character that ends a
///   de-obfuscation run without joining it (ASCII, Arabic or punctuation it takes, a space, a line
///   feed);
/// - with `inlineSpaces`, single spaces before a character or separator it takes (not after a line
///   feed or a space); with the AVX2 run, runs of spaces so placed too, collapsed as the
///   whitespace step does (the first kept after a character; counted in `collapsedSpaces`);
/// - with the AVX2 run, deletions (`deleteMark`, `deleteTatweel`, counted by group in `counts`),
///   never as the last thing taken;
/// - with the AVX2 run, zero-width characters (`punctuationZeroWidth`) alone between two letters,
///   counted in `zeroWidths`;
/// - with the AVX2 run, `joins` and `ARN_RUN_SEPARATORS`, the words de-obfuscation joins: a stretch
///   of tatweel, zero-width characters, separators and deleted marks right after a letter and
///   right before one, holding glue (tatweel or zero-width) and a separator (`خـ.ـسائر`), deleted
///   whole (tatweel and marks counted by group, the others and the words in `deobfuscated`,
///   `joinedWords`).
/// - with the AVX2 run and `keptMarks`, kept combining marks in canonical order on an Arabic
///   character it writes (copied), and two harakat alone on one out of that order (swapped,
///   counted in `reordered`).
/// Stops at the first block with fewer than `width - 2` such bytes, after its clean prefix; never
/// inside a character. Reads `in[0..<n]`, writes up to `out[0..<n - 1]` (bytes past the written
/// length are scratch).
size_t arn_block_run(const uint8_t *in, size_t n, uint8_t *out, const arn_run_tables *t, unsigned flags,
                     arn_run_counts *counts);

/// (`repeatRun` 3.) Where in the `w` bytes at `o` (whole UTF-8 characters; `o[0..<64]` readable,
/// `w` at most 64) the first two-byte character starts that repeats the two before it, the four
/// bytes before `o` being `history[0..<4]` (0 for unknown): `w` if none. The AVX2 version; on other
/// machines the reference.
unsigned arn_first_repeat(const uint8_t *o, unsigned w, const uint8_t history[4]);

/// The same, byte by byte: the oracle of `arn_first_repeat` (any `w`, `o[0..<w]` readable).
unsigned arn_first_repeat_reference(const uint8_t *o, unsigned w, const uint8_t history[4]);

/// The scalar reference of the run at width 16, on every machine: the SSSE3 kernel's contract
/// (what it takes: plain and replaced ASCII, U+0600–U+06FF and U+2000–U+203F characters, line
/// feeds, separators that split no word, single spaces) written byte by byte with the same lane
/// logic. Not used by the engine: the tests hold the kernels to it.
size_t arn_block_run_reference(const uint8_t *in, size_t n, uint8_t *out, const arn_run_tables *t, unsigned flags,
                               arn_run_counts *counts);

#endif
