#include "normalize.h"

#include <pthread.h>
#include <stdatomic.h>
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
#include "swar.h"

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
/* (up to U+07FF: every 2-byte sequence, so the fast paths need no range test;
 * filling it through utf8proc is start-up work, rarer code points fold the
 * general way, with the same result) */
enum { TABLE_LO = 0x80, TABLE_HI = 0x800 };
static unsigned char fold_table[TABLE_HI - TABLE_LO]; /* 0 = not a single ASCII byte */
static unsigned char fold_table_1e[0x100];            /* U+1E00..U+1EFF */
static unsigned char fold_ascii[0x80];                /* ASCII lower-cased: A-Z only */
/* fold_table and fold_table_1e by the payload bits of the UTF-8 bytes where they lie in a
 * little-endian word of the sequence, so that sk_fold indexes them with one mask instead
 * of shifting the bits together: a 2-byte sequence's bits at (word & 0x3F1F), a 3-byte
 * E1 B8..BB sequence's at (word >> 8 & 0x3F03). 16 KB each, mostly unused. */
enum { RAW_2B_MASK = 0x3F1F, RAW_3B_MASK = 0x3F03 };
static unsigned char fold_raw_2b[RAW_2B_MASK + 1];
static unsigned char fold_raw_1e[RAW_3B_MASK + 1];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;
/* Set (release) once the tables are filled: callers test it before paying for
 * a pthread_once call (sk_fold_str runs some 20,000 times per 300 articles). */
static atomic_int fold_ready;

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
    for (int c = 0; c < 0x80; c++)
        fold_ascii[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    for (int32_t cp = TABLE_LO; cp < TABLE_HI; cp++) {
        int n = fold_general(cp, buf, 8);
        fold_table[cp - TABLE_LO] = (n == 1 && buf[0] < 0x80) ? (unsigned char)buf[0] : 0;
    }
    for (int32_t cp = 0x1E00; cp < 0x1F00; cp++) {
        int n = fold_general(cp, buf, 8);
        fold_table_1e[cp - 0x1E00] = (n == 1 && buf[0] < 0x80) ? (unsigned char)buf[0] : 0;
    }
    for (int32_t cp = TABLE_LO; cp < TABLE_HI; cp++) /* bytes 110xxxxx 10yyyyyy */
        fold_raw_2b[(cp >> 6 & 0x1F) | (cp & 0x3F) << 8] = fold_table[cp - TABLE_LO];
    for (int32_t cp = 0x1E00; cp < 0x1F00; cp++) /* bytes E1 101110xx 10yyyyyy */
        fold_raw_1e[(cp >> 6 & 3) | (cp & 0x3F) << 8] = fold_table_1e[cp - 0x1E00];
    atomic_store_explicit(&fold_ready, 1, memory_order_release);
}

static void fold_tables(void) {
    if (!atomic_load_explicit(&fold_ready, memory_order_acquire))
        pthread_once(&fold_once, fold_init);
}

/* The single ASCII letter cp folds to, or 0 when it folds otherwise. */
static inline unsigned char fold_one(int32_t cp) {
    return cp >= TABLE_LO && cp < TABLE_HI ? fold_table[cp - TABLE_LO]
           : cp >= 0x1E00 && cp < 0x1F00   ? fold_table_1e[cp - 0x1E00]
                                           : 0;
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

/* Fold the character at s[*i] (any byte, the general way) onto text[*o]. */
static void fold_char(const char *s, size_t len, size_t *i, char *text, uint32_t *to_orig,
                      size_t *o) {
    unsigned char b = (unsigned char)s[*i];
    if (b < 0x80) {
        text[*o] = (char)fold_ascii[b];
        to_orig[(*o)++] = (uint32_t)(*i)++;
        return;
    }
    int32_t cp;
    int n = sk_utf8_decode(s + *i, len - *i, &cp);
    if (n < 0) { /* should not happen on normalised text: keep the byte */
        text[*o] = '?';
        to_orig[(*o)++] = (uint32_t)(*i)++;
        return;
    }
    unsigned char one = fold_one(cp);
    if (one) {
        text[*o] = (char)one;
        to_orig[(*o)++] = (uint32_t)*i;
    } else {
        char tmp[32];
        int k = fold_cp(cp, tmp);
        for (int j = 0; j < k; j++) {
            text[*o] = tmp[j];
            to_orig[(*o)++] = (uint32_t)*i;
        }
    }
    *i += (size_t)n;
}

/* sk_fold's block starts with its size: sk_folded_free keeps a few blocks (up to
 * FOLD_SPARE_MAX bytes) for the next sk_fold to reuse. `sukien code` folds and frees one
 * article after the other, and its blocks (some 20 bytes per source byte) were often over
 * malloc's mmap threshold or took its slow path: ~500 instructions, and fresh pages, per
 * article. The slots are shared by all threads, like the arena's spare blocks. */
typedef struct fold_block {
    size_t size; /* bytes after this header */
    size_t pad;  /* (keeps what follows 16-byte aligned) */
} fold_block_t;
enum { FOLD_SPARE_SLOTS = 4 };
#define FOLD_SPARE_MAX ((size_t)4 << 20)
static _Atomic(fold_block_t *) fold_spare[FOLD_SPARE_SLOTS];

/* A block of at least `size` bytes after its header, or NULL. */
static fold_block_t *fold_block_get(size_t size) {
    for (int k = 0; k < FOLD_SPARE_SLOTS; k++) {
        fold_block_t *b = atomic_load_explicit(&fold_spare[k], memory_order_relaxed);
        if (!b || b->size < size) continue;
        b = atomic_exchange(&fold_spare[k], NULL);
        if (!b) continue;
        if (b->size >= size) return b;
        free(b); /* (another thread swapped in a smaller one) */
    }
    /* rounded up to 4 KB so that the next, slightly longer article fits too */
    size_t round = (size + 4095) & ~(size_t)4095;
    fold_block_t *b = malloc(sizeof *b + round);
    if (b) b->size = round;
    return b;
}

static void fold_block_put(fold_block_t *b) {
    if (b->size <= FOLD_SPARE_MAX)
        for (int k = 0; k < FOLD_SPARE_SLOTS; k++) {
            fold_block_t *empty = NULL;
            if (atomic_compare_exchange_strong(&fold_spare[k], &empty, b)) return;
        }
    free(b);
}

int sk_fold(const char *s, size_t len, sk_folded_t *out) {
    fold_tables();
    memset(out, 0, sizeof *out);
    /* A folded code point never takes more than 4x its source bytes (casefold
     * expansions); this also leaves room for the 8-byte stores below. */
    size_t cap = len * 4 + 1;
    /* One block: to_orig (cap + 1 offsets), then text (cap bytes and 7 for the NUL padding
       to 8 bytes at the end); sk_folded_free frees it through to_orig. */
    if (len > (SIZE_MAX - 8192) / 32) return SK_ENOMEM;
    fold_block_t *fb = fold_block_get((cap + 1) * sizeof(uint32_t) + cap + 7);
    if (!fb) return SK_ENOMEM;
    uint32_t *block = (uint32_t *)(fb + 1);
    out->to_orig = block;
    out->text = (char *)(block + cap + 1);
    /* Local pointers: a store through out->text (a char pointer) could alias
     * out itself, so the compiler would reload both fields for every byte. */
    char *text = out->text;
    uint32_t *to_orig = out->to_orig;
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0, i = 0;
    /* While eight bytes can be read: ASCII a word at a time, Vietnamese
     * letters straight from the tables; the rest goes to fold_char. */
    /* (i + 11: after an ASCII run of at most 7 bytes, 4 bytes are still readable for the
       letter below without a test) */
    while (i + 11 <= len) {
        unsigned char b = u[i];
        if (b < 0x80) {
            /* All eight bytes are written (lower-cased where ASCII), those
             * before the first non-ASCII byte are kept. */
            uint64_t w = sk_swar_load(u + i);
            /* Per byte b < 0x80, b + (0x80 - c) has the 0x80 bit set when b >= c and
               carries into no other byte. A byte >= 0x80 may carry into the bytes after
               it, but the bytes kept are those before the first such byte, which no
               carry reaches (little-endian: carries go to later bytes); big-endian
               words take the low seven bits first. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            uint64_t low7 = w;
#else
            uint64_t low7 = w & ~SK_SWAR_HIGH;
#endif
            uint64_t upper = (low7 + SK_SWAR_ONES * (0x80 - 'A')) &
                             ~(low7 + SK_SWAR_ONES * (0x80 - 'Z' - 1)) & SK_SWAR_HIGH;
            uint64_t lower = w | (upper >> 2); /* A-Z + 0x20 */
            memcpy(text + o, &lower, 8);
            /* to_orig[o + k] = i + k, four at a time (GCC/Clang vectors) */
            typedef uint32_t u32x4 __attribute__((vector_size(16)));
            u32x4 offs = (u32x4){0, 1, 2, 3} + (uint32_t)i;
            memcpy(to_orig + o, &offs, 16);
            offs += 4;
            memcpy(to_orig + o + 4, &offs, 16);
            uint64_t high = w & SK_SWAR_HIGH;
            if (!high) {
                o += 8;
                i += 8;
                continue;
            }
            size_t run = sk_swar_first(high);
            o += run;
            i += run;
            b = u[i];
        }
        /* A non-ASCII byte; u[i .. i + 4) are readable here. */
        unsigned char one = 0;
        size_t n = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* the sequence in one load (byte k in bits 8k..8k+7), its tests on the word */
        uint32_t q;
        memcpy(&q, u + i, 4);
        if ((q & 0xC0FCFFu) == 0x80B8E1u) { /* E1 B8..BB 80..BF: U+1E00..U+1EFF */
            one = fold_raw_1e[(q >> 8) & RAW_3B_MASK];
            n = 3;
        } else if (b >= 0xC2 && b < 0xE0 && (q & 0xC000u) == 0x8000u) {
            one = fold_raw_2b[q & RAW_2B_MASK];
            n = 2;
        }
#else
        unsigned next = u[i + 1] | (unsigned)u[i + 2] << 8;
        if (b == 0xE1 && (next & 0xC0FC) == 0x80B8) {
            one = fold_table_1e[((u[i + 1] & 3u) << 6) | (u[i + 2] & 0x3Fu)];
            n = 3;
        } else if (b >= 0xC2 && b < 0xE0 && (next & 0xC0) == 0x80) {
            one = fold_table[(((b & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu)) - TABLE_LO];
            n = 2;
        }
#endif
        if (one) { /* what sk_utf8_decode and fold_one give for this sequence */
            text[o] = (char)one;
            to_orig[o++] = (uint32_t)i;
            i += n;
        } else {
            fold_char(s, len, &i, text, to_orig, &o);
        }
    }
    while (i < len)
        fold_char(s, len, &i, text, to_orig, &o);
    memset(text + o, 0, 8);
    to_orig[o] = (uint32_t)len;
    out->len = o;
    return SK_OK;
}

void sk_folded_free(sk_folded_t *f) {
    if (!f) return;
    if (f->to_orig) fold_block_put((fold_block_t *)f->to_orig - 1); /* (text is in it too) */
    f->text = NULL;
    f->to_orig = NULL;
    f->len = 0;
}

size_t sk_fold_str(const char *s, size_t len, char *buf, size_t cap) {
    fold_tables();
    size_t o = 0;
    if (!cap) return 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned char b = u[i];
        if (b < 0x80) {
            if (i + 8 <= len && o + 9 <= cap) {
                /* Eight bytes lower-cased at once (as in sk_fold), those before
                 * the first non-ASCII one kept: each had room (o + 1 < cap). */
                uint64_t w = sk_swar_load(u + i);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                uint64_t low7 = w; /* (no mask: see sk_fold) */
#else
                uint64_t low7 = w & ~SK_SWAR_HIGH;
#endif
                uint64_t upper = (low7 + SK_SWAR_ONES * (0x80 - 'A')) &
                                 ~(low7 + SK_SWAR_ONES * (0x80 - 'Z' - 1)) & SK_SWAR_HIGH;
                uint64_t lower = w | (upper >> 2);
                memcpy(buf + o, &lower, 8);
                uint64_t high = w & SK_SWAR_HIGH;
                size_t run = high ? sk_swar_first(high) : 8;
                o += run;
                i += run;
                continue;
            }
            if (o + 1 >= cap) break;
            buf[o++] = (char)fold_ascii[b];
            i++;
            continue;
        }
        /* Vietnamese letters straight from the tables (what sk_utf8_decode and
           fold_one give for these sequences, as in sk_fold) */
        unsigned char one = 0;
        size_t n = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (i + 4 <= len) { /* as in sk_fold: the sequence in one load */
            uint32_t q;
            memcpy(&q, u + i, 4);
            if ((q & 0xC0FCFFu) == 0x80B8E1u) {
                one = fold_raw_1e[(q >> 8) & RAW_3B_MASK];
                n = 3;
            } else if (b >= 0xC2 && b < 0xE0 && (q & 0xC000u) == 0x8000u) {
                one = fold_raw_2b[q & RAW_2B_MASK];
                n = 2;
            }
        } else
#endif
            if (b == 0xE1 && i + 2 < len && (u[i + 1] & 0xFC) == 0xB8 &&
                (u[i + 2] & 0xC0) == 0x80) {
            one = fold_table_1e[((u[i + 1] & 3u) << 6) | (u[i + 2] & 0x3Fu)];
            n = 3;
        } else if (b >= 0xC2 && b < 0xE0 && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
            one = fold_table[(((b & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu)) - TABLE_LO];
            n = 2;
        }
        if (!one) {
            int32_t cp;
            int k = sk_utf8_decode(s + i, len - i, &cp);
            one = k < 0 ? '?' : fold_one(cp);
            n = k < 0 ? 1 : (size_t)k;
            if (!one) {
                char tmp[32];
                int m = fold_cp(cp, tmp);
                if (o + (size_t)m >= cap) break;
                memcpy(buf + o, tmp, (size_t)m);
                o += (size_t)m;
                i += n;
                continue;
            }
        }
        /* one byte: every Vietnamese letter, and '?' for a bad sequence */
        if (o + 1 >= cap) break;
        buf[o++] = (char)one;
        i += n;
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

/* Tone marks on the first vowel of a final oa/oe/uy move to the second vowel.
 * Each rewrite is a 2- or 3-byte vowel then ASCII a, e or y; vlen is the
 * vowel's byte length (the UTF-8 strings are prefix-free, so at most one
 * entry matches at a position). */
typedef struct {
    const char *old, *canon;
    unsigned char vlen, canon_len;
} tone_fix_t;
#define TONE_FIX(o, c)                                                                             \
    { o, c, sizeof(o) - 2, sizeof(c) - 1 }
static const tone_fix_t TONE_FIXES[] = {
    TONE_FIX("òa", "oà"), TONE_FIX("óa", "oá"), TONE_FIX("ỏa", "oả"), TONE_FIX("õa", "oã"),
    TONE_FIX("ọa", "oạ"), TONE_FIX("òe", "oè"), TONE_FIX("óe", "oé"), TONE_FIX("ỏe", "oẻ"),
    TONE_FIX("õe", "oẽ"), TONE_FIX("ọe", "oẹ"), TONE_FIX("ùy", "uỳ"), TONE_FIX("úy", "uý"),
    TONE_FIX("ủy", "uỷ"), TONE_FIX("ũy", "uỹ"), TONE_FIX("ụy", "uỵ"), TONE_FIX("Òa", "Oà"),
    TONE_FIX("Óa", "Oá"), TONE_FIX("Ỏa", "Oả"), TONE_FIX("Õa", "Oã"), TONE_FIX("Ọa", "Oạ"),
    TONE_FIX("Ùy", "Uỳ"), TONE_FIX("Úy", "Uý"), TONE_FIX("Ủy", "Uỷ"), TONE_FIX("Ũy", "Uỹ"),
    TONE_FIX("Ụy", "Uỵ"),
};
#undef TONE_FIX

static int is_aey(char c) {
    return c == 'a' || c == 'e' || c == 'y';
}

size_t sk_tone_canon(const char *s, size_t len, char *out) {
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        /* Every rewrite is a 2- or 3-byte vowel then ASCII a, e or y: test that
         * first (this loop ran on every non-ASCII byte of every lexicon candidate). */
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            out[o++] = s[i++];
            continue;
        }
        size_t vlen = b >= 0xE0 ? 3 : 2;
        if (i + vlen < len && is_aey(s[i + vlen])) {
            for (size_t k = 0; k < SK_ARRAY_LEN(TONE_FIXES); k++) {
                const tone_fix_t *t = &TONE_FIXES[k];
                if (t->vlen != vlen || t->old[vlen] != s[i + vlen] || t->old[0] != s[i] ||
                    t->old[1] != s[i + 1] || (vlen == 3 && t->old[2] != s[i + 2]))
                    continue;
                size_t n = vlen + 1;
                /* Only word-final: "hoàng" keeps its placement. */
                int32_t cp = ' ';
                if (i + n < len && sk_utf8_decode(s + i + n, len - i - n, &cp) < 0) cp = ' ';
                if (i + n < len && sk_is_letter(cp)) break;
                memcpy(out + o, t->canon, t->canon_len);
                o += t->canon_len;
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
