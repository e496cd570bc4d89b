/* timex.h — time expressions in Vietnamese news, found in text and resolved
 * against the publication date and the article's own context:
 *   "sáng 7/10", "ngày 4/12", "chiều 26-12", "từ ngày 3-6/12", "14-16/9",
 *   "ngày 7/10/2024", "7.10.2024", "ngày 21 tháng 5 năm 2018", "tháng 9/2019",
 *   "tháng 9", "năm 2019", "hôm qua", "hôm nay", "sáng nay", "tối qua",
 *   "cùng ngày", "ngày mai", "tuần trước", "đầu tuần", "thứ Hai (7/10)" ...
 * A year is only ever filled from the expression itself, from an anchor the
 * expression refers to ("cùng ngày" → the previous day-precise date), or from
 * the publication date (nearest year that keeps the date within ~10 months
 * before or 2 months after publication). When no year can be known, year = 0
 * ("--MM-DD" in ISO form); it is never guessed. */
#ifndef SK_TIMEX_H
#define SK_TIMEX_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "event.h"

typedef enum {
    SK_TIMEX_ABSOLUTE = 0, /* the text gives day/month (and maybe year) */
    SK_TIMEX_RELATIVE,     /* hôm qua, hôm nay, ngày mai, tuần trước: needs publication date */
    SK_TIMEX_ANAPHORIC,    /* cùng ngày, hôm đó, trước đó: refers to an earlier date */
} sk_timex_class_t;

typedef struct sk_date_parts {
    int year;  /* 0 = unknown */
    int month; /* 0 = unknown */
    int day;   /* 0 = unknown */
} sk_date_parts_t;

typedef struct sk_timex {
    uint32_t start, end; /* byte span in text (whole expression incl. "sáng", "từ ngày") */
    sk_timex_class_t cls;
    sk_date_parts_t from;     /* the date, or range start */
    sk_date_parts_t to;       /* range end (all 0 when not a range) */
    sk_date_precision_t precision;
    int is_range;
    int year_from_published; /* year came from the publication date, not the text */
    int future;              /* refers to a time after publication (ngày mai, tới, sắp) */
    const char *part_of_day; /* "sáng", "chiều", "tối", "trưa", "đêm" or NULL */
} sk_timex_t;

/* Find and resolve all time expressions in text[0..len) (NFC). published is
 * the article's ISO date or NULL. Results are allocated in arena, in text order.
 * Anaphoric ones are resolved to the nearest preceding resolved expression. */
int sk_timex_find(sk_arena_t *arena, const char *text, size_t len, const char *published,
                  sk_timex_t **out, size_t *n_out);

/* ISO form per the event spec: "2024-10-07", "--10-07", "2019-09", "2019",
 * "2024-12-03/2024-12-06", "--12-03/--12-06"; NULL when nothing is known.
 * Allocated in arena. */
const char *sk_timex_iso(sk_arena_t *arena, const sk_timex_t *t);

#endif
