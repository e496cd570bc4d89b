/* sentence.c — initial splitter: paragraph breaks and ". " before a capital. */
#include "sentence.h"

#include <string.h>

int sk_sentence_split_text(sk_arena_t *arena, const char *t, size_t len, sk_sentence_t **out,
                           size_t *n_out) {
    size_t cap = 16, n = 0;
    sk_sentence_t *s = sk_arena_alloc(arena, cap * sizeof *s);
    if (!s) return SK_ENOMEM;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        int cut = 0, next = 0;
        if (i == len || t[i] == '\n') {
            cut = 1;
            next = (int)i + 1;
        } else if ((t[i] == '.' || t[i] == '!' || t[i] == '?') && i + 2 < len && t[i + 1] == ' ' &&
                   (unsigned char)t[i + 2] >= 'A' && ((unsigned char)t[i + 2] <= 'Z' ||
                                                      (unsigned char)t[i + 2] >= 0xC3)) {
            cut = 1;
            i++;
            next = (int)i + 1;
        }
        if (!cut) continue;
        size_t a = start, b = i;
        while (a < b && (t[a] == ' ' || t[a] == '\t')) a++;
        while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t')) b--;
        if (b > a) {
            if (n == cap) {
                s = sk_arena_grow(arena, s, sizeof *s, n, cap * 2);
                if (!s) return SK_ENOMEM;
                cap *= 2;
            }
            s[n].start = (uint32_t)a;
            s[n].end = (uint32_t)b;
            n++;
        }
        start = (size_t)next;
    }
    *out = s;
    *n_out = n;
    return SK_OK;
}

int sk_sentence_split(sk_article_t *a) {
    return sk_sentence_split_text(a->arena, a->text, a->text_len, &a->sentences, &a->n_sentences);
}
