/* reader.h — turn files and streams into articles, one format per reader.
 * Errors are per record: a bad record is reported through the diagnostic
 * callback and skipped, and reading continues with the next one. */
#ifndef SK_READER_H
#define SK_READER_H

#include <stdio.h>

#include "article.h"

typedef struct sk_reader sk_reader_t;

typedef struct sk_reader_opts {
    sk_format_t format;      /* SK_FORMAT_AUTO: guess from name and content */
    size_t max_record_bytes; /* records larger than this are skipped (0 = 32 MiB) */
    sk_diag_fn diag;
    void *diag_ctx;
} sk_reader_opts_t;

/* Open path ("-" = standard input). Returns SK_OK and *out, or a negative
 * code (SK_EIO when the file cannot be opened, reported through diag too). */
int sk_reader_open(const char *path, const sk_reader_opts_t *opts, sk_reader_t **out);

/* Next article: returns 1 and *out (caller destroys with sk_article_destroy),
 * 0 at end of input, or a negative code when the stream itself failed
 * (truncated gzip, read error); after a negative code, reading is over.
 * Articles are returned with metadata and raw set, not yet prepared. */
int sk_reader_next(sk_reader_t *self, sk_article_t **out);

/* Counts for the exit code: records skipped with an ERROR, repaired with a WARNING. */
size_t sk_reader_skipped(const sk_reader_t *self);
size_t sk_reader_repaired(const sk_reader_t *self);

void sk_reader_destroy(sk_reader_t *self);

/* Format guess from file name and first bytes. */
sk_format_t sk_format_guess(const char *path, const unsigned char *head, size_t n);

#endif
