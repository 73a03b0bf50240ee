#ifndef ARN_SPAN_SCAN_H
#define ARN_SPAN_SCAN_H
/*
 * The span steps' scan for candidate bytes: the first byte at or after `from` that is one of
 * `ascii` (up to 8 bytes, unused slots repeat a used one) or, when `high` is not 0, at least
 * `high`. What a candidate starts is decided by the recognizers (SpanScanner.swift); this only
 * skips the bytes that can start nothing, 16 at a time with SSE2 on x86-64.
 */
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

size_t arn_span_candidate(const uint8_t *p, size_t n, size_t from, const uint8_t ascii[8], uint8_t high);

#ifdef __cplusplus
}
#endif
#endif
