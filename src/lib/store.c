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

/* Append "a\x1fb" to set, without looking for repeats (sort_unique later). */
static int strset_push2(sk_strset_t *set, const char *a, const char *b) {
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        char **p = realloc(set->items, cap * sizeof *p);
        if (!p) return SK_ENOMEM;
        set->items = p;
        set->cap = cap;
    }
    size_t la = strlen(a), lb = strlen(b);
    char *x = malloc(la + lb + 2);
    if (!x) return SK_ENOMEM;
    memcpy(x, a, la);
    x[la] = '\x1f';
    memcpy(x + la + 1, b, lb + 1);
    set->items[set->n++] = x;
    return SK_OK;
}

/* Sort and drop repeats (freeing them). */
static void strset_sort_unique(sk_strset_t *set) {
    if (set->n < 2) return;
    qsort(set->items, set->n, sizeof *set->items, cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < set->n; i++) {
        if (k && !strcmp(set->items[k - 1], set->items[i]))
            free(set->items[i]);
        else
            set->items[k++] = set->items[i];
    }
    set->n = k;
}

/* The "key\x1f..." entries of a sorted set, as [*lo, *hi). */
static void strset_prefix_range(const sk_strset_t *set, const char *key, size_t *lo, size_t *hi) {
    size_t len = strlen(key), a = 0, b = set->n;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        int c = strncmp(set->items[mid], key, len);
        if (c < 0 || (c == 0 && (unsigned char)set->items[mid][len] < 0x1f))
            a = mid + 1;
        else
            b = mid;
    }
    *lo = a;
    while (a < set->n && !strncmp(set->items[a], key, len) && set->items[a][len] == '\x1f')
        a++;
    *hi = a;
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
    strset_clear(&s->lost_events);
    strset_clear(&s->shrunk);
    strset_clear(&s->new_person_docs);
    strset_clear(&s->new_org_docs);
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
    strset_clear(&s->lost_events);
    strset_clear(&s->shrunk);
    strset_clear(&s->new_person_docs);
    strset_clear(&s->new_org_docs);
    return s->ops->script(s, "ROLLBACK");
}

/* Touch everything an article contributed, then delete its rows. */
static int delete_article(sk_store_t *s, const char *doc) {
    const char *p[] = {doc};
    sk_rows_t r;
    /* The events the article's reports were in lose members: rebuild_pair
     * recomputes them rather than extending them. */
    int rc =
        sk_db_run(s, "SELECT DISTINCT pair_key, event_id FROM reports WHERE doc = ?", &r, 1, p);
    for (size_t i = 0; rc == SK_OK && i < r.n; i++) {
        const char *pair = SK_RV(&r, i, 0), *ev = SK_RV(&r, i, 1);
        rc = strset_add(&s->touched_pairs, pair);
        if (rc == SK_OK && ev) rc = strset_push2(&s->lost_events, pair, ev);
    }
    sk_rows_free(&r);
    if (rc) return rc;
    /* Persons and organisations that lose an article are recomputed, not
     * extended (rebuild_person, rebuild_org). */
    rc = sk_db_run(s, "SELECT person_id FROM article_persons WHERE doc = ?", &r, 1, p);
    for (size_t i = 0; rc == SK_OK && i < r.n; i++) {
        rc = strset_add(&s->touched_persons, r.v[i]);
        if (rc == SK_OK) rc = strset_push2(&s->shrunk, "p", r.v[i]);
    }
    sk_rows_free(&r);
    if (rc) return rc;
    rc = sk_db_run(s, "SELECT org_id FROM article_orgs WHERE doc = ?", &r, 1, p);
    for (size_t i = 0; rc == SK_OK && i < r.n; i++) {
        rc = strset_add(&s->touched_orgs, r.v[i]);
        if (rc == SK_OK) rc = strset_push2(&s->shrunk, "o", r.v[i]);
    }
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
    /* Uncount the article's person rows (at most one per person and doc; a
     * title can repeat), then drop the values no row carries any more. */
    static const char *const uncount[] = {
        "UPDATE person_values SET n = n - 1 WHERE person_id IN (SELECT person_id FROM "
        "article_persons WHERE doc = ?) AND EXISTS (SELECT 1 FROM article_persons ap WHERE "
        "ap.doc = ? AND ap.person_id = person_values.person_id AND person_values.value = CASE "
        "person_values.field WHEN 'name' THEN ap.name WHEN 'country' THEN ap.country ELSE ap.org "
        "END)",
        "UPDATE person_title_values SET n = n - (SELECT count(*) FROM article_person_titles t "
        "WHERE t.doc = ? AND t.person_id = person_title_values.person_id AND t.title_key = "
        "person_title_values.title_key AND t.title = person_title_values.title) WHERE person_id "
        "IN (SELECT person_id FROM article_persons WHERE doc = ?)",
    };
    static const char *const drop_zero[] = {
        "DELETE FROM person_values WHERE n <= 0 AND person_id IN (SELECT person_id FROM "
        "article_persons WHERE doc = ?)",
        "DELETE FROM person_title_values WHERE n <= 0 AND person_id IN (SELECT person_id FROM "
        "article_persons WHERE doc = ?)",
    };
    for (size_t i = 0; rc == SK_OK && i < SK_ARRAY_LEN(uncount); i++)
        rc = sk_db_run(s, uncount[i], NULL, 2, (const char *const[]){doc, doc});
    for (size_t i = 0; rc == SK_OK && i < SK_ARRAY_LEN(drop_zero); i++)
        rc = sk_db_run(s, drop_zero[i], NULL, 1, p);
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
    if (rc == SK_OK) rc = strset_push2(&s->new_org_docs, key, doc);
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
    const char *fields[][2] = {{"name", name}, {"country", country}, {"org", org}};
    for (size_t i = 0; rc == SK_OK && i < SK_ARRAY_LEN(fields); i++)
        if (fields[i][1])
            rc = sk_db_run(s,
                           "INSERT INTO person_values (person_id, field, value, n) VALUES (?, ?, "
                           "?, 1) ON CONFLICT (person_id, field, value) DO UPDATE SET n = "
                           "person_values.n + 1",
                           NULL, 3, (const char *const[]){key, fields[i][0], fields[i][1]});
    for (size_t i = 0; rc == SK_OK && i < n_titles; i++) {
        char tk[512];
        sk_merge_fold_key(titles[i] ? titles[i] : "", tk, sizeof tk);
        const char *tp[] = {doc, key, num(b1, (long long)i), titles[i], tk};
        rc = sk_db_run(s,
                       "INSERT INTO article_person_titles (doc, person_id, n, title, title_key) "
                       "VALUES (?, ?, ?, ?, ?)",
                       NULL, 5, tp);
        if (rc == SK_OK && titles[i] && *tk)
            rc = sk_db_run(s,
                           "INSERT INTO person_title_values (person_id, title_key, title, n) "
                           "VALUES (?, ?, ?, 1) ON CONFLICT (person_id, title_key, title) DO "
                           "UPDATE SET n = person_title_values.n + 1",
                           NULL, 3, (const char *const[]){key, tk, titles[i]});
    }
    if (rc == SK_OK) rc = strset_add(&s->touched_persons, key);
    if (rc == SK_OK) rc = strset_push2(&s->new_person_docs, key, doc);
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

/* Merged events are a function of the stored reports: a pair's reports are
 * clustered by date (sk_merge_cluster), one event per cluster. Recomputing
 * every event of each pair a batch touches from all of the pair's reports
 * made a pair reported N times cost O(N) per batch, O(N²/batch) over an
 * ingest (docs/ROBUSTNESS.md, finding 5). A batch rewrites only the events
 * it changes, and the result is the same function of the reports:
 *
 *  - The clustering depends only on the set of the pair's distinct dates
 *    (a repeated date adds no interval, no anchor and no key), so it is
 *    recomputed from that set, read from the (pair_key, date, event_id)
 *    index rather than from every report.
 *  - All reports of one date are in one cluster, so they share one event;
 *    reports stored by this batch have none yet (event_id NULL). Per date the
 *    index therefore tells the event before the batch (max(event_id)) and
 *    whether the batch added reports of that date.
 *  - An event that keeps all its earlier members and gains only the batch's
 *    new reports is extended in place (counts grow by what the new reports
 *    add, the representative is the better of the old one and the new
 *    ones). An event that is new, lost a member (its article was replaced)
 *    or gains members of another event (the dates re-clustered) is
 *    recomputed from all its members. Events no date maps to are deleted. */

/* Representative report of a merged event: the most precise date, then one
 * that names the place, then the earliest published (undated last), then
 * the smallest (doc, ord). Rows: doc, ord, date, status, pub_date, source,
 * location_name, event_id. A strict total order ((doc, ord) is unique), so
 * the representative does not depend on the order the rows come in. */
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

/* Member rows of an event, in the column order better_rep reads. */
#define MEMBER_SELECT                                                                              \
    "SELECT r.doc, r.ord, r.date, r.status, a.pub_date, COALESCE(a.outlet, a.corpus, "             \
    "a.doc), r.location_name, r.event_id FROM reports r JOIN articles a ON a.doc = r.doc "         \
    "WHERE "

/* Run a query and append its rows to *out (which may already hold rows of
 * the same columns). */
static int run_more(sk_store_t *s, const char *sql, sk_rows_t *out, int n, const char *const *p) {
    int rc = s->ops->query(s, sql, n, p, collect_cb, out);
    if (rc == SK_OK && out->oom) rc = SK_ENOMEM;
    return rc;
}

/* Reports of one date of a pair (date NULL: the undated ones); only_new: just
 * those this batch stored (no event yet). */
static int load_date(sk_store_t *s, const char *pair, const char *date, int only_new,
                     sk_rows_t *out) {
    if (date) {
        const char *p[] = {pair, date};
        return run_more(s,
                        only_new ? MEMBER_SELECT
                            "r.pair_key = ? AND r.date = ? AND r.event_id IS NULL"
                                 : MEMBER_SELECT "r.pair_key = ? AND r.date = ?",
                        out, 2, p);
    }
    const char *p[] = {pair};
    return run_more(s,
                    only_new ? MEMBER_SELECT
                        "r.pair_key = ? AND r.date IS NULL AND r.event_id IS NULL"
                             : MEMBER_SELECT "r.pair_key = ? AND r.date IS NULL",
                    out, 1, p);
}

/* Number of distinct strings among v[0..n) (sorts v). */
static size_t count_distinct(const char **v, size_t n) {
    qsort(v, n, sizeof *v, cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!i || strcmp(v[i - 1], v[i])) k++;
    return k;
}

/* What an event says about its members. */
typedef struct {
    size_t rep, n_reports, n_articles, n_sources;
    int occurred;
    const char *first_pub, *last_pub;
} event_sum_t;

/* Summary of rows idx[0..n) (n > 0) of r. */
static int summarize(sk_rows_t *r, const size_t *idx, size_t n, event_sum_t *e) {
    const char **docs = malloc(n * sizeof *docs), **srcs = malloc(n * sizeof *srcs);
    if (!docs || !srcs) {
        free(docs), free(srcs);
        return SK_ENOMEM;
    }
    memset(e, 0, sizeof *e);
    e->rep = idx[0];
    e->n_reports = n;
    for (size_t m = 0; m < n; m++) {
        size_t j = idx[m];
        if (better_rep(r, j, e->rep)) e->rep = j;
        if (SK_RV(r, j, 3) && !strcmp(SK_RV(r, j, 3), "occurred")) e->occurred = 1;
        docs[m] = SK_RV(r, j, 0);
        srcs[m] = SK_RV(r, j, 5);
        const char *pd = SK_RV(r, j, 4);
        if (pd && (!e->first_pub || strcmp(pd, e->first_pub) < 0)) e->first_pub = pd;
        if (pd && (!e->last_pub || strcmp(pd, e->last_pub) > 0)) e->last_pub = pd;
    }
    e->n_articles = count_distinct(docs, n);
    e->n_sources = count_distinct(srcs, n);
    free(docs), free(srcs);
    return SK_OK;
}

/* Search text of an event: its representative's actors, orgs, titles, place
 * and evidence, in (part, side, pos, n) order. Malloc'd. */
static int rep_search_text(sk_store_t *s, const char *doc, const char *ord, char **out) {
    sk_rows_t parts;
    *out = NULL;
    int rc = sk_db_run(s,
                       "SELECT 1, side, pos, 0, name FROM report_actors WHERE doc = ? AND ord = ? "
                       "UNION ALL SELECT 2, side, pos, 0, org FROM report_actors WHERE doc = ? AND "
                       "ord = ? UNION ALL SELECT 3, side, pos, n, title FROM report_actor_titles "
                       "WHERE doc = ? AND ord = ? UNION ALL SELECT 4, 0, 0, 0, location_name FROM "
                       "reports WHERE doc = ? AND ord = ? UNION ALL SELECT 5, 0, 0, 0, evidence "
                       "FROM reports WHERE doc = ? AND ord = ? ORDER BY 1, 2, 3, 4",
                       &parts, 10,
                       (const char *const[]){doc, ord, doc, ord, doc, ord, doc, ord, doc, ord});
    if (rc) {
        sk_rows_free(&parts);
        return rc;
    }
    size_t len = 0;
    for (size_t k = 0; k < parts.n; k++)
        if (SK_RV(&parts, k, 4)) len += strlen(SK_RV(&parts, k, 4)) + 3;
    char *all = malloc(len + 1), *o = all;
    if (all) {
        for (size_t k = 0; k < parts.n; k++)
            if (SK_RV(&parts, k, 4)) o += sprintf(o, "%s | ", SK_RV(&parts, k, 4));
        *o = 0;
        *out = sk_store_search_text(all, (size_t)(o - all));
    }
    free(all);
    sk_rows_free(&parts);
    return *out ? SK_OK : SK_ENOMEM;
}

static int delete_event(sk_store_t *s, const char *id) {
    static const char *const dels[] = {
        "DELETE FROM event_actor_titles WHERE event_id = ?",
        "DELETE FROM event_actors WHERE event_id = ?",
        "DELETE FROM event_sides WHERE event_id = ?",
        "DELETE FROM events WHERE id = ?",
    };
    int rc = SK_OK;
    for (size_t i = 0; rc == SK_OK && i < SK_ARRAY_LEN(dels); i++)
        rc = sk_db_run(s, dels[i], NULL, 1, (const char *const[]){id});
    return rc;
}

/* (Re)write event `id` (key pair|date_key) as summarized by e, its
 * representative being row e->rep of r; then point the members idx[0..n) of
 * r at it (most already do when the event existed before). */
static int write_event(sk_store_t *s, const char *pair, const char *date_key, const char *id,
                       sk_rows_t *r, const event_sum_t *e, const size_t *idx, size_t n) {
    int rc = delete_event(s, id);
    if (rc) return rc;
    char key[1100], b1[24], b2[24], b3[24];
    sk_merge_event_key(pair, date_key, key, sizeof key);
    const char *rdoc = SK_RV(r, e->rep, 0), *rord = SK_RV(r, e->rep, 1);
    /* date_start: sortable prefix ("2024-10-07", "2024-10", "2024") or NULL. */
    const char *d = SK_RV(r, e->rep, 2);
    char ds[11] = "";
    if (d && d[0] != '-') {
        size_t k = 0;
        while (d[k] && d[k] != '/' && k < 10)
            k++;
        memcpy(ds, d, k);
        ds[k] = 0;
    }
    char *search;
    if ((rc = rep_search_text(s, rdoc, rord, &search))) return rc;
    const char *ep[] = {id,
                        key,
                        pair,
                        e->occurred ? "occurred" : "planned",
                        ds[0] ? ds : NULL,
                        num(b1, (long long)e->n_reports),
                        num(b2, (long long)e->n_articles),
                        num(b3, (long long)e->n_sources),
                        e->first_pub,
                        e->last_pub,
                        search,
                        rdoc,
                        rord};
    rc = sk_db_run(s,
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
    for (size_t m = 0; rc == SK_OK && m < n; m++) {
        size_t j = idx[m];
        if (SK_RV(r, j, 7) && !strcmp(SK_RV(r, j, 7), id)) continue;
        const char *up[] = {id, SK_RV(r, j, 0), SK_RV(r, j, 1)};
        rc = sk_db_run(s, "UPDATE reports SET event_id = ? WHERE doc = ? AND ord = ?", NULL, 3, up);
    }
    return rc;
}

/* One distinct date of a pair. */
typedef struct {
    char *date;   /* NULL: undated */
    char *old_id; /* event of this date's reports stored before the batch, or NULL */
    int added;    /* the batch stored reports of this date */
    char key[32]; /* cluster date key after the batch */
    char id[20];  /* event after the batch */
} pair_date_t;

typedef struct {
    pair_date_t *v;
    size_t n, cap;
} pair_dates_t;

static void pair_dates_free(pair_dates_t *pd) {
    for (size_t i = 0; i < pd->n; i++)
        free(pd->v[i].date), free(pd->v[i].old_id);
    free(pd->v);
    memset(pd, 0, sizeof *pd);
}

/* Append a date (copied; NULL: undated). */
static int pair_dates_add(pair_dates_t *pd, const char *date, const char *old_id, int added) {
    if (pd->n == pd->cap) {
        size_t cap = pd->cap ? pd->cap * 2 : 16;
        pair_date_t *v = realloc(pd->v, cap * sizeof *v);
        if (!v) return SK_ENOMEM;
        pd->v = v;
        pd->cap = cap;
    }
    pair_date_t *x = &pd->v[pd->n];
    memset(x, 0, sizeof *x);
    x->added = added;
    if ((date && !(x->date = strdup(date))) || (old_id && !(x->old_id = strdup(old_id)))) {
        free(x->date);
        return SK_ENOMEM;
    }
    pd->n++;
    return SK_OK;
}

/* A pair with at most this many reports is read in one index scan; a larger
 * one date by date (O(log n) a date). SUKIEN_TEST_PAIR_SCAN overrides it, so
 * that tests run both ways. */
#define PAIR_SCAN_MAX 4096

static long pair_scan_max(void) {
    const char *e = getenv("SUKIEN_TEST_PAIR_SCAN");
    return e && *e ? atol(e) : PAIR_SCAN_MAX;
}

static int cmp_nullable(const char *a, const char *b) {
    if (!a || !b) return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int cmp_date_rows(const void *a, const void *b, void *ctx) {
    const sk_rows_t *r = ctx;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    return cmp_nullable(SK_RV(r, i, 0), SK_RV(r, j, 0));
}

/* The distinct dates of a pair, with their event before the batch and whether
 * the batch added reports of them. */
static int read_pair_dates(sk_store_t *s, const char *pair, pair_dates_t *pd) {
    char lim[24];
    long max = pair_scan_max();
    sk_rows_t r;
    int rc = sk_db_run(s, "SELECT date, event_id FROM reports WHERE pair_key = ? LIMIT ?", &r, 2,
                       (const char *const[]){pair, num(lim, max + 1)});
    if (rc == SK_OK && r.n <= (size_t)max) {
        /* Small pair: group the rows by date here. */
        size_t *idx = malloc((r.n ? r.n : 1) * sizeof *idx);
        if (!idx) rc = SK_ENOMEM;
        for (size_t i = 0; rc == SK_OK && i < r.n; i++)
            idx[i] = i;
        if (rc == SK_OK) qsort_r(idx, r.n, sizeof *idx, cmp_date_rows, &r);
        for (size_t g = 0, ge; rc == SK_OK && g < r.n; g = ge) {
            const char *date = SK_RV(&r, idx[g], 0), *old_id = NULL;
            int added = 0;
            for (ge = g; ge < r.n && !cmp_nullable(SK_RV(&r, idx[ge], 0), date); ge++) {
                const char *ev = SK_RV(&r, idx[ge], 1);
                if (!ev)
                    added = 1;
                else if (!old_id || strcmp(ev, old_id) > 0)
                    old_id = ev;
            }
            rc = pair_dates_add(pd, date, old_id, added);
        }
        free(idx);
        sk_rows_free(&r);
        return rc;
    }
    sk_rows_free(&r);
    if (rc) return rc;
    /* Large pair: walk its distinct dates through the index (min(date) above
     * the last one), then ask the index about each date. */
    sk_rows_t x;
    rc = sk_db_run(s, "SELECT 1 FROM reports WHERE pair_key = ? AND date IS NULL LIMIT 1", &x, 1,
                   (const char *const[]){pair});
    int undated = x.n > 0;
    sk_rows_free(&x);
    if (rc == SK_OK && undated) rc = pair_dates_add(pd, NULL, NULL, 0);
    char *last = NULL;
    while (rc == SK_OK) {
        if (last)
            rc = sk_db_run(s, "SELECT min(date) FROM reports WHERE pair_key = ? AND date > ?", &x,
                           2, (const char *const[]){pair, last});
        else
            rc = sk_db_run(s, "SELECT min(date) FROM reports WHERE pair_key = ?", &x, 1,
                           (const char *const[]){pair});
        const char *d = rc == SK_OK && x.n ? x.v[0] : NULL;
        if (d) rc = pair_dates_add(pd, d, NULL, 0);
        sk_rows_free(&x);
        if (!d) break;
        last = pd->v[pd->n - 1].date;
    }
    for (size_t i = 0; rc == SK_OK && i < pd->n; i++) {
        pair_date_t *t = &pd->v[i];
        if (t->date)
            rc = sk_db_run(s,
                           "SELECT max(event_id), (SELECT 1 FROM reports WHERE pair_key = ? AND "
                           "date = ? AND event_id IS NULL LIMIT 1) FROM reports WHERE pair_key = "
                           "? AND date = ?",
                           &x, 4, (const char *const[]){pair, t->date, pair, t->date});
        else
            rc = sk_db_run(s,
                           "SELECT max(event_id), (SELECT 1 FROM reports WHERE pair_key = ? AND "
                           "date IS NULL AND event_id IS NULL LIMIT 1) FROM reports WHERE "
                           "pair_key = ? AND date IS NULL",
                           &x, 2, (const char *const[]){pair, pair});
        if (rc == SK_OK && x.n && x.v[0] && !(t->old_id = strdup(x.v[0]))) rc = SK_ENOMEM;
        if (rc == SK_OK && x.n) t->added = x.v[1] != NULL;
        sk_rows_free(&x);
    }
    return rc;
}

/* Is `src` the source of a report that was in event `id` before the batch
 * (reports of this batch have no event yet)? Looked up from the smaller side:
 * the event's n_old reports or the articles of that source (a few first
 * members are tried before counting, since a known source is usually among
 * them). */
static int source_in_event(sk_store_t *s, const char *id, long n_old, const char *src, int *found) {
    sk_rows_t x;
    char lim[24];
    int rc = sk_db_run(s,
                       "SELECT 1 FROM (SELECT doc FROM reports WHERE event_id = ? LIMIT 16) r "
                       "JOIN articles a ON a.doc = r.doc WHERE COALESCE(a.outlet, a.corpus, "
                       "a.doc) = ? LIMIT 1",
                       &x, 2, (const char *const[]){id, src});
    *found = x.n > 0;
    sk_rows_free(&x);
    if (rc || *found || n_old <= 16) return rc;
    rc = sk_db_run(s,
                   "SELECT count(*) FROM (SELECT 1 FROM articles WHERE COALESCE(outlet, corpus, "
                   "doc) = ? LIMIT ?) x",
                   &x, 2, (const char *const[]){src, num(lim, n_old)});
    long n_src = rc == SK_OK && x.n && x.v[0] ? atol(x.v[0]) : 0;
    sk_rows_free(&x);
    if (rc) return rc;
    /* COALESCE(r.event_id, '') keeps the planner from walking the event's
     * reports for every article of the source. */
    if (n_src < n_old)
        rc = sk_db_run(s,
                       "SELECT 1 FROM articles a CROSS JOIN reports r WHERE COALESCE(a.outlet, "
                       "a.corpus, a.doc) = ? AND r.doc = a.doc AND COALESCE(r.event_id, '') = ? "
                       "LIMIT 1",
                       &x, 2, (const char *const[]){src, id});
    else
        rc = sk_db_run(s,
                       "SELECT 1 FROM reports r CROSS JOIN articles a WHERE r.event_id = ? AND "
                       "a.doc = r.doc AND COALESCE(a.outlet, a.corpus, a.doc) = ? LIMIT 1",
                       &x, 2, (const char *const[]){id, src});
    *found = x.n > 0;
    sk_rows_free(&x);
    return rc;
}

/* Event `id` of the dates dates[0..nd) (all of them with the same id): all
 * its members read and summarized. */
static int recompute_event(sk_store_t *s, const char *pair, pair_date_t *const *dates, size_t nd) {
    sk_rows_t r = {0};
    int rc = SK_OK;
    for (size_t i = 0; rc == SK_OK && i < nd; i++)
        rc = load_date(s, pair, dates[i]->date, 0, &r);
    size_t *idx = malloc((r.n ? r.n : 1) * sizeof *idx);
    if (rc == SK_OK && !idx) rc = SK_ENOMEM;
    if (rc == SK_OK && r.n) {
        for (size_t i = 0; i < r.n; i++)
            idx[i] = i;
        event_sum_t e;
        rc = summarize(&r, idx, r.n, &e);
        if (rc == SK_OK) rc = write_event(s, pair, dates[0]->key, dates[0]->id, &r, &e, idx, r.n);
    }
    free(idx);
    sk_rows_free(&r);
    return rc;
}

/* Event `id` of the dates dates[0..nd), which existed before the batch, kept
 * all its members and gains only reports this batch stored: the stored
 * summary plus the new reports. The same as recompute_event: the counts of
 * a union of disjoint sets add up, except that an article or a source can be
 * in both. An article cannot: a new report's article was stored by this
 * batch, and had it reported in this event before, replacing it would have
 * removed a member. A source can, and is looked up. */
static int extend_event(sk_store_t *s, const char *pair, pair_date_t *const *dates, size_t nd) {
    const char *id = dates[0]->id;
    sk_rows_t old, r = {0};
    int rc = sk_db_run(s,
                       "SELECT n_reports, n_articles, n_sources, first_published, last_published, "
                       "status, rep_doc, rep_ord FROM events WHERE id = ?",
                       &old, 1, (const char *const[]){id});
    if (rc || old.n == 0) {
        sk_rows_free(&old);
        return rc ? rc : recompute_event(s, pair, dates, nd);
    }
    for (size_t i = 0; rc == SK_OK && i < nd; i++)
        if (dates[i]->added) rc = load_date(s, pair, dates[i]->date, 1, &r);
    size_t n_new = r.n;
    /* The old representative, as row n_new. */
    if (rc == SK_OK && n_new)
        rc = run_more(s, MEMBER_SELECT "r.doc = ? AND r.ord = ?", &r, 2,
                      (const char *const[]){old.v[6], old.v[7]});
    size_t *idx = malloc((r.n ? r.n : 1) * sizeof *idx);
    const char **srcs = malloc((r.n ? r.n : 1) * sizeof *srcs);
    if (rc == SK_OK && (!idx || !srcs)) rc = SK_ENOMEM;
    if (rc == SK_OK && n_new && r.n == n_new + 1) {
        for (size_t i = 0; i < n_new; i++)
            idx[i] = i, srcs[i] = SK_RV(&r, i, 5);
        event_sum_t e;
        rc = summarize(&r, idx, n_new, &e);
        if (rc == SK_OK) {
            if (better_rep(&r, n_new, e.rep)) e.rep = n_new;
            e.n_reports += (size_t)atol(old.v[0]);
            e.n_articles += (size_t)atol(old.v[1]);
            long n_old = atol(old.v[0]);
            e.n_sources = (size_t)atol(old.v[2]);
            size_t ns = count_distinct(srcs, n_new);
            for (size_t i = 0, k = 0; rc == SK_OK && i < n_new && k < ns; i++) {
                if (i && !strcmp(srcs[i - 1], srcs[i])) continue;
                k++;
                int found;
                rc = source_in_event(s, id, n_old, srcs[i], &found);
                if (!found) e.n_sources++;
            }
            const char *fp = old.v[3], *lp = old.v[4];
            if (fp && (!e.first_pub || strcmp(fp, e.first_pub) < 0)) e.first_pub = fp;
            if (lp && (!e.last_pub || strcmp(lp, e.last_pub) > 0)) e.last_pub = lp;
            if (old.v[5] && !strcmp(old.v[5], "occurred")) e.occurred = 1;
        }
        if (rc == SK_OK) rc = write_event(s, pair, dates[0]->key, id, &r, &e, idx, n_new);
    } else if (rc == SK_OK && n_new) {
        rc = recompute_event(s, pair, dates, nd); /* no representative: not as stored */
    }
    free(idx);
    free(srcs);
    sk_rows_free(&r);
    sk_rows_free(&old);
    return rc;
}

static int cmp_pdate_id(const void *a, const void *b) {
    const pair_date_t *x = *(pair_date_t *const *)a, *y = *(pair_date_t *const *)b;
    return strcmp(x->id, y->id);
}

static int bsearch_str(char **v, size_t n, const char *k) {
    return k && bsearch(&k, v, n, sizeof *v, cmp_str) != NULL;
}

/* Sorted, without repeats. */
static size_t sort_unique(char **v, size_t n) {
    qsort(v, n, sizeof *v, cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || strcmp(v[k - 1], v[i])) v[k++] = v[i];
    return k;
}

/* Bring the events of one pair key up to date with its reports. */
static int rebuild_pair(sk_store_t *s, const char *pair) {
    pair_dates_t pd = {0};
    int rc = read_pair_dates(s, pair, &pd);
    size_t n = pd.n, plen = strlen(pair), lost_lo, lost_hi;
    sk_merge_item_t *items = calloc(n ? n : 1, sizeof *items);
    pair_date_t **by_id = calloc(n ? n : 1, sizeof *by_id);
    /* Events before the batch (old), those that lost a member (shrunk) and
     * those after it (now); ids are borrowed, not copied. */
    strset_prefix_range(&s->lost_events, pair, &lost_lo, &lost_hi);
    size_t n_lost = lost_hi - lost_lo;
    char **old = calloc(n + n_lost + 1, sizeof *old),
         **shrunk = calloc(n + n_lost + 1, sizeof *shrunk), **now = calloc(n + 1, sizeof *now);
    size_t n_old = 0, n_shrunk = 0, n_now = 0;
    if (rc == SK_OK && (!items || !by_id || !old || !shrunk || !now)) rc = SK_ENOMEM;
    if (rc) goto out;
    for (size_t i = lost_lo; i < lost_hi; i++)
        old[n_old++] = shrunk[n_shrunk++] = s->lost_events.items[i] + plen + 1;
    for (size_t i = 0; i < n; i++)
        items[i].date = pd.v[i].date;
    if ((rc = sk_merge_cluster(items, n)) < 0) goto out;
    rc = SK_OK;
    for (size_t i = 0; i < n; i++) {
        pair_date_t *t = &pd.v[i];
        char key[1100];
        memcpy(t->key, items[i].date_key, sizeof t->key);
        sk_merge_event_key(pair, t->key, key, sizeof key);
        sk_merge_event_id(key, t->id);
        by_id[i] = t;
        now[n_now++] = t->id;
        if (t->old_id) {
            old[n_old++] = t->old_id;
            if (strcmp(t->old_id, t->id)) shrunk[n_shrunk++] = t->old_id;
        }
    }
    n_old = sort_unique(old, n_old);
    n_shrunk = sort_unique(shrunk, n_shrunk);
    n_now = sort_unique(now, n_now);
    /* Events that no longer have a date. */
    for (size_t i = 0; rc == SK_OK && i < n_old; i++)
        if (!bsearch_str(now, n_now, old[i])) rc = delete_event(s, old[i]);
    /* Each event after the batch, with its dates. */
    qsort(by_id, n, sizeof *by_id, cmp_pdate_id);
    for (size_t g = 0, ge; rc == SK_OK && g < n; g = ge) {
        int added = 0, joined = 0;
        const char *id = by_id[g]->id;
        for (ge = g; ge < n && !strcmp(by_id[ge]->id, id); ge++) {
            added |= by_id[ge]->added;
            if (by_id[ge]->old_id && strcmp(by_id[ge]->old_id, id)) joined = 1;
        }
        if (!bsearch_str(old, n_old, id) || joined || bsearch_str(shrunk, n_shrunk, id))
            rc = recompute_event(s, pair, by_id + g, ge - g);
        else if (added)
            rc = extend_event(s, pair, by_id + g, ge - g);
        /* else: the same members as before, nothing to do */
    }
out:
    free(items);
    free(by_id);
    free(old);
    free(shrunk);
    free(now);
    pair_dates_free(&pd);
    return rc;
}

/* ---- persons and organisations
 *
 * Like events, a person (organisation) that only gains articles in a batch is
 * extended rather than recomputed from all its rows: its count grows by the
 * new rows, its first and last dates take in theirs. Its name, country and
 * org are the most frequent values (ties: the smallest in the database's
 * order); adding rows that all carry the stored value (or none, for country
 * and org) cannot change that choice, since only the chosen value's count
 * grows. When a new row carries another value, the most frequent one is
 * read from person_values (person_title_values for a title key), counts kept
 * row by row as articles are stored and deleted, so a person named in every
 * batch costs O(log n) a batch, not a pass over all its rows (once the
 * dominant cost of ingesting a replicated corpus: 16x the input took 50x the
 * CPU). A new person, or one that lost an article, is recomputed from all
 * its rows. Organisations (few, small) still recompute on any other value. */

/* Person `id` from all its rows. */
static int recompute_person(sk_store_t *s, const char *id) {
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

/* The docs this batch added to person or organisation `id` (entries of the
 * sorted set "id\x1fdoc"), as pointers to the doc part. */
static char **new_docs(const sk_strset_t *set, const char *id, size_t *n) {
    size_t lo, hi, len = strlen(id);
    strset_prefix_range(set, id, &lo, &hi);
    char **v = malloc((hi > lo ? hi - lo : 1) * sizeof *v);
    if (!v) return NULL;
    for (size_t i = lo; i < hi; i++)
        v[i - lo] = set->items[i] + len + 1;
    *n = hi - lo;
    return v;
}

/* v is NULL or the stored value. */
static int same_or_null(const char *v, const char *stored) {
    return !v || (stored && !strcmp(v, stored));
}

static void min_max(const char *v, const char **lo, const char **hi) {
    if (v && (!*lo || strcmp(v, *lo) < 0)) *lo = v;
    if (v && (!*hi || strcmp(v, *hi) > 0)) *hi = v;
}

static int cmp_title_rows(const void *a, const void *b, void *ctx) {
    const sk_rows_t *r = ctx;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(SK_RV(r, i, 0), SK_RV(r, j, 0));
    if (!c) c = strcmp(SK_RV(r, i, 2), SK_RV(r, j, 2));
    return c ? c : (i > j) - (i < j);
}

/* Extend person `id` by the rows of docs[0..nd); *done = 0 when it has to be
 * recomputed instead (nothing written then). */
static int extend_person(sk_store_t *s, const char *id, char **docs, size_t nd, int *done) {
    sk_rows_t old, r = {0}, t = {0}, pt = {0}, mode = {0};
    size_t *idx = NULL, *grp = NULL, ng = 0;
    const char **gtitle = NULL;
    *done = 0;
    int rc = sk_db_run(s,
                       "SELECT name, country, org, n_articles, first_seen, last_seen FROM persons "
                       "WHERE id = ?",
                       &old, 1, (const char *const[]){id});
    if (rc || old.n == 0) goto out;
    for (size_t i = 0; rc == SK_OK && i < nd; i++) {
        const char *p[] = {docs[i], id};
        rc = run_more(s,
                      "SELECT ap.name, ap.country, ap.org, a.pub_date FROM article_persons ap "
                      "JOIN articles a ON a.doc = ap.doc WHERE ap.doc = ? AND ap.person_id = ?",
                      &r, 2, p);
        if (rc == SK_OK)
            rc = run_more(s,
                          "SELECT t.title_key, t.title, t.doc, a.pub_date FROM "
                          "article_person_titles t JOIN articles a ON a.doc = t.doc WHERE t.doc = "
                          "? AND t.person_id = ? AND t.title_key IS NOT NULL AND t.title_key <> ''",
                          &t, 2, p);
    }
    if (rc) goto out;
    const char *first = old.v[4], *last = old.v[5];
    /* name, country, org: the stored value stays the most frequent one when
     * the new rows carry it (or no value); otherwise ask the counts. */
    const char *val[3] = {old.v[0], old.v[1], old.v[2]};
    static const char *const field[3] = {"name", "country", "org"};
    int differs[3] = {0};
    for (size_t i = 0; i < r.n; i++) {
        if (!SK_RV(&r, i, 0) || !old.v[0] || strcmp(SK_RV(&r, i, 0), old.v[0])) differs[0] = 1;
        for (int f = 1; f < 3; f++)
            if (!same_or_null(SK_RV(&r, i, f), old.v[f])) differs[f] = 1;
        min_max(SK_RV(&r, i, 3), &first, &last);
    }
    for (int f = 0; f < 3 && rc == SK_OK; f++) {
        if (!differs[f]) continue;
        size_t before = mode.n;
        rc = run_more(s,
                      "SELECT value FROM person_values WHERE person_id = ? AND field = ? ORDER BY "
                      "n DESC, value LIMIT 1",
                      &mode, 2, (const char *const[]){id, field[f]});
        val[f] = mode.n > before ? SK_RV(&mode, before, 0) : NULL;
    }
    if (rc) goto out;
    /* Titles by key (then doc): the stored spelling, or the new rows' one
     * spelling for a new key, unless the counts must choose. */
    if (!(idx = malloc((t.n ? t.n : 1) * sizeof *idx)) ||
        !(grp = malloc((t.n + 1) * sizeof *grp)) ||
        !(gtitle = malloc((t.n + 1) * sizeof *gtitle))) {
        rc = SK_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < t.n; i++)
        idx[i] = i;
    qsort_r(idx, t.n, sizeof *idx, cmp_title_rows, &t);
    for (size_t g = 0, ge; g < t.n; g = ge) {
        const char *key = SK_RV(&t, idx[g], 0);
        for (ge = g + 1; ge < t.n && !strcmp(SK_RV(&t, idx[ge], 0), key); ge++)
            ;
        size_t before = pt.n;
        rc = run_more(s,
                      "SELECT title, first_seen, last_seen, n_articles FROM person_titles WHERE "
                      "person_id = ? AND title_key = ?",
                      &pt, 2, (const char *const[]){id, key});
        if (rc) goto out;
        const char *title = pt.n > before ? SK_RV(&pt, before, 0) : SK_RV(&t, idx[g], 1);
        int same = title != NULL;
        for (size_t m = g; m < ge && same; m++)
            if (!SK_RV(&t, idx[m], 1) || strcmp(SK_RV(&t, idx[m], 1), title)) same = 0;
        if (!same) {
            size_t m0 = mode.n;
            rc = run_more(s,
                          "SELECT title FROM person_title_values WHERE person_id = ? AND "
                          "title_key = ? ORDER BY n DESC, title LIMIT 1",
                          &mode, 2, (const char *const[]){id, key});
            if (rc) goto out;
            title = mode.n > m0 ? SK_RV(&mode, m0, 0) : NULL;
        }
        grp[ng] = pt.n > before ? pt.n - 1 : (size_t)-1;
        gtitle[ng++] = title;
    }
    /* Everything read: write. */
    *done = 1;
    char b1[24];
    rc = sk_db_run(s,
                   "UPDATE persons SET name = ?, country = ?, org = ?, n_articles = ?, first_seen "
                   "= ?, last_seen = ? WHERE id = ?",
                   NULL, 7,
                   (const char *const[]){val[0], val[1], val[2],
                                         num(b1, atoll(old.v[3]) + (long long)r.n), first, last,
                                         id});
    size_t k = 0;
    for (size_t g = 0, ge; rc == SK_OK && g < t.n; g = ge, k++) {
        const char *key = SK_RV(&t, idx[g], 0), *title = gtitle[k];
        const char *lo = NULL, *hi = NULL;
        long long n_docs = 0;
        for (ge = g; ge < t.n && !strcmp(SK_RV(&t, idx[ge], 0), key); ge++) {
            min_max(SK_RV(&t, idx[ge], 3), &lo, &hi);
            if (ge == g || strcmp(SK_RV(&t, idx[ge - 1], 2), SK_RV(&t, idx[ge], 2))) n_docs++;
        }
        if (grp[k] == (size_t)-1) {
            rc = sk_db_run(s,
                           "INSERT INTO person_titles (person_id, title_key, title, first_seen, "
                           "last_seen, n_articles) VALUES (?, ?, ?, ?, ?, ?)",
                           NULL, 6, (const char *const[]){id, key, title, lo, hi, num(b1, n_docs)});
        } else {
            min_max(SK_RV(&pt, grp[k], 1), &lo, &hi);
            min_max(SK_RV(&pt, grp[k], 2), &lo, &hi);
            n_docs += atoll(SK_RV(&pt, grp[k], 3));
            rc = sk_db_run(s,
                           "UPDATE person_titles SET title = ?, first_seen = ?, last_seen = ?, "
                           "n_articles = ? WHERE person_id = ? AND title_key = ?",
                           NULL, 6, (const char *const[]){title, lo, hi, num(b1, n_docs), id, key});
        }
    }
out:
    free(idx);
    free(grp);
    free(gtitle);
    sk_rows_free(&old);
    sk_rows_free(&r);
    sk_rows_free(&t);
    sk_rows_free(&pt);
    sk_rows_free(&mode);
    return rc;
}

static int shrunk(const sk_store_t *s, const char *kind, const char *id) {
    size_t lo, hi;
    strset_prefix_range(&s->shrunk, kind, &lo, &hi);
    for (size_t a = lo, b = hi; a < b;) {
        size_t mid = a + (b - a) / 2;
        int c = strcmp(s->shrunk.items[mid] + 2, id);
        if (!c) return 1;
        if (c < 0)
            a = mid + 1;
        else
            b = mid;
    }
    return 0;
}

static int rebuild_person(sk_store_t *s, const char *id) {
    int done = 0, rc = SK_OK;
    if (!shrunk(s, "p", id)) {
        size_t nd = 0;
        char **docs = new_docs(&s->new_person_docs, id, &nd);
        if (!docs) return SK_ENOMEM;
        rc = extend_person(s, id, docs, nd, &done);
        free(docs);
    }
    return rc || done ? rc : recompute_person(s, id);
}

/* Organisation `id` from all its rows. */
static int recompute_org(sk_store_t *s, const char *id) {
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

/* Extend organisation `id` by the rows of docs[0..nd) (see extend_person). */
static int extend_org(sk_store_t *s, const char *id, char **docs, size_t nd, int *done) {
    sk_rows_t old, r = {0};
    *done = 0;
    int rc = sk_db_run(s, "SELECT name, country, n_articles FROM organizations WHERE id = ?", &old,
                       1, (const char *const[]){id});
    for (size_t i = 0; rc == SK_OK && old.n && i < nd; i++)
        rc = run_more(s, "SELECT name, country FROM article_orgs WHERE doc = ? AND org_id = ?", &r,
                      2, (const char *const[]){docs[i], id});
    int same = rc == SK_OK && old.n > 0;
    for (size_t i = 0; same && i < r.n; i++)
        same = SK_RV(&r, i, 0) && old.v[0] && !strcmp(SK_RV(&r, i, 0), old.v[0]) &&
               same_or_null(SK_RV(&r, i, 1), old.v[1]);
    if (same) {
        char b1[24];
        *done = 1;
        rc = sk_db_run(s, "UPDATE organizations SET n_articles = ? WHERE id = ?", NULL, 2,
                       (const char *const[]){num(b1, atoll(old.v[2]) + (long long)r.n), id});
    }
    sk_rows_free(&old);
    sk_rows_free(&r);
    return rc;
}

static int rebuild_org(sk_store_t *s, const char *id) {
    int done = 0, rc = SK_OK;
    if (!shrunk(s, "o", id)) {
        size_t nd = 0;
        char **docs = new_docs(&s->new_org_docs, id, &nd);
        if (!docs) return SK_ENOMEM;
        rc = extend_org(s, id, docs, nd, &done);
        free(docs);
    }
    return rc || done ? rc : recompute_org(s, id);
}

int sk_store_commit(sk_store_t *s) {
    if (!s->in_batch) return SK_EINVAL;
    int rc = SK_OK;
    /* Sorted so that the work (and any error) does not depend on input order. */
    if (s->touched_pairs.n > 1)
        qsort(s->touched_pairs.items, s->touched_pairs.n, sizeof(char *), cmp_str);
    /* The per-batch sets, sorted for binary search. */
    strset_sort_unique(&s->lost_events);
    for (size_t i = 0; rc == SK_OK && i < s->touched_pairs.n; i++)
        rc = rebuild_pair(s, s->touched_pairs.items[i]);
    strset_sort_unique(&s->shrunk);
    strset_sort_unique(&s->new_person_docs);
    strset_sort_unique(&s->new_org_docs);
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
    strset_clear(&s->lost_events);
    strset_clear(&s->shrunk);
    strset_clear(&s->new_person_docs);
    strset_clear(&s->new_org_docs);
    return rc;
}
