/* lexicon.h — the data files under data/ compiled into one immutable matcher
 * over folded syllables; loaded once, shared read-only by all threads.
 *
 * Data file format (UTF-8 TSV, one entry per line, '#' starts a comment line):
 *
 *     canonical<TAB>alias|alias|...<TAB>key=value;key=value
 *
 * The canonical form always matches; aliases are other spellings (tone
 * placement and case need no alias: matching is on the folded form). The file
 * name gives the kind (countries.tsv -> SK_LEX_COUNTRY, ...). Attributes used
 * by the matcher itself:
 *     case=first   the first syllable must be capitalised in the text
 *     case=all     every syllable that is capitalised in the canonical form
 *                  must be capitalised in the text
 *     tones=exact  the text must carry the same diacritics (after tone-placement
 *                  canonicalisation), not only the same folded letters
 * Everything else (iso3=, country=, org=, type=, subtype=, ...) is kept as is
 * and read by later stages with sk_lex_attr.
 */
#ifndef SK_LEXICON_H
#define SK_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "article.h"
#include "common.h"

typedef enum {
    SK_LEX_COUNTRY = 0, /* countries.tsv: iso3=VNM; demonym forms as aliases */
    SK_LEX_PLACE,       /* places.tsv: provinces, cities, capitals: country=, type=province|city */
    SK_LEX_OFFICE,      /* offices.tsv: titles: level=party|state|gov|assembly|front|army|local|
                           foreign|io|diplomat; scope=national|local|party|none */
    SK_LEX_ORG,         /* organizations.tsv: bodies and IOs: country=, type=party|body|io|
                           ministry|locality-body; acronym= */
    SK_LEX_HONORIFIC,   /* honorifics.tsv: đồng chí, ông, bà, ngài ... */
    SK_LEX_SURNAME,     /* surnames.tsv: Vietnamese family names */
    SK_LEX_PERSON,      /* persons.tsv: known politicians: country=, offices in person_offices */
    SK_LEX_TRIGGER,     /* triggers.tsv: type=MEET;subtype=receive;... */
    SK_LEX_CUE,         /* cues.tsv: other cue words (boilerplate, planned, time words) */
    SK_LEX__COUNT
} sk_lex_kind_t;

/* Where one "key" or "key=value" item of an entry's attrs lies (filled at load,
 * read by sk_lex_attr). */
typedef struct sk_lex_attr_at {
    uint16_t key;    /* offset of the item (and its key) in attrs */
    uint8_t key_len; /* bytes up to '=' or the item's end */
    uint8_t val_len; /* bytes after '=' up to the item's end (0 without '=') */
} sk_lex_attr_at_t;

/* What the event rules read of a TRIGGER entry's attributes (triggers.tsv), worked out once
 * at load. Values are read as sk_lex_attr with a 64-byte buffer reads them. */
typedef enum {
    SK_TRIG_DIR_SYMMETRIC = 0, /* dir=sym, none, or any other value */
    SK_TRIG_DIR_SUBJECT_FIRST, /* dir=host or dir=sender: the subject is the first side */
    SK_TRIG_DIR_GUEST,         /* dir=guest */
} sk_trig_dir_t;

typedef enum {
    SK_TRIG_FRAME_NONE = 0,
    SK_TRIG_FRAME_CUA_GUI, /* frame=cua-gui */
    SK_TRIG_FRAME_SENT,    /* frame=sent */
    SK_TRIG_FRAME_ARRIVE,  /* frame=arrive */
} sk_trig_frame_t;

typedef struct sk_lex_trigger {
    int type;            /* type= (its first 31 bytes) as an sk_event_type_t, or -1 */
    int is_visit;        /* type=VISIT exactly */
    int noun;            /* form=noun */
    const char *subtype; /* subtype= (in the lexicon's memory), or NULL */
    sk_trig_dir_t dir;
    sk_trig_frame_t frame;
} sk_lex_trigger_t;

/* What the mention rules read of an entry's first type= and position= items (set at load:
 * reading them per match was a tenth of the labelling). Each is read only for its kind. */
enum {
    SK_LEX_F_NONNAME = 1,    /* CUE type=nonname */
    SK_LEX_F_FIRST_ONLY = 2, /* position=first-only */
    SK_LEX_F_PLACEHEAD = 4,  /* CUE type=placehead */
    SK_LEX_F_BLOCK = 8,      /* TRIGGER type=BLOCK */
    SK_LEX_F_SPOUSE = 16,    /* HONORIFIC type=spouse */
};

typedef struct sk_lex_entry {
    sk_lex_kind_t kind;
    unsigned flags;        /* SK_LEX_F_* */
    const char *canonical; /* NFC */
    const char *attrs;     /* "key=value;key=value" or "" */
    const char *file;      /* data file it came from, for messages */
    uint32_t line;
    const sk_lex_attr_at_t *attr_at; /* the items of attrs (NULL: sk_lex_attr scans) */
    uint32_t n_attr;
    const sk_lex_trigger_t *trigger; /* SK_LEX_TRIGGER entries: their attributes; else NULL */
    /* The ISO code (or IO acronym) the entry names: its iso3=, else country=, else for an
     * SK_LEX_ORG its acronym=, cut at 31 bytes; NULL when none or empty. Read once at load
     * (the mention layer asked for it some 300,000 times in 13,000 articles). */
    const char *country;
    /* Its io= and jurisdiction= values cut at 15 bytes (as sk_lex_attr reads them into 16),
     * or NULL when not there: the mention layer reads them for every title it parses. */
    const char *io16, *jurisdiction16;
} sk_lex_entry_t;

typedef struct sk_lex_match {
    uint32_t start, end; /* byte span in the original (NFC) text */
    uint32_t entry;      /* index for sk_lexicon_entry */
    uint16_t n_syll;     /* syllables matched */
    uint16_t kind;       /* sk_lex_kind_t of the entry */
} sk_lex_match_t;

typedef struct sk_lexicon sk_lexicon_t;

/* Load and compile every known data file in dir (missing optional files are
 * fine; malformed lines are reported through diag with file and line and
 * skipped). Returns SK_OK or a negative code; free with sk_lexicon_destroy. */
int sk_lexicon_load(const char *dir, sk_diag_fn diag, void *diag_ctx, sk_lexicon_t **out);
void sk_lexicon_destroy(sk_lexicon_t *self);

size_t sk_lexicon_size(const sk_lexicon_t *self);
const sk_lex_entry_t *sk_lexicon_entry(const sk_lexicon_t *self, uint32_t id);

/* Value of attribute key in the entry ("" if present without value), copied
 * into buf; returns NULL when absent. */
const char *sk_lex_attr(const sk_lex_entry_t *e, const char *key, char *buf, size_t cap);

/* Every match in text[0..len) (folded form given, as sk_fold makes it: its NUL padding is
 * read), longest match first at each
 * start position, all kinds; matches are allocated in arena and sorted by
 * start, then by decreasing length. Thread-safe (the lexicon is read-only). */
int sk_lexicon_scan(const sk_lexicon_t *self, const char *text, size_t len,
                    const sk_folded_t *folded, sk_arena_t *arena, sk_lex_match_t **out,
                    size_t *n_out);

/* A syllable of folded text: folded->text[fs..fe), a maximal run of sk_tok_byte bytes
 * (the lexicon's matching unit). The mention layer takes the scan's array as its tokens
 * (sk_token_t), filling in the fields after key: no second array, and the offsets the scan
 * gathered from to_orig are not gathered again. */
typedef struct sk_lex_syll {
    uint32_t start, end; /* its bytes in the original text (to_orig of fs and fe) */
    uint32_t fs, fe;
    uint64_t key; /* sk_lex_pack of its bytes when at most SK_LEX_PACK_MAX, else a value
                     with the top bit set */
    /* the mention layer's (mention.h): */
    uint32_t sentence; /* index into article->sentences */
    /* the scan's own working state */
    uint32_t root_child;
    uint8_t joins;
    /* the mention layer's: */
    uint8_t cap;     /* starts with an upper-case letter */
    uint8_t acronym; /* two or more letters, all upper case */
    uint8_t digit;   /* starts with a digit */
} sk_lex_syll_t;

/* Bytes s[0..n), n <= SK_LEX_PACK_MAX, packed little-endian into one word (byte k in bits
 * 8k..8k+7): syllable bytes are never NUL, so two syllables are the same exactly when their
 * packed words are. With a literal s the compiler folds it to a constant. */
enum { SK_LEX_PACK_MAX = 7 };
static inline uint64_t sk_lex_pack(const char *s, size_t n) {
    uint64_t k = 0;
    for (size_t i = 0; i < n; i++)
        k |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return k;
}

/* sk_lexicon_scan that also hands out what it found on the way (so the caller need not
 * cut the text again): the text's syllables in order (*sylls, *n_sylls), and for each
 * match the index of its first syllable (*match_syll, parallel to *out). Both allocated in
 * arena. */
int sk_lexicon_scan_sylls(const sk_lexicon_t *self, const char *text, size_t len,
                          const sk_folded_t *folded, sk_arena_t *arena, sk_lex_match_t **out,
                          size_t *n_out, sk_lex_syll_t **sylls, size_t *n_sylls,
                          uint32_t **match_syll);

/* Look up an exact phrase (folded comparison, no case constraints) of a kind;
 * returns the entry id or -1. */
long sk_lexicon_lookup(const sk_lexicon_t *self, sk_lex_kind_t kind, const char *phrase,
                       size_t len);

/* Offices held by a known person (from person_offices.tsv): calls fn for each
 * (office, start, end) with ISO dates or "" when open. */
typedef void (*sk_office_fn)(void *ctx, const char *office, const char *start, const char *end);
void sk_lexicon_person_offices(const sk_lexicon_t *self, const char *person, sk_office_fn fn,
                               void *ctx);

#endif
