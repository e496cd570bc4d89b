#include <string.h>

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
    sk_lexicon_person_offices(lex, "Tô Lâm", count_office, NULL);
    CHECK_INT(n_off, 2);
    sk_lexicon_destroy(lex);
    return check_report("lexicon");
}
