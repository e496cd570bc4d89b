/* Readers at the library level: the normalisation fast path agrees with
 * sk_normalize_text, format guessing, and a JSONL/text round trip through the
 * public reader API (the CLI tests cover each format and bad input). */
#include "check.h"
#include "reader.h"
#include "reader_impl.h"

#include <jansson.h>
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

/* The JSONL text decoder (one pass that unescapes and tells whether the result
 * is normal) against jansson's decoding and sk_text_is_normal, on random mixes
 * of letters, escapes and broken sequences at every offset. */
static void jsonl_text_decoding(void) {
    static const char *const PIECES[] = {
        "a",
        "Ha Noi ",
        " ",
        "\\n",
        "\\\"",
        "\\\\",
        "\\/",
        "\\t",
        "\\r",
        "\\u00e1",
        "\\u1ea1",
        "\\u0001",
        "\\u007f",
        "\\u2013",
        "\x7f",
        "à",
        "ạ",
        "Nguyễn",
        "“",
        "\xC3",
        "\xE1\xBA",
        "\xC2\xA0",
        "\xF0\x9F\x98\x80",
        "\\ud83d\\ude00",
        "Ω",
        "ǅ",
        "\xE2\x80\xA8",
        "\xCC\x81",
        "\xE1\xB7\x80",
        "\xE1\xBB\xBF",
        "\xC3\x80",
        "\xCB\xBF",
        "\xCC\x80",
        "\xE1\xBC\x80",
        "\xE1\xB8",
        "Việt Nam và Trung Quốc ",
    };
    unsigned seed = 777;
    int bad = 0;
    sk_arena_t *arena = sk_arena_new();
    for (int trial = 0; trial < 4000 && !bad; trial++) {
        char line[1024];
        size_t len = 0;
        line[len++] = '"';
        int pieces = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 20;
        for (int p = 0; p < pieces; p++) {
            const char *piece =
                PIECES[((seed = seed * 1103515245u + 12345u) >> 16) % SK_ARRAY_LEN(PIECES)];
            memcpy(line + len, piece, strlen(piece));
            len += strlen(piece);
        }
        line[len++] = '"';
        line[len] = '\0';
        char *got = NULL;
        size_t got_len = 0;
        int normal = -1;
        const char *err = NULL;
        if (sk_jsonl_decode_text(line, len, arena, &got, &got_len, &normal, &err)) {
            bad = 1;
            fprintf(stderr, "  decode failed (%s) on: %s\n", err, line);
            break;
        }
        bad |= normal != sk_text_is_normal(got, got_len);
        json_error_t je;
        json_t *ref = json_loadb(line, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
        if (ref) { /* jansson refuses invalid UTF-8 and lone surrogates */
            bad |=
                json_string_length(ref) != got_len || memcmp(json_string_value(ref), got, got_len);
            json_decref(ref);
        }
        if (bad) fprintf(stderr, "  decoding disagrees on: %s\n", line);
    }
    CHECK_INT(bad, 0);
    /* Errors: an unterminated string, a raw control character. */
    char *got;
    size_t got_len;
    int normal;
    const char *err = NULL;
    CHECK_INT(sk_jsonl_decode_text("\"abc", 4, arena, &got, &got_len, &normal, &err), -1);
    CHECK_INT(sk_jsonl_decode_text("\"a\tb\"", 5, arena, &got, &got_len, &normal, &err), -1);
    for (size_t at = 1; at < 20; at++) { /* a raw control byte anywhere in a long string */
        char line[32];
        memset(line, 'x', sizeof line);
        line[0] = '"';
        line[at] = '\x1f';
        line[24] = '"';
        CHECK_INT(sk_jsonl_decode_text(line, 25, arena, &got, &got_len, &normal, &err), -1);
    }
    sk_arena_destroy(arena);
}

/* The text decoder's 16-byte step (SSE2 on x86-64) against its byte-by-byte
 * definition, on random blocks of the bytes that decide it: ASCII stops,
 * letters, lead and continuation bytes around each range's edges. */
static void plain_run_agreement(void) {
    static const unsigned char BYTES[] = {
        'a',  ' ',  '"',  '\\', 0x1F, 0x00, 0x7F, 0x7E, 0x20, 0x80, 0xB7, 0xB8, 0xBB, 0xBC,
        0xBF, 0xC0, 0xC2, 0xC3, 0xC4, 0xCB, 0xCC, 0xE0, 0xE1, 0xE2, 0xEF, 0xF0, 0xFF, 0x41};
    unsigned seed = 4242;
    int bad = 0;
    for (int trial = 0; trial < 300000 && !bad; trial++) {
        unsigned char b[16];
        /* Mostly valid letters, so that long runs are tried too. */
        for (size_t i = 0; i < 16; i++) {
            unsigned r = (seed = seed * 1103515245u + 12345u) >> 16;
            b[i] = r % 4 ? BYTES[r % 4 == 1     ? 0
                                 : (r >> 4) % 3 ? 17 + (r >> 6) % 6
                                                : 10]
                         : BYTES[(r >> 4) % sizeof BYTES];
        }
        size_t fast = sk_jsonl_plain_run16(b), ref = sk_jsonl_plain_run16_ref(b);
        if (fast != ref) {
            bad = 1;
            fprintf(stderr, "  plain_run16 %zu, byte by byte %zu on:", fast, ref);
            for (size_t i = 0; i < 16; i++)
                fprintf(stderr, " %02X", b[i]);
            fprintf(stderr, "\n");
        }
    }
    CHECK_INT(bad, 0);
    const char *viet = "Nguyễn Phú Trọng đã tiếp";
    CHECK_INT(sk_jsonl_plain_run16((const unsigned char *)viet), 16);
}

int main(void) {
    plain_run_agreement();
    jsonl_text_decoding();
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
