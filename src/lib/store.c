/* store.c — the backend-neutral store: opening, ingest (articles, reports,
 * persons, organisations) and the per-batch recomputation of merged events
 * and derived tables. Queries live in query.c, exports in export.c. */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "store_int.h"

/* ---------------------------------------------------------------- helpers */

static int collect_cb(void *ctx, int nc, const char *const *vals) {
    sk_rows_t *r = ctx;
    if (r->oom) return 1;
    if (r->nc == 0) r->nc = nc;
    if ((r->n + 1) * (size_t)r->nc > r->cap) {
        size_t cap = r->cap ? r->cap * 2 : (size_t)r->nc * 16;
        while (cap < (r->n + 1) * (size_t)r->nc)
            cap *= 2;
        char **v = realloc(r->v, cap * sizeof *v);
        if (!v) {
            r->oom = 1;
            return 1;
        }
        r->v = v;
        r->cap = cap;
    }
    for (int i = 0; i < r->nc; i++) {
        const char *x = i < nc ? vals[i] : NULL;
        r->v[r->n * (size_t)r->nc + (size_t)i] = x ? strdup(x) : NULL;
    }
    r->n++;
    return 0;
}

void sk_rows_free(sk_rows_t *r) {
    for (size_t i = 0; i < r->n * (size_t)r->nc; i++)
        free(r->v[i]);
    free(r->v);
    memset(r, 0, sizeof *r);
}

int sk_db_run(sk_store_t *s, const char *sql, sk_rows_t *out, int n, const char *const *p) {
    if (out) memset(out, 0, sizeof *out);
    int rc = s->ops->query(s, sql, n, p, out ? collect_cb : NULL, out);
    if (rc == SK_OK && out && out->oom) rc = SK_ENOMEM;
    return rc;
}

static int strset_add(sk_strset_t *set, const char *s) {
    if (!s || !*s) return SK_OK;
    for (size_t i = 0; i < set->n; i++)
        if (!strcmp(set->items[i], s)) return SK_OK;
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        char **p = realloc(set->items, cap * sizeof *p);
        if (!p) return SK_ENOMEM;
        set->items = p;
        set->cap = cap;
    }
    if (!(set->items[set->n] = strdup(s))) return SK_ENOMEM;
    set->n++;
    return SK_OK;
}

static void strset_clear(sk_strset_t *set) {
    for (size_t i = 0; i < set->n; i++)
        free(set->items[i]);
    free(set->items);
    memset(set, 0, sizeof *set);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *num(char *buf, long long v) {
    snprintf(buf, 24, "%lld", v);
    return buf;
}

/* ---------------------------------------------------------------- open */

static int is_pg_target(const char *t) {
    return !strncmp(t, "postgresql://", 13) || !strncmp(t, "postgres://", 11) ||
           strstr(t, "dbname=") != NULL;
}

int sk_store_open(const char *target, unsigned flags, sk_store_t **out, char *errmsg,
                  size_t errmsg_cap) {
    *out = NULL;
    if (!target || !*target) target = "sukien.db";
    sk_store_t *s = calloc(1, sizeof *s);
    if (!s) return SK_ENOMEM;
    s->flags = flags;
    int rc = is_pg_target(target) ? sk_store_pg_open(s, target, flags)
                                  : sk_store_sqlite_open(s, target, flags);
    if (rc != SK_OK) {
        if (errmsg && errmsg_cap) snprintf(errmsg, errmsg_cap, "%s", s->err);
        sk_store_close(s);
        return rc;
    }
    *out = s;
    return SK_OK;
}

void sk_store_close(sk_store_t *s) {
    if (!s) return;
    if (s->in_batch && s->db) sk_store_rollback(s);
    if (s->ops && s->ops->close) s->ops->close(s);
    strset_clear(&s->touched_pairs);
    strset_clear(&s->touched_persons);
    strset_clear(&s->touched_orgs);
    free(s);
}

const char *sk_store_backend(const sk_store_t *s) {
    return s->ops->name;
}

const char *sk_store_errmsg(const sk_store_t *s) {
    return s->err;
}

/* ---------------------------------------------------------------- ingest */

static uint64_t hash_field(uint64_t h, const char *s) {
    if (s) h = sk_fnv1a64(s, strlen(s), h);
    return sk_fnv1a64("\x1f", 1, h);
}

void sk_article_hash(const sk_article_t *a, char out[17]) {
    uint64_t h = SK_FNV_SEED;
    h = hash_field(h, a->doc);
    h = hash_field(h, a->title);
    h = hash_field(h, a->published);
    h = hash_field(h, a->url);
    h = hash_field(h, a->outlet);
    h = hash_field(h, a->corpus);
    h = a->raw ? sk_fnv1a64(a->raw, a->raw_len, h) : h;
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

int sk_store_has_article(sk_store_t *s, const char *doc, const char *hash) {
    sk_rows_t r;
    const char *p[] = {doc};
    int rc = sk_db_run(s, "SELECT content_hash FROM articles WHERE doc = ?", &r, 1, p);
    if (rc) return rc;
    int same = r.n > 0 && r.v[0] && !strcmp(r.v[0], hash);
    sk_rows_free(&r);
    return same;
}

typedef struct {
    sk_store_hash_fn fn;
    void *ctx;
} hash_cb_t;

static int hash_row(void *ctx, int nc, const char *const *v) {
    hash_cb_t *h = ctx;
    if (v[0] && v[1]) h->fn(h->ctx, v[0], v[1]);
    return 0;
}

int sk_store_each_article_hash(sk_store_t *s, sk_store_hash_fn fn, void *ctx) {
    hash_cb_t h = {fn, ctx};
    return s->ops->query(s, "SELECT doc, content_hash FROM articles ORDER BY doc", 0, NULL,
                         hash_row, &h);
}

int sk_store_begin(sk_store_t *s) {
    if (s->in_batch) return SK_EINVAL;
    if (s->flags & SK_STORE_READONLY) {
        snprintf(s->err, sizeof s->err, "the store was opened read-only");
        return SK_EINVAL;
    }
    int rc = s->ops->script(s, "BEGIN");
    if (rc == SK_OK) s->in_batch = 1;
    return rc;
}

int sk_store_rollback(sk_store_t *s) {
    if (!s->in_batch) return SK_OK;
    s->in_batch = 0;
    strset_clear(&s->touched_pairs);
    strset_clear(&s->touched_persons);
    strset_clear(&s->touched_orgs);
    return s->ops->script(s, "ROLLBACK");
}

/* Touch everything an article contributed, then delete its rows. */
static int delete_article(sk_store_t *s, const char *doc) {
    const char *p[] = {doc};
    sk_rows_t r;
    int rc = sk_db_run(s, "SELECT DISTINCT pair_key FROM reports WHERE doc = ?", &r, 1, p);
    for (size_t i = 0; rc == SK_OK && i < r.n; i++)
        rc = strset_add(&s->touched_pairs, r.v[i]);
    sk_rows_free(&r);
    if (rc) return rc;
    rc = sk_db_run(s, "SELECT person_id FROM article_persons WHERE doc = ?", &r, 1, p);
    for (size_t i = 0; rc == SK_OK && i < r.n; i++)
        rc = strset_add(&s->touched_persons, r.v[i]);
    sk_rows_free(&r);
    if (rc) return rc;
    rc = sk_db_run(s, "SELECT org_id FROM article_orgs WHERE doc = ?", &r, 1, p);
    for (size_t i = 0; rc == SK_OK && i < r.n; i++)
        rc = strset_add(&s->touched_orgs, r.v[i]);
    sk_rows_free(&r);
    if (rc) return rc;
    static const char *const dels[] = {
        "DELETE FROM report_actor_titles WHERE doc = ?",
        "DELETE FROM report_actors WHERE doc = ?",
        "DELETE FROM report_sides WHERE doc = ?",
        "DELETE FROM reports WHERE doc = ?",
        "DELETE FROM article_person_titles WHERE doc = ?",
        "DELETE FROM article_persons WHERE doc = ?",
        "DELETE FROM article_orgs WHERE doc = ?",
    };
    for (size_t i = 0; rc == SK_OK && i < SK_ARRAY_LEN(dels); i++)
        rc = sk_db_run(s, dels[i], NULL, 1, p);
    if (rc == SK_OK) rc = s->ops->fts_del(s, doc);
    if (rc == SK_OK) rc = sk_db_run(s, "DELETE FROM articles WHERE doc = ?", NULL, 1, p);
    return rc;
}

static const char *pub_date(const char *published, char buf[11]) {
    if (!published || strlen(published) < 10) return NULL;
    for (int i = 0; i < 10; i++) {
        char c = published[i];
        if ((i == 4 || i == 7) ? c != '-' : (c < '0' || c > '9')) return NULL;
    }
    memcpy(buf, published, 10);
    buf[10] = 0;
    return buf;
}

static int add_org(sk_store_t *s, const char *doc, const char *name, const char *country) {
    if (!name || !*name) return SK_OK;
    char key[512];
    if (!sk_merge_fold_key(name, key, sizeof key)) return SK_OK;
    const char *p[] = {doc, key, name, country};
    int rc = sk_db_run(s,
                       "INSERT INTO article_orgs (doc, org_id, name, country) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (doc, org_id) DO NOTHING",
                       NULL, 4, p);
    if (rc == SK_OK) rc = strset_add(&s->touched_orgs, key);
    return rc;
}

/* Record a person of the article once (first occurrence wins). */
static int add_person(sk_store_t *s, sk_strset_t *seen, const char *doc, const char *name,
                      const char *const *titles, size_t n_titles, const char *org,
                      const char *country, long n_mentions, long start, long end) {
    if (!name || !*name) return SK_OK;
    char key[512], b1[24], b2[24], b3[24];
    if (!sk_merge_fold_key(name, key, sizeof key)) return SK_OK;
    for (size_t i = 0; i < seen->n; i++)
        if (!strcmp(seen->items[i], key)) return SK_OK;
    int rc = strset_add(seen, key);
    if (rc) return rc;
    const char *p[] = {doc,         key, name, org, country, num(b1, n_mentions), num(b2, start),
                       num(b3, end)};
    rc = sk_db_run(s,
                   "INSERT INTO article_persons (doc, person_id, name, org, country, n_mentions, "
                   "first_start, first_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   NULL, 8, p);
    for (size_t i = 0; rc == SK_OK && i < n_titles; i++) {
        char tk[512];
        sk_merge_fold_key(titles[i] ? titles[i] : "", tk, sizeof tk);
        const char *tp[] = {doc, key, num(b1, (long long)i), titles[i], tk};
        rc = sk_db_run(s,
                       "INSERT INTO article_person_titles (doc, person_id, n, title, title_key) "
                       "VALUES (?, ?, ?, ?, ?)",
                       NULL, 5, tp);
    }
    if (rc == SK_OK) rc = strset_add(&s->touched_persons, key);
    if (rc == SK_OK && org) rc = add_org(s, doc, org, country);
    return rc;
}

static int put_report(sk_store_t *s, const char *doc, long ord, const sk_event_t *ev) {
    char pair[1024], b1[24], b2[24], b3[24], b4[24], b5[24];
    sk_merge_pair_key(ev, pair, sizeof pair);
    const char *p[] = {doc,
                       num(b1, ord),
                       pair,
                       sk_event_type_name(ev->type),
                       ev->subtype,
                       ev->planned ? "planned" : "occurred",
                       ev->date.iso,
                       sk_date_precision_name(ev->date.precision),
                       num(b2, ev->date.inferred ? 1 : 0),
                       ev->location_name,
                       ev->location_name ? ev->location_country : NULL,
                       ev->cameo,
                       ev->plover_type,
                       ev->plover_mode,
                       ev->trigger,
                       ev->evidence,
                       num(b3, ev->evidence_start),
                       num(b4, ev->evidence_end),
                       num(b5, ev->n_mentions ? ev->n_mentions : 1)};
    int rc = sk_db_run(s,
                       "INSERT INTO reports (doc, ord, pair_key, type, subtype, status, date, "
                       "date_precision, date_inferred, location_name, location_country, cameo, "
                       "plover_type, plover_mode, trigger_word, evidence, evidence_start, "
                       "evidence_end, n_sentences) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?, ?, ?, ?, ?, ?)",
                       NULL, 19, p);
    for (int cs = 0; rc == SK_OK && cs < 2; cs++) {
        const sk_side_t *sd = &ev->sides[cs];
        char lead[512];
        sk_merge_lead(sd, lead, sizeof lead);
        const sk_actor_t *la = sd->n_actors ? &sd->actors[0] : NULL;
        const char *lead_name = la && la->name ? la->name : sd->country;
        const char *lead_kind =
            la ? (la->kind == SK_ACTOR_PERSON ? "person" : "organization") : "country";
        const char *sp[] = {doc,          b1,        num(b2, cs), sd->role, sd->country,
                            sd->locality, lead_name, lead,        lead_kind};
        rc = sk_db_run(s,
                       "INSERT INTO report_sides (doc, ord, side, role, country, locality, "
                       "lead_name, lead_key, lead_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       NULL, 9, sp);
        for (size_t i = 0; rc == SK_OK && i < sd->n_actors; i++) {
            const sk_actor_t *x = &sd->actors[i];
            char nk[512], ok[512];
            sk_merge_fold_key(x->name ? x->name : "", nk, sizeof nk);
            sk_merge_fold_key(x->org ? x->org : "", ok, sizeof ok);
            const char *ap[] = {doc,
                                b1,
                                b2,
                                num(b3, (long long)i),
                                x->kind == SK_ACTOR_PERSON ? "person" : "organization",
                                x->name,
                                nk,
                                x->org,
                                x->org ? ok : NULL,
                                x->country ? x->country : sd->country};
            rc = sk_db_run(s,
                           "INSERT INTO report_actors (doc, ord, side, pos, kind, name, name_key, "
                           "org, org_key, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           NULL, 10, ap);
            for (size_t t = 0; rc == SK_OK && t < x->n_titles; t++) {
                const char *tp[] = {doc, b1, b2, b3, num(b4, (long long)t), x->titles[t]};
                rc = sk_db_run(s,
                               "INSERT INTO report_actor_titles (doc, ord, side, pos, n, title) "
                               "VALUES (?, ?, ?, ?, ?, ?)",
                               NULL, 6, tp);
            }
            if (rc == SK_OK && x->org)
                rc = add_org(s, doc, x->org, x->country ? x->country : sd->country);
            if (rc == SK_OK && x->kind == SK_ACTOR_ORGANIZATION)
                rc = add_org(s, doc, x->name, x->country ? x->country : sd->country);
        }
    }
    if (rc == SK_OK) rc = strset_add(&s->touched_pairs, pair);
    return rc;
}

/* `known`: stored_hash is what the store holds (NULL: nothing); else look it up. */
static int put_article(sk_store_t *s, const sk_article_t *a, const char *hash, int known,
                       const char *stored_hash, sk_put_outcome_t *outcome) {
    if (!s->in_batch || !a->doc) return SK_EINVAL;
    if (outcome) *outcome = SK_PUT_ADDED;
    int rc = SK_OK;
    sk_rows_t r = {0};
    if (!known) {
        const char *p[] = {a->doc};
        rc = sk_db_run(s, "SELECT content_hash FROM articles WHERE doc = ?", &r, 1, p);
        if (rc) return rc;
        if (r.n > 0) stored_hash = r.v[0] ? r.v[0] : "";
    }
    if (stored_hash) {
        int same = !strcmp(stored_hash, hash) && !(s->flags & SK_STORE_RECODE);
        sk_rows_free(&r);
        if (same) {
            if (outcome) *outcome = SK_PUT_UNCHANGED;
            return SK_OK;
        }
        if (outcome) *outcome = SK_PUT_REPLACED;
        if ((rc = delete_article(s, a->doc))) return rc;
    } else {
        sk_rows_free(&r);
    }
    const sk_events_t *evs = sk_article_events(a);
    const sk_persons_t *ps = sk_article_persons(a);
    char b1[24], b2[24], pd[11], *search = NULL;
    if (s->ops->search_text && (rc = s->ops->search_text(s, a->title, a->text, &search))) return rc;
    const char *ap[] = {a->doc,
                        hash,
                        a->title,
                        a->url,
                        a->outlet,
                        a->published,
                        pub_date(a->published, pd),
                        a->corpus,
                        a->source,
                        a->text,
                        num(b1, evs ? (long long)evs->n : 0),
                        num(b2, ps ? (long long)ps->n : 0),
                        search};
    rc = sk_db_run(s,
                   "INSERT INTO articles (doc, content_hash, title, url, outlet, published, "
                   "pub_date, corpus, source, text, n_events, n_persons, search_text) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   NULL, 13, ap);
    free(search);
    for (size_t i = 0; rc == SK_OK && evs && i < evs->n; i++)
        rc = put_report(s, a->doc, (long)i, &evs->items[i]);
    sk_strset_t seen = {0};
    for (size_t i = 0; rc == SK_OK && ps && i < ps->n; i++) {
        const sk_person_t *x = &ps->items[i];
        rc = add_person(s, &seen, a->doc, x->name, x->titles, x->n_titles, x->org, x->country,
                        x->n_mentions, x->first_start, x->first_end);
    }
    /* Event actors the persons list missed still count as persons of the article. */
    for (size_t i = 0; rc == SK_OK && evs && i < evs->n; i++)
        for (int sd = 0; rc == SK_OK && sd < 2; sd++)
            for (size_t k = 0; rc == SK_OK && k < evs->items[i].sides[sd].n_actors; k++) {
                const sk_actor_t *x = &evs->items[i].sides[sd].actors[k];
                if (x->kind != SK_ACTOR_PERSON) continue;
                rc = add_person(s, &seen, a->doc, x->name, x->titles, x->n_titles, x->org,
                                x->country ? x->country : evs->items[i].sides[sd].country, 1,
                                evs->items[i].evidence_start, evs->items[i].evidence_end);
            }
    strset_clear(&seen);
    if (rc == SK_OK) rc = s->ops->fts_put(s, a->doc, a->title, a->text);
    return rc;
}

int sk_store_put(sk_store_t *s, const sk_article_t *a, const char *hash,
                 sk_put_outcome_t *outcome) {
    return put_article(s, a, hash, 0, NULL, outcome);
}

int sk_store_put_known(sk_store_t *s, const sk_article_t *a, const char *hash,
                       const char *stored_hash, sk_put_outcome_t *outcome) {
    return put_article(s, a, hash, 1, stored_hash, outcome);
}

/* ---------------------------------------------------------------- recompute */

/* Representative report of a merged event: the most precise date, then one
 * that names the place, then the earliest published (undated last), then
 * the smallest (doc, ord). Rows: doc, ord, date, status, pub_date, source,
 * location_name. */
static int better_rep(sk_rows_t *r, size_t a, size_t b) {
    int ra = sk_merge_date_rank(SK_RV(r, a, 2)), rb = sk_merge_date_rank(SK_RV(r, b, 2));
    if (ra != rb) return ra > rb;
    int la = SK_RV(r, a, 6) != NULL, lb = SK_RV(r, b, 6) != NULL;
    if (la != lb) return la;
    const char *pa = SK_RV(r, a, 4), *pb = SK_RV(r, b, 4);
    if ((pa != NULL) != (pb != NULL)) return pa != NULL;
    if (pa && pb && strcmp(pa, pb)) return strcmp(pa, pb) < 0;
    int c = strcmp(SK_RV(r, a, 0), SK_RV(r, b, 0));
    if (c) return c < 0;
    return atol(SK_RV(r, a, 1)) < atol(SK_RV(r, b, 1));
}

/* Rebuild the merged events of one pair key from all its reports. */
static int cmp_date_key(const void *a, const void *b, void *ctx) {
    const sk_merge_item_t *items = ctx;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(items[i].date_key, items[j].date_key);
    return c ? c : (i > j) - (i < j);
}

/* The search-text rows of a pair, indexed by (doc, ord) so that each event
 * finds its representative's rows by binary search rather than by a scan of
 * all the pair's rows (quadratic for a pair with many events). Sorted here,
 * not by the SQL ORDER BY, whose text order depends on the PostgreSQL
 * collation; ties keep the query's order (part, side, pos, n). */
static int cmp_doc_ord(const sk_rows_t *p, size_t k, const char *doc, const char *ord) {
    int c = strcmp(SK_RV(p, k, 0), doc);
    if (c) return c;
    long long a = atoll(SK_RV(p, k, 1)), b = atoll(ord);
    return (a > b) - (a < b);
}

static int cmp_part_rows(const void *a, const void *b, void *ctx) {
    const sk_rows_t *p = ctx;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = cmp_doc_ord(p, i, SK_RV(p, j, 0), SK_RV(p, j, 1));
    return c ? c : (i > j) - (i < j);
}

static size_t parts_lower_bound(const sk_rows_t *p, const size_t *idx, const char *doc,
                                const char *ord) {
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_doc_ord(p, idx[mid], doc, ord) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int rebuild_pair(sk_store_t *s, const char *pair) {
    const char *pp[] = {pair};
    static const char *const dels[] = {
        "DELETE FROM event_actor_titles WHERE event_id IN (SELECT id FROM events WHERE pair_key "
        "= ?)",
        "DELETE FROM event_actors WHERE event_id IN (SELECT id FROM events WHERE pair_key = ?)",
        "DELETE FROM event_sides WHERE event_id IN (SELECT id FROM events WHERE pair_key = ?)",
        "DELETE FROM events WHERE pair_key = ?",
    };
    int rc = SK_OK;
    for (size_t i = 0; rc == SK_OK && i < SK_ARRAY_LEN(dels); i++)
        rc = sk_db_run(s, dels[i], NULL, 1, pp);
    if (rc) return rc;
    sk_rows_t r, parts = {0};
    size_t *pidx = NULL;
    rc =
        sk_db_run(s,
                  "SELECT r.doc, r.ord, r.date, r.status, a.pub_date, "
                  "COALESCE(a.outlet, a.corpus, a.doc), r.location_name, r.event_id FROM reports r "
                  "JOIN articles a ON a.doc = r.doc WHERE r.pair_key = ? ORDER BY r.doc, r.ord",
                  &r, 1, pp);
    if (rc) return rc;
    size_t n = r.n;
    sk_merge_item_t *items = calloc(n ? n : 1, sizeof *items);
    size_t *by_key = calloc(n ? n : 1, sizeof *by_key);
    const char **srcs = calloc(n ? n : 1, sizeof *srcs);
    if (!items || !by_key || !srcs) {
        free(items), free(by_key), free(srcs), sk_rows_free(&r);
        return SK_ENOMEM;
    }
#define RV(i, j) (r.v[(i) * (size_t)r.nc + (j)])
    for (size_t i = 0; i < n; i++)
        items[i].date = RV(i, 2);
    rc = sk_merge_cluster(items, n);
    if (rc < 0) goto out;
    /* What the events' search text is made of (actors, orgs, titles, place,
     * evidence), for every report of the pair in one query rather than one
     * per event: rows (doc, ord, part, side, pos, n, text). */
    rc = sk_db_run(s,
                   "SELECT r.doc, r.ord, 1, a.side, a.pos, 0, a.name FROM reports r JOIN "
                   "report_actors a ON a.doc = r.doc AND a.ord = r.ord WHERE r.pair_key = ? "
                   "UNION ALL SELECT r.doc, r.ord, 2, a.side, a.pos, 0, a.org FROM reports r JOIN "
                   "report_actors a ON a.doc = r.doc AND a.ord = r.ord WHERE r.pair_key = ? "
                   "UNION ALL SELECT r.doc, r.ord, 3, t.side, t.pos, t.n, t.title FROM reports r "
                   "JOIN report_actor_titles t ON t.doc = r.doc AND t.ord = r.ord WHERE "
                   "r.pair_key = ? UNION ALL SELECT doc, ord, 4, 0, 0, 0, location_name FROM "
                   "reports WHERE pair_key = ? UNION ALL SELECT doc, ord, 5, 0, 0, 0, evidence "
                   "FROM reports WHERE pair_key = ? ORDER BY 1, 2, 3, 4, 5, 6",
                   &parts, 5, (const char *const[]){pair, pair, pair, pair, pair});
    if (rc) goto out;
    if (!(pidx = malloc((parts.n ? parts.n : 1) * sizeof *pidx))) {
        rc = SK_ENOMEM;
        goto out;
    }
    for (size_t k = 0; k < parts.n; k++)
        pidx[k] = k;
    qsort_r(pidx, parts.n, sizeof *pidx, cmp_part_rows, &parts);
    rc = SK_OK;
    /* Clusters as runs of equal date keys; inside a run members keep their
     * (doc, ord) order. (Scanning all rows per cluster and comparing each
     * member with the earlier ones was quadratic: a pair reported by 100,000
     * articles took minutes per batch.) */
    for (size_t i = 0; i < n; i++)
        by_key[i] = i;
    qsort_r(by_key, n, sizeof *by_key, cmp_date_key, items);
    for (size_t g = 0, ge; rc == SK_OK && g < n; g = ge) {
        const char *dkey = items[by_key[g]].date_key;
        for (ge = g + 1; ge < n && !strcmp(items[by_key[ge]].date_key, dkey); ge++)
            ;
        /* Representative = most precise date, then the earliest (doc, ord). */
        size_t rep = by_key[g], n_rep = ge - g, n_art = 0, n_src = 0;
        int occurred = 0;
        const char *first_pub = NULL, *last_pub = NULL;
        for (size_t m = g; m < ge; m++) {
            size_t j = by_key[m];
            if (better_rep(&r, j, rep)) rep = j;
            if (RV(j, 3) && !strcmp(RV(j, 3), "occurred")) occurred = 1;
            /* rows come sorted by doc: a doc's reports are adjacent */
            if (m == g || strcmp(RV(by_key[m - 1], 0), RV(j, 0))) n_art++;
            srcs[m - g] = RV(j, 5);
            const char *pd = RV(j, 4);
            if (pd && (!first_pub || strcmp(pd, first_pub) < 0)) first_pub = pd;
            if (pd && (!last_pub || strcmp(pd, last_pub) > 0)) last_pub = pd;
        }
        qsort(srcs, n_rep, sizeof *srcs, cmp_str);
        for (size_t m = 0; m < n_rep; m++)
            if (!m || strcmp(srcs[m - 1], srcs[m])) n_src++;
        char key[1100], id[20], b1[24], b2[24], b3[24];
        sk_merge_event_key(pair, dkey, key, sizeof key);
        sk_merge_event_id(key, id);
        const char *rdoc = RV(rep, 0), *rord = RV(rep, 1);
        /* date_start: sortable prefix ("2024-10-07", "2024-10", "2024") or NULL. */
        const char *d = RV(rep, 2);
        char ds[11] = "";
        if (d && d[0] != '-') {
            size_t k = 0;
            while (d[k] && d[k] != '/' && k < 10)
                k++;
            memcpy(ds, d, k);
            ds[k] = 0;
        }
        /* Search text: actors, orgs, titles, place and the evidence. */
        size_t p0 = parts_lower_bound(&parts, pidx, rdoc, rord), p1 = p0, len = 0;
        for (; p1 < parts.n && !cmp_doc_ord(&parts, pidx[p1], rdoc, rord); p1++)
            if (SK_RV(&parts, pidx[p1], 6)) len += strlen(SK_RV(&parts, pidx[p1], 6)) + 3;
        char *all = malloc(len + 1), *o = all, *search = NULL;
        if (!all) {
            rc = SK_ENOMEM;
            break;
        }
        for (size_t k = p0; k < p1; k++)
            if (SK_RV(&parts, pidx[k], 6)) o += sprintf(o, "%s | ", SK_RV(&parts, pidx[k], 6));
        *o = 0;
        search = sk_store_search_text(all, (size_t)(o - all));
        free(all);
        if (!search) {
            rc = SK_ENOMEM;
            break;
        }
        const char *ep[] = {id,
                            key,
                            pair,
                            occurred ? "occurred" : "planned",
                            ds[0] ? ds : NULL,
                            num(b1, (long long)n_rep),
                            num(b2, (long long)n_art),
                            num(b3, (long long)n_src),
                            first_pub,
                            last_pub,
                            search,
                            rdoc,
                            rord};
        rc =
            sk_db_run(s,
                      "INSERT INTO events (id, event_key, pair_key, type, subtype, status, date, "
                      "date_precision, date_start, location_name, location_country, cameo, "
                      "plover_type, plover_mode, n_reports, n_articles, n_sources, "
                      "first_published, last_published, rep_doc, rep_ord, search_text) "
                      "SELECT ?, ?, ?, type, subtype, ?, date, date_precision, ?, location_name, "
                      "location_country, cameo, plover_type, plover_mode, ?, ?, ?, ?, ?, doc, ord, "
                      "? FROM reports WHERE doc = ? AND ord = ?",
                      NULL, 13, ep);
        free(search);
        const char *cp[] = {id, rdoc, rord};
        if (rc == SK_OK)
            rc = sk_db_run(s,
                           "INSERT INTO event_sides (event_id, side, role, country, locality, "
                           "lead_name, lead_key, lead_kind) SELECT ?, side, role, country, "
                           "locality, lead_name, lead_key, lead_kind FROM report_sides WHERE doc "
                           "= ? AND ord = ?",
                           NULL, 3, cp);
        if (rc == SK_OK)
            rc = sk_db_run(s,
                           "INSERT INTO event_actors (event_id, side, pos, kind, name, name_key, "
                           "org, org_key, country) SELECT ?, side, pos, kind, name, name_key, org, "
                           "org_key, country FROM report_actors WHERE doc = ? AND ord = ?",
                           NULL, 3, cp);
        if (rc == SK_OK)
            rc = sk_db_run(s,
                           "INSERT INTO event_actor_titles (event_id, side, pos, n, title) "
                           "SELECT ?, side, pos, n, title FROM report_actor_titles WHERE doc = ? "
                           "AND ord = ?",
                           NULL, 3, cp);
        /* Point the reports at their event; most already do from earlier batches. */
        for (size_t m = g; rc == SK_OK && m < ge; m++) {
            size_t j = by_key[m];
            if (RV(j, 7) && !strcmp(RV(j, 7), id)) continue;
            const char *up[] = {id, RV(j, 0), RV(j, 1)};
            rc = sk_db_run(s, "UPDATE reports SET event_id = ? WHERE doc = ? AND ord = ?", NULL, 3,
                           up);
        }
    }
#undef RV
out:
    free(items);
    free(by_key);
    free(srcs);
    free(pidx);
    sk_rows_free(&r);
    sk_rows_free(&parts);
    return rc;
}

static int rebuild_person(sk_store_t *s, const char *id) {
    const char *p1[] = {id};
    int rc = sk_db_run(s, "DELETE FROM persons WHERE id = ?", NULL, 1, p1);
    if (rc == SK_OK)
        rc = sk_db_run(s, "DELETE FROM person_titles WHERE person_id = ?", NULL, 1, p1);
    const char *p[] = {id, id, id, id, id};
    if (rc == SK_OK)
        rc = sk_db_run(
            s,
            "INSERT INTO persons (id, name, country, org, n_articles, first_seen, last_seen) "
            "SELECT ?, (SELECT name FROM article_persons WHERE person_id = ? GROUP BY name ORDER "
            "BY count(*) DESC, name LIMIT 1), (SELECT country FROM article_persons WHERE "
            "person_id = ? AND country IS NOT NULL GROUP BY country ORDER BY count(*) DESC, "
            "country LIMIT 1), (SELECT org FROM article_persons WHERE person_id = ? AND org IS NOT "
            "NULL GROUP BY org ORDER BY count(*) DESC, org LIMIT 1), count(*), min(a.pub_date), "
            "max(a.pub_date) FROM article_persons ap JOIN articles a ON a.doc = ap.doc WHERE "
            "ap.person_id = ? HAVING count(*) > 0",
            NULL, 5, p);
    if (rc == SK_OK)
        rc = sk_db_run(s,
                       "INSERT INTO person_titles (person_id, title_key, title, first_seen, "
                       "last_seen, n_articles) SELECT t.person_id, t.title_key, (SELECT u.title "
                       "FROM article_person_titles u WHERE u.person_id = t.person_id AND "
                       "u.title_key = t.title_key GROUP BY u.title ORDER BY count(*) DESC, "
                       "u.title LIMIT 1), min(a.pub_date), max(a.pub_date), count(DISTINCT "
                       "t.doc) FROM article_person_titles t JOIN articles a ON a.doc = t.doc "
                       "WHERE t.person_id = ? AND t.title_key IS NOT NULL AND t.title_key <> '' "
                       "GROUP BY t.person_id, t.title_key",
                       NULL, 1, p1);
    return rc;
}

static int rebuild_org(sk_store_t *s, const char *id) {
    const char *p1[] = {id};
    int rc = sk_db_run(s, "DELETE FROM organizations WHERE id = ?", NULL, 1, p1);
    const char *p[] = {id, id, id, id};
    if (rc == SK_OK)
        rc = sk_db_run(
            s,
            "INSERT INTO organizations (id, name, country, n_articles) SELECT ?, (SELECT name "
            "FROM article_orgs WHERE org_id = ? GROUP BY name ORDER BY count(*) DESC, name LIMIT "
            "1), (SELECT country FROM article_orgs WHERE org_id = ? AND country IS NOT NULL GROUP "
            "BY country ORDER BY count(*) DESC, country LIMIT 1), count(*) FROM article_orgs "
            "WHERE org_id = ? HAVING count(*) > 0",
            NULL, 4, p);
    return rc;
}

int sk_store_commit(sk_store_t *s) {
    if (!s->in_batch) return SK_EINVAL;
    int rc = SK_OK;
    /* Sorted so that the work (and any error) does not depend on input order. */
    if (s->touched_pairs.n > 1)
        qsort(s->touched_pairs.items, s->touched_pairs.n, sizeof(char *), cmp_str);
    for (size_t i = 0; rc == SK_OK && i < s->touched_pairs.n; i++)
        rc = rebuild_pair(s, s->touched_pairs.items[i]);
    for (size_t i = 0; rc == SK_OK && i < s->touched_persons.n; i++)
        rc = rebuild_person(s, s->touched_persons.items[i]);
    for (size_t i = 0; rc == SK_OK && i < s->touched_orgs.n; i++)
        rc = rebuild_org(s, s->touched_orgs.items[i]);
    if (rc != SK_OK) {
        char keep[sizeof s->err];
        memcpy(keep, s->err, sizeof keep);
        sk_store_rollback(s);
        memcpy(s->err, keep, sizeof keep);
        return rc;
    }
    rc = s->ops->script(s, "COMMIT");
    s->in_batch = 0;
    strset_clear(&s->touched_pairs);
    strset_clear(&s->touched_persons);
    strset_clear(&s->touched_orgs);
    return rc;
}
