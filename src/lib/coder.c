/* coder.c — one article through recognition and event coding.
 *
 * Articles longer than SK_CODE_SLICE_BYTES are coded in slices: real news
 * articles are under 100 KB, but a scraped page or a broken record can hold
 * tens of megabytes of text, and the coder's working memory (tokens, lexicon
 * matches, mentions: ~50 bytes per input byte) and its per-event comparisons
 * grow with the article. Each slice is coded as an article of its own in a
 * scratch arena that is freed before the next one; only its results (events,
 * mentions, persons) are copied, with their byte offsets moved to the whole
 * text. Within an article of that size nothing links a sentence to one a
 * megabyte away that matters for contact events, so the cost is only that an
 * event reported in two slices is listed once per slice. Persons are merged
 * over the slices (same name and country). sk_code_article_stream hands each
 * slice to the caller, so that `sukien code` writes a slice's events before
 * coding the next and its memory stays that of one slice plus the text;
 * sk_code_article keeps copies of all events in the article instead. */
#include "coder.h"

#include <string.h>

#include "mention.h"
#include "sentence.h"

int sk_events_code(const sk_lexicon_t *lex, sk_article_t *article); /* events_code.c */

static int code_whole(const sk_lexicon_t *lex, sk_article_t *article, unsigned opts) {
    int rc = sk_mentions_find_for(
        lex, article, (opts & SK_CODE_EVENTS_ONLY) ? SK_MENTIONS_FOR_EVENTS : SK_MENTIONS_ALL);
    if (rc < 0) return rc;
    return sk_events_code(lex, article);
}

/* ------------------------------------------------------------- slices */

static const char *dup_or_null(sk_arena_t *arena, const char *s, int *err) {
    if (!s) return NULL;
    const char *d = sk_arena_strdup(arena, s);
    if (!d) *err = 1;
    return d;
}

static const char **dup_strings(sk_arena_t *arena, const char **v, size_t n, int *err) {
    if (!n) return NULL;
    const char **d = sk_arena_alloc(arena, n * sizeof *d);
    if (!d) {
        *err = 1;
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        d[i] = dup_or_null(arena, v[i], err);
    return d;
}

/* Growable array in the whole article's arena (old blocks stay until the
 * article is destroyed: the results are small next to the slices' work). */
static void *grow(sk_arena_t *arena, void *items, size_t n, size_t *cap, size_t size) {
    if (n < *cap) return items;
    size_t ncap = *cap ? *cap * 2 : 64;
    void *p = sk_arena_alloc(arena, ncap * size);
    if (!p) return NULL;
    if (n) memcpy(p, items, n * size);
    *cap = ncap;
    return p;
}

typedef struct {
    sk_arena_t *arena; /* the whole article's */
    sk_events_t events;
    size_t events_cap;
    sk_mentions_t *mentions; /* persons only */
    size_t persons_cap;
    int err;
} slice_results_t;

static void copy_event(slice_results_t *r, const sk_event_t *from, uint32_t base) {
    sk_event_t *ev = &r->events.items[r->events.n++];
    *ev = *from;
    sk_arena_t *A = r->arena;
    int *err = &r->err;
    ev->doc = dup_or_null(A, from->doc, err);
    ev->subtype = dup_or_null(A, from->subtype, err);
    for (int s = 0; s < 2; s++) {
        const sk_side_t *fs = &from->sides[s];
        sk_side_t *side = &ev->sides[s];
        side->role = dup_or_null(A, fs->role, err);
        side->country = dup_or_null(A, fs->country, err);
        side->locality = dup_or_null(A, fs->locality, err);
        side->actors = fs->n_actors ? sk_arena_alloc(A, fs->n_actors * sizeof *side->actors) : NULL;
        if (fs->n_actors && !side->actors) {
            *err = 1;
            side->n_actors = 0;
            continue;
        }
        for (size_t k = 0; k < fs->n_actors; k++) {
            const sk_actor_t *fa = &fs->actors[k];
            sk_actor_t *act = &side->actors[k];
            *act = *fa;
            act->name = dup_or_null(A, fa->name, err);
            act->titles = dup_strings(A, fa->titles, fa->n_titles, err);
            act->org = dup_or_null(A, fa->org, err);
            act->country = dup_or_null(A, fa->country, err);
        }
    }
    ev->date.iso = dup_or_null(A, from->date.iso, err);
    ev->location_name = dup_or_null(A, from->location_name, err);
    ev->location_country = dup_or_null(A, from->location_country, err);
    ev->cameo = dup_or_null(A, from->cameo, err);
    ev->plover_type = dup_or_null(A, from->plover_type, err);
    ev->plover_mode = dup_or_null(A, from->plover_mode, err);
    ev->trigger = dup_or_null(A, from->trigger, err);
    ev->evidence = dup_or_null(A, from->evidence, err);
    ev->evidence_start = from->evidence_start + base;
    ev->evidence_end = from->evidence_end + base;
}

static int same_str(const char *a, const char *b) {
    return a == b || (a && b && !strcmp(a, b));
}

/* Index of the merged person for a slice's person: the same name and country
 * seen in an earlier slice, or a new entry. Titles not yet listed are
 * appended in the order written; mention counts add up. */
static int32_t merge_person(slice_results_t *r, const sk_person_t *p, uint32_t base) {
    sk_persons_t *ps = &r->mentions->persons;
    for (size_t i = 0; i < ps->n; i++) {
        sk_person_t *q = &ps->items[i];
        if (strcmp(q->name, p->name) || !same_str(q->country, p->country)) continue;
        q->n_mentions += p->n_mentions;
        if (!q->org && p->org) q->org = dup_or_null(r->arena, p->org, &r->err);
        for (size_t t = 0; t < p->n_titles; t++) {
            size_t k = 0;
            while (k < q->n_titles && strcmp(q->titles[k], p->titles[t]))
                k++;
            if (k < q->n_titles) continue;
            const char **nt = sk_arena_alloc(r->arena, (q->n_titles + 1) * sizeof *nt);
            if (!nt) {
                r->err = 1;
                break;
            }
            if (q->n_titles) memcpy(nt, q->titles, q->n_titles * sizeof *nt);
            nt[q->n_titles++] = dup_or_null(r->arena, p->titles[t], &r->err);
            q->titles = nt;
        }
        return (int32_t)i;
    }
    ps->items = grow(r->arena, ps->items, ps->n, &r->persons_cap, sizeof *ps->items);
    if (!ps->items) {
        r->err = 1;
        return -1;
    }
    sk_person_t *q = &ps->items[ps->n];
    *q = *p;
    q->name = dup_or_null(r->arena, p->name, &r->err);
    q->titles = dup_strings(r->arena, p->titles, p->n_titles, &r->err);
    q->org = dup_or_null(r->arena, p->org, &r->err);
    q->country = dup_or_null(r->arena, p->country, &r->err);
    q->side_country = dup_or_null(r->arena, p->side_country, &r->err);
    q->first_start = p->first_start + base;
    q->first_end = p->first_end + base;
    return (int32_t)ps->n++;
}

static void merge_persons(slice_results_t *r, const sk_article_t *slice, uint32_t base) {
    const sk_mentions_t *m = slice->mentions;
    for (size_t i = 0; m && i < m->persons.n && !r->err; i++)
        merge_person(r, &m->persons.items[i], base);
}

/* sk_code_article's slice handler: keep a copy of every event. */
static int keep_events(void *ctx, const sk_article_t *slice, uint32_t base) {
    slice_results_t *r = ctx;
    const sk_events_t *ev = slice->events;
    for (size_t i = 0; ev && i < ev->n && !r->err; i++) {
        r->events.items =
            grow(r->arena, r->events.items, r->events.n, &r->events_cap, sizeof *r->events.items);
        if (!r->events.items) {
            r->err = 1;
            break;
        }
        copy_event(r, &ev->items[i], base);
    }
    return r->err ? SK_ENOMEM : SK_OK;
}

/* End of the slice starting at `from`: at most SK_CODE_SLICE_BYTES on, cut
 * after the last paragraph break in its second half, else at the start of
 * the last sentence that begins there, else after the last space, else at
 * the limit (backed up to a UTF-8 character boundary). */
static size_t slice_end(const sk_article_t *a, size_t from) {
    size_t limit = from + SK_CODE_SLICE_BYTES;
    if (limit >= a->text_len) return a->text_len;
    size_t half = from + SK_CODE_SLICE_BYTES / 2;
    for (size_t i = limit; i > half; i--)
        if (a->text[i - 1] == '\n') return i;
    size_t lo = 0, hi = a->n_sentences; /* last sentence starting in (half, limit] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->sentences[mid].start <= limit)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo && a->sentences[lo - 1].start > half) return a->sentences[lo - 1].start;
    for (size_t i = limit; i > half; i--)
        if (a->text[i - 1] == ' ') return i;
    while (limit > from && ((unsigned char)a->text[limit] & 0xC0) == 0x80)
        limit--;
    return limit;
}

static int code_slices(const sk_lexicon_t *lex, sk_article_t *article, unsigned opts,
                       sk_code_slice_fn fn, void *ctx) {
    slice_results_t r = {.arena = article->arena};
    r.mentions = sk_arena_alloc(article->arena, sizeof *r.mentions);
    if (!r.mentions) return SK_ENOMEM;
    int rc = SK_OK;
    for (size_t from = 0, to; rc >= 0 && from < article->text_len; from = to) {
        to = slice_end(article, from);
        sk_article_t *slice = sk_article_new();
        if (!slice) return SK_ENOMEM;
        /* What the coder reads besides the text: the id and the publication
         * date (for years of day-month dates); the strings outlive the slice. */
        slice->doc = article->doc;
        slice->title = article->title;
        slice->published = article->published;
        slice->url = article->url;
        slice->outlet = article->outlet;
        slice->corpus = article->corpus;
        slice->source = article->source;
        slice->source_line = article->source_line;
        slice->format = article->format;
        slice->text = sk_arena_strndup(slice->arena, article->text + from, to - from);
        slice->text_len = to - from;
        if (!slice->text) rc = SK_ENOMEM;
        if (rc >= 0) rc = sk_fold(slice->text, slice->text_len, &slice->folded);
        if (rc >= 0) rc = sk_sentence_split(slice);
        if (rc >= 0) rc = code_whole(lex, slice, opts);
        if (rc >= 0) merge_persons(&r, slice, (uint32_t)from);
        if (rc >= 0 && r.err) rc = SK_ENOMEM;
        if (rc >= 0) rc = fn(ctx, slice, (uint32_t)from);
        sk_article_destroy(slice);
    }
    if (rc < 0) return rc;
    article->mentions = r.mentions;
    return SK_OK;
}

int sk_code_article_stream_opts(const sk_lexicon_t *lex, sk_article_t *article, unsigned opts,
                                sk_code_slice_fn fn, void *ctx) {
    if (article->text_len > SK_CODE_SLICE_BYTES) return code_slices(lex, article, opts, fn, ctx);
    int rc = code_whole(lex, article, opts);
    if (rc < 0) return rc;
    int frc = fn(ctx, article, 0);
    return frc < 0 ? frc : rc;
}

int sk_code_article_stream(const sk_lexicon_t *lex, sk_article_t *article, sk_code_slice_fn fn,
                           void *ctx) {
    return sk_code_article_stream_opts(lex, article, 0, fn, ctx);
}

int sk_code_article(const sk_lexicon_t *lex, sk_article_t *article) {
    if (article->text_len <= SK_CODE_SLICE_BYTES) return code_whole(lex, article, 0);
    slice_results_t r = {.arena = article->arena};
    int rc = code_slices(lex, article, 0, keep_events, &r);
    if (rc < 0) return rc;
    article->events = sk_arena_alloc(article->arena, sizeof *article->events);
    if (!article->events) return SK_ENOMEM;
    *article->events = r.events;
    return SK_OK;
}

const sk_events_t *sk_article_events(const sk_article_t *article) {
    return article->events;
}

const sk_persons_t *sk_article_persons(const sk_article_t *article) {
    return article->mentions ? &article->mentions->persons : NULL;
}
