/* jsonw.c — direct compact JSON output, byte-identical to jansson's. */
#include "jsonw.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

void sk_jsonw_str(sk_jsonw_t *self, const char *s, size_t n) {
    static const char hex[] = "0123456789ABCDEF";
    if (sk_jsonw_reserve(self, n * 6 + 2)) return;
    const unsigned char *u = (const unsigned char *)s;
    char *d = self->p + self->n;
    *d++ = '"';
    for (size_t i = 0; i < n;) {
        /* Eight plain ASCII bytes at a time: no quote, backslash, control or high bit. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            uint64_t q = w ^ 0x2222222222222222ull, b = w ^ 0x5C5C5C5C5C5C5C5Cull;
            uint64_t hi = 0x8080808080808080ull, lo = 0x0101010101010101ull;
            uint64_t special =
                ((q - lo) & ~q) | ((b - lo) & ~b) | ((w - 0x2020202020202020ull) & ~w) | w;
            if (special & hi) break;
            memcpy(d, u + i, 8);
            d += 8;
            i += 8;
        }
        /* Then a word's worth of characters one by one before trying whole
         * words again (Vietnamese has a letter outside ASCII every few bytes:
         * a word test after each of them mostly failed). */
        size_t stop = n - i > 8 ? i + 8 : n;
        while (i < stop) {
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
    }
    *d++ = '"';
    self->n = (size_t)(d - self->p);
}

void sk_jsonw_str_or_null(sk_jsonw_t *self, const char *s) {
    if (s)
        sk_jsonw_str(self, s, strlen(s));
    else
        sk_jsonw_raw(self, "null", 4);
}

void sk_jsonw_int(sk_jsonw_t *self, long long v) {
    char num[24], *e = num + sizeof num, *d = e;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do
        *--d = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0) *--d = '-';
    sk_jsonw_raw(self, d, (size_t)(e - d));
}

void sk_jsonw_free(sk_jsonw_t *self) {
    free(self->p);
    self->p = NULL;
    self->n = self->cap = 0;
    self->err = 0;
}
