/* normalize.h — Vietnamese text normalisation (NFC) and the folded matching form.
 *
 * Vietnamese has two spellings for the same text: precomposed vs. combining
 * marks (fixed by NFC), and tone placement on oa/oe/uy ("hoà" vs "hòa").
 * Matching happens on the folded form — lower case, every diacritic removed,
 * đ→d — where both placements are identical, while output keeps the article's
 * own spelling by mapping folded offsets back to the original bytes.
 */
#ifndef SK_NORMALIZE_H
#define SK_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

/* Repair and normalise arbitrary bytes into NFC UTF-8:
 *  - invalid UTF-8 sequences become U+FFFD (counted in *n_invalid),
 *  - NUL and other C0 controls except \t and \n become a space (counted in *n_controls),
 *  - \r\n and lone \r become \n; NBSP and other Unicode spaces become ' ';
 *    zero-width characters and BOMs are removed.
 * *out is malloc'd and NUL-terminated (caller frees). Returns SK_OK or SK_ENOMEM. */
int sk_normalize_text(const char *in, size_t len, char **out, size_t *out_len, size_t *n_invalid,
                      size_t *n_controls);

/* Folded form of NFC text. to_orig[i] is the byte offset in the source of the
 * character that produced folded byte i; to_orig[len] == source length. */
typedef struct sk_folded {
    char *text; /* NUL-terminated, and NUL up to text[len + 7]: 8 bytes can be read at
                   any offset up to len (the lexicon's tokenizer reads words) */
    size_t len;
    uint32_t *to_orig;
} sk_folded_t;

/* Fold NFC text: lower case, diacritics stripped, đ/Đ→d. Other characters are
 * kept (lower-cased). Fills *out with one malloc'd block; free with sk_folded_free. */
int sk_fold(const char *nfc, size_t len, sk_folded_t *out);
void sk_folded_free(sk_folded_t *f);

/* Fold a short string into buf (NUL-terminated, truncated to cap). Returns length. */
size_t sk_fold_str(const char *s, size_t len, char *buf, size_t cap);

/* Byte offset in the folded text of the first folded byte at or after source offset
 * `orig` (binary search over to_orig). */
size_t sk_folded_from_orig(const sk_folded_t *f, size_t orig);

/* Canonical tone placement for comparison keys: copies NFC text to out, rewriting
 * word-final "òa óa ỏa õa ọa", "òe…", "ùy…" to the new-style placement ("oà", "oè",
 * "uỳ"). out needs room for 2*len+1 bytes; returns the output length (NUL-terminated). */
size_t sk_tone_canon(const char *nfc, size_t len, char *out);

/* Decode one UTF-8 code point at s[0..len); returns its byte length (>=1) and sets *cp,
 * or returns -1 for an invalid sequence. */
int sk_utf8_decode_slow(const char *s, size_t len, int32_t *cp); /* utf8proc_iterate */
static inline int sk_utf8_decode(const char *s, size_t len, int32_t *cp) {
    /* The 1- to 3-byte cases inline with exactly utf8proc_iterate's checks (it
     * was 5% of `sukien code` as a library call); 4-byte and invalid input go to it. */
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 1 && u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if (len >= 2 && u[0] >= 0xC2 && u[0] < 0xE0 && (u[1] & 0xC0) == 0x80) {
        *cp = ((int32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        return 2;
    }
    if (len >= 3 && u[0] >= 0xE0 && u[0] < 0xF0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
        !(u[0] == 0xED && u[1] > 0x9F)) {
        int32_t c3 = ((int32_t)(u[0] & 0x0F) << 12) | ((int32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        if (c3 >= 0x800) {
            *cp = c3;
            return 3;
        }
    }
    return sk_utf8_decode_slow(s, len, cp);
}

/* Letter / upper-case flags (1 = letter, categories Lu..Lo; 2 = Lu) and
 * utf8proc_tolower of U+0000–U+024F and U+1E00–U+1EFF, all of Vietnamese
 * (cp_tables.h, generated from utf8proc; checked in test_normalize.c). These
 * ran through utf8proc for every non-ASCII character the tokenizers see. */
extern const uint8_t sk_cp_flags_latin[0x250], sk_cp_flags_vi[0x100];
extern const uint16_t sk_cp_lower_latin[0x250], sk_cp_lower_vi[0x100];
int sk_cp_flags_slow(int32_t cp); /* the same from utf8proc, any code point */
int32_t sk_to_lower_slow(int32_t cp);

static inline int sk_cp_flags(int32_t cp) {
    if (cp >= 0 && cp < 0x250) return sk_cp_flags_latin[cp];
    if (cp >= 0x1E00 && cp < 0x1F00) return sk_cp_flags_vi[cp - 0x1E00];
    return sk_cp_flags_slow(cp);
}

/* A byte of a syllable in folded text: [a-z0-9] or any non-ASCII byte (the
 * tokenizers of lexicon and mention, one table look-up per byte). */
extern const uint8_t sk_tok_byte_tab[256];
static inline int sk_tok_byte(unsigned char c) {
    return sk_tok_byte_tab[c];
}

/* Is the code point an upper-case letter (Vietnamese aware)? */
static inline int sk_is_upper(int32_t cp) {
    return (sk_cp_flags(cp) & 2) != 0;
}
/* Is it a letter? */
static inline int sk_is_letter(int32_t cp) {
    return sk_cp_flags(cp) & 1;
}
/* utf8proc_tolower(cp). */
static inline int32_t sk_to_lower(int32_t cp) {
    if (cp >= 0 && cp < 0x250) return sk_cp_lower_latin[cp];
    if (cp >= 0x1E00 && cp < 0x1F00) return sk_cp_lower_vi[cp - 0x1E00];
    return sk_to_lower_slow(cp);
}

/* utf8proc_encode_char: cp as UTF-8 into out[0..4), returns the length (0 for an
 * invalid code point; checked against utf8proc in test_normalize.c). */
static inline int sk_utf8_encode(int32_t cp, char *out) {
    unsigned char *o = (unsigned char *)out;
    if (cp < 0) return 0;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp < 0x110000) {
        o[0] = (unsigned char)(0xF0 | (cp >> 18));
        o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[3] = (unsigned char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

#endif
