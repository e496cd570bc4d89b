/* mention.c — recognition (work in progress: lexicon matches only). */
#include "mention.h"

const char *sk_mention_kind_name(sk_mention_kind_t k) {
    static const char *const names[] = {"person", "title", "org", "country", "place", "date"};
    return (unsigned)k < SK_MENTION__COUNT ? names[k] : "unknown";
}

int sk_mentions_find(const sk_lexicon_t *lex, sk_article_t *a) {
    sk_mentions_t *m = sk_arena_alloc(a->arena, sizeof *m);
    if (!m) return SK_ENOMEM;
    a->mentions = m;
    return sk_lexicon_scan(lex, a->text, a->text_len, &a->folded, a->arena, &m->matches,
                           &m->n_matches);
}
