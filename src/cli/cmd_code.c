/* sukien code / sukien mentions — recognition and event coding as JSON Lines. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"
#include "coder.h"
#include "commands.h"
#include "mention.h"

static const char CODE_USAGE[] =
    "usage: sukien code [--format FMT] [--no-persons] [--quiet] [FILE...]\n"
    "\n"
    "Codes contact events (MEET, VISIT, CALL, MESSAGE, AGREEMENT) in each article and\n"
    "writes JSON Lines: one event per line as in shared/spec/events.md, then one\n"
    "{\"doc\", \"persons\": [...]} line per article. Deterministic: the same input\n"
    "gives the same bytes out.\n"
    "\n"
    "  -f, --format FMT   auto (default), text, jsonl, html, warc\n"
    "      --no-persons   do not write the per-article persons lines\n"
    "  -q, --quiet        do not report repaired records\n"
    "Environment: SUKIEN_DATA = lexicon directory (default: data/ of the checkout).\n";

static const char MENTIONS_USAGE[] =
    "usage: sukien mentions [--format FMT] [--quiet] [FILE...]\n"
    "\n"
    "Writes one JSON object per article: doc and mentions, each with kind (person,\n"
    "title, org, country, place, date), text, canonical form, attributes and byte span\n"
    "[start, end] into the cleaned text (see `sukien clean`).\n";

typedef struct {
    const sk_lexicon_t *lex;
    int persons;
    int mentions_mode;
    cli_status_t *st;
    sk_jsonw_t out; /* event and persons lines, flushed to stdout in 64 KB pieces */
} code_ctx_t;

static void flush_out(sk_jsonw_t *w) {
    if (w->n) fwrite(w->p, 1, w->n, stdout);
    w->n = 0;
}

static void put_line(char *s) {
    if (!s) return;
    fputs(s, stdout);
    fputc('\n', stdout);
    free(s);
}

static json_t *str_or_null(const char *s) {
    return s ? json_string(s) : json_null();
}

static void write_mentions(const sk_article_t *a) {
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
        json_object_set_new(mo, "span",
                            json_pack("[II]", (json_int_t)x->start, (json_int_t)x->end));
        json_array_append_new(arr, mo);
    }
    json_object_set_new(o, "mentions", arr);
    put_line(json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER));
    json_decref(o);
}

static int code_one(void *vctx, sk_article_t *a) {
    code_ctx_t *ctx = vctx;
    int rc = sk_code_article(ctx->lex, a);
    if (rc < 0) {
        sk_diag_t d = {SK_DIAG_ERROR, rc, a->source, a->source_line, a->doc, sk_strerror(rc)};
        cli_print_diag(ctx->st, &d);
        ctx->st->skipped++;
        return 0;
    }
    if (ctx->mentions_mode) {
        write_mentions(a);
        return 0;
    }
    const sk_events_t *ev = sk_article_events(a);
    sk_jsonw_t *w = &ctx->out;
    for (size_t i = 0; ev && i < ev->n; i++)
        sk_event_write_json(w, a, &ev->items[i]);
    if (ctx->persons) sk_persons_write_json(w, a);
    if (w->err & SK_JSONW_NOMEM) {
        fputs("sukien: out of memory\n", stderr);
        exit(SK_EXIT_FAIL);
    }
    if (w->n >= (1 << 16)) flush_out(w);
    return 0;
}

static int run(int argc, char **argv, int mentions_mode) {
    static const struct option longopts[] = {{"format", required_argument, 0, 'f'},
                                             {"quiet", no_argument, 0, 'q'},
                                             {"no-persons", no_argument, 0, 'P'},
                                             {"help", no_argument, 0, 'h'},
                                             {0, 0, 0, 0}};
    const char *usage = mentions_mode ? MENTIONS_USAGE : CODE_USAGE;
    cli_status_t st = {0};
    code_ctx_t ctx = {.persons = 1, .mentions_mode = mentions_mode, .st = &st};
    int format = SK_FORMAT_AUTO, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if ((format = cli_parse_format(optarg)) < 0) {
                fprintf(stderr, "sukien: unknown format '%s'\n", optarg);
                return SK_EXIT_USAGE;
            }
            break;
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
    cli_for_each_article(argv + optind, argc - optind, (sk_format_t)format, &st, code_one, &ctx);
    flush_out(&ctx.out);
    sk_jsonw_free(&ctx.out);
    fflush(stdout);
    sk_lexicon_destroy(lex);
    return cli_exit_code(&st);
}

int cmd_code(int argc, char **argv) {
    return run(argc, argv, 0);
}

int cmd_mentions(int argc, char **argv) {
    return run(argc, argv, 1);
}
