/* cli_util.h — shared plumbing for subcommands: diagnostics to stderr, the
 * loop over input files, and the data directory. Only the CLI prints. */
#ifndef SK_CLI_UTIL_H
#define SK_CLI_UTIL_H

#include <stdio.h>

#include "article.h"
#include "reader.h"

typedef struct cli_status {
    size_t articles;
    size_t skipped;  /* records skipped (ERROR) */
    size_t repaired; /* records repaired (WARNING) */
    size_t failed_files;
    int quiet;               /* suppress warnings */
    size_t max_record_bytes; /* reader record limit (0 = the reader's default) */
} cli_status_t;

/* Diagnostic callback printing "sukien: FILE:LINE: error|warning: doc D: message". */
void cli_print_diag(void *ctx, const sk_diag_t *d);
/* The same line printed to f (status may be NULL: nothing is suppressed). */
void cli_fprint_diag(FILE *f, const cli_status_t *status, const sk_diag_t *d);

/* Called for each article read and prepared; return <0 to stop. The callback
 * owns nothing: the loop destroys the article afterwards. */
typedef int (*cli_article_fn)(void *ctx, sk_article_t *article);

/* Read every file (no files or "-" = standard input), prepare each article and
 * call fn. Records problems in *status; never stops on a bad record. */
int cli_for_each_article(char **files, int n_files, sk_format_t format, cli_status_t *status,
                         cli_article_fn fn, void *ctx);

/* Exit code from the status. */
int cli_exit_code(const cli_status_t *status);

/* Parse --format=text|jsonl|html|warc|auto; returns -1 if unknown. */
int cli_parse_format(const char *s);

/* Data directory: $SUKIEN_DATA, else the build-time default, else ./data. */
const char *cli_data_dir(void);

/* True when argv[i] is -h/--help. */
int cli_is_help(const char *arg);

#endif
