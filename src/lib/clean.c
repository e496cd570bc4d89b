/* clean.c — main text from a scraped page: keep the article's paragraphs, drop
 * page boilerplate.
 *
 * The page is read as lines. Each line is first tidied (image markup, table
 * bars, a trailing photo credit and repeated spaces removed) and classified
 * by its shape alone: junk lines (stray "null", social-link rows, photo
 * credits, bare domains, timestamps, "Tags:" rows) are dropped wherever they
 * are. A block heading ("Tin liên quan", "Có thể bạn quan tâm"...) opens a
 * list of other articles: everything after it is dropped until the article
 * visibly resumes, i.e. several body paragraphs in a row (teaser boxes
 * alternate short titles with at most one summary paragraph each). Finally a
 * line repeating an earlier one (a caption equal to the headline, a title
 * printed twice) is kept once. None of these rules looks at a particular
 * site: they use line length, final punctuation, position, repetition and a
 * short list of cue phrases. */
#include "clean.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "swar.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#define CLEAN_SIMD 1
#endif

typedef enum {
    L_DROP = 0, /* junk, never kept */
    L_TEXT,     /* ordinary line */
    L_CUE_WEAK, /* heading of an inline related-news box */
    L_CUE_END,  /* heading of an end-of-article box (more news, comments) */
    L_STAMP,    /* timestamp-only line (sidebar teaser dates) */
} kind_t;

typedef struct {
    const char *s; /* tidied content (into raw or the arena) */
    size_t n;
    kind_t kind;
    unsigned terminal : 1; /* ends with sentence punctuation */
    unsigned teaser : 1;   /* starts with an outlet dateline such as "(GLO)-" */
    unsigned keep : 1;
    size_t words;
} line_t;

/* ---- small text helpers --------------------------------------------------- */

static int is_space(char c) {
    return c == ' ' || c == '\t';
}

/* Last code point before s[n], skipping closing quotes and brackets. */
static int ends_terminal(const char *s, size_t n) {
    while (n) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ') {
            n--;
            continue;
        }
        /* ” ’ » (E2 80 9D, E2 80 99, C2 BB) */
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            (c == 0x9D || c == 0x99)) {
            n -= 3;
            continue;
        }
        if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && c == 0xBB) {
            n -= 2;
            continue;
        }
        break;
    }
    if (!n) return 0;
    char c = s[n - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return 1;
    /* … U+2026 = E2 80 A6 */
    return n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
           (unsigned char)s[n - 1] == 0xA6;
}

/* Bytes equal to b in the 8-byte word x, as 0x80 flags (exact, no false hits). */
static uint64_t bytes_eq(uint64_t x, unsigned char b) {
    uint64_t t = x ^ (0x0101010101010101ull * b);
    return ~(((t & 0x7F7F7F7F7F7F7F7Full) + 0x7F7F7F7F7F7F7F7Full) | t | 0x7F7F7F7F7F7F7F7Full);
}

static size_t count_words(const char *s, size_t n) {
    size_t w = 0, i = 0;
    /* Eight bytes at a time (little-endian words): a word starts at a byte
     * that is no space after one that is (or the start). */
    uint64_t space_before = SK_SWAR_HIGH & 0xFF;
    for (; i + 8 <= n; i += 8) {
        uint64_t sp = bytes_eq(sk_swar_load(s + i), ' ');
        uint64_t starts = ~sp & ((sp << 8) | space_before) & SK_SWAR_HIGH;
        w += ((starts >> 7) * SK_SWAR_ONES) >> 56; /* count of flags */
        space_before = sp >> 56;
    }
    int in = !space_before;
    for (; i < n; i++) {
        if (s[i] == ' ')
            in = 0;
        else if (!in) {
            in = 1;
            w++;
        }
    }
    return w;
}

static int has_alnum(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        /* Latin letters with diacritics (U+00C0-U+024F) and the Vietnamese block. */
        if ((c >= 0xC3 && c <= 0xC9) ||
            (c == 0xE1 && i + 1 < n && (unsigned char)s[i + 1] >= 0xB8 &&
             (unsigned char)s[i + 1] <= 0xBB))
            return 1;
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z')) {
            if (c < 0x80) return 1;
            int32_t cp;
            int k = sk_utf8_decode(s + i, n - i, &cp);
            if (k > 0 && sk_is_letter(cp)) return 1;
            if (k > 1) i += (size_t)k - 1;
        }
    }
    return 0;
}

static int starts_with(const char *s, size_t n, const char *p) {
    if (!*p) return 1;
    /* The first byte rules out nearly every entry of the lists below. */
    if (!n || s[0] != p[0]) return 0;
    size_t k = strlen(p);
    return n >= k && !memcmp(s, p, k);
}

/* Folded key of a short line: lower case, no diacritics, trailing punctuation,
 * counts like "(12)" and spaces removed. */
static size_t fold_key(const char *s, size_t n, char *buf, size_t cap) {
    size_t k = sk_fold_str(s, n, buf, cap);
    for (;;) {
        while (k && (buf[k - 1] == ' ' || buf[k - 1] == ':' || buf[k - 1] == '.' ||
                     buf[k - 1] == '>' || buf[k - 1] == '|' || buf[k - 1] == '-'))
            k--;
        if (k && buf[k - 1] == ')') { /* "Bình luận (12)" */
            size_t j = k - 1;
            while (j && buf[j - 1] >= '0' && buf[j - 1] <= '9')
                j--;
            if (j && buf[j - 1] == '(') {
                k = j - 1;
                continue;
            }
        }
        break;
    }
    buf[k] = '\0';
    return k;
}

/* ---- cue phrases ------------------------------------------------------------- */

/* The entries of the whole-key lists (CUE_END, CUE_WEAK, SOCIAL_NET,
 * SOCIAL_OTHER, JUNK_WORDS) are at most this long (in_lists relies on it). */
enum { LONGEST_ENTRY = 24 };

/* Headings that end the article: what follows is a list of other news. */
static const char *const CUE_END[] = {
    "co the ban quan tam",
    "ban co the quan tam",
    "co the ban muon xem",
    "tin cung chuyen muc",
    "cung chuyen muc",
    "bai cung chuyen muc",
    "tin khac",
    "cac tin khac",
    "tin tuc khac",
    "bai viet khac",
    "cac bai viet khac",
    "tin moi",
    "tin moi nhat",
    "moi nhat",
    "tin moi cap nhat",
    "tin noi bat",
    "doc nhieu",
    "doc nhieu nhat",
    "xem nhieu",
    "xem nhieu nhat",
    "tin xem nhieu",
    "nen xem",
    "tin da dang",
    "tin cung loai",
    "binh luan",
    "y kien ban doc",
    "gui binh luan",
    "viet binh luan",
    "tin anh",
    "video noi bat",
    "tieu diem",
    "dong su kien",
    "tin lien quan khac",
    "chuyen muc khac",
};
/* Headings of boxes that may sit inside the article. */
static const char *const CUE_WEAK[] = {
    "tin lien quan",      "bai lien quan",     "doc them",          "xem them",
    "bai viet lien quan", "tin bai lien quan", "tin tuc lien quan", "video lien quan",
    "lien quan",          "tham khao them",    "xem tiep",          "co the ban chua doc",
};
/* Prefixes of junk rows: keywords, tags, inline "read more" links. */
static const char *const JUNK_PREFIX[] = {
    "tags:",       "tag:",           "tu khoa:",       "chu de:",     "xem them:",
    "doc them:",   "tin lien quan:", "bai lien quan:", "xem them >",  "doc them >",
    ">> xem them", ">>xem them",     ">> doc them",    "xem them >>",
};
/* Credit-only rows (followed by a name). */
static const char *const CREDIT_PREFIX[] = {
    "anh:",          "anh :",  "(anh:", "(anh :",  "nguon anh:", "photo:", "anh minh hoa",
    "(anh minh hoa", "video:", "clip:", "do hoa:", "thiet ke:",  "nguon:", "(nguon:",
};
static const char *const SOCIAL_NET[] = {
    "fb",      "yt",        "zl",       "tw",        "ig",        "tt",       "facebook",
    "twitter", "youtube",   "zalo",     "tiktok",    "instagram", "linkedin", "email",
    "e-mail",  "pinterest", "telegram", "messenger", "rss",       "x",
};
static const char *const SOCIAL_OTHER[] = {
    "chia",  "se",   "in",    "bai",   "copy", "link", "sao",  "chep", "lien", "ket", "gui", "luu",
    "share", "like", "tweet", "print", "theo", "doi",  "tren", "|",    "-",    "·",   "•"};
static const char *const JUNK_WORDS[] = {
    "null",       "undefined",   "nan",       "[object object]", "none",
    "loading...", "dang tai...", "quang cao", "advertisement"};

/* The whole-key lists, as bits: one look-up in a small hash table tells every
 * list a key is in (the lists are scanned once, at the first article). */
enum {
    IN_CUE_END = 1,
    IN_CUE_WEAK = 2,
    IN_JUNK_WORDS = 4,
    IN_SOCIAL_NET = 8,
    IN_SOCIAL_OTHER = 16
};
enum { LIST_SLOT_BITS = 9 }; /* 512 slots for ~100 entries: probes are short */
typedef struct {
    const char *s; /* NULL: empty */
    unsigned char n, lists;
} list_slot_t;
static list_slot_t list_tab[1u << LIST_SLOT_BITS];
static pthread_once_t list_once = PTHREAD_ONCE_INIT;

/* From the length and three bytes: cheap, and enough to spread the entries. */
static unsigned list_hash(const char *s, size_t n) {
    uint32_t h = (uint32_t)n * 0x9E3779B1u ^ (unsigned char)s[0] * 0x85EBCA6Bu ^
                 (unsigned char)s[n - 1] * 0xC2B2AE35u ^ (unsigned char)s[n / 2] * 0x27D4EB2Fu;
    return (h * 0x2545F491u) >> (32 - LIST_SLOT_BITS);
}

static void list_add(const char *const *list, size_t count, unsigned bit) {
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(list[i]);
        unsigned h = list_hash(list[i], n);
        while (list_tab[h].s && !(list_tab[h].n == n && !memcmp(list_tab[h].s, list[i], n)))
            h = (h + 1) & ((1u << LIST_SLOT_BITS) - 1);
        list_tab[h].s = list[i];
        list_tab[h].n = (unsigned char)n;
        list_tab[h].lists |= (unsigned char)bit;
    }
}

static void list_init(void) {
    list_add(CUE_END, SK_ARRAY_LEN(CUE_END), IN_CUE_END);
    list_add(CUE_WEAK, SK_ARRAY_LEN(CUE_WEAK), IN_CUE_WEAK);
    list_add(JUNK_WORDS, SK_ARRAY_LEN(JUNK_WORDS), IN_JUNK_WORDS);
    list_add(SOCIAL_NET, SK_ARRAY_LEN(SOCIAL_NET), IN_SOCIAL_NET);
    list_add(SOCIAL_OTHER, SK_ARRAY_LEN(SOCIAL_OTHER), IN_SOCIAL_OTHER);
}

/* The IN_ bits of the lists holding key[0..n) as a whole entry (list_init
 * has run: sk_clean_article sees to it). */
static unsigned in_lists(const char *key, size_t n) {
    /* No entry is empty or longer than LONGEST_ENTRY: most keys (captions,
     * headlines) are, and skip the table. */
    if (!n || n > LONGEST_ENTRY) return 0;
    for (unsigned h = list_hash(key, n); list_tab[h].s; h = (h + 1) & ((1u << LIST_SLOT_BITS) - 1))
        if (list_tab[h].n == n && !memcmp(list_tab[h].s, key, n)) return list_tab[h].lists;
    return 0;
}

static int prefix_in_list(const char *key, size_t n, const char *const *list, size_t count) {
    for (size_t i = 0; i < count; i++)
        if (starts_with(key, n, list[i])) return 1;
    return 0;
}

static int is_social(const char *key, size_t n) {
    size_t i = 0, tokens = 0, nets = 0;
    while (i < n) {
        while (i < n && (key[i] == ' ' || key[i] == ',' || key[i] == '/'))
            i++;
        size_t b = i;
        while (i < n && key[i] != ' ' && key[i] != ',' && key[i] != '/')
            i++;
        if (i == b) break;
        tokens++;
        unsigned in = in_lists(key + b, i - b);
        if (in & IN_SOCIAL_NET)
            nets++;
        else if (!(in & IN_SOCIAL_OTHER))
            return 0;
    }
    if (!tokens) return 0;
    if (nets && (nets >= 2 || tokens <= 3)) return 1;
    /* "Chia sẻ", "In bài", "Copy link" on their own */
    return tokens <= 3 && (!strcmp(key, "chia se") || !strcmp(key, "in bai") ||
                           !strcmp(key, "copy link") || !strcmp(key, "sao chep lien ket") ||
                           !strcmp(key, "chia se bai viet") || !strcmp(key, "luu bai"));
}

/* A token made of digits and date/time separators: 23/01/2025, 19:54, 7-10, GMT+7. */
static int is_datetime_token(const char *s, size_t n, int *strong) {
    size_t digits = 0, seps = 0;
    int colon_or_slash = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (c == '/' || c == ':') {
            seps++;
            colon_or_slash = 1;
        } else if (c == '-' || c == '.' || c == '+' || c == ',' || c == '(' || c == ')' || c == 'h')
            seps++;
        else if (!(n > 3 && starts_with(s, n, "gmt")))
            return 0;
    }
    if (!digits) return 0;
    if (colon_or_slash && digits >= 3) *strong = 1;
    if (digits >= 6 && seps >= 2) *strong = 1; /* 23-01-2025 */
    return 1;
}

static int is_timestamp(const char *key, size_t n) {
    if (n > 80) return 0;
    size_t i = 0, words = 0, dates = 0;
    int strong = 0, has_time = 0;
    while (i < n) {
        while (i < n && key[i] == ' ')
            i++;
        size_t b = i;
        while (i < n && key[i] != ' ')
            i++;
        if (i == b) break;
        if (is_datetime_token(key + b, i - b, &strong)) {
            dates++;
            const char *c = memchr(key + b, ':', i - b);
            if (c && c > key + b && c[-1] >= '0' && c[-1] <= '9' && c + 1 < key + i &&
                c[1] >= '0' && c[1] <= '9')
                has_time = 1;
        } else if (!(i - b == 1 && (key[b] == '|' || key[b] == '-' || key[b] == ',')))
            words++;
    }
    /* A date with words ("Ngày 12/6/2018") may be a caption or dateline: only
     * a time of day or a bare date marks a teaser timestamp. */
    if (dates && strong && words <= 3 && (has_time || !words)) return 1;
    /* "5 phút trước", "2 giờ trước" */
    return dates == 1 && words == 2 && n < 24 &&
           (strstr(key, " phut truoc") || strstr(key, " gio truoc") || strstr(key, " ngay truoc"));
}

static int is_domain(const char *s, size_t n) {
    if (n < 4 || n > 80) return 0;
    if (starts_with(s, n, "http://") || starts_with(s, n, "https://") || starts_with(s, n, "www."))
        return memchr(s, ' ', n) == NULL;
    int dot = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '.')
            dot = 1;
        else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '/'))
            return 0;
    }
    if (!dot) return 0;
    const char *last = memrchr(s, '.', n);
    size_t tld = n - (size_t)(last - s) - 1;
    return tld >= 2 && tld <= 4 && (s[n - 1] | 32) >= 'a' && (s[n - 1] | 32) <= 'z';
}

/* ---- tidying one line -------------------------------------------------------- */

/* "Ảnh", "ẢNH" and "(ảnh" open a photo credit: the last such marker in s, with
 * its length in *mlen. */
static const char *find_credit(const char *s, size_t n, size_t *mlen) {
    const char *best = NULL, *end = s + n;
    /* Both markers have the byte BA (in "Ả" = E1 BA A2 and "ả" = E1 BA A3) two
     * bytes before "nh": look only where memchr finds it. A later BA always
     * gives a later marker, so the last match is the one wanted. */
    for (const char *q = s; (q = memchr(q, 0xBA, (size_t)(end - q))); q++) {
        if (q == s || (unsigned char)q[-1] != 0xE1 || q + 4 > end) continue;
        unsigned char c = (unsigned char)q[1];
        if (c == 0xA2 && (q[2] == 'n' || q[2] == 'N') && (q[3] == 'h' || q[3] == 'H'))
            best = q - 1 > s && q[-2] == '(' ? q - 2 : q - 1; /* Ảnh / ẢNH / (Ảnh */
        else if (c == 0xA3 && q - 1 > s && q[-2] == '(' && q[2] == 'n' && q[3] == 'h')
            best = q - 2; /* (ảnh */
    }
    if (!best) return NULL;
    /* Every credit form has a colon, a parenthesis or "minh họa": a marker
     * without any of them is no credit. */
    if (!memchr(s, ':', n) && !memchr(s, '(', n) && !memmem(s, n, "minh h", 6)) return NULL;
    *mlen = (*best == '(') ? 6 : 5;
    return best;
}

/* Remove a trailing photo credit: "Caption. Ảnh: Trí Dũng/TTXVN", "Caption (Ảnh: Tass).",
 * "Caption - Ảnh: X". Returns the new length. */
static size_t strip_credit(char *s, size_t n) {
    size_t mlen;
    const char *m = find_credit(s, n, &mlen);
    if (!m || m == s) return n;
    size_t at = (size_t)(m - s);
    int paren = *m == '(';
    /* What follows the marker must be ":" (or " minh họa") and a short name. */
    size_t j = at + mlen;
    while (j < n && s[j] == ' ')
        j++;
    if (j < n && s[j] == ':')
        j++;
    else if (!starts_with(s + j, n - j, "minh h"))
        return n;
    size_t end = n;
    if (paren) {
        const char *close = memchr(s + j, ')', n - j);
        if (!close) return n;
        end = (size_t)(close - s) + 1;
    }
    size_t name_words = count_words(s + j, end - j);
    if (name_words > 8 || end - j > 90) return n;
    /* A sentence break inside the "name" means this is not a credit. */
    for (size_t k = j; k + 1 < end; k++)
        if ((s[k] == '.' || s[k] == '!' || s[k] == '?') && s[k + 1] == ' ' && k + 2 < end &&
            (unsigned char)s[k + 2] >= 'A' && (unsigned char)s[k + 2] <= 'Z' && k > j + 3)
            return n;
    /* Cut, with the separator before the credit. */
    size_t b = at;
    while (b && s[b - 1] == ' ')
        b--;
    if (!paren && b && (s[b - 1] == '-' || s[b - 1] == '|' || s[b - 1] == '/')) {
        b--;
        while (b && s[b - 1] == ' ')
            b--;
    } else if (!paren && b >= 3 && (unsigned char)s[b - 3] == 0xE2 &&
               (unsigned char)s[b - 2] == 0x80 &&
               ((unsigned char)s[b - 1] == 0x93 || (unsigned char)s[b - 1] == 0x94)) {
        b -= 3; /* – — */
        while (b && s[b - 1] == ' ')
            b--;
    }
    if (count_words(s, b) < 2) return n; /* nothing left worth keeping */
    if (paren && end < n) {              /* keep what follows ")" */
        memmove(s + b, s + end, n - end);
        return b + (n - end);
    }
    return b;
}

/* Where the next byte is at which a line may need work: a tab, '!', two
 * spaces in a row (tidy), "\xBA\xA2" ("Ả" is E1 BA A2) or "(\xE1" ("(ả",
 * photo credits: every marker find_credit accepts holds one of them). Few
 * lines hold any: one pass over the whole raw text finds the next such place,
 * and only the lines that hold one are looked at more closely. */
static int mark_at(const char *p, const char *end) {
    unsigned char c = (unsigned char)p[0], d = p + 1 < end ? (unsigned char)p[1] : 0;
    return c == '\t' || c == '!' || (c == ' ' && d == ' ') || (c == 0xBA && d == 0xA2) ||
           (c == '(' && d == 0xE1);
}

const char *sk_clean_next_mark_ref(const char *p, const char *end) {
    for (; p < end; p++)
        if (mark_at(p, end)) return p;
    return end;
}

const char *sk_clean_next_mark(const char *p, const char *end) {
#ifdef CLEAN_SIMD
    /* Thirty-two starts at once; the byte after each is read with a load one
     * byte further on, so the loop stops 33 bytes before the end. '(' alone is
     * rare enough to be a candidate on its own: candidates are confirmed
     * (mark_at) and the scan goes on after one that is no mark. */
    const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), bang = _mm_set1_epi8('!'),
                  ba = _mm_set1_epi8((char)0xBA), a2 = _mm_set1_epi8((char)0xA2),
                  par = _mm_set1_epi8('(');
    while (end - p >= 33) {
        __m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i w0 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
        __m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
        __m128i w1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 17));
        __m128i m0 = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v0, tab), _mm_cmpeq_epi8(v0, bang)),
                                  _mm_cmpeq_epi8(v0, par));
        m0 = _mm_or_si128(m0, _mm_and_si128(_mm_cmpeq_epi8(v0, sp), _mm_cmpeq_epi8(w0, sp)));
        m0 = _mm_or_si128(m0, _mm_and_si128(_mm_cmpeq_epi8(v0, ba), _mm_cmpeq_epi8(w0, a2)));
        __m128i m1 = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v1, tab), _mm_cmpeq_epi8(v1, bang)),
                                  _mm_cmpeq_epi8(v1, par));
        m1 = _mm_or_si128(m1, _mm_and_si128(_mm_cmpeq_epi8(v1, sp), _mm_cmpeq_epi8(w1, sp)));
        m1 = _mm_or_si128(m1, _mm_and_si128(_mm_cmpeq_epi8(v1, ba), _mm_cmpeq_epi8(w1, a2)));
        if (!_mm_movemask_epi8(_mm_or_si128(m0, m1))) {
            p += 32;
            continue;
        }
        uint32_t bits = (uint32_t)_mm_movemask_epi8(m0) | (uint32_t)_mm_movemask_epi8(m1) << 16;
        for (; bits; bits &= bits - 1) {
            const char *c = p + __builtin_ctz(bits);
            if (mark_at(c, end)) return c;
        }
        p += 32;
    }
#endif
    return sk_clean_next_mark_ref(p, end);
}

/* The next mark at or after a line's start, found once for the rest of raw:
 * a mark found earlier is still the next one while it lies at or after s. */
typedef struct {
    const char *mark; /* NULL until searched */
    const char *end;  /* the end of raw */
} tidy_scan_t;

/* Is there a mark in s[0..n) for which want(mark) holds? The first mark at or
 * after s is kept for the lines that follow; the others of this line are
 * found one after another (few lines hold more than one). */
static int line_mark(tidy_scan_t *sc, const char *s, size_t n, int (*want)(const char *)) {
    if (!sc->mark || sc->mark < s) sc->mark = sk_clean_next_mark(s, sc->end);
    for (const char *m = sc->mark; m < s + n; m = sk_clean_next_mark(m + 1, sc->end))
        if (want(m)) return 1;
    return 0;
}

/* A mark that tidy() acts on: a tab, '!' or two spaces ("!" for "![" markup). */
static int tidy_mark(const char *m) {
    return *m == '\t' || *m == '!' || *m == ' ';
}

/* A mark that may open a photo credit: "\xBA\xA2" or "(\xE1". */
static int credit_mark(const char *m) {
    return *m == (char)0xBA || *m == '(';
}

/* Can find_credit find a marker in s[0..n)? */
static int may_hold_credit(tidy_scan_t *sc, const char *s, size_t n) {
    return line_mark(sc, s, n, credit_mark);
}

/* Does the line hold a tab, two spaces in a row or '!' (needs_tidy)? */
static int needs_tidy_scan(tidy_scan_t *sc, const char *s, size_t n) {
    return line_mark(sc, s, n, tidy_mark);
}

/* Would tidy() return the line unchanged? (Most lines: they are used where
 * they are.) */
static int is_tidy(const char *s, size_t n, tidy_scan_t *sc) {
    if (!n || s[0] == ' ' || s[n - 1] == ' ' || s[0] == '|' || s[n - 1] == '|' || s[0] == '*' ||
        s[0] == '+' || (unsigned char)s[0] == 0xE2 || s[n - 1] == '\t')
        return 0;
    return !needs_tidy_scan(sc, s, n);
}

/* Copy the line into dst with image markup and bars removed and spaces
 * collapsed; returns the length. */
static size_t tidy(const char *s, size_t n, char *dst) {
    size_t o = 0;
    int space = 1; /* drop leading spaces */
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == '!' && i + 1 < n && s[i + 1] == '[') { /* ![alt](url) */
            const char *cb = memchr(s + i, ']', n - i);
            if (cb && (size_t)(cb - s) + 1 < n && cb[1] == '(') {
                const char *cp = memchr(cb, ')', (size_t)(s + n - cb));
                if (cp) {
                    i = (size_t)(cp - s) + 1;
                    continue;
                }
            }
        }
        if (is_space(c)) {
            if (!space) dst[o++] = ' ';
            space = 1;
            i++;
            continue;
        }
        space = 0;
        dst[o++] = c;
        i++;
    }
    /* Trim, and bars or bullets left at either end by table or list markup. */
    for (;;) {
        while (o && dst[o - 1] == ' ')
            o--;
        if (o && dst[o - 1] == '|') {
            o--;
            continue;
        }
        break;
    }
    size_t b = 0;
    while (b < o && (dst[b] == '|' || dst[b] == ' '))
        b++;
    /* A bullet ("* Cùng ngày, ...", "• ...") is list markup, not text. */
    if (b + 1 < o && (dst[b] == '*' || dst[b] == '+') && dst[b + 1] == ' ')
        b += 2;
    else if (b + 3 < o && !memcmp(dst + b, "\xE2\x80\xA2 ", 4))
        b += 4;
    if (b) {
        memmove(dst, dst + b, o - b);
        o -= b;
    }
    return o;
}

/* ---- classification ------------------------------------------------------- */

static void classify(line_t *l) {
    /* Word counts matter for short lines only (cues, credits, headlines). */
    l->words = l->n <= 160 ? count_words(l->s, l->n) : l->n / 8;
    l->terminal = (unsigned)ends_terminal(l->s, l->n);
    if (!l->n || !has_alnum(l->s, l->n)) {
        l->kind = L_DROP;
        return;
    }
    l->kind = L_TEXT;
    /* Outlet dateline opening a lead: "(GLO)-", "(Dân trí) -", "(PLO)". */
    if (l->s[0] == '(') {
        const char *c = memchr(l->s, ')', l->n < 24 ? l->n : 24);
        if (c && (size_t)(c - l->s) >= 3) {
            const char *p = c + 1;
            while (p < l->s + l->n && *p == ' ')
                p++;
            if (p < l->s + l->n && (*p == '-' || (unsigned char)*p == 0xE2)) l->teaser = 1;
        }
    }
    if (l->n > 160) return; /* only short lines can be cues or junk rows */
    char key[256];
    /* Cues and timestamps are short; longer lines only need their start folded
     * for the prefix rules below. */
    size_t k = fold_key(l->s, l->n > 100 ? 40 : l->n, key, sizeof key);
    if (l->n > 100) {
        l->kind = prefix_in_list(key, k, JUNK_PREFIX, SK_ARRAY_LEN(JUNK_PREFIX)) ? L_DROP : L_TEXT;
        return;
    }
    unsigned in = in_lists(key, k);
    if (in & IN_CUE_END) {
        l->kind = L_CUE_END;
        return;
    }
    if (in & IN_CUE_WEAK) {
        l->kind = L_CUE_WEAK;
        return;
    }
    if ((in & IN_JUNK_WORDS) || is_social(key, k) || is_domain(l->s, l->n) ||
        (l->words <= 16 && k >= 11 && strstr(key, "google news")) ||
        (prefix_in_list(key, k, JUNK_PREFIX, SK_ARRAY_LEN(JUNK_PREFIX)) && l->n < 160)) {
        l->kind = L_DROP;
        return;
    }
    if (prefix_in_list(key, k, CREDIT_PREFIX, SK_ARRAY_LEN(CREDIT_PREFIX)) &&
        l->words <= (strstr(key, "minh hoa") ? 4u : 10u)) {
        l->kind = L_DROP;
        return;
    }
    if (!l->terminal && is_timestamp(key, k)) l->kind = L_STAMP;
}

/* Lines that read like body text: long and ending a sentence. */
static int is_body(const line_t *l) {
    return l->kind == L_TEXT && l->terminal && l->n >= 80 && !l->teaser;
}

/* First d/m/yyyy (or d-m-yyyy, d.m.yyyy) in s, as a->published "yyyy-mm-dd". */
static int dateline_date(sk_article_t *a, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || (i && s[i - 1] >= '0' && s[i - 1] <= '9')) continue;
        int v[3] = {0, 0, 0}, len[3] = {0, 0, 0}, f = 0;
        size_t j = i;
        char sep = 0;
        while (j < n && f < 3) {
            if (s[j] >= '0' && s[j] <= '9') {
                v[f] = v[f] * 10 + (s[j] - '0');
                if (++len[f] > 4) break;
            } else if (f < 2 && len[f] && (s[j] == '/' || s[j] == '-' || s[j] == '.') &&
                       (!sep || s[j] == sep)) {
                sep = s[j];
                f++;
            } else {
                break;
            }
            j++;
        }
        if (len[0] >= 1 && len[0] <= 2 && len[1] >= 1 && len[1] <= 2 && len[2] == 4 && v[0] >= 1 &&
            v[0] <= 31 && v[1] >= 1 && v[1] <= 12 && v[2] >= 1900 && v[2] < 2200) {
            a->published = sk_arena_printf(a->arena, "%04d-%02d-%02d", v[2], v[1], v[0]);
            return a->published != NULL;
        }
    }
    return 0;
}

/* ---- repetition ----------------------------------------------------------- */

/* A line as compared for repetition: trailing full stops and spaces dropped. */
typedef struct {
    uint64_t key; /* 0 = empty slot */
    const char *s;
    size_t n;
} seen_t;

/* Key of s[0..n): the length and the first and last 16 bytes (lines are long,
 * and equal keys are confirmed byte for byte). */
static uint64_t line_key(const char *s, size_t n) {
    uint64_t part[4] = {0, 0, 0, 0};
    if (n >= 16) { /* most lines: copies of a constant size, two moves each */
        memcpy(part, s, 16);
        memcpy(part + 2, s + n - 16, 16);
    } else {
        memcpy(part, s, n);
        memcpy(part + 2, s, n);
    }
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    for (int k = 0; k < 4; k++) {
        h = (h ^ part[k]) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
    }
    return h | 1;
}

/* Insert the line; returns 1 if an equal one is already there. */
static int seen(seen_t *tab, size_t cap, const char *s, size_t n) {
    while (n && (s[n - 1] == '.' || s[n - 1] == ' '))
        n--;
    uint64_t key = line_key(s, n);
    size_t i = (size_t)(key & (cap - 1));
    while (tab[i].key) {
        if (tab[i].key == key && tab[i].n == n && !memcmp(tab[i].s, s, n)) return 1;
        i = (i + 1) & (cap - 1);
    }
    tab[i] = (seen_t){key, s, n};
    return 0;
}

/* ---- the pass --------------------------------------------------------------- */

int sk_clean_article(sk_article_t *a) {
    pthread_once(&list_once, list_init);
    const char *raw = a->raw ? a->raw : "";
    size_t raw_len = a->raw ? a->raw_len : 0;
    /* Not zeroed: each line is cleared before use and only lines[0..nl) are
     * read; tidied and t are read only where written. lines grows as needed
     * (no pass to count them first). */
    size_t lines_cap = 64;
    line_t *lines = sk_arena_alloc_uninit(a->arena, lines_cap * sizeof *lines);
    char *tidied = sk_arena_alloc_uninit(a->arena, raw_len + 1);
    char *t = sk_arena_alloc_uninit(a->arena, raw_len + 1); /* written in order up to its NUL */
    if (!lines || !tidied || !t) return SK_ENOMEM;

    /* Tidy and classify. */
    tidy_scan_t scan = {.end = raw + raw_len}, *sc = &scan;
    size_t nl = 0, to = 0;
    for (const char *p = raw, *end = raw + raw_len; p <= end;) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e) e = end;
        if (nl == lines_cap) {
            line_t *more = sk_arena_alloc_uninit(a->arena, 2 * lines_cap * sizeof *lines);
            if (!more) return SK_ENOMEM;
            memcpy(more, lines, nl * sizeof *lines);
            lines = more;
            lines_cap *= 2;
        }
        line_t *l = &lines[nl];
        memset(l, 0, sizeof *l);
        char *dst = tidied + to;
        const char *s = p;
        size_t n = (size_t)(e - p);
        if (!is_tidy(p, n, sc)) {
            n = tidy(p, n, dst);
            s = dst;
        }
        /* Credits follow captions, which are short; skip the scan on long paragraphs. */
        if (n < 600 && (s != p || may_hold_credit(sc, s, n)) && find_credit(s, n, &(size_t){0})) {
            if (s != dst) memcpy(dst, s, n);
            s = dst;
            n = strip_credit(dst, n);
        }
        l->s = s;
        l->n = n;
        if (s == dst) to += n;
        if (n) {
            classify(l);
            nl++;
        }
        p = e + 1;
    }

    /* Blocks opened by a cue: drop until the article visibly resumes. */
    for (size_t i = 0; i < nl; i++) {
        line_t *l = &lines[i];
        if (l->kind != L_CUE_WEAK && l->kind != L_CUE_END) {
            l->keep = l->kind == L_TEXT;
            continue;
        }
        size_t need = l->kind == L_CUE_END ? 3 : 2, run = 0, j = i + 1;
        for (; j < nl; j++) {
            if (lines[j].kind == L_DROP) continue;
            if (is_body(&lines[j])) {
                if (++run == need) break;
            } else {
                run = 0;
            }
        }
        if (j >= nl) { /* never resumed: the rest of the page is boilerplate */
            for (; i < nl; i++)
                lines[i].keep = 0;
            break;
        }
        /* Resume at the first line of the run. */
        size_t resume = j;
        for (size_t k = 1; k < need; k++) {
            resume--;
            while (lines[resume].kind == L_DROP)
                resume--;
        }
        for (; i < resume; i++)
            lines[i].keep = 0;
        i--; /* the loop's i++ lands on resume */
    }

    /* A scraped page's dateline near the top gives its publication date. */
    if (!a->published && a->format == SK_FORMAT_TEXT)
        for (size_t i = 0; i < nl && i < 6; i++)
            if (lines[i].kind == L_STAMP && dateline_date(a, lines[i].s, lines[i].n)) break;

    /* Sidebar teasers: a short title followed by a timestamp, twice or more. */
    size_t pairs = 0;
    for (size_t i = 0; i + 1 < nl; i++)
        if (lines[i].kind == L_TEXT && !lines[i].terminal && lines[i + 1].kind == L_STAMP) pairs++;
    if (pairs >= 2)
        for (size_t i = 0; i + 1 < nl; i++)
            if (lines[i].kind == L_TEXT && !lines[i].terminal && lines[i + 1].kind == L_STAMP)
                lines[i].keep = 0;

    /* Keep each line once; rebuild the text. */
    size_t cap = 16;
    while (cap < nl * 2)
        cap *= 2;
    seen_t *tab = sk_arena_alloc(a->arena, cap * sizeof *tab);
    if (!tab) return SK_ENOMEM;
    size_t o = 0;
    for (size_t i = 0; i < nl; i++) {
        line_t *l = &lines[i];
        if (!l->keep) continue;
        if (l->words >= 3 && seen(tab, cap, l->s, l->n)) continue;
        if (o) t[o++] = '\n';
        memcpy(t + o, l->s, l->n);
        o += l->n;
        if (!a->title && a->format == SK_FORMAT_TEXT && o == l->n && !l->terminal && l->words <= 40)
            a->title = sk_arena_strndup(a->arena, l->s, l->n);
    }
    t[o] = '\0';
    a->text = t;
    a->text_len = o;
    return SK_OK;
}
