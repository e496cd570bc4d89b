/* sukien clean — main text and sentences of each article, as JSON Lines. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli_util.h"
#include "commands.h"

static const char CLEAN_USAGE[] =
    "usage: sukien clean [--format FMT] [--quiet] [FILE...]\n"
    "\n"
    "Reads articles (plain-text pages, JSON Lines, HTML, WARC; `-` or nothing = stdin)\n"
    "and writes one JSON object per article:\n"
    "  doc, title, published, url, outlet, text, sentences ([[start, end], ...] byte\n"
    "  offsets into text).\n"
    "\n"
    "  -f, --format FMT   auto (default), text, jsonl, html, warc\n"
    "  -q, --quiet        do not report repaired records (skipped ones are always reported)\n";

static json_t *str_or_null(const char *s) {
    return s ? json_string(s) : json_null();
}

static int write_clean(void *ctx, sk_article_t *a) {
    (void)ctx;
    json_t *o = json_object();
    json_object_set_new(o, "doc", str_or_null(a->doc));
    json_object_set_new(o, "title", str_or_null(a->title));
    json_object_set_new(o, "published", str_or_null(a->published));
    json_object_set_new(o, "url", str_or_null(a->url));
    json_object_set_new(o, "outlet", str_or_null(a->outlet));
    json_object_set_new(o, "text", json_stringn(a->text, a->text_len));
    json_t *ss = json_array();
    for (size_t i = 0; i < a->n_sentences; i++)
        json_array_append_new(ss, json_pack("[II]", (json_int_t)a->sentences[i].start,
                                            (json_int_t)a->sentences[i].end));
    json_object_set_new(o, "sentences", ss);
    json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    json_decref(o);
    return 0;
}

int cmd_clean(int argc, char **argv) {
    static const struct option longopts[] = {{"format", required_argument, 0, 'f'},
                                             {"quiet", no_argument, 0, 'q'},
                                             {"help", no_argument, 0, 'h'},
                                             {0, 0, 0, 0}};
    cli_status_t st = {0};
    int format = SK_FORMAT_AUTO, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if ((format = cli_parse_format(optarg)) < 0) {
                fprintf(stderr, "sukien clean: unknown format '%s'\n", optarg);
                return SK_EXIT_USAGE;
            }
            break;
        case 'q': st.quiet = 1; break;
        case 'h': fputs(CLEAN_USAGE, stdout); return SK_EXIT_OK;
        default: fputs(CLEAN_USAGE, stderr); return SK_EXIT_USAGE;
        }
    }
    cli_for_each_article(argv + optind, argc - optind, (sk_format_t)format, &st, write_clean, NULL);
    fflush(stdout);
    return cli_exit_code(&st);
}
