/* event.h — contact events as defined in shared/spec/events.md (v1):
 * MEET, VISIT, CALL, MESSAGE, AGREEMENT, each with two sides, roles, lead
 * actors with titles, organisation and country, date with precision,
 * location, status, CAMEO and PLOVER codes and the evidence span. */
#ifndef SK_EVENT_H
#define SK_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"

typedef enum {
    SK_EV_MEET = 0,
    SK_EV_VISIT,
    SK_EV_CALL,
    SK_EV_MESSAGE,
    SK_EV_AGREEMENT,
    SK_EV__COUNT
} sk_event_type_t;

typedef enum { SK_ACTOR_PERSON = 0, SK_ACTOR_ORGANIZATION } sk_actor_kind_t;

typedef enum { SK_PREC_NONE = 0, SK_PREC_YEAR, SK_PREC_MONTH, SK_PREC_DAY } sk_date_precision_t;

typedef struct sk_actor {
    sk_actor_kind_t kind;
    const char *name;    /* NFC, as written, without honorifics */
    const char **titles; /* offices in the order written, with jurisdiction */
    size_t n_titles;
    const char *org;     /* party or body represented, or NULL */
    const char *country; /* ISO alpha-3 of this actor when known, or NULL */
} sk_actor_t;

typedef struct sk_side {
    const char *role; /* host guest caller callee sender recipient party */
    sk_actor_t *actors;
    size_t n_actors;      /* actors[0] is the lead */
    const char *country;  /* ISO alpha-3, or IO acronym (ASEAN, UN, EU), or NULL */
    const char *locality; /* e.g. "Hà Nội" for a city delegation, or NULL */
} sk_side_t;

/* A date as the spec writes it: "2024-10-07", "--12-26", "2019-09",
 * "2024-12-03/2024-12-06", or NULL. */
typedef struct sk_event_date {
    const char *iso;
    sk_date_precision_t precision;
    int inferred; /* year taken from knowledge outside the article (office terms) */
} sk_event_date_t;

typedef struct sk_event {
    const char *doc;
    sk_event_type_t type;
    const char *subtype; /* receive talks courtesy meeting working discussion state official ... */
    int planned;         /* status: 0 occurred, 1 planned */
    sk_side_t sides[2];
    sk_event_date_t date;
    const char *location_name; /* NULL when unknown */
    const char *location_country;
    uint8_t location_inferred; /* from the visit it belongs to, not stated in its sentence */
    const char *cameo;         /* "043" */
    const char *plover_type;   /* "CONSULT" */
    const char *plover_mode;   /* "visit", "phone" or NULL */
    const char *trigger;       /* the trigger word as written */
    uint32_t evidence_start, evidence_end; /* byte span of the evidence sentence in article->text */
    const char *evidence;                  /* that sentence (NUL-terminated copy) */
    uint32_t n_mentions;                   /* sentences in this article reporting the same event */
    uint8_t past_marked; /* some report in the article marks it as past ("đã", "vừa") */
} sk_event_t;

typedef struct sk_events {
    sk_event_t *items;
    size_t n;
} sk_events_t;

const char *sk_event_type_name(sk_event_type_t t); /* "MEET" ... */
int sk_event_type_parse(const char *name);         /* -1 if unknown */
const char *sk_date_precision_name(sk_date_precision_t p);

#endif
