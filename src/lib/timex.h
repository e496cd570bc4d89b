/* timex.h — time expressions in Vietnamese news, found in text and resolved
 * against the publication date and the article's own context:
 *   absolute  "sáng 7/10", "ngày 4/12", "chiều 26-12", "ngày 21.5", "hôm 21/11",
 *             "ngày 7/10/2024", "7-10-2024", "7.10.2024", "ngày 21 tháng 5 năm 2018",
 *             "thứ Hai (7/10)", "thứ Ba ngày 8/10", "19-11 năm nay";
 *   ranges    "từ ngày 3-6/12", "từ 3 đến 6/12", "3-6/12/2024", "14-16/9",
 *             "từ ngày 30/11 đến 2/12", "28/12/2024 - 2/1/2025", "ngày 25 và 26-10";
 *   months    "tháng 9/2019", "tháng 9 năm 2019", "tháng 9", "cuối tháng 7",
 *             "tháng 9-10/2019"; years "năm 2019", "năm 2021-2025", "ký 1995,";
 *   relative  "hôm nay", "sáng nay", "hôm qua", "tối qua", "hôm kia", "ngày mai",
 *             "ngày kia", "hôm thứ Ba", "thứ Hai tới", "tháng trước", "năm ngoái",
 *             "2 năm trước", "tuần trước", "cuối tuần" (weeks: precision none);
 *   anaphoric "cùng ngày", "chiều cùng ngày", "cùng ngày hôm đó", "hôm đó",
 *             "ngay sau đó", "hôm sau", "ngày hôm sau", "trước đó" (day unknown).
 * An explicit date next to a relative or anaphoric word wins: "hôm nay 29/4",
 * "hôm qua, ngày 3/6", "cùng ngày 23/6" are absolute.
 *
 * Not dates: "1.000", "3,5", "40 năm", "lần thứ 19", scores ("thắng 3-1"),
 * phone numbers, "24/7", fractions ("2/3 số đại biểu", "tới 1/4 lượng dầu"),
 * "COVID-19", document numbers ("30/2026/QH16", "số 15/3"), page numbers,
 * impossible dates (31/4, 29/2/2023). A bare D-M or D.M without a year needs a
 * word before it ("ngày", "sáng", "hôm", "từ", a weekday...); D/M does not.
 *
 * A year is only ever filled from the expression itself, from an anchor the
 * expression refers to ("cùng ngày" → the previous day-precise date), or from
 * the publication date (nearest year that keeps the date within ~10 months
 * before or 2 months after publication). When no year can be known, year = 0
 * ("--MM-DD" in ISO form); it is never guessed from other numbers in the text.
 * A year written on one end of a range applies to both ends (a range that
 * crosses New Year gets consecutive years).
 *
 * Matching is one linear pass over tokens, comparing words by their exact
 * lower-case NFC spelling (folding would merge "tối" evening / "tôi" I /
 * "tới" next, and "năm" year / "Nam"); about 50 MB/s. */
#ifndef SK_TIMEX_H
#define SK_TIMEX_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "event.h"

typedef enum {
    SK_TIMEX_ABSOLUTE = 0, /* the text gives day/month (and maybe year) */
    SK_TIMEX_RELATIVE,  /* hôm qua, hôm nay, ngày mai, tuần trước: needs publication date */
    SK_TIMEX_ANAPHORIC, /* cùng ngày, hôm đó, trước đó: refers to an earlier date */
} sk_timex_class_t;

typedef struct sk_date_parts {
    int year;  /* 0 = unknown */
    int month; /* 0 = unknown */
    int day;   /* 0 = unknown */
} sk_date_parts_t;

typedef struct sk_timex {
    uint32_t start, end; /* byte span in text (whole expression incl. "sáng", "từ ngày") */
    sk_timex_class_t cls;
    sk_date_parts_t from; /* the date, or range start */
    sk_date_parts_t to;   /* range end (all 0 when not a range) */
    /* What the text pins down: DAY (day and month known, year maybe 0), MONTH
     * (year maybe 0: "tháng 9" without a publication date), YEAR, or NONE (a
     * relative or anaphoric expression that could not be resolved, a week). */
    sk_date_precision_t precision;
    int is_range;
    int year_from_published; /* year came from the publication date, not the text */
    /* Refers to a time after publication: "ngày mai", "tuần tới", "thứ Hai tới",
     * or a resolved date later than the publication date. */
    int future;
    const char *part_of_day; /* "sáng", "chiều", "tối", "trưa", "đêm" or NULL (static) */
} sk_timex_t;

/* Find and resolve all time expressions in text[0..len) (NFC). published is
 * the article's ISO date ("2024-10-07", or a date-time "2024-10-07T09:00+07:00")
 * or NULL; anything else counts as NULL. Results are allocated in arena, in
 * text order, non-overlapping; *out is NULL when there are none. Anaphoric ones
 * take the nearest preceding single-day expression (not a range, not another
 * anaphor); without one their precision is NONE. Expressions never cross a
 * line break. Returns SK_OK, SK_ENOMEM or SK_ETOOBIG (len >= 4 GiB). */
int sk_timex_find(sk_arena_t *arena, const char *text, size_t len, const char *published,
                  sk_timex_t **out, size_t *n_out);

/* ISO form per the event spec: "2024-10-07", "--10-07", "2019-09", "2019",
 * "2024-12-03/2024-12-06", "--12-03/--12-06"; NULL when nothing is known.
 * Allocated in arena. */
const char *sk_timex_iso(sk_arena_t *arena, const sk_timex_t *t);

/* The event-spec date for t: iso as sk_timex_iso, precision NONE when iso is
 * NULL (a yearless month cannot be written), inferred = 0. */
sk_event_date_t sk_timex_event_date(sk_arena_t *arena, const sk_timex_t *t);

/* For the unit tests: 1 when timex.c's fast tokenizer splits text[0..len)
 * into exactly the tokens of its plain reference tokenizer, 0 otherwise. */
int sk_timex_check_tokenizer(const char *text, size_t len);

/* sk_timex_find (same results) when the caller has cut the text already:
 * hints are byte offsets into text, ascending, such that every chunk (run of
 * bytes between white space: ' ', '\t', '_', '\n') holding a number or a word
 * that can start an expression holds a hint. Only those chunks, and a few
 * tokens around the expressions' starts, are read. */
int sk_timex_find_hinted(sk_arena_t *arena, const char *text, size_t len, const char *published,
                         const uint32_t *hints, size_t n_hints, sk_timex_t **out, size_t *n_out);

/* For callers of sk_timex_find_hinted that have the text's folded syllables
 * (sk_fold, runs of sk_tok_byte bytes, packed as sk_lex_pack with the top bit
 * set when longer than 7 bytes): 1 when the syllable may hold or touch the
 * start of an expression (a byte >= 0x80, a digit, or the folded form of a
 * word that starts one: "ngay", "thang", "tu" ...). Hinting the text offset
 * of the first byte of every such syllable meets sk_timex_find_hinted's
 * contract: folding maps a letter to letters or bytes >= 0x80 and keeps
 * digits, so the syllable holding such a word is either exactly its folded
 * form or holds a digit or a byte >= 0x80. table: sk_timex_hint_table(). */
#define SK_TIMEX_HINT_MULT 0x82C4E51A87D1B69Bull
const uint64_t *sk_timex_hint_table(void);
static inline int sk_timex_syllable_hint(const uint64_t *table, uint64_t key) {
    const uint64_t high = 0x8080808080808080ull;
    if (key & high) return 1;
    /* all bytes < 0x80: a byte b is a digit when b + 0x50 reaches 0x80 and b + 0x46 does not */
    if ((key + 0x5050505050505050ull) & ~(key + 0x4646464646464646ull) & high) return 1;
    return table[(key * SK_TIMEX_HINT_MULT) >> 58] == key;
}

/* For the unit tests: sk_timex_find computed the plain way (every token of
 * the reference tokenizer tried in turn), to compare against. */
int sk_timex_find_reference(sk_arena_t *arena, const char *text, size_t len, const char *published,
                            sk_timex_t **out, size_t *n_out);

#endif
