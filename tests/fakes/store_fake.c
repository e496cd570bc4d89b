/* store_fake.c — a small in-memory stand-in for the store's query API, linked
 * only into build/sukien-fake (tests/fakes/fake_main.c) so the HTTP layer can
 * be tested without a database. Data: three events, two persons. A person
 * filter of "__fail__" makes every query fail with SK_EDB (to test 500s). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "store.h"

struct sk_store {
    json_t *events;
};

static const char EVENTS[] =
    "["
    "{\"id\":\"ev_00000000000000a1\",\"type\":\"MEET\",\"subtype\":\"receive\",\"status\":"
    "\"occurred\",\"date\":\"2025-03-12\",\"date_precision\":\"day\",\"location\":{\"name\":\"Hà "
    "Nội\",\"country\":\"VNM\"},\"cameo\":\"043\",\"plover\":{\"type\":\"CONSULT\",\"mode\":"
    "\"visit\"},\"sides\":[{\"role\":\"host\",\"country\":\"VNM\",\"actors\":[{\"name\":\"Tô "
    "Lâm\",\"kind\":\"person\",\"titles\":[\"Tổng Bí thư\"],\"org\":\"Đảng Cộng sản Việt "
    "Nam\",\"country\":\"VNM\",\"person_id\":\"to lam\"}]},{\"role\":\"guest\",\"country\":"
    "\"FRA\",\"actors\":[{\"name\":\"Fabien Roussel\",\"kind\":\"person\",\"titles\":[\"Bí thư "
    "toàn quốc Đảng Cộng sản Pháp\"],\"org\":\"Đảng Cộng sản Pháp\",\"country\":\"FRA\","
    "\"person_id\":\"fabien roussel\"}]}],\"n_articles\":2,\"n_sources\":2,\"first_published\":"
    "\"2025-03-12\",\"last_published\":\"2025-03-13\"},"
    "{\"id\":\"ev_00000000000000b2\",\"type\":\"CALL\",\"subtype\":\"phone\",\"status\":"
    "\"occurred\",\"date\":\"2025-04-02\",\"date_precision\":\"day\",\"location\":null,\"cameo\":"
    "\"041\",\"plover\":{\"type\":\"CONSULT\",\"mode\":\"phone\"},\"sides\":[{\"role\":\"caller\","
    "\"country\":\"VNM\",\"actors\":[{\"name\":\"Tô Lâm\",\"kind\":\"person\",\"titles\":[\"Tổng "
    "Bí thư\"],\"org\":null,\"country\":\"VNM\",\"person_id\":\"to lam\"}]},{\"role\":\"callee\","
    "\"country\":\"JPN\",\"actors\":[{\"name\":\"Nhật Bản\",\"kind\":\"organization\",\"titles\":"
    "[],\"org\":null,\"country\":\"JPN\",\"person_id\":null}]}],\"n_articles\":1,\"n_sources\":1,"
    "\"first_published\":\"2025-04-02\",\"last_published\":\"2025-04-02\"},"
    "{\"id\":\"ev_00000000000000c3\",\"type\":\"VISIT\",\"subtype\":\"official\",\"status\":"
    "\"occurred\",\"date\":\"2025-05-20\",\"date_precision\":\"day\",\"location\":{\"name\":"
    "\"Viêng Chăn\",\"country\":\"LAO\"},\"cameo\":\"042\",\"plover\":{\"type\":\"CONSULT\","
    "\"mode\":\"visit\"},\"sides\":[{\"role\":\"guest\",\"country\":\"VNM\",\"actors\":[{\"name\":"
    "\"Phạm Minh Chính\",\"kind\":\"person\",\"titles\":[\"Thủ tướng\"],\"org\":null,\"country\":"
    "\"VNM\",\"person_id\":\"pham minh chinh\"}]},{\"role\":\"host\",\"country\":\"LAO\","
    "\"actors\":[{\"name\":\"Lào\",\"kind\":\"organization\",\"titles\":[],\"org\":null,"
    "\"country\":\"LAO\",\"person_id\":null}]}],\"n_articles\":1,\"n_sources\":1,"
    "\"first_published\":\"2025-05-21\",\"last_published\":\"2025-05-21\"}"
    "]";

static char *fold(const char *s) {
    utf8proc_uint8_t *out = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                         UTF8PROC_CASEFOLD) < 0)
        return strdup("");
    for (char *p = (char *)out; *p; p++) /* đ (c4 91) -> d */
        if ((unsigned char)p[0] == 0xc4 && (unsigned char)p[1] == 0x91) {
            p[0] = 'd';
            memmove(p + 1, p + 2, strlen(p + 2) + 1);
        }
    return (char *)out;
}

static int contains_folded(const char *hay, const char *needle) {
    char *h = fold(hay), *n = fold(needle);
    int r = strstr(h, n) != NULL;
    free(h);
    free(n);
    return r;
}

int sk_store_open(const char *target, unsigned flags, sk_store_t **out, char *errmsg,
                  size_t errmsg_cap) {
    *out = NULL;
    if (!target) target = "sukien.db";
    if ((flags & SK_STORE_READONLY) && access(target, R_OK) != 0) {
        if (errmsg) snprintf(errmsg, errmsg_cap, "no store at %s", target);
        return SK_ENOTFOUND;
    }
    sk_store_t *s = calloc(1, sizeof *s);
    if (!s) return SK_ENOMEM;
    s->events = json_loads(EVENTS, 0, NULL);
    *out = s;
    return SK_OK;
}

void sk_store_close(sk_store_t *self) {
    if (!self) return;
    json_decref(self->events);
    free(self);
}

const char *sk_store_backend(const sk_store_t *self) {
    return "fake";
}

const char *sk_store_errmsg(const sk_store_t *self) {
    return "fake failure";
}

static int failing(const sk_event_filter_t *f) {
    return f && f->person && !strcmp(f->person, "__fail__");
}

static int match(const sk_event_filter_t *f, json_t *ev) {
    if (!f) return 1;
    if (f->type && strcmp(f->type, json_string_value(json_object_get(ev, "type")))) return 0;
    const char *date = json_string_value(json_object_get(ev, "date"));
    if (f->since && strncmp(date, f->since, strlen(f->since)) < 0) return 0;
    if (f->until && strncmp(date, f->until, strlen(f->until)) > 0) return 0;
    int c_ok = !f->country, p_ok = !f->person;
    size_t i, j;
    json_t *side, *actor;
    json_array_foreach(json_object_get(ev, "sides"), i, side) {
        if (f->country && !strcmp(f->country, json_string_value(json_object_get(side, "country"))))
            c_ok = 1;
        json_array_foreach(json_object_get(side, "actors"), j, actor) {
            if (f->person &&
                contains_folded(json_string_value(json_object_get(actor, "name")), f->person))
                p_ok = 1;
        }
    }
    return c_ok && p_ok;
}

int sk_store_events(sk_store_t *self, const sk_event_filter_t *f, json_t **out) {
    *out = NULL;
    if (failing(f)) return SK_EDB;
    json_t *arr = json_array();
    size_t i, n = 0;
    json_t *ev;
    json_array_foreach(self->events, i, ev) {
        if (!match(f, ev)) continue;
        n++;
        if (f && (long)n <= f->offset) continue;
        if (f && f->limit && (long)json_array_size(arr) >= f->limit) continue;
        json_array_append(arr, ev);
    }
    *out = json_pack("{s:I,s:I,s:I,s:o}", "total", (json_int_t)n, "offset",
                     (json_int_t)(f ? f->offset : 0), "limit", (json_int_t)(f ? f->limit : 0),
                     "events", arr);
    return SK_OK;
}

int sk_store_events_each(sk_store_t *self, const sk_event_filter_t *f, sk_store_row_fn fn,
                         void *ctx) {
    json_t *o = NULL;
    int rc = sk_store_events(self, f, &o);
    if (rc) return rc;
    size_t i;
    json_t *ev;
    json_array_foreach(json_object_get(o, "events"), i, ev) {
        if (fn(ctx, ev)) break;
    }
    json_decref(o);
    return SK_OK;
}

int sk_store_event(sk_store_t *self, const char *id, json_t **out) {
    *out = NULL;
    size_t i;
    json_t *ev;
    json_array_foreach(self->events, i, ev) {
        if (strcmp(id, json_string_value(json_object_get(ev, "id")))) continue;
        json_t *o = json_deep_copy(ev);
        json_object_set_new(o, "key", json_string("fake"));
        json_object_set_new(
            o, "reports",
            json_pack(
                "[{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:{s:s,s:i,s:i}}]", "doc", "f1", "url",
                "https://vidu.example.vn/f1.html", "title", "Tin thử", "outlet", "Báo Ví Dụ",
                "published", "2025-03-12", "corpus", "fake", "subtype", "receive", "status",
                "occurred", "date", "2025-03-12", "date_precision", "day", "evidence", "sentence",
                "Ngày 12/3, Tổng Bí thư Tô Lâm tiếp ông Fabien Roussel.", "start", 40, "end", 101));
        *out = o;
        return SK_OK;
    }
    return SK_ENOTFOUND;
}

int sk_store_person(sk_store_t *self, const char *name, long limit, json_t **out) {
    *out = NULL;
    if (!strcmp(name, "__fail__")) return SK_EDB;
    if (!contains_folded("Tô Lâm", name)) return SK_ENOTFOUND;
    *out = json_pack("{s:s,s:s,s:s,s:s,s:[s],s:[{s:s,s:s,s:s,s:i}],s:[],s:[{s:s,s:s,s:s,s:s,"
                     "s:i,s:s,s:s,s:{s:i}}],s:i,s:i}",
                     "id", "to lam", "name", "Tô Lâm", "country", "VNM", "org",
                     "Đảng Cộng sản Việt Nam", "spellings", "Tô Lâm", "offices", "title",
                     "Tổng Bí thư", "first_seen", "2025-03-12", "last_seen", "2025-04-02",
                     "n_articles", 3, "articles", "contacts", "name", "Fabien Roussel", "person_id",
                     "fabien roussel", "kind", "person", "country", "FRA", "n_events", 1,
                     "first_date", "2025-03-12", "last_date", "2025-03-12", "types", "MEET", 1,
                     "n_events", 2, "n_articles", 3);
    return SK_OK;
}

int sk_store_persons(sk_store_t *self, const char *q, long limit, long offset, json_t **out) {
    *out = json_pack("{s:i,s:[]}", "total", 0, "persons");
    return SK_OK;
}

int sk_store_search(sk_store_t *self, const char *q, long limit, long offset, json_t **out) {
    *out = NULL;
    if (!strcmp(q, "__fail__")) return SK_EDB;
    sk_event_filter_t f = {.person = q, .limit = limit, .offset = offset};
    json_t *ev = NULL;
    sk_store_events(self, &f, &ev);
    *out = json_pack("{s:s,s:{s:i,s:[]},s:{s:O,s:O},s:{s:i,s:[]}}", "query", q, "articles", "total",
                     0, "items", "events", "total", json_object_get(ev, "total"), "items",
                     json_object_get(ev, "events"), "persons", "total", 0, "items");
    json_decref(ev);
    return SK_OK;
}

int sk_store_timeline(sk_store_t *self, const sk_event_filter_t *f, sk_timeline_by_t by,
                      json_t **out) {
    *out = NULL;
    if (failing(f)) return SK_EDB;
    *out = json_pack("{s:s,s:[sss],s:[{s:s,s:[iii]},{s:s,s:[iii]}]}", "by",
                     by == SK_TIMELINE_TYPE ? "type" : "country", "months", "2025-03", "2025-04",
                     "2025-05", "series", "key", by == SK_TIMELINE_TYPE ? "MEET" : "FRA", "counts",
                     1, 0, 0, "key", by == SK_TIMELINE_TYPE ? "CALL" : "JPN", "counts", 0, 1, 0);
    return SK_OK;
}

int sk_store_network(sk_store_t *self, const sk_event_filter_t *f, sk_network_level_t level,
                     long min_weight, json_t **out) {
    *out = NULL;
    if (failing(f)) return SK_EDB;
    if (level == SK_NET_PERSON) {
        *out = json_pack("{s:s,s:[{s:s,s:s,s:s,s:s,s:i},{s:s,s:s,s:s,s:s,s:i}],s:[{s:s,s:s,s:i,"
                         "s:{s:i},s:s,s:s}]}",
                         "level", "person", "nodes", "id", "p:to lam", "label", "Tô Lâm", "kind",
                         "person", "country", "VNM", "weight", 2, "id", "p:fabien roussel", "label",
                         "Fabien Roussel", "kind", "person", "country", "FRA", "weight", 1, "edges",
                         "source", "p:to lam", "target", "p:fabien roussel", "weight", 1, "types",
                         "MEET", 1, "first_date", "2025-03-12", "last_date", "2025-03-12");
        return SK_OK;
    }
    *out = json_pack(
        "{s:s,s:[{s:s,s:s,s:s,s:s,s:i},{s:s,s:s,s:s,s:s,s:i},{s:s,s:s,s:s,s:s,s:i}],"
        "s:[{s:s,s:s,s:i,s:{s:i},s:s,s:s},{s:s,s:s,s:i,s:{s:i},s:s,s:s}]}",
        "level", "country", "nodes", "id", "c:VNM", "label", "Việt Nam", "kind", "country",
        "country", "VNM", "weight", 3, "id", "c:FRA", "label", "Pháp", "kind", "country", "country",
        "FRA", "weight", 1, "id", "c:JPN", "label", "Nhật Bản", "kind", "country", "country", "JPN",
        "weight", 1, "edges", "source", "c:VNM", "target", "c:FRA", "weight", 1, "types", "MEET", 1,
        "first_date", "2025-03-12", "last_date", "2025-03-12", "source", "c:VNM", "target", "c:JPN",
        "weight", 1, "types", "CALL", 1, "first_date", "2025-04-02", "last_date", "2025-04-02");
    return SK_OK;
}

int sk_store_stats(sk_store_t *self, json_t **out) {
    *out = json_pack("{s:i,s:i,s:i,s:i,s:i,s:s,s:s,s:s}", "articles", 4, "reports", 4, "events", 3,
                     "persons", 2, "organizations", 2, "first_date", "2025-03-12", "last_date",
                     "2025-05-20", "backend", "fake");
    return SK_OK;
}

int sk_export_format_parse(const char *name) {
    static const char *const N[] = {"jsonl", "csv", "tsv", "gdelt", "plover", "graphml"};
    for (size_t i = 0; i < sizeof N / sizeof N[0]; i++)
        if (!strcmp(N[i], name)) return (int)i;
    return -1;
}

typedef struct {
    sk_write_fn write;
    void *ctx;
    sk_export_format_t format;
    int failed;
} exp_ctx_t;

static int export_row(void *vctx, json_t *row) {
    exp_ctx_t *x = vctx;
    char line[512];
    if (x->format == SK_EXPORT_CSV)
        snprintf(line, sizeof line, "%s,%s,%s\n", json_string_value(json_object_get(row, "id")),
                 json_string_value(json_object_get(row, "type")),
                 json_string_value(json_object_get(row, "date")));
    else {
        char *s = json_dumps(row, JSON_COMPACT | JSON_PRESERVE_ORDER);
        snprintf(line, sizeof line, "%s\n", s ? s : "{}");
        free(s);
    }
    if (x->write(x->ctx, line, strlen(line))) x->failed = 1;
    return x->failed;
}

int sk_store_export(sk_store_t *self, const sk_event_filter_t *f, sk_export_format_t format,
                    sk_network_level_t level, sk_write_fn write, void *ctx) {
    if (failing(f)) return SK_EDB;
    exp_ctx_t x = {write, ctx, format, 0};
    if (format == SK_EXPORT_CSV && write(ctx, "id,type,date\n", 13)) return SK_EIO;
    int rc = sk_store_events_each(self, f, export_row, &x);
    return rc ? rc : x.failed ? SK_EIO : SK_OK;
}
