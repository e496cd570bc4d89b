/* reader.c — reader dispatch, the buffered input stream, binary detection and
 * the plain-text page reader. JSON Lines, HTML and WARC live in their own
 * files (reader_jsonl.c, reader_html.c, reader_warc.c). */
#include "reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reader_impl.h"

enum { DEFAULT_MAX_RECORD = 32u << 20, READ_CHUNK = 1u << 20, SNIFF_BYTES = 64u << 10 };

int sk_read_jsonl(sk_reader_t *r, sk_article_t **out);

sk_format_t sk_format_guess(const char *path, const unsigned char *head, size_t n) {
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (dot) {
        if (!strcasecmp(dot, ".jsonl") || !strcasecmp(dot, ".json") || !strcasecmp(dot, ".ndjson"))
            return SK_FORMAT_JSONL;
        if (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm") || !strcasecmp(dot, ".xhtml"))
            return SK_FORMAT_HTML;
        if (!strcasecmp(dot, ".warc")) return SK_FORMAT_WARC;
        if (!strcasecmp(dot, ".gz") && strstr(path, ".warc")) return SK_FORMAT_WARC;
        if (!strcasecmp(dot, ".txt")) return SK_FORMAT_TEXT;
    }
    size_t i = 0;
    if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) i = 3;
    while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t'))
        i++;
    if (n - i >= 5 && !memcmp(head + i, "WARC/", 5)) return SK_FORMAT_WARC;
    if (i < n && head[i] == '{') return SK_FORMAT_JSONL;
    if (i < n && head[i] == '<') return SK_FORMAT_HTML;
    return SK_FORMAT_TEXT;
}

/* ---- buffered input ---------------------------------------------------- */

size_t sk_input_fill(sk_input_t *in, size_t want) {
    size_t avail = in->len - in->pos;
    if (avail >= want || in->eof) return avail;
    if (in->pos) { /* compact */
        memmove(in->buf, in->buf + in->pos, avail);
        in->consumed += in->pos;
        in->pos = 0;
        in->len = avail;
    }
    size_t need = want > READ_CHUNK ? want : READ_CHUNK;
    if (in->cap < need + 1) {
        size_t ncap = in->cap ? in->cap : READ_CHUNK;
        while (ncap < need + 1)
            ncap *= 2;
        char *nb = realloc(in->buf, ncap);
        if (!nb) return avail;
        in->buf = nb;
        in->cap = ncap;
    }
    while (in->len < want && !in->eof) {
        size_t room = in->cap - 1 - in->len;
        if (room > (1u << 30)) room = 1u << 30;
        int n = gzread(in->gz, in->buf + in->len, (unsigned)room);
        if (n > 0) {
            in->len += (size_t)n;
            continue;
        }
        in->eof = 1;
        int err = 0;
        const char *msg = gzerror(in->gz, &err);
        if (n < 0 || err == Z_BUF_ERROR || err == Z_DATA_ERROR || err == Z_ERRNO) {
            in->truncated = 1;
            snprintf(in->errmsg, sizeof in->errmsg, "%s",
                     err == Z_ERRNO ? strerror(errno) : (msg && *msg ? msg : "read error"));
        }
    }
    in->buf[in->len] = '\0';
    return in->len - in->pos;
}

/* ---- shared helpers ----------------------------------------------------- */

void sk_reader_error(sk_reader_t *r, long line, const char *doc, int code, const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sk_diag_report(r->opts.diag, r->opts.diag_ctx, SK_DIAG_ERROR, code, r->path, line, doc, "%s",
                   msg);
    r->skipped++;
}

sk_article_t *sk_reader_article(sk_reader_t *r, sk_format_t format, long line) {
    sk_article_t *a = sk_article_new();
    if (!a) return NULL;
    a->format = format;
    a->source = sk_arena_strdup(a->arena, r->path);
    a->source_line = line;
    return a;
}

/* Text that sk_normalize_text returns unchanged: printable ASCII, \n, \t, and
 * code points that are NFC-stable and never rewritten by the normaliser
 * (U+00C0-U+02FF, the Vietnamese block U+1E00-U+1EFF, punctuation
 * U+2010-U+2027 and U+2030-U+205E). Almost all Vietnamese news text passes,
 * which skips NFC composition (most of the cost of reading); anything else
 * goes through the normaliser. test_reader checks the two agree. */
int sk_text_is_normal(const char *text, size_t n) {
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < n;) {
        /* The common characters in one tight loop: printable ASCII, U+00C0-U+02FF
         * (lead C3-CB) and U+1E00-U+1EFF (E1 B8-BB); the same tests as below. */
        while (i < n) {
            unsigned char c = s[i];
            if (c >= 0x20 && c < 0x7F) {
                i++;
            } else if (c >= 0xC3 && c <= 0xCB && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
                i += 2;
            } else if (c == 0xE1 && i + 2 < n && s[i + 1] >= 0xB8 && s[i + 1] <= 0xBB &&
                       (s[i + 2] & 0xC0) == 0x80) {
                i += 3;
            } else {
                break;
            }
        }
        if (i >= n) break;
        size_t k = sk_normal_char_len(s + i, n - i);
        if (!k) return 0;
        i += k;
    }
    return 1;
}

int sk_reader_set_raw(sk_reader_t *r, sk_article_t *a, const char *bytes, size_t len) {
    if (sk_text_is_normal(bytes, len)) {
        char *raw = sk_arena_strndup(a->arena, bytes, len);
        if (!raw) return SK_ENOMEM;
        a->raw = raw;
        a->raw_len = len;
        return SK_OK;
    }
    int rc = sk_article_set_raw(a, bytes, len, r->opts.diag, r->opts.diag_ctx);
    if (rc > 0) {
        r->repaired++;
        rc = SK_OK;
    }
    return rc;
}

int sk_looks_binary(const unsigned char *s, size_t n, int utf8_matters, char *why, size_t why_len) {
    size_t nul = 0, ctl = 0, bad = 0;
    for (size_t i = 0; i < n;) {
        /* Printable ASCII and whole 2- and 3-byte sequences count nothing: one
         * tight loop (the tests below, for the common case). */
        while (i < n) {
            unsigned char c = s[i];
            if (c >= 0x20 && c < 0x80)
                i++;
            else if (utf8_matters && c >= 0xC2 && c < 0xE0 && i + 2 <= n &&
                     (s[i + 1] & 0xC0) == 0x80)
                i += 2;
            else if (utf8_matters && c >= 0xE0 && c <= 0xEF && i + 3 <= n &&
                     (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80)
                i += 3;
            else
                break;
        }
        if (i >= n) break;
        unsigned char b = s[i];
        if (b < 0x80) {
            if (b == 0)
                nul++;
            else if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b)
                ctl++;
            i++;
            continue;
        }
        if (!utf8_matters) {
            i++;
            continue;
        }
        /* Structural UTF-8 check (lead byte and continuation bytes). */
        size_t k = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
        if (k && i + k > n) break; /* a sequence cut by the sniff window */
        size_t j = 1;
        while (k && j < k && (s[i + j] & 0xC0) == 0x80)
            j++;
        if (!k || j < k) {
            bad++;
            i++;
        } else {
            i += k;
        }
    }
    if (n == 0) return 0;
    /* Text with a few stray NULs is repaired later; mostly-NUL or control or
     * undecodable bytes mean this is not text at all. */
    double f_nul = (double)nul / (double)n, f_bad = (double)(nul + ctl + bad) / (double)n;
    if (f_nul > 0.05 || f_bad > 0.10) {
        snprintf(why, why_len,
                 "%zu NUL, %zu control and %zu invalid UTF-8 byte(s) in the first %zu", nul, ctl,
                 bad, n);
        return 1;
    }
    return 0;
}

/* ---- open / dispatch ------------------------------------------------------ */

int sk_reader_open(const char *path, const sk_reader_opts_t *opts, sk_reader_t **out) {
    *out = NULL;
    sk_reader_t *r = calloc(1, sizeof *r);
    if (!r) return SK_ENOMEM;
    r->opts = *opts;
    if (!r->opts.max_record_bytes) r->opts.max_record_bytes = DEFAULT_MAX_RECORD;
    r->path = strdup(path);
    if (!r->path) {
        free(r);
        return SK_ENOMEM;
    }
    int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : dup(STDIN_FILENO);
    if (fd >= 0) r->in.gz = gzdopen(fd, "rb");
    if (fd < 0 || !r->in.gz) {
        int e = errno;
        if (fd >= 0) close(fd);
        sk_diag_report(opts->diag, opts->diag_ctx, SK_DIAG_ERROR, SK_EIO, path, 0, NULL,
                       "cannot open: %s", strerror(e));
        free(r->path);
        free(r);
        return SK_EIO;
    }
    gzbuffer(r->in.gz, 256u << 10);
    size_t n = sk_input_fill(&r->in, SNIFF_BYTES);
    const unsigned char *head = (const unsigned char *)r->in.buf;
    r->format = opts->format;
    if (r->format == SK_FORMAT_AUTO)
        r->format = sk_format_guess(strcmp(path, "-") ? path : NULL, head, n < 64 ? n : 64);
    if (n == 0 && !r->in.truncated) {
        sk_reader_error(r, 0, NULL, SK_EEMPTY, "empty file");
        r->done = 1;
    } else if (r->format != SK_FORMAT_WARC) {
        char why[160];
        /* sk_input_fill may have read a whole chunk (1 MB): judge the first
         * SNIFF_BYTES only, as the message says, not every byte of it. */
        size_t sniff = n < SNIFF_BYTES ? n : SNIFF_BYTES;
        if (sk_looks_binary(head, sniff, r->format != SK_FORMAT_HTML, why, sizeof why)) {
            sk_reader_error(r, 0, NULL, SK_EBINARY, "binary data, not %s: %s; file skipped",
                            sk_format_name(r->format), why);
            r->done = 1;
        }
    }
    *out = r;
    return SK_OK;
}

static const char *base_name_no_ext(sk_arena_t *arena, const char *path) {
    if (!strcmp(path, "-")) return sk_arena_strdup(arena, "stdin");
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return sk_arena_strndup(arena, base, len);
}

/* Read the whole input as one record; drains and reports inputs over the limit. */
static int slurp(sk_reader_t *r, size_t *len) {
    size_t max = r->opts.max_record_bytes;
    size_t n = sk_input_fill(&r->in, READ_CHUNK);
    while (!r->in.eof && n <= max)
        n = sk_input_fill(&r->in, n + READ_CHUNK);
    r->done = 1;
    if (n > max) {
        unsigned long long total = n;
        r->in.pos = r->in.len;
        while (sk_input_fill(&r->in, 1) > 0) {
            total += r->in.len - r->in.pos;
            r->in.pos = r->in.len;
        }
        sk_reader_error(r, 1, NULL, SK_ETOOBIG,
                        "file of %llu bytes exceeds the record limit of %zu bytes; skipped", total,
                        max);
        return 0;
    }
    if (r->in.truncated) {
        sk_reader_error(r, 1, NULL, SK_ETRUNC, "read failed: %s", r->in.errmsg);
        return SK_ETRUNC;
    }
    *len = n;
    return 1;
}

static int read_text(sk_reader_t *r, sk_article_t **out) {
    size_t len = 0;
    int rc = slurp(r, &len);
    if (rc <= 0) return rc;
    sk_article_t *a = sk_reader_article(r, SK_FORMAT_TEXT, 1);
    if (!a) return SK_ENOMEM;
    a->doc = base_name_no_ext(a->arena, r->path);
    if ((rc = sk_reader_set_raw(r, a, r->in.buf + r->in.pos, len)) < 0) {
        sk_article_destroy(a);
        return rc;
    }
    r->in.pos += len;
    *out = a;
    return 1;
}

int sk_read_html(sk_reader_t *r, sk_article_t **out) {
    size_t len = 0;
    int rc = slurp(r, &len);
    if (rc <= 0) return rc;
    sk_article_t *a = sk_reader_article(r, SK_FORMAT_HTML, 1);
    if (!a) return SK_ENOMEM;
    a->doc = base_name_no_ext(a->arena, r->path);
    int repaired = 0;
    rc = sk_html_extract(a, r->in.buf + r->in.pos, len, NULL, NULL, r->opts.diag, r->opts.diag_ctx,
                         &repaired);
    r->in.pos += len;
    if (repaired) r->repaired++;
    if (rc == SK_EEMPTY) {
        sk_reader_error(r, 1, a->doc, SK_EEMPTY, "no article text found in the HTML page");
        sk_article_destroy(a);
        return 0;
    }
    if (rc < 0) {
        sk_article_destroy(a);
        return rc;
    }
    *out = a;
    return 1;
}

int sk_reader_next(sk_reader_t *r, sk_article_t **out) {
    *out = NULL;
    if (r->done) return 0;
    switch (r->format) {
    case SK_FORMAT_JSONL:
        return sk_read_jsonl(r, out);
    case SK_FORMAT_HTML:
        return sk_read_html(r, out);
    case SK_FORMAT_WARC:
        return sk_read_warc(r, out);
    default:
        return read_text(r, out);
    }
}

size_t sk_reader_skipped(const sk_reader_t *r) {
    return r->skipped;
}
size_t sk_reader_repaired(const sk_reader_t *r) {
    return r->repaired;
}

void sk_reader_destroy(sk_reader_t *r) {
    if (!r) return;
    if (r->in.gz) gzclose(r->in.gz);
    free(r->in.buf);
    free(r->scratch);
    free(r->path);
    free(r);
}
