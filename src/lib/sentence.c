/* sentence.c — sentence splitting for Vietnamese news text.
 *
 * A sentence ends at a newline, or at . ! ? … (or "...") followed by optional
 * closing quotes/brackets, whitespace, and the start of a new sentence (an
 * upper-case letter, possibly after an opening quote or bracket; a digit
 * after ! ? or after a full stop that closes a word). A full stop does not
 * end a sentence after an abbreviation (TP., PGS., Th.S, Mr.), after a single
 * capital initial ("Donald J. Trump", "Q. Hoàn Kiếm"), or when it is inside a
 * number or date (1.000, 7.10.2024) — those have no space after the dot. */
#include "sentence.h"

#include <string.h>

#include "swar.h"

/* Abbreviations that take a full stop and are usually followed by a name. */
static const char *const ABBREV[] = {
    "TP",  "Tp",   "tp",      "TS",     "PGS", "GS",     "ThS",   "Th.S",   "TT",    "Mr",
    "Mrs", "Ms",   "Dr",      "St",     "Th",  "BS",     "KS",    "NXB",    "Jr",    "Sr",
    "Co",  "No",   "Vol",     "Gen",    "Col", "Lt",     "Sgt",   "Capt",   "Prof",  "Rev",
    "Hon", "Q",    "P",       "TX",     "H",   "ThS.BS", "TS.BS", "PGS.TS", "GS.TS", "Th.s",
    "CN",  "TSKH", "BS.CKII", "BS.CKI", "Nxb", "tr",
};

/* No entry is empty or longer than this. */
enum { LONGEST_ABBREV = 7 };

static int is_abbrev(const char *tok, size_t n) {
    /* Most tokens before a dot are words: their length or first byte rules out
     * every entry without a strlen each (0.6 % of `code` on the corpus). */
    if (!n || n > LONGEST_ABBREV) return 0;
    for (size_t i = 0; i < SK_ARRAY_LEN(ABBREV); i++)
        if (ABBREV[i][0] == tok[0] && strlen(ABBREV[i]) == n && !memcmp(ABBREV[i], tok, n))
            return 1;
    return 0;
}

static int is_space_at(const char *t, size_t len, size_t i, size_t *w) {
    if (t[i] == ' ' || t[i] == '\t') {
        *w = 1;
        return 1;
    }
    (void)len;
    return 0;
}

/* Length of a closing quote/bracket at t[i], or 0. */
static size_t closer_at(const char *t, size_t len, size_t i) {
    unsigned char c = (unsigned char)t[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
    if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0x9D || (unsigned char)t[i + 2] == 0x99))
        return 3;                                                              /* ” ’ */
    if (c == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0xBB) return 2; /* » */
    return 0;
}

/* Length of an opening quote/bracket at t[i], or 0. */
static size_t opener_at(const char *t, size_t len, size_t i) {
    unsigned char c = (unsigned char)t[i];
    if (c == '"' || c == '\'' || c == '(' || c == '[') return 1;
    if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0x9C || (unsigned char)t[i + 2] == 0x98))
        return 3;                                                              /* “ ‘ */
    if (c == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0xAB) return 2; /* « */
    return 0;
}

/* Does a new sentence start at t[i]? digit_ok allows a digit. */
static int starts_sentence(const char *t, size_t len, size_t i, int digit_ok) {
    size_t k;
    while (i < len && (k = opener_at(t, len, i)))
        i += k;
    if (i >= len) return 0;
    unsigned char c = (unsigned char)t[i];
    if (c >= '0' && c <= '9') return digit_ok;
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    int32_t cp;
    if (sk_utf8_decode(t + i, len - i, &cp) < 0) return 0;
    return sk_is_upper(cp);
}

/* A list number opening a sentence: "1.", "12.", "IV." */
static int is_list_marker(const char *tok, size_t n) {
    if (!n || n > 4) return 0;
    size_t digits = 0, roman = 0;
    for (size_t i = 0; i < n; i++) {
        if (tok[i] >= '0' && tok[i] <= '9') digits++;
        if (tok[i] == 'I' || tok[i] == 'V' || tok[i] == 'X') roman++;
    }
    return (digits == n && n <= 3) || roman == n;
}

/* Token ending just before the dot at t[dot]: letters and inner dots. */
static int dot_is_abbrev(const char *t, size_t sent_start, size_t dot, int *word_before) {
    size_t b = dot;
    while (b > 0) {
        unsigned char c = (unsigned char)t[b - 1];
        if (c == ' ' || c == '\t' || c == '\n' || c == '(' || c == '"' || c == '\'' || c == '-' ||
            c == '/' || c == ',')
            break;
        b--;
    }
    *word_before = 0;
    if (b == dot) return 0;
    const char *tok = t + b;
    size_t n = dot - b;
    /* A lone capital initial: "J." "Q." (one code point, upper case). */
    int32_t cp;
    int k = sk_utf8_decode(tok, n, &cp);
    /* Only Latin capitals and Đ: "châu Á." ends a sentence. */
    if (k > 0 && (size_t)k == n && ((cp >= 'A' && cp <= 'Z') || cp == 0x110)) return 1;
    if (is_abbrev(tok, n)) return 1;
    size_t first = sent_start;
    while (first < dot && (t[first] == ' ' || t[first] == '\t'))
        first++;
    if (b == first && is_list_marker(tok, n)) return 1;
    const char *last = memrchr(tok, '.', n); /* "GS.TS" -> "TS" */
    if (last && is_abbrev(last + 1, (size_t)(tok + n - last - 1))) return 1;
    unsigned char lc = (unsigned char)t[dot - 1];
    *word_before = !(lc >= '0' && lc <= '9');
    return 0;
}

/* Bytes that can end a sentence: one table look-up per byte in the scan. */
static const uint8_t SENTENCE_STOP[256] = {['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE2] = 1};

/* The first byte at or after i that can end a sentence, or len. With
 * nul_ended (t[len] == '\0'), libc's strcspn does the scan, some bytes at a
 * time; it stops early at a NUL inside the text, which is skipped. */
static size_t next_stop(const char *t, size_t len, size_t i, int nul_ended) {
    if (nul_ended) {
        for (;;) {
            i += strcspn(t + i, "\n.!?\xE2");
            if (i >= len || t[i]) return i < len ? i : len;
            i++; /* an inner NUL */
        }
    }
    /* Skip eight bytes at a time while none of them is a stop (most of the
     * text), then find the byte in the word that is. */
    while (i + 8 <= len) {
        uint64_t w = sk_swar_load(t + i);
        if (sk_swar_has(w, '\n') | sk_swar_has(w, '.') | sk_swar_has(w, '!') | sk_swar_has(w, '?') |
            sk_swar_has(w, 0xE2))
            break;
        i += 8;
    }
    while (i < len && !SENTENCE_STOP[(unsigned char)t[i]])
        i++;
    return i;
}

static int split(sk_arena_t *arena, const char *t, size_t len, int nul_ended, sk_sentence_t **out,
                 size_t *n_out) {
    size_t cap = 16, n = 0;
    sk_sentence_t *s = sk_arena_alloc(arena, cap * sizeof *s);
    if (!s) return SK_ENOMEM;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        i = next_stop(t, len, i, nul_ended);
        size_t end = 0, next = 0;
        int cut = 0;
        if (i == len || t[i] == '\n') {
            cut = 1;
            end = i;
            next = i + 1;
        } else {
            unsigned char c = (unsigned char)t[i];
            size_t plen = 0;
            int kind = 0; /* 1 = full stop, 2 = ! ?, 3 = ellipsis */
            if (c == '.') {
                if (i + 2 < len && t[i + 1] == '.' && t[i + 2] == '.') {
                    plen = 3;
                    while (i + plen < len && t[i + plen] == '.')
                        plen++;
                    kind = 3;
                } else {
                    plen = 1;
                    kind = 1;
                }
            } else if (c == '!' || c == '?') {
                plen = 1;
                while (i + plen < len && (t[i + plen] == '!' || t[i + plen] == '?'))
                    plen++;
                kind = 2;
            } else if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
                       (unsigned char)t[i + 2] == 0xA6) {
                plen = 3;
                kind = 3;
            }
            if (kind) {
                size_t j = i + plen, k, w;
                while (j < len && (k = closer_at(t, len, j)))
                    j += k;
                if (j < len && is_space_at(t, len, j, &w)) {
                    size_t after = j;
                    while (after < len && (t[after] == ' ' || t[after] == '\t'))
                        after++;
                    int word_before = 1;
                    if (kind == 1 && dot_is_abbrev(t, start, i, &word_before)) {
                        /* not an end */
                    } else if (after < len && t[after] != '\n' &&
                               starts_sentence(t, len, after, kind == 2 || word_before)) {
                        cut = 1;
                        end = j;
                        next = after;
                    }
                }
                if (!cut) i += plen - 1;
            }
        }
        if (!cut) continue;
        size_t a = start, b = end;
        while (a < b && (t[a] == ' ' || t[a] == '\t'))
            a++;
        while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
            b--;
        if (b > a) {
            if (n == cap) {
                s = sk_arena_grow(arena, s, sizeof *s, n, cap * 2);
                if (!s) return SK_ENOMEM;
                cap *= 2;
            }
            s[n].start = (uint32_t)a;
            s[n].end = (uint32_t)b;
            n++;
        }
        start = next;
        if (next > i + 1) i = next - 1;
    }
    *out = s;
    *n_out = n;
    return SK_OK;
}

int sk_sentence_split_text(sk_arena_t *arena, const char *t, size_t len, sk_sentence_t **out,
                           size_t *n_out) {
    return split(arena, t, len, 0, out, n_out);
}

int sk_sentence_split(sk_article_t *a) {
    /* The article's text ends with a NUL (sk_clean_article). */
    return split(a->arena, a->text, a->text_len, 1, &a->sentences, &a->n_sentences);
}
