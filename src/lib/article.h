/* article.h — the unit of work: one news article, its metadata, its cleaned
 * text, folded form, sentences, and everything later stages attach to it.
 * All memory hangs off the article's arena and is freed by sk_article_destroy. */
#ifndef SK_ARTICLE_H
#define SK_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "common.h"
#include "normalize.h"

typedef enum {
    SK_FORMAT_AUTO = 0,
    SK_FORMAT_TEXT,  /* scraped plain-text page; doc id = file name without extension */
    SK_FORMAT_JSONL, /* corpus JSON Lines: id, url, outlet, published, title, text */
    SK_FORMAT_HTML,  /* one HTML page */
    SK_FORMAT_WARC,  /* WARC file, plain or gzip; each HTML response is an article */
} sk_format_t;

const char *sk_format_name(sk_format_t f);

typedef struct sk_sentence {
    uint32_t start, end; /* byte span in article->text, trimmed of surrounding spaces */
} sk_sentence_t;

/* Forward declarations for what later stages attach. */
struct sk_mentions;
struct sk_events;

typedef struct sk_article {
    sk_arena_t *arena;

    /* Metadata: NUL-terminated strings in the arena; NULL when unknown. */
    const char *doc;       /* document id */
    const char *title;     /* headline */
    const char *published; /* ISO 8601 date (YYYY-MM-DD) or date-time when known */
    const char *url;
    const char *outlet;
    const char *corpus; /* corpus name from JSONL "corpus" field, else NULL */

    /* Where it came from, for diagnostics. */
    sk_format_t format;
    const char *source; /* file name, "-" for standard input */
    long source_line;   /* line (text, JSONL) or record number (WARC); 1-based */

    /* Body as read, after sk_normalize_text (valid NFC UTF-8, NUL-terminated).
     * For HTML/WARC the reader has already extracted the main text from the DOM
     * into raw, one paragraph per line, and sets main_text_extracted. */
    char *raw;
    size_t raw_len;
    int main_text_extracted;

    /* Main article text (boilerplate removed), paragraphs separated by '\n',
     * NUL-terminated (sentence splitting relies on it). */
    char *text;
    size_t text_len;
    sk_folded_t folded; /* folded form of text with offset map (freed with the article) */

    sk_sentence_t *sentences;
    size_t n_sentences;

    /* Attached by later stages (owned by the arena). */
    struct sk_mentions *mentions;
    struct sk_events *events;
} sk_article_t;

/* New empty article with its own arena; NULL on allocation failure. */
sk_article_t *sk_article_new(void);
void sk_article_destroy(sk_article_t *self);

/* Set a metadata string (copied into the arena). */
const char *sk_article_set(sk_article_t *self, const char **field, const char *value, size_t len);

/* Normalise bytes into self->raw (NFC, repaired). Reports repairs as warnings. */
int sk_article_set_raw(sk_article_t *self, const char *bytes, size_t len, sk_diag_fn diag,
                       void *diag_ctx);

/* Run the text stages in order: clean (boilerplate removal, unless the reader
 * already extracted main text), fold, split sentences. */
int sk_article_prepare(sk_article_t *self, sk_diag_fn diag, void *diag_ctx);

#endif
