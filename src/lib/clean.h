/* clean.h — main-text extraction for scraped plain-text pages: keep the
 * article's paragraphs, drop page boilerplate (related-news lists, "Có thể bạn
 * quan tâm" blocks, sidebar teasers with timestamps, social-link lines, stray
 * "null", photo-credit-only lines, repeated captions). General rules: line
 * length, block position, repetition and cue phrases. */
#ifndef SK_CLEAN_H
#define SK_CLEAN_H

#include "article.h"

/* Fill self->text/text_len from self->raw. The same line rules run on text a
 * reader extracted from HTML (main_text_extracted): there they only catch what
 * the DOM pass let through (credits, repeated captions, a stray related box).
 * For plain-text pages, also sets title (the headline) and published (from a
 * dateline near the top) when they are unknown. */
int sk_clean_article(sk_article_t *self);

/* The first place in [p, end) where a line may need tidying or hold a photo
 * credit (a tab, '!', two spaces, "\xBA\xA2" or "(\xE1"), or end: with SSE2
 * where there is, and byte by byte (the reference the tests compare with). */
const char *sk_clean_next_mark(const char *p, const char *end);
const char *sk_clean_next_mark_ref(const char *p, const char *end);

#endif
