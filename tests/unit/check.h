/* check.h — a minimal unit-test harness: CHECK records failures and goes on;
 * each test binary returns non-zero if any check failed. */
#ifndef SK_CHECK_H
#define SK_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures = 0, check_count = 0;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        check_count++;                                                                             \
        if (!(cond)) {                                                                             \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_STR(got, want)                                                                       \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        check_count++;                                                                             \
        if ((g_ == NULL) != (w_ == NULL) || (g_ && strcmp(g_, w_))) {                              \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__,                \
                    g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                       \
        }                                                                                          \
    } while (0)

#define CHECK_INT(got, want)                                                                       \
    do {                                                                                           \
        long long g_ = (long long)(got), w_ = (long long)(want);                                   \
        check_count++;                                                                             \
        if (g_ != w_) {                                                                            \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_);    \
        }                                                                                          \
    } while (0)

static inline int check_report(const char *name) {
    fprintf(stderr, "%-28s %s (%d checks, %d failed)\n", name, check_failures ? "FAIL" : "ok",
            check_count, check_failures);
    return check_failures ? 1 : 0;
}

/* Path of ../shared when present (tests needing it skip otherwise). */
static inline const char *check_shared(void) {
    const char *s = getenv("SHARED");
    static char buf[4096];
    if (!s) s = "../shared";
    snprintf(buf, sizeof buf, "%s/spec/events.md", s);
    FILE *f = fopen(buf, "r");
    if (!f) return NULL;
    fclose(f);
    return s;
}

#endif
