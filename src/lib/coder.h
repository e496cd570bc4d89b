/* coder.h — the whole analysis of one prepared article: mentions (persons with
 * titles, organisations, countries, places, dates), coreference, and events.
 * Pure function of (lexicon, article): no files, no globals, thread-safe. */
#ifndef SK_CODER_H
#define SK_CODER_H

#include "article.h"
#include "event.h"
#include "jsonw.h"
#include "lexicon.h"

/* A person named in the article body, with every title the article gives. */
typedef struct sk_person {
    const char *name;    /* as written, NFC, no honorifics */
    const char **titles; /* in the order written */
    size_t n_titles;
    const char *org;                 /* party or body, when stated or implied by a title */
    const char *country;             /* ISO alpha-3 when known */
    uint32_t first_start, first_end; /* first mention's byte span in text */
    uint32_t n_mentions;
    /* what a side led by this person counts as in events: `country`, or the acronym of the
     * international organisation an office makes them speak for (UN, EU, ASEAN) */
    const char *side_country;
} sk_person_t;

typedef struct sk_persons {
    sk_person_t *items;
    size_t n;
} sk_persons_t;

/* Texts longer than this are coded in slices of at most this many bytes
 * (coder.c says why); news articles are a few kilobytes to tens of kilobytes. */
#define SK_CODE_SLICE_BYTES ((size_t)1 << 18)

/* Fill article->mentions and article->events (in the article's arena).
 * Returns SK_OK or a negative code. */
int sk_code_article(const sk_lexicon_t *lex, sk_article_t *article);

/* One stretch of an article, coded: slice->events and slice->mentions hold
 * byte offsets into slice->text, which starts at byte `base` of the whole
 * article's text. Return SK_OK, or a negative code to stop. */
typedef int (*sk_code_slice_fn)(void *ctx, const sk_article_t *slice, uint32_t base);

/* As sk_code_article, but hands the results to fn as they are made: once,
 * with the article itself and base 0, for an article of at most
 * SK_CODE_SLICE_BYTES; once per slice (each freed after fn returns) for a
 * longer one, whose article->events then stays NULL. Either way
 * article->mentions->persons afterwards lists the whole article's persons. */
int sk_code_article_stream(const sk_lexicon_t *lex, sk_article_t *article, sk_code_slice_fn fn,
                           void *ctx);

/* sk_code_article_stream's options. */
enum {
    /* article->mentions (of the slices) holds only what events and persons read: no
       DATE mentions, and no mentions at all where there is no event trigger (`sukien
       code`; `sukien mentions` wants them all) */
    SK_CODE_EVENTS_ONLY = 1
};
int sk_code_article_stream_opts(const sk_lexicon_t *lex, sk_article_t *article, unsigned opts,
                                sk_code_slice_fn fn, void *ctx);

/* Results of sk_code_article (valid until the article is destroyed). */
const sk_events_t *sk_article_events(const sk_article_t *article);
const sk_persons_t *sk_article_persons(const sk_article_t *article);

/* Serialise one event as a single-line JSON object in the spec's record form
 * (doc, type, subtype, status, sides, date, date_precision, location, cameo,
 * plover, evidence{sentence,start,end}, ...). Returns a malloc'd string. */
char *sk_event_to_json(const sk_article_t *article, const sk_event_t *ev);
/* The per-article {"doc", "persons": [...]} line. Returns a malloc'd string. */
char *sk_persons_to_json(const sk_article_t *article);
/* The same records, each followed by '\n', appended to a writer (no malloc
 * per record). Return SK_OK or SK_ENOMEM. */
int sk_event_write_json(sk_jsonw_t *w, const sk_article_t *article, const sk_event_t *ev);
int sk_persons_write_json(sk_jsonw_t *w, const sk_article_t *article);

#endif
