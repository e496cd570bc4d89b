/* reader_impl.h — private to the reader*.c files: the shared reader state, the
 * buffered (optionally gzip) input stream and the per-format entry points. */
#ifndef SK_READER_IMPL_H
#define SK_READER_IMPL_H

#include <zlib.h>

#include "reader.h"

/* Buffered input over a gzip-transparent zlib stream: plain files pass
 * through unchanged, gzip files (including concatenated members) are
 * inflated. */
typedef struct sk_input {
    gzFile gz;
    char *buf;
    size_t cap, pos, len;
    int eof;       /* no more bytes will come */
    int truncated; /* the compressed stream ended early or was corrupt */
    char errmsg[128];
    unsigned long long consumed; /* bytes handed out before buf[pos] */
} sk_input_t;

struct sk_reader {
    sk_input_t in;
    char *path;
    sk_reader_opts_t opts;
    sk_format_t format;
    long line; /* line (text, JSONL) or record (WARC) number of the last record */
    int done;
    size_t skipped, repaired;
};

/* Fill the buffer so that at least `want` bytes are available after pos
 * (fewer at end of input). Returns the number of bytes available. */
size_t sk_input_fill(sk_input_t *in, size_t want);

/* Report an ERROR for the current record and count it as skipped. */
void sk_reader_error(sk_reader_t *r, long line, const char *doc, int code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* New article with format, source and line already set. */
sk_article_t *sk_reader_article(sk_reader_t *r, sk_format_t format, long line);

/* Would sk_normalize_text return these bytes unchanged? (conservative) */
int sk_text_is_normal(const char *s, size_t n);

/* Set raw text, counting repairs; skips normalisation when sk_text_is_normal. */
int sk_reader_set_raw(sk_reader_t *r, sk_article_t *a, const char *bytes, size_t len);

/* Does this buffer look binary (NUL bytes, control characters, invalid UTF-8)?
 * Fills why[] with a short reason. utf8_matters = 0 for inputs that may carry
 * a legacy charset (HTML). */
int sk_looks_binary(const unsigned char *s, size_t n, int utf8_matters, char *why, size_t why_len);

/* Per-format readers: return 1 and *out, 0 at end, <0 when the stream failed. */
int sk_read_html(sk_reader_t *r, sk_article_t **out);
int sk_read_warc(sk_reader_t *r, sk_article_t **out);

/* HTML → article fields. Parses html[0..len) with libxml2 (charset: the
 * `encoding` hint, else the page's own declaration), fills title, published,
 * url, outlet when the page gives them and they are still unset, and the
 * main text into raw (one paragraph per line; main_text_extracted = 1).
 * Returns SK_OK, SK_EEMPTY when no text was found, or SK_ENOMEM. Repairs of
 * broken markup are reported as warnings through diag. */
int sk_html_extract(sk_article_t *a, const char *html, size_t len, const char *encoding,
                    const char *base_url, sk_diag_fn diag, void *diag_ctx, int *repaired);

#endif
