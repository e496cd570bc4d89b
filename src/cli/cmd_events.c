/* sukien events — list stored events with filters; plus the helpers shared
 * by the other query commands (query_cli.h). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "query_cli.h"

/* ---------------------------------------------------------------- helpers */

int query_cli_opt(query_cli_t *q, int c, const char *arg, int argc, char **argv) {
    switch (c) {
    case QOPT_DB:
        q->db = arg;
        return 1;
    case QOPT_COUNTRY:
        q->f.country = arg;
        return 1;
    case QOPT_PERSON:
        q->f.person = arg;
        return 1;
    case QOPT_ORG:
        q->f.org = arg;
        return 1;
    case QOPT_TYPE:
        if (sk_event_type_parse(arg) < 0) {
            fprintf(stderr, "sukien: unknown event type '%s' (MEET VISIT CALL MESSAGE AGREEMENT)\n",
                    arg);
            return -1;
        }
        q->f.type = arg;
        return 1;
    case QOPT_SINCE:
        q->f.since = arg;
        return 1;
    case QOPT_UNTIL:
        q->f.until = arg;
        return 1;
    case QOPT_BETWEEN:
        if (optind >= argc || argv[optind][0] == '-') {
            fprintf(stderr, "sukien: --between needs two values: --between A B\n");
            return -1;
        }
        q->f.between_a = arg;
        q->f.between_b = argv[optind++];
        return 1;
    case QOPT_DOC:
        q->f.doc = arg;
        return 1;
    case QOPT_QUERY:
        q->f.query = arg;
        return 1;
    case QOPT_PLANNED:
        q->f.include_planned = 1;
        return 1;
    case QOPT_SORT:
        if (strcmp(arg, "date") && strcmp(arg, "-date") && strcmp(arg, "articles") &&
            strcmp(arg, "id")) {
            fprintf(stderr, "sukien: unknown sort '%s' (date, -date, articles, id)\n", arg);
            return -1;
        }
        q->f.sort = arg;
        return 1;
    case QOPT_LIMIT:
        q->f.limit = atol(arg);
        return 1;
    case QOPT_OFFSET:
        q->f.offset = atol(arg);
        return 1;
    default:
        return 0;
    }
}

sk_store_t *query_cli_open(const query_cli_t *q) {
    sk_store_t *s = NULL;
    char err[1024] = "";
    int rc = sk_store_open(q->db, SK_STORE_READONLY, &s, err, sizeof err);
    if (rc != SK_OK) {
        fprintf(stderr, "sukien: cannot open store %s: %s\n", q->db ? q->db : "sukien.db", err);
        if (rc == SK_ENOTFOUND) fprintf(stderr, "sukien: run `sukien ingest FILE...` first\n");
        return NULL;
    }
    return s;
}

int query_cli_write(void *ctx, const char *buf, size_t len) {
    return fwrite(buf, 1, len, ctx) != len;
}

void query_cli_print_json(json_t *v, int pretty) {
    char *s = json_dumps(v, (pretty ? JSON_INDENT(2) : JSON_COMPACT) | JSON_PRESERVE_ORDER);
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
    }
    free(s);
}

void query_cli_cell(FILE *out, const char *s, int width) {
    if (!s) s = "";
    int w = 0;
    const char *p = s;
    while (*p && w < width) {
        const char *q = p + 1;
        while (((unsigned char)*q & 0xC0) == 0x80)
            q++;
        if (w == width - 1 && *q) {
            fputs("…", out);
            w++;
            p = q;
            while (*p)
                p++;
            break;
        }
        fwrite(p, 1, (size_t)(q - p), out);
        w++;
        p = q;
    }
    for (; w < width; w++)
        fputc(' ', out);
}

/* ---------------------------------------------------------------- events */

static const char USAGE[] =
    "usage: sukien events [FILTERS] [--format table|jsonl|json|csv|tsv]\n"
    "       sukien events --id EVENT_ID         one event with all reporting articles\n"
    "       sukien events --timeline type|country [FILTERS]\n"
    "       sukien events --network country|org|person [FILTERS]\n"
    "       sukien events --stats\n"
    "\n"
    "Lists the events of the store, oldest first (undated last). Each line is one\n"
    "real-world contact merged across all the articles that report it.\n"
    "\n" QUERY_FILTER_HELP
    "  --format FMT       table (default), jsonl (one event per line), json (one\n"
    "                     object with total and paging), csv, tsv\n";

static const char *side_label(json_t *side, char *buf, size_t cap) {
    const char *country = json_string_value(json_object_get(side, "country"));
    json_t *lead = json_array_get(json_object_get(side, "actors"), 0);
    const char *name = json_string_value(json_object_get(lead, "name"));
    snprintf(buf, cap, "%s%s%s", country ? country : "", country && name ? " " : "",
             name ? name : "");
    return buf;
}

static int print_table_row(void *ctx, json_t *ev) {
    char a[512], b[512];
    const char *date = json_string_value(json_object_get(ev, "date"));
    query_cli_cell(stdout, date ? date : "-", 11);
    fputc(' ', stdout);
    query_cli_cell(stdout, json_string_value(json_object_get(ev, "type")), 9);
    fputc(' ', stdout);
    json_t *sides = json_object_get(ev, "sides");
    query_cli_cell(stdout, side_label(json_array_get(sides, 0), a, sizeof a), 28);
    fputc(' ', stdout);
    query_cli_cell(stdout, side_label(json_array_get(sides, 1), b, sizeof b), 28);
    printf(" %4lld  %s\n", (long long)json_integer_value(json_object_get(ev, "n_articles")),
           json_string_value(json_object_get(ev, "id")));
    return ferror(stdout) != 0;
}

static int print_jsonl_row(void *ctx, json_t *ev) {
    query_cli_print_json(ev, 0);
    return ferror(stdout) != 0;
}

int cmd_events(int argc, char **argv) {
    static const struct option longopts[] = {QUERY_LONGOPTS,
                                             {"format", required_argument, 0, 'F'},
                                             {"id", required_argument, 0, 'I'},
                                             {"timeline", required_argument, 0, 'T'},
                                             {"network", required_argument, 0, 'W'},
                                             {"stats", no_argument, 0, 'S'},
                                             {"help", no_argument, 0, 'h'},
                                             {0, 0, 0, 0}};
    query_cli_t q = {0};
    const char *format = "table", *id = NULL, *timeline = NULL, *network = NULL;
    int stats = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        int h = query_cli_opt(&q, c, optarg, argc, argv);
        if (h < 0) return SK_EXIT_USAGE;
        if (h) continue;
        switch (c) {
        case 'F':
            format = optarg;
            break;
        case 'I':
            id = optarg;
            break;
        case 'T':
            timeline = optarg;
            break;
        case 'W':
            network = optarg;
            break;
        case 'S':
            stats = 1;
            break;
        case 'h':
            fputs(USAGE, stdout);
            return SK_EXIT_OK;
        default:
            fputs(USAGE, stderr);
            return SK_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "sukien: events takes no file arguments (use --db)\n");
        return SK_EXIT_USAGE;
    }
    int fmt_ok = !strcmp(format, "table") || !strcmp(format, "jsonl") || !strcmp(format, "json") ||
                 !strcmp(format, "csv") || !strcmp(format, "tsv");
    if (!fmt_ok) {
        fprintf(stderr, "sukien: unknown format '%s' (table, jsonl, json, csv, tsv)\n", format);
        return SK_EXIT_USAGE;
    }
    if (timeline && strcmp(timeline, "type") && strcmp(timeline, "country")) {
        fprintf(stderr, "sukien: --timeline takes type or country\n");
        return SK_EXIT_USAGE;
    }
    sk_network_level_t level = SK_NET_COUNTRY;
    if (network) {
        if (!strcmp(network, "org"))
            level = SK_NET_ORG;
        else if (!strcmp(network, "person"))
            level = SK_NET_PERSON;
        else if (strcmp(network, "country")) {
            fprintf(stderr, "sukien: --network takes country, org or person\n");
            return SK_EXIT_USAGE;
        }
    }
    sk_store_t *s = query_cli_open(&q);
    if (!s) return SK_EXIT_FAIL;
    int rc = SK_OK;
    json_t *out = NULL;
    if (stats) {
        rc = sk_store_stats(s, &out);
    } else if (id) {
        rc = sk_store_event(s, id, &out);
    } else if (timeline) {
        rc = sk_store_timeline(
            s, &q.f, !strcmp(timeline, "country") ? SK_TIMELINE_COUNTRY : SK_TIMELINE_TYPE, &out);
    } else if (network) {
        rc = sk_store_network(s, &q.f, level, 1, &out);
    } else if (!strcmp(format, "json")) {
        rc = sk_store_events(s, &q.f, &out);
    } else if (!strcmp(format, "csv") || !strcmp(format, "tsv")) {
        rc = sk_store_export(s, &q.f, !strcmp(format, "csv") ? SK_EXPORT_CSV : SK_EXPORT_TSV,
                             SK_NET_COUNTRY, query_cli_write, stdout);
    } else if (!strcmp(format, "jsonl")) {
        rc = sk_store_events_each(s, &q.f, print_jsonl_row, NULL);
    } else {
        printf("%-11s %-9s %-28s %-28s %4s  %s\n", "DATE", "TYPE", "SIDE A", "SIDE B", "ARTS",
               "ID");
        rc = sk_store_events_each(s, &q.f, print_table_row, NULL);
    }
    if (out) {
        query_cli_print_json(out, id || stats || isatty(1));
        json_decref(out);
    }
    if (rc == SK_ENOTFOUND) {
        fprintf(stderr, "sukien: no event %s\n", id ? id : "");
        sk_store_close(s);
        return SK_EXIT_PARTIAL;
    }
    if (rc != SK_OK) fprintf(stderr, "sukien: %s: %s\n", sk_strerror(rc), sk_store_errmsg(s));
    sk_store_close(s);
    fflush(stdout);
    return rc == SK_OK ? SK_EXIT_OK : SK_EXIT_FAIL;
}
