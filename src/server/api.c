/* api.c — the JSON API under /api/ (docs/API.md): parse and check the query
 * parameters, call the store (which binds every value as a query parameter),
 * and shape the response. Every failure is a JSON error with its status. */
#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "merge.h"
#include "server_int.h"

static const char JSON_TYPE[] = "application/json; charset=utf-8";

/* ---------------------------------------------------------------- parameters */

int srv_error(srv_response_t *res, int status, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    free(res->body);
    json_t *o = json_pack("{s:s,s:i}", "error", msg, "status", status);
    if (!o) /* message not valid UTF-8 (it echoed client input): say less */
        o = json_pack("{s:s,s:i}", "error", "bad request", "status", status);
    res->body = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    res->len = res->body ? strlen(res->body) : 0;
    res->status = status;
    res->content_type = "application/json; charset=utf-8";
    res->disposition = NULL;
    json_decref(o);
    return -1;
}

srv_param_status_t srv_param_add(srv_request_t *req, const char *key, const char *value) {
    if (!key) return SRV_PARAM_OK;
    if (req->n_params >= SRV_MAX_PARAMS) return SRV_PARAM_TOO_MANY;
    if (strlen(key) > 64 || (value && strlen(value) > SRV_MAX_VALUE)) return SRV_PARAM_TOO_LONG;
    for (int i = 0; i < req->n_params; i++)
        if (!strcmp(req->params[i].key, key)) return SRV_PARAM_DUPLICATE;
    req->params[req->n_params].key = key;
    req->params[req->n_params].value = value ? value : "";
    req->n_params++;
    return SRV_PARAM_OK;
}

void srv_param_error(srv_param_status_t status, srv_response_t *res) {
    if (status == SRV_PARAM_TOO_MANY)
        srv_error(res, 400, "too many query parameters (at most %d)", SRV_MAX_PARAMS);
    else if (status == SRV_PARAM_TOO_LONG)
        srv_error(res, 400, "query parameter longer than %d bytes", SRV_MAX_VALUE);
    else
        srv_error(res, 400, "query parameter given twice");
}

static const char *param(const srv_request_t *req, const char *key) {
    for (int i = 0; i < req->n_params; i++)
        if (!strcmp(req->params[i].key, key))
            return req->params[i].value[0] ? req->params[i].value : NULL;
    return NULL;
}

/* Reject parameters the route does not know (typos should not silently widen
 * a query). `allowed` is a NULL-terminated list. */
static int check_known(const srv_request_t *req, const char *const *allowed, srv_response_t *res) {
    for (int i = 0; i < req->n_params; i++) {
        const char *k = req->params[i].key;
        int ok = 0;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = !strcmp(*a, k);
        if (!ok) {
            char safe[65];
            size_t n = 0;
            for (const char *p = k; *p && n < 64; p++)
                safe[n++] = isalnum((unsigned char)*p) || *p == '_' ? *p : '?';
            safe[n] = '\0';
            return srv_error(res, 400, "unknown parameter '%s'", safe);
        }
    }
    return 0;
}

/* Text values: valid UTF-8 without control characters. */
static int check_text(const char *key, const char *v, srv_response_t *res) {
    if (!v) return 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)v;
    utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(v);
    while (n > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, n, &cp);
        if (k <= 0) return srv_error(res, 400, "parameter '%s' is not valid UTF-8", key);
        if (cp < 0x20 || cp == 0x7f)
            return srv_error(res, 400, "parameter '%s' contains control characters", key);
        p += k;
        n -= k;
    }
    return 0;
}

/* Does valid UTF-8 `v` hold a letter or digit (a code point a folded word keeps)? */
static int has_word(const char *v) {
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)v;
    utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(v);
    while (n > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, n, &cp);
        if (k <= 0) return 0;
        if (sk_is_word_cp(cp)) return 1;
        p += k;
        n -= k;
    }
    return 0;
}

static int get_long(const srv_request_t *req, const char *key, long def, long min, long max,
                    long *out, srv_response_t *res) {
    const char *v = param(req, key);
    *out = def;
    if (!v) return 0;
    char *end = NULL;
    long x = strtol(v, &end, 10);
    if (!isdigit((unsigned char)v[0]) || *end || strlen(v) > 9 || x < min || x > max)
        return srv_error(res, 400, "parameter '%s' must be an integer from %ld to %ld", key, min,
                         max);
    *out = x;
    return 0;
}

/* One of `choices` (NULL-terminated); NULL when absent. */
static int get_choice(const srv_request_t *req, const char *key, const char *const *choices,
                      const char *expect, const char **out, srv_response_t *res) {
    const char *v = param(req, key);
    *out = NULL;
    if (!v) return 0;
    for (const char *const *c = choices; *c; c++)
        if (!strcmp(*c, v)) {
            *out = *c;
            return 0;
        }
    return srv_error(res, 400, "parameter '%s' must be %s", key, expect);
}

/* ISO date prefix: YYYY, YYYY-MM or YYYY-MM-DD with a plausible month/day. */
static int valid_date(const char *s) {
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10) return 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-') return 0;
        } else if (!isdigit((unsigned char)s[i]))
            return 0;
    }
    if (n >= 7) {
        int m = (s[5] - '0') * 10 + (s[6] - '0');
        if (m < 1 || m > 12) return 0;
    }
    if (n == 10) {
        int d = (s[8] - '0') * 10 + (s[9] - '0');
        if (d < 1 || d > 31) return 0;
    }
    return 1;
}

static const char *upper_copy(srv_request_t *req, const char *v) {
    size_t n = strlen(v);
    if (req->scratch_used + n + 1 > sizeof req->scratch) return NULL;
    char *d = req->scratch + req->scratch_used;
    for (size_t i = 0; i <= n; i++)
        d[i] = (char)toupper((unsigned char)v[i]);
    req->scratch_used += n + 1;
    return d;
}

static const char *const EVENT_TYPES[] = {"MEET", "VISIT", "CALL", "MESSAGE", "AGREEMENT", NULL};
static const char *const SORTS[] = {"date", "-date", "articles", "id", NULL};
static const char *const BOOLS[] = {"0", "1", "true", "false", NULL};

#define FILTER_PARAMS                                                                              \
    "type", "country", "person", "org", "since", "until", "q", "doc", "planned", "with"

/* The event filter shared by events, timeline, network and export. */
static int get_filter(srv_request_t *req, sk_event_filter_t *f, srv_response_t *res) {
    memset(f, 0, sizeof *f);
    const char *type = param(req, "type");
    if (type) {
        const char *up = upper_copy(req, type);
        for (const char *const *t = EVENT_TYPES; up && *t && !f->type; t++)
            if (!strcmp(*t, up)) f->type = *t;
        if (!f->type)
            return srv_error(res, 400,
                             "parameter 'type' must be MEET, VISIT, CALL, MESSAGE or AGREEMENT");
    }
    const char *country = param(req, "country");
    if (country) {
        size_t n = strlen(country);
        int ok = n >= 2 && n <= 12;
        for (size_t i = 0; ok && i < n; i++)
            ok = isalpha((unsigned char)country[i]);
        if (!ok || !(f->country = upper_copy(req, country)))
            return srv_error(res, 400,
                             "parameter 'country' must be an ISO alpha-3 code or an "
                             "organisation acronym (letters only)");
    }
    static const char *const TEXTS[] = {"person", "org", "q", "doc", "with"};
    for (size_t i = 0; i < SK_ARRAY_LEN(TEXTS); i++)
        if (check_text(TEXTS[i], param(req, TEXTS[i]), res)) return -1;
    /* Names are matched as folded words: a value with no letter or digit
     * would fold to nothing and match everything. Any byte >= 0x80 is not
     * enough: U+00A0, U+200B or a lone combining mark fold to nothing too. */
    static const char *const NAMES[] = {"person", "org", "with"};
    for (size_t i = 0; i < SK_ARRAY_LEN(NAMES); i++) {
        const char *v = param(req, NAMES[i]);
        if (v && !has_word(v))
            return srv_error(res, 400, "parameter '%s' must contain a letter or digit", NAMES[i]);
    }
    f->person = param(req, "person");
    f->org = param(req, "org");
    f->query = param(req, "q");
    f->doc = param(req, "doc");
    const char *with = param(req, "with");
    if (with) { /* contacts between `person` (or country, or org) and `with` */
        const char *a = f->person ? f->person : f->country ? f->country : f->org;
        if (!a) return srv_error(res, 400, "parameter 'with' needs 'person', 'country' or 'org'");
        f->between_a = a;
        f->between_b = with;
        if (a == f->person)
            f->person = NULL;
        else if (a == f->country)
            f->country = NULL;
        else
            f->org = NULL;
    }
    f->since = param(req, "since");
    f->until = param(req, "until");
    if (f->since && !valid_date(f->since))
        return srv_error(res, 400, "parameter 'since' must be YYYY, YYYY-MM or YYYY-MM-DD");
    if (f->until && !valid_date(f->until))
        return srv_error(res, 400, "parameter 'until' must be YYYY, YYYY-MM or YYYY-MM-DD");
    if (f->since && f->until && strncmp(f->since, f->until, 4) > 0)
        return srv_error(res, 400, "'since' is after 'until'");
    const char *planned = NULL;
    if (get_choice(req, "planned", BOOLS, "0, 1, true or false", &planned, res)) return -1;
    f->include_planned = planned && (!strcmp(planned, "1") || !strcmp(planned, "true"));
    return 0;
}

/* ---------------------------------------------------------------- responses */

static void reply_json(srv_response_t *res, json_t *o) {
    if (!o) {
        srv_error(res, 500, "out of memory");
        return;
    }
    res->body = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!res->body) {
        srv_error(res, 500, "out of memory");
        return;
    }
    res->len = strlen(res->body);
    res->status = 200;
    res->content_type = JSON_TYPE;
}

static void store_failed(srv_request_t *req, srv_response_t *res, int rc, const char *what) {
    if (rc == SK_ENOTFOUND) {
        srv_error(res, 404, "%s not found", what);
        return;
    }
    if (rc == SK_EINVAL) {
        srv_error(res, 400, "invalid query");
        return;
    }
    /* The backend's message goes to the log, not to the client. */
    fprintf(stderr, "sukien serve: %s: store error: %s (%s)\n", req->path, sk_strerror(rc),
            sk_store_errmsg(req->store));
    srv_error(res, 500, "store error");
}

/* ---------------------------------------------------------------- routes */

static void route_stats(srv_request_t *req, srv_response_t *res) {
    static const char *const P[] = {NULL};
    if (check_known(req, P, res)) return;
    json_t *o = NULL;
    int rc = sk_store_stats(req->store, &o);
    if (rc) {
        store_failed(req, res, rc, "stats");
        return;
    }
    reply_json(res, o);
}

static void route_events(srv_request_t *req, srv_response_t *res) {
    static const char *const P[] = {FILTER_PARAMS, "sort", "limit", "offset", NULL};
    sk_event_filter_t f;
    long limit, offset;
    if (check_known(req, P, res) || get_filter(req, &f, res) ||
        get_choice(req, "sort", SORTS, "date, -date, articles or id", &f.sort, res) ||
        get_long(req, "limit", 100, 1, SRV_MAX_LIMIT, &limit, res) ||
        get_long(req, "offset", 0, 0, SRV_MAX_OFFSET, &offset, res))
        return;
    f.limit = limit;
    f.offset = offset;
    json_t *o = NULL;
    int rc = sk_store_events(req->store, &f, &o);
    if (rc) {
        store_failed(req, res, rc, "events");
        return;
    }
    reply_json(res, o);
}

static int valid_event_id(const char *id) {
    if (strncmp(id, "ev_", 3) || strlen(id) != 19) return 0;
    for (const char *p = id + 3; *p; p++)
        if (!isxdigit((unsigned char)*p)) return 0;
    return 1;
}

static void route_event(srv_request_t *req, srv_response_t *res, const char *id) {
    static const char *const P[] = {NULL};
    if (check_known(req, P, res)) return;
    if (!valid_event_id(id)) {
        srv_error(res, 404, "no such event (ids look like ev_0123456789abcdef)");
        return;
    }
    json_t *o = NULL;
    int rc = sk_store_event(req->store, id, &o);
    if (rc) {
        store_failed(req, res, rc, "event");
        return;
    }
    reply_json(res, o);
}

static void route_persons(srv_request_t *req, srv_response_t *res) {
    static const char *const P[] = {"q", "limit", "offset", NULL};
    long limit, offset;
    const char *q = param(req, "q");
    if (check_known(req, P, res) || check_text("q", q, res) ||
        get_long(req, "limit", 50, 1, SRV_MAX_LIMIT, &limit, res) ||
        get_long(req, "offset", 0, 0, SRV_MAX_OFFSET, &offset, res))
        return;
    json_t *o = NULL;
    int rc = sk_store_persons(req->store, q, limit, offset, &o);
    if (rc) {
        store_failed(req, res, rc, "persons");
        return;
    }
    reply_json(res, o);
}

static void route_person(srv_request_t *req, srv_response_t *res, const char *name) {
    static const char *const P[] = {"limit", NULL};
    long limit;
    if (check_known(req, P, res) || get_long(req, "limit", 50, 1, SRV_MAX_LIMIT, &limit, res))
        return;
    if (!name[0] || strlen(name) > SRV_MAX_VALUE || strchr(name, '/')) {
        srv_error(res, 404, "no such person");
        return;
    }
    if (check_text("name", name, res)) return;
    json_t *o = NULL;
    int rc = sk_store_person(req->store, name, limit, &o);
    if (rc) {
        store_failed(req, res, rc, "person");
        return;
    }
    reply_json(res, o);
}

static void route_search(srv_request_t *req, srv_response_t *res) {
    static const char *const P[] = {"q", "limit", "offset", NULL};
    long limit, offset;
    const char *q = param(req, "q");
    if (check_known(req, P, res) || check_text("q", q, res) ||
        get_long(req, "limit", 20, 1, SRV_MAX_LIMIT, &limit, res) ||
        get_long(req, "offset", 0, 0, SRV_MAX_OFFSET, &offset, res))
        return;
    if (!q) {
        srv_error(res, 400, "parameter 'q' is required");
        return;
    }
    json_t *o = NULL;
    int rc = sk_store_search(req->store, q, limit, offset, &o);
    if (rc) {
        store_failed(req, res, rc, "search");
        return;
    }
    reply_json(res, o);
}

static void route_timeline(srv_request_t *req, srv_response_t *res) {
    static const char *const P[] = {FILTER_PARAMS, "by", NULL};
    static const char *const BY[] = {"type", "country", NULL};
    sk_event_filter_t f;
    const char *by = NULL;
    if (check_known(req, P, res) || get_filter(req, &f, res) ||
        get_choice(req, "by", BY, "type or country", &by, res))
        return;
    json_t *o = NULL;
    int rc = sk_store_timeline(
        req->store, &f, by && !strcmp(by, "country") ? SK_TIMELINE_COUNTRY : SK_TIMELINE_TYPE, &o);
    if (rc) {
        store_failed(req, res, rc, "timeline");
        return;
    }
    reply_json(res, o);
}

static int cmp_weight_desc(const void *a, const void *b) {
    json_int_t wa = json_integer_value(json_object_get(*(json_t *const *)a, "weight"));
    json_int_t wb = json_integer_value(json_object_get(*(json_t *const *)b, "weight"));
    return wa < wb ? 1 : wa > wb ? -1 : 0;
}

/* Keep the `max` heaviest nodes and the edges between them. */
static void trim_network(json_t *net, size_t max) {
    json_t *nodes = json_object_get(net, "nodes"), *edges = json_object_get(net, "edges");
    size_t n = json_array_size(nodes);
    json_object_set_new(net, "total_nodes", json_integer((json_int_t)n));
    json_object_set_new(net, "total_edges", json_integer((json_int_t)json_array_size(edges)));
    if (n <= max) return;
    json_t **v = malloc(n * sizeof *v);
    if (!v) return;
    for (size_t i = 0; i < n; i++)
        v[i] = json_array_get(nodes, i);
    qsort(v, n, sizeof *v, cmp_weight_desc);
    json_t *kept = json_array(), *ids = json_object();
    for (size_t i = 0; i < max; i++) {
        json_array_append(kept, v[i]);
        const char *id = json_string_value(json_object_get(v[i], "id"));
        if (id) json_object_set_new(ids, id, json_true());
    }
    free(v);
    json_t *kept_edges = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(edges, i, e) {
        const char *s = json_string_value(json_object_get(e, "source"));
        const char *t = json_string_value(json_object_get(e, "target"));
        if (s && t && json_object_get(ids, s) && json_object_get(ids, t))
            json_array_append(kept_edges, e);
    }
    json_object_set_new(net, "nodes", kept);
    json_object_set_new(net, "edges", kept_edges);
    json_object_set_new(net, "truncated", json_true());
    json_decref(ids);
}

static void route_network(srv_request_t *req, srv_response_t *res) {
    static const char *const P[] = {FILTER_PARAMS, "level", "min_weight", "max_nodes", NULL};
    static const char *const LEVELS[] = {"country", "org", "person", NULL};
    sk_event_filter_t f;
    const char *level = NULL;
    long min_weight, max_nodes;
    if (check_known(req, P, res) || get_filter(req, &f, res) ||
        get_choice(req, "level", LEVELS, "country, org or person", &level, res) ||
        get_long(req, "min_weight", 1, 1, 1000000, &min_weight, res) ||
        get_long(req, "max_nodes", 150, 1, SRV_MAX_LIMIT, &max_nodes, res))
        return;
    sk_network_level_t lv = !level || !strcmp(level, "country") ? SK_NET_COUNTRY
                            : !strcmp(level, "org")             ? SK_NET_ORG
                                                                : SK_NET_PERSON;
    json_t *o = NULL;
    int rc = sk_store_network(req->store, &f, lv, min_weight, &o);
    if (rc) {
        store_failed(req, res, rc, "network");
        return;
    }
    trim_network(o, (size_t)max_nodes);
    reply_json(res, o);
}

typedef struct {
    char *buf;
    size_t len, cap;
    int too_big;
} out_buf_t;

static int out_write(void *ctx, const char *s, size_t n) {
    out_buf_t *b = ctx;
    if (b->len + n + 1 > SRV_MAX_OUTPUT) {
        b->too_big = 1;
        return 1;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->buf, cap);
        if (!p) return 1;
        b->buf = p;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
    return 0;
}

typedef struct {
    out_buf_t *out;
    size_t n;
} json_rows_t;

static int json_row(void *ctx, json_t *row) {
    json_rows_t *jr = ctx;
    char *s = json_dumps(row, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (!s) return 1;
    const char *sep = jr->n++ ? ",\n" : "\n";
    int fail = out_write(jr->out, sep, strlen(sep)) || out_write(jr->out, s, strlen(s));
    free(s);
    return fail;
}

static void route_export(srv_request_t *req, srv_response_t *res) {
    static const char *const P[] = {FILTER_PARAMS, "format", "sort", "limit", "offset", NULL};
    static const char *const FORMATS[] = {"csv",    "json",  "jsonl",   "tsv",
                                          "plover", "gdelt", "graphml", NULL};
    sk_event_filter_t f;
    const char *format = NULL;
    long limit, offset;
    if (check_known(req, P, res) || get_filter(req, &f, res) ||
        get_choice(req, "format", FORMATS, "csv, json, jsonl, tsv, plover, gdelt or graphml",
                   &format, res) ||
        get_choice(req, "sort", SORTS, "date, -date, articles or id", &f.sort, res) ||
        get_long(req, "limit", 1000, 1, SRV_MAX_EXPORT, &limit, res) ||
        get_long(req, "offset", 0, 0, SRV_MAX_OFFSET, &offset, res))
        return;
    if (!format) format = "json";
    f.limit = limit;
    f.offset = offset;
    out_buf_t out = {0};
    int rc;
    const char *ctype, *disp;
    if (!strcmp(format, "json")) {
        json_rows_t jr = {&out, 0};
        rc = out_write(&out, "[", 1);
        if (!rc) rc = sk_store_events_each(req->store, &f, json_row, &jr);
        if (!rc && (out.too_big || out_write(&out, "\n]\n", 3))) rc = SK_EIO;
        ctype = JSON_TYPE;
        disp = "attachment; filename=\"sukien-events.json\"";
    } else {
        int fmt = sk_export_format_parse(format);
        if (fmt < 0) {
            srv_error(res, 400, "unknown export format");
            return;
        }
        rc = sk_store_export(req->store, &f, (sk_export_format_t)fmt, SK_NET_COUNTRY, out_write,
                             &out);
        static const struct {
            const char *fmt, *type, *disp;
        } T[] = {
            {"csv", "text/csv; charset=utf-8", "attachment; filename=\"sukien-events.csv\""},
            {"tsv", "text/tab-separated-values; charset=utf-8",
             "attachment; filename=\"sukien-events.tsv\""},
            {"gdelt", "text/tab-separated-values; charset=utf-8",
             "attachment; filename=\"sukien-events-gdelt.tsv\""},
            {"jsonl", "application/x-ndjson; charset=utf-8",
             "attachment; filename=\"sukien-events.jsonl\""},
            {"plover", "application/x-ndjson; charset=utf-8",
             "attachment; filename=\"sukien-events-plover.jsonl\""},
            {"graphml", "application/xml; charset=utf-8",
             "attachment; filename=\"sukien-contacts.graphml\""},
        };
        ctype = "text/plain; charset=utf-8";
        disp = NULL;
        for (size_t i = 0; i < SK_ARRAY_LEN(T); i++)
            if (!strcmp(T[i].fmt, format)) {
                ctype = T[i].type;
                disp = T[i].disp;
            }
    }
    if (out.too_big) {
        free(out.buf);
        srv_error(res, 413, "export larger than %d MB: narrow the filters or lower 'limit'",
                  SRV_MAX_OUTPUT >> 20);
        return;
    }
    if (rc) {
        free(out.buf);
        store_failed(req, res, rc, "export");
        return;
    }
    if (!out.buf && out_write(&out, "", 0)) {
        srv_error(res, 500, "out of memory");
        return;
    }
    res->body = out.buf;
    res->len = out.len;
    res->status = 200;
    res->content_type = ctype;
    res->disposition = disp;
}

void srv_api(srv_request_t *req, srv_response_t *res) {
    const char *p = req->path + 5; /* after "/api/" */
    if (!strcmp(p, "stats")) {
        route_stats(req, res);
        return;
    }
    if (!strcmp(p, "events")) {
        route_events(req, res);
        return;
    }
    if (!strncmp(p, "events/", 7)) {
        route_event(req, res, p + 7);
        return;
    }
    if (!strcmp(p, "persons")) {
        route_persons(req, res);
        return;
    }
    if (!strncmp(p, "persons/", 8)) {
        route_person(req, res, p + 8);
        return;
    }
    if (!strcmp(p, "search")) {
        route_search(req, res);
        return;
    }
    if (!strcmp(p, "timeline")) {
        route_timeline(req, res);
        return;
    }
    if (!strcmp(p, "network")) {
        route_network(req, res);
        return;
    }
    if (!strcmp(p, "export")) {
        route_export(req, res);
        return;
    }
    srv_error(res, 404, "unknown route: see docs/API.md");
}
