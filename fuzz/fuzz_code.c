/* fuzz_code.c — libFuzzer target for the whole coder on fuzzed article text:
 * normalise, clean, fold, split sentences, find mentions with the real
 * lexicon (data/), code events, write the JSON records. The readers, the
 * normaliser and the splitter have targets of their own; this one reaches
 * the lexicon scan, the mention finder, time expressions and the event rules,
 * where the speed work of issue 7 rewrote the hot loops.
 *
 * Properties checked on every input:
 *  - every mention, sentence and evidence span lies inside the text and cuts
 *    it between code points; every mention's sentence index is valid;
 *  - every event and persons record is one line of valid JSON (jansson);
 *  - `sukien code`'s mode (SK_CODE_EVENTS_ONLY: mentions only where there is
 *    a trigger, time expressions found when an event first asks for a date)
 *    writes byte for byte the records of the full analysis.
 *
 * Environment: SUKIEN_DATA (lexicon directory, default the build's data/). */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "coder.h"
#include "jsonw.h"
#include "lexicon.h"
#include "mention.h"

#ifndef SK_DATA_DIR
#define SK_DATA_DIR "data"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sk_lexicon_t *lex;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    const char *dir = getenv("SUKIEN_DATA") ? getenv("SUKIEN_DATA") : SK_DATA_DIR;
    if (sk_lexicon_load(dir, NULL, NULL, &lex) != SK_OK) {
        fprintf(stderr, "fuzz_code: cannot load the lexicon in %s\n", dir);
        abort();
    }
    return 0;
}

static int is_cont(const char *text, size_t len, size_t off) {
    return off < len && ((unsigned char)text[off] & 0xC0) == 0x80;
}

static void check_span(const sk_article_t *a, uint32_t start, uint32_t end) {
    if (start > end || end > a->text_len) abort();
    if (is_cont(a->text, a->text_len, start) || is_cont(a->text, a->text_len, end)) abort();
}

/* Each record is one line of valid JSON. */
static void check_lines(const sk_jsonw_t *w) {
    size_t at = 0;
    while (at < w->n) {
        const char *nl = memchr(w->p + at, '\n', w->n - at);
        if (!nl) abort();
        size_t n = (size_t)(nl - (w->p + at));
        json_error_t err;
        json_t *v = json_loadb(w->p + at, n, 0, &err);
        if (!v || !json_is_object(v)) {
            fprintf(stderr, "invalid record: %.*s\n(%s)\n", (int)n, w->p + at, err.text);
            abort();
        }
        json_decref(v);
        at += n + 1;
    }
}

typedef struct {
    sk_jsonw_t out;
} collect_t;

/* Checks one coded article (or slice) and appends its events to the writer. */
static int take_slice(void *ctx, const sk_article_t *a, uint32_t base) {
    (void)base;
    collect_t *c = ctx;
    for (size_t i = 0; i < a->n_sentences; i++)
        check_span(a, a->sentences[i].start, a->sentences[i].end);
    if (a->mentions)
        for (size_t i = 0; i < a->mentions->n; i++) {
            const sk_mention_t *m = &a->mentions->items[i];
            check_span(a, m->start, m->end);
            if (m->sentence >= a->n_sentences) abort();
        }
    const sk_events_t *ev = sk_article_events(a);
    for (size_t i = 0; ev && i < ev->n; i++) {
        check_span(a, ev->items[i].evidence_start, ev->items[i].evidence_end);
        if (sk_event_write_json(&c->out, a, &ev->items[i]) != SK_OK) abort();
    }
    return SK_OK;
}

/* Codes the input in one mode; returns the article (caller destroys) or NULL
 * when the input is refused before coding. */
static sk_article_t *code_input(const uint8_t *data, size_t size, unsigned opts, collect_t *c) {
    sk_article_t *a = sk_article_new();
    if (!a) abort();
    sk_article_set(a, &a->doc, "fuzz", 4);
    if (sk_article_set_raw(a, (const char *)data, size, NULL, NULL) != SK_OK ||
        sk_article_prepare(a, NULL, NULL) != SK_OK) {
        sk_article_destroy(a);
        return NULL;
    }
    if (sk_code_article_stream_opts(lex, a, opts, take_slice, c) < 0) abort();
    if (sk_persons_write_json(&c->out, a) != SK_OK) abort();
    if (c->out.err) abort();
    return a;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    collect_t fast = {0}, full = {0};
    sk_article_t *a = code_input(data, size, SK_CODE_EVENTS_ONLY, &fast);
    sk_article_t *b = code_input(data, size, 0, &full);
    if (!a != !b) abort();
    if (a) {
        check_lines(&full.out);
        if (fast.out.n != full.out.n || memcmp(fast.out.p, full.out.p, full.out.n) != 0) {
            fprintf(stderr, "events-only output differs from the full analysis:\n%.*s\n---\n%.*s\n",
                    (int)fast.out.n, fast.out.p, (int)full.out.n, full.out.p);
            abort();
        }
    }
    sk_article_destroy(a);
    sk_article_destroy(b);
    sk_jsonw_free(&fast.out);
    sk_jsonw_free(&full.out);
    return 0;
}
