#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "normalize.h"

static char *norm(const char *in, size_t len, size_t *bad, size_t *ctl) {
    char *out = NULL;
    size_t out_len = 0;
    CHECK_INT(sk_normalize_text(in, len, &out, &out_len, bad, ctl), SK_OK);
    CHECK_INT(strlen(out), out_len);
    return out;
}

static void test_nfc(void) {
    size_t bad, ctl;
    /* "Tô Lâm" with combining marks: o + U+0302, a + U+0302 */
    char *s = norm("To\xcc\x82 La\xcc\x82m", 10, &bad, &ctl);
    CHECK_STR(s, "Tô Lâm");
    CHECK_INT(bad, 0);
    free(s);
    /* "Nguyễn" decomposed: e + U+0302 + U+0303 */
    s = norm("Nguye\xcc\x82\xcc\x83n", 10, &bad, &ctl);
    CHECK_STR(s, "Nguyễn");
    free(s);
}

static void test_repair(void) {
    size_t bad, ctl;
    char *s = norm("Hà\xff Nội", strlen("Hà\xff Nội"), &bad, &ctl);
    CHECK_STR(s, "Hà\xef\xbf\xbd Nội");
    CHECK_INT(bad, 1);
    free(s);
    s = norm("a\0b\r\nc\rd", 8, &bad, &ctl);
    CHECK_STR(s, "a b\nc\nd");
    CHECK_INT(ctl, 1);
    free(s);
    s = norm("x\xc2\xa0y\xe2\x80\x8bz", 8, &bad, &ctl); /* NBSP, zero-width space */
    CHECK_STR(s, "x yz");
    free(s);
}

static void test_fold(void) {
    const char *src = "Đảng Cộng sản Việt Nam";
    sk_folded_t f;
    CHECK_INT(sk_fold(src, strlen(src), &f), SK_OK);
    CHECK_STR(f.text, "dang cong san viet nam");
    /* folded "cong" starts at 5; original "Cộng" starts at byte 8 ("Đảng " is 8 bytes) */
    CHECK_INT(f.to_orig[5], 8);
    CHECK_INT(f.to_orig[f.len], strlen(src));
    CHECK_INT(sk_folded_from_orig(&f, 8), 5);
    sk_folded_free(&f);
}

static void test_tone_placement(void) {
    char a[64], b[64];
    /* Both placements fold alike ... */
    sk_fold_str("hoà thuỷ", strlen("hoà thuỷ"), a, sizeof a);
    sk_fold_str("hòa thủy", strlen("hòa thủy"), b, sizeof b);
    CHECK_STR(a, b);
    CHECK_STR(a, "hoa thuy");
    /* ... and canonicalise alike without losing tones; "hoàng" is untouched. */
    char c[64], d[64];
    sk_tone_canon("Hòa Thủy hoàng", strlen("Hòa Thủy hoàng"), c);
    sk_tone_canon("Hoà Thuỷ hoàng", strlen("Hoà Thuỷ hoàng"), d);
    CHECK_STR(c, d);
    CHECK_STR(c, "Hoà Thuỷ hoàng");
}

int main(void) {
    test_nfc();
    test_repair();
    test_fold();
    test_tone_placement();
    return check_report("normalize");
}
