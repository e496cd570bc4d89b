/* merge.c — pair keys and date clustering for cross-article event merging. */
#include "merge.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"

uint64_t sk_fnv1a64(const void *data, size_t len, uint64_t h) {
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

int sk_is_word_cp(int32_t cp) {
    if (cp < 0x80) return isalnum((int)cp) != 0;
    return sk_is_letter(cp);
}

size_t sk_merge_fold_key(const char *s, char *buf, size_t cap) {
    char tmp[1024];
    if (!cap) return 0;
    size_t n = sk_fold_str(s, strlen(s), tmp, sizeof tmp), o = 0;
    int space = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = sk_utf8_decode(tmp + i, n - i, &cp);
        if (k < 0) k = 1, cp = '?';
        if (sk_is_word_cp(cp)) {
            if (space && o > 0) {
                if (o + 1 >= cap) break;
                buf[o++] = ' ';
            }
            if (o + (size_t)k >= cap) break;
            memcpy(buf + o, tmp + i, (size_t)k);
            o += (size_t)k;
            space = 0;
        } else {
            space = 1;
        }
        i += (size_t)k;
    }
    buf[o] = 0;
    return o;
}

size_t sk_merge_lead(const sk_side_t *side, char *buf, size_t cap) {
    size_t n = 0;
    if (side->n_actors > 0 && side->actors[0].name && *side->actors[0].name)
        n = sk_merge_fold_key(side->actors[0].name, buf, cap);
    if (n == 0 && side->country && *side->country) n = sk_merge_fold_key(side->country, buf, cap);
    if (n == 0) n = (size_t)snprintf(buf, cap, "?");
    return n < cap ? n : cap - 1;
}

int sk_merge_symmetric(sk_event_type_t type) {
    return type == SK_EV_MEET || type == SK_EV_CALL || type == SK_EV_AGREEMENT;
}

static int role_second(const char *role) {
    return role && (!strcmp(role, "host") || !strcmp(role, "recipient") || !strcmp(role, "callee"));
}

int sk_merge_first_side(const sk_event_t *ev) {
    if (sk_merge_symmetric(ev->type)) {
        char a[256], b[256];
        sk_merge_lead(&ev->sides[0], a, sizeof a);
        sk_merge_lead(&ev->sides[1], b, sizeof b);
        return strcmp(a, b) <= 0 ? 0 : 1;
    }
    if (role_second(ev->sides[0].role) && !role_second(ev->sides[1].role)) return 1;
    return 0;
}

size_t sk_merge_pair_key(const sk_event_t *ev, char *buf, size_t cap) {
    char a[256], b[256];
    int first = sk_merge_first_side(ev);
    sk_merge_lead(&ev->sides[first], a, sizeof a);
    sk_merge_lead(&ev->sides[1 - first], b, sizeof b);
    int n = snprintf(buf, cap, "%s|%s|%s", sk_event_type_name(ev->type), a, b);
    if (n < 0) n = 0;
    return (size_t)n < cap ? (size_t)n : cap - 1;
}

size_t sk_merge_event_key(const char *pair_key, const char *date_key, char *buf, size_t cap) {
    int n = snprintf(buf, cap, "%s|%s", pair_key, date_key ? date_key : "");
    if (n < 0) n = 0;
    return (size_t)n < cap ? (size_t)n : cap - 1;
}

void sk_merge_event_id(const char *event_key, char out[20]) {
    uint64_t h = sk_fnv1a64(event_key, strlen(event_key), SK_FNV_SEED);
    snprintf(out, 20, "ev_%016llx", (unsigned long long)h);
}

/* ---- dates ---- */

typedef enum { D_NONE = 0, D_YEAR, D_MONTH, D_MD, D_DAY } dkind_t;

typedef struct {
    dkind_t kind;
    int y, m, d;    /* start */
    int ey, em, ed; /* end (== start unless a range) */
    int range;
} pdate_t;

static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static pdate_t parse_date(const char *s) {
    pdate_t p = {0};
    if (!s || !*s) return p;
    size_t n = strlen(s);
    if (n >= 7 && s[0] == '-' && s[1] == '-') {
        int m = digits(s + 2, 2), d = digits(s + 5, 2);
        if (m > 0 && d > 0 && s[4] == '-') {
            p.kind = D_MD;
            p.m = p.em = m;
            p.d = p.ed = d;
        }
        return p;
    }
    int y = n >= 4 ? digits(s, 4) : -1;
    if (y < 0) return p;
    p.kind = D_YEAR;
    p.y = p.ey = y;
    if (n >= 7 && s[4] == '-') {
        int m = digits(s + 5, 2);
        if (m > 0) {
            p.kind = D_MONTH;
            p.m = p.em = m;
        }
    }
    if (p.kind == D_MONTH && n >= 10 && s[7] == '-') {
        int d = digits(s + 8, 2);
        if (d > 0) {
            p.kind = D_DAY;
            p.d = p.ed = d;
        }
    }
    const char *slash = strchr(s, '/');
    if (p.kind == D_DAY && slash && strlen(slash + 1) >= 10) {
        const char *e = slash + 1;
        int ey = digits(e, 4), em = digits(e + 5, 2), ed = digits(e + 8, 2);
        if (ey > 0 && em > 0 && ed > 0) {
            p.ey = ey;
            p.em = em;
            p.ed = ed;
            p.range = 1;
        }
    }
    return p;
}

int sk_merge_date_rank(const char *date) {
    pdate_t p = parse_date(date);
    switch (p.kind) {
    case D_DAY:
        return p.range ? 5 : 4;
    case D_MD:
        return 3;
    case D_MONTH:
        return 2;
    case D_YEAR:
        return 1;
    default:
        return 0;
    }
}

static long day_num(int y, int m, int d) {
    return (long)y * 10000 + m * 100 + d;
}

typedef struct {
    long start, end; /* yyyymmdd */
    size_t item;     /* index into items */
} anchor_t;

static int cmp_anchor_start(const void *a, const void *b) {
    const anchor_t *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return (x->item > y->item) - (x->item < y->item);
}

static int cmp_key_ptr(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Distinct date keys among items[0..n), by string: sorted, O(n log n) (a pair
 * reported thousands of times is clustered whole by `sukien merge`). */
static int count_keys(const sk_merge_item_t *items, size_t n, const char **scratch) {
    for (size_t i = 0; i < n; i++)
        scratch[i] = items[i].date_key;
    qsort(scratch, n, sizeof *scratch, cmp_key_ptr);
    int k = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(scratch[i - 1], scratch[i])) k++;
    return k;
}

static void day_key(char *buf, size_t cap, long s) {
    snprintf(buf, cap, "%04d-%02d-%02d", (int)(s / 10000 % 10000), (int)(s / 100 % 100),
             (int)(s % 100));
}

/* Index of the first root (sorted, disjoint) whose end is >= lo, or nr. */
static size_t first_root_ending_at_or_after(const long *root_end, size_t nr, long lo) {
    size_t a = 0, b = nr;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (root_end[m] < lo)
            a = m + 1;
        else
            b = m;
    }
    return a;
}

int sk_merge_cluster(sk_merge_item_t *items, size_t n) {
    if (n == 0) return 0;
    pdate_t *pd = calloc(n, sizeof *pd);
    anchor_t *an = calloc(n, sizeof *an);
    long *root_start = calloc(n, sizeof *root_start), *root_end = calloc(n, sizeof *root_end);
    const char **scratch = calloc(n, sizeof *scratch);
    if (!pd || !an || !root_start || !root_end || !scratch) {
        free(pd), free(an), free(root_start), free(root_end), free(scratch);
        return SK_ENOMEM;
    }
    size_t na = 0;
    for (size_t i = 0; i < n; i++) {
        pd[i] = parse_date(items[i].date);
        items[i].date_key[0] = 0;
        if (pd[i].kind == D_DAY) {
            long st = day_num(pd[i].y, pd[i].m, pd[i].d), e = day_num(pd[i].ey, pd[i].em, pd[i].ed);
            if (e < st) e = st;
            an[na++] = (anchor_t){st, e, i};
        }
    }
    /* Exact days and ranges: overlapping intervals form one cluster (a range
     * absorbs the days and ranges inside it), keyed by its earliest start.
     * Sorted by start, a cluster runs while the next interval starts at or
     * before the furthest end so far: the connected components of the
     * overlap graph, in O(n log n). The roots come out sorted and disjoint. */
    qsort(an, na, sizeof *an, cmp_anchor_start);
    size_t nr = 0;
    for (size_t a = 0; a < na; a++) {
        if (nr == 0 || an[a].start > root_end[nr - 1]) {
            root_start[nr] = an[a].start;
            root_end[nr++] = an[a].end;
        } else if (an[a].end > root_end[nr - 1]) {
            root_end[nr - 1] = an[a].end;
        }
        day_key(items[an[a].item].date_key, sizeof items[an[a].item].date_key, root_start[nr - 1]);
    }
    /* Less precise dates, most precise first: --MM-DD, month, year. Each joins
     * the single cluster it can fall in; none or several: a cluster of its
     * own, keyed by its date. */
    for (int pass = D_MD; pass >= D_YEAR; pass--) {
        for (size_t i = 0; i < n; i++) {
            if ((int)pd[i].kind != pass) continue;
            int hits = 0;
            long hit = 0;
            if (pass == D_MD) {
                for (size_t k = 0; k < nr && hits < 2; k++) {
                    long st = root_start[k], e = root_end[k];
                    int match = 0;
                    for (long y = st / 10000; y <= e / 10000 && !match; y++) {
                        long dn = day_num((int)y, pd[i].m, pd[i].d);
                        match = dn >= st && dn <= e;
                    }
                    if (match) hits++, hit = st;
                }
            } else {
                long lo = pass == D_MONTH ? day_num(pd[i].y, pd[i].m, 1) : day_num(pd[i].y, 1, 1);
                long hi =
                    pass == D_MONTH ? day_num(pd[i].y, pd[i].m, 31) : day_num(pd[i].y, 12, 31);
                size_t k = first_root_ending_at_or_after(root_end, nr, lo);
                if (k < nr && root_start[k] <= hi) {
                    hits = 1, hit = root_start[k];
                    if (k + 1 < nr && root_start[k + 1] <= hi) hits = 2;
                }
            }
            if (hits == 1)
                day_key(items[i].date_key, sizeof items[i].date_key, hit);
            else if (pass == D_MD)
                snprintf(items[i].date_key, sizeof items[i].date_key, "--%02d-%02d", pd[i].m,
                         pd[i].d);
            else if (pass == D_MONTH)
                snprintf(items[i].date_key, sizeof items[i].date_key, "%04d-%02d", pd[i].y,
                         pd[i].m);
            else
                snprintf(items[i].date_key, sizeof items[i].date_key, "%04d", pd[i].y);
        }
    }
    /* Undated: join the single event of the pair, if there is exactly one. */
    size_t nd = 0;
    for (size_t i = 0; i < n; i++)
        if (pd[i].kind != D_NONE) scratch[nd++] = items[i].date_key;
    qsort(scratch, nd, sizeof *scratch, cmp_key_ptr);
    int k = 0;
    for (size_t i = 0; i < nd; i++)
        if (i == 0 || strcmp(scratch[i - 1], scratch[i])) k++;
    char only_key[32] = "";
    if (k == 1) snprintf(only_key, sizeof only_key, "%s", scratch[0]);
    for (size_t i = 0; i < n; i++)
        if (pd[i].kind == D_NONE)
            snprintf(items[i].date_key, sizeof items[i].date_key, "%s", only_key);
    k = count_keys(items, n, scratch);
    free(pd), free(an), free(root_start), free(root_end), free(scratch);
    return k;
}

/* ---- event JSON back into sk_event_t ---- */

#include <jansson.h>

static const char *jdup(sk_arena_t *ar, json_t *o, const char *key) {
    const char *s = json_string_value(json_object_get(o, key));
    return s ? sk_arena_strdup(ar, s) : NULL;
}

static int actor_from_json(sk_arena_t *ar, json_t *o, sk_actor_t *a) {
    a->name = jdup(ar, o, "name");
    const char *kind = json_string_value(json_object_get(o, "kind"));
    a->kind = kind && !strcmp(kind, "organization") ? SK_ACTOR_ORGANIZATION : SK_ACTOR_PERSON;
    json_t *t = json_object_get(o, "titles");
    a->n_titles = json_array_size(t);
    if (a->n_titles) {
        a->titles = sk_arena_alloc(ar, a->n_titles * sizeof *a->titles);
        if (!a->titles) return SK_ENOMEM;
        for (size_t i = 0; i < a->n_titles; i++) {
            const char *s = json_string_value(json_array_get(t, i));
            a->titles[i] = sk_arena_strdup(ar, s ? s : "");
        }
    }
    a->org = jdup(ar, o, "org");
    a->country = jdup(ar, o, "country");
    return SK_OK;
}

int sk_event_from_json(sk_arena_t *ar, json_t *o, sk_event_t *ev) {
    memset(ev, 0, sizeof *ev);
    const char *type = json_string_value(json_object_get(o, "type"));
    int t = type ? sk_event_type_parse(type) : -1;
    if (t < 0) return SK_EFORMAT;
    ev->type = (sk_event_type_t)t;
    ev->doc = jdup(ar, o, "doc");
    ev->subtype = jdup(ar, o, "subtype");
    const char *status = json_string_value(json_object_get(o, "status"));
    ev->planned = status && !strcmp(status, "planned");
    json_t *sides = json_object_get(o, "sides");
    for (size_t s = 0; s < 2; s++) {
        json_t *so = json_array_get(sides, s);
        sk_side_t *sd = &ev->sides[s];
        if (!so) continue;
        sd->role = jdup(ar, so, "role");
        sd->country = jdup(ar, so, "country");
        sd->locality = jdup(ar, so, "locality");
        json_t *acts = json_object_get(so, "actors");
        sd->n_actors = json_array_size(acts);
        if (sd->n_actors) {
            sd->actors = sk_arena_alloc(ar, sd->n_actors * sizeof *sd->actors);
            if (!sd->actors) return SK_ENOMEM;
            for (size_t i = 0; i < sd->n_actors; i++)
                if (actor_from_json(ar, json_array_get(acts, i), &sd->actors[i])) return SK_ENOMEM;
        }
    }
    ev->date.iso = jdup(ar, o, "date");
    const char *prec = json_string_value(json_object_get(o, "date_precision"));
    ev->date.precision = SK_PREC_NONE;
    if (prec && !strcmp(prec, "day")) ev->date.precision = SK_PREC_DAY;
    if (prec && !strcmp(prec, "month")) ev->date.precision = SK_PREC_MONTH;
    if (prec && !strcmp(prec, "year")) ev->date.precision = SK_PREC_YEAR;
    ev->date.inferred = json_is_true(json_object_get(o, "date_inferred"));
    json_t *loc = json_object_get(o, "location");
    if (json_is_object(loc)) {
        ev->location_name = jdup(ar, loc, "name");
        ev->location_country = jdup(ar, loc, "country");
    }
    ev->cameo = jdup(ar, o, "cameo");
    json_t *pl = json_object_get(o, "plover");
    ev->plover_type = jdup(ar, pl, "type");
    ev->plover_mode = jdup(ar, pl, "mode");
    ev->trigger = jdup(ar, o, "trigger");
    json_t *evd = json_object_get(o, "evidence");
    ev->evidence = jdup(ar, evd, "sentence");
    ev->evidence_start = (uint32_t)json_integer_value(json_object_get(evd, "start"));
    ev->evidence_end = (uint32_t)json_integer_value(json_object_get(evd, "end"));
    json_int_t ns = json_integer_value(json_object_get(o, "sentences"));
    ev->n_mentions = ns > 0 ? (uint32_t)ns : 1;
    return SK_OK;
}
