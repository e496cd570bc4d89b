/* test_store.c — the store's C API (store.h) with events built in C, against
 * SQLite and, when SUKIEN_TEST_PG is set, PostgreSQL: put outcomes, merging,
 * the JSON shapes `sukien serve` relies on, read-only opening. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "coder.h"
#include "mention.h"
#include "store.h"

static const char *TL_TITLES[] = {"Tổng Bí thư", "Chủ tịch nước"};
static const char *FR_TITLES[] = {"Bí thư toàn quốc Đảng Cộng sản Pháp"};

/* An article reporting "Tô Lâm receives Fabien Roussel" on `date`. */
static sk_article_t *make_article(const char *doc, const char *published, const char *outlet,
                                  const char *date, int reversed) {
    sk_article_t *a = sk_article_new();
    sk_article_set(a, &a->doc, doc, strlen(doc));
    if (published) sk_article_set(a, &a->published, published, strlen(published));
    sk_article_set(a, &a->outlet, outlet, strlen(outlet));
    sk_article_set(a, &a->title, "Tổng Bí thư tiếp Bí thư toàn quốc Đảng Cộng sản Pháp", 71);
    const char *text = "Sáng 7/10, Tổng Bí thư Tô Lâm tiếp đồng chí Fabien Roussel, Bí thư toàn "
                       "quốc Đảng Cộng sản Pháp.";
    sk_article_set_raw(a, text, strlen(text), NULL, NULL);
    sk_article_prepare(a, NULL, NULL);
    sk_arena_t *ar = a->arena;
    sk_events_t *evs = sk_arena_alloc(ar, sizeof *evs);
    evs->n = 1;
    evs->items = sk_arena_alloc(ar, sizeof *evs->items);
    sk_event_t *e = &evs->items[0];
    e->doc = a->doc;
    e->type = SK_EV_MEET;
    e->subtype = "receive";
    sk_actor_t *tl = sk_arena_alloc(ar, sizeof *tl), *fr = sk_arena_alloc(ar, sizeof *fr);
    *tl = (sk_actor_t){SK_ACTOR_PERSON, "Tô Lâm", TL_TITLES, 2, "Đảng Cộng sản Việt Nam", "VNM"};
    *fr =
        (sk_actor_t){SK_ACTOR_PERSON, "Fabien Roussel", FR_TITLES, 1, "Đảng Cộng sản Pháp", "FRA"};
    sk_side_t host = {"host", tl, 1, "VNM", NULL}, guest = {"guest", fr, 1, "FRA", NULL};
    e->sides[reversed ? 1 : 0] = host;
    e->sides[reversed ? 0 : 1] = guest;
    e->date.iso = date;
    e->date.precision = date ? SK_PREC_DAY : SK_PREC_NONE;
    e->cameo = "043";
    e->plover_type = "CONSULT";
    e->plover_mode = "visit";
    e->evidence = a->text;
    e->evidence_start = 0;
    e->evidence_end = (uint32_t)a->text_len;
    a->events = evs;
    sk_mentions_t *m = sk_arena_alloc(ar, sizeof *m);
    m->persons.n = 2;
    m->persons.items = sk_arena_alloc(ar, 2 * sizeof *m->persons.items);
    m->persons.items[0] = (sk_person_t){"Tô Lâm", TL_TITLES, 2, NULL, "VNM", 22, 29, 1, "VNM"};
    m->persons.items[1] =
        (sk_person_t){"Fabien Roussel", FR_TITLES, 1, NULL, "FRA", 44, 58, 1, "FRA"};
    a->mentions = m;
    return a;
}

static int put(sk_store_t *s, sk_article_t *a, sk_put_outcome_t *out) {
    char hash[17];
    sk_article_hash(a, hash);
    int rc = sk_store_begin(s);
    if (rc == SK_OK) rc = sk_store_put(s, a, hash, out);
    if (rc == SK_OK) rc = sk_store_commit(s);
    if (rc) fprintf(stderr, "put: %s\n", sk_store_errmsg(s));
    return rc;
}

static long jint(json_t *o, const char *k) {
    return (long)json_integer_value(json_object_get(o, k));
}

static void suite(const char *target) {
    sk_store_t *s = NULL;
    char err[512];
    CHECK_INT(sk_store_open(target, 0, &s, err, sizeof err), SK_OK);
    if (!s) {
        fprintf(stderr, "open %s: %s\n", target, err);
        return;
    }
    sk_article_t *a1 = make_article("a1", "2024-10-07", "VnExpress", "2024-10-07", 0);
    sk_article_t *a2 = make_article("a2", "2024-10-08", "Tuổi Trẻ", "--10-07", 1);
    sk_article_t *a3 = make_article("a3", NULL, "Nhân Dân", NULL, 0);
    sk_put_outcome_t out;
    CHECK_INT(put(s, a1, &out), SK_OK);
    CHECK_INT(out, SK_PUT_ADDED);
    CHECK_INT(put(s, a2, &out), SK_OK);
    CHECK_INT(put(s, a3, &out), SK_OK);
    CHECK_INT(put(s, a1, &out), SK_OK);
    CHECK_INT(out, SK_PUT_UNCHANGED);
    char hash[17];
    sk_article_hash(a1, hash);
    CHECK_INT(sk_store_has_article(s, "a1", hash), 1);
    CHECK_INT(sk_store_has_article(s, "zz", hash), 0);
    CHECK_INT(sk_store_put(s, a1, hash, NULL), SK_EINVAL); /* outside a batch */

    /* One merged event with three reports. */
    sk_event_filter_t f = {0};
    json_t *j = NULL;
    CHECK_INT(sk_store_events(s, &f, &j), SK_OK);
    CHECK_INT(jint(j, "total"), 1);
    json_t *ev = json_array_get(json_object_get(j, "events"), 0);
    CHECK_INT(jint(ev, "n_articles"), 3);
    CHECK_STR(json_string_value(json_object_get(ev, "date")), "2024-10-07");
    char id[32];
    snprintf(id, sizeof id, "%s", json_string_value(json_object_get(ev, "id")));
    json_t *lead0 = json_array_get(
        json_object_get(json_array_get(json_object_get(ev, "sides"), 0), "actors"), 0);
    CHECK_STR(json_string_value(json_object_get(lead0, "name")), "Tô Lâm");
    CHECK_STR(json_string_value(json_object_get(lead0, "person_id")), "to lam");
    CHECK_INT(json_array_size(json_object_get(lead0, "titles")), 2);
    json_decref(j);

    CHECK_INT(sk_store_event(s, id, &j), SK_OK);
    json_t *reps = json_object_get(j, "reports");
    CHECK_INT(json_array_size(reps), 3);
    CHECK_STR(json_string_value(json_object_get(json_array_get(reps, 0), "doc")), "a1");
    json_t *evd = json_object_get(json_array_get(reps, 0), "evidence");
    CHECK(json_integer_value(json_object_get(evd, "end")) > 0);
    json_decref(j);
    CHECK_INT(sk_store_event(s, "ev_nope", &j), SK_ENOTFOUND);

    /* Filters and paging. */
    sk_event_filter_t g = {.between_a = "fabien roussel", .between_b = "VNM"};
    CHECK_INT(sk_store_events(s, &g, &j), SK_OK);
    CHECK_INT(jint(j, "total"), 1);
    json_decref(j);
    sk_event_filter_t h = {.type = "CALL"};
    CHECK_INT(sk_store_events(s, &h, &j), SK_OK);
    CHECK_INT(jint(j, "total"), 0);
    json_decref(j);
    sk_event_filter_t p = {.limit = 1, .offset = 1};
    CHECK_INT(sk_store_events(s, &p, &j), SK_OK);
    CHECK_INT(jint(j, "total"), 1);
    CHECK_INT(json_array_size(json_object_get(j, "events")), 0);
    json_decref(j);

    /* Person, persons, search, timeline, network, stats. */
    CHECK_INT(sk_store_person(s, "TO LAM", 0, &j), SK_OK);
    CHECK_INT(jint(j, "n_articles"), 3);
    CHECK_INT(jint(j, "n_events"), 1);
    json_t *off = json_array_get(json_object_get(j, "offices"), 0);
    CHECK_STR(json_string_value(json_object_get(off, "first_seen")), "2024-10-07");
    CHECK_STR(json_string_value(json_object_get(off, "last_seen")), "2024-10-08");
    CHECK_STR(json_string_value(
                  json_object_get(json_array_get(json_object_get(j, "contacts"), 0), "name")),
              "Fabien Roussel");
    json_decref(j);
    CHECK_INT(sk_store_persons(s, "", 10, 0, &j), SK_OK);
    CHECK_INT(jint(j, "total"), 2);
    json_decref(j);
    CHECK_INT(sk_store_search(s, "fabien", 10, 0, &j), SK_OK);
    CHECK_INT(jint(json_object_get(j, "articles"), "total"), 3);
    CHECK_INT(jint(json_object_get(j, "events"), "total"), 1);
    CHECK_INT(jint(json_object_get(j, "persons"), "total"), 1);
    json_decref(j);
    CHECK_INT(sk_store_search(s, "  ", 10, 0, &j), SK_EINVAL);
    CHECK_INT(sk_store_timeline(s, NULL, SK_TIMELINE_TYPE, &j), SK_OK);
    CHECK_INT(json_array_size(json_object_get(j, "months")), 1);
    json_decref(j);
    CHECK_INT(sk_store_network(s, NULL, SK_NET_PERSON, 1, &j), SK_OK);
    CHECK_INT(json_array_size(json_object_get(j, "nodes")), 2);
    CHECK_INT(json_array_size(json_object_get(j, "edges")), 1);
    json_decref(j);
    CHECK_INT(sk_store_stats(s, &j), SK_OK);
    CHECK_INT(jint(j, "articles"), 3);
    CHECK_INT(jint(j, "events"), 1);
    json_decref(j);

    /* A changed article replaces its report: a3 now dated another day. */
    sk_article_t *a3b = make_article("a3", NULL, "Nhân Dân", "2024-11-02", 0);
    sk_article_set(a3b, &a3b->title, "changed", 7);
    CHECK_INT(put(s, a3b, &out), SK_OK);
    CHECK_INT(out, SK_PUT_REPLACED);
    CHECK_INT(sk_store_events(s, &f, &j), SK_OK);
    CHECK_INT(jint(j, "total"), 2);
    json_decref(j);
    sk_store_close(s);

    /* Read-only: queries work, writes fail. */
    CHECK_INT(sk_store_open(target, SK_STORE_READONLY, &s, err, sizeof err), SK_OK);
    if (s) {
        CHECK_INT(sk_store_events(s, &f, &j), SK_OK);
        json_decref(j);
        int rc = sk_store_begin(s);
        if (rc == SK_OK) rc = sk_store_put(s, a1, hash, NULL);
        CHECK(rc != SK_OK);
        sk_store_close(s);
    }
    sk_article_destroy(a1);
    sk_article_destroy(a2);
    sk_article_destroy(a3);
    sk_article_destroy(a3b);
}

/* PostgreSQL sends row-less statements of a batch without waiting for each:
 * an error among them must still fail the batch, name its statement, leave
 * nothing of the batch behind and leave the store usable. */
static void pg_deferred_error(const char *target) {
    sk_store_t *s = NULL;
    char err[512];
    CHECK_INT(sk_store_open(target, 0, &s, err, sizeof err), SK_OK);
    if (!s) return;
    sk_article_t *bad = make_article("bad", "2024-10-09", "VnExpress", "2024-10-09", 0);
    const char *bad_title = "\xff\xfe not UTF-8"; /* the server refuses it */
    sk_article_set(bad, &bad->title, bad_title, strlen(bad_title));
    sk_article_t *good = make_article("good", "2024-10-09", "VnExpress", "2024-10-09", 0);
    char hash[17];
    sk_article_hash(bad, hash);
    int rc = sk_store_begin(s);
    CHECK_INT(rc, SK_OK);
    sk_put_outcome_t out;
    if (rc == SK_OK) rc = sk_store_put(s, bad, hash, &out);
    sk_article_hash(good, hash);
    if (rc == SK_OK) rc = sk_store_put(s, good, hash, &out);
    if (rc == SK_OK)
        rc = sk_store_commit(s);
    else
        sk_store_rollback(s);
    CHECK_INT(rc, SK_EDB);
    CHECK(strstr(sk_store_errmsg(s), "INSERT INTO articles") != NULL);
    CHECK(strstr(sk_store_errmsg(s), "UTF8") != NULL);
    CHECK_INT(sk_store_has_article(s, "good", hash), 0);
    CHECK_INT(put(s, good, &out), SK_OK);
    CHECK_INT(out, SK_PUT_ADDED);
    CHECK_INT(sk_store_has_article(s, "good", hash), 1);
    sk_store_close(s);
    sk_article_destroy(bad);
    sk_article_destroy(good);
}

int main(void) {
    char path[] = "/tmp/sukien-test-store-XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0) close(fd);
    unlink(path);
    suite(path);
    sk_store_t *s = NULL;
    CHECK_INT(sk_store_open("/nonexistent/x.db", SK_STORE_READONLY, &s, NULL, 0), SK_ENOTFOUND);
    sk_store_close(NULL);
    char side[4200];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    unlink(path);

    const char *pg = getenv("SUKIEN_TEST_PG");
    if (pg && *pg) {
        PGconn *c = PQconnectdb(pg);
        PGresult *r = PQexec(c, "SET client_min_messages = warning; DROP SCHEMA IF EXISTS "
                                "t_unit_store CASCADE; CREATE SCHEMA t_unit_store");
        CHECK(PQresultStatus(r) == PGRES_COMMAND_OK);
        PQclear(r);
        PQfinish(c);
        char url[2048];
        snprintf(url, sizeof url, "%s%soptions=-csearch_path%%3Dt_unit_store", pg,
                 strchr(pg, '?') ? "&" : "?");
        suite(url);
        pg_deferred_error(url);
    } else {
        fprintf(stderr, "test_store: PostgreSQL part skipped: SUKIEN_TEST_PG unset\n");
    }
    return check_report("store");
}
