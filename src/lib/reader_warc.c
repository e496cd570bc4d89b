/* reader_warc.c — WARC files (plain, or gzip with one member per record as
 * Common Crawl writes them; the input layer inflates either). Every
 * `response` record carrying an HTML page (and every `resource` record of
 * type text/html) becomes an article: HTTP headers stripped, chunked
 * transfer-encoding and gzip/deflate content-encoding undone, the charset
 * passed to the HTML parser. WET `conversion` records (text/plain) are
 * taken as plain-text pages. Other records (warcinfo, request, metadata,
 * images, redirects) are passed over silently. Diagnostics carry the record
 * number in place of a line number. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reader_impl.h"

enum { MAX_HEADER = 64u << 10 };

typedef struct {
    char type[32];
    char uri[2048];
    char date[64];
    char id[256];
    char ctype[256];
    long long length;
} warc_head_t;

/* Copy a header value (trimmed) into dst. */
static void header_value(const char *v, const char *end, char *dst, size_t cap) {
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    size_t n = (size_t)(end - v);
    if (n >= cap) n = cap - 1;
    memcpy(dst, v, n);
    dst[n] = '\0';
}

/* Find the end of a header block ("\r\n\r\n" or "\n\n") in s[0..n); returns
 * the offset just past it, or 0. */
static size_t header_end(const char *s, size_t n) {
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '\n') continue;
        if (s[i + 1] == '\n') return i + 2;
        if (s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n') return i + 3;
    }
    return 0;
}

/* Value of header `name` in a header block, into dst; 1 if found. */
static int find_header(const char *s, size_t n, const char *name, char *dst, size_t cap) {
    size_t k = strlen(name);
    const char *p = s, *end = s + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if ((size_t)(le - p) > k && !strncasecmp(p, name, k) && p[k] == ':') {
            header_value(p + k + 1, le, dst, cap);
            return 1;
        }
        p = nl ? nl + 1 : end;
    }
    return 0;
}

static int is_html_type(const char *ct) {
    return strcasestr(ct, "text/html") || strcasestr(ct, "application/xhtml");
}

static void charset_of(const char *ct, char *dst, size_t cap) {
    dst[0] = '\0';
    const char *c = strcasestr(ct, "charset=");
    if (!c) return;
    c += 8;
    if (*c == '"' || *c == '\'') c++;
    size_t n = strcspn(c, "\"'; \t");
    if (n >= cap) n = cap - 1;
    memcpy(dst, c, n);
    dst[n] = '\0';
}

/* Undo chunked transfer-encoding into out; returns length or -1. */
static long long dechunk(const char *s, size_t n, char *out) {
    size_t i = 0, o = 0;
    for (;;) {
        char *e;
        if (i >= n) return -1;
        unsigned long long size = strtoull(s + i, &e, 16);
        if (e == s + i) return -1;
        const char *nl = memchr(e, '\n', n - (size_t)(e - s));
        if (!nl) return -1;
        i = (size_t)(nl - s) + 1;
        if (size == 0) return (long long)o;
        if (size > n - i) size = n - i; /* short last chunk: keep what is there */
        memcpy(out + o, s + i, size);
        o += size;
        i += size;
        if (i < n && s[i] == '\r') i++;
        if (i < n && s[i] == '\n') i++;
        if (i >= n) return (long long)o;
    }
}

/* Inflate gzip or zlib content-encoding; *out is malloc'd. */
static int inflate_body(const char *s, size_t n, char **out, size_t *out_len, size_t max) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 32) != Z_OK) return SK_ENOMEM;
    size_t cap = n * 4 + 4096, o = 0;
    char *buf = malloc(cap);
    if (!buf) {
        inflateEnd(&z);
        return SK_ENOMEM;
    }
    z.next_in = (Bytef *)s;
    z.avail_in = (uInt)n;
    int zr;
    do {
        if (cap - o < 4096) {
            if (cap > max) break;
            char *nb = realloc(buf, cap * 2);
            if (!nb) break;
            buf = nb;
            cap *= 2;
        }
        z.next_out = (Bytef *)buf + o;
        z.avail_out = (uInt)(cap - o);
        zr = inflate(&z, Z_NO_FLUSH);
        o = cap - z.avail_out;
    } while (zr == Z_OK);
    inflateEnd(&z);
    if (!o) {
        free(buf);
        return SK_EFORMAT;
    }
    *out = buf;
    *out_len = o;
    return SK_OK;
}

/* Consume exactly n bytes of the input (streaming past large blocks). */
static size_t drain(sk_input_t *in, unsigned long long n) {
    size_t done = 0;
    while (n) {
        size_t avail = sk_input_fill(in, 1);
        if (!avail) break;
        size_t k = avail < n ? avail : (size_t)n;
        in->pos += k;
        n -= k;
        done += k;
    }
    return done;
}

static const char *record_doc(sk_article_t *a, sk_reader_t *r, const warc_head_t *h) {
    const char *id = h->id;
    size_t idn = strlen(id);
    if (idn >= 2 && id[0] == '<' && id[idn - 1] == '>') {
        id++;
        idn -= 2;
    }
    return idn         ? sk_arena_strndup(a->arena, id, idn)
           : h->uri[0] ? sk_arena_strdup(a->arena, h->uri)
                       : sk_arena_printf(a->arena, "%s#%ld", r->path, r->line);
}

/* A WET "conversion" record: plain text of a page, cleaned like a text page. */
static int conversion_article(sk_reader_t *r, const warc_head_t *h, const char *block, size_t n,
                              sk_article_t **out) {
    sk_article_t *a = sk_reader_article(r, SK_FORMAT_WARC, r->line);
    if (!a) return SK_ENOMEM;
    a->doc = record_doc(a, r, h);
    if (h->uri[0]) a->url = sk_arena_strdup(a->arena, h->uri);
    if (h->date[0]) a->published = sk_arena_strdup(a->arena, h->date);
    int rc = sk_reader_set_raw(r, a, block, n);
    if (rc < 0) {
        sk_article_destroy(a);
        return rc;
    }
    *out = a;
    return 1;
}

/* Turn one HTTP response (or bare HTML resource) into an article.
 * Returns 1 with *out, 0 when the record is not an HTML page, <0 on ENOMEM. */
static int record_article(sk_reader_t *r, const warc_head_t *h, const char *block, size_t n,
                          sk_article_t **out) {
    const char *body = block;
    size_t body_len = n;
    char ctype[256] = "", te[64] = "", ce[64] = "";
    if (!strcasecmp(h->type, "response") && strcasestr(h->ctype, "application/http")) {
        size_t he = header_end(block, n);
        if (!he) return 0;
        /* Status line: only 2xx responses carry the page itself. */
        const char *sp = memchr(block, ' ', he);
        if (!sp || sp[1] != '2') return 0;
        find_header(block, he, "Content-Type", ctype, sizeof ctype);
        find_header(block, he, "Transfer-Encoding", te, sizeof te);
        find_header(block, he, "Content-Encoding", ce, sizeof ce);
        body = block + he;
        body_len = n - he;
    } else if (!strcasecmp(h->type, "resource")) {
        snprintf(ctype, sizeof ctype, "%s", h->ctype);
    } else if (!strcasecmp(h->type, "conversion") && strcasestr(h->ctype, "text/plain")) {
        return conversion_article(r, h, block, n, out); /* WET: text already extracted */
    } else {
        return 0;
    }
    if (ctype[0] ? !is_html_type(ctype)
                 : !(body_len > 5 && (strcasestr(body, "<html") || strcasestr(body, "<!doctype"))))
        return 0;

    sk_article_t *a = sk_reader_article(r, SK_FORMAT_WARC, r->line);
    if (!a) return SK_ENOMEM;
    a->doc = record_doc(a, r, h);
    if (h->uri[0]) a->url = sk_arena_strdup(a->arena, h->uri);

    char *owned = NULL;
    if (strcasestr(te, "chunked")) {
        owned = malloc(body_len + 1);
        if (!owned) {
            sk_article_destroy(a);
            return SK_ENOMEM;
        }
        long long k = dechunk(body, body_len, owned);
        if (k < 0) {
            free(owned);
            sk_reader_error(r, r->line, a->doc, SK_EFORMAT, "malformed chunked HTTP body");
            sk_article_destroy(a);
            return 0;
        }
        body = owned;
        body_len = (size_t)k;
    }
    if (strcasestr(ce, "gzip") || strcasestr(ce, "deflate")) {
        char *inflated = NULL;
        size_t il = 0;
        if (inflate_body(body, body_len, &inflated, &il, r->opts.max_record_bytes) < 0) {
            free(owned);
            sk_reader_error(r, r->line, a->doc, SK_EFORMAT, "cannot decode %s content-encoding",
                            ce);
            sk_article_destroy(a);
            return 0;
        }
        free(owned);
        owned = inflated;
        body = owned;
        body_len = il;
    } else if (ce[0] && strcasecmp(ce, "identity")) {
        free(owned);
        sk_reader_error(r, r->line, a->doc, SK_EFORMAT, "unsupported content-encoding %s", ce);
        sk_article_destroy(a);
        return 0;
    }
    char charset[64];
    charset_of(ctype, charset, sizeof charset);
    int repaired = 0;
    int rc = sk_html_extract(a, body, body_len, charset[0] ? charset : NULL, a->url, r->opts.diag,
                             r->opts.diag_ctx, &repaired);
    free(owned);
    if (repaired) r->repaired++;
    if (rc == SK_EEMPTY) {
        sk_reader_error(r, r->line, a->doc, SK_EEMPTY, "no article text found in the HTML page");
        sk_article_destroy(a);
        return 0;
    }
    if (rc < 0) {
        if (rc != SK_ENOMEM)
            sk_reader_error(r, r->line, a->doc, rc, "HTML page skipped: %s", sk_strerror(rc));
        sk_article_destroy(a);
        return rc == SK_ENOMEM ? rc : 0;
    }
    if (!a->published && h->date[0]) a->published = sk_arena_strdup(a->arena, h->date);
    *out = a;
    return 1;
}

int sk_read_warc(sk_reader_t *r, sk_article_t **out) {
    sk_input_t *in = &r->in;
    for (;;) {
        /* Skip blank lines between records. */
        for (;;) {
            size_t avail = sk_input_fill(in, 2);
            if (!avail) break;
            char c = in->buf[in->pos];
            if (c == '\r' || c == '\n') {
                in->pos++;
                continue;
            }
            break;
        }
        size_t avail = sk_input_fill(in, MAX_HEADER);
        if (!avail) {
            r->done = 1;
            if (in->truncated) {
                sk_reader_error(r, r->line + 1, NULL, SK_ETRUNC,
                                "truncated or corrupt compressed input after record %ld: %s",
                                r->line, in->errmsg);
                return SK_ETRUNC;
            }
            return 0;
        }
        r->line++;
        const char *s = in->buf + in->pos;
        if (avail < 5 || memcmp(s, "WARC/", 5)) {
            r->done = 1;
            sk_reader_error(r, r->line, NULL, in->eof && avail < 5 ? SK_ETRUNC : SK_EFORMAT,
                            "record %ld does not start with a WARC version line; reading stops",
                            r->line);
            return in->eof && avail < 5 ? SK_ETRUNC : SK_EFORMAT;
        }
        size_t he = header_end(s, avail);
        if (!he) {
            r->done = 1;
            int code = in->eof ? SK_ETRUNC : SK_EFORMAT;
            sk_reader_error(r, r->line, NULL, code, "record %ld: %s%s%s", r->line,
                            in->eof ? "truncated in its header" : "header too long",
                            in->truncated ? ": " : "", in->truncated ? in->errmsg : "");
            return code;
        }
        warc_head_t h;
        memset(&h, 0, sizeof h);
        char len[32] = "";
        find_header(s, he, "WARC-Type", h.type, sizeof h.type);
        find_header(s, he, "WARC-Target-URI", h.uri, sizeof h.uri);
        find_header(s, he, "WARC-Date", h.date, sizeof h.date);
        find_header(s, he, "WARC-Record-ID", h.id, sizeof h.id);
        find_header(s, he, "Content-Type", h.ctype, sizeof h.ctype);
        if (!find_header(s, he, "Content-Length", len, sizeof len) || len[0] < '0' ||
            len[0] > '9') {
            r->done = 1;
            sk_reader_error(r, r->line, NULL, SK_EFORMAT,
                            "record %ld has no valid Content-Length; reading stops", r->line);
            return SK_EFORMAT;
        }
        h.length = strtoll(len, NULL, 10);
        in->pos += he;
        int wanted = !strcasecmp(h.type, "response") || !strcasecmp(h.type, "resource") ||
                     !strcasecmp(h.type, "conversion");
        if ((unsigned long long)h.length > r->opts.max_record_bytes) {
            size_t got = drain(in, (unsigned long long)h.length);
            if (wanted)
                sk_reader_error(r, r->line, NULL, SK_ETOOBIG,
                                "record %ld of %lld bytes exceeds the record limit; skipped",
                                r->line, h.length);
            if ((long long)got < h.length) {
                r->done = 1;
                sk_reader_error(r, r->line, NULL, SK_ETRUNC, "record %ld is truncated", r->line);
                return SK_ETRUNC;
            }
            continue;
        }
        size_t n = (size_t)h.length;
        if (!wanted) {
            if (drain(in, n) < n) {
                r->done = 1;
                sk_reader_error(r, r->line, NULL, SK_ETRUNC, "record %ld is truncated (%s)",
                                r->line, in->truncated ? in->errmsg : "unexpected end of file");
                return SK_ETRUNC;
            }
            continue;
        }
        avail = sk_input_fill(in, n);
        if (avail < n) {
            r->done = 1;
            sk_reader_error(r, r->line, h.id[0] ? h.id : NULL, SK_ETRUNC,
                            "record %ld is truncated: %zu of %zu bytes (%s)", r->line, avail, n,
                            in->truncated ? in->errmsg : "unexpected end of file");
            in->pos = in->len;
            return SK_ETRUNC;
        }
        const char *block = in->buf + in->pos;
        /* A NUL-terminated copy: the header and chunk parsers below use
         * C string functions, which must not run into the next record. */
        char *copy = malloc(n + 1);
        if (!copy) return SK_ENOMEM;
        memcpy(copy, block, n);
        copy[n] = '\0';
        in->pos += n;
        int rc = record_article(r, &h, copy, n, out);
        free(copy);
        if (rc != 0) return rc;
    }
}
