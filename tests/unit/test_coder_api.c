/* test_coder_api.c — the coder through the library API: lexicon from data/,
 * article set/prepare/code, events and persons as JSON (parsed back with
 * jansson), determinism, and odd articles (no text, punctuation only, 1 MB of
 * one repeated sentence) that must not crash under ASan/UBSan. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "coder.h"

static const sk_lexicon_t *lex;

static const char RECEPTION[] =
    "Sáng 7/10, tại Hà Nội, Tổng Bí thư, Chủ tịch nước Tô Lâm đã tiếp đồng chí Fabien Roussel, "
    "Bí thư toàn quốc Đảng Cộng sản Pháp. Tại buổi tiếp, Tổng Bí thư đề nghị hai Đảng tăng cường "
    "trao đổi lý luận. Ông Roussel cảm ơn sự đón tiếp nồng hậu.";

/* A coded article (NULL on any failure, which is also checked). */
static sk_article_t *coded(const char *doc, const char *published, const char *text, size_t len) {
    sk_article_t *a = sk_article_new();
    CHECK(a != NULL);
    if (!a) return NULL;
    sk_article_set(a, &a->doc, doc, strlen(doc));
    if (published) sk_article_set(a, &a->published, published, strlen(published));
    CHECK(sk_article_set_raw(a, text, len, NULL, NULL) >= 0); /* > 0: repairs made */
    CHECK_INT(sk_article_prepare(a, NULL, NULL), SK_OK);
    CHECK_INT(sk_code_article(lex, a), SK_OK);
    return a;
}

/* Every event and the persons line, one JSON per line, in one malloc'd string. */
static char *all_json(const sk_article_t *a) {
    size_t cap = 1 << 12, n = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    const sk_events_t *ev = sk_article_events(a);
    for (size_t i = 0; i <= (ev ? ev->n : 0); i++) {
        char *s = (ev && i < ev->n) ? sk_event_to_json(a, &ev->items[i]) : sk_persons_to_json(a);
        CHECK(s != NULL);
        if (!s) continue;
        size_t l = strlen(s);
        while (n + l + 2 > cap)
            out = realloc(out, cap *= 2);
        memcpy(out + n, s, l);
        n += l;
        out[n++] = '\n';
        out[n] = '\0';
        free(s);
    }
    return out;
}

static const char *jstr(json_t *o, const char *key) {
    return json_string_value(json_object_get(o, key));
}

static void test_reception_round_trip(void) {
    sk_article_t *a = coded("api-1", "2024-10-08", RECEPTION, strlen(RECEPTION));
    if (!a) return;
    const sk_events_t *ev = sk_article_events(a);
    CHECK(ev != NULL);
    CHECK_INT(ev ? ev->n : 0, 1);
    if (ev && ev->n == 1) {
        const sk_event_t *e = &ev->items[0];
        CHECK_INT(e->type, SK_EV_MEET);
        CHECK_STR(e->subtype, "receive");
        CHECK_INT(e->planned, 0);
        CHECK_STR(e->date.iso, "2024-10-07");
        CHECK_INT(e->date.precision, SK_PREC_DAY);
        CHECK_STR(e->sides[0].role, "host");
        CHECK(e->sides[0].n_actors >= 1);
        if (e->sides[0].n_actors) CHECK_STR(e->sides[0].actors[0].name, "Tô Lâm");
        CHECK(e->evidence_end > e->evidence_start);
        CHECK(e->evidence_end <= a->text_len);
        if (e->evidence && e->evidence_end <= a->text_len)
            CHECK(strncmp(a->text + e->evidence_start, e->evidence,
                          e->evidence_end - e->evidence_start) == 0);

        char *s = sk_event_to_json(a, e);
        json_error_t err;
        json_t *o = s ? json_loads(s, 0, &err) : NULL;
        CHECK(o != NULL);
        if (o) {
            CHECK_STR(jstr(o, "doc"), "api-1");
            CHECK_STR(jstr(o, "type"), "MEET");
            CHECK_STR(jstr(o, "subtype"), "receive");
            CHECK_STR(jstr(o, "status"), "occurred");
            CHECK_STR(jstr(o, "date"), "2024-10-07");
            CHECK_STR(jstr(o, "date_precision"), "day");
            CHECK_STR(jstr(o, "cameo"), "043");
            CHECK_STR(jstr(json_object_get(o, "plover"), "type"), "CONSULT");
            json_t *sides = json_object_get(o, "sides");
            CHECK_INT(json_array_size(sides), 2);
            json_t *host = json_array_get(sides, 0), *guest = json_array_get(sides, 1);
            CHECK_STR(jstr(host, "role"), "host");
            CHECK_STR(jstr(host, "country"), "VNM");
            CHECK_STR(jstr(guest, "role"), "guest");
            CHECK_STR(jstr(guest, "country"), "FRA");
            json_t *lead = json_array_get(json_object_get(host, "actors"), 0);
            CHECK_STR(jstr(lead, "name"), "Tô Lâm");
            CHECK_STR(jstr(lead, "kind"), "person");
            json_t *titles = json_object_get(lead, "titles");
            CHECK_INT(json_array_size(titles), 2);
            CHECK_STR(json_string_value(json_array_get(titles, 0)), "Tổng Bí thư");
            CHECK_STR(json_string_value(json_array_get(titles, 1)), "Chủ tịch nước");
            CHECK_STR(jstr(json_array_get(json_object_get(guest, "actors"), 0), "name"),
                      "Fabien Roussel");
            CHECK_STR(jstr(json_object_get(o, "location"), "name"), "Hà Nội");
            json_t *evd = json_object_get(o, "evidence");
            CHECK_INT(json_integer_value(json_object_get(evd, "start")), e->evidence_start);
            CHECK_INT(json_integer_value(json_object_get(evd, "end")), e->evidence_end);
            CHECK_STR(jstr(evd, "sentence"), e->evidence);
            /* Dumped again, the record is byte-identical (compact, key order kept). */
            char *again = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
            CHECK_STR(again, s);
            free(again);
            json_decref(o);
        }
        free(s);
    }

    const sk_persons_t *ps = sk_article_persons(a);
    CHECK(ps != NULL);
    CHECK_INT(ps ? ps->n : 0, 2);
    char *p = sk_persons_to_json(a);
    json_error_t err;
    json_t *o = p ? json_loads(p, 0, &err) : NULL;
    CHECK(o != NULL);
    if (o) {
        CHECK_STR(jstr(o, "doc"), "api-1");
        json_t *arr = json_object_get(o, "persons");
        CHECK_INT(json_array_size(arr), 2);
        int lam = 0, roussel = 0;
        for (size_t i = 0; i < json_array_size(arr); i++) {
            const char *name = jstr(json_array_get(arr, i), "name");
            lam += name && !strcmp(name, "Tô Lâm");
            roussel += name && !strcmp(name, "Fabien Roussel");
            /* The persons line agrees with sk_article_persons. */
            if (ps && i < ps->n) CHECK_STR(name, ps->items[i].name);
        }
        CHECK_INT(lam, 1);
        CHECK_INT(roussel, 1);
        json_decref(o);
    }
    free(p);
    sk_article_destroy(a);
}

static void test_deterministic(void) {
    sk_article_t *a = coded("api-det", "2024-10-08", RECEPTION, strlen(RECEPTION));
    sk_article_t *b = coded("api-det", "2024-10-08", RECEPTION, strlen(RECEPTION));
    if (a && b) {
        char *ja = all_json(a), *jb = all_json(b);
        CHECK_STR(ja, jb);
        /* Coding the same article object twice gives the same output too. */
        CHECK_INT(sk_code_article(lex, a), SK_OK);
        char *ja2 = all_json(a);
        CHECK_STR(ja2, ja);
        free(ja);
        free(jb);
        free(ja2);
    }
    sk_article_destroy(a);
    sk_article_destroy(b);
}

/* Odd inputs: coded without error, no events, JSON still valid. */
static void check_odd(const char *doc, const char *published, const char *text, size_t len,
                      int want_events) {
    sk_article_t *a = coded(doc, published, text, len);
    if (!a) return;
    const sk_events_t *ev = sk_article_events(a);
    if (want_events >= 0) CHECK_INT(ev ? ev->n : 0, want_events);
    char *all = all_json(a);
    for (char *line = all, *nl; line && *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl) break;
        *nl = '\0';
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        CHECK(o != NULL);
        json_decref(o);
    }
    free(all);
    sk_article_destroy(a);
}

static void test_odd_articles(void) {
    check_odd("empty", NULL, "", 0, 0);
    check_odd("spaces", "2024-01-01", "   \n\n\t  \n", 10, 0);
    const char punct[] = "... ,,, ;;; !!! ??? --- ((( ))) “” « » … — / \\ | ; : .";
    check_odd("punct", "2024-01-01", punct, strlen(punct), 0);
    check_odd("trigger-only", NULL, "tiếp. hội đàm. thăm. ký. điện đàm.",
              strlen("tiếp. hội đàm. thăm. ký. điện đàm."), 0);
    check_odd("titles-only", NULL,
              "Tổng Bí thư, Chủ tịch nước, Thủ tướng, Đại sứ tại, Bí thư Thành ủy.",
              strlen("Tổng Bí thư, Chủ tịch nước, Thủ tướng, Đại sứ tại, Bí thư Thành ủy."), -1);
    check_odd("bad-published", "not-a-date", RECEPTION, strlen(RECEPTION), -1);

    /* 1 MB of the same reception sentence: one event (same sides, same day). */
    size_t want = (size_t)1 << 20, n = 0, l = strlen(RECEPTION);
    char *big = malloc(want + l + 2);
    while (n < want) {
        memcpy(big + n, RECEPTION, l);
        n += l;
        big[n] = (n % 4096 < l) ? '\n' : ' ';
        n++;
    }
    big[n] = '\0';
    check_odd("big", "2024-10-08", big, n, -1);
    sk_article_t *a = coded("big2", "2024-10-08", big, n);
    if (a) {
        const sk_events_t *ev = sk_article_events(a);
        CHECK(ev != NULL && ev->n >= 1);
        CHECK(ev == NULL || ev->n <= 2);
        sk_article_destroy(a);
    }
    free(big);
}

/* Arenas hand their largest block on to the next one (arena.c): the next arena starts
 * empty, sk_arena_alloc still zeroes, and what the old one held is not seen. */
static void test_arena_reuse(void) {
    for (int round = 0; round < 3; round++) {
        sk_arena_t *ar = sk_arena_new();
        CHECK(ar != NULL);
        if (!ar) return;
        CHECK_INT((long long)sk_arena_used(ar), 0);
        unsigned char *z = sk_arena_alloc(ar, 1000);
        CHECK(z != NULL);
        int zero = 1;
        for (size_t k = 0; z && k < 1000; k++)
            zero &= z[k] == 0;
        CHECK(zero);
        /* dirty it and grow past the first block, so that a large one is kept */
        unsigned char *big = sk_arena_alloc_uninit(ar, 300 * 1024);
        CHECK(big != NULL);
        if (big) memset(big, 0xAB, 300 * 1024);
        if (z) memset(z, 0xCD, 1000);
        char *s = sk_arena_strdup(ar, "giữ nguyên");
        CHECK_STR(s, "giữ nguyên");
        sk_arena_destroy(ar);
    }
}

int main(void) {
    test_arena_reuse();
    const char *dir = getenv("SUKIEN_DATA");
    sk_lexicon_t *l = NULL;
    CHECK_INT(sk_lexicon_load(dir ? dir : SK_DATA_DIR, NULL, NULL, &l), SK_OK);
    if (!l) return check_report("test_coder_api");
    CHECK(sk_lexicon_size(l) > 1000);
    lex = l;
    test_reception_round_trip();
    test_deterministic();
    test_odd_articles();
    sk_lexicon_destroy(l);
    return check_report("test_coder_api");
}
