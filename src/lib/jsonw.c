/* jsonw.c — direct compact JSON output, byte-identical to jansson's. */
#include "jsonw.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#define JSONW_SIMD 1
#endif

int sk_jsonw_reserve(sk_jsonw_t *self, size_t more) {
    if (self->n + more <= self->cap) return 0;
    size_t cap = self->cap ? self->cap : 1 << 12;
    while (cap < self->n + more)
        cap *= 2;
    char *np = realloc(self->p, cap);
    if (!np) {
        self->err |= SK_JSONW_NOMEM;
        return -1;
    }
    self->p = np;
    self->cap = cap;
    return 0;
}

void sk_jsonw_raw(sk_jsonw_t *self, const char *s, size_t n) {
    if (sk_jsonw_reserve(self, n)) return;
    memcpy(self->p + self->n, s, n);
    self->n += n;
}

void sk_jsonw_lit(sk_jsonw_t *self, const char *s) {
    sk_jsonw_raw(self, s, strlen(s));
}

/* Length of the valid UTF-8 sequence starting at s[0] (a non-ASCII lead
 * byte), or 0 if invalid; the same checks as jansson's utf8_check_full. */
static size_t utf8_seq(const unsigned char *s, size_t avail) {
    unsigned char u = s[0];
    size_t len;
    uint32_t v;
    if (u >= 0xC2 && u <= 0xDF)
        len = 2, v = u & 0x1F;
    else if (u >= 0xE0 && u <= 0xEF)
        len = 3, v = u & 0x0F;
    else if (u >= 0xF0 && u <= 0xF4)
        len = 4, v = u & 0x07;
    else
        return 0;
    if (len > avail) return 0;
    for (size_t i = 1; i < len; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF) return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000)) return 0;
    return len;
}

int sk_jsonw_utf8_valid(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t l = utf8_seq(u + i, n - i);
        if (!l) return 0;
        i += l;
    }
    return 1;
}

/* The bytes of w (eight bytes of a string, the first in the low byte) that cannot be copied
 * as they are: a quote, a backslash, a control or a byte outside ASCII, each marked by its
 * high bit. A borrow only runs from a marked byte to the ones above it, so the lowest mark
 * is exact: it is the first byte to stop at. */
static inline uint64_t stop_bytes(uint64_t w) {
    const uint64_t lo = 0x0101010101010101ull, hi = 0x8080808080808080ull;
    uint64_t q = w ^ 0x2222222222222222ull, b = w ^ 0x5C5C5C5C5C5C5C5Cull;
    return (((q - lo) & ~q) | ((b - lo) & ~b) | ((w - 0x2020202020202020ull) & ~w) | w) & hi;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define JSONW_SKIP_PLAIN 1
#endif

/* How many of the 16 bytes at u are copied as they are by the fast path of
 * str_any, from the first: ASCII but '"', '\\' and controls; C2-DF and a
 * continuation byte; E1-EC or EE-EF and two continuation bytes (always valid
 * UTF-8). Stops at any other byte and before a character that runs past the
 * 16. The byte-by-byte definition: */
size_t sk_jsonw_plain_run16_ref(const unsigned char *u) {
    size_t i = 0;
    while (i < 16) {
        unsigned char c = u[i];
        if (c < 0x80) {
            if (c < 0x20 || c == '"' || c == '\\') break;
            i++;
        } else if (c >= 0xC2 && c <= 0xDF) {
            if (i + 2 > 16 || (u[i + 1] & 0xC0) != 0x80) break;
            i += 2;
        } else if (c >= 0xE1 && c <= 0xEF && c != 0xED) {
            if (i + 3 > 16 || (u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80) break;
            i += 3;
        } else {
            break;
        }
    }
    return i;
}

#ifdef JSONW_SIMD
/* The same with SSE2, as bit masks (bit i = byte i): a byte ends the run when
 * it is an ASCII stop, of no accepted kind, a lead byte without its
 * continuation bytes (or with them past the 16), or a continuation byte of no
 * lead. Signed bytes: 80-BF are -128..-65, C2-DF -62..-33, E1-EF -31..-17. */
static inline size_t plain_run16(__m128i v) {
    unsigned hi = (unsigned)_mm_movemask_epi8(v);
    __m128i ascii_stop = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                   _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
    unsigned stop_or_hi = (unsigned)_mm_movemask_epi8(ascii_stop);
    unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
    unsigned lead2 = (unsigned)_mm_movemask_epi8(_mm_and_si128(
        _mm_cmpgt_epi8(v, _mm_set1_epi8(-63)), _mm_cmplt_epi8(v, _mm_set1_epi8(-32))));
    unsigned lead3 = (unsigned)_mm_movemask_epi8(
        _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(-19)), /* ED: surrogates */
                         _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-32)),
                                       _mm_cmplt_epi8(v, _mm_set1_epi8(-16)))));
    unsigned stop = (stop_or_hi & ~hi) | (hi & ~(cont | lead2 | lead3)) | (lead2 & ~(cont >> 1)) |
                    (lead3 & ~(cont >> 1 & cont >> 2)) |
                    (cont & ~((lead2 << 1) | (lead3 << 1) | (lead3 << 2)));
    return (size_t)__builtin_ctz(stop | 0x10000);
}
#endif

size_t sk_jsonw_plain_run16(const unsigned char *u) {
#ifdef JSONW_SIMD
    return plain_run16(_mm_loadu_si128((const __m128i *)(const void *)u));
#else
    return sk_jsonw_plain_run16_ref(u);
#endif
}

/* sk_jsonw_str after the reserve. */
static void str_any(sk_jsonw_t *self, const unsigned char *u, size_t n) {
    static const char hex[] = "0123456789ABCDEF";
    char *d = self->p + self->n;
    *d++ = '"';
    for (size_t i = 0; i < n;) {
#ifdef JSONW_SIMD
        /* Sixteen bytes at once, copied whole and kept up to the first byte the
         * fast path does not take (the 16 fit: at most 6 i + 1 bytes are
         * written before, of the 6 n + 2 reserved, and i + 16 <= n); the
         * word loop below takes the last bytes and the byte that stopped. */
        if (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
            _mm_storeu_si128((__m128i *)(void *)d, v);
            size_t run = plain_run16(v);
            d += run;
            i += run;
            if (run) continue; /* the next block starts at the byte that stopped this one */
        }
#endif
        /* Plain bytes eight at a time, each word copied whole and the output moved on by
         * its plain bytes up to the first to stop at (Vietnamese has a letter outside ASCII
         * every few bytes). The 8 bytes fit: at most 6 i + 1 bytes are written before, of
         * the 6 n + 2 reserved. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            uint64_t stop = stop_bytes(w);
#ifdef JSONW_SKIP_PLAIN
            memcpy(d, &w, 8);
            if (!stop) {
                d += 8;
                i += 8;
                continue;
            }
            size_t k = (size_t)__builtin_ctzll(stop) >> 3;
            /* A Vietnamese letter at the stop, whole in the word, is valid as it is (as
               below): on with the next word after it, not through the byte-wise path. */
            uint64_t at = w >> (8 * k);
            unsigned char c = (unsigned char)at;
            size_t len = c >= 0xC2 && c <= 0xDF                                 ? 2
                         : ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) ? 3
                                                                                : 0;
            uint64_t conts = len == 2 ? 0xC000 : 0xC0C000;
            if (len && k + len <= 8 && (at & conts) == (conts & 0x808000)) {
                d += k + len;
                i += k + len;
                continue;
            }
            d += k;
            i += k;
            break;
#else
            if (stop) break;
            memcpy(d, &w, 8);
            d += 8;
            i += 8;
#endif
        }
        if (i >= n) break;
        /* One character: the one to stop at, or one of the last seven bytes. */
        unsigned char c = u[i];
        if (c >= 0x80) {
            /* Vietnamese letters first: C2-DF + 1, and E1-EC / EE-EF + 2 continuation
             * bytes are always valid (no overlong form, surrogate or > U+10FFFF). */
            if (c <= 0xDF && c >= 0xC2 && i + 1 < n && (u[i + 1] & 0xC0) == 0x80) {
                d[0] = (char)c;
                d[1] = (char)u[i + 1];
                d += 2;
                i += 2;
                continue;
            }
            if (((c >= 0xE1 && c <= 0xEC) || c >= 0xEE) && c <= 0xEF && i + 2 < n &&
                (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
                d[0] = (char)c;
                d[1] = (char)u[i + 1];
                d[2] = (char)u[i + 2];
                d += 3;
                i += 3;
                continue;
            }
            size_t l = utf8_seq(u + i, n - i);
            if (!l) {
                self->err |= SK_JSONW_BADUTF8;
                return; /* nothing of this string is kept */
            }
            memcpy(d, u + i, l);
            d += l;
            i += l;
            continue;
        }
        i++;
        if (c >= 0x20 && c != '"' && c != '\\') {
            *d++ = (char)c;
            continue;
        }
        *d++ = '\\';
        switch (c) {
        case '"':
            *d++ = '"';
            break;
        case '\\':
            *d++ = '\\';
            break;
        case '\b':
            *d++ = 'b';
            break;
        case '\f':
            *d++ = 'f';
            break;
        case '\n':
            *d++ = 'n';
            break;
        case '\r':
            *d++ = 'r';
            break;
        case '\t':
            *d++ = 't';
            break;
        default:
            *d++ = 'u';
            *d++ = '0';
            *d++ = '0';
            *d++ = hex[c >> 4];
            *d++ = hex[c & 15];
        }
    }
    *d++ = '"';
    self->n = (size_t)(d - self->p);
}

void sk_jsonw_str(sk_jsonw_t *self, const char *s, size_t n) {
    if (sk_jsonw_reserve(self, n * 6 + 2)) return;
    const unsigned char *u = (const unsigned char *)s;
    /* Short plain ASCII (codes, roles, dates: most strings written) without the set-up of the
       general loop; anything else is left to it. */
    if (n < 16) {
        /* Short strings (names, codes, dates) are mostly plain: tested and
         * copied as two overlapping words of 8 (or 4) bytes, for a whole-word
         * test that no byte is to stop at (exact: a word with no stop byte
         * has no mark). */
        char *d = self->p + self->n;
        int plain;
        if (n >= 8) {
            uint64_t w0, w1;
            memcpy(&w0, u, 8);
            memcpy(&w1, u + n - 8, 8);
            plain = !(stop_bytes(w0) | stop_bytes(w1));
            if (plain) {
                memcpy(d + 1, &w0, 8);
                memcpy(d + 1 + n - 8, &w1, 8);
            }
        } else if (n >= 4) {
            uint32_t h0, h1;
            memcpy(&h0, u, 4);
            memcpy(&h1, u + n - 4, 4);
            plain = !stop_bytes((uint64_t)h1 << 32 | h0);
            if (plain) {
                memcpy(d + 1, &h0, 4);
                memcpy(d + 1 + n - 4, &h1, 4);
            }
        } else {
            size_t i = 0;
            while (i < n && u[i] >= 0x20 && u[i] < 0x80 && u[i] != '"' && u[i] != '\\') {
                d[i + 1] = (char)u[i];
                i++;
            }
            plain = i == n;
        }
        if (plain) {
            d[0] = d[n + 1] = '"';
            self->n += n + 2;
            return;
        }
    }
    str_any(self, u, n);
}

void sk_jsonw_str_or_null(sk_jsonw_t *self, const char *s) {
    if (s)
        sk_jsonw_str(self, s, strlen(s));
    else
        sk_jsonw_raw(self, "null", 4);
}

void sk_jsonw_int(sk_jsonw_t *self, long long v) {
    /* straight into the buffer, from its last digit: its length is counted first */
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    size_t len = (v < 0) + 1;
    for (unsigned long long x = u; x >= 10; x /= 10)
        len++;
    if (sk_jsonw_reserve(self, len)) return;
    char *e = self->p + self->n + len, *d = e;
    do
        *--d = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0) *--d = '-';
    self->n += len;
}

void sk_jsonw_free(sk_jsonw_t *self) {
    free(self->p);
    self->p = NULL;
    self->n = self->cap = 0;
    self->err = 0;
}
