/* reader_html.c — HTML main-text extraction (stub). */
#include "reader_impl.h"

int sk_html_extract(sk_article_t *a, const char *html, size_t len, const char *encoding,
                    const char *base_url, sk_diag_fn diag, void *diag_ctx, int *repaired) {
    (void)a;
    (void)html;
    (void)len;
    (void)encoding;
    (void)base_url;
    (void)diag;
    (void)diag_ctx;
    *repaired = 0;
    return SK_EEMPTY;
}
