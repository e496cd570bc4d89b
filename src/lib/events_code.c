/* events_code.c — event coding (work in progress). */
#include "coder.h"
#include "mention.h"

int sk_events_code(const sk_lexicon_t *lex, sk_article_t *a);

int sk_events_code(const sk_lexicon_t *lex, sk_article_t *a) {
    (void)lex;
    sk_events_t *ev = sk_arena_alloc(a->arena, sizeof *ev);
    if (!ev) return SK_ENOMEM;
    a->events = ev;
    return SK_OK;
}
