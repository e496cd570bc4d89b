/* event_json.c — the spec's output record (shared/spec/events.md) for events
 * and the per-article persons line.
 *
 * Records are written directly (jsonw.c). The jansson DOM versions below are
 * kept as the reference and as the fallback for a record holding a string
 * that is not valid UTF-8, which jansson drops (json_string returns NULL, so
 * the key or array element disappears): the fallback keeps those bytes too. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "coder.h"
#include "jsonw.h"

static json_t *str_or_null(const char *s) {
    return s ? json_string(s) : json_null();
}

static json_t *actor_json(const sk_actor_t *a) {
    json_t *o = json_object();
    json_object_set_new(o, "name", str_or_null(a->name));
    json_object_set_new(o, "kind",
                        json_string(a->kind == SK_ACTOR_PERSON ? "person" : "organization"));
    json_t *t = json_array();
    for (size_t i = 0; i < a->n_titles; i++)
        json_array_append_new(t, json_string(a->titles[i]));
    json_object_set_new(o, "titles", t);
    json_object_set_new(o, "org", str_or_null(a->org));
    if (a->country) json_object_set_new(o, "country", json_string(a->country));
    return o;
}

static char *event_json_dom(const sk_article_t *article, const sk_event_t *ev) {
    json_t *o = json_object();
    json_object_set_new(o, "doc", str_or_null(ev->doc ? ev->doc : article->doc));
    json_object_set_new(o, "type", json_string(sk_event_type_name(ev->type)));
    json_object_set_new(o, "subtype", str_or_null(ev->subtype));
    json_object_set_new(o, "status", json_string(ev->planned ? "planned" : "occurred"));
    json_t *sides = json_array();
    for (int s = 0; s < 2; s++) {
        const sk_side_t *sd = &ev->sides[s];
        json_t *so = json_object();
        json_object_set_new(so, "role", str_or_null(sd->role));
        json_t *acts = json_array();
        for (size_t i = 0; i < sd->n_actors; i++)
            json_array_append_new(acts, actor_json(&sd->actors[i]));
        json_object_set_new(so, "actors", acts);
        json_object_set_new(so, "country", str_or_null(sd->country));
        if (sd->locality) json_object_set_new(so, "locality", json_string(sd->locality));
        json_array_append_new(sides, so);
    }
    json_object_set_new(o, "sides", sides);
    json_object_set_new(o, "date", str_or_null(ev->date.iso));
    json_object_set_new(o, "date_precision",
                        json_string(sk_date_precision_name(ev->date.precision)));
    if (ev->date.inferred) json_object_set_new(o, "date_inferred", json_true());
    if (ev->location_name)
        json_object_set_new(o, "location",
                            json_pack("{s:s,s:o}", "name", ev->location_name, "country",
                                      str_or_null(ev->location_country)));
    else
        json_object_set_new(o, "location", json_null());
    json_object_set_new(o, "cameo", str_or_null(ev->cameo));
    json_object_set_new(o, "plover",
                        json_pack("{s:o,s:o}", "type", str_or_null(ev->plover_type), "mode",
                                  str_or_null(ev->plover_mode)));
    if (ev->trigger) json_object_set_new(o, "trigger", json_string(ev->trigger));
    json_object_set_new(o, "evidence",
                        json_pack("{s:o,s:I,s:I}", "sentence", str_or_null(ev->evidence), "start",
                                  (json_int_t)ev->evidence_start, "end",
                                  (json_int_t)ev->evidence_end));
    if (ev->n_mentions > 1) json_object_set_new(o, "sentences", json_integer(ev->n_mentions));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}

static char *persons_json_dom(const sk_article_t *article) {
    const sk_persons_t *ps = sk_article_persons(article);
    json_t *o = json_object();
    json_object_set_new(o, "doc", str_or_null(article->doc));
    json_t *arr = json_array();
    for (size_t i = 0; ps && i < ps->n; i++) {
        const sk_person_t *p = &ps->items[i];
        json_t *po = json_object();
        json_object_set_new(po, "name", json_string(p->name));
        json_t *t = json_array();
        for (size_t k = 0; k < p->n_titles; k++)
            json_array_append_new(t, json_string(p->titles[k]));
        json_object_set_new(po, "titles", t);
        json_object_set_new(po, "org", str_or_null(p->org));
        json_object_set_new(po, "country", str_or_null(p->country));
        json_object_set_new(po, "mentions", json_integer(p->n_mentions));
        json_object_set_new(
            po, "span", json_pack("[II]", (json_int_t)p->first_start, (json_int_t)p->first_end));
        json_array_append_new(arr, po);
    }
    json_object_set_new(o, "persons", arr);
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}

/* ---- direct writer ------------------------------------------------------ */

static void key(sk_jsonw_t *w, const char *k) {
    sk_jsonw_lit(w, k); /* keys are written with their quotes, colon and comma */
}

/* A value jansson makes with json_string (never null): a NULL pointer makes
 * it drop the element, so that record takes the jansson path. */
static void str_req(sk_jsonw_t *w, const char *s) {
    if (s)
        sk_jsonw_str(w, s, strlen(s));
    else
        w->err |= SK_JSONW_BADUTF8;
}

/* A name of our own (sk_event_type_name, sk_date_precision_name): plain ASCII, nothing to
 * escape, so its JSON string is the name in quotes. */
static void name_str(sk_jsonw_t *w, const char *s) {
    size_t n = strlen(s);
    if (sk_jsonw_reserve(w, n + 2)) return;
    w->p[w->n] = '"';
    memcpy(w->p + w->n + 1, s, n);
    w->p[w->n + n + 1] = '"';
    w->n += n + 2;
}

static void write_titles(sk_jsonw_t *w, const char **titles, size_t n) {
    sk_jsonw_raw(w, "[", 1);
    for (size_t i = 0; i < n; i++) {
        if (i) sk_jsonw_raw(w, ",", 1);
        str_req(w, titles[i]);
    }
    sk_jsonw_raw(w, "]", 1);
}

static void write_actor(sk_jsonw_t *w, const sk_actor_t *a) {
    key(w, "{\"name\":");
    sk_jsonw_str_or_null(w, a->name);
    key(w, a->kind == SK_ACTOR_PERSON ? ",\"kind\":\"person\",\"titles\":"
                                      : ",\"kind\":\"organization\",\"titles\":");
    write_titles(w, a->titles, a->n_titles);
    key(w, ",\"org\":");
    sk_jsonw_str_or_null(w, a->org);
    if (a->country) {
        key(w, ",\"country\":");
        sk_jsonw_str_or_null(w, a->country);
    }
    sk_jsonw_raw(w, "}", 1);
}

static void write_event(sk_jsonw_t *w, const sk_article_t *article, const sk_event_t *ev) {
    key(w, "{\"doc\":");
    sk_jsonw_str_or_null(w, ev->doc ? ev->doc : article->doc);
    key(w, ",\"type\":");
    name_str(w, sk_event_type_name(ev->type));
    key(w, ",\"subtype\":");
    sk_jsonw_str_or_null(w, ev->subtype);
    key(w, ev->planned ? ",\"status\":\"planned\",\"sides\":["
                       : ",\"status\":\"occurred\",\"sides\":[");
    for (int s = 0; s < 2; s++) {
        const sk_side_t *sd = &ev->sides[s];
        key(w, s ? ",{\"role\":" : "{\"role\":");
        sk_jsonw_str_or_null(w, sd->role);
        key(w, ",\"actors\":[");
        for (size_t i = 0; i < sd->n_actors; i++) {
            if (i) sk_jsonw_raw(w, ",", 1);
            write_actor(w, &sd->actors[i]);
        }
        key(w, "],\"country\":");
        sk_jsonw_str_or_null(w, sd->country);
        if (sd->locality) {
            key(w, ",\"locality\":");
            sk_jsonw_str_or_null(w, sd->locality);
        }
        sk_jsonw_raw(w, "}", 1);
    }
    key(w, "],\"date\":");
    sk_jsonw_str_or_null(w, ev->date.iso);
    key(w, ",\"date_precision\":");
    name_str(w, sk_date_precision_name(ev->date.precision));
    if (ev->date.inferred) key(w, ",\"date_inferred\":true");
    if (ev->location_name) {
        key(w, ",\"location\":{\"name\":");
        sk_jsonw_str_or_null(w, ev->location_name);
        key(w, ",\"country\":");
        sk_jsonw_str_or_null(w, ev->location_country);
        sk_jsonw_raw(w, "}", 1);
    } else {
        key(w, ",\"location\":null");
    }
    key(w, ",\"cameo\":");
    sk_jsonw_str_or_null(w, ev->cameo);
    key(w, ",\"plover\":{\"type\":");
    sk_jsonw_str_or_null(w, ev->plover_type);
    key(w, ",\"mode\":");
    sk_jsonw_str_or_null(w, ev->plover_mode);
    sk_jsonw_raw(w, "}", 1);
    if (ev->trigger) {
        key(w, ",\"trigger\":");
        sk_jsonw_str_or_null(w, ev->trigger);
    }
    key(w, ",\"evidence\":{\"sentence\":");
    sk_jsonw_str_or_null(w, ev->evidence);
    key(w, ",\"start\":");
    sk_jsonw_int(w, (long long)ev->evidence_start);
    key(w, ",\"end\":");
    sk_jsonw_int(w, (long long)ev->evidence_end);
    sk_jsonw_raw(w, "}", 1);
    if (ev->n_mentions > 1) {
        key(w, ",\"sentences\":");
        sk_jsonw_int(w, (long long)ev->n_mentions);
    }
    sk_jsonw_raw(w, "}", 1);
}

static void write_persons(sk_jsonw_t *w, const sk_article_t *article) {
    const sk_persons_t *ps = sk_article_persons(article);
    key(w, "{\"doc\":");
    sk_jsonw_str_or_null(w, article->doc);
    key(w, ",\"persons\":[");
    for (size_t i = 0; ps && i < ps->n; i++) {
        const sk_person_t *p = &ps->items[i];
        key(w, i ? ",{\"name\":" : "{\"name\":");
        str_req(w, p->name);
        key(w, ",\"titles\":");
        write_titles(w, p->titles, p->n_titles);
        key(w, ",\"org\":");
        sk_jsonw_str_or_null(w, p->org);
        key(w, ",\"country\":");
        sk_jsonw_str_or_null(w, p->country);
        key(w, ",\"mentions\":");
        sk_jsonw_int(w, (long long)p->n_mentions);
        key(w, ",\"span\":[");
        sk_jsonw_int(w, (long long)p->first_start);
        sk_jsonw_raw(w, ",", 1);
        sk_jsonw_int(w, (long long)p->first_end);
        sk_jsonw_raw(w, "]}", 2);
    }
    sk_jsonw_raw(w, "]}", 2);
}

/* One record + '\n' appended to w, or, when a string in it is not valid
 * UTF-8, whatever the jansson version gives (nothing when it fails). */
static int finish(sk_jsonw_t *w, size_t mark, char *(*dom)(const sk_article_t *, const void *),
                  const sk_article_t *article, const void *item) {
    if (w->err & SK_JSONW_NOMEM) return SK_ENOMEM;
    if (w->err & SK_JSONW_BADUTF8) {
        w->n = mark;
        w->err &= ~SK_JSONW_BADUTF8;
        char *s = dom(article, item);
        if (!s) return SK_OK;
        sk_jsonw_lit(w, s);
        free(s);
    }
    sk_jsonw_raw(w, "\n", 1);
    return (w->err & SK_JSONW_NOMEM) ? SK_ENOMEM : SK_OK;
}

static char *event_dom(const sk_article_t *article, const void *item) {
    return event_json_dom(article, item);
}

static char *persons_dom(const sk_article_t *article, const void *item) {
    (void)item;
    return persons_json_dom(article);
}

int sk_event_write_json(sk_jsonw_t *w, const sk_article_t *article, const sk_event_t *ev) {
    size_t mark = w->n;
    write_event(w, article, ev);
    return finish(w, mark, event_dom, article, ev);
}

int sk_persons_write_json(sk_jsonw_t *w, const sk_article_t *article) {
    size_t mark = w->n;
    write_persons(w, article);
    return finish(w, mark, persons_dom, article, NULL);
}

/* The malloc'd single-record forms (no newline). */
static char *to_string(sk_jsonw_t *w, int rc) {
    if (rc < 0 || w->n == 0) {
        sk_jsonw_free(w);
        return NULL;
    }
    w->p[w->n - 1] = '\0'; /* the newline */
    return w->p;
}

char *sk_event_to_json(const sk_article_t *article, const sk_event_t *ev) {
    sk_jsonw_t w = {0};
    return to_string(&w, sk_event_write_json(&w, article, ev));
}

char *sk_persons_to_json(const sk_article_t *article) {
    sk_jsonw_t w = {0};
    return to_string(&w, sk_persons_write_json(&w, article));
}
