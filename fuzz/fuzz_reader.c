/* fuzz_reader.c — libFuzzer target for the readers through the public API:
 * the input is written to a memfd and opened once per format (text, jsonl,
 * html, warc, and auto-detection). Every article returned is prepared
 * (clean, fold, sentences) and its dates resolved, as the pipeline would. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "article.h"
#include "reader.h"
#include "timex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_reader_html.c and fuzz_reader_warc.c include this file with one format. */
#ifndef FUZZ_READER_FORMATS
#define FUZZ_READER_FORMATS                                                                        \
    SK_FORMAT_TEXT, SK_FORMAT_JSONL, SK_FORMAT_HTML, SK_FORMAT_WARC, SK_FORMAT_AUTO
#endif

static void on_diag(void *ctx, const sk_diag_t *d) {
    size_t *count = ctx;
    if (!d->message) abort();
    (*count) += strlen(d->message) > 0;
}

static void read_all(const char *path, sk_format_t format) {
    size_t n_diag = 0;
    sk_reader_opts_t opts = {
        .format = format, .max_record_bytes = 1 << 20, .diag = on_diag, .diag_ctx = &n_diag};
    sk_reader_t *r = NULL;
    if (sk_reader_open(path, &opts, &r) != SK_OK) return;
    for (int i = 0; i < 1000; i++) {
        sk_article_t *a = NULL;
        int rc = sk_reader_next(r, &a);
        if (rc <= 0) {
            if (a) abort();
            break;
        }
        if (!a || !a->raw) abort();
        if (strlen(a->raw) != a->raw_len) abort();
        if (sk_article_prepare(a, on_diag, &n_diag) == SK_OK) {
            if (a->text && strlen(a->text) != a->text_len) abort();
            sk_timex_t *t = NULL;
            size_t nt = 0;
            sk_timex_find(a->arena, a->text, a->text_len, a->published, &t, &nt);
        }
        sk_article_destroy(a);
    }
    sk_reader_destroy(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("sk_fuzz_reader", 0);
        if (fd < 0) abort();
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0) abort();
    for (size_t off = 0; off < size;) {
        ssize_t w = write(fd, data + off, size - off);
        if (w <= 0) abort();
        off += (size_t)w;
    }
    static const sk_format_t formats[] = {FUZZ_READER_FORMATS};
    for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++)
        read_all(path, formats[k]);
    return 0;
}
