/* sukien clean — main text and sentences of each article, as JSON Lines. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"
#include "commands.h"

static const char CLEAN_USAGE[] =
    "usage: sukien clean [--format FMT] [--max-record BYTES] [--quiet] [FILE...]\n"
    "\n"
    "Reads articles (plain-text pages, JSON Lines, HTML, WARC plain or gzip; `-` or\n"
    "nothing = stdin) and writes one JSON object per article:\n"
    "  doc, title, published, url, outlet, text (main text, one paragraph per line),\n"
    "  sentences ([[start, end], ...] byte offsets into text).\n"
    "\n"
    "  -f, --format FMT       auto (default), text, jsonl, html, warc\n"
    "  -m, --max-record N     skip records (JSONL lines, files, WARC records) larger\n"
    "                         than N bytes (suffix k, M, G; default 32M)\n"
    "  -q, --quiet            do not report repaired records (skipped ones are always\n"
    "                         reported)\n"
    "\n"
    "Bad input (invalid UTF-8, NUL bytes, binary or empty files, over-long lines,\n"
    "malformed JSON, truncated gzip or WARC) is reported on stderr with file and\n"
    "line or record number; the rest is processed and the exit code is 1.\n";

/* Output buffer with JSON string escaping (much faster than building a DOM). */
typedef struct {
    char *p;
    size_t n, cap;
} out_t;

static void out_reserve(out_t *o, size_t more) {
    if (o->n + more <= o->cap) return;
    size_t cap = o->cap ? o->cap : 1 << 16;
    while (cap < o->n + more)
        cap *= 2;
    char *np = realloc(o->p, cap);
    if (!np) {
        fputs("sukien clean: out of memory\n", stderr);
        exit(SK_EXIT_FAIL);
    }
    o->p = np;
    o->cap = cap;
}

static void out_raw(out_t *o, const char *s, size_t n) {
    out_reserve(o, n);
    memcpy(o->p + o->n, s, n);
    o->n += n;
}

static void out_str(out_t *o, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    out_reserve(o, n * 6 + 2);
    char *d = o->p + o->n;
    *d++ = '"';
    for (size_t i = 0; i < n; i++) {
        /* Eight plain bytes at a time: no quote, backslash or control. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            uint64_t q = w ^ 0x2222222222222222ull, b = w ^ 0x5C5C5C5C5C5C5C5Cull;
            uint64_t hi = 0x8080808080808080ull, lo = 0x0101010101010101ull;
            uint64_t special =
                ((q - lo) & ~q) | ((b - lo) & ~b) | ((w - 0x2020202020202020ull) & ~w);
            if (special & hi) break;
            memcpy(d, s + i, 8);
            d += 8;
            i += 8;
        }
        if (i >= n) break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            *d++ = (char)c;
            continue;
        }
        *d++ = '\\';
        switch (c) {
        case '"':
            *d++ = '"';
            break;
        case '\\':
            *d++ = '\\';
            break;
        case '\n':
            *d++ = 'n';
            break;
        case '\t':
            *d++ = 't';
            break;
        case '\r':
            *d++ = 'r';
            break;
        default:
            *d++ = 'u';
            *d++ = '0';
            *d++ = '0';
            *d++ = hex[c >> 4];
            *d++ = hex[c & 15];
        }
    }
    *d++ = '"';
    o->n = (size_t)(d - o->p);
}

static void out_field(out_t *o, const char *key, const char *v, int first) {
    if (!first) out_raw(o, ",", 1);
    out_str(o, key, strlen(key));
    out_raw(o, ":", 1);
    if (v)
        out_str(o, v, strlen(v));
    else
        out_raw(o, "null", 4);
}

static int write_clean(void *ctx, sk_article_t *a) {
    out_t *o = ctx;
    out_raw(o, "{", 1);
    out_field(o, "doc", a->doc, 1);
    out_field(o, "title", a->title, 0);
    out_field(o, "published", a->published, 0);
    out_field(o, "url", a->url, 0);
    out_field(o, "outlet", a->outlet, 0);
    out_raw(o, ",\"text\":", 8);
    out_str(o, a->text, a->text_len);
    out_raw(o, ",\"sentences\":[", 14);
    for (size_t i = 0; i < a->n_sentences; i++) {
        char num[48];
        int k = snprintf(num, sizeof num, "%s[%u,%u]", i ? "," : "", a->sentences[i].start,
                         a->sentences[i].end);
        out_raw(o, num, (size_t)k);
    }
    out_raw(o, "]}\n", 3);
    if (o->n >= (1 << 16)) {
        if (fwrite(o->p, 1, o->n, stdout) != o->n) return -1;
        o->n = 0;
    }
    return 0;
}

static int parse_size(const char *s, size_t *out) {
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s) return -1;
    switch (*end) {
    case 'k':
    case 'K':
        v <<= 10;
        end++;
        break;
    case 'm':
    case 'M':
        v <<= 20;
        end++;
        break;
    case 'g':
    case 'G':
        v <<= 30;
        end++;
        break;
    }
    if (*end || !v) return -1;
    *out = (size_t)v;
    return 0;
}

int cmd_clean(int argc, char **argv) {
    static const struct option longopts[] = {{"format", required_argument, 0, 'f'},
                                             {"max-record", required_argument, 0, 'm'},
                                             {"quiet", no_argument, 0, 'q'},
                                             {"help", no_argument, 0, 'h'},
                                             {0, 0, 0, 0}};
    cli_status_t st = {0};
    int format = SK_FORMAT_AUTO, c;
    size_t max_record = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:m:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if ((format = cli_parse_format(optarg)) < 0) {
                fprintf(stderr, "sukien clean: unknown format '%s'\n", optarg);
                return SK_EXIT_USAGE;
            }
            break;
        case 'm':
            if (parse_size(optarg, &max_record)) {
                fprintf(stderr, "sukien clean: bad size '%s'\n", optarg);
                return SK_EXIT_USAGE;
            }
            break;
        case 'q':
            st.quiet = 1;
            break;
        case 'h':
            fputs(CLEAN_USAGE, stdout);
            return SK_EXIT_OK;
        default:
            fputs(CLEAN_USAGE, stderr);
            return SK_EXIT_USAGE;
        }
    }
    out_t o = {0};
    st.max_record_bytes = max_record;
    cli_for_each_article(argv + optind, argc - optind, (sk_format_t)format, &st, write_clean, &o);
    if (o.n && fwrite(o.p, 1, o.n, stdout) != o.n) st.failed_files++;
    free(o.p);
    if (fflush(stdout) != 0) return SK_EXIT_FAIL;
    return cli_exit_code(&st);
}
