/* Readers at the library level: the normalisation fast path agrees with
 * sk_normalize_text, format guessing, and a JSONL/text round trip through the
 * public reader API (the CLI tests cover each format and bad input). */
#include "check.h"
#include "reader.h"
#include "reader_impl.h"

#include <unistd.h>

/* Whenever the fast path says "already normal", the normaliser must agree. */
static void check_fast_path(const char *s, size_t n) {
    char *out = NULL;
    size_t out_len = 0, bad = 0, ctl = 0;
    if (!sk_text_is_normal(s, n)) return;
    CHECK_INT(sk_normalize_text(s, n, &out, &out_len, &bad, &ctl), SK_OK);
    int same = out_len == n && !memcmp(out, s, n) && !bad && !ctl;
    CHECK(same);
    if (!same) fprintf(stderr, "  fast path disagrees on: %.80s\n", s);
    free(out);
}

static const char *const SAMPLES[] = {
    "Tổng Bí thư Tô Lâm tiếp Đại sứ “Pháp” – ngày 7/10…",
    "Hòa hoà Thuỷ thủy Đắk Lắk Quảng Ngãi",
    "tab\there\nnewline",
    "NBSP\xC2\xA0here",       /* becomes a space */
    "soft\xC2\xADhyphen",     /* removed */
    "cr\r\nlf",               /* \r removed */
    "zero\xE2\x80\x8Bwidth",  /* removed */
    "e\xCC\x81 combining",    /* composed by NFC */
    "line\xE2\x80\xA8sep",    /* U+2028 becomes \n */
    "ctl\x01 char",           /* control */
    "bad \xFF byte",          /* invalid UTF-8 */
    "Ω ohm \xE2\x84\xA6",     /* U+2126 is NFC-unstable */
    "emoji \xF0\x9F\x98\x80", /* 4-byte: normaliser path */
    "Ελληνικά и русский",     /* outside the fast path */
};

static void corpus_agreement(const char *shared) {
    char path[4200];
    snprintf(path, sizeof path, "%s/corpus/vietnews.jsonl", shared);
    sk_reader_opts_t opts = {0};
    sk_reader_t *r = NULL;
    if (sk_reader_open(path, &opts, &r) != SK_OK) return;
    /* Compare each article's raw (fast path or normaliser) with the normaliser. */
    sk_article_t *a;
    size_t n = 0, fast = 0;
    while (n < 1500 && sk_reader_next(r, &a) == 1) {
        n++;
        if (sk_text_is_normal(a->raw, a->raw_len)) fast++;
        check_fast_path(a->raw, a->raw_len);
        sk_article_destroy(a);
    }
    sk_reader_destroy(r);
    fprintf(stderr, "test_reader: %zu of %zu corpus articles take the fast path\n", fast, n);
}

int main(void) {
    for (size_t i = 0; i < SK_ARRAY_LEN(SAMPLES); i++)
        check_fast_path(SAMPLES[i], strlen(SAMPLES[i]));
    CHECK(sk_text_is_normal(SAMPLES[0], strlen(SAMPLES[0])));
    for (size_t i = 3; i < SK_ARRAY_LEN(SAMPLES); i++)
        CHECK(!sk_text_is_normal(SAMPLES[i], strlen(SAMPLES[i])));

    /* Format guessing: name first, then content. */
    CHECK_INT(sk_format_guess("a.jsonl", NULL, 0), SK_FORMAT_JSONL);
    CHECK_INT(sk_format_guess("a.warc.gz", NULL, 0), SK_FORMAT_WARC);
    CHECK_INT(sk_format_guess("a.HTML", NULL, 0), SK_FORMAT_HTML);
    CHECK_INT(sk_format_guess(NULL, (const unsigned char *)"WARC/1.0\r\n", 10), SK_FORMAT_WARC);
    CHECK_INT(sk_format_guess(NULL, (const unsigned char *)"  {\"id\":1}", 10), SK_FORMAT_JSONL);
    CHECK_INT(sk_format_guess(NULL, (const unsigned char *)"<!doctype", 9), SK_FORMAT_HTML);
    CHECK_INT(sk_format_guess("page", (const unsigned char *)"Tiêu đề", 9), SK_FORMAT_TEXT);

    /* Binary detection. */
    char why[160];
    unsigned char bin[512];
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (unsigned char)(i * 7919 % 251);
    CHECK(sk_looks_binary(bin, sizeof bin, 1, why, sizeof why));
    const char *txt = "Hai bên hội đàm.\nKết quả tốt đẹp.\n";
    CHECK(!sk_looks_binary((const unsigned char *)txt, strlen(txt), 1, why, sizeof why));

    /* JSONL through the public API, from a temporary file. */
    char tmpl[] = "/tmp/sk_test_reader_XXXXXX";
    int fd = mkstemp(tmpl);
    CHECK(fd >= 0);
    if (fd >= 0) {
        const char *data = "{\"id\":\"x1\",\"title\":\"T\",\"text\":\"Dòng một.\\nDòng hai.\"}\n"
                           "not json\n"
                           "{\"doc\":7,\"text\":\"Ba.\"}";
        CHECK_INT(write(fd, data, strlen(data)), (long long)strlen(data));
        close(fd);
        sk_reader_opts_t opts = {.format = SK_FORMAT_JSONL};
        sk_reader_t *r = NULL;
        CHECK_INT(sk_reader_open(tmpl, &opts, &r), SK_OK);
        sk_article_t *a = NULL;
        CHECK_INT(sk_reader_next(r, &a), 1);
        if (a) {
            CHECK_STR(a->doc, "x1");
            CHECK_STR(a->title, "T");
            CHECK_STR(a->raw, "Dòng một.\nDòng hai.");
            CHECK_INT(a->source_line, 1);
            sk_article_destroy(a);
        }
        CHECK_INT(sk_reader_next(r, &a), 1);
        if (a) {
            CHECK_STR(a->doc, "7");
            CHECK_INT(a->source_line, 3);
            sk_article_destroy(a);
        }
        CHECK_INT(sk_reader_next(r, &a), 0);
        CHECK_INT(sk_reader_skipped(r), 1);
        sk_reader_destroy(r);
        unlink(tmpl);
    }

    const char *shared = check_shared();
    if (shared)
        corpus_agreement(shared);
    else
        fprintf(stderr, "test_reader: corpus agreement skipped (no ../shared)\n");
    return check_report("test_reader");
}
