/* playlists._speedups: the hot loop of writing M3U, in C.
 *
 * An optional extension (setup.py builds it when a compiler is there); every
 * function here has a pure-Python reference that gives the same result, and the
 * caller uses that one when this module cannot be imported.
 *
 * m3u_batch(batch, entry_type, cue_type) -> bytes | None
 *     What playlists.m3u._quick_batch(batch) returns, encoded as UTF-8, or None
 *     whenever _quick_batch returns None -- and also when the batch holds anything
 *     this code does not handle itself (an object that is not exactly entry_type,
 *     a field of an unexpected type, a lone surrogate, a duration beyond a C
 *     long long): the caller then runs the Python code, which writes or warns
 *     or raises exactly as without this module.  No exception is raised but
 *     MemoryError (and TypeError for wrong arguments).
 *
 * Fields are read from the slots of entry_type and cue_type (frozen dataclasses
 * with __slots__), at the offsets their member descriptors give; the descriptors
 * are looked up on every call (by names interned once, the module's only state),
 * so no layout is remembered between calls.  A slot's
 * value is a borrowed reference, used only while no Python code can run (the
 * batch holds the entries, and the entries are immutable).
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#if PY_VERSION_HEX < 0x030C0000
#include <structmember.h>
#define Py_T_OBJECT_EX T_OBJECT_EX
#endif
#include <limits.h>
#include <stdint.h>
#if defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)
#include <emmintrin.h>
#define HAVE_SSE2 1
#endif
#include <string.h>

/* The fields read from an entry (then the cue's segment), in the order of NAMES. */
enum { LOCATION, TITLE, CREATOR, DURATION, CUE, EXTRAS, N_ENTRY_FIELDS, SEGMENT = N_ENTRY_FIELDS,
       N_NAMES };
static const char *const NAMES[N_NAMES] = {
    "location", "title", "creator", "duration_ms", "cue", "extras", "segment",
};

/* The module's state: the names above as interned str, made once.  (A name made
 * anew on each call would be kept by CPython's type attribute cache for a while.) */
typedef struct {
    PyObject *names[N_NAMES];
} State;

#define SLOT(obj, offset) (*(PyObject **)((char *)(obj) + (offset)))

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address) __builtin_prefetch(address)  /* never faults */
#else
#define PREFETCH(address) ((void)(address))
#endif

/* The offset of the slot `name` of `type` in *offset: 1 found, 0 not a plain slot
 * (the caller gives up), -1 error. */
static int
slot_offset(PyTypeObject *type, PyObject *name, Py_ssize_t *offset)
{
    PyObject *descr = PyObject_GetAttr((PyObject *)type, name);
    if (descr == NULL) {
        if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
            PyErr_Clear();
            return 0;
        }
        return -1;
    }
    int found = 0;
    if (Py_IS_TYPE(descr, &PyMemberDescr_Type)) {
        PyMemberDescrObject *member = (PyMemberDescrObject *)descr;
        PyMemberDef *def = member->d_member;
        if (def->type == Py_T_OBJECT_EX
#ifdef Py_RELATIVE_OFFSET
            && !(def->flags & Py_RELATIVE_OFFSET)  /* 3.12+: an offset from elsewhere */
#endif
            && PyType_IsSubtype(type, member->d_common.d_type)
            && def->offset >= (Py_ssize_t)sizeof(PyObject)
            && def->offset <= type->tp_basicsize - (Py_ssize_t)sizeof(PyObject *)) {
            *offset = def->offset;
            found = 1;
        }
    }
    Py_DECREF(descr);
    return found;
}

/* Bytes a str takes at most in UTF-8, per character. */
static Py_ssize_t
utf8_width(PyObject *text)
{
    if (PyUnicode_IS_ASCII(text)) {
        return 1;
    }
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        return 2;
    case PyUnicode_2BYTE_KIND:
        return 3;
    default:
        return 4;
    }
}

/* Whether the character at i (0 < i < n - 1) of a " - " check is the middle of " - ". */
#define DASH_AT(u, i, n) ((i) > 0 && (i) + 1 < (n) && (u)[(i) - 1] == ' ' && (u)[(i) + 1] == ' ')

/* One character below 0x80 of a field: stored, unless it is a line break or the
 * dash of " - " (when `dash`), which make the batch unusual (return 1). */
#define PUT_ASCII(u, i, n, c)                                      \
    do {                                                           \
        if ((c) <= '\r' && ((c) == '\n' || (c) == '\r')) {         \
            return 1;                                              \
        }                                                          \
        if (dash && (c) == '-' && DASH_AT(u, i, n)) {              \
            return 1;                                              \
        }                                                          \
        *p++ = (char)(c);                                          \
    } while (0)

#define ONES (UINT64_MAX / 255)  /* 0x0101...01 */
#define HIGHS (ONES * 0x80)        /* 0x8080...80 */

/* Whether bytes [start, end) of ASCII text u[0:n] hold a line break ("\n" or "\r"),
 * or " - " when `dash` is set. */
static int
ascii_unusual_in(const Py_UCS1 *u, Py_ssize_t start, Py_ssize_t end, Py_ssize_t n, int dash)
{
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS1 c = u[i];
        if (c == '\n' || c == '\r' || (dash && c == '-' && DASH_AT(u, i, n))) {
            return 1;
        }
    }
    return 0;
}

/* Whether eight bytes may hold a line break, or a "-" when `dash` is set: a byte
 * below 14 (the line breaks are 10 and 13) or a "-" says yes (exact: no byte of
 * any other value does). */
static inline int
word_suspect(uint64_t word, int dash)
{
    uint64_t low = (word - ONES * 14) & ~word & HIGHS;
    uint64_t other = word ^ (ONES * '-');
    uint64_t dashes = (other - ONES) & ~other & HIGHS;
    return (low | (dash ? dashes : 0)) != 0;
}

/* Whether ASCII text u[0:n] holds a line break, or " - " when `dash` is set: eight
 * bytes at a time, the few suspect words looked at byte by byte. */
static int
ascii_unusual(const Py_UCS1 *u, Py_ssize_t n, int dash)
{
    Py_ssize_t i = 0;
    uint64_t word;
    for (; i + 8 <= n; i += 8) {
        memcpy(&word, u + i, 8);
        if (word_suspect(word, dash) && ascii_unusual_in(u, i, i + 8, n, dash)) {
            return 1;
        }
    }
    if (i < n) {  /* the last bytes, the word filled up with spaces */
        word = ONES * ' ';
        memcpy(&word, u + i, (size_t)(n - i));
        if (word_suspect(word, dash) && ascii_unusual_in(u, i, n, n, dash)) {
            return 1;
        }
    }
    return 0;
}

/* Copy ASCII text u[0:n] to p unless it holds a line break, or " - " when `dash` is
 * set (then 1).  With SSE2 (every x86-64) sixteen bytes are looked at and copied at
 * a time, the last sixteen overlapping the ones before; else eight are looked at a
 * time and the text copied whole. */
static int
put_ascii(char *p, const Py_UCS1 *u, Py_ssize_t n, int dash)
{
#ifdef HAVE_SSE2
    if (n >= 16) {
        const __m128i lf = _mm_set1_epi8('\n');
        const __m128i cr = _mm_set1_epi8('\r');
        const __m128i minus = _mm_set1_epi8('-');
        Py_ssize_t i = 0;
        for (;;) {
            __m128i chunk = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
            __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(chunk, lf), _mm_cmpeq_epi8(chunk, cr));
            if (dash) {
                hit = _mm_or_si128(hit, _mm_cmpeq_epi8(chunk, minus));
            }
            if (_mm_movemask_epi8(hit) != 0 && ascii_unusual_in(u, i, i + 16, n, dash)) {
                return 1;
            }
            _mm_storeu_si128((__m128i *)(void *)(p + i), chunk);
            if (i + 16 >= n) {
                return 0;
            }
            i = i + 32 <= n ? i + 16 : n - 16;
        }
    }
#endif
    if (ascii_unusual(u, n, dash)) {
        return 1;
    }
    memcpy(p, u, (size_t)n);
    return 0;
}

/* Append `text` (an exact, ready str) as UTF-8 at *at (room for it is there).
 * 0 done; 1 unusual: a line break ("\n" or "\r"), a lone surrogate, or " - " when
 * `dash` is set.  What was appended of an unusual text is left behind. */
static int
put_text(char **at, PyObject *text, int dash)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    char *p = *at;
    Py_ssize_t i;
    if (PyUnicode_IS_ASCII(text)) {  /* UTF-8 already: checked and copied */
        if (put_ascii(p, (const Py_UCS1 *)data, n, dash)) {
            return 1;
        }
        *at = p + n;
        return 0;
    }
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND: {
        const Py_UCS1 *u = (const Py_UCS1 *)data;
        for (i = 0; i < n; i++) {
            Py_UCS1 c = u[i];
            if (c < 0x80) {
                PUT_ASCII(u, i, n, c);
            }
            else {
                *p++ = (char)(0xC0 | (c >> 6));
                *p++ = (char)(0x80 | (c & 0x3F));
            }
        }
        break;
    }
    case PyUnicode_2BYTE_KIND: {
        const Py_UCS2 *u = (const Py_UCS2 *)data;
        for (i = 0; i < n; i++) {
            Py_UCS2 c = u[i];
            if (c < 0x80) {
                PUT_ASCII(u, i, n, c);
            }
            else if (c < 0x800) {
                *p++ = (char)(0xC0 | (c >> 6));
                *p++ = (char)(0x80 | (c & 0x3F));
            }
            else if (c >= 0xD800 && c <= 0xDFFF) {
                return 1;
            }
            else {
                *p++ = (char)(0xE0 | (c >> 12));
                *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
                *p++ = (char)(0x80 | (c & 0x3F));
            }
        }
        break;
    }
    default: {
        const Py_UCS4 *u = (const Py_UCS4 *)data;
        for (i = 0; i < n; i++) {
            Py_UCS4 c = u[i];
            if (c < 0x80) {
                PUT_ASCII(u, i, n, c);
            }
            else if (c < 0x800) {
                *p++ = (char)(0xC0 | (c >> 6));
                *p++ = (char)(0x80 | (c & 0x3F));
            }
            else if (c >= 0xD800 && c <= 0xDFFF) {
                return 1;
            }
            else if (c < 0x10000) {
                *p++ = (char)(0xE0 | (c >> 12));
                *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
                *p++ = (char)(0x80 | (c & 0x3F));
            }
            else {
                *p++ = (char)(0xF0 | (c >> 18));
                *p++ = (char)(0x80 | ((c >> 12) & 0x3F));
                *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
                *p++ = (char)(0x80 | (c & 0x3F));
            }
        }
        break;
    }
    }
    *at = p;
    return 0;
}

/* Append the decimal digits of `value` at *at (at most 20 bytes). */
static void
put_int(char **at, long long value)
{
    char digits[24];
    char *end = digits + sizeof(digits);
    char *d = end;
    /* The magnitude as unsigned: -LLONG_MIN does not fit a long long. */
    unsigned long long magnitude =
        value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
    do {
        *--d = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0) {
        *--d = '-';
    }
    memcpy(*at, d, (size_t)(end - d));
    *at += end - d;
}

/* An exact str, ready: 1; anything else (None, a subclass, another type): 0; -1 error. */
static int
plain_str(PyObject *value)
{
    if (value == NULL || !PyUnicode_CheckExact(value)) {
        return 0;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(value) < 0) {
        return -1;
    }
#endif
    return 1;
}

/* Whole seconds of a duration in ms, rounded as Python's (ms + 500) // 1000, in
 * *seconds (-1 for None): 1; 0 when not an exact int or beyond a long long; -1 error. */
static int
whole_seconds(PyObject *duration, long long *seconds)
{
    if (duration == Py_None) {
        *seconds = -1;
        return 1;
    }
    if (duration == NULL || !PyLong_CheckExact(duration)) {
        return 0;
    }
    int overflow = 0;
    long long ms = PyLong_AsLongLongAndOverflow(duration, &overflow);
    if (ms == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (overflow) {
        return 0;
    }
    if (ms >= 0) {  /* ms + 500 may not fit a long long, but fits an unsigned one */
        *seconds = (long long)(((unsigned long long)ms + 500) / 1000);
        return 1;
    }
    long long shifted = ms + 500;  /* negative ms: no overflow */
    long long quotient = shifted / 1000;
    if (shifted % 1000 < 0) {
        quotient -= 1;  /* C truncates toward zero, Python floors */
    }
    *seconds = quotient;
    return 1;
}

/* The fields of one entry, checked as _quick_batch checks them. */
typedef struct {
    PyObject *fields[N_ENTRY_FIELDS];  /* borrowed */
    PyObject *segment;                 /* borrowed; NULL when no #EXTGRP line */
    long long seconds;
    Py_ssize_t room;                   /* bytes its lines take at most */
} Lines;

/* Read and check the entry's fields into *lines: 1 usual, 0 unusual, -1 error. */
static int
read_entry(PyObject *entry, const Py_ssize_t *offsets, PyTypeObject *cue_type,
           Py_ssize_t segment_offset, Lines *lines)
{
    for (int f = 0; f < N_ENTRY_FIELDS; f++) {
        lines->fields[f] = SLOT(entry, offsets[f]);
        if (lines->fields[f] == NULL) {
            return 0;  /* an unset slot: Python raises AttributeError */
        }
    }
    PyObject *extras = lines->fields[EXTRAS];
    if (!PyTuple_CheckExact(extras) || PyTuple_GET_SIZE(extras) != 0) {
        return 0;
    }
    static const int texts[] = {LOCATION, TITLE, CREATOR};
    Py_ssize_t room = 64;  /* "#EXTGRP:", "\n", "#EXTINF:", 20 digits, ",", " - ", 2 "\n" */
    for (int t = 0; t < 3; t++) {
        PyObject *text = lines->fields[texts[t]];
        int plain = plain_str(text);
        if (plain <= 0) {
            return plain;
        }
        if (PyUnicode_GET_LENGTH(text) > PY_SSIZE_T_MAX / 32) {
            return 0;  /* too long to count its bytes safely: Python writes it */
        }
        room += PyUnicode_GET_LENGTH(text) * utf8_width(text);
    }
    PyObject *location = lines->fields[LOCATION];
    Py_ssize_t last = PyUnicode_GET_LENGTH(location) - 1;
    if (last < 0) {
        return 0;
    }
    int kind = PyUnicode_KIND(location);
    const void *data = PyUnicode_DATA(location);
    Py_UCS4 first = PyUnicode_READ(kind, data, 0);
    if (first == '#' || Py_UNICODE_ISSPACE(first)
        || Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, last))) {
        return 0;
    }
    PyObject *cue = lines->fields[CUE];
    lines->segment = NULL;
    if (cue != Py_None) {
        if (!Py_IS_TYPE(cue, cue_type)) {
            return 0;
        }
        PyObject *segment = SLOT(cue, segment_offset);
        int plain = plain_str(segment);
        if (plain <= 0) {
            return plain;
        }
        if (PyUnicode_GET_LENGTH(segment) > PY_SSIZE_T_MAX / 32) {
            return 0;
        }
        if (PyUnicode_GET_LENGTH(segment) > 0) {
            lines->segment = segment;
            room += PyUnicode_GET_LENGTH(segment) * utf8_width(segment);
        }
    }
    lines->room = room;
    return whole_seconds(lines->fields[DURATION], &lines->seconds);
}

/* Append an entry's lines at *at: 0 done, 1 unusual. */
static int
put_entry(char **at, const Lines *lines)
{
    PyObject *creator = lines->fields[CREATOR];
    int has_creator = PyUnicode_GET_LENGTH(creator) > 0;
    if (lines->segment != NULL) {
        memcpy(*at, "#EXTGRP:", 8);
        *at += 8;
        if (put_text(at, lines->segment, 0)) {
            return 1;
        }
        *(*at)++ = '\n';
    }
    memcpy(*at, "#EXTINF:", 8);
    *at += 8;
    put_int(at, lines->seconds);
    *(*at)++ = ',';
    if (has_creator) {
        if (put_text(at, creator, 1)) {
            return 1;
        }
        memcpy(*at, " - ", 3);
        *at += 3;
    }
    /* " - " is looked for in the title only when there is no creator. */
    if (put_text(at, lines->fields[TITLE], !has_creator)) {
        return 1;
    }
    *(*at)++ = '\n';
    if (put_text(at, lines->fields[LOCATION], 0)) {
        return 1;
    }
    *(*at)++ = '\n';
    return 0;
}

/* The offsets of the fields of entry_type and of cue_type's segment: 1, 0 (not
 * plain slots: give up), -1 error. */
static int
layout(const State *state, PyObject *entry_type, PyObject *cue_type, Py_ssize_t *offsets,
       Py_ssize_t *segment)
{
    if (!PyType_Check(entry_type) || !PyType_Check(cue_type)) {
        PyErr_SetString(PyExc_TypeError, "m3u_batch: entry_type and cue_type must be types");
        return -1;
    }
    for (int f = 0; f < N_ENTRY_FIELDS; f++) {
        int found = slot_offset((PyTypeObject *)entry_type, state->names[f], &offsets[f]);
        if (found <= 0) {
            return found;
        }
    }
    return slot_offset((PyTypeObject *)cue_type, state->names[SEGMENT], segment);
}

/* The batch's lines in `out` (a bytes object resized as it fills): 1 done, 0 unusual,
 * -1 error (out is then NULL or still to be released by the caller). */
static int
put_batch(PyObject **out, PyObject *const *items, Py_ssize_t count,
          const Py_ssize_t *offsets, PyTypeObject *entry_type, PyTypeObject *cue_type,
          Py_ssize_t segment_offset)
{
    Py_ssize_t size = PyBytes_GET_SIZE(*out);
    Py_ssize_t used = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        Lines lines;
        if (!Py_IS_TYPE(items[i], entry_type)) {
            return 0;
        }
        /* The entries and their strings lie all over memory, and waiting for them
         * took much of the time: the entry four ahead and the fields of the one two
         * ahead are asked for now, so they are in the cache when their turn comes. */
        if (i + 4 < count) {
            PREFETCH(items[i + 4]);
            PREFETCH((char *)items[i + 4] + 64);
        }
        if (i + 2 < count && Py_IS_TYPE(items[i + 2], entry_type)) {
            static const int read[] = {LOCATION, TITLE, CREATOR, CUE, DURATION};
            for (int r = 0; r < 5; r++) {
                PREFETCH(SLOT(items[i + 2], offsets[read[r]]));
            }
        }
        int usual = read_entry(items[i], offsets, cue_type, segment_offset, &lines);
        if (usual <= 0) {
            return usual;
        }
        if (size - used < lines.room) {
            if (size > PY_SSIZE_T_MAX / 2 - lines.room) {
                PyErr_NoMemory();
                return -1;
            }
            size = 2 * size + lines.room;
            if (_PyBytes_Resize(out, size) < 0) {
                return -1;
            }
        }
        char *at = PyBytes_AS_STRING(*out) + used;
        if (put_entry(&at, &lines)) {
            return 0;
        }
        used = at - PyBytes_AS_STRING(*out);
    }
    if (used != size && _PyBytes_Resize(out, used) < 0) {
        return -1;
    }
    return 1;
}

static PyObject *
m3u_batch(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "m3u_batch expected 3 arguments, got %zd", nargs);
        return NULL;
    }
    Py_ssize_t offsets[N_ENTRY_FIELDS];
    Py_ssize_t segment_offset = 0;
    const State *state = (const State *)PyModule_GetState(module);
    if (state == NULL) {
        return NULL;
    }
    int plain = layout(state, args[1], args[2], offsets, &segment_offset);
    if (plain <= 0) {
        if (plain < 0) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    PyObject *batch = PySequence_Fast(args[0], "m3u_batch: the batch must be a sequence");
    if (batch == NULL) {
        return NULL;
    }
    Py_ssize_t count = PySequence_Fast_GET_SIZE(batch);
    /* 128 bytes an entry to begin with: grown (doubled) when an entry needs more. */
    Py_ssize_t size = count < PY_SSIZE_T_MAX / 256 ? 128 * count + 64 : 64;
    PyObject *out = PyBytes_FromStringAndSize(NULL, size);
    if (out == NULL) {
        Py_DECREF(batch);
        return NULL;
    }
    int done = put_batch(&out, PySequence_Fast_ITEMS(batch), count, offsets,
                         (PyTypeObject *)args[1], (PyTypeObject *)args[2], segment_offset);
    Py_DECREF(batch);
    if (done <= 0) {
        Py_XDECREF(out);
        if (done < 0) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    return out;
}

static PyMethodDef speedups_methods[] = {
    {"m3u_batch", (PyCFunction)(void (*)(void))m3u_batch, METH_FASTCALL,
     "m3u_batch(batch, entry_type, cue_type) -> bytes | None\n\n"
     "The M3U lines of a batch of entries as playlists.m3u._quick_batch writes them,\n"
     "UTF-8 encoded; None when that returns None or the batch holds anything else\n"
     "than exact entry_type entries with plain fields (the caller then writes it in Python)."},
    {NULL, NULL, 0, NULL},
};

static int
speedups_exec(PyObject *module)
{
    State *state = (State *)PyModule_GetState(module);
    if (state == NULL) {
        return -1;
    }
    for (int i = 0; i < N_NAMES; i++) {
        state->names[i] = PyUnicode_InternFromString(NAMES[i]);
        if (state->names[i] == NULL) {
            return -1;
        }
    }
    return 0;
}

static int
speedups_traverse(PyObject *module, visitproc visit, void *arg)
{
    State *state = (State *)PyModule_GetState(module);
    if (state != NULL) {
        for (int i = 0; i < N_NAMES; i++) {
            Py_VISIT(state->names[i]);
        }
    }
    return 0;
}

static int
speedups_clear(PyObject *module)
{
    State *state = (State *)PyModule_GetState(module);
    if (state != NULL) {
        for (int i = 0; i < N_NAMES; i++) {
            Py_CLEAR(state->names[i]);
        }
    }
    return 0;
}

static void
speedups_free(void *module)
{
    (void)speedups_clear((PyObject *)module);
}

static PyModuleDef_Slot speedups_slots[] = {
    {Py_mod_exec, (void *)speedups_exec},
#if PY_VERSION_HEX >= 0x030C0000
    /* All its state is per module: any interpreter may import it. */
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
    {0, NULL},
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT,
    "playlists._speedups",
    "C versions of hot loops of the playlist formats (optional; see playlists/m3u.py).",
    sizeof(State),
    speedups_methods,
    speedups_slots,
    speedups_traverse,
    speedups_clear,
    speedups_free,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModuleDef_Init(&speedups_module);
}
