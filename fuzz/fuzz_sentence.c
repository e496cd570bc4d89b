/* fuzz_sentence.c — libFuzzer target for sk_sentence_split_text on normalised
 * text (its contract: NFC UTF-8 from sk_normalize_text). Sentences must be
 * in order, non-empty, inside the text, non-overlapping, trimmed (no space or
 * tab at either end), never crossing a newline, cut between code points, and
 * only blanks and newlines may lie outside every sentence. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "normalize.h"
#include "sentence.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int is_blank(char c) {
    return c == ' ' || c == '\t';
}

static int is_cont(char c) {
    return ((unsigned char)c & 0xC0) == 0x80;
}

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
        for (size_t i = 0; i <= n; i++) {
            /* Nothing but blanks and newlines between sentences: no text is lost. */
            size_t gap_end = i < n ? s[i].start : len;
            if (gap_end < prev_end) abort();
            for (size_t k = prev_end; k < gap_end; k++)
                if (!is_blank(text[k]) && text[k] != '\n') abort();
            if (i == n) break;
            if (s[i].start >= s[i].end || s[i].end > len) abort();
            if (is_blank(text[s[i].start]) || is_blank(text[s[i].end - 1])) abort();
            if (memchr(text + s[i].start, '\n', s[i].end - s[i].start)) abort();
            /* Boundaries fall between code points. */
            if (is_cont(text[s[i].start]) || (s[i].end < len && is_cont(text[s[i].end]))) abort();
            prev_end = s[i].end;
        }
    }
    sk_arena_destroy(arena);
    free(text);
    return 0;
}
