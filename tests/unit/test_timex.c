/* test_timex.c — Vietnamese time expressions: forms, negatives, year inference
 * around New Year, ranges, anaphora, and a NULL publication date. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lexicon.h"
#include "normalize.h"
#include "timex.h"

static sk_arena_t *arena;

static int same_timex(const sk_timex_t *a, const sk_timex_t *b) {
    return a->start == b->start && a->end == b->end && a->cls == b->cls &&
           a->from.year == b->from.year && a->from.month == b->from.month &&
           a->from.day == b->from.day && a->to.year == b->to.year && a->to.month == b->to.month &&
           a->to.day == b->to.day && a->precision == b->precision && a->is_range == b->is_range &&
           a->year_from_published == b->year_from_published && a->future == b->future &&
           a->part_of_day == b->part_of_day;
}

/* sk_timex_find against sk_timex_find_reference (every token tried) and
 * sk_timex_find_hinted with the hints mention.c makes (the folded syllables
 * sk_timex_syllable_hint keeps): 1 when all three give the same, all fields. */
static int three_agree(const char *text, size_t len, const char *published) {
    sk_timex_t *x = NULL, *y = NULL, *z = NULL;
    size_t nx = 0, ny = 0, nz = 0;
    int r1 = sk_timex_find(arena, text, len, published, &x, &nx);
    int r2 = sk_timex_find_reference(arena, text, len, published, &y, &ny);
    sk_folded_t f;
    if (sk_fold(text, len, &f)) return 0;
    uint32_t *hints = malloc((f.len + 1) * sizeof *hints);
    size_t nh = 0;
    const uint64_t *table = sk_timex_hint_table();
    for (size_t i = 0; hints && i < f.len;) {
        if (!sk_tok_byte((unsigned char)f.text[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < f.len && sk_tok_byte((unsigned char)f.text[j]))
            j++;
        uint64_t key = j - i <= SK_LEX_PACK_MAX ? sk_lex_pack(f.text + i, j - i) : 1ull << 63;
        if (sk_timex_syllable_hint(table, key)) hints[nh++] = f.to_orig[i];
        i = j;
    }
    int r3 = hints ? sk_timex_find_hinted(arena, text, len, published, hints, nh, &z, &nz) : -1;
    free(hints);
    sk_folded_free(&f);
    int ok = r1 == r2 && r1 == r3 && nx == ny && nx == nz;
    for (size_t k = 0; ok && k < nx; k++)
        ok = same_timex(&x[k], &y[k]) && same_timex(&x[k], &z[k]);
    return ok;
}

/* All expressions in text as "ISO[span]" joined by "; " ("-" when the ISO form
 * is NULL); flags: '+' future, '^' year from published, '~' anaphoric. */
static const char *describe(const char *text, const char *published) {
    static char buf[2048];
    sk_timex_t *t = NULL;
    size_t n = 0;
    buf[0] = '\0';
    if (!three_agree(text, strlen(text), published)) return "DISAGREE";
    if (sk_timex_find(arena, text, strlen(text), published, &t, &n) != SK_OK) return "ERROR";
    size_t o = 0;
    for (size_t i = 0; i < n && o < sizeof buf - 200; i++) {
        const char *iso = sk_timex_iso(arena, &t[i]);
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s%s%s%s[%.*s]", i ? "; " : "",
                              t[i].future ? "+" : "", t[i].year_from_published ? "^" : "",
                              t[i].cls == SK_TIMEX_ANAPHORIC ? "~" : "", iso ? iso : "-",
                              (int)(t[i].end - t[i].start), text + t[i].start);
    }
    return buf;
}

/* The only (first) expression. */
static sk_timex_t first(const char *text, const char *published) {
    sk_timex_t *t = NULL, none;
    size_t n = 0;
    memset(&none, 0, sizeof none);
    none.precision = (sk_date_precision_t)-1;
    if (sk_timex_find(arena, text, strlen(text), published, &t, &n) != SK_OK || !n) return none;
    return t[0];
}

static void test_day_month(void) {
    CHECK_STR(describe("Sáng 7/10, Tổng Bí thư tiếp Đại sứ Pháp.", NULL), "--10-07[Sáng 7/10]");
    CHECK_STR(describe("Ngày 7/10, hai bên hội đàm.", NULL), "--10-07[Ngày 7/10]");
    CHECK_STR(describe("Chủ tịch nước tiếp đoàn chiều 26-12 tại Hà Nội.", NULL),
              "--12-26[chiều 26-12]");
    CHECK_STR(describe("Tối 20/5, Thủ tướng điện đàm với Tổng thống Mỹ.", NULL),
              "--05-20[Tối 20/5]");
    CHECK_STR(describe("Ngày 21.5, hai Bộ trưởng gặp nhau.", NULL), "--05-21[Ngày 21.5]");
    CHECK_STR(describe("Ngày 7/10/2024, Thủ tướng tiếp Đại sứ.", NULL),
              "2024-10-07[Ngày 7/10/2024]");
    CHECK_STR(describe("Thỏa thuận được ký 7-10-2024 tại Paris.", NULL), "2024-10-07[7-10-2024]");
    CHECK_STR(describe("Thỏa thuận được ký 7.10.2024 tại Paris.", NULL), "2024-10-07[7.10.2024]");
    CHECK_STR(describe("Cập nhật 2024-10-07T09:30 và 2024-02-30.", NULL), "2024-10-07[2024-10-07]");
    CHECK_STR(describe("Ngày 21 tháng 5, đoàn tới Moskva.", NULL), "--05-21[Ngày 21 tháng 5]");
    CHECK_STR(describe("Ngày 21 tháng 5 năm 2018, đoàn tới Moskva.", NULL),
              "2018-05-21[Ngày 21 tháng 5 năm 2018]");
    CHECK_STR(describe("Ông Putin hôm 21/11 điện đàm với ông Trump.", NULL), "--11-21[hôm 21/11]");
    CHECK_STR(describe("Thứ Hai (7/10), hai nhà lãnh đạo hội đàm.", NULL),
              "--10-07[Thứ Hai (7/10)]");
    CHECK_STR(describe("Vào thứ Ba ngày 8/10, đoàn rời Paris.", NULL), "--10-08[thứ Ba ngày 8/10]");
    CHECK_STR(describe("Sáng thứ Sáu, 11/10, hai bên ký kết.", NULL),
              "--10-11[Sáng thứ Sáu, 11/10]");
    CHECK_STR(describe("Rạng sáng 3/9, đoàn về nước.", NULL), "--09-03[Rạng sáng 3/9]");
    CHECK_STR(describe("Mùng 2/9 là Quốc khánh.", NULL), "--09-02[Mùng 2/9]");
    CHECK_STR(describe("Ông Lavrov bắt tay ông Kono tại Tokyo, ngày 21-3.", NULL),
              "--03-21[ngày 21-3]");
    CHECK_STR(describe("Cuộc gặp diễn ra vào 15/6 tại Bắc Kinh.", NULL), "--06-15[15/6]");
    sk_timex_t t = first("Sáng 7/10, hai bên hội đàm.", NULL);
    CHECK_STR(t.part_of_day, "sáng");
    CHECK_INT(t.precision, SK_PREC_DAY);
    CHECK_INT(t.cls, SK_TIMEX_ABSOLUTE);
    CHECK_INT(t.from.day, 7);
    CHECK_INT(t.from.month, 10);
    CHECK_INT(t.from.year, 0);
    CHECK_STR(first("Tối 20/5, hai bên gặp nhau.", NULL).part_of_day, "tối");
    CHECK(first("Ngày 20/5, hai bên gặp nhau.", NULL).part_of_day == NULL);
    /* Capitalised and upper-case headlines. */
    CHECK_STR(describe("NGÀY 7/10/2024: HỘI ĐÀM CẤP CAO", NULL), "2024-10-07[NGÀY 7/10/2024]");
}

static void test_ranges(void) {
    CHECK_STR(describe("Chuyến thăm từ ngày 3-6/12 theo lời mời.", NULL),
              "--12-03/--12-06[từ ngày 3-6/12]");
    CHECK_STR(describe("Chuyến thăm từ 3 đến 6/12.", NULL), "--12-03/--12-06[từ 3 đến 6/12]");
    CHECK_STR(describe("Hội nghị diễn ra 3-6/12/2024 tại Viêng Chăn.", NULL),
              "2024-12-03/2024-12-06[3-6/12/2024]");
    CHECK_STR(describe("Ông thăm Nhật từ ngày 30/11 đến 2/12.", NULL),
              "--11-30/--12-02[từ ngày 30/11 đến 2/12]");
    CHECK_STR(describe("Ông thăm Nhật từ ngày 28/2 đến ngày 2/3, rồi thăm Huế.", NULL),
              "--02-28/--03-02[từ ngày 28/2 đến ngày 2/3]");
    CHECK_STR(describe("Chuyến thăm Mỹ 14-16/9 có nhiều hoạt động.", NULL),
              "--09-14/--09-16[14-16/9]");
    CHECK_STR(describe("Đại hội diễn ra từ ngày 19 - 25/1 tại Hà Nội.", NULL),
              "--01-19/--01-25[từ ngày 19 - 25/1]");
    CHECK_STR(describe("Chuyến thăm 30/11 - 2/12/2024 thành công.", NULL),
              "2024-11-30/2024-12-02[30/11 - 2/12/2024]");
    CHECK_STR(describe("Chuyến thăm 28/12/2024 - 2/1/2025 thành công.", NULL),
              "2024-12-28/2025-01-02[28/12/2024 - 2/1/2025]");
    CHECK_STR(describe("Chuyến thăm 28/12 - 2/1/2025 thành công.", NULL),
              "2024-12-28/2025-01-02[28/12 - 2/1/2025]");
    CHECK_STR(describe("Trước đó, trong hai ngày 25 và 26-10, hai bên đã gặp.", NULL),
              "~-[Trước đó]; --10-25/--10-26[ngày 25 và 26-10]");
    CHECK_STR(describe("Từ ngày 21 đến 23 tháng 5 năm 2018, đoàn thăm Nga.", NULL),
              "2018-05-21/2018-05-23[Từ ngày 21 đến 23 tháng 5 năm 2018]");
    CHECK_STR(describe("Đoàn thăm Nga từ ngày 28/6-1/7 theo lời mời.", NULL),
              "--06-28/--07-01[từ ngày 28/6-1/7]");
    CHECK_STR(describe("Chuyến đi từ 25-28 tháng 3-2018 kéo dài 4 ngày.", NULL),
              "2018-03-25/2018-03-28[từ 25-28 tháng 3-2018]");
    CHECK_STR(describe("Chuyến thăm Campuchia hai ngày 15, 16/6.", NULL),
              "--06-15/--06-16[ngày 15, 16/6]");
    CHECK_STR(describe("Ông làm Bộ trưởng từ 1994-2012 và có nhiều đóng góp.", NULL),
              "1994/2012[từ 1994-2012]");
    CHECK_STR(describe("Cấm xe cũ từ 2026 đến 2030.", NULL), "2026/2030[từ 2026 đến 2030]");
    CHECK_STR(describe("Ông là Tổng thống từ năm 2003 tới 2011 và.", NULL),
              "2003/2011[từ năm 2003 tới 2011]");
    CHECK_STR(describe("Từ năm 2012 đến năm 2013, ông là Bộ trưởng.", NULL),
              "2012/2013[Từ năm 2012 đến năm 2013]");
    CHECK_STR(describe("Đưa vào khai thác trong quý 4 năm 2026.", NULL), "2026[năm 2026]");
    CHECK_STR(describe("Gặp tại G20 tháng 7-2017 ở Đức.", NULL), "2017-07[tháng 7-2017]");
    sk_timex_t t = first("Chuyến thăm từ ngày 3-6/12.", NULL);
    CHECK(t.is_range);
    CHECK_INT(t.to.day, 6);
    /* A range that goes backwards is not a range. */
    CHECK_STR(describe("Tỷ lệ 6-3/12 ổn định.", NULL), "");
}

static void test_months_years(void) {
    CHECK_STR(describe("Tháng 9/2019, đoàn Hà Nội thăm Pháp.", NULL), "2019-09[Tháng 9/2019]");
    CHECK_STR(describe("Trong tháng 9 năm 2019, đoàn thăm Pháp.", NULL),
              "2019-09[tháng 9 năm 2019]");
    CHECK_STR(describe("Đàm phán diễn ra vào tháng 9.", NULL), "-[tháng 9]");
    CHECK_INT(first("Đàm phán diễn ra vào tháng 9.", NULL).precision, SK_PREC_MONTH);
    CHECK_STR(describe("Vòng trước diễn ra cuối tháng 7 tại Thượng Hải.", NULL), "-[cuối tháng 7]");
    CHECK_STR(describe("Đầu tháng 3, hai bên gặp nhau.", "2024-05-10"), "^2024-03[Đầu tháng 3]");
    CHECK_STR(describe("Năm 2019, hai nước nâng cấp quan hệ.", NULL), "2019[Năm 2019]");
    CHECK_STR(describe("Tổng thống Mitterrand thăm Việt Nam năm 1993.", NULL), "1993[năm 1993]");
    CHECK_INT(first("Ông thăm Việt Nam năm 1993.", NULL).precision, SK_PREC_YEAR);
    CHECK_STR(describe("Quan hệ phát triển mạnh trong những năm 1990.", NULL), "");
    CHECK_STR(describe("Kế hoạch giai đoạn năm 2021-2025.", NULL), "2021/2025[năm 2021-2025]");
    CHECK_STR(describe("Tháng 9-10/2019, hai bên đàm phán.", NULL),
              "2019-09/2019-10[Tháng 9-10/2019]");
    CHECK_STR(describe("Ông giữ chức đến cuối tháng 6 năm nay.", "2016-10-12"),
              "^2016-06[cuối tháng 6 năm nay]");
    CHECK_STR(describe("Tuyên bố chung về Biển Đông ký 1995, bản thỏa thuận ký 2005.", NULL),
              "1995[1995]; 2005[2005]");
    CHECK_STR(describe("Ông làm thị trưởng từ 1977, sau đó lên chức.", NULL), "1977[từ 1977]");
    CHECK_STR(describe("Số ca tăng từ 1500 lên 2000 người.", NULL), "");
    CHECK_STR(describe("Giải đấu ASEAN 2024 khai mạc.", NULL), "");
    CHECK_STR(describe("Tháng 12 tới, ông sẽ thăm Lào.", "2024-10-01"), "+^2024-12[Tháng 12]");
}

static void test_relative(void) {
    const char *P = "2024-10-07";
    CHECK_STR(describe("Hôm nay, Thủ tướng tiếp Đại sứ.", P), "^2024-10-07[Hôm nay]");
    CHECK_STR(describe("Sáng nay, Thủ tướng tiếp Đại sứ.", P), "^2024-10-07[Sáng nay]");
    CHECK_STR(describe("Thủ tướng chiều nay tiếp Đại sứ.", P), "^2024-10-07[chiều nay]");
    CHECK_STR(describe("Tối nay hai bên dự tiệc.", P), "^2024-10-07[Tối nay]");
    CHECK_STR(describe("Hôm qua, hai bên điện đàm.", P), "^2024-10-06[Hôm qua]");
    CHECK_STR(describe("Tối qua, hai bên điện đàm.", P), "^2024-10-06[Tối qua]");
    CHECK_STR(describe("Đêm qua, hai bên điện đàm.", P), "^2024-10-06[Đêm qua]");
    CHECK_STR(describe("Sáng qua, hai bên điện đàm.", P), "^2024-10-06[Sáng qua]");
    CHECK_STR(describe("Ngày mai, hai bên sẽ hội đàm.", P), "+^2024-10-08[Ngày mai]");
    CHECK_STR(describe("Sáng mai, hai bên sẽ hội đàm.", P), "+^2024-10-08[Sáng mai]");
    CHECK_STR(describe("Chiều mai ông sẽ rời Hà Nội.", P), "+^2024-10-08[Chiều mai]");
    CHECK_STR(describe("Hôm qua, hai bên điện đàm.", "2025-01-01"), "^2024-12-31[Hôm qua]");
    CHECK_STR(describe("Ông đã tới Mỹ tuần trước.", P), "-[tuần trước]");
    CHECK_STR(describe("Ông sẽ tới Mỹ tuần tới.", P), "+-[tuần tới]");
    CHECK_STR(describe("Hai bên đã gặp tháng trước.", P), "^2024-09[tháng trước]");
    CHECK_STR(describe("Hai bên đã gặp tháng trước.", "2024-01-15"), "^2023-12[tháng trước]");
    CHECK_STR(describe("Hai bên đã gặp năm ngoái.", P), "^2023[năm ngoái]");
    CHECK_STR(describe("Năm nay hai bên kỷ niệm 50 năm quan hệ.", P), "^2024[Năm nay]");
    CHECK_STR(describe("Ông từng thăm Hà Nội 2 năm trước.", P), "^2022[2 năm trước]");
    /* Without a publication date, nothing can be resolved. */
    sk_timex_t t = first("Hôm qua, hai bên điện đàm.", NULL);
    CHECK_INT(t.cls, SK_TIMEX_RELATIVE);
    CHECK_INT(t.precision, SK_PREC_NONE);
    CHECK_STR(describe("Hôm qua, hai bên điện đàm.", NULL), "-[Hôm qua]");
    CHECK_STR(describe("Ngày mai hai bên hội đàm.", NULL), "+-[Ngày mai]");
    /* The explicit date next to "hôm nay" wins. */
    CHECK_STR(describe("Bộ Ngoại giao hôm nay 29/4 cho biết.", "2021-04-29"),
              "^2021-04-29[hôm nay 29/4]");
    CHECK_STR(describe("Trump hôm qua (1/5) cho biết.", NULL), "--05-01[hôm qua (1/5)]");
    CHECK_STR(describe("Chính phủ họp hôm qua, ngày 3/6, để rà soát.", NULL),
              "--06-03[hôm qua, ngày 3/6]");
    CHECK_STR(describe("Mưa lớn rạng sáng ngày kia.", P), "+^2024-10-09[rạng sáng ngày kia]");
    CHECK_STR(describe("Hợp đồng kéo dài đến 19-11 năm nay.", P), "+^2024-11-19[19-11 năm nay]");
    CHECK_STR(describe("Hợp đồng kéo dài đến 19-11 năm nay.", NULL), "--11-19[19-11 năm nay]");
    CHECK_STR(describe("Hai bên gặp ngày 2/3 năm ngoái.", P), "^2023-03-02[ngày 2/3 năm ngoái]");
    CHECK_STR(describe("Cùng ngày 23/6, Ngoại trưởng UAE phát biểu.", NULL),
              "--06-23[Cùng ngày 23/6]");
    CHECK_STR(describe("Chiều tối 11/7, hai bên ký kết.", NULL), "--07-11[Chiều tối 11/7]");
    CHECK_STR(first("Chiều tối 11/7, hai bên ký kết.", NULL).part_of_day, "tối");
    CHECK_STR(describe("Ông đến vào 1/5 tại Hà Nội.", NULL), "--05-01[1/5]");
    /* Not relative: "ngày nay" (nowadays), "hiện nay", a name "Mai". */
    CHECK_STR(describe("Ngày nay, quan hệ hai nước rất tốt.", P), "");
    CHECK_STR(describe("Bà Trương Thị Mai tiếp đoàn.", P), "");
    CHECK_STR(describe("Sáng Mai là tên một ca sĩ.", P), "");
    CHECK_STR(describe("Trong những ngày qua, hai bên đã trao đổi.", P), "");
    CHECK_STR(describe("Tôi nay đã già.", P), "");
}

static void test_weekdays(void) {
    const char *P = "2024-10-10"; /* a Thursday */
    CHECK_STR(describe("Ông Trump hôm thứ Ba nói sẽ gặp ông Kim.", P), "^2024-10-08[hôm thứ Ba]");
    CHECK_STR(describe("Ông sẽ gặp ông Putin vào thứ Hai tới.", P), "+^2024-10-14[thứ Hai tới]");
    CHECK_STR(describe("London ban bố lệnh vào thứ Tư tuần trước.", P),
              "^2024-10-02[thứ Tư tuần trước]");
    CHECK_STR(describe("Hội nghị họp Chủ nhật tuần này.", P), "+^2024-10-13[Chủ nhật tuần này]");
    CHECK_STR(describe("Hôm chủ nhật, Bộ trưởng Tài chính phát biểu.", P),
              "^2024-10-06[Hôm chủ nhật]");
    CHECK_STR(describe("Nhật hoàng thoái vị vào thứ Ba tuần sau (30-4-2019).", P),
              "+2019-04-30[thứ Ba tuần sau (30-4-2019)]");
    CHECK_STR(describe("Trong cuộc họp báo sáng chủ nhật (12-11), ông nói.", NULL),
              "--11-12[sáng chủ nhật (12-11)]");
    CHECK_STR(describe("Ông tới Israel ngày thứ tư tuần tới (20-12).", NULL),
              "+--12-20[ngày thứ tư tuần tới (20-12)]");
    CHECK_STR(describe("Ông Trump hôm thứ Ba nói sẽ gặp ông Kim.", NULL), "-[hôm thứ Ba]");
    CHECK_STR(describe("Nhiều hoạt động trong ngày thứ hai của chuyến thăm.", P), "");
    CHECK_STR(describe("Ông là người thứ 2 phát biểu.", P), "");
    CHECK_STR(describe("Hôm thứ 2 năm trước, ông tới.", P), "^2024-10-07[Hôm thứ 2]");
    CHECK_STR(describe("Ca sĩ Hiếu Thứ Hai trở thành đại sứ.", P), "");
    CHECK_STR(describe("Thứ Hai, ông Trump nói sẽ gặp ông Kim.", P), "^2024-10-07[Thứ Hai]");
}

static void test_anaphora(void) {
    CHECK_STR(describe("Sáng 4/12, hai bên hội đàm. Cùng ngày, ông tiếp Chủ tịch Quốc hội.", NULL),
              "--12-04[Sáng 4/12]; ~--12-04[Cùng ngày]");
    CHECK_STR(describe("Ngày 4/12/2024, hai bên hội đàm. Chiều cùng ngày, ông dự tiệc.", NULL),
              "2024-12-04[Ngày 4/12/2024]; ~2024-12-04[Chiều cùng ngày]");
    CHECK_STR(describe("Ngày 4/12, hai bên hội đàm. Cùng ngày hôm đó, ông dự tiệc.", "2024-12-05"),
              "^2024-12-04[Ngày 4/12]; ^~2024-12-04[Cùng ngày hôm đó]");
    CHECK_STR(describe("Ngày 4/12 ông tới Lào. Hôm đó trời mưa. Ngay sau đó ông hội đàm.", NULL),
              "--12-04[Ngày 4/12]; ~--12-04[Hôm đó]; ~--12-04[Ngay sau đó]");
    CHECK_STR(describe("Ngày 31/12 ông tới Lào. Hôm sau, ông hội đàm.", NULL),
              "--12-31[Ngày 31/12]; ~--01-01[Hôm sau]");
    CHECK_STR(describe("Ngày 28/2/2024 ông tới Lào. Ngày hôm sau, ông hội đàm.", NULL),
              "2024-02-28[Ngày 28/2/2024]; ~2024-02-29[Ngày hôm sau]");
    CHECK_STR(describe("Hôm qua ông tới Lào. Cùng ngày, ông hội đàm.", "2024-10-07"),
              "^2024-10-06[Hôm qua]; ^~2024-10-06[Cùng ngày]");
    /* Nothing to refer to. */
    sk_timex_t t = first("Cùng ngày, ông tiếp Đại sứ Nhật Bản.", NULL);
    CHECK_INT(t.cls, SK_TIMEX_ANAPHORIC);
    CHECK_INT(t.precision, SK_PREC_NONE);
    CHECK(sk_timex_iso(arena, &t) == NULL);
    /* The anchor is the nearest preceding day. */
    CHECK_STR(describe("Ngày 3/12 ông tới. Ngày 5/12 ông về. Cùng ngày, ông phát biểu.", NULL),
              "--12-03[Ngày 3/12]; --12-05[Ngày 5/12]; ~--12-05[Cùng ngày]");
}

static void test_year_inference(void) {
    CHECK_STR(describe("Ngày 7/12, hai bên hội đàm.", "2024-01-03"), "^2023-12-07[Ngày 7/12]");
    CHECK_STR(describe("Ngày 2/1, hai bên hội đàm.", "2024-12-28"), "+^2025-01-02[Ngày 2/1]");
    CHECK_STR(describe("Ngày 7/10, hai bên hội đàm.", "2024-10-08"), "^2024-10-07[Ngày 7/10]");
    CHECK_STR(describe("Ngày 20/4, Nga triệu tập Đại sứ.", "2021-04-29"), "^2021-04-20[Ngày 20/4]");
    CHECK_STR(describe("Ngày 15/11, ông sẽ thăm Nhật.", "2024-10-01"), "+^2024-11-15[Ngày 15/11]");
    CHECK_STR(describe("Ngày 15/2, ông thăm Nhật.", "2024-10-01"), "^2024-02-15[Ngày 15/2]");
    /* "vừa qua" / "tới" settle the year. */
    CHECK_STR(describe("Ngày 15/2 tới, ông sẽ thăm Nhật.", "2024-10-01"),
              "+^2025-02-15[Ngày 15/2 tới]");
    CHECK_STR(describe("Ngày 20/11 vừa qua, hai bên ký kết.", "2024-10-01"),
              "^2023-11-20[Ngày 20/11 vừa qua]");
    CHECK_STR(describe("Ngày 25/12 sắp tới, hai bên gặp.", "2024-10-01"),
              "+^2024-12-25[Ngày 25/12 sắp tới]");
    CHECK_STR(describe("Ông Tập ngày 7/10 tới Hà Nội.", "2024-10-08"), "^2024-10-07[ngày 7/10]");
    /* Ranges across New Year get consecutive years. */
    CHECK_STR(describe("Chuyến thăm từ 30/12 đến 2/1.", "2025-01-03"),
              "^2024-12-30/2025-01-02[từ 30/12 đến 2/1]");
    CHECK_STR(describe("Chuyến thăm 3-6/12.", "2024-12-04"), "^2024-12-03/2024-12-06[3-6/12]");
    /* published as a date-time. */
    CHECK_STR(describe("Sáng 8/8, Tổng Bí thư làm việc.", "2025-08-08T09:28:18+07:00"),
              "^2025-08-08[Sáng 8/8]");
    /* A year elsewhere in the text is never borrowed. */
    CHECK_STR(describe("Lào là Chủ tịch ASEAN 2024. Ngày 4/12, hai bên hội đàm.", NULL),
              "--12-04[Ngày 4/12]");
    /* An explicit year is kept even when far from the publication date. */
    CHECK_STR(describe("Ngày 7/10/2019, hai bên ký kết.", "2024-10-08"),
              "2019-10-07[Ngày 7/10/2019]");
    /* 29/2 needs a leap year. */
    CHECK_STR(describe("Ngày 29/2, hai bên ký kết.", "2024-03-10"), "^2024-02-29[Ngày 29/2]");
    CHECK_STR(describe("Ngày 29/2/2023, hai bên ký kết.", NULL), "");
    /* A bad publication date is ignored. */
    CHECK_STR(describe("Ngày 7/10, hai bên hội đàm.", "hôm qua"), "--10-07[Ngày 7/10]");
    CHECK_STR(describe("Ngày 7/10, hai bên hội đàm.", "2024-13-45"), "--10-07[Ngày 7/10]");
}

static void test_negatives(void) {
    CHECK_STR(describe("Hơn 1.000 người tham dự, tăng 3,5%.", NULL), "");
    CHECK_STR(describe("Hai nước đã có 40 năm quan hệ ngoại giao.", NULL), "");
    CHECK_STR(describe("Hội nghị cấp cao Pháp ngữ lần thứ 19 diễn ra tại Paris.", NULL), "");
    CHECK_STR(describe("Nghị quyết 57 về khoa học công nghệ.", NULL), "");
    CHECK_STR(describe("Việt Nam thắng 3-1 trước Thái Lan.", NULL), "");
    CHECK_STR(describe("Đường dây nóng 0912.345.678 hoạt động.", NULL), "");
    CHECK_STR(describe("Trung tâm hoạt động 24/7 để hỗ trợ.", NULL), "");
    CHECK_STR(describe("Hơn 2/3 số đại biểu tán thành.", NULL), "");
    CHECK_STR(describe("Có 3/4 đại biểu tán thành.", NULL), "");
    CHECK_STR(describe("Dịch COVID-19 ảnh hưởng nặng nề.", NULL), "");
    CHECK_STR(describe("Nghị quyết số 30/2026/QH16 của Quốc hội.", NULL), "");
    CHECK_STR(describe("Theo Nghị định số 15/3 của Chính phủ.", NULL), "");
    CHECK_STR(describe("Xem trang 7/10 của tài liệu.", NULL), "");
    CHECK_STR(describe("Ngày 32/10 không tồn tại, ngày 7/13 cũng vậy.", NULL), "");
    CHECK_STR(describe("Ngày 31/4 không tồn tại.", NULL), "");
    CHECK_STR(describe("Tỷ số là 2-0 nghiêng về chủ nhà.", NULL), "");
    CHECK_STR(describe("Lúc 10:30 ông tới Phủ Chủ tịch.", NULL), "");
    CHECK_STR(describe("Năm APEC Việt Nam 2017 thành công.", NULL), "");
    CHECK_STR(describe("Ông là người thứ hai phát biểu.", NULL), "");
    CHECK_STR(describe("Quyết định 1234/QĐ-TTg ngày 7/10/2024.", NULL),
              "2024-10-07[ngày 7/10/2024]");
    CHECK_STR(describe("Số liệu 21.5% và 3.5 triệu.", NULL), "");
    CHECK_STR(describe("Thời hạn 6 tháng 9 ngày.", NULL), "");
    CHECK_STR(describe("Ông dự Đại hội lần thứ 13 vào năm 2021.", NULL), "2021[năm 2021]");
    CHECK_STR(describe("Máy bay Su-30/5 chiếc.", NULL), "");
    CHECK_STR(describe("Sáng tạo và tối ưu hóa.", NULL), "");
    CHECK_STR(describe("Nga được cất giữ tới 1/4 lượng dầu.", NULL), "");
    CHECK_STR(describe("Việt Nam chiếm tới 1/3 tổng kim ngạch.", NULL), "");
    CHECK_STR(describe("Ngành này tạo ra đến 2/3 Tổng sản phẩm quốc nội.", NULL), "");
    CHECK_STR(describe("Các báo cáo trước đó của cơ quan này.", NULL), "");
    CHECK_STR(describe("Ứng dụng có 1 tỷ người dùng mỗi tháng này.", NULL), "");
}

static void test_api_edges(void) {
    sk_timex_t *t = (sk_timex_t *)1;
    size_t n = 7;
    CHECK_INT(sk_timex_find(arena, "", 0, NULL, &t, &n), SK_OK);
    CHECK_INT(n, 0);
    CHECK_INT(sk_timex_find(arena, NULL, 0, "2024-01-01", &t, &n), SK_OK);
    CHECK_INT(n, 0);
    CHECK(sk_timex_iso(arena, NULL) == NULL);
    sk_timex_t m;
    memset(&m, 0, sizeof m);
    CHECK(sk_timex_iso(arena, &m) == NULL);
    m.precision = SK_PREC_DAY;
    m.from = (sk_date_parts_t){0, 12, 3};
    m.to = (sk_date_parts_t){0, 12, 6};
    m.is_range = 1;
    CHECK_STR(sk_timex_iso(arena, &m), "--12-03/--12-06");
    /* Digits written by hand: zero-padded, and the printf forms beyond the widths. */
    m.from = (sk_date_parts_t){5, 1, 2};
    m.to = (sk_date_parts_t){2024, 12, 31};
    CHECK_STR(sk_timex_iso(arena, &m), "0005-01-02/2024-12-31");
    m.from = (sk_date_parts_t){12345, 1, 2};
    m.to = (sk_date_parts_t){-7, 123, 4};
    CHECK_STR(sk_timex_iso(arena, &m), "12345-01-02/-007-123-04");
    m.precision = SK_PREC_MONTH;
    m.is_range = 0;
    m.from = (sk_date_parts_t){2019, 9, 0};
    CHECK_STR(sk_timex_iso(arena, &m), "2019-09");
    m.precision = SK_PREC_YEAR;
    CHECK_STR(sk_timex_iso(arena, &m), "2019");
    sk_event_date_t ed = sk_timex_event_date(arena, &m);
    CHECK_STR(ed.iso, "2019");
    CHECK_INT(ed.precision, SK_PREC_YEAR);
    m.precision = SK_PREC_MONTH;
    m.from.year = 0;
    ed = sk_timex_event_date(arena, &m);
    CHECK(ed.iso == NULL);
    CHECK_INT(ed.precision, SK_PREC_NONE);
    /* Spans are byte offsets into the text. */
    const char *s = "Tổng Bí thư, sáng 7/10, tiếp Đại sứ.";
    sk_timex_t f = first(s, NULL);
    CHECK_INT(f.start, (long long)(strstr(s, "sáng") - s));
    CHECK_INT(f.end, (long long)(strstr(s, ", tiếp") - s));
    /* Expressions never cross a paragraph break. */
    CHECK_STR(describe("Ngày\n7/10 ông tới.", NULL), "");
    /* A long text with many dates: all found, in order. */
    char big[8192];
    size_t o = 0;
    for (int d = 1; d <= 28 && o < sizeof big - 64; d++)
        o += (size_t)snprintf(big + o, sizeof big - o, "Ngày %d/2 có họp. ", d);
    CHECK_INT(sk_timex_find(arena, big, o, "2024-03-01", &t, &n), SK_OK);
    CHECK_INT(n, 28);
    CHECK_INT(t[27].from.day, 28);
    CHECK_INT(t[27].from.year, 2024);
}

/* The fast tokenizer against the plain reference one: hand-picked text (case,
 * NFD marks, letters whose lower case is shorter, invalid and cut UTF-8, long
 * words, NUL, CR) and random strings glued from such pieces. */
static void test_tokenizer(void) {
    static const char *const cases[] = {
        "",
        "Ngày 7/10, NGÀY 8/10, nGàY 9/10 và Thứ Hai (7/10)",
        "nga\xcc\x80y 7/10 Nga\xcc\x80Y \xcc\x80ngày",
        "\xe2\x84\xaa\xc4\xb0 \xe1\xba\x9e Mai MAI mAI Hai \xe2\x84\xa6",
        "\xff\xfe ng\xc3 ngày\xe1\xbb x\xed\xa0\x80 \xf0\x9f\x98\x80ngày\xf0\x9f",
        "Chủnhậtthứhaingàythángnămhômnay 123456789012 0007 2024-10-07",
        "sáng\r\nchiều\t_tối – 3—5 −2 ‐1 ‑0 “Hôm” ‘qua’ …",
        "ĐÊM đêm Đêm đÊm ƯỚC ướC",
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        CHECK(sk_timex_check_tokenizer(cases[k], strlen(cases[k])));
    CHECK(sk_timex_check_tokenizer("ng\0ay 7\0/10", 12));
    static const char *const pieces[] = {
        "ngày",
        "Ngày",
        "NGÀY",
        "tháng",
        "Năm",
        "hôm",
        "Thứ",
        "hai",
        "Chủ",
        "nhật",
        "a",
        "Z",
        "7",
        "10",
        "2024",
        "/",
        "-",
        ".",
        ",",
        "(",
        ")",
        " ",
        "\n",
        "_",
        "\t",
        "\r",
        "–",
        "“",
        "\xcc\x80",
        "\xc3",
        "\xe1\xbb",
        "\xff",
        "\xf0\x9f\x98\x80",
        "\xe2\x84\xaa",
        "\xc4\xb0",
        "Nguyễn",
        "Đà",
        "ư",
        "Ư",
        "quyết",
        "khoảnnnnnnn",
        "chương",
        "CHƯƠNGG",
        "TRƯỚC",
        "ĐẦU",
        "TỪ",
        "\xe2\x84\xaaHUYA",
        "\xc2\xa0",
        "×",
        "ª",
        "Ǆ",
        "ɐ",
        "ἀ",
    };
    size_t np = sizeof pieces / sizeof *pieces;
    unsigned seed = 12345;
    char buf[256];
    int bad = 0;
    for (int r = 0; r < 20000; r++) {
        size_t o = 0;
        for (int q = (int)(seed % 12) + 1; q > 0; q--) {
            seed = seed * 1103515245u + 12345u;
            const char *pc = pieces[(seed >> 16) % np];
            size_t l = strlen(pc);
            memcpy(buf + o, pc, l);
            o += l;
        }
        if (!sk_timex_check_tokenizer(buf, o)) bad++;
    }
    CHECK_INT(bad, 0);
}

/* Random passages glued from date words, numbers, separators and other
 * text: the three ways of finding agree. */
static void test_fast_paths(void) {
    static const char *const pieces[] = {
        "ngày",     "Ngày",     "NGÀY",
        "tháng",    "Tháng",    "năm",
        "Năm",      "hôm",      "nay",
        "qua",      "sáng",     "Sáng",
        "chiều",    "tối",      "thứ",
        "Thứ",      "Hai",      "hai",
        "Ba",       "Chủ",      "chủ",
        "nhật",     "tịch",     "mai",
        "kia",      "tiếp",     "theo",
        "sớm",      "ngoái",    "này",
        "khi",      "mùng",     "bảy",
        "tư",       "ấy",       "từ",
        "Từ",       "đến",      "tới",
        "và",       "cùng",     "đó",
        "sau",      "trước",    "tuần",
        "cuối",     "đầu",      "giữa",
        "rạng",     "mùng",     "ngay",
        "khuya",    "số",       "các",
        "những",    "vào",      "Việt",
        "Nam",      "Hà",       "Nội",
        "tôi",      "7",        "10",
        "21",       "2024",     "2019",
        "3",        "12",       "31",
        "/",        "-",        ".",
        ",",        "(",        ")",
        " ",        " ",        " ",
        " ",        "\n",       "_",
        "–",        "“",        "”",
        "×",        "\xcc\x80", "\xe2\x84\xaaHUYA",
        "gİữa",     "TỪ",       "ĐẦU",
        "G20",      "COVID-19", "ngày,",
        "(ngày",    "2024ngày", "\xc2\xa0",
        "\xff",     "ª",        "ἀ",
        "\xe1\xbb", "%",        ":",
    };
    size_t np = sizeof pieces / sizeof *pieces;
    const char *pubs[] = {"2024-10-07", NULL, "2025-01-02"};
    unsigned seed = 777;
    char buf[512];
    int bad = 0;
    for (int r = 0; r < 6000; r++) {
        size_t o = 0;
        for (int q = (int)(seed % 40) + 1; q > 0 && o < sizeof buf - 16; q--) {
            seed = seed * 1103515245u + 12345u;
            const char *pc = pieces[(seed >> 16) % np];
            size_t l = strlen(pc);
            memcpy(buf + o, pc, l);
            o += l;
        }
        if (!three_agree(buf, o, pubs[r % 3])) bad++;
    }
    CHECK_INT(bad, 0);
}

int main(void) {
    arena = sk_arena_new();
    test_day_month();
    test_ranges();
    test_months_years();
    test_relative();
    test_weekdays();
    test_anaphora();
    test_year_inference();
    test_negatives();
    test_api_edges();
    test_tokenizer();
    test_fast_paths();
    sk_arena_destroy(arena);
    return check_report("timex");
}
