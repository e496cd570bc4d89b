/* test_jsonw.c — the direct JSON writer against jansson: every escape, random
 * byte strings (valid and invalid UTF-8), integers, and the event record
 * falling back to jansson's output when a string is not valid UTF-8. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "coder.h"
#include "jsonw.h"

/* jansson's compact dump of one string, or NULL when it refuses it. */
static char *jansson_str(const char *s, size_t n) {
    json_t *a = json_array();
    json_t *v = json_stringn(s, n);
    if (!v) {
        json_decref(a);
        return NULL;
    }
    json_array_append_new(a, v);
    char *d = json_dumps(a, JSON_COMPACT); /* "[...]" */
    json_decref(a);
    return d;
}

/* Ours in the same "[...]" frame, or NULL when the writer flags bad UTF-8. */
static char *ours_str(const char *s, size_t n) {
    sk_jsonw_t w = {0};
    sk_jsonw_raw(&w, "[", 1);
    sk_jsonw_str(&w, s, n);
    sk_jsonw_raw(&w, "]", 1);
    sk_jsonw_raw(&w, "", 1);
    if (w.err) {
        sk_jsonw_free(&w);
        return NULL;
    }
    w.p[w.n - 1] = '\0';
    return w.p;
}

static void same_as_jansson(const char *s, size_t n) {
    char *j = jansson_str(s, n), *o = ours_str(s, n);
    CHECK((j == NULL) == (o == NULL));
    CHECK_INT(sk_jsonw_utf8_valid(s, n), j != NULL);
    if (j && o) CHECK_STR(o, j);
    free(j);
    free(o);
}

static void test_escapes(void) {
    for (int c = 1; c < 0x80; c++) {
        char s[3] = {'a', (char)c, 'b'};
        same_as_jansson(s, 3);
        same_as_jansson(s + 1, 1);
    }
    const char *cases[] = {"",
                           "plain ascii text longer than eight bytes",
                           "quote \" and \\ back",
                           "Tô Lâm tiếp đồng chí Fabien Roussel",
                           "tab\there\nnewline\r\f\b",
                           "\x1f\x7f end",
                           "𝄞 four-byte",
                           "Ω two-byte ₫ three"};
    for (size_t i = 0; i < SK_ARRAY_LEN(cases); i++)
        same_as_jansson(cases[i], strlen(cases[i]));
    char *o = ours_str("\x01\x1f", 2);
    CHECK_STR(o, "[\"\\u0001\\u001F\"]");
    free(o);
}

static void test_invalid_utf8(void) {
    const char *bad[] = {"\x80",
                         "\xc0\x80",
                         "\xc1\xbf",
                         "\xe0\x80\x80",
                         "\xed\xa0\x80",
                         "\xf4\x90\x80\x80",
                         "\xf5\x80\x80\x80",
                         "ab\xc3",
                         "\xe1\x80",
                         "\xff"};
    for (size_t i = 0; i < SK_ARRAY_LEN(bad); i++) {
        CHECK(!sk_jsonw_utf8_valid(bad[i], strlen(bad[i])));
        same_as_jansson(bad[i], strlen(bad[i]));
    }
}

static void test_random(void) {
    uint32_t x = 12345;
    char s[40];
    static const unsigned char pool[] = {'a',  ' ',  '"',  '\\', 0x01, 0x1f, 0x7f, 0xc3,
                                         0xa0, 0xe1, 0xbb, 0x87, 0xf0, 0x9d, 0x84, 0x9e,
                                         0x80, 0xff, 0xed, 0xa0, 'z',  '\n', 0xc0, 0xf4};
    for (int k = 0; k < 20000; k++) {
        x = x * 1103515245u + 12345u;
        size_t n = (x >> 16) % sizeof s;
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            s[i] = (char)pool[(x >> 16) % sizeof pool];
            if (s[i] == 0) s[i] = 'x';
        }
        same_as_jansson(s, n);
    }
}

/* Short strings (the word test of sk_jsonw_str): plain, and with one byte to
 * stop at in each place, for every length below 16. */
static void test_short(void) {
    static const unsigned char special[] = {'"', '\\', 0x01, 0x1f, 0x7f, 0x80, 0xc3, 0xff};
    char s[16];
    for (size_t n = 0; n < 16; n++) {
        memset(s, 'a', n);
        same_as_jansson(s, n);
        for (size_t p = 0; p < n; p++)
            for (size_t k = 0; k < sizeof special; k++) {
                memset(s, 'a', n);
                s[p] = (char)special[k];
                same_as_jansson(s, n);
            }
    }
}

/* Longer strings, mostly plain ASCII with a special byte now and then: the word loop stops
 * at each special byte at every offset within a word. */
static void test_random_long(void) {
    uint32_t x = 777;
    char s[200];
    static const unsigned char special[] = {'"',  '\\', 0x01, 0x1f, 0x7f, 0xc3, 0xa0, 0xe1, 0xbb,
                                            0x87, 0xf0, 0x9d, 0x84, 0x9e, 0x80, 0xff, 0xed, 0xa0};
    for (int k = 0; k < 20000; k++) {
        x = x * 1103515245u + 12345u;
        size_t n = (x >> 16) % sizeof s;
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            uint32_t r = (x >> 16) % 64;
            s[i] = r < SK_ARRAY_LEN(special) / 4 ? (char)special[(x >> 8) % sizeof special]
                                                 : (char)('a' + r % 26);
        }
        same_as_jansson(s, n);
    }
    /* valid Vietnamese with every special at every position of a word */
    const char *vi = "Chủ tịch nước Lương Cường tiếp Đại sứ Nhật Bản tại Hà Nội sáng 7/10.";
    size_t vn = strlen(vi);
    for (size_t at = 0; at < vn; at++)
        for (size_t q = 0; q < sizeof special; q++) {
            memcpy(s, vi, vn);
            s[at] = (char)special[q];
            same_as_jansson(s, vn);
        }
}

/* The string writer's 16-byte step (SSE2 on x86-64) against its byte-by-byte
 * definition, on random blocks of the bytes that decide it. */
static void test_plain_run16(void) {
    static const unsigned char bytes[] = {'a',  ' ',  '"',  '\\', 0x01, 0x1f, 0x20, 0x7f, 0x80,
                                          0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xdf, 0xe0, 0xe1, 0xec,
                                          0xed, 0xee, 0xef, 0xf0, 0xf4, 0xff, 0x9d, 0xbb};
    uint32_t x = 99;
    int bad = 0;
    for (int k = 0; k < 300000 && !bad; k++) {
        unsigned char b[16];
        for (size_t i = 0; i < 16; i++) {
            x = x * 1103515245u + 12345u;
            uint32_t r = x >> 16;
            /* mostly letters and continuation bytes, so that long runs are tried */
            b[i] = r % 4 == 0   ? bytes[(r >> 4) % sizeof bytes]
                   : r % 4 == 1 ? (unsigned char)('a' + (r >> 4) % 26)
                   : r % 4 == 2 ? (unsigned char)(0x80 + (r >> 4) % 64)
                                : bytes[12 + (r >> 4) % 9];
        }
        size_t fast = sk_jsonw_plain_run16(b), ref = sk_jsonw_plain_run16_ref(b);
        if (fast != ref) {
            bad = 1;
            fprintf(stderr, "  plain_run16 %zu, byte by byte %zu on:", fast, ref);
            for (size_t i = 0; i < 16; i++)
                fprintf(stderr, " %02X", b[i]);
            fprintf(stderr, "\n");
        }
    }
    CHECK_INT(bad, 0);
    CHECK_INT(sk_jsonw_plain_run16((const unsigned char *)"Nguyễn Phú Trọng đã"), 16);
}

static void test_ints(void) {
    long long v[] = {
        0, 7, -1, 42, 1234567890123LL, -9223372036854775807LL - 1, 9223372036854775807LL};
    for (size_t i = 0; i < SK_ARRAY_LEN(v); i++) {
        sk_jsonw_t w = {0};
        sk_jsonw_int(&w, v[i]);
        sk_jsonw_raw(&w, "", 1);
        json_t *j = json_integer(v[i]);
        char *d = json_dumps(j, JSON_ENCODE_ANY);
        CHECK_STR(w.p, d);
        free(d);
        json_decref(j);
        sk_jsonw_free(&w);
    }
}

/* An event with every field set, then one string made invalid: the record
 * is what jansson gives (the key whose string it refuses is left out). */
static void test_event_fallback(void) {
    sk_article_t *a = sk_article_new();
    CHECK(a != NULL);
    if (!a) return;
    sk_article_set(a, &a->doc, "d1", 2);
    const char *titles[] = {"Tổng Bí thư", "Chủ tịch \"nước\""};
    sk_actor_t act = {SK_ACTOR_PERSON, "Tô Lâm", titles, 2, "CPV", "VNM"};
    sk_actor_t org = {SK_ACTOR_ORGANIZATION, "Đảng Cộng sản Pháp", NULL, 0, NULL, "FRA"};
    sk_event_t ev = {.type = SK_EV_MEET,
                     .subtype = "receive",
                     .sides = {{"host", &act, 1, "VNM", "Hà Nội"}, {"guest", &org, 1, "FRA", NULL}},
                     .date = {"2024-10-07", SK_PREC_DAY, 1},
                     .location_name = "Hà Nội",
                     .location_country = "VNM",
                     .cameo = "043",
                     .plover_type = "CONSULT",
                     .trigger = "tiếp",
                     .evidence = "Sáng 7/10,\ttại \\ Hà Nội",
                     .evidence_start = 3,
                     .evidence_end = 40,
                     .n_mentions = 2};
    const char *want =
        "{\"doc\":\"d1\",\"type\":\"MEET\",\"subtype\":\"receive\",\"status\":\"occurred\","
        "\"sides\":[{\"role\":\"host\",\"actors\":[{\"name\":\"Tô Lâm\",\"kind\":\"person\","
        "\"titles\":[\"Tổng Bí thư\",\"Chủ tịch "
        "\\\"nước\\\"\"],\"org\":\"CPV\",\"country\":\"VNM\"}],"
        "\"country\":\"VNM\",\"locality\":\"Hà Nội\"},{\"role\":\"guest\",\"actors\":[{\"name\":"
        "\"Đảng Cộng sản Pháp\",\"kind\":\"organization\",\"titles\":[],\"org\":null,\"country\":"
        "\"FRA\"}],\"country\":\"FRA\"}],\"date\":\"2024-10-07\",\"date_precision\":\"day\","
        "\"date_inferred\":true,\"location\":{\"name\":\"Hà Nội\",\"country\":\"VNM\"},\"cameo\":"
        "\"043\",\"plover\":{\"type\":\"CONSULT\",\"mode\":null},\"trigger\":\"tiếp\",\"evidence\":"
        "{\"sentence\":\"Sáng 7/10,\\ttại \\\\ Hà Nội\",\"start\":3,\"end\":40},\"sentences\":2}";
    char *s = sk_event_to_json(a, &ev);
    CHECK_STR(s, want);
    free(s);
    /* jansson drops a refused string's key, and a whole json_pack'd object. */
    ev.subtype = "bad\xff";
    ev.location_country = "\xc0\x80";
    s = sk_event_to_json(a, &ev);
    CHECK(s && !strstr(s, "subtype") && !strstr(s, "location") && strstr(s, "\"cameo\":\"043\""));
    free(s);
    /* The writer form appends the same record and a newline. */
    ev.subtype = "receive";
    ev.location_country = "VNM";
    sk_jsonw_t w = {0};
    CHECK_INT(sk_event_write_json(&w, a, &ev), SK_OK);
    CHECK_INT(w.n, strlen(want) + 1);
    CHECK(w.n == strlen(want) + 1 && !memcmp(w.p, want, w.n - 1) && w.p[w.n - 1] == '\n');
    sk_jsonw_free(&w);
    sk_article_destroy(a);
}

/* Event type names, as written and in any case; nothing else. */
static void test_type_names(void) {
    const char *names[] = {"MEET", "VISIT", "CALL", "MESSAGE", "AGREEMENT"};
    for (int i = 0; i < SK_EV__COUNT; i++) {
        CHECK_STR(sk_event_type_name((sk_event_type_t)i), names[i]);
        CHECK_INT(sk_event_type_parse(names[i]), i);
    }
    CHECK_INT(sk_event_type_parse("message"), SK_EV_MESSAGE);
    CHECK_INT(sk_event_type_parse("Meet"), SK_EV_MEET);
    CHECK_INT(sk_event_type_parse("aGrEeMeNt"), SK_EV_AGREEMENT);
    const char *bad[] = {"", "M", "MEETING", "MESSAG", "VISITS", "CAL", "mee", "-"};
    for (size_t i = 0; i < SK_ARRAY_LEN(bad); i++)
        CHECK_INT(sk_event_type_parse(bad[i]), -1);
    CHECK_INT(sk_event_type_parse(NULL), -1);
}

int main(void) {
    test_plain_run16();
    test_escapes();
    test_invalid_utf8();
    test_random();
    test_short();
    test_random_long();
    test_ints();
    test_event_fallback();
    test_type_names();
    return check_report("jsonw");
}
