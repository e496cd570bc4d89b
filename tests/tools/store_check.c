/* store_check — verify a SQLite sukien store after a crash (scripts/crash-test.sh).
 *
 *   store_check DB INVARIANTS.sql
 *
 * Runs PRAGMA integrity_check and foreign_key_check, the store's invariants
 * (tests/tools/store_invariants.sql: name TAB query counting violations), and
 * the full-text index checks, which need the "sukien" tokenizer and so cannot
 * be run from the sqlite3 shell: FTS5 'integrity-check', and one index row per
 * article with the same rowid, title and text. Everything runs in one
 * transaction that is rolled back: the checker changes nothing (closing the
 * last connection may checkpoint a left-over WAL, as any reader's would).
 * Prints one line per failed check; exit 0 all hold, 1 some failed, 2 usage,
 * 3 could not open. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "store_int.h"

static int failures;

static long long count_query(sqlite3 *db, const char *name, const char *sql) {
    sqlite3_stmt *st = NULL;
    long long n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    else
        fprintf(stderr, "store_check: %s: %s\n", name, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return n;
}

static void expect_zero(sqlite3 *db, const char *name, const char *sql) {
    long long n = count_query(db, name, sql);
    if (n != 0) {
        printf("FAIL %s: %lld\n", name, n);
        failures++;
    }
}

/* PRAGMA integrity_check must answer the single row "ok"; foreign_key_check no row. */
static void pragma_checks(sqlite3 *db) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) {
        printf("FAIL integrity_check: %s\n", sqlite3_errmsg(db));
        failures++;
        return;
    }
    int rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (!v || strcmp(v, "ok") || rows) {
            printf("FAIL integrity_check: %s\n", v ? v : "(null)");
            failures++;
        }
        rows++;
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK) {
        printf("FAIL foreign_key_check: %s\n", sqlite3_errmsg(db));
        failures++;
        return;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        printf("FAIL foreign_key_check: %s\n", (const char *)sqlite3_column_text(st, 0));
        failures++;
    }
    sqlite3_finalize(st);
}

static void invariants(sqlite3 *db, const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("FAIL cannot read %s\n", path);
        failures++;
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] == '\n') line[--n] = 0;
        if (!n || !strncmp(line, "--", 2)) continue;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        expect_zero(db, line, tab + 1);
    }
    free(line);
    fclose(f);
}

static void fts_checks(sqlite3 *db) {
    char *msg = NULL;
    /* 'integrity-check' only reads, but FTS5 routes it through an INSERT,
     * which a read-only connection refuses: hence read-write + ROLLBACK. */
    if (sqlite3_exec(db, "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')", NULL,
                     NULL, &msg) != SQLITE_OK) {
        printf("FAIL fts_integrity_check: %s\n", msg ? msg : sqlite3_errmsg(db));
        failures++;
        sqlite3_free(msg);
    }
    expect_zero(db, "fts_rows",
                "SELECT (SELECT count(*) FROM articles_fts) - "
                "(SELECT count(*) FROM articles)");
    /* Every article indexed under its own rowid with its current title and text. */
    sqlite3_stmt *docs = NULL, *one = NULL;
    if (sqlite3_prepare_v2(db, "SELECT doc, title, text FROM articles", -1, &docs, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT doc, title, text FROM articles_fts WHERE rowid = ?", -1,
                           &one, NULL) != SQLITE_OK) {
        printf("FAIL fts_rows: %s\n", sqlite3_errmsg(db));
        failures++;
        sqlite3_finalize(docs);
        return;
    }
    long bad = 0;
    while (sqlite3_step(docs) == SQLITE_ROW) {
        const char *doc = (const char *)sqlite3_column_text(docs, 0);
        uint64_t h = sk_fnv1a64(doc, strlen(doc), SK_FNV_SEED) & 0x7fffffffffffffffULL;
        sqlite3_reset(one);
        sqlite3_bind_int64(one, 1, (sqlite3_int64)h);
        int ok = sqlite3_step(one) == SQLITE_ROW;
        for (int c = 0; ok && c < 3; c++) {
            const char *a = (const char *)sqlite3_column_text(docs, c);
            const char *b = (const char *)sqlite3_column_text(one, c);
            ok = (a == NULL) == (b == NULL) && (!a || !strcmp(a, b));
        }
        if (!ok && bad++ < 5) printf("FAIL fts_row: article %s not indexed as stored\n", doc);
    }
    if (bad) {
        printf("FAIL fts_row: %ld articles\n", bad);
        failures++;
    }
    sqlite3_finalize(docs);
    sqlite3_finalize(one);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: store_check DB INVARIANTS.sql\n");
        return 2;
    }
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        fprintf(stderr, "store_check: cannot open %s: %s\n", argv[1], sqlite3_errmsg(db));
        sqlite3_close(db);
        return 3;
    }
    if (sk_fts5_register(db) != SK_OK) {
        fprintf(stderr, "store_check: cannot register the sukien tokenizer\n");
        sqlite3_close(db);
        return 3;
    }
    sqlite3_busy_timeout(db, 10000);
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    pragma_checks(db);
    invariants(db, argv[2]);
    fts_checks(db);
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    if (failures) printf("store_check: %d checks failed\n", failures);
    return failures ? 1 : 0;
}
