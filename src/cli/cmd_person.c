/* sukien person — a person's offices over time, articles and contacts. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "query_cli.h"

static const char USAGE[] =
    "usage: sukien person [--db TARGET] [--format text|json] [--limit N] NAME...\n"
    "       sukien person --list [--db TARGET] [--limit N] [TEXT...]\n"
    "\n"
    "Shows a person (name with or without diacritics: \"to lam\" = \"Tô Lâm\"): the\n"
    "offices the articles give them, each with the first and last publication dates\n"
    "it was seen, their contacts (counterparts in events) and the articles naming them.\n"
    "--list lists persons whose name contains TEXT, most reported first.\n"
    "\n"
    "  --db TARGET     SQLite file (default: sukien.db) or postgresql://... URL\n"
    "  --format F      text (default) or json\n"
    "  --limit N       at most N articles (default 20; 0 = all)\n";

static const char *s_(json_t *o, const char *k) {
    const char *v = json_string_value(json_object_get(o, k));
    return v ? v : "";
}

static long long i_(json_t *o, const char *k) {
    return (long long)json_integer_value(json_object_get(o, k));
}

static void print_text(json_t *p) {
    printf("%s", s_(p, "name"));
    if (*s_(p, "country")) printf(" (%s)", s_(p, "country"));
    printf(" — %lld articles, %lld events", i_(p, "n_articles"), i_(p, "n_events"));
    if (*s_(p, "first_seen")) printf(", seen %s … %s", s_(p, "first_seen"), s_(p, "last_seen"));
    printf("\n");
    if (*s_(p, "org")) printf("Organisation: %s\n", s_(p, "org"));
    json_t *v;
    size_t i;
    printf("\nOffices (first seen … last seen, articles):\n");
    json_array_foreach(json_object_get(p, "offices"), i, v) {
        printf("  %-10s … %-10s %4lld  %s\n", *s_(v, "first_seen") ? s_(v, "first_seen") : "?",
               *s_(v, "last_seen") ? s_(v, "last_seen") : "?", i_(v, "n_articles"), s_(v, "title"));
    }
    printf("\nContacts (events, first … last date):\n");
    json_array_foreach(json_object_get(p, "contacts"), i, v) {
        char who[512];
        snprintf(who, sizeof who, "%s%s%s", s_(v, "country"), *s_(v, "country") ? " " : "",
                 s_(v, "name"));
        printf("  %4lld  ", i_(v, "n_events"));
        query_cli_cell(stdout, who, 36);
        printf(" %s … %s\n", *s_(v, "first_date") ? s_(v, "first_date") : "?",
               *s_(v, "last_date") ? s_(v, "last_date") : "?");
    }
    printf("\nArticles:\n");
    json_array_foreach(json_object_get(p, "articles"), i, v) {
        printf("  %-10.10s  ", *s_(v, "published") ? s_(v, "published") : "?");
        query_cli_cell(stdout, *s_(v, "title") ? s_(v, "title") : s_(v, "doc"), 60);
        printf("  %s\n", *s_(v, "url") ? s_(v, "url") : s_(v, "doc"));
    }
}

int cmd_person(int argc, char **argv) {
    static const struct option longopts[] = {
        {"db", required_argument, 0, 'd'},    {"format", required_argument, 0, 'F'},
        {"limit", required_argument, 0, 'l'}, {"list", no_argument, 0, 'L'},
        {"help", no_argument, 0, 'h'},        {0, 0, 0, 0}};
    query_cli_t q = {0};
    const char *format = "text";
    long limit = 20;
    int list = 0, c;
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
        case 'L':
            list = 1;
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
    char name[1024] = "";
    for (int i = optind; i < argc; i++) {
        size_t n = strlen(name);
        snprintf(name + n, sizeof name - n, "%s%s", n ? " " : "", argv[i]);
    }
    if (!*name && !list) {
        fputs(USAGE, stderr);
        return SK_EXIT_USAGE;
    }
    sk_store_t *s = query_cli_open(&q);
    if (!s) return SK_EXIT_FAIL;
    json_t *out = NULL;
    int rc =
        list ? sk_store_persons(s, name, limit, 0, &out) : sk_store_person(s, name, limit, &out);
    int code = SK_EXIT_OK;
    if (rc == SK_ENOTFOUND) {
        fprintf(stderr, "sukien: no person matches '%s'\n", name);
        code = SK_EXIT_PARTIAL;
    } else if (rc != SK_OK) {
        fprintf(stderr, "sukien: %s: %s\n", sk_strerror(rc), sk_store_errmsg(s));
        code = SK_EXIT_FAIL;
    } else if (!strcmp(format, "json")) {
        query_cli_print_json(out, 1);
    } else if (list) {
        json_t *v;
        size_t i;
        json_array_foreach(json_object_get(out, "persons"), i, v) {
            printf("%5lld  %-5s ", i_(v, "n_articles"), s_(v, "country"));
            query_cli_cell(stdout, s_(v, "name"), 32);
            printf(" %s … %s\n", s_(v, "first_seen"), s_(v, "last_seen"));
        }
    } else {
        print_text(out);
    }
    json_decref(out);
    sk_store_close(s);
    return code;
}
