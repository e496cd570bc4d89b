/* jsonw.h — a growing output buffer that writes compact JSON directly, with
 * exactly the bytes jansson's json_dumps(JSON_COMPACT) gives for the same
 * values: '"' and '\\' escaped, \b \f \n \r \t, other controls as \u00XX
 * (upper-case hex), everything else (UTF-8 included) as is.
 *
 * jansson refuses strings that are not valid UTF-8 (json_string returns
 * NULL); sk_jsonw_str marks the writer instead (SK_JSONW_BADUTF8) so the
 * caller can redo the record the old way and keep the output identical. */
#ifndef SK_JSONW_H
#define SK_JSONW_H

#include <stddef.h>

enum {
    SK_JSONW_NOMEM = 1,   /* an allocation failed: the buffer content is incomplete */
    SK_JSONW_BADUTF8 = 2, /* a string was not valid UTF-8 (as jansson's utf8_check) */
};

typedef struct sk_jsonw {
    char *p; /* bytes written so far (not NUL-terminated), malloc'd */
    size_t n, cap;
    int err; /* SK_JSONW_* flags, sticky until the caller clears them */
} sk_jsonw_t;

/* Make room for `more` bytes; 0 or -1 (and SK_JSONW_NOMEM set). */
int sk_jsonw_reserve(sk_jsonw_t *self, size_t more);
void sk_jsonw_raw(sk_jsonw_t *self, const char *s, size_t n);
/* Literal text (keys, punctuation), by strlen. */
void sk_jsonw_lit(sk_jsonw_t *self, const char *s);
/* A JSON string for s[0..n). */
void sk_jsonw_str(sk_jsonw_t *self, const char *s, size_t n);
/* A JSON string for the NUL-terminated s, or null when s is NULL. */
void sk_jsonw_str_or_null(sk_jsonw_t *self, const char *s);
void sk_jsonw_int(sk_jsonw_t *self, long long v);
/* Release the buffer; the writer may be reused afterwards (empty). */
void sk_jsonw_free(sk_jsonw_t *self);

/* 1 when s[0..n) is valid UTF-8 by jansson's rules (no overlong forms,
 * surrogates or code points above U+10FFFF), else 0. */
int sk_jsonw_utf8_valid(const char *s, size_t n);

/* How many of the 16 bytes at u are plain characters the string writer copies
 * as they are (SSE2 where there is SSE2); _ref is the byte-by-byte definition
 * the fast version must agree with. For tests. */
size_t sk_jsonw_plain_run16(const unsigned char *u);
size_t sk_jsonw_plain_run16_ref(const unsigned char *u);

#endif
