#include "cli_util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_fprint_diag(FILE *f, const cli_status_t *st, const sk_diag_t *d) {
    if (st && st->quiet && d->level == SK_DIAG_WARNING) return;
    fprintf(f, "sukien: %s", d->file ? d->file : "-");
    if (d->line > 0) fprintf(f, ":%ld", d->line);
    fprintf(f, ": %s: ", d->level == SK_DIAG_ERROR ? "error" : "warning");
    if (d->doc) fprintf(f, "doc %s: ", d->doc);
    fprintf(f, "%s\n", d->message);
}

void cli_print_diag(void *ctx, const sk_diag_t *d) {
    cli_fprint_diag(stderr, ctx, d);
}

/* Counts per-article warnings raised during preparation. */
typedef struct {
    cli_status_t *st;
    int warned;
} prep_ctx_t;

static void prep_diag(void *ctx, const sk_diag_t *d) {
    prep_ctx_t *p = ctx;
    p->warned = 1;
    cli_print_diag(p->st, d);
}

int cli_for_each_article(char **files, int n_files, sk_format_t format, cli_status_t *st,
                         cli_article_fn fn, void *ctx) {
    static char *stdin_only[] = {"-"};
    if (n_files == 0) {
        files = stdin_only;
        n_files = 1;
    }
    for (int i = 0; i < n_files; i++) {
        sk_reader_opts_t opts = {.format = format,
                                 .max_record_bytes = st->max_record_bytes,
                                 .diag = cli_print_diag,
                                 .diag_ctx = st};
        sk_reader_t *r = NULL;
        int rc = sk_reader_open(files[i], &opts, &r);
        if (rc < 0) {
            st->failed_files++;
            continue;
        }
        sk_article_t *a = NULL;
        int stop = 0;
        while ((rc = sk_reader_next(r, &a)) == 1) {
            prep_ctx_t pc = {st, 0};
            int prc = sk_article_prepare(a, prep_diag, &pc);
            if (prc < 0) {
                sk_diag_t d = {SK_DIAG_ERROR,  prc,    a->source,
                               a->source_line, a->doc, sk_strerror(prc)};
                cli_print_diag(st, &d);
                st->skipped++;
            } else {
                st->articles++;
                if (pc.warned) st->repaired++;
                if (fn(ctx, a) < 0) stop = 1;
            }
            sk_article_destroy(a);
            if (stop) break;
        }
        st->skipped += sk_reader_skipped(r);
        st->repaired += sk_reader_repaired(r);
        if (rc < 0) st->failed_files++;
        sk_reader_destroy(r);
        if (stop) return -1;
    }
    return 0;
}

int cli_exit_code(const cli_status_t *st) {
    if (st->failed_files || st->skipped || st->repaired) return 1;
    return 0;
}

int cli_parse_format(const char *s) {
    if (!strcmp(s, "auto")) return SK_FORMAT_AUTO;
    if (!strcmp(s, "text") || !strcmp(s, "txt")) return SK_FORMAT_TEXT;
    if (!strcmp(s, "jsonl")) return SK_FORMAT_JSONL;
    if (!strcmp(s, "html")) return SK_FORMAT_HTML;
    if (!strcmp(s, "warc")) return SK_FORMAT_WARC;
    return -1;
}

#ifndef SK_DATA_DIR
#define SK_DATA_DIR "data"
#endif

const char *cli_data_dir(void) {
    const char *env = getenv("SUKIEN_DATA");
    if (env && *env) return env;
    /* Next to the executable's source tree when run from a checkout. */
    if (access(SK_DATA_DIR "/triggers.tsv", R_OK) == 0) return SK_DATA_DIR;
    return "data";
}

int cli_is_help(const char *arg) {
    return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}
