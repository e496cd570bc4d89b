/* sukien code / sukien mentions — recognition and event coding as JSON Lines. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_parallel.h"
#include "cli_util.h"
#include "coder.h"
#include "commands.h"
#include "mention.h"

static const char CODE_USAGE[] =
    "usage: sukien code [--jobs N] [--format FMT] [--no-persons] [--quiet] [FILE...]\n"
    "\n"
    "Codes contact events (MEET, VISIT, CALL, MESSAGE, AGREEMENT) in each article and\n"
    "writes JSON Lines: one event per line as in shared/spec/events.md, then one\n"
    "{\"doc\", \"persons\": [...]} line per article. Deterministic: the same input\n"
    "gives the same bytes out, whatever the number of jobs.\n"
    "\n"
    "  -j, --jobs N       code on N threads (1..256, default 1); output stays in input\n"
    "                     order, byte-identical to --jobs 1\n"
    "  -f, --format FMT   auto (default), text, jsonl, html, warc\n"
    "      --no-persons   do not write the per-article persons lines\n"
    "  -q, --quiet        do not report repaired records\n"
    "Environment: SUKIEN_DATA = lexicon directory (default: data/ of the checkout).\n";

static const char MENTIONS_USAGE[] =
    "usage: sukien mentions [--jobs N] [--format FMT] [--quiet] [FILE...]\n"
    "\n"
    "Writes one JSON object per article: doc and mentions, each with kind (person,\n"
    "title, org, country, place, date), text, canonical form, attributes and byte span\n"
    "[start, end] into the cleaned text (see `sukien clean`).\n"
    "\n"
    "  -j, --jobs N       work on N threads (1..256, default 1); same bytes out\n"
    "  -f, --format FMT   auto (default), text, jsonl, html, warc\n"
    "  -q, --quiet        do not report repaired records\n";

typedef struct {
    const sk_lexicon_t *lex;
    int persons;
    int mentions_mode;
} code_ctx_t;

static void put_line(FILE *f, char *s) {
    if (!s) return;
    fputs(s, f);
    fputc('\n', f);
    free(s);
}

static json_t *str_or_null(const char *s) {
    return s ? json_string(s) : json_null();
}

/* The mentions of an article or of one slice of it (offsets + base). */
static void write_mentions(FILE *f, const sk_article_t *a, uint32_t base) {
    const sk_mentions_t *m = a->mentions;
    json_t *o = json_object();
    json_object_set_new(o, "doc", str_or_null(a->doc));
    json_t *arr = json_array();
    for (size_t i = 0; m && i < m->n; i++) {
        const sk_mention_t *x = &m->items[i];
        json_t *mo = json_object();
        json_object_set_new(mo, "kind", json_string(sk_mention_kind_name(x->kind)));
        json_object_set_new(mo, "text", json_stringn(a->text + x->start, x->end - x->start));
        json_object_set_new(mo, "canonical", str_or_null(x->canonical));
        if (x->country) json_object_set_new(mo, "country", json_string(x->country));
        if (x->org) json_object_set_new(mo, "org", json_string(x->org));
        if (x->person >= 0 && m->persons.n > (size_t)x->person)
            json_object_set_new(mo, "person", json_string(m->persons.items[x->person].name));
        if (x->coref) json_object_set_new(mo, "coref", json_true());
        json_object_set_new(
            mo, "span",
            json_pack("[II]", (json_int_t)(x->start + base), (json_int_t)(x->end + base)));
        json_array_append_new(arr, mo);
    }
    json_object_set_new(o, "mentions", arr);
    put_line(f, json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER));
    json_decref(o);
}

typedef struct {
    const code_ctx_t *ctx;
    cli_out_t *o;
    sk_jsonw_t w;
} code_out_t;

static void flush_json(code_out_t *co) {
    if (co->w.err & SK_JSONW_NOMEM) {
        fputs("sukien: out of memory\n", stderr);
        exit(SK_EXIT_FAIL);
    }
    if (co->w.n) cli_out_write(co->o, co->w.p, co->w.n);
    co->w.n = 0;
}

/* Write what one coded article, or one slice of a long one, found: its
 * events (or, for `sukien mentions`, its mentions) as soon as they exist, so
 * that a slice's results need not be kept until the article ends. */
static int write_slice(void *vco, const sk_article_t *slice, uint32_t base) {
    code_out_t *co = vco;
    if (co->ctx->mentions_mode) {
        write_mentions(cli_out_stream(co->o), slice, base);
        return SK_OK;
    }
    const sk_events_t *ev = slice->events;
    for (size_t i = 0; ev && i < ev->n; i++) {
        sk_event_t e = ev->items[i];
        e.evidence_start += base;
        e.evidence_end += base;
        sk_event_write_json(&co->w, slice, &e);
    }
    flush_json(co);
    return SK_OK;
}

/* One article, on any thread: everything it prints goes to o. */
static void code_one(void *vctx, sk_article_t *a, cli_out_t *o) {
    code_out_t co = {.ctx = vctx, .o = o};
    /* `sukien code` writes events and persons: the mentions only they read are made */
    unsigned opts = co.ctx->mentions_mode ? 0 : SK_CODE_EVENTS_ONLY;
    int rc = sk_code_article_stream_opts(co.ctx->lex, a, opts, write_slice, &co);
    if (rc < 0) {
        sk_diag_t d = {SK_DIAG_ERROR, rc, a->source, a->source_line, a->doc, sk_strerror(rc)};
        cli_out_diag(o, &d);
        o->skipped++;
        sk_jsonw_free(&co.w);
        return;
    }
    if (co.ctx->persons && !co.ctx->mentions_mode) {
        sk_persons_write_json(&co.w, a);
        flush_json(&co);
    }
    sk_jsonw_free(&co.w);
}

static int run(int argc, char **argv, int mentions_mode) {
    static const struct option longopts[] = {
        {"format", required_argument, 0, 'f'}, {"quiet", no_argument, 0, 'q'},
        {"no-persons", no_argument, 0, 'P'},   {"jobs", required_argument, 0, 'j'},
        {"help", no_argument, 0, 'h'},         {0, 0, 0, 0}};
    const char *usage = mentions_mode ? MENTIONS_USAGE : CODE_USAGE;
    cli_status_t st = {0};
    code_ctx_t ctx = {.persons = 1, .mentions_mode = mentions_mode};
    int format = SK_FORMAT_AUTO, jobs = 1, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if ((format = cli_parse_format(optarg)) < 0) {
                fprintf(stderr, "sukien: unknown format '%s'\n", optarg);
                return SK_EXIT_USAGE;
            }
            break;
        case 'j': {
            char *end = NULL;
            long n = strtol(optarg, &end, 10);
            if (!*optarg || *end || n < 1 || n > 256) {
                fprintf(stderr, "sukien: --jobs must be 1..256\n");
                return SK_EXIT_USAGE;
            }
            jobs = (int)n;
            break;
        }
        case 'q':
            st.quiet = 1;
            break;
        case 'P':
            ctx.persons = 0;
            break;
        case 'h':
            fputs(usage, stdout);
            return SK_EXIT_OK;
        default:
            fputs(usage, stderr);
            return SK_EXIT_USAGE;
        }
    }
    sk_lexicon_t *lex = NULL;
    const char *dir = cli_data_dir();
    if (sk_lexicon_load(dir, cli_print_diag, &st, &lex) != SK_OK) {
        fprintf(stderr, "sukien: cannot load the lexicon from %s\n", dir);
        return SK_EXIT_FAIL;
    }
    ctx.lex = lex;
    int rc = cli_for_each_article_parallel(argv + optind, argc - optind, (sk_format_t)format, jobs,
                                           &st, code_one, &ctx);
    fflush(stdout);
    sk_lexicon_destroy(lex);
    if (rc < 0) {
        fprintf(stderr, "sukien: cannot start %d threads\n", jobs);
        return SK_EXIT_FAIL;
    }
    return cli_exit_code(&st);
}

int cmd_code(int argc, char **argv) {
    return run(argc, argv, 0);
}

int cmd_mentions(int argc, char **argv) {
    return run(argc, argv, 1);
}
