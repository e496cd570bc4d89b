/* store_pg.c — the PostgreSQL backend through libpq: the same schema as
 * SQLite; article search on a folded text column (articles.search_text) with
 * a trigram index when the pg_trgm extension can be created. */
#include <libpq-fe.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static int pg_err(sk_store_t *s, const char *what) {
    PGconn *c = s->db;
    snprintf(s->err, sizeof s->err, "%s: %s", what, c ? PQerrorMessage(c) : "no connection");
    size_t n = strlen(s->err);
    while (n && (s->err[n - 1] == '\n' || s->err[n - 1] == ' '))
        s->err[--n] = 0;
    return SK_EDB;
}

/* `?` → `$n`, outside quoted literals. */
static char *rewrite(const char *sql) {
    size_t n = strlen(sql), o = 0;
    char *out = malloc(n * 4 + 1);
    if (!out) return NULL;
    int q = 0, k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = sql[i];
        if (c == '\'') q = !q;
        if (c == '?' && !q)
            o += (size_t)sprintf(out + o, "$%d", ++k);
        else
            out[o++] = c;
    }
    out[o] = 0;
    return out;
}

/* Prepared statements by SQL text (the store's statements are few and reused
 * for every article: parse and plan once per connection). */
#define PREP_SLOTS 256

/* Statements whose results nobody reads (INSERT, UPDATE, DELETE inside a
 * batch) are not waited for one by one: they are sent in libpq pipeline mode,
 * with a sync point every PIPE_SEGMENT statements. When PIPE_MAX are
 * outstanding, the results of the oldest segment are read while the newer
 * ones keep the server busy, so the client and the server work at the same
 * time; this also bounds what the server can have to write back while the
 * client is still sending. Everything is read at the next statement that
 * returns rows and at COMMIT. The first error among them is reported at the
 * next statement the store runs, naming the failed statement; the
 * transaction is then aborted, as it would have been by a statement run on
 * its own. */
#define PIPE_MAX 1024
#define PIPE_SEGMENT 256
#define PIPE_QUEUE (PIPE_MAX + PIPE_MAX / PIPE_SEGMENT + 2)

typedef struct {
    char *sql;
} prep_t;

typedef struct {
    prep_t cache[PREP_SLOTS];
    int piping;                    /* in pipeline mode */
    int failed;                    /* an error was read from the pipeline (message in s->err) */
    int broken;                    /* the connection died mid-pipeline */
    size_t n_out;                  /* statements sent, results not read */
    size_t n_unsynced;             /* statements sent since the last sync point */
    size_t head, tail;             /* queue of what is outstanding, in order */
    const char *queue[PIPE_QUEUE]; /* a statement's SQL (owned by cache), or NULL = a sync point */
} pg_state_t;

static uint64_t sql_hash(const char *sql) {
    uint64_t h = 1469598103934665603ULL;
    for (const char *p = sql; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return h;
}

/* The prepared statement for sql, or NULL (not prepared yet when !create;
 * no free slot or preparation failed when create). */
static const char *prepared(sk_store_t *s, const char *sql, const char *q, int n, char name[16],
                            int create, const char **owned_sql) {
    pg_state_t *ps = s->aux;
    if (!ps) return NULL;
    uint64_t h = sql_hash(sql);
    for (size_t probe = 0; probe < 8; probe++) {
        size_t slot = (size_t)((h + probe) % PREP_SLOTS);
        prep_t *e = &ps->cache[slot];
        snprintf(name, 16, "sk%zu", slot);
        if (e->sql && !strcmp(e->sql, sql)) {
            if (owned_sql) *owned_sql = e->sql;
            return name;
        }
        if (!e->sql) {
            if (!create) return NULL;
            PGresult *r = PQprepare(s->db, name, q, n, NULL);
            int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
            PQclear(r);
            if (!ok) return NULL;
            e->sql = strdup(sql);
            if (owned_sql) *owned_sql = e->sql;
            return e->sql ? name : NULL;
        }
    }
    return NULL;
}

static void pipe_fail(sk_store_t *s, const char *msg, const char *sql) {
    pg_state_t *ps = s->aux;
    if (ps->failed) return;
    ps->failed = 1;
    if (sql)
        snprintf(s->err, sizeof s->err, "%s [%s]", msg, sql);
    else
        pg_err(s, msg);
}

static int pipe_sync(sk_store_t *s) {
    pg_state_t *ps = s->aux;
    if (!PQpipelineSync(s->db)) {
        pipe_fail(s, "pipeline", NULL);
        ps->broken = 1;
        return SK_EDB;
    }
    ps->queue[ps->tail++ % PIPE_QUEUE] = NULL;
    ps->n_unsynced = 0;
    return SK_OK;
}

/* Read the results of the outstanding statements up to and including the
 * oldest sync point. */
static void pipe_read_segment(sk_store_t *s) {
    pg_state_t *ps = s->aux;
    PGconn *c = s->db;
    while (ps->head < ps->tail) {
        const char *sql = ps->queue[ps->head++ % PIPE_QUEUE];
        if (ps->broken) {
            if (sql) ps->n_out--;
            continue;
        }
        if (sql) {
            /* A statement: its result(s), then NULL. */
            PGresult *r;
            while ((r = PQgetResult(c))) {
                ExecStatusType st = PQresultStatus(r);
                if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_PIPELINE_ABORTED)
                    pipe_fail(s, PQresultErrorMessage(r), sql);
                PQclear(r);
            }
            ps->n_out--;
            continue;
        }
        /* A sync point: PGRES_PIPELINE_SYNC (a dead connection gives none). */
        for (;;) {
            PGresult *r = PQgetResult(c);
            if (!r) {
                if (PQstatus(c) == CONNECTION_BAD) {
                    pipe_fail(s, "pipeline", NULL);
                    ps->broken = 1;
                    break;
                }
                continue;
            }
            ExecStatusType st = PQresultStatus(r);
            PQclear(r);
            if (st == PGRES_PIPELINE_SYNC) break;
        }
        return;
    }
}

/* Read every outstanding result and leave pipeline mode. Returns the first
 * error read since the last drain (SK_EDB, message in s->err). */
static int pipe_drain(sk_store_t *s) {
    pg_state_t *ps = s->aux;
    if (!ps || !ps->piping) return SK_OK;
    if (!ps->broken && (ps->n_unsynced || ps->head == ps->tail)) pipe_sync(s);
    while (ps->head < ps->tail)
        pipe_read_segment(s);
    if (!ps->broken && !PQexitPipelineMode(s->db)) pipe_fail(s, "pipeline", NULL);
    int rc = ps->failed ? SK_EDB : SK_OK;
    ps->piping = ps->failed = ps->broken = 0;
    ps->n_out = ps->n_unsynced = ps->head = ps->tail = 0;
    return rc;
}

/* Send a row-less statement inside a transaction without waiting for it.
 * Returns 1 when sent, 0 when it must run the ordinary way, <0 on error. */
static int pipe_send(sk_store_t *s, const char *sql, const char *q, int n,
                     const char *const *params) {
    pg_state_t *ps = s->aux;
    if (ps->failed) return pipe_drain(s); /* report it now; the batch is lost anyway */
    char name[16];
    const char *owned = NULL;
    const char *stmt = prepared(s, sql, q, n, name, 0, &owned);
    if (!stmt) {
        /* First use: prepare it outside the pipeline (once per connection). */
        int rc = pipe_drain(s);
        if (rc) return rc;
        stmt = prepared(s, sql, q, n, name, 1, &owned);
        if (!stmt) return 0;
    }
    if (!ps->piping) {
        if (!PQenterPipelineMode(s->db)) return pg_err(s, "pipeline");
        ps->piping = 1;
    }
    if (!PQsendQueryPrepared(s->db, stmt, n, params, NULL, NULL, 0)) {
        pipe_fail(s, "send", NULL);
        return pipe_drain(s);
    }
    ps->queue[ps->tail++ % PIPE_QUEUE] = owned;
    ps->n_out++;
    if (++ps->n_unsynced >= PIPE_SEGMENT) pipe_sync(s);
    while (ps->n_out >= PIPE_MAX && ps->head < ps->tail)
        pipe_read_segment(s);
    if (ps->failed) return pipe_drain(s);
    return 1;
}

static int pg_query(sk_store_t *s, const char *sql, int n, const char *const *params,
                    sk_db_row_fn fn, void *ctx) {
    PGconn *c = s->db;
    char *q = rewrite(sql);
    if (!q) return SK_ENOMEM;
    if (!fn && s->in_batch && s->aux) {
        int sent = pipe_send(s, sql, q, n, params);
        if (sent != 0) {
            free(q);
            return sent < 0 ? sent : SK_OK;
        }
    }
    int rc = pipe_drain(s);
    if (rc) {
        free(q);
        return rc;
    }
    char name[16];
    const char *stmt = prepared(s, sql, q, n, name, 1, NULL);
    PGresult *r = stmt ? PQexecPrepared(c, stmt, n, params, NULL, NULL, 0)
                       : PQexecParams(c, q, n, NULL, params, NULL, NULL, 0);
    free(q);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        snprintf(s->err, sizeof s->err, "%s [%s]", PQresultErrorMessage(r), sql);
        rc = SK_EDB;
    } else if (fn && st == PGRES_TUPLES_OK) {
        int rows = PQntuples(r), nc = PQnfields(r);
        if (nc > 64) nc = 64;
        const char *vals[64];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < nc; j++)
                vals[j] = PQgetisnull(r, i, j) ? NULL : PQgetvalue(r, i, j);
            if (fn(ctx, nc, vals)) break;
        }
    }
    PQclear(r);
    return rc;
}

static int pg_script(sk_store_t *s, const char *sql) {
    int rc = pipe_drain(s);
    if (rc) {
        /* The transaction is aborted; a ROLLBACK still has to run. */
        if (!strcmp(sql, "ROLLBACK")) {
            PQclear(PQexec(s->db, sql));
        } else if (!strcmp(sql, "COMMIT")) {
            char keep[sizeof s->err];
            memcpy(keep, s->err, sizeof keep);
            PQclear(PQexec(s->db, "ROLLBACK"));
            memcpy(s->err, keep, sizeof keep);
        }
        return rc;
    }
    PGresult *r = PQexec(s->db, sql);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        snprintf(s->err, sizeof s->err, "%s", PQresultErrorMessage(r));
        rc = SK_EDB;
    }
    PQclear(r);
    return rc;
}

/* The folded title and text go into the new row itself (one heap tuple and
 * one trigram index entry per article, instead of an INSERT then an UPDATE). */
static int pg_search_text(sk_store_t *s, const char *title, const char *text, char **out) {
    *out = NULL;
    if (s->flags & SK_STORE_NOFTS) return SK_OK;
    size_t tl = title ? strlen(title) : 0, xl = text ? strlen(text) : 0;
    char *both = malloc(tl + xl + 2);
    if (!both) return SK_ENOMEM;
    memcpy(both, title ? title : "", tl);
    both[tl] = '\n';
    memcpy(both + tl + 1, text ? text : "", xl);
    both[tl + 1 + xl] = 0;
    *out = sk_store_search_text(both, tl + 1 + xl);
    free(both);
    return *out ? SK_OK : SK_ENOMEM;
}

static int pg_fts_put(sk_store_t *s, const char *doc, const char *title, const char *text) {
    return SK_OK; /* written with the row (pg_search_text) */
}

static int pg_fts_del(sk_store_t *s, const char *doc) {
    return SK_OK; /* the column goes with the row */
}

static void pg_fts_param(const char *phrase, char *buf, size_t cap) {
    snprintf(buf, cap, "%% %s %%", phrase);
}

static void pg_close(sk_store_t *s) {
    pg_state_t *ps = s->aux;
    if (ps && s->db) pipe_drain(s);
    for (size_t i = 0; ps && i < PREP_SLOTS; i++)
        free(ps->cache[i].sql);
    free(ps);
    s->aux = NULL;
    if (s->db) PQfinish(s->db);
    s->db = NULL;
}

static const sk_db_ops_t PG_OPS = {
    .name = "postgresql",
    .query = pg_query,
    .script = pg_script,
    .search_text = pg_search_text,
    .fts_put = pg_fts_put,
    .fts_del = pg_fts_del,
    .fts_match_sql = "a.search_text LIKE ?",
    .fts_param = pg_fts_param,
    .close = pg_close,
};

static void quiet_notice(void *arg, const char *message) {}

static int exists_cb(void *ctx, int nc, const char *const *v) {
    *(int *)ctx = 1;
    return 1;
}

int sk_store_pg_open(sk_store_t *s, const char *conninfo, unsigned flags) {
    s->ops = &PG_OPS;
    s->aux = calloc(1, sizeof(pg_state_t));
    PGconn *c = PQconnectdb(conninfo);
    s->db = c;
    if (!c) return SK_ENOMEM;
    if (PQstatus(c) != CONNECTION_OK) return pg_err(s, "connect");
    PQsetNoticeProcessor(c, quiet_notice, NULL);
    int rc = pg_script(s, "SET client_min_messages = warning; SET client_encoding = 'UTF8'");
    if (rc) return rc;
    if (flags & SK_STORE_READONLY) {
        rc = pg_script(s, "SET default_transaction_read_only = on");
        if (rc) return rc;
        int found = 0;
        rc = pg_query(s,
                      "SELECT 1 FROM information_schema.tables WHERE table_name = 'articles' "
                      "AND table_schema = current_schema()",
                      0, NULL, exists_cb, &found);
        if (rc) return rc;
        if (!found) {
            snprintf(s->err, sizeof s->err, "no sukien store in this database");
            return SK_ENOTFOUND;
        }
        return SK_OK;
    }
    /* Several ingests may start at once: serialise schema creation. */
    rc = pg_script(s, "BEGIN; SELECT pg_advisory_xact_lock(7051962);");
    if (!rc) rc = pg_script(s, SK_SCHEMA_SQL);
    if (!rc) {
        rc = pg_script(s, "COMMIT");
    } else {
        pg_script(s, "ROLLBACK");
        return rc;
    }
    /* Optional trigram index for search; plain LIKE scans work without it. */
    if (pg_script(s, "CREATE EXTENSION IF NOT EXISTS pg_trgm") == SK_OK)
        pg_script(s, "CREATE INDEX IF NOT EXISTS articles_search_trgm ON articles "
                     "USING gin (search_text gin_trgm_ops)");
    s->err[0] = 0;
    return rc;
}
