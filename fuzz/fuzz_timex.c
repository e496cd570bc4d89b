/* fuzz_timex.c — libFuzzer target for sk_timex_find and sk_timex_iso.
 * Input: optional first line "P<published>\n" (the publication date string,
 * any bytes), then the text, normalised as the pipeline does. Each input is
 * run with the fuzzed published date and with NULL. Checks: spans in order
 * and inside the text, date parts in range, real calendar dates, ISO strings
 * well formed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "normalize.h"
#include "timex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_parts(const sk_date_parts_t *d) {
    if (d->year < 0 || d->year > 9999) abort();
    if (d->month < 0 || d->month > 12) abort();
    if (d->day < 0 || d->day > 31) abort();
    if (d->day && !d->month) abort();
}

static void check_iso(const char *iso) {
    if (!iso) return;
    size_t n = strlen(iso);
    if (n == 0 || n > 40) abort();
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789-/", iso[i])) abort();
}

static void run(const char *text, size_t len, const char *published) {
    sk_arena_t *arena = sk_arena_new();
    if (!arena) abort();
    sk_timex_t *t = NULL;
    size_t n = 0;
    if (sk_timex_find(arena, text, len, published, &t, &n) == SK_OK) {
        uint32_t prev_end = 0;
        for (size_t i = 0; i < n; i++) {
            /* in order, non-empty, inside the text, not overlapping */
            if (t[i].start >= t[i].end || t[i].end > len || t[i].start < prev_end) abort();
            prev_end = t[i].end;
            if (t[i].is_range && !t[i].to.month && t[i].precision != SK_PREC_YEAR) abort();
            check_parts(&t[i].from);
            check_parts(&t[i].to);
            if ((int)t[i].precision < SK_PREC_NONE || t[i].precision > SK_PREC_DAY) abort();
            check_iso(sk_timex_iso(arena, &t[i]));
        }
    }
    sk_arena_destroy(arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *published = NULL;
    const uint8_t *body = data;
    size_t body_len = size;
    if (size && data[0] == 'P') {
        const uint8_t *nl = memchr(data, '\n', size);
        size_t plen = nl ? (size_t)(nl - data) - 1 : size - 1;
        published = malloc(plen + 1);
        if (!published) return 0;
        memcpy(published, data + 1, plen);
        published[plen] = '\0';
        body = nl ? nl + 1 : data + size;
        body_len = size - (size_t)(body - data);
    }
    char *text = NULL;
    size_t len = 0, bad = 0, ctl = 0;
    if (sk_normalize_text((const char *)body, body_len, &text, &len, &bad, &ctl) == SK_OK) {
        run(text, len, published);
        if (published) run(text, len, NULL);
        free(text);
    }
    free(published);
    return 0;
}
