/* fuzz_query.c — libFuzzer target for the HTTP query layer without sockets:
 * the input is a request target ("/api/events?country=FRA&q=..."), split and
 * percent-decoded the way libmicrohttpd hands it to server.c (the same
 * MHD_http_unescape, '+' as space), collected with the server's own
 * srv_param_add limits, and answered by srv_api against a small SQLite store.
 *
 * The store is built once per process from fuzz/fixtures/query.jsonl (read,
 * prepared, coded with the real lexicon, put), in a temporary directory, and
 * opened read-only as each server worker opens it.
 *
 * Properties (abort on violation): status is 200, 400, 404, 413 or 414 (a 500
 * means the store failed on client input); the body is NUL-terminated with
 * `len` bytes; JSON bodies parse (jansson, so they are also valid UTF-8);
 * error bodies are {"error": string, "status": the HTTP status}; JSON Lines
 * exports parse line by line, GraphML parses as XML; a person/org/with filter
 * that folds to no word is refused (it would match everything); the database is unchanged
 * afterwards (PRAGMA data_version and schema_version seen from a second
 * connection, and every table's row count); one request takes at most
 * SUKIEN_FUZZ_MAX_MS milliseconds (default 5000, under ASan). With
 * SUKIEN_FUZZ_VERBOSE set, each answer's status and first bytes go to stderr.
 *
 * Environment: SUKIEN_DATA (lexicon directory), SUKIEN_FUZZ_FIXTURE (JSONL). */
#include <jansson.h>
#include <libxml/parser.h>
#include <microhttpd.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "article.h"
#include "coder.h"
#include "lexicon.h"
#include "merge.h"
#include "reader.h"
#include "server_int.h"
#include "store.h"

#ifndef SK_DATA_DIR
#define SK_DATA_DIR "data"
#endif
#ifndef SK_FUZZ_FIXTURE
#define SK_FUZZ_FIXTURE "fuzz/fixtures/query.jsonl"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char tmp_dir[] = "/tmp/sk_fuzz_query.XXXXXX";
static char db_path[128];
static sk_store_t *store; /* read-only, as a server worker's */
static sqlite3 *watch;    /* second connection that sees any write */
static char *fingerprint; /* row counts and versions after the build */
static double max_ms = 5000;
static int verbose; /* SUKIEN_FUZZ_VERBOSE: print each status and the start of the body */

static void die(const char *what, const char *detail) {
    fprintf(stderr, "fuzz_query: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

static void cleanup(void) {
    sk_store_close(store);
    if (watch) sqlite3_close(watch);
    static const char *const SUFFIX[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof SUFFIX / sizeof SUFFIX[0]; i++) {
        char p[160];
        snprintf(p, sizeof p, "%s%s", db_path, SUFFIX[i]);
        unlink(p);
    }
    rmdir(tmp_dir);
}

static void build_store(void) {
    const char *dir = getenv("SUKIEN_DATA") ? getenv("SUKIEN_DATA") : SK_DATA_DIR;
    const char *fixture =
        getenv("SUKIEN_FUZZ_FIXTURE") ? getenv("SUKIEN_FUZZ_FIXTURE") : SK_FUZZ_FIXTURE;
    if (!mkdtemp(tmp_dir)) die("mkdtemp failed", NULL);
    snprintf(db_path, sizeof db_path, "%s/query.db", tmp_dir);
    atexit(cleanup);
    sk_lexicon_t *lex = NULL;
    if (sk_lexicon_load(dir, NULL, NULL, &lex) != SK_OK) die("cannot load the lexicon", dir);
    sk_store_t *w = NULL;
    char err[512] = "";
    if (sk_store_open(db_path, 0, &w, err, sizeof err) != SK_OK) die("cannot create store", err);
    sk_reader_opts_t opts = {.format = SK_FORMAT_JSONL, .max_record_bytes = 1 << 20};
    sk_reader_t *r = NULL;
    if (sk_reader_open(fixture, &opts, &r) != SK_OK) die("cannot read the fixture", fixture);
    if (sk_store_begin(w) != SK_OK) die("begin", sk_store_errmsg(w));
    int n = 0;
    for (sk_article_t *a = NULL; sk_reader_next(r, &a) > 0; a = NULL) {
        char hash[17];
        if (sk_article_prepare(a, NULL, NULL) != SK_OK || sk_code_article(lex, a) != SK_OK)
            die("cannot code a fixture article", a->doc);
        sk_article_hash(a, hash);
        if (sk_store_put(w, a, hash, NULL) != SK_OK) die("put", sk_store_errmsg(w));
        sk_article_destroy(a);
        n++;
    }
    if (sk_store_commit(w) != SK_OK) die("commit", sk_store_errmsg(w));
    sk_reader_destroy(r);
    sk_store_close(w);
    sk_lexicon_destroy(lex);
    if (n == 0) die("the fixture holds no article", fixture);
    if (sk_store_open(db_path, SK_STORE_READONLY, &store, err, sizeof err) != SK_OK)
        die("cannot reopen the store read-only", err);
    if (sqlite3_open_v2(db_path, &watch, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        die("cannot open the watch connection", sqlite3_errmsg(watch));
}

/* Versions and the row count of every table, as one string (malloc'd). */
static char *db_state(void) {
    size_t cap = 4096, len = 0;
    char *s = malloc(cap);
    if (!s) abort();
    s[0] = '\0';
    sqlite3_stmt *st = NULL;
    static const char *const Q[] = {"PRAGMA data_version", "PRAGMA schema_version",
                                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                                    "ORDER BY name"};
    for (size_t q = 0; q < 3; q++) {
        if (sqlite3_prepare_v2(watch, Q[q], -1, &st, NULL) != SQLITE_OK)
            die("watch query", sqlite3_errmsg(watch));
        while (sqlite3_step(st) == SQLITE_ROW) {
            char item[256];
            if (q < 2) {
                snprintf(item, sizeof item, "%s=%lld;", Q[q], sqlite3_column_int64(st, 0));
            } else {
                const char *name = (const char *)sqlite3_column_text(st, 0);
                char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", name);
                sqlite3_stmt *c = NULL;
                long long count = -1;
                if (sql && sqlite3_prepare_v2(watch, sql, -1, &c, NULL) == SQLITE_OK &&
                    sqlite3_step(c) == SQLITE_ROW)
                    count = sqlite3_column_int64(c, 0);
                sqlite3_finalize(c);
                sqlite3_free(sql);
                snprintf(item, sizeof item, "%s=%lld;", name, count);
            }
            size_t n = strlen(item);
            if (len + n + 1 > cap && !(s = realloc(s, cap *= 2))) abort();
            memcpy(s + len, item, n + 1);
            len += n;
        }
        sqlite3_finalize(st);
    }
    return s;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    if (getenv("SUKIEN_FUZZ_MAX_MS")) max_ms = atof(getenv("SUKIEN_FUZZ_MAX_MS"));
    verbose = getenv("SUKIEN_FUZZ_VERBOSE") != NULL;
    build_store();
    fingerprint = db_state();
    return 0;
}

/* What libmicrohttpd does to a query argument: '+' is a space, then %XX. */
static void unescape_arg(char *s) {
    for (char *p = s; *p; p++)
        if (*p == '+') *p = ' ';
    MHD_http_unescape(s);
}

static void check_error_body(const srv_response_t *res, json_t *j) {
    json_t *e = json_object_get(j, "error"), *st = json_object_get(j, "status");
    if (!json_is_string(e) || !json_is_integer(st) || json_integer_value(st) != res->status ||
        json_object_size(j) != 2)
        die("error body is not {\"error\", \"status\"}", res->body);
}

static void check_body(const srv_response_t *res, const char *path, const char *format) {
    if (!res->body) die("no body", path);
    if (strlen(res->body) != res->len) die("body length differs from len", path);
    if (!res->content_type) die("no content type", path);
    json_error_t err;
    if (!strncmp(res->content_type, "application/json", 16)) {
        json_t *j = json_loadb(res->body, res->len, JSON_DECODE_ANY, &err);
        if (!j) die("body is not JSON", err.text);
        if (res->status != 200) check_error_body(res, j);
        /* A page never holds more than its limit, nor more than the total. */
        json_t *evs = json_object_get(j, "events"), *lim = json_object_get(j, "limit");
        if (json_is_array(evs) && json_is_integer(lim) &&
            ((json_int_t)json_array_size(evs) > json_integer_value(lim) ||
             (json_int_t)json_array_size(evs) > json_integer_value(json_object_get(j, "total"))))
            die("a page of events is longer than its limit or total", path);
        json_decref(j);
    } else if (res->status != 200) {
        die("error body is not JSON", res->content_type);
    } else if (strstr(res->content_type, "ndjson")) {
        for (const char *line = res->body; *line;) {
            const char *nl = strchr(line, '\n');
            size_t n = nl ? (size_t)(nl - line) : strlen(line);
            if (n) {
                json_t *j = json_loadb(line, n, 0, &err);
                if (!j) die("export line is not JSON", err.text);
                json_decref(j);
            }
            line += n + (nl != NULL);
        }
    } else if (format && !strcmp(format, "graphml")) {
        xmlDocPtr doc = xmlReadMemory(res->body, (int)res->len, "export.graphml", NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        if (!doc) die("GraphML export is not well-formed XML", path);
        xmlFreeDoc(doc);
    }
}

/* A name filter that folds to no word would match everything: never a 200. */
static void check_names(const srv_request_t *req, const srv_response_t *res) {
    static const char *const ROUTES[] = {"/api/events", "/api/timeline", "/api/network",
                                         "/api/export"};
    int filtered = 0;
    for (size_t i = 0; i < sizeof ROUTES / sizeof ROUTES[0]; i++)
        filtered |= !strcmp(req->path, ROUTES[i]);
    if (!filtered || res->status != 200) return;
    for (int i = 0; i < req->n_params; i++) {
        const char *k = req->params[i].key, *v = req->params[i].value;
        char key[1024];
        if ((!strcmp(k, "person") || !strcmp(k, "org") || !strcmp(k, "with")) && v[0] &&
            sk_merge_fold_key(v, key, sizeof key) == 0)
            die("a name filter without a word was accepted", v);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* The request line ends at CR, LF or NUL. */
    size_t n = 0;
    while (n < size && data[n] && data[n] != '\r' && data[n] != '\n')
        n++;
    char *target = malloc(n + 1), *raw = malloc(n + 1);
    if (!target || !raw) abort();
    memcpy(target, data, n);
    target[n] = '\0';
    memcpy(raw, target, n + 1);

    srv_request_t req = {0};
    srv_response_t res = {0};
    const char *format = NULL;
    int answered = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (n > SRV_MAX_URI) {
        srv_error(&res, 414, "request URI longer than %d bytes", SRV_MAX_URI);
    } else if (strcasestr(raw, "%00")) {
        srv_error(&res, 400, "bad request target");
    } else {
        char *q = strchr(target, '?');
        if (q) *q++ = '\0';
        MHD_http_unescape(target);
        srv_param_status_t ps = SRV_PARAM_OK;
        for (char *arg = q; arg && ps == SRV_PARAM_OK;) {
            char *amp = strchr(arg, '&');
            if (amp) *amp = '\0';
            char *eq = strchr(arg, '=');
            if (eq) {
                *eq = '\0';
                unescape_arg(eq + 1);
            }
            unescape_arg(arg);
            if (*arg || eq) ps = srv_param_add(&req, arg, eq ? eq + 1 : NULL);
            arg = amp ? amp + 1 : NULL;
        }
        if (target[0] != '/') {
            srv_error(&res, 400, "bad request target");
        } else if (ps != SRV_PARAM_OK) {
            srv_param_error(ps, &res);
        } else if (!strncmp(target, "/api/", 5)) {
            req.path = target;
            req.store = store;
            for (int i = 0; i < req.n_params; i++)
                if (!strcmp(req.params[i].key, "format")) format = req.params[i].value;
            srv_api(&req, &res);
            answered = 1;
            check_names(&req, &res);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    if (ms > max_ms) die("request too slow", raw);

    if (res.body || answered) {
        if (res.status == 500) {
            fprintf(stderr, "fuzz_query: 500 for %s: %s (%s)\n", raw, res.body,
                    sk_store_errmsg(store));
            abort();
        }
        if (res.status != 200 && res.status != 400 && res.status != 404 && res.status != 413 &&
            res.status != 414)
            die("unexpected status", raw);
        check_body(&res, raw, format);
    }
    if (verbose && (res.body || answered))
        fprintf(stderr, "%d %.200s <- %s\n", res.status, res.body ? res.body : "", raw);
    free(res.body);

    if (answered) {
        char *now = db_state();
        if (strcmp(now, fingerprint)) {
            fprintf(stderr, "fuzz_query: the database changed after %s\nbefore: %s\nafter:  %s\n",
                    raw, fingerprint, now);
            abort();
        }
        free(now);
    }
    free(target);
    free(raw);
    return 0;
}
