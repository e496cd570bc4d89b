/* query.c — read side of the store: events with filters and paging, event
 * detail, persons, search, timeline, network and counts, as jansson values
 * shaped for both the CLI and the HTTP server. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "normalize.h"
#include "query.h"
#include "store_int.h"

/* ---------------------------------------------------------------- builder */

void sk_qb_init(sk_qb_t *q) {
    memset(q, 0, sizeof *q);
}

void sk_qb_free(sk_qb_t *q) {
    free(q->sql);
    for (int i = 0; i < q->n; i++)
        free(q->owned[i]);
    memset(q, 0, sizeof *q);
}

void sk_qb_sql(sk_qb_t *q, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *add = NULL;
    if (vasprintf(&add, fmt, ap) < 0) add = NULL;
    va_end(ap);
    if (!add) {
        q->oom = 1;
        return;
    }
    size_t al = strlen(add);
    char *p = realloc(q->sql, q->len + al + 1);
    if (!p) {
        free(add);
        q->oom = 1;
        return;
    }
    memcpy(p + q->len, add, al + 1);
    q->sql = p;
    q->len += al;
    free(add);
}

void sk_qb_param(sk_qb_t *q, const char *v) {
    if (q->n >= SK_QB_MAX) {
        q->oom = 1;
        return;
    }
    q->owned[q->n] = v ? strdup(v) : NULL;
    if (v && !q->owned[q->n]) q->oom = 1;
    q->params[q->n] = q->owned[q->n];
    q->n++;
}

int sk_qb_run(sk_store_t *s, sk_qb_t *q, sk_rows_t *out) {
    if (q->oom) {
        if (out) memset(out, 0, sizeof *out);
        return SK_ENOMEM;
    }
    return sk_db_run(s, q->sql, out, q->n, (const char *const *)q->params);
}

static char *folded_words(const char *s) {
    /* " a b c " → "a b c" (search text without the padding). */
    char *t = sk_store_search_text(s ? s : "", s ? strlen(s) : 0);
    if (!t) return NULL;
    size_t n = strlen(t);
    while (n && t[n - 1] == ' ')
        t[--n] = 0;
    memmove(t, t + (t[0] == ' '), n + 1);
    return t;
}

static int is_code(const char *s) {
    size_t n = strlen(s);
    if (n < 2 || n > 8) return 0;
    for (size_t i = 0; i < n; i++)
        if (!(s[i] >= 'A' && s[i] <= 'Z')) return 0;
    return 1;
}

/* Condition "side `side` of e matches X" (country code, person or org name). */
static void side_match(sk_qb_t *q, int side, const char *x) {
    if (is_code(x)) {
        sk_qb_sql(q,
                  "EXISTS (SELECT 1 FROM event_sides bs WHERE bs.event_id = e.id AND bs.side = %d "
                  "AND bs.country = ?)",
                  side);
        sk_qb_param(q, x);
        return;
    }
    char *w = folded_words(x);
    char *pat = NULL, *sub = NULL;
    if (!w || asprintf(&pat, "%% %s %%", w) < 0) pat = NULL;
    if (!w || asprintf(&sub, "%%%s%%", w) < 0) sub = NULL;
    sk_qb_sql(q,
              "EXISTS (SELECT 1 FROM event_actors ba WHERE ba.event_id = e.id AND ba.side = %d AND "
              "((' ' || ba.name_key || ' ') LIKE ? OR ba.org_key LIKE ?))",
              side);
    sk_qb_param(q, pat ? pat : "%");
    sk_qb_param(q, sub ? sub : "%");
    free(w), free(pat), free(sub);
}

void sk_qb_event_where(sk_qb_t *q, const sk_event_filter_t *f) {
    sk_qb_sql(q, " WHERE 1 = 1");
    if (!f) {
        sk_qb_sql(q, " AND e.status = 'occurred'");
        return;
    }
    if (!f->include_planned) sk_qb_sql(q, " AND e.status = 'occurred'");
    if (f->type && *f->type) {
        sk_qb_sql(q, " AND e.type = ?");
        sk_qb_param(q, f->type);
    }
    if (f->country && *f->country) {
        /* an uncorrelated IN lets the planner use the country index once, instead of a
           probe per event (2.9 s -> ms on the whole corpus) */
        sk_qb_sql(q, " AND e.id IN (SELECT cs.event_id FROM event_sides cs WHERE cs.country = ?)");
        sk_qb_param(q, f->country);
    }
    if (f->person && *f->person) {
        char *w = folded_words(f->person), *pat = NULL;
        if (!w || asprintf(&pat, "%% %s %%", w) < 0) pat = NULL;
        sk_qb_sql(q, " AND EXISTS (SELECT 1 FROM event_actors pa WHERE pa.event_id = e.id AND "
                     "pa.kind = 'person' AND (' ' || pa.name_key || ' ') LIKE ?)");
        sk_qb_param(q, pat ? pat : "%");
        free(w), free(pat);
    }
    if (f->org && *f->org) {
        char *w = folded_words(f->org), *pat = NULL;
        if (!w || asprintf(&pat, "%%%s%%", w) < 0) pat = NULL;
        sk_qb_sql(q, " AND EXISTS (SELECT 1 FROM event_actors oa WHERE oa.event_id = e.id AND "
                     "(oa.org_key LIKE ? OR (oa.kind = 'organization' AND oa.name_key LIKE ?)))");
        sk_qb_param(q, pat ? pat : "%");
        sk_qb_param(q, pat ? pat : "%");
        free(w), free(pat);
    }
    if (f->since && *f->since) {
        sk_qb_sql(q, " AND e.date_start >= ?");
        sk_qb_param(q, f->since);
    }
    if (f->until && *f->until) {
        sk_qb_sql(q, " AND substr(e.date_start, 1, %d) <= ?", (int)strlen(f->until));
        sk_qb_param(q, f->until);
    }
    if (f->between_a && *f->between_a && f->between_b && *f->between_b) {
        sk_qb_sql(q, " AND ((");
        side_match(q, 0, f->between_a);
        sk_qb_sql(q, " AND ");
        side_match(q, 1, f->between_b);
        sk_qb_sql(q, ") OR (");
        side_match(q, 0, f->between_b);
        sk_qb_sql(q, " AND ");
        side_match(q, 1, f->between_a);
        sk_qb_sql(q, "))");
    }
    if (f->doc && *f->doc) {
        sk_qb_sql(q,
                  " AND EXISTS (SELECT 1 FROM reports dr WHERE dr.event_id = e.id AND dr.doc = ?)");
        sk_qb_param(q, f->doc);
    }
    if (f->query && *f->query) {
        char *w = folded_words(f->query), *pat = NULL;
        if (!w || asprintf(&pat, "%% %s %%", w) < 0) pat = NULL;
        sk_qb_sql(q, " AND e.search_text LIKE ?");
        sk_qb_param(q, pat ? pat : "%");
        free(w), free(pat);
    }
}

static void order_limit(sk_qb_t *q, const char *sort, long limit, long offset) {
    if (sort && !strcmp(sort, "-date"))
        sk_qb_sql(q, " ORDER BY e.date_start IS NULL, e.date_start DESC, e.id");
    else if (sort && !strcmp(sort, "articles"))
        sk_qb_sql(q, " ORDER BY e.n_articles DESC, e.date_start IS NULL, e.date_start, e.id");
    else if (sort && !strcmp(sort, "id"))
        sk_qb_sql(q, " ORDER BY e.id");
    else
        sk_qb_sql(q, " ORDER BY e.date_start IS NULL, e.date_start, e.id");
    if (limit > 0 || offset > 0)
        sk_qb_sql(q, " LIMIT %ld OFFSET %ld", limit > 0 ? limit : 9223372036854775807L,
                  offset > 0 ? offset : 0);
}

/* ---------------------------------------------------------------- json */

json_t *sk_json_str(const char *s) {
    return s ? json_string(s) : json_null();
}

json_t *sk_json_int(const char *s) {
    return s ? json_integer(atoll(s)) : json_null();
}

#define EV_COLS                                                                                    \
    "e.id, e.type, e.subtype, e.status, e.date, e.date_precision, e.location_name, "               \
    "e.location_country, e.cameo, e.plover_type, e.plover_mode, e.n_articles, e.n_sources, "       \
    "e.first_published, e.last_published, e.event_key, e.n_reports"

/* Build an EVENT object from one EV_COLS row, adding sides and actors. */
static int event_json(sk_store_t *s, sk_rows_t *r, size_t i, json_t **out) {
    const char *id = SK_RV(r, i, 0);
    json_t *o = json_object();
    json_object_set_new(o, "id", sk_json_str(id));
    json_object_set_new(o, "type", sk_json_str(SK_RV(r, i, 1)));
    json_object_set_new(o, "subtype", sk_json_str(SK_RV(r, i, 2)));
    json_object_set_new(o, "status", sk_json_str(SK_RV(r, i, 3)));
    json_object_set_new(o, "date", sk_json_str(SK_RV(r, i, 4)));
    json_object_set_new(o, "date_precision", sk_json_str(SK_RV(r, i, 5)));
    if (SK_RV(r, i, 6))
        json_object_set_new(o, "location",
                            json_pack("{s:o,s:o}", "name", sk_json_str(SK_RV(r, i, 6)), "country",
                                      sk_json_str(SK_RV(r, i, 7))));
    else
        json_object_set_new(o, "location", json_null());
    json_object_set_new(o, "cameo", sk_json_str(SK_RV(r, i, 8)));
    json_object_set_new(o, "plover",
                        json_pack("{s:o,s:o}", "type", sk_json_str(SK_RV(r, i, 9)), "mode",
                                  sk_json_str(SK_RV(r, i, 10))));
    const char *p[] = {id};
    sk_rows_t sd, ac, ti;
    int rc = sk_db_run(s,
                       "SELECT side, role, country, locality FROM event_sides WHERE event_id = ? "
                       "ORDER BY side",
                       &sd, 1, p);
    if (rc == SK_OK)
        rc = sk_db_run(s,
                       "SELECT side, pos, kind, name, name_key, org, country FROM event_actors "
                       "WHERE event_id = ? ORDER BY side, pos",
                       &ac, 1, p);
    else
        memset(&ac, 0, sizeof ac);
    if (rc == SK_OK)
        rc = sk_db_run(s,
                       "SELECT side, pos, title FROM event_actor_titles WHERE event_id = ? ORDER "
                       "BY side, pos, n",
                       &ti, 1, p);
    else
        memset(&ti, 0, sizeof ti);
    json_t *sides = json_array();
    for (size_t k = 0; rc == SK_OK && k < sd.n; k++) {
        const char *side = SK_RV(&sd, k, 0);
        json_t *so = json_object();
        json_object_set_new(so, "role", sk_json_str(SK_RV(&sd, k, 1)));
        json_object_set_new(so, "country", sk_json_str(SK_RV(&sd, k, 2)));
        if (SK_RV(&sd, k, 3)) json_object_set_new(so, "locality", sk_json_str(SK_RV(&sd, k, 3)));
        json_t *acts = json_array();
        for (size_t a = 0; a < ac.n; a++) {
            if (strcmp(SK_RV(&ac, a, 0), side)) continue;
            json_t *ao = json_object();
            json_object_set_new(ao, "name", sk_json_str(SK_RV(&ac, a, 3)));
            json_object_set_new(ao, "kind", sk_json_str(SK_RV(&ac, a, 2)));
            json_t *tl = json_array();
            for (size_t t = 0; t < ti.n; t++)
                if (!strcmp(SK_RV(&ti, t, 0), side) && !strcmp(SK_RV(&ti, t, 1), SK_RV(&ac, a, 1)))
                    json_array_append_new(tl, sk_json_str(SK_RV(&ti, t, 2)));
            json_object_set_new(ao, "titles", tl);
            json_object_set_new(ao, "org", sk_json_str(SK_RV(&ac, a, 5)));
            json_object_set_new(ao, "country", sk_json_str(SK_RV(&ac, a, 6)));
            if (SK_RV(&ac, a, 2) && !strcmp(SK_RV(&ac, a, 2), "person"))
                json_object_set_new(ao, "person_id", sk_json_str(SK_RV(&ac, a, 4)));
            json_array_append_new(acts, ao);
        }
        json_object_set_new(so, "actors", acts);
        json_array_append_new(sides, so);
    }
    json_object_set_new(o, "sides", sides);
    json_object_set_new(o, "n_articles", sk_json_int(SK_RV(r, i, 11)));
    json_object_set_new(o, "n_sources", sk_json_int(SK_RV(r, i, 12)));
    json_object_set_new(o, "first_published", sk_json_str(SK_RV(r, i, 13)));
    json_object_set_new(o, "last_published", sk_json_str(SK_RV(r, i, 14)));
    sk_rows_free(&sd);
    sk_rows_free(&ac);
    sk_rows_free(&ti);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return SK_OK;
}

static long count_rows(sk_store_t *s, const sk_event_filter_t *f, int *rc) {
    sk_qb_t q;
    sk_qb_init(&q);
    sk_qb_sql(&q, "SELECT count(*) FROM events e");
    sk_qb_event_where(&q, f);
    sk_rows_t r;
    *rc = sk_qb_run(s, &q, &r);
    long n = (*rc == SK_OK && r.n) ? atol(r.v[0]) : 0;
    sk_rows_free(&r);
    sk_qb_free(&q);
    return n;
}

int sk_store_events_each(sk_store_t *s, const sk_event_filter_t *f, sk_store_row_fn fn, void *ctx) {
    sk_qb_t q;
    sk_qb_init(&q);
    sk_qb_sql(&q, "SELECT " EV_COLS " FROM events e");
    sk_qb_event_where(&q, f);
    order_limit(&q, f ? f->sort : NULL, f ? f->limit : 0, f ? f->offset : 0);
    sk_rows_t r;
    int rc = sk_qb_run(s, &q, &r);
    sk_qb_free(&q);
    for (size_t i = 0; rc == SK_OK && i < r.n; i++) {
        json_t *ev = NULL;
        rc = event_json(s, &r, i, &ev);
        if (rc) break;
        int stop = fn(ctx, ev);
        json_decref(ev);
        if (stop) break;
    }
    sk_rows_free(&r);
    return rc;
}

static int append_cb(void *ctx, json_t *row) {
    json_array_append(ctx, row);
    return 0;
}

int sk_store_events(sk_store_t *s, const sk_event_filter_t *f, json_t **out) {
    *out = NULL;
    int rc;
    long total = count_rows(s, f, &rc);
    if (rc) return rc;
    json_t *arr = json_array();
    rc = sk_store_events_each(s, f, append_cb, arr);
    if (rc) {
        json_decref(arr);
        return rc;
    }
    *out = json_pack("{s:I,s:I,s:I,s:o}", "total", (json_int_t)total, "offset",
                     (json_int_t)(f ? f->offset : 0), "limit", (json_int_t)(f ? f->limit : 0),
                     "events", arr);
    return SK_OK;
}

int sk_store_event(sk_store_t *s, const char *id, json_t **out) {
    *out = NULL;
    const char *p[] = {id};
    sk_rows_t r;
    int rc = sk_db_run(s, "SELECT " EV_COLS " FROM events e WHERE e.id = ?", &r, 1, p);
    if (rc == SK_OK && r.n == 0) rc = SK_ENOTFOUND;
    json_t *o = NULL;
    if (rc == SK_OK) rc = event_json(s, &r, 0, &o);
    if (rc == SK_OK) json_object_set_new(o, "key", sk_json_str(SK_RV(&r, 0, 15)));
    sk_rows_free(&r);
    if (rc) return rc;
    rc = sk_db_run(s,
                   "SELECT r.doc, a.url, a.title, a.outlet, a.published, a.corpus, r.subtype, "
                   "r.date, r.date_precision, r.evidence, r.evidence_start, r.evidence_end, "
                   "r.status FROM reports r JOIN articles a ON a.doc = r.doc JOIN events e ON e.id "
                   "= r.event_id WHERE r.event_id = ? ORDER BY (r.doc = e.rep_doc AND r.ord = "
                   "e.rep_ord) DESC, a.pub_date IS NULL, a.pub_date, r.doc, r.ord",
                   &r, 1, p);
    json_t *reps = json_array();
    for (size_t i = 0; rc == SK_OK && i < r.n; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "doc", sk_json_str(SK_RV(&r, i, 0)));
        json_object_set_new(x, "url", sk_json_str(SK_RV(&r, i, 1)));
        json_object_set_new(x, "title", sk_json_str(SK_RV(&r, i, 2)));
        json_object_set_new(x, "outlet", sk_json_str(SK_RV(&r, i, 3)));
        json_object_set_new(x, "published", sk_json_str(SK_RV(&r, i, 4)));
        json_object_set_new(x, "corpus", sk_json_str(SK_RV(&r, i, 5)));
        json_object_set_new(x, "subtype", sk_json_str(SK_RV(&r, i, 6)));
        json_object_set_new(x, "status", sk_json_str(SK_RV(&r, i, 12)));
        json_object_set_new(x, "date", sk_json_str(SK_RV(&r, i, 7)));
        json_object_set_new(x, "date_precision", sk_json_str(SK_RV(&r, i, 8)));
        json_object_set_new(x, "evidence",
                            json_pack("{s:o,s:o,s:o}", "sentence", sk_json_str(SK_RV(&r, i, 9)),
                                      "start", sk_json_int(SK_RV(&r, i, 10)), "end",
                                      sk_json_int(SK_RV(&r, i, 11))));
        json_array_append_new(reps, x);
    }
    sk_rows_free(&r);
    json_object_set_new(o, "reports", reps);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return SK_OK;
}

/* ---------------------------------------------------------------- persons */

#define PERSON_COLS                                                                                \
    "p.id, p.name, p.country, p.org, p.n_articles, p.first_seen, p.last_seen, (SELECT "            \
    "count(DISTINCT x.event_id) FROM event_actors x JOIN events ev ON ev.id = x.event_id WHERE "   \
    "x.name_key = p.id AND x.kind = 'person' AND ev.status = 'occurred')"

static json_t *person_row(sk_rows_t *r, size_t i) {
    json_t *o = json_object();
    json_object_set_new(o, "id", sk_json_str(SK_RV(r, i, 0)));
    json_object_set_new(o, "name", sk_json_str(SK_RV(r, i, 1)));
    json_object_set_new(o, "country", sk_json_str(SK_RV(r, i, 2)));
    json_object_set_new(o, "org", sk_json_str(SK_RV(r, i, 3)));
    json_object_set_new(o, "n_articles", sk_json_int(SK_RV(r, i, 4)));
    json_object_set_new(o, "n_events", sk_json_int(SK_RV(r, i, 7)));
    json_object_set_new(o, "first_seen", sk_json_str(SK_RV(r, i, 5)));
    json_object_set_new(o, "last_seen", sk_json_str(SK_RV(r, i, 6)));
    return o;
}

static int persons_matching(sk_store_t *s, const char *words, long limit, long offset,
                            json_t **items, long *total) {
    char *pat = NULL;
    if (asprintf(&pat, "%% %s %%", words) < 0) return SK_ENOMEM;
    sk_qb_t q;
    sk_qb_init(&q);
    sk_qb_sql(&q, "SELECT count(*) FROM persons p WHERE (' ' || p.id || ' ') LIKE ?");
    sk_qb_param(&q, *words ? pat : "%");
    sk_rows_t r;
    int rc = sk_qb_run(s, &q, &r);
    *total = (rc == SK_OK && r.n) ? atol(r.v[0]) : 0;
    sk_rows_free(&r);
    sk_qb_free(&q);
    if (rc) {
        free(pat);
        return rc;
    }
    sk_qb_init(&q);
    sk_qb_sql(&q,
              "SELECT " PERSON_COLS " FROM persons p WHERE (' ' || p.id || ' ') LIKE ? ORDER BY "
              "p.n_articles DESC, p.id");
    sk_qb_param(&q, *words ? pat : "%");
    if (limit > 0 || offset > 0)
        sk_qb_sql(&q, " LIMIT %ld OFFSET %ld", limit > 0 ? limit : 9223372036854775807L,
                  offset > 0 ? offset : 0);
    rc = sk_qb_run(s, &q, &r);
    sk_qb_free(&q);
    free(pat);
    *items = json_array();
    for (size_t i = 0; rc == SK_OK && i < r.n; i++)
        json_array_append_new(*items, person_row(&r, i));
    sk_rows_free(&r);
    return rc;
}

int sk_store_persons(sk_store_t *s, const char *query, long limit, long offset, json_t **out) {
    *out = NULL;
    char *w = folded_words(query ? query : "");
    if (!w) return SK_ENOMEM;
    json_t *items = NULL;
    long total = 0;
    int rc = persons_matching(s, w, limit, offset, &items, &total);
    free(w);
    if (rc) {
        json_decref(items);
        return rc;
    }
    *out = json_pack("{s:I,s:o}", "total", (json_int_t)total, "persons", items);
    return SK_OK;
}

int sk_store_person(sk_store_t *s, const char *name, long limit, json_t **out) {
    *out = NULL;
    char *w = folded_words(name ? name : "");
    if (!w) return SK_ENOMEM;
    if (!*w) {
        free(w);
        return SK_ENOTFOUND;
    }
    const char *p[] = {w};
    sk_rows_t r;
    int rc = sk_db_run(s, "SELECT " PERSON_COLS " FROM persons p WHERE p.id = ?", &r, 1, p);
    if (rc == SK_OK && r.n == 0) {
        sk_rows_free(&r);
        char *pat = NULL;
        if (asprintf(&pat, "%% %s %%", w) < 0) pat = NULL;
        const char *pp[] = {pat ? pat : "%"};
        rc = sk_db_run(s,
                       "SELECT " PERSON_COLS " FROM persons p WHERE (' ' || p.id || ' ') LIKE ? "
                       "ORDER BY p.n_articles DESC, p.id LIMIT 1",
                       &r, 1, pp);
        free(pat);
    }
    free(w);
    if (rc == SK_OK && r.n == 0) rc = SK_ENOTFOUND;
    if (rc) {
        sk_rows_free(&r);
        return rc;
    }
    json_t *o = person_row(&r, 0);
    char *id = strdup(SK_RV(&r, 0, 0));
    sk_rows_free(&r);
    if (!id) {
        json_decref(o);
        return SK_ENOMEM;
    }
    const char *ip[] = {id};
    /* Spellings. */
    rc = sk_db_run(s,
                   "SELECT name, count(*) FROM article_persons WHERE person_id = ? GROUP BY name "
                   "ORDER BY count(*) DESC, name",
                   &r, 1, ip);
    json_t *sp = json_array();
    for (size_t i = 0; rc == SK_OK && i < r.n; i++)
        json_array_append_new(sp, sk_json_str(SK_RV(&r, i, 0)));
    json_object_set_new(o, "spellings", sp);
    sk_rows_free(&r);
    /* Offices over time. */
    if (rc == SK_OK)
        rc = sk_db_run(
            s,
            "SELECT title, first_seen, last_seen, n_articles FROM person_titles WHERE "
            "person_id = ? ORDER BY first_seen IS NULL, first_seen, n_articles DESC, title_key",
            &r, 1, ip);
    json_t *off = json_array();
    for (size_t i = 0; rc == SK_OK && i < r.n; i++)
        json_array_append_new(
            off, json_pack("{s:o,s:o,s:o,s:o}", "title", sk_json_str(SK_RV(&r, i, 0)), "first_seen",
                           sk_json_str(SK_RV(&r, i, 1)), "last_seen", sk_json_str(SK_RV(&r, i, 2)),
                           "n_articles", sk_json_int(SK_RV(&r, i, 3))));
    json_object_set_new(o, "offices", off);
    sk_rows_free(&r);
    /* Articles (newest first) with the titles each gives. */
    sk_qb_t q;
    sk_qb_init(&q);
    sk_qb_sql(&q, "SELECT a.doc, a.title, a.url, a.outlet, a.published, (SELECT count(*) FROM "
                  "article_person_titles t WHERE t.doc = a.doc AND t.person_id = ap.person_id) "
                  "FROM article_persons ap JOIN articles a ON a.doc = ap.doc WHERE ap.person_id = "
                  "? ORDER BY a.pub_date IS NULL, a.pub_date DESC, a.doc");
    sk_qb_param(&q, id);
    if (limit > 0) sk_qb_sql(&q, " LIMIT %ld", limit);
    if (rc == SK_OK)
        rc = sk_qb_run(s, &q, &r);
    else
        memset(&r, 0, sizeof r);
    sk_qb_free(&q);
    json_t *arts = json_array();
    for (size_t i = 0; rc == SK_OK && i < r.n; i++) {
        json_t *x =
            json_pack("{s:o,s:o,s:o,s:o,s:o}", "doc", sk_json_str(SK_RV(&r, i, 0)), "title",
                      sk_json_str(SK_RV(&r, i, 1)), "url", sk_json_str(SK_RV(&r, i, 2)), "outlet",
                      sk_json_str(SK_RV(&r, i, 3)), "published", sk_json_str(SK_RV(&r, i, 4)));
        json_t *tl = json_array();
        if (atol(SK_RV(&r, i, 5)) > 0) {
            sk_rows_t t;
            const char *tp[] = {SK_RV(&r, i, 0), id};
            rc = sk_db_run(s,
                           "SELECT title FROM article_person_titles WHERE doc = ? AND person_id = "
                           "? ORDER BY n",
                           &t, 2, tp);
            for (size_t k = 0; rc == SK_OK && k < t.n; k++)
                json_array_append_new(tl, sk_json_str(SK_RV(&t, k, 0)));
            sk_rows_free(&t);
        }
        json_object_set_new(x, "titles", tl);
        json_array_append_new(arts, x);
    }
    sk_rows_free(&r);
    json_object_set_new(o, "articles", arts);
    /* Contacts: the other side's lead in the person's events. */
    if (rc == SK_OK)
        rc = sk_db_run(s,
                       "SELECT o.lead_key, o.lead_name, o.lead_kind, o.country, e.type, "
                       "e.date_start FROM event_actors x JOIN events e ON e.id = x.event_id JOIN "
                       "event_sides o ON o.event_id = e.id AND o.side <> x.side WHERE x.name_key = "
                       "? AND x.kind = 'person' AND e.status = 'occurred' ORDER BY o.lead_key, "
                       "e.date_start",
                       &r, 1, ip);
    else
        memset(&r, 0, sizeof r);
    json_t *contacts = json_array();
    for (size_t i = 0; rc == SK_OK && i < r.n;) {
        size_t j = i;
        json_t *types = json_object();
        const char *first = NULL, *last = NULL;
        while (j < r.n && !strcmp(SK_RV(&r, j, 0) ? SK_RV(&r, j, 0) : "",
                                  SK_RV(&r, i, 0) ? SK_RV(&r, i, 0) : "")) {
            const char *t = SK_RV(&r, j, 4), *d = SK_RV(&r, j, 5);
            json_object_set_new(types, t,
                                json_integer(json_integer_value(json_object_get(types, t)) + 1));
            if (d && (!first || strcmp(d, first) < 0)) first = d;
            if (d && (!last || strcmp(d, last) > 0)) last = d;
            j++;
        }
        json_t *c = json_object();
        json_object_set_new(c, "name", sk_json_str(SK_RV(&r, i, 1)));
        json_object_set_new(c, "kind", sk_json_str(SK_RV(&r, i, 2)));
        if (SK_RV(&r, i, 2) && !strcmp(SK_RV(&r, i, 2), "person"))
            json_object_set_new(c, "person_id", sk_json_str(SK_RV(&r, i, 0)));
        json_object_set_new(c, "country", sk_json_str(SK_RV(&r, i, 3)));
        json_object_set_new(c, "n_events", json_integer((json_int_t)(j - i)));
        json_object_set_new(c, "first_date", sk_json_str(first));
        json_object_set_new(c, "last_date", sk_json_str(last));
        json_object_set_new(c, "types", types);
        json_array_append_new(contacts, c);
        i = j;
    }
    sk_rows_free(&r);
    /* Most contacts first, then by name (stable across backends). */
    size_t nc = json_array_size(contacts);
    for (size_t a = 1; a < nc; a++)
        for (size_t b = a; b > 0; b--) {
            json_t *x = json_array_get(contacts, b - 1), *y = json_array_get(contacts, b);
            json_int_t nx = json_integer_value(json_object_get(x, "n_events"));
            json_int_t ny = json_integer_value(json_object_get(y, "n_events"));
            if (nx >= ny) break;
            json_incref(x);
            json_array_set(contacts, b - 1, y);
            json_array_set_new(contacts, b, x);
        }
    json_object_set_new(o, "contacts", contacts);
    free(id);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return SK_OK;
}

/* ---------------------------------------------------------------- search */

/* Snippet around the first occurrence of the folded phrase in text. */
static char *snippet(const char *text, const char *words) {
    if (!text) return NULL;
    size_t tl = strlen(text);
    sk_folded_t f;
    if (sk_fold(text, tl, &f) != SK_OK) return NULL;
    size_t at = 0, wl = strlen(words);
    const char *hit = NULL;
    for (const char *p = f.text; (p = strstr(p, words)) != NULL; p++) {
        /* Word boundaries on both ends (ASCII approximation after folding). */
        int okl =
            p == f.text || !((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= '0' && p[-1] <= '9'));
        char c = p[wl];
        int okr = !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
        if (okl && okr) {
            hit = p;
            break;
        }
    }
    if (hit) at = f.to_orig[hit - f.text];
    sk_folded_free(&f);
    size_t start = at > 80 ? at - 80 : 0, end = at + 160 < tl ? at + 160 : tl;
    while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
        start--;
    while (end < tl && ((unsigned char)text[end] & 0xC0) == 0x80)
        end++;
    char *out = malloc(end - start + 8);
    if (!out) return NULL;
    size_t o = 0;
    if (start > 0) o += (size_t)sprintf(out, "…");
    for (size_t i = start; i < end; i++)
        out[o++] = text[i] == '\n' ? ' ' : text[i];
    if (end < tl) o += (size_t)sprintf(out + o, "…");
    out[o] = 0;
    return out;
}

int sk_store_search(sk_store_t *s, const char *query, long limit, long offset, json_t **out) {
    *out = NULL;
    char *w = folded_words(query ? query : "");
    if (!w) return SK_ENOMEM;
    if (!*w) {
        free(w);
        return SK_EINVAL;
    }
    char param[1024];
    s->ops->fts_param(w, param, sizeof param);
    sk_qb_t q;
    sk_qb_init(&q);
    sk_qb_sql(&q, "SELECT count(*) FROM articles a WHERE %s", s->ops->fts_match_sql);
    sk_qb_param(&q, param);
    sk_rows_t r;
    int rc = sk_qb_run(s, &q, &r);
    long total = (rc == SK_OK && r.n) ? atol(r.v[0]) : 0;
    sk_rows_free(&r);
    sk_qb_free(&q);
    json_t *arts = json_array();
    if (rc == SK_OK) {
        sk_qb_init(&q);
        sk_qb_sql(&q,
                  "SELECT a.doc, a.title, a.url, a.outlet, a.published, a.text FROM articles a "
                  "WHERE %s ORDER BY a.pub_date IS NULL, a.pub_date DESC, a.doc",
                  s->ops->fts_match_sql);
        sk_qb_param(&q, param);
        if (limit > 0 || offset > 0)
            sk_qb_sql(&q, " LIMIT %ld OFFSET %ld", limit > 0 ? limit : 9223372036854775807L,
                      offset > 0 ? offset : 0);
        rc = sk_qb_run(s, &q, &r);
        sk_qb_free(&q);
        for (size_t i = 0; rc == SK_OK && i < r.n; i++) {
            char *sn = snippet(SK_RV(&r, i, 5), w);
            json_array_append_new(
                arts,
                json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "doc", sk_json_str(SK_RV(&r, i, 0)), "title",
                          sk_json_str(SK_RV(&r, i, 1)), "url", sk_json_str(SK_RV(&r, i, 2)),
                          "outlet", sk_json_str(SK_RV(&r, i, 3)), "published",
                          sk_json_str(SK_RV(&r, i, 4)), "snippet", sk_json_str(sn)));
            free(sn);
        }
        sk_rows_free(&r);
    }
    json_t *evs = NULL, *pers = NULL;
    if (rc == SK_OK) {
        sk_event_filter_t f = {.query = query,
                               .limit = limit,
                               .offset = offset,
                               .include_planned = 1,
                               .sort = "-date"};
        rc = sk_store_events(s, &f, &evs);
    }
    long ptotal = 0;
    json_t *pitems = NULL;
    if (rc == SK_OK) rc = persons_matching(s, w, limit, offset, &pitems, &ptotal);
    if (rc == SK_OK)
        pers = json_pack("{s:I,s:o}", "total", (json_int_t)ptotal, "items", pitems);
    else
        json_decref(pitems);
    free(w);
    if (rc) {
        json_decref(arts);
        json_decref(evs);
        return rc;
    }
    json_t *ev_items = json_object_get(evs, "events");
    json_t *ev_out =
        json_pack("{s:O,s:O}", "total", json_object_get(evs, "total"), "items", ev_items);
    json_decref(evs);
    *out = json_pack("{s:s,s:{s:I,s:o},s:o,s:o}", "query", query, "articles", "total",
                     (json_int_t)total, "items", arts, "events", ev_out, "persons", pers);
    return SK_OK;
}

/* ---------------------------------------------------------------- aggregates */

static int next_month(char m[8]) {
    int y = atoi(m), mo = atoi(m + 5);
    if (++mo > 12) mo = 1, y++;
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d", y % 10000, mo % 100);
    memcpy(m, tmp, 7);
    m[7] = 0;
    return 7;
}

int sk_store_timeline(sk_store_t *s, const sk_event_filter_t *f, sk_timeline_by_t by,
                      json_t **out) {
    *out = NULL;
    sk_qb_t q;
    sk_qb_init(&q);
    if (by == SK_TIMELINE_COUNTRY) {
        sk_qb_sql(&q, "SELECT substr(e.date_start, 1, 7) AS m, ts.country, count(*) FROM events e "
                      "JOIN event_sides ts ON ts.event_id = e.id");
    } else {
        sk_qb_sql(&q, "SELECT substr(e.date_start, 1, 7) AS m, e.type, count(*) FROM events e");
    }
    sk_qb_event_where(&q, f);
    sk_qb_sql(&q, " AND length(e.date_start) >= 7");
    if (by == SK_TIMELINE_COUNTRY) {
        sk_qb_sql(&q, " AND ts.country IS NOT NULL AND ts.country <> ?");
        sk_qb_param(&q, f && f->country && *f->country ? f->country : "VNM");
        sk_qb_sql(&q, " GROUP BY substr(e.date_start, 1, 7), ts.country ORDER BY 1, 2");
    } else {
        sk_qb_sql(&q, " GROUP BY substr(e.date_start, 1, 7), e.type ORDER BY 1, 2");
    }
    sk_rows_t r;
    int rc = sk_qb_run(s, &q, &r);
    sk_qb_free(&q);
    if (rc) {
        sk_rows_free(&r);
        return rc;
    }
    json_t *months = json_array(), *series = json_object(), *totals = json_object();
    if (r.n > 0) {
        char m[8];
        snprintf(m, sizeof m, "%.7s", SK_RV(&r, 0, 0));
        const char *last = SK_RV(&r, r.n - 1, 0);
        for (int guard = 0; guard < 12 * 200; guard++) {
            json_array_append_new(months, json_string(m));
            if (strcmp(m, last) >= 0) break;
            next_month(m);
        }
    }
    size_t nm = json_array_size(months);
    for (size_t i = 0; i < r.n; i++) {
        const char *key = SK_RV(&r, i, 1) ? SK_RV(&r, i, 1) : "?";
        json_t *counts = json_object_get(series, key);
        if (!counts) {
            counts = json_array();
            for (size_t k = 0; k < nm; k++)
                json_array_append_new(counts, json_integer(0));
            json_object_set_new(series, key, counts);
        }
        size_t idx = 0;
        for (; idx < nm; idx++)
            if (!strcmp(json_string_value(json_array_get(months, idx)), SK_RV(&r, i, 0))) break;
        long v = atol(SK_RV(&r, i, 2));
        if (idx < nm) json_array_set_new(counts, idx, json_integer(v));
        json_object_set_new(totals, key,
                            json_integer(json_integer_value(json_object_get(totals, key)) + v));
    }
    sk_rows_free(&r);
    /* Series, largest total first, then by key. */
    json_t *arr = json_array();
    const char *key;
    json_t *val;
    json_object_foreach(series, key, val) {
        json_array_append_new(arr, json_pack("{s:s,s:O,s:O}", "key", key, "counts", val, "total",
                                             json_object_get(totals, key)));
    }
    size_t na = json_array_size(arr);
    for (size_t a = 1; a < na; a++)
        for (size_t b = a; b > 0; b--) {
            json_t *x = json_array_get(arr, b - 1), *y = json_array_get(arr, b);
            json_int_t tx = json_integer_value(json_object_get(x, "total"));
            json_int_t ty = json_integer_value(json_object_get(y, "total"));
            if (tx > ty || (tx == ty && strcmp(json_string_value(json_object_get(x, "key")),
                                               json_string_value(json_object_get(y, "key"))) <= 0))
                break;
            json_incref(x);
            json_array_set(arr, b - 1, y);
            json_array_set_new(arr, b, x);
        }
    json_decref(series);
    json_decref(totals);
    *out = json_pack("{s:s,s:o,s:o}", "by", by == SK_TIMELINE_COUNTRY ? "country" : "type",
                     "months", months, "series", arr);
    return SK_OK;
}

int sk_store_network(sk_store_t *s, const sk_event_filter_t *f, sk_network_level_t level,
                     long min_weight, json_t **out) {
    *out = NULL;
    sk_qb_t q;
    sk_qb_init(&q);
    sk_qb_sql(&q, "SELECT e.id, e.type, e.date_start, ns.side, ns.country, ns.lead_name, "
                  "ns.lead_key, ns.lead_kind, na.org, na.org_key FROM events e JOIN event_sides ns "
                  "ON ns.event_id = e.id LEFT JOIN event_actors na ON na.event_id = e.id AND "
                  "na.side = ns.side AND na.pos = 0");
    sk_qb_event_where(&q, f);
    sk_qb_sql(&q, " ORDER BY e.id, ns.side");
    sk_rows_t r;
    int rc = sk_qb_run(s, &q, &r);
    sk_qb_free(&q);
    if (rc) {
        sk_rows_free(&r);
        return rc;
    }
    json_t *nodes = json_object(), *edges = json_object();
    for (size_t i = 0; i + 1 < r.n; i++) {
        if (strcmp(SK_RV(&r, i, 0), SK_RV(&r, i + 1, 0))) continue;
        char ids[2][600];
        int ok = 1;
        for (int k = 0; k < 2; k++) {
            size_t row = i + (size_t)k;
            const char *country = SK_RV(&r, row, 4), *lname = SK_RV(&r, row, 5),
                       *lkey = SK_RV(&r, row, 6), *lkind = SK_RV(&r, row, 7),
                       *org = SK_RV(&r, row, 8), *okey = SK_RV(&r, row, 9);
            const char *label = NULL, *kind = NULL;
            if (level == SK_NET_COUNTRY) {
                if (!country) ok = 0;
                snprintf(ids[k], sizeof ids[k], "c:%s", country ? country : "");
                label = country, kind = "country";
            } else if (level == SK_NET_ORG) {
                if (lkind && !strcmp(lkind, "organization") && lkey) {
                    snprintf(ids[k], sizeof ids[k], "o:%s", lkey);
                    label = lname;
                } else if (okey) {
                    snprintf(ids[k], sizeof ids[k], "o:%s", okey);
                    label = org;
                } else if (country) {
                    snprintf(ids[k], sizeof ids[k], "c:%s", country);
                    label = country, kind = "country";
                } else {
                    ok = 0;
                }
                if (!kind) kind = "org";
            } else {
                if (lkind && !strcmp(lkind, "person") && lkey) {
                    snprintf(ids[k], sizeof ids[k], "p:%s", lkey);
                    kind = "person";
                } else if (lkind && !strcmp(lkind, "organization") && lkey) {
                    snprintf(ids[k], sizeof ids[k], "o:%s", lkey);
                    kind = "org";
                } else if (country) {
                    snprintf(ids[k], sizeof ids[k], "c:%s", country);
                    kind = "country";
                } else {
                    ok = 0;
                }
                label = lname;
            }
            if (!ok) break;
            json_t *n = json_object_get(nodes, ids[k]);
            if (!n) {
                n = json_pack("{s:s,s:o,s:s,s:o,s:i}", "id", ids[k], "label",
                              sk_json_str(label ? label : ids[k] + 2), "kind", kind, "country",
                              sk_json_str(country), "weight", 0);
                json_object_set_new(nodes, ids[k], n);
            }
            json_object_set_new(n, "weight",
                                json_integer(json_integer_value(json_object_get(n, "weight")) + 1));
        }
        if (!ok || !strcmp(ids[0], ids[1])) {
            i++;
            continue;
        }
        const char *a = ids[0], *b = ids[1];
        if (strcmp(a, b) > 0) a = ids[1], b = ids[0];
        char ek[1300];
        snprintf(ek, sizeof ek, "%s\t%s", a, b);
        json_t *e = json_object_get(edges, ek);
        if (!e) {
            e = json_pack("{s:s,s:s,s:i,s:{},s:n,s:n}", "source", a, "target", b, "weight", 0,
                          "types", "first_date", "last_date");
            json_object_set_new(edges, ek, e);
        }
        json_object_set_new(e, "weight",
                            json_integer(json_integer_value(json_object_get(e, "weight")) + 1));
        json_t *types = json_object_get(e, "types");
        const char *t = SK_RV(&r, i, 1), *d = SK_RV(&r, i, 2);
        json_object_set_new(types, t,
                            json_integer(json_integer_value(json_object_get(types, t)) + 1));
        const char *fd = json_string_value(json_object_get(e, "first_date"));
        const char *ld = json_string_value(json_object_get(e, "last_date"));
        if (d && (!fd || strcmp(d, fd) < 0)) json_object_set_new(e, "first_date", json_string(d));
        if (d && (!ld || strcmp(d, ld) > 0)) json_object_set_new(e, "last_date", json_string(d));
        i++;
    }
    sk_rows_free(&r);
    /* Deterministic order: keys sorted. */
    json_t *narr = json_array(), *earr = json_array(), *keep = json_object();
    const char **keys = NULL;
    size_t nk = 0;
    const char *key;
    json_t *val;
    keys = malloc((json_object_size(edges) + 1) * sizeof *keys);
    json_object_foreach(edges, key, val) keys[nk++] = key;
    qsort(keys, nk, sizeof *keys, strcmp_ptr);
    for (size_t i = 0; i < nk; i++) {
        json_t *e = json_object_get(edges, keys[i]);
        if (json_integer_value(json_object_get(e, "weight")) < min_weight) continue;
        json_array_append(earr, e);
        json_object_set(keep, json_string_value(json_object_get(e, "source")), json_true());
        json_object_set(keep, json_string_value(json_object_get(e, "target")), json_true());
    }
    free(keys);
    nk = 0;
    keys = malloc((json_object_size(nodes) + 1) * sizeof *keys);
    json_object_foreach(nodes, key, val) keys[nk++] = key;
    qsort(keys, nk, sizeof *keys, strcmp_ptr);
    for (size_t i = 0; i < nk; i++)
        if (json_object_get(keep, keys[i]))
            json_array_append(narr, json_object_get(nodes, keys[i]));
    free(keys);
    json_decref(keep);
    json_decref(nodes);
    json_decref(edges);
    static const char *const levels[] = {"country", "org", "person"};
    *out = json_pack("{s:s,s:o,s:o}", "level", levels[level], "nodes", narr, "edges", earr);
    return SK_OK;
}

int strcmp_ptr(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int sk_store_stats(sk_store_t *s, json_t **out) {
    *out = NULL;
    sk_rows_t r;
    int rc = sk_db_run(s,
                       "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM reports), "
                       "(SELECT count(*) FROM events), (SELECT count(*) FROM persons), (SELECT "
                       "count(*) FROM organizations), (SELECT min(date_start) FROM events), "
                       "(SELECT max(date_start) FROM events)",
                       &r, 0, NULL);
    if (rc == SK_OK && r.n == 1)
        *out = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:s}", "articles", sk_json_int(r.v[0]),
                         "reports", sk_json_int(r.v[1]), "events", sk_json_int(r.v[2]), "persons",
                         sk_json_int(r.v[3]), "organizations", sk_json_int(r.v[4]), "first_date",
                         sk_json_str(r.v[5]), "last_date", sk_json_str(r.v[6]), "backend",
                         s->ops->name);
    sk_rows_free(&r);
    return rc;
}
