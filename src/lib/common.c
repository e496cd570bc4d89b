#include "common.h"

#include <stdarg.h>
#include <stdio.h>

const char *sk_strerror(int code) {
    switch (code) {
    case SK_OK:
        return "success";
    case SK_ENOMEM:
        return "out of memory";
    case SK_EIO:
        return "input/output error";
    case SK_EINVAL:
        return "invalid argument";
    case SK_EFORMAT:
        return "malformed record";
    case SK_ETRUNC:
        return "truncated input";
    case SK_EUTF8:
        return "invalid UTF-8";
    case SK_ETOOBIG:
        return "input too large";
    case SK_ENOTFOUND:
        return "not found";
    case SK_EDB:
        return "database error";
    case SK_EBINARY:
        return "binary input";
    case SK_EEMPTY:
        return "empty input";
    case SK_EDATA:
        return "malformed lexicon data";
    default:
        return "unknown error";
    }
}

void sk_diag_report(sk_diag_fn fn, void *ctx, sk_diag_level_t level, int code, const char *file,
                    long line, const char *doc, const char *fmt, ...) {
    if (!fn) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sk_diag_t d = {level, code, file, line, doc, msg};
    fn(ctx, &d);
}
