// Numerals module: see issue 5.
