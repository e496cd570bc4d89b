/* store.h — the knowledge base: articles, persons, organisations and
 * cross-article merged events, kept in SQLite (default, embedded) or
 * PostgreSQL (libpq), with one schema (docs/SCHEMA.md) and one query API.
 *
 * Who uses it:
 *   - `sukien ingest` writes (sk_store_begin / sk_store_put / sk_store_commit);
 *   - `sukien events|person|search|export` and `sukien serve` read through
 *     the query functions below. Every query returns a jansson json_t* the
 *     caller owns (json_decref), shaped exactly as the HTTP API will serve it,
 *     or streams rows to a callback (for exports of any size).
 *
 * Identity and determinism. Rows use natural keys, never insertion order:
 * articles by doc id (with a content hash), persons and organisations by
 * their folded name (lower case, no diacritics, đ→d), events by a key built
 * by merge.h from type, the two sides' canonical leads and the date. So the
 * same set of articles gives the same database whatever the input order, the
 * number of ingest jobs, or how many times an ingest was interrupted and
 * resumed. Event ids ("ev_" + 16 hex digits of a hash of the merged key) are
 * stable for a given set of reports; when a new report refines a date (a
 * "--12-26" report joined by a "2024-12-26" one) the merged event's id follows
 * the refined key.
 *
 * Threads: one sk_store_t per thread. A read-only store may be opened many
 * times (e.g. once per HTTP worker) while an ingest writes (SQLite WAL).
 *
 * Errors: functions return SK_OK or a negative status (common.h); for
 * SK_EDB, sk_store_errmsg gives the backend's message.
 */
#ifndef SK_STORE_H
#define SK_STORE_H

#include <jansson.h>
#include <stddef.h>

#include "article.h"
#include "coder.h"
#include "common.h"
#include "event.h"

typedef struct sk_store sk_store_t;

/* ---------------------------------------------------------------- opening */

enum {
    SK_STORE_READONLY = 1 << 0, /* queries only; fails with SK_ENOTFOUND if the store is absent */
    SK_STORE_NOFTS = 1 << 1,    /* ingest: do not maintain the full-text index (faster) */
    SK_STORE_RECODE = 1 << 2,   /* ingest: sk_store_put replaces an article even when its
                                   hash is unchanged (after a lexicon or coder update) */
};

/* Open a store. `target` is a file path (SQLite; created with the schema
 * unless READONLY) or a "postgresql://" / "postgres://" URL or libpq
 * "key=value" string containing "dbname=" (PostgreSQL; the schema is created
 * if absent). NULL means "sukien.db". Returns SK_OK and *out; on failure
 * *out is NULL and the status is SK_EDB / SK_ENOTFOUND / SK_ENOMEM; errmsg
 * (if non-NULL, size errmsg_cap) receives the reason. Close with sk_store_close. */
int sk_store_open(const char *target, unsigned flags, sk_store_t **out, char *errmsg,
                  size_t errmsg_cap);
void sk_store_close(sk_store_t *self); /* NULL is fine; rolls back an open batch */

/* "sqlite" or "postgresql". */
const char *sk_store_backend(const sk_store_t *self);
/* The backend's last error message (static to the store; "" when none). */
const char *sk_store_errmsg(const sk_store_t *self);

/* ---------------------------------------------------------------- ingest */

/* Content hash of an article (metadata + body as read), 16 lowercase hex
 * digits + NUL, written into out[17]. Article identity = (doc, hash). */
void sk_article_hash(const sk_article_t *article, char out[17]);

/* 1 when the store already holds this doc with this hash (the article needs
 * no coding), 0 when absent or changed, negative on error. */
int sk_store_has_article(sk_store_t *self, const char *doc, const char *hash);

/* Call fn(ctx, doc, hash) for every stored article (in doc order), e.g. to
 * skip unchanged input before coding it. Strings are valid during the call. */
typedef void (*sk_store_hash_fn)(void *ctx, const char *doc, const char *hash);
int sk_store_each_article_hash(sk_store_t *self, sk_store_hash_fn fn, void *ctx);

/* A batch is one transaction: either every article put in it is stored,
 * with its merged events and derived tables up to date, or none is.
 * SK_EINVAL on a read-only store or when a batch is already open. */
int sk_store_begin(sk_store_t *self);

/* Outcome of sk_store_put. */
typedef enum {
    SK_PUT_UNCHANGED = 0, /* same doc and hash already stored: nothing written */
    SK_PUT_ADDED = 1,     /* new doc */
    SK_PUT_REPLACED = 2,  /* doc was stored with another hash: its reports were replaced */
} sk_put_outcome_t;

/* Store one coded article (sk_code_article already run): its metadata and
 * hash, text (for search), persons with titles, organisations, and each
 * event as a report (sides, actors, titles, evidence sentence and offsets).
 * Merging into cross-article events happens at commit. `hash` is from
 * sk_article_hash. Must be inside a batch. *outcome may be NULL. */
int sk_store_put(sk_store_t *self, const sk_article_t *article, const char *hash,
                 sk_put_outcome_t *outcome);

/* sk_store_put for a caller that already knows what the store holds for this
 * doc: `stored_hash` is its content hash as read by sk_store_each_article_hash
 * in this run (the doc not put since), or NULL when the store holds no such
 * doc. Saves the lookup per article (a round trip to a database server, so
 * that the store's writes can stream). If another process stores the same
 * doc meanwhile, the batch fails on the doc's key (rolled back, nothing
 * lost); run again. */
int sk_store_put_known(sk_store_t *self, const sk_article_t *article, const char *hash,
                       const char *stored_hash, sk_put_outcome_t *outcome);

/* Recompute merged events, persons and organisations touched by the batch
 * (merge.h rules), then commit. On error the batch is rolled back. */
int sk_store_commit(sk_store_t *self);
int sk_store_rollback(sk_store_t *self);

/* ---------------------------------------------------------------- queries */

/* Filters shared by events, timeline, network and export. Zero-initialise
 * (sk_event_filter_t f = {0}) and set what you need; strings are matched
 * without regard to case or diacritics unless noted. */
typedef struct sk_event_filter {
    const char *country;   /* ISO alpha-3 or IO acronym on either side (exact, upper case) */
    const char *person;    /* person on either side (folded name; "to lam" = "Tô Lâm") */
    const char *org;       /* organisation on either side (actor org or org actor, substring) */
    const char *type;      /* "MEET", "VISIT", ... or NULL for all */
    const char *since;     /* ISO date prefix, inclusive ("2024", "2024-10", "2024-10-07") */
    const char *until;     /* inclusive, same forms */
    const char *between_a; /* with between_b: contacts between A and B, each a country */
    const char *between_b; /*   code, a person name or an organisation name */
    const char *doc;       /* events reported by this article */
    const char *query;     /* full-text query over evidence and actors (as sk_store_search) */
    int include_planned;   /* default 0: only status "occurred" */
    /* Sort: "date" (default: oldest first, undated last), "-date" (newest
     * first), "articles" (most reported first), "id". */
    const char *sort;
    long limit;  /* 0 = no limit (events default to 100 when serving) */
    long offset; /* for paging */
} sk_event_filter_t;

/* Events matching f:
 *   {"total": N, "offset": o, "limit": l, "events": [EVENT...]}
 * EVENT (the summary row, also one line of `sukien events --format jsonl`):
 *   {"id", "type", "subtype", "status", "date", "date_precision",
 *    "location": {"name","country"}|null, "cameo", "plover": {"type","mode"},
 *    "sides": [{"role","country","locality","actors": [{"name","kind",
 *               "titles": [...], "org", "country", "person_id"}]} x2],
 *    "n_articles", "n_sources", "first_published", "last_published"} */
int sk_store_events(sk_store_t *self, const sk_event_filter_t *f, json_t **out);

/* Row callback: return non-zero to stop (the call then returns SK_OK).
 * `row` is borrowed: valid only during the call (json_incref to keep it). */
typedef int (*sk_store_row_fn)(void *ctx, json_t *row);

/* Same rows as sk_store_events, one at a time (limit/offset honoured). */
int sk_store_events_each(sk_store_t *self, const sk_event_filter_t *f, sk_store_row_fn fn,
                         void *ctx);

/* One event with everything: the EVENT fields plus
 *   "key": the merge key,
 *   "reports": [{"doc", "url", "title", "outlet", "published", "corpus",
 *                "subtype", "status", "date", "date_precision",
 *                "evidence": {"sentence", "start", "end"}}]  (byte offsets into
 *                the article's cleaned text, as `sukien clean` prints it).
 *   The first report is the representative one (the event's sides, date and
 *   place come from it: most precise date, then naming the place, then the
 *   earliest published); the others follow by publication date.
 * SK_ENOTFOUND when no such id. */
int sk_store_event(sk_store_t *self, const char *event_id, json_t **out);

/* A person, found by name (folded; exact folded name first, else the most
 * reported person whose folded name contains the query) or by id:
 *   {"id", "name", "country", "org", "spellings": [...],
 *    "offices": [{"title", "first_seen", "last_seen", "n_articles"}]  (dates
 *                 from the articles' publication dates; oldest first),
 *    "articles": [{"doc","title","url","outlet","published","titles":[...]}]
 *                 (newest first, at most `limit`, 0 = all),
 *    "contacts": [{"name","person_id","kind","country","n_events",
 *                  "first_date","last_date","types":{"MEET":n,...}}]
 *                 (counterpart leads of the person's events, most first),
 *    "n_events", "n_articles"}
 * SK_ENOTFOUND when no person matches. */
int sk_store_person(sk_store_t *self, const char *name_or_id, long limit, json_t **out);

/* Persons whose folded name contains q (all when q is NULL or ""):
 *   {"total", "persons": [{"id","name","country","org","n_articles","n_events",
 *                          "first_seen","last_seen"}]}  most reported first. */
int sk_store_persons(sk_store_t *self, const char *q, long limit, long offset, json_t **out);

/* Full-text search, diacritics-insensitive ("to lam" finds "Tô Lâm";
 * "dang cong san phap" finds "Đảng Cộng sản Pháp"). Words of the query must
 * appear consecutively (a phrase) after folding; SQLite uses FTS5 with the
 * "sukien" tokenizer, PostgreSQL a folded text column.
 *   {"query", "articles": {"total", "items": [{"doc","title","url","outlet",
 *                                             "published","snippet"}]},
 *    "events":   {"total", "items": [EVENT...]},
 *    "persons":  {"total", "items": [person rows as sk_store_persons]}}
 * limit/offset apply to each list. */
int sk_store_search(sk_store_t *self, const char *query, long limit, long offset, json_t **out);

/* Timeline: events per month ("YYYY-MM"; undated and --MM-DD events are left
 * out) grouped by event type or by the counterpart country.
 *   {"by": "type"|"country", "months": ["2024-01", ...] (every month from the
 *    first to the last, gaps filled),
 *    "series": [{"key": "MEET", "counts": [n per month]}] (largest total first)}
 * With SK_TIMELINE_COUNTRY, each event counts once per side country that is
 * not f->country (or not VNM when f->country is NULL). */
typedef enum { SK_TIMELINE_TYPE = 0, SK_TIMELINE_COUNTRY = 1 } sk_timeline_by_t;
int sk_store_timeline(sk_store_t *self, const sk_event_filter_t *f, sk_timeline_by_t by,
                      json_t **out);

/* Contact network of the events matching f:
 *   {"level", "nodes": [{"id","label","kind":"country"|"org"|"person","country",
 *                        "weight"}],
 *    "edges": [{"source","target","weight","types":{"MEET":n,...},
 *               "first_date","last_date"}]}
 * Node ids: "c:VNM", "o:<folded org>", "p:<person id>". Edge weight = number
 * of events linking the two nodes; edges lighter than min_weight are dropped. */
typedef enum { SK_NET_COUNTRY = 0, SK_NET_ORG = 1, SK_NET_PERSON = 2 } sk_network_level_t;
int sk_store_network(sk_store_t *self, const sk_event_filter_t *f, sk_network_level_t level,
                     long min_weight, json_t **out);

/* Counts: {"articles","reports","events","persons","organizations",
 *          "first_date","last_date","backend"}. */
int sk_store_stats(sk_store_t *self, json_t **out);

/* ---------------------------------------------------------------- export */

typedef enum {
    SK_EXPORT_JSONL = 0, /* one EVENT per line, with "reports" as in sk_store_event */
    SK_EXPORT_CSV,       /* RFC 4180, header row, one event per row (flat columns) */
    SK_EXPORT_TSV,       /* same columns, tab-separated, tabs/newlines in fields as spaces */
    SK_EXPORT_GDELT,     /* GDELT 2.0 event table column order (docs/SCHEMA.md), TSV, no header */
    SK_EXPORT_PLOVER,    /* POLECAT/PLOVER-style JSON Lines */
    SK_EXPORT_GRAPHML,   /* GraphML of actors (persons/orgs/countries) and contacts */
} sk_export_format_t;

/* Parse "jsonl", "csv", "tsv", "gdelt", "plover", "graphml"; -1 if unknown. */
int sk_export_format_parse(const char *name);

/* Writer callback: return non-zero on failure (the export stops, SK_EIO). */
typedef int (*sk_write_fn)(void *ctx, const char *buf, size_t len);

/* Write the events matching f in the given format through `write`. For
 * GRAPHML, `level` chooses the nodes (as sk_store_network). */
int sk_store_export(sk_store_t *self, const sk_event_filter_t *f, sk_export_format_t format,
                    sk_network_level_t level, sk_write_fn write, void *ctx);

#endif
