/* server.c — the HTTP layer of `sukien serve`: libmicrohttpd with an internal
 * thread pool, one read-only store per worker thread, request limits, security
 * headers, JSON errors, and the embedded page. Routes live in api.c. */
#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "server.h"
#include "server_int.h"

/* A small cache of successful API answers: the store is read-only to us, but
 * an ingest may be writing beside us, so entries live CACHE_TTL seconds. */
enum { CACHE_SLOTS = 128, CACHE_TTL = 60, CACHE_MAX_ENTRY = 4 << 20 };

typedef struct cache_entry {
    char *key; /* path + '\n' + "k=v\n" per parameter */
    char *body;
    size_t len;
    const char *content_type, *disposition;
    time_t stored;
    unsigned long used; /* LRU clock */
} cache_entry_t;

struct sk_server {
    struct MHD_Daemon *daemon;
    pthread_mutex_t cache_lock;
    cache_entry_t cache[CACHE_SLOTS];
    unsigned long clock;
    char *db;
    int loopback; /* bound to a loopback address: only accept local Host names */
    int verbose;
    int no_cache;
    unsigned port;
    pthread_key_t store_key;
    int key_made;
};

/* Per-request state, created by the URI log callback (which sees the raw
 * request target, before libmicrohttpd splits and decodes it). */
typedef struct conn_state {
    size_t uri_len;
    int nul; /* the raw target encodes a NUL byte (%00), which decoding would hide */
    int seen;
    struct timespec t0;
} conn_state_t;

static const char CSP[] = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

static void store_destructor(void *p) {
    sk_store_close(p);
}

static sk_store_t *worker_store(sk_server_t *srv) {
    sk_store_t *st = pthread_getspecific(srv->store_key);
    if (st) return st;
    char err[256] = "";
    if (sk_store_open(srv->db, SK_STORE_READONLY, &st, err, sizeof err) != SK_OK) {
        fprintf(stderr, "sukien serve: cannot open store %s: %s\n", srv->db, err);
        return NULL;
    }
    pthread_setspecific(srv->store_key, st);
    return st;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c) {
    conn_state_t *cs = calloc(1, sizeof *cs);
    if (!cs) return NULL;
    cs->uri_len = uri ? strlen(uri) : 0;
    cs->nul = uri && strcasestr(uri, "%00") != NULL;
    clock_gettime(CLOCK_MONOTONIC, &cs->t0);
    return cs;
}

static void on_done(void *cls, struct MHD_Connection *c, void **req_cls,
                    enum MHD_RequestTerminationCode toe) {
    free(*req_cls);
    *req_cls = NULL;
}

typedef struct {
    srv_request_t *req;
    srv_param_status_t status;
} param_ctx_t;

static enum MHD_Result collect_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value) {
    param_ctx_t *pc = cls;
    pc->status = srv_param_add(pc->req, key, value);
    return pc->status == SRV_PARAM_OK ? MHD_YES : MHD_NO;
}

/* Only local names may reach a server bound to loopback (DNS rebinding). */
static int host_allowed(const sk_server_t *srv, const char *host) {
    if (!srv->loopback || !host) return 1;
    char name[256];
    size_t n = strlen(host);
    if (n == 0 || n >= sizeof name) return 0;
    memcpy(name, host, n + 1);
    if (name[0] == '[') {
        char *e = strchr(name, ']');
        if (!e) return 0;
        e[1] = '\0';
    } else {
        char *colon = strchr(name, ':');
        if (colon) *colon = '\0';
    }
    static const char *const OK[] = {"localhost", "127.0.0.1", "[::1]"};
    for (size_t i = 0; i < SK_ARRAY_LEN(OK); i++)
        if (!strcasecmp(name, OK[i])) return 1;
    return 0;
}

static char *cache_key(const srv_request_t *req) {
    size_t n = strlen(req->path) + 2;
    for (int i = 0; i < req->n_params; i++)
        n += strlen(req->params[i].key) + strlen(req->params[i].value) + 2;
    char *k = malloc(n), *p = k;
    if (!k) return NULL;
    p += sprintf(p, "%s\n", req->path);
    for (int i = 0; i < req->n_params; i++)
        p += sprintf(p, "%s=%s\n", req->params[i].key, req->params[i].value);
    return k;
}

static int cache_get(sk_server_t *srv, const char *key, srv_response_t *res) {
    int hit = 0;
    time_t now = time(NULL);
    pthread_mutex_lock(&srv->cache_lock);
    for (int i = 0; i < CACHE_SLOTS && !hit; i++) {
        cache_entry_t *e = &srv->cache[i];
        if (!e->key || strcmp(e->key, key) || now - e->stored > CACHE_TTL) continue;
        if ((res->body = malloc(e->len ? e->len : 1))) {
            memcpy(res->body, e->body, e->len);
            res->len = e->len;
            res->status = 200;
            res->content_type = e->content_type;
            res->disposition = e->disposition;
            e->used = ++srv->clock;
            hit = 1;
        }
    }
    pthread_mutex_unlock(&srv->cache_lock);
    return hit;
}

static void cache_put(sk_server_t *srv, char *key, const srv_response_t *res) {
    char *body = res->len <= CACHE_MAX_ENTRY ? malloc(res->len ? res->len : 1) : NULL;
    if (!body) {
        free(key);
        return;
    }
    memcpy(body, res->body, res->len);
    pthread_mutex_lock(&srv->cache_lock);
    cache_entry_t *victim = &srv->cache[0];
    for (int i = 0; i < CACHE_SLOTS; i++) {
        cache_entry_t *e = &srv->cache[i];
        if (!e->key || (e->key && !strcmp(e->key, key))) {
            victim = e;
            break;
        }
        if (e->used < victim->used) victim = e;
    }
    free(victim->key);
    free(victim->body);
    *victim = (cache_entry_t){
        key, body, res->len, res->content_type, res->disposition, time(NULL), ++srv->clock};
    pthread_mutex_unlock(&srv->cache_lock);
}

static void serve_asset(const char *path, srv_response_t *res) {
    const srv_asset_t *a = srv_asset_find(path);
    if (!a) {
        srv_error(res, 404, "not found");
        return;
    }
    res->body = malloc(a->len ? a->len : 1);
    if (!res->body) {
        srv_error(res, 500, "out of memory");
        return;
    }
    memcpy(res->body, a->data, a->len);
    res->len = a->len;
    res->status = 200;
    res->content_type = srv_asset_type(a->path);
}

static enum MHD_Result send_response(struct MHD_Connection *c, srv_response_t *res, int is_api) {
    struct MHD_Response *r =
        MHD_create_response_from_buffer(res->len, res->body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(res->body);
        return MHD_NO;
    }
    res->body = NULL;
    MHD_add_response_header(r, "Content-Type", res->content_type);
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
    MHD_add_response_header(r, "Cache-Control", is_api ? "no-store" : "no-cache");
    if (res->status == 405) MHD_add_response_header(r, "Allow", "GET, HEAD");
    if (res->disposition) MHD_add_response_header(r, "Content-Disposition", res->disposition);
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)res->status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **req_cls) {
    sk_server_t *srv = cls;
    conn_state_t *cs = *req_cls;
    if (!cs) return MHD_NO; /* allocation failed in on_uri */
    srv_request_t req = {0};
    srv_response_t res = {0};
    int is_api = url && !strncmp(url, "/api/", 5);
    if (cs->seen == 2 || (cs->seen == 1 && *upload_data_size)) {
        *upload_data_size = 0; /* body bytes of a rejected request: drop them */
        return MHD_YES;
    }
    if (cs->seen == 0) {
        /* First call, headers only: reject what we will not read before any
         * body arrives; otherwise answer on the next call (keeps keep-alive). */
        const char *clen = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
        if (strcmp(method, "GET") && strcmp(method, "HEAD"))
            srv_error(&res, 405, "method %s not allowed: use GET", method);
        else if ((clen && strtoull(clen, NULL, 10) > SRV_MAX_BODY) || te)
            srv_error(&res, 413, "request body not allowed");
        if (!res.body) {
            cs->seen = 1;
            return MHD_YES;
        }
        cs->seen = 2;
        return send_response(c, &res, 1);
    }
    cs->seen = 2;

    if (cs->uri_len > SRV_MAX_URI) {
        srv_error(&res, 414, "request URI longer than %d bytes", SRV_MAX_URI);
    } else if (!host_allowed(srv, MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host"))) {
        srv_error(&res, 403, "Host header not allowed");
    } else if (!url || url[0] != '/' || cs->nul) {
        srv_error(&res, 400, "bad request target");
    } else {
        param_ctx_t pc = {.req = &req};
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_param, &pc);
        if (pc.status != SRV_PARAM_OK)
            srv_param_error(pc.status, &res);
        else if (is_api) {
            req.path = url;
            char *key = srv->no_cache ? NULL : cache_key(&req);
            if (!key || !cache_get(srv, key, &res)) {
                req.store = worker_store(srv);
                if (!req.store)
                    srv_error(&res, 500, "store unavailable");
                else
                    srv_api(&req, &res);
                if (key && res.status == 200) {
                    cache_put(srv, key, &res);
                    key = NULL;
                }
            }
            free(key);
        } else if (!strcmp(url, "/api")) {
            srv_error(&res, 404, "unknown route: see /api/ in docs/API.md");
        } else {
            serve_asset(url, &res);
        }
    }
    if (!res.body) srv_error(&res, 500, "out of memory");
    if (srv->verbose || res.status >= 500) {
        struct timespec t1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double ms =
            (double)(t1.tv_sec - cs->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - cs->t0.tv_nsec) / 1e6;
        fprintf(stderr, "sukien serve: %s %.200s %d %zu bytes %.1f ms\n", method, url ? url : "-",
                res.status, res.len, ms);
    }
    return send_response(c, &res, is_api || res.status >= 400);
}

static int is_loopback(const struct sockaddr *sa) {
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        return IN6_IS_ADDR_LOOPBACK(a);
    }
    return 0;
}

int sk_server_start(const sk_server_config_t *cfg, sk_server_t **out, char *errmsg,
                    size_t errmsg_cap) {
    *out = NULL;
    const char *db = cfg->db ? cfg->db : "sukien.db";
    const char *host = cfg->host ? cfg->host : "127.0.0.1";
    sk_store_t *probe = NULL;
    char err[256] = "";
    int rc = sk_store_open(db, SK_STORE_READONLY, &probe, err, sizeof err);
    if (rc != SK_OK) {
        snprintf(errmsg, errmsg_cap, "cannot open store %s: %s", db,
                 err[0] ? err : sk_strerror(rc));
        return rc;
    }
    sk_store_close(probe);

    struct addrinfo hints = {.ai_family = AF_UNSPEC,
                             .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE},
                    *ai = NULL;
    char port[16];
    snprintf(port, sizeof port, "%u", cfg->port);
    int gai = getaddrinfo(host, port, &hints, &ai);
    if (gai != 0 || !ai) {
        snprintf(errmsg, errmsg_cap, "cannot resolve host %s: %s", host, gai_strerror(gai));
        return SK_EINVAL;
    }
    sk_server_t *srv = calloc(1, sizeof *srv);
    if (!srv || !(srv->db = strdup(db))) {
        free(srv);
        freeaddrinfo(ai);
        return SK_ENOMEM;
    }
    srv->verbose = cfg->verbose;
    srv->no_cache = cfg->no_cache;
    pthread_mutex_init(&srv->cache_lock, NULL);
    srv->loopback = is_loopback(ai->ai_addr);
    if (pthread_key_create(&srv->store_key, store_destructor) != 0) {
        free(srv->db);
        free(srv);
        freeaddrinfo(ai);
        return SK_ENOMEM;
    }
    srv->key_made = 1;
    unsigned threads = cfg->threads ? cfg->threads : 4;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
    if (ai->ai_family == AF_INET6) flags |= MHD_USE_IPv6;
    if (cfg->verbose) flags |= MHD_USE_ERROR_LOG;
    srv->daemon =
        MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR, ai->ai_addr,
                         MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                         (size_t)(64 * 1024), MHD_OPTION_CONNECTION_LIMIT, 256u,
                         MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_URI_LOG_CALLBACK, on_uri,
                         srv, MHD_OPTION_NOTIFY_COMPLETED, on_done, srv, MHD_OPTION_END);
    freeaddrinfo(ai);
    if (!srv->daemon) {
        snprintf(errmsg, errmsg_cap, "cannot listen on %s port %u: %s", host, cfg->port,
                 errno ? strerror(errno) : "libmicrohttpd failed to start");
        sk_server_stop(srv);
        return SK_EIO;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : cfg->port;
    *out = srv;
    return SK_OK;
}

unsigned sk_server_port(const sk_server_t *self) {
    return self->port;
}

void sk_server_stop(sk_server_t *self) {
    if (!self) return;
    if (self->daemon) MHD_stop_daemon(self->daemon);
    if (self->key_made) pthread_key_delete(self->store_key);
    for (int i = 0; i < CACHE_SLOTS; i++) {
        free(self->cache[i].key);
        free(self->cache[i].body);
    }
    pthread_mutex_destroy(&self->cache_lock);
    free(self->db);
    free(self);
}
