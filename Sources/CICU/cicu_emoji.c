#include "cicu_emoji.h"

#include <unicode/uchar.h>

uint8_t cicu_emoji_properties(int32_t cp) {
    uint8_t bits = 0;
    if (u_hasBinaryProperty(cp, UCHAR_EMOJI)) bits |= CICU_EMOJI;
    if (u_hasBinaryProperty(cp, UCHAR_EMOJI_PRESENTATION)) bits |= CICU_EMOJI_PRESENTATION;
    if (u_hasBinaryProperty(cp, UCHAR_EMOJI_MODIFIER)) bits |= CICU_EMOJI_MODIFIER;
    if (u_hasBinaryProperty(cp, UCHAR_EMOJI_MODIFIER_BASE)) bits |= CICU_EMOJI_MODIFIER_BASE;
    if (u_hasBinaryProperty(cp, UCHAR_EMOJI_COMPONENT)) bits |= CICU_EMOJI_COMPONENT;
    if (u_hasBinaryProperty(cp, UCHAR_REGIONAL_INDICATOR)) bits |= CICU_REGIONAL_INDICATOR;
    if (u_hasBinaryProperty(cp, UCHAR_EXTENDED_PICTOGRAPHIC)) bits |= CICU_EXTENDED_PICTOGRAPHIC;
    return bits;
}

void cicu_fill_emoji_properties(uint8_t *table, int32_t first, int32_t count) {
    for (int32_t k = 0; k < count; k++) table[k] = cicu_emoji_properties(first + k);
}
