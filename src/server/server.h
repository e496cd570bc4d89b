/* server.h — `sukien serve`: a read-only HTTP server over the store with a
 * JSON API under /api/ (docs/API.md) and the web page embedded in the binary.
 *
 * Threads: libmicrohttpd's internal thread pool; each worker thread opens its
 * own read-only sk_store_t on first use (store.h: one store per thread) and
 * closes it when the pool stops. */
#ifndef SK_SERVER_H
#define SK_SERVER_H

#include <signal.h>

typedef struct sk_server_config {
    const char *db;   /* store target (NULL = "sukien.db") */
    const char *host; /* address to bind (NULL = "127.0.0.1") */
    unsigned port;    /* 0 = any free port */
    unsigned threads; /* worker threads (0 = 4) */
    int verbose;      /* log every request to stderr */
} sk_server_config_t;

typedef struct sk_server sk_server_t;

/* Check the store opens read-only, bind and start serving. Returns SK_OK and
 * *out, or a negative status with the reason in errmsg. */
int sk_server_start(const sk_server_config_t *cfg, sk_server_t **out, char *errmsg,
                    size_t errmsg_cap);
/* The port actually bound (useful with port 0). */
unsigned sk_server_port(const sk_server_t *self);
/* Stop serving, join the workers (closing their stores) and free. NULL is fine. */
void sk_server_stop(sk_server_t *self);

#endif
