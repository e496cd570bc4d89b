/* cli_parallel.h — run a per-article function on N threads with its output
 * in input order: what one thread writes, byte for byte, whatever N.
 *
 * The N threads (the calling one among them) each read the next article in
 * turn, prepare it and call fn, which writes its standard output and its
 * diagnostics through the cli_out_t it is given; whichever thread finds the
 * oldest article done copies its bytes to stdout and stderr, in input order.
 * At most a bounded window of articles is in flight, so memory does not grow
 * with the input. With jobs == 1 nothing is buffered: fn runs on the calling
 * thread with stdout and stderr. */
#ifndef SK_CLI_PARALLEL_H
#define SK_CLI_PARALLEL_H

#include <stdio.h>

#include "cli_util.h"

struct slot;

typedef struct cli_out {
    FILE *out;              /* the article's standard output; NULL until cli_out_stream */
    FILE *err;              /* its diagnostics; NULL until the first cli_out_diag */
    const cli_status_t *st; /* read-only here (quiet flag) */
    size_t skipped;         /* fn adds the articles it could not process */
    struct slot *slot;      /* on a worker: where the output is kept until its turn */
} cli_out_t;

/* Called for each article read and prepared, on any of the threads when
 * jobs > 1: must only touch the article, o and data it never writes. */
typedef void (*cli_article_out_fn)(void *ctx, sk_article_t *article, cli_out_t *o);

/* Print a diagnostic into the article's error stream (same format as cli_print_diag). */
void cli_out_diag(cli_out_t *o, const sk_diag_t *d);

/* Append bytes to the article's standard output (no stdio stream on a worker). */
void cli_out_write(cli_out_t *o, const char *p, size_t n);

/* The article's standard output as a stream, for fprintf-style writers (after
 * what cli_out_write wrote). Without memory for it (or for any of the
 * article's output), the command stops with "out of memory". */
FILE *cli_out_stream(cli_out_t *o);

/* cli_for_each_article with `jobs` threads (1..256). Records problems in
 * *status; never stops on a bad record. Returns 0, or -1 when the threads or
 * their memory could not be had (nothing was processed then). */
int cli_for_each_article_parallel(char **files, int n_files, sk_format_t format, int jobs,
                                  cli_status_t *status, cli_article_out_fn fn, void *ctx);

#endif
