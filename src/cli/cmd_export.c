/* sukien export — the store's events in exchange formats. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "query_cli.h"

static const char USAGE[] =
    "usage: sukien export --format FMT [--level country|org|person] [-o FILE] [FILTERS]\n"
    "\n"
    "Writes the events (merged across articles) matching the filters:\n"
    "  jsonl     one event per line with every reporting article and its evidence\n"
    "  csv, tsv  one event per row, flat columns, header row\n"
    "  gdelt     GDELT 2.0 event table columns, tab-separated (docs/SCHEMA.md)\n"
    "  plover    POLECAT/PLOVER-style JSON Lines\n"
    "  graphml   actors and contacts as a graph for Gephi or networkx (--level)\n"
    "\n" QUERY_FILTER_HELP "  -o, --output FILE  write to FILE instead of standard output\n";

int cmd_export(int argc, char **argv) {
    static const struct option longopts[] = {QUERY_LONGOPTS,
                                             {"format", required_argument, 0, 'F'},
                                             {"level", required_argument, 0, 'L'},
                                             {"output", required_argument, 0, 'o'},
                                             {"help", no_argument, 0, 'h'},
                                             {0, 0, 0, 0}};
    query_cli_t q = {0};
    const char *format = NULL, *output = NULL;
    sk_network_level_t level = SK_NET_COUNTRY;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        int h = query_cli_opt(&q, c, optarg, argc, argv);
        if (h < 0) return SK_EXIT_USAGE;
        if (h) continue;
        switch (c) {
        case 'F':
            format = optarg;
            break;
        case 'L':
            if (!strcmp(optarg, "country"))
                level = SK_NET_COUNTRY;
            else if (!strcmp(optarg, "org"))
                level = SK_NET_ORG;
            else if (!strcmp(optarg, "person"))
                level = SK_NET_PERSON;
            else {
                fprintf(stderr, "sukien: --level takes country, org or person\n");
                return SK_EXIT_USAGE;
            }
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            fputs(USAGE, stdout);
            return SK_EXIT_OK;
        default:
            fputs(USAGE, stderr);
            return SK_EXIT_USAGE;
        }
    }
    int fmt = format ? sk_export_format_parse(format) : -1;
    if (fmt < 0) {
        fprintf(stderr, "sukien: --format must be jsonl, csv, tsv, gdelt, plover or graphml\n");
        return SK_EXIT_USAGE;
    }
    sk_store_t *s = query_cli_open(&q);
    if (!s) return SK_EXIT_FAIL;
    FILE *out = output ? fopen(output, "w") : stdout;
    if (!out) {
        fprintf(stderr, "sukien: cannot write %s\n", output);
        sk_store_close(s);
        return SK_EXIT_FAIL;
    }
    int rc = sk_store_export(s, &q.f, (sk_export_format_t)fmt, level, query_cli_write, out);
    if (rc != SK_OK)
        fprintf(stderr, "sukien: export: %s: %s\n", sk_strerror(rc), sk_store_errmsg(s));
    if (fflush(out) != 0) rc = SK_EIO;
    if (output && fclose(out) != 0) rc = SK_EIO;
    sk_store_close(s);
    return rc == SK_OK ? SK_EXIT_OK : SK_EXIT_FAIL;
}
