/* server_int.h — what the HTTP layer (server.c), the API routes (api.c) and
 * the embedded assets (assets.c) share. Not a public interface. */
#ifndef SK_SERVER_INT_H
#define SK_SERVER_INT_H

#include <stddef.h>

#include "store.h"

/* Limits on what a client may send and receive. */
enum {
    SRV_MAX_URI = 4096,       /* bytes of request target (path + query) -> 414 */
    SRV_MAX_PARAMS = 24,      /* query parameters -> 400 */
    SRV_MAX_VALUE = 256,      /* bytes of one parameter value -> 400 */
    SRV_MAX_BODY = 0,         /* GET/HEAD carry no body -> 413 */
    SRV_MAX_LIMIT = 1000,     /* rows per page */
    SRV_MAX_EXPORT = 10000,   /* rows per export */
    SRV_MAX_OFFSET = 1000000, /* paging depth */
    SRV_MAX_OUTPUT = 64 << 20 /* bytes of one export response -> 413 */
};

typedef struct srv_param {
    const char *key, *value; /* owned by libmicrohttpd, valid during the request */
} srv_param_t;

typedef struct srv_request {
    const char *path; /* decoded path, starts with '/' */
    srv_param_t params[SRV_MAX_PARAMS];
    int n_params;
    sk_store_t *store; /* this worker's read-only store (NULL if it failed to open) */
    char scratch[256]; /* upper-cased copies of codes */
    size_t scratch_used;
} srv_request_t;

typedef struct srv_response {
    int status;
    char *body; /* malloc'd */
    size_t len;
    const char *content_type;
    const char *disposition; /* Content-Disposition or NULL */
} srv_response_t;

/* Add one decoded query parameter (key and value as libmicrohttpd hands them
 * over; they must outlive the request). NULL keys are ignored, a NULL value
 * is "". On a refusal the request is unchanged: answer with srv_param_error. */
typedef enum {
    SRV_PARAM_OK = 0,
    SRV_PARAM_TOO_MANY,  /* more than SRV_MAX_PARAMS */
    SRV_PARAM_TOO_LONG,  /* key over 64 bytes or value over SRV_MAX_VALUE */
    SRV_PARAM_DUPLICATE, /* the key was given before */
} srv_param_status_t;
srv_param_status_t srv_param_add(srv_request_t *req, const char *key, const char *value);
/* The 400 answer for a refused parameter. */
void srv_param_error(srv_param_status_t status, srv_response_t *res);

/* Set an error response {"error": msg, "status": status}. Returns -1. */
int srv_error(srv_response_t *res, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Route an /api/ request (path starts with "/api/"). Always fills res. */
void srv_api(srv_request_t *req, srv_response_t *res);

/* An embedded web asset by exact path ("/" is "/index.html"); NULL if none. */
typedef struct srv_asset {
    const char *path;
    const unsigned char *data;
    size_t len;
} srv_asset_t;
const srv_asset_t *srv_asset_find(const char *path);
const char *srv_asset_type(const char *path);

#endif
