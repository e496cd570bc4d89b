/* reader_impl.h — private to the reader*.c files: the shared reader state, the
 * buffered (optionally gzip) input stream and the per-format entry points. */
#ifndef SK_READER_IMPL_H
#define SK_READER_IMPL_H

#include <stdint.h>
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
    char *scratch; /* JSONL: decoded keys and short strings, kept from line to line */
    size_t scratch_cap;
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

/* The character test of sk_text_is_normal: the length of the character at
 * s[0..n) (n >= 1) when it passes, else 0. */
static inline size_t sk_normal_char_len(const unsigned char *s, size_t n) {
    unsigned char b = s[0];
    if (b < 0x80) return (b >= 0x20 && b != 0x7F) || b == '\n' || b == '\t';
    if ((b & 0xE0) == 0xC0) {
        if (n < 2 || (s[1] & 0xC0) != 0x80) return 0;
        uint32_t cp = ((uint32_t)(b & 0x1F) << 6) | (s[1] & 0x3F);
        return cp >= 0xC0 && cp <= 0x2FF ? 2 : 0;
    }
    if ((b & 0xF0) == 0xE0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        uint32_t cp = ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2010 && cp <= 0x2027) ||
                       (cp >= 0x2030 && cp <= 0x205E)
                   ? 3
                   : 0;
    }
    return 0;
}

/* JSON Lines: decode the JSON string in line[0..len) (starting on its opening
 * quote) into the arena; *normal says whether sk_text_is_normal holds for the
 * result. Returns 0, or -1 with *err set. For tests. */
int sk_jsonl_decode_text(const char *line, size_t len, sk_arena_t *arena, char **out,
                         size_t *out_len, int *normal, const char **err);

/* How many of the 16 bytes at q (all readable) are common characters of the
 * article text, copied as they are and normal (reader_jsonl.c); _ref is the
 * byte-by-byte definition the vector version must agree with. For tests. */
size_t sk_jsonl_plain_run16(const unsigned char *q);
size_t sk_jsonl_plain_run16_ref(const unsigned char *q);

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
