/* merge.h — cross-article event merging as pure functions: the same
 * real-world contact reported by several articles becomes one event.
 *
 * Two steps, usable by the store (per batch) and by a sort-then-merge batch
 * job (`sukien merge`, or a keyed reduce step after a streaming map):
 *
 *  1. sk_merge_pair_key: "TYPE|leadA|leadB" — the event type and the two
 *     sides' canonical leads (folded lead actor name, else the side's
 *     country). For symmetric types (MEET, CALL, AGREEMENT) the two leads are
 *     sorted; for directional ones (VISIT, MESSAGE) the host/recipient side
 *     comes second. Reports with different pair keys never merge, so a
 *     keyed shuffle on the pair key is all a distributed run needs.
 *  2. sk_merge_cluster: within one pair key, group reports by date. Exact
 *     days (and ranges, which absorb the days inside them) are anchors; a
 *     "--MM-DD" report joins the single anchor with that month and day, a
 *     month ("YYYY-MM") or year report joins the single anchor inside it,
 *     and an undated report joins the single event of the pair when there is
 *     exactly one; anything ambiguous stays an event of its own. The result
 *     depends only on the multiset of dates, never on their order.
 *
 * The event key is pair_key + "|" + the cluster's date key.
 */
#ifndef SK_MERGE_H
#define SK_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "event.h"

/* Folded key of a name: lower case, no diacritics, đ→d, words (letters and
 * digits) separated by single spaces. Into buf (NUL-terminated, truncated to
 * cap); returns the length. Used for person/organisation ids and leads. */
size_t sk_merge_fold_key(const char *s, char *buf, size_t cap);
/* Letter or digit (after folding): what makes up words for keys and search. */
int sk_is_word_cp(int32_t cp);

/* Canonical lead of a side into buf (folded, single spaces, NUL-terminated,
 * truncated to cap): the lead actor's name, else the side country lower-cased,
 * else "?". Returns the length. */
size_t sk_merge_lead(const sk_side_t *side, char *buf, size_t cap);

/* 1 for types whose two sides are interchangeable for merging. */
int sk_merge_symmetric(sk_event_type_t type);

/* Index (0 or 1) of the side that comes first in the pair key. */
int sk_merge_first_side(const sk_event_t *ev);

/* Pair key into buf (NUL-terminated, truncated to cap); returns its length. */
size_t sk_merge_pair_key(const sk_event_t *ev, char *buf, size_t cap);

/* One report inside a pair-key group. */
typedef struct sk_merge_item {
    const char *date; /* ISO as in the spec: day, range, --MM-DD, YYYY-MM, YYYY, or NULL */
    /* Output: the cluster's date key ("2024-10-07", "--12-26", "2024-10", "2024",
     * or "" for undated). Items with equal date_key form one event. */
    char date_key[32];
} sk_merge_item_t;

/* Assign date_key for every item of one pair-key group. Returns the number of
 * distinct clusters, or SK_ENOMEM. */
int sk_merge_cluster(sk_merge_item_t *items, size_t n);

/* Event key = pair_key "|" date_key, into buf; returns its length. */
size_t sk_merge_event_key(const char *pair_key, const char *date_key, char *buf, size_t cap);

/* Stable event id from the event key: "ev_" + 16 hex digits (FNV-1a 64),
 * into out[20]. */
void sk_merge_event_id(const char *event_key, char out[20]);

/* Rank of a date's precision for choosing a merged event's date:
 * range 5, day 4, --MM-DD 3, month 2, year 1, none 0. */
int sk_merge_date_rank(const char *date);

/* Parse one event record (the JSON of sk_event_to_json / `sukien code`) into
 * *ev, strings copied into the arena. SK_EFORMAT when "type" is missing or
 * unknown. `o` is a jansson json_t*. */
struct json_t;
int sk_event_from_json(sk_arena_t *arena, struct json_t *o, sk_event_t *ev);

/* FNV-1a 64-bit hash (shared by content hashes and ids). */
uint64_t sk_fnv1a64(const void *data, size_t len, uint64_t seed);
#define SK_FNV_SEED 0xcbf29ce484222325ULL

#endif
