/* reader_jsonl.c — JSON Lines corpus reader: one article object per line
 * (id or doc, url, outlet, published, title, corpus, text).
 *
 * Lines are streamed: a line longer than the record limit is reported and
 * skipped without being held in memory. Each line is parsed by a small
 * validating parser that decodes only the fields we use (several times
 * faster than building a DOM); other values are checked and skipped. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reader_impl.h"
#include "swar.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#define JSONL_SIMD 1
#endif

int sk_read_jsonl(sk_reader_t *r, sk_article_t **out);

enum { CHUNK = 1u << 20 };

/* Next line (without the newline) or 0 at end of input. Over-long lines are
 * reported, skipped, and reading continues. */
static int next_line(sk_reader_t *r, const char **line, size_t *len) {
    sk_input_t *in = &r->in;
    size_t max = r->opts.max_record_bytes;
    for (;;) {
        size_t scanned = 0;
        for (;;) {
            size_t avail = in->len - in->pos;
            const char *start = in->buf + in->pos;
            const char *nl =
                avail > scanned ? memchr(start + scanned, '\n', avail - scanned) : NULL;
            if (nl && (size_t)(nl - start) > max) { /* already buffered, still too long */
                r->line++;
                in->pos += (size_t)(nl - start) + 1;
                sk_reader_error(r, r->line, NULL, SK_ETOOBIG,
                                "line of %zu bytes exceeds the record limit of %zu bytes; skipped",
                                (size_t)(nl - start), max);
                scanned = 0;
                continue;
            }
            if (nl) {
                r->line++;
                *line = start;
                *len = (size_t)(nl - start);
                in->pos += *len + 1;
                return 1;
            }
            scanned = avail;
            if (avail > max) break; /* too long: skip it */
            if (in->eof) {
                if (!avail) return 0;
                r->line++;
                *line = start;
                *len = avail;
                in->pos += avail;
                return 1;
            }
            size_t want = avail + CHUNK;
            if (want > max + 1) want = max + 1;
            sk_input_fill(in, want);
            if (in->len - in->pos == avail && !in->eof) return 0; /* no memory to grow */
        }
        /* Stream past the rest of the over-long line. */
        r->line++;
        unsigned long long total = 0;
        for (;;) {
            size_t avail = in->len - in->pos;
            const char *start = in->buf + in->pos;
            const char *nl = memchr(start, '\n', avail);
            if (nl) {
                total += (size_t)(nl - start);
                in->pos += (size_t)(nl - start) + 1;
                break;
            }
            total += avail;
            in->pos = in->len;
            if (sk_input_fill(in, 1) == 0) break;
        }
        sk_reader_error(r, r->line, NULL, SK_ETOOBIG,
                        "line of %llu bytes exceeds the record limit of %zu bytes; skipped", total,
                        max);
    }
}

/* ---- a small JSON parser for flat article objects ------------------------- */

typedef struct {
    const char *p, *end, *start;
    const char *err;
    char *sbuf; /* decoded string scratch */
    size_t scap;
} jp_t;

static void ws(jp_t *j) {
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r' || *j->p == '\n'))
        j->p++;
}

static int hex4(const char *s, unsigned *out) {
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if ((c | 32) >= 'a' && (c | 32) <= 'f')
            v |= (unsigned)((c | 32) - 'a' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *o, unsigned cp) {
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decode the escape at *qp (on its backslash) into out and move *qp past it.
 * Returns the number of bytes written (at most 4, never more than the escape
 * itself takes), or -1 with j->err and j->p set. */
static int unescape(jp_t *j, const char **qp, char *out) {
    const char *q = *qp;
    if (q + 1 >= j->end) {
        j->err = "unterminated escape";
        j->p = q;
        return -1;
    }
    char one = 0;
    switch (q[1]) {
    case '"':
    case '\\':
    case '/':
        one = q[1];
        break;
    case 'b':
        one = '\b';
        break;
    case 'f':
        one = '\f';
        break;
    case 'n':
        one = '\n';
        break;
    case 'r':
        one = '\r';
        break;
    case 't':
        one = '\t';
        break;
    }
    if (one) {
        out[0] = one;
        *qp = q + 2;
        return 1;
    }
    if (q[1] != 'u' || q + 6 > j->end) {
        j->err = "invalid escape";
        j->p = q;
        return -1;
    }
    unsigned cp;
    if (hex4(q + 2, &cp)) {
        j->err = "invalid \\u escape";
        j->p = q;
        return -1;
    }
    q += 6;
    if (cp >= 0xD800 && cp < 0xDC00) {
        unsigned lo;
        if (q + 6 <= j->end && q[0] == '\\' && q[1] == 'u' && !hex4(q + 2, &lo) && lo >= 0xDC00 &&
            lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            q += 6;
        } else {
            cp = 0xFFFD;
        }
    } else if (cp >= 0xDC00 && cp < 0xE000) {
        cp = 0xFFFD;
    }
    *qp = q;
    return (int)put_utf8(out, cp);
}

/* The first quote, backslash or control byte in [q, end), or end. */
static const char *scan_plain(const char *q, const char *end) {
#ifdef JSONL_SIMD
    /* Sixteen bytes at once; a control is a byte whose unsigned minimum with
     * 1F is itself. */
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'),
                  c1f = _mm_set1_epi8(0x1F);
    for (; end - q >= 16; q += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
                                 _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits) return q + __builtin_ctz(bits);
    }
#endif
    /* Eight bytes at a time while there is no quote, backslash or control. */
    while (end - q >= 8) {
        uint64_t w, hi = 0x8080808080808080ull, lo = 0x0101010101010101ull;
        memcpy(&w, q, 8);
        uint64_t a = w ^ 0x2222222222222222ull, b = w ^ 0x5C5C5C5C5C5C5C5Cull;
        if ((((a - lo) & ~a) | ((b - lo) & ~b) | ((w - 0x2020202020202020ull) & ~w)) & hi) break;
        q += 8;
    }
    while (q < end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20)
        q++;
    return q;
}

/* Parse a string at j->p, which is on the opening quote. When keep, set *s and
 * *n to it: into the line when it has no escape (keys, URLs, titles: nearly
 * all), else decoded into j->sbuf; valid until the next kept string. */
static int parse_string(jp_t *j, int keep, const char **s, size_t *n) {
    j->p++; /* opening quote */
    const char *q = scan_plain(j->p, j->end);
    if (q < j->end && *q == '"') { /* no escape: nothing to decode or copy */
        if (keep) {
            *s = j->p;
            *n = (size_t)(q - j->p);
        }
        j->p = q + 1;
        return 0;
    }
    q = j->p;
    /* Slow path: copy runs without escapes, decode the escapes. */
    size_t o = 0;
    if (keep) {
        size_t need = (size_t)(j->end - q) + 1;
        if (need > j->scap) {
            char *nb = realloc(j->sbuf, need);
            if (!nb) {
                j->err = "out of memory";
                return -1;
            }
            j->sbuf = nb;
            j->scap = need;
        }
    }
    for (;;) {
        const char *run = q;
        q = scan_plain(q, j->end);
        if (keep && q > run) {
            memcpy(j->sbuf + o, run, (size_t)(q - run));
            o += (size_t)(q - run);
        }
        if (q >= j->end) {
            j->err = "unterminated string";
            j->p = q;
            return -1;
        }
        if (*q == '"') break;
        if ((unsigned char)*q < 0x20) {
            j->err = "control character inside a string";
            j->p = q;
            return -1;
        }
        char tmp[4];
        int k = unescape(j, &q, keep ? j->sbuf + o : tmp);
        if (k < 0) return -1;
        if (keep) o += (size_t)k;
    }
    j->p = q + 1;
    if (keep) {
        j->sbuf[o] = '\0';
        *s = j->sbuf;
        *n = o;
    }
    return 0;
}

/* The common characters of the article text, which the decoder copies as they
 * are and sk_text_is_normal accepts: printable ASCII but '"', '\\' and DEL;
 * U+00C0-U+02FF (C3-CB and a continuation byte); U+1E00-U+1EFF (E1, B8-BB and
 * a continuation byte). sk_jsonl_plain_run16 is how many of the 16 bytes at q
 * are such characters, from the first: it stops at any other byte and before
 * a character that runs past the 16. The byte-by-byte definition: */
size_t sk_jsonl_plain_run16_ref(const unsigned char *q) {
    size_t i = 0;
    while (i < 16) {
        unsigned char c = q[i];
        if (c < 0x80) {
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x7F) break;
            i++;
        } else if (c >= 0xC3 && c <= 0xCB) {
            if (i + 2 > 16 || (q[i + 1] & 0xC0) != 0x80) break;
            i += 2;
        } else if (c == 0xE1) {
            if (i + 3 > 16 || q[i + 1] < 0xB8 || q[i + 1] > 0xBB || (q[i + 2] & 0xC0) != 0x80)
                break;
            i += 3;
        } else {
            break;
        }
    }
    return i;
}

#ifdef JSONL_SIMD
/* The same with SSE2 (part of every x86-64): the bytes are classified at once
 * into masks, and a byte ends the run when it is an ASCII
 * stop, a byte of no accepted kind, a lead byte whose continuation bytes are
 * not there (or past the 16), or a continuation byte of no lead. The first
 * such byte is where the byte-by-byte loop stops (tests/unit/test_reader.c). */
static inline size_t plain_run16(__m128i v) {
    /* Kept as byte masks (FF = the byte is of the kind) to the end: the
     * neighbours are compared with whole-register byte shifts, which bring in
     * zero bytes at the edges just as shifts of bit masks bring in zero bits,
     * and only the result is moved to a bit mask. */
    __m128i hi = _mm_cmplt_epi8(v, _mm_setzero_si128());
    __m128i ascii =
        _mm_or_si128(_mm_or_si128(_mm_andnot_si128(hi, _mm_cmplt_epi8(v, _mm_set1_epi8(0x20))),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
                     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))));
    /* Signed bytes: 80-BF are -128..-65, C3-CB -61..-53, B8-BB -72..-69. */
    __m128i cont = _mm_cmplt_epi8(v, _mm_set1_epi8(-64));
    __m128i lead2 =
        _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-62)), _mm_cmplt_epi8(v, _mm_set1_epi8(-52)));
    __m128i e1 = _mm_cmpeq_epi8(v, _mm_set1_epi8(-31));
    __m128i b8bb =
        _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-73)), _mm_cmplt_epi8(v, _mm_set1_epi8(-68)));
    __m128i other = _mm_andnot_si128(_mm_or_si128(cont, _mm_or_si128(lead2, e1)), hi);
    __m128i lead2_bad = _mm_andnot_si128(_mm_srli_si128(cont, 1), lead2);
    __m128i e1_bad =
        _mm_andnot_si128(_mm_and_si128(_mm_srli_si128(b8bb, 1), _mm_srli_si128(cont, 2)), e1);
    __m128i cont_bad =
        _mm_andnot_si128(_mm_or_si128(_mm_slli_si128(lead2, 1),
                                      _mm_or_si128(_mm_slli_si128(e1, 1), _mm_slli_si128(e1, 2))),
                         cont);
    __m128i stop = _mm_or_si128(_mm_or_si128(ascii, other),
                                _mm_or_si128(lead2_bad, _mm_or_si128(e1_bad, cont_bad)));
    return (size_t)__builtin_ctz((unsigned)_mm_movemask_epi8(stop) | 0x10000);
}
#endif

size_t sk_jsonl_plain_run16(const unsigned char *q) {
#ifdef JSONL_SIMD
    return plain_run16(_mm_loadu_si128((const __m128i *)(const void *)q));
#else
    return sk_jsonl_plain_run16_ref(q);
#endif
}

/* Parse the article text, the string at j->p (on its opening quote), straight
 * into the article's arena, and tell in the same pass whether sk_text_is_normal
 * holds for the result (*normal): it is a test of each character, and while
 * every character so far passed, the decoded characters start where the
 * source's do. Saves a copy and a pass over the largest field of each line. */
static int parse_text(jp_t *j, sk_arena_t *arena, char **out, size_t *out_len, int *normal) {
    const char *q = j->p + 1, *end = j->end;
    /* Decoding never lengthens: the rest of the line, and 4 bytes for the
     * stores below that run past the character they copy. */
    char *dst = sk_arena_alloc_uninit(arena, (size_t)(end - q) + 4);
    if (!dst) {
        j->err = "out of memory";
        return -1;
    }
    size_t o = 0;
    int plain = 1;
    for (;;) {
#ifdef JSONL_SIMD
        /* Sixteen bytes at once, copied whole and kept up to the first byte
         * that is not a common character (most blocks of Vietnamese text are
         * all common): the next block starts there, or, at the byte itself,
         * the character is taken below. */
        if (end - q >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
            _mm_storeu_si128((__m128i *)(void *)(dst + o), v);
            size_t run = plain_run16(v);
            o += run;
            q += run;
            if (run) continue;
        }
#else
        if (end - q >= 8) {
            /* Eight bytes at once up to the first quote, backslash, control,
             * DEL or non-ASCII byte. Only the lowest flag must be exact: a
             * borrow or carry can flag a byte above a true stop, never below:
             * w - 0x20 flags controls, w + 1 flags DEL, w itself >= 0x80. */
            uint64_t w = sk_swar_load(q);
            uint64_t stop = ((w | (w - SK_SWAR_ONES * 0x20) | (w + SK_SWAR_ONES)) & SK_SWAR_HIGH) |
                            sk_swar_has(w, '"') | sk_swar_has(w, '\\');
            memcpy(dst + o, &w, 8);
            if (!stop) {
                o += 8;
                q += 8;
                continue;
            }
            size_t run = sk_swar_first(stop);
            o += run;
            q += run;
            /* Most stops are a letter of U+00C0-U+02FF (C3-CB, continuation) or
             * U+1E00-U+1EFF (E1, B8-BB, continuation): take it at once. */
            unsigned char c = (unsigned char)*q;
            if (end - q >= 4) { /* the closing quote follows */
                uint16_t next = (uint16_t)((unsigned char)q[1] | (unsigned char)q[2] << 8);
                size_t n = c >= 0xC3 && c <= 0xCB && (next & 0xC0) == 0x80 ? 2
                           : c == 0xE1 && (next & 0xC0FC) == 0x80B8        ? 3
                                                                           : 0;
                if (n) {
                    memcpy(dst + o, q, 4);
                    o += n;
                    q += n;
                    continue;
                }
            }
        }
#endif
        if (q >= end) {
            j->err = "unterminated string";
            j->p = q;
            return -1;
        }
        unsigned char c = (unsigned char)*q;
        if (c >= 0x80) {
            size_t n;
            if (c >= 0xC3 && c <= 0xCB && end - q >= 2 && (q[1] & 0xC0) == 0x80)
                n = 2; /* U+00C0-U+02FF */
            else if (c == 0xE1 && end - q >= 3 && (unsigned char)q[1] >= 0xB8 &&
                     (unsigned char)q[1] <= 0xBB && (q[2] & 0xC0) == 0x80)
                n = 3; /* U+1E00-U+1EFF */
            else if (!(n = sk_normal_char_len((const unsigned char *)q, (size_t)(end - q))))
                n = 1, plain = 0; /* copied as it is, a byte at a time */
            if (end - q >= 4)
                memcpy(dst + o, q, 4);
            else
                memcpy(dst + o, q, n);
            o += n;
            q += n;
            continue;
        }
        if (c == '"') break;
        if (c == '\\') {
            int k = unescape(j, &q, dst + o);
            if (k < 0) return -1;
            if (plain && !sk_normal_char_len((const unsigned char *)dst + o, (size_t)k)) plain = 0;
            o += (size_t)k;
            continue;
        }
        if (c < 0x20) {
            j->err = "control character inside a string";
            j->p = q;
            return -1;
        }
        if (c == 0x7F) plain = 0;
        dst[o++] = *q++;
    }
    j->p = q + 1;
    dst[o] = '\0';
    *out = dst;
    *out_len = o;
    *normal = plain;
    return 0;
}

int sk_jsonl_decode_text(const char *line, size_t len, sk_arena_t *arena, char **out,
                         size_t *out_len, int *normal, const char **err) {
    jp_t j = {.p = line, .end = line + len, .start = line};
    int rc = parse_text(&j, arena, out, out_len, normal);
    *err = j.err;
    return rc;
}

static int skip_value(jp_t *j, int depth);

static int skip_number(jp_t *j) {
    const char *q = j->p;
    if (q < j->end && *q == '-') q++;
    const char *d = q;
    while (q < j->end && ((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E' ||
                          *q == '+' || *q == '-'))
        q++;
    if (q == d) {
        j->err = "invalid value";
        return -1;
    }
    j->p = q;
    return 0;
}

static int skip_literal(jp_t *j, const char *lit) {
    size_t n = strlen(lit);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n)) {
        j->err = "invalid value";
        return -1;
    }
    j->p += n;
    return 0;
}

static int skip_container(jp_t *j, int depth, char close) {
    j->p++;
    ws(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        return 0;
    }
    for (;;) {
        ws(j);
        if (close == '}') {
            if (j->p >= j->end || *j->p != '"') {
                j->err = "expected a key";
                return -1;
            }
            if (parse_string(j, 0, NULL, NULL)) return -1;
            ws(j);
            if (j->p >= j->end || *j->p != ':') {
                j->err = "expected ':'";
                return -1;
            }
            j->p++;
            ws(j);
        }
        if (skip_value(j, depth + 1)) return -1;
        ws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            continue;
        }
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return 0;
        }
        j->err = close == '}' ? "expected ',' or '}'" : "expected ',' or ']'";
        return -1;
    }
}

static int skip_value(jp_t *j, int depth) {
    if (depth > 64) {
        j->err = "nesting too deep";
        return -1;
    }
    if (j->p >= j->end) {
        j->err = "unexpected end of line";
        return -1;
    }
    switch (*j->p) {
    case '"':
        return parse_string(j, 0, NULL, NULL);
    case '{':
        return skip_container(j, depth, '}');
    case '[':
        return skip_container(j, depth, ']');
    case 't':
        return skip_literal(j, "true");
    case 'f':
        return skip_literal(j, "false");
    case 'n':
        return skip_literal(j, "null");
    default:
        return skip_number(j);
    }
}

enum { F_ID, F_DOC, F_URL, F_OUTLET, F_PUBLISHED, F_TITLE, F_CORPUS, F_TEXT, F_N };
static const char *const FIELD_NAMES[F_N] = {"id",        "doc",   "url",    "outlet",
                                             "published", "title", "corpus", "text"};

static int field_index(const char *k, size_t n) {
    for (int i = 0; i < F_N; i++)
        if (strlen(FIELD_NAMES[i]) == n && !memcmp(FIELD_NAMES[i], k, n)) return i;
    return -1;
}

/* Parse one line into a. Returns 0, or -1 with j->err set. */
static int parse_article(jp_t *j, sk_article_t *a, int *has_text, char **text, size_t *text_len,
                         int *text_normal) {
    ws(j);
    if (j->p >= j->end || *j->p != '{') {
        j->err = "not a JSON object";
        return -1;
    }
    j->p++;
    ws(j);
    if (j->p < j->end && *j->p == '}') {
        j->p++;
        goto done;
    }
    for (;;) {
        ws(j);
        if (j->p >= j->end || *j->p != '"') {
            j->err = "expected a key";
            return -1;
        }
        /* Keys are short and escape-free in practice; decode anyway. */
        const char *k;
        size_t kn;
        if (parse_string(j, 1, &k, &kn)) return -1;
        int f = field_index(k, kn);
        ws(j);
        if (j->p >= j->end || *j->p != ':') {
            j->err = "expected ':'";
            return -1;
        }
        j->p++;
        ws(j);
        if (f >= 0 && j->p < j->end && *j->p == '"') {
            const char *s;
            size_t n;
            if (f == F_TEXT) {
                char *t;
                if (parse_text(j, a->arena, &t, &n, text_normal)) return -1;
                *text = t;
                *text_len = n;
                *has_text = 1;
            } else {
                if (parse_string(j, 1, &s, &n)) return -1;
                const char **dst = NULL;
                switch (f) {
                case F_ID:
                    dst = &a->doc;
                    break;
                case F_DOC:
                    if (!a->doc) dst = &a->doc;
                    break;
                case F_URL:
                    dst = &a->url;
                    break;
                case F_OUTLET:
                    dst = &a->outlet;
                    break;
                case F_PUBLISHED:
                    dst = &a->published;
                    break;
                case F_TITLE:
                    dst = &a->title;
                    break;
                case F_CORPUS:
                    dst = &a->corpus;
                    break;
                }
                if (dst) *dst = sk_arena_strndup(a->arena, s, n);
            }
        } else if ((f == F_ID || f == F_DOC) && j->p < j->end &&
                   (*j->p == '-' || (*j->p >= '0' && *j->p <= '9'))) {
            const char *s = j->p;
            if (skip_number(j)) return -1;
            if (f == F_ID || !a->doc) a->doc = sk_arena_strndup(a->arena, s, (size_t)(j->p - s));
        } else {
            if (skip_value(j, 1)) return -1;
        }
        ws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            continue;
        }
        if (j->p < j->end && *j->p == '}') {
            j->p++;
            break;
        }
        j->err = "expected ',' or '}'";
        return -1;
    }
done:
    ws(j);
    if (j->p != j->end) {
        j->err = "trailing characters after the object";
        return -1;
    }
    return 0;
}

int sk_read_jsonl(sk_reader_t *r, sk_article_t **out) {
    jp_t j = {.sbuf = r->scratch, .scap = r->scratch_cap};
    int rc = 0;
    for (;;) {
        const char *line;
        size_t len;
        if (!next_line(r, &line, &len)) {
            r->done = 1;
            if (r->in.truncated) {
                sk_reader_error(r, r->line + 1, NULL, SK_ETRUNC, "read failed: %s", r->in.errmsg);
                rc = SK_ETRUNC;
            }
            break;
        }
        while (len && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
            len--;
        size_t i = 0;
        while (i < len && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i == len) continue;
        sk_article_t *a = sk_reader_article(r, SK_FORMAT_JSONL, r->line);
        if (!a) {
            rc = SK_ENOMEM;
            break;
        }
        j.start = j.p = line;
        j.end = line + len;
        j.err = NULL;
        char *text = NULL;
        size_t text_len = 0;
        int has_text = 0, text_normal = 0;
        if (parse_article(&j, a, &has_text, &text, &text_len, &text_normal)) {
            sk_reader_error(r, r->line, a->doc, SK_EFORMAT, "malformed JSON at column %ld: %s",
                            (long)(j.p - j.start) + 1, j.err);
            sk_article_destroy(a);
            continue;
        }
        if (!a->doc) a->doc = sk_arena_printf(a->arena, "%s:%ld", r->path, r->line);
        if (!has_text) {
            sk_reader_error(r, r->line, a->doc, SK_EFORMAT, "no \"text\" string field");
            sk_article_destroy(a);
            continue;
        }
        if (text_normal) { /* already decoded into the arena */
            a->raw = text;
            a->raw_len = text_len;
        } else if ((rc = sk_reader_set_raw(r, a, text, text_len)) < 0) {
            sk_article_destroy(a);
            break;
        }
        *out = a;
        rc = 1;
        break;
    }
    r->scratch = j.sbuf; /* freed by sk_reader_destroy */
    r->scratch_cap = j.scap;
    return rc;
}
