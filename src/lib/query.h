/* query.h — internal helpers shared by query.c and export.c: a small SQL
 * builder (text + parameters) and the event filter as SQL. */
#ifndef SK_QUERY_H
#define SK_QUERY_H

#include <jansson.h>

#include "store_int.h"

#define SK_QB_MAX 64

typedef struct sk_qb {
    char *sql;
    size_t len;
    char *owned[SK_QB_MAX];
    char *params[SK_QB_MAX];
    int n;
    int oom;
} sk_qb_t;

void sk_qb_init(sk_qb_t *q);
void sk_qb_free(sk_qb_t *q);
void sk_qb_sql(sk_qb_t *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sk_qb_param(sk_qb_t *q, const char *v);
int sk_qb_run(sk_store_t *s, sk_qb_t *q, sk_rows_t *out);
/* " WHERE ..." over events aliased e. */
void sk_qb_event_where(sk_qb_t *q, const sk_event_filter_t *f);

json_t *sk_json_str(const char *s);
json_t *sk_json_int(const char *s);
int strcmp_ptr(const void *a, const void *b);

#endif
