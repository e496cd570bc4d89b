/* mention.h — what the recognition layer finds in one article: lexicon
 * matches resolved into persons (with titles, org, country), organisations,
 * countries, places and time expressions, plus coreference of later mentions. */
#ifndef SK_MENTION_H
#define SK_MENTION_H

#include "coder.h"
#include "lexicon.h"
#include "timex.h"

typedef enum {
    SK_MENTION_PERSON = 0,
    SK_MENTION_TITLE,
    SK_MENTION_ORG,
    SK_MENTION_COUNTRY,
    SK_MENTION_PLACE,
    SK_MENTION_DATE,
    SK_MENTION__COUNT
} sk_mention_kind_t;

const char *sk_mention_kind_name(sk_mention_kind_t k);

/* A syllable of the cleaned text (runs of letters/digits; matching unit): the lexicon
 * scan's syllable record (lexicon.h), whose fields start, end (byte span in article->text),
 * fs, fe (span in the folded text), sentence, cap, acronym and digit the tokens are read by. */
typedef sk_lex_syll_t sk_token_t;

typedef struct sk_mention {
    sk_mention_kind_t kind;
    uint32_t start, end;         /* byte span in article->text */
    uint32_t tok_start, tok_end; /* token span [tok_start, tok_end) */
    uint32_t ext_start, ext_end; /* PERSON: token span including attached titles */
    uint32_t sentence;           /* index into article->sentences */
    const char *canonical; /* canonical form (entity name, office with jurisdiction, ISO date) */
    const char *country;   /* ISO alpha-3 or IO acronym, or NULL */
    const char *org;       /* organisation implied (titles) or NULL */
    int32_t person;        /* index into persons for PERSON and attached TITLE mentions, else -1 */
    int32_t lex_entry;     /* lexicon entry or -1 */
    const sk_timex_t *timex; /* for DATE */
    uint8_t coref;           /* a later, shortened or title-only mention resolved to person */
} sk_mention_t;

typedef struct sk_mentions {
    sk_mention_t *items;
    size_t n;
    sk_persons_t persons;
    sk_timex_t *timexes;
    size_t n_timexes;
    int timexes_found;       /* timexes is filled (SK_MENTIONS_FOR_EVENTS leaves it to the first
                                event that wants a date: sk_mentions_find_timexes) */
    sk_lex_match_t *matches; /* raw lexicon matches (all kinds) */
    size_t n_matches;
    sk_token_t *tokens;
    size_t n_tokens;
    const sk_lex_syll_t *sylls; /* per token: the lexicon's syllable (key: its packed bytes) */
    sk_lex_match_t *triggers;   /* event trigger matches not overlapped by a BLOCK phrase */
    uint32_t *trigger_tok;      /* per trigger: its first token (sk_mentions_token_at(start)) */
    size_t n_triggers;
    int32_t *tok_mention; /* per token: index of the mention covering it, or -1 (NULL when
                             no mentions were made: SK_MENTIONS_FOR_EVENTS, no trigger) */
} sk_mentions_t;

/* Token index at or after byte offset off. */
size_t sk_mentions_token_at(const sk_mentions_t *m, uint32_t off);

/* Find the mentions of a prepared article (fills article->mentions). */
int sk_mentions_find(const sk_lexicon_t *lex, sk_article_t *article);

/* What sk_mentions_find_for leaves out. */
typedef enum {
    SK_MENTIONS_ALL = 0, /* every mention, dates included (as sk_mentions_find) */
    /* what events and persons read: no DATE mentions and no m->timexes (events ask for
       them with sk_mentions_find_timexes); and for an article without an event trigger
       (it has no events) no mentions, only the persons */
    SK_MENTIONS_FOR_EVENTS = 1
} sk_mentions_want_t;

int sk_mentions_find_for(const sk_lexicon_t *lex, sk_article_t *article, sk_mentions_want_t want);

/* Fill article->mentions->timexes if not yet done. */
int sk_mentions_find_timexes(sk_article_t *article);

#endif
