/* clean.c — initial pass-through: trims lines and drops empty ones. */
#include "clean.h"

#include <string.h>

int sk_clean_article(sk_article_t *a) {
    char *t = sk_arena_alloc(a->arena, a->raw_len + 1);
    if (!t) return SK_ENOMEM;
    size_t o = 0;
    const char *p = a->raw, *end = a->raw + a->raw_len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *s = p, *e = le;
        while (s < e && (*s == ' ' || *s == '\t')) s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
        if (e > s) {
            if (o) t[o++] = '\n';
            memcpy(t + o, s, (size_t)(e - s));
            o += (size_t)(e - s);
        }
        p = nl ? nl + 1 : end;
    }
    t[o] = '\0';
    a->text = t;
    a->text_len = o;
    return SK_OK;
}
