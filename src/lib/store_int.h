/* store_int.h — what store.c (backend-neutral) needs from a backend
 * (store_sqlite.c, store_pg.c). SQL is written once with `?` placeholders;
 * the PostgreSQL backend rewrites them to $1, $2, ... Every value crosses the
 * boundary as text (NULL = SQL NULL). */
#ifndef SK_STORE_INT_H
#define SK_STORE_INT_H

#include "store.h"

/* One result row: vals[i] NULL for SQL NULL. Return non-zero to stop. */
typedef int (*sk_db_row_fn)(void *ctx, int ncols, const char *const *vals);

typedef struct sk_db_ops {
    const char *name;
    /* Run one statement with parameters; rows (if any) go to fn (may be NULL). */
    int (*query)(sk_store_t *s, const char *sql, int n, const char *const *params, sk_db_row_fn fn,
                 void *ctx);
    /* Run several ';'-separated statements without parameters (DDL). */
    int (*script)(sk_store_t *s, const char *sql);
    /* Optional: the value of articles.search_text for a new article row
     * (*out malloc'd, or NULL to leave the column empty), so that the row is
     * written once; a backend with it has nothing left to do in fts_put. */
    int (*search_text)(sk_store_t *s, const char *title, const char *text, char **out);
    /* Full-text index of articles: replace / delete one article. */
    int (*fts_put)(sk_store_t *s, const char *doc, const char *title, const char *text);
    int (*fts_del)(sk_store_t *s, const char *doc);
    /* Article search: SQL fragment selecting matching docs for a folded phrase
     * (one '?' parameter, bound to the value from fts_param). */
    const char *fts_match_sql;
    void (*fts_param)(const char *folded_phrase, char *buf, size_t cap);
    void (*close)(sk_store_t *s);
} sk_db_ops_t;

typedef struct sk_strset {
    char **items;
    size_t n, cap;
} sk_strset_t;

struct sk_store {
    const sk_db_ops_t *ops;
    void *db;
    void *aux; /* backend's own state (PostgreSQL: prepared statements) */
    unsigned flags;
    int in_batch;
    char err[1024];
    sk_strset_t touched_pairs, touched_persons, touched_orgs;
    /* "pair_key\x1fevent_id" of the events that lost a report in this batch. */
    sk_strset_t lost_events;
    /* "p\x1fperson_id" and "o\x1forg_id" of those that lost an article. */
    sk_strset_t shrunk;
    /* "person_id\x1fdoc" and "org_id\x1fdoc" of the rows this batch added. */
    sk_strset_t new_person_docs, new_org_docs;
};

int sk_store_sqlite_open(sk_store_t *s, const char *path, unsigned flags);
int sk_store_pg_open(sk_store_t *s, const char *conninfo, unsigned flags);

/* The schema (docs/SCHEMA.md); `fts` adds the SQLite FTS5 table. */
extern const char SK_SCHEMA_SQL[];

/* Folded search form: lower case, no diacritics, đ→d, every run of
 * non-alphanumerics one space, padded with a space on both sides.
 * Returns a malloc'd string (NULL on ENOMEM). */
char *sk_store_search_text(const char *s, size_t len);

/* Rows collected from a query: v[row * nc + col], strings owned (NULL = SQL NULL). */
typedef struct sk_rows {
    int nc;
    size_t n, cap;
    char **v;
    int oom;
} sk_rows_t;
#define SK_RV(r, i, j) ((r)->v[(size_t)(i) * (size_t)(r)->nc + (size_t)(j)])
void sk_rows_free(sk_rows_t *r);
/* Run sql with n text parameters; rows go to *out when out is non-NULL
 * (free with sk_rows_free, also after errors). */
int sk_db_run(sk_store_t *s, const char *sql, sk_rows_t *out, int n, const char *const *p);

/* SQLite FTS5 tokenizer registration (store_fts.c). */
struct sqlite3;
int sk_fts5_register(struct sqlite3 *db);

#endif
