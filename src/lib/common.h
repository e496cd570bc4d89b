/* common.h — status codes, diagnostics and small helpers shared by every module.
 *
 * Memory rule (stated once, followed everywhere): whatever a function returns
 * through an out-parameter belongs to the caller and is released with the
 * matching sk_<object>_destroy / free call named in that function's comment.
 * Objects that live inside an article (strings, mentions, events) belong to
 * the article's arena and are freed with sk_article_destroy. Shared data (the
 * lexicon) is immutable after load and safe to read from many threads.
 *
 * The library never prints, exits or reads argv: problems go to the caller
 * through status codes and the diagnostic callback.
 */
#ifndef SK_COMMON_H
#define SK_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* Status codes: 0 is success, negative values are errors with fixed numbers. */
enum {
    SK_OK = 0,
    SK_ENOMEM = -1,    /* out of memory */
    SK_EIO = -2,       /* could not read or write a file */
    SK_EINVAL = -3,    /* invalid argument */
    SK_EFORMAT = -4,   /* malformed input record */
    SK_ETRUNC = -5,    /* truncated input (gzip, WARC) */
    SK_EUTF8 = -6,     /* invalid UTF-8 (repaired) */
    SK_ETOOBIG = -7,   /* input exceeds a size limit */
    SK_ENOTFOUND = -8, /* no such item */
    SK_EDB = -9,       /* database error */
    SK_EBINARY = -10,  /* binary (non-text) input */
    SK_EEMPTY = -11,   /* empty input */
    SK_EDATA = -12,    /* lexicon data file is malformed */
};

/* Message for a status code; never NULL, static storage. */
const char *sk_strerror(int code);

typedef enum { SK_DIAG_WARNING = 1, SK_DIAG_ERROR = 2 } sk_diag_level_t;

/* One problem found in the input. `file` and `line` locate it (line is the
 * line number for line-oriented inputs, the record number for WARC; 0 when
 * unknown). An ERROR means the record was skipped; a WARNING means it was
 * repaired and went through. Strings are valid only during the callback. */
typedef struct sk_diag {
    sk_diag_level_t level;
    int code;
    const char *file;
    long line;
    const char *doc;
    const char *message;
} sk_diag_t;

typedef void (*sk_diag_fn)(void *ctx, const sk_diag_t *diag);

/* Report helper used inside the library: formats and calls fn if non-NULL. */
void sk_diag_report(sk_diag_fn fn, void *ctx, sk_diag_level_t level, int code, const char *file,
                    long line, const char *doc, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

/* A byte range [start, end) in some text. */
typedef struct sk_span {
    uint32_t start, end;
} sk_span_t;

#define SK_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
