/* sentence.h — sentence splitting for Vietnamese news text: abbreviations
 * (TP., TS., PGS., ThS., Th.S, GS., Q., P.), dates (7/10, 3-6/12), numbers
 * (1.000, 3,5), quotes, ellipses, headlines and captions without a full stop.
 * Every paragraph break ends a sentence. */
#ifndef SK_SENTENCE_H
#define SK_SENTENCE_H

#include "article.h"

/* Fill self->sentences from self->text (NUL-terminated at text_len). */
int sk_sentence_split(sk_article_t *self);

/* Split arbitrary text; *out is allocated in arena. */
int sk_sentence_split_text(sk_arena_t *arena, const char *text, size_t len, sk_sentence_t **out,
                           size_t *n_out);

#endif
