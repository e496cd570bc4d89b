/* coder.c — one article through recognition and event coding. */
#include "coder.h"

#include "mention.h"

int sk_events_code(const sk_lexicon_t *lex, sk_article_t *article); /* events_code.c */

int sk_code_article(const sk_lexicon_t *lex, sk_article_t *article) {
    int rc = sk_mentions_find(lex, article);
    if (rc < 0) return rc;
    return sk_events_code(lex, article);
}

const sk_events_t *sk_article_events(const sk_article_t *article) {
    return article->events;
}

const sk_persons_t *sk_article_persons(const sk_article_t *article) {
    return article->mentions ? &article->mentions->persons : NULL;
}
