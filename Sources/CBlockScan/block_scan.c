// The block scan's inline part is in include/block_scan.h (static inline, so that the Swift engine
// inlines it). The block run lives here: compiled for AVX2 (64-byte blocks) and for SSSE3 (16-byte
// blocks), chosen at run time. Both class bytes with the same nibble lookups and share the scalar
// part: which lanes the run takes (`arn_clean_length`). The two kernels are the same steps at two
// vector widths, written out twice on purpose: a body generated from macros over the intrinsics
// would hide what each instruction does, and the SSSE3 one is kept for x86-64 machines without
// AVX2 (and tested on every machine with `ARNORM_BLOCK_RUN=16`).
#include "block_scan.h"

#include <string.h>

// The lane logic below (which lanes a block holds, which the run takes) is plain C, shared by the
// x86-64 kernels and the scalar reference (`arn_block_run_reference`); the kernels follow it.

/// The lanes below `m` (0 to 64).
static inline uint64_t arn_prefix_mask(unsigned m) { return m >= 64 ? ~0ull : (1ull << m) - 1; }

/// The highest lane of `mask` plus one (0 if none).
static inline unsigned arn_end_of(uint64_t mask) { return mask ? 64 - (unsigned)__builtin_clzll(mask) : 0; }

/// `m`, or where the last lane kept before it ends when lane `m - 1` is `removed` (never end on a
/// deletion).
static inline unsigned arn_off_deletions(unsigned m, uint64_t removed) {
    if (m == 0 || !((removed >> (m - 1)) & 1)) return m;
    return arn_end_of(~removed & arn_prefix_mask(m));
}

/// One block's lanes (bit i: lane i) by what they hold.
typedef struct {
    uint64_t ascii;              // plain ASCII
    uint64_t leads;              // first bytes of plain or replaced U+0600–U+06FF characters
    uint64_t newlines, spaces;
    uint64_t asciiSeparators;    // ASCII separators
    uint64_t arabicSeparators;   // first bytes of U+0600–U+06FF separators
    uint64_t punctuation;        // first bytes of plain U+2000–U+203F characters (three bytes)
    uint64_t emoji;              // first bytes of plain U+1F000–U+1FFFF characters (four bytes)
    uint64_t punctuationSeparators;  // first bytes of U+2000–U+203F separators (quotation marks)
    uint64_t marks;              // first bytes of U+0600–U+06FF marks that are deleted
    uint64_t tripleMarks;        // first bytes of U+08C0–U+08FF marks that are deleted (AVX2)
    uint64_t tatweels;           // first bytes of tatweel (deleted)
    uint64_t zeroWidths;         // first bytes of zero-width characters (deleted between letters)
    uint64_t letters;            // first bytes of Arabic letters the run writes (with glue only)
    uint64_t continued;          // the byte after the lane is a continuation byte (0x80–0xBF)
    uint64_t keptMarks;          // first bytes of U+0600–U+06FF marks kept as they are (`keptLo`)
    uint64_t keptTriples;        // first bytes of U+08C0–U+08FF marks kept as they are (`keptTripleLo`, AVX2)
    uint64_t carried;            // first bytes of starters de-obfuscation carries along (`carriedLo`, AVX2)
    uint64_t ordered;            // (with `keptMarks`) the low byte of the code point is not below
                                 // the one two lanes before
    uint64_t orderedAcross;      // (with `keptMarks` and tatweel) the same, four lanes before
    uint64_t harakat;            // (with `keptMarks`) U+064B–U+0652, U+0670: lead D9, classes
                                 // rising strictly with the code point
    uint64_t asciiSpaced, arabicSpaced, punctuationSpaced;  // first bytes of separators the punctuation
                                 // step turns into a space (not in the separator lanes above)
    uint64_t spacedOutsideNumber;  // those of `asciiSpaced` that are number separators (`. , : / -`)
    uint64_t asciiDigits;        // (with `spacedOutsideNumber`) ASCII digits
    uint64_t asciiBytes;         // (with `spacedOutsideNumber`) every ASCII byte, whatever its class
    uint64_t hyphens;            // (with `spacedOutsideNumber`) `-`, also a sign before a digit
} arn_lanes;

/// What the run takes of one block (`arn_clean_length`).
typedef struct {
    uint64_t deletions;          // first bytes of the two-byte characters deleted (marks, tatweel)
    uint64_t tripleMarks;        // first bytes of the three-byte marks deleted
    uint64_t removed;            // every lane deleted
    uint64_t deobfuscated;       // first bytes of the separators and zero-width characters joins delete
    uint64_t zeroWidths;         // first bytes of the zero-width characters deleted between letters
    uint64_t collapsedSpaces;    // spaces deleted (runs of spaces, spaces at a line start)
    uint64_t swapped;            // first bytes of kept marks swapped with the mark before them
    uint64_t spaced;             // first bytes of separators written as a space or collapsed into one
    uint64_t spaceWritten;       // first bytes of those written as a space
    uint64_t droppedAtEnd;       // first lanes of runs before a line feed that a separator starts
    unsigned joinedWords;
    unsigned reach;              // the first lane the run cannot take (`width` if none)
    int pending;                 // `reach` starts a stretch that may be joined in the next block
} arn_take;

/// Joins (de-obfuscation, `خـ.ـسائر`): each stretch of tatweel, zero-width characters, separators
/// and deleted marks that holds glue (tatweel or zero-width) and a separator, follows a letter (or
/// starts the block after one: `letterFirst`), is followed by a letter and holds at most
/// `stretchLimit` characters (the tables' `stretchLimit`), in lanes. A stretch that
/// runs to the block's end with glue in it may still be one: its first lane goes to
/// `*pendingStart` (else `width`).
__attribute__((always_inline)) static inline uint64_t arn_joins(arn_lanes l, unsigned width, int letterFirst,
                                                                 unsigned stretchLimit, unsigned *pendingStart) {
    uint64_t two = l.tatweels | l.arabicSeparators | l.marks;
    uint64_t three = l.punctuationSeparators | l.zeroWidths | l.tripleMarks;
    uint64_t member = two | (two << 1) | l.asciiSeparators | three | (three << 1) | (three << 2);
    uint64_t separators = l.asciiSeparators | l.arabicSeparators | l.punctuationSeparators;
    uint64_t joined = 0, left = l.tatweels | l.zeroWidths;
    *pendingStart = width;
    while (left) {
        // The stretch around the first glue left: [s, e).
        unsigned t = (unsigned)__builtin_ctzll(left);
        unsigned s = arn_end_of(~member & arn_prefix_mask(t));
        uint64_t outside = ~member >> t;
        unsigned e = outside ? t + (unsigned)__builtin_ctzll(outside) : 64;
        uint64_t stretch = arn_prefix_mask(e) & ~arn_prefix_mask(s);
        left &= ~stretch;
        int afterLetter = s >= 2 ? (int)((l.letters >> (s - 2)) & 1) : (s == 0 && letterFirst);
        if (!afterLetter) continue;
        if (e >= width) {
            *pendingStart = s;
            break;
        }
        // (Up to `stretchLimit` characters, as the scalar paths look: a longer stretch may fit in
        // a 64-byte block, and is not judged a word split on purpose.)
        if ((l.letters >> e) & 1 && (stretch & separators)
            && (unsigned)__builtin_popcountll(stretch & ~(l.continued << 1)) <= stretchLimit) joined |= stretch;
    }
    return joined;
}

/// How `arn_clean_length` looks at one block: its width, the run's options and what the run
/// knows of the character before the block. Built at each call with designated initializers
/// (fields left out are 0); the constant ones let the compiler leave out the parts they switch off.
typedef struct {
    unsigned width;         // 64 (AVX2) or 16 (SSSE3)
    unsigned flags;         // ARN_RUN_* of the call
    unsigned stretchLimit;  // the longest stretch a join deletes, in characters (the tables')
    int inlineSpaces;       // single spaces are taken (the whitespace step)
    int spaceFirst;         // a space may start the block
    int marksFirst;         // the character before the block is an Arabic one the run wrote (marks on it go)
    int letterFirst;        // that character is a letter (a join may start the block)
    int full;               // the lanes hold separators, punctuation and deletions too (else those parts are skipped)
    int glue;               // `full`, the block holds tatweel or zero-width characters and the lanes hold letters
    int joins;              // words are joined (de-obfuscation)
    int kept;               // the lanes hold kept marks (`keptMarks`)
} arn_block_view;

/// How many bytes from the block's start the run takes (`arn_block_run` says which), never
/// ending inside a character nor on a deletion; `*take` gets what is deleted in them and the first
/// lane it cannot take.
__attribute__((always_inline)) static inline unsigned arn_clean_length(arn_lanes l, arn_block_view v, arn_take *take) {
    const unsigned width = v.width, flags = v.flags;
    const int inlineSpaces = v.inlineSpaces, spaceFirst = v.spaceFirst, marksFirst = v.marksFirst;
    const int letterFirst = v.letterFirst, full = v.full, glue = v.glue, joins = v.joins, kept = v.kept;
    const uint64_t arabic = l.leads, triples = l.punctuation;
    const uint64_t starts = l.ascii | arabic | triples | l.emoji;
    // A good lead's trail is good, and a three- or four-byte character's other bytes.
    uint64_t good = starts | (arabic << 1) | (triples << 1) | (triples << 2) | l.newlines
        | (l.emoji << 1) | (l.emoji << 2) | (l.emoji << 3);
    uint64_t deleted = 0, removed = 0, joined = 0, zeroWidths = 0, keptLanes = 0, swapped = 0, tripleMarks = 0;
    uint64_t keptAfterSpace = 0;    // kept marks right after a space (`قَالَ ۛ وَ`), which the space goes before
    // Separators the punctuation step turns into a space are separators to de-obfuscation (joins,
    // which separators split no word); where the run takes one, it becomes a space (below).
    const uint64_t spacedAny = full ? (l.asciiSpaced | l.arabicSpaced | l.punctuationSpaced) : 0;
    if (spacedAny) {
        l.asciiSeparators |= l.asciiSpaced;
        l.arabicSeparators |= l.arabicSpaced;
        l.punctuationSeparators |= l.punctuationSpaced;
    }
    const uint64_t allSeparators = l.asciiSeparators | l.arabicSeparators | l.punctuationSeparators;
    unsigned pendingStart = width;
    if (glue && joins && (flags & ARN_RUN_SEPARATORS)) {
        // Joined stretches are deleted whole; their separators are not copied.
        joined = arn_joins(l, width, letterFirst, v.stretchLimit, &pendingStart);
        l.asciiSeparators &= ~joined;
        l.arabicSeparators &= ~joined;
        l.punctuationSeparators &= ~joined;
    }
    if (full) {
        // Tatweel (up to four in a row) before an Arabic letter the run writes, or before deleted
        // marks (up to three) on such a tatweel and then the letter (`مِـِّعْ`, Quranic text):
        // such a run holds no separator, so de-obfuscation joins nothing, the tatweel step deletes
        // the tatweel and the marks go with it. (Not before a digit, where `ContextRules.Tatweel`
        // may keep it, nor other characters: the scalar loop judges those. Before any ASCII or
        // Arabic character, with digits told apart, cost the block loop 2.5% more instructions on
        // news.)
        uint64_t marksBeforeLetter = 0, tatweels = 0;
        if (glue) {
            marksBeforeLetter = l.marks & (l.letters >> 2);
            marksBeforeLetter |= l.marks & (marksBeforeLetter >> 2);
            marksBeforeLetter |= l.marks & (marksBeforeLetter >> 2);
            tatweels = l.tatweels & ((l.letters | marksBeforeLetter) >> 2);
            tatweels |= l.tatweels & (tatweels >> 2);
            tatweels |= l.tatweels & (tatweels >> 2);
            tatweels |= l.tatweels & (tatweels >> 2);
        }
        // Marks on an Arabic character the run writes or on a tatweel it deletes (up to three on
        // it), as the scalar loop deletes them.
        uint64_t marks = l.marks & ((arabic << 2) | (tatweels << 2) | (uint64_t)(marksFirst != 0));
        marks |= l.marks & (marks << 2);
        marks |= l.marks & (marks << 2);
        if (l.tripleMarks) {
            // With three-byte marks among them: each mark after the one before it, whatever its
            // length.
            const uint64_t any = l.marks | l.tripleMarks;
            uint64_t on = any & ((arabic << 2) | (tatweels << 2) | (uint64_t)(marksFirst != 0));
            on |= any & (((on & l.marks) << 2) | ((on & l.tripleMarks) << 3));
            on |= any & (((on & l.marks) << 2) | ((on & l.tripleMarks) << 3));
            marks = on & l.marks;
            tripleMarks = (on | joined) & l.tripleMarks;
        }
        // And (up to four) ending a word: after an Arabic character the run writes, before a space
        // or a line feed (`لـ “`). (Not after a space: deleting it would leave two spaces.)
        uint64_t afterArabic = l.tatweels & (arabic << 2);
        afterArabic |= l.tatweels & (afterArabic << 2);
        afterArabic |= l.tatweels & (afterArabic << 2);
        afterArabic |= l.tatweels & (afterArabic << 2);
        uint64_t beforeBreak = l.tatweels & ((l.spaces | l.newlines) >> 2);
        beforeBreak |= l.tatweels & (beforeBreak >> 2);
        beforeBreak |= l.tatweels & (beforeBreak >> 2);
        beforeBreak |= l.tatweels & (beforeBreak >> 2);
        tatweels |= afterArabic & beforeBreak;
        deleted = marks | tatweels | (joined & (l.marks | l.tatweels));
        // A zero-width character alone between two letters: the invisible step deletes it.
        if (glue) zeroWidths = l.zeroWidths & ~joined & ((l.letters << 2) | (uint64_t)(letterFirst != 0)) & (l.letters >> 3);
        removed = deleted | (deleted << 1) | joined | zeroWidths | (zeroWidths << 1) | (zeroWidths << 2);
        if (tripleMarks) removed |= tripleMarks | (tripleMarks << 1) | (tripleMarks << 2);
        good |= removed;
        if (kept && (l.keptMarks | l.keptTriples)) {
            // Kept marks (up to four) on an Arabic character the run writes or on a space, in
            // canonical order: copied as they are, as the scalar loop's segment check would leave
            // them (a space composes with nothing).
            keptAfterSpace = l.keptMarks & (l.spaces << 1);
            uint64_t kept = (l.keptMarks & ((arabic << 2) | (uint64_t)(marksFirst != 0))) | keptAfterSpace;
            // Two harakat alone on their base, the second below the first (shadda before fatha):
            // swapped, as normalization does. (Their leads are both D9: the trails are swapped.)
            swapped = l.keptMarks & l.harakat & ~l.ordered & ((kept & l.harakat) << 2) & ~(l.keptMarks >> 2);
            kept |= swapped;
            kept |= l.keptMarks & l.ordered & (kept << 2);
            kept |= l.keptMarks & l.ordered & (kept << 2);
            kept |= l.keptMarks & l.ordered & (kept << 2);
            if (glue && (l.tatweels & (l.keptMarks >> 2))) {
                // A tatweel after an Arabic character the run writes, or after kept marks on one
                // (not a pair swapped), with kept marks on it (up to three, in canonical order)
                // and then a letter the run writes (`ٱلرَّحۡمَـٰنِ`): the tatweel step deletes it and
                // its marks go to the character before it, after that one's marks. Copied as they
                // are where the first is not below the last mark before the tatweel (canonical
                // order across it).
                uint64_t onSpace = keptAfterSpace;
                if (onSpace) {
                    onSpace |= l.keptMarks & l.ordered & (onSpace << 2);
                    onSpace |= l.keptMarks & l.ordered & (onSpace << 2);
                    onSpace |= l.keptMarks & l.ordered & (onSpace << 2);
                }
                const uint64_t carriers = l.tatweels & (((kept & ~onSpace & ~swapped) | arabic) << 2) & (l.keptMarks >> 2);
                const uint64_t first = l.keptMarks & (carriers << 2) & (l.orderedAcross | (arabic << 4));
                uint64_t chain = first;
                chain |= l.keptMarks & l.ordered & (chain << 2);
                chain |= l.keptMarks & l.ordered & (chain << 2);
                // (Back from the last mark before a letter: the marks of a chain that reaches one.)
                uint64_t reaching = chain & (l.letters >> 2);
                reaching |= chain & (reaching >> 2);
                reaching |= chain & (reaching >> 2);
                const uint64_t dropped = carriers & ((first & reaching) >> 2);
                kept |= reaching;
                deleted |= dropped;
                removed |= dropped | (dropped << 1);
                good |= dropped | (dropped << 1);
            }
            keptLanes = kept | (kept << 1);
            // A three-byte one alone on such a character (neither a kept mark before it nor after
            // it): in canonical order whatever its class.
            if (l.keptTriples) {
                const uint64_t triple = l.keptTriples & ((arabic << 2) | (uint64_t)(marksFirst != 0))
                    & ~((l.keptMarks | l.keptTriples) >> 3);
                keptLanes |= triple | (triple << 1) | (triple << 2);
            }
            if (l.carried) {
                // Starters de-obfuscation carries along (`قَوۡمِهِۦ `, ` ۝١`; where marks are kept,
                // as no step deletes them then): copied where no stretch can hold one, between an
                // Arabic character the run writes (or a mark on one), a space or a line feed, and
                // a character the run takes, a space or a line feed. (Among the kept lanes: the
                // run never ends right after one, and a space before one is taken as before a kept
                // mark.)
                const uint64_t before = ((arabic | (removed & l.marks) | (keptLanes & l.keptMarks)) << 2)
                    | ((l.spaces | l.newlines) << 1);
                const uint64_t carried = l.carried & before & ((starts | l.spaces | l.newlines) >> 2);
                keptLanes |= carried | (carried << 1);
                keptAfterSpace |= carried & (l.spaces << 1);
            }
            good |= keptLanes;
        }
    }
    uint64_t separators = 0, spacedFirst = 0, spacedLanes = 0, inNumber = 0;
    if (flags & ARN_RUN_SEPARATORS) {
        // A separator splits no word (de-obfuscation copies it) after ASCII, a space or a line feed
        // (it follows no Arabic word), or when what follows it, through up to two more separators,
        // ends a de-obfuscation run without glue: a character that is neither tatweel, nor
        // zero-width, nor a separator, nor a mark (ASCII, Arabic or punctuation the run takes, a
        // space, a line feed).
        uint64_t breaks = l.spaces | l.newlines;
        uint64_t afterBreak = (breaks | l.ascii) << 1;
        uint64_t ends = l.ascii | arabic | l.punctuation | l.emoji | breaks;
        // (Without `full`, one round, on ASCII and Arabic separators: a comma before a space or a
        // letter, without a second look at the block.)
        uint64_t one = 0, two = 0, three = 0;
        for (int round = 0; round < (full ? 3 : 1); round++) {    // (unrolled: no branch)
            one = l.asciiSeparators & ((ends >> 1) | afterBreak);
            two = l.arabicSeparators & ((ends >> 2) | afterBreak);
            three = l.punctuationSeparators & ((ends >> 3) | afterBreak);
            ends |= one | two | three;
        }
        separators = one | two | three;
        if (spacedAny && inlineSpaces && width == 64) {
            // Those the punctuation step turns into a space are taken as spaces, below: all their
            // lanes. Number separators only outside a number (`ContextRules.Numbers`): before an
            // ASCII character that is no digit (a space, a letter, another separator), or after
            // one or an Arabic letter (not `-`, a sign before a digit). (A character the run does
            // not take stops it before the separator: the lanes it decides are the ones it
            // writes.) Inside a number, between two ASCII digits or `-` before one, they are
            // copied.
            uint64_t notDigit = l.asciiBytes & ~l.asciiDigits;
            uint64_t outside = (notDigit >> 1) | (((notDigit << 1) | (l.letters << 2)) & ~l.hyphens);
            inNumber = l.spacedOutsideNumber & (l.asciiDigits >> 1) & ((l.asciiDigits << 1) | l.hyphens);
            spacedFirst = separators & spacedAny & ~(l.spacedOutsideNumber & ~outside);
            spacedLanes = spacedFirst | ((spacedFirst & (l.arabicSpaced | l.punctuationSpaced)) << 1)
                | ((spacedFirst & l.punctuationSpaced) << 2);
        }
        // (None of them is copied but number separators inside a number: the others are left to
        // the scalar loop.)
        one &= ~spacedAny | inNumber; two &= ~spacedAny; three &= ~spacedAny;
        separators = one | two | three;
        good |= separators | (two << 1) | (three << 1) | (three << 2);
    }
    uint64_t collapsed = 0, droppedAtEnd = 0, lone = 0;
    // Spaces, and separators taken as spaces (their first lane stands for the space).
    const uint64_t spaces = l.spaces | spacedLanes;
    if (inlineSpaces) {
        // Not after another space or a line feed (first only if allowed), and before a character
        // or a separator the run takes.
        uint64_t after = ~((spaces | l.newlines) << 1) & (spaceFirst ? ~0ull : ~1ull);
        // A deleted mark alone between two spaces (a Quranic pause mark, `قَالَ ۖ وَ`), the first
        // space one the run writes and the second before a character or a separator it takes:
        // the mark is deleted and the second space collapses into the first, as the whitespace
        // step does. (In the AVX2 run, which packs deletions.)
        if (full && width == 64 && l.marks) {
            lone = l.marks & ((l.spaces & after) << 1) & (l.spaces >> 2) & ((starts | separators) >> 3);
            deleted |= lone;
            removed |= lone | (lone << 1) | (lone << 2);
            collapsed |= lone << 2;
            good |= lone | (lone << 1) | (lone << 2);
        }
        good |= spaces & after & ((starts | separators | keptAfterSpace | lone) >> 1);
        // Runs of spaces (with `full`, in the AVX2 run, which packs deletions), as the whitespace
        // step: a run (up to 16) before a character or a separator the run takes keeps its first
        // space after a character, and the others go, all of them after a line feed.
        uint64_t extra = spaces & ((spaces | l.newlines) << 1);
        if (full && width == 64 && extra) {
            uint64_t s1 = spaces, s2 = s1 & (s1 >> 1), s4 = s2 & (s2 >> 2), s8 = s4 & (s4 >> 4);
            uint64_t reach = s1 & ((starts | separators | keptAfterSpace) >> 1);    // (the last space of each run, then by doubling)
            reach |= s1 & (reach >> 1);
            reach |= s2 & (reach >> 2);
            reach |= s4 & (reach >> 4);
            reach |= s8 & (reach >> 8);
            collapsed |= reach & extra;
            good |= (reach & after) | collapsed;
            removed |= collapsed;
        }
        if (spacedLanes) {
            // (With separators taken as spaces.) A run (up to 16) before a line feed goes whole,
            // as the whitespace step drops a space at a line end (`.\n`); one that starts the
            // block after a space or a line feed written before it is left to the scalar loop.
            uint64_t s1 = spaces, s2 = s1 & (s1 >> 1), s4 = s2 & (s2 >> 2), s8 = s4 & (s4 >> 4);
            uint64_t reach = s1 & (l.newlines >> 1);
            reach |= s1 & (reach >> 1);
            reach |= s2 & (reach >> 2);
            reach |= s4 & (reach >> 4);
            reach |= s8 & (reach >> 8);
            if (!(reach & 1) || spaceFirst) {
                // Each run's first lane: a separator there started the space the line end drops
                // (one more whitespace change, unless the run starts the line).
                uint64_t firsts = reach & ~((spaces | l.newlines) << 1);
                droppedAtEnd = firsts & ~l.spaces & ~(l.newlines << 1);
                collapsed |= reach;
                good |= reach;
                removed |= reach;
            }
        }
    }
    uint64_t bad = ~good & arn_prefix_mask(width);
    unsigned m = bad ? (unsigned)__builtin_ctzll(bad) : width;
    take->reach = m;
    take->pending = pendingStart == m;
    // Not inside a character: back to the last lane m' <= m that starts one (the byte there is no
    // continuation byte: bit m' - 1 of `continued` is clear). The lanes before a good lane are
    // whole characters, so only the character cut by m is left out.
    m = arn_end_of(~l.continued & arn_prefix_mask(m));
    // Never end on a deletion: the character after it decided it, and the scalar loop resumes
    // from a character the run wrote. (Back to the last lane kept: the end of a character.) Nor
    // on a kept mark: the next block would not know the one before it, and the scalar loop takes
    // a base with its marks (back to the end of their base).
    // Nor on (inside, or right after) a separator taken as a space: the scalar loop goes on from
    // it, and would not know the space it stands for.
    // Nor right after the space before a pause mark it deletes (`lone`): the scalar loop would
    // resume from the mark with that space written.
    m = arn_off_deletions(m, removed | keptLanes | spacedLanes | (lone >> 1));
    // Nor right after the first space of a run whose others follow: the scalar loop, which
    // writes a space before a character the run takes, would write one of them too. (Before that
    // space may be a deletion again, `مٍ  د` with the last letter cut, or a kept mark, `بَ  ت`:
    // back past it too.)
    if (m > 0 && m < width && (collapsed >> m) & 1 && (spaces >> (m - 1)) & 1) {
        m = arn_off_deletions(m - 1, removed | keptLanes | spacedLanes);
    }
    uint64_t below = arn_prefix_mask(m);
    take->deletions = deleted & below;
    take->tripleMarks = tripleMarks & below;
    take->removed = removed & below;
    joined &= below;
    take->deobfuscated = joined & (allSeparators | l.zeroWidths);
    take->zeroWidths = zeroWidths & below;
    take->collapsedSpaces = collapsed & l.spaces & below;    // (spaces; the separators are the punctuation step's)
    take->swapped = swapped & below;
    take->spaced = spacedFirst & below;
    take->droppedAtEnd = droppedAtEnd & below;
    take->spaceWritten = spacedFirst & ~collapsed & below;
    take->joinedWords = (unsigned)__builtin_popcountll(joined & ~(joined << 1));
    return m;
}

/// The byte `i` places before or after the start of `o`: `history[4 + i]` for i < 0.
static inline uint8_t arn_written_at(const uint8_t *o, const uint8_t history[4], int i) {
    return i < 0 ? history[4 + i] : o[i];
}

unsigned arn_first_repeat_reference(const uint8_t *o, unsigned w, const uint8_t history[4]) {
    for (unsigned q = 0; q + 1 < w; q++) {
        uint8_t lead = o[q], trail = o[q + 1];
        if ((lead & 0xE0) != 0xC0) continue;    // (a lead byte of a two-byte character starts one)
        int i = (int)q;
        if (arn_written_at(o, history, i - 2) == lead && arn_written_at(o, history, i - 1) == trail
            && arn_written_at(o, history, i - 4) == lead && arn_written_at(o, history, i - 3) == trail) return q;
    }
    return w;
}

/// The four bytes written last, after `w` more bytes at `o`.
static inline void arn_history_after(uint8_t history[4], const uint8_t *o, unsigned w) {
    if (w >= 4) {
        memcpy(history, o + w - 4, 4);
    } else {
        memmove(history, history + w, 4 - w);
        memcpy(history + 4 - w, o, w);
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

/// For each set of eight lanes kept (bit i: lane i), the `pshufb` indices that pack them to the
/// front (0x80: nothing). Filled by `arn_block_run_setup`.
static uint8_t arn_pack[256][8];

static void arn_fill_pack(void) {
    for (unsigned keep = 0; keep < 256; keep++) {
        unsigned k = 0;
        for (unsigned lane = 0; lane < 8; lane++)
            if (keep >> lane & 1) arn_pack[keep][k++] = (uint8_t)lane;
        while (k < 8) arn_pack[keep][k++] = 0x80;
    }
}

/// Whether the two bytes before `p` are an Arabic letter of `t->letterLo`/`letterHi` (`p` is
/// inside a run, past a block it took: that character was written by it).
static inline int arn_letter_before(const uint8_t *p, const arn_run_tables *t) {
    uint8_t lead = p[-2], trail = p[-1];
    if ((uint8_t)(lead - 0xD8) > 3 || (trail & 0xC0) != 0x80) return 0;
    unsigned low = (unsigned)(lead & 3) << 6 | (trail & 0x3F);
    return (t->letterLo[low & 15] & t->letterHi[low >> 4]) != 0;
}

/// One 32-byte half of an AVX2 block, classed: ASCII by its own value, U+0600–U+06FF by the low
/// byte of the code point (on its lead's lane), and what a replaced character is written as.
typedef struct {
    __m256i x, next;             // the bytes, and the byte after each
    __m256i asciiClass, arabicClass;
    __m256i lowLo, lowHi;        // the nibbles of U+0600–U+06FF characters' low byte
    __m256i pair;                // leads D8–DB followed by a continuation byte
    __m256i trail;               // the byte after the lane is a continuation byte
    __m256i mapIndex, hit;       // the replacement's class bit (0: none), and where it is not 0
    __m256i newLead, newTrail;   // the replacement's bytes, on the lead's lane
} arn_half;

#define W(field) _mm256_loadu_si256((const __m256i *)t->wide.field)

__attribute__((target("avx2"), always_inline))
static inline arn_half arn_class_half(const uint8_t *p, const arn_run_tables *t, const int highMaps) {
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    arn_half h;
    h.x = _mm256_loadu_si256((const __m256i *)p);
    h.next = _mm256_loadu_si256((const __m256i *)(p + 1));
    // ASCII: the low-nibble index keeps bit 7, which makes pshufb give 0 for the other bytes.
    h.asciiClass = _mm256_and_si256(
        _mm256_shuffle_epi8(W(asciiLo), _mm256_and_si256(h.x, _mm256_set1_epi8((char)0x8F))),
        _mm256_shuffle_epi8(W(asciiHi), _mm256_and_si256(_mm256_srli_epi16(h.x, 4), nibble)));
    // Leads D8-DB followed by a continuation byte; the code point's low byte is
    // (lead & 3) << 6 | (trail & 0x3F).
    __m256i d = _mm256_sub_epi8(h.x, _mm256_set1_epi8((char)0xD8));
    __m256i lead = _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(3)), d);
    h.trail = _mm256_cmpeq_epi8(_mm256_and_si256(h.next, _mm256_set1_epi8((char)0xC0)), _mm256_set1_epi8((char)0x80));
    __m256i low = _mm256_or_si256(_mm256_and_si256(h.next, _mm256_set1_epi8(0x3F)),
                                  _mm256_and_si256(_mm256_slli_epi16(h.x, 6), _mm256_set1_epi8((char)0xC0)));
    h.pair = _mm256_and_si256(lead, h.trail);
    h.lowLo = _mm256_and_si256(low, nibble);
    h.lowHi = _mm256_and_si256(_mm256_srli_epi16(low, 4), nibble);
    h.arabicClass = _mm256_and_si256(
        _mm256_and_si256(_mm256_shuffle_epi8(W(arabicLo), h.lowLo), _mm256_shuffle_epi8(W(arabicHi), h.lowHi)), h.pair);
    // A replaced character's class (a lookup of its own) has one bit, its replacement's: by that
    // index, its lead lane takes the target's lead, the lane after it the trail (0 elsewhere),
    // from the low nibble's tables and, with more than four replacements, the high nibble's. No
    // branch on the bytes: most blocks of news text hold one, and as many do not.
    h.mapIndex = _mm256_and_si256(
        _mm256_and_si256(_mm256_shuffle_epi8(W(mapLo), h.lowLo), _mm256_shuffle_epi8(W(mapHi), h.lowHi)), h.pair);
    h.hit = _mm256_xor_si256(_mm256_cmpeq_epi8(h.mapIndex, _mm256_setzero_si256()), _mm256_set1_epi8(-1));
    __m256i lowIndex = _mm256_and_si256(h.mapIndex, nibble);
    h.newLead = _mm256_shuffle_epi8(W(mapLead), lowIndex);
    h.newTrail = _mm256_shuffle_epi8(W(mapTrail), lowIndex);
    if (highMaps) {
        __m256i highIndex = _mm256_and_si256(_mm256_srli_epi16(h.mapIndex, 4), nibble);
        h.newLead = _mm256_or_si256(h.newLead, _mm256_shuffle_epi8(W(mapLeadHigh), highIndex));
        h.newTrail = _mm256_or_si256(h.newTrail, _mm256_shuffle_epi8(W(mapTrailHigh), highIndex));
    }
    return h;
}

/// A lookup of U+0600–U+06FF characters by the low byte of their code point (`lo`/`hi`, one of
/// the `wide` tables), on their lead lanes: the class byte, 0 elsewhere.
#define ARN_ARABIC_LOOKUP(h, lo, hi) _mm256_and_si256(_mm256_and_si256( \
    _mm256_shuffle_epi8(W(lo), (h).lowLo), _mm256_shuffle_epi8(W(hi), (h).lowHi)), (h).pair)

/// What a half is written as: its bytes, with replaced characters' targets. `trailUp`: the
/// targets' trails moved one lane up (a target's trail is never 0, so the lanes it goes to are the
/// nonzero ones).
__attribute__((target("avx2"), always_inline))
static inline __m256i arn_written(arn_half h, __m256i trailUp) {
    return _mm256_or_si256(
        _mm256_andnot_si256(h.hit, _mm256_and_si256(_mm256_cmpeq_epi8(trailUp, _mm256_setzero_si256()), h.x)),
        _mm256_or_si256(h.newLead, trailUp));
}

/// `arn_first_repeat` with AVX2: which characters equal the one two bytes after them, from two
/// pairs of loads (`o[0..<64]`), then a character that equals the next two; the characters whose
/// two before reach into `history` byte by byte.
__attribute__((target("avx2,bmi"), always_inline))
static inline unsigned arn_first_repeat_avx2(const uint8_t *o, unsigned w, const uint8_t history[4]) {
    // The first four characters, whose two before reach into `history`: the window
    // `history[0..<4] ++ o[0..<12]` (lane q + 4 is o[q]), compared with itself two lanes on. A
    // repeat at q: lanes q to q + 3 each equal the one two after them, and lane q + 4 is a lead.
    // (One comparison instead of the reference's loop over the four, which cost the search
    // preset 3% of its instructions on news.)
    if (w < 2) return w;
    uint32_t before;
    memcpy(&before, history, 4);
    __m128i window = _mm_insert_epi32(_mm_slli_si128(_mm_loadu_si128((const __m128i *)o), 4), (int)before, 0);
    unsigned same2 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(window, _mm_srli_si128(window, 2)));
    unsigned edgeLeads = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(window, _mm_set1_epi8((char)0xE0)),
                                                                _mm_set1_epi8((char)0xC0)));
    unsigned runs = same2 & (same2 >> 1);
    runs &= runs >> 2;
    // q < 4, and its trail written (q + 1 < w).
    unsigned edges = runs & (edgeLeads >> 4) & ((1u << (w - 1 < 4 ? w - 1 : 4)) - 1);
    if (edges) return (unsigned)__builtin_ctz(edges);
    if (w < 6) return w;
    // Lanes 0–31 from o[0..<34], lanes 30–61 from o[30..<64]: bit i, o[i] == o[i + 2].
    __m256i x0 = _mm256_loadu_si256((const __m256i *)o), y0 = _mm256_loadu_si256((const __m256i *)(o + 2));
    __m256i x1 = _mm256_loadu_si256((const __m256i *)(o + 30)), y1 = _mm256_loadu_si256((const __m256i *)(o + 32));
    const __m256i top3 = _mm256_set1_epi8((char)0xE0), two = _mm256_set1_epi8((char)0xC0);
    uint64_t same = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x0, y0))
        | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x1, y1)) << 30;
    uint64_t leads = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(x0, top3), two))
        | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(x1, top3), two)) << 30;
    // Bit i: the two-byte character at i equals the one at i + 2, and that one the one at i + 4;
    // the third starts at i + 4, which must leave its trail inside `w`.
    uint64_t twice = leads & same & (same >> 1);
    uint64_t thrice = (twice & (twice >> 2)) & arn_prefix_mask(w - 5);
    return thrice ? (unsigned)__builtin_ctzll(thrice) + 4 : w;
}

__attribute__((target("avx2,bmi")))
static unsigned arn_first_repeat_avx2_call(const uint8_t *o, unsigned w, const uint8_t history[4]) {
    return arn_first_repeat_avx2(o, w, history);
}

unsigned arn_first_repeat(const uint8_t *o, unsigned w, const uint8_t history[4]) {
    if (arn_block_run_available() == 64) return arn_first_repeat_avx2_call(o, w, history);
    return arn_first_repeat_reference(o, w, history);
}

/// What the run does for elongation and the punctuation step (`arn_run_tables.repeatRun`, the
/// `*Spaced` classes).
static inline int arn_run_checks_repeats(const arn_run_tables *t) { return t->repeatRun == ARN_RUN_REPEAT_RUN; }
static inline int arn_run_spaces_separators(const arn_run_tables *t) {
    return t->inlineSpaces && (t->asciiSpaced[0] | t->arabicSpaced[0] | t->punctuationSpaced[0]) != 0;
}

/// The AVX2 run: blocks of 64 bytes (two registers) with 64-bit lane masks, so that the scalar
/// part (`arn_clean_length`) is paid once per 64 bytes. Compiled three times (`arn_block_run_avx2`,
/// `arn_block_run_avx2_steps`, `arn_block_run_avx2_keeps`): `steps` 0 leaves out what only
/// elongation and the punctuation step need (the check of what was written, separators taken as
/// spaces), which cost `standard` 11% more instructions on news (callgrind) when they were only
/// switched off at run time; `deletesMarks` 0 what only deleting marks needs.
__attribute__((target("avx2,popcnt,bmi"), always_inline))
static inline size_t arn_block_run_avx2_body(const uint8_t *in, size_t n, uint8_t *out, const arn_run_tables *t,
                                             unsigned flags, arn_run_counts *counts, const int steps,
                                             const int deletesMarks) {
    // (The tables are loaded where they are used, from `t->wide`: hoisted out of the loop, they
    // would only be copied to the stack on every call.)
    const __m256i zero = _mm256_setzero_si256();
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    const unsigned deleteCount = t->deleteCount;
    const int joins = t->joins != 0;
    const unsigned mapCount = t->mapCount;
    const int highMaps = mapCount > 4;    // (replacements 4 to 7: their targets by the class's high nibble)
    const int inlineSpaces = t->inlineSpaces != 0;
    const unsigned keptMarks = t->keptMarks;    // 2: kept marks swapped into canonical order too
    const int repeatRun = steps && arn_run_checks_repeats(t);    // (elongation: what the run wrote is checked)
    // (The punctuation step: separators taken as spaces.)
    const int spacedSeparators = steps && arn_run_spaces_separators(t);
    int spaceFirst = (flags & ARN_RUN_SPACE_FIRST) != 0;
    int marksFirst = 0;     // the block follows an Arabic character the run wrote
    int marksBefore = 0;    // the block before held marks (four or more, deleted or kept)
    // (With `repeatRun`.) The last four bytes written: before the run, the character written last
    // (twice when it was repeated), as the caller says.
    uint8_t history[4] = {0, 0, 0, 0};
    {
        uint8_t lead = (uint8_t)(flags >> ARN_RUN_LAST_SHIFT >> 8), trail = (uint8_t)(flags >> ARN_RUN_LAST_SHIFT);
        history[2] = lead; history[3] = trail;
        if (flags & ARN_RUN_REPEATED) { history[0] = lead; history[1] = trail; }
    }
    // Lanes whose class shares a bit with `mask`, in both halves.
    // (A saturating add of 0x7F sets a byte's top bit exactly when it is not 0: one instruction
    // fewer than comparing with 0 and inverting.)
    const __m256i top = _mm256_set1_epi8(0x7F);
#define NONZERO(v) ((uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_adds_epu8(v, top)))
#define ANY(field, a, b) (NONZERO(_mm256_and_si256(a, W(field))) | NONZERO(_mm256_and_si256(b, W(field))) << 32)
#define MASK(v0, v1) ((uint64_t)(uint32_t)_mm256_movemask_epi8(v0) | (uint64_t)(uint32_t)_mm256_movemask_epi8(v1) << 32)
// The low byte of each lane's U+0600–U+06FF code point; the lanes whose low byte is not below
// the one `lanes` lanes before (the order checks of kept marks).
#define LOW_BYTES(h) _mm256_or_si256((h).lowLo, _mm256_slli_epi16((h).lowHi, 4))
#define NOT_BELOW(lowA, lowB, lanes) MASK( \
    _mm256_cmpeq_epi8(_mm256_max_epu8(lowA, _mm256_alignr_epi8(lowA, _mm256_permute2x128_si256(lowA, lowA, 0x08), 16 - (lanes))), lowA), \
    _mm256_cmpeq_epi8(_mm256_max_epu8(lowB, _mm256_alignr_epi8(lowB, _mm256_permute2x128_si256(lowA, lowB, 0x21), 16 - (lanes))), lowB))
#define ANY_OF(bits, a, b) (NONZERO(_mm256_and_si256(a, _mm256_set1_epi8((char)(bits)))) \
    | NONZERO(_mm256_and_si256(b, _mm256_set1_epi8((char)(bits)))) << 32)
    size_t k = 0, ko = 0;    // input and output bytes so far
    uint32_t replaced0 = 0, replaced1 = 0, replaced2 = 0, replaced3 = 0;
    uint32_t replaced4 = 0, replaced5 = 0, replaced6 = 0, replaced7 = 0;
    uint32_t replaced[ARN_RUN_MAX_MAPS] = {0};    // (lane by lane)
    while (k + 66 <= n) {
        const uint8_t *p = in + k;
        // Where the block's last whole character ends, from four bytes: where the run goes on
        // from after a block taken whole, known long before the block is classed (a branch on it
        // lets the next block's loads start early, instead of waiting on the classing).
        unsigned c64 = (p[64] & 0xC0) == 0x80, c63 = (p[63] & 0xC0) == 0x80, c62 = (p[62] & 0xC0) == 0x80;
        unsigned guess = 64 - c64 - (c64 & c63) - (c64 & c63 & c62) - (p[63] == ' ');    // (a space last waits for what follows it)
        arn_half a = arn_class_half(p, t, highMaps), b = arn_class_half(p + 32, t, highMaps);
        __m256i writtenA = arn_written(a, _mm256_alignr_epi8(a.newTrail, _mm256_permute2x128_si256(a.newTrail, a.newTrail, 0x08), 15));
        __m256i writtenB = arn_written(b, _mm256_alignr_epi8(b.newTrail, _mm256_permute2x128_si256(a.newTrail, b.newTrail, 0x21), 15));
        _mm256_storeu_si256((__m256i *)(out + ko), writtenA);
        _mm256_storeu_si256((__m256i *)(out + ko + 32), writtenB);
        arn_lanes l;
        l.ascii = ANY(asciiPlain, a.asciiClass, b.asciiClass);
        const uint64_t hitLanes = MASK(a.hit, b.hit);
        l.leads = ANY(arabicPlain, a.arabicClass, b.arabicClass) | hitLanes;
        l.newlines = MASK(_mm256_cmpeq_epi8(a.x, _mm256_set1_epi8('\n')), _mm256_cmpeq_epi8(b.x, _mm256_set1_epi8('\n')));
        l.spaces = MASK(_mm256_cmpeq_epi8(a.x, _mm256_set1_epi8(' ')), _mm256_cmpeq_epi8(b.x, _mm256_set1_epi8(' ')));
        l.asciiSeparators = ANY(asciiSeparator, a.asciiClass, b.asciiClass);
        l.arabicSeparators = ANY(arabicSeparator, a.arabicClass, b.arabicClass);
        l.continued = MASK(a.trail, b.trail);
        l.punctuation = l.punctuationSeparators = l.emoji = 0;
        l.marks = l.tatweels = l.zeroWidths = l.letters = l.keptMarks = l.keptTriples = l.carried = l.ordered = l.orderedAcross = l.harakat = l.tripleMarks = 0;
        l.asciiSpaced = l.arabicSpaced = l.punctuationSpaced = l.spacedOutsideNumber = l.asciiDigits = l.hyphens = l.asciiBytes = 0;
        arn_take take;
        unsigned m = 0;
        // (After a block with four marks or more, diacritized text, the next is looked at whole
        // at once: the first look, which takes plain text, would take little of it. After any
        // mark at all, news text under `standard` took 2% more instructions.)
        if (!marksBefore) m = arn_clean_length(l, (arn_block_view){.width = 64, .flags = flags, .stretchLimit = t->stretchLimit, .inlineSpaces = inlineSpaces, .spaceFirst = spaceFirst, .marksFirst = marksFirst}, &take);
        __m256i deleteA = zero, deleteB = zero;
        marksBefore = 0;
        if (m == 0 || take.reach < 62) {
            // What most blocks do without: U+2000–U+203F, emoji, deletions. (Computing them for
            // every block, to save this branch, made news 20% slower.)
            __m256i high = _mm256_max_epu8(a.x, b.x);
            if (_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_max_epu8(high, _mm256_set1_epi8((char)0xE0)), high))) {
                // Bytes E0–FF: three- and four-byte characters. U+2000–U+203F (E2 80 xx) by the
                // last byte: its class is 0 unless it is a continuation byte of the set.
                // Emoji (F0 9F xx xx) by the third byte's 64 code points; the fourth byte a
                // continuation byte: bit i + 2 of `continued`, which reaches byte 64.
                __m256i punctuation[2], emoji[2];
                // (Three-byte marks only where a byte is E0: looked up in every block with a
                // quotation mark, news took 2.5% more instructions.)
                const int e0 = (deletesMarks || keptMarks) && _mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(a.x, _mm256_set1_epi8((char)0xE0)),
                                                                    _mm256_cmpeq_epi8(b.x, _mm256_set1_epi8((char)0xE0)))) != 0;
                for (int half = 0; half < 2; half++) {
                    const arn_half *h = half ? &b : &a;
                    __m256i next2 = _mm256_loadu_si256((const __m256i *)(p + 32 * half + 2));
                    __m256i next2Lo = _mm256_and_si256(next2, nibble), next2Hi = _mm256_and_si256(_mm256_srli_epi16(next2, 4), nibble);
                    // (Classed by the last byte `lo`/`hi`, where the first two are `first`, `second`.)
#define BY_LAST_BYTE(lo, hi, first, second) _mm256_and_si256( \
                        _mm256_and_si256(_mm256_shuffle_epi8(W(lo), next2Lo), _mm256_shuffle_epi8(W(hi), next2Hi)), \
                        _mm256_and_si256(_mm256_cmpeq_epi8(h->x, _mm256_set1_epi8((char)(first))), \
                                         _mm256_cmpeq_epi8(h->next, _mm256_set1_epi8((char)(second)))))
                    punctuation[half] = BY_LAST_BYTE(punctuationLo, punctuationHi, 0xE2, 0x80);
                    emoji[half] = BY_LAST_BYTE(emojiLo, emojiHi, 0xF0, 0x9F);
                    // Marks U+08C0–U+08FF (E0 A3 xx), deleted or kept, by the last byte.
                    if (deletesMarks && e0) l.tripleMarks |= NONZERO(BY_LAST_BYTE(tripleMarkLo, tripleMarkHi, 0xE0, 0xA3)) << (32 * half);
                    if (keptMarks && e0) l.keptTriples |= NONZERO(BY_LAST_BYTE(keptTripleLo, keptTripleHi, 0xE0, 0xA3)) << (32 * half);
#undef BY_LAST_BYTE
                }
                l.emoji = NONZERO(emoji[0]) | NONZERO(emoji[1]) << 32;
                l.emoji &= l.continued >> 2;
                l.punctuation = ANY(punctuationPlain, punctuation[0], punctuation[1]);
                l.punctuationSeparators = ANY(punctuationSeparator, punctuation[0], punctuation[1]);
                l.zeroWidths = ANY(punctuationZeroWidth, punctuation[0], punctuation[1]);
                if (spacedSeparators) l.punctuationSpaced = ANY(punctuationSpaced, punctuation[0], punctuation[1]);
            }
            if (spacedSeparators) {
                l.asciiSpaced = ANY(asciiSpaced, a.asciiClass, b.asciiClass);
                l.spacedOutsideNumber = ANY(asciiNumberSeparator, a.asciiClass, b.asciiClass);
                l.arabicSpaced = ANY(arabicSpaced, a.arabicClass, b.arabicClass);
                if (l.spacedOutsideNumber) {
                    __m256i fromA = _mm256_sub_epi8(a.x, _mm256_set1_epi8('0')), fromB = _mm256_sub_epi8(b.x, _mm256_set1_epi8('0'));
                    l.asciiDigits = MASK(_mm256_cmpeq_epi8(_mm256_min_epu8(fromA, _mm256_set1_epi8(9)), fromA),
                                         _mm256_cmpeq_epi8(_mm256_min_epu8(fromB, _mm256_set1_epi8(9)), fromB));
                    l.hyphens = MASK(_mm256_cmpeq_epi8(a.x, _mm256_set1_epi8('-')), _mm256_cmpeq_epi8(b.x, _mm256_set1_epi8('-')));
                    l.asciiBytes = ~MASK(a.x, b.x);
                    l.letters = NONZERO(ARN_ARABIC_LOOKUP(a, letterLo, letterHi)) | NONZERO(ARN_ARABIC_LOOKUP(b, letterLo, letterHi)) << 32;
                }
            }
            deleteA = ARN_ARABIC_LOOKUP(a, deleteLo, deleteHi);
            deleteB = ARN_ARABIC_LOOKUP(b, deleteLo, deleteHi);
            l.marks = deletesMarks ? ANY(deleteMark, deleteA, deleteB) : 0;
            l.tatweels = ANY(deleteTatweel, deleteA, deleteB);
            marksBefore = __builtin_popcountll(l.marks) >= 4;
            if (keptMarks) {
                // Kept marks, and whether each lane's low byte is not below the one two lanes
                // before (the mark before it: canonical order, the classes rising with the code
                // points).
                l.keptMarks = NONZERO(ARN_ARABIC_LOOKUP(a, keptLo, keptHi)) | NONZERO(ARN_ARABIC_LOOKUP(b, keptLo, keptHi)) << 32;
                marksBefore |= __builtin_popcountll(l.keptMarks) >= 4;
                // (Starters de-obfuscation carries along in blocks with kept marks: Quranic text.
                // In every block, `clean` took 4% more instructions on news.)
                if (l.keptMarks && t->carries)
                    l.carried = NONZERO(ARN_ARABIC_LOOKUP(a, carriedLo, carriedHi)) | NONZERO(ARN_ARABIC_LOOKUP(b, carriedLo, carriedHi)) << 32;
                __m256i lowA = LOW_BYTES(a), lowB = LOW_BYTES(b);
                l.ordered = NOT_BELOW(lowA, lowB, 2);
                if (keptMarks == 2) {
                    // (Normalization on: the harakat, which swap when out of order.)
                    __m256i fromA = _mm256_sub_epi8(lowA, _mm256_set1_epi8(0x4B)), fromB = _mm256_sub_epi8(lowB, _mm256_set1_epi8(0x4B));
                    l.harakat = MASK(_mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(fromA, _mm256_set1_epi8(7)), fromA),
                                                     _mm256_cmpeq_epi8(lowA, _mm256_set1_epi8(0x70))),
                                     _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(fromB, _mm256_set1_epi8(7)), fromB),
                                                     _mm256_cmpeq_epi8(lowB, _mm256_set1_epi8(0x70))));
                }
            }
            if (l.tatweels | l.zeroWidths) {
                // Glue: letters too, for joins and zero-width characters between letters.
                if (!l.spacedOutsideNumber)    // (else known)
                    l.letters = NONZERO(ARN_ARABIC_LOOKUP(a, letterLo, letterHi)) | NONZERO(ARN_ARABIC_LOOKUP(b, letterLo, letterHi)) << 32;
                int letterFirst = k >= 2 && arn_letter_before(p, t);
                if (keptMarks && (l.tatweels & (l.keptMarks >> 2))) {
                    // Kept marks on tatweel: whether each lane's low byte is not below the one
                    // four lanes before (across the tatweel).
                    __m256i lowA = LOW_BYTES(a), lowB = LOW_BYTES(b);
                    l.orderedAcross = NOT_BELOW(lowA, lowB, 4);
                }
                m = keptMarks ? arn_clean_length(l, (arn_block_view){.width = 64, .flags = flags, .stretchLimit = t->stretchLimit, .inlineSpaces = inlineSpaces, .spaceFirst = spaceFirst, .marksFirst = marksFirst, .letterFirst = letterFirst, .full = 1, .glue = 1, .joins = joins, .kept = 1}, &take)
                              : arn_clean_length(l, (arn_block_view){.width = 64, .flags = flags, .stretchLimit = t->stretchLimit, .inlineSpaces = inlineSpaces, .spaceFirst = spaceFirst, .marksFirst = marksFirst, .letterFirst = letterFirst, .full = 1, .glue = 1, .joins = joins}, &take);
            } else {
                l.tatweels = l.zeroWidths = 0;    // (known, and said: the compiler leaves their parts out)
                m = keptMarks ? arn_clean_length(l, (arn_block_view){.width = 64, .flags = flags, .stretchLimit = t->stretchLimit, .inlineSpaces = inlineSpaces, .spaceFirst = spaceFirst, .marksFirst = marksFirst, .full = 1, .kept = 1}, &take)
                              : arn_clean_length(l, (arn_block_view){.width = 64, .flags = flags, .stretchLimit = t->stretchLimit, .inlineSpaces = inlineSpaces, .spaceFirst = spaceFirst, .marksFirst = marksFirst, .full = 1}, &take);
            }
        }
        const uint64_t deleted = take.deletions;
        // What the block writes: packed when it deletes (the lanes kept, eight at a time), else
        // its first `m` bytes as they are (written above).
        unsigned written = m;
        if (take.removed | take.swapped | take.spaceWritten) {
            uint64_t keep = ~take.removed & arn_prefix_mask(m);
            uint8_t block[80];
            _mm256_storeu_si256((__m256i *)block, writtenA);
            _mm256_storeu_si256((__m256i *)(block + 32), writtenB);
            // Kept marks swapped: the trails of each pair (lanes i - 1 and i + 1, i >= 2).
            for (uint64_t s = take.swapped; s; s &= s - 1) {
                unsigned i = (unsigned)__builtin_ctzll(s);
                uint8_t trail = block[i - 1];
                block[i - 1] = block[i + 1];
                block[i + 1] = trail;
            }
            // Separators taken as spaces: the first lane of each written as one (the others removed).
            for (uint64_t s = take.spaceWritten; s; s &= s - 1) block[__builtin_ctzll(s)] = ' ';
            written = 0;
            for (unsigned q = 0; q < 64 && (keep >> q); q += 8) {
                unsigned eight = (unsigned)(keep >> q) & 0xFF;
                uint64_t pattern, packed;
                memcpy(&pattern, arn_pack[eight], 8);
                // (Through a 64-bit register: valgrind 3.19 cannot decode the vmovq register form.)
                packed = (uint64_t)_mm_cvtsi128_si64(_mm_shuffle_epi8(
                    _mm_loadu_si128((const __m128i *)(block + q)), _mm_cvtsi64_si128((long long)pattern)));
                memcpy(out + ko + written, &packed, 8);
                written += (unsigned)__builtin_popcount(eight);
            }
        }
        int repeated = 0;
        if (repeatRun) {
            // Elongation: a two-byte character written a third time in a row stops the run before
            // it (the scalar loop collapses it). In a block written as it was read, that is its
            // lane; in one that deleted or swapped, the block is left to the scalar loop whole.
            unsigned q = arn_first_repeat_avx2(out + ko, written, history);
            if (q < written) {
                repeated = 1;
                m = (take.removed | take.swapped | take.spaceWritten) ? 0 : q;
                written = m;
                if (m == 0) break;
            } else {
                arn_history_after(history, out + ko, written);
            }
        }
        // Replacements by group: bit g of each lane moved to its top bit (a 16-bit shift: the low
        // byte's spill never reaches the high byte's top bit), counted in the lanes taken.
        // (Written out per count with constant shifts, into locals: a loop over the groups cost
        // twice the instructions, with the counts in memory.) In the run with the `search` steps
        // and more than four groups (`search` has eight), lane by lane instead, from the replaced
        // lanes taken: a lane's class has one bit, its group's, and news has two such lanes a
        // block (the eight popcounts had cost 7% of that run's instructions). (Lane by lane in the
        // other run too, `standard` on news took 8% longer with fewer instructions: the loop's
        // length is the text's.)
        const uint64_t taken = arn_prefix_mask(m);
        if (steps && highMaps) {
            uint64_t hits = hitLanes & taken;
            if (hits) {
                uint8_t groups[64];
                _mm256_storeu_si256((__m256i *)groups, a.mapIndex);
                _mm256_storeu_si256((__m256i *)(groups + 32), b.mapIndex);
                do {
                    replaced[__builtin_ctz(groups[__builtin_ctzll(hits)])] += 1;
                    hits &= hits - 1;
                } while (hits);
            }
        } else {
#define REPLACED(g) (uint32_t)__builtin_popcountll(MASK(_mm256_slli_epi16(a.mapIndex, 7 - (g)), _mm256_slli_epi16(b.mapIndex, 7 - (g))) & taken)
            switch (mapCount) {
            case 8: replaced7 += REPLACED(7); /* fall through */
            case 7: replaced6 += REPLACED(6); /* fall through */
            case 6: replaced5 += REPLACED(5); /* fall through */
            case 5: replaced4 += REPLACED(4); /* fall through */
            case 4: replaced3 += REPLACED(3); /* fall through */
            case 3: replaced2 += REPLACED(2); /* fall through */
            case 2: replaced1 += REPLACED(1); /* fall through */
            case 1: replaced0 += REPLACED(0); /* fall through */
            default: break;
            }
#undef REPLACED
        }
        counts->spaced += (uint32_t)__builtin_popcountll(take.spaced);
        if (take.removed | take.swapped) {
            // Deletions: each group (the class bits of one action) counted.
#define DELETED(g) (uint32_t)__builtin_popcountll(ANY_OF(t->deleteGroups[g], deleteA, deleteB) & deleted)
            switch (deleteCount) {
            case 8: counts->deleted[7] += DELETED(7); /* fall through */
            case 7: counts->deleted[6] += DELETED(6); /* fall through */
            case 6: counts->deleted[5] += DELETED(5); /* fall through */
            case 5: counts->deleted[4] += DELETED(4); /* fall through */
            case 4: counts->deleted[3] += DELETED(3); /* fall through */
            case 3: counts->deleted[2] += DELETED(2); /* fall through */
            case 2: counts->deleted[1] += DELETED(1); /* fall through */
            case 1: counts->deleted[0] += DELETED(0); /* fall through */
            default: break;
            }
#undef DELETED
            if (take.tripleMarks) counts->deleted[t->tripleMarkGroup] += (uint32_t)__builtin_popcountll(take.tripleMarks);
            counts->deobfuscated += (uint32_t)__builtin_popcountll(take.deobfuscated);
            counts->zeroWidths += (uint32_t)__builtin_popcountll(take.zeroWidths);
            counts->collapsedSpaces += (uint32_t)__builtin_popcountll(take.collapsedSpaces)
                + (uint32_t)__builtin_popcountll(take.droppedAtEnd);
            counts->joinedWords += take.joinedWords;
            counts->reordered += (uint32_t)__builtin_popcountll(take.swapped);
        }
        ko += written;
        if (repeated) {
            k += m;
            break;
        }
        // On while the block was taken to its end (less a character cut by it, or deletions
        // waiting for what follows them), or up to a stretch that may be joined in the next.
        if (__builtin_expect(m == guess, 1)) {
            // (The guess, not `m`: the same number, through a register the compiler cannot trace
            // back to `m`, so that the next block's address does not wait on this one's classing.)
            size_t step = guess;
            __asm__("" : "+r"(step));
            k += step;
        } else {
            k += m;
        }
        if ((take.reach < 62 && !take.pending) || m == 0) break;
        spaceFirst = !(((l.spaces | l.newlines) >> (m - 1)) & 1);    // (never a deletion)
        marksFirst = m > 1 && (l.leads >> (m - 2)) & 1;
    }
    counts->replaced[0] += replaced0 + replaced[0];
    counts->replaced[1] += replaced1 + replaced[1];
    counts->replaced[2] += replaced2 + replaced[2];
    counts->replaced[3] += replaced3 + replaced[3];
    counts->replaced[4] += replaced4 + replaced[4];
    counts->replaced[5] += replaced5 + replaced[5];
    counts->replaced[6] += replaced6 + replaced[6];
    counts->replaced[7] += replaced7 + replaced[7];
    counts->written = ko;
#undef ANY
#undef ANY_OF
#undef LOW_BYTES
#undef NOT_BELOW
#undef NONZERO
#undef ARN_ARABIC_LOOKUP
#undef MASK
    return k;
}
#undef W

__attribute__((target("avx2,popcnt,bmi")))
static size_t arn_block_run_avx2(const uint8_t *in, size_t n, uint8_t *out, const arn_run_tables *t,
                                 unsigned flags, arn_run_counts *counts) {
    return arn_block_run_avx2_body(in, n, out, t, flags, counts, 0, 1);
}

/// (No mark deleted, `clean`: the parts that delete marks left out, which cost that run 3–5% more
/// instructions on every corpus when they were only switched off by the tables.)
__attribute__((target("avx2,popcnt,bmi")))
static size_t arn_block_run_avx2_keeps(const uint8_t *in, size_t n, uint8_t *out, const arn_run_tables *t,
                                       unsigned flags, arn_run_counts *counts) {
    return arn_block_run_avx2_body(in, n, out, t, flags, counts, 0, 0);
}

__attribute__((target("avx2,popcnt,bmi")))
static size_t arn_block_run_avx2_steps(const uint8_t *in, size_t n, uint8_t *out, const arn_run_tables *t,
                                       unsigned flags, arn_run_counts *counts) {
    return arn_block_run_avx2_body(in, n, out, t, flags, counts, 1, 1);
}

__attribute__((target("ssse3,popcnt")))
static size_t arn_block_run_ssse3(const uint8_t *in, size_t n, uint8_t *out, const arn_run_tables *t,
                                  unsigned flags, arn_run_counts *counts) {
#define L16(field) _mm_loadu_si128((const __m128i *)(field))
    const __m128i zero = _mm_setzero_si128();
    const __m128i nibble = _mm_set1_epi8(0x0F);
    const __m128i asciiLo = L16(t->asciiLo), asciiHi = L16(t->asciiHi);
    const __m128i arabicLo = L16(t->arabicLo), arabicHi = L16(t->arabicHi);
    const __m128i asciiPlain = L16(t->asciiPlain), asciiSeparator = L16(t->asciiSeparator);
    const __m128i arabicPlain = L16(t->arabicPlain), arabicSeparator = L16(t->arabicSeparator);
    const __m128i punctuationLo = L16(t->punctuationLo), punctuationHi = L16(t->punctuationHi);
    const __m128i punctuationPlain = L16(t->punctuationPlain), punctuationSeparator = L16(t->punctuationSeparator);
    const unsigned mapCount = t->mapCount;
    const __m128i mapLo = L16(t->mapLo), mapHi = L16(t->mapHi);
    const __m128i mapLead = L16(t->mapLead), mapTrail = L16(t->mapTrail);
    const __m128i mapLeadHigh = L16(t->mapLeadHigh), mapTrailHigh = L16(t->mapTrailHigh);
    const int inlineSpaces = t->inlineSpaces != 0;
    int spaceFirst = (flags & ARN_RUN_SPACE_FIRST) != 0;
#define ANY(cls, mask) (~(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(cls, mask), zero)) & 0xFFFFu)
    size_t k = 0;
    while (k + 18 <= n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(in + k));
        __m128i next = _mm_loadu_si128((const __m128i *)(in + k + 1));
        __m128i asciiClass = _mm_and_si128(_mm_shuffle_epi8(asciiLo, _mm_and_si128(x, _mm_set1_epi8((char)0x8F))),
                                           _mm_shuffle_epi8(asciiHi, _mm_and_si128(_mm_srli_epi16(x, 4), nibble)));
        __m128i d = _mm_sub_epi8(x, _mm_set1_epi8((char)0xD8));
        __m128i lead = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(3)), d);
        __m128i trail = _mm_cmpeq_epi8(_mm_and_si128(next, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80));
        __m128i low = _mm_or_si128(_mm_and_si128(next, _mm_set1_epi8(0x3F)),
                                   _mm_and_si128(_mm_slli_epi16(x, 6), _mm_set1_epi8((char)0xC0)));
        __m128i lowLo = _mm_and_si128(low, nibble), lowHi = _mm_and_si128(_mm_srli_epi16(low, 4), nibble);
        __m128i arabicClass = _mm_and_si128(
            _mm_and_si128(_mm_shuffle_epi8(arabicLo, lowLo), _mm_shuffle_epi8(arabicHi, lowHi)),
            _mm_and_si128(lead, trail));
        arn_lanes l;
        l.ascii = ANY(asciiClass, asciiPlain);
        l.leads = ANY(arabicClass, arabicPlain);
        l.newlines = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
        l.spaces = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
        l.asciiSeparators = l.arabicSeparators = l.punctuation = l.punctuationSeparators = 0;
        l.marks = l.tatweels = l.zeroWidths = l.letters = l.emoji = l.tripleMarks = 0;    // (deletions, joins, emoji: the AVX2 run only)
        l.continued = (uint32_t)_mm_movemask_epi8(trail);
        l.keptMarks = l.keptTriples = l.carried = l.ordered = l.orderedAcross = l.harakat = 0;    // (kept marks: the AVX2 run only)
        l.asciiSpaced = l.arabicSpaced = l.punctuationSpaced = l.spacedOutsideNumber = l.asciiDigits = l.hyphens = l.asciiBytes = 0;    // (the AVX2 run only)
        __m128i written = x;
        uint32_t mapped = 0;
        __m128i mapIndex = zero;
        if (mapCount) {
            mapIndex = _mm_and_si128(_mm_and_si128(_mm_shuffle_epi8(mapLo, lowLo), _mm_shuffle_epi8(mapHi, lowHi)),
                                     _mm_and_si128(lead, trail));
            __m128i hit = _mm_xor_si128(_mm_cmpeq_epi8(mapIndex, zero), _mm_set1_epi8(-1));
            mapped = (uint32_t)_mm_movemask_epi8(hit);
            if (mapped) {
                __m128i lowIndex = _mm_and_si128(mapIndex, nibble), highIndex = _mm_and_si128(_mm_srli_epi16(mapIndex, 4), nibble);
                __m128i newLead = _mm_or_si128(_mm_shuffle_epi8(mapLead, lowIndex), _mm_shuffle_epi8(mapLeadHigh, highIndex));
                __m128i newTrail = _mm_or_si128(_mm_shuffle_epi8(mapTrail, lowIndex), _mm_shuffle_epi8(mapTrailHigh, highIndex));
                __m128i both = _mm_or_si128(hit, _mm_slli_si128(hit, 1));
                written = _mm_or_si128(_mm_andnot_si128(both, x), _mm_or_si128(newLead, _mm_slli_si128(newTrail, 1)));
                l.leads |= mapped;
            }
        }
        _mm_storeu_si128((__m128i *)(out + k), written);
        arn_take take;
        unsigned m = arn_clean_length(l, (arn_block_view){.width = 16, .flags = flags, .stretchLimit = t->stretchLimit, .inlineSpaces = inlineSpaces, .spaceFirst = spaceFirst}, &take);
        if (m < 14) {
            l.asciiSeparators = ANY(asciiClass, asciiSeparator);
            l.arabicSeparators = ANY(arabicClass, arabicSeparator);
            __m128i next2 = _mm_loadu_si128((const __m128i *)(in + k + 2));
            __m128i punctuationClass = _mm_and_si128(
                _mm_shuffle_epi8(punctuationLo, _mm_and_si128(next2, nibble)),
                _mm_shuffle_epi8(punctuationHi, _mm_and_si128(_mm_srli_epi16(next2, 4), nibble)));
            punctuationClass = _mm_and_si128(punctuationClass, _mm_and_si128(
                _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE2)), _mm_cmpeq_epi8(next, _mm_set1_epi8((char)0x80))));
            l.punctuation = ANY(punctuationClass, punctuationPlain);
            l.punctuationSeparators = ANY(punctuationClass, punctuationSeparator);
            m = arn_clean_length(l, (arn_block_view){.width = 16, .flags = flags, .stretchLimit = t->stretchLimit, .inlineSpaces = inlineSpaces, .spaceFirst = spaceFirst, .full = 1}, &take);
        }
        if (mapped & arn_prefix_mask(m)) {
            for (unsigned g = 0; g < mapCount; g++) {
                __m128i top = _mm_sll_epi16(mapIndex, _mm_cvtsi32_si128((int)(7 - g)));
                uint32_t lanes = (uint32_t)_mm_movemask_epi8(top);
                counts->replaced[g] += (uint32_t)__builtin_popcount(lanes & arn_prefix_mask(m));
            }
        }
        k += m;
        if (m < 14) break;
        spaceFirst = !(((l.spaces | l.newlines) >> (m - 1)) & 1);
    }
    counts->written = k;
#undef ANY
#undef L16
    return k;
}

int arn_block_run_setup(void) {
    arn_fill_pack();
    return arn_block_run_available();
}

int arn_block_run_available(void) {
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("popcnt")) return 0;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi")) return 64;
    return __builtin_cpu_supports("ssse3") ? 16 : 0;
}

size_t arn_block_run(const uint8_t *in, size_t n, uint8_t *out, const arn_run_tables *t, unsigned flags,
                     arn_run_counts *counts) {
    if (t->width != 64) return arn_block_run_ssse3(in, n, out, t, flags, counts);
    if (arn_run_checks_repeats(t) || arn_run_spaces_separators(t)) return arn_block_run_avx2_steps(in, n, out, t, flags, counts);
    return t->deleteMark[0] ? arn_block_run_avx2(in, n, out, t, flags, counts) : arn_block_run_avx2_keeps(in, n, out, t, flags, counts);
}

#else

int arn_block_run_available(void) { return 0; }

int arn_block_run_setup(void) { return 0; }

unsigned arn_first_repeat(const uint8_t *o, unsigned w, const uint8_t history[4]) {
    return arn_first_repeat_reference(o, w, history);
}

size_t arn_block_run(const uint8_t *in, size_t n, uint8_t *out, const arn_run_tables *t, unsigned flags,
                     arn_run_counts *counts) {
    (void)in; (void)n; (void)out; (void)t; (void)flags;
    counts->written = 0;
    return 0;
}

#endif

// (Outside the x86 part: the engine fills its tables on every machine.)
void arn_run_tables_widen(arn_run_tables *t) {
#define WIDEN(field) do { memcpy(t->wide.field, t->field, 16); memcpy(t->wide.field + 16, t->field, 16); } while (0)
    WIDEN(asciiLo); WIDEN(asciiHi); WIDEN(arabicLo); WIDEN(arabicHi);
    WIDEN(asciiPlain); WIDEN(asciiSeparator); WIDEN(arabicPlain); WIDEN(arabicSeparator);
    WIDEN(mapLo); WIDEN(mapHi); WIDEN(mapLead); WIDEN(mapTrail); WIDEN(mapLeadHigh); WIDEN(mapTrailHigh);
    WIDEN(punctuationLo); WIDEN(punctuationHi); WIDEN(punctuationPlain); WIDEN(punctuationSeparator);
    WIDEN(punctuationZeroWidth);
    WIDEN(deleteLo); WIDEN(deleteHi); WIDEN(deleteMark); WIDEN(deleteTatweel); WIDEN(tripleMarkLo); WIDEN(tripleMarkHi);
    WIDEN(letterLo); WIDEN(letterHi); WIDEN(emojiLo); WIDEN(emojiHi); WIDEN(keptLo); WIDEN(keptHi); WIDEN(keptTripleLo); WIDEN(keptTripleHi); WIDEN(carriedLo); WIDEN(carriedHi);
    WIDEN(asciiSpaced); WIDEN(asciiNumberSeparator); WIDEN(arabicSpaced); WIDEN(punctuationSpaced);
#undef WIDEN
}

// MARK: - The scalar reference

/// The byte `pshufb` picks from `table` for index `i` (0 when the index's top bit is set).
static inline uint8_t arn_pick(const uint8_t *table, uint8_t i) { return (i & 0x80) ? 0 : table[i & 15]; }

size_t arn_block_run_reference(const uint8_t *in, size_t n, uint8_t *out, const arn_run_tables *t, unsigned flags,
                               arn_run_counts *counts) {
    const unsigned mapCount = t->mapCount;
    const int inlineSpaces = t->inlineSpaces != 0;
    int spaceFirst = (flags & ARN_RUN_SPACE_FIRST) != 0;
    size_t k = 0;
    while (k + 18 <= n) {
        const uint8_t *x = in + k;
        uint8_t asciiClass[16], arabicClass[16], mapIndex[16], punctuationClass[16];
        arn_lanes l = {0};
        uint64_t mapped = 0, asciiSeparators = 0, arabicSeparators = 0;
        for (unsigned i = 0; i < 16; i++) {
            uint8_t b = x[i], next = x[i + 1], next2 = x[i + 2];
            asciiClass[i] = arn_pick(t->asciiLo, b & 0x8F) & t->asciiHi[b >> 4];
            int lead = b >= 0xD8 && b <= 0xDB, trail = (next & 0xC0) == 0x80;
            uint8_t low = (uint8_t)((next & 0x3F) | ((b & 3) << 6));
            arabicClass[i] = lead && trail ? (t->arabicLo[low & 15] & t->arabicHi[low >> 4]) : 0;
            punctuationClass[i] = b == 0xE2 && next == 0x80 ? (t->punctuationLo[next2 & 15] & t->punctuationHi[next2 >> 4]) : 0;
            uint64_t bit = 1ull << i;
            if (asciiClass[i] & t->asciiPlain[0]) l.ascii |= bit;
            if (arabicClass[i] & t->arabicPlain[0]) l.leads |= bit;
            if (asciiClass[i] & t->asciiSeparator[0]) asciiSeparators |= bit;
            if (arabicClass[i] & t->arabicSeparator[0]) arabicSeparators |= bit;
            if (b == '\n') l.newlines |= bit;
            if (b == ' ') l.spaces |= bit;
            if (trail) l.continued |= bit;
            mapIndex[i] = mapCount && lead && trail ? (t->mapLo[low & 15] & t->mapHi[low >> 4]) : 0;
            if (mapIndex[i]) mapped |= bit;
        }
        // What the kernels write: replaced characters' new lead and trail, the rest copied.
        for (unsigned i = 0; i < 16; i++) {
            int both = ((mapped >> i) & 1) || (i > 0 && ((mapped >> (i - 1)) & 1));
            uint8_t w = both ? 0 : x[i];
            if (mapped) {
                w |= t->mapLead[mapIndex[i] & 15] | t->mapLeadHigh[mapIndex[i] >> 4];
                if (i > 0) w |= t->mapTrail[mapIndex[i - 1] & 15] | t->mapTrailHigh[mapIndex[i - 1] >> 4];
            }
            out[k + i] = w;
        }
        l.leads |= mapped;
        arn_take take;
        unsigned m = arn_clean_length(l, (arn_block_view){.width = 16, .flags = flags, .stretchLimit = t->stretchLimit,
                                                            .inlineSpaces = inlineSpaces, .spaceFirst = spaceFirst}, &take);
        if (m < 14) {
            l.asciiSeparators = asciiSeparators;
            l.arabicSeparators = arabicSeparators;
            for (unsigned i = 0; i < 16; i++) {
                if (punctuationClass[i] & t->punctuationPlain[0]) l.punctuation |= 1ull << i;
                if (punctuationClass[i] & t->punctuationSeparator[0]) l.punctuationSeparators |= 1ull << i;
            }
            m = arn_clean_length(l, (arn_block_view){.width = 16, .flags = flags, .stretchLimit = t->stretchLimit,
                                                      .inlineSpaces = inlineSpaces, .spaceFirst = spaceFirst, .full = 1}, &take);
        }
        for (unsigned i = 0; i < m; i++)
            for (unsigned g = 0; g < mapCount; g++)
                if ((mapped >> i) & 1 && (mapIndex[i] >> g) & 1) counts->replaced[g]++;
        k += m;
        if (m < 14) break;
        spaceFirst = !(((l.spaces | l.newlines) >> (m - 1)) & 1);
    }
    counts->written = k;
    return k;
}
