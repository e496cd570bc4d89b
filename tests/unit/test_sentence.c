/* Sentence splitting: each case is a text and its expected sentences joined by '|'. */
#include "check.h"
#include "sentence.h"

typedef struct {
    const char *text, *want;
} case_t;

static const case_t CASES[] = {
    /* plain stops, paragraph breaks, headline without a full stop */
    {"Hai bên hội đàm. Sau đó ký kết.", "Hai bên hội đàm.|Sau đó ký kết."},
    {"Tiêu đề không dấu chấm\nNgày 4/12, hai bên hội đàm.",
     "Tiêu đề không dấu chấm|Ngày 4/12, hai bên hội đàm."},
    {"Một dòng\n\n\nDòng khác", "Một dòng|Dòng khác"},
    /* abbreviations */
    {"Ông làm việc tại TP. Hồ Chí Minh. Bà ở Hà Nội.",
     "Ông làm việc tại TP. Hồ Chí Minh.|Bà ở Hà Nội."},
    {"PGS. TS. Nguyễn Văn A phát biểu. GS. Trần B đồng ý.",
     "PGS. TS. Nguyễn Văn A phát biểu.|GS. Trần B đồng ý."},
    {"ThS. Lê C và Th.S Phạm D dự họp. Mr. Smith cũng dự.",
     "ThS. Lê C và Th.S Phạm D dự họp.|Mr. Smith cũng dự."},
    {"Trụ sở ở Q. Hoàn Kiếm, P. Tràng Tiền. TT. Huế cũng vậy.",
     "Trụ sở ở Q. Hoàn Kiếm, P. Tràng Tiền.|TT. Huế cũng vậy."},
    {"Nhà thờ St. Paul rất đẹp.", "Nhà thờ St. Paul rất đẹp."},
    /* the longest entry, and one with a dot inside ("GS.TS" -> "TS") */
    {"Khám với BS.CKII. Nguyễn Em và GS.TS. Lê Phong. Xong.",
     "Khám với BS.CKII. Nguyễn Em và GS.TS. Lê Phong.|Xong."},
    /* initials */
    {"Tổng thống Donald J. Trump đến Hà Nội. Ông gặp lãnh đạo.",
     "Tổng thống Donald J. Trump đến Hà Nội.|Ông gặp lãnh đạo."},
    /* dates and numbers */
    {"Sáng 7/10, từ ngày 3-6/12 và chiều 26-12, ngày 7.10.2024 có 1.000 người, tăng 3,5%. Hết.",
     "Sáng 7/10, từ ngày 3-6/12 và chiều 26-12, ngày 7.10.2024 có 1.000 người, tăng 3,5%.|Hết."},
    {"Năm 2024. Đây là năm bản lề.", "Năm 2024.|Đây là năm bản lề."},
    /* quotes */
    {"Ông nói: “Chúng tôi đồng ý.” Sau đó hai bên ký.",
     "Ông nói: “Chúng tôi đồng ý.”|Sau đó hai bên ký."},
    {"Bà nói: \"Rất tốt.\" Ông gật đầu.", "Bà nói: \"Rất tốt.\"|Ông gật đầu."},
    {"“Điều ấn tượng là hai bên đã trao đổi” – Bí thư nói. Hết.",
     "“Điều ấn tượng là hai bên đã trao đổi” – Bí thư nói.|Hết."},
    {"Ông hỏi: Tại sao? “Vì lợi ích chung”, bà đáp.",
     "Ông hỏi: Tại sao?|“Vì lợi ích chung”, bà đáp."},
    /* ellipses */
    {"Chia sẻ thông tin… Hai bên nhất trí.", "Chia sẻ thông tin…|Hai bên nhất trí."},
    {"Xây dựng cơ bản,... và nhiều lĩnh vực khác... Ông nói thêm.",
     "Xây dựng cơ bản,... và nhiều lĩnh vực khác...|Ông nói thêm."},
    {"Thông tin… đang được cập nhật.", "Thông tin… đang được cập nhật."},
    /* lower-case after a stop (domain, continuation) does not split */
    {"Theo baotintuc.vn và nhandan.vn. Hết.", "Theo baotintuc.vn và nhandan.vn.|Hết."},
    /* image caption line then body */
    {"Quang cảnh buổi tiếp\nHai bên trao đổi! Rất vui.",
     "Quang cảnh buổi tiếp|Hai bên trao đổi!|Rất vui."},
    /* surrounding spaces are excluded */
    {"   Câu có khoảng trắng.    Câu hai.  ", "Câu có khoảng trắng.|Câu hai."},
    {"Ông thăm Đông Nam Á. Sau đó về nước.", "Ông thăm Đông Nam Á.|Sau đó về nước."},
    /* numbered list items stay whole */
    {"Hai bên ra tuyên bố chung. 1. Nhận lời mời của Chủ tịch nước. 2. Hai bên nhất trí.",
     "Hai bên ra tuyên bố chung.|1. Nhận lời mời của Chủ tịch nước.|2. Hai bên nhất trí."},
    {"II. Quan hệ Việt Nam - Nga\n1. Nguyên thủ hai nước hội đàm.",
     "II. Quan hệ Việt Nam - Nga|1. Nguyên thủ hai nước hội đàm."},
    {"", ""},
};

int main(void) {
    for (size_t c = 0; c < SK_ARRAY_LEN(CASES); c++) {
        sk_arena_t *arena = sk_arena_new();
        sk_sentence_t *s = NULL;
        size_t n = 0;
        const char *t = CASES[c].text;
        CHECK_INT(sk_sentence_split_text(arena, t, strlen(t), &s, &n), SK_OK);
        char got[2048] = "";
        size_t o = 0;
        for (size_t i = 0; i < n; i++) {
            CHECK(s[i].start < s[i].end && s[i].end <= strlen(t));
            CHECK(t[s[i].start] != ' ' && t[s[i].end - 1] != ' ');
            if (i) got[o++] = '|';
            memcpy(got + o, t + s[i].start, s[i].end - s[i].start);
            o += s[i].end - s[i].start;
        }
        got[o] = '\0';
        CHECK_STR(got, CASES[c].want);
        /* An article's text ends with a NUL: that path (strcspn) agrees. */
        sk_article_t *a = sk_article_new();
        a->text = (char *)t;
        a->text_len = strlen(t);
        CHECK_INT(sk_sentence_split(a), SK_OK);
        CHECK(a->n_sentences == n && !memcmp(a->sentences, s, n * sizeof *s));
        sk_article_destroy(a);
        sk_arena_destroy(arena);
    }
    /* ... also with NULs inside the text. */
    static const char WITH_NUL[] = "Câu một.\0 Câu hai! Câu\0 ba? Hết.\0";
    for (size_t len = 0; len < sizeof WITH_NUL - 1; len++) {
        char buf[64];
        memcpy(buf, WITH_NUL, len);
        buf[len] = '\0';
        sk_arena_t *arena = sk_arena_new();
        sk_sentence_t *s = NULL;
        size_t n = 0;
        CHECK_INT(sk_sentence_split_text(arena, buf, len, &s, &n), SK_OK);
        sk_article_t *a = sk_article_new();
        a->text = buf;
        a->text_len = len;
        CHECK_INT(sk_sentence_split(a), SK_OK);
        CHECK(a->n_sentences == n && !memcmp(a->sentences, s, n * sizeof *s));
        sk_article_destroy(a);
        sk_arena_destroy(arena);
    }
    return check_report("test_sentence");
}
