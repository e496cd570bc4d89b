/* store_sqlite.c — the embedded backend: one SQLite file in WAL mode, the
 * articles' full-text index in FTS5 with the "sukien" tokenizer. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "merge.h"
#include "store_int.h"

#define CACHE_SLOTS 512

typedef struct {
    char *sql;
    sqlite3_stmt *st;
} cached_t;

typedef struct {
    sqlite3 *db;
    cached_t cache[CACHE_SLOTS];
} lite_t;

static int lite_err(sk_store_t *s, const char *what) {
    lite_t *l = s->db;
    snprintf(s->err, sizeof s->err, "%s: %s", what, l && l->db ? sqlite3_errmsg(l->db) : "");
    return SK_EDB;
}

static sqlite3_stmt *prepare(sk_store_t *s, const char *sql) {
    lite_t *l = s->db;
    uint64_t h = sk_fnv1a64(sql, strlen(sql), SK_FNV_SEED);
    for (size_t probe = 0; probe < 8; probe++) {
        cached_t *c = &l->cache[(h + probe) % CACHE_SLOTS];
        if (c->sql && !strcmp(c->sql, sql)) {
            sqlite3_reset(c->st);
            sqlite3_clear_bindings(c->st);
            return c->st;
        }
        if (!c->sql) {
            if (sqlite3_prepare_v2(l->db, sql, -1, &c->st, NULL) != SQLITE_OK) {
                lite_err(s, "prepare");
                c->st = NULL;
                return NULL;
            }
            c->sql = strdup(sql);
            if (!c->sql) {
                sqlite3_finalize(c->st);
                c->st = NULL;
                return NULL;
            }
            return c->st;
        }
    }
    /* Cache full around this hash: use a one-off statement (caller cannot
     * tell; lite_query finalizes it when it is not in the cache). */
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK) {
        lite_err(s, "prepare");
        return NULL;
    }
    return st;
}

static int in_cache(lite_t *l, sqlite3_stmt *st) {
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        if (l->cache[i].st == st) return 1;
    return 0;
}

static int lite_query(sk_store_t *s, const char *sql, int n, const char *const *params,
                      sk_db_row_fn fn, void *ctx) {
    lite_t *l = s->db;
    sqlite3_stmt *st = prepare(s, sql);
    if (!st) return SK_EDB;
    int rc = SK_OK;
    for (int i = 0; i < n; i++) {
        int brc = params[i] ? sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_TRANSIENT)
                            : sqlite3_bind_null(st, i + 1);
        if (brc != SQLITE_OK) {
            rc = lite_err(s, "bind");
            goto done;
        }
    }
    for (;;) {
        int src = sqlite3_step(st);
        if (src == SQLITE_DONE) break;
        if (src != SQLITE_ROW) {
            rc = lite_err(s, sql);
            break;
        }
        if (!fn) continue;
        int nc = sqlite3_column_count(st);
        const char *vals[64];
        if (nc > 64) nc = 64;
        for (int i = 0; i < nc; i++)
            vals[i] = (const char *)sqlite3_column_text(st, i);
        if (fn(ctx, nc, vals)) break;
    }
done:
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (!in_cache(l, st)) sqlite3_finalize(st);
    return rc;
}

static int lite_script(sk_store_t *s, const char *sql) {
    lite_t *l = s->db;
    char *msg = NULL;
    if (sqlite3_exec(l->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(s->err, sizeof s->err, "%s", msg ? msg : "sqlite error");
        sqlite3_free(msg);
        return SK_EDB;
    }
    return SK_OK;
}

static void fts_rowid(const char *doc, char buf[24]) {
    uint64_t h = sk_fnv1a64(doc, strlen(doc), SK_FNV_SEED) & 0x7fffffffffffffffULL;
    snprintf(buf, 24, "%llu", (unsigned long long)h);
}

static int lite_fts_put(sk_store_t *s, const char *doc, const char *title, const char *text) {
    if (s->flags & SK_STORE_NOFTS) return SK_OK;
    char id[24];
    fts_rowid(doc, id);
    const char *p[] = {id, doc, title, text};
    return lite_query(s, "INSERT INTO articles_fts(rowid, doc, title, text) VALUES (?, ?, ?, ?)", 4,
                      p, NULL, NULL);
}

static int lite_fts_del(sk_store_t *s, const char *doc) {
    char id[24];
    fts_rowid(doc, id);
    const char *p[] = {id};
    return lite_query(s, "DELETE FROM articles_fts WHERE rowid = ?", 1, p, NULL, NULL);
}

static void lite_fts_param(const char *phrase, char *buf, size_t cap) {
    /* The phrase is already folded words separated by spaces: quote it. */
    size_t o = 0;
    if (cap < 3) return;
    buf[o++] = '"';
    for (const char *p = phrase; *p && o + 2 < cap; p++)
        if (*p != '"') buf[o++] = *p;
    buf[o++] = '"';
    buf[o] = 0;
}

static void lite_close(sk_store_t *s) {
    lite_t *l = s->db;
    if (!l) return;
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        if (l->cache[i].st) sqlite3_finalize(l->cache[i].st);
        free(l->cache[i].sql);
    }
    sqlite3_close(l->db);
    free(l);
    s->db = NULL;
}

static const sk_db_ops_t LITE_OPS = {
    .name = "sqlite",
    .query = lite_query,
    .script = lite_script,
    .fts_put = lite_fts_put,
    .fts_del = lite_fts_del,
    .fts_match_sql = "a.doc IN (SELECT doc FROM articles_fts WHERE articles_fts MATCH ?)",
    .fts_param = lite_fts_param,
    .close = lite_close,
};

static const char LITE_FTS_SQL[] =
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(doc UNINDEXED, title, text, "
    "tokenize = 'sukien');";

int sk_store_sqlite_open(sk_store_t *s, const char *path, unsigned flags) {
    lite_t *l = calloc(1, sizeof *l);
    if (!l) return SK_ENOMEM;
    s->db = l;
    s->ops = &LITE_OPS;
    int ro = (flags & SK_STORE_READONLY) != 0;
    if (ro && access(path, R_OK) != 0) {
        snprintf(s->err, sizeof s->err, "%s: no such store", path);
        return SK_ENOTFOUND;
    }
    int oflags = ro ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path, &l->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        return lite_err(s, path);
    sqlite3_busy_timeout(l->db, 10000);
    if (sk_fts5_register(l->db) != SK_OK) return lite_err(s, "fts5 tokenizer");
    if (ro) return SK_OK;
    int rc = lite_script(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                            "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
    if (rc == SK_OK) rc = lite_script(s, SK_SCHEMA_SQL);
    if (rc == SK_OK) rc = lite_script(s, LITE_FTS_SQL);
    return rc;
}
