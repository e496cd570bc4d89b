/* clean.h — main-text extraction for scraped plain-text pages: keep the
 * article's paragraphs, drop page boilerplate (related-news lists, "Có thể bạn
 * quan tâm" blocks, sidebar teasers with timestamps, social-link lines, stray
 * "null", photo-credit-only lines, repeated captions). General rules: line
 * length, block position, repetition and cue phrases. */
#ifndef SK_CLEAN_H
#define SK_CLEAN_H

#include "article.h"

/* Fill self->text/text_len from self->raw. */
int sk_clean_article(sk_article_t *self);

#endif
