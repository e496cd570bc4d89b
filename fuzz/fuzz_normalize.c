/* fuzz_normalize.c — libFuzzer target for sk_normalize_text, sk_fold, sk_fold_str,
 * sk_folded_from_orig and sk_tone_canon on arbitrary bytes.
 * Properties checked: the output is valid UTF-8 without NUL or stray controls,
 * normalising twice changes nothing, the fold offset map is monotone and
 * in range, and tone canonicalisation stays within its documented bound. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_utf8(const char *s, size_t len) {
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int n = sk_utf8_decode(s + i, len - i, &cp);
        if (n < 1) abort();
        if (cp == 0 || (cp < 0x20 && cp != '\t' && cp != '\n')) abort();
        i += (size_t)n;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *out = NULL;
    size_t out_len = 0, bad = 0, ctl = 0;
    if (sk_normalize_text((const char *)data, size, &out, &out_len, &bad, &ctl) != SK_OK) return 0;
    if (out[out_len] != '\0' || strlen(out) != out_len) abort();
    check_utf8(out, out_len);

    /* Idempotent: normalised text is a fixed point. */
    char *again = NULL;
    size_t again_len = 0, bad2 = 0, ctl2 = 0;
    if (sk_normalize_text(out, out_len, &again, &again_len, &bad2, &ctl2) == SK_OK) {
        if (again_len != out_len || memcmp(again, out, out_len) != 0) abort();
        if (bad2 || ctl2) abort();
        free(again);
    }

    sk_folded_t f;
    if (sk_fold(out, out_len, &f) == SK_OK) {
        if (f.to_orig[f.len] != out_len || strlen(f.text) != f.len) abort();
        for (size_t i = 0; i < f.len; i++) {
            if (f.to_orig[i] >= out_len) abort();
            if (i && f.to_orig[i] < f.to_orig[i - 1]) abort();
        }
        size_t probes[] = {0, out_len / 3, out_len / 2, out_len};
        for (size_t k = 0; k < sizeof probes / sizeof probes[0]; k++) {
            size_t fo = sk_folded_from_orig(&f, probes[k]);
            if (fo > f.len) abort();
            if (fo < f.len && f.to_orig[fo] < probes[k]) abort();
        }
        /* sk_fold_str agrees with sk_fold when the buffer is big enough. */
        char *buf = malloc(f.len + 1);
        if (buf) {
            size_t n = sk_fold_str(out, out_len, buf, f.len + 1);
            if (n != f.len || memcmp(buf, f.text, n) != 0) abort();
            free(buf);
        }
        char small[7];
        size_t n = sk_fold_str(out, out_len, small, sizeof small);
        if (n >= sizeof small || small[n] != '\0') abort();
        sk_folded_free(&f);
    }

    char *canon = malloc(2 * out_len + 1);
    if (canon) {
        size_t n = sk_tone_canon(out, out_len, canon);
        if (n > 2 * out_len || canon[n] != '\0') abort();
        check_utf8(canon, n);
        free(canon);
    }
    free(out);
    return 0;
}
