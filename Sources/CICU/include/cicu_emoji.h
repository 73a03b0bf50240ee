#ifndef CICU_EMOJI_H
#define CICU_EMOJI_H
/*
 * Plain-C access to ICU's emoji properties (UTS #51), for the emoji step. No ICU header is
 * included here.
 */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    CICU_EMOJI = 1,                  /* Emoji */
    CICU_EMOJI_PRESENTATION = 2,     /* Emoji_Presentation */
    CICU_EMOJI_MODIFIER = 4,         /* Emoji_Modifier (skin tones) */
    CICU_EMOJI_MODIFIER_BASE = 8,    /* Emoji_Modifier_Base */
    CICU_EMOJI_COMPONENT = 16,       /* Emoji_Component */
    CICU_REGIONAL_INDICATOR = 32,    /* Regional_Indicator */
    CICU_EXTENDED_PICTOGRAPHIC = 64  /* Extended_Pictographic */
};

/* The emoji properties of one code point, as CICU_* bits. */
uint8_t cicu_emoji_properties(int32_t cp);

/* Fills table[cp - first] with cicu_emoji_properties(cp) for cp in first ..< first + count. */
void cicu_fill_emoji_properties(uint8_t *table, int32_t first, int32_t count);

#ifdef __cplusplus
}
#endif
#endif
