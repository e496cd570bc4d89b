/* reader_warc.c — WARC reader (stub). */
#include "reader_impl.h"

int sk_read_warc(sk_reader_t *r, sk_article_t **out) {
    (void)out;
    r->done = 1;
    return 0;
}
void sk_warc_free(sk_reader_t *r) {
    (void)r;
}
