/* reader.c — reader dispatch plus the plain-text and JSON Lines readers.
 * (Initial version; HTML and WARC readers live in their own files.) */
#include "reader.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

struct sk_reader {
    FILE *fp;
    int owns_fp;
    char *path;
    sk_reader_opts_t opts;
    sk_format_t format;
    long line;
    int done;
    size_t skipped, repaired;
    char *buf;
    size_t cap;
};

sk_format_t sk_format_guess(const char *path, const unsigned char *head, size_t n) {
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (dot) {
        if (!strcasecmp(dot, ".jsonl") || !strcasecmp(dot, ".json") || !strcasecmp(dot, ".ndjson"))
            return SK_FORMAT_JSONL;
        if (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm")) return SK_FORMAT_HTML;
        if (!strcasecmp(dot, ".warc")) return SK_FORMAT_WARC;
        if (!strcasecmp(dot, ".gz") && strstr(path, ".warc")) return SK_FORMAT_WARC;
        if (!strcasecmp(dot, ".txt")) return SK_FORMAT_TEXT;
    }
    size_t i = 0;
    while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) i++;
    if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b) return SK_FORMAT_WARC;
    if (n - i >= 5 && !memcmp(head + i, "WARC/", 5)) return SK_FORMAT_WARC;
    if (i < n && head[i] == '{') return SK_FORMAT_JSONL;
    if (i < n && head[i] == '<') return SK_FORMAT_HTML;
    return SK_FORMAT_TEXT;
}

int sk_reader_open(const char *path, const sk_reader_opts_t *opts, sk_reader_t **out) {
    *out = NULL;
    sk_reader_t *r = calloc(1, sizeof *r);
    if (!r) return SK_ENOMEM;
    r->opts = *opts;
    if (!r->opts.max_record_bytes) r->opts.max_record_bytes = 256u << 20;
    r->path = strdup(path);
    if (!strcmp(path, "-")) {
        r->fp = stdin;
    } else {
        r->fp = fopen(path, "rb");
        r->owns_fp = 1;
        if (!r->fp) {
            sk_diag_report(opts->diag, opts->diag_ctx, SK_DIAG_ERROR, SK_EIO, path, 0, NULL,
                           "cannot open: %m");
            free(r->path);
            free(r);
            return SK_EIO;
        }
    }
    r->format = opts->format;
    if (r->format == SK_FORMAT_AUTO) {
        int ch = getc(r->fp);
        unsigned char head[8] = {0};
        size_t n = 0;
        if (ch != EOF) {
            head[n++] = (unsigned char)ch;
            ungetc(ch, r->fp);
        }
        r->format = sk_format_guess(strcmp(path, "-") ? path : NULL, head, n);
    }
    *out = r;
    return SK_OK;
}

static const char *base_name_no_ext(sk_arena_t *arena, const char *path) {
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return sk_arena_strndup(arena, base, len);
}

static int read_text(sk_reader_t *r, sk_article_t **out) {
    size_t len = 0;
    for (;;) {
        if (r->cap - len < 65536) {
            size_t ncap = r->cap ? r->cap * 2 : 1 << 17; /* grows; most pages are small */
            char *nb = realloc(r->buf, ncap);
            if (!nb) return SK_ENOMEM;
            r->buf = nb;
            r->cap = ncap;
        }
        size_t n = fread(r->buf + len, 1, r->cap - len, r->fp);
        len += n;
        if (n == 0) break;
    }
    r->done = 1;
    sk_article_t *a = sk_article_new();
    if (!a) return SK_ENOMEM;
    a->format = SK_FORMAT_TEXT;
    a->source = sk_arena_strdup(a->arena, r->path);
    a->source_line = 1;
    a->doc = base_name_no_ext(a->arena, r->path);
    if (len == 0) {
        sk_diag_report(r->opts.diag, r->opts.diag_ctx, SK_DIAG_ERROR, SK_EEMPTY, r->path, 0, NULL,
                       "empty file");
        r->skipped++;
        sk_article_destroy(a);
        return 0;
    }
    if (sk_article_set_raw(a, r->buf, len, r->opts.diag, r->opts.diag_ctx) > 0) r->repaired++;
    *out = a;
    return 1;
}

static const char *json_str(json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int read_jsonl(sk_reader_t *r, sk_article_t **out) {
    for (;;) {
        ssize_t n = getline(&r->buf, &r->cap, r->fp);
        if (n < 0) {
            r->done = 1;
            return 0;
        }
        r->line++;
        size_t len = (size_t)n;
        while (len && (r->buf[len - 1] == '\n' || r->buf[len - 1] == '\r')) len--;
        size_t i = 0;
        while (i < len && (r->buf[i] == ' ' || r->buf[i] == '\t')) i++;
        if (i == len) continue;
        json_error_t err;
        json_t *o = json_loadb(r->buf, len, 0, &err);
        if (!o || !json_is_object(o)) {
            sk_diag_report(r->opts.diag, r->opts.diag_ctx, SK_DIAG_ERROR, SK_EFORMAT, r->path,
                           r->line, NULL, "not a JSON object: %s (column %d)",
                           o ? "not an object" : err.text, err.column);
            json_decref(o);
            r->skipped++;
            continue;
        }
        sk_article_t *a = sk_article_new();
        if (!a) {
            json_decref(o);
            return SK_ENOMEM;
        }
        a->format = SK_FORMAT_JSONL;
        a->source = sk_arena_strdup(a->arena, r->path);
        a->source_line = r->line;
        json_t *id = json_object_get(o, "id");
        if (!id) id = json_object_get(o, "doc");
        if (json_is_string(id))
            a->doc = sk_arena_strdup(a->arena, json_string_value(id));
        else if (json_is_integer(id))
            a->doc = sk_arena_printf(a->arena, "%lld", (long long)json_integer_value(id));
        else
            a->doc = sk_arena_printf(a->arena, "%s:%ld", r->path, r->line);
        a->title = sk_arena_strdup(a->arena, json_str(o, "title"));
        a->published = sk_arena_strdup(a->arena, json_str(o, "published"));
        a->url = sk_arena_strdup(a->arena, json_str(o, "url"));
        a->outlet = sk_arena_strdup(a->arena, json_str(o, "outlet"));
        a->corpus = sk_arena_strdup(a->arena, json_str(o, "corpus"));
        json_t *text = json_object_get(o, "text");
        if (!json_is_string(text)) {
            sk_diag_report(r->opts.diag, r->opts.diag_ctx, SK_DIAG_ERROR, SK_EFORMAT, r->path,
                           r->line, a->doc, "no \"text\" string field");
            json_decref(o);
            sk_article_destroy(a);
            r->skipped++;
            continue;
        }
        if (sk_article_set_raw(a, json_string_value(text), json_string_length(text),
                               r->opts.diag, r->opts.diag_ctx) > 0)
            r->repaired++;
        json_decref(o);
        *out = a;
        return 1;
    }
}

int sk_reader_next(sk_reader_t *r, sk_article_t **out) {
    *out = NULL;
    if (r->done) return 0;
    switch (r->format) {
    case SK_FORMAT_JSONL: return read_jsonl(r, out);
    case SK_FORMAT_TEXT: return read_text(r, out);
    default:
        sk_diag_report(r->opts.diag, r->opts.diag_ctx, SK_DIAG_ERROR, SK_EINVAL, r->path, 0, NULL,
                       "format %s not supported yet", sk_format_name(r->format));
        r->done = 1;
        r->skipped++;
        return 0;
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
    if (r->owns_fp && r->fp) fclose(r->fp);
    free(r->buf);
    free(r->path);
    free(r);
}
