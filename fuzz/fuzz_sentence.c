/* fuzz_sentence.c — libFuzzer target for sk_sentence_split_text on normalised
 * text (its contract: NFC UTF-8 from sk_normalize_text). Sentences must be
 * in order, non-empty, inside the text, non-overlapping and trimmed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "normalize.h"
#include "sentence.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = NULL;
    size_t len = 0, bad = 0, ctl = 0;
    if (sk_normalize_text((const char *)data, size, &text, &len, &bad, &ctl) != SK_OK) return 0;
    sk_arena_t *arena = sk_arena_new();
    if (!arena) abort();
    sk_sentence_t *s = NULL;
    size_t n = 0;
    if (sk_sentence_split_text(arena, text, len, &s, &n) == SK_OK) {
        uint32_t prev_end = 0;
        for (size_t i = 0; i < n; i++) {
            if (s[i].start >= s[i].end || s[i].end > len) abort();
            if (s[i].start < prev_end) abort();
            if (text[s[i].start] == ' ' || text[s[i].end - 1] == ' ') abort();
            if (memchr(text + s[i].start, '\n', s[i].end - s[i].start)) abort();
            prev_end = s[i].end;
        }
    }
    sk_arena_destroy(arena);
    free(text);
    return 0;
}
