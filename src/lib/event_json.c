/* event_json.c — the spec's output record (shared/spec/events.md) for events
 * and the per-article persons line. */
#include <jansson.h>
#include <stdlib.h>

#include "coder.h"

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

char *sk_event_to_json(const sk_article_t *article, const sk_event_t *ev) {
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

char *sk_persons_to_json(const sk_article_t *article) {
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
