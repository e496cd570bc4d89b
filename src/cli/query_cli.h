/* query_cli.h — plumbing shared by the store's query commands (events,
 * person, search, export): --db, event filters, opening read-only. */
#ifndef SK_QUERY_CLI_H
#define SK_QUERY_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "store.h"

/* Long options for event filters; values >= 1000 so they do not clash. */
enum {
    QOPT_DB = 1000,
    QOPT_COUNTRY,
    QOPT_PERSON,
    QOPT_ORG,
    QOPT_TYPE,
    QOPT_SINCE,
    QOPT_UNTIL,
    QOPT_BETWEEN,
    QOPT_DOC,
    QOPT_QUERY,
    QOPT_PLANNED,
    QOPT_SORT,
    QOPT_LIMIT,
    QOPT_OFFSET,
};

#define QUERY_LONGOPTS                                                                             \
    {"db", required_argument, 0, QOPT_DB}, {"country", required_argument, 0, QOPT_COUNTRY},        \
        {"person", required_argument, 0, QOPT_PERSON}, {"org", required_argument, 0, QOPT_ORG},    \
        {"type", required_argument, 0, QOPT_TYPE}, {"since", required_argument, 0, QOPT_SINCE},    \
        {"until", required_argument, 0, QOPT_UNTIL},                                               \
        {"between", required_argument, 0, QOPT_BETWEEN}, {"doc", required_argument, 0, QOPT_DOC},  \
        {"query", required_argument, 0, QOPT_QUERY}, {"planned", no_argument, 0, QOPT_PLANNED},    \
        {"sort", required_argument, 0, QOPT_SORT}, {"limit", required_argument, 0, QOPT_LIMIT}, {  \
        "offset", required_argument, 0, QOPT_OFFSET                                                \
    }

#define QUERY_FILTER_HELP                                                                          \
    "  --db TARGET        SQLite file (default: sukien.db) or postgresql://... URL\n"              \
    "  --country ISO3     events with this country (or IO acronym) on either side\n"               \
    "  --person NAME      events with this person (with or without diacritics)\n"                  \
    "  --org NAME         events with this organisation\n"                                         \
    "  --type TYPE        MEET, VISIT, CALL, MESSAGE or AGREEMENT\n"                               \
    "  --since DATE       from this date (2024, 2024-10 or 2024-10-07), inclusive\n"               \
    "  --until DATE       up to this date, inclusive\n"                                            \
    "  --between A B      contacts between A and B (country codes, persons or organisations)\n"    \
    "  --doc ID           events reported by this article\n"                                       \
    "  --query TEXT       events whose actors, titles or evidence contain TEXT\n"                  \
    "  --planned          include planned (not yet occurred) events\n"                             \
    "  --sort KEY         date (default), -date, articles, id\n"                                   \
    "  --limit N, --offset N   paging\n"

typedef struct query_cli {
    const char *db;
    sk_event_filter_t f;
} query_cli_t;

/* Handle one filter option; returns 1 if handled, 0 if not a filter option,
 * -1 on a usage error (message printed). Needs argv for --between's second value. */
int query_cli_opt(query_cli_t *q, int c, const char *arg, int argc, char **argv);

/* Open the store read-only; prints the reason and returns NULL on failure. */
sk_store_t *query_cli_open(const query_cli_t *q);

/* Writer for sk_store_export into a FILE*. */
int query_cli_write(void *ctx, const char *buf, size_t len);

/* Print a JSON value (pretty when `pretty`) and a newline. */
void query_cli_print_json(json_t *v, int pretty);

/* Display width (code points) aware padding/truncation of UTF-8. */
void query_cli_cell(FILE *out, const char *s, int width);

#endif
