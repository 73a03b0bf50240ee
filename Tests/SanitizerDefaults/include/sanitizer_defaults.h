#ifndef ARNORM_SANITIZER_DEFAULTS_H
#define ARNORM_SANITIZER_DEFAULTS_H
// Linked into the test executable only. See sanitizer_defaults.c.
const char *__lsan_default_suppressions(void);
#endif
