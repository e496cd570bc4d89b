/* Boilerplate removal on small pages: input raw text, expected cleaned text. */
#include "check.h"
#include "clean.h"

#include <stdint.h>

typedef struct {
    const char *raw, *want;
} case_t;

static const case_t CASES[] = {
    /* credit stripped from a caption; the repeated caption kept once */
    {"Tiêu đề bài\nHai bên hội đàm tại Hà Nội về hợp tác.\nLãnh đạo hai nước bắt tay. Ảnh: Văn "
     "Điệp/TTXVN\nLãnh đạo hai nước bắt tay. Ảnh: Văn Điệp/TTXVN",
     "Tiêu đề bài\nHai bên hội đàm tại Hà Nội về hợp tác.\nLãnh đạo hai nước bắt tay."},
    /* parenthesised credit, credit-only line, image markup, social row, null */
    {"Đại sứ quán ở Moscow (Ảnh: Tass).\nẢnh: Reuters\n![]() |\nfb yt zl tw\nnull",
     "Đại sứ quán ở Moscow."},
    /* "(ảnh: ...)" and "ẢNH: ..." credits */
    {"Tiêu đề bài\nLãnh đạo hai nước bắt tay tại Hà Nội (ảnh: Văn Điệp).\n"
     "Đoàn đại biểu thăm nhà máy. ẢNH: TTXVN",
     "Tiêu đề bài\nLãnh đạo hai nước bắt tay tại Hà Nội.\nĐoàn đại biểu thăm nhà máy."},
    /* lower-case "hình ảnh:" is text, not a credit */
    {"Triển lãm giới thiệu hình ảnh: đất nước và con người Việt Nam.",
     "Triển lãm giới thiệu hình ảnh: đất nước và con người Việt Nam."},
    /* an inline related box: titles dropped, the article resumes */
    {"Tiêu đề\nTin liên quan\nMột tiêu đề khác ngắn\nTiêu đề khác nữa\n"
     "Đoạn văn thứ nhất của bài báo khá dài, kể lại diễn biến cuộc gặp giữa hai đoàn đại biểu.\n"
     "Đoạn văn thứ hai của bài báo cũng dài, nêu các nội dung hai bên đã thống nhất tại buổi "
     "làm việc.",
     "Tiêu đề\nĐoạn văn thứ nhất của bài báo khá dài, kể lại diễn biến cuộc gặp giữa hai đoàn đại "
     "biểu.\nĐoạn văn thứ hai của bài báo cũng dài, nêu các nội dung hai bên đã thống nhất tại "
     "buổi làm việc."},
    /* an end box with teasers (title, summary) is dropped to the end */
    {"Tiêu đề\nNội dung chính của bài báo.\nCó thể bạn quan tâm\nBài khác\nBài khác\n"
     "Tóm tắt một bài khác rất dài, đủ dài để trông như một đoạn văn của bài báo thật sự.\n"
     "Bài thứ ba\nTóm tắt bài thứ ba cũng dài, đủ dài để trông như một đoạn văn của bài báo.",
     "Tiêu đề\nNội dung chính của bài báo."},
    /* sidebar teasers with timestamps; a dated caption line stays */
    {"Ngày 12/6/2018\nNội dung.\nBài một\nThời sự 12/03/2025 20:15\nBài hai\nKinh tế 12/03/2025 "
     "18:02",
     "Ngày 12/6/2018\nNội dung."},
    /* tabs, '!' and double spaces on some lines only (found once for the whole
     * text); long lines alike at both ends but not in the middle both kept */
    {"Hai  bên hội đàm.\nLãnh đạo phát biểu tại buổi lễ.\nÔng\tnói rằng hợp tác tốt.\n"
     "Thật tuyệt vời! Hai bên nhất trí.\nMột dòng bình thường nữa ở đây.\n"
     "Đoạn văn dài có phần đầu giống nhau, phần giữa AAAA khác nhau, và phần cuối cũng giống "
     "nhau.\n"
     "Đoạn văn dài có phần đầu giống nhau, phần giữa BBBB khác nhau, và phần cuối cũng giống "
     "nhau.\n"
     "Đoạn văn dài có phần đầu giống nhau, phần giữa AAAA khác nhau, và phần cuối cũng giống nhau\n"
     "Cuối  bài có  hai khoảng trắng.",
     "Hai bên hội đàm.\nLãnh đạo phát biểu tại buổi lễ.\nÔng nói rằng hợp tác tốt.\n"
     "Thật tuyệt vời! Hai bên nhất trí.\nMột dòng bình thường nữa ở đây.\n"
     "Đoạn văn dài có phần đầu giống nhau, phần giữa AAAA khác nhau, và phần cuối cũng giống "
     "nhau.\n"
     "Đoạn văn dài có phần đầu giống nhau, phần giữa BBBB khác nhau, và phần cuối cũng giống "
     "nhau.\n"
     "Cuối bài có hai khoảng trắng."},
    /* short lines of clean corpus text are all kept */
    {"Ông nói.\n\"Cảm ơn\"\nHà Nội\n- Vâng.", "Ông nói.\n\"Cảm ơn\"\nHà Nội\n- Vâng."},
};

/* The SSE2 mark scan agrees with the byte-by-byte one on random text made of
 * the bytes that matter, at every offset and length. */
static void next_mark_agreement(void) {
    static const unsigned char BYTES[] = {' ', '\t', '!', 0xBA, 0xA2, '(', 0xE1, 'a', '\n', 0};
    unsigned char b[96];
    uint32_t r = 12345;
    int bad = 0;
    for (int round = 0; round < 20000; round++) {
        for (size_t i = 0; i < sizeof b; i++) {
            r = r * 1103515245u + 12345u;
            /* mostly plain letters, so that marks come at varied distances */
            b[i] = (r >> 16) % 8 ? 'a' : BYTES[(r >> 8) % sizeof BYTES];
        }
        size_t from = round % 7, len = (size_t)(round % (int)(sizeof b - from));
        const char *p = (const char *)b + from, *end = p + len;
        if (sk_clean_next_mark(p, end) != sk_clean_next_mark_ref(p, end)) bad = 1;
    }
    CHECK_INT(bad, 0);
    const char *s = "Một dòng dài không có gì cả, rồi hai  khoảng trắng";
    CHECK_INT(sk_clean_next_mark(s, s + strlen(s)) - s, strstr(s, "  ") - s);
}

int main(void) {
    next_mark_agreement();
    for (size_t c = 0; c < SK_ARRAY_LEN(CASES); c++) {
        sk_article_t *a = sk_article_new();
        CHECK_INT(sk_article_set_raw(a, CASES[c].raw, strlen(CASES[c].raw), NULL, NULL), SK_OK);
        CHECK_INT(sk_clean_article(a), SK_OK);
        CHECK_STR(a->text, CASES[c].want);
        CHECK_INT(a->text_len, strlen(CASES[c].want));
        sk_article_destroy(a);
    }
    /* Many lines (the line array grows): all kept, in order. */
    char many[16384];
    size_t len = 0;
    for (int i = 0; i < 200; i++)
        len += (size_t)snprintf(many + len, sizeof many - len, "%sDòng số %d có vài chữ.",
                                i ? "\n" : "", i);
    sk_article_t *m = sk_article_new();
    CHECK_INT(sk_article_set_raw(m, many, len, NULL, NULL), SK_OK);
    CHECK_INT(sk_clean_article(m), SK_OK);
    CHECK_STR(m->text, many);
    sk_article_destroy(m);
    /* A NUL inside raw (not from the readers): each line is scanned itself. */
    static const char RAW_NUL[] = "Hai  bên.\0x\nBa  bốn.";
    static const char WANT_NUL[] = "Hai bên.\0x\nBa bốn.";
    sk_article_t *a = sk_article_new();
    a->raw = sk_arena_strndup(a->arena, RAW_NUL, sizeof RAW_NUL - 1);
    a->raw_len = sizeof RAW_NUL - 1;
    CHECK_INT(sk_clean_article(a), SK_OK);
    CHECK(a->text_len == sizeof WANT_NUL - 1 && !memcmp(a->text, WANT_NUL, sizeof WANT_NUL));
    sk_article_destroy(a);
    return check_report("test_clean");
}
