/* lexicon.c — load the TSV files under data/ and compile them into a trie over folded
 * syllables. Matching walks the trie from every syllable of the folded text;
 * case and tone constraints are then checked against the original text. */
#include "lexicon.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "event.h"
#include "normalize.h"
#include "swar.h"

enum { MAX_SYLL = 16, CASE_NONE = 0, CASE_FIRST = 1, CASE_ALL = 2 };

/* One spelling of an entry: what to check once the trie says the folded syllables match. */
typedef struct pattern {
    uint32_t entry;
    uint32_t next;     /* next pattern at the same trie node (index+1; 0 = end) */
    uint8_t case_mode; /* CASE_* */
    uint8_t tones;     /* diacritics must agree */
    uint16_t cap_mask; /* syllables capitalised in the spelling (for CASE_ALL) */
    uint8_t acronym;   /* spelling is all capitals ("UN", "TTXVN"): the text must be too */
    uint8_t kind;      /* sk_lex_kind_t of the entry */
    uint16_t lower_len;
    const char *lower; /* lower-cased, tone-canonical syllables joined by ' ' (for tones) */
} pattern_t;

/* Trie edges live in open-addressing tables keyed by (parent node, syllable key):
 * one for the root's (probed for every syllable of the text: 1,500 edges in a
 * table of its own stay in cache) and one for all the others. */
typedef struct edge {
    uint64_t key;           /* syll_key of the syllable */
    uint32_t parent, child; /* child 0 = empty slot */
} edge_t;

typedef struct edge_table {
    edge_t *slots;
    size_t cap, n;  /* cap: power of two */
    unsigned shift; /* 64 - log2(cap): the slot index is the top bits of the hash */
} edge_table_t;

/* A trie node: its patterns, and a one-word filter of its children's keys (bit
 * child_bit(key) set for each): most phrases stop after one or two syllables,
 * and the filter turns down most next syllables without a probe of the table. */
typedef struct node {
    uint64_t child_bits;
    uint32_t patterns; /* first pattern index+1 */
    /* Every pattern here and below needs the span's first letter in upper case (case=first,
       case=all with a capitalised first syllable, acronyms): a phrase starting with a
       lower-case ASCII letter is dropped at its first node (lower-case "an", "nam", "hà"
       start many names). Set by mark_need_cap once all files are in. */
    uint32_t need_cap;
} node_t;

/* The syllable on the edge into a node, kept only for hashed (long) keys, to confirm them. */
typedef struct node_tok {
    const char *tok;
    uint32_t toklen;
} node_tok_t;

typedef struct person_office {
    const char *office, *start, *end;
} person_office_t;

/* One person of person_offices.tsv, by folded name: offices[first .. first+n),
 * ordered by start, then office. Open-addressing slot (fold NULL = empty). */
typedef struct office_holder {
    const char *fold;
    uint32_t first, n;
} office_holder_t;

struct sk_lexicon {
    sk_arena_t *arena;
    sk_lex_entry_t *entries;
    size_t n_entries, cap_entries;
    pattern_t *patterns;
    size_t n_patterns, cap_patterns;
    node_t *nodes;
    node_tok_t *node_toks; /* as many as nodes (cap_nodes) */
    size_t n_nodes, cap_nodes;
    edge_table_t root, edges; /* edges out of the root; all others */
    uint8_t byte_class[256];  /* BYTE_* of each byte of folded text */
    person_office_t *offices;
    size_t n_offices;
    office_holder_t *holders;
    size_t cap_holders; /* power of two */
    uint32_t serial;    /* this load's number, never 0 (span_memo slots name it) */
};

static atomic_uint_least32_t lexicon_loads;

static const struct {
    const char *file;
    sk_lex_kind_t kind;
} FILES[] = {
    {"countries.tsv", SK_LEX_COUNTRY},    {"places.tsv", SK_LEX_PLACE},
    {"offices.tsv", SK_LEX_OFFICE},       {"organizations.tsv", SK_LEX_ORG},
    {"honorifics.tsv", SK_LEX_HONORIFIC}, {"surnames.tsv", SK_LEX_SURNAME},
    {"persons.tsv", SK_LEX_PERSON},       {"persons_foreign.tsv", SK_LEX_PERSON},
    {"triggers.tsv", SK_LEX_TRIGGER},     {"cues.tsv", SK_LEX_CUE},
    {"nonnames.tsv", SK_LEX_CUE},
};

/* Syllable keys. A syllable of at most SHORT_SYLL bytes (nearly every Vietnamese
 * one: "nghieng" is the longest) is its own key, its bytes packed little-endian:
 * syllable bytes are never NUL, so this is one-to-one and a key match is a
 * syllable match, with no string compare. Longer syllables get a hash with the
 * top bit set (never a packed key, whose top byte is 0), and a hit on one is
 * confirmed against the bytes stored at the child node. */
enum { SHORT_SYLL = SK_LEX_PACK_MAX };
#define LONG_KEY_BIT (1ull << 63)

static uint64_t hash_token(const char *tok, size_t len) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)tok[i];
        h *= 1099511628211ull;
    }
    return h;
}

static uint64_t syll_key(const char *tok, size_t len) {
    if (len > SHORT_SYLL) return hash_token(tok, len) | LONG_KEY_BIT;
    uint64_t k = 0;
    for (size_t i = 0; i < len; i++)
        k |= (uint64_t)(unsigned char)tok[i] << (8 * i);
    return k;
}

/* Multiplicative hashing: the top bits of the product depend on every bit of the key. */
static size_t edge_index(const edge_table_t *t, uint32_t parent, uint64_t key) {
    uint64_t h = (key + (uint64_t)parent * 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
    return (size_t)(h >> t->shift);
}

static inline uint64_t child_bit(uint64_t key) {
    return 1ull << ((key * 0x9E3779B97F4A7C15ull) >> 58);
}

static int grow(void **arr, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return 0;
    size_t ncap = *cap ? *cap * 2 : 256;
    while (ncap < need)
        ncap *= 2;
    if (!*arr) { /* calloc: large blocks come zeroed from the system, no memset */
        if (!(*arr = calloc(ncap, elem))) return SK_ENOMEM;
        *cap = ncap;
        return 0;
    }
    void *p = realloc(*arr, ncap * elem);
    if (!p) return SK_ENOMEM;
    memset((char *)p + *cap * elem, 0, (ncap - *cap) * elem);
    *arr = p;
    *cap = ncap;
    return 0;
}

static uint32_t new_node(sk_lexicon_t *lx) {
    size_t cap = lx->cap_nodes;
    if (grow((void **)&lx->nodes, &lx->cap_nodes, lx->n_nodes + 1, sizeof(node_t))) return 0;
    if (lx->cap_nodes != cap) {
        size_t tok_cap = cap;
        if (grow((void **)&lx->node_toks, &tok_cap, lx->cap_nodes, sizeof(node_tok_t))) return 0;
    }
    lx->nodes[lx->n_nodes] = (node_t){0};
    lx->node_toks[lx->n_nodes] = (node_tok_t){0};
    return (uint32_t)lx->n_nodes++;
}

static edge_table_t *edge_table(sk_lexicon_t *lx, uint32_t parent) {
    return parent ? &lx->edges : &lx->root;
}

/* The slot of edge (parent, syllable), or the empty slot where it would go. */
static inline edge_t *edge_slot(sk_lexicon_t *lx, uint32_t parent, uint64_t key, const char *tok,
                                size_t len) {
    const edge_table_t *t = edge_table(lx, parent);
    size_t mask = t->cap - 1;
    for (size_t i = edge_index(t, parent, key);; i = (i + 1) & mask) {
        edge_t *e = &t->slots[i];
        if (!e->child) return e;
        if (e->key != key || e->parent != parent) continue;
        if (!(key & LONG_KEY_BIT)) return e;
        const node_tok_t *c = &lx->node_toks[e->child];
        if (c->toklen == len && !memcmp(c->tok, tok, len)) return e;
    }
}

static int edges_rehash(edge_table_t *t, size_t ncap) {
    size_t old_cap = t->cap;
    edge_t *old = t->slots, *ne = calloc(ncap, sizeof *ne);
    if (!ne) return SK_ENOMEM;
    unsigned shift = 64;
    for (size_t c = ncap; c > 1; c >>= 1)
        shift--;
    t->slots = ne;
    t->cap = ncap;
    t->shift = shift;
    /* Every edge is distinct, so each goes to the first empty slot of its probe sequence. */
    for (size_t i = 0; i < old_cap; i++) {
        if (!old[i].child) continue;
        size_t j = edge_index(t, old[i].parent, old[i].key);
        while (ne[j].child)
            j = (j + 1) & (ncap - 1);
        ne[j] = old[i];
    }
    free(old);
    return 0;
}

/* edge_slot's search for the scan, inline: it runs for every syllable of the text. */
static inline uint32_t child_of(const sk_lexicon_t *lx, uint32_t parent, uint64_t key,
                                const char *tok, size_t len) {
    const edge_table_t *t = parent ? &lx->edges : &lx->root;
    size_t mask = t->cap - 1;
    for (size_t i = edge_index(t, parent, key);; i = (i + 1) & mask) {
        const edge_t *e = &t->slots[i];
        if (!e->child) return 0;
        if (e->key == key && e->parent == parent) {
            if (!(key & LONG_KEY_BIT)) return e->child;
            const node_tok_t *c = &lx->node_toks[e->child];
            if (c->toklen == len && !memcmp(c->tok, tok, len)) return e->child;
        }
    }
}

/* Syllables of folded text: maximal runs of [a-z0-9] and non-ASCII bytes. joins: may
 * continue a phrase begun before it (only spaces, hyphens or apostrophes, at most 3 bytes,
 * separate it from the syllable before); root_child: set by sk_lexicon_scan. */
typedef sk_lex_syll_t tok_t;

/* Byte classes for tokenize (sk_lexicon_load fills lx->byte_class from sk_tok_byte). */
enum { BYTE_BREAK = 0, BYTE_SYLL = 1, BYTE_JOIN = 2 /* ' ', '-', '\'' */ };

#define ONES 0x0101010101010101ull
#define HIGH 0x8080808080808080ull

/* The bytes of w that are not syllable bytes (BYTE_SYLL: [a-z0-9] or >= 0x80),
 * each as its 0x80 bit. */
static inline uint64_t stop_bytes(uint64_t w) {
    return ~sk_swar_syll_bytes(w) & HIGH;
}

/* For short strings (spellings and look-ups; sk_lexicon_scan uses tokenize_text).
 * f[len] must be NUL (sk_fold and sk_fold_str terminate their output): it ends the
 * last syllable without a bounds test per byte. */
static size_t tokenize(const uint8_t *cls, const char *f, size_t len, tok_t *out, size_t cap) {
    size_t n = 0, i = 0;
    while (n < cap) {
        /* The gap before the next syllable; a phrase goes on across it only if it
         * holds nothing but spaces, hyphens and apostrophes, 3 bytes at most. */
        size_t gap = i;
        int joinable = n > 0;
        if (f[i] == ' ' && cls[(unsigned char)f[i + 1]] == BYTE_SYLL) { /* the usual gap */
            i++;
        } else {
            for (unsigned c; (c = cls[(unsigned char)f[i]]) != BYTE_SYLL; i++) {
                if (c == BYTE_BREAK) {
                    if (i >= len) return n;
                    joinable = 0;
                }
            }
        }
        size_t s = i;
        uint64_t key;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        uint64_t w, stop = 0;
        if (s + 8 <= len) { /* the syllable's end in one word: most are 1 to 7 bytes */
            memcpy(&w, f + s, 8);
            stop = stop_bytes(w);
        }
        if (stop) {
            uint64_t below = ((stop & -stop) >> 7) - 1; /* 0xFF for each byte before it */
            key = w & below;
            i = s + (((below & ONES) * ONES) >> 56);
        } else
#endif
        {
            while (cls[(unsigned char)f[i]] == BYTE_SYLL)
                i++;
            key = syll_key(f + s, i - s);
        }
        out[n].fs = (uint32_t)s;
        out[n].fe = (uint32_t)i;
        out[n].key = key;
        out[n].joins = joinable & (s - gap <= 3);
        n++;
    }
    return n;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Masks keeping the first k bytes of a little-endian word, k <= 8. */
static const uint64_t KEEP_BYTES[9] = {0,
                                       0xFF,
                                       0xFFFF,
                                       0xFFFFFF,
                                       0xFFFFFFFF,
                                       0xFFFFFFFFFF,
                                       0xFFFFFFFFFFFF,
                                       0xFFFFFFFFFFFFFF,
                                       0xFFFFFFFFFFFFFFFF};
#endif

/* The key of the syllable f[s..e) of a text (as syll_key); eight bytes are
 * readable at f + s when readable8. */
static inline uint64_t text_syll_key(const char *f, size_t s, size_t e, int readable8) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (e - s <= SHORT_SYLL && readable8) {
        uint64_t w;
        memcpy(&w, f + s, 8);
        return w & KEEP_BYTES[e - s];
    }
#endif
    (void)readable8;
    return syll_key(f + s, e - s);
}

/* x shifted up by j bytes of the text (1 <= j < 64), the block before's top bytes
 * coming in at the bottom. */
static inline uint64_t shift_in(uint64_t x, uint64_t before, unsigned j) {
    return (x << j) | (before >> (64 - j));
}

/* tokenize for a whole text (the same syllables), 64 bytes at a time: with the
 * syllable bytes of a block as a bit mask, each syllable is found by two bit
 * scans, with no walk over its bytes, and whether it joins the one before by
 * mask operations for the whole block. out has room for every syllable. */
static size_t tokenize_text(const char *f, size_t len, tok_t *out) {
    /* (f is sk_fold's text: eight bytes are readable at every syllable's start) */
    size_t n = 0;
    size_t open = SIZE_MAX;                  /* start of a syllable going on past the last block */
    uint64_t prev_gap = ~0ull, prev_brk = 0; /* the block before (the text's start: a gap) */
    for (size_t base = 0; base < len; base += 64) {
        uint64_t syll, join;
        if (len - base >= 64) {
            sk_tok_masks64((const unsigned char *)f + base, &syll, &join);
        } else { /* the last block: NUL beyond the text ends a syllable */
            unsigned char tail[64] = {0};
            memcpy(tail, f + base, len - base);
            sk_tok_masks64(tail, &syll, &join);
        }
        uint64_t gap = ~syll;          /* bytes between syllables */
        uint64_t brk = ~(syll | join); /* those that end a phrase */
        uint64_t starts = syll & shift_in(gap, prev_gap, 1);
        /* A syllable joins the one before when the gap before it (the gap bytes
           right before its start) is 1 to 3 bytes of spaces, hyphens and
           apostrophes: none of the 3 bytes before it is a break byte within the
           gap, and the 4 bytes before it are not all gap bytes. */
        uint64_t g1 = shift_in(gap, prev_gap, 1), g2 = shift_in(gap, prev_gap, 2);
        uint64_t joins = ~((g1 & g2 & shift_in(gap, prev_gap, 3) & shift_in(gap, prev_gap, 4)) |
                           shift_in(brk, prev_brk, 1) | (shift_in(brk, prev_brk, 2) & g1) |
                           (shift_in(brk, prev_brk, 3) & g1 & g2));
        if (open != SIZE_MAX && ~syll) { /* the open syllable ends in this block */
            size_t e = base + (size_t)__builtin_ctzll(~syll);
            out[n].fe = (uint32_t)e;
            out[n].key = text_syll_key(f, open, e, 1);
            n++;
            open = SIZE_MAX;
        }
        for (; starts; starts &= starts - 1) {
            unsigned k = (unsigned)__builtin_ctzll(starts);
            size_t s = base + k;
            out[n].fs = (uint32_t)s;
            out[n].joins = (uint8_t)((joins >> k) & 1);
            uint64_t rest = gap >> k;
            if (!rest) { /* goes on into the next block */
                open = s;
                break;
            }
            size_t e = s + (size_t)__builtin_ctzll(rest);
            out[n].fe = (uint32_t)e;
            out[n].key = text_syll_key(f, s, e, 1);
            n++;
        }
        prev_gap = gap;
        prev_brk = brk;
    }
    if (open != SIZE_MAX) { /* ended by the end of the text */
        out[n].fe = (uint32_t)len;
        out[n].key = syll_key(f + open, len - open);
        n++;
    }
    if (n) out[0].joins = 0; /* nothing before the first */
    return n;
}

/* First letters of the old-style tone placements that sk_tone_canon rewrites
 * ("òa", "óe", "ùy"... to "oà", "oé", "uỳ"): o and u with a grave, acute, hook,
 * tilde or dot below (lower case: lower_key lower-cases first). A key without
 * any of them is copied by sk_tone_canon as it is. */
static int old_tone_vowel(int32_t cp) {
    if (cp < 0xF2) return 0; /* ASCII: one test */
    switch (cp) {
    case 0xF2:   /* ò */
    case 0xF3:   /* ó */
    case 0x1ECF: /* ỏ */
    case 0xF5:   /* õ */
    case 0x1ECD: /* ọ */
    case 0xF9:   /* ù */
    case 0xFA:   /* ú */
    case 0x1EE7: /* ủ */
    case 0x169:  /* ũ */
    case 0x1EE5: /* ụ */
        return 1;
    default:
        return 0;
    }
}

/* Lower-case, tone-canonical form of s[0..len) with syllables joined by single spaces. */
static size_t lower_key(const char *s, size_t len, char *out, size_t cap) {
    char tmp[1024];
    size_t o = 0;
    int in_word = 0, old_tone = 0;
    for (size_t i = 0; i < len && o + 8 < sizeof tmp;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) { /* ASCII: what the general steps below give, without them */
            i++;
            unsigned lower = b | 0x20u;
            if ((lower >= 'a' && lower <= 'z') || (b >= '0' && b <= '9')) {
                tmp[o++] = (char)(b >= '0' && b <= '9' ? b : lower);
                in_word = 1;
            } else if (in_word) {
                tmp[o++] = ' ';
                in_word = 0;
            }
            continue;
        }
        int32_t cp;
        int n = sk_utf8_decode(s + i, len - i, &cp);
        if (n < 0) {
            i++;
            continue;
        }
        i += (size_t)n;
        if (sk_is_letter(cp) || (cp >= '0' && cp <= '9')) {
            int32_t lower = sk_to_lower(cp);
            old_tone |= old_tone_vowel(lower);
            o += (size_t)sk_utf8_encode(lower, tmp + o);
            in_word = 1;
        } else if (in_word) {
            tmp[o++] = ' ';
            in_word = 0;
        }
    }
    while (o && tmp[o - 1] == ' ')
        o--;
    if (2 * o + 1 > cap) o = (cap - 1) / 2;
    if (old_tone) return sk_tone_canon(tmp, o, out);
    /* Nothing for sk_tone_canon to rewrite: it would copy tmp as it is (most keys;
     * the call cost ~250 instructions per key). */
    memcpy(out, tmp, o);
    out[o] = '\0';
    return o;
}

enum { TONES_ANY, TONES_EXACT, TONES_UNLESS_ASCII, TONES_DEFAULT };

/* Keys (lower_key) of up to KEY_SHORT bytes are compared as zero-padded words: a
 * key holds no NUL (letters and spaces), so equal words are equal keys. */
enum { KEY_WORDS = 4, KEY_SHORT = KEY_WORDS * 8 };

static int add_spelling(sk_lexicon_t *lx, uint32_t entry, const char *sp, size_t len, int case_mode,
                        int tones) {
    char folded[1024];
    size_t flen = sk_fold_str(sp, len, folded, sizeof folded);
    tok_t toks[MAX_SYLL];
    size_t nt = tokenize(lx->byte_class, folded, flen, toks, MAX_SYLL);
    if (!nt) return 0;
    uint32_t node = 0;
    for (size_t k = 0; k < nt; k++) {
        const char *tok = folded + toks[k].fs;
        size_t tl = toks[k].fe - toks[k].fs;
        uint64_t key = toks[k].key;
        edge_t *e = edge_slot(lx, node, key, tok, tl);
        if (!e->child) {
            edge_table_t *t = edge_table(lx, node);
            if ((t->n + 1) * 4 > t->cap * 3) { /* misses rarely probe: the filter stops them */
                if (edges_rehash(t, 2 * t->cap)) return SK_ENOMEM;
                e = edge_slot(lx, node, key, tok, tl);
            }
            uint32_t c = new_node(lx);
            if (!c) return SK_ENOMEM;
            if (key & LONG_KEY_BIT) { /* only hashed keys are confirmed by their bytes */
                node_tok_t *nt_c = &lx->node_toks[c];
                if (!(nt_c->tok = sk_arena_strndup(lx->arena, tok, tl))) return SK_ENOMEM;
                nt_c->toklen = (uint32_t)tl;
            }
            e->key = key;
            e->parent = node;
            e->child = c;
            t->n++;
            lx->nodes[node].child_bits |= child_bit(key);
        }
        uint32_t c = e->child;
        node = c;
    }
    /* One pass over the spelling: capitalisation of each of its first 16 syllables
     * (for case=all), letters and capitals (acronyms), any non-ASCII byte (tones). */
    uint16_t mask = 0;
    size_t syl = 0;
    int in_word = 0, letters = 0, upper = 0, non_ascii = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int n = sk_utf8_decode(sp + i, len - i, &cp);
        if (n < 0) { /* an invalid byte, never ASCII */
            non_ascii = 1;
            i++;
            continue;
        }
        i += (size_t)n;
        non_ascii |= cp >= 0x80;
        int letter = sk_is_letter(cp), is_upper = letter && sk_is_upper(cp);
        letters += letter;
        upper += is_upper;
        int w = letter || (cp >= '0' && cp <= '9');
        if (w && !in_word) {
            if (syl < 16 && is_upper) mask |= (uint16_t)(1u << syl);
            syl++;
        }
        in_word = w;
    }
    if (grow((void **)&lx->patterns, &lx->cap_patterns, lx->n_patterns + 1, sizeof(pattern_t)))
        return SK_ENOMEM;
    pattern_t *p = &lx->patterns[lx->n_patterns];
    p->acronym = (uint8_t)(letters >= 2 && upper == letters);
    p->entry = entry;
    p->kind = (uint8_t)lx->entries[entry].kind;
    p->case_mode = (uint8_t)case_mode;
    if (tones == TONES_DEFAULT) {
        /* a spelling with diacritics must match them ("Nhất" is not "Nhật", "Văn Nam" is
           not "Vân Nam") unless the text writes the name without any ("Phnom Penh" for
           "Phnôm Pênh"); a spelling in plain ASCII matches any ("António" for "Antonio") */
        tones = non_ascii ? TONES_UNLESS_ASCII : TONES_ANY;
        /* one Vietnamese-sized syllable ("Hàn", at most 7 letters as "nghiêng") must match
           even against plain ASCII: "Han" in "Han Duck Soo" is a name, not Korea */
        if (tones == TONES_UNLESS_ASCII && nt == 1 && letters <= 7) tones = TONES_EXACT;
    }
    p->tones = (uint8_t)tones;
    p->cap_mask = mask;
    if (p->tones) {
        char key[2048];
        size_t kl = lower_key(sp, len, key, sizeof key);
        /* zero-padded for same_short_key */
        char *lower = sk_arena_alloc(lx->arena, kl + 1 > KEY_SHORT ? kl + 1 : KEY_SHORT);
        if (!lower) return SK_ENOMEM;
        memcpy(lower, key, kl);
        p->lower = lower;
        p->lower_len = (uint16_t)kl;
    }
    /* Keep patterns at a node in insertion order (earlier files win ties). */
    p->next = 0;
    uint32_t *link = &lx->nodes[node].patterns;
    while (*link)
        link = &lx->patterns[*link - 1].next;
    *link = (uint32_t)(lx->n_patterns + 1);
    lx->n_patterns++;
    return 0;
}

/* Items of an attrs string with their key and value lengths, for sk_lex_attr
 * (~160,000 calls per 300 articles, mostly for keys the entry does not have).
 * Empty items and items without a key ("=x") are left out: no key matches them.
 * An entry with an item over 255 bytes of key or value, more than 64 items or
 * attrs past 64 KB is left unindexed (sk_lex_attr then scans it). */
static int index_attrs(sk_arena_t *arena, sk_lex_entry_t *e) {
    const char *a = e->attrs;
    sk_lex_attr_at_t items[64];
    size_t n = 0, i = 0;
    if (!*a) return SK_OK;
    for (;;) {
        size_t k = i;
        while (a[k] && a[k] != ';' && a[k] != '=')
            k++;
        size_t end = k;
        while (a[end] && a[end] != ';')
            end++;
        size_t key_len = k - i, val_len = end > k ? end - k - 1 : 0;
        if (key_len > UINT8_MAX || val_len > UINT8_MAX || end > UINT16_MAX) return SK_OK;
        if (key_len) {
            if (n == SK_ARRAY_LEN(items)) return SK_OK;
            items[n++] = (sk_lex_attr_at_t){
                .key = (uint16_t)i, .key_len = (uint8_t)key_len, .val_len = (uint8_t)val_len};
        }
        if (!a[end]) break;
        i = end + 1;
    }
    static const sk_lex_attr_at_t no_items[1]; /* attrs holding only empty items */
    sk_lex_attr_at_t *at = n ? sk_arena_alloc_uninit(arena, n * sizeof *at) : NULL;
    if (n && !at) return SK_ENOMEM;
    if (n) memcpy(at, items, n * sizeof *at);
    e->attr_at = n ? at : no_items;
    e->n_attr = (uint32_t)n;
    return SK_OK;
}

/* The value of item "key" or "key=value" starting at p, or NULL. */
static const char *attr_item(const char *p, const char *key, char *buf, size_t cap) {
    size_t k = 0;
    while (key[k] && p[k] == key[k])
        k++;
    if (key[k] || !(p[k] == '\0' || p[k] == ';' || p[k] == '=')) return NULL;
    const char *v = p + k + (p[k] == '=');
    size_t vl = 0;
    while (v[vl] && v[vl] != ';')
        vl++;
    if (vl >= cap) vl = cap - 1;
    memcpy(buf, v, vl);
    buf[vl] = '\0';
    return buf;
}

const char *sk_lex_attr(const sk_lex_entry_t *e, const char *key, char *buf, size_t cap) {
    if (e->attr_at) {
        for (uint32_t i = 0; i < e->n_attr; i++) {
            const sk_lex_attr_at_t *it = &e->attr_at[i];
            const char *p = e->attrs + it->key;
            if (*p != key[0]) continue; /* most items differ in their first byte */
            size_t k = 1;
            while (k < it->key_len && p[k] == key[k])
                k++;
            if (k < it->key_len || key[k]) continue;
            size_t vl = it->val_len < cap ? it->val_len : cap - 1;
            memcpy(buf, p + k + (it->val_len > 0), vl);
            buf[vl] = '\0';
            return buf;
        }
        return NULL;
    }
    /* Not indexed: item by item. Keys never hold ';', '=' or NUL. */
    const char *p = e->attrs;
    while (p && *p) {
        const char *v = attr_item(p, key, buf, cap);
        if (v) return v;
        while (*p && *p != ';')
            p++;
        if (*p) p++;
    }
    return NULL;
}

/* An entry's SK_LEX_F_* flags, from its first type= and position= items. */
static unsigned entry_flags(const sk_lex_entry_t *e) {
    char buf[64];
    unsigned f = 0;
    const char *type = sk_lex_attr(e, "type", buf, sizeof buf);
    if (type) {
        if (!strcmp(type, "nonname"))
            f |= SK_LEX_F_NONNAME;
        else if (!strcmp(type, "placehead"))
            f |= SK_LEX_F_PLACEHEAD;
        else if (!strcmp(type, "BLOCK"))
            f |= SK_LEX_F_BLOCK;
        else if (!strcmp(type, "spouse"))
            f |= SK_LEX_F_SPOUSE;
    }
    const char *pos = sk_lex_attr(e, "position", buf, sizeof buf);
    if (pos && !strcmp(pos, "first-only")) f |= SK_LEX_F_FIRST_ONLY;
    return f;
}

/* A trigger entry's attributes as the event rules read them (sk_lex_trigger_t). */
static sk_lex_trigger_t *trigger_attrs(sk_arena_t *arena, const sk_lex_entry_t *e) {
    sk_lex_trigger_t *t = sk_arena_alloc(arena, sizeof *t);
    if (!t) return NULL;
    char type[64];
    const char *type_s = sk_lex_attr(e, "type", type, sizeof type);
    if (type_s) type[31] = '\0'; /* the type is parsed as read into 32 bytes */
    t->type = type_s ? sk_event_type_parse(type_s) : -1;
    /* (a value cut at 31 bytes is not "VISIT" either) */
    t->is_visit = t->type == SK_EV_VISIT && !strcmp(type_s, "VISIT");
    char buf[64];
    const char *v = sk_lex_attr(e, "form", buf, sizeof buf);
    t->noun = v && !strcmp(v, "noun");
    v = sk_lex_attr(e, "subtype", buf, sizeof buf);
    t->subtype = NULL;
    if (v && !(t->subtype = sk_arena_strdup(arena, v))) return NULL;
    v = sk_lex_attr(e, "dir", buf, sizeof buf);
    t->dir = !v                                           ? SK_TRIG_DIR_SYMMETRIC
             : !strcmp(v, "host") || !strcmp(v, "sender") ? SK_TRIG_DIR_SUBJECT_FIRST
             : !strcmp(v, "guest")                        ? SK_TRIG_DIR_GUEST
                                                          : SK_TRIG_DIR_SYMMETRIC;
    v = sk_lex_attr(e, "frame", buf, sizeof buf);
    t->frame = !v                      ? SK_TRIG_FRAME_NONE
               : !strcmp(v, "cua-gui") ? SK_TRIG_FRAME_CUA_GUI
               : !strcmp(v, "sent")    ? SK_TRIG_FRAME_SENT
               : !strcmp(v, "arrive")  ? SK_TRIG_FRAME_ARRIVE
                                       : SK_TRIG_FRAME_NONE;
    return t;
}

static char *trim(char *s) {
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

static int load_file(sk_lexicon_t *lx, const char *dir, const char *name, sk_lex_kind_t kind,
                     sk_diag_fn diag, void *ctx) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) return errno == ENOENT ? 0 : SK_EIO;
    const char *fname = sk_arena_strdup(lx->arena, path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    uint32_t lineno = 0;
    int rc = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        char *l = line;
        if (n && l[n - 1] == '\n') l[--n] = '\0';
        if (!*trim(l) || *trim(l) == '#') continue;
        char *cols[3] = {l, "", ""};
        char *tab = strchr(l, '\t');
        if (tab) {
            *tab = '\0';
            cols[1] = tab + 1;
            tab = strchr(cols[1], '\t');
            if (tab) {
                *tab = '\0';
                cols[2] = tab + 1;
            }
        }
        char *canon = trim(cols[0]);
        if (!*canon) {
            sk_diag_report(diag, ctx, SK_DIAG_WARNING, SK_EDATA, fname, lineno, NULL,
                           "empty canonical form; line skipped");
            continue;
        }
        char *norm = NULL;
        size_t norm_len = 0;
        if (sk_normalize_text(canon, strlen(canon), &norm, &norm_len, NULL, NULL)) {
            rc = SK_ENOMEM;
            break;
        }
        if (grow((void **)&lx->entries, &lx->cap_entries, lx->n_entries + 1,
                 sizeof(sk_lex_entry_t))) {
            free(norm);
            rc = SK_ENOMEM;
            break;
        }
        uint32_t id = (uint32_t)lx->n_entries++;
        sk_lex_entry_t *e = &lx->entries[id];
        e->kind = kind;
        e->canonical = sk_arena_strndup(lx->arena, norm, norm_len);
        free(norm);
        e->attrs = sk_arena_strdup(lx->arena, trim(cols[2]));
        if (!e->attrs || index_attrs(lx->arena, e)) {
            rc = SK_ENOMEM;
            break;
        }
        e->file = fname;
        e->line = lineno;
        e->flags = entry_flags(e);
        char cb[32]; /* (the mention layer's 32-byte buffer: the same cut) */
        const char *cv = sk_lex_attr(e, "iso3", cb, sizeof cb);
        if (!cv) cv = sk_lex_attr(e, "country", cb, sizeof cb);
        if (!cv && kind == SK_LEX_ORG) cv = sk_lex_attr(e, "acronym", cb, sizeof cb);
        e->country = NULL;
        if (cv && *cv && !(e->country = sk_arena_strdup(lx->arena, cv))) {
            rc = SK_ENOMEM;
            break;
        }
        const char *io = sk_lex_attr(e, "io", cb, 16);
        if (io && !(io = sk_arena_strdup(lx->arena, io))) {
            rc = SK_ENOMEM;
            break;
        }
        e->io16 = io;
        const char *jur = sk_lex_attr(e, "jurisdiction", cb, 16);
        if (jur && !(jur = sk_arena_strdup(lx->arena, jur))) {
            rc = SK_ENOMEM;
            break;
        }
        e->jurisdiction16 = jur;
        e->trigger = NULL;
        if (kind == SK_LEX_TRIGGER && !(e->trigger = trigger_attrs(lx->arena, e))) {
            rc = SK_ENOMEM;
            break;
        }
        char v[64];
        int case_mode = CASE_NONE;
        if (sk_lex_attr(e, "case", v, sizeof v))
            case_mode = !strcmp(v, "all") ? CASE_ALL : !strcmp(v, "first") ? CASE_FIRST : CASE_NONE;
        /* tones=exact / tones=any; by default a one-syllable spelling written with
         * diacritics must match them ("Nhất" is not "Nhật"); longer ones and plain ASCII
         * match any (foreign names vary: "Phnom Penh" / "Phnôm Pênh"). */
        int tones = TONES_DEFAULT;
        if (sk_lex_attr(e, "tones", v, sizeof v))
            tones = !strcmp(v, "exact") ? TONES_EXACT : !strcmp(v, "any") ? TONES_ANY : tones;
        if ((rc = add_spelling(lx, id, e->canonical, strlen(e->canonical), case_mode, tones)))
            break;
        char *alias = trim(cols[1]);
        while (alias && *alias) {
            char *bar = strchr(alias, '|');
            if (bar) *bar = '\0';
            char *a = trim(alias);
            if (*a) {
                char *an = NULL;
                size_t al = 0;
                if (sk_normalize_text(a, strlen(a), &an, &al, NULL, NULL)) {
                    rc = SK_ENOMEM;
                    break;
                }
                rc = add_spelling(lx, id, an, al, case_mode, tones);
                free(an);
                if (rc) break;
            }
            alias = bar ? bar + 1 : NULL;
        }
        if (rc) break;
    }
    free(line);
    fclose(f);
    return rc;
}

/* Start, then office: the order in which a person's offices are reported. */
static int office_before(const person_office_t *x, const person_office_t *y) {
    int c = strcmp(x->start, y->start);
    return c ? c < 0 : strcmp(x->office, y->office) < 0;
}

static office_holder_t *holder_slot(office_holder_t *holders, size_t cap, const char *fold) {
    size_t i = (size_t)hash_token(fold, strlen(fold)) & (cap - 1);
    while (holders[i].fold && strcmp(holders[i].fold, fold))
        i = (i + 1) & (cap - 1);
    return &holders[i];
}

/* person_offices.tsv (name, office, start, end) read in one piece and split in
 * place, then grouped by folded name in a hash table: each person's lines are
 * put in order by a stable insertion sort (a handful each), which gives the
 * order a stable sort of all lines by (name, start, office) gave before. */
static int load_person_offices(sk_lexicon_t *lx, const char *dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/person_offices.tsv", dir);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    int rc = SK_ENOMEM;
    char *buf = NULL;
    long size = fseek(f, 0, SEEK_END) ? -1 : ftell(f);
    if (size >= 0 && !fseek(f, 0, SEEK_SET) &&
        (buf = sk_arena_alloc_uninit(lx->arena, (size_t)size + 1)) != NULL)
        size = (long)fread(buf, 1, (size_t)size, f);
    fclose(f);
    if (!buf) return size < 0 ? SK_EIO : SK_ENOMEM;
    buf[size] = '\0';
    size_t max_lines = 1;
    for (const char *p = buf; (p = strchr(p, '\n')) != NULL; p++)
        max_lines++;
    struct office_row {
        const char *fold;
        office_holder_t *holder;
        person_office_t po;
    } *rows = malloc(max_lines * sizeof *rows);
    lx->offices = malloc(max_lines * sizeof *lx->offices);
    size_t n = 0;
    if (!lx->offices || !rows) goto out;
    const char *prev_name = NULL, *prev_fold = NULL;
    for (char *line = buf, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        if (!*line || line[0] == '#') continue;
        char *cols[4] = {line, "", "", ""};
        for (int k = 1; k < 4; k++) {
            char *t = strchr(cols[k - 1], '\t');
            if (!t) break;
            *t = '\0';
            cols[k] = t + 1;
        }
        /* a person's lines mostly follow each other: fold the name once */
        if (!prev_name || strcmp(prev_name, cols[0])) {
            char key[512];
            size_t kl = sk_fold_str(cols[0], strlen(cols[0]), key, sizeof key);
            if (!(prev_fold = sk_arena_strndup(lx->arena, key, kl))) goto out;
            prev_name = cols[0];
        }
        rows[n++] = (struct office_row){
            .fold = prev_fold, .po = {.office = cols[1], .start = cols[2], .end = cols[3]}};
    }
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    if (!(lx->holders = calloc(cap, sizeof *lx->holders))) goto out;
    lx->cap_holders = cap;
    office_holder_t *h = NULL;
    for (size_t r = 0; r < n; r++) {
        /* consecutive rows of one person share the fold, and so the holder */
        if (!h || h->fold != rows[r].fold) h = holder_slot(lx->holders, cap, rows[r].fold);
        h->fold = rows[r].fold;
        h->n++;
        rows[r].holder = h;
    }
    uint32_t first = 0;
    for (size_t i = 0; i < cap; i++) {
        lx->holders[i].first = first;
        first += lx->holders[i].n;
        lx->holders[i].n = 0;
    }
    for (size_t r = 0; r < n; r++) { /* file order within each person, then sorted */
        h = rows[r].holder;
        person_office_t *po = lx->offices + h->first, x = rows[r].po;
        size_t k = h->n++;
        for (; k && office_before(&x, &po[k - 1]); k--)
            po[k] = po[k - 1];
        po[k] = x;
    }
    lx->n_offices = n;
    rc = 0;
out:
    free(rows);
    return rc;
}

/* Does every match of pattern p need the text's first letter in upper case? (what
 * pattern_ok asks: acronyms need all letters upper, case=first and case=all with a
 * capitalised first syllable the first one) */
static int pattern_needs_cap(const pattern_t *p) {
    return p->acronym || p->case_mode == CASE_FIRST ||
           (p->case_mode == CASE_ALL && (p->cap_mask & 1u));
}

/* node_t.need_cap for every node: children come after their parent in nodes[], so one
 * pass from the last node clears the flag up from each node that does not have it. */
static int mark_need_cap(sk_lexicon_t *lx) {
    uint32_t *parent = calloc(lx->n_nodes ? lx->n_nodes : 1, sizeof *parent);
    if (!parent) return SK_ENOMEM;
    const edge_table_t *tables[2] = {&lx->root, &lx->edges};
    for (int t = 0; t < 2; t++)
        for (size_t i = 0; i < tables[t]->cap; i++)
            if (tables[t]->slots[i].child)
                parent[tables[t]->slots[i].child] = tables[t]->slots[i].parent;
    for (size_t n = 0; n < lx->n_nodes; n++) {
        lx->nodes[n].need_cap = 1;
        for (uint32_t pi = lx->nodes[n].patterns; pi; pi = lx->patterns[pi - 1].next)
            if (!pattern_needs_cap(&lx->patterns[pi - 1])) lx->nodes[n].need_cap = 0;
    }
    for (size_t n = lx->n_nodes; n-- > 1;)
        if (!lx->nodes[n].need_cap) lx->nodes[parent[n]].need_cap = 0;
    free(parent);
    return SK_OK;
}

int sk_lexicon_load(const char *dir, sk_diag_fn diag, void *ctx, sk_lexicon_t **out) {
    *out = NULL;
    sk_lexicon_t *lx = calloc(1, sizeof *lx);
    if (!lx) return SK_ENOMEM;
    lx->arena = sk_arena_new();
    int rc = lx->arena ? 0 : SK_ENOMEM;
    do
        lx->serial = (uint32_t)atomic_fetch_add(&lexicon_loads, 1) + 1;
    while (!lx->serial);
    for (unsigned c = 0; c < 256; c++)
        lx->byte_class[c] = sk_tok_byte((unsigned char)c)       ? BYTE_SYLL
                            : c == ' ' || c == '-' || c == '\'' ? BYTE_JOIN
                                                                : BYTE_BREAK;
    /* Room for data/ as shipped (3,300 entries, 5,800 spellings, 10,000 trie nodes
     * and edges) from the start: growing there step by step (reallocating, zeroing,
     * rehashing) cost 2 M instructions, 7% of the load. */
    size_t tok_cap = 0;
    if (!rc && (grow((void **)&lx->entries, &lx->cap_entries, 4096, sizeof *lx->entries) ||
                grow((void **)&lx->patterns, &lx->cap_patterns, 8192, sizeof *lx->patterns) ||
                grow((void **)&lx->nodes, &lx->cap_nodes, 16384, sizeof *lx->nodes) ||
                grow((void **)&lx->node_toks, &tok_cap, 16384, sizeof *lx->node_toks)))
        rc = SK_ENOMEM;
    if (!rc && !(rc = edges_rehash(&lx->root, 4096)) && !(rc = edges_rehash(&lx->edges, 16384)) &&
        new_node(lx) != 0)
        rc = SK_ENOMEM; /* root = 0 */
    int found = 0;
    for (size_t i = 0; !rc && i < SK_ARRAY_LEN(FILES); i++) {
        size_t before = lx->n_entries;
        rc = load_file(lx, dir, FILES[i].file, FILES[i].kind, diag, ctx);
        if (lx->n_entries > before) found++;
    }
    if (!rc) rc = load_person_offices(lx, dir);
    if (!rc) rc = mark_need_cap(lx);
    if (!rc && !found) {
        sk_diag_report(diag, ctx, SK_DIAG_ERROR, SK_ENOTFOUND, dir, 0, NULL,
                       "no lexicon files found (set SUKIEN_DATA to the data directory)");
        rc = SK_ENOTFOUND;
    }
    if (rc) {
        sk_lexicon_destroy(lx);
        return rc;
    }
    *out = lx;
    return SK_OK;
}

void sk_lexicon_destroy(sk_lexicon_t *lx) {
    if (!lx) return;
    free(lx->entries);
    free(lx->patterns);
    free(lx->nodes);
    free(lx->node_toks);
    free(lx->root.slots);
    free(lx->edges.slots);
    free(lx->offices);
    free(lx->holders);
    sk_arena_destroy(lx->arena);
    free(lx);
}

size_t sk_lexicon_size(const sk_lexicon_t *lx) {
    return lx->n_entries;
}

const sk_lex_entry_t *sk_lexicon_entry(const sk_lexicon_t *lx, uint32_t id) {
    return id < lx->n_entries ? &lx->entries[id] : NULL;
}

static inline int upper_at(const char *text, size_t len, size_t off) {
    int32_t cp;
    if (off >= len || sk_utf8_decode(text + off, len - off, &cp) < 0) return 0;
    return sk_is_upper(cp) || (cp >= '0' && cp <= '9');
}

static int all_upper(const char *s, size_t len) {
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int n = sk_utf8_decode(s + i, len - i, &cp);
        if (n < 0) return 0;
        if (sk_is_letter(cp) && !sk_is_upper(cp)) return 0;
        i += (size_t)n;
    }
    return 1;
}

static int same_short_key(const char *a, const char *b) {
    uint64_t diff = 0;
    for (int k = 0; k < KEY_WORDS; k++) {
        uint64_t x, y;
        memcpy(&x, a + 8 * k, 8);
        memcpy(&y, b + 8 * k, 8);
        diff |= x ^ y;
    }
    return !diff;
}

/* The span being matched (syllables i..j of the text), and what the patterns at
 * its trie node ask of it, each worked out once, when first asked. */
typedef struct span {
    const tok_t *toks;
    size_t n;                             /* syllables */
    size_t s, e;                          /* its bytes in the original text */
    int8_t first_upper, all_upper, ascii; /* -1: not looked at yet */
    int has_key;                          /* key: its lower_key */
    int short_key;                        /* key zero-padded to KEY_SHORT bytes (kl unset) */
    size_t kl;                            /* its length, for a longer key */
    const char *key; /* buf, or a key_memo slot (valid until the next lower_key_memo) */
    char buf[1024];
} span_t;

static void span_start(span_t *sp, const sk_folded_t *f, const tok_t *toks, size_t n) {
    sp->toks = toks;
    sp->n = n;
    sp->s = toks[0].start;
    sp->e = toks[n - 1].end;
    sp->first_upper = sp->all_upper = sp->ascii = -1;
    sp->has_key = 0;
}

/* lower_key depends only on the span's bytes, and the same candidates come back
 * in every article ("ông", "Nguyễn", "tiếp"): each thread remembers the keys of
 * short spans by their bytes, for as long as it runs (a slot holds copies, no
 * pointer into an article). 2048 slots of 64 bytes miss ~6,000 times on 300
 * articles, where lower_key ran 37,000 times with a per-article memo.
 * A slot is two rows of four words, compared and hashed a word at a time (the
 * bytewise hash and memcmp calls cost twice as much): the span's bytes, with its
 * length in the last byte (spans may hold NUL), and its key, both zero-padded. */
enum { KEY_MEMO_BITS = 11, KEY_MEMO_SLOTS = 1 << KEY_MEMO_BITS, KEY_MEMO_RAW = KEY_SHORT - 1 };
typedef struct key_slot {
    uint64_t raw[KEY_WORDS]; /* all 0 = empty slot (a span is never empty) */
    char key[KEY_SHORT];
} key_slot_t;
static _Thread_local key_slot_t key_memo[KEY_MEMO_SLOTS];

/* s[0..len) (len <= KEY_MEMO_RAW) as a key_slot_t raw: byte i in bits 8*(i%8) of
 * word i/8, len in the top byte of the last word. avail: bytes readable at s. */
static inline void raw_words(const char *s, size_t len, size_t avail, uint64_t w[KEY_WORDS]) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (avail >= KEY_SHORT) { /* whole words, then keep the span's bytes */
        static const unsigned char keep[2 * KEY_SHORT] = {
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}; /* then 0 */
        for (int k = 0; k < KEY_WORDS; k++) {
            uint64_t x, m;
            memcpy(&x, s + 8 * k, 8);
            memcpy(&m, keep + KEY_SHORT - len + 8 * k, 8);
            w[k] = x & m;
        }
        w[KEY_WORDS - 1] |= (uint64_t)len << 56;
        return;
    }
#endif
    (void)avail;
    for (int k = 0; k < KEY_WORDS; k++)
        w[k] = 0;
    for (size_t i = 0; i < len; i++)
        w[i / 8] |= (uint64_t)(unsigned char)s[i] << (8 * (i % 8));
    w[KEY_WORDS - 1] |= (uint64_t)len << 56;
}

static void lower_key_memo(span_t *sp, const char *s, size_t len, size_t avail) {
    key_slot_t *m = NULL;
    uint64_t w[KEY_WORDS];
    if (len <= KEY_MEMO_RAW) {
        raw_words(s, len, avail, w);
        uint64_t h = w[0] * 0x9E3779B97F4A7C15ull ^ w[1] * 0xBF58476D1CE4E5B9ull ^
                     w[2] * 0x94D049BB133111EBull ^ w[3] * 0xD6E8FEB86659FD93ull;
        m = &key_memo[(h * 0x9E3779B97F4A7C15ull) >> (64 - KEY_MEMO_BITS)];
        if (!((m->raw[0] ^ w[0]) | (m->raw[1] ^ w[1]) | (m->raw[2] ^ w[2]) | (m->raw[3] ^ w[3]))) {
            sp->short_key = 1;
            sp->key = m->key;
            return;
        }
    }
    sp->kl = lower_key(s, len, sp->buf, sizeof sp->buf);
    sp->key = sp->buf;
    sp->short_key = sp->kl <= KEY_SHORT;
    if (sp->short_key) {
        memset(sp->buf + sp->kl, 0, KEY_SHORT - sp->kl);
        if (m) {
            memcpy(m->raw, w, sizeof w);
            memcpy(m->key, sp->buf, KEY_SHORT);
        }
    }
}

/* What the patterns at a trie node make of a span depends only on the span's
 * bytes (its case, diacritics and syllables), and the same spans come back in
 * every article: each thread remembers the matches of short spans, by lexicon,
 * node and bytes (raw as in key_slot_t). 4096 slots of 64 bytes. */
enum { SPAN_MEMO_BITS = 12, SPAN_MEMO_MATCHES = 4 };
typedef struct span_slot {
    uint64_t raw[KEY_WORDS];
    uint32_t lexicon, node; /* lexicon 0 = empty slot */
    uint32_t entry[SPAN_MEMO_MATCHES];
    uint8_t kind[SPAN_MEMO_MATCHES];
    uint8_t n; /* matches */
} span_slot_t;
static _Thread_local span_slot_t span_memo[1 << SPAN_MEMO_BITS];

static span_slot_t *span_slot(uint32_t node, const uint64_t w[KEY_WORDS]) {
    uint64_t h =
        (w[0] ^ node) * 0x9E3779B97F4A7C15ull ^ (w[1] ^ w[2]) * 0xBF58476D1CE4E5B9ull ^ w[3];
    return &span_memo[(h * 0x94D049BB133111EBull) >> (64 - SPAN_MEMO_BITS)];
}

static int pattern_ok(const pattern_t *p, const char *text, size_t len, const sk_folded_t *f,
                      span_t *sp) {
    if (p->acronym) {
        if (sp->all_upper < 0) sp->all_upper = (int8_t)all_upper(text + sp->s, sp->e - sp->s);
        if (!sp->all_upper) return 0;
    }
    if (p->case_mode != CASE_NONE) {
        if (sp->first_upper < 0) sp->first_upper = (int8_t)upper_at(text, len, sp->s);
        if (p->case_mode == CASE_FIRST && !sp->first_upper) return 0;
    }
    if (p->case_mode == CASE_ALL) {
        if ((p->cap_mask & 1u) && !sp->first_upper) return 0;
        for (size_t k = 1; k < sp->n && k < 16; k++)
            if ((p->cap_mask & (1u << k)) && !upper_at(text, len, sp->toks[k].start)) return 0;
    }
    if (p->tones == TONES_UNLESS_ASCII) {
        if (sp->ascii < 0) {
            sp->ascii = 1;
            for (size_t i = sp->s; i < sp->e && sp->ascii; i++)
                sp->ascii = (unsigned char)text[i] < 0x80;
        }
        if (sp->ascii) return 1;
    }
    if (p->tones) {
        if (!sp->has_key) {
            lower_key_memo(sp, text + sp->s, sp->e - sp->s, len - sp->s);
            sp->has_key = 1;
        }
        if (sp->short_key) {
            if (p->lower_len > KEY_SHORT || !same_short_key(p->lower, sp->key)) return 0;
        } else if (p->lower_len != sp->kl || memcmp(p->lower, sp->key, sp->kl)) {
            return 0;
        }
    }
    return 1;
}

/* The root's child for a syllable: child_of with parent 0, for every syllable of the text. */
static inline uint32_t root_child(const sk_lexicon_t *lx, const tok_t *t, const char *ftext) {
    const edge_table_t *r = &lx->root;
    uint64_t key = t->key;
    size_t mask = r->cap - 1;
    for (size_t i = edge_index(r, 0, key);; i = (i + 1) & mask) {
        const edge_t *e = &r->slots[i];
        if (e->key == key && e->child) {
            if (!(key & LONG_KEY_BIT)) return e->child;
            const node_tok_t *c = &lx->node_toks[e->child];
            if (c->toklen == t->fe - t->fs && !memcmp(c->tok, ftext + t->fs, c->toklen))
                return e->child;
        } else if (!e->child) {
            return 0;
        }
    }
}

/* Matches found so far, straight in the arena (the scan's output, no copy): room
 * for the usual count (about one per 3 syllables) from the start, more when
 * needed. first: the first syllable of each match. */
typedef struct match_buf {
    sk_lex_match_t *m;
    uint32_t *first;
    size_t n, cap;
    sk_arena_t *arena;
} match_buf_t;

static int match_alloc(match_buf_t *mb, size_t cap) {
    sk_lex_match_t *m = sk_arena_alloc_uninit(mb->arena, cap * sizeof *m);
    uint32_t *first = m ? sk_arena_alloc_uninit(mb->arena, cap * sizeof *first) : NULL;
    if (!first) return SK_ENOMEM;
    if (mb->n) {
        memcpy(m, mb->m, mb->n * sizeof *m);
        memcpy(first, mb->first, mb->n * sizeof *first);
    }
    mb->m = m;
    mb->first = first;
    mb->cap = cap;
    return SK_OK;
}

static inline int match_room(match_buf_t *mb, size_t k) {
    return mb->cap - mb->n >= k ? SK_OK : match_alloc(mb, mb->cap * 2 + k);
}

/* The patterns at a trie node (first pi) checked one by one on the span of
 * syllables toks[0..n_syll), the first being syllable i of the text; remembered
 * in memo (if not NULL) when few. Out of line: the span memo spares nearly every
 * span this, and the scan's loop its registers. */
__attribute__((noinline)) static int
check_patterns(const sk_lexicon_t *lx, uint32_t pi, const char *text, size_t len,
               const sk_folded_t *f, const tok_t *toks, size_t n_syll, uint32_t i, match_buf_t *mb,
               span_slot_t *memo, uint32_t node, const uint64_t w[KEY_WORDS]) {
    span_t sp;
    span_start(&sp, f, toks, n_syll);
    size_t first = mb->n;
    for (; pi; pi = lx->patterns[pi - 1].next) {
        const pattern_t *p = &lx->patterns[pi - 1];
        if (!pattern_ok(p, text, len, f, &sp)) continue;
        /* one match per entry and span */
        int dup = 0;
        for (size_t q = first; q < mb->n; q++)
            dup |= mb->m[q].entry == p->entry;
        if (dup) continue;
        if (match_room(mb, 1)) return SK_ENOMEM;
        mb->first[mb->n] = i;
        mb->m[mb->n++] = (sk_lex_match_t){.start = (uint32_t)sp.s,
                                          .end = (uint32_t)sp.e,
                                          .entry = p->entry,
                                          .n_syll = (uint16_t)n_syll,
                                          .kind = p->kind};
    }
    if (memo && mb->n - first <= SPAN_MEMO_MATCHES) {
        memcpy(memo->raw, w, sizeof memo->raw);
        memo->lexicon = lx->serial;
        memo->node = node;
        memo->n = (uint8_t)(mb->n - first);
        for (size_t k = first; k < mb->n; k++) {
            memo->entry[k - first] = mb->m[k].entry;
            memo->kind[k - first] = (uint8_t)mb->m[k].kind;
        }
    }
    return SK_OK;
}

/* The span memo's slot for (node, w) when it holds them, else NULL. */
static inline span_slot_t *memo_hit(const sk_lexicon_t *lx, span_slot_t *memo, uint32_t node,
                                    const uint64_t w[KEY_WORDS]) {
    return memo->lexicon == lx->serial && memo->node == node &&
                   !((memo->raw[0] ^ w[0]) | (memo->raw[1] ^ w[1]) | (memo->raw[2] ^ w[2]) |
                     (memo->raw[3] ^ w[3]))
               ? memo
               : NULL;
}

/* The matches of the patterns at a trie node on the span of syllables toks[0..n_syll),
 * the first being syllable i of the text. */
static inline int span_matches(const sk_lexicon_t *lx, uint32_t node, const char *text, size_t len,
                               const sk_folded_t *f, const tok_t *toks, size_t n_syll, uint32_t i,
                               match_buf_t *mb) {
    size_t s = toks[0].start, e = toks[n_syll - 1].end;
    uint64_t w[KEY_WORDS];
    span_slot_t *memo = NULL, *hit = NULL;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (e - s - 1 < 8 && len - s >= 8) { /* raw_words of a span of 1 to 8 bytes (most) */
        memcpy(&w[0], text + s, 8);
        w[0] &= KEEP_BYTES[e - s];
        w[1] = w[2] = 0;
        w[3] = (uint64_t)(e - s) << 56;
        memo = span_slot(node, w);
        hit = memo_hit(lx, memo, node, w);
    } else
#endif
        if (e - s - 1 < KEY_MEMO_RAW) {
        raw_words(text + s, e - s, len - s, w);
        memo = span_slot(node, w);
        hit = memo_hit(lx, memo, node, w);
    }
    if (!hit)
        return check_patterns(lx, lx->nodes[node].patterns, text, len, f, toks, n_syll, i, mb, memo,
                              node, w);
    if (match_room(mb, SPAN_MEMO_MATCHES)) return SK_ENOMEM;
    for (unsigned k = 0; k < hit->n; k++) {
        mb->first[mb->n] = i;
        mb->m[mb->n++] = (sk_lex_match_t){.start = (uint32_t)s,
                                          .end = (uint32_t)e,
                                          .entry = hit->entry[k],
                                          .n_syll = (uint16_t)n_syll,
                                          .kind = hit->kind[k]};
    }
    return SK_OK;
}

int sk_lexicon_scan_sylls(const sk_lexicon_t *lx, const char *text, size_t len,
                          const sk_folded_t *f, sk_arena_t *arena, sk_lex_match_t **out,
                          size_t *n_out, sk_lex_syll_t **sylls, size_t *n_sylls,
                          uint32_t **match_syll) {
    *out = NULL;
    *n_out = 0;
    if (sylls) {
        *sylls = NULL;
        *n_sylls = 0;
        *match_syll = NULL;
    }
    size_t max_toks = f->len / 2 + 2;
    /* (in the arena when the caller takes the syllables: no copy) */
    tok_t *toks = sylls ? sk_arena_alloc_uninit(arena, (max_toks + 1) * sizeof *toks)
                        : malloc((max_toks + 1) * sizeof *toks);
    if (!toks) return SK_ENOMEM;
    size_t nt = tokenize_text(f->text, f->len, toks);
    toks[nt].joins = 0; /* ends every phrase at the last syllable */
    /* Every phrase starts at a child of the root: find them all first, in a loop
     * of its own (3 syllables in 4 are one); and the syllables' bytes in the text,
     * which the matches and the mention layer's tokens read. */
    const uint32_t *to_orig = f->to_orig;
    for (size_t i = 0; i < nt; i++) {
        toks[i].start = to_orig[toks[i].fs];
        toks[i].end = to_orig[toks[i].fe];
        toks[i].root_child = root_child(lx, &toks[i], f->text);
    }
    match_buf_t mb = {.arena = arena};
    int rc = match_alloc(&mb, nt / 2 + 16);
    for (size_t i = 0; i < nt && !rc; i++) {
        uint32_t node = toks[i].root_child;
        if (!node) continue;
        /* (what pattern_ok's upper_at says of a lower-case ASCII letter) */
        if (lx->nodes[node].need_cap && toks[i].start < len &&
            (unsigned)(unsigned char)text[toks[i].start] - 'a' < 26u)
            continue;
        size_t first_here = mb.n;
        for (size_t j = i;;) {
            const node_t *nd = &lx->nodes[node];
            if (nd->patterns &&
                (rc = span_matches(lx, node, text, len, f, toks + i, j - i + 1, (uint32_t)i, &mb)))
                break;
            if (!toks[++j].joins || j - i == MAX_SYLL) break;
            const tok_t *t = &toks[j];
            if (!(nd->child_bits & child_bit(t->key))) break;
            node = child_of(lx, node, t->key, f->text + t->fs, t->fe - t->fs);
            if (!node) break;
        }
        /* longest first at this start (found shortest first; first[] is i for all) */
        sk_lex_match_t *m = mb.m;
        if (mb.n - first_here > 1)
            for (size_t a = first_here; a + 1 < mb.n; a++)
                for (size_t b = a + 1; b < mb.n; b++)
                    if (m[b].n_syll > m[a].n_syll) {
                        sk_lex_match_t t = m[a];
                        m[a] = m[b];
                        m[b] = t;
                    }
    }
    if (!sylls) free(toks);
    if (rc) return rc;
    *out = mb.m;
    *n_out = mb.n;
    if (sylls) {
        *sylls = toks;
        *n_sylls = nt;
        *match_syll = mb.first;
    }
    return SK_OK;
}

int sk_lexicon_scan(const sk_lexicon_t *lx, const char *text, size_t len, const sk_folded_t *f,
                    sk_arena_t *arena, sk_lex_match_t **out, size_t *n_out) {
    return sk_lexicon_scan_sylls(lx, text, len, f, arena, out, n_out, NULL, NULL, NULL);
}

long sk_lexicon_lookup(const sk_lexicon_t *lx, sk_lex_kind_t kind, const char *phrase, size_t len) {
    char folded[1024];
    size_t flen = sk_fold_str(phrase, len, folded, sizeof folded);
    tok_t toks[MAX_SYLL];
    size_t nt = tokenize(lx->byte_class, folded, flen, toks, MAX_SYLL);
    if (!nt) return -1;
    uint32_t node = 0;
    for (size_t k = 0; k < nt; k++) {
        node = child_of(lx, node, toks[k].key, folded + toks[k].fs, toks[k].fe - toks[k].fs);
        if (!node) return -1;
    }
    for (uint32_t pi = lx->nodes[node].patterns; pi; pi = lx->patterns[pi - 1].next)
        if (lx->entries[lx->patterns[pi - 1].entry].kind == kind) return lx->patterns[pi - 1].entry;
    return -1;
}

void sk_lexicon_person_offices(const sk_lexicon_t *lx, const char *person, sk_office_fn fn,
                               void *ctx) {
    if (!lx->n_offices) return;
    char key[512];
    sk_fold_str(person, strlen(person), key, sizeof key);
    const office_holder_t *h = holder_slot(lx->holders, lx->cap_holders, key);
    for (uint32_t i = 0; i < h->n; i++) {
        const person_office_t *po = &lx->offices[h->first + i];
        fn(ctx, po->office, po->start, po->end);
    }
}
