/* test_merge.c — merge keys and date clustering (src/lib/merge.h). */
#include <string.h>

#include "check.h"
#include "merge.h"

static sk_actor_t person(const char *name) {
    sk_actor_t a = {SK_ACTOR_PERSON, name, NULL, 0, NULL, NULL};
    return a;
}

static sk_event_t event(sk_event_type_t t, const char *r0, sk_actor_t *a0, const char *c0,
                        const char *r1, sk_actor_t *a1, const char *c1) {
    sk_event_t e;
    memset(&e, 0, sizeof e);
    e.type = t;
    e.sides[0] = (sk_side_t){r0, a0, a0 ? 1 : 0, c0, NULL};
    e.sides[1] = (sk_side_t){r1, a1, a1 ? 1 : 0, c1, NULL};
    return e;
}

/* Cluster `dates` and return the keys joined by ','. */
static const char *cluster(const char **dates, size_t n, int *k) {
    static char out[1024];
    sk_merge_item_t items[32];
    memset(items, 0, sizeof items);
    for (size_t i = 0; i < n; i++)
        items[i].date = dates[i];
    *k = sk_merge_cluster(items, n);
    out[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if (i) strcat(out, ",");
        strcat(out, items[i].date_key[0] ? items[i].date_key : "_");
    }
    return out;
}

/* ---- reference clustering: the definition in merge.h, written plainly
 * (quadratic: union of overlapping day intervals pair by pair, every
 * cluster tried for each less precise date), for random comparisons. */
typedef struct {
    int kind; /* 0 none, 1 year, 2 month, 3 --MM-DD, 4 day, 5 range */
    int y, m, d, ey, em, ed;
} ref_date_t;

static long ref_day(int y, int m, int d) {
    return (long)y * 10000 + m * 100 + d;
}

static void ref_cluster(const ref_date_t *dt, size_t n, char keys[][32]) {
    long st[64], en[64], rs[64], re[64];
    int parent[64], is_root[64];
    for (size_t i = 0; i < n; i++) {
        parent[i] = (int)i;
        keys[i][0] = 0;
        if (dt[i].kind >= 4) {
            st[i] = ref_day(dt[i].y, dt[i].m, dt[i].d);
            en[i] = dt[i].kind == 5 ? ref_day(dt[i].ey, dt[i].em, dt[i].ed) : st[i];
        }
    }
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++)
            if (dt[a].kind >= 4 && dt[b].kind >= 4 && st[a] <= en[b] && st[b] <= en[a]) {
                int ra = (int)a, rb = (int)b;
                while (parent[ra] != ra)
                    ra = parent[ra];
                while (parent[rb] != rb)
                    rb = parent[rb];
                if (ra != rb) parent[rb] = ra;
            }
    for (size_t i = 0; i < n; i++)
        is_root[i] = 0, rs[i] = -1, re[i] = -1;
    for (size_t i = 0; i < n; i++) {
        if (dt[i].kind < 4) continue;
        int r = (int)i;
        while (parent[r] != r)
            r = parent[r];
        is_root[r] = 1;
        if (rs[r] < 0 || st[i] < rs[r]) rs[r] = st[i];
        if (en[i] > re[r]) re[r] = en[i];
    }
    for (size_t i = 0; i < n; i++) {
        if (dt[i].kind < 4) continue;
        int r = (int)i;
        while (parent[r] != r)
            r = parent[r];
        snprintf(keys[i], 32, "%04ld-%02ld-%02ld", rs[r] / 10000, rs[r] / 100 % 100, rs[r] % 100);
    }
    for (size_t i = 0; i < n; i++) {
        int kind = dt[i].kind;
        if (kind < 1 || kind > 3) continue;
        int hits = 0;
        long hit = 0;
        for (size_t r = 0; r < n; r++) {
            if (!is_root[r]) continue;
            long lo, hi;
            int match = 0;
            if (kind == 3) {
                for (long y = rs[r] / 10000; y <= re[r] / 10000 && !match; y++) {
                    long dn = ref_day((int)y, dt[i].m, dt[i].d);
                    match = dn >= rs[r] && dn <= re[r];
                }
            } else {
                lo = kind == 2 ? ref_day(dt[i].y, dt[i].m, 1) : ref_day(dt[i].y, 1, 1);
                hi = kind == 2 ? ref_day(dt[i].y, dt[i].m, 31) : ref_day(dt[i].y, 12, 31);
                match = rs[r] <= hi && re[r] >= lo;
            }
            if (match) hits++, hit = rs[r];
        }
        if (hits == 1)
            snprintf(keys[i], 32, "%04ld-%02ld-%02ld", hit / 10000, hit / 100 % 100, hit % 100);
        else if (kind == 3)
            snprintf(keys[i], 32, "--%02d-%02d", dt[i].m, dt[i].d);
        else if (kind == 2)
            snprintf(keys[i], 32, "%04d-%02d", dt[i].y, dt[i].m);
        else
            snprintf(keys[i], 32, "%04d", dt[i].y);
    }
    const char *only = NULL;
    int several = 0;
    for (size_t i = 0; i < n; i++)
        if (dt[i].kind) {
            if (!only)
                only = keys[i];
            else if (strcmp(only, keys[i]))
                several = 1;
        }
    char only_key[32] = "";
    if (only && !several) memcpy(only_key, only, sizeof only_key);
    for (size_t i = 0; i < n; i++)
        if (!dt[i].kind) memcpy(keys[i], only_key, sizeof only_key);
}

static unsigned ref_rand(unsigned *s) {
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

/* sk_merge_cluster against the reference on random multisets of dates,
 * dense enough that days, ranges, months and years overlap often. */
static void random_clusters(void) {
    unsigned seed = 7;
    int bad = 0;
    for (int round = 0; round < 20000 && bad < 5; round++) {
        size_t n = 1 + ref_rand(&seed) % 24;
        ref_date_t dt[64];
        char dates[64][32], want[64][32];
        sk_merge_item_t items[64];
        memset(items, 0, sizeof items);
        for (size_t i = 0; i < n; i++) {
            ref_date_t d = {(int)(ref_rand(&seed) % 6),
                            2023 + (int)(ref_rand(&seed) % 2),
                            1 + (int)(ref_rand(&seed) % 3),
                            1 + (int)(ref_rand(&seed) % 6),
                            0,
                            0,
                            0};
            if (d.kind == 5) {
                d.ey = d.y, d.em = d.m, d.ed = d.d + (int)(ref_rand(&seed) % 4);
                if (ref_rand(&seed) % 5 == 0) d.em = d.m + 1, d.ed = 1 + (int)(ref_rand(&seed) % 3);
            }
            dt[i] = d;
            switch (d.kind) {
            case 0:
                dates[i][0] = 0;
                break;
            case 1:
                snprintf(dates[i], 32, "%04d", d.y);
                break;
            case 2:
                snprintf(dates[i], 32, "%04d-%02d", d.y, d.m);
                break;
            case 3:
                snprintf(dates[i], 32, "--%02d-%02d", d.m, d.d);
                break;
            case 4:
                snprintf(dates[i], 32, "%04d-%02d-%02d", d.y, d.m, d.d);
                break;
            default:
                snprintf(dates[i], 32, "%04d-%02d-%02d/%04d-%02d-%02d", d.y, d.m, d.d, d.ey, d.em,
                         d.ed);
            }
            items[i].date = d.kind ? dates[i] : (ref_rand(&seed) % 2 ? NULL : "");
        }
        ref_cluster(dt, n, want);
        int k = sk_merge_cluster(items, n);
        int distinct = 0;
        for (size_t i = 0; i < n; i++) {
            int seen = 0;
            for (size_t j = 0; j < i; j++)
                if (!strcmp(want[j], want[i])) seen = 1;
            distinct += !seen;
            if (strcmp(items[i].date_key, want[i])) {
                printf("round %d item %zu (%s): got %s, want %s\n", round, i, dates[i],
                       items[i].date_key, want[i]);
                bad++;
            }
        }
        if (k != distinct) printf("round %d: %d clusters, want %d\n", round, k, distinct), bad++;
    }
    CHECK(bad == 0);
}

int main(void) {
    char buf[512];
    /* Folded keys: case, tones, đ, punctuation. */
    sk_merge_fold_key("Tô Lâm", buf, sizeof buf);
    CHECK_STR(buf, "to lam");
    sk_merge_fold_key("  TÔ   LÂM ", buf, sizeof buf);
    CHECK_STR(buf, "to lam");
    sk_merge_fold_key("Đảng Cộng sản Pháp", buf, sizeof buf);
    CHECK_STR(buf, "dang cong san phap");
    sk_merge_fold_key("Kim Jong-un", buf, sizeof buf);
    CHECK_STR(buf, "kim jong un");
    sk_merge_fold_key("Nguyễn Xuân Phúc", buf, sizeof buf);
    CHECK_STR(buf, "nguyen xuan phuc");

    /* Pair keys: symmetric types sort the leads, directional keep sender first. */
    sk_actor_t tl = person("Tô Lâm"), fr = person("Fabien Roussel"), em = person("Emmanuel Macron");
    sk_event_t m1 = event(SK_EV_MEET, "host", &tl, "VNM", "guest", &fr, "FRA");
    sk_event_t m2 = event(SK_EV_MEET, "guest", &fr, "FRA", "host", &tl, "VNM");
    char k1[512], k2[512];
    sk_merge_pair_key(&m1, k1, sizeof k1);
    sk_merge_pair_key(&m2, k2, sizeof k2);
    CHECK_STR(k1, "MEET|fabien roussel|to lam");
    CHECK_STR(k2, k1);
    sk_event_t v1 = event(SK_EV_VISIT, "guest", &em, "FRA", "host", &tl, "VNM");
    sk_event_t v2 = event(SK_EV_VISIT, "host", &tl, "VNM", "guest", &em, "FRA");
    sk_merge_pair_key(&v1, k1, sizeof k1);
    sk_merge_pair_key(&v2, k2, sizeof k2);
    CHECK_STR(k1, "VISIT|emmanuel macron|to lam");
    CHECK_STR(k2, k1);
    sk_event_t msg = event(SK_EV_MESSAGE, "sender", &tl, "VNM", "recipient", &em, "FRA");
    sk_merge_pair_key(&msg, k1, sizeof k1);
    CHECK_STR(k1, "MESSAGE|to lam|emmanuel macron");
    /* No lead actor: the side country stands in. */
    sk_event_t c1 = event(SK_EV_CALL, "caller", NULL, "VNM", "callee", NULL, "LAO");
    sk_merge_pair_key(&c1, k1, sizeof k1);
    CHECK_STR(k1, "CALL|lao|vnm");
    CHECK(sk_merge_symmetric(SK_EV_AGREEMENT) && !sk_merge_symmetric(SK_EV_VISIT));

    /* Date clusters. */
    int k;
    const char *d1[] = {"2024-10-07", "--10-07", "2024-10-07", NULL};
    CHECK_STR(cluster(d1, 4, &k), "2024-10-07,2024-10-07,2024-10-07,2024-10-07");
    CHECK_INT(k, 1);
    /* Two different days: a --MM-DD joins its day, undated is ambiguous. */
    const char *d2[] = {"2024-10-07", "2024-10-09", "--10-09", NULL};
    CHECK_STR(cluster(d2, 4, &k), "2024-10-07,2024-10-09,2024-10-09,_");
    CHECK_INT(k, 3);
    /* A month joins the single day inside it; a year with two days does not. */
    const char *d3[] = {"2024-10", "2024-10-07", "2023-05-01", "2024"};
    CHECK_STR(cluster(d3, 4, &k), "2024-10-07,2024-10-07,2023-05-01,2024-10-07");
    const char *d4[] = {"2024", "2024-10-07", "2024-11-02"};
    CHECK_STR(cluster(d4, 3, &k), "2024,2024-10-07,2024-11-02");
    CHECK_INT(k, 3);
    /* A range absorbs the days inside it; a day outside stays apart. */
    const char *d5[] = {"2024-12-04", "2024-12-03/2024-12-06", "--12-05", "2024-12-09"};
    CHECK_STR(cluster(d5, 4, &k), "2024-12-03,2024-12-03,2024-12-03,2024-12-09");
    CHECK_INT(k, 2);
    /* Only --MM-DD reports: one cluster per month-day; undated joins when unique. */
    const char *d6[] = {"--12-26", NULL, "--12-26"};
    CHECK_STR(cluster(d6, 3, &k), "--12-26,--12-26,--12-26");
    CHECK_INT(k, 1);
    const char *d7[] = {NULL, NULL};
    CHECK_STR(cluster(d7, 2, &k), "_,_");
    CHECK_INT(k, 1);
    /* --MM-DD matching days in two years is ambiguous. */
    const char *d8[] = {"2023-06-12", "2024-06-12", "--06-12"};
    CHECK_STR(cluster(d8, 3, &k), "2023-06-12,2024-06-12,--06-12");

    /* Order independence: every rotation of a mixed list gives the same keys per date. */
    const char *mix[] = {"2024-10", "--10-07", NULL, "2024-10-07", "2024-10-07/2024-10-08", "2024"};
    char first[1024] = "";
    for (size_t r = 0; r < 6; r++) {
        const char *rot[6];
        for (size_t i = 0; i < 6; i++)
            rot[i] = mix[(i + r) % 6];
        sk_merge_item_t items[6];
        memset(items, 0, sizeof items);
        for (size_t i = 0; i < 6; i++)
            items[i].date = rot[i];
        sk_merge_cluster(items, 6);
        /* Key of each original position. */
        char got[1024] = "";
        for (size_t i = 0; i < 6; i++) {
            size_t at = (i + 6 - r) % 6;
            strcat(got, items[at].date_key);
            strcat(got, ";");
        }
        if (r == 0) strcpy(first, got);
        CHECK_STR(got, first);
    }
    CHECK_STR(first, "2024-10-07;2024-10-07;2024-10-07;2024-10-07;2024-10-07;2024-10-07;");

    /* Ids and ranks. */
    char id1[20], id2[20];
    sk_merge_event_id("MEET|fabien roussel|to lam|2024-10-07", id1);
    sk_merge_event_id("MEET|fabien roussel|to lam|2024-10-07", id2);
    CHECK_STR(id1, id2);
    CHECK(strlen(id1) == 19 && !strncmp(id1, "ev_", 3));
    CHECK_INT(sk_merge_date_rank("2024-12-03/2024-12-06"), 5);
    CHECK_INT(sk_merge_date_rank("2024-12-03"), 4);
    CHECK_INT(sk_merge_date_rank("--12-03"), 3);
    CHECK_INT(sk_merge_date_rank("2024-12"), 2);
    CHECK_INT(sk_merge_date_rank("2024"), 1);
    CHECK_INT(sk_merge_date_rank(NULL), 0);
    random_clusters();
    return check_report("merge");
}
