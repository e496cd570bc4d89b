#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "lexicon.h"
#include "normalize.h"

static sk_lexicon_t *lex;

typedef struct {
    const char *text;
    sk_folded_t f;
    sk_lex_match_t *m;
    size_t n;
    sk_arena_t *arena;
} scan_t;

static void scan(scan_t *s, const char *text) {
    s->text = text;
    s->arena = sk_arena_new();
    sk_fold(text, strlen(text), &s->f);
    CHECK_INT(sk_lexicon_scan(lex, text, strlen(text), &s->f, s->arena, &s->m, &s->n), SK_OK);
}

static void done(scan_t *s) {
    sk_folded_free(&s->f);
    sk_arena_destroy(s->arena);
}

static const char *canon(const scan_t *s, size_t i) {
    return sk_lexicon_entry(lex, s->m[i].entry)->canonical;
}

static void test_match_spans(void) {
    scan_t s;
    scan(&s, "Tổng Bí thư Tô Lâm thăm CHDCND Lào và Cộng hoà Pháp.");
    /* Nested matches at later starts are reported too ("Lào" inside "CHDCND Lào"). */
    CHECK_INT(s.n, 5);
    if (s.n == 5) {
        CHECK_STR(canon(&s, 0), "Tổng Bí thư");
        CHECK_INT(s.m[0].start, 0);
        CHECK_INT(s.m[0].end, strlen("Tổng Bí thư"));
        CHECK_STR(canon(&s, 1), "Lào"); /* alias "CHDCND Lào", span includes CHDCND */
        CHECK(!memcmp(s.text + s.m[1].start, "CHDCND Lào", strlen("CHDCND Lào")));
        CHECK_INT(s.m[1].n_syll, 2);
        CHECK_INT(s.m[2].n_syll, 1);
        CHECK_STR(canon(&s, 3), "Pháp"); /* both tone placements: "hoà" in text, "hòa" in data */
        CHECK_INT(s.m[3].n_syll, 3);
    }
    done(&s);
}

static void test_constraints(void) {
    scan_t s;
    /* "lao động" is not Laos (case), "Lao động" is not Laos (tones), "my" is not USA. */
    scan(&s, "Lao động và lao động của my Mỹ");
    CHECK_INT(s.n, 1);
    if (s.n == 1) CHECK_STR(canon(&s, 0), "Mỹ");
    done(&s);
    /* Phrases do not cross punctuation. */
    scan(&s, "Tổng Bí. thư");
    CHECK_INT(s.n, 0);
    done(&s);
}

static void test_lookup_attr(void) {
    long id = sk_lexicon_lookup(lex, SK_LEX_COUNTRY, "Hoa Kỳ", strlen("Hoa Kỳ"));
    CHECK(id >= 0);
    char buf[16];
    if (id >= 0)
        CHECK_STR(sk_lex_attr(sk_lexicon_entry(lex, (uint32_t)id), "iso3", buf, sizeof buf), "USA");
    CHECK(sk_lexicon_lookup(lex, SK_LEX_OFFICE, "Hoa Kỳ", strlen("Hoa Kỳ")) < 0);
}

/* sk_lex_attr on an entry as loaded (items indexed) and on a copy without the
 * index (item by item, the reference) agree for every key tried. */
static void check_attr_same(const sk_lex_entry_t *e) {
    static const char *const keys[] = {"type", "typ",   "typex",       "iso3",  "country",
                                       "case", "tones", "acronym",     "level", "x",
                                       "wiki", "io",    "jurisdiction"};
    sk_lex_entry_t plain = *e;
    plain.attr_at = NULL;
    plain.n_attr = 0;
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        char a[64], b[64], c[3], d[3];
        const char *va = sk_lex_attr(e, keys[k], a, sizeof a);
        const char *vb = sk_lex_attr(&plain, keys[k], b, sizeof b);
        CHECK((va == NULL) == (vb == NULL));
        if (va && vb) CHECK_STR(va, vb);
        va = sk_lex_attr(e, keys[k], c, sizeof c); /* values cut to the buffer */
        vb = sk_lex_attr(&plain, keys[k], d, sizeof d);
        if (va && vb) CHECK_STR(va, vb);
    }
}

static void test_attr_index(void) {
    char dir[] = "/tmp/sk-lex-attr-XXXXXX", path[64];
    if (!mkdtemp(dir)) return;
    snprintf(path, sizeof path, "%s/countries.tsv", dir);
    FILE *f = fopen(path, "w");
    if (!f) return;
    fputs("Alpha\t\ttype;iso3=;;=v;typex=1;type=dup;case=first;country=AAA\n"
          "Beta\t\ttyp=x;type=long value here\n"
          "Gamma\t\t;\n",
          f);
    fclose(f);
    sk_lexicon_t *l = NULL;
    CHECK_INT(sk_lexicon_load(dir, NULL, NULL, &l), SK_OK);
    if (l) {
        char buf[64];
        const sk_lex_entry_t *a = sk_lexicon_entry(l, 0), *b = sk_lexicon_entry(l, 1);
        CHECK_STR(sk_lex_attr(a, "type", buf, sizeof buf), ""); /* the first "type" item */
        CHECK_STR(sk_lex_attr(a, "iso3", buf, sizeof buf), "");
        CHECK_STR(sk_lex_attr(a, "typex", buf, sizeof buf), "1");
        CHECK_STR(sk_lex_attr(a, "country", buf, sizeof buf), "AAA");
        CHECK(!sk_lex_attr(a, "typ", buf, sizeof buf));
        CHECK(!sk_lex_attr(a, "", buf, sizeof buf));
        CHECK_STR(sk_lex_attr(b, "type", buf, 5), "long");
        for (uint32_t i = 0; i < sk_lexicon_size(l); i++)
            check_attr_same(sk_lexicon_entry(l, i));
        sk_lexicon_destroy(l);
    }
    remove(path);
    rmdir(dir);
    /* and on the real data */
    if (sk_lexicon_load(SK_DATA_DIR, NULL, NULL, &l) == SK_OK) {
        for (uint32_t i = 0; i < sk_lexicon_size(l); i++)
            check_attr_same(sk_lexicon_entry(l, i));
        sk_lexicon_destroy(l);
    }
}

static int has_match(const sk_lexicon_t *l, const scan_t *s, const char *canonical) {
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(sk_lexicon_entry(l, s->m[i].entry)->canonical, canonical)) return 1;
    return 0;
}

/* Syllables over 7 bytes take the hashed-key path of the trie; random bytes
 * (NULs, invalid UTF-8, long runs) must scan cleanly, with sane spans. */
static void test_long_syllables_and_noise(void) {
    sk_lexicon_t *full = NULL;
    if (sk_lexicon_load(SK_DATA_DIR, NULL, NULL, &full) != SK_OK) return;
    sk_lexicon_t *fixture = lex;
    lex = full;
    /* trigger entries carry their attributes, read as sk_lex_attr reads them */
    for (uint32_t id = 0; id < sk_lexicon_size(full); id++) {
        const sk_lex_entry_t *e = sk_lexicon_entry(full, id);
        CHECK((e->kind == SK_LEX_TRIGGER) == (e->trigger != NULL));
        if (!e->trigger) continue;
        char v[64];
        const char *sub = sk_lex_attr(e, "subtype", v, sizeof v);
        CHECK(sub ? e->trigger->subtype && !strcmp(sub, e->trigger->subtype)
                  : !e->trigger->subtype);
        const char *form = sk_lex_attr(e, "form", v, sizeof v);
        CHECK(e->trigger->noun == (form && !strcmp(form, "noun")));
        const char *dir = sk_lex_attr(e, "dir", v, sizeof v);
        CHECK((e->trigger->dir == SK_TRIG_DIR_GUEST) == (dir && !strcmp(dir, "guest")));
        const char *type = sk_lex_attr(e, "type", v, sizeof v);
        CHECK(e->trigger->is_visit == (type && !strcmp(type, "VISIT")));
    }
    scan_t s;
    scan(&s, "Hoàng cung Campuchia và Điện Buckingham.");
    CHECK(has_match(full, &s, "Hoàng cung Campuchia"));
    CHECK(has_match(full, &s, "Điện Buckingham"));
    done(&s);
    scan(&s, "Hoàng cung Campuchiaa và Điện Buckinghamm.");
    CHECK(!has_match(full, &s, "Hoàng cung Campuchia"));
    CHECK(!has_match(full, &s, "Điện Buckingham"));
    done(&s);
    unsigned seed = 12345;
    char buf[512];
    for (int round = 0; round < 2000; round++) {
        size_t len = 1 + (size_t)(round % 500);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = seed >> 16;
            /* mostly letters and spaces, some long runs, some arbitrary bytes */
            buf[i] = (char)(r % 8 == 0    ? (int)(r >> 3 & 0xFF)
                            : r % 8 == 1  ? ' '
                            : r % 16 == 2 ? "-',."[(r >> 4) % 4]
                                          : 'a' + (int)(r >> 3) % 26);
        }
        if (round % 50 == 0) /* a syllable across two or three 64-byte blocks */
            for (size_t i = len / 4; i < len && i < len / 4 + 150; i++)
                buf[i] = 'a' + (char)(i % 26);
        buf[len] = '\0';
        sk_folded_t f;
        if (sk_fold(buf, len, &f) != SK_OK) continue;
        sk_arena_t *arena = sk_arena_new();
        sk_lex_match_t *m = NULL;
        size_t n = 0;
        CHECK_INT(sk_lexicon_scan(full, buf, len, &f, arena, &m, &n), SK_OK);
        for (size_t i = 0; i < n; i++) {
            CHECK(m[i].start < m[i].end && m[i].end <= len);
            if (i) CHECK(m[i - 1].start <= m[i].start);
        }
        /* the scan handing out its syllables finds the same matches; its syllables are
           the runs of token bytes, and each match spans the syllables it names */
        sk_lex_match_t *m2 = NULL;
        sk_lex_syll_t *sy = NULL;
        uint32_t *first = NULL;
        size_t n2 = 0, ns = 0;
        CHECK_INT(sk_lexicon_scan_sylls(full, buf, len, &f, arena, &m2, &n2, &sy, &ns, &first),
                  SK_OK);
        CHECK(n2 == n && (!n || !memcmp(m, m2, n * sizeof *m)));
        size_t k = 0, at = 0;
        while (at < f.len) {
            while (at < f.len && !sk_tok_byte((unsigned char)f.text[at]))
                at++;
            if (at >= f.len) break;
            size_t st = at;
            while (at < f.len && sk_tok_byte((unsigned char)f.text[at]))
                at++;
            CHECK(k < ns && sy[k].fs == st && sy[k].fe == at);
            /* it joins the syllable before across 1 to 3 spaces, hyphens, apostrophes */
            size_t gap_start = st;
            while (gap_start > 0 && !sk_tok_byte((unsigned char)f.text[gap_start - 1]))
                gap_start--;
            int joins = k > 0 && st - gap_start <= 3;
            for (size_t g = gap_start; g < st && joins; g++)
                joins = f.text[g] == ' ' || f.text[g] == '-' || f.text[g] == '\'';
            if (k < ns) CHECK_INT(sy[k].joins, joins);
            /* its key: the packed bytes of a short syllable, never those of a long one */
            if (k < ns)
                CHECK(at - st <= SK_LEX_PACK_MAX ? sy[k].key == sk_lex_pack(f.text + st, at - st)
                                                 : (sy[k].key >> 63) == 1);
            k++;
        }
        CHECK(k == ns);
        for (size_t i = 0; i < n2 && i < n; i++) {
            CHECK(first[i] + m2[i].n_syll <= ns);
            if (first[i] + m2[i].n_syll > ns) break;
            CHECK(f.to_orig[sy[first[i]].fs] == m2[i].start);
            CHECK(f.to_orig[sy[first[i] + m2[i].n_syll - 1].fe] == m2[i].end);
        }
        sk_arena_destroy(arena);
        sk_folded_free(&f);
    }
    lex = fixture;
    sk_lexicon_destroy(full);
}

/* The scan remembers, per thread, what it found for a span's bytes (span and key
 * memos): a scan with the memos cold (a new thread) and the same scans with
 * them warm, in another order, interleaved with another lexicon, and with the
 * text cut right after a span or going on, must give the same matches. */
enum { MEMO_TEXTS = 14, MEMO_OUT = 4096 };
static const char *const memo_texts[MEMO_TEXTS] = {
    "Ông Nguyễn Phú Trọng tiếp Đại sứ Hoa Kỳ tại Hà Nội.",
    "ông nguyễn phú trọng tiếp đại sứ hoa kỳ",
    "ONG NGUYEN PHU TRONG TIEP DAI SU HOA KY",
    "ÔNG NGUYỄN PHÚ TRỌNG TIẾP ĐẠI SỨ HOA KỲ",
    "Tổng Bí thư Tô Lâm thăm CHDCND Lào và Cộng hoà Pháp; Cộng hòa Pháp, Lào, lao, Lao động",
    "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Campuchia Hun Manet ở Phnom Penh",
    "Phnôm Pênh, Phnom-Penh, Han Duck Soo, Hàn Quốc, Nhất, Nhật Bản, my Mỹ, MỸ",
    "Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn gặp Ngoại trưởng Mỹ; bo truong bo ngoai giao",
    "Liên hợp quốc UN, Un, un, ASEAN, Asean, TTXVN, ttxvn",
    "Ông Ông ông ÔNG Bà bà BÀ Ngài ngài đồng chí Đồng chí",
    "Chủ tịch nước Võ Văn Thưởng, Chủ tịch Quốc hội Vương Đình Huệ",
    "Thủ tướng",
    "Hoà",
    "Tô Lâm",
};
static char memo_cold[2][MEMO_TEXTS][2][MEMO_OUT];

/* The matches of a scan of text (with `tail` appended: the text going on) as a string. */
static void memo_scan(const sk_lexicon_t *l, const char *text, const char *tail, char *out) {
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s", text, tail);
    size_t len = strlen(buf), o = 0;
    sk_folded_t f;
    sk_arena_t *arena = sk_arena_new();
    sk_lex_match_t *m = NULL;
    size_t n = 0;
    out[0] = '\0';
    if (!arena || sk_fold(buf, len, &f) != SK_OK) {
        sk_arena_destroy(arena);
        return;
    }
    CHECK_INT(sk_lexicon_scan(l, buf, len, &f, arena, &m, &n), SK_OK);
    for (size_t i = 0; i < n && o + 64 < MEMO_OUT; i++)
        if (m[i].end <= strlen(text)) /* the matches within text */
            o += (size_t)snprintf(out + o, MEMO_OUT - o, "%u-%u:%u/%u/%u ", m[i].start, m[i].end,
                                  m[i].entry, m[i].n_syll, m[i].kind);
    sk_folded_free(&f);
    sk_arena_destroy(arena);
}

static sk_lexicon_t *memo_lex[2];

static void *memo_cold_scans(void *arg) {
    (void)arg;
    for (int l = 0; l < 2; l++)
        for (int t = 0; t < MEMO_TEXTS; t++)
            memo_scan(memo_lex[l], memo_texts[t], "", memo_cold[l][t][0]);
    return NULL;
}

static void test_memo_consistency(void) {
    sk_lexicon_t *full = NULL;
    if (sk_lexicon_load(SK_DATA_DIR, NULL, NULL, &full) != SK_OK) return;
    memo_lex[0] = full;
    memo_lex[1] = lex;
    pthread_t th;
    CHECK_INT(pthread_create(&th, NULL, memo_cold_scans, NULL), 0);
    pthread_join(th, NULL);
    CHECK(strlen(memo_cold[0][0][0]) > 0);
    static char warm[MEMO_OUT];
    for (int round = 0; round < 3; round++)
        for (int k = 0; k < 2 * MEMO_TEXTS; k++) {
            int t = MEMO_TEXTS - 1 - k / 2, l = (k + round) % 2;
            const char *tail = round == 1 ? " và Hoa Kỳ, Lào; ông Trọng, Thủ tướng......" : "";
            memo_scan(memo_lex[l], memo_texts[t], tail, warm);
            CHECK_STR(warm, memo_cold[l][t][0]);
        }
    sk_lexicon_destroy(full);
    /* two lexicons of the same shape (the same trie nodes) that differ in a
     * constraint: what one found for a span is not the other's */
    char dir[] = "/tmp/sk-lex-memo-XXXXXX", path[64];
    if (mkdtemp(dir)) {
        snprintf(path, sizeof path, "%s/countries.tsv", dir);
        sk_lexicon_t *ab[2] = {NULL, NULL};
        for (int k = 0; k < 2; k++) {
            FILE *fp = fopen(path, "w");
            if (!fp) break;
            fputs(k ? "Alpha\tBêta\ttones=any\n" : "Alpha\tBêta\tcase=first;tones=exact\n", fp);
            fclose(fp);
            CHECK_INT(sk_lexicon_load(dir, NULL, NULL, &ab[k]), SK_OK);
        }
        for (int round = 0; round < 2 && ab[0] && ab[1]; round++) {
            memo_scan(ab[0], "alpha beta", "", warm);
            CHECK_STR(warm, "");
            memo_scan(ab[1], "alpha beta", "", warm);
            CHECK_STR(warm, "0-5:0/1/0 6-10:0/1/0 ");
        }
        sk_lexicon_destroy(ab[0]);
        sk_lexicon_destroy(ab[1]);
        remove(path);
        rmdir(dir);
    }
    /* a lexicon loaded again (the memos know it by its load, not its address) */
    CHECK_INT(sk_lexicon_load(SK_DATA_DIR, NULL, NULL, &full), SK_OK);
    if (full) {
        for (int t = 0; t < MEMO_TEXTS; t++) {
            memo_scan(full, memo_texts[t], "", warm);
            CHECK_STR(warm, memo_cold[0][t][0]);
        }
        sk_lexicon_destroy(full);
    }
}

static int n_off;
static void count_office(void *ctx, const char *o, const char *s, const char *e) {
    (void)ctx;
    (void)o;
    (void)s;
    (void)e;
    n_off++;
}

int main(void) {
    const char *dir = getenv("LEXICON_FIXTURE");
    if (!dir) dir = "tests/fixtures/lexicon";
    if (sk_lexicon_load(dir, NULL, NULL, &lex) != SK_OK) {
        fprintf(stderr, "cannot load %s\n", dir);
        return 1;
    }
    test_match_spans();
    test_constraints();
    test_lookup_attr();
    test_attr_index();
    test_long_syllables_and_noise();
    test_memo_consistency();
    sk_lexicon_person_offices(lex, "Tô Lâm", count_office, NULL);
    CHECK_INT(n_off, 2);
    sk_lexicon_destroy(lex);
    return check_report("lexicon");
}
