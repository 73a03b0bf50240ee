/*
 * arnorm._arnorm: the CPython extension behind arnorm's hot calls.
 *
 * It calls libarnorm's C ABI (arnorm.h) through function pointers that the package binds at
 * import (`_bind`, with the addresses ctypes resolved in the one loaded library), so the
 * extension itself links nothing but libc and pthreads.
 *
 * Three base types hold a library handle each (normalizer, transliterator, numerals converter);
 * the Python classes in __init__.py subclass them. Every method that runs the engine releases
 * the GIL while it runs. Batches:
 *   1. with the GIL: the UTF-8 of every str (CPython's cached representation, no copy), or for a
 *      str with none cached, its characters (encoded to UTF-8 in step 2: CPython would encode on
 *      this thread, and keep a copy);
 *   2. without: the engine, text by text through arnorm_normalize_into (no reference counting, no
 *      statistics, no copy) into buffers of ours; each output is measured (characters, widest
 *      character) while in cache, or found equal to its input (the result is then the input str);
 *   3. with the GIL: one PyUnicode_New per output, of the exact length and kind;
 *   4. without: the outputs decoded straight into those strings;
 *   5. with the GIL: the list.
 * On one thread, 2 to 4 run one after the other over the whole batch. On several (run_pipelined),
 * over chunks of about 32 KB of input: the threads take chunks for 2 in turn, the calling thread
 * does 3 for each chunk, in order, as soon as its 2 is done, and takes chunks for 2 in between;
 * then every thread takes chunks for 4. So 3, which only one thread can do, overlaps 2.
 * Arrow arrays come in through the Arrow PyCapsule interface (C data interface structs, defined
 * below from the specification) and go out as one data buffer plus offsets, also as capsules.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "utf8_to_ucs.h"

/* ---------------------------------------------------------------------------------------
 * The library's functions (bound by _bind)
 * ------------------------------------------------------------------------------------- */

typedef int (*text_fn)(const void *, const char *, size_t, char **, size_t *);

static struct {
    void (*free_)(void *);
    text_fn normalize;
    int (*normalize_into)(const void *, const char *, size_t, char *, size_t, size_t *);
    int (*normalize_batch)(const void *, const char *const *, const size_t *, size_t, char **, size_t *);
    int (*normalize_buffer_batch)(const void *, const char *, const void *, int, size_t, const unsigned char *,
                                  size_t, char **, size_t *);
    int (*normalize_with_offsets)(const void *, const char *, size_t, char **, size_t *, size_t **, size_t **,
                                  size_t *);
    void (*normalizer_free)(void *);
    text_fn transliterate;
    text_fn transliterate_reverse;
    void (*transliterator_free)(void *);
    text_fn numerals_convert;
    void (*numerals_free)(void *);
} lib;

static int bound = 0;
static PyObject *ArnormError = NULL;      /* arnorm.ArnormError */
static PyObject *encode_replacing = NULL; /* str -> UTF-8 bytes, lone surrogates as U+FFFD */

#define STATUS_UNSUPPORTED 3
#define STATUS_SPACE 5

/* ---------------------------------------------------------------------------------------
 * Threads
 * ------------------------------------------------------------------------------------- */

#define MAX_THREADS 64
/* Below this many input bytes a batch runs on one thread: starting one costs more. */
#define MIN_BYTES_PER_THREAD (64 * 1024)

static int cpu_count = 1;
static volatile int calls_in_flight = 0; /* batch calls running now, from any Python thread */

typedef void (*work_fn)(void *context, int part, int parts);

typedef struct {
    work_fn fn;
    void *context;
    int part, parts;
} work_item;

static void *work_thread(void *p) {
    work_item *w = p;
    w->fn(w->context, w->part, w->parts);
    return NULL;
}

/* Runs fn(context, k, parts) for k in 0..<parts, k = 0 on the calling thread. Falls back to
   running a part on the calling thread when a thread cannot be started. */
static void run_parts(work_fn fn, void *context, int parts) {
    pthread_t threads[MAX_THREADS];
    work_item items[MAX_THREADS];
    int started[MAX_THREADS];
    for (int k = 1; k < parts; k++) {
        items[k] = (work_item){fn, context, k, parts};
        started[k] = pthread_create(&threads[k], NULL, work_thread, &items[k]) == 0;
    }
    fn(context, 0, parts);
    for (int k = 1; k < parts; k++) {
        if (started[k])
            pthread_join(threads[k], NULL);
        else
            fn(context, k, parts);
    }
}

/* The number of threads for a batch of `bytes` input bytes: `requested` when given (>= 1),
   else the cores shared among the batch calls running at the same time. */
static int thread_count(Py_ssize_t requested, size_t bytes) {
    int t;
    if (requested > 0) {
        t = requested > MAX_THREADS ? MAX_THREADS : (int)requested;
    } else {
        int busy = __atomic_load_n(&calls_in_flight, __ATOMIC_RELAXED);
        t = cpu_count / (busy > 0 ? busy : 1);
        if (t < 1) t = 1;
        size_t by_size = bytes / MIN_BYTES_PER_THREAD;
        if ((size_t)t > by_size) t = by_size < 1 ? 1 : (int)by_size;
    }
    return t;
}

static int parse_threads(PyObject *o, Py_ssize_t *threads) {
    *threads = 0;
    if (o == NULL || o == Py_None) return 0;
    if (!PyIndex_Check(o) || PyBool_Check(o)) { /* a float is not truncated, a str not parsed, True is no count */
        PyErr_Format(PyExc_TypeError, "threads: expected an int or None, got %.80s", Py_TYPE(o)->tp_name);
        return -1;
    }
    Py_ssize_t t = PyNumber_AsSsize_t(o, NULL); /* beyond Py_ssize_t: clipped, then capped at MAX_THREADS */
    if (t == -1 && PyErr_Occurred()) return -1;
    if (t < 1) {
        PyErr_SetString(PyExc_ValueError, "threads must be at least 1 (or None for all cores)");
        return -1;
    }
    *threads = t;
    return 0;
}

/* ---------------------------------------------------------------------------------------
 * Strings in and out
 * ------------------------------------------------------------------------------------- */

/* The UTF-8 of a str: CPython's cached representation when it can have one, else (lone
   surrogates) a bytes object from encode_replacing kept in *keep. */
static int utf8_of(PyObject *text, const char **p, Py_ssize_t *len, PyObject **keep) {
    *keep = NULL;
    *p = PyUnicode_AsUTF8AndSize(text, len);
    if (*p) return 0;
    if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) return -1;
    PyErr_Clear();
    PyObject *b = PyObject_CallOneArg(encode_replacing, text);
    if (!b) return -1;
    if (PyBytes_AsStringAndSize(b, (char **)p, len) < 0) {
        Py_DECREF(b);
        return -1;
    }
    *keep = b;
    return 0;
}

/* Decodes valid UTF-8 into a fresh string of the kind and length measure_utf8 gave. */
static void fill_string(PyObject *s, const unsigned char *p, size_t n) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(s);
    void *data = PyUnicode_DATA(s);
    switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND:
        if (PyUnicode_IS_ASCII(s)) {
            memcpy(data, p, n);
        } else {
            /* the rest, never reached with the library's (valid) output, is not left unset */
            Py_UCS1 *d = decode_ucs1(data, (Py_UCS1 *)data + length, p, p + n);
            while (d < (Py_UCS1 *)data + length) *d++ = '?';
        }
        break;
    case PyUnicode_2BYTE_KIND: {
        Py_UCS2 *d = decode_ucs2_fast(data, (Py_UCS2 *)data + length, p, p + n);
        while (d < (Py_UCS2 *)data + length) *d++ = 0xFFFD;
        break;
    }
    default: {
        Py_UCS4 *d = decode_ucs4(data, (Py_UCS4 *)data + length, p, p + n);
        while (d < (Py_UCS4 *)data + length) *d++ = 0xFFFD;
        break;
    }
    }
}

/* A str from valid UTF-8 (the library's output). */
static PyObject *string_from_utf8(const char *p, size_t n) {
    Py_ssize_t chars;
    Py_UCS4 maxchar;
    utf8_measure_fast((const unsigned char *)p, n, &chars, &maxchar);
    PyObject *s = PyUnicode_New(chars, maxchar);
    if (s) fill_string(s, (const unsigned char *)p, n);
    return s;
}

static PyObject *status_error(int status, const char *what) {
    if (status == STATUS_UNSUPPORTED)
        PyErr_Format(ArnormError, "%s is not supported by this handle", what);
    else
        PyErr_Format(ArnormError, "%s failed (status %d)", what, status);
    return NULL;
}

/* ---------------------------------------------------------------------------------------
 * Handles
 * ------------------------------------------------------------------------------------- */

enum { KIND_NORMALIZER, KIND_TRANSLITERATOR, KIND_NUMERALS };

typedef struct {
    PyObject_HEAD
    void *handle;
    int kind;
} Handle;

static void Handle_dealloc(Handle *self) {
    void *h = self->handle;
    self->handle = NULL;
    if (h) {
        if (self->kind == KIND_NORMALIZER) lib.normalizer_free(h);
        else if (self->kind == KIND_TRANSLITERATOR) lib.transliterator_free(h);
        else lib.numerals_free(h);
    }
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static void *handle_of(Handle *self) {
    if (!self->handle) PyErr_SetString(ArnormError, "this object has no library handle (was __init__ called?)");
    return self->handle;
}

/* _adopt(address): takes ownership of a handle the library returned (once). */
static PyObject *Handle_adopt(Handle *self, PyObject *arg) {
    if (!bound) return PyErr_Format(PyExc_RuntimeError, "arnorm._arnorm: library not bound");
    void *h = PyLong_AsVoidPtr(arg);
    if (!h) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "NULL handle");
        return NULL;
    }
    if (self->handle) {
        PyErr_SetString(PyExc_RuntimeError, "handle already set");
        return NULL;
    }
    self->handle = h;
    Py_RETURN_NONE;
}

static PyObject *Handle_address(Handle *self, void *closure) {
    (void)closure;
    return PyLong_FromVoidPtr(self->handle);
}

/* The UTF-8 of the one str a per-call function takes (utf8_of), or a TypeError. */
static int str_utf8(PyObject *text, const char **p, Py_ssize_t *len, PyObject **keep) {
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "text: expected str, got %.80s", Py_TYPE(text)->tp_name);
        return -1;
    }
    return utf8_of(text, p, len, keep);
}

/* One text through a text function, GIL released. */
static PyObject *apply_one(void *h, text_fn fn, PyObject *text, const char *what) {
    const char *p;
    Py_ssize_t len;
    PyObject *keep;
    if (str_utf8(text, &p, &len, &keep) < 0) return NULL;
    char *out = NULL;
    size_t out_len = 0;
    int status;
    if (len < 512) {
        status = fn(h, p, (size_t)len, &out, &out_len);
    } else {
        Py_BEGIN_ALLOW_THREADS
        status = fn(h, p, (size_t)len, &out, &out_len);
        Py_END_ALLOW_THREADS
    }
    int own_utf8 = keep == NULL;
    Py_XDECREF(keep);
    if (status != 0) return status_error(status, what);
    PyObject *r;
    if (own_utf8 && out_len == (size_t)len && PyUnicode_CheckExact(text) && memcmp(out, p, out_len) == 0) {
        Py_INCREF(text); /* unchanged: the text itself */
        r = text;
    } else {
        r = string_from_utf8(out, out_len);
    }
    lib.free_(out);
    return r;
}

/* Texts up to this many bytes are normalized into a buffer on the stack: no allocation and no
   copy between the engine and the str. */
#define STACK_OUTPUT 4096
/* A non-ASCII str whose UTF-8 fits this many bytes is encoded here, from its characters, which
   lie right after the object's header, rather than read from CPython's UTF-8 cache, which lies
   elsewhere in memory (or is made and kept, for a str that has none yet): on 20 MB of news
   lines, cached, normalize per call 1.12x as fast so (A/B alternated), with the AVX-512 encoder;
   with the scalar one, 0.94x: without AVX-512 a cached UTF-8 is used. */
#define STACK_INPUT 6144

/* The UTF-8 of a compact non-ASCII str into `buffer` (room permitting): 1 when done, 0 when the
   caller is to take the UTF-8 from CPython. */
static int encode_on_stack(PyObject *text, unsigned char *buffer, size_t room, const char **p, Py_ssize_t *len,
                           int *replaced) {
    if (!PyUnicode_Check(text) || !PyUnicode_IS_COMPACT(text) || PyUnicode_IS_ASCII(text)) return 0;
#if defined(__x86_64__)
    int vector = ucs_avx512 > 0;
#else
    int vector = 0;
#endif
    /* without the AVX-512 encoder, a cached UTF-8 is the faster way (0.94x per call so) */
    if (!vector && ((PyCompactUnicodeObject *)text)->utf8 != NULL) return 0;
    int kind = PyUnicode_KIND(text);
    size_t n = (size_t)PyUnicode_GET_LENGTH(text);
    if (n > room / (kind == PyUnicode_1BYTE_KIND ? 2 : kind == PyUnicode_2BYTE_KIND ? 3 : 4)) return 0;
    *len = (Py_ssize_t)encode_utf8(kind, PyUnicode_DATA(text), n, buffer, replaced);
    *p = (const char *)buffer;
    return 1;
}

/* normalize(text) for one str: the engine writes into the stack buffer (or, for a longer
   output, a malloc'd one), and the str is decoded from there. */
static PyObject *normalize_one(void *h, PyObject *text) {
    const char *p;
    Py_ssize_t len;
    PyObject *keep = NULL;
    unsigned char input[STACK_INPUT];
    int replaced = 0;
    if (!encode_on_stack(text, input, sizeof input, &p, &len, &replaced) && str_utf8(text, &p, &len, &keep) < 0)
        return NULL;
    char stack[STACK_OUTPUT];
    char *out = stack, *heap = NULL;
    size_t capacity = sizeof stack, need = (size_t)len + (size_t)len / 4 + 16;
    int status;
    for (;;) {
        if (need > capacity) {
            free(heap);
            if (!(heap = malloc(need))) {
                Py_XDECREF(keep);
                return PyErr_NoMemory();
            }
            out = heap;
            capacity = need;
        }
        size_t out_len = 0;
        if (len < 512) {
            status = lib.normalize_into(h, p, (size_t)len, out, capacity, &out_len);
        } else {
            Py_BEGIN_ALLOW_THREADS
            status = lib.normalize_into(h, p, (size_t)len, out, capacity, &out_len);
            Py_END_ALLOW_THREADS
        }
        if (status == STATUS_SPACE && out_len > capacity) {
            need = out_len;
            continue;
        }
        int own_utf8 = keep == NULL && !replaced; /* the text's own UTF-8: it had no lone surrogate */
        Py_XDECREF(keep);
        PyObject *r;
        if (status != 0) {
            r = status_error(status, "normalize");
        } else if (own_utf8 && out_len == (size_t)len && PyUnicode_CheckExact(text) && memcmp(out, p, out_len) == 0) {
            /* unchanged: the text itself */
            Py_INCREF(text);
            r = text;
        } else {
            r = string_from_utf8(out, out_len);
        }
        free(heap);
        return r;
    }
}

/* ---------------------------------------------------------------------------------------
 * Batches of Python strings
 * ------------------------------------------------------------------------------------- */

typedef struct {
    void *handle;
    text_fn fn;         /* per text; NULL: lib.normalize_into */
    Py_ssize_t count;
    const char **in;    /* NULL for a missing value */
    size_t *in_len;
    Py_ssize_t *bounds; /* parts + 1: part k is [bounds[k], bounds[k+1]) */
    /* results */
    const char **out;
    size_t *out_len;
    char **part_buffer; /* per part (fn == NULL, one thread) */
    char **item_buffer; /* per text (fn) */
    Py_ssize_t *chars;
    Py_UCS4 *maxchar;
    unsigned char *same; /* SAME_INPUT: the text is an exact str with its own UTF-8; SAME_OUTPUT:
                            its output is that UTF-8. Both: the result is the text itself. */
    PyObject **strings;
    int *status;        /* per part */
} batch;

#define SAME_INPUT 1
#define SAME_OUTPUT 2
#define REUSED(s) (((s) & (SAME_INPUT | SAME_OUTPUT)) == (SAME_INPUT | SAME_OUTPUT))
/* Bits 2-4 of `same`: the kind of a str whose UTF-8 the engine's thread makes from its characters
   (in[i] is then PyUnicode_DATA and in_len[i] the length in characters); 0: in[i] is UTF-8. */
#define KIND_OF(s) (((s) >> 2) & 7)

/* The engine on texts [lo, hi): with fn == NULL, the per-call engine path (arnorm_normalize_into)
   into one buffer (*buffer, free()), each output measured while it is in the cache. Returns a
   status. */
/* The UTF-8 input of text i: its UTF-8 as found in step 1, or (KIND bits) encoded from its
   characters into *scratch (grown as needed). 0, or 2 when out of memory. */
static int input_of(batch *b, Py_ssize_t i, unsigned char **scratch, size_t *room, const char **p, size_t *len) {
    int kind = KIND_OF(b->same[i]);
    if (!kind) {
        *p = b->in[i];
        *len = b->in_len[i];
        return 0;
    }
    size_t need = b->in_len[i] * (kind == PyUnicode_1BYTE_KIND ? 2 : kind == PyUnicode_2BYTE_KIND ? 3 : 4) + 1;
    if (need > *room) {
        size_t grown = need > 2 * *room ? need : 2 * *room;
        if (grown < 16384) grown = 16384;
        unsigned char *bigger = realloc(*scratch, grown);
        if (!bigger) return 2;
        *scratch = bigger;
        *room = grown;
    }
    int replaced = 0;
    *len = encode_utf8(kind, b->in[i], b->in_len[i], *scratch, &replaced);
    *p = (const char *)*scratch;
    if (replaced) b->same[i] &= (unsigned char)~SAME_INPUT;
    return 0;
}

/* Input bytes to expect from text i (its UTF-8 length, or an estimate from its characters). */
static inline size_t input_estimate(const batch *b, Py_ssize_t i) {
    int kind = KIND_OF(b->same[i]);
    return kind ? b->in_len[i] * (size_t)kind : b->in_len[i];
}

/* The engine on texts [lo, hi): with fn == NULL, the per-call engine path (arnorm_normalize_into)
   into one buffer (*buffer, free()), each output measured while it is in the cache. Returns a
   status. */
static int engine_range(batch *b, Py_ssize_t lo, Py_ssize_t hi, char **buffer) {
    *buffer = NULL;
    unsigned char *scratch = NULL;
    size_t room = 0;
    int status = 0;
    if (b->fn == NULL) {
        size_t capacity = 64;
        for (Py_ssize_t i = lo; i < hi; i++) {
            size_t e = input_estimate(b, i);
            capacity += e + e / 4 + 16;
        }
        char *out = malloc(capacity);
        size_t used = 0;
        if (!out) return 2;
        for (Py_ssize_t i = lo; i < hi; i++) {
            if (!b->in[i]) continue;
            const char *p;
            size_t len, out_len = 0;
            if ((status = input_of(b, i, &scratch, &room, &p, &len)) != 0) break;
            status = lib.normalize_into(b->handle, p, len, out + used, capacity - used, &out_len);
            if (status == STATUS_SPACE && out_len > capacity - used) {
                size_t grown = capacity * 2 > used + out_len + 64 ? capacity * 2 : used + out_len + 64;
                char *bigger = realloc(out, grown);
                if (!bigger) {
                    status = 2;
                    break;
                }
                out = bigger;
                capacity = grown;
                status = lib.normalize_into(b->handle, p, len, out + used, capacity - used, &out_len);
            }
            if (status != 0) break;
            b->out_len[i] = out_len;
            b->out[i] = (const char *)(uintptr_t)used; /* an offset until the buffer stops moving */
            if ((b->same[i] & SAME_INPUT) && out_len == len && memcmp(out + used, p, len) == 0)
                b->same[i] |= SAME_OUTPUT;
            else
                utf8_measure_fast((const unsigned char *)out + used, out_len, &b->chars[i], &b->maxchar[i]);
            used += out_len;
        }
        free(scratch);
        if (status != 0) {
            free(out);
            return status;
        }
        *buffer = out;
        for (Py_ssize_t i = lo; i < hi; i++)
            if (b->in[i]) b->out[i] = out + (uintptr_t)b->out[i];
        return 0;
    }
    for (Py_ssize_t i = lo; i < hi; i++) {
        if (!b->in[i]) continue;
        const char *p;
        size_t len, out_len = 0;
        char *out = NULL;
        if ((status = input_of(b, i, &scratch, &room, &p, &len)) != 0) break;
        if ((status = b->fn(b->handle, p, len, &out, &out_len)) != 0) break;
        b->item_buffer[i] = out;
        b->out[i] = out;
        b->out_len[i] = out_len;
        if ((b->same[i] & SAME_INPUT) && out_len == len && memcmp(out, p, len) == 0)
            b->same[i] |= SAME_OUTPUT;
        else
            utf8_measure_fast((const unsigned char *)out, out_len, &b->chars[i], &b->maxchar[i]);
    }
    free(scratch);
    return status;
}

/* The result objects of texts [lo, hi), with the GIL: None, the text itself, or a str of the
   output's length and kind, to be filled (fill_range). */
static int alloc_range(batch *b, PyObject **items, Py_ssize_t lo, Py_ssize_t hi) {
    for (Py_ssize_t i = lo; i < hi; i++) {
        if (!b->in[i]) {
            b->strings[i] = Py_None;
            Py_INCREF(Py_None);
        } else if (REUSED(b->same[i])) {
            b->strings[i] = items[i];
            Py_INCREF(items[i]);
        } else if (!(b->strings[i] = PyUnicode_New(b->chars[i], b->maxchar[i]))) {
            return -1;
        }
    }
    return 0;
}

/* Decodes the outputs of [lo, hi) into their fresh strs (no GIL needed: no other thread sees them yet). */
static void fill_range(batch *b, Py_ssize_t lo, Py_ssize_t hi) {
    for (Py_ssize_t i = lo; i < hi; i++)
        if (b->in[i] && !REUSED(b->same[i]))
            fill_string(b->strings[i], (const unsigned char *)b->out[i], b->out_len[i]);
}

static void batch_run_part(void *context, int part, int parts) {
    (void)parts;
    batch *b = context;
    Py_ssize_t lo = b->bounds[part], hi = b->bounds[part + 1];
    if (lo < hi) b->status[part] = engine_range(b, lo, hi, &b->part_buffer[part]);
}

static void batch_fill_part(void *context, int part, int parts) {
    (void)parts;
    batch *b = context;
    fill_range(b, b->bounds[part], b->bounds[part + 1]);
}

/* A batch on several threads, pipelined in chunks of about CHUNK_BYTES of input: the threads run
   the engine on chunks in turn; the calling thread makes the strs of each chunk, in order, as soon
   as its outputs are measured (the one step that needs the GIL), and in between runs the engine
   on chunks itself (GIL released); then all threads decode the chunks into their strs. The
   allocation, which one thread must do, so overlaps the engine instead of following it. */
#define CHUNK_BYTES (32 * 1024)

typedef struct {
    Py_ssize_t lo, hi;
    char *buffer;
    int status;
    int ready;     /* atomic: engine done (status set) */
    int allocated; /* atomic: strs made */
} batch_chunk;

typedef struct {
    batch *b;
    batch_chunk *chunks;
    Py_ssize_t n_chunks;
    Py_ssize_t next_engine; /* atomic */
    Py_ssize_t next_fill;   /* atomic */
    int abort;              /* atomic: the calling thread stopped (an error) */
} pipeline;

static void pipeline_engine(pipeline *pl, Py_ssize_t c) {
    batch_chunk *k = &pl->chunks[c];
    k->status = engine_range(pl->b, k->lo, k->hi, &k->buffer);
    __atomic_store_n(&k->ready, 1, __ATOMIC_RELEASE);
}

static void pipeline_fill(pipeline *pl) {
    for (;;) {
        Py_ssize_t c = __atomic_fetch_add(&pl->next_fill, 1, __ATOMIC_RELAXED);
        if (c >= pl->n_chunks) return;
        batch_chunk *k = &pl->chunks[c];
        while (!__atomic_load_n(&k->allocated, __ATOMIC_ACQUIRE)) {
            if (__atomic_load_n(&pl->abort, __ATOMIC_ACQUIRE)) return;
            sched_yield();
        }
        fill_range(pl->b, k->lo, k->hi);
    }
}

static void *pipeline_worker(void *p) {
    pipeline *pl = p;
    for (;;) {
        Py_ssize_t c = __atomic_fetch_add(&pl->next_engine, 1, __ATOMIC_RELAXED);
        if (c >= pl->n_chunks) break;
        pipeline_engine(pl, c);
    }
    pipeline_fill(pl);
    return NULL;
}

/* Steps 2 to 4 of run_batch on `parts` threads (>= 2), the calling thread holding the GIL. Returns
   0, -1 (a Python error set) or a library status (> 0). */
static int run_pipelined(batch *b, PyObject **items, size_t total, int parts) {
    Py_ssize_t n = b->count;
    size_t chunk_bytes = total / (size_t)(parts * 4);
    if (chunk_bytes > CHUNK_BYTES) chunk_bytes = CHUNK_BYTES;
    if (chunk_bytes < 1) chunk_bytes = 1;
    pipeline pl;
    memset(&pl, 0, sizeof pl);
    pl.b = b;
    pl.chunks = malloc((size_t)n * sizeof(batch_chunk));
    if (!pl.chunks) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n;) {
        batch_chunk *k = &pl.chunks[pl.n_chunks++];
        memset(k, 0, sizeof *k);
        k->lo = i;
        size_t bytes = 0;
        while (i < n && bytes < chunk_bytes) bytes += input_estimate(b, i++) + 16;
        k->hi = i;
    }
    pthread_t threads[MAX_THREADS];
    int started[MAX_THREADS] = {0};
    for (int t = 1; t < parts; t++) started[t] = pthread_create(&threads[t], NULL, pipeline_worker, &pl) == 0;
    int result = 0;
    Py_ssize_t made = 0; /* chunks whose strs are made */
    while (made < pl.n_chunks) {
        batch_chunk *k = &pl.chunks[made];
        if (__atomic_load_n(&k->ready, __ATOMIC_ACQUIRE)) {
            if (k->status != 0) {
                result = k->status;
                break;
            }
            if (alloc_range(b, items, k->lo, k->hi) < 0) {
                result = -1;
                break;
            }
            __atomic_store_n(&k->allocated, 1, __ATOMIC_RELEASE);
            made++;
            continue;
        }
        Py_ssize_t c = __atomic_fetch_add(&pl.next_engine, 1, __ATOMIC_RELAXED);
        Py_BEGIN_ALLOW_THREADS
        if (c < pl.n_chunks)
            pipeline_engine(&pl, c);
        else
            while (!__atomic_load_n(&k->ready, __ATOMIC_ACQUIRE)) sched_yield();
        Py_END_ALLOW_THREADS
    }
    if (result != 0) __atomic_store_n(&pl.abort, 1, __ATOMIC_RELEASE);
    Py_BEGIN_ALLOW_THREADS
    if (result == 0) pipeline_fill(&pl);
    for (int t = 1; t < parts; t++)
        if (started[t]) pthread_join(threads[t], NULL);
    Py_END_ALLOW_THREADS
    /* (A thread that did not start leaves no work behind: chunks are taken from shared counters.) */
    for (Py_ssize_t c = 0; c < pl.n_chunks; c++) free(pl.chunks[c].buffer);
    free(pl.chunks);
    return result;
}

/* Splits [0, count) into `parts` runs of about equal input bytes. */
static void split_by_bytes(const size_t *len, Py_ssize_t count, size_t total, int parts, Py_ssize_t *bounds) {
    bounds[0] = 0;
    Py_ssize_t i = 0;
    size_t sum = 0;
    for (int k = 1; k < parts; k++) {
        size_t target = total / (size_t)parts * (size_t)k;
        while (i < count && sum < target) sum += len[i++];
        bounds[k] = i;
    }
    bounds[parts] = count;
}

/* Is `o` a missing value, as pandas.isna sees one: None, a float NaN (also a NumPy float of any
   width, or a Decimal NaN), pandas.NA, pandas.NaT, NumPy's NaT? Called only for what is not a str. */
static int is_missing(PyObject *o) {
    if (o == Py_None) return 1;
    if (PyFloat_Check(o)) return isnan(PyFloat_AS_DOUBLE(o));
    const char *name = Py_TYPE(o)->tp_name;
    const char *dot = strrchr(name, '.');
    const char *last = dot ? dot + 1 : name;
    if (strcmp(last, "NAType") == 0 || strcmp(last, "NaTType") == 0) return 1; /* pandas.NA, pandas.NaT */
    int numpy = strncmp(name, "numpy.", 6) == 0;
    if (numpy && (strcmp(name, "numpy.datetime64") == 0 || strcmp(name, "numpy.timedelta64") == 0)) {
        PyObject *s = PyObject_Str(o);
        int nat = s && PyUnicode_CompareWithASCIIString(s, "NaT") == 0;
        Py_XDECREF(s);
        PyErr_Clear();
        return nat;
    }
    /* float32, float16, longdouble (not a float subclass), decimal.Decimal("NaN") */
    if ((numpy && strncmp(name, "numpy.complex", 13) != 0) || strcmp(name, "decimal.Decimal") == 0) {
        PyNumberMethods *nb = Py_TYPE(o)->tp_as_number;
        if (!nb || !nb->nb_float) return 0;
        PyObject *f = PyNumber_Float(o);
        int nan = f && PyFloat_Check(f) && isnan(PyFloat_AS_DOUBLE(f));
        Py_XDECREF(f);
        PyErr_Clear();
        return nan;
    }
    return 0;
}

/* The texts as a tuple: it holds a reference to every str, so another thread changing the
   caller's list while the GIL is released cannot free a text being read. */
static PyObject *texts_tuple(PyObject *texts) {
    if (PyUnicode_Check(texts) || PyBytes_Check(texts) || PyByteArray_Check(texts)) {
        /* iterable, but as characters or byte values, not texts */
        PyErr_Format(PyExc_TypeError, "texts: expected an iterable of str, got a single %.80s (wrap one text in a list)",
                     Py_TYPE(texts)->tp_name);
        return NULL;
    }
    if (PyTuple_CheckExact(texts)) {
        Py_INCREF(texts);
        return texts;
    }
    if (strncmp(Py_TYPE(texts)->tp_name, "pyarrow.lib.", 12) == 0 && PyObject_HasAttrString(texts, "to_pylist")) {
        /* a pyarrow Array or ChunkedArray iterates as pyarrow scalars: take its values as str and None */
        PyObject *values = PyObject_CallMethod(texts, "to_pylist", NULL);
        if (!values) return NULL;
        PyObject *t = PySequence_Tuple(values);
        Py_DECREF(values);
        return t;
    }
    PyObject *t = PySequence_Tuple(texts);
    if (!t && PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "texts must be a sequence or iterable of str, not %.80s", Py_TYPE(texts)->tp_name);
    }
    return t;
}

static PyObject *run_batch(void *h, text_fn fn, PyObject *texts, Py_ssize_t requested_threads, const char *what) {
    PyObject *seq = texts_tuple(texts);
    if (!seq) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *result = NULL, *keeps = NULL;
    batch b;
    memset(&b, 0, sizeof b);
    b.handle = h;
    b.fn = fn;
    b.count = n;
    size_t slots = n > 0 ? (size_t)n : 1;
    b.in = calloc(slots, sizeof *b.in);
    b.in_len = calloc(slots, sizeof *b.in_len);
    b.out = calloc(slots, sizeof *b.out);
    b.out_len = calloc(slots, sizeof *b.out_len);
    b.chars = calloc(slots, sizeof *b.chars);
    b.maxchar = calloc(slots, sizeof *b.maxchar);
    b.same = calloc(slots, sizeof *b.same);
    b.strings = calloc(slots, sizeof *b.strings);
    b.item_buffer = fn ? calloc(slots, sizeof *b.item_buffer) : NULL;
    Py_ssize_t bounds[MAX_THREADS + 1];
    char *part_buffer[MAX_THREADS] = {0};
    int status[MAX_THREADS] = {0};
    b.bounds = bounds;
    b.part_buffer = part_buffer;
    b.status = status;
    int parts = 1;
    int in_flight = 0;
    if (!b.in || !b.in_len || !b.out || !b.out_len || !b.chars || !b.maxchar || !b.same || !b.strings ||
        (fn && !b.item_buffer)) {
        PyErr_NoMemory();
        goto done;
    }

    /* 1. UTF-8 in */
    size_t total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = items[i];
        if (i + 8 < n) __builtin_prefetch(items[i + 8]); /* the headers of a large list miss the cache */
        if (PyUnicode_Check(o) && PyUnicode_IS_COMPACT(o) && !PyUnicode_IS_ASCII(o) &&
            ((PyCompactUnicodeObject *)o)->utf8 == NULL) {
            /* no UTF-8 cached: encoded on the engine's thread (input_of) rather than by CPython here */
            int kind = PyUnicode_KIND(o);
            b.same[i] = (unsigned char)((PyUnicode_CheckExact(o) ? SAME_INPUT : 0) | kind << 2);
            b.in[i] = PyUnicode_DATA(o);
            b.in_len[i] = (size_t)PyUnicode_GET_LENGTH(o);
            total += b.in_len[i] * (size_t)kind;
        } else if (PyUnicode_Check(o)) {
            const char *p;
            Py_ssize_t len;
            PyObject *keep;
            if (utf8_of(o, &p, &len, &keep) < 0) goto done;
            if (keep) {
                if (!keeps && !(keeps = PyList_New(0))) {
                    Py_DECREF(keep);
                    goto done;
                }
                int failed = PyList_Append(keeps, keep);
                Py_DECREF(keep);
                if (failed) goto done;
            } else if (PyUnicode_CheckExact(o)) {
                b.same[i] = SAME_INPUT;
            }
            b.in[i] = p;
            b.in_len[i] = (size_t)len;
            total += (size_t)len;
        } else if (is_missing(o)) {
            b.in[i] = NULL;
        } else {
            PyErr_Format(PyExc_TypeError, "texts[%zd]: expected str or None, got %.80s", i, Py_TYPE(o)->tp_name);
            goto done;
        }
    }

    __atomic_add_fetch(&calls_in_flight, 1, __ATOMIC_RELAXED);
    in_flight = 1;
    parts = thread_count(requested_threads, total);
    if (parts > n) parts = n > 0 ? (int)n : 1;
    if (parts > 1) {
        /* 2-4 pipelined on several threads */
        int r = run_pipelined(&b, items, total, parts);
        parts = 0; /* no part buffers */
        if (r > 0) status_error(r, what);
        if (r != 0) goto done;
    } else {
        /* 2. the engine */
        bounds[0] = 0;
        bounds[1] = n;
        Py_BEGIN_ALLOW_THREADS
        batch_run_part(&b, 0, 1);
        Py_END_ALLOW_THREADS
        if (status[0] != 0) {
            status_error(status[0], what);
            goto done;
        }
        /* 3. the strings, empty */
        if (alloc_range(&b, items, 0, n) < 0) goto done;
        /* 4. filled */
        Py_BEGIN_ALLOW_THREADS
        batch_fill_part(&b, 0, 1);
        Py_END_ALLOW_THREADS
    }
    /* 5. the list */
    result = PyList_New(n);
    if (!result) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyList_SET_ITEM(result, i, b.strings[i]);
        b.strings[i] = NULL;
    }

done:
    if (in_flight) __atomic_sub_fetch(&calls_in_flight, 1, __ATOMIC_RELAXED);
    if (b.strings)
        for (Py_ssize_t i = 0; i < n; i++) Py_XDECREF(b.strings[i]);
    for (int k = 0; k < parts; k++) free(part_buffer[k]);
    if (b.item_buffer)
        for (Py_ssize_t i = 0; i < n; i++) lib.free_(b.item_buffer[i]);
    free(b.in);
    free(b.in_len);
    free(b.out);
    free(b.out_len);
    free(b.chars);
    free(b.maxchar);
    free(b.same);
    free(b.strings);
    free(b.item_buffer);
    Py_XDECREF(keeps);
    Py_DECREF(seq);
    return result;
}

/* ---------------------------------------------------------------------------------------
 * Offsets
 * ------------------------------------------------------------------------------------- */

typedef struct {
    char *out;
    size_t out_len;
    size_t *ranges;
    size_t count;
    int status;
} offsets_result;

typedef struct {
    void *handle;
    const char **in;
    size_t *in_len;
    offsets_result *results;
    Py_ssize_t *bounds;
} offsets_batch;

static void offsets_run_part(void *context, int part, int parts) {
    (void)parts;
    offsets_batch *b = context;
    for (Py_ssize_t i = b->bounds[part]; i < b->bounds[part + 1]; i++) {
        offsets_result *r = &b->results[i];
        if (!b->in[i]) continue;
        r->status = lib.normalize_with_offsets(b->handle, b->in[i], b->in_len[i], &r->out, &r->out_len, NULL,
                                               &r->ranges, &r->count);
    }
}

/* (text, [(start, end), ...]) from one result; frees the result's buffers. */
static PyObject *offsets_tuple(offsets_result *r) {
    PyObject *text = PyUnicode_DecodeUTF8(r->out ? r->out : "", (Py_ssize_t)r->out_len, "replace");
    PyObject *list = text ? PyList_New((Py_ssize_t)r->count) : NULL;
    if (list) {
        for (size_t k = 0; k < r->count; k++) {
            PyObject *pair = Py_BuildValue("(nn)", (Py_ssize_t)r->ranges[2 * k], (Py_ssize_t)r->ranges[2 * k + 1]);
            if (!pair) {
                Py_CLEAR(list);
                break;
            }
            PyList_SET_ITEM(list, (Py_ssize_t)k, pair);
        }
    }
    lib.free_(r->out);
    lib.free_(r->ranges);
    r->out = NULL;
    r->ranges = NULL;
    if (!list) {
        Py_XDECREF(text);
        return NULL;
    }
    PyObject *t = PyTuple_Pack(2, text, list);
    Py_DECREF(text);
    Py_DECREF(list);
    return t;
}

static PyObject *with_offsets(void *h, PyObject *texts, int single, Py_ssize_t requested_threads) {
    PyObject *seq;
    if (single) {
        if (!PyUnicode_Check(texts))
            return PyErr_Format(PyExc_TypeError, "text: expected str, got %.80s", Py_TYPE(texts)->tp_name);
        seq = PyTuple_Pack(1, texts);
    } else {
        seq = texts_tuple(texts);
    }
    if (!seq) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    size_t slots = n > 0 ? (size_t)n : 1;
    offsets_batch b = {h, calloc(slots, sizeof(char *)), calloc(slots, sizeof(size_t)),
                       calloc(slots, sizeof(offsets_result)), NULL};
    PyObject *keeps = PyList_New(0), *result = NULL;
    Py_ssize_t bounds[MAX_THREADS + 1];
    b.bounds = bounds;
    if (!b.in || !b.in_len || !b.results || !keeps) {
        if (keeps) PyErr_NoMemory();
        goto done;
    }
    size_t total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = items[i];
        if (PyUnicode_Check(o)) {
            const char *p;
            Py_ssize_t len;
            PyObject *keep;
            if (utf8_of(o, &p, &len, &keep) < 0) goto done;
            if (keep) {
                int failed = PyList_Append(keeps, keep);
                Py_DECREF(keep);
                if (failed) goto done;
            }
            b.in[i] = p;
            b.in_len[i] = (size_t)len;
            total += (size_t)len;
        } else if (!is_missing(o)) {
            PyErr_Format(PyExc_TypeError, "texts[%zd]: expected str or None, got %.80s", i, Py_TYPE(o)->tp_name);
            goto done;
        }
    }
    int parts = single ? 1 : thread_count(requested_threads, total);
    if (parts > n) parts = n > 0 ? (int)n : 1;
    split_by_bytes(b.in_len, n, total, parts, bounds);
    if (total < 512) {
        run_parts(offsets_run_part, &b, parts);
    } else {
        Py_BEGIN_ALLOW_THREADS
        run_parts(offsets_run_part, &b, parts);
        Py_END_ALLOW_THREADS
    }
    for (Py_ssize_t i = 0; i < n; i++)
        if (b.results[i].status != 0) {
            status_error(b.results[i].status, "normalize_with_offsets");
            goto done;
        }
    if (single) {
        result = offsets_tuple(&b.results[0]);
    } else {
        result = PyList_New(n);
        if (!result) goto done;
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *t;
            if (!b.in[i]) {
                t = Py_None;
                Py_INCREF(t);
            } else if (!(t = offsets_tuple(&b.results[i]))) {
                Py_CLEAR(result);
                goto done;
            }
            PyList_SET_ITEM(result, i, t);
        }
    }
done:
    if (b.results)
        for (Py_ssize_t i = 0; i < n; i++) {
            lib.free_(b.results[i].out);
            lib.free_(b.results[i].ranges);
        }
    free(b.in);
    free(b.in_len);
    free(b.results);
    Py_XDECREF(keeps);
    Py_DECREF(seq);
    return result;
}

/* ---------------------------------------------------------------------------------------
 * Arrow C data interface (https://arrow.apache.org/docs/format/CDataInterface.html)
 * ------------------------------------------------------------------------------------- */

#define ARROW_FLAG_NULLABLE 2

struct ArrowSchema {
    const char *format;
    const char *name;
    const char *metadata;
    int64_t flags;
    int64_t n_children;
    struct ArrowSchema **children;
    struct ArrowSchema *dictionary;
    void (*release)(struct ArrowSchema *);
    void *private_data;
};

struct ArrowArray {
    int64_t length;
    int64_t null_count;
    int64_t offset;
    int64_t n_buffers;
    int64_t n_children;
    const void **buffers;
    struct ArrowArray **children;
    struct ArrowArray *dictionary;
    void (*release)(struct ArrowArray *);
    void *private_data;
};

struct ArrowArrayStream {
    int (*get_schema)(struct ArrowArrayStream *, struct ArrowSchema *out);
    int (*get_next)(struct ArrowArrayStream *, struct ArrowArray *out);
    const char *(*get_last_error)(struct ArrowArrayStream *);
    void (*release)(struct ArrowArrayStream *);
    void *private_data;
};

enum { LAYOUT_UTF8, LAYOUT_LARGE_UTF8, LAYOUT_VIEW };

/* Capsule destructors for what we export: release the struct if nobody moved it, then free it. */
static void schema_capsule_free(PyObject *capsule) {
    struct ArrowSchema *s = PyCapsule_GetPointer(capsule, "arrow_schema");
    if (!s) {
        PyErr_Clear();
        return;
    }
    if (s->release) s->release(s);
    free(s);
}

static void array_capsule_free(PyObject *capsule) {
    struct ArrowArray *a = PyCapsule_GetPointer(capsule, "arrow_array");
    if (!a) {
        PyErr_Clear();
        return;
    }
    if (a->release) a->release(a);
    free(a);
}

static void exported_schema_release(struct ArrowSchema *s) { s->release = NULL; }

static void exported_array_release(struct ArrowArray *a) {
    if (a->buffers) {
        for (int64_t i = 0; i < a->n_buffers; i++) free((void *)a->buffers[i]);
        free(a->buffers);
    }
    a->buffers = NULL;
    a->release = NULL;
}

/* One imported chunk: the array (released at the end) and its layout. */
typedef struct {
    struct ArrowArray array;
    int64_t first_row; /* its first row in the whole input */
} chunk;

typedef struct {
    struct ArrowSchema schema;
    int layout;
    chunk *chunks;
    Py_ssize_t n_chunks, cap_chunks;
    int64_t rows;
    PyObject *owners; /* the capsules, alive while we read */
} arrow_input;

static void arrow_input_clear(arrow_input *in) {
    for (Py_ssize_t i = 0; i < in->n_chunks; i++)
        if (in->chunks[i].array.release) in->chunks[i].array.release(&in->chunks[i].array);
    free(in->chunks);
    if (in->schema.release) in->schema.release(&in->schema);
    Py_XDECREF(in->owners);
    memset(in, 0, sizeof *in);
}

static int arrow_layout(const struct ArrowSchema *s, int *layout) {
    if (s->dictionary) {
        PyErr_SetString(PyExc_TypeError,
                        "dictionary-encoded (categorical) strings are not supported: cast to string first");
        return -1;
    }
    const char *f = s->format ? s->format : "";
    if (strcmp(f, "u") == 0) *layout = LAYOUT_UTF8;
    else if (strcmp(f, "U") == 0) *layout = LAYOUT_LARGE_UTF8;
    else if (strcmp(f, "vu") == 0) *layout = LAYOUT_VIEW;
    else {
        PyErr_Format(PyExc_TypeError,
                     "expected an Arrow string array (utf8 'u', large_utf8 'U' or string_view 'vu'), got format '%.40s'",
                     f);
        return -1;
    }
    return 0;
}

static int arrow_add_chunk(arrow_input *in, struct ArrowArray *a) {
    if (in->n_chunks == in->cap_chunks) {
        Py_ssize_t cap = in->cap_chunks ? in->cap_chunks * 2 : 8;
        chunk *c = realloc(in->chunks, (size_t)cap * sizeof *c);
        if (!c) {
            a->release(a);
            PyErr_NoMemory();
            return -1;
        }
        in->chunks = c;
        in->cap_chunks = cap;
    }
    chunk *c = &in->chunks[in->n_chunks++];
    c->array = *a;
    a->release = NULL;
    c->first_row = in->rows;
    in->rows += c->array.length;
    int64_t needed = in->layout == LAYOUT_VIEW ? 3 : 3;
    if (c->array.n_buffers < needed) {
        PyErr_SetString(PyExc_ValueError, "malformed Arrow string array (too few buffers)");
        return -1;
    }
    return 0;
}

/* Imports `obj` through __arrow_c_array__ or __arrow_c_stream__ (or pandas' __arrow_array__). */
static int arrow_import(PyObject *obj, arrow_input *in) {
    memset(in, 0, sizeof *in);
    in->owners = PyList_New(0);
    if (!in->owners) return -1;
    if (PyObject_HasAttrString(obj, "__arrow_c_array__")) {
        PyObject *pair = PyObject_CallMethod(obj, "__arrow_c_array__", NULL);
        if (!pair) return -1;
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            Py_DECREF(pair);
            PyErr_SetString(PyExc_TypeError, "__arrow_c_array__ did not return (schema, array) capsules");
            return -1;
        }
        PyList_Append(in->owners, pair);
        Py_DECREF(pair);
        struct ArrowSchema *s = PyCapsule_GetPointer(PyTuple_GET_ITEM(pair, 0), "arrow_schema");
        struct ArrowArray *a = PyCapsule_GetPointer(PyTuple_GET_ITEM(pair, 1), "arrow_array");
        if (!s || !a) return -1;
        if (arrow_layout(s, &in->layout) < 0) return -1;
        in->schema = *s; /* moved: the capsule's destructor sees release == NULL */
        s->release = NULL;
        return arrow_add_chunk(in, a);
    }
    if (PyObject_HasAttrString(obj, "__arrow_c_stream__")) {
        PyObject *capsule = PyObject_CallMethod(obj, "__arrow_c_stream__", NULL);
        if (!capsule) return -1;
        PyList_Append(in->owners, capsule);
        Py_DECREF(capsule);
        struct ArrowArrayStream *stream = PyCapsule_GetPointer(capsule, "arrow_array_stream");
        if (!stream) return -1;
        int err = stream->get_schema(stream, &in->schema);
        if (err) {
            const char *m = stream->get_last_error ? stream->get_last_error(stream) : NULL;
            PyErr_Format(PyExc_ValueError, "Arrow stream: no schema (%s)", m ? m : strerror(err));
            return -1;
        }
        if (arrow_layout(&in->schema, &in->layout) < 0) return -1;
        for (;;) {
            struct ArrowArray a;
            memset(&a, 0, sizeof a);
            int e;
            Py_BEGIN_ALLOW_THREADS
            e = stream->get_next(stream, &a);
            Py_END_ALLOW_THREADS
            if (e) {
                const char *m = stream->get_last_error ? stream->get_last_error(stream) : NULL;
                PyErr_Format(PyExc_ValueError, "Arrow stream: %s", m ? m : strerror(e));
                return -1;
            }
            if (!a.release) break; /* end of stream */
            if (arrow_add_chunk(in, &a) < 0) return -1;
        }
        return 0;
    }
    if (PyObject_HasAttrString(obj, "__arrow_array__")) { /* older pandas ArrowExtensionArray */
        PyObject *converted = PyObject_CallMethod(obj, "__arrow_array__", NULL);
        if (!converted) return -1;
        Py_CLEAR(in->owners);
        int r = arrow_import(converted, in);
        if (in->owners) PyList_Append(in->owners, converted);
        Py_DECREF(converted);
        return r;
    }
    PyErr_Format(PyExc_TypeError,
                 "expected an Arrow array (an object with __arrow_c_array__ or __arrow_c_stream__: pyarrow, "
                 "Polars, pandas with Arrow strings), got %.80s",
                 Py_TYPE(obj)->tp_name);
    return -1;
}

static inline int bit_set(const uint8_t *bits, int64_t i) { return !bits || (bits[i >> 3] >> (i & 7)) & 1; }

/* A piece of work: rows [lo, hi) of one chunk, normalized into its own buffer. */
typedef struct {
    Py_ssize_t chunk;
    int64_t lo, hi; /* rows within the chunk (before the chunk's own offset) */
    char *out;
    size_t *ends;
    int status;
} piece;

typedef struct {
    void *handle;
    arrow_input *in;
    piece *pieces;
    Py_ssize_t n_pieces;
    Py_ssize_t *bounds; /* pieces per part */
} arrow_job;

static void arrow_run_part(void *context, int part, int parts) {
    (void)parts;
    arrow_job *j = context;
    for (Py_ssize_t p = j->bounds[part]; p < j->bounds[part + 1]; p++) {
        piece *w = &j->pieces[p];
        const struct ArrowArray *a = &j->in->chunks[w->chunk].array;
        size_t count = (size_t)(w->hi - w->lo);
        w->ends = malloc((count ? count : 1) * sizeof(size_t));
        if (!w->ends) {
            w->status = 2;
            continue;
        }
        const uint8_t *validity = a->null_count == 0 ? NULL : a->buffers[0];
        int64_t first = a->offset + w->lo;
        if (j->in->layout != LAYOUT_VIEW) {
            int width = j->in->layout == LAYOUT_UTF8 ? 4 : 8;
            const char *offsets = (const char *)a->buffers[1] + (size_t)first * (size_t)width;
            w->status = lib.normalize_buffer_batch(j->handle, a->buffers[2], offsets, width, count, validity,
                                                   (size_t)first, &w->out, w->ends);
        } else {
            /* views: 16 bytes each; length, then 12 inline bytes or prefix, buffer index, offset */
            const char **ptr = malloc((count ? count : 1) * sizeof(char *));
            size_t *len = malloc((count ? count : 1) * sizeof(size_t));
            if (!ptr || !len) {
                free(ptr);
                free(len);
                w->status = 2;
                continue;
            }
            const uint8_t *views = a->buffers[1];
            int64_t data_buffers = a->n_buffers - 3;
            for (size_t i = 0; i < count; i++) {
                const uint8_t *v = views + (size_t)(first + (int64_t)i) * 16;
                int32_t length;
                memcpy(&length, v, 4);
                if (!bit_set(validity, first + (int64_t)i) || length <= 0) {
                    ptr[i] = "";
                    len[i] = 0;
                } else if (length <= 12) {
                    ptr[i] = (const char *)v + 4;
                    len[i] = (size_t)length;
                } else {
                    int32_t index, offset;
                    memcpy(&index, v + 8, 4);
                    memcpy(&offset, v + 12, 4);
                    if (index < 0 || index >= data_buffers || offset < 0) {
                        ptr[i] = "";
                        len[i] = 0;
                    } else {
                        ptr[i] = (const char *)a->buffers[2 + index] + offset;
                        len[i] = (size_t)length;
                    }
                }
            }
            w->status = lib.normalize_batch(j->handle, ptr, len, count, &w->out, w->ends);
            free(ptr);
            free(len);
        }
    }
}

/* normalize_arrow(array, threads=None) -> (schema capsule, array capsule, rows) */
static PyObject *arrow_normalize(void *h, PyObject *obj, Py_ssize_t requested_threads) {
    arrow_input in;
    PyObject *result = NULL;
    piece *pieces = NULL;
    Py_ssize_t n_pieces = 0;
    struct ArrowSchema *out_schema = NULL;
    struct ArrowArray *out_array = NULL;
    void *out_validity = NULL, *out_offsets = NULL;
    char *out_data = NULL;
    int in_flight = 0;
    if (arrow_import(obj, &in) < 0) goto done;

    /* input bytes per chunk, to share the work */
    size_t total = 0;
    for (Py_ssize_t c = 0; c < in.n_chunks; c++) {
        const struct ArrowArray *a = &in.chunks[c].array;
        if (a->length <= 0) continue;
        if (in.layout == LAYOUT_UTF8) {
            const int32_t *o = (const int32_t *)a->buffers[1] + a->offset;
            total += (size_t)(o[a->length] - o[0]);
        } else if (in.layout == LAYOUT_LARGE_UTF8) {
            const int64_t *o = (const int64_t *)a->buffers[1] + a->offset;
            total += (size_t)(o[a->length] - o[0]);
        } else {
            total += (size_t)a->length * 16;
        }
    }
    __atomic_add_fetch(&calls_in_flight, 1, __ATOMIC_RELAXED);
    in_flight = 1;
    int parts = thread_count(requested_threads, total);
    if (parts > in.rows) parts = in.rows > 0 ? (int)in.rows : 1;
    /* Pieces: every chunk cut into `parts` row ranges (by rows: Arrow rows of one column are alike). */
    pieces = calloc((size_t)(in.n_chunks * parts + 1), sizeof *pieces);
    if (!pieces) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t c = 0; c < in.n_chunks; c++) {
        int64_t len = in.chunks[c].array.length;
        if (len <= 0) continue;
        int cuts = parts;
        if (cuts > len) cuts = (int)len;
        for (int k = 0; k < cuts; k++)
            pieces[n_pieces++] = (piece){c, len * k / cuts, len * (k + 1) / cuts, NULL, NULL, 0};
    }
    Py_ssize_t bounds[MAX_THREADS + 1];
    /* pieces to parts: chunk by chunk, the k-th cut of each chunk to part k when chunks are few;
       else whole pieces in order, about equally many per part. */
    for (int k = 0; k <= parts; k++) bounds[k] = n_pieces * k / parts;
    arrow_job job = {h, &in, pieces, n_pieces, bounds};
    Py_BEGIN_ALLOW_THREADS
    run_parts(arrow_run_part, &job, parts);
    Py_END_ALLOW_THREADS
    for (Py_ssize_t p = 0; p < n_pieces; p++)
        if (pieces[p].status != 0) {
            status_error(pieces[p].status, "normalize_arrow");
            goto done;
        }

    /* one data buffer plus offsets */
    size_t out_total = 0;
    for (Py_ssize_t p = 0; p < n_pieces; p++)
        if (pieces[p].hi > pieces[p].lo) out_total += pieces[p].ends[pieces[p].hi - pieces[p].lo - 1];
    int large = in.layout == LAYOUT_LARGE_UTF8 || out_total > (size_t)INT32_MAX;
    int64_t rows = in.rows;
    int64_t null_count = 0;
    for (Py_ssize_t c = 0; c < in.n_chunks; c++) {
        const struct ArrowArray *a = &in.chunks[c].array;
        if (a->null_count != 0 && a->buffers[0]) {
            const uint8_t *bits = a->buffers[0];
            for (int64_t i = 0; i < a->length; i++) null_count += !bit_set(bits, a->offset + i);
        }
    }
    out_offsets = malloc((size_t)(rows + 1) * (large ? 8 : 4));
    out_data = malloc(out_total ? out_total : 1);
    if (null_count) out_validity = calloc((size_t)(rows / 8 + 1), 1);
    if (!out_offsets || !out_data || (null_count && !out_validity)) {
        PyErr_NoMemory();
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS
    size_t base = 0;
    int64_t row = 0;
    if (large) ((int64_t *)out_offsets)[0] = 0;
    else ((int32_t *)out_offsets)[0] = 0;
    for (Py_ssize_t p = 0; p < n_pieces; p++) {
        piece *w = &pieces[p];
        int64_t count = w->hi - w->lo;
        size_t bytes = count ? w->ends[count - 1] : 0;
        memcpy(out_data + base, w->out, bytes);
        for (int64_t i = 0; i < count; i++) {
            size_t end = base + w->ends[i];
            if (large) ((int64_t *)out_offsets)[row + i + 1] = (int64_t)end;
            else ((int32_t *)out_offsets)[row + i + 1] = (int32_t)end;
        }
        if (out_validity) {
            const struct ArrowArray *a = &in.chunks[w->chunk].array;
            const uint8_t *bits = a->null_count != 0 ? a->buffers[0] : NULL;
            uint8_t *ov = out_validity;
            for (int64_t i = 0; i < count; i++)
                if (bit_set(bits, a->offset + w->lo + i)) ov[(row + i) >> 3] |= (uint8_t)(1u << ((row + i) & 7));
        }
        base += bytes;
        row += count;
    }
    Py_END_ALLOW_THREADS

    out_schema = calloc(1, sizeof *out_schema);
    out_array = calloc(1, sizeof *out_array);
    const void **buffers = calloc(3, sizeof(void *));
    if (!out_schema || !out_array || !buffers) {
        free(buffers);
        PyErr_NoMemory();
        goto done;
    }
    buffers[0] = out_validity;
    buffers[1] = out_offsets;
    buffers[2] = out_data;
    out_validity = out_offsets = NULL;
    out_data = NULL;
    *out_array = (struct ArrowArray){rows, null_count, 0, 3, 0, buffers, NULL, NULL, exported_array_release, NULL};
    *out_schema = (struct ArrowSchema){large ? "U" : "u", "", NULL, ARROW_FLAG_NULLABLE, 0, NULL, NULL,
                                       exported_schema_release, NULL};
    PyObject *sc = PyCapsule_New(out_schema, "arrow_schema", schema_capsule_free);
    if (!sc) goto done;
    out_schema = NULL;
    PyObject *ac = PyCapsule_New(out_array, "arrow_array", array_capsule_free);
    if (!ac) {
        Py_DECREF(sc);
        goto done;
    }
    out_array = NULL;
    result = Py_BuildValue("(OOL)", sc, ac, (long long)rows); /* the rows: a stream may have no len() */
    Py_DECREF(sc);
    Py_DECREF(ac);

done:
    if (in_flight) __atomic_sub_fetch(&calls_in_flight, 1, __ATOMIC_RELAXED);
    for (Py_ssize_t p = 0; p < n_pieces; p++) {
        lib.free_(pieces[p].out);
        free(pieces[p].ends);
    }
    free(pieces);
    free(out_validity);
    free(out_offsets);
    free(out_data);
    if (out_array) {
        if (out_array->release) out_array->release(out_array);
        free(out_array);
    }
    free(out_schema);
    arrow_input_clear(&in);
    return result;
}

/* ---------------------------------------------------------------------------------------
 * Methods
 * ------------------------------------------------------------------------------------- */

static PyObject *N_normalize(Handle *self, PyObject *text) {
    void *h = handle_of(self);
    return h ? normalize_one(h, text) : NULL;
}

static int batch_args(PyObject *args, PyObject *kwargs, PyObject **texts, Py_ssize_t *threads) {
    static char *names[] = {"texts", "threads", NULL};
    PyObject *t = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|$O", names, texts, &t)) return -1;
    return parse_threads(t, threads);
}

static PyObject *N_normalize_batch(Handle *self, PyObject *args, PyObject *kwargs) {
    PyObject *texts;
    Py_ssize_t threads;
    void *h = handle_of(self);
    if (!h || batch_args(args, kwargs, &texts, &threads) < 0) return NULL;
    return run_batch(h, NULL, texts, threads, "normalize_batch");
}

static PyObject *N_normalize_with_offsets(Handle *self, PyObject *text) {
    void *h = handle_of(self);
    return h ? with_offsets(h, text, 1, 1) : NULL;
}

static PyObject *N_normalize_with_offsets_batch(Handle *self, PyObject *args, PyObject *kwargs) {
    PyObject *texts;
    Py_ssize_t threads;
    void *h = handle_of(self);
    if (!h || batch_args(args, kwargs, &texts, &threads) < 0) return NULL;
    return with_offsets(h, texts, 0, threads);
}

static PyObject *N_normalize_arrow_capsules(Handle *self, PyObject *args, PyObject *kwargs) {
    static char *names[] = {"array", "threads", NULL};
    PyObject *array, *t = NULL;
    Py_ssize_t threads;
    void *h = handle_of(self);
    if (!h || !PyArg_ParseTupleAndKeywords(args, kwargs, "O|$O", names, &array, &t)) return NULL;
    if (parse_threads(t, &threads) < 0) return NULL;
    return arrow_normalize(h, array, threads);
}

static PyObject *T_transliterate(Handle *self, PyObject *text) {
    void *h = handle_of(self);
    return h ? apply_one(h, lib.transliterate, text, "transliterate") : NULL;
}

static PyObject *T_reverse(Handle *self, PyObject *text) {
    void *h = handle_of(self);
    return h ? apply_one(h, lib.transliterate_reverse, text, "reverse transliteration") : NULL;
}

static PyObject *T_transliterate_batch(Handle *self, PyObject *args, PyObject *kwargs) {
    PyObject *texts;
    Py_ssize_t threads;
    void *h = handle_of(self);
    if (!h || batch_args(args, kwargs, &texts, &threads) < 0) return NULL;
    return run_batch(h, lib.transliterate, texts, threads, "transliterate_batch");
}

static PyObject *T_reverse_batch(Handle *self, PyObject *args, PyObject *kwargs) {
    PyObject *texts;
    Py_ssize_t threads;
    void *h = handle_of(self);
    if (!h || batch_args(args, kwargs, &texts, &threads) < 0) return NULL;
    return run_batch(h, lib.transliterate_reverse, texts, threads, "reverse transliteration");
}

static PyObject *C_convert(Handle *self, PyObject *text) {
    void *h = handle_of(self);
    return h ? apply_one(h, lib.numerals_convert, text, "convert") : NULL;
}

static PyObject *C_convert_batch(Handle *self, PyObject *args, PyObject *kwargs) {
    PyObject *texts;
    Py_ssize_t threads;
    void *h = handle_of(self);
    if (!h || batch_args(args, kwargs, &texts, &threads) < 0) return NULL;
    return run_batch(h, lib.numerals_convert, texts, threads, "convert_batch");
}

#define ADOPT {"_adopt", (PyCFunction)Handle_adopt, METH_O, "Takes ownership of a library handle (an address)."}

static PyMethodDef normalizer_methods[] = {
    ADOPT,
    {"normalize", (PyCFunction)N_normalize, METH_O, "normalize(text) -> str: the normalized text."},
    {"normalize_batch", (PyCFunction)(void (*)(void))N_normalize_batch, METH_VARARGS | METH_KEYWORDS,
     "normalize_batch(texts, *, threads=None) -> list: normalizes a list of str in one call, on all cores.\n"
     "None, NaN (float, NumPy float, Decimal), pandas.NA and NaT give None; any other non-str is a TypeError\n"
     "naming its index."},
    {"normalize_with_offsets", (PyCFunction)N_normalize_with_offsets, METH_O,
     "normalize_with_offsets(text) -> (str, [(start, end), ...])"},
    {"normalize_with_offsets_batch", (PyCFunction)(void (*)(void))N_normalize_with_offsets_batch,
     METH_VARARGS | METH_KEYWORDS, "normalize_with_offsets_batch(texts, *, threads=None) -> list of (str, ranges) or None"},
    {"_normalize_arrow_capsules", (PyCFunction)(void (*)(void))N_normalize_arrow_capsules, METH_VARARGS | METH_KEYWORDS,
     "_normalize_arrow_capsules(array, *, threads=None) -> (schema capsule, array capsule)"},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef transliterator_methods[] = {
    ADOPT,
    {"transliterate", (PyCFunction)T_transliterate, METH_O, "transliterate(text) -> str"},
    {"_reverse", (PyCFunction)T_reverse, METH_O, "_reverse(text) -> str"},
    {"transliterate_batch", (PyCFunction)(void (*)(void))T_transliterate_batch, METH_VARARGS | METH_KEYWORDS,
     "transliterate_batch(texts, *, threads=None) -> list (None stays None)"},
    {"_reverse_batch", (PyCFunction)(void (*)(void))T_reverse_batch, METH_VARARGS | METH_KEYWORDS,
     "_reverse_batch(texts, *, threads=None) -> list"},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef numerals_methods[] = {
    ADOPT,
    {"convert", (PyCFunction)C_convert, METH_O, "convert(text) -> str"},
    {"convert_batch", (PyCFunction)(void (*)(void))C_convert_batch, METH_VARARGS | METH_KEYWORDS,
     "convert_batch(texts, *, threads=None) -> list (None stays None)"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef handle_getset[] = {
    {"_address", (getter)Handle_address, NULL, "the library handle's address", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyObject *Normalizer_new(PyTypeObject *type, PyObject *args, PyObject *kwargs);
static PyObject *Transliterator_new(PyTypeObject *type, PyObject *args, PyObject *kwargs);
static PyObject *Numerals_new(PyTypeObject *type, PyObject *args, PyObject *kwargs);

#define HANDLE_TYPE(var, name, methods, newfn)                                                     \
    static PyTypeObject var = {                                                                    \
        PyVarObject_HEAD_INIT(NULL, 0).tp_name = "arnorm._arnorm." name,                           \
        .tp_basicsize = sizeof(Handle),                                                            \
        .tp_dealloc = (destructor)Handle_dealloc,                                                  \
        .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,                                      \
        .tp_doc = "Holds one libarnorm handle; arnorm." name " builds it.",                        \
        .tp_methods = methods,                                                                     \
        .tp_getset = handle_getset,                                                                \
        .tp_new = newfn,                                                                           \
    };

HANDLE_TYPE(NormalizerBase, "NormalizerBase", normalizer_methods, Normalizer_new)
HANDLE_TYPE(TransliteratorBase, "TransliteratorBase", transliterator_methods, Transliterator_new)
HANDLE_TYPE(NumeralsBase, "NumeralsBase", numerals_methods, Numerals_new)

static PyObject *handle_new(PyTypeObject *type, int kind) {
    Handle *self = (Handle *)type->tp_alloc(type, 0);
    if (self) {
        self->handle = NULL;
        self->kind = kind;
    }
    return (PyObject *)self;
}

static PyObject *Normalizer_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    (void)args, (void)kwargs;
    return handle_new(type, KIND_NORMALIZER);
}
static PyObject *Transliterator_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    (void)args, (void)kwargs;
    return handle_new(type, KIND_TRANSLITERATOR);
}
static PyObject *Numerals_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    (void)args, (void)kwargs;
    return handle_new(type, KIND_NUMERALS);
}

/* _bind(addresses: dict, error_class, encode_replacing) */
static PyObject *module_bind(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *addresses, *error, *encoder;
    if (!PyArg_ParseTuple(args, "O!OO", &PyDict_Type, &addresses, &error, &encoder)) return NULL;
    struct {
        const char *name;
        void **slot;
    } table[] = {
        {"arnorm_free", (void **)&lib.free_},
        {"arnorm_normalize", (void **)&lib.normalize},
        {"arnorm_normalize_into", (void **)&lib.normalize_into},
        {"arnorm_normalize_batch", (void **)&lib.normalize_batch},
        {"arnorm_normalize_buffer_batch", (void **)&lib.normalize_buffer_batch},
        {"arnorm_normalize_with_offsets", (void **)&lib.normalize_with_offsets},
        {"arnorm_normalizer_free", (void **)&lib.normalizer_free},
        {"arnorm_transliterate", (void **)&lib.transliterate},
        {"arnorm_transliterate_reverse", (void **)&lib.transliterate_reverse},
        {"arnorm_transliterator_free", (void **)&lib.transliterator_free},
        {"arnorm_numerals_convert", (void **)&lib.numerals_convert},
        {"arnorm_numerals_free", (void **)&lib.numerals_free},
    };
    void *found[sizeof table / sizeof table[0]];
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        PyObject *v = PyDict_GetItemString(addresses, table[i].name);
        if (!v) return PyErr_Format(PyExc_ImportError, "libarnorm lacks %s (built from an older checkout?)", table[i].name);
        found[i] = PyLong_AsVoidPtr(v);
        if (!found[i]) {
            if (!PyErr_Occurred()) PyErr_Format(PyExc_ImportError, "NULL address for %s", table[i].name);
            return NULL;
        }
    }
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) *table[i].slot = found[i];
    Py_INCREF(error);
    Py_XSETREF(ArnormError, error);
    Py_INCREF(encoder);
    Py_XSETREF(encode_replacing, encoder);
    bound = 1;
    Py_RETURN_NONE;
}

static PyObject *module_cpu_count(PyObject *module, PyObject *unused) {
    (void)module, (void)unused;
    return PyLong_FromLong(cpu_count);
}

static PyMethodDef module_methods[] = {
    {"_bind", module_bind, METH_VARARGS, "Binds the library's functions (addresses from ctypes)."},
    {"cpu_count", module_cpu_count, METH_NOARGS, "The cores batches use by default."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "_arnorm", "The compiled fast paths of arnorm (see arnorm/__init__.py).", -1,
    module_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__arnorm(void) {
    utf8_to_ucs_init();
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    cpu_count = cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (int)cpus;
    if (PyType_Ready(&NormalizerBase) < 0 || PyType_Ready(&TransliteratorBase) < 0 ||
        PyType_Ready(&NumeralsBase) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module_def);
    if (!m) return NULL;
    Py_INCREF(&NormalizerBase);
    Py_INCREF(&TransliteratorBase);
    Py_INCREF(&NumeralsBase);
    if (PyModule_AddObject(m, "NormalizerBase", (PyObject *)&NormalizerBase) < 0 ||
        PyModule_AddObject(m, "TransliteratorBase", (PyObject *)&TransliteratorBase) < 0 ||
        PyModule_AddObject(m, "NumeralsBase", (PyObject *)&NumeralsBase) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
