#include <string.h>
#include <unistd.h>

#include "check.h"
#include "lexicon.h"

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
            buf[i] = (char)(r % 8 == 0   ? (int)(r >> 3 & 0xFF)
                            : r % 8 == 1 ? ' '
                                         : 'a' + (int)(r >> 3) % 26);
        }
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
        sk_arena_destroy(arena);
        sk_folded_free(&f);
    }
    lex = fixture;
    sk_lexicon_destroy(full);
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
    sk_lexicon_person_offices(lex, "Tô Lâm", count_office, NULL);
    CHECK_INT(n_off, 2);
    sk_lexicon_destroy(lex);
    return check_report("lexicon");
}
