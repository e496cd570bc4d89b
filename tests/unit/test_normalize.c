#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "check.h"
#include "normalize.h"
#include "swar.h"

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

/* The fast path (no utf8proc_map when every code point is NFC-stable) must give
 * what utf8proc gives: each stable range's code points beside ASCII, each other,
 * and a following combining mark (which must take the slow path). */
static void test_nfc_fast_path(void) {
    static const int32_t ranges[][2] = {{0xA0, 0x2FF}, {0x1E00, 0x1EFF}, {0x2010, 0x205E}};
    static const int32_t next[] = {'a', 0xE0, 0x1EA1, 0x2013, 0x0301, 0x0323, 0x0302};
    int mismatches = 0;
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
        for (int32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
            /* spaces and soft hyphen are rewritten before NFC (see test_repair) */
            if (cp == 0xA0 || cp == 0xAD || cp == 0x2028 || cp == 0x2029 || cp == 0x202F) continue;
            for (size_t k = 0; k < sizeof next / sizeof next[0]; k++) {
                utf8proc_uint8_t in[16];
                utf8proc_ssize_t n = 0;
                n += utf8proc_encode_char('a', in + n);
                n += utf8proc_encode_char(cp, in + n);
                n += utf8proc_encode_char(next[k], in + n);
                utf8proc_uint8_t *want = NULL;
                if (utf8proc_map(in, n, &want, UTF8PROC_STABLE | UTF8PROC_COMPOSE) < 0) continue;
                char *got = NULL;
                size_t got_len = 0, bad = 0, ctl = 0;
                if (sk_normalize_text((const char *)in, (size_t)n, &got, &got_len, &bad, &ctl) ==
                        SK_OK &&
                    ctl == 0 && strcmp(got, (const char *)want))
                    mismatches++;
                free(got);
                free(want);
            }
        }
    CHECK_INT(mismatches, 0);
}

/* sk_utf8_decode's inline cases agree with utf8proc_iterate on every lead and
 * second byte, with third bytes at the edges of the continuation range. */
static void test_utf8_decode(void) {
    static const unsigned char third[] = {0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
    int mismatches = 0;
    for (int b0 = 0; b0 < 256; b0++)
        for (int b1 = 0; b1 < 256; b1++)
            for (size_t k = 0; k < sizeof third; k++)
                for (size_t len = 1; len <= 3; len++) {
                    unsigned char in[4] = {(unsigned char)b0, (unsigned char)b1, third[k], 0x80};
                    int32_t got = -7;
                    utf8proc_int32_t want = -7;
                    int n = sk_utf8_decode((const char *)in, len, &got);
                    utf8proc_ssize_t m = utf8proc_iterate(in, (utf8proc_ssize_t)len, &want);
                    if ((m <= 0) != (n < 0) || (m > 0 && (n != m || got != want))) mismatches++;
                }
    CHECK_INT(mismatches, 0);
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

/* sk_fold's word-at-a-time and table paths agree with folding one character
 * at a time (sk_fold_str) on random mixes of ASCII, Vietnamese letters,
 * expanding case folds and broken sequences at every offset. */
static void test_fold_fast_paths(void) {
    static const char *const PIECES[] = {
        "a",
        "Z",
        " ",
        "Hà",
        "\xC4\x90",
        "\xE1\xBA\xA1",
        "\xE1\xBB\x87",
        "\xE1\xBA\x9E",
        "\xEF\xAC\x81",
        "\xE2\x80\x9C",
        "\xC3",
        "\xFF",
        "\xE1\xBA",
        "\xF0\x9F\x98\x80",
        "\xCC\x81",
        "Nguy\xE1\xBB\x85n",
        "0123456789",
        "\xC2\xBB",
        "\x7F",
    };
    unsigned seed = 12345;
    int bad = 0;
    for (int trial = 0; trial < 3000 && !bad; trial++) {
        char src[256];
        size_t len = 0;
        int pieces = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 24;
        for (int p = 0; p < pieces; p++) {
            const char *piece =
                PIECES[((seed = seed * 1103515245u + 12345u) >> 16) % SK_ARRAY_LEN(PIECES)];
            memcpy(src + len, piece, strlen(piece));
            len += strlen(piece);
        }
        sk_folded_t f;
        CHECK_INT(sk_fold(src, len, &f), SK_OK);
        /* Reference: character by character. */
        char want[1024];
        uint32_t want_orig[1024];
        size_t o = 0;
        for (size_t i = 0; i < len;) {
            int32_t cp;
            int n = sk_utf8_decode(src + i, len - i, &cp);
            size_t clen = n < 0 ? 1 : (size_t)n;
            char one[32];
            size_t k = sk_fold_str(src + i, clen, one, sizeof one);
            for (size_t j = 0; j < k; j++) {
                want[o] = one[j];
                want_orig[o++] = (uint32_t)i;
            }
            i += clen;
        }
        bad = f.len != o || memcmp(f.text, want, o) || f.text[o] != '\0' ||
              memcmp(f.to_orig, want_orig, o * sizeof *want_orig) || f.to_orig[o] != len;
        sk_folded_free(&f);
        /* sk_fold_str of the whole string, into buffers of every size: the
           characters that fit whole (its word-at-a-time and table paths too) */
        for (size_t cap = 1; cap <= o + 2 && !bad; cap++) {
            char got[1024];
            size_t want_len = 0;
            for (size_t i = 0; i < len;) {
                int32_t cp;
                int n = sk_utf8_decode(src + i, len - i, &cp);
                size_t clen = n < 0 ? 1 : (size_t)n;
                char one[32];
                size_t k = sk_fold_str(src + i, clen, one, sizeof one);
                if (want_len + k >= cap) break;
                want_len += k;
                i += clen;
            }
            size_t got_len = sk_fold_str(src, len, got, cap);
            bad = got_len != want_len || memcmp(got, want, got_len) || got[got_len] != '\0';
        }
    }
    CHECK_INT(bad, 0);
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

/* The code point tables (cp_tables.h) agree with utf8proc everywhere. */
static void test_cp_tables(void) {
    int bad_letter = 0, bad_upper = 0, bad_lower = 0;
    for (int32_t cp = 0; cp < 0x110000; cp++) {
        utf8proc_category_t c = utf8proc_category(cp);
        int letter = c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
        bad_letter += !sk_is_letter(cp) != !letter;
        bad_upper += !sk_is_upper(cp) != !(c == UTF8PROC_CATEGORY_LU);
        bad_lower += sk_to_lower(cp) != utf8proc_tolower(cp);
    }
    CHECK_INT(bad_letter, 0);
    CHECK_INT(bad_upper, 0);
    CHECK_INT(bad_lower, 0);
    CHECK(!sk_is_letter(-1) && !sk_is_upper(-1));
    for (int b = 0; b < 256; b++)
        CHECK_INT(sk_tok_byte((unsigned char)b),
                  (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80);
    char enc[4], ref[4];
    for (int32_t cp = -1; cp < 0x110001; cp += (cp < 0x20000 ? 1 : 997)) {
        int n = sk_utf8_encode(cp, enc);
        utf8proc_ssize_t m = utf8proc_encode_char(cp, (utf8proc_uint8_t *)ref);
        if (n != m || memcmp(enc, ref, (size_t)n)) {
            CHECK_INT(cp, -2);
            break;
        }
    }
}

/* sk_tok_masks64 (SSE2 where there is SSE2) and its portable version give, for
 * every byte value at every position, the syllable bytes (sk_tok_byte) and the
 * join bytes (space, hyphen, apostrophe). */
static void test_tok_masks(void) {
    unsigned char block[64];
    unsigned seed = 777;
    int bad = 0;
    for (int trial = 0; trial < 4096 + 256 && !bad; trial++) {
        for (int k = 0; k < 64; k++) {
            seed = seed * 1103515245u + 12345u;
            /* first every byte value at every position, then random blocks */
            block[k] = (unsigned char)(trial < 256 ? (trial + k) & 0xFF : (int)(seed >> 16));
        }
        uint64_t want_syll = 0, want_join = 0, syll, join, syll2, join2;
        for (int k = 0; k < 64; k++) {
            want_syll |= (uint64_t)(sk_tok_byte(block[k]) != 0) << k;
            want_join |= (uint64_t)(block[k] == ' ' || block[k] == '-' || block[k] == '\'') << k;
        }
        sk_tok_masks64(block, &syll, &join);
        sk_tok_masks64_swar(block, &syll2, &join2);
        bad = syll != want_syll || join != want_join || syll2 != want_syll || join2 != want_join;
    }
    CHECK_INT(bad, 0);
}

int main(void) {
    test_cp_tables();
    test_tok_masks();
    test_nfc();
    test_nfc_fast_path();
    test_utf8_decode();
    test_repair();
    test_fold();
    test_fold_fast_paths();
    test_tone_placement();
    return check_report("normalize");
}
