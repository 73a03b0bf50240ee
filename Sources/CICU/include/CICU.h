/* Umbrella header of the ICU shim: each header covers one area and includes no ICU header. */
#include "cicu_normalizer.h"
#include "cicu_translit.h"
#include "cicu_numbers.h"
#include "cicu_convert.h"
#include "cicu_break.h"
#include "cicu_emoji.h"
