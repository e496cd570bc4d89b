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

#endif
