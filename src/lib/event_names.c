#include <string.h>

#include "event.h"

static const char *const TYPE_NAMES[SK_EV__COUNT] = {"MEET", "VISIT", "CALL", "MESSAGE",
                                                     "AGREEMENT"};

const char *sk_event_type_name(sk_event_type_t t) {
    return (unsigned)t < SK_EV__COUNT ? TYPE_NAMES[t] : "UNKNOWN";
}

int sk_event_type_parse(const char *name) {
    if (!name) return -1;
    /* strcasecmp only for the names with the same first letter (ASCII: | 0x20 lowers) */
    for (int i = 0; i < SK_EV__COUNT; i++)
        if ((name[0] | 0x20) == (TYPE_NAMES[i][0] | 0x20) && strcasecmp(name, TYPE_NAMES[i]) == 0)
            return i;
    return -1;
}

const char *sk_date_precision_name(sk_date_precision_t p) {
    switch (p) {
    case SK_PREC_DAY:
        return "day";
    case SK_PREC_MONTH:
        return "month";
    case SK_PREC_YEAR:
        return "year";
    default:
        return "none";
    }
}
