/* mention.c — recognition: persons with their titles, organisations,
 * countries, places and dates, and coreference of later mentions.
 *
 * The text is cut into syllable tokens (the lexicon's matching unit). Lexicon
 * matches label token spans (office, organisation, country, place, known
 * person); a left-to-right pass per sentence then builds titles (office plus
 * the jurisdiction written after it: "Tổng thống Mỹ", "Bí thư Thành ủy Hà
 * Nội", "Bí thư toàn quốc Đảng Cộng sản Pháp"), title chains ("Tổng Bí thư,
 * Chủ tịch nước"), and person names: runs of capitalised syllables accepted
 * when a title, an honorific or a counterpart phrase stands before them, when
 * a title follows them in apposition, when they begin with a Vietnamese
 * surname, or when the lexicon knows them. Later mentions ("ông Duterte",
 * "Thủ tướng Phúc", "Tổng Bí thư") resolve to the full person.
 */
#include "mention.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "swar.h"

const char *sk_mention_kind_name(sk_mention_kind_t k) {
    static const char *const names[] = {"person", "title", "org", "country", "place", "date"};
    return (unsigned)k < SK_MENTION__COUNT ? names[k] : "unknown";
}

enum { MAX_NAME_TOKENS = 6, MAX_TITLES = 16 };

/* Working state for one article. */
typedef struct ctx {
    const sk_lexicon_t *lex;
    sk_article_t *a;
    sk_mentions_t *m;
    sk_token_t *tok;
    size_t nt;
    uint8_t *may_start;       /* per token: upper case, honorific or label start (pass 1) */
    int32_t *label;           /* per token: lexicon match chosen to cover it, or -1 */
    int32_t *best;            /* per token: best labelling match starting there, or -1 */
    uint8_t *label_first;     /* 1 when the chosen match starts at this token */
    uint8_t *surname;         /* token is a surname */
    int16_t *honorific;       /* tokens in the honorific starting here, 0 if none */
    uint8_t *nonname;         /* 1: never in a name; 2: never starts a name (nonnames.tsv) */
    uint8_t *trigger_tok;     /* token is part of an event trigger */
    uint8_t *after_placehead; /* token follows "ga", "khách sạn", "sân bay" … (cues.tsv) */
    size_t cap_mentions;
    uint32_t *label_starts; /* the tokens with label_first set, in order */
    size_t n_labels;
    sk_lex_syll_t *sylls; /* the lexicon scan's syllables: the tokens */
    size_t n_sylls;
    const uint32_t *match_tok; /* per lexicon match: the token of its first syllable */
    int empty_tokens;          /* some token has no bytes of its own (start == end) */
} ctx_t;

/* ---- tokens ------------------------------------------------------------- */

/* Does a token whose first letter is upper case hold two or more letters and no
 * lower-case one (an acronym)? (Out of line: inlined in the token loop, its registers
 * spilled the loop's on every capitalised token.) */
static __attribute__((noinline)) uint8_t all_upper(const char *txt, size_t len) {
    int32_t cp;
    int letters = 0;
    for (size_t k = 0; k < len;) {
        int nb = sk_utf8_decode(txt + k, len - k, &cp);
        if (nb < 0) break;
        if (sk_is_letter(cp)) {
            /* one lower-case letter and it is no acronym, whatever follows */
            if (!sk_is_upper(cp)) return 0;
            letters++;
        }
        k += (size_t)nb;
    }
    return letters >= 2;
}

/* all_upper for a token of len >= 2 bytes whose first character (first_len bytes) is an
 * upper-case letter: the usual capitalised word has a lower-case letter next, and then it
 * is none. */
static inline uint8_t acronym_after_upper(const char *txt, size_t len, size_t first_len) {
    if (first_len < len) {
        unsigned u1 = (unsigned char)txt[first_len];
        if (u1 - 'a' < 26) return 0;
        int32_t cp;
        if (u1 >= 0x80 && sk_utf8_decode(txt + first_len, len - first_len, &cp) > 0 &&
            (sk_cp_flags(cp) & 3) == 1)
            return 0;
    }
    return all_upper(txt, len);
}

/* a[0..n) = -1. The value is read through a volatile: a constant fill becomes a memset
 * call, whose `rep stosb` callgrind counts a byte at a time; this loop stores several
 * words per instruction. */
static void fill_minus_one(int32_t *a, size_t n) {
    static volatile const int32_t minus_one = -1;
    const int32_t v = minus_one;
    for (size_t k = 0; k < n; k++)
        a[k] = v;
}

/* What sk_utf8_decode and sk_is_upper give for a token's first byte when it is ASCII, as
 * the token's bytes joins (0), cap, acronym (0) and digit; non-ASCII bytes are decoded. */
#define FBF(b)                                                                                     \
    { 0, (uint8_t)((unsigned)(b) - 'A' < 26u), 0, (uint8_t)((unsigned)(b) - '0' < 10u) }
#define FBF4(b) FBF(b), FBF((b) + 1), FBF((b) + 2), FBF((b) + 3)
#define FBF16(b) FBF4(b), FBF4((b) + 4), FBF4((b) + 8), FBF4((b) + 12)
#define FBF64(b) FBF16(b), FBF16((b) + 16), FBF16((b) + 32), FBF16((b) + 48)
static const uint8_t FIRST_BYTE_FLAGS[256][4] = {FBF64(0), FBF64(64), FBF64(128), FBF64(192)};
#undef FBF64
#undef FBF16
#undef FBF4
#undef FBF
_Static_assert(offsetof(sk_token_t, cap) == offsetof(sk_token_t, joins) + 1 &&
                   offsetof(sk_token_t, acronym) == offsetof(sk_token_t, joins) + 2 &&
                   offsetof(sk_token_t, digit) == offsetof(sk_token_t, joins) + 3,
               "joins, cap, acronym, digit in a row");

static __attribute__((noinline)) int build_tokens(ctx_t *c) {
    const sk_folded_t *f = &c->a->folded;
    size_t cap = f->len / 2 + 2;
    /* The tokens are the lexicon scan's syllables (the same runs of sk_tok_byte bytes, its
       array of cap + 1 with their byte spans): only the mention layer's fields are filled. */
    sk_token_t *tok = c->tok = c->sylls;
    /* (8 bytes more: next_may_start reads a word at a time) */
    uint8_t *may_start = c->may_start = sk_arena_alloc_uninit(c->a->arena, cap + 8);
    int32_t *label = c->label = sk_arena_alloc_uninit(c->a->arena, cap * sizeof *label);
    int32_t *best = c->best = sk_arena_alloc_uninit(c->a->arena, cap * sizeof *best);
    if (!may_start || !label || !best) return SK_ENOMEM;
    const sk_sentence_t *ss = c->a->sentences;
    const size_t n_sent = c->a->n_sentences;
    const char *text = c->a->text;
    size_t sent = 0;
    /* a token starting at or after sent_end belongs to a later sentence */
    size_t sent_end = n_sent > 1 ? ss[0].end : SIZE_MAX;
    size_t n = c->n_sylls;
    for (size_t k = 0; k < n; k++) {
        sk_token_t *t = &tok[k];
        uint32_t start = t->start, end = t->end;
        while (start >= sent_end) {
            sent++;
            sent_end = sent + 1 < n_sent ? ss[sent].end : SIZE_MAX;
        }
        t->sentence = (uint32_t)sent;
        /* Case flags from the text: cap (starts upper case), digit (starts with a
           digit), acronym (two or more letters, all upper case). */
        unsigned u0 = 0;
        if (end > start)
            u0 = (unsigned char)text[start];
        else
            c->empty_tokens = 1;
        /* joins (the scan's, done with) and the three flags in one copy */
        memcpy(&t->joins, FIRST_BYTE_FLAGS[u0], 4);
        uint8_t upper = FIRST_BYTE_FLAGS[u0][1];
        size_t first_len = 1;
        if (u0 >= 0x80) {
            int32_t cp;
            int nb = sk_utf8_decode(text + start, end - start, &cp);
            if (nb > 0) {
                upper = (uint8_t)sk_is_upper(cp);
                first_len = (size_t)nb;
            }
            t->cap = upper;
        }
        if (upper && end - start >= 2)
            t->acronym = acronym_after_upper(text + start, end - start, first_len);
        may_start[k] = upper;
    }
    fill_minus_one(label, n);
    fill_minus_one(best, n);
    memset(may_start + n, 0, 8);
    if (n < cap) {
        memset(&tok[n], 0, sizeof *tok);
        label[n] = best[n] = 0;
    }
    c->nt = n;
    c->m->tokens = tok;
    c->m->n_tokens = n;
    return SK_OK;
}

/* m->tok_mention, all -1 (and 0 one past the tokens): only where mentions are made. */
static int alloc_tok_mention(ctx_t *c) {
    size_t cap = c->a->folded.len / 2 + 2;
    int32_t *tm = sk_arena_alloc_uninit(c->a->arena, cap * sizeof *tm);
    if (!tm) return SK_ENOMEM;
    fill_minus_one(tm, c->nt);
    if (c->nt < cap) tm[c->nt] = 0;
    c->m->tok_mention = tm;
    return SK_OK;
}

/* (A binary search: the event rules ask a few dozen times per article, and a table of
   the first token per 16-byte block cost more to fill than these searches. Without a
   branch on the compare, whose outcome is a coin toss.) */
size_t sk_mentions_token_at(const sk_mentions_t *m, uint32_t off) {
    size_t n = m->n_tokens;
    if (!n) return 0;
    const sk_token_t *base = m->tokens;
    while (n > 1) { /* the answer is in [base, base + n] */
        size_t half = n / 2;
        base += half & -(size_t)(base[half - 1].start < off);
        n -= half;
    }
    return (size_t)(base - m->tokens) + (base->start < off);
}

/* The first token at or after i with may_start set, or nt: most tokens start nothing,
 * and eight flags (0 or 1, zero past nt) are tested at once. */
static size_t next_may_start(const ctx_t *c, size_t i) {
    for (; i < c->nt; i += 8) {
        uint64_t w = sk_swar_load(c->may_start + i);
        if (w) return i + sk_swar_first(w << 7);
    }
    return c->nt;
}

/* Bytes between token i-1 and i, e.g. " ", ", ", " - ". */
static const char *gap(const ctx_t *c, size_t i, size_t *len) {
    *len = c->tok[i].start - c->tok[i - 1].end;
    return c->a->text + c->tok[i - 1].end;
}

/* Does the gap g[0..n) hold byte ch? Gaps are a byte or two: a loop, not a memchr call. */
static int gap_has(const char *g, size_t n, char ch) {
    for (size_t k = 0; k < n; k++)
        if (g[k] == ch) return 1;
    return 0;
}

/* Only spaces (or a hyphen) between tokens i-1 and i: they can belong to one phrase. */
static int joined(const ctx_t *c, size_t i) {
    if (i == 0 || i >= c->nt || c->tok[i].sentence != c->tok[i - 1].sentence) return 0;
    size_t n;
    const char *g = gap(c, i, &n);
    if (n == 0 || n > 3) return 0;
    for (size_t k = 0; k < n; k++)
        if (g[k] != ' ' && g[k] != '-') return 0;
    return 1;
}

/* Token i-1 and i separated by a comma (", "), in the same sentence. */
static int comma_between(const ctx_t *c, size_t i) {
    if (i == 0 || i >= c->nt || c->tok[i].sentence != c->tok[i - 1].sentence) return 0;
    size_t n;
    const char *g = gap(c, i, &n);
    int comma = 0;
    for (size_t k = 0; k < n; k++) {
        if (g[k] == ',')
            comma++;
        else if (g[k] != ' ')
            return 0;
    }
    return comma == 1;
}

/* Token i-1 and i separated by a spaced dash (" - ", " – "), in the same sentence. */
static int dash_between(const ctx_t *c, size_t i) {
    if (i == 0 || i >= c->nt || c->tok[i].sentence != c->tok[i - 1].sentence) return 0;
    size_t n;
    const char *g = gap(c, i, &n);
    if (n == 3 && g[0] == ' ' && g[1] == '-' && g[2] == ' ') return 1;
    return n == 5 && g[0] == ' ' && !memcmp(g + 1, "\xE2\x80\x93", 3) && g[4] == ' ';
}

/* Is token i the folded word folded (any string)? */
static int tok_is_str(const ctx_t *c, size_t i, const char *folded) {
    if (i >= c->nt) return 0;
    /* In place, without strlen: token bytes are never NUL. */
    const char *f = c->a->folded.text + c->tok[i].fs;
    size_t n = c->tok[i].fe - c->tok[i].fs;
    for (size_t k = 0; k < n; k++)
        if (folded[k] != f[k]) return 0;
    return folded[n] == '\0';
}

/* tok_is_str for a literal word: a short one is one compare of the token's packed bytes
 * (the lexicon scan's syllable key) with a constant. */
#if defined(__GNUC__)
#define ALWAYS_INLINE static inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE static inline
#endif
ALWAYS_INLINE int tok_is(const ctx_t *c, size_t i, const char *folded) {
    size_t n = strlen(folded);
    if (n > SK_LEX_PACK_MAX) return tok_is_str(c, i, folded);
    return i < c->nt && c->sylls[i].key == sk_lex_pack(folded, n);
}

/* ---- lexicon labels ------------------------------------------------------ */

static const sk_lex_entry_t *entry(const ctx_t *c, int32_t match) {
    return sk_lexicon_entry(c->lex, c->m->matches[match].entry);
}

static int label_kind(const ctx_t *c, size_t i) {
    return c->label[i] >= 0 ? (int)c->m->matches[c->label[i]].kind : -1;
}

/* Priority of kinds that label the text when two matches have the same length. */
static int kind_rank(int kind) {
    switch (kind) {
    case SK_LEX_PERSON:
        return 6;
    case SK_LEX_OFFICE:
        return 5;
    case SK_LEX_ORG:
        return 4;
    case SK_LEX_COUNTRY:
        return 3;
    case SK_LEX_PLACE:
        return 2;
    default:
        return 0;
    }
}

/* The value of item "key" or "key=value" at p (ending at ';' or NUL, length in *len
 * unless len is NULL), or NULL: sk_lex_attr's test of one item, without the copy. */
static const char *attr_item_value(const char *p, const char *key, size_t *len) {
    size_t k = 0;
    while (key[k] && p[k] == key[k])
        k++;
    if (key[k] || !(p[k] == '\0' || p[k] == ';' || p[k] == '=')) return NULL;
    const char *v = p + k + (p[k] == '=');
    if (len) {
        size_t n = 0;
        while (v[n] && v[n] != ';')
            n++;
        *len = n;
    }
    return v;
}

/* sk_lex_attr(e, key, ...) in place in the entry's attrs: the first item named key
 * decides. The caller cuts *len where sk_lex_attr's buffer would. */
static const char *attr_value(const sk_lex_entry_t *e, const char *key, size_t *len) {
    if (e->attr_at) {
        for (uint32_t i = 0; i < e->n_attr; i++) {
            const char *p = e->attrs + e->attr_at[i].key;
            if (*p != key[0] || !*p) continue;
            const char *v = attr_item_value(p, key, len);
            if (v) return v;
        }
        return NULL;
    }
    for (const char *p = e->attrs; p && *p;) {
        const char *v = attr_item_value(p, key, len);
        if (v) return v;
        while (*p && *p != ';')
            p++;
        if (*p) p++;
    }
    return NULL;
}

/* sk_lex_attr(e, key) equals val, compared in place as the items are read (the copy and
 * strcmp were half of set_labels): the first item named key decides. sk_lex_attr's
 * 64-byte buffer would cut the value at 63 bytes: every val here is shorter, so a longer
 * value never equals it either way. */
static int attr_is(const sk_lex_entry_t *e, const char *key, const char *val) {
    if (!e->attr_at) {
        size_t n;
        const char *v = attr_value(e, key, &n);
        return v && n == strlen(val) && !memcmp(v, val, n);
    }
    for (uint32_t i = 0; i < e->n_attr; i++) {
        const char *p = e->attrs + e->attr_at[i].key;
        if (*p != key[0] || !*p) continue;
        size_t k = 0;
        while (key[k] && p[k] == key[k])
            k++;
        if (key[k] || !(p[k] == '\0' || p[k] == ';' || p[k] == '=')) continue;
        const char *v = p + k + (p[k] == '=');
        size_t n = 0;
        while (val[n] && v[n] == val[n])
            n++;
        return !val[n] && (v[n] == '\0' || v[n] == ';');
    }
    return 0;
}

/* The SK_LEX_F_* flags of entry id (worked out at load). */
static inline unsigned entry_flags(const ctx_t *c, uint32_t id) {
    return sk_lexicon_entry(c->lex, id)->flags;
}

static int name_joined(const ctx_t *c, size_t i);

static int set_labels(ctx_t *c) {
    sk_mentions_t *m = c->m;
    sk_arena_t *ar = c->a->arena;
    /* (label and best are set to -1 by build_tokens; triggers are written in full below) */
    c->label_first = sk_arena_alloc(ar, c->nt + 1);
    c->surname = sk_arena_alloc(ar, c->nt + 1);
    c->honorific = sk_arena_alloc(ar, (c->nt + 1) * sizeof *c->honorific);
    c->nonname = sk_arena_alloc(ar, c->nt + 1);
    c->trigger_tok = sk_arena_alloc(ar, c->nt + 1);
    c->after_placehead = sk_arena_alloc(ar, c->nt + 2);
    m->triggers = sk_arena_alloc_uninit(ar, (m->n_matches + 1) * sizeof *m->triggers);
    m->trigger_tok = sk_arena_alloc_uninit(ar, (m->n_matches + 1) * sizeof *m->trigger_tok);
    if (!c->label_first || !c->surname || !c->honorific || !c->nonname || !m->triggers ||
        !m->trigger_tok || !c->after_placehead)
        return SK_ENOMEM;
    /* Best labelling match per start token. */
    int32_t *best = c->best;
    c->label_starts = sk_arena_alloc_uninit(ar, (c->nt + 1) * sizeof *c->label_starts);
    if (!c->label_starts) return SK_ENOMEM;
    uint8_t *blocked = sk_arena_alloc(ar, c->nt + 1);
    if (!blocked) return SK_ENOMEM;
    /* The tokens where best is set, in order, and the trigger matches with their first
       tokens: the walks below visit only these instead of every token or match. */
    uint32_t *cand = sk_arena_alloc_uninit(ar, (c->nt + 1) * sizeof *cand);
    uint32_t *trig = sk_arena_alloc_uninit(ar, (m->n_matches + 1) * sizeof *trig);
    uint32_t *trig_tok = sk_arena_alloc_uninit(ar, (m->n_matches + 1) * sizeof *trig_tok);
    if (!cand || !trig || !trig_tok) return SK_ENOMEM;
    size_t n_cand = 0, n_trig = 0;
    /* A match's first token: the token of its first syllable, or an earlier one starting at
       the same byte (a character folded to several syllables) — the first token starting
       at or after x->start. Token starts never decrease, so the matches come sorted. */
    const uint32_t *match_tok = c->match_tok;
    /* (in locals: the byte stores below could alias any field of c, which the compiler
       would then load again for every match) */
    const sk_token_t *tok = c->tok;
    const size_t n_tok = c->nt, n_matches = m->n_matches;
    const sk_lex_match_t *matches = m->matches;
    const int empty_tokens = c->empty_tokens;
    uint8_t *surname = c->surname, *nonname = c->nonname, *may_start = c->may_start;
    uint8_t *after_placehead = c->after_placehead;
    int16_t *honorific = c->honorific;
    for (size_t k = 0; k < n_matches; k++) {
        const sk_lex_match_t *x = &matches[k];
        size_t t = match_tok[k];
        /* (only an empty token, a later syllable of one character, shares its start with
           the next: without one, t is the first token) */
        if (empty_tokens)
            while (t > 0 && tok[t - 1].start >= x->start)
                t--;
        if (x->kind == SK_LEX_TRIGGER) {
            trig[n_trig] = (uint32_t)k;
            trig_tok[n_trig++] = (uint32_t)t;
        }
        if (t >= n_tok) continue;
        switch (x->kind) {
        case SK_LEX_SURNAME:
            if (x->n_syll == 1) surname[t] = 1;
            continue;
        case SK_LEX_HONORIFIC:
            if (x->n_syll > honorific[t] && !(entry_flags(c, x->entry) & SK_LEX_F_SPOUSE)) {
                honorific[t] = (int16_t)x->n_syll;
                may_start[t] = 1;
            }
            continue;
        case SK_LEX_TRIGGER:
            continue; /* blocks are applied after labelling, below */
        case SK_LEX_CUE: {
            unsigned f = entry_flags(c, x->entry);
            if (x->n_syll == 1 && (f & SK_LEX_F_NONNAME))
                nonname[t] = (f & SK_LEX_F_FIRST_ONLY) ? 2 : 1;
            if ((f & SK_LEX_F_PLACEHEAD) && after_placehead && t + x->n_syll <= n_tok)
                after_placehead[t + x->n_syll] = 1;
            continue;
        }
        default:
            break;
        }
        if (best[t] < 0) {
            best[t] = (int32_t)k;
            cand[n_cand++] = (uint32_t)t; /* in token order: the matches are sorted */
            continue;
        }
        const sk_lex_match_t *b = &m->matches[best[t]];
        /* "Nhật hoàng Akihito" listed as a person's alias: the office is a title */
        if (x->kind == SK_LEX_OFFICE && b->kind == SK_LEX_PERSON) {
            best[t] = (int32_t)k;
            continue;
        }
        if (b->kind == SK_LEX_OFFICE && x->kind == SK_LEX_PERSON) continue;
        if (x->n_syll > b->n_syll ||
            (x->n_syll == b->n_syll && kind_rank(x->kind) > kind_rank(b->kind)))
            best[t] = (int32_t)k;
    }
    /* Greedy leftmost-longest labelling, from each candidate token at or after i. */
    for (size_t ci = 0, i = 0; ci < n_cand;) {
        if (cand[ci] < i) {
            ci++;
            continue;
        }
        i = cand[ci];
        const sk_lex_match_t *b = &m->matches[best[i]];
        /* A longer match starting inside this one wins (e.g. an office that
         * begins with the last syllable of a place). */
        size_t end = i + b->n_syll;
        int beaten = 0;
        size_t beaten_at = 0;
        for (size_t j = i + 1; j < end && j < c->nt && !beaten; j++)
            if (best[j] >= 0 && j + m->matches[best[j]].n_syll > end &&
                (m->matches[best[j]].n_syll > b->n_syll ||
                 /* "Ban Chấp hành Trung ương Đảng Cộng sản Cuba": the party named at the
                    end wins over the body's generic "… Đảng" */
                 (b->kind == SK_LEX_ORG && m->matches[best[j]].kind == SK_LEX_ORG &&
                  attr_is(sk_lexicon_entry(c->lex, m->matches[best[j]].entry), "type", "party"))) &&
                /* "Bí thư Thành ủy Thành phố Hồ Chí Minh": the office keeps its words and
                   the place after it becomes its jurisdiction (but "Chủ tịch Đảng Lao động
                   Triều Tiên" is the party's chair) */
                !(b->kind == SK_LEX_OFFICE && m->matches[best[j]].kind == SK_LEX_ORG &&
                  attr_is(sk_lexicon_entry(c->lex, m->matches[best[j]].entry), "type",
                          "locality-body"))) {
                beaten = 1;
                beaten_at = j;
            }
        /* "Chủ tịch Đảng Cộng sản Nhật Bản": "Chủ tịch Đảng" yields to the party, and the
           shorter "Chủ tịch" still labels the words before it */
        if (beaten) {
            int32_t alt = -1;
            for (size_t k = 0; k < m->n_matches; k++) {
                const sk_lex_match_t *x = &m->matches[k];
                if (x->kind != b->kind || x->n_syll > beaten_at - i ||
                    sk_mentions_token_at(m, x->start) != i)
                    continue;
                if (alt < 0 || x->n_syll > m->matches[alt].n_syll) alt = (int32_t)k;
            }
            if (alt >= 0) {
                best[i] = alt;
                continue;
            }
        }
        /* A known person name right after a capitalised surname is the tail of a longer
         * name ("Trần Hồng Hà" is not "Hồng Hà"): leave it to the name reader. */
        if (b->kind == SK_LEX_PERSON && i > 0 && c->label[i - 1] < 0 && c->surname[i - 1] &&
            c->tok[i - 1].cap && !c->nonname[i - 1] && !c->honorific[i - 1] && name_joined(c, i))
            beaten = 1;
        if (beaten) {
            i++;
            continue;
        }
        /* "Chủ tịch Ủy ban nhân dân thành phố" + "Thành phố Hồ Chí Minh": an office whose
           last words begin a longer place name gives them up to the place (which then
           reads as its jurisdiction) */
        if (b->kind == SK_LEX_OFFICE)
            for (size_t j = i + 1; j < end && j < c->nt; j++)
                if (best[j] >= 0 && m->matches[best[j]].kind == SK_LEX_PLACE &&
                    j + m->matches[best[j]].n_syll > end) {
                    sk_lex_match_t *bm = &m->matches[best[i]];
                    bm->n_syll = (uint16_t)(j - i);
                    bm->end = c->tok[j - 1].end;
                    end = j;
                    break;
                }
        c->label_first[i] = 1;
        c->may_start[i] = 1;
        c->label_starts[c->n_labels++] = (uint32_t)i;
        for (size_t j = i; j < end && j < c->nt; j++)
            c->label[j] = best[i];
        i = end;
    }
    /* BLOCK phrases ("tiếp thị", "thư ký") cancel the triggers they overlap, unless they run
       into a recognised office or name ("đã tiếp Thị trưởng thành phố Paris"). */
    for (size_t q = 0; q < n_trig; q++) {
        const sk_lex_match_t *x = &m->matches[trig[q]];
        if (!(entry_flags(c, x->entry) & SK_LEX_F_BLOCK)) continue;
        size_t t = trig_tok[q];
        int into_label = 0;
        for (size_t j = t; j < t + x->n_syll && j < c->nt; j++)
            if (c->label[j] >= 0) into_label = 1;
        if (into_label) continue;
        for (size_t j = t; j < t + x->n_syll && j < c->nt; j++)
            blocked[j] = 1;
    }
    /* Triggers not overlapped by a BLOCK phrase, longest first per start, no overlaps. */
    size_t nt = 0;
    size_t last_end_tok = 0;
    for (size_t q = 0; q < n_trig; q++) {
        const sk_lex_match_t *x = &m->matches[trig[q]];
        if (entry_flags(c, x->entry) & SK_LEX_F_BLOCK) continue;
        size_t t = trig_tok[q];
        int bad = 0;
        /* blocked, or inside an office, name or place ("thư" in "Tổng Bí thư") */
        for (size_t j = t; j < t + x->n_syll && j < c->nt; j++)
            if (blocked[j] || c->label[j] >= 0) bad = 1;
        /* "ông Ký", "bà Thăm": a capitalised trigger word right after an honorific is a
           name */
        if (t > 0 && t < c->nt && c->tok[t].cap && c->honorific[t - 1] &&
            c->tok[t - 1].sentence == c->tok[t].sentence)
            bad = 1;
        if (bad || (nt && t < last_end_tok)) continue;
        for (size_t j = t; j < t + x->n_syll && j < c->nt; j++)
            c->trigger_tok[j] = 1;
        m->trigger_tok[nt] = (uint32_t)t;
        m->triggers[nt++] = *x;
        last_end_tok = t + x->n_syll;
    }
    memset(&m->triggers[nt], 0, sizeof *m->triggers);
    m->n_triggers = nt;
    return SK_OK;
}

/* ---- mentions ------------------------------------------------------------ */

/* Room for n more mentions, in one step: doubling from 64 copied and zeroed the array
 * again and again in long articles. Not zeroed: add_mention clears each one it adds. */
static int reserve_mentions(ctx_t *c, size_t n) {
    sk_mentions_t *m = c->m;
    if (c->cap_mentions - m->n >= n) return SK_OK;
    size_t nc = m->n + n;
    if (nc > SIZE_MAX / sizeof *m->items) return SK_ENOMEM;
    sk_mention_t *items = sk_arena_alloc_uninit(c->a->arena, nc * sizeof *items);
    if (!items) return SK_ENOMEM;
    if (m->n) memcpy(items, m->items, m->n * sizeof *items);
    m->items = items;
    c->cap_mentions = nc;
    return SK_OK;
}

/* (inlined at its few callers: out of line, the call and the stores through the returned
   pointer cost more than its body for 300,000 mentions) */
ALWAYS_INLINE sk_mention_t *add_mention(ctx_t *c, sk_mention_kind_t kind, size_t t0, size_t t1) {
    sk_mentions_t *m = c->m;
    if (m->n == c->cap_mentions) {
        size_t nc = c->cap_mentions ? c->cap_mentions * 2 : 64;
        m->items = sk_arena_grow(c->a->arena, m->items, sizeof *m->items, m->n, nc);
        if (!m->items) return NULL;
        c->cap_mentions = nc;
    }
    sk_mention_t *x = &m->items[m->n++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->tok_start = (uint32_t)t0;
    x->tok_end = (uint32_t)t1;
    x->ext_start = (uint32_t)t0;
    x->ext_end = (uint32_t)t1;
    x->start = c->tok[t0].start;
    x->end = c->tok[t1 - 1].end;
    x->sentence = c->tok[t0].sentence;
    x->person = -1;
    x->lex_entry = -1;
    return x;
}

static const char *span_text(ctx_t *c, size_t t0, size_t t1) {
    return sk_arena_strndup(c->a->arena, c->a->text + c->tok[t0].start,
                            c->tok[t1 - 1].end - c->tok[t0].start);
}

/* The country of an entry (read at load: see sk_lex_entry_t). */
static inline const char *entry_country(const ctx_t *c, const sk_lex_entry_t *e) {
    (void)c;
    return e->country;
}

/* A title: office [jurisdiction...]. */
typedef struct title {
    size_t t0, t1;        /* token span */
    int32_t office;       /* lexicon entry of the office */
    const char *country;  /* implied by jurisdiction or office */
    const char *org;      /* organisation named in the jurisdiction */
    const char *locality; /* place named in the jurisdiction */
    int stated_country;   /* country comes from the jurisdiction, not the office's default */
    const char *io;       /* acronym of the international organisation the office speaks for */
} title_t;

/* Parse a title starting at token i (an OFFICE label start). Returns the end token. */
static size_t parse_title(ctx_t *c, size_t i, title_t *t) {
    memset(t, 0, sizeof *t);
    int32_t mi = c->label[i];
    const sk_lex_entry_t *e = entry(c, mi);
    t->t0 = i;
    t->office = (int32_t)c->m->matches[mi].entry;
    size_t j = i + c->m->matches[mi].n_syll;
    t->country = entry_country(c, e);
    t->io = e->io16;
    /* "Bộ trưởng Tài chính Mỹ", "Thống đốc Ngân hàng Trung ương Trung Quốc": a capitalised
       phrase the lexicon does not know, then a country, belongs to the title. */
    const char *jur = e->jurisdiction16;
    if (jur && strcmp(jur, "none") && j < c->nt && joined(c, j) && c->tok[j].cap &&
        c->label[j] < 0 && !c->trigger_tok[j]) {
        static const char *const VERBISH[] = {
            "de", "nghi", "cho", "biet", "khang", "dinh", "nhan", "manh", "noi", "da", "se",
            "va", "cua",  "voi", "la",   "tai",   "dang", "vua",  "cung", "neu", "ro"};
        size_t q = j + 1;
        while (q < c->nt && q < j + 5 && joined(c, q) && c->label[q] < 0 && !c->trigger_tok[q]) {
            int verbish = 0;
            for (size_t w = 0; w < SK_ARRAY_LEN(VERBISH) && !verbish; w++)
                verbish = !c->tok[q].cap && tok_is_str(c, q, VERBISH[w]);
            if (verbish) break;
            q++;
        }
        if (q < c->nt && q < j + 5 && joined(c, q) && c->label_first[q] &&
            (label_kind(c, q) == SK_LEX_COUNTRY ||
             /* "Bí thư Tổ chức Ban Chấp hành Trung ương …" */
             (label_kind(c, q) == SK_LEX_ORG && strstr(jur, "body"))))
            j = q;
    }
    /* Jurisdiction: up to two labelled phrases written right after the office. */
    for (int ext = 0; ext < 3 && j < c->nt && joined(c, j); ext++) {
        size_t k = j;
        /* "Đại sứ Việt Nam tại Nga", "Tổng Lãnh sự ... tại Thượng Hải": the posting, not
           the person's country */
        int posting = 0;
        if (ext >= 1 && tok_is(c, k, "tai") && k + 1 < c->nt && joined(c, k + 1)) {
            k++;
            posting = 1;
        }
        /* "Thị trưởng thành phố Paris", "Thống đốc tỉnh Osaka", "Thống đốc bang California" */
        int place_here = c->label_first[k] && label_kind(c, k) == SK_LEX_PLACE;
        if (!place_here && tok_is(c, k, "thanh") && tok_is(c, k + 1, "pho") && k + 2 < c->nt &&
            joined(c, k + 2) && label_kind(c, k + 2) == SK_LEX_PLACE)
            k += 2;
        else if (!place_here && (tok_is(c, k, "tinh") || tok_is(c, k, "bang")) && k + 1 < c->nt &&
                 joined(c, k + 1) && label_kind(c, k + 1) == SK_LEX_PLACE)
            k += 1;
        if (!c->label_first[k]) break;
        int kind = label_kind(c, k);
        if (kind != SK_LEX_COUNTRY && kind != SK_LEX_PLACE && kind != SK_LEX_ORG) break;
        const sk_lex_entry_t *je = entry(c, c->label[k]);
        const char *jc = entry_country(c, je);
        if (kind == SK_LEX_ORG) {
            /* "Ban Chấp hành Trung ương Đảng Cộng sản Nhật Bản": the party is the org */
            if (t->org && !attr_is(je, "type", "party")) break;
            t->org = je->canonical;
            /* "Tổng Giám đốc UNESCO": the head of a UN agency speaks for the UN */
            char pb[16];
            const char *root = sk_lex_attr(je, "parent", pb, sizeof pb);
            if (!root) root = sk_lex_attr(je, "acronym", pb, sizeof pb);
            if (!posting && attr_is(je, "type", "io") && root && !t->io)
                t->io = sk_arena_strdup(c->a->arena, root);
        } else if (kind == SK_LEX_PLACE) {
            t->locality = je->canonical;
        }
        if (jc && !posting) {
            t->country = jc;
            t->stated_country = 1;
        }
        j = k + c->m->matches[c->label[k]].n_syll;
    }
    t->t1 = j;
    return j;
}

static int is_office_start(const ctx_t *c, size_t i) {
    return i < c->nt && c->label_first[i] && label_kind(c, i) == SK_LEX_OFFICE;
}

/* Title chain at i: title ((","|"kiêm"|"và") title)*. Fills titles; returns end token. */
static size_t parse_title_chain(ctx_t *c, size_t i, title_t *titles, size_t *n) {
    *n = 0;
    size_t j = i;
    while (*n < MAX_TITLES && is_office_start(c, j)) {
        j = parse_title(c, j, &titles[(*n)++]);
        if (j < c->nt && comma_between(c, j) && is_office_start(c, j)) continue;
        if (j + 1 < c->nt && joined(c, j) && (tok_is(c, j, "kiem") || tok_is(c, j, "dong")) &&
            joined(c, j + 1) && is_office_start(c, j + 1)) {
            j++;
            continue;
        }
        break;
    }
    return j;
}

/* Can token i be part of a person name? */
static int name_token(const ctx_t *c, size_t i) {
    const sk_token_t *t = &c->tok[i];
    if (!t->cap || t->digit || t->acronym || c->nonname[i] == 1) return 0;
    int k = label_kind(c, i);
    return k < 0 || k == SK_LEX_PERSON;
}

/* Gap between tokens i-1 and i is exactly one space, or a hyphen with no spaces. */
static int name_joined(const ctx_t *c, size_t i) {
    if (!joined(c, i)) return 0;
    size_t n;
    (void)gap(c, i, &n);
    return n == 1;
}

/* Lower-case particles inside foreign names ("Mô-ham-mét bin Áp-đun-ra-man an Tha-ni"). */
static int name_particle(const ctx_t *c, size_t i) {
    size_t n = c->tok[i].fe - c->tok[i].fs;
    if (c->tok[i].cap || n < 2 || n > 3) return 0; /* the particles have two or three letters */
    /* (tok_is: each a compare of the token's key with a constant, not a string compare) */
    return tok_is(c, i, "bin") || tok_is(c, i, "al") || tok_is(c, i, "an") || tok_is(c, i, "ibn") ||
           tok_is(c, i, "van") || tok_is(c, i, "von") || tok_is(c, i, "de") ||
           tok_is(c, i, "der") || tok_is(c, i, "da") || tok_is(c, i, "di") || tok_is(c, i, "du") ||
           tok_is(c, i, "dos") || tok_is(c, i, "la") || tok_is(c, i, "le") || tok_is(c, i, "el");
}

static int lone_name_ok(const ctx_t *c, size_t i);

/* Can a name run start at token i (name_run(c, i) > i)? */
static int name_start(const ctx_t *c, size_t i) {
    return i < c->nt && name_token(c, i) && !c->nonname[i];
}

/* Run of capitalised name tokens from i; returns end token (== i when none). */
static size_t name_run(const ctx_t *c, size_t i) {
    if (!name_start(c, i)) return i;
    /* A known person label covers the whole run. */
    if (label_kind(c, i) == SK_LEX_PERSON && c->label_first[i])
        return i + c->m->matches[c->label[i]].n_syll;
    size_t j = i + 1;
    while (j < c->nt && j - i < 16) {
        if (!joined(c, j)) break;
        size_t gl;
        const char *g = gap(c, j, &gl);
        int hyphen_tight = gl == 1 && g[0] == '-';
        if (name_joined(c, j) && name_token(c, j) &&
            (label_kind(c, j) != SK_LEX_PERSON ||
             (c->label[j] == c->label[i] && !c->label_first[j]))) {
            j++;
            continue;
        }
        /* transliterations: "Đô-nan", "Tin-lơ-xơn", "Át-ti-y-a" */
        if (hyphen_tight && !c->tok[j].digit && label_kind(c, j) < 0) {
            j++;
            continue;
        }
        /* "Ri Sol - ju": a short lower-case syllable after a spaced hyphen */
        if (gap_has(g, gl, '-') && !c->tok[j].cap && !c->tok[j].digit && label_kind(c, j) < 0 &&
            c->tok[j].end - c->tok[j].start <= 3 && j - i >= 2) {
            j++;
            break;
        }
        if (gl == 1 && name_particle(c, j) && j + 1 < c->nt && name_joined(c, j + 1) &&
            name_token(c, j + 1)) {
            j++;
            continue;
        }
        break;
    }
    /* "George W. Bush", "Robert H. McCooey": an initial inside the name */
    while (j + 1 < c->nt && j - i < 16 && c->tok[j - 1].end - c->tok[j - 1].start == 1 &&
           c->tok[j - 1].cap && c->tok[j].sentence == c->tok[j - 1].sentence) {
        size_t gl;
        const char *g = gap(c, j, &gl);
        if (gl != 2 || g[0] != '.' || g[1] != ' ' || !name_token(c, j) || c->nonname[j]) break;
        /* a leading initial only before a foreign-looking name ("D. Medvedev", not "P. Ô")
           that is not a known person ("V. Putin" is Vladimir Putin) */
        if (j - 1 == i && (!lone_name_ok(c, j) || label_kind(c, j) == SK_LEX_PERSON)) break;
        size_t e = name_run(c, j);
        if (e == j) break;
        j = e;
    }
    return j;
}

/* Photo credits are not persons: "Ảnh: VGP/Quang Hiếu", "Quốc Chính (TTXVN)". */
static int credit_context(const ctx_t *c, size_t n0, size_t n1) {
    if (n0 > 0) {
        size_t gl;
        const char *g = gap(c, n0, &gl);
        if (gap_has(g, gl, '/')) return 1;
        if (gap_has(g, gl, ':') && (tok_is(c, n0 - 1, "anh") || tok_is(c, n0 - 1, "nguon")))
            return 1;
    }
    if (n1 < c->nt && n1 > 0) {
        size_t gl;
        const char *g = gap(c, n1, &gl);
        if (gap_has(g, gl, '/') || (gap_has(g, gl, '(') && c->tok[n1].acronym)) return 1;
    }
    return 0;
}

/* A single capitalised syllable stands as a name on its own only when it does not look
 * like a Vietnamese word (no diacritics, four letters or more: "Akihito", "Putin"). */
static int lone_name_ok(const ctx_t *c, size_t i) {
    const sk_token_t *t = &c->tok[i];
    size_t len = t->end - t->start;
    if (len < 4 || t->fe - t->fs != len) return 0;
    for (size_t k = 0; k < len; k++)
        if ((unsigned char)c->a->text[t->start + k] >= 0x80) return 0;
    return 1;
}

/* Counterpart phrases that introduce a name without being a title:
 * "người đồng cấp [Nga]", "nhà lãnh đạo [Triều Tiên]". Returns its length in tokens ending
 * right before token i (0 if none), and the country it names. */
static size_t counterpart_before(ctx_t *c, size_t i, const char **country) {
    *country = NULL;
    size_t j = i;
    /* optional country right before the name */
    if (j >= 1 && label_kind(c, j - 1) == SK_LEX_COUNTRY) {
        size_t k = j - 1;
        while (k > 0 && c->label[k - 1] == c->label[j - 1])
            k--;
        *country = entry_country(c, entry(c, c->label[j - 1]));
        j = k;
    }
    if (j >= 3 && tok_is(c, j - 3, "nguoi") && tok_is(c, j - 2, "dong") && tok_is(c, j - 1, "cap"))
        return i - (j - 3);
    if (j >= 3 && tok_is(c, j - 3, "nha") && tok_is(c, j - 2, "lanh") && tok_is(c, j - 1, "dao"))
        return i - (j - 3);
    *country = NULL;
    return 0;
}

/* ---- persons ------------------------------------------------------------- */

typedef struct pdraft {
    const char *name;
    size_t key_len;
    size_t n_tok;
    const char **titles;
    int32_t *title_office;
    const char **title_fold; /* titles[k] folded, or NULL until wanted */
    size_t n_titles, cap_titles;
    const char *org, *country;
    const char *io; /* acronym of the international organisation a title makes them speak for */
    int country_strength; /* 0 none, 1 surname default, 2 office default, 3 stated */
    int vn_surname;
    int32_t known; /* lexicon entry of a known person, or -1 */
    uint32_t first_start, first_end, n_mentions;
    char key[256]; /* folded name (last: only up to its NUL is set or copied) */
} pdraft_t;

typedef struct persons {
    pdraft_t *items;
    size_t n, cap;
} persons_t;

/* Returns the length written. */
static size_t fold_span(const ctx_t *c, size_t t0, size_t t1, char *buf, size_t cap) {
    size_t o = 0;
    for (size_t k = t0; k < t1 && o + 2 < cap; k++) {
        size_t n = c->tok[k].fe - c->tok[k].fs;
        if (o && o + 1 < cap) buf[o++] = ' ';
        if (o + n >= cap) n = cap - o - 1;
        memcpy(buf + o, c->a->folded.text + c->tok[k].fs, n);
        o += n;
    }
    buf[o] = '\0';
    return o;
}

/* The person whose key is key[0..kl), or -1 (lengths first: most differ). */
static int find_person(const persons_t *ps, const char *key, size_t kl) {
    for (size_t i = 0; i < ps->n; i++)
        if (ps->items[i].key_len == kl && !memcmp(ps->items[i].key, key, kl)) return (int)i;
    return -1;
}

/* Room for one more title (titles, title_office and title_fold grow together). */
static int person_title_room(ctx_t *c, pdraft_t *p) {
    if (p->n_titles < p->cap_titles) return 0;
    size_t nc = p->cap_titles ? p->cap_titles * 2 : 4, n = p->n_titles;
    /* the three arrays in one block (pointers first: aligned), only the kept part copied;
       title_fold's new slots are NULL (not folded yet), the others are written when used */
    char *b = sk_arena_alloc_uninit(c->a->arena, nc * (2 * sizeof(char *) + sizeof(int32_t)));
    if (!b) return SK_ENOMEM;
    const char **titles = (const char **)b;
    const char **fold = (const char **)(b + nc * sizeof(char *));
    int32_t *office = (int32_t *)(b + nc * 2 * sizeof(char *));
    if (n) {
        memcpy(titles, p->titles, n * sizeof *titles);
        memcpy(fold, p->title_fold, n * sizeof *fold);
        memcpy(office, p->title_office, n * sizeof *office);
    }
    for (size_t k = n; k < nc; k++)
        fold[k] = NULL;
    p->titles = titles;
    p->title_fold = fold;
    p->title_office = office;
    p->cap_titles = nc;
    return 0;
}

/* p->titles[k] folded as sk_fold_str into 256 bytes, made once (a person's titles were
 * folded again for every title added). */
static const char *person_title_fold(ctx_t *c, pdraft_t *p, size_t k) {
    if (!p->title_fold[k]) {
        char of[256];
        size_t ol = sk_fold_str(p->titles[k], strlen(p->titles[k]), of, sizeof of);
        p->title_fold[k] = sk_arena_strndup(c->a->arena, of, ol);
    }
    return p->title_fold[k];
}

static int person_add_title(ctx_t *c, pdraft_t *p, const title_t *t) {
    /* (either test refuses the title: the cheap one first, for every title held) */
    for (size_t k = 0; k < p->n_titles; k++)
        if (p->title_office[k] == t->office) return 0; /* same office, other wording */
    const char *nt = span_text(c, t->t0, t->t1);
    if (!nt) return SK_ENOMEM;
    char nf[256];
    size_t nl = 0;
    if (p->n_titles) nl = sk_fold_str(nt, strlen(nt), nf, sizeof nf);
    for (size_t k = 0; k < p->n_titles; k++) {
        /* "Bộ trưởng" after "Bộ trưởng Thương mại Singapore": the same office, shorter */
        const char *of = person_title_fold(c, p, k);
        if (!of) return SK_ENOMEM;
        size_t ol = strlen(of);
        size_t m = nl < ol ? nl : ol;
        if (m && !strncmp(nf, of, m) && (nf[m] == ' ' || nf[m] == '\0') &&
            (of[m] == ' ' || of[m] == '\0'))
            return 0;
    }
    if (person_title_room(c, p)) return SK_ENOMEM;
    p->titles[p->n_titles] = nt;
    if (p->n_titles) {
        p->title_fold[p->n_titles] = sk_arena_strndup(c->a->arena, nf, nl);
        if (!p->title_fold[p->n_titles]) return SK_ENOMEM;
    }
    p->title_office[p->n_titles] = t->office;
    p->n_titles++;
    if (t->org && !p->org) p->org = t->org;
    if (t->io && !p->io) p->io = t->io;
    int strength = t->stated_country ? 3 : 2;
    /* an office's default country ("Ủy viên Bộ Chính trị" → VNM) is also held abroad
       (Laos, Cuba): only trust it for a Vietnamese name */
    if (!t->stated_country && !p->vn_surname) strength = 0;
    if (t->country && strength && p->country_strength < strength) {
        p->country = t->country;
        p->country_strength = strength;
    }
    return 0;
}

/* A title the text implies rather than writes ("người đồng cấp Hàn Quốc" → "Ngoại trưởng
 * Hàn Quốc"). */
static int person_add_title_text(ctx_t *c, pdraft_t *p, int32_t office, const char *text) {
    if (person_title_room(c, p)) return SK_ENOMEM;
    p->titles[p->n_titles] = sk_arena_strdup(c->a->arena, text);
    if (!p->titles[p->n_titles]) return SK_ENOMEM;
    p->title_office[p->n_titles] = office;
    p->n_titles++;
    return 0;
}

/* The org a Vietnamese party office implies when nothing else is stated. */
static void person_defaults(ctx_t *c, pdraft_t *p) {
    if (!p->org && p->country && !strcmp(p->country, "VNM"))
        for (size_t k = 0; k < p->n_titles; k++) {
            const sk_lex_entry_t *e = sk_lexicon_entry(c->lex, (uint32_t)p->title_office[k]);
            if (attr_is(e, "level", "party")) {
                p->org = "Đảng Cộng sản Việt Nam";
                break;
            }
        }
}

/* Resolve a one- or two-syllable name to a fuller person already seen (or seen later). */
static int resolve_short(const persons_t *ps, const char *key, size_t kl, size_t n_tok) {
    int hit = -1;
    for (size_t i = 0; i < ps->n; i++) {
        const pdraft_t *p = &ps->items[i];
        if (p->n_tok <= n_tok) continue;
        size_t pl = p->key_len;
        int suffix = pl > kl && !memcmp(p->key + pl - kl, key, kl) && p->key[pl - kl - 1] == ' ';
        int prefix = pl > kl && !memcmp(p->key, key, kl) && p->key[kl] == ' ';
        if (suffix || prefix) {
            if (hit >= 0 && hit != (int)i) return -2; /* ambiguous */
            hit = (int)i;
        }
    }
    return hit;
}

typedef struct pmention {
    size_t name0, name1; /* name tokens (name0 == name1 for title-only) */
    size_t ext0, ext1;
    int counterpart; /* introduced by "người đồng cấp [country]" */
    size_t cp0, cp1; /* that country's tokens (cp0 == cp1 when none) */
    size_t n_titles;
    const char *country;        /* from a counterpart phrase */
    int strong;                 /* context made it a name */
    title_t titles[MAX_TITLES]; /* last: only the first n_titles are set, cleared or copied */
} pmention_t;

static int person_from_mention(ctx_t *c, persons_t *ps, pmention_t *pm, int *out) {
    char key[256];
    size_t kl = fold_span(c, pm->name0, pm->name1, key, sizeof key);
    size_t n_tok = pm->name1 - pm->name0;
    int idx = find_person(ps, key, kl);
    int32_t known = label_kind(c, pm->name0) == SK_LEX_PERSON
                        ? (int32_t)c->m->matches[c->label[pm->name0]].entry
                        : -1;
    for (size_t q = 0; idx < 0 && known >= 0 && q < ps->n; q++)
        if (ps->items[q].known == known) idx = (int)q;
    if (idx < 0) {
        int r = resolve_short(ps, key, kl, n_tok);
        if (r >= 0) idx = r;
    }
    if (idx < 0 && n_tok == 1 && !lone_name_ok(c, pm->name0) &&
        label_kind(c, pm->name0) != SK_LEX_PERSON) {
        *out = -1;
        return SK_OK;
    }
    if (idx < 0) {
        if (ps->n == ps->cap) {
            /* in the article's arena, which reuses its block from article to article: a
               malloc'd array cost a realloc (and a free) per article */
            size_t nc = ps->cap ? ps->cap * 2 : 16;
            pdraft_t *np = sk_arena_alloc_uninit(c->a->arena, nc * sizeof *np);
            if (!np) return SK_ENOMEM;
            if (ps->n) memcpy(np, ps->items, ps->n * sizeof *np);
            ps->items = np;
            ps->cap = nc;
        }
        pdraft_t *p = &ps->items[ps->n];
        memset(p, 0, offsetof(pdraft_t, key));
        p->name = span_text(c, pm->name0, pm->name1);
        memcpy(p->key, key, kl + 1); /* fits: both are 256 bytes, key NUL-terminated */
        p->key_len = kl;
        p->n_tok = n_tok;
        p->known = known;
        p->first_start = c->tok[pm->name0].start;
        p->first_end = c->tok[pm->name1 - 1].end;
        /* Known person: country from the lexicon. */
        if (label_kind(c, pm->name0) == SK_LEX_PERSON) {
            const char *kc = entry_country(c, entry(c, c->label[pm->name0]));
            if (kc) {
                p->country = kc;
                p->country_strength = 3;
            }
        }
        p->vn_surname = c->surname[pm->name0] && n_tok >= 2;
        if (!p->country && c->surname[pm->name0] && n_tok >= 2) {
            p->country = "VNM";
            p->country_strength = 1;
        }
        idx = (int)ps->n++;
    }
    pdraft_t *p = &ps->items[idx];
    p->n_mentions++;
    for (size_t k = 0; k < pm->n_titles; k++)
        if (person_add_title(c, p, &pm->titles[k])) return SK_ENOMEM;
    if (pm->country && p->country_strength < 3) {
        p->country = pm->country;
        p->country_strength = 3;
    }
    *out = idx;
    return SK_OK;
}

/* Names accepted without context: Vietnamese full names (surname + 1..3 syllables). */
static int plain_name_ok(const ctx_t *c, size_t n0, size_t n1) {
    size_t n = n1 - n0;
    if (label_kind(c, n0) == SK_LEX_PERSON) return 1;
    if (n < 2 || n > 4 || !c->surname[n0]) return 0;
    return 1;
}

/* Appends *pm to an array in the article's arena (the caller returns SK_ENOMEM on -1). */
static int push_pm(ctx_t *c, pmention_t **pms, size_t *n, size_t *cap, const pmention_t *pm) {
    if (*n == *cap) {
        pmention_t *np = sk_arena_alloc_uninit(c->a->arena, *cap * 2 * sizeof *np);
        if (!np) return -1;
        /* (only the part of each that is set, as below: titles[] is mostly unused) */
        for (size_t q = 0; q < *n; q++)
            memcpy(&np[q], &(*pms)[q],
                   offsetof(pmention_t, titles) + (*pms)[q].n_titles * sizeof *np->titles);
        *pms = np;
        *cap *= 2;
    }
    /* titles[] is 1 KB, mostly unused: only the part that is set is copied */
    memcpy(&(*pms)[(*n)++], pm, offsetof(pmention_t, titles) + pm->n_titles * sizeof *pm->titles);
    return 0;
}

/* The mentions of pass 1 and of the labels, in text order: at most the titles and the person
 * of each pmention, then one mention per label start (persons come from ps, not from these). */
static int emit_mentions(ctx_t *c, const pmention_t *pms, size_t npm, const int *pidx,
                         const persons_t *ps) {
    sk_mentions_t *m = c->m;
    if (alloc_tok_mention(c)) return SK_ENOMEM;
    size_t n_emit = c->n_labels;
    for (size_t q = 0; q < npm; q++)
        n_emit += pms[q].n_titles + 1;
    if (reserve_mentions(c, n_emit)) return SK_ENOMEM;
    for (size_t q = 0; q < npm; q++) {
        const pmention_t *pm = &pms[q];
        for (size_t k = 0; k < pm->n_titles; k++) {
            sk_mention_t *x = add_mention(c, SK_MENTION_TITLE, pm->titles[k].t0, pm->titles[k].t1);
            if (!x) return SK_ENOMEM;
            x->canonical = span_text(c, pm->titles[k].t0, pm->titles[k].t1);
            x->country = pm->titles[k].country;
            x->org = pm->titles[k].org;
            x->person = pidx[q];
            x->lex_entry = pm->titles[k].office;
        }
        if (pm->name1 > pm->name0 || pidx[q] >= 0) {
            size_t n0 = pm->name1 > pm->name0 ? pm->name0 : pm->ext0;
            size_t n1 = pm->name1 > pm->name0 ? pm->name1 : pm->ext1;
            sk_mention_t *x = add_mention(c, SK_MENTION_PERSON, n0, n1);
            if (!x) return SK_ENOMEM;
            x->person = pidx[q];
            x->ext_start = (uint32_t)pm->ext0;
            x->ext_end = (uint32_t)pm->ext1;
            x->coref = pm->name1 == pm->name0 ||
                       (pidx[q] >= 0 && ps->items[pidx[q]].first_start != c->tok[pm->name0].start);
            if (pidx[q] >= 0) {
                x->canonical = ps->items[pidx[q]].name;
                x->country = ps->items[pidx[q]].country;
            }
            for (size_t t = pm->ext0; t < pm->ext1; t++)
                m->tok_mention[t] = (int32_t)(m->n - 1);
        }
    }
    /* Organisations, countries, places not inside a person mention. */
    for (size_t li = 0; li < c->n_labels; li++) {
        size_t i = c->label_starts[li];
        if (m->tok_mention[i] >= 0) continue;
        int kind = label_kind(c, i);
        sk_mention_kind_t mk;
        if (kind == SK_LEX_ORG)
            mk = SK_MENTION_ORG;
        else if (kind == SK_LEX_COUNTRY)
            mk = SK_MENTION_COUNTRY;
        else if (kind == SK_LEX_PLACE)
            mk = SK_MENTION_PLACE;
        else
            continue;
        const sk_lex_match_t *lm = &m->matches[c->label[i]];
        const sk_lex_entry_t *e = sk_lexicon_entry(c->lex, lm->entry);
        /* "Đoàn đại biểu thành phố Hà Nội": a locality's delegation is an organisation side
           of that country (the spec's "locality") */
        size_t d0 = i;
        if (mk == SK_MENTION_PLACE) {
            size_t q = i;
            if (q >= 2 && (tok_is(c, q - 1, "pho") && tok_is(c, q - 2, "thanh")))
                q -= 2;
            else if (q >= 1 && tok_is(c, q - 1, "tinh"))
                q -= 1;
            for (size_t b = q; b > 0 && b + 4 > q; b--)
                if (tok_is(c, b - 1, "doan") && m->tok_mention[b - 1] < 0 &&
                    c->tok[b - 1].sentence == c->tok[i].sentence) {
                    d0 = b - 1;
                    break;
                }
        }
        sk_mention_t *x = add_mention(c, d0 < i ? SK_MENTION_ORG : mk, d0, i + lm->n_syll);
        if (!x) return SK_ENOMEM;
        x->canonical = d0 < i ? span_text(c, d0, i + lm->n_syll) : e->canonical;
        if (d0 < i) x->org = e->canonical; /* the locality */
        x->country = entry_country(c, e);
        x->lex_entry = (int32_t)lm->entry;
        for (size_t t = d0; t < i + lm->n_syll && t < c->nt; t++)
            if (m->tok_mention[t] < 0) m->tok_mention[t] = (int32_t)(m->n - 1);
    }
    return SK_OK;
}

int sk_mentions_find(const sk_lexicon_t *lex, sk_article_t *a) {
    return sk_mentions_find_for(lex, a, SK_MENTIONS_ALL);
}

int sk_mentions_find_timexes(sk_article_t *a) {
    sk_mentions_t *m = a->mentions;
    if (m->timexes_found) return SK_OK;
    /* Only the syllables that may hold or touch the start of a time expression
       (a digit, a word that starts one): sk_timex_find_hinted reads their chunks,
       not the whole text (same results as sk_timex_find; test_timex compares). */
    uint32_t *hints = malloc((m->n_tokens + 1) * sizeof *hints);
    if (!hints) return SK_ENOMEM;
    size_t n_hints = 0;
    const uint64_t *hint_table = sk_timex_hint_table();
    for (size_t k = 0; k < m->n_tokens; k++)
        if (sk_timex_syllable_hint(hint_table, m->sylls[k].key))
            hints[n_hints++] = m->tokens[k].start;
    int rc = sk_timex_find_hinted(a->arena, a->text, a->text_len, a->published, hints, n_hints,
                                  &m->timexes, &m->n_timexes);
    free(hints);
    if (!rc) m->timexes_found = 1;
    return rc;
}

int sk_mentions_find_for(const sk_lexicon_t *lex, sk_article_t *a, sk_mentions_want_t want) {
    sk_mentions_t *m = sk_arena_alloc(a->arena, sizeof *m);
    if (!m) return SK_ENOMEM;
    a->mentions = m;
    ctx_t c = {.lex = lex, .a = a, .m = m};
    sk_lex_syll_t *sylls;
    uint32_t *match_tok;
    int rc = sk_lexicon_scan_sylls(lex, a->text, a->text_len, &a->folded, a->arena, &m->matches,
                                   &m->n_matches, &sylls, &c.n_sylls, &match_tok);
    if (rc) return rc;
    c.sylls = sylls;
    m->sylls = sylls;
    c.match_tok = match_tok;
    if ((rc = build_tokens(&c)) || (rc = set_labels(&c))) return rc;

    persons_t ps = {0};
    /* Pass 1: person mentions with names, title-only mentions kept for pass 2. */
    /* Grown on demand: sized by token count and zeroed, it was ~1 KB per token
     * (a tenth of `sukien code` in memset) for a few dozen mentions. */
    /* (in the arena: its block is reused from article to article, where a 35 KB malloc
       took the allocator's slow path every time) */
    size_t npm = 0, cap_pm = 32;
    pmention_t *pms = sk_arena_alloc_uninit(a->arena, cap_pm * sizeof *pms);
    if (!pms) return SK_ENOMEM;
    size_t prev_person_end = (size_t)-1; /* token after the last accepted person mention */
    for (size_t i = 0; i < c.nt;) {
        /* Most tokens start nothing: with no honorific, no office and no possible name
           start at i, the steps below find no title (tend == i) and no name
           (name_run(i) == i), and move on to i + 1. */
        /* (a name starts upper case and an office at a label start: may_start tells the
           commonest, lower-case unlabelled tokens, apart in one byte) */
        if (!c.may_start[i]) {
            i = next_may_start(&c, i + 1);
            continue;
        }
        if (!c.honorific[i] && !is_office_start(&c, i) && !name_start(&c, i)) {
            i++;
            continue;
        }
        pmention_t pm; /* titles[] is only read below n_titles: zeroing it all cost 3% */
        memset(&pm, 0, offsetof(pmention_t, titles));
        size_t j = i;
        /* honorific before a title chain: "Ngài Thượng nghị sỹ John McCain" */
        if (c.honorific[j] && is_office_start(&c, j + (size_t)c.honorific[j]))
            j += (size_t)c.honorific[j];
        size_t tend = parse_title_chain(&c, j, pm.titles, &pm.n_titles);
        size_t k = tend;
        /* "Chủ tịch Hội đồng Liên bang Nga (Thượng viện) Valentina Matvienko" */
        if (pm.n_titles && k < c.nt && k > 0) {
            size_t gl;
            const char *g = gap(&c, k, &gl);
            if (gl >= 2 && g[gl - 1] != ')' && gap_has(g, gl, '(')) {
                size_t q = k;
                while (q < c.nt && q < k + 6 && c.tok[q].sentence == c.tok[k].sentence) {
                    size_t gl2;
                    const char *g2 = q + 1 < c.nt ? gap(&c, q + 1, &gl2) : NULL;
                    if (g2 && gl2 == 2 && g2[0] == ')' && g2[1] == ' ') {
                        k = q + 1;
                        break;
                    }
                    q++;
                }
            }
        }
        /* "Thủ tướng nước này Shinzo Abe", "Tổng thống nước chủ nhà X" */
        if (pm.n_titles && k + 1 < c.nt && tok_is(&c, k, "nuoc") && joined(&c, k) &&
            joined(&c, k + 1) &&
            (tok_is(&c, k + 1, "nay") || tok_is(&c, k + 1, "ban") || tok_is(&c, k + 1, "chu")))
            k += tok_is(&c, k + 1, "chu") && k + 2 < c.nt && tok_is(&c, k + 2, "nha") ? 3 : 2;
        if (k < c.nt && c.honorific[k] && (pm.n_titles == 0 || joined(&c, k)))
            k += (size_t)c.honorific[k];
        int ctx_strong = pm.n_titles > 0 || k > tend;
        int name_tried = k < c.nt && (k == i || joined(&c, k) || k != tend);
        size_t nend = name_tried ? name_run(&c, k) : k;
        /* "Thủ tướng Chính đề nghị …": a given name that is also a word ("chính") after a
           title; kept only if it resolves to a person named in full (pass 2) */
        if (pm.n_titles && nend == k && k < c.nt && k > 0 && name_joined(&c, k) &&
            c.nonname[k] == 2 && c.tok[k].cap && c.label[k] < 0 && !c.trigger_tok[k] &&
            !(k + 1 < c.nt && c.tok[k + 1].cap && joined(&c, k + 1)))
            nend = k + 1;
        if (!ctx_strong) {
            /* name_run depends only on k: when it ran above, it would return k again */
            if (nend == k && !name_tried) nend = name_run(&c, k);
            const char *cc = NULL;
            /* "người đồng cấp Nga Vladimir Putin": the phrase belongs to the mention */
            size_t cl = nend > k ? counterpart_before(&c, k, &cc) : 0;
            if (cl) {
                pm.country = cc;
                ctx_strong = 1;
                if (i == k) i = k - cl;
                if (tok_is(&c, k - cl + 1, "dong")) { /* "người đồng cấp", not "nhà lãnh đạo" */
                    pm.counterpart = 1;
                    pm.cp0 = pm.cp1 = k;
                    if (cc)
                        while (pm.cp0 > 0 && label_kind(&c, pm.cp0 - 1) == SK_LEX_COUNTRY)
                            pm.cp0--;
                }
            }
        }
        if (nend > k && credit_context(&c, k, nend)) {
            i = nend;
            continue;
        }
        if (nend > k) {
            size_t n = nend - k;
            int ok = ctx_strong || plain_name_ok(&c, k, nend);
            /* "doanh nhân Bulgaria Emilian Gebrev": a country, then a two- to four-syllable name */
            if (!ok && n >= 2 && n <= 4 && k > 0 && joined(&c, k) &&
                label_kind(&c, k - 1) == SK_LEX_COUNTRY &&
                c.tok[k - 1].sentence == c.tok[k].sentence) {
                pm.country = entry_country(&c, entry(&c, c.label[k - 1]));
                ok = 1;
            }
            /* "Emmanuel Macron của Pháp và Vladimir Putin": coordinated with a person */
            if (!ok && n >= 2 && n <= 4 && k >= 1 && prev_person_end != (size_t)-1 &&
                k - prev_person_end <= 4 && (tok_is(&c, k - 1, "va") || comma_between(&c, k)))
                ok = 1;
            /* apposition: "X, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư" */
            size_t aend = nend;
            if (nend < c.nt && (comma_between(&c, nend) || dash_between(&c, nend)) &&
                is_office_start(&c, nend)) {
                title_t app[MAX_TITLES];
                size_t napp = 0;
                size_t e2 = parse_title_chain(&c, nend, app, &napp);
                /* "X, A, B, C D Y": when the chain ends on the next name, its last title
                   (after the last comma) is that name's and the others are X's */
                if (e2 < c.nt && joined(&c, e2) && name_run(&c, e2) > e2 && napp >= 2) {
                    size_t last = napp - 1;
                    while (last > 0 && !comma_between(&c, app[last].t0))
                        last--;
                    /* "Ngoại trưởng Mỹ X, Ủy viên Bộ Chính trị, Chủ nhiệm … Y": a title that
                       cannot be X's (another country's, or a communist party's office for
                       someone from elsewhere) starts Y's */
                    const char *xc = pm.country;
                    for (size_t q = 0; q < pm.n_titles; q++)
                        if (pm.titles[q].stated_country && pm.titles[q].country)
                            xc = pm.titles[q].country;
                    for (size_t q = 0; xc && q < last; q++) {
                        const sk_lex_entry_t *oe = sk_lexicon_entry(c.lex, (uint32_t)app[q].office);
                        int other =
                            app[q].stated_country && app[q].country && strcmp(app[q].country, xc);
                        int party = attr_is(oe, "level", "party") && strcmp(xc, "VNM") &&
                                    strcmp(xc, "CHN") && strcmp(xc, "LAO") && strcmp(xc, "CUB") &&
                                    strcmp(xc, "PRK");
                        if ((other || party) && (q == 0 || comma_between(&c, app[q].t0))) {
                            last = q;
                            break;
                        }
                    }
                    if (last > 0) {
                        if (!ok && n >= 2 && n <= 4) ok = 1;
                        if (ok) {
                            for (size_t q = 0; q < last && pm.n_titles < MAX_TITLES; q++)
                                pm.titles[pm.n_titles++] = app[q];
                            aend = app[last - 1].t1;
                        }
                    }
                } else if (!(e2 < c.nt && joined(&c, e2) && name_run(&c, e2) > e2)) {
                    if (!ok && n >= 2 && n <= 4) ok = 1;
                    if (ok) {
                        for (size_t q = 0; q < napp && pm.n_titles < MAX_TITLES; q++)
                            pm.titles[pm.n_titles++] = app[q];
                        aend = e2;
                    }
                }
            }
            /* "Đô-nan Trăm (Donald Trump)": the form in parentheses is the same person */
            if (ok && aend == nend && nend < c.nt) {
                size_t gl;
                const char *g = gap(&c, nend, &gl);
                if (gl >= 2 && g[gl - 1] == '(' && name_run(&c, nend) > nend) {
                    size_t pe = name_run(&c, nend);
                    size_t gl2;
                    const char *g2 = pe < c.nt ? gap(&c, pe, &gl2) : ")";
                    if (pe >= c.nt || gap_has(g2, pe < c.nt ? gl2 : 1, ')')) aend = pe;
                }
            }
            /* "ga Đồng Đăng", "khách sạn Metropole": a place's name, not a person's */
            if (!ctx_strong && c.after_placehead[k]) ok = 0;
            if (ok) {
                pm.name0 = k;
                pm.name1 = nend;
                pm.ext0 = i;
                pm.ext1 = aend > nend ? aend : nend;
                pm.strong = ctx_strong;
                if (push_pm(&c, &pms, &npm, &cap_pm, &pm)) return SK_ENOMEM;
                prev_person_end = nend;
                i = pm.ext1;
                continue;
            }
        }
        if (pm.n_titles) {
            /* title-only mention: resolve in pass 2 */
            pm.name0 = pm.name1 = tend;
            pm.ext0 = i;
            pm.ext1 = tend;
            if (push_pm(&c, &pms, &npm, &cap_pm, &pm)) return SK_ENOMEM;
            i = tend;
            continue;
        }
        i = nend > i ? nend : i + 1;
    }
    /* Pass 2: full names first (two syllables or more), so short forms can resolve. */
    int *pidx = sk_arena_alloc_uninit(a->arena, (npm + 1) * sizeof *pidx);
    if (!pidx) return SK_ENOMEM;
    for (size_t q = 0; q < npm; q++)
        pidx[q] = -1;
    for (int pass = 0; pass < 2; pass++)
        for (size_t q = 0; q < npm; q++) {
            pmention_t *pm = &pms[q];
            size_t n = pm->name1 - pm->name0;
            if (n == 0 || (pass == 0) != (n >= 2)) continue;
            if ((rc = person_from_mention(&c, &ps, pm, &pidx[q]))) goto out;
        }
    /* Pass 2b: title-only mentions: the most recent person holding that office. */
    for (size_t q = 0; q < npm; q++) {
        pmention_t *pm = &pms[q];
        if (pm->name1 > pm->name0 || !pm->n_titles) continue;
        int hit = -1;
        for (size_t r = 0; r < npm; r++) {
            if (pidx[r] < 0) continue;
            const pdraft_t *p = &ps.items[pidx[r]];
            /* "tổng thống Nga": the office and, when written, the country must agree */
            const char *want_country = pm->titles[pm->n_titles - 1].stated_country
                                           ? pm->titles[pm->n_titles - 1].country
                                           : NULL;
            if (want_country && (!p->country || strcmp(p->country, want_country))) continue;
            for (size_t k = 0; k < p->n_titles; k++)
                if (p->title_office[k] == pm->titles[pm->n_titles - 1].office) {
                    if (r < q || hit < 0) hit = pidx[r];
                }
            if (r > q && hit >= 0) break;
        }
        pidx[q] = hit;
    }
    /* Pass 2c: "X điện đàm với người đồng cấp Hàn Quốc Y": Y holds X's office, in Y's
       country ("Ngoại trưởng Hàn Quốc"), when the article gives Y no title. */
    for (size_t q = 0; q < npm; q++) {
        pmention_t *pm = &pms[q];
        if (!pm->counterpart || pidx[q] < 0 || ps.items[pidx[q]].n_titles) continue;
        uint32_t sent = c.tok[pm->name0].sentence;
        for (size_t r = 0; r < npm; r++) {
            if (r == q || pidx[r] < 0 || pidx[r] == pidx[q] || !pms[r].n_titles ||
                c.tok[pms[r].name0 < c.nt ? pms[r].name0 : pms[r].ext0].sentence != sent)
                continue;
            const title_t *t = &pms[r].titles[pms[r].n_titles - 1];
            const sk_lex_entry_t *oe = sk_lexicon_entry(lex, (uint32_t)t->office);
            char jb[32];
            const char *jur = sk_lex_attr(oe, "jurisdiction", jb, sizeof jb);
            if (!jur || !strstr(jur, "country")) break;
            char buf[256];
            if (pm->cp1 > pm->cp0)
                snprintf(buf, sizeof buf, "%s %s", oe->canonical, span_text(&c, pm->cp0, pm->cp1));
            else
                snprintf(buf, sizeof buf, "%s", oe->canonical);
            pdraft_t *p = &ps.items[pidx[q]];
            if (person_add_title_text(&c, p, t->office, buf)) goto nomem;
            break;
        }
    }
    /* Mentions: events read them, and there are no events without a trigger. */
    if ((want == SK_MENTIONS_ALL || m->n_triggers) && emit_mentions(&c, pms, npm, pidx, &ps))
        goto nomem;
    /* Dates: for events only when an event asks (most triggers make none: a sixth of
       `sukien code` was spent on time expressions nothing read), and never as mentions. */
    int all = want == SK_MENTIONS_ALL;
    if (all && (rc = sk_mentions_find_timexes(a))) goto out;
    if (all && reserve_mentions(&c, m->n_timexes)) goto nomem;
    for (size_t k = 0; all && k < m->n_timexes; k++) {
        const sk_timex_t *tx = &m->timexes[k];
        size_t t0 = sk_mentions_token_at(m, tx->start);
        size_t t1 = sk_mentions_token_at(m, tx->end);
        if (t0 >= c.nt || t1 <= t0) continue;
        sk_mention_t *x = add_mention(&c, SK_MENTION_DATE, t0, t1);
        if (!x) goto nomem;
        x->start = tx->start;
        x->end = tx->end;
        x->canonical = sk_timex_iso(a->arena, tx);
        x->timex = tx;
    }
    /* Persons out. */
    m->persons.items = sk_arena_alloc(a->arena, (ps.n + 1) * sizeof *m->persons.items);
    if (!m->persons.items) goto nomem;
    for (size_t i = 0; i < ps.n; i++) {
        pdraft_t *p = &ps.items[i];
        person_defaults(&c, p);
        sk_person_t *o = &m->persons.items[i];
        o->name = p->name;
        o->titles = p->titles;
        o->n_titles = p->n_titles;
        o->org = p->org;
        o->country = p->country;
        o->side_country = p->io ? p->io : p->country;
        o->first_start = p->first_start;
        o->first_end = p->first_end;
        o->n_mentions = p->n_mentions;
    }
    m->persons.n = ps.n;
    rc = SK_OK;
    goto out;
nomem:
    rc = SK_ENOMEM;
out:
    return rc;
}
