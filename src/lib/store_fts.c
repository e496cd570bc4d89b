/* store_fts.c — diacritics-insensitive search: the "sukien" FTS5 tokenizer
 * for SQLite and the folded search text used by both backends.
 *
 * A token is a run of letters and digits in the folded text (lower case,
 * tone marks and other diacritics removed, đ→d), so "Tô Lâm", "TÔ LÂM" and
 * "to lam" all give the tokens "to" "lam". Token offsets point back into the
 * original (NFC) text, so FTS5 highlight() and snippet() work on it. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "normalize.h"
#include "store_int.h"

typedef int (*token_fn)(void *ctx, const char *tok, size_t len, size_t start, size_t end);

/* Split folded text into words; report each with its span in the source. */
static int for_each_word(const sk_folded_t *f, token_fn fn, void *ctx) {
    size_t i = 0, ws = 0;
    int in = 0;
    while (i <= f->len) {
        int32_t cp = 0;
        int k = 1;
        int word = 0;
        if (i < f->len) {
            k = sk_utf8_decode(f->text + i, f->len - i, &cp);
            if (k < 0) k = 1, cp = '?';
            word = sk_is_word_cp(cp);
        }
        if (word && !in) {
            in = 1;
            ws = i;
        } else if (!word && in) {
            in = 0;
            int rc = fn(ctx, f->text + ws, i - ws, f->to_orig[ws], f->to_orig[i]);
            if (rc) return rc;
        }
        i += (size_t)k;
    }
    return 0;
}

typedef struct {
    char *buf;
    size_t len, cap;
    int oom;
} sbuf_t;

static int append_word(void *ctx, const char *tok, size_t len, size_t start, size_t end) {
    sbuf_t *b = ctx;
    if (b->len + len + 2 > b->cap) {
        size_t cap = (b->cap + len + 2) * 2;
        char *p = realloc(b->buf, cap);
        if (!p) {
            b->oom = 1;
            return 1;
        }
        b->buf = p;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, tok, len);
    b->len += len;
    b->buf[b->len++] = ' ';
    b->buf[b->len] = 0;
    return 0;
}

char *sk_store_search_text(const char *s, size_t len) {
    sk_folded_t f;
    if (sk_fold(s ? s : "", s ? len : 0, &f) != SK_OK) return NULL;
    sbuf_t b = {malloc(64), 1, 64, 0};
    if (!b.buf) {
        sk_folded_free(&f);
        return NULL;
    }
    b.buf[0] = ' ';
    b.buf[1] = 0;
    for_each_word(&f, append_word, &b);
    sk_folded_free(&f);
    if (b.oom) {
        free(b.buf);
        return NULL;
    }
    return b.buf;
}

/* ---- FTS5 tokenizer ---- */

typedef struct {
    int dummy;
} sk_tok_t;

static int tok_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out) {
    sk_tok_t *t = calloc(1, sizeof *t);
    if (!t) return SQLITE_NOMEM;
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t) {
    free(t);
}

typedef struct {
    void *ctx;
    int (*x)(void *, int, const char *, int, int, int);
} tok_ctx_t;

static int emit(void *vctx, const char *tok, size_t len, size_t start, size_t end) {
    tok_ctx_t *c = vctx;
    if (len > 256) len = 256;
    return c->x(c->ctx, 0, tok, (int)len, (int)start, (int)end);
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                        int (*x)(void *, int, const char *, int, int, int)) {
    sk_folded_t f;
    if (n < 0) n = 0;
    if (sk_fold(text ? text : "", (size_t)n, &f) != SK_OK) return SQLITE_NOMEM;
    tok_ctx_t c = {ctx, x};
    int rc = for_each_word(&f, emit, &c);
    sk_folded_free(&f);
    return rc;
}

static fts5_api *fts5_api_from_db(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return api;
}

int sk_fts5_register(sqlite3 *db) {
    fts5_api *api = fts5_api_from_db(db);
    if (!api) return SK_EDB;
    static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
    if (api->xCreateTokenizer(api, "sukien", NULL, &tok, NULL) != SQLITE_OK) return SK_EDB;
    return SK_OK;
}
