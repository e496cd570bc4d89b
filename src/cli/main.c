/* sukien — command-line entry point: dispatches git-style subcommands. */
#include <stdio.h>
#include <string.h>

#include "commands.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command_t;

static const command_t COMMANDS[] = {
    {"clean", cmd_clean, "extract main text and sentences from articles (JSON Lines out)"},
    {"mentions", cmd_mentions, "find persons, titles, organisations, places and dates"},
    {"code", cmd_code, "code contact events (JSON Lines out, as shared/spec/events.md)"},
    {"ingest", cmd_ingest, "code articles and store them in a knowledge base (SQLite/PostgreSQL)"},
    {"events", cmd_events, "list stored events with filters (table, jsonl, csv, tsv)"},
    {"person", cmd_person, "a person's offices over time, articles and contacts"},
    {"search", cmd_search, "full-text search (with or without diacritics)"},
    {"export", cmd_export, "export events: jsonl, csv, tsv, gdelt, plover, graphml"},
    {"merge", cmd_merge, "merge event JSON Lines from many articles into events"},
    {"serve", cmd_serve, "web page and JSON API over a store (read-only, local)"},
};

static void usage(FILE *out) {
    fprintf(out, "usage: sukien <command> [options] [FILE...]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(out, "  %-10s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(out, "  %-10s %s\n", "help", "show this help, or `sukien help <command>`");
    fprintf(out,
            "\nInputs: plain-text pages, JSON Lines (id, url, outlet, published, title, text),\n"
            "HTML pages and WARC files (plain or gzip); `-` or nothing reads standard input.\n"
            "\nexit codes:\n"
            "  0  everything processed\n"
            "  1  finished, but some input was skipped or repaired (details on stderr)\n"
            "  2  bad command line\n"
            "  3  could not run (missing data, unreadable store, I/O failure)\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return SK_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "help") || !strcmp(name, "--help") || !strcmp(name, "-h")) {
        if (argc > 2) {
            for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
                if (!strcmp(argv[2], COMMANDS[i].name)) {
                    char *args[] = {argv[2], "--help", NULL};
                    return COMMANDS[i].run(2, args);
                }
            fprintf(stderr, "sukien: unknown command '%s'\n", argv[2]);
            return SK_EXIT_USAGE;
        }
        usage(stdout);
        return SK_EXIT_OK;
    }
    if (!strcmp(name, "--version")) {
        puts("sukien 0.1");
        return SK_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (!strcmp(name, COMMANDS[i].name)) return COMMANDS[i].run(argc - 1, argv + 1);
    fprintf(stderr, "sukien: unknown command '%s' (see `sukien help`)\n", name);
    return SK_EXIT_USAGE;
}
