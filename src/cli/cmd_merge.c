/* sukien merge — the keyed reduce step: event JSON Lines from any number of
 * articles (sorted or not, e.g. the output of `sukien code` run in pieces
 * under GNU parallel) become merged events, one per real-world contact, with
 * all their reports. Output is sorted by event key and does not depend on the
 * input order. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "merge.h"

static const char USAGE[] =
    "usage: sukien merge [FILE...]\n"
    "\n"
    "Reads event JSON Lines (as written by `sukien code`; per-article persons lines are\n"
    "ignored) and writes one JSON line per merged event: the most precisely dated\n"
    "report's record plus id, key, status, n_reports, n_articles and reports [{doc,\n"
    "date, evidence}]. Merge rules: docs/SCHEMA.md and src/lib/merge.h.\n";

typedef struct {
    char *pair;
    char *sortkey; /* doc \x1f start \x1f record: a total order independent of input order */
    json_t *ev;
    sk_merge_item_t item;
} rec_t;

static int cmp_rec(const void *a, const void *b) {
    const rec_t *x = a, *y = b;
    int c = strcmp(x->pair, y->pair);
    return c ? c : strcmp(x->sortkey, y->sortkey);
}

typedef struct {
    char *key;
    char *line;
} out_t;

static int cmp_out(const void *a, const void *b) {
    return strcmp(((const out_t *)a)->key, ((const out_t *)b)->key);
}

int cmd_merge(int argc, char **argv) {
    static const struct option longopts[] = {{"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(USAGE, stdout);
            return SK_EXIT_OK;
        }
        fputs(USAGE, stderr);
        return SK_EXIT_USAGE;
    }
    char **files = argv + optind;
    int n_files = argc - optind, bad = 0;
    static char *stdin_only[] = {"-"};
    if (n_files == 0) files = stdin_only, n_files = 1;
    rec_t *recs = NULL;
    size_t n = 0, cap = 0;
    sk_arena_t *ar = sk_arena_new();
    for (int i = 0; i < n_files; i++) {
        FILE *f = strcmp(files[i], "-") ? fopen(files[i], "r") : stdin;
        if (!f) {
            fprintf(stderr, "sukien: cannot open %s\n", files[i]);
            bad = 1;
            continue;
        }
        char *line = NULL;
        size_t lcap = 0;
        ssize_t len;
        long lineno = 0;
        while ((len = getline(&line, &lcap, f)) > 0) {
            lineno++;
            json_error_t err;
            json_t *o = json_loadb(line, (size_t)len, 0, &err);
            if (!o) {
                if (len > 1) {
                    fprintf(stderr, "sukien: %s:%ld: error: %s\n", files[i], lineno, err.text);
                    bad = 1;
                }
                continue;
            }
            if (!json_object_get(o, "type")) { /* persons line */
                json_decref(o);
                continue;
            }
            sk_event_t ev;
            if (sk_event_from_json(ar, o, &ev) != SK_OK) {
                fprintf(stderr, "sukien: %s:%ld: error: not an event record\n", files[i], lineno);
                bad = 1;
                json_decref(o);
                continue;
            }
            if (n == cap) {
                cap = cap ? cap * 2 : 1024;
                recs = realloc(recs, cap * sizeof *recs);
                if (!recs) return SK_EXIT_FAIL;
            }
            char pair[1024];
            sk_merge_pair_key(&ev, pair, sizeof pair);
            char *dump = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
            char *sk = NULL;
            if (asprintf(&sk, "%s\x1f%010u\x1f%s", ev.doc ? ev.doc : "", ev.evidence_start,
                         dump ? dump : "") < 0)
                sk = NULL;
            free(dump);
            recs[n].pair = strdup(pair);
            recs[n].sortkey = sk;
            recs[n].ev = o;
            n++;
            sk_arena_reset(ar);
        }
        free(line);
        if (f != stdin) fclose(f);
    }
    sk_arena_destroy(ar);
    if (n > 1) qsort(recs, n, sizeof *recs, cmp_rec);
    out_t *outs = calloc(n ? n : 1, sizeof *outs);
    size_t nout = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && !strcmp(recs[j].pair, recs[i].pair))
            j++;
        sk_merge_item_t *items = calloc(j - i, sizeof *items);
        for (size_t k = i; k < j; k++)
            items[k - i].date = json_string_value(json_object_get(recs[k].ev, "date"));
        sk_merge_cluster(items, j - i);
        int *done = calloc(j - i, sizeof *done);
        for (size_t k = 0; k < j - i; k++) {
            if (done[k]) continue;
            size_t rep = k;
            int occurred = 0;
            json_t *reports = json_array(), *docs = json_object();
            for (size_t m = k; m < j - i; m++) {
                if (done[m] || strcmp(items[m].date_key, items[k].date_key)) continue;
                done[m] = 1;
                json_t *e = recs[i + m].ev;
                if (sk_merge_date_rank(items[m].date) > sk_merge_date_rank(items[rep].date))
                    rep = m;
                const char *st = json_string_value(json_object_get(e, "status"));
                if (!st || strcmp(st, "planned")) occurred = 1;
                json_t *doc = json_object_get(e, "doc");
                if (json_is_string(doc)) json_object_set(docs, json_string_value(doc), json_true());
                json_array_append_new(
                    reports, json_pack("{s:O,s:O,s:O}", "doc", doc ? doc : json_null(), "date",
                                       json_object_get(e, "date") ?: json_null(), "evidence",
                                       json_object_get(e, "evidence") ?: json_null()));
            }
            char key[1200], id[20];
            sk_merge_event_key(recs[i].pair, items[k].date_key, key, sizeof key);
            sk_merge_event_id(key, id);
            json_t *o = json_deep_copy(recs[i + rep].ev);
            json_object_del(o, "doc");
            json_object_del(o, "evidence");
            json_t *head = json_pack("{s:s,s:s}", "id", id, "key", key);
            json_object_update(head, o);
            json_decref(o);
            json_object_set_new(head, "status", json_string(occurred ? "occurred" : "planned"));
            json_object_set_new(head, "n_reports",
                                json_integer((json_int_t)json_array_size(reports)));
            json_object_set_new(head, "n_articles",
                                json_integer((json_int_t)json_object_size(docs)));
            json_object_set_new(head, "reports", reports);
            json_decref(docs);
            outs[nout].key = strdup(key);
            outs[nout].line = json_dumps(head, JSON_COMPACT | JSON_PRESERVE_ORDER);
            nout++;
            json_decref(head);
        }
        free(done);
        free(items);
        i = j;
    }
    qsort(outs, nout, sizeof *outs, cmp_out);
    for (size_t i = 0; i < nout; i++) {
        if (outs[i].line) puts(outs[i].line);
        free(outs[i].key);
        free(outs[i].line);
    }
    free(outs);
    for (size_t i = 0; i < n; i++) {
        free(recs[i].pair);
        free(recs[i].sortkey);
        json_decref(recs[i].ev);
    }
    free(recs);
    fflush(stdout);
    return bad ? SK_EXIT_PARTIAL : SK_EXIT_OK;
}
