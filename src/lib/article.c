#include "article.h"

#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "sentence.h"

const char *sk_format_name(sk_format_t f) {
    switch (f) {
    case SK_FORMAT_TEXT:
        return "text";
    case SK_FORMAT_JSONL:
        return "jsonl";
    case SK_FORMAT_HTML:
        return "html";
    case SK_FORMAT_WARC:
        return "warc";
    default:
        return "auto";
    }
}

sk_article_t *sk_article_new(void) {
    sk_arena_t *arena = sk_arena_new();
    if (!arena) return NULL;
    sk_article_t *a = sk_arena_alloc(arena, sizeof *a);
    if (!a) {
        sk_arena_destroy(arena);
        return NULL;
    }
    a->arena = arena;
    return a;
}

void sk_article_destroy(sk_article_t *self) {
    if (!self) return;
    sk_folded_free(&self->folded);
    sk_arena_destroy(self->arena); /* self lives in its own arena */
}

const char *sk_article_set(sk_article_t *self, const char **field, const char *value, size_t len) {
    *field = value ? sk_arena_strndup(self->arena, value, len) : NULL;
    return *field;
}

int sk_article_set_raw(sk_article_t *self, const char *bytes, size_t len, sk_diag_fn diag,
                       void *diag_ctx) {
    char *norm = NULL;
    size_t norm_len = 0, bad = 0, ctl = 0;
    int rc = sk_normalize_text(bytes, len, &norm, &norm_len, &bad, &ctl);
    if (rc) return rc;
    self->raw = sk_arena_strndup(self->arena, norm, norm_len);
    self->raw_len = norm_len;
    free(norm);
    if (!self->raw) return SK_ENOMEM;
    if (bad)
        sk_diag_report(diag, diag_ctx, SK_DIAG_WARNING, SK_EUTF8, self->source, self->source_line,
                       self->doc, "%zu invalid UTF-8 sequence(s) replaced with U+FFFD", bad);
    if (ctl)
        sk_diag_report(diag, diag_ctx, SK_DIAG_WARNING, SK_EBINARY, self->source, self->source_line,
                       self->doc, "%zu NUL or control character(s) replaced with spaces", ctl);
    return bad || ctl ? 1 : SK_OK;
}

int sk_article_prepare(sk_article_t *self, sk_diag_fn diag, void *diag_ctx) {
    (void)diag;
    (void)diag_ctx;
    int rc;
    if (!self->raw) {
        self->raw = sk_arena_strdup(self->arena, "");
        self->raw_len = 0;
    }
    if ((rc = sk_clean_article(self)) < 0) return rc;
    sk_folded_free(&self->folded);
    if ((rc = sk_fold(self->text, self->text_len, &self->folded)) < 0) return rc;
    if ((rc = sk_sentence_split(self)) < 0) return rc;
    return SK_OK;
}
