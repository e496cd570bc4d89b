/* swar.h — eight bytes at a time in a 64-bit word ("SIMD within a register")
 * for scans over every byte of an article: a word is tested at once and only
 * a word that may hold something of interest is looked at byte by byte. */
#ifndef SK_SWAR_H
#define SK_SWAR_H

#include <stdint.h>
#include <string.h>

#define SK_SWAR_ONES 0x0101010101010101ull
#define SK_SWAR_HIGH 0x8080808080808080ull

static inline uint64_t sk_swar_load(const void *p) {
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

/* Non-zero exactly when some byte of w equals b (a yes/no answer: which bits
 * are set above the first matching byte means nothing). */
static inline uint64_t sk_swar_has(uint64_t w, unsigned char b) {
    uint64_t t = w ^ (SK_SWAR_ONES * b);
    return (t - SK_SWAR_ONES) & ~t & SK_SWAR_HIGH;
}

/* Index of the first byte (in memory order) whose 0x80 bit is set in flags,
 * flags != 0. With sk_swar_has-style flags the first one is always exact. */
static inline unsigned sk_swar_first(uint64_t flags) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return (unsigned)__builtin_clzll(flags) / 8;
#else
    return (unsigned)__builtin_ctzll(flags) / 8;
#endif
}

/* The bytes of w that are syllable bytes of folded text ([a-z0-9] or >= 0x80, as
 * sk_tok_byte), each as its 0x80 bit. Per byte, x = its low 7 bits, x + (0x80 - c)
 * has the 0x80 bit set when x >= c, and never carries into the next byte. */
static inline uint64_t sk_swar_syll_bytes(uint64_t w) {
    uint64_t x = w & ~SK_SWAR_HIGH;
    uint64_t az = (x + SK_SWAR_ONES * (0x80 - 'a')) & ~(x + SK_SWAR_ONES * (0x80 - 'z' - 1));
    uint64_t digit = (x + SK_SWAR_ONES * (0x80 - '0')) & ~(x + SK_SWAR_ONES * (0x80 - '9' - 1));
    return (w | az | digit) & SK_SWAR_HIGH;
}

/* The bytes of w equal to c, each as its 0x80 bit (exact for every byte: the
 * low seven bits plus 0x7F never carry into the next byte). */
static inline uint64_t sk_swar_eq(uint64_t w, unsigned char c) {
    uint64_t t = w ^ (SK_SWAR_ONES * c);
    return ~(((t & ~SK_SWAR_HIGH) + ~SK_SWAR_HIGH) | t) & SK_SWAR_HIGH;
}

/* One bit per byte (bit j for byte j) from 0x80 flags in memory byte order. */
static inline uint64_t sk_swar_bits(uint64_t flags) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    flags = __builtin_bswap64(flags);
#endif
    /* byte j's bit (bit 8j) goes to bit 56 + j: the partial products never overlap */
    return ((flags >> 7) * 0x0102040810204080ull) >> 56;
}

/* Of the 64 bytes at p, as bit masks (bit k for p[k]): the syllable bytes of folded
 * text ([a-z0-9] and >= 0x80, as sk_tok_byte) and the bytes that may join two
 * syllables of a phrase (' ', '-', '\''). Eight bytes at a time. */
static inline void sk_tok_masks64_swar(const unsigned char *p, uint64_t *syll, uint64_t *join) {
    uint64_t s = 0, j = 0;
    for (int k = 0; k < 8; k++) {
        uint64_t w = sk_swar_load(p + 8 * k);
        s |= sk_swar_bits(sk_swar_syll_bytes(w)) << (8 * k);
        j |= sk_swar_bits(sk_swar_eq(w, ' ') | sk_swar_eq(w, '-') | sk_swar_eq(w, '\'')) << (8 * k);
    }
    *syll = s;
    *join = j;
}

#if defined(__SSE2__)
#include <emmintrin.h>
/* sk_tok_masks64_swar with SSE2, sixteen bytes at a time (the same results:
 * test_normalize.c compares them). */
static inline void sk_tok_masks64(const unsigned char *p, uint64_t *syll, uint64_t *join) {
    uint64_t s = 0, j = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
        __m128i az = _mm_sub_epi8(v, _mm_set1_epi8('a'));
        __m128i dg = _mm_sub_epi8(v, _mm_set1_epi8('0'));
        /* unsigned x <= n exactly when min(x, n) == x */
        az = _mm_cmpeq_epi8(_mm_min_epu8(az, _mm_set1_epi8(25)), az);
        dg = _mm_cmpeq_epi8(_mm_min_epu8(dg, _mm_set1_epi8(9)), dg);
        __m128i sy = _mm_or_si128(v, _mm_or_si128(az, dg)); /* v: its top bit */
        __m128i jn = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                                  _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('-')),
                                               _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))));
        s |= (uint64_t)(uint32_t)_mm_movemask_epi8(sy) << (16 * k);
        j |= (uint64_t)(uint32_t)_mm_movemask_epi8(jn) << (16 * k);
    }
    *syll = s;
    *join = j;
}
#else
static inline void sk_tok_masks64(const unsigned char *p, uint64_t *syll, uint64_t *join) {
    sk_tok_masks64_swar(p, syll, join);
}
#endif

#endif
