/* export.c — the store's events in exchange formats: JSON Lines, CSV/TSV,
 * GDELT 2.0 event table columns, POLECAT/PLOVER-style JSON, GraphML.
 * Column mappings are documented in docs/SCHEMA.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "store.h"

int sk_export_format_parse(const char *name) {
    static const char *const names[] = {"jsonl", "csv", "tsv", "gdelt", "plover", "graphml"};
    for (size_t i = 0; i < SK_ARRAY_LEN(names); i++)
        if (!strcmp(name, names[i])) return (int)i;
    return -1;
}

typedef struct {
    sk_store_t *s;
    sk_export_format_t format;
    sk_write_fn write;
    void *ctx;
    int failed;
    int rc;
} exp_t;

static int put(exp_t *x, const char *buf, size_t len) {
    if (x->failed) return 1;
    if (x->write(x->ctx, buf, len)) x->failed = 1;
    return x->failed;
}

static int puts_(exp_t *x, const char *s) {
    return put(x, s, strlen(s));
}

static const char *jstr(json_t *o, const char *k) {
    const char *v = json_string_value(json_object_get(o, k));
    return v ? v : "";
}

static json_t *side(json_t *ev, int i) {
    return json_array_get(json_object_get(ev, "sides"), (size_t)i);
}

static json_t *lead(json_t *ev, int i) {
    return json_array_get(json_object_get(side(ev, i), "actors"), 0);
}

/* Titles joined with "; ". Caller frees. */
static char *titles_of(json_t *actor) {
    json_t *t = json_object_get(actor, "titles");
    size_t len = 1;
    for (size_t i = 0; i < json_array_size(t); i++)
        len += strlen(json_string_value(json_array_get(t, i))) + 2;
    char *out = malloc(len), *o = out;
    if (!out) return NULL;
    *o = 0;
    for (size_t i = 0; i < json_array_size(t); i++)
        o += sprintf(o, "%s%s", i ? "; " : "", json_string_value(json_array_get(t, i)));
    return out;
}

/* ---- CSV / TSV ---- */

static const char *const FLAT_COLS[] = {"id",
                                        "type",
                                        "subtype",
                                        "status",
                                        "date",
                                        "date_precision",
                                        "side1_role",
                                        "side1_country",
                                        "side1_lead",
                                        "side1_lead_kind",
                                        "side1_titles",
                                        "side1_org",
                                        "side2_role",
                                        "side2_country",
                                        "side2_lead",
                                        "side2_lead_kind",
                                        "side2_titles",
                                        "side2_org",
                                        "location",
                                        "location_country",
                                        "cameo",
                                        "plover_type",
                                        "plover_mode",
                                        "n_articles",
                                        "n_sources",
                                        "first_published",
                                        "last_published",
                                        "source_url",
                                        "evidence"};

static int put_field(exp_t *x, const char *v, int first) {
    char sep = x->format == SK_EXPORT_CSV ? ',' : '\t';
    if (!first) put(x, &sep, 1);
    if (!v) v = "";
    if (x->format == SK_EXPORT_CSV) {
        if (!strpbrk(v, ",\"\n\r")) return puts_(x, v);
        put(x, "\"", 1);
        for (const char *p = v; *p; p++) {
            if (*p == '"') put(x, "\"", 1);
            put(x, p, 1);
        }
        return put(x, "\"", 1);
    }
    for (const char *p = v; *p; p++)
        put(x, (*p == '\t' || *p == '\n' || *p == '\r') ? " " : p, 1);
    return x->failed;
}

static void flat_row(exp_t *x, json_t *ev, json_t *detail) {
    char num[3][24];
    const char *vals[SK_ARRAY_LEN(FLAT_COLS)] = {0};
    char *tit[2] = {NULL, NULL};
    vals[0] = jstr(ev, "id");
    vals[1] = jstr(ev, "type");
    vals[2] = jstr(ev, "subtype");
    vals[3] = jstr(ev, "status");
    vals[4] = jstr(ev, "date");
    vals[5] = jstr(ev, "date_precision");
    for (int k = 0; k < 2; k++) {
        json_t *sd = side(ev, k), *ld = lead(ev, k);
        vals[6 + 6 * k] = jstr(sd, "role");
        vals[7 + 6 * k] = jstr(sd, "country");
        vals[8 + 6 * k] = jstr(ld, "name");
        vals[9 + 6 * k] = jstr(ld, "kind");
        tit[k] = titles_of(ld);
        vals[10 + 6 * k] = tit[k];
        vals[11 + 6 * k] = jstr(ld, "org");
    }
    json_t *loc = json_object_get(ev, "location");
    vals[18] = jstr(loc, "name");
    vals[19] = jstr(loc, "country");
    vals[20] = jstr(ev, "cameo");
    vals[21] = jstr(json_object_get(ev, "plover"), "type");
    vals[22] = jstr(json_object_get(ev, "plover"), "mode");
    snprintf(num[0], 24, "%lld", (long long)json_integer_value(json_object_get(ev, "n_articles")));
    snprintf(num[1], 24, "%lld", (long long)json_integer_value(json_object_get(ev, "n_sources")));
    vals[23] = num[0];
    vals[24] = num[1];
    vals[25] = jstr(ev, "first_published");
    vals[26] = jstr(ev, "last_published");
    json_t *rep = json_array_get(json_object_get(detail, "reports"), 0);
    vals[27] = jstr(rep, "url");
    vals[28] = jstr(json_object_get(rep, "evidence"), "sentence");
    for (size_t i = 0; i < SK_ARRAY_LEN(FLAT_COLS); i++)
        put_field(x, vals[i], i == 0);
    puts_(x, x->format == SK_EXPORT_CSV ? "\r\n" : "\n");
    free(tit[0]);
    free(tit[1]);
}

/* ---- GDELT 2.0 event table (61 columns) ---- */

static double goldstein(const char *cameo) {
    static const struct {
        const char *code;
        double g;
    } t[] = {{"010", 0.0}, {"018", 3.4}, {"040", 1.0}, {"041", 1.0}, {"042", 1.9},
             {"043", 2.8}, {"046", 7.0}, {"051", 3.4}, {"057", 8.0}};
    for (size_t i = 0; i < SK_ARRAY_LEN(t); i++)
        if (!strcmp(t[i].code, cameo)) return t[i].g;
    return 0.0;
}

static void gdelt_actor(exp_t *x, json_t *sd) {
    json_t *ld = json_array_get(json_object_get(sd, "actors"), 0);
    const char *c = jstr(sd, "country");
    /* Actor{1,2}: Code, Name, CountryCode, KnownGroupCode, EthnicCode,
     * Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code. */
    const char *kind = jstr(ld, "kind");
    int io = *c && strlen(c) != 3;
    put_field(x, c, 0);
    put_field(x, ld ? jstr(ld, "name") : c, 0);
    put_field(x, io ? "" : c, 0);
    put_field(x, io ? c : "", 0);
    put_field(x, "", 0);
    put_field(x, "", 0);
    put_field(x, "", 0);
    put_field(x, !strcmp(kind, "person") || !strcmp(kind, "organization") ? "GOV" : "", 0);
    put_field(x, "", 0);
    put_field(x, "", 0);
}

static void gdelt_geo(exp_t *x, json_t *loc) {
    /* Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID. */
    const char *name = jstr(loc, "name");
    put_field(x, *name ? "4" : "", 0);
    put_field(x, name, 0);
    put_field(x, jstr(loc, "country"), 0);
    for (int i = 0; i < 5; i++)
        put_field(x, "", 0);
}

static void gdelt_row(exp_t *x, json_t *ev, json_t *detail) {
    const char *id = jstr(ev, "id"), *date = jstr(ev, "date"), *prec = jstr(ev, "date_precision");
    char buf[64];
    /* GLOBALEVENTID: the event id's 64-bit hash, 53 bits so every tool reads it as a number. */
    unsigned long long h = strtoull(id + 3, NULL, 16) >> 11;
    snprintf(buf, sizeof buf, "%llu", h);
    put_field(x, buf, 1);
    int y = 0, m = 0, d = 0;
    if (date[0] != '-' && strlen(date) >= 4) sscanf(date, "%4d-%2d-%2d", &y, &m, &d);
    if (!strcmp(prec, "day") && y)
        snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
    else
        buf[0] = 0;
    put_field(x, buf, 0); /* SQLDATE */
    if (y && m)
        snprintf(buf, sizeof buf, "%04d%02d", y, m);
    else
        buf[0] = 0;
    put_field(x, buf, 0); /* MonthYear */
    if (y)
        snprintf(buf, sizeof buf, "%04d", y);
    else
        buf[0] = 0;
    put_field(x, buf, 0); /* Year */
    if (y && m && d)
        snprintf(buf, sizeof buf, "%.4f", y + ((m - 1) * 30.4167 + d) / 365.0);
    else
        buf[0] = 0;
    put_field(x, buf, 0); /* FractionDate */
    const char *cameo = jstr(ev, "cameo");
    /* Actor1 is the source of the CAMEO action: host for 043, visitor for 042,
     * sender for 05x/01x, otherwise the first side. */
    int a1 = 0;
    const char *r1 = jstr(side(ev, 1), "role");
    if (!strcmp(cameo, "043") && !strcmp(r1, "host")) a1 = 1;
    if (!strcmp(cameo, "042") && !strcmp(r1, "guest")) a1 = 1;
    if ((cameo[0] == '0' && (cameo[1] == '5' || cameo[1] == '1')) && !strcmp(r1, "sender")) a1 = 1;
    gdelt_actor(x, side(ev, a1));
    gdelt_actor(x, side(ev, 1 - a1));
    put_field(x, "1", 0); /* IsRootEvent */
    put_field(x, cameo, 0);
    snprintf(buf, sizeof buf, "%.3s", cameo);
    put_field(x, buf, 0); /* EventBaseCode (our codes are already base or root+1) */
    snprintf(buf, sizeof buf, "%.2s", cameo);
    put_field(x, buf, 0); /* EventRootCode */
    put_field(x, "1", 0); /* QuadClass: verbal cooperation */
    snprintf(buf, sizeof buf, "%.1f", goldstein(cameo));
    put_field(x, buf, 0);
    json_t *reps = json_object_get(detail, "reports");
    snprintf(buf, sizeof buf, "%zu", json_array_size(reps));
    put_field(x, buf, 0); /* NumMentions */
    snprintf(buf, sizeof buf, "%lld",
             (long long)json_integer_value(json_object_get(ev, "n_sources")));
    put_field(x, buf, 0);
    snprintf(buf, sizeof buf, "%lld",
             (long long)json_integer_value(json_object_get(ev, "n_articles")));
    put_field(x, buf, 0);
    put_field(x, "", 0); /* AvgTone */
    gdelt_geo(x, NULL);
    gdelt_geo(x, NULL);
    gdelt_geo(x, json_object_get(ev, "location"));
    const char *fp = jstr(ev, "first_published");
    if (strlen(fp) >= 10)
        snprintf(buf, sizeof buf, "%.4s%.2s%.2s000000", fp, fp + 5, fp + 8);
    else
        buf[0] = 0;
    put_field(x, buf, 0); /* DATEADDED */
    put_field(x, jstr(json_array_get(reps, 0), "url"), 0);
    puts_(x, "\n");
}

/* ---- PLOVER / POLECAT-style JSON ---- */

static json_t *plover_json(json_t *ev, json_t *detail) {
    json_t *plover = json_object_get(ev, "plover");
    /* Actor = the side doing the PLOVER action: the guest for a visit-mode
     * CONSULT, the sender for SUPPORT, else the first side. */
    int a = 0;
    const char *r1 = jstr(side(ev, 1), "role");
    if (!strcmp(r1, "guest") || !strcmp(r1, "sender") || !strcmp(r1, "caller")) a = 1;
    json_t *as = side(ev, a), *rs = side(ev, 1 - a);
    json_t *al = json_array_get(json_object_get(as, "actors"), 0);
    json_t *rl = json_array_get(json_object_get(rs, "actors"), 0);
    json_t *srcs = json_array(), *docs = json_array();
    json_t *reps = json_object_get(detail, "reports");
    for (size_t i = 0; i < json_array_size(reps); i++) {
        json_t *r = json_array_get(reps, i);
        json_array_append(docs, json_object_get(r, "doc"));
        if (json_is_string(json_object_get(r, "url")))
            json_array_append(srcs, json_object_get(r, "url"));
    }
    json_t *loc = json_object_get(ev, "location");
    json_t *o = json_pack(
        "{s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:o,s:o,s:o,s:O,s:O}", "event_id",
        json_object_get(ev, "id"), "event_date", json_object_get(ev, "date"), "date_precision",
        json_object_get(ev, "date_precision"), "event_type", json_object_get(plover, "type"),
        "event_mode", json_object_get(plover, "mode"), "cameo", json_object_get(ev, "cameo"),
        "actor", al ? json_object_get(al, "name") : json_null(), "actor_country",
        json_object_get(as, "country"), "actor_titles",
        al ? json_object_get(al, "titles") : json_null(), "recipient",
        rl ? json_object_get(rl, "name") : json_null(), "recipient_country",
        json_object_get(rs, "country"), "recipient_titles",
        rl ? json_object_get(rl, "titles") : json_null(), "location",
        json_is_object(loc) ? json_pack("[O]", loc) : json_array(), "source_urls", srcs,
        "story_ids", docs, "num_articles", json_object_get(ev, "n_articles"), "event_text",
        json_object_get(json_object_get(json_array_get(reps, 0), "evidence"), "sentence"));
    json_object_set(o, "sukien_type", json_object_get(ev, "type"));
    json_object_set(o, "sukien_subtype", json_object_get(ev, "subtype"));
    return o;
}

static int put_json(exp_t *x, json_t *o) {
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (!s) return 1;
    puts_(x, s);
    free(s);
    return puts_(x, "\n");
}

static int export_row(void *ctx, json_t *ev) {
    exp_t *x = ctx;
    json_t *detail = NULL;
    int rc = sk_store_event(x->s, jstr(ev, "id"), &detail);
    if (rc) {
        x->rc = rc;
        return 1;
    }
    switch (x->format) {
    case SK_EXPORT_JSONL:
        put_json(x, detail);
        break;
    case SK_EXPORT_CSV:
    case SK_EXPORT_TSV:
        flat_row(x, ev, detail);
        break;
    case SK_EXPORT_GDELT:
        gdelt_row(x, ev, detail);
        break;
    case SK_EXPORT_PLOVER: {
        json_t *p = plover_json(ev, detail);
        put_json(x, p);
        json_decref(p);
        break;
    }
    default:
        break;
    }
    json_decref(detail);
    return x->failed;
}

/* ---- GraphML ---- */

static void xml_text(exp_t *x, const char *s) {
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '<':
            puts_(x, "&lt;");
            break;
        case '>':
            puts_(x, "&gt;");
            break;
        case '&':
            puts_(x, "&amp;");
            break;
        case '"':
            puts_(x, "&quot;");
            break;
        default:
            put(x, p, 1);
        }
    }
}

static void xml_data(exp_t *x, const char *key, const char *val) {
    if (!val) return;
    puts_(x, "      <data key=\"");
    puts_(x, key);
    puts_(x, "\">");
    xml_text(x, val);
    puts_(x, "</data>\n");
}

static int graphml(exp_t *x, const sk_event_filter_t *f, sk_network_level_t level) {
    json_t *net = NULL;
    int rc = sk_store_network(x->s, f, level, 0, &net);
    if (rc) return rc;
    puts_(x,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
          "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
          "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
          "  <key id=\"country\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>\n"
          "  <key id=\"events\" for=\"node\" attr.name=\"events\" attr.type=\"int\"/>\n"
          "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n"
          "  <key id=\"types\" for=\"edge\" attr.name=\"types\" attr.type=\"string\"/>\n"
          "  <key id=\"first_date\" for=\"edge\" attr.name=\"first_date\" attr.type=\"string\"/>\n"
          "  <key id=\"last_date\" for=\"edge\" attr.name=\"last_date\" attr.type=\"string\"/>\n"
          "  <graph id=\"contacts\" edgedefault=\"undirected\">\n");
    json_t *nodes = json_object_get(net, "nodes"), *edges = json_object_get(net, "edges");
    char buf[64];
    for (size_t i = 0; i < json_array_size(nodes); i++) {
        json_t *n = json_array_get(nodes, i);
        puts_(x, "    <node id=\"");
        xml_text(x, jstr(n, "id"));
        puts_(x, "\">\n");
        xml_data(x, "label", jstr(n, "label"));
        xml_data(x, "kind", jstr(n, "kind"));
        xml_data(x, "country", json_string_value(json_object_get(n, "country")));
        snprintf(buf, sizeof buf, "%lld",
                 (long long)json_integer_value(json_object_get(n, "weight")));
        xml_data(x, "events", buf);
        puts_(x, "    </node>\n");
    }
    for (size_t i = 0; i < json_array_size(edges); i++) {
        json_t *e = json_array_get(edges, i);
        snprintf(buf, sizeof buf, "e%zu", i);
        puts_(x, "    <edge id=\"");
        puts_(x, buf);
        puts_(x, "\" source=\"");
        xml_text(x, jstr(e, "source"));
        puts_(x, "\" target=\"");
        xml_text(x, jstr(e, "target"));
        puts_(x, "\">\n");
        snprintf(buf, sizeof buf, "%lld",
                 (long long)json_integer_value(json_object_get(e, "weight")));
        xml_data(x, "weight", buf);
        char types[256] = "";
        const char *k;
        json_t *v;
        size_t o = 0;
        json_object_foreach(json_object_get(e, "types"), k, v) {
            int w = snprintf(types + o, sizeof types - o, "%s%s:%lld", o ? " " : "", k,
                             (long long)json_integer_value(v));
            if (w > 0 && (size_t)w < sizeof types - o) o += (size_t)w;
        }
        xml_data(x, "types", types);
        xml_data(x, "first_date", json_string_value(json_object_get(e, "first_date")));
        xml_data(x, "last_date", json_string_value(json_object_get(e, "last_date")));
        puts_(x, "    </edge>\n");
    }
    puts_(x, "  </graph>\n</graphml>\n");
    json_decref(net);
    return x->failed ? SK_EIO : SK_OK;
}

int sk_store_export(sk_store_t *s, const sk_event_filter_t *f, sk_export_format_t format,
                    sk_network_level_t level, sk_write_fn write, void *ctx) {
    exp_t x = {s, format, write, ctx, 0, SK_OK};
    if (format == SK_EXPORT_GRAPHML) return graphml(&x, f, level);
    if (format == SK_EXPORT_CSV || format == SK_EXPORT_TSV) {
        for (size_t i = 0; i < SK_ARRAY_LEN(FLAT_COLS); i++)
            put_field(&x, FLAT_COLS[i], i == 0);
        puts_(&x, format == SK_EXPORT_CSV ? "\r\n" : "\n");
    }
    int rc = sk_store_events_each(s, f, export_row, &x);
    if (rc == SK_OK) rc = x.rc;
    if (rc == SK_OK && x.failed) rc = SK_EIO;
    return rc;
}
