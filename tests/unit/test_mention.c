/* test_mention.c — the recognition layer's shortcuts agree with the full
 * path: SK_CODE_EVENTS_ONLY (no date mentions; no mentions and no time
 * expressions for an article without a trigger) gives the same events and
 * persons, and the same mentions but those, as coding everything. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "coder.h"
#include "mention.h"
#include "normalize.h"

static const sk_lexicon_t *lex;

/* What one coding leaves: every event and mention of every slice as text lines. */
typedef struct {
    char *events, *mentions;
    size_t n_ev, cap_ev, n_me, cap_me;
    int as_events_only; /* leave out of `mentions` what SK_CODE_EVENTS_ONLY does not make */
    size_t n_dates, n_timexes, n_triggers, n_mentions;
} record_t;

static void append(char **buf, size_t *n, size_t *cap, const char *s) {
    size_t l = strlen(s);
    while (*n + l + 2 > *cap) {
        *cap = *cap ? *cap * 2 : 4096;
        *buf = realloc(*buf, *cap);
    }
    memcpy(*buf + *n, s, l);
    *n += l;
    (*buf)[(*n)++] = '\n';
    (*buf)[*n] = '\0';
}

/* Token case flags as the plain definition gives them: cap, the first character is an
 * upper-case letter; acronym, two or more letters and none lower case. */
static void reference_case(const char *s, size_t len, int *cap, int *acronym) {
    int letters = 0, lower = 0;
    *cap = 0;
    for (size_t k = 0; k < len;) {
        int32_t cp;
        int nb = sk_utf8_decode(s + k, len - k, &cp);
        if (nb < 0) break;
        if (k == 0) *cap = sk_is_upper(cp);
        if (sk_is_letter(cp)) {
            letters++;
            lower |= !sk_is_upper(cp);
        }
        k += (size_t)nb;
    }
    *acronym = *cap && len >= 2 && letters >= 2 && !lower;
}

/* The shortcuts of mention.c agree with what they stand for: token flags, the first token
 * of each trigger (set_labels) and sk_mentions_token_at (a plain walk). */
static void check_tokens(const sk_article_t *a) {
    const sk_mentions_t *m = a->mentions;
    if (!m) return;
    int bad_case = 0, bad_at = 0, bad_trig = 0;
    for (size_t i = 0; i < m->n_tokens; i++) {
        const sk_token_t *t = &m->tokens[i];
        int cap, acr;
        reference_case(a->text + t->start, t->end - t->start, &cap, &acr);
        bad_case += cap != t->cap || acr != t->acronym;
    }
    for (uint32_t off = 0; off <= a->text_len; off += 7) {
        size_t k = 0;
        while (k < m->n_tokens && m->tokens[k].start < off)
            k++;
        bad_at += sk_mentions_token_at(m, off) != k;
    }
    for (size_t q = 0; q < m->n_triggers; q++)
        bad_trig += m->trigger_tok[q] != sk_mentions_token_at(m, m->triggers[q].start);
    CHECK_INT(bad_case, 0);
    CHECK_INT(bad_at, 0);
    CHECK_INT(bad_trig, 0);
}

static int record_slice(void *ctx, const sk_article_t *slice, uint32_t base) {
    check_tokens(slice);
    record_t *r = ctx;
    char line[512];
    snprintf(line, sizeof line, "slice %u", (unsigned)base);
    append(&r->events, &r->n_ev, &r->cap_ev, line);
    append(&r->mentions, &r->n_me, &r->cap_me, line);
    const sk_events_t *ev = slice->events;
    for (size_t i = 0; ev && i < ev->n; i++) {
        char *s = sk_event_to_json(slice, &ev->items[i]);
        CHECK(s != NULL);
        if (s) append(&r->events, &r->n_ev, &r->cap_ev, s);
        free(s);
    }
    const sk_mentions_t *m = slice->mentions;
    r->n_timexes += m ? m->n_timexes : 0;
    r->n_triggers += m ? m->n_triggers : 0;
    for (size_t i = 0; m && i < m->n; i++) {
        const sk_mention_t *x = &m->items[i];
        r->n_dates += x->kind == SK_MENTION_DATE;
        r->n_mentions++;
        if (r->as_events_only && (x->kind == SK_MENTION_DATE || !m->n_triggers)) continue;
        snprintf(line, sizeof line, "%s %u %u %s %s %s %d %d", sk_mention_kind_name(x->kind),
                 (unsigned)x->start, (unsigned)x->end, x->canonical ? x->canonical : "-",
                 x->country ? x->country : "-", x->org ? x->org : "-", (int)x->person,
                 (int)x->coref);
        append(&r->mentions, &r->n_me, &r->cap_me, line);
    }
    return SK_OK;
}

/* Codes text with opts; the persons line goes into events. */
static void code_text(const char *text, size_t len, unsigned opts, record_t *r) {
    sk_article_t *a = sk_article_new();
    CHECK(a != NULL);
    if (!a) return;
    sk_article_set(a, &a->doc, "m-1", 3);
    sk_article_set(a, &a->published, "2024-10-08", 10);
    CHECK(sk_article_set_raw(a, text, len, NULL, NULL) >= 0);
    CHECK_INT(sk_article_prepare(a, NULL, NULL), SK_OK);
    CHECK_INT(sk_code_article_stream_opts(lex, a, opts, record_slice, r), SK_OK);
    char *p = sk_persons_to_json(a);
    CHECK(p != NULL);
    if (p) append(&r->events, &r->n_ev, &r->cap_ev, p);
    free(p);
    sk_article_destroy(a);
}

/* Returns the number of date mentions when everything is coded. */
static size_t check_events_only(const char *what, const char *text, size_t len, int has_trigger) {
    record_t all = {.as_events_only = 1}, ev = {0};
    code_text(text, len, 0, &all);
    code_text(text, len, SK_CODE_EVENTS_ONLY, &ev);
    CHECK_INT(ev.n_dates, 0);
    CHECK_INT(ev.n_triggers, all.n_triggers);
    CHECK_INT(all.n_triggers > 0, has_trigger);
    /* without a trigger, nothing but the persons */
    if (!has_trigger) CHECK_INT(ev.n_mentions, 0);
    if (len) CHECK(all.n_mentions > all.n_dates);
    /* the time expressions are found when a trigger may use them */
    CHECK_INT(ev.n_timexes, all.n_triggers ? all.n_timexes : 0);
    CHECK(all.events && ev.events && !strcmp(all.events, ev.events));
    CHECK(all.mentions && ev.mentions && !strcmp(all.mentions, ev.mentions));
    if (!all.events || !ev.events || strcmp(all.events, ev.events) || !all.mentions ||
        !ev.mentions || strcmp(all.mentions, ev.mentions))
        fprintf(stderr, "  (%s)\n", what);
    free(all.events);
    free(all.mentions);
    free(ev.events);
    free(ev.mentions);
    return all.n_dates;
}

static const char RECEPTION[] =
    "Sáng 7/10, tại Hà Nội, Tổng Bí thư, Chủ tịch nước Tô Lâm đã tiếp đồng chí Fabien Roussel, "
    "Bí thư toàn quốc Đảng Cộng sản Pháp. Tại buổi tiếp, Tổng Bí thư đề nghị hai Đảng tăng cường "
    "trao đổi lý luận. Ông Roussel cảm ơn sự đón tiếp nồng hậu. Ngày 9/10, Thủ tướng Phạm Minh "
    "Chính điện đàm với người đồng cấp Nhật Bản Shigeru Ishiba.";

/* Dates and names but no event trigger. */
static const char NO_TRIGGER[] =
    "Ngày 12/3/2024, ông Nguyễn Văn An, Giám đốc Sở Tài chính tỉnh Bắc Ninh, cho biết giá "
    "xăng dầu giảm trong tháng 3. Bà Trần Thị Bình nói thêm rằng năm 2025 sẽ khác.";

static void test_events_only(void) {
    CHECK(check_events_only("reception", RECEPTION, strlen(RECEPTION), 1) >= 2);
    CHECK(check_events_only("no trigger", NO_TRIGGER, strlen(NO_TRIGGER), 0) >= 1);
    check_events_only("empty", "", 0, 0);
    /* longer than a slice: the option reaches every slice */
    size_t one = strlen(RECEPTION), n = SK_CODE_SLICE_BYTES / one + 3;
    char *big = malloc(n * (one + 2) + 1);
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(big + len, i % 3 ? NO_TRIGGER : RECEPTION, i % 3 ? strlen(NO_TRIGGER) : one);
        len += i % 3 ? strlen(NO_TRIGGER) : one;
        big[len++] = '\n';
        big[len++] = '\n';
    }
    big[len] = '\0';
    check_events_only("sliced", big, len, 1);
    free(big);
}

/* Capitals, acronyms and non-ASCII first letters for check_tokens. */
static void test_token_flags(void) {
    static const char TEXT[] =
        "Theo TTXVN, ĐOÀN ĐẠI BIỂU tỉnh Đà Nẵng và ông NGUYỄN VĂN A, Ủy viên Bộ Chính trị, "
        "đã gặp Tổng thống Emmanuel Macron. UNESCO, WHO2, Ư, Ơ và V. Putin (AB-C) cũng tới Hà "
        "Nội; Ảnh: VGP/Quang Hiếu. ÔNG Đỗ Ánh Ê-va thăm Việt Nam ngày 5/6.";
    record_t r = {0};
    code_text(TEXT, strlen(TEXT), 0, &r);
    code_text(TEXT, strlen(TEXT), SK_CODE_EVENTS_ONLY, &r);
    free(r.events);
    free(r.mentions);
}

int main(void) {
    const char *dir = getenv("SUKIEN_DATA");
    sk_lexicon_t *l = NULL;
    CHECK_INT(sk_lexicon_load(dir ? dir : SK_DATA_DIR, NULL, NULL, &l), SK_OK);
    if (!l) return check_report("test_mention");
    lex = l;
    test_events_only();
    test_token_flags();
    sk_lexicon_destroy(l);
    return check_report("test_mention");
}
