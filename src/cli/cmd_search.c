/* sukien search — diacritics-insensitive full-text search. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "query_cli.h"

static const char USAGE[] =
    "usage: sukien search [--db TARGET] [--format text|json] [--limit N] [--offset N] QUERY...\n"
    "\n"
    "Finds articles, events and persons containing QUERY as a phrase, with or without\n"
    "diacritics: \"to lam\" finds \"Tô Lâm\", \"dang cong san phap\" finds \"Đảng Cộng sản "
    "Pháp\".\n"
    "\n"
    "  --db TARGET     SQLite file (default: sukien.db) or postgresql://... URL\n"
    "  --format F      text (default) or json\n"
    "  --limit N       at most N of each kind (default 10; 0 = all)\n";

static const char *s_(json_t *o, const char *k) {
    const char *v = json_string_value(json_object_get(o, k));
    return v ? v : "";
}

int cmd_search(int argc, char **argv) {
    static const struct option longopts[] = {
        {"db", required_argument, 0, 'd'},    {"format", required_argument, 0, 'F'},
        {"limit", required_argument, 0, 'l'}, {"offset", required_argument, 0, 'o'},
        {"help", no_argument, 0, 'h'},        {0, 0, 0, 0}};
    query_cli_t q = {0};
    const char *format = "text";
    long limit = 10, offset = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            q.db = optarg;
            break;
        case 'F':
            format = optarg;
            break;
        case 'l':
            limit = atol(optarg);
            break;
        case 'o':
            offset = atol(optarg);
            break;
        case 'h':
            fputs(USAGE, stdout);
            return SK_EXIT_OK;
        default:
            fputs(USAGE, stderr);
            return SK_EXIT_USAGE;
        }
    }
    if (strcmp(format, "text") && strcmp(format, "json")) {
        fprintf(stderr, "sukien: unknown format '%s' (text, json)\n", format);
        return SK_EXIT_USAGE;
    }
    char query[1024] = "";
    for (int i = optind; i < argc; i++) {
        size_t n = strlen(query);
        snprintf(query + n, sizeof query - n, "%s%s", n ? " " : "", argv[i]);
    }
    if (!*query) {
        fputs(USAGE, stderr);
        return SK_EXIT_USAGE;
    }
    sk_store_t *s = query_cli_open(&q);
    if (!s) return SK_EXIT_FAIL;
    json_t *out = NULL;
    int rc = sk_store_search(s, query, limit, offset, &out);
    if (rc == SK_EINVAL) {
        fprintf(stderr, "sukien: the query has no words\n");
        sk_store_close(s);
        return SK_EXIT_USAGE;
    }
    if (rc != SK_OK) {
        fprintf(stderr, "sukien: %s: %s\n", sk_strerror(rc), sk_store_errmsg(s));
        sk_store_close(s);
        return SK_EXIT_FAIL;
    }
    if (!strcmp(format, "json")) {
        query_cli_print_json(out, 1);
    } else {
        json_t *v, *sec;
        size_t i;
        sec = json_object_get(out, "articles");
        printf("Articles (%lld):\n", (long long)json_integer_value(json_object_get(sec, "total")));
        json_array_foreach(json_object_get(sec, "items"), i, v) {
            printf("  %-10.10s  %s  %s\n", *s_(v, "published") ? s_(v, "published") : "?",
                   *s_(v, "title") ? s_(v, "title") : s_(v, "doc"),
                   *s_(v, "url") ? s_(v, "url") : s_(v, "doc"));
            printf("              %s\n", s_(v, "snippet"));
        }
        sec = json_object_get(out, "events");
        printf("Events (%lld):\n", (long long)json_integer_value(json_object_get(sec, "total")));
        json_array_foreach(json_object_get(sec, "items"), i, v) {
            json_t *sides = json_object_get(v, "sides");
            json_t *a = json_array_get(json_object_get(json_array_get(sides, 0), "actors"), 0);
            json_t *b = json_array_get(json_object_get(json_array_get(sides, 1), "actors"), 0);
            printf("  %-10s  %-9s %s — %s  %s\n", *s_(v, "date") ? s_(v, "date") : "-",
                   s_(v, "type"), s_(a, "name"), s_(b, "name"), s_(v, "id"));
        }
        sec = json_object_get(out, "persons");
        printf("Persons (%lld):\n", (long long)json_integer_value(json_object_get(sec, "total")));
        json_array_foreach(json_object_get(sec, "items"), i, v) {
            printf("  %-32s %-5s %lld articles\n", s_(v, "name"), s_(v, "country"),
                   (long long)json_integer_value(json_object_get(v, "n_articles")));
        }
    }
    json_decref(out);
    sk_store_close(s);
    return SK_EXIT_OK;
}
