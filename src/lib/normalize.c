#include "normalize.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int sk_utf8_decode_slow(const char *s, size_t len, int32_t *cp) {
    utf8proc_int32_t c;
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)s, len > 4 ? 4 : (utf8proc_ssize_t)len, &c);
    if (n <= 0) return -1;
    *cp = c;
    return (int)n;
}

#include "cp_tables.h"

/* [a-z0-9] and every byte >= 0x80 (checked in test_normalize.c). */
const uint8_t sk_tok_byte_tab[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

int sk_cp_flags_slow(int32_t cp) {
    if (cp < 128) return (cp | 32) >= 'a' && (cp | 32) <= 'z' ? 1 | (cp <= 'Z' ? 2 : 0) : 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO ? 1 : 0) |
           (c == UTF8PROC_CATEGORY_LU ? 2 : 0);
}

int32_t sk_to_lower_slow(int32_t cp) {
    return utf8proc_tolower(cp);
}

static int is_zero_width(int32_t cp) {
    return (cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF || cp == 0x2060 || cp == 0x00AD;
}

/* Code points that are NFC in any context: starters that never compose with a
 * neighbour and have no singleton or excluded decomposition (checked against
 * utf8proc in tests/unit/test_normalize.c). Covers precomposed Vietnamese, so
 * most articles skip utf8proc_map, which was a quarter of `sukien code`. */
static int nfc_stable(int32_t cp) {
    return (cp >= 0xA0 && cp <= 0x2FF) || (cp >= 0x1E00 && cp <= 0x1EFF) ||
           (cp >= 0x2010 && cp <= 0x205E);
}

static int is_odd_space(int32_t cp) {
    return cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000 || cp == 0x2028 || cp == 0x2029;
}

int sk_normalize_text(const char *in, size_t len, char **out, size_t *out_len, size_t *n_invalid,
                      size_t *n_controls) {
    size_t bad = 0, ctl = 0;
    /* Pass 1: repair into a clean buffer (U+FFFD is 3 bytes for 1 bad byte). */
    size_t cap = len * 3 + 1;
    char *clean = malloc(cap);
    if (!clean) return SK_ENOMEM;
    size_t o = 0;
    int ascii_only = 1, nfc_fast = 1;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)in[i];
        if (b < 0x80) {
            i++;
            if (b == '\r') {
                if (i < len && in[i] == '\n') continue; /* \r\n -> \n */
                clean[o++] = '\n';
            } else if (b < 0x20 && b != '\n' && b != '\t') {
                clean[o++] = ' ';
                ctl++;
            } else if (b == 0x7F) {
                clean[o++] = ' ';
                ctl++;
            } else {
                clean[o++] = (char)b;
            }
            continue;
        }
        ascii_only = 0;
        int32_t cp;
        int n = sk_utf8_decode(in + i, len - i, &cp);
        if (n < 0) {
            memcpy(clean + o, "\xEF\xBF\xBD", 3);
            o += 3;
            bad++;
            i++;
            continue;
        }
        if (is_zero_width(cp)) {
            /* dropped */
        } else if (is_odd_space(cp)) {
            clean[o++] = cp == 0x2028 || cp == 0x2029 ? '\n' : ' ';
        } else if (cp >= 0x80 && cp < 0xA0) {
            clean[o++] = ' ';
            ctl++;
        } else {
            if (!nfc_stable(cp)) nfc_fast = 0;
            memcpy(clean + o, in + i, (size_t)n);
            o += (size_t)n;
        }
        i += (size_t)n;
    }
    clean[o] = '\0';
    if (n_invalid) *n_invalid = bad;
    if (n_controls) *n_controls = ctl;
    if (ascii_only || nfc_fast) {
        *out = clean;
        *out_len = o;
        return SK_OK;
    }
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)clean, (utf8proc_ssize_t)o, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0) {
        free(clean);
        return r == UTF8PROC_ERROR_NOMEM ? SK_ENOMEM : SK_EUTF8;
    }
    free(clean);
    *out = (char *)nfc;
    *out_len = (size_t)r;
    return SK_OK;
}

/* Fold table for the code points Vietnamese text uses most: one ASCII byte each. */
enum { TABLE_LO = 0x80, TABLE_HI = 0x2000 };
static unsigned char fold_table[TABLE_HI - TABLE_LO]; /* 0 = not a single ASCII byte */
static unsigned char fold_table_1e[0x100];            /* U+1E00..U+1EFF */
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static int fold_general(int32_t cp, utf8proc_int32_t *buf, int cap) {
    if (cp == 0x0110 || cp == 0x0111) {
        buf[0] = 'd';
        return 1;
    }
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, buf, cap, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &last);
    if (n < 0 || n > cap) {
        buf[0] = cp;
        return 1;
    }
    return (int)n;
}

static void fold_init(void) {
    utf8proc_int32_t buf[8];
    for (int32_t cp = TABLE_LO; cp < TABLE_HI; cp++) {
        int n = fold_general(cp, buf, 8);
        fold_table[cp - TABLE_LO] = (n == 1 && buf[0] < 0x80) ? (unsigned char)buf[0] : 0;
    }
    for (int32_t cp = 0x1E00; cp < 0x1F00; cp++) {
        int n = fold_general(cp, buf, 8);
        fold_table_1e[cp - 0x1E00] = (n == 1 && buf[0] < 0x80) ? (unsigned char)buf[0] : 0;
    }
}

static int fold_cp(int32_t cp, char *dst) {
    if (cp >= TABLE_LO && cp < TABLE_HI && fold_table[cp - TABLE_LO]) {
        dst[0] = (char)fold_table[cp - TABLE_LO];
        return 1;
    }
    if (cp >= 0x1E00 && cp < 0x1F00 && fold_table_1e[cp - 0x1E00]) {
        dst[0] = (char)fold_table_1e[cp - 0x1E00];
        return 1;
    }
    utf8proc_int32_t buf[8];
    int n = fold_general(cp, buf, 8);
    int o = 0;
    for (int k = 0; k < n; k++)
        o += (int)utf8proc_encode_char(buf[k], (utf8proc_uint8_t *)dst + o);
    return o;
}

int sk_fold(const char *s, size_t len, sk_folded_t *out) {
    pthread_once(&fold_once, fold_init);
    memset(out, 0, sizeof *out);
    /* A folded code point never takes more than 4x its source bytes (casefold expansions). */
    size_t cap = len * 4 + 1;
    out->text = malloc(cap);
    out->to_orig = malloc((cap + 1) * sizeof(uint32_t));
    if (!out->text || !out->to_orig) {
        sk_folded_free(out);
        return SK_ENOMEM;
    }
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            out->text[o] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            out->to_orig[o++] = (uint32_t)i++;
            continue;
        }
        int32_t cp;
        int n = sk_utf8_decode(s + i, len - i, &cp);
        if (n < 0) { /* should not happen on normalised text: keep the byte */
            out->text[o] = '?';
            out->to_orig[o++] = (uint32_t)i++;
            continue;
        }
        /* One ASCII letter from the tables (every Vietnamese letter): no call. */
        unsigned char one = cp >= TABLE_LO && cp < TABLE_HI ? fold_table[cp - TABLE_LO]
                            : cp >= 0x1E00 && cp < 0x1F00   ? fold_table_1e[cp - 0x1E00]
                                                            : 0;
        if (one) {
            out->text[o] = (char)one;
            out->to_orig[o++] = (uint32_t)i;
            i += (size_t)n;
            continue;
        }
        char tmp[32];
        int k = fold_cp(cp, tmp);
        for (int j = 0; j < k; j++) {
            out->text[o] = tmp[j];
            out->to_orig[o++] = (uint32_t)i;
        }
        i += (size_t)n;
    }
    out->text[o] = '\0';
    out->to_orig[o] = (uint32_t)len;
    out->len = o;
    return SK_OK;
}

void sk_folded_free(sk_folded_t *f) {
    if (!f) return;
    free(f->text);
    free(f->to_orig);
    f->text = NULL;
    f->to_orig = NULL;
    f->len = 0;
}

size_t sk_fold_str(const char *s, size_t len, char *buf, size_t cap) {
    pthread_once(&fold_once, fold_init);
    size_t o = 0;
    if (!cap) return 0;
    for (size_t i = 0; i < len;) {
        char tmp[32];
        int k;
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) { /* straight into buf: most bytes */
            if (o + 1 >= cap) break;
            buf[o++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            i++;
            continue;
        } else {
            int32_t cp;
            int n = sk_utf8_decode(s + i, len - i, &cp);
            if (n < 0) {
                tmp[0] = '?';
                k = 1;
                i++;
            } else {
                unsigned char one = cp >= TABLE_LO && cp < TABLE_HI ? fold_table[cp - TABLE_LO]
                                    : cp >= 0x1E00 && cp < 0x1F00   ? fold_table_1e[cp - 0x1E00]
                                                                    : 0;
                if (one) {
                    tmp[0] = (char)one;
                    k = 1;
                } else {
                    k = fold_cp(cp, tmp);
                }
                i += (size_t)n;
            }
        }
        if (o + (size_t)k >= cap) break;
        for (int j = 0; j < k; j++)
            buf[o + (size_t)j] = tmp[j]; /* mostly one byte: no memcpy call */
        o += (size_t)k;
    }
    buf[o] = '\0';
    return o;
}

size_t sk_folded_from_orig(const sk_folded_t *f, size_t orig) {
    size_t lo = 0, hi = f->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->to_orig[mid] < orig)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Tone marks on the first vowel of a final oa/oe/uy move to the second vowel. */
static const char *const OLD_TONE[] = {"òa", "óa", "ỏa", "õa", "ọa", "òe", "óe", "ỏe", "õe",
                                       "ọe", "ùy", "úy", "ủy", "ũy", "ụy", "Òa", "Óa", "Ỏa",
                                       "Õa", "Ọa", "Ùy", "Úy", "Ủy", "Ũy", "Ụy"};
static const char *const NEW_TONE[] = {"oà", "oá", "oả", "oã", "oạ", "oè", "oé", "oẻ", "oẽ",
                                       "oẹ", "uỳ", "uý", "uỷ", "uỹ", "uỵ", "Oà", "Oá", "Oả",
                                       "Oã", "Oạ", "Uỳ", "Uý", "Uỷ", "Uỹ", "Uỵ"};

static int is_aey(char c) {
    return c == 'a' || c == 'e' || c == 'y';
}

size_t sk_tone_canon(const char *s, size_t len, char *out) {
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        /* Every OLD_TONE entry is a 2- or 3-byte vowel then ASCII a, e or y: test that
         * first (this loop ran on every non-ASCII byte of every lexicon candidate). */
        if ((unsigned char)s[i] >= 0x80 &&
            ((i + 2 < len && is_aey(s[i + 2])) || (i + 3 < len && is_aey(s[i + 3])))) {
            for (size_t k = 0; k < SK_ARRAY_LEN(OLD_TONE); k++) {
                size_t n = strlen(OLD_TONE[k]);
                if (i + n > len || memcmp(s + i, OLD_TONE[k], n) != 0) continue;
                /* Only word-final: "hoàng" keeps its placement. */
                int32_t cp = ' ';
                if (i + n < len && sk_utf8_decode(s + i + n, len - i - n, &cp) < 0) cp = ' ';
                if (i + n < len && sk_is_letter(cp)) break;
                size_t m = strlen(NEW_TONE[k]);
                memcpy(out + o, NEW_TONE[k], m);
                o += m;
                i += n;
                goto next;
            }
        }
        out[o++] = s[i++];
    next:;
    }
    out[o] = '\0';
    return o;
}
