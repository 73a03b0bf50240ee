// Transliteration module: see issue 4.
