/* timex.c — Vietnamese time expressions: one linear pass that splits the text
 * into tokens (numbers, words, punctuation), then one left-to-right match at
 * each token that can start an expression (a number or one of START_KWS) over
 * a small grammar of prefixes ("sáng", "ngày", "từ", "thứ Hai (", "đầu") and
 * cores (D/M[/Y], D-D/M, D tháng M năm Y, tháng M, năm Y, relative and
 * anaphoric words). No backtracking beyond a few tokens.
 *
 * sk_timex_find_hinted skips the pass over the whole text: the caller, which
 * has cut the text into folded syllables already, hints the chunks that may
 * hold a trigger; only those are read, and the grammar's tokens are built
 * lazily in short segments around the triggers (a segment starts two chunks
 * before its first trigger, for the look-behind tests). The matches and what
 * they carry from one to the next come out as from sk_timex_find (the unit
 * tests compare both with a plain reference matcher).
 *
 * Words are compared by their exact lower-case NFC spelling, not the folded
 * form: folding merges "tối" (evening) with "tôi" (I) and "tới" (coming),
 * "năm" (year) with "Nam" (Việt Nam), "từ" (from) with "tư" (Wednesday). */
#include "timex.h"

#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

#include "normalize.h"

/* ---- calendar ---------------------------------------------------------- */

static int is_leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m) {
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    if (m == 2) return y == 0 || is_leap(y) ? 29 : 28; /* year unknown: allow 29/2 */
    return dm[m - 1];
}

static int valid_date(int y, int m, int d) {
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
static long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static sk_date_parts_t civil_from_days(long z) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    int y = (int)(yoe + era * 400 + (m <= 2));
    return (sk_date_parts_t){y, m, d};
}

static sk_date_parts_t add_days(sk_date_parts_t p, long n) {
    return civil_from_days(days_from_civil(p.year, p.month, p.day) + n);
}

static int parse_published(const char *s, sk_date_parts_t *out) {
    if (!s) return 0;
    int v[3] = {0, 0, 0};
    const int width[3] = {4, 2, 2};
    for (int k = 0; k < 3; k++) {
        for (int j = 0; j < width[k]; j++, s++) {
            if (*s < '0' || *s > '9') return 0;
            v[k] = v[k] * 10 + (*s - '0');
        }
        if (k < 2 && *s++ != '-') return 0;
    }
    if (*s >= '0' && *s <= '9') return 0;
    if (v[0] < 1000 || v[0] > 9000 || !valid_date(v[0], v[1], v[2])) return 0;
    *out = (sk_date_parts_t){v[0], v[1], v[2]};
    return 1;
}

/* Year for a yearless day/month: the one that puts it nearest the publication
 * date within [P - 10 months, P + 2 months]; 0 when no candidate is valid. */
static int infer_year_day(const sk_date_parts_t *pub, int m, int d) {
    long p = days_from_civil(pub->year, pub->month, pub->day);
    int best = 0;
    long best_dist = 0;
    for (int y = pub->year - 1; y <= pub->year + 1; y++) {
        if (!valid_date(y, m, d)) continue;
        long diff = days_from_civil(y, m, d) - p;
        long dist = diff < 0 ? -diff : diff;
        if (diff < -305 || diff > 62) dist += 100000; /* outside the window: last resort */
        if (!best || dist < best_dist) {
            best = y;
            best_dist = dist;
        }
    }
    return best;
}

static int infer_year_month(const sk_date_parts_t *pub, int m) {
    int p = pub->year * 12 + pub->month - 1, best = pub->year, best_dist = 1000;
    for (int y = pub->year - 1; y <= pub->year + 1; y++) {
        int diff = y * 12 + m - 1 - p;
        int dist = diff < 0 ? -diff : diff;
        if (diff >= -10 && diff <= 2 && dist < best_dist) best = y, best_dist = dist;
    }
    return best;
}

/* ---- tokens ------------------------------------------------------------ */

enum { T_NUM = 1, T_WORD, T_PUNCT };

/* Keywords, by exact lower-case NFC spelling. */
enum {
    KW_NONE = -1,
    KW_NGAY = 0, /* ngày */
    KW_THANG,    /* tháng */
    KW_NAM,      /* năm (year; also "thứ Năm") */
    KW_HOM,      /* hôm */
    KW_SANG,     /* sáng */
    KW_CHIEU,    /* chiều */
    KW_TOI,      /* tối */
    KW_TRUA,     /* trưa */
    KW_DEM,      /* đêm */
    KW_KHUYA,    /* khuya */
    KW_RANG,     /* rạng (rạng sáng) */
    KW_SOM,      /* sớm (sáng sớm) */
    KW_NAY,      /* nay */
    KW_NAY_THIS, /* này */
    KW_QUA,      /* qua */
    KW_MAI,      /* mai */
    KW_KIA,      /* kia */
    KW_TUAN,     /* tuần */
    KW_TRUOC,    /* trước */
    KW_TOI_NEXT, /* tới */
    KW_SAU,      /* sau */
    KW_NGOAI,    /* ngoái */
    KW_CUNG,     /* cùng */
    KW_DO,       /* đó */
    KW_AY,       /* ấy */
    KW_TU,       /* từ */
    KW_DEN,      /* đến */
    KW_THU,      /* thứ */
    KW_HAI,      /* hai */
    KW_BA,       /* ba */
    KW_TU_WED,   /* tư */
    KW_SAU_FRI,  /* sáu */
    KW_BAY,      /* bảy */
    KW_CHU,      /* chủ */
    KW_NHAT,     /* nhật */
    KW_DAU,      /* đầu */
    KW_CUOI,     /* cuối */
    KW_GIUA,     /* giữa */
    KW_NGAY_ADV, /* ngay */
    KW_VAO,      /* vào */
    KW_HOI,      /* hồi */
    KW_MUNG,     /* mùng, mồng */
    KW_VA,       /* và */
    KW_TIEP,     /* tiếp (ngày tiếp theo) */
    KW_THEO,     /* theo */
    KW_PLURAL,   /* những, các, mấy, nhiều, vài: "những năm 1990", "những ngày qua" */
    KW_DECADE,   /* thập (thập niên, thập kỷ) */
    KW_DENY,     /* số, trang, tập, ...: the number after them is not a date */
    KW_VUA,      /* vừa (vừa qua) */
    KW_SAP,      /* sắp (sắp tới) */
    KW_YEAR_PREP, /* ký, trong: words before a bare year ("ký 1995") */
    KW_TRO,       /* trở ("từ 2020 trở đi") */
    KW_SAFE, /* tại, ở, vừa, là, sẽ, đã, khi: may follow a date, never a fraction's noun */
};

static const struct {
    const char *word;
    int kw;
} KEYWORDS[] = {
    {"ngày", KW_NGAY},   {"tháng", KW_THANG},  {"năm", KW_NAM},         {"hôm", KW_HOM},
    {"sáng", KW_SANG},   {"chiều", KW_CHIEU},  {"tối", KW_TOI},         {"trưa", KW_TRUA},
    {"đêm", KW_DEM},     {"khuya", KW_KHUYA},  {"rạng", KW_RANG},       {"sớm", KW_SOM},
    {"nay", KW_NAY},     {"này", KW_NAY_THIS}, {"qua", KW_QUA},         {"mai", KW_MAI},
    {"kia", KW_KIA},     {"tuần", KW_TUAN},    {"trước", KW_TRUOC},     {"tới", KW_TOI_NEXT},
    {"sau", KW_SAU},     {"ngoái", KW_NGOAI},  {"cùng", KW_CUNG},       {"đó", KW_DO},
    {"ấy", KW_AY},       {"từ", KW_TU},        {"đến", KW_DEN},         {"thứ", KW_THU},
    {"hai", KW_HAI},     {"ba", KW_BA},        {"tư", KW_TU_WED},       {"sáu", KW_SAU_FRI},
    {"bảy", KW_BAY},     {"chủ", KW_CHU},      {"nhật", KW_NHAT},       {"đầu", KW_DAU},
    {"cuối", KW_CUOI},   {"giữa", KW_GIUA},    {"ngay", KW_NGAY_ADV},   {"vào", KW_VAO},
    {"hồi", KW_HOI},     {"mùng", KW_MUNG},    {"mồng", KW_MUNG},       {"và", KW_VA},
    {"tiếp", KW_TIEP},   {"theo", KW_THEO},    {"những", KW_PLURAL},    {"các", KW_PLURAL},
    {"mấy", KW_PLURAL},  {"nhiều", KW_PLURAL}, {"vài", KW_PLURAL},      {"mỗi", KW_PLURAL},
    {"hằng", KW_PLURAL}, {"hàng", KW_PLURAL},  {"thập", KW_DECADE},     {"số", KW_DENY},
    {"trang", KW_DENY},  {"tập", KW_DENY},     {"câu", KW_DENY},        {"bài", KW_DENY},
    {"phòng", KW_DENY},  {"nhà", KW_DENY},     {"ngõ", KW_DENY},        {"ngách", KW_DENY},
    {"hẻm", KW_DENY},    {"kiệt", KW_DENY},    {"lô", KW_DENY},         {"tỷ", KW_DENY},
    {"tỉ", KW_DENY},     {"lệ", KW_DENY},      {"hạng", KW_DENY},       {"điểm", KW_DENY},
    {"chương", KW_DENY}, {"mục", KW_DENY},     {"khoản", KW_DENY},      {"điều", KW_DENY},
    {"định", KW_DENY},   {"quyết", KW_DENY},   {"thông", KW_DENY},      {"thị", KW_DENY},
    {"văn", KW_DENY},    {"luật", KW_DENY},    {"lần", KW_DENY},        {"thắng", KW_DENY},
    {"thua", KW_DENY},   {"hòa", KW_DENY},     {"hoà", KW_DENY},        {"tại", KW_SAFE},
    {"ở", KW_SAFE},      {"vừa", KW_VUA},      {"sắp", KW_SAP},         {"là", KW_SAFE},
    {"sẽ", KW_SAFE},     {"đã", KW_SAFE},      {"khi", KW_SAFE},        {"mới", KW_SAFE},
    {"trở", KW_TRO},     {"ký", KW_YEAR_PREP}, {"trong", KW_YEAR_PREP}, {"kết", KW_DENY},
    {"quả", KW_DENY},    {"biển", KW_DENY},    {"xe", KW_DENY},
};

typedef struct tok {
    uint32_t start, end; /* bytes in text */
    uint8_t kind;
    uint8_t sp;    /* whitespace (or start of text) before the token */
    uint8_t nl;    /* a newline before it: expressions never span paragraphs */
    uint8_t title; /* Capitalised: set by tokenize_reference only, the grammar asks tok_title */
    uint8_t ndig;  /* digits in a number */
    char ch;       /* punctuation, dashes folded to '-' */
    int16_t kw;
    int32_t val; /* number value, capped */
} tok_t;

/* Keyword lookup. Every lower-case letter that occurs in a keyword gets a
 * 6-bit code (1..63); a word's key is the codes of its lower-cased characters,
 * 6 bits each, with its character count above them (bit KW_LEN_SHIFT on).
 * A character outside that alphabet (another letter, a combining mark) has
 * code 0, which no keyword character has, so such a word never matches; equal
 * keys of words of at most KW_MAX_CPS characters are equal lower-case
 * spellings. The keys hash into a table where no two keywords share a slot
 * (kw_init picks the multiplier), so a look-up is one multiply, one slot and
 * one compare. Built once (immutable after, so safe to share between threads). */
enum { KW_MAX_CPS = 6, KW_CODE_BITS = 6, KW_LEN_SHIFT = 36, KW_SLOT_BITS = 11, KW_MAX_BYTES = 12 };
_Static_assert(KW_LEN_SHIFT >= KW_MAX_CPS * KW_CODE_BITS, "the count sits above the codes");
/* Slot entries: the key, and the keyword + 1 from bit KW_VAL_SHIFT on; 0 = empty. */
enum { KW_VAL_SHIFT = 48 };
static uint64_t kw_table[1u << KW_SLOT_BITS];
static uint64_t kw_mult;
static pthread_once_t kw_once = PTHREAD_ONCE_INIT;

/* Per character: WC_WORD when it continues a word (a letter or a combining
 * mark U+0300–U+036F), WC_LETTER when it starts one (a letter), and in
 * WC_CODE the keyword-alphabet code of its lower case (0: in no keyword).
 * For ASCII bytes (0 for the others), U+0000–U+023F and U+1E00–U+1EFF. */
enum { WC_CODE = 0x3F, WC_LETTER = 0x40, WC_WORD = 0x80 };
static uint8_t wc_ascii[256], wc_2byte[0x240], wc_vi[0x100];
/* The alphabet code of a lower-case letter (0: in no keyword); keywords are
 * NFC lower-case, all of their letters below U+0250 or in U+1E00–U+1EFF. */
static uint8_t code_latin[0x250], code_vi[0x100];
static unsigned kw_alpha_n;

static uint8_t *kw_code_slot(int32_t lower) {
    if (lower >= 0 && lower < 0x250) return &code_latin[lower];
    if (lower >= 0x1E00 && lower < 0x1F00) return &code_vi[lower - 0x1E00];
    return NULL;
}

static unsigned kw_code(int32_t lower) {
    const uint8_t *c = kw_code_slot(lower);
    return c ? *c : 0;
}

/* The WC_ bits of any code point (the tables hold the same for theirs). */
static unsigned wc_of(int32_t cp) {
    int fl = sk_cp_flags(cp);
    if (fl & 1) return WC_WORD | WC_LETTER | kw_code(sk_to_lower(cp));
    return cp >= 0x300 && cp <= 0x36F ? WC_WORD : 0;
}

static uint32_t kw_slot_of(uint64_t key) {
    return (uint32_t)((key * kw_mult) >> (64 - KW_SLOT_BITS));
}

static void tx_tables_init(void);
static void hint_init(void);
static void kw_init(void) {
    tx_tables_init();
    uint64_t keys[SK_ARRAY_LEN(KEYWORDS)];
    for (size_t k = 0; k < SK_ARRAY_LEN(KEYWORDS); k++) {
        const char *w = KEYWORDS[k].word;
        uint64_t key = 0, nc = 0;
        for (size_t i = 0, n = strlen(w); i < n; nc++) {
            int32_t cp = 0;
            int m = sk_utf8_decode(w + i, n - i, &cp);
            uint8_t *slot = kw_code_slot(cp);
            if (!slot || (!*slot && kw_alpha_n == WC_CODE)) abort(); /* see code_latin */
            if (!*slot) *slot = (uint8_t)++kw_alpha_n;
            unsigned c = *slot;
            key = key << KW_CODE_BITS | c;
            i += (size_t)(m > 0 ? m : 1);
        }
        if (nc > KW_MAX_CPS) abort(); /* a keyword longer than the key holds */
        keys[k] = key | nc << KW_LEN_SHIFT;
    }
    for (int b = 0; b < 128; b++)
        wc_ascii[b] = (uint8_t)wc_of(b);
    for (int32_t cp = 0; cp < 0x240; cp++)
        wc_2byte[cp] = (uint8_t)wc_of(cp);
    for (int32_t cp = 0; cp < 0x100; cp++)
        wc_vi[cp] = (uint8_t)wc_of(0x1E00 + cp);
    /* Odd multipliers from the golden ratio's on, until no two keywords
     * collide: deterministic. */
    for (kw_mult = 0x9E3779B97F4A7C15ull;; kw_mult += 0x2545F4914F6CDD1Eull) {
        memset(kw_table, 0, sizeof kw_table);
        size_t k = 0;
        for (; k < SK_ARRAY_LEN(KEYWORDS); k++) {
            uint32_t h = kw_slot_of(keys[k]);
            if (kw_table[h]) break;
            kw_table[h] = keys[k] | (uint64_t)(k + 1) << KW_VAL_SHIFT;
        }
        if (k == SK_ARRAY_LEN(KEYWORDS)) break;
    }
    hint_init();
}

/* The keyword of a word of nc characters with codes key (see above). */
static int lookup_key(uint64_t key, unsigned nc) {
    if (nc > KW_MAX_CPS) return KW_NONE;
    key |= (uint64_t)nc << KW_LEN_SHIFT;
    uint64_t e = kw_table[kw_slot_of(key)];
    if ((e & ((1ull << KW_VAL_SHIFT) - 1)) != key) return KW_NONE;
    return KEYWORDS[(e >> KW_VAL_SHIFT) - 1].kw;
}

/* The reference look-up: the lower-case word w[0..n) against every keyword. */
static int lookup_keyword(const char *w, size_t n) {
    for (size_t k = 0; k < SK_ARRAY_LEN(KEYWORDS); k++)
        if (strlen(KEYWORDS[k].word) == n && !memcmp(KEYWORDS[k].word, w, n)) return KEYWORDS[k].kw;
    return KW_NONE;
}

/* The keywords a match can start with: the prefixes parse_prefix reads at
 * its first token (từ, đầu/cuối/giữa, a part of day or rạng, ngày, hôm, thứ,
 * chủ, mùng) and the first words of the other forms in match_at (trước đó,
 * cùng ngày, ngay sau đó, tháng, năm, tuần). At any other keyword parse_prefix
 * takes nothing and every form fails. */
static const uint64_t START_KWS =
    1ull << KW_TU | 1ull << KW_DAU | 1ull << KW_CUOI | 1ull << KW_GIUA | 1ull << KW_RANG |
    1ull << KW_SANG | 1ull << KW_CHIEU | 1ull << KW_TOI | 1ull << KW_TRUA | 1ull << KW_DEM |
    1ull << KW_KHUYA | 1ull << KW_NGAY | 1ull << KW_HOM | 1ull << KW_THU | 1ull << KW_CHU |
    1ull << KW_MUNG | 1ull << KW_TRUOC | 1ull << KW_CUNG | 1ull << KW_NGAY_ADV | 1ull << KW_THANG |
    1ull << KW_NAM | 1ull << KW_TUAN;
_Static_assert(KW_SAFE < 64, "START_KWS holds one bit per keyword");

static int starts_expression(int kw) {
    return kw >= 0 && (START_KWS >> kw & 1);
}

/* The tokens of one segment of the text: tokenized lazily, from a chunk start
 * (a byte after white space) on, only as far as the grammar reads (tok_have).
 * Segment indices stand for text-wide ones: a segment starts at the text's
 * first token or at least two tokens before any trigger matched in it, and
 * the grammar looks back at most two tokens from a trigger, so its "first
 * token of the text" tests (i == 0, i < 2) come out the same. */
typedef struct scan {
    const char *text;
    size_t len;
    tok_t *t;
    size_t n, cap;
    size_t pos;     /* next byte to tokenize */
    uint8_t sp, nl; /* white space / newline seen since the last token */
    int oom;        /* a token could not be stored: the whole call fails */
    /* The triggers (numbers, START_KWS), in order: token indices from
     * tokenize (sk_timex_find), start bytes from hinted_triggers
     * (sk_timex_find_hinted). */
    uint32_t *trig;
    size_t n_trig, trig_cap;
} scan_t;

static int push_trigger(scan_t *s, size_t start) {
    if (s->n_trig == s->trig_cap) {
        size_t ncap = s->trig_cap ? s->trig_cap * 2 : 64;
        uint32_t *nt = realloc(s->trig, ncap * sizeof *nt);
        if (!nt) return SK_ENOMEM;
        s->trig = nt;
        s->trig_cap = ncap;
    }
    s->trig[s->n_trig++] = (uint32_t)start;
    return SK_OK;
}

static int push_tok(scan_t *s, const tok_t *tk) {
    if (s->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 256;
        tok_t *nt = realloc(s->t, ncap * sizeof *nt);
        if (!nt) return SK_ENOMEM;
        s->t = nt;
        s->cap = ncap;
    }
    s->t[s->n++] = *tk;
    return SK_OK;
}

/* The reference tokenizer: the plain version of tokenize() below, kept for
 * sk_timex_check_tokenizer (the unit tests compare the two on tricky text). */
static int tokenize_reference(scan_t *s) {
    const char *p = s->text;
    size_t len = s->len, i = 0;
    int sp = 1, nl = 1;
    while (i < len) {
        unsigned char b = (unsigned char)p[i];
        if (b == ' ' || b == '\t' || b == '_') {
            sp = 1;
            i++;
            continue;
        }
        if (b == '\n') {
            sp = nl = 1;
            i++;
            continue;
        }
        tok_t tk = {.start = (uint32_t)i, .sp = (uint8_t)sp, .nl = (uint8_t)nl, .kw = KW_NONE};
        sp = nl = 0;
        if (b >= '0' && b <= '9') {
            tk.kind = T_NUM;
            int32_t v = 0;
            unsigned nd = 0;
            while (i < len && p[i] >= '0' && p[i] <= '9') {
                if (v < 100000) v = v * 10 + (p[i] - '0');
                nd++;
                i++;
            }
            tk.val = v;
            tk.ndig = (uint8_t)(nd > 255 ? 255 : nd);
        } else {
            int32_t cp;
            int n = sk_utf8_decode(p + i, len - i, &cp);
            if (n < 1) {
                n = 1;
                cp = 0xFFFD;
            }
            if (sk_is_letter(cp)) {
                /* A word: letters (and combining marks) up to the next non-letter. */
                char low[32];
                size_t lo = 0;
                int first_upper = sk_is_upper(cp), rest_lower = 0;
                size_t j = i;
                /* Lower-cased only up to KW_MAX_BYTES: a longer word is no keyword
                 * (lookup_keyword rejects it), so the rest is only scanned. */
                for (int first = 1; j < len; first = 0) {
                    unsigned char cb = (unsigned char)p[j];
                    if (cb < 0x80) { /* ASCII fast path */
                        unsigned char lc = cb | 0x20;
                        if (lc < 'a' || lc > 'z') break;
                        if (!first && cb >= 'a') rest_lower = 1;
                        if (lo <= KW_MAX_BYTES) low[lo++] = (char)lc;
                        j++;
                        continue;
                    }
                    int32_t c;
                    int m = sk_utf8_decode(p + j, len - j, &c);
                    if (m < 1) break;
                    int fl = sk_cp_flags(c), letter = fl & 1;
                    if (!letter && !(c >= 0x300 && c <= 0x36F)) break;
                    if (!first && letter && !(fl & 2)) rest_lower = 1;
                    if (lo <= KW_MAX_BYTES) lo += (size_t)sk_utf8_encode(sk_to_lower(c), low + lo);
                    j += (size_t)m;
                }
                tk.kind = T_WORD;
                tk.title = (uint8_t)(first_upper && rest_lower);
                tk.kw = (int16_t)lookup_keyword(low, lo);
                i = j;
            } else {
                tk.kind = T_PUNCT;
                if (cp == 0x2013 || cp == 0x2014 || cp == 0x2212 || cp == 0x2010 || cp == 0x2011)
                    tk.ch = '-';
                else if (cp < 0x80)
                    tk.ch = (char)cp;
                else
                    tk.ch = '?';
                i += (size_t)n;
            }
        }
        tk.end = (uint32_t)i;
        if (push_tok(s, &tk)) return SK_ENOMEM;
    }
    return SK_OK;
}

/* Byte classes for tokenize's dispatch; filled by tx_tables_init, immutable
 * after. */
enum { BC_SPACE = 0, BC_NL = 1, BC_ALPHA, BC_HIGH, BC_DIGIT, BC_PUNCT };
static uint8_t byte_class[256];

static void tx_tables_init(void) {
    for (int b = 0; b < 256; b++) {
        unsigned char lc = (unsigned char)(b | 0x20);
        if (b == ' ' || b == '\t' || b == '_')
            byte_class[b] = BC_SPACE;
        else if (b == '\n')
            byte_class[b] = BC_NL;
        else if (b >= '0' && b <= '9')
            byte_class[b] = BC_DIGIT;
        else if (b < 0x80 && lc >= 'a' && lc <= 'z')
            byte_class[b] = BC_ALPHA;
        else if (b >= 0x80)
            byte_class[b] = BC_HIGH;
        else
            byte_class[b] = BC_PUNCT;
    }
}

/* Capitalised: the first letter upper-case and some later letter lower-case
 * (combining marks are neither), for the word text[i..end). Worked out when
 * the grammar asks (tok_title), for a few tokens next to the triggers, instead
 * of for every word. */
static uint8_t word_title(const char *p, size_t len, size_t i, size_t end) {
    int32_t cp;
    int m = sk_utf8_decode(p + i, len - i, &cp);
    if (m < 1 || !sk_is_upper(cp)) return 0;
    for (size_t j = i + (size_t)m; j < end; j += (size_t)m) {
        m = sk_utf8_decode(p + j, len - j, &cp);
        if (m < 1) return 0; /* cannot happen: the word was decoded before */
        int fl = sk_cp_flags(cp);
        if ((fl & 1) && !(fl & 2)) return 1;
    }
    return 0;
}

/* The character at p[j] (j < len), not ASCII: returns its length and *wc its
 * WC_ bits, or 0 when the UTF-8 there is invalid (*cp as sk_utf8_decode). */
static inline int high_char(const char *p, size_t len, size_t j, unsigned *wc, int32_t *cp) {
    unsigned char b = (unsigned char)p[j], c1 = j + 1 < len ? (unsigned char)p[j + 1] : 0;
    if (b >= 0xC2 && b < 0xC9 && (c1 & 0xC0) == 0x80) { /* U+0080–U+023F: Latin */
        *cp = (int32_t)(b & 0x1F) << 6 | (c1 & 0x3F);
        *wc = wc_2byte[*cp];
        return 2;
    }
    if (b == 0xE1 && (c1 & 0xFC) == 0xB8 && j + 2 < len &&
        ((unsigned char)p[j + 2] & 0xC0) == 0x80) {
        /* U+1E00–U+1EFF: Vietnamese vowels with two marks */
        int32_t low = (int32_t)(c1 & 0x03) << 6 | ((unsigned char)p[j + 2] & 0x3F);
        *cp = 0x1E00 + low;
        *wc = wc_vi[low];
        return 3;
    }
    int m = sk_utf8_decode(p + j, len - j, cp);
    if (m < 1) return 0;
    *wc = wc_of(*cp);
    return m;
}

/* The rest of a word from p[j] on: letters and combining marks up to the next
 * non-letter, after nc characters with codes key. Returns its end; *kw the
 * word's keyword. */
#if defined(__GNUC__)
#define TX_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define TX_ALWAYS_INLINE inline
#endif
/* Inlined into tokenize's loop even though read_token calls it too (a call per
 * word was 10% more instructions for sk_timex_find). */
static TX_ALWAYS_INLINE size_t scan_word(const char *p, size_t len, size_t j, uint64_t key,
                                         unsigned nc, int *kw) {
    for (;;) {
        unsigned wc;
        while (j < len && (wc = wc_ascii[(unsigned char)p[j]])) {
            key = key << KW_CODE_BITS | (wc & WC_CODE);
            nc++;
            j++;
        }
        if (j >= len || (unsigned char)p[j] < 0x80) break; /* the end, or ASCII that is no letter */
        int32_t cp;
        int m = high_char(p, len, j, &wc, &cp);
        if (!m || !(wc & WC_WORD)) break;
        key = key << KW_CODE_BITS | (wc & WC_CODE);
        nc++;
        j += (size_t)m;
    }
    *kw = lookup_key(key, nc);
    return j;
}

/* The token at p[i] (not white space): its kind, end, and kw / val, ndig / ch;
 * start, sp and nl are the caller's. The same tokens as tokenize_reference
 * (title case aside, left to tok_title), with table dispatch. */
/* Always inlined into its callers' loops (tok_extend, chunk_triggers,
 * trigger_alive): a call per token, with tk in memory, was ~17 M instructions
 * more on the corpus. */
static TX_ALWAYS_INLINE size_t read_token(const char *p, size_t len, size_t i, tok_t *tk) {
    unsigned char b = (unsigned char)p[i];
    unsigned cls = byte_class[b];
    int32_t cp = b;
    int n = 1;
    unsigned wc = wc_ascii[b];
    if (cls == BC_HIGH) {
        n = high_char(p, len, i, &wc, &cp);
        if (!n) {
            n = 1;
            cp = 0xFFFD;
            wc = 0;
        }
    }
    if (wc & WC_LETTER) {
        int kw;
        size_t end = scan_word(p, len, i + (size_t)n, wc & WC_CODE, 1, &kw);
        tk->kind = T_WORD;
        tk->kw = (int16_t)kw;
        return end;
    }
    if (cls == BC_DIGIT) {
        tk->kind = T_NUM;
        int32_t v = 0;
        unsigned nd = 0;
        while (i < len && p[i] >= '0' && p[i] <= '9') {
            if (v < 100000) v = v * 10 + (p[i] - '0');
            nd++;
            i++;
        }
        tk->val = v;
        tk->ndig = (uint8_t)(nd > 255 ? 255 : nd);
        return i;
    }
    tk->kind = T_PUNCT; /* BC_PUNCT (cp = b), or a character that is no letter */
    if (cp == 0x2013 || cp == 0x2014 || cp == 0x2212 || cp == 0x2010 || cp == 0x2011)
        tk->ch = '-';
    else if (cp < 0x80)
        tk->ch = (char)cp;
    else
        tk->ch = '?';
    return i + (size_t)n;
}

/* Tokenize on until token i exists; 0 when the text ends first (or memory
 * runs out: s->oom). */
static int tok_extend(scan_t *s, size_t i) {
    const char *p = s->text;
    size_t len = s->len, pos = s->pos;
    while (s->n <= i) {
        unsigned cls;
        while (pos < len && (cls = byte_class[(unsigned char)p[pos]]) <= BC_NL) {
            s->sp = 1;
            s->nl |= (uint8_t)cls;
            pos++;
        }
        if (pos >= len) break;
        if (s->n == s->cap) {
            size_t ncap = s->cap ? s->cap * 2 : 256;
            tok_t *nt = realloc(s->t, ncap * sizeof *nt);
            if (!nt) {
                s->oom = 1;
                break;
            }
            s->t = nt;
            s->cap = ncap;
        }
        tok_t *tk = &s->t[s->n++];
        *tk = (tok_t){.start = (uint32_t)pos, .sp = s->sp, .nl = s->nl, .kw = KW_NONE};
        s->sp = s->nl = 0;
        pos = read_token(p, len, pos, tk);
        tk->end = (uint32_t)pos;
    }
    s->pos = pos;
    return s->n > i;
}

/* Token i of the segment exists (tokenized now if need be). */
static inline int tok_have(scan_t *s, size_t i) {
    return i < s->n || tok_extend(s, i);
}

/* Start a new segment at byte at, the start of a chunk. */
static void seg_start(scan_t *s, size_t at) {
    size_t k = at;
    while (k > 0 && byte_class[(unsigned char)s->text[k - 1]] <= BC_NL && s->text[k - 1] != '\n')
        k--;
    s->n = 0;
    s->pos = at;
    s->sp = 1;
    s->nl = k == 0 || s->text[k - 1] == '\n';
}

/* Split all of text into tokens: the same tokens as tokenize_reference (title
 * case aside, left to tok_title), with a table dispatch per byte and tokens
 * written in place, and list the triggers by token index (sk_timex_find). */
static int tokenize(scan_t *s) {
    const char *p = s->text;
    size_t len = s->len, i = 0;
    tok_t *toks = s->t; /* s->t and s->n in locals: the token stores would reload them */
    size_t n_tok = s->n;
    uint8_t sp = 1, nl = 1;
    int rc = SK_OK;
    while (i < len) {
        unsigned char b = (unsigned char)p[i];
        unsigned cls = byte_class[b];
        if (cls <= BC_NL) { /* white space: BC_SPACE 0, BC_NL 1 */
            sp = 1;
            nl |= (uint8_t)cls;
            i++;
            continue;
        }
        if (n_tok == s->cap) {
            size_t ncap = s->cap ? s->cap * 2 : 256;
            tok_t *nt = realloc(toks, ncap * sizeof *nt);
            if (!nt) {
                rc = SK_ENOMEM;
                break;
            }
            s->t = toks = nt;
            s->cap = ncap;
        }
        tok_t *tk = &toks[n_tok++];
        *tk = (tok_t){.start = (uint32_t)i, .sp = sp, .nl = nl, .kw = KW_NONE};
        sp = nl = 0;
        int32_t cp = b;
        int n = 1;
        unsigned wc = wc_ascii[b];
        if (cls == BC_HIGH) {
            n = high_char(p, len, i, &wc, &cp);
            if (!n) {
                n = 1;
                cp = 0xFFFD;
                wc = 0;
            }
        }
        if (wc & WC_LETTER) {
            int kw;
            size_t end = scan_word(p, len, i + (size_t)n, wc & WC_CODE, 1, &kw);
            tk->kind = T_WORD;
            tk->kw = (int16_t)kw;
            tk->end = (uint32_t)end;
            i = end;
            if (i < len && p[i] == ' ') { /* the usual single space, without the dispatch */
                sp = 1;
                i++;
            }
            if (starts_expression(kw) && (rc = push_trigger(s, n_tok - 1))) break;
            continue;
        }
        if (cls == BC_DIGIT) {
            tk->kind = T_NUM;
            int32_t v = 0;
            unsigned nd = 0;
            while (i < len && p[i] >= '0' && p[i] <= '9') {
                if (v < 100000) v = v * 10 + (p[i] - '0');
                nd++;
                i++;
            }
            tk->val = v;
            tk->ndig = (uint8_t)(nd > 255 ? 255 : nd);
            tk->end = (uint32_t)i;
            if ((rc = push_trigger(s, n_tok - 1))) break;
            continue;
        }
        tk->kind = T_PUNCT; /* BC_PUNCT (cp = b), or a character that is no letter */
        if (cp == 0x2013 || cp == 0x2014 || cp == 0x2212 || cp == 0x2010 || cp == 0x2011)
            tk->ch = '-';
        else if (cp < 0x80)
            tk->ch = (char)cp;
        else
            tk->ch = '?';
        i += (size_t)n;
        tk->end = (uint32_t)i;
    }
    s->n = n_tok;
    return rc;
}

/* ---- triggers from hints ------------------------------------------------ */

static int is_space_byte(char b);

/* Every trigger keyword starts an expression only before a few tokens:
 * parse_prefix takes the trigger (and nothing after it unless the next token
 * is itself one of these), and every form of match_at then needs the next
 * token to be a number or one of a few words, or fails without side effects:
 *   "chủ" Chủ nhật; "thứ" thứ Hai ... thứ Bảy, thứ 2; "cùng" cùng ngày/hôm;
 *   "trước" trước đó; "ngay" ngay sau/trước đó; "rạng" rạng sáng;
 *   "tuần" tuần trước/qua/này/tới/sau; "tháng" / "năm" the same or a number;
 *   "mùng" a number; "ngày" / "hôm" a number, a weekday, mùng, a relative or
 *   anaphoric word; a part of day those, sớm / tối or cùng; "từ" and
 *   đầu / cuối / giữa a number, another prefix, tháng, năm or tuần.
 * So a trigger followed by any other token (or by none) is dropped: no
 * segment is tokenized for it. Mostly "chủ tịch", "đầu tư", "giữa hai",
 * "thứ trưởng", "cùng với", "trước khi", "từ khi" in the corpus. The keywords
 * the next token may have, as bits, and NEXT_NUM when it may be a number. */
#define NEXT_NUM (1ull << 63)
_Static_assert(KW_SAFE < 63, "bit 63 of trigger_next_kws is no keyword's");
#define B(k) (1ull << (k))
static uint64_t trigger_next_kws(int kw) {
    const uint64_t weekday = B(KW_THU) | B(KW_CHU),
                   pod = B(KW_SANG) | B(KW_CHIEU) | B(KW_TOI) | B(KW_TRUA) | B(KW_DEM) |
                         B(KW_KHUYA) | B(KW_RANG),
                   rel = B(KW_TRUOC) | B(KW_QUA) | B(KW_NAY_THIS) | B(KW_TOI_NEXT) | B(KW_SAU),
                   prefixed = NEXT_NUM | pod | weekday | B(KW_NGAY) | B(KW_HOM) | B(KW_MUNG) |
                              B(KW_THANG) | B(KW_NAM) | B(KW_TUAN);
    switch (kw) {
    case KW_CHU:
        return B(KW_NHAT);
    case KW_THU:
        return NEXT_NUM | B(KW_HAI) | B(KW_BA) | B(KW_TU_WED) | B(KW_NAM) | B(KW_SAU_FRI) |
               B(KW_BAY);
    case KW_CUNG:
        return B(KW_NGAY) | B(KW_HOM);
    case KW_TRUOC:
        return B(KW_DO);
    case KW_NGAY_ADV:
        return B(KW_SAU) | B(KW_TRUOC);
    case KW_RANG:
        return B(KW_SANG);
    case KW_TUAN:
        return rel;
    case KW_THANG:
        return NEXT_NUM | rel;
    case KW_NAM:
        return NEXT_NUM | B(KW_NGOAI) | B(KW_TRUOC) | B(KW_NAY) | B(KW_TOI_NEXT) | B(KW_SAU);
    case KW_MUNG:
        return NEXT_NUM;
    case KW_NGAY:
        return NEXT_NUM | weekday | B(KW_HOM) | B(KW_MUNG) | B(KW_MAI) | B(KW_KIA) | B(KW_TIEP);
    case KW_HOM:
        return NEXT_NUM | weekday | B(KW_MUNG) | B(KW_NAY) | B(KW_QUA) | B(KW_KIA) | B(KW_DO) |
               B(KW_AY) | B(KW_SAU) | B(KW_TRUOC);
    case KW_SANG:
    case KW_CHIEU:
    case KW_TOI:
    case KW_TRUA:
    case KW_DEM:
    case KW_KHUYA:
        return NEXT_NUM | weekday | B(KW_NGAY) | B(KW_HOM) | B(KW_MUNG) | B(KW_SOM) | B(KW_TOI) |
               B(KW_NAY) | B(KW_QUA) | B(KW_MAI) | B(KW_CUNG);
    case KW_TU:
        return prefixed | B(KW_DAU) | B(KW_CUOI) | B(KW_GIUA);
    case KW_DAU:
    case KW_CUOI:
    case KW_GIUA:
        return prefixed;
    default:
        return 0; /* a number: always kept */
    }
}
#undef B

/* The next token nx after a trigger with keyword kw allows an expression. */
static int next_allows(int kw, const tok_t *nx) {
    uint64_t need = trigger_next_kws(kw);
    if (!need) return 1;
    if (!nx) return 0;
    if (nx->kind == T_NUM) return (need & NEXT_NUM) != 0;
    return nx->kind == T_WORD && nx->kw >= 0 && (need >> nx->kw & 1);
}

/* The trigger word with keyword kw ending at text[end] may start an
 * expression: the next token (past white space, newlines too, which keeps
 * more than needed) is one trigger_next_kws allows. */
static int trigger_alive(const scan_t *s, size_t end, int kw) {
    if (!trigger_next_kws(kw)) return 1;
    while (end < s->len && is_space_byte(s->text[end]))
        end++;
    if (end >= s->len) return 0;
    tok_t nx = {.kw = KW_NONE};
    read_token(s->text, s->len, end, &nx);
    return next_allows(kw, &nx);
}

/* The trigger tokens (by start byte) in the chunk starting at text[a]; *e its
 * end. No token holds white space, so the chunk's tokens end where one ends
 * at white space or at the end of the text: the end is found by reading them,
 * not by a scan of its own. */
static int chunk_triggers(scan_t *s, size_t a, size_t *e) {
    while (a < s->len && !is_space_byte(s->text[a])) {
        tok_t tk;
        size_t end = read_token(s->text, s->len, a, &tk);
        if ((tk.kind == T_NUM ||
             (tk.kind == T_WORD && starts_expression(tk.kw) && trigger_alive(s, end, tk.kw))) &&
            push_trigger(s, a))
            return SK_ENOMEM;
        a = end;
    }
    *e = a;
    return SK_OK;
}

/* The triggers of the chunks holding the hints (byte offsets, ascending). */
static int hinted_triggers(scan_t *s, const uint32_t *hints, size_t n_hints) {
    const char *p = s->text;
    size_t done = 0; /* chunks before this byte are read */
    for (size_t k = 0; k < n_hints; k++) {
        size_t h = hints[k];
        if (h < done || h >= s->len || is_space_byte(p[h])) continue;
        size_t a = h, e;
        while (a > 0 && !is_space_byte(p[a - 1]))
            a--;
        if (chunk_triggers(s, a, &e)) return SK_ENOMEM;
        done = e;
    }
    return SK_OK;
}

/* The folded START_KWS keywords (sk_lex_pack of "tu", "ngay", ...) in the
 * slots of sk_timex_syllable_hint; filled by kw_init. */
static uint64_t hint_table[64];

static void hint_init(void) {
    static const char *const folded[] = {
        "tu",   "dau", "cuoi", "giua", "rang", "sang", "chieu", "toi",  "trua",  "dem", "khuya",
        "ngay", "hom", "thu",  "chu",  "mung", "mong", "truoc", "cung", "thang", "nam", "tuan"};
    for (size_t k = 0; k < SK_ARRAY_LEN(folded); k++) {
        uint64_t key = 0;
        for (size_t i = 0; folded[k][i]; i++)
            key |= (uint64_t)(unsigned char)folded[k][i] << (8 * i);
        uint64_t *slot = &hint_table[(key * SK_TIMEX_HINT_MULT) >> 58];
        if (*slot) abort(); /* SK_TIMEX_HINT_MULT no longer separates them */
        *slot = key;
    }
}

const uint64_t *sk_timex_hint_table(void) {
    pthread_once(&kw_once, kw_init);
    return hint_table;
}

static int is_space_byte(char b) {
    return byte_class[(unsigned char)b] <= BC_NL;
}

/* Where a segment for the trigger at byte at starts: at the chunk two chunks
 * before its own, or at the text's first chunk. */
static size_t window_start(const scan_t *s, size_t at) {
    const char *p = s->text;
    size_t k = at;
    while (k > 0 && !is_space_byte(p[k - 1]))
        k--;
    for (int c = 0; c < 2; c++) {
        size_t j = k;
        while (j > 0 && is_space_byte(p[j - 1]))
            j--;
        if (j == 0) return k;
        while (j > 0 && !is_space_byte(p[j - 1]))
            j--;
        k = j;
    }
    return k;
}

/* Tokenize all of text into s lazily (for the tests). */
static int tokenize_all(scan_t *s) {
    seg_start(s, 0);
    tok_have(s, SIZE_MAX - 1);
    return s->oom ? SK_ENOMEM : SK_OK;
}

static int same_tok(const char *text, size_t len, const tok_t *x, const tok_t *y) {
    /* title: the tokenizers but the reference leave it 0, the grammar works
     * it out with word_title */
    return x->start == y->start && x->end == y->end && x->kind == y->kind && x->sp == y->sp &&
           x->nl == y->nl && x->ndig == y->ndig && x->ch == y->ch && x->kw == y->kw &&
           x->val == y->val &&
           (x->kind != T_WORD || word_title(text, len, x->start, x->end) == y->title);
}

int sk_timex_check_tokenizer(const char *text, size_t len) {
    if (len > UINT32_MAX) return 0;
    pthread_once(&kw_once, kw_init);
    scan_t a = {.text = text, .len = len}, b = {.text = text, .len = len},
           c = {.text = text, .len = len};
    int ok =
        !tokenize(&a) && !tokenize_reference(&b) && !tokenize_all(&c) && a.n == b.n && c.n == b.n;
    for (size_t k = 0; ok && k < b.n; k++)
        ok = same_tok(text, len, &a.t[k], &b.t[k]) && same_tok(text, len, &c.t[k], &b.t[k]);
    /* tokenize's triggers, recomputed from the reference tokens; a segment
     * started at each one's window against the reference tokens there; the
     * triggers found from a hint at every byte. */
    size_t nt = 0, nh = 0;
    uint32_t *every = malloc((len ? len : 1) * sizeof *every);
    ok = ok && every;
    for (size_t k = 0; ok && k < len; k++)
        every[k] = (uint32_t)k;
    scan_t h = {.text = text, .len = len};
    ok = ok && !hinted_triggers(&h, every, len);
    for (size_t k = 0; ok && k < b.n; k++) {
        if (!(b.t[k].kind == T_NUM || (b.t[k].kind == T_WORD && starts_expression(b.t[k].kw))))
            continue;
        ok = nt < a.n_trig && a.trig[nt] == k;
        nt++;
        /* the hinted triggers leave out those trigger_alive drops: here by
         * the reference tokens */
        if (next_allows(b.t[k].kw, k + 1 < b.n ? &b.t[k + 1] : NULL)) {
            ok = ok && nh < h.n_trig && h.trig[nh] == b.t[k].start;
            nh++;
        }
        size_t win = window_start(&c, b.t[k].start), w = 0;
        while (ok && w < b.n && b.t[w].start < win)
            w++;
        ok = ok && w < b.n && b.t[w].start == win && (w == 0 || k - w >= 2);
        seg_start(&c, win);
        for (size_t j = 0; ok && w + j <= k; j++) {
            ok = tok_have(&c, j);
            ok = ok && same_tok(text, len, &c.t[j], &b.t[w + j]);
        }
    }
    ok = ok && nt == a.n_trig && nh == h.n_trig;
    free(every);
    free(a.t);
    free(a.trig);
    free(b.t);
    free(c.t);
    free(h.trig);
    return ok;
}

/* ---- matching helpers -------------------------------------------------- */

/* kw is a keyword (>= 0): only words carry one (the tokenizers leave the
 * others at KW_NONE), so the kind needs no test of its own. */
static int is_kw(scan_t *s, size_t i, int kw) {
    return tok_have(s, i) && s->t[i].kw == kw;
}
/* The keyword of token i, KW_NONE when it is none or the text ends first. */
static inline int kw_at(scan_t *s, size_t i) {
    return tok_have(s, i) ? s->t[i].kw : KW_NONE;
}
static int is_punct(scan_t *s, size_t i, char c) {
    return tok_have(s, i) && s->t[i].kind == T_PUNCT && s->t[i].ch == c;
}
static int is_num(scan_t *s, size_t i) {
    return tok_have(s, i) && s->t[i].kind == T_NUM;
}
/* Token i follows the previous one with no space in between. */
static int attached(scan_t *s, size_t i) {
    return tok_have(s, i) && !s->t[i].sp;
}
/* Token i continues the same paragraph. */
static int same_par(scan_t *s, size_t i) {
    return tok_have(s, i) && !s->t[i].nl;
}
/* Token i is a Capitalised word ("Mai", "Hai"). */
static int tok_title(scan_t *s, size_t i) {
    return tok_have(s, i) && s->t[i].kind == T_WORD &&
           word_title(s->text, s->len, s->t[i].start, s->t[i].end);
}
static int is_sep(scan_t *s, size_t i) {
    return is_punct(s, i, '/') || is_punct(s, i, '-') || is_punct(s, i, '.');
}
static int is_year_tok(scan_t *s, size_t i) {
    return is_num(s, i) && s->t[i].ndig == 4 && s->t[i].val >= 1000 && s->t[i].val <= 2200;
}
static int small_num(scan_t *s, size_t i, int lo, int hi) {
    return is_num(s, i) && s->t[i].ndig <= 2 && s->t[i].val >= lo && s->t[i].val <= hi;
}

/* The expression ending before token i is complete: the next token does not
 * glue onto it (a letter or digit right after, or another "/N" of a code). */
static int clean_end(scan_t *s, size_t i) {
    if (!attached(s, i)) return 1;
    /* by index, not a pointer: reading token i + 1 may move s->t */
    if (s->t[i].kind == T_WORD || s->t[i].kind == T_NUM) return 0;
    if (is_sep(s, i) && attached(s, i + 1) && (is_num(s, i + 1) || s->t[i + 1].kind == T_WORD))
        return 0;
    if (s->t[i].ch == '%') return 0;
    return 1;
}

/* The number at token i does not continue a code or a longer number to its left. */
static int clean_start(scan_t *s, size_t i) {
    if (i == 0 || !attached(s, i)) return 1;
    const tok_t *p = &s->t[i - 1];
    if (p->kind == T_WORD || p->kind == T_NUM) return 0;
    if (p->ch == '/' || p->ch == '-' || p->ch == '.' || p->ch == ',' || p->ch == ':') return 0;
    return 1;
}

/* ---- results ----------------------------------------------------------- */

typedef struct out {
    sk_arena_t *arena;
    sk_timex_t *items;
    size_t n, cap;
    int has_pub;
    sk_date_parts_t pub;
} out_t;

static int emit(out_t *o, const sk_timex_t *t) {
    if (o->n == o->cap) {
        size_t ncap = o->cap ? o->cap * 2 : 16;
        sk_timex_t *ni = sk_arena_grow(o->arena, o->items, sizeof *ni, o->n, ncap);
        if (!ni) return SK_ENOMEM;
        o->items = ni;
        o->cap = ncap;
    }
    o->items[o->n++] = *t;
    return SK_OK;
}

/* Fill the year of a day-precise absolute date (or range) from the publication
 * date when the text gave none, and set `future`. */
static void resolve_absolute(const out_t *o, sk_timex_t *t) {
    if (!o->has_pub) return;
    if (t->precision == SK_PREC_DAY && !t->from.year) {
        t->from.year = infer_year_day(&o->pub, t->from.month, t->from.day);
        t->year_from_published = t->from.year != 0;
        if (t->is_range && !t->to.year && t->from.year) {
            int cross = t->to.month < t->from.month;
            t->to.year = t->from.year + cross;
            if (!valid_date(t->to.year, t->to.month, t->to.day)) t->to.year = 0;
        }
    } else if (t->precision == SK_PREC_MONTH && !t->from.year) {
        t->from.year = infer_year_month(&o->pub, t->from.month);
        t->year_from_published = 1;
        if (t->is_range && !t->to.year) t->to.year = t->from.year + (t->to.month < t->from.month);
    }
    const sk_date_parts_t *f = &t->from, *p = &o->pub;
    if (!f->year) return;
    if (t->precision == SK_PREC_DAY)
        t->future |=
            days_from_civil(f->year, f->month, f->day) > days_from_civil(p->year, p->month, p->day);
    else if (t->precision == SK_PREC_MONTH)
        t->future |= f->year * 12 + f->month > p->year * 12 + p->month;
    else if (t->precision == SK_PREC_YEAR)
        t->future |= f->year > p->year;
}

/* ---- the grammar ------------------------------------------------------- */

typedef struct prefix {
    size_t start; /* token where the expression starts */
    size_t next;  /* first token after the prefixes */
    const char *pod;
    int ngay, hom, tu, weekday, paren, edge, mung;
    int wd, wd_title, wd_rel; /* weekday (0 = Monday), Capitalised, qualifier */
    size_t wd_end;            /* token after the weekday and its qualifier */
    int licensed;             /* a word that makes a bare D/M a date */
    int weak; /* licensed only by a preposition before it (vào, đến, tới: "tới 1/4 lượng dầu") */
} prefix_t;

/* Weekday at token i ("thứ Hai", "thứ 2", "Chủ nhật"): returns tokens used or 0. */
/* *wd is 0 for Monday ... 6 for Sunday; *title when the name is Capitalised
 * ("thứ Hai", "Chủ nhật"), which sets it apart from the ordinal "thứ hai". */
static int weekday_at(scan_t *s, size_t i, int *wd, int *title) {
    if (is_kw(s, i, KW_CHU) && is_kw(s, i + 1, KW_NHAT) && same_par(s, i + 1)) {
        *wd = 6;
        *title = 1;
        return 2;
    }
    if (!is_kw(s, i, KW_THU) || !same_par(s, i + 1)) return 0;
    *title = tok_title(s, i + 1);
    if (s->t[i + 1].kind == T_WORD) {
        switch (s->t[i + 1].kw) {
        case KW_HAI:
            *wd = 0;
            return 2;
        case KW_BA:
            *wd = 1;
            return 2;
        case KW_TU_WED:
            *wd = 2;
            return 2;
        case KW_NAM:
            *wd = 3;
            return 2;
        case KW_SAU_FRI:
            *wd = 4;
            return 2;
        case KW_BAY:
            *wd = 5;
            return 2;
        default:
            return 0;
        }
    }
    if (small_num(s, i + 1, 2, 7) && clean_end(s, i + 2)) {
        *wd = s->t[i + 1].val - 2;
        return 2;
    }
    return 0;
}

/* After a weekday: "tuần này" 0, "tuần trước/qua" -1, "tuần tới/sau" +1,
 * "vừa qua" WD_LAST, "tới"/"này" alone WD_NEXT / 0. */
enum { WD_NEAREST_PAST = 10, WD_NEXT = 11 };
static size_t weekday_qualifier(scan_t *s, size_t k, int *rel) {
    *rel = WD_NEAREST_PAST;
    if (!same_par(s, k) || !tok_have(s, k) || s->t[k].kind != T_WORD) return k;
    if (is_kw(s, k, KW_TUAN) && same_par(s, k + 1)) {
        if (is_kw(s, k + 1, KW_NAY_THIS)) return *rel = 0, k + 2;
        if (is_kw(s, k + 1, KW_TRUOC) || is_kw(s, k + 1, KW_QUA)) return *rel = -1, k + 2;
        if (is_kw(s, k + 1, KW_TOI_NEXT) || is_kw(s, k + 1, KW_SAU)) return *rel = 1, k + 2;
        return k;
    }
    if (is_kw(s, k, KW_VUA) && is_kw(s, k + 1, KW_QUA) && same_par(s, k + 1)) return k + 2;
    if (is_kw(s, k, KW_TOI_NEXT)) return *rel = WD_NEXT, k + 1;
    if (is_kw(s, k, KW_NAY_THIS)) return *rel = 0, k + 1;
    return k;
}

static const char *pod_name(int kw) {
    switch (kw) {
    case KW_SANG:
        return "sáng";
    case KW_CHIEU:
        return "chiều";
    case KW_TOI:
        return "tối";
    case KW_TRUA:
        return "trưa";
    case KW_DEM:
    case KW_KHUYA:
        return "đêm";
    default:
        return NULL;
    }
}

static void parse_prefix(scan_t *s, size_t i, prefix_t *p) {
    memset(p, 0, sizeof *p);
    p->start = i;
    size_t j = i;
    /* Each token's keyword is read once (kw_at) and compared with the
     * candidates, not looked up again per candidate (is_kw). */
    if (j > 0 && same_par(s, j)) { /* token j exists, so j - 1 does */
        int kp = s->t[j - 1].kw;
        if (kp == KW_VAO || kp == KW_HOI || kp == KW_DEN || kp == KW_TOI_NEXT)
            p->licensed = p->weak = 1;
    }
    if (is_kw(s, j, KW_TU)) p->tu = 1, j++;
    if (tok_have(s, j) && (j == i || same_par(s, j))) {
        int k0 = s->t[j].kw;
        if (k0 == KW_DAU || k0 == KW_CUOI || k0 == KW_GIUA) p->edge = k0, j++;
    }
    /* part of day: sáng, chiều, tối, trưa, đêm, khuya, rạng sáng, sáng sớm */
    if (tok_have(s, j) && (j == i || same_par(s, j))) {
        int k0 = s->t[j].kw;
        if (k0 == KW_RANG && is_kw(s, j + 1, KW_SANG) && same_par(s, j + 1)) {
            p->pod = "sáng";
            j += 2;
        } else if (pod_name(k0)) {
            p->pod = pod_name(k0);
            j++;
            if (k0 == KW_SANG && is_kw(s, j, KW_SOM) && same_par(s, j)) j++;
            if (k0 == KW_CHIEU && is_kw(s, j, KW_TOI) && same_par(s, j)) {
                p->pod = "tối"; /* chiều tối: early evening */
                j++;
            }
        }
    }
    if (tok_have(s, j) && (j == i || same_par(s, j))) {
        int k0 = s->t[j].kw, k1 = kw_at(s, j + 1);
        if (k1 == KW_THU) {
            /* "ngày thứ Tư", "hôm thứ ba", "sáng ngày thứ Ba" */
            if (k0 == KW_NGAY)
                p->ngay = 1, j++;
            else if (k0 == KW_HOM) /* after "ngày", token j is "thứ" */
                p->hom = 1, j++;
        } else if (k0 == KW_NGAY && k1 == KW_CHU) {
            p->ngay = 1, j++;
        } else if (k0 == KW_HOM && k1 == KW_CHU) {
            p->hom = 1, j++;
        }
    }
    if (tok_have(s, j) && (j == i || same_par(s, j))) {
        int w = weekday_at(s, j, &p->wd, &p->wd_title);
        if (w) {
            size_t k = weekday_qualifier(s, j + (size_t)w, &p->wd_rel);
            p->wd_end = k;
            if (is_punct(s, k, ',') && same_par(s, k)) k++;
            if (is_punct(s, k, '(') && same_par(s, k)) {
                p->paren = 1;
                k++;
            }
            p->weekday = 1;
            j = k;
        }
    }
    if (tok_have(s, j) && (j == i || same_par(s, j))) {
        if (is_kw(s, j, KW_NGAY)) {
            p->ngay = 1;
            j++;
        }
        if (is_kw(s, j, KW_HOM) && (j == i || same_par(s, j))) {
            p->hom = 1;
            j++;
        }
        if (is_kw(s, j, KW_MUNG) && (j == i || same_par(s, j))) p->mung = 1, j++;
    }
    p->next = j;
    if (p->pod || p->weekday || p->ngay || p->hom || p->tu || p->mung) p->licensed = 1, p->weak = 0;
}

/* Day/month core at token i: D sep M [sep Y], D-D sep M [sep Y], D tháng M [năm Y],
 * and D/M - D/M [Y] ranges. Returns the token after it, or 0. */
typedef struct core {
    sk_date_parts_t from, to;
    int range;
    size_t end;
} core_t;

/* D sep M [sep YYYY] at i; no range. */
static size_t day_month(scan_t *s, size_t i, int licensed, sk_date_parts_t *d, char *sep_out) {
    if (!small_num(s, i, 1, 31)) return 0;
    if (licensed >= 0 && !clean_start(s, i)) return 0; /* -1: second day of "3-6/12" */
    if (!is_sep(s, i + 1) || !attached(s, i + 1) || !attached(s, i + 2)) return 0;
    if (!small_num(s, i + 2, 1, 12)) return 0;
    char sep = s->t[i + 1].ch;
    int dd = s->t[i].val, mm = s->t[i + 2].val, yy = 0;
    size_t end = i + 3;
    if (is_punct(s, end, sep) && attached(s, end) && attached(s, end + 1) &&
        is_year_tok(s, end + 1)) {
        yy = s->t[end + 1].val;
        end += 2;
    }
    if (!clean_end(s, end)) return 0;
    if (!valid_date(yy, mm, dd)) return 0;
    if (!yy && !licensed && sep != '/') return 0; /* bare "3-1" (a score), "21.5" */
    *d = (sk_date_parts_t){yy, mm, dd};
    if (sep_out) *sep_out = sep;
    return end;
}

/* "tháng" M ["năm" YYYY | sep YYYY] after a day number (the "21 tháng 5" form). */
static size_t thang_month(scan_t *s, size_t i, int *m, int *y) {
    if (!is_kw(s, i, KW_THANG) || !same_par(s, i) || !small_num(s, i + 1, 1, 12)) return 0;
    *m = s->t[i + 1].val;
    *y = 0;
    size_t end = i + 2;
    if (is_kw(s, end, KW_NAM) && same_par(s, end) && is_year_tok(s, end + 1)) {
        *y = s->t[end + 1].val;
        end += 2;
    } else if (is_sep(s, end) && attached(s, end) && attached(s, end + 1) &&
               is_year_tok(s, end + 1)) {
        *y = s->t[end + 1].val;
        end += 2;
    }
    if (!clean_end(s, end)) return 0;
    return end;
}

/* A range connector at i: "-", "đến", "tới", "và" (optionally followed by "ngày").
 * Returns the token after it or 0. */
static size_t range_connector(scan_t *s, size_t i, int *is_and) {
    *is_and = 0;
    if (!same_par(s, i)) return 0;
    size_t j;
    if (is_punct(s, i, '-'))
        j = i + 1;
    else if (is_kw(s, i, KW_DEN) || is_kw(s, i, KW_TOI_NEXT))
        j = i + 1;
    else if (is_kw(s, i, KW_VA) || is_punct(s, i, ',')) { /* "25 và 26-10", "15, 16/6" */
        *is_and = 1;
        j = i + 1;
    } else
        return 0;
    if (is_kw(s, j, KW_NGAY) && same_par(s, j)) j++;
    if (!same_par(s, j)) return 0;
    return j;
}

static int range_ok(const sk_date_parts_t *a, const sk_date_parts_t *b) {
    int ya = a->year, yb = b->year;
    if (!ya && !yb) {
        ya = 2000;
        yb = b->month < a->month ? 2001 : 2000;
    } else if (!ya) {
        ya = b->month < a->month ? yb - 1 : yb;
    } else if (!yb) {
        yb = b->month < a->month ? ya + 1 : ya;
    }
    if (!valid_date(ya, a->month, a->day) || !valid_date(yb, b->month, b->day)) return 0;
    long da = days_from_civil(ya, a->month, a->day), db = days_from_civil(yb, b->month, b->day);
    return db > da && db - da <= 92;
}

static size_t parse_core(scan_t *s, size_t i, int licensed, core_t *c) {
    memset(c, 0, sizeof *c);
    if (!small_num(s, i, 1, 31) || !clean_start(s, i)) return 0;
    int d1 = s->t[i].val;

    /* D-D/M[/Y] with the dash attached: "3-6/12", "14-16/9", "3-6/12/2024". */
    if (is_punct(s, i + 1, '-') && attached(s, i + 1) && attached(s, i + 2) &&
        small_num(s, i + 2, 1, 31)) {
        sk_date_parts_t d2;
        char sep = 0;
        size_t e = day_month(s, i + 2, -1, &d2, &sep);
        if (!e) { /* "25-28 tháng 3-2018" */
            int m, y;
            size_t k = thang_month(s, i + 3, &m, &y);
            if (k && valid_date(y, m, s->t[i + 2].val)) {
                d2 = (sk_date_parts_t){y, m, s->t[i + 2].val};
                e = k;
                sep = '/';
            }
        }
        if (e && sep != '-' && d1 < d2.day && valid_date(d2.year, d2.month, d1)) {
            c->from = (sk_date_parts_t){d2.year, d2.month, d1};
            c->to = d2;
            c->range = 1;
            return c->end = e;
        }
    }

    /* D/M-D/M[/Y] with the dash attached: "từ ngày 28/6-1/7". */
    if (is_sep(s, i + 1) && !is_punct(s, i + 1, '-') && attached(s, i + 1) && attached(s, i + 2) &&
        small_num(s, i + 2, 1, 12) && is_punct(s, i + 3, '-') && attached(s, i + 3) &&
        attached(s, i + 4) && small_num(s, i + 4, 1, 31)) {
        sk_date_parts_t b;
        char sep = 0;
        size_t e = day_month(s, i + 4, -1, &b, &sep);
        sk_date_parts_t a = {0, s->t[i + 2].val, d1};
        if (e && sep == s->t[i + 1].ch) {
            if (b.year) a.year = b.month < a.month ? b.year - 1 : b.year;
            if (range_ok(&a, &b) && valid_date(a.year, a.month, a.day)) {
                c->from = a;
                c->to = b;
                c->range = 1;
                return c->end = e;
            }
        }
    }

    /* D/M[/Y], possibly the start of "D/M - D/M[/Y]". */
    sk_date_parts_t d;
    size_t e = day_month(s, i, licensed, &d, NULL);
    if (e) {
        int is_and;
        size_t j = range_connector(s, e, &is_and);
        sk_date_parts_t d2;
        size_t e2 = j && !is_and ? day_month(s, j, 1, &d2, NULL) : 0;
        if (e2) {
            sk_date_parts_t a = d, b = d2;
            if (!a.year && b.year) a.year = b.month < a.month ? b.year - 1 : b.year;
            if (!b.year && a.year) b.year = b.month < a.month ? a.year + 1 : a.year;
            if (range_ok(&a, &b) && valid_date(a.year, a.month, a.day) &&
                valid_date(b.year, b.month, b.day)) {
                c->from = a;
                c->to = b;
                c->range = 1;
                return c->end = e2;
            }
        }
        c->from = d;
        return c->end = e;
    }

    /* D (- | đến | tới | và) D/M[/Y] or D ... D tháng M [năm Y]: "từ 3 đến 6/12". */
    if (licensed && !(is_sep(s, i + 1) && attached(s, i + 1))) {
        int is_and;
        size_t j = range_connector(s, i + 1, &is_and);
        if (j && small_num(s, j, 1, 31)) {
            sk_date_parts_t d2 = {0, 0, 0};
            char sep = 0;
            size_t e2 = day_month(s, j, 1, &d2, &sep);
            if (!e2) {
                int m, y;
                size_t k = thang_month(s, j + 1, &m, &y);
                if (k) {
                    d2 = (sk_date_parts_t){y, m, s->t[j].val};
                    e2 = valid_date(y, m, d2.day) ? k : 0;
                }
            }
            if (e2 && d1 < d2.day && (!is_and || d2.day == d1 + 1) &&
                valid_date(d2.year, d2.month, d1)) {
                c->from = (sk_date_parts_t){d2.year, d2.month, d1};
                c->to = d2;
                c->range = 1;
                return c->end = e2;
            }
        }
    }

    /* D tháng M [năm Y]: "ngày 21 tháng 5 năm 2018". */
    {
        int m, y;
        size_t k = thang_month(s, i + 1, &m, &y);
        if (k && valid_date(y, m, d1) && (licensed || y)) {
            c->from = (sk_date_parts_t){y, m, d1};
            return c->end = k;
        }
    }
    return 0;
}

/* Is the bare D/M at i (no licensing prefix) likely something else: "24/7",
 * a fraction followed by a noun ("2/3 số đại biểu"), a document or page number? */
static int bare_not_date(scan_t *s, const prefix_t *p, const core_t *c) {
    if (p->licensed && !p->weak) return 0;
    if (c->from.year || c->range) return 0;
    if (p->start > 0 && same_par(s, p->start) && is_kw(s, p->start - 1, KW_DENY)) return 1;
    if (c->from.day == 24 && c->from.month == 7 && !p->licensed) return 1;
    /* A fraction: small numerator over a small denominator, then its noun. */
    if (c->from.day < c->from.month && c->from.month <= 10 && tok_have(s, c->end) &&
        s->t[c->end].kind == T_WORD && same_par(s, c->end)) {
        int kw = s->t[c->end].kw;
        if (kw == KW_NONE || kw == KW_DENY || kw == KW_PLURAL || kw == KW_CUNG) return 1;
    }
    return 0;
}

/* Relative day words after the prefix: returns tokens used and the offset in
 * days via *delta (hôm nay 0, hôm qua -1, hôm kia -2, ngày mai +1). */
static size_t relative_day(scan_t *s, const prefix_t *p, int *delta) {
    size_t j = p->next;
    if (p->weekday || p->tu || p->edge || p->mung) return 0;
    if (!same_par(s, j) && j != p->start) return 0;
    if (!tok_have(s, j) || s->t[j].kind != T_WORD || tok_title(s, j)) return 0;
    int kw = s->t[j].kw;
    if (p->hom) {
        if (kw == KW_NAY) return *delta = 0, j + 1;
        if (kw == KW_QUA) return *delta = -1, j + 1;
        if (kw == KW_KIA) return *delta = -2, j + 1;
        return 0;
    }
    if (p->ngay && kw == KW_MAI) return *delta = 1, j + 1;
    if (p->ngay && kw == KW_KIA) return *delta = 2, j + 1; /* the day after tomorrow */
    if (p->pod && !p->ngay) {
        if (kw == KW_NAY) return *delta = 0, j + 1;
        if (kw == KW_QUA) return *delta = -1, j + 1;
        if (kw == KW_MAI) return *delta = 1, j + 1;
    }
    return 0;
}

/* Anaphoric day words after the prefix: "cùng ngày", "cùng ngày hôm đó",
 * "hôm đó", "ngày hôm đó", "hôm sau", "ngày hôm sau", "hôm trước", "ngay sau đó". */
static size_t anaphoric_day(scan_t *s, const prefix_t *p, int *delta, int *vague) {
    size_t j = p->next;
    if (p->weekday || p->tu || p->edge || p->mung) return 0;
    if (j != p->start && !same_par(s, j)) return 0;
    *delta = 0;
    *vague = 0;
    /* "Trước đó": earlier, day unknown. */
    if (!p->hom && !p->ngay && !p->pod && is_kw(s, j, KW_TRUOC) && is_kw(s, j + 1, KW_DO) &&
        same_par(s, j + 1) &&
        (tok_title(s, j) || j == 0 || !same_par(s, j) || s->t[j - 1].kind == T_PUNCT ||
         is_punct(s, j + 2, ','))) {
        *vague = 1;
        return j + 2;
    }
    if (!p->hom && !p->ngay && is_kw(s, j, KW_CUNG) &&
        (is_kw(s, j + 1, KW_NGAY) || is_kw(s, j + 1, KW_HOM)) && same_par(s, j + 1)) {
        j += 2;
        if ((is_kw(s, j, KW_HOM) || is_kw(s, j, KW_NGAY)) && same_par(s, j) &&
            (is_kw(s, j + 1, KW_DO) || is_kw(s, j + 1, KW_AY)) && same_par(s, j + 1))
            j += 2;
        return j;
    }
    if (p->hom && (is_kw(s, j, KW_DO) || is_kw(s, j, KW_AY)) && same_par(s, j)) return j + 1;
    if (p->hom && is_kw(s, j, KW_SAU) && same_par(s, j)) {
        *delta = 1;
        j++;
        if (is_kw(s, j, KW_DO) && same_par(s, j)) j++;
        return j;
    }
    if (p->hom && is_kw(s, j, KW_TRUOC) && same_par(s, j) && !is_kw(s, j + 1, KW_DO)) {
        *delta = -1;
        return j + 1;
    }
    if (p->ngay && !p->pod && is_kw(s, j, KW_TIEP) && is_kw(s, j + 1, KW_THEO) &&
        same_par(s, j + 1)) {
        *delta = 1;
        return j + 2;
    }
    if (!p->hom && !p->ngay && !p->pod && is_kw(s, j, KW_NGAY_ADV) &&
        (is_kw(s, j + 1, KW_SAU) || is_kw(s, j + 1, KW_TRUOC)) && is_kw(s, j + 2, KW_DO) &&
        same_par(s, j + 1) && same_par(s, j + 2))
        return j + 3;
    return 0;
}

static int year_prep(scan_t *s, size_t i) {
    static const int kws[] = {KW_YEAR_PREP, KW_TU,       KW_HOI,   KW_VAO,
                              KW_DEN,       KW_TOI_NEXT, KW_TRUOC, KW_SAU};
    for (size_t k = 0; k < SK_ARRAY_LEN(kws); k++)
        if (is_kw(s, i, kws[k])) return 1;
    return 0;
}

/* "những năm 1990", "các tháng", "mỗi tháng"; with count set, also a
 * free-standing number ("6 tháng 9 ngày": a duration), but not "G20 tháng 7". */
static int preceded_by_plural(scan_t *s, size_t i, int count) {
    if (i == 0 || !same_par(s, i)) return 0;
    if (is_kw(s, i - 1, KW_PLURAL) || is_kw(s, i - 1, KW_DECADE)) return 1;
    return count && is_num(s, i - 1) &&
           (!attached(s, i - 1) || i < 2 || s->t[i - 2].kind == T_PUNCT);
}

typedef struct ctx {
    scan_t *s;
    out_t *o;
    long last_day; /* index in o->items of the last single day-precise date, -1 if none */
} ctx_t;

static void set_span(scan_t *s, sk_timex_t *t, size_t first, size_t end_tok) {
    t->start = s->t[first].start;
    t->end = s->t[end_tok - 1].end;
}

static int emit_day(ctx_t *c, sk_timex_t *t) {
    int rc = emit(c->o, t);
    if (!rc && t->precision == SK_PREC_DAY && !t->is_range) c->last_day = (long)c->o->n - 1;
    return rc;
}

/* "năm nay", "năm ngoái", "năm tới", "năm sau", "năm trước" right after a
 * yearless date ("19-11 năm nay"): returns the year offset, tokens in *end. */
static int year_word_after(scan_t *s, size_t i, size_t *end) {
    if (!is_kw(s, i, KW_NAM) || !same_par(s, i) || !same_par(s, i + 1)) return 99;
    if (!tok_have(s, i + 1) || s->t[i + 1].kind != T_WORD || tok_title(s, i + 1)) return 99;
    *end = i + 2;
    switch (s->t[i + 1].kw) {
    case KW_NAY:
        return 0;
    case KW_NGOAI:
    case KW_TRUOC:
        return -1;
    case KW_TOI_NEXT:
    case KW_SAU:
        return 1;
    default:
        return 99;
    }
}

/* Emit a day/month core (single or range) spanning tokens [first, core->end),
 * with the year words after it and the ")" of a weekday parenthesis. */
static long emit_core(ctx_t *c, const prefix_t *p, sk_timex_t *t, const core_t *core, size_t i,
                      int paren) {
    scan_t *s = c->s;
    out_t *o = c->o;
    t->cls = SK_TIMEX_ABSOLUTE;
    t->from = core->from;
    t->to = core->range ? core->to : (sk_date_parts_t){0, 0, 0};
    t->is_range = core->range;
    t->precision = SK_PREC_DAY;
    size_t e = core->end, ye;
    int dy;
    if (!t->from.year && (dy = year_word_after(s, e, &ye)) != 99) {
        e = ye;
        if (o->has_pub) {
            int y = o->pub.year + dy;
            if (valid_date(y, t->from.month, t->from.day)) {
                t->from.year = y;
                t->year_from_published = 1;
                if (t->is_range) {
                    t->to.year = y + (t->to.month < t->from.month);
                    if (!valid_date(t->to.year, t->to.month, t->to.day)) t->to.year = 0;
                }
            }
        }
    }
    if (paren && is_punct(s, e, ')') && same_par(s, e)) e++;
    /* "7/10 vừa qua" is in the past, "15/11 tới" / "15/11 sắp tới" ahead: that
     * settles a year taken from the publication date. */
    int dir = 0;
    if (!t->from.year && same_par(s, e) && same_par(s, e + 1)) {
        if (is_kw(s, e, KW_VUA) && is_kw(s, e + 1, KW_QUA))
            dir = -1, e += 2;
        else if (is_kw(s, e, KW_SAP) && is_kw(s, e + 1, KW_TOI_NEXT))
            dir = 1, e += 2;
        else if (is_kw(s, e, KW_TOI_NEXT) &&
                 (!tok_have(s, e + 1) || !same_par(s, e + 1) || s->t[e + 1].kind == T_PUNCT))
            dir = 1, e += 1;
    }
    set_span(s, t, p->start, e);
    resolve_absolute(o, t);
    if (dir && t->year_from_published && t->from.year) {
        long d = days_from_civil(t->from.year, t->from.month, t->from.day);
        long pd = days_from_civil(o->pub.year, o->pub.month, o->pub.day);
        int shift = dir < 0 && d > pd ? -1 : dir > 0 && d < pd ? 1 : 0;
        if (shift && valid_date(t->from.year + shift, t->from.month, t->from.day) &&
            (!t->is_range || valid_date(t->to.year + shift, t->to.month, t->to.day))) {
            t->from.year += shift;
            if (t->is_range) t->to.year += shift;
        }
        t->future = days_from_civil(t->from.year, t->from.month, t->from.day) > pd;
    }
    if (dir > 0) t->future = 1;
    int rc = emit_day(c, t);
    return rc ? rc : (long)(e - i);
}

/* An explicit date right after a relative or anaphoric word wins over it:
 * "hôm nay 29/4", "hôm qua, ngày 3/6", "hôm qua (1/5)", "cùng ngày 23/6".
 * Returns tokens consumed, or 0 when there is none. */
static long explicit_after(ctx_t *c, const prefix_t *p, sk_timex_t *t, size_t end, size_t i) {
    scan_t *s = c->s;
    size_t k = end;
    int paren = 0;
    if (is_punct(s, k, ',') && same_par(s, k)) k++;
    if (is_punct(s, k, '(') && same_par(s, k)) k++, paren = 1;
    if (is_kw(s, k, KW_NGAY) && same_par(s, k)) k++;
    core_t core;
    if (!same_par(s, k) || !parse_core(s, k, 1, &core)) return 0;
    return emit_core(c, p, t, &core, i, paren);
}

/* A weekday alone is a date only with a word that makes it one ("hôm thứ Ba",
 * "sáng thứ Bảy", "vào thứ Hai", "thứ Hai tới", "Ngày thứ Tư,"), or when it
 * opens a clause: "Thứ Hai, ...". Not the ordinal "ngày thứ hai của chuyến
 * thăm", not a name ("Hiếu Thứ Hai"). */
static int bare_weekday_ok(scan_t *s, const prefix_t *p) {
    if (p->hom || p->pod || p->weak || p->wd_rel != WD_NEAREST_PAST) return 1;
    if (!p->wd_title) return 0;
    if (p->ngay) return 1;
    size_t i = p->start;
    int opens = i == 0 || !same_par(s, i) || s->t[i - 1].kind == T_PUNCT;
    return opens && is_punct(s, p->wd_end, ',');
}

/* Try every form at token i. Returns tokens consumed (0 = nothing here), or a
 * negative status. */
static long match_at(ctx_t *c, size_t i) {
    scan_t *s = c->s;
    out_t *o = c->o;
    prefix_t p;
    parse_prefix(s, i, &p);
    sk_timex_t t;
    memset(&t, 0, sizeof t);
    t.part_of_day = p.pod;
    size_t j = p.next;
    int delta;
    size_t end;

    /* hôm nay / hôm qua / sáng nay / ngày mai ..., possibly followed by the
     * explicit date ("hôm nay 29/4", "hôm qua, ngày 3/6"), which then wins. */
    if ((end = relative_day(s, &p, &delta))) {
        t.future = delta > 0;
        long used = explicit_after(c, &p, &t, end, i);
        if (used) return used;
        t.cls = SK_TIMEX_RELATIVE;
        t.future = delta > 0;
        if (o->has_pub) {
            t.from = add_days(o->pub, delta);
            t.precision = SK_PREC_DAY;
            t.year_from_published = 1;
        }
        set_span(s, &t, p.start, end);
        int rc = emit_day(c, &t);
        return rc ? rc : (long)(end - i);
    }

    int vague;
    if ((end = anaphoric_day(s, &p, &delta, &vague))) {
        long used = !vague && !delta ? explicit_after(c, &p, &t, end, i) : 0;
        if (used) return used;
        t.cls = SK_TIMEX_ANAPHORIC;
        if (c->last_day >= 0 && !vague) {
            const sk_timex_t *a = &o->items[c->last_day];
            t.from = a->from;
            t.year_from_published = a->year_from_published;
            t.precision = SK_PREC_DAY;
            if (delta) {
                if (t.from.year) {
                    t.from = add_days(t.from, delta);
                } else { /* yearless: shift within a leap year, then drop it again */
                    sk_date_parts_t x =
                        add_days((sk_date_parts_t){2000, t.from.month, t.from.day}, delta);
                    t.from = (sk_date_parts_t){0, x.month, x.day};
                }
            }
            if (o->has_pub && t.from.year)
                t.future = days_from_civil(t.from.year, t.from.month, t.from.day) >
                           days_from_civil(o->pub.year, o->pub.month, o->pub.day);
        }
        set_span(s, &t, p.start, end);
        int rc = emit(o, &t); /* an anaphor does not become the next anchor */
        return rc ? rc : (long)(end - i);
    }

    /* Day/month dates and ranges. */
    if (is_num(s, j) && (j == i || same_par(s, j))) {
        core_t core;
        t.future = p.weekday && (p.wd_rel == WD_NEXT || p.wd_rel == 1);
        if (parse_core(s, j, p.licensed, &core) && !bare_not_date(s, &p, &core))
            return emit_core(c, &p, &t, &core, i, p.paren);
        /* ISO 8601 in the text: "2024-10-07". */
        if (is_year_tok(s, j) && clean_start(s, j) && is_punct(s, j + 1, '-') &&
            attached(s, j + 1) && attached(s, j + 2) && small_num(s, j + 2, 1, 12) &&
            s->t[j + 2].ndig == 2 && is_punct(s, j + 3, '-') && attached(s, j + 3) &&
            attached(s, j + 4) && small_num(s, j + 4, 1, 31) && s->t[j + 4].ndig == 2 &&
            (clean_end(s, j + 5) || (attached(s, j + 5) && s->t[j + 5].kind == T_WORD))) {
            memset(&core, 0, sizeof core);
            core.from = (sk_date_parts_t){s->t[j].val, s->t[j + 2].val, s->t[j + 4].val};
            core.end = j + 5;
            if (valid_date(core.from.year, core.from.month, core.from.day))
                return emit_core(c, &p, &t, &core, i, 0);
        }
        /* A bare year or year range after "ký", "từ", "hồi", "vào", "đến", "tới",
         * "trước", "sau", "trong", when only punctuation, "và" or "trở" follows:
         * "ký 1995,", "từ 1977,", "từ 1994-2012 và", "từ 2026 đến 2030." */
        size_t y0 = j;
        if (is_year_tok(s, y0) && s->t[y0].val >= 1900 && s->t[y0].val <= 2100 &&
            !attached(s, y0) && same_par(s, y0) &&
            (p.tu ? y0 == i + 1 && !p.edge : y0 == i && i > 0 && year_prep(s, i - 1))) {
            int y1 = s->t[y0].val, y2 = 0;
            size_t e = y0 + 1;
            if ((is_punct(s, e, '-') || is_kw(s, e, KW_DEN) || is_kw(s, e, KW_TOI_NEXT)) &&
                same_par(s, e) && same_par(s, e + 1) && is_year_tok(s, e + 1) &&
                s->t[e + 1].val > y1 && s->t[e + 1].val - y1 < 50) {
                y2 = s->t[e + 1].val;
                e += 2;
            }
            if (!tok_have(s, e) || !same_par(s, e) ||
                (s->t[e].kind == T_PUNCT && s->t[e].ch != '%' && clean_end(s, e)) ||
                is_kw(s, e, KW_VA) || is_kw(s, e, KW_TRO)) {
                t.cls = SK_TIMEX_ABSOLUTE;
                t.precision = SK_PREC_YEAR;
                t.from = (sk_date_parts_t){y1, 0, 0};
                if (y2) {
                    t.is_range = 1;
                    t.to = (sk_date_parts_t){y2, 0, 0};
                }
                set_span(s, &t, i, e);
                resolve_absolute(o, &t);
                int rc = emit(o, &t);
                return rc ? rc : (long)(e - i);
            }
        }
        return 0;
    }
    /* A weekday without a date: "hôm thứ Ba", "vào thứ Hai tới", "Chủ nhật tuần trước". */
    if (p.weekday && bare_weekday_ok(s, &p)) {
        t.cls = SK_TIMEX_RELATIVE;
        t.future = p.wd_rel == WD_NEXT || p.wd_rel == 1;
        if (o->has_pub) {
            long pd = days_from_civil(o->pub.year, o->pub.month, o->pub.day);
            int pwd = (int)(((pd + 3) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
            long d;
            if (p.wd_rel == WD_NEAREST_PAST)
                d = pd - (pwd - p.wd + 7) % 7;
            else if (p.wd_rel == WD_NEXT)
                d = pd + ((p.wd - pwd + 6) % 7 + 1);
            else
                d = pd - pwd + 7L * p.wd_rel + p.wd;
            t.from = civil_from_days(d);
            t.precision = SK_PREC_DAY;
            t.year_from_published = 1;
            t.future = d > pd;
        }
        set_span(s, &t, p.start, p.wd_end);
        int rc = emit_day(c, &t);
        return rc ? rc : (long)(p.wd_end - i);
    }
    if (p.pod || p.weekday || p.ngay || p.hom || p.mung) {
        if (j != i) return 0; /* prefixes without a date: let the scan move on */
    }

    /* tháng M [/Y | năm Y], tháng M-M2/Y, relative months. */
    if (is_kw(s, j, KW_THANG) && (j == i || same_par(s, j)) && !p.weekday && !p.pod) {
        if (preceded_by_plural(s, p.start, 1)) return 0;
        size_t k = j + 1;
        if (small_num(s, k, 1, 12) && same_par(s, k) && clean_start(s, k)) {
            int m1 = s->t[k].val, m2 = 0, y = 0;
            size_t e = k + 1;
            if (is_punct(s, e, '-') && attached(s, e) && attached(s, e + 1) &&
                small_num(s, e + 1, 1, 12) && s->t[e + 1].val > m1) {
                m2 = s->t[e + 1].val;
                e += 2;
            }
            if (is_sep(s, e) && attached(s, e) && attached(s, e + 1) && is_year_tok(s, e + 1)) {
                y = s->t[e + 1].val;
                e += 2;
            } else if (is_kw(s, e, KW_NAM) && same_par(s, e) && is_year_tok(s, e + 1)) {
                y = s->t[e + 1].val;
                e += 2;
            }
            if (!clean_end(s, e)) return 0;
            size_t ye;
            int dy = y ? 99 : year_word_after(s, e, &ye);
            if (dy != 99) { /* "cuối tháng 6 năm nay" */
                e = ye;
                if (o->has_pub) {
                    y = o->pub.year + dy;
                    t.year_from_published = 1;
                }
            }
            t.cls = SK_TIMEX_ABSOLUTE;
            t.precision = SK_PREC_MONTH;
            t.from = (sk_date_parts_t){y, m1, 0};
            if (m2) {
                t.is_range = 1;
                t.to = (sk_date_parts_t){y, m2, 0};
            }
            set_span(s, &t, p.start, e);
            resolve_absolute(o, &t);
            int rc = emit(o, &t);
            return rc ? rc : (long)(e - i);
        }
        if (same_par(s, k) && s->t[k].kind == T_WORD && !tok_title(s, k)) {
            int kw = s->t[k].kw, dm = 99;
            if (kw == KW_TRUOC || kw == KW_QUA) dm = -1;
            if (kw == KW_NAY_THIS) dm = 0;
            if (kw == KW_TOI_NEXT || (kw == KW_SAU && !is_kw(s, k + 1, KW_DO))) dm = 1;
            if (dm == 99) return 0;
            t.cls = SK_TIMEX_RELATIVE;
            t.future = dm > 0;
            if (o->has_pub) {
                int mi = o->pub.year * 12 + o->pub.month - 1 + dm;
                t.from = (sk_date_parts_t){mi / 12, mi % 12 + 1, 0};
                t.precision = SK_PREC_MONTH;
                t.year_from_published = 1;
            }
            set_span(s, &t, p.start, k + 1);
            int rc = emit(o, &t);
            return rc ? rc : (long)(k + 1 - i);
        }
        return 0;
    }

    /* năm YYYY [- YYYY], năm nay / ngoái / tới / sau. */
    if (is_kw(s, j, KW_NAM) && (j == i || same_par(s, j)) && !p.weekday && !p.pod) {
        if (j > 0 && is_kw(s, j - 1, KW_THU)) return 0; /* thứ Năm */
        size_t k = j + 1;
        if (is_year_tok(s, k) && same_par(s, k) && clean_start(s, k)) {
            if (preceded_by_plural(s, p.start, 0)) return 0;
            int y1 = s->t[k].val, y2 = 0;
            size_t e = k + 1;
            /* "năm 2021-2025", "từ năm 1999 đến 2004", "năm 2012 đến năm 2013" */
            if ((is_punct(s, e, '-') || is_kw(s, e, KW_DEN) || is_kw(s, e, KW_TOI_NEXT)) &&
                same_par(s, e)) {
                size_t f = e + 1;
                if (!is_punct(s, e, '-') && is_kw(s, f, KW_NAM) && same_par(s, f)) f++;
                if (same_par(s, f) && is_year_tok(s, f) && s->t[f].val > y1 &&
                    s->t[f].val - y1 < 50 && clean_end(s, f + 1)) {
                    y2 = s->t[f].val;
                    e = f + 1;
                }
            }
            if (!clean_end(s, e)) return 0;
            t.cls = SK_TIMEX_ABSOLUTE;
            t.precision = SK_PREC_YEAR;
            t.from = (sk_date_parts_t){y1, 0, 0};
            if (y2) {
                t.is_range = 1;
                t.to = (sk_date_parts_t){y2, 0, 0};
            }
            set_span(s, &t, p.start, e);
            resolve_absolute(o, &t);
            int rc = emit(o, &t);
            return rc ? rc : (long)(e - i);
        }
        if (same_par(s, k) && tok_have(s, k) && s->t[k].kind == T_WORD && !tok_title(s, k)) {
            int kw = s->t[k].kw, dy = 99;
            if (kw == KW_NGOAI) dy = -1;
            if (kw == KW_TRUOC && !is_kw(s, k + 1, KW_DO)) dy = -1;
            if (kw == KW_NAY) dy = 0;
            if (kw == KW_TOI_NEXT || (kw == KW_SAU && !is_kw(s, k + 1, KW_DO))) dy = 1;
            if (dy == 99) return 0;
            /* "2 năm trước" = two years ago */
            int nprev = p.start > 0 && same_par(s, p.start) && small_num(s, p.start - 1, 1, 99);
            /* the number may already belong to the previous expression ("hôm thứ 2 năm trước") */
            if (nprev && o->n && o->items[o->n - 1].end > s->t[p.start - 1].start) nprev = 0;
            if (nprev && kw != KW_TRUOC) return 0;
            if (preceded_by_plural(s, p.start, 1) && !nprev) return 0;
            if (nprev) dy = -s->t[p.start - 1].val;
            t.cls = SK_TIMEX_RELATIVE;
            t.future = dy > 0;
            if (o->has_pub) {
                t.from = (sk_date_parts_t){o->pub.year + dy, 0, 0};
                t.precision = SK_PREC_YEAR;
                t.year_from_published = 1;
            }
            size_t first = nprev ? p.start - 1 : p.start;
            set_span(s, &t, first, k + 1);
            int rc = emit(o, &t);
            return rc ? rc : (long)(k + 1 - i);
        }
        return 0;
    }

    /* tuần trước / tuần qua / tuần này / tuần tới / tuần sau / đầu tuần / cuối tuần:
     * a week cannot be written as a date; kept so callers see a time is given. */
    if (is_kw(s, j, KW_TUAN) && (j == i || same_par(s, j)) && !p.weekday) {
        if (preceded_by_plural(s, p.start, 1)) return 0;
        size_t k = j + 1;
        int fut = 0, ok = p.edge != 0;
        size_t e = j + 1;
        if (same_par(s, k) && tok_have(s, k) && s->t[k].kind == T_WORD && !tok_title(s, k)) {
            int kw = s->t[k].kw;
            if (kw == KW_TRUOC || kw == KW_QUA || kw == KW_NAY_THIS) ok = 1, e = k + 1;
            if (kw == KW_TOI_NEXT || (kw == KW_SAU && !is_kw(s, k + 1, KW_DO)))
                ok = 1, fut = 1, e = k + 1;
        }
        if (!ok) return 0;
        t.cls = SK_TIMEX_RELATIVE;
        t.future = fut;
        t.precision = SK_PREC_NONE;
        set_span(s, &t, p.start, e);
        int rc = emit(o, &t);
        return rc ? rc : (long)(e - i);
    }
    return 0;
}

/* Match at every trigger of s, in order, skipping those inside a match. */
static int match_triggers(ctx_t *c) {
    scan_t *s = (scan_t *)c->s;
    size_t cur = 0;        /* segment index where the next trigger is looked for */
    size_t skip_until = 0; /* triggers starting before this byte lie inside a match */
    int in_seg = 0;
    for (size_t k = 0; k < s->n_trig; k++) {
        size_t at = s->trig[k];
        if (at < skip_until) continue;
        size_t win = window_start(s, at);
        /* A new segment when the window starts after the tokens so far (the
         * text between is never tokenized); windows only move forward. */
        if (!in_seg || win > s->t[s->n - 1].end) {
            seg_start(s, win);
            cur = 0;
            in_seg = 1;
        }
        while (tok_have(s, cur) && s->t[cur].start < at)
            cur++;
        if (s->oom) return SK_ENOMEM;
        if (cur >= s->n || s->t[cur].start != at) abort(); /* hinted_triggers and tokens disagree */
        long used = match_at(c, cur);
        if (s->oom) return SK_ENOMEM;
        if (used < 0) return (int)used;
        cur += used > 0 ? (size_t)used : 1;
        skip_until = s->t[cur - 1].end;
    }
    return SK_OK;
}

/* The reference matcher for the unit tests: every token of the reference
 * tokenizer's, tried in turn. */
static int match_all_tokens(ctx_t *c) {
    scan_t *s = (scan_t *)c->s;
    for (size_t i = 0; i < s->n;) {
        long used = match_at(c, i);
        if (used < 0) return (int)used;
        i += used > 0 ? (size_t)used : 1;
    }
    return SK_OK;
}

enum { FIND_ALL, FIND_HINTED, FIND_REFERENCE };

static int timex_find(sk_arena_t *arena, const char *text, size_t len, const char *published,
                      const uint32_t *hints, size_t n_hints, int how, sk_timex_t **out,
                      size_t *n_out) {
    *out = NULL;
    *n_out = 0;
    if (!text) return len ? SK_EINVAL : SK_OK;
    if (len > UINT32_MAX) return SK_ETOOBIG;
    scan_t s = {.text = text, .len = len};
    out_t o = {.arena = arena};
    o.has_pub = parse_published(published, &o.pub);
    pthread_once(&kw_once, kw_init);
    ctx_t c = {.s = &s, .o = &o, .last_day = -1};
    int rc;
    if (how == FIND_HINTED) {
        rc = hinted_triggers(&s, hints, n_hints);
        if (!rc) rc = match_triggers(&c);
    } else if (how == FIND_REFERENCE) {
        rc = tokenize_reference(&s);
        s.pos = len; /* all tokenized: tok_have adds none */
        if (!rc) rc = match_all_tokens(&c);
    } else {
        /* Sized for a token per 3 bytes up front (grown if ever needed): the
         * doubling reallocs were 1% of `sukien code`. */
        s.cap = len / 3 + 64;
        s.t = malloc(s.cap * sizeof *s.t);
        rc = s.t ? tokenize(&s) : SK_ENOMEM;
        s.pos = len;
        /* Only numbers and the keywords of START_KWS start expressions: at
         * any other token every form in match_at fails on its first test (no
         * prefix, no number, no keyword it begins with) without side
         * effects, so only the triggers are tried, in order, skipping those
         * inside a match. */
        size_t i = 0;
        for (size_t k = 0; !rc && k < s.n_trig; k++) {
            if (s.trig[k] < i) continue;
            i = s.trig[k];
            long used = match_at(&c, i);
            if (used < 0) rc = (int)used;
            i += used > 0 ? (size_t)used : 1;
        }
    }
    if (!rc) {
        *out = o.items;
        *n_out = o.n;
    }
    free(s.t);
    free(s.trig);
    return rc;
}

int sk_timex_find(sk_arena_t *arena, const char *text, size_t len, const char *published,
                  sk_timex_t **out, size_t *n_out) {
    return timex_find(arena, text, len, published, NULL, 0, FIND_ALL, out, n_out);
}

int sk_timex_find_hinted(sk_arena_t *arena, const char *text, size_t len, const char *published,
                         const uint32_t *hints, size_t n_hints, sk_timex_t **out, size_t *n_out) {
    return timex_find(arena, text, len, published, hints, n_hints, FIND_HINTED, out, n_out);
}

int sk_timex_find_reference(sk_arena_t *arena, const char *text, size_t len, const char *published,
                            sk_timex_t **out, size_t *n_out) {
    return timex_find(arena, text, len, published, NULL, 0, FIND_REFERENCE, out, n_out);
}

/* v (0 <= v < 10^width) as exactly `width` digits, as "%0*d" writes it. */
static char *put_digits(char *o, int v, int width) {
    for (int k = width - 1; k >= 0; k--, v /= 10)
        o[k] = (char)('0' + v % 10);
    return o + width;
}

/* The ISO form of d into buf (at least 16 bytes), NUL-terminated; returns its
 * length, or 0 when prec cannot be written. Digits are written by hand (this
 * ran through snprintf for every date mention and event, 1% of `sukien code`);
 * fields outside the fixed widths (never produced by the matcher) still go
 * through snprintf, so the text is always exactly "%04d-%02d-%02d" and so on. */
static size_t iso_one(char *buf, const sk_date_parts_t *d, sk_date_precision_t prec) {
    int y = d->year, m = d->month, dd = d->day;
    int plain = y >= 0 && y <= 9999 && m >= 0 && m <= 99 && dd >= 0 && dd <= 99;
    char *o = buf;
    switch (prec) {
    case SK_PREC_DAY:
        if (!plain) {
            int n = y ? snprintf(buf, 16, "%04d-%02d-%02d", y, m, dd)
                      : snprintf(buf, 16, "--%02d-%02d", m, dd);
            return n < 16 ? (size_t)n : 15;
        }
        if (y) {
            o = put_digits(o, y, 4);
        } else {
            *o++ = '-';
        }
        *o++ = '-';
        o = put_digits(o, m, 2);
        *o++ = '-';
        o = put_digits(o, dd, 2);
        break;
    case SK_PREC_MONTH:
        if (!y) return 0; /* a yearless month cannot be written */
        if (!plain) {
            int n = snprintf(buf, 16, "%04d-%02d", y, m);
            return n < 16 ? (size_t)n : 15;
        }
        o = put_digits(o, y, 4);
        *o++ = '-';
        o = put_digits(o, m, 2);
        break;
    case SK_PREC_YEAR:
        if (!y) return 0;
        if (!plain) {
            int n = snprintf(buf, 16, "%04d", y);
            return n < 16 ? (size_t)n : 15;
        }
        o = put_digits(o, y, 4);
        break;
    default:
        return 0;
    }
    *o = '\0';
    return (size_t)(o - buf);
}

const char *sk_timex_iso(sk_arena_t *arena, const sk_timex_t *t) {
    if (!t) return NULL;
    char buf[34]; /* "from/to", 15 bytes each at most */
    size_t na = iso_one(buf, &t->from, t->precision);
    if (!na) return NULL;
    if (!t->is_range) return sk_arena_strndup(arena, buf, na);
    buf[na] = '/';
    size_t nb = iso_one(buf + na + 1, &t->to, t->precision);
    if (!nb) return NULL;
    /* Both ends must be written the same way ("2024-12-30/2025-01-02" or "--12-03/--12-06"). */
    if ((t->from.year == 0) != (t->to.year == 0)) return NULL;
    return sk_arena_strndup(arena, buf, na + 1 + nb);
}

sk_event_date_t sk_timex_event_date(sk_arena_t *arena, const sk_timex_t *t) {
    sk_event_date_t d = {NULL, SK_PREC_NONE, 0};
    d.iso = sk_timex_iso(arena, t);
    if (d.iso) d.precision = t->precision;
    return d;
}
