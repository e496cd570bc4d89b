/* events_code.c — contact events from mentions (shared/spec/events.md).
 *
 * Per sentence, each trigger (triggers.tsv) looks for its two sides among the
 * actor units around it: persons (with their titles), organisations and
 * delegations, countries. The subject is the nearest actor before the trigger
 * in its clause (or the last subject of the article when the sentence has
 * none); the object is the first actor after it ("tiếp Y", "hội đàm với Y",
 * "thăm chính thức Y"). The trigger's direction (dir= in triggers.tsv) maps
 * subject and object to roles; symmetric triggers take the host from where the
 * event happens. Planned and negated mentions are marked or dropped, and the
 * same contact reported in several sentences becomes one event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coder.h"
#include "mention.h"
#include "normalize.h"

int sk_events_code(const sk_lexicon_t *lex, sk_article_t *a);

enum { SUBJECT_WINDOW = 40, OBJECT_WINDOW = 14 };

/* An actor unit: something that can be one side of an event. */
/* (kept small: units are copied when sorted, and walked by every search) */
typedef struct unit {
    uint32_t t0, t1;  /* token extent (person: including titles) */
    int32_t mention;  /* index into mentions */
    int32_t person;   /* person index or -1 */
    const char *name; /* person name or organisation/country name */
    const char *country;
    const char *locality; /* a locality's delegation: "Hà Nội" */
    uint8_t is_country;   /* a country named as such (destination or side) */
    uint8_t is_place;
    uint8_t is_title; /* an unnamed official ("Đại sứ Malaysia"), named by the office */
    int8_t pair_ix;   /* main_pair: index of its country among the article's (< 32), or -1 */
} unit_t;

typedef struct ev_ctx {
    const sk_lexicon_t *lex;
    sk_article_t *a;
    sk_mentions_t *m;
    unit_t *units;
    size_t n_units;
    size_t n_sorted;           /* units[0..n_sorted) in text order; unnamed officials after them */
    uint32_t *sent_mention_at; /* mentions of sentence i: by_sent[sent_mention_at[i] ..
                                  sent_mention_at[i + 1]), in mention order */
    uint32_t *by_sent;
    sk_event_t *ev;
    size_t n_ev, cap_ev;
    int last_subject;                     /* unit index of the last subject, or -1 */
    int last_visit_dest, last_visit_sent; /* destination unit of the last visit and its sentence */
    int last_planned;                     /* the event that set last_subject was planned */
    int last_trig_subj, last_trig_sent;   /* subject and sentence of the last coded trigger */
    int last_trig_obj;                    /* and its object */
    size_t last_trig_end_tok;
    const char *pair_country[2]; /* the article's main pair (main_pair), once pair_known */
    int pair_person[2], pair_country_unit[2];
    int pair_known;
    int both_sent, both_in_sent; /* both_sides_phrase of sentence both_sent (-1: none yet) */
    const char *visit_dest_country;
    const char *visit_dest_name;
    const char *visit_guest_name;   /* lead visitor of that visit */
    const char *last_place_country; /* country of the last place a report stated */
    int visit_guest_person;
    const char **timex_iso;   /* ISO forms of the time expressions, NULL until made */
    uint32_t *sent_first_tok; /* per sentence: its first token, UINT32_MAX until asked */
} ev_ctx_t;

/* The word tests below are called at nearly every token the rules look at, mostly with
 * literals: inlined, their first test (a length known at compile time, a first byte) is a
 * few instructions instead of a call. */
#if defined(__GNUC__)
#define EV_INLINE static inline __attribute__((always_inline))
#else
#define EV_INLINE static inline
#endif

/* sk_mentions_token_at(sentence sent's start), asked for again and again by the rules:
 * searched once per sentence. */
static size_t sentence_first_token(const ev_ctx_t *c, size_t sent) {
    uint32_t *f = &c->sent_first_tok[sent];
    if (*f == UINT32_MAX) *f = (uint32_t)sk_mentions_token_at(c->m, c->a->sentences[sent].start);
    return *f;
}

static int attr_is(const sk_lex_entry_t *e, const char *key, const char *val) {
    char buf[64];
    const char *v = sk_lex_attr(e, key, buf, sizeof buf);
    return v && !strcmp(v, val);
}

/* Is token i the folded word folded[0..n)? Inline, because the rules call it at every token
 * they look at, nearly always with a literal whose length the compiler knows: a token of
 * another length is rejected without touching its bytes. Token bytes are never ' ' or NUL,
 * so the word matches exactly when the lengths agree and the bytes do. */
EV_INLINE int tok_is_n(const ev_ctx_t *c, size_t i, const char *folded, size_t n) {
    if (i >= c->m->n_tokens) return 0;
    /* a short word: one compare of the token's packed bytes with a constant */
    if (n <= SK_LEX_PACK_MAX) return c->m->sylls[i].key == sk_lex_pack(folded, n);
    const sk_token_t *t = &c->m->tokens[i];
    return t->fe - t->fs == n && !memcmp(c->a->folded.text + t->fs, folded, n);
}

EV_INLINE int tok_is(const ev_ctx_t *c, size_t i, const char *folded) {
    return tok_is_n(c, i, folded, strlen(folded));
}

/* First byte of token i's folded form, or 0 past the last token. The cue tests below are
 * called at every token of a window: they switch on it and try only the words that start
 * with it (a token is never empty). */
EV_INLINE unsigned char tok_first(const ev_ctx_t *c, size_t i) {
    return i < c->m->n_tokens ? (unsigned char)c->a->folded.text[c->m->tokens[i].fs] : 0;
}

/* Folded phrase "a b c" starting at token i, word by word in place (the snprintf +
 * strtok_r copy was 15% of `sukien code`). */
static int phrase_at_words(const ev_ctx_t *c, size_t i, const char *phrase) {
    for (const char *w = phrase;; i++) {
        while (*w == ' ')
            w++;
        if (!*w) return 1;
        if (i >= c->m->n_tokens) return 0;
        const sk_token_t *t = &c->m->tokens[i];
        const char *f = c->a->folded.text + t->fs;
        size_t n = t->fe - t->fs;
        for (size_t k = 0; k < n; k++)
            if (w[k] != f[k]) return 0;
        if (w[n] && w[n] != ' ') return 0;
        w += n;
    }
}

/* phrase_at_words with the first word compared inline (as phrase_at_words compares it: the
 * whole token; no phrase starts with a space). Every caller passes a literal, whose first
 * word's length the compiler knows (strcspn of a constant), so most tokens are rejected by
 * their length or first bytes without a call. */
EV_INLINE int phrase_at(const ev_ctx_t *c, size_t i, const char *phrase) {
    size_t n = strcspn(phrase, " ");
    if (!tok_is_n(c, i, phrase, n)) return 0;
    return phrase[n] == '\0' || phrase_at_words(c, i + 1, phrase + n);
}

/* Token i is `folded` and written `nfc` (with its tones: "đã", not "da"). */
EV_INLINE int word_is(const ev_ctx_t *c, size_t i, const char *folded, const char *nfc) {
    return tok_is(c, i, folded) && !strncmp(c->a->text + c->m->tokens[i].start, nfc, strlen(nfc));
}

static uint32_t sent_of(const ev_ctx_t *c, size_t tok) {
    return c->m->tokens[tok].sentence;
}

/* Is there a clause break (";" or ":" or a full stop) between tokens a and b (a < b)? */
/* A ";" or a line break in text [s, e)? Long spans (up to 40 tokens) by two memchr, which
 * libc vectorises; the gap between two tokens byte by byte. */
static int has_break(const char *s, const char *e) {
    if (e - s >= 16) return memchr(s, ';', (size_t)(e - s)) || memchr(s, '\n', (size_t)(e - s));
    for (; s < e; s++)
        if (*s == ';' || *s == '\n') return 1;
    return 0;
}

/* (inline: most calls ask about two adjacent tokens with one space between them) */
EV_INLINE int clause_break(const ev_ctx_t *c, size_t a, size_t b) {
    if (b <= a) return 0;
    const char *s = c->a->text + c->m->tokens[a].end, *e = c->a->text + c->m->tokens[b].start;
    if (e - s == 1) return *s == ';' || *s == '\n';
    return has_break(s, e);
}

/* clause_break(c, a, b) for a walk back from one token b to earlier and earlier tokens a:
 * *clear (first the start of b) is where the text already found free of breaks begins, so
 * only the bytes before it are scanned. */
static int clause_break_back(const ev_ctx_t *c, size_t a, const char **clear) {
    const char *s = c->a->text + c->m->tokens[a].end;
    if (has_break(s, *clear)) return 1;
    if (s < *clear) *clear = s;
    return 0;
}

/* ---- units --------------------------------------------------------------- */

static int cmp_unit(const void *pa, const void *pb) {
    const unit_t *a = pa, *b = pb;
    if (a->t0 != b->t0) return a->t0 < b->t0 ? -1 : 1;
    return a->t1 < b->t1 ? 1 : a->t1 > b->t1 ? -1 : 0;
}

/* Units in cmp_unit order, equal units in mention order, as glibc's qsort (a merge sort)
 * left them. The mentions come as a few runs already in that order (one or two in most
 * articles), so each run is merged into the sorted part before it; equal units are taken
 * from the earlier run first, which keeps them in mention order. Past MAX_RUNS runs the
 * merges would cost more than they save, and qsort sorts the rest. */
enum { MAX_RUNS = 8 };

static int sort_units(sk_arena_t *arena, unit_t *units, size_t n) {
    unit_t *tmp = NULL;
    size_t k = 1;
    for (int runs = 1;; runs++) {
        while (k < n && cmp_unit(&units[k - 1], &units[k]) <= 0)
            k++;
        if (k >= n) return SK_OK; /* units[0..k) sorted */
        if (runs == MAX_RUNS) {
            qsort(units, n, sizeof *units, cmp_unit);
            return SK_OK;
        }
        size_t r = k + 1; /* the next run: units[k..r) */
        while (r < n && cmp_unit(&units[r - 1], &units[r]) <= 0)
            r++;
        /* not zeroed: only what is copied in is read */
        if (!tmp && !(tmp = sk_arena_alloc_uninit(arena, n * sizeof *tmp))) return SK_ENOMEM;
        /* merge the sorted part (copied out) with the run, from the front */
        memcpy(tmp, units, k * sizeof *tmp);
        size_t i = 0, j = k, o = 0;
        while (i < k && j < r)
            units[o++] = cmp_unit(&units[j], &tmp[i]) < 0 ? units[j++] : tmp[i++];
        while (i < k)
            units[o++] = tmp[i++];
        k = r;
    }
}

static int build_units(ev_ctx_t *c) {
    sk_mentions_t *m = c->m;
    /* not zeroed: units[0..n_units) are written before anything reads them */
    c->units = sk_arena_alloc_uninit(c->a->arena, (m->n + 1) * sizeof *c->units);
    if (!c->units) return SK_ENOMEM;
    for (size_t i = 0; i < m->n; i++) {
        const sk_mention_t *x = &m->items[i];
        unit_t u = {.t0 = x->ext_start, .t1 = x->ext_end, .mention = (int32_t)i, .person = -1};
        if (x->kind == SK_MENTION_PERSON) {
            if (x->person < 0) continue;
            const sk_person_t *p = &m->persons.items[x->person];
            u.person = x->person;
            u.name = p->name;
            u.country = p->side_country;
        } else if (x->kind == SK_MENTION_ORG || x->kind == SK_MENTION_COUNTRY ||
                   x->kind == SK_MENTION_PLACE) {
            u.name = x->canonical;
            u.country = x->country;
            u.is_country = x->kind == SK_MENTION_COUNTRY;
            u.is_place = x->kind == SK_MENTION_PLACE;
            if (x->kind == SK_MENTION_ORG && x->org && x->lex_entry >= 0 &&
                sk_lexicon_entry(c->lex, (uint32_t)x->lex_entry)->kind == SK_LEX_PLACE)
                u.locality = x->org;
            const sk_lex_entry_t *e =
                x->lex_entry >= 0 ? sk_lexicon_entry(c->lex, (uint32_t)x->lex_entry) : NULL;
            if (e && x->kind == SK_MENTION_ORG) {
                /* generic bodies without a country ("Bộ Ngoại giao") are not sides alone,
                   and the press reports contacts without being one ("Ảnh: …/TTXVN") */
                if (!u.country) continue;
                char type[64], buf[32]; /* (type= looked up once for both tests) */
                const char *ty = sk_lex_attr(e, "type", type, sizeof type);
                if (ty && !strcmp(ty, "media")) continue;
                if (ty && !strcmp(ty, "io") && sk_lex_attr(e, "acronym", buf, sizeof buf))
                    u.country = sk_arena_strdup(c->a->arena, buf);
            }
        } else if (x->kind == SK_MENTION_TITLE && x->person < 0 && x->country && x->canonical &&
                   x->tok_end > x->tok_start + 1) {
            /* "tiếp Đại sứ Malaysia": an official the article does not name stands for
               the side, under the office's name (at least two words with the country) */
            u.name = x->canonical;
            u.country = x->country;
            u.is_title = 1;
        } else {
            continue;
        }
        c->units[c->n_units++] = u;
    }
    /* Unnamed officials go after the others, out of the text order that the searches for
       subjects, objects and lists walk: they are only a last resort (code_trigger). */
    size_t n_titles = 0;
    for (size_t k = 0; k < c->n_units; k++)
        if (c->units[k].is_title) n_titles++;
    if (sort_units(c->a->arena, c->units, c->n_units)) return SK_ENOMEM;
    if (n_titles) {
        unit_t *tmp = sk_arena_alloc(c->a->arena, n_titles * sizeof *tmp);
        if (!tmp) return SK_ENOMEM;
        size_t a = 0, b = 0;
        for (size_t k = 0; k < c->n_units; k++) {
            if (c->units[k].is_title)
                tmp[b++] = c->units[k];
            else
                c->units[a++] = c->units[k];
        }
        memcpy(c->units + a, tmp, n_titles * sizeof *tmp);
    }
    c->n_sorted = c->n_units - n_titles;
    return SK_OK;
}

/* First unit in text order starting at or after token t (n_sorted when none): the searches
 * below start there instead of walking every unit of a long article. */
static size_t first_unit_from(const ev_ctx_t *c, size_t t) {
    size_t lo = 0, hi = c->n_sorted;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->units[mid].t0 < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Nearest unit ending at or before token t in the same sentence and clause. */
static int subject_before_x(const ev_ctx_t *c, size_t t, size_t *start_out, int no_country) {
    int best = -1, best_org = -1;
    uint32_t s = sent_of(c, t);
    const char *clear = c->a->text + c->m->tokens[t].start;
    for (size_t k = first_unit_from(c, t + 1); k-- > 0;) {
        const unit_t *u = &c->units[k];
        if (u->t1 > t || u->is_title) continue;
        if (sent_of(c, u->t0) != s) break;
        if (t - u->t1 > SUBJECT_WINDOW || clause_break_back(c, u->t1 - 1, &clear)) break;
        if (u->is_place || (no_country && u->is_country)) continue;
        /* "Phu nhân Tổng Bí thư X thăm …": the spouse, not X, is the subject */
        if (u->person >= 0 && u->t0 >= 2 && tok_is(c, u->t0 - 1, "nhan") &&
            tok_is(c, u->t0 - 2, "phu"))
            break;
        /* a country right after a person is usually that person's qualifier
           ("Thủ tướng Nhật Bản"); otherwise the nearest actor is the subject */
        if (u->person >= 0) {
            best = (int)k;
            break;
        }
        if (best_org < 0) {
            best_org = (int)k;
            if (!u->is_country) break;
        } else if (u->t1 + 2 < c->units[best_org].t0) {
            break;
        }
    }
    if (best < 0) best = best_org;
    if (best >= 0 && start_out) *start_out = c->units[best].t0;
    return best;
}

static int subject_before(const ev_ctx_t *c, size_t t, size_t *start_out) {
    return subject_before_x(c, t, start_out, 0);
}

/* First unit starting after token t in the same sentence. Places are skipped unless
 * want_place. */
static int forum_context(const ev_ctx_t *c, const unit_t *u);

/* "về" (a topic), "khi", "vì", "nhằm" (a new clause): where object_after stops. */
static int object_stop_at(const ev_ctx_t *c, size_t i) {
    switch (tok_first(c, i)) {
    case 'v':
        return (tok_is(c, i, "ve") &&
                !strncmp(c->a->text + c->m->tokens[i].start, "về", strlen("về"))) ||
               word_is(c, i, "vi", "vì");
    case 'k':
        return word_is(c, i, "khi", "khi");
    case 'n':
        return word_is(c, i, "nham", "nhằm");
    default:
        return 0;
    }
}

static int object_after(const ev_ctx_t *c, size_t t, int want_place, size_t window) {
    uint32_t s = sent_of(c, t);
    /* "điện đàm về Triều Tiên": what follows "về" is the topic, not a counterpart; "hội đàm
       sau khi Triều Tiên phóng tên lửa": a new clause, not the counterpart. The first such
       word in the window (stop) is looked for only as far as the units tried: tokens
       [t, scanned) hold none. */
    size_t stop = (size_t)-1, scanned = t;
    int scan_over = 0;
    for (size_t k = first_unit_from(c, t); k < c->n_units; k++) {
        const unit_t *u = &c->units[k];
        if (u->t0 < t) continue;
        for (; !scan_over && stop == (size_t)-1 && scanned < u->t0; scanned++) {
            if (scanned >= t + window || scanned >= c->m->n_tokens || sent_of(c, scanned) != s)
                scan_over = 1;
            else if (object_stop_at(c, scanned))
                stop = scanned;
        }
        if (u->t0 > stop) break;
        if (sent_of(c, u->t0) != s) break;
        if (u->t0 - t > window || clause_break(c, t, u->t0)) break;
        if ((u->is_place && !want_place) || u->is_title) continue;
        /* "hội đàm bên lề Hội nghị G20", "tại Osaka, Nhật Bản": the forum or the place is
           where, not with whom */
        if (forum_context(c, u)) continue;
        if (!want_place && u->is_country && u->t0 > 0 &&
            (tok_is(c, u->t0 - 1, "tai") || word_is(c, u->t0 - 1, "o", "ở") ||
             (k > 0 && c->units[k - 1].is_place && c->units[k - 1].t1 == u->t0)))
            continue;
        if (u->is_country && k + 1 < c->n_units && c->units[k + 1].person >= 0 &&
            c->units[k + 1].t0 <= u->t1 + 1)
            return (int)k + 1;
        return (int)k;
    }
    return -1;
}

/* The person coordinated before unit k ("X và Y", "X, Y"), or -1. */
static int coordinated_before(const ev_ctx_t *c, int k) {
    if (k <= 0 || c->units[k].t0 == 0) return -1;
    size_t t = c->units[k].t0;
    for (int q = k - 1; q >= 0; q--) {
        const unit_t *u = &c->units[q];
        if (u->t1 > t) continue;
        if (u->person < 0) return -1;
        if (sent_of(c, u->t0) != sent_of(c, t)) return -1;
        /* "theo lời mời của X, Y thăm …": X is not coordinated with Y */
        if (u->t0 > 0 && (tok_is(c, u->t0 - 1, "cua") || tok_is(c, u->t0 - 1, "voi") ||
                          tok_is(c, u->t0 - 1, "do")))
            return -1;
        /* only "và" or a comma between them */
        if (t - u->t1 == 1 && tok_is(c, u->t1, "va")) return q;
        if (t == u->t1) {
            const char *g = c->a->text + c->m->tokens[u->t1 - 1].end;
            const char *e = c->a->text + c->m->tokens[t].start;
            int comma = 0;
            for (; g < e; g++) {
                if (*g == ',')
                    comma++;
                else if (*g != ' ')
                    return -1;
            }
            return comma == 1 ? q : -1;
        }
        return -1;
    }
    return -1;
}

/* Gap between units a and b (a before b) is ", " or " và " in one sentence. */
static int listed_next(const ev_ctx_t *c, const unit_t *a, const unit_t *b) {
    if (b->t0 < a->t1 || sent_of(c, a->t0) != sent_of(c, b->t0)) return 0;
    if (b->t0 == a->t1 + 1 && tok_is(c, a->t1, "va")) return 1;
    if (b->t0 != a->t1) return 0;
    const char *g = c->a->text + c->m->tokens[a->t1 - 1].end;
    const char *e = c->a->text + c->m->tokens[b->t0].start;
    int comma = 0;
    for (; g < e; g++) {
        if (*g == ',')
            comma++;
        else if (*g != ' ')
            return 0;
    }
    return comma == 1;
}

/* Members of the list of countries that unit k belongs to ("Anh, Pháp, Đức và Nhật Bản" =
 * 4); 1 when k stands alone or is not a country. (Persons are left out: "Trong cuộc hội
 * đàm với A, B và C đã …" lists two sides, not three.) */
static int list_size(const ev_ctx_t *c, int k) {
    if (k < 0 || !c->units[k].is_country) return 1;
    int n = 1;
    for (int q = k; q > 0; q--) {
        const unit_t *a = &c->units[q - 1], *b = &c->units[q];
        if (!a->is_country || !listed_next(c, a, b)) break;
        n++;
    }
    for (int q = k; q + 1 < (int)c->n_units; q++) {
        const unit_t *a = &c->units[q], *b = &c->units[q + 1];
        if (!b->is_country || !listed_next(c, a, b)) break;
        n++;
    }
    return n;
}

static int unit_after_tokens(const ev_ctx_t *c, size_t t) {
    size_t k = first_unit_from(c, t);
    if (k < c->n_sorted && c->units[k].t0 == t) return (int)k;
    for (k = c->n_sorted; k < c->n_units; k++)
        if (c->units[k].t0 == t) return (int)k;
    return -1;
}

/* First trigger (they are in text order, not overlapping) starting at or after byte off;
 * n_triggers when none. Keeps the per-trigger searches local: a 2 MB article has
 * thousands of triggers. */
static size_t first_trigger_from(const ev_ctx_t *c, uint32_t off) {
    size_t lo = 0, hi = c->m->n_triggers;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->m->triggers[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* First time expression (in text order) starting at or after byte off. */
static size_t first_timex_from(const ev_ctx_t *c, uint32_t off) {
    size_t lo = 0, hi = c->m->n_timexes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->m->timexes[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* sk_timex_iso of time expression t, made once per article: several triggers and
 * fill_dates ask for the same one (the strings are never changed, so they can be shared). */
static const char *timex_iso(ev_ctx_t *c, const sk_timex_t *t) {
    size_t k = (size_t)(t - c->m->timexes);
    if (!c->timex_iso) {
        c->timex_iso = sk_arena_alloc(c->a->arena, c->m->n_timexes * sizeof *c->timex_iso);
        if (!c->timex_iso) return sk_timex_iso(c->a->arena, t);
    }
    if (!c->timex_iso[k]) c->timex_iso[k] = sk_timex_iso(c->a->arena, t);
    return c->timex_iso[k];
}

/* "Đoàn đại biểu … do đồng chí X dẫn đầu": the person leading the unit at k. */
static int delegation_leader(const ev_ctx_t *c, int k) {
    if (k < 0) return -1;
    size_t t = c->units[k].t1;
    uint32_t s = sent_of(c, c->units[k].t0);
    /* first_trigger_from(tokens[i].start), moved on with i (tokens and triggers are in text
       order) rather than searched for at each token */
    size_t q0 = t < c->m->n_tokens ? first_trigger_from(c, c->m->tokens[t].start) : 0;
    for (size_t i = t; i < t + 12 && i < c->m->n_tokens && sent_of(c, i) == s; i++) {
        while (q0 < c->m->n_triggers && c->m->triggers[q0].start < c->m->tokens[i].start)
            q0++;
        if (q0 < c->m->n_triggers && c->m->triggers[q0].start < c->m->tokens[i].end)
            return -1; /* "X tiếp Đoàn … do Y dẫn đầu": Y leads the object */
        if (!tok_is(c, i, "do")) continue;
        for (size_t q = (size_t)k + 1; q < c->n_units; q++) {
            const unit_t *u = &c->units[q];
            if (u->t0 <= i) continue;
            if (u->t0 > i + 6 || u->person < 0) return -1;
            for (size_t e = u->t1; e < u->t1 + 3 && e < c->m->n_tokens; e++)
                if (phrase_at(c, e, "dan dau") || phrase_at(c, e, "lam truong doan") ||
                    phrase_at(c, e, "lam truong"))
                    return (int)q;
            return -1;
        }
        return -1;
    }
    return -1;
}

/* An organisation named as a forum or venue ("bên lề APEC", "tại Hội nghị ASEAN") is not
 * a counterpart. */
static int forum_context(const ev_ctx_t *c, const unit_t *u) {
    if (u->person >= 0 || u->is_country || u->t0 == 0) return 0;
    size_t t = u->t0;
    /* "bên lề APEC", "Hội nghị ASEAN", "Diễn đàn …", "dự …", "cuộc họp APEC", and a few
       words further: "Hội nghị thượng đỉnh G20", "Hội nghị Cấp cao ASEAN" */
    if (tok_is(c, t - 1, "du")) return 1;
    for (size_t k = 1; k <= 4 && k <= t; k++) {
        size_t i = t - k;
        if (sent_of(c, i) != sent_of(c, t)) break;
        if (tok_is(c, i, "le") || tok_is(c, i, "nghi") || tok_is(c, i, "dan") ||
            tok_is(c, i, "hop") || (i > 0 && tok_is(c, i, "dinh") && tok_is(c, i - 1, "thuong")))
            return 1;
    }
    return 0;
}

/* ---- sides --------------------------------------------------------------- */

static void set_actor_from_unit(ev_ctx_t *c, sk_actor_t *act, const unit_t *u) {
    if (u->person >= 0) {
        const sk_person_t *p = &c->m->persons.items[u->person];
        act->kind = SK_ACTOR_PERSON;
        act->name = p->name;
        act->titles = p->titles;
        act->n_titles = p->n_titles;
        act->org = p->org;
        act->country = p->country;
    } else {
        act->kind = SK_ACTOR_ORGANIZATION;
        act->name = u->name;
        act->country = u->country;
    }
}

static int fill_side(ev_ctx_t *c, sk_side_t *side, const char *role, int lead, int other) {
    side->role = role;
    side->n_actors = other >= 0 ? 2 : 1;
    side->actors = sk_arena_alloc(c->a->arena, side->n_actors * sizeof *side->actors);
    if (!side->actors) return SK_ENOMEM;
    set_actor_from_unit(c, &side->actors[0], &c->units[lead]);
    if (other >= 0) set_actor_from_unit(c, &side->actors[1], &c->units[other]);
    side->country = c->units[lead].country;
    if (!side->country && other >= 0) side->country = c->units[other].country;
    side->locality = c->units[lead].locality ? c->units[lead].locality
                     : other >= 0            ? c->units[other].locality
                                             : NULL;
    return SK_OK;
}

/* ---- dates and places ---------------------------------------------------- */

/* The time expression that dates a trigger: nearest in the sentence, preferring one
 * before the trigger. Ranges only date visits. */
static const sk_timex_t *date_for(const ev_ctx_t *c, size_t sent, uint32_t trig_start,
                                  sk_event_type_t type) {
    const sk_sentence_t *s = &c->a->sentences[sent];
    const sk_timex_t *best = NULL;
    uint32_t best_d = UINT32_MAX;
    for (size_t k = first_timex_from(c, s->start);
         k < c->m->n_timexes && c->m->timexes[k].start < s->end; k++) {
        const sk_timex_t *t = &c->m->timexes[k];
        if (t->start < s->start || t->end > s->end) continue;
        if (t->is_range && type != SK_EV_VISIT) continue;
        if (t->precision == SK_PREC_NONE) continue;
        /* "kể từ khi lên cầm quyền năm 2013", "sinh năm 1952": a reference point, not the
           contact's date */
        {
            size_t ti = sk_mentions_token_at(c->m, t->start);
            int since = 0;
            for (size_t j = ti > 10 ? ti - 10 : 0; j < ti && !since; j++)
                since = c->m->tokens[j].start >= s->start &&
                        (phrase_at(c, j, "ke tu") || phrase_at(c, j, "tu khi") ||
                         word_is(c, j, "sinh", "sinh"));
            if (since) continue;
        }
        if (t->start > trig_start) {
            size_t q = first_trigger_from(c, trig_start + 1);
            if (q < c->m->n_triggers && c->m->triggers[q].start < t->start) continue;
        }
        uint32_t d = t->end <= trig_start ? trig_start - t->end : (t->start - trig_start) * 2;
        /* a visit is dated by its range, written after it ("thăm X từ ngày 14-16/4") */
        if (type == SK_EV_VISIT && t->is_range) d = t->start > trig_start ? d / 16 : d / 8;
        /* "thăm A từ ngày 14-16/4 và thăm B từ ngày 16-18/4": a date written after another
           trigger of the sentence is that trigger's */
        if (t->end <= trig_start)
            for (size_t q = first_trigger_from(c, s->start);
                 q < c->m->n_triggers && c->m->triggers[q].start < t->start; q++) {
                const sk_lex_match_t *tm = &c->m->triggers[q];
                if (tm->end <= t->start && tm->start != trig_start) {
                    d += 4096;
                    break;
                }
            }
        if (d < best_d) {
            best = t;
            best_d = d;
        }
    }
    return best;
}

static int find_location(ev_ctx_t *c, size_t sent, const char **name, const char **country) {
    /* "tại <place|country>", "ở <place>", "(theo giờ <place>)", "tại thủ đô <place>",
       "tại trụ sở <body>"; the name as written in the text */
    sk_mentions_t *m = c->m;
    /* "theo giờ <place>" only when nothing says "tại": "Sáng 29-6 theo giờ địa phương
       (chiều cùng ngày theo giờ Hà Nội), tại Thủ đô Matxcơva, …" is in Moscow */
    for (int by_clock = 0; by_clock < 2; by_clock++)
        for (size_t kk = c->sent_mention_at[sent]; kk < c->sent_mention_at[sent + 1]; kk++) {
            const sk_mention_t *x = &m->items[c->by_sent[kk]];
            if (x->sentence != sent) continue;
            int building = x->kind == SK_MENTION_ORG && x->tok_start >= 3 &&
                           tok_is(c, x->tok_start - 1, "so") &&
                           tok_is(c, x->tok_start - 2, "tru") && tok_is(c, x->tok_start - 3, "tai");
            int org_venue =
                x->kind == SK_MENTION_ORG && x->country && x->tok_start >= 1 &&
                tok_is(c, x->tok_start - 1, "tai") && x->lex_entry >= 0 &&
                !attr_is(sk_lexicon_entry(c->lex, (uint32_t)x->lex_entry), "type", "io");
            if (x->kind != SK_MENTION_PLACE && x->kind != SK_MENTION_COUNTRY && !building &&
                !org_venue)
                continue;
            size_t t = x->tok_start;
            if (t == 0) continue;
            int clock = tok_is(c, t - 1, "gio");
            if (clock != by_clock) continue;
            if (building || tok_is(c, t - 1, "tai") || tok_is(c, t - 1, "o") || clock ||
                (t >= 2 && tok_is(c, t - 1, "do") && tok_is(c, t - 2, "thu"))) {
                /* "tại Hà Nội" but not "Đại sứ Việt Nam tại Nga" (inside a title) */
                if (m->tok_mention[t] >= 0 &&
                    (m->items[m->tok_mention[t]].kind == SK_MENTION_PERSON ||
                     m->items[m->tok_mention[t]].kind == SK_MENTION_TITLE))
                    continue;
                size_t from = building ? c->m->tokens[t - 2].start : x->start;
                *name = sk_arena_strndup(c->a->arena, c->a->text + from, x->end - from);
                *country = x->country ? x->country : building ? "VNM" : NULL;
                return 1;
            }
        }
    return 0;
}

/* ---- status -------------------------------------------------------------- */

static int planned_cue_at(const ev_ctx_t *c, size_t i) {
    switch (tok_first(c, i)) {
    case 's':
        return word_is(c, i, "se", "sẽ") || word_is(c, i, "sap", "sắp") ||
               phrase_at(c, i, "san sang") || phrase_at(c, i, "sap toi");
    case 'd':
        return phrase_at(c, i, "du kien") || phrase_at(c, i, "du dinh") ||
               /* "đề xuất một cuộc họp" */
               phrase_at(c, i, "de xuat");
    case 'c':
        return phrase_at(c, i, "chuan bi");
    case 'k':
        /* "kêu gọi một cuộc họp" */
        return phrase_at(c, i, "ke hoach") || phrase_at(c, i, "keu goi") ||
               phrase_at(c, i, "khuyen khich");
    case 'm':
        return (word_is(c, i, "moi", "mời") && !(i > 0 && tok_is(c, i - 1, "loi"))) ||
               phrase_at(c, i, "mong muon") ||
               /* "chiều mai", "ngày mai" */
               (word_is(c, i, "mai", "mai") && i > 0 &&
                (tok_is(c, i - 1, "sang") || tok_is(c, i - 1, "chieu") || tok_is(c, i - 1, "toi") ||
                 tok_is(c, i - 1, "trua") || tok_is(c, i - 1, "ngay")));
    case 'h':
        /* "hối thúc một cuộc họp" */
        return phrase_at(c, i, "hy vong") || phrase_at(c, i, "hi vong") ||
               phrase_at(c, i, "hoi thuc");
    case 't':
        /* "tuần tới"; "trước thềm cuộc gặp": on its eve */
        return phrase_at(c, i, "tuan toi") || phrase_at(c, i, "thang toi") ||
               phrase_at(c, i, "truoc them");
    default:
        return 0;
    }
}

static int past_cue_at(const ev_ctx_t *c, size_t i) {
    switch (tok_first(c, i)) {
    case 'd':
        return word_is(c, i, "da", "đã");
    case 'v':
        return word_is(c, i, "vua", "vừa");
    case 't':
        return word_is(c, i, "tung", "từng");
    case 'k':
        return phrase_at(c, i, "ke tu");
    case 's':
        return word_is(c, i, "sau", "sau");
    default:
        return 0;
    }
}

/* Planned. A verb is planned when a future cue stands earlier in its clause ("sẽ thăm A,
 * thăm B") with no past marker after it; a nominal mention only when the cue governs it
 * ("sẽ có cuộc hội đàm", "cuộc hội đàm sắp tới", "chuyến thăm dự kiến diễn ra"). */
static int planned_around(const ev_ctx_t *c, size_t t0, size_t t1, size_t lo, int noun) {
    size_t from = noun ? (t0 > 6 ? t0 - 6 : 0) : (t0 > 20 ? t0 - 20 : 0);
    if (from < lo) from = lo;
    /* Read forward from `from`, a cue sets the state, a past marker, a clause break or (for
       a noun) a quote clears it, the cue and the marker at a token after the break before
       it. The state at the trigger is what the last of these set, so the tokens are read
       back from the trigger, and the first one that sets or clears the state decides. */
    for (size_t i = t0; i-- > from;) {
        if (planned_cue_at(c, i) && !(noun && phrase_at(c, i, "mong muon"))) return 1;
        if (past_cue_at(c, i)) break;
        if (i > from && clause_break(c, i - 1, i)) break;
        if (i > from && noun) { /* a quote closes the cue's scope */
            const char *g = c->a->text + c->m->tokens[i - 1].end;
            const char *ge = c->a->text + c->m->tokens[i].start;
            int quote = 0;
            for (; g < ge; g++)
                if (*g == '"' || !strncmp(g, "”", strlen("”"))) quote = 1;
            if (quote) break;
        }
    }
    if (!noun) return 0;
    uint32_t s = sent_of(c, t0);
    for (size_t i = t1; i < t1 + 4 && i < c->m->n_tokens && sent_of(c, i) == s; i++) {
        if (past_cue_at(c, i)) break;
        if (phrase_at(c, i, "sap toi") || phrase_at(c, i, "toi day") ||
            phrase_at(c, i, "du kien dien ra") || phrase_at(c, i, "se dien ra"))
            return 1;
    }
    return 0;
}

/* "duy trì tiếp xúc", "tăng cường đối thoại", "thúc đẩy trao đổi đoàn": a habit or an aim,
 * not an occurrence. */
static int generic_before(const ev_ctx_t *c, size_t t0) {
    /* (literals, not a table: phrase_at then knows each first word's length) */
    for (size_t i = t0 > 3 ? t0 - 3 : 0; i < t0; i++) {
        int generic = 0;
        switch (tok_first(c, i)) {
        case 'd':
            generic = phrase_at(c, i, "duy tri") || phrase_at(c, i, "day manh");
            break;
        case 't':
            generic = phrase_at(c, i, "tang cuong") || phrase_at(c, i, "thuc day") ||
                      phrase_at(c, i, "thuong xuyen");
            break;
        case 'm':
            generic = phrase_at(c, i, "mo rong");
            break;
        case 'c':
            /* "cơ chế đối thoại" */
            generic = phrase_at(c, i, "cac chuyen") || phrase_at(c, i, "cac cuoc") ||
                      phrase_at(c, i, "co che");
            break;
        case 'n':
            generic = phrase_at(c, i, "nhieu chuyen") || phrase_at(c, i, "nhieu cuoc") ||
                      phrase_at(c, i, "nhung chuyen") || phrase_at(c, i, "nhung cuoc");
            break;
        case 'v':
            /* "ngồi vào bàn đàm phán" */
            generic = phrase_at(c, i, "vao ban");
            break;
        }
        if (generic) return 1;
    }
    return 0;
}

/* "đối thoại … hằng năm", "tham vấn định kỳ": a recurring arrangement, not one contact. */
static int recurring_after(const ev_ctx_t *c, size_t t1) {
    uint32_t s = sent_of(c, t1 > 0 ? t1 - 1 : 0);
    for (size_t i = t1; i < t1 + 4 && i < c->m->n_tokens && sent_of(c, i) == s; i++)
        if (phrase_at(c, i, "hang nam") || phrase_at(c, i, "dinh ky")) return 1;
    return 0;
}

/* "huỷ cuộc gặp", "hoãn chuyến thăm": the contact did not take place. */
static int cancelled_before(const ev_ctx_t *c, size_t t0) {
    for (size_t i = t0 > 4 ? t0 - 4 : 0; i < t0; i++)
        if (word_is(c, i, "huy", "huỷ") || word_is(c, i, "huy", "hủy") ||
            word_is(c, i, "hoan", "hoãn") || phrase_at(c, i, "bai bo"))
            return 1;
    return 0;
}

static int negated_before(const ev_ctx_t *c, size_t t) {
    for (size_t i = t > 3 ? t - 3 : 0; i < t; i++) {
        const char *w = c->a->text + c->m->tokens[i].start;
        if ((tok_is(c, i, "khong") && !strncmp(w, "không", strlen("không"))) ||
            (tok_is(c, i, "chua") && !strncmp(w, "chưa", strlen("chưa"))))
            return 1;
    }
    return 0;
}

/* ---- codes --------------------------------------------------------------- */

static void set_codes(sk_event_t *e) {
    e->plover_mode = NULL;
    switch (e->type) {
    case SK_EV_MEET:
        e->plover_type = "CONSULT";
        if (!strcmp(e->subtype, "receive")) {
            e->cameo = "043";
            e->plover_mode = "visit";
        } else if (!strcmp(e->subtype, "talks")) {
            e->cameo = "046";
        } else {
            e->cameo = "040";
        }
        break;
    case SK_EV_VISIT:
        e->cameo = "042";
        e->plover_type = "CONSULT";
        e->plover_mode = "visit";
        break;
    case SK_EV_CALL:
        e->cameo = "041";
        e->plover_type = "CONSULT";
        e->plover_mode = "phone";
        break;
    case SK_EV_MESSAGE:
        e->plover_type = "SUPPORT";
        e->cameo = !strcmp(e->subtype, "congratulation") ? "051"
                   : !strcmp(e->subtype, "condolence")   ? "018"
                                                         : "010";
        break;
    default:
        e->cameo = "057";
        e->plover_type = "AGREE";
        break;
    }
}

/* ---- dedupe -------------------------------------------------------------- */

static int same_lead(const sk_side_t *a, const sk_side_t *b);

/* Same side: same lead, or one side's lead is among the other's actors (a delegation and
 * the person leading it). */
static int same_actor(const sk_side_t *a, const sk_side_t *b) {
    if (same_lead(a, b)) return 1;
    for (size_t i = 1; i < a->n_actors; i++)
        if (a->actors[i].name && b->actors[0].name && !strcmp(a->actors[i].name, b->actors[0].name))
            return 1;
    for (size_t i = 1; i < b->n_actors; i++)
        if (b->actors[i].name && a->actors[0].name && !strcmp(b->actors[i].name, a->actors[0].name))
            return 1;
    return 0;
}

static int same_lead(const sk_side_t *a, const sk_side_t *b) {
    const sk_actor_t *x = &a->actors[0], *y = &b->actors[0];
    /* a side named as a country or body is the same side as a person of that country
       ("Đối thoại … Việt Nam - Cuba" and "Thượng tướng X đối thoại với Y") */
    if (a->country && b->country &&
        (x->kind == SK_ACTOR_ORGANIZATION || y->kind == SK_ACTOR_ORGANIZATION))
        return !strcmp(a->country, b->country);
    if (x->kind != y->kind) return 0;
    if (x->kind == SK_ACTOR_ORGANIZATION && a->country && b->country)
        return !strcmp(a->country, b->country);
    return x->name && y->name && !strcmp(x->name, y->name);
}

static int dates_compatible(const sk_event_t *a, const sk_event_t *b) {
    if (!a->date.iso || !b->date.iso) return 1;
    return !strcmp(a->date.iso, b->date.iso);
}

/* A day or month compared with a date or range ("2024-03-04/2024-03-07", "2023-12",
 * "--03-05"): 1 when it can fall inside, or when either is unknown. */
static int date_within(const char *d, const char *range) {
    if (!d || !range) return 1;
    char lo[16] = "", hi[16] = "";
    const char *slash = strchr(range, '/');
    size_t ll = slash ? (size_t)(slash - range) : strlen(range);
    if (ll >= sizeof lo) return 1;
    memcpy(lo, range, ll);
    snprintf(hi, sizeof hi, "%s", slash ? slash + 1 : lo);
    /* a date without its year ("--03-05") is compared on month and day only */
    int noyear = !strncmp(d, "--", 2) || !strncmp(lo, "--", 2) || !strncmp(hi, "--", 2);
    const char *dd = noyear && strlen(d) >= 5 ? d + strlen(d) - 5 : d;
    const char *l = noyear && strlen(lo) >= 5 ? lo + strlen(lo) - 5 : lo;
    const char *h = noyear && strlen(hi) >= 5 ? hi + strlen(hi) - 5 : hi;
    /* month precision on either side: compare as far as both go; a visit dated by a single
       day ("đang ở thăm Singapore ngày 13-11") is known only to span that month */
    size_t n = strlen(dd) < strlen(l) ? strlen(dd) : strlen(l);
    if (!slash && n > strlen(l) - 3 && strlen(l) >= 5) n = strlen(l) - 3;
    return strncmp(l, dd, n) <= 0 && strncmp(dd, h, n) <= 0;
}

/* Index of an event already recorded for the same contact, or -1. */
static int org_vs_person(const sk_event_t *a, const sk_event_t *b) {
    for (int k = 0; k < 2; k++)
        if (a->sides[k].actors[0].kind != b->sides[0].actors[0].kind &&
            a->sides[k].actors[0].kind != b->sides[1].actors[0].kind)
            return 1;
    return 0;
}

static int find_same(const ev_ctx_t *c, const sk_event_t *e, int *swapped) {
    for (size_t i = 0; i < c->n_ev; i++) {
        const sk_event_t *o = &c->ev[i];
        if (o->type != e->type || !dates_compatible(o, e)) continue;
        /* a plan and a report held in two countries, one of them stated: two occurrences
           ("Khi gặp X … tại Lào" and, during the visit to Việt Nam, "X chiều mai hội kiến
           Y") */
        if (o->planned != e->planned && o->location_country && e->location_country &&
            (!o->location_inferred || !e->location_inferred) &&
            strcmp(o->location_country, e->location_country))
            continue;
        /* a body-level contact ("Hai bên tổ chức đối thoại … tháng 4") is the leaders' one
           when it is the same kind of contact, or dated alike */
        if (o->type != SK_EV_VISIT && org_vs_person(o, e) && strcmp(o->subtype, e->subtype) &&
            !(o->date.iso && e->date.iso && !strcmp(o->date.iso, e->date.iso)))
            continue;
        /* … but not a leaders' contact still to come */
        if (o->type != SK_EV_VISIT && org_vs_person(o, e) && o->planned != e->planned) continue;
        if (same_actor(&o->sides[0], &e->sides[0]) && same_actor(&o->sides[1], &e->sides[1])) {
            *swapped = 0;
            return (int)i;
        }
        /* visits and messages have a direction: A visiting B is not B visiting A */
        if (o->type != SK_EV_VISIT && o->type != SK_EV_MESSAGE &&
            same_actor(&o->sides[0], &e->sides[1]) && same_actor(&o->sides[1], &e->sides[0])) {
            *swapped = 1;
            return (int)i;
        }
    }
    return -1;
}

static int add_event(ev_ctx_t *c, sk_event_t *e) {
    int swapped = 0;
    int same = find_same(c, e, &swapped);
    if (same >= 0) {
        sk_event_t *o = &c->ev[same];
        o->n_mentions++;
        /* a named person leads rather than the delegation ("Đoàn …" then "do X dẫn đầu") */
        for (int k = 0; k < 2; k++) {
            sk_side_t *os = &o->sides[k];
            const sk_side_t *es = &e->sides[swapped ? 1 - k : k];
            if (os->actors[0].kind == SK_ACTOR_ORGANIZATION &&
                es->actors[0].kind == SK_ACTOR_PERSON && !(o->type == SK_EV_VISIT && k == 0))
                *os = (sk_side_t){.role = os->role,
                                  .actors = es->actors,
                                  .n_actors = es->n_actors,
                                  .country = es->country ? es->country : os->country,
                                  .locality = os->locality};
        }
        /* status from the most explicit report: any past marker makes it occurred,
           else any planned report makes it planned */
        o->past_marked |= e->past_marked;
        /* (a later plan does not undo an earlier plain report: "Khi gặp X …" then "X chiều
           mai hội kiến Y" are two meetings, and the first happened) */
        o->planned = o->past_marked ? 0 : (o->planned || e->planned);
        if (!o->date.iso && e->date.iso) o->date = e->date;
        if (e->location_name &&
            (!o->location_name || (o->location_inferred && !e->location_inferred))) {
            o->location_name = e->location_name;
            o->location_country = e->location_country;
            o->location_inferred = e->location_inferred;
        }
        /* a stated kind of visit or meeting beats a report that gave none ("đã đến Hà Nội,
           bắt đầu chuyến thăm cấp nhà nước") */
        if (o->subtype && !strcmp(o->subtype, "other") && e->subtype &&
            strcmp(e->subtype, "other")) {
            o->subtype = e->subtype;
            set_codes(o);
        }
        return SK_OK;
    }
    if (c->n_ev == c->cap_ev) {
        size_t nc = c->cap_ev ? c->cap_ev * 2 : 8;
        c->ev = sk_arena_grow(c->a->arena, c->ev, sizeof *c->ev, c->n_ev, nc);
        if (!c->ev) return SK_ENOMEM;
        c->cap_ev = nc;
    }
    e->n_mentions = 1;
    c->ev[c->n_ev++] = *e;
    return SK_OK;
}

/* ---- the article's main pair -------------------------------------------- */

/* strcmp(a, b) == 0 without a call for most unequal pairs: country codes ("VNM", "USA")
 * mostly differ in their first letter, and equal ones often share the string. */
static inline int same_str(const char *a, const char *b) {
    return a == b || (a[0] == b[0] && !strcmp(a, b));
}

/* Index of country in cc[0..nc), or nc. */
static int country_index(const char *const *cc, int nc, const char *country) {
    int q = 0;
    while (q < nc && !same_str(cc[q], country))
        q++;
    return q;
}

/* The two countries an article is mostly about (persons weighted by their mentions, plus
 * country mentions), with each country's most mentioned person and a country unit. Used
 * for "hai bên", "hai nước", "hai nhà lãnh đạo" and for agreements named without sides. */
static void main_pair(ev_ctx_t *c) {
    /* made when a trigger first asks for it (most articles never do): it reads only the
       units, which do not change once built */
    if (c->pair_known) return;
    c->pair_known = 1;
    const char *cc[32];
    int score[32], nc = 0, last = -1;
    for (size_t k = 0; k < c->n_units; k++) {
        unit_t *u = &c->units[k];
        u->pair_ix = -1;
        if (!u->country) continue;
        if (u->is_place || u->is_title || forum_context(c, u)) {
            u->pair_ix = -2; /* not counted; its index is looked up once cc is complete */
            continue;
        }
        /* (the countries in cc differ, so the one that matches can be tried first: the
           last one matched, which the next unit often repeats) */
        int q =
            last >= 0 && same_str(cc[last], u->country) ? last : country_index(cc, nc, u->country);
        if (q == nc) {
            if (nc == 32) continue;
            cc[nc] = u->country;
            score[nc++] = 0;
        }
        score[q] += u->person >= 0 ? 2 : 1;
        u->pair_ix = (int8_t)(last = q);
    }
    for (size_t k = 0; k < c->n_units; k++)
        if (c->units[k].pair_ix == -2) {
            int q = country_index(cc, nc, c->units[k].country);
            c->units[k].pair_ix = (int8_t)(q < nc ? q : -1);
        }
    for (int r = 0; r < 2; r++) {
        int best = -1;
        for (int q = 0; q < nc; q++)
            if (score[q] > 0 && (best < 0 || score[q] > score[best])) best = q;
        if (best < 0) return;
        c->pair_country[r] = cc[best];
        score[best] = -1;
        /* its leading person and a unit naming the country */
        int bp = -1, bn = 0;
        for (size_t k = 0; k < c->n_units; k++) {
            const unit_t *u = &c->units[k];
            if (u->pair_ix != best) continue; /* its country is not cc[best] */
            if (u->is_country && c->pair_country_unit[r] < 0) c->pair_country_unit[r] = (int)k;
            if (u->person >= 0) {
                int n = (int)c->m->persons.items[u->person].n_mentions;
                if (n > bn) {
                    bn = n;
                    bp = (int)k;
                }
            }
        }
        c->pair_person[r] = bp;
    }
    /* first named first ("Trump và Putin … hai nhà lãnh đạo": Trump calls) */
    int f0 = c->pair_person[0] >= 0 ? c->pair_person[0] : c->pair_country_unit[0];
    int f1 = c->pair_person[1] >= 0 ? c->pair_person[1] : c->pair_country_unit[1];
    if (f0 >= 0 && f1 >= 0 && f1 < f0) {
        const char *tc = c->pair_country[0];
        c->pair_country[0] = c->pair_country[1];
        c->pair_country[1] = tc;
        int tp = c->pair_person[0];
        c->pair_person[0] = c->pair_person[1];
        c->pair_person[1] = tp;
        tp = c->pair_country_unit[0];
        c->pair_country_unit[0] = c->pair_country_unit[1];
        c->pair_country_unit[1] = tp;
    }
}

/* "hai bên", "hai nước", "hai phía" (countries) or "hai nhà lãnh đạo" (persons) in the
 * clause around tokens [lo, hi): 1 countries, 2 persons, 0 none. */
static int both_sides_phrase(const ev_ctx_t *c, size_t lo, size_t hi) {
    for (size_t i = lo; i + 1 < hi && i + 1 < c->m->n_tokens; i++) {
        if (!tok_is(c, i, "hai")) continue;
        if (tok_is(c, i + 1, "ben") || tok_is(c, i + 1, "nuoc") || tok_is(c, i + 1, "phia"))
            return 1;
        if (phrase_at(c, i + 1, "nha lanh dao") || phrase_at(c, i + 1, "lanh dao") ||
            phrase_at(c, i + 1, "nguyen thu"))
            return 2;
    }
    return 0;
}

/* ---- one trigger --------------------------------------------------------- */

static const char *role_name(sk_event_type_t t, int first) {
    switch (t) {
    case SK_EV_CALL:
        return first ? "caller" : "callee";
    case SK_EV_MESSAGE:
        return first ? "sender" : "recipient";
    case SK_EV_AGREEMENT:
        return "party";
    default:
        return first ? "host" : "guest";
    }
}

/* A trigger entry's attributes, worked out at lexicon load. */
typedef sk_lex_trigger_t trig_attrs_t;

static const trig_attrs_t *trigger_attrs(const ev_ctx_t *c, uint32_t entry) {
    static const trig_attrs_t none = {.type = -1};
    const trig_attrs_t *ta = sk_lexicon_entry(c->lex, entry)->trigger;
    return ta ? ta : &none;
}

/* A mention that reports no contact by the words around it: negated, cancelled, a habit,
 * a recurring arrangement, agreements in the plural. */
static int not_a_contact(const ev_ctx_t *c, int type, size_t t0, size_t t1) {
    if (negated_before(c, t0) || cancelled_before(c, t0) || generic_before(c, t0) ||
        recurring_after(c, t1))
        return 1;
    /* "các thỏa thuận, cam kết đã ký kết": agreements referred to in the plural */
    if (type == SK_EV_AGREEMENT)
        for (size_t i = t0 > 6 ? t0 - 6 : 0; i < t0; i++)
            if (tok_is(c, i, "cac") || tok_is(c, i, "nhung")) return 1;
    return 0;
}

/* not_a_contact asked once per trigger, as late as it can be: before the first change the
 * trigger makes to the context (a visit's last_visit_*), else before its event. Most
 * triggers find no two sides and change nothing: they are never asked. */
static int ruled_out_once(const ev_ctx_t *c, int type, size_t t0, size_t t1, int *asked) {
    if (*asked) return 0;
    *asked = 1;
    return not_a_contact(c, type, t0, t1);
}

static int code_trigger(ev_ctx_t *c, const sk_lex_match_t *tm, const trig_attrs_t *ta) {
    int type = ta->type;
    if (type < 0) return SK_OK;
    const char *subtype = ta->subtype;
    int noun = ta->noun;
    sk_trig_dir_t dir = ta->dir;

    size_t t0 = c->m->trigger_tok[tm - c->m->triggers]; /* sk_mentions_token_at(tm->start) */
    size_t t1 = t0 + tm->n_syll;
    if (t0 >= c->m->n_tokens) return SK_OK;
    uint32_t sent = sent_of(c, t0);
    int context_asked = 0; /* ruled_out_once */

    /* Object: after the trigger, skipping "với", "cùng", "tới", "đến". */
    size_t window = noun ? OBJECT_WINDOW : type == SK_EV_VISIT ? 4 : 8;
    int obj = object_after(c, t1, type == SK_EV_VISIT, window);
    /* a verb does not take its object across a comma ("đến thăm hồi 2004, Đại sứ …") */
    if (!noun && obj >= 0 && c->units[obj].t0 > t1) {
        const char *g = c->a->text + c->m->tokens[t1 - 1].end;
        const char *ge = c->a->text + c->m->tokens[c->units[obj].t0].start;
        if (memchr(g, ',', (size_t)(ge - g))) obj = -1;
    }
    /* "… thăm Việt Nam …, kể từ khi Tổng thống X đến thăm hồi 2004": the destination just
       named in the sentence */
    if (type == SK_EV_VISIT && obj < 0 && c->last_visit_sent == (int)sent) obj = c->last_visit_dest;
    /* Subject: before the trigger. */
    size_t subj_start = 0;
    int subj = subject_before_x(c, t0, &subj_start, type == SK_EV_VISIT);
    /* A nominal mention ("X thông báo với Y về kết quả cuộc hội đàm với Z") has the clause's
       first person as its subject. */
    if (noun && subj >= 0 && obj >= 0) {
        size_t first_tok = sentence_first_token(c, sent);
        for (size_t k = first_unit_from(c, first_tok); k < c->n_units; k++) {
            const unit_t *u = &c->units[k];
            if (u->t0 < first_tok) continue;
            if (u->t0 >= c->units[subj].t0) break;
            if (u->person >= 0 && !clause_break(c, u->t1 - 1, t0)) {
                subj = (int)k;
                break;
            }
        }
    }
    /* "X đã hội kiến A và hội đàm với B": a verb coordinated with the previous trigger of
       the sentence keeps that trigger's subject (and its plans: "X chiều mai hội kiến A,
       chào xã giao B") */
    int serial = 0;
    if (!noun && t0 > 0 && (tok_is(c, t0 - 1, "va") || tok_is(c, t0 - 1, "roi")) &&
        c->last_trig_sent == (int)sent && c->last_trig_subj >= 0 && subj >= 0 &&
        c->units[subj].t0 >= c->last_trig_end_tok) {
        subj = c->last_trig_subj;
        serial = 1;
    }
    /* "X sẽ thăm Y, hội kiến Z": in a series of verbs the object of one is not the subject
       of the next */
    if (!noun && c->last_trig_sent == (int)sent && c->last_trig_subj >= 0 && subj >= 0 &&
        c->last_trig_obj >= 0 && c->units[subj].t1 <= t0 && t0 > 0 &&
        (subj == c->last_trig_obj ||
         (c->units[subj].name && c->units[c->last_trig_obj].name &&
          !strcmp(c->units[subj].name, c->units[c->last_trig_obj].name)))) {
        const char *g = c->a->text + c->m->tokens[c->units[subj].t1 - 1].end;
        const char *ge = c->a->text + c->m->tokens[t0].start;
        if (memchr(g, ',', (size_t)(ge - g))) {
            subj = c->last_trig_subj;
            serial = 1;
        }
    }
    /* Passive: "Y được X tiếp" — X (after "được") is the agent. */
    int passive = 0;
    if (subj >= 0 && c->units[subj].t0 > 0 && tok_is(c, c->units[subj].t0 - 1, "duoc")) {
        size_t s2 = 0;
        int patient = subject_before(c, c->units[subj].t0 - 1, &s2);
        if (patient >= 0) {
            obj = patient;
            passive = 1;
        }
    }
    /* Coordinated subject with no object: "X và Y hội đàm", "X và người đồng cấp Y điện đàm". */
    if (obj < 0 && subj >= 0 && !passive) {
        int s1 = subject_before(c, c->units[subj].t0, NULL);
        if (s1 >= 0 && s1 != subj && c->units[subj].t0 >= 1 &&
            ((c->units[subj].t0 - c->units[s1].t1 <= 3 &&
              (tok_is(c, c->units[subj].t0 - 1, "va") ||
               tok_is(c, c->units[subj].t0 - 1, "voi"))) ||
             coordinated_before(c, subj) == s1)) {
            obj = subj;
            subj = s1;
        }
    }
    /* "cuộc điện đàm giữa X và Y": the two sides follow "giữa". */
    {
        for (size_t q = t1; q < t1 + 3 && q < c->m->n_tokens; q++) {
            if (!tok_is(c, q, "giua")) continue;
            int a1 = object_after(c, q + 1, 0, 3);
            if (a1 >= 0) {
                int a2 = -1;
                for (size_t k = (size_t)a1 + 1; k < c->n_units; k++) {
                    const unit_t *u = &c->units[k];
                    if (u->t0 < c->units[a1].t1) continue;
                    if (u->t0 > c->units[a1].t1 + 6 || sent_of(c, u->t0) != sent) break;
                    if (u->person >= 0 || u->is_country == c->units[a1].is_country) {
                        a2 = (int)k;
                        break;
                    }
                }
                if (a2 >= 0) {
                    subj = a1;
                    obj = a2;
                }
            }
            break;
        }
    }
    /* "Tại cuộc gặp bên lề APEC hồi tháng 11, X và Y nhất trí …": a meeting named in a
       fronted phrase, whose two sides are the coordinated subject after the comma (a
       counterpart inside the phrase, "Tại cuộc gặp với Y, X …", is handled below). */
    if (noun && t0 > 0 && (tok_is(c, t0 - 1, "tai") || tok_is(c, t0 - 1, "trong")) &&
        t0 - 1 == sentence_first_token(c, sent)) {
        int with = 0;
        size_t comma = 0;
        for (size_t q = t1; q < c->m->n_tokens && sent_of(c, q) == sent && q < t1 + 30; q++) {
            if (tok_is(c, q, "voi") || tok_is(c, q, "giua")) with = 1;
            const char *g = c->a->text + c->m->tokens[q - 1].end;
            const char *ge = c->a->text + c->m->tokens[q].start;
            if (memchr(g, ',', (size_t)(ge - g))) {
                comma = q;
                break;
            }
        }
        int a1 = comma && !with ? unit_after_tokens(c, comma) : -1;
        if (a1 >= 0 && c->units[a1].person >= 0) {
            for (size_t k = (size_t)a1 + 1; k < c->n_units; k++) {
                if (c->units[k].t0 < c->units[a1].t1) continue;
                if (c->units[k].person >= 0 && coordinated_before(c, (int)k) == a1 &&
                    tok_is(c, c->units[a1].t1, "va")) {
                    subj = a1;
                    obj = (int)k;
                }
                break;
            }
        }
    }
    /* "X và Y điện đàm với Z": X leads the subject side, Y goes with X. */
    int subj_other = -1;
    if (obj >= 0 && subj >= 0 && !passive) {
        int co = coordinated_before(c, subj);
        if (co >= 0) {
            subj_other = subj;
            subj = co;
        }
    }
    /* MESSAGE: "X đã gửi cho Y một bức thư": sender before "gửi", recipient after it. */
    if (type == SK_EV_MESSAGE) {
        size_t lo = sentence_first_token(c, sent);
        for (size_t g = t0; g-- > lo && g + 12 > t0;) {
            if (!tok_is(c, g, "gui")) continue;
            int rcpt = -1;
            for (size_t k = first_unit_from(c, g + 1); k < c->n_units; k++) {
                if (k < c->n_sorted && c->units[k].t0 >= t0) {
                    k = c->n_sorted - 1; /* past the trigger: only unnamed officials left */
                    continue;
                }
                if (c->units[k].t0 > g && c->units[k].t1 <= t0 && !c->units[k].is_place) {
                    rcpt = (int)k;
                    break;
                }
            }
            int sender = subject_before(c, g, NULL);
            if (rcpt >= 0 && sender >= 0 && sender != rcpt) {
                subj = sender;
                obj = rcpt;
            }
            break;
        }
    }
    /* MESSAGE: "thư của Tổng thống X gửi ông Y": sender after "của", recipient after "gửi". */
    int framed = ta->frame == SK_TRIG_FRAME_CUA_GUI;
    /* "X (đã) nhận được thư / cuộc điện đàm của (từ) Y": X receives, Y sends or calls */
    int received = 0;
    if ((type == SK_EV_MESSAGE || type == SK_EV_CALL) && t0 >= 1 &&
        (tok_is(c, t1, "cua") || tok_is(c, t1, "tu"))) {
        for (size_t i = t0 > 4 ? t0 - 4 : 0; i < t0 && !received; i++)
            if (word_is(c, i, "nhan", "nhận")) received = 1;
        if (received) {
            int snd = unit_after_tokens(c, t1 + 1);
            int rcp = subject_before(c, t0, NULL);
            if (snd >= 0 && rcp >= 0 && snd != rcp) {
                subj = rcp;
                obj = snd;
                framed = 0;
            } else {
                received = 0;
            }
        }
    }
    if (framed) subj = obj = -1;
    if (type == SK_EV_MESSAGE && noun && tok_is(c, t1, "cua")) {
        int snd = unit_after_tokens(c, t1 + 1);
        if (snd >= 0 && c->units[snd].person >= 0) {
            size_t g = c->units[snd].t1;
            if (tok_is(c, g, "gui")) {
                size_t r0 = g + 1;
                if (tok_is(c, r0, "toi") || tok_is(c, r0, "cho") || tok_is(c, r0, "den")) r0++;
                int rc2 = unit_after_tokens(c, r0);
                if (rc2 >= 0 && rc2 != snd) {
                    subj = snd;
                    obj = rc2;
                }
            }
        }
    }
    /* MESSAGE: "X gửi tới Y một bức thư": the recipient is named before the trigger. */
    if (type == SK_EV_MESSAGE && obj < 0 && subj >= 0) {
        for (size_t k = first_unit_from(c, c->units[subj].t1 + 1); k < c->n_units; k++) {
            const unit_t *u = &c->units[k];
            if (k < c->n_sorted && u->t0 >= t0) {
                k = c->n_sorted - 1;
                continue;
            }
            if (u->t0 <= c->units[subj].t1 || u->t1 > t0) continue;
            if (tok_is(c, u->t0 - 1, "toi") || tok_is(c, u->t0 - 1, "cho") ||
                tok_is(c, u->t0 - 1, "den") || tok_is(c, u->t0 - 1, "gui")) {
                obj = (int)k;
                break;
            }
        }
    }
    /* "chuyến thăm [Việt Nam] của Tổng thống X": X is the visitor, whatever precedes. */
    if ((noun || tok_is(c, t0, "chuyen")) && type == SK_EV_VISIT) {
        size_t q = t1;
        int dest = -1;
        /* "chuyến thăm đến Mỹ của ông X" */
        if (tok_is(c, q, "den") || tok_is(c, q, "toi") || tok_is(c, q, "sang")) q++;
        int k = unit_after_tokens(c, q);
        if (k >= 0 && (c->units[k].is_country || c->units[k].is_place)) {
            if (ruled_out_once(c, type, t0, t1, &context_asked)) return SK_OK;
            dest = k;
            q = c->units[k].t1;
            c->last_visit_dest = k; /* "Đây là chuyến thăm Việt Nam của một tổng thống …" */
            c->last_visit_sent = (int)sent;
        }
        if (tok_is(c, q, "lan") && tok_is(c, q + 1, "nay")) q += 2;
        if (tok_is(c, q, "nay")) q++;
        /* "chuyến thăm Triều Tiên đầu tiên của ông Tập", "… lần thứ hai của …" */
        {
            size_t r = q;
            if (tok_is(c, r, "lan")) r++;
            if (tok_is(c, r, "dau") && tok_is(c, r + 1, "tien"))
                r += 2;
            else if (tok_is(c, r, "thu") && r + 1 < c->m->n_tokens &&
                     (c->m->tokens[r + 1].digit || tok_is(c, r + 1, "hai") ||
                      tok_is(c, r + 1, "ba") || tok_is(c, r + 1, "tu") || tok_is(c, r + 1, "nam")))
                r += 2;
            if (r > q && tok_is(c, r, "cua")) q = r;
        }
        if (q < c->m->n_tokens && tok_is(c, q, "cua")) {
            int g = unit_after_tokens(c, q + 1);
            if (g < 0 || c->units[g].person < 0) return SK_OK;
            subj = g;
            obj = dest;
            /* "thăm Việt Nam sau chuyến thăm của Tổng thống X": the destination just named */
            if (obj < 0 && c->last_visit_sent == (int)sent) obj = c->last_visit_dest;
            if (obj < 0) return SK_OK; /* no destination: a back-reference to a visit */
        }
    }
    /* "Trong cuộc hội đàm với Y, X khẳng định …", "Phát biểu khi đang thăm Singapore, X nêu
       rõ": a fronted clause; its subject follows the comma. */
    if (subj < 0 && obj >= 0) {
        for (size_t k = (size_t)obj + 1; k < c->n_units; k++) {
            const unit_t *u = &c->units[k];
            if (sent_of(c, u->t0) != sent) break;
            if (u->person < 0) continue;
            const char *g = c->a->text + c->m->tokens[u->t0 - 1].end;
            const char *ge = c->a->text + c->m->tokens[u->t0].start;
            if (memchr(g, ',', (size_t)(ge - g))) subj = (int)k;
            break;
        }
        /* "Tại cuộc gặp với người đồng cấp Y, ông Y đã hứa …": the other side is the one
           the article is following */
        if (subj >= 0 && c->units[subj].person >= 0 &&
            c->units[subj].person == c->units[obj].person && c->last_subject >= 0 &&
            c->units[c->last_subject].person != c->units[obj].person)
            subj = c->last_subject;
    }
    /* "chuyến thăm … của X", "cuộc hội đàm … của X": X is the subject (for a visit, even
       when someone is named before: "Y tin tưởng chuyến thăm của X"). */
    if (noun && (subj < 0 || type == SK_EV_VISIT) && obj >= 0 && c->units[obj].t0 > 0 &&
        tok_is(c, c->units[obj].t0 - 1, "cua")) {
        subj = obj;
        obj = -1;
    }
    if (type == SK_EV_VISIT && obj >= 0 && (c->units[obj].is_country || c->units[obj].is_place)) {
        if (ruled_out_once(c, type, t0, t1, &context_asked)) return SK_OK;
        c->last_visit_dest = obj;
        c->last_visit_sent = (int)sent;
    }
    if (type == SK_EV_VISIT && obj >= 0 && c->units[obj].t0 > 0) {
        /* "chuyến thăm chính thức Việt Nam của Tổng thống X" */
        int k = obj;
        const unit_t *o = &c->units[k];
        if ((o->is_country || o->is_place) && k + 1 < (int)c->n_units) {
            const unit_t *n = &c->units[k + 1];
            if (n->t0 > 0 && n->t0 - o->t1 <= 2 && tok_is(c, n->t0 - 1, "cua") && n->person >= 0 &&
                (subj < 0 || noun)) {
                subj = k + 1;
            }
        }
    }
    /* Sentence without its own subject: carried from the previous event ("Cùng ngày, …"). */
    int carried = 0;
    if (subj < 0 && !noun && c->last_subject >= 0 && obj >= 0 && c->last_subject != obj) {
        size_t first_tok = sentence_first_token(c, sent);
        if (t0 - first_tok <= 8) {
            subj = c->last_subject;
            carried = 1;
        }
    }
#ifdef SK_DEBUG_EVENTS
    fprintf(stderr, "[%s] trig '%.*s' subj=%d:%s obj=%d:%s\n", c->a->doc,
            (int)(tm->end - tm->start), c->a->text + tm->start, subj,
            subj >= 0 ? c->units[subj].name : "-", obj, obj >= 0 ? c->units[obj].name : "-");
#endif
    /* A country inside an unnamed official's title ("tiếp Đại sứ Malaysia") stands for
       the official. */
    for (int side = 0; side < 2; side++) {
        int *x = side ? &obj : &subj;
        if (*x < 0 || !c->units[*x].is_country) continue;
        for (size_t k = c->n_sorted; k < c->n_units; k++)
            if (c->units[k].is_title && c->units[k].t0 < c->units[*x].t0 &&
                c->units[k].t1 >= c->units[*x].t1) {
                *x = (int)k;
                break;
            }
    }
    /* Last resort: an official the article does not name ("tiếp Đại sứ Malaysia",
       "Tổng thống Chile sắp thăm"), right after or right before the trigger. */
    if (subj >= 0 && obj < 0 && type != SK_EV_VISIT) {
        size_t q = t1;
        if (tok_is(c, q, "voi") || tok_is(c, q, "cung")) q++;
        int k = unit_after_tokens(c, q);
        if (k >= 0 && c->units[k].is_title) obj = k;
    }
    if (subj < 0 && obj >= 0 && !noun) {
        for (size_t k = c->n_sorted; k < c->n_units; k++) {
            const unit_t *u = &c->units[k];
            if (!u->is_title || u->t1 > t0) continue;
            if (t0 - u->t1 <= 3 && sent_of(c, u->t0) == sent && !clause_break(c, u->t1 - 1, t0) &&
                u->t0 >= sentence_first_token(c, sent))
                subj = (int)k;
        }
    }
    /* "các quan chức cấp cao ASEAN - Trung Quốc đã tổ chức cuộc họp", "Đối thoại Chính sách
       Quốc phòng Việt Nam - Cuba": a hyphenated pair of countries or bodies in the clause. */
    if (subj < 0 || obj < 0) {
        size_t lo = sentence_first_token(c, sent);
        for (size_t k = first_unit_from(c, lo); k + 1 < c->n_units; k++) {
            const unit_t *a1 = &c->units[k], *a2 = &c->units[k + 1];
            if (k < c->n_sorted && sent_of(c, a1->t0) > sent) break;
            if (a1->t0 < lo || sent_of(c, a1->t0) != sent) continue;
            if (a1->person >= 0 || a2->person >= 0 || a1->is_place || a2->is_place) continue;
            if (a2->t0 != a1->t1 || !a1->country || !a2->country) continue;
            const char *g = c->a->text + c->m->tokens[a1->t1 - 1].end;
            const char *ge = c->a->text + c->m->tokens[a2->t0].start;
            if (ge - g < 1 || ge - g > 3 || !memchr(g, '-', (size_t)(ge - g))) continue;
            /* "Việt Nam - Philippines - Trung Quốc": three parties are not two sides */
            if (k + 2 < c->n_units && c->units[k + 2].t0 == a2->t1 &&
                memchr(c->a->text + c->m->tokens[a2->t1 - 1].end, '-',
                       c->m->tokens[c->units[k + 2].t0].start - c->m->tokens[a2->t1 - 1].end))
                continue;
            if (k > 0 && c->units[k - 1].t1 == a1->t0 && c->units[k - 1].person < 0 &&
                memchr(c->a->text + c->m->tokens[a1->t0 - 1].end, '-',
                       c->m->tokens[a1->t0].start - c->m->tokens[a1->t0 - 1].end))
                continue;
            /* near the trigger: within the clause, at most 12 tokens away */
            size_t d = a1->t0 > t0 ? a1->t0 - t1 : t0 - a2->t1;
            if (d > 12 || clause_break(c, a1->t0 < t0 ? a2->t1 - 1 : t0, a1->t0 < t0 ? t0 : a1->t0))
                continue;
            subj = (int)k;
            obj = (int)k + 1;
            break;
        }
    }
    if (framed && (subj < 0 || obj < 0)) return SK_OK;
    /* "thông điệp": only a message actually sent ("gửi", "chuyển") in its clause */
    if (ta->frame == SK_TRIG_FRAME_SENT) {
        int sent_verb = 0;
        size_t lo = t0 > 8 ? t0 - 8 : 0;
        for (size_t i = lo; i < t1 + 8 && i < c->m->n_tokens && !sent_verb; i++)
            if (sent_of(c, i) == sent && !clause_break(c, i < t0 ? i : t0, i < t0 ? t0 : i) &&
                (word_is(c, i, "gui", "gửi") || word_is(c, i, "chuyen", "chuyển")))
                sent_verb = 1;
        if (!sent_verb) return SK_OK;
    }
    /* "ông tới Oa-sinh-tơn", "Tổng thống đến Hà Nội": a person, then the place at once */
    if (ta->frame == SK_TRIG_FRAME_ARRIVE) {
        /* "thăm chính thức tới Việt Nam": a preposition after another trigger */
        size_t self = first_trigger_from(c, tm->start);
        if (self > 0 && c->m->triggers[self - 1].end <= tm->start &&
            sk_mentions_token_at(c->m, c->m->triggers[self - 1].end) >= t0)
            return SK_OK;
        size_t q = t1;
        if (tok_is(c, q, "thu") && tok_is(c, q + 1, "do")) q += 2;
        if (obj < 0 || c->units[obj].t0 != q ||
            !(c->units[obj].is_country || c->units[obj].is_place))
            return SK_OK;
        if (subj < 0 || c->units[subj].person < 0) return SK_OK;
        /* only function words between the person and the verb ("Chủ tịch nước X và phu nhân
           đã đến …"); not "liên quan đến", "đưa THAAD tới", "cử đặc phái viên đến" */
        static const char *const OK_WORDS[] = {
            "da",   "se",  "vua",  "dang",  "cung", "lai",  "va",  "phu", "nhan", "cung",
            "doan", "dai", "bieu", "cap",   "cao",  "som",  "moi", "bay", "ngay", "hom",
            "nay",  "qua", "sang", "chieu", "toi",  "trua", "ong", "ba",  "tuan", "truoc"};
        size_t from = c->units[subj].t1;
        if (t0 - from > 8) return SK_OK;
        for (size_t i = from; i < t0; i++) {
            int ok = c->m->tokens[i].digit;
            for (size_t w = 0; !ok && w < SK_ARRAY_LEN(OK_WORDS); w++)
                ok = tok_is(c, i, OK_WORDS[w]);
            if (!ok) return SK_OK;
        }
    }
    /* "X cho rằng cuộc gặp tại Paris gần đây …": a meeting with no counterpart, at the
       destination of a visit the article has reported, is between that visit's two sides,
       during it. */
    int during_visit = -1;
    if (noun && type == SK_EV_MEET && obj < 0 && tok_is(c, t1, "tai")) {
        int pl = unit_after_tokens(c, t1 + 1);
        const char *pc = pl >= 0 && (c->units[pl].is_place || c->units[pl].is_country)
                             ? c->units[pl].country
                             : NULL;
        for (size_t i = c->n_ev; pc && i-- > 0;) {
            const sk_event_t *v = &c->ev[i];
            if (v->type != SK_EV_VISIT || v->planned || !v->location_country ||
                strcmp(v->location_country, pc))
                continue;
            int g = -1, h = -1;
            for (size_t k = 0; k < c->n_units; k++) {
                if (c->units[k].name == v->sides[1].actors[0].name && g < 0) g = (int)k;
                if (c->units[k].name == v->sides[0].actors[0].name && h < 0) h = (int)k;
            }
            if (g >= 0 && h >= 0) {
                subj = g;
                obj = h;
                during_visit = (int)i;
            }
            break;
        }
    }
    /* "Hai bên đã ký kết …", "Trong cuộc điện đàm, hai nhà lãnh đạo …", "Tuyên bố chung …
       ký năm 1995": the article's main pair. */
    if ((subj < 0 || obj < 0) && type != SK_EV_VISIT) {
        /* (the sentence's answer kept for its next trigger) */
        if (c->both_sent != (int)sent) {
            size_t lo = sentence_first_token(c, sent);
            size_t hi = sk_mentions_token_at(c->m, c->a->sentences[sent].end);
            c->both_in_sent = both_sides_phrase(c, lo, hi);
            c->both_sent = (int)sent;
        }
        int both = c->both_in_sent;
        /* countries as sides only when "hai bên" governs the trigger ("Hai bên tổ chức đối
           thoại"), or for an agreement; "Tại cuộc hội đàm, hai bên …" refers back */
        if (both == 1 && type != SK_EV_AGREEMENT && !both_sides_phrase(c, t0 > 5 ? t0 - 5 : 0, t0))
            both = 0;
        /* an agreement, or a nominal mention ("Vòng đàm phán trước đó diễn ra …"), named
           without any side: the article's main pair (a back-reference merges into the
           contact already coded) */
        int sideless_agreement = (type == SK_EV_AGREEMENT || noun) && subj < 0 && obj < 0;
        if (both || sideless_agreement) {
            main_pair(c);
            int a0 = both == 2 ? c->pair_person[0] : c->pair_country_unit[0];
            int a1 = both == 2 ? c->pair_person[1] : c->pair_country_unit[1];
            /* a side-less nominal mention of a contact the article already reports between
               these countries is a back-reference ("Tại cuộc hội đàm, …") */
            if (!both && a0 >= 0 && a1 >= 0)
                for (size_t i = 0; i < c->n_ev; i++) {
                    const sk_event_t *o = &c->ev[i];
                    const char *x = o->sides[0].country, *y = o->sides[1].country;
                    if ((int)o->type != type || !x || !y) continue;
                    if ((!strcmp(x, c->pair_country[0]) && !strcmp(y, c->pair_country[1])) ||
                        (!strcmp(x, c->pair_country[1]) && !strcmp(y, c->pair_country[0])))
                        return SK_OK;
                }
            if (a0 >= 0 && a1 >= 0) {
                subj = a0;
                obj = a1;
            }
        }
    }
    if (subj < 0 || obj < 0 || subj == obj) return SK_OK;
    /* "Anh, Pháp, Đức, Ý và Nhật Bản ra tuyên bố chung", "hiệp ước giữa Australia, New
       Zealand và Mỹ": three parties or more are not two sides */
    if (type != SK_EV_VISIT && (list_size(c, subj) >= 3 || list_size(c, obj) >= 3)) return SK_OK;
    const unit_t *us = &c->units[subj], *uo = &c->units[obj];
    if (us->person >= 0 && us->person == uo->person) return SK_OK;
    if (us->person < 0 && uo->person < 0 && us->name && uo->name && !strcmp(us->name, uo->name))
        return SK_OK;
    /* A bare country meets, calls or writes to another country or organisation, not to a
       person ("Trump … với Triều Tiên" is about a country, not a contact). */
    if (type != SK_EV_VISIT && type != SK_EV_AGREEMENT &&
        ((us->is_country && uo->person >= 0) || (uo->is_country && us->person >= 0)))
        return SK_OK;
    if (forum_context(c, us) || forum_context(c, uo)) return SK_OK;
    /* A place can be a visit's destination, not a side in a meeting. */
    if (type != SK_EV_VISIT && (uo->is_place || us->is_place)) return SK_OK;
    /* Domestic contacts (both sides of one country) are out of scope. */
    if (us->country && uo->country && !strcmp(us->country, uo->country)) return SK_OK;
    if (ruled_out_once(c, type, t0, t1, &context_asked)) return SK_OK;

    sk_event_t ev;
    memset(&ev, 0, sizeof ev);
    ev.doc = c->a->doc;
    ev.type = (sk_event_type_t)type;
    ev.subtype = subtype ? subtype : "other";
    ev.trigger = sk_arena_strndup(c->a->arena, c->a->text + tm->start, tm->end - tm->start);
    const sk_sentence_t *ss = &c->a->sentences[sent];
    ev.evidence_start = ss->start;
    ev.evidence_end = ss->end;
    ev.evidence = sk_arena_strndup(c->a->arena, c->a->text + ss->start, ss->end - ss->start);
    size_t sent_first = sentence_first_token(c, sent);
    ev.planned = planned_around(c, t0, t1, sent_first, noun);
    for (size_t i = t0 > 4 ? t0 - 4 : sent_first; i < t0; i++)
        if (i >= sent_first && (word_is(c, i, "da", "đã") || word_is(c, i, "vua", "vừa"))) {
            /* "ông Tập đã mời ông Moon thăm": the past is the invitation's */
            int cue_between = 0;
            for (size_t j = i + 1; j < t0 && !cue_between; j++)
                cue_between = planned_cue_at(c, j);
            if (!cue_between) ev.past_marked = 1;
        }
    /* "Vòng đàm phán trước đó …", "… hồi tháng 4", "… năm ngoái", "… vừa qua" */
    for (size_t i = t1; i < t1 + 8 && i < c->m->n_tokens && sent_of(c, i) == sent; i++)
        if (phrase_at(c, i, "truoc do") || word_is(c, i, "hoi", "hồi") ||
            phrase_at(c, i, "nam ngoai") || phrase_at(c, i, "vua qua") || word_is(c, i, "da", "đã"))
            ev.past_marked = 1;

    if (ev.past_marked) ev.planned = 0;

    int rc = sk_mentions_find_timexes(c->a); /* the first date wanted in the article */
    if (rc) return rc;
    const sk_timex_t *tx = date_for(c, sent, tm->start, ev.type);
    if (tx) {
        ev.date.iso = timex_iso(c, tx);
        ev.date.precision = tx->precision;
        if (tx->future) ev.planned = 1;
    } else if (during_visit >= 0) {
        ev.date = c->ev[during_visit].date;
    }
    /* a subject carried from the previous sentence carries its plans ("Ông X sẽ đến A. …
       và chào xã giao B") */
    if ((carried || serial) && c->last_planned && !ev.past_marked) ev.planned = 1;
    /* "hôm qua", "chiều qua": it happened */
    if (tx && tx->cls == SK_TIMEX_RELATIVE && !tx->future && tx->end > tx->start &&
        tok_is(c, sk_mentions_token_at(c->m, tx->end) - 1, "qua"))
        ev.past_marked = 1;
    if (ev.past_marked) ev.planned = 0;
    find_location(c, sent, &ev.location_name, &ev.location_country);
    if (ev.location_country) c->last_place_country = ev.location_country;

    /* Roles. */
    int host_is_subject;
    int lead_s = subj, lead_o = obj, other_s = -1, other_o = -1;
    int dl = delegation_leader(c, obj);
    if (dl >= 0) {
        other_o = obj;
        lead_o = dl;
    }
    dl = delegation_leader(c, subj);
    if (dl >= 0) {
        other_s = subj;
        lead_s = dl;
    } else if (subj_other >= 0) {
        other_s = subj_other;
    } else if (c->units[subj].t0 > 0 && tok_is(c, c->units[subj].t0 - 1, "do") &&
               (phrase_at(c, c->units[subj].t1, "dan dau") ||
                phrase_at(c, c->units[subj].t1, "lam truong doan"))) {
        /* "Đoàn … do X dẫn đầu đã làm việc với Y": the subject found is the leader */
        for (int q = subj - 1; q >= 0; q--)
            if (c->units[q].t1 + 1 == c->units[subj].t0 && c->units[q].person < 0) {
                other_s = q;
                break;
            }
    }
    /* "first side" = host, caller, sender: the subject for "tiếp" and "gửi" */
    /* (after the passive swap, subj is the agent and obj the patient, as in the active) */
    if (dir == SK_TRIG_DIR_SUBJECT_FIRST)
        host_is_subject = 1;
    else if (dir == SK_TRIG_DIR_GUEST && ev.type != SK_EV_MEET)
        host_is_subject = 0;
    else {
        /* symmetric: the side at home hosts */
        /* where it happens: stated here, else the visit under way, else the place the
           article last named ("tại Hà Nội … Cùng ngày, …") */
        const char *here = ev.location_country     ? ev.location_country
                           : c->visit_dest_country ? c->visit_dest_country
                                                   : c->last_place_country;
        const char *cs = c->units[lead_s].country, *co = c->units[lead_o].country;
        if (here && co && !strcmp(here, co) && !(cs && !strcmp(here, cs)))
            host_is_subject = 0;
        else if (here && cs && !strcmp(here, cs))
            host_is_subject = 1;
        else if (cs && !strcmp(cs, "VNM"))
            host_is_subject = 1;
        else if (co && !strcmp(co, "VNM"))
            host_is_subject = 0;
        else
            host_is_subject = ev.type == SK_EV_CALL || ev.type == SK_EV_MESSAGE ? 1 : 0;
        /* a delegation ("Đoàn … do X dẫn đầu") is the visiting side */
        int deleg_s = other_s >= 0 && c->units[other_s].person < 0;
        int deleg_o = other_o >= 0 && c->units[other_o].person < 0;
        if (ev.type == SK_EV_MEET && deleg_s != deleg_o && !(here && (cs || co)))
            host_is_subject = deleg_o;
        /* "hội kiến", "chào xã giao": the subject pays the call unless it is on home ground */
        if (dir == SK_TRIG_DIR_GUEST) {
            host_is_subject = 0;
            if (here && cs && !strcmp(here, cs) && !(co && !strcmp(here, co))) host_is_subject = 1;
        }
        if (ev.type == SK_EV_CALL || ev.type == SK_EV_AGREEMENT) host_is_subject = 1;
    }
    if (received) host_is_subject = 0;
    if (ev.type == SK_EV_VISIT) {
        /* guest = subject (the visitor); host = the named inviter, else the destination */
        host_is_subject = 0;
        if (uo->is_country || uo->is_place) {
            const sk_mention_t *x = &c->m->items[uo->mention];
            ev.location_name =
                sk_arena_strndup(c->a->arena, c->a->text + x->start, x->end - x->start);
            ev.location_country = uo->country;
            ev.location_inferred = 0;
        }
    }
    /* a person is never on both sides ("X và Tổng thống Y sẽ hội đàm" with Y as object) */
    if (other_s >= 0 && c->units[other_s].person >= 0 &&
        (c->units[other_s].person == c->units[lead_o].person ||
         (other_o >= 0 && c->units[other_s].person == c->units[other_o].person)))
        other_s = -1;
    if (other_o >= 0 && c->units[other_o].person >= 0 &&
        c->units[other_o].person == c->units[lead_s].person)
        other_o = -1;
    int first = host_is_subject ? lead_s : lead_o, second = host_is_subject ? lead_o : lead_s;
    int first_o = host_is_subject ? other_s : other_o,
        second_o = host_is_subject ? other_o : other_s;
    if (fill_side(c, &ev.sides[0], role_name(ev.type, 1), first, first_o) ||
        fill_side(c, &ev.sides[1], role_name(ev.type, 0), second, second_o))
        return SK_ENOMEM;
    set_codes(&ev);
    c->last_trig_subj = subj;
    c->last_trig_obj = obj;
    c->last_trig_sent = (int)sent;
    c->last_trig_end_tok = t1;
    if (c->units[subj].person >= 0) {
        c->last_subject = subj;
        c->last_planned = ev.planned;
    }
    if (ev.type == SK_EV_VISIT && !ev.planned && (ev.location_country || ev.sides[0].country)) {
        c->visit_dest_country = ev.location_country ? ev.location_country : ev.sides[0].country;
        c->visit_dest_name = ev.location_name;
        c->visit_guest_name = ev.sides[1].actors[0].name;
    }
    /* a meeting inside a visit (the visitor is one of its sides) takes place in the visited
       country */
    /* (any visit of the article by that visitor, the latest first; the meeting's guest
       before its host, who may have travelled at another time) */
    for (int side = 1; side >= 0; side--)
        for (size_t i = c->n_ev; ev.type == SK_EV_MEET && !ev.location_name && i-- > 0;) {
            const sk_event_t *v = &c->ev[i];
            const char *vg = v->sides[1].actors[0].name;
            const char *mg = ev.sides[side].actors[0].name;
            if (v->type != SK_EV_VISIT || v->planned || !v->location_name || !vg || !mg ||
                strcmp(mg, vg) || !date_within(ev.date.iso, v->date.iso))
                continue;
            ev.location_name = v->location_name;
            ev.location_country = v->location_country;
            ev.location_inferred = 1;
        }
    return add_event(c, &ev);
}

/* Persons named after "theo lời mời của" (and those coordinated with them). */
static size_t find_inviters(const ev_ctx_t *c, int *out, size_t cap) {
    size_t n = 0;
    /* Only a person right after "lời mời của" counts, as the unit unit_after_tokens finds
       there: the first unit in text order starting at that token (unnamed officials, after
       those, are never persons). So the places to look at are the units' starts, in text
       order, not every token. */
    for (size_t q = 0; q < c->n_sorted && n < cap; q++) {
        size_t t = c->units[q].t0;
        if (q > 0 && c->units[q - 1].t0 == t) continue; /* not the first unit at t */
        if (t < 3 || c->units[q].person < 0 || !phrase_at(c, t - 3, "loi moi cua")) continue;
        int k = (int)q;
        while (k >= 0 && n < cap && c->units[k].person >= 0) {
            out[n++] = k;
            /* "… của Thủ tướng A và Thủ tướng B" */
            const unit_t *nx = k + 1 < (int)c->n_units ? &c->units[k + 1] : NULL;
            if (nx && nx->person >= 0 && nx->t0 == c->units[k].t1 + 1 &&
                tok_is(c, c->units[k].t1, "va"))
                k = k + 1;
            else
                break;
        }
    }
    return n;
}

static int add_host_actor(ev_ctx_t *c, sk_side_t *side, const unit_t *u, int as_lead) {
    for (size_t i = 0; i < side->n_actors; i++)
        if (side->actors[i].name && u->name && !strcmp(side->actors[i].name, u->name)) return 0;
    sk_actor_t *na = sk_arena_alloc(c->a->arena, (side->n_actors + 1) * sizeof *na);
    if (!na) return SK_ENOMEM;
    size_t o = 0;
    if (as_lead) set_actor_from_unit(c, &na[o++], u);
    for (size_t i = 0; i < side->n_actors; i++)
        na[o++] = side->actors[i];
    if (!as_lead) set_actor_from_unit(c, &na[o++], u);
    side->actors = na;
    side->n_actors = o;
    return 0;
}

/* A visit's host: the inviter when the text names one, else the destination, with the
 * people of that country the visitor met listed after it. */
static int visit_hosts(ev_ctx_t *c) {
    int inv[16];
    size_t ninv = 0;
    int inv_found = 0; /* the inviters are looked for at the first visit that wants them */
    for (size_t i = 0; i < c->n_ev; i++) {
        sk_event_t *v = &c->ev[i];
        if (v->type != SK_EV_VISIT) continue;
        sk_side_t *host = &v->sides[0], *guest = &v->sides[1];
        if (!host->country || host->actors[0].kind == SK_ACTOR_PERSON) continue;
        if (!inv_found) {
            ninv = find_inviters(c, inv, 16);
            inv_found = 1;
        }
        int done = 0;
        for (size_t k = 0; k < ninv && !done; k++) {
            const unit_t *u = &c->units[inv[k]];
            if (u->country && !strcmp(u->country, host->country)) {
                if (add_host_actor(c, host, u, 1)) return SK_ENOMEM;
                done = 1;
            }
        }
        if (done) continue;
        for (size_t j = 0; j < c->n_ev; j++) {
            const sk_event_t *m = &c->ev[j];
            if (m->type != SK_EV_MEET && m->type != SK_EV_CALL) continue;
            for (int s = 0; s < 2; s++) {
                const sk_side_t *ms = &m->sides[s], *other = &m->sides[1 - s];
                if (!ms->actors[0].name || !guest->actors[0].name ||
                    strcmp(ms->actors[0].name, guest->actors[0].name))
                    continue;
                if (other->actors[0].kind != SK_ACTOR_PERSON || !other->country ||
                    strcmp(other->country, host->country))
                    continue;
                unit_t u = {.person = -1};
                for (size_t q = 0; q < c->n_units; q++)
                    if (c->units[q].person >= 0 && c->units[q].name &&
                        !strcmp(c->units[q].name, other->actors[0].name)) {
                        u = c->units[q];
                        break;
                    }
                if (u.person >= 0 && add_host_actor(c, host, &u, 0)) return SK_ENOMEM;
            }
        }
    }
    return SK_OK;
}

/* ---- years from office terms -------------------------------------------- */

/* The offices of one person are looked up once for several of their titles (up to
 * TERM_TITLES at a time): each office is folded once, not once per title. */
enum { TERM_TITLES = 8 };

typedef struct term_title {
    char fold[256]; /* the title, folded */
    size_t len;
    int lo, hi, hit; /* span of the terms of the offices it names */
} term_title_t;

typedef struct term_ctx {
    term_title_t *titles;
    size_t n;
    const char *const *raw; /* the titles as written, folded into titles on the first office */
    int folded;
} term_ctx_t;

/* Could the folded office start with the folded title? Only its leading ASCII bytes are
 * looked at: sk_fold_str maps each of them to itself in lower case, so a difference there
 * is a difference in the folded office (which then need not be folded). */
static int office_may_start_with(const char *office, const term_title_t *tt) {
    for (size_t k = 0; k < tt->len && office[k] && (unsigned char)office[k] < 0x80; k++) {
        char b = office[k] >= 'A' && office[k] <= 'Z' ? (char)(office[k] + 32) : office[k];
        if (b != tt->fold[k]) return 0;
    }
    return 1;
}

static void term_cb(void *vctx, const char *office, const char *start, const char *end) {
    term_ctx_t *t = vctx;
    /* (most persons hold no office the lexicon knows: their titles are never folded) */
    if (!t->folded) {
        for (size_t k = 0; k < t->n; k++) {
            term_title_t *tt = &t->titles[k];
            tt->len = sk_fold_str(t->raw[k], strlen(t->raw[k]), tt->fold, sizeof tt->fold);
        }
        t->folded = 1;
    }
    char of[512];
    size_t n = 0;
    int folded = 0;
    for (size_t k = 0; k < t->n; k++) {
        term_title_t *tt = &t->titles[k];
        if (!office_may_start_with(office, tt)) continue;
        if (!folded) {
            n = sk_fold_str(office, strlen(office), of, sizeof of);
            folded = 1;
        }
        size_t tl = tt->len;
        /* the article's title is the office or its beginning ("Chủ tịch nước" ~ "Chủ tịch
           nước Cộng hòa xã hội chủ nghĩa Việt Nam") */
        if (n < tl || strncmp(of, tt->fold, tl) || (n > tl && of[tl] != ' ')) continue;
        int lo = start && *start ? atoi(start) : 0;
        int hi = end && *end ? atoi(end) : 9999;
        if (!lo) continue;
        if (!tt->hit || lo < tt->lo) tt->lo = lo;
        if (!tt->hit || hi > tt->hi) tt->hi = hi;
        tt->hit = 1;
    }
}

/* The year of an article without a publication date, inferred from who held which office
 * when (person_offices.tsv): the intersection of the terms of the offices the article gives
 * its people, narrowed by the years the text names. 0 when not unique. */
static int year_from_terms(const ev_ctx_t *c, int *lo_out, int *hi_out) {
    int lo = 0, hi = 9999, have = 0;
    const sk_persons_t *ps = &c->m->persons;
    for (size_t i = 0; i < ps->n; i++) {
        const sk_person_t *p = &ps->items[i];
        for (size_t k0 = 0; k0 < p->n_titles; k0 += TERM_TITLES) {
            term_title_t titles[TERM_TITLES];
            term_ctx_t t = {.titles = titles, .n = p->n_titles - k0, .raw = p->titles + k0};
            if (t.n > TERM_TITLES) t.n = TERM_TITLES;
            for (size_t k = 0; k < t.n; k++)
                titles[k].hit = 0;
            sk_lexicon_person_offices(c->lex, p->name, term_cb, &t);
            for (size_t k = 0; k < t.n; k++) {
                if (!titles[k].hit) continue;
                if (titles[k].lo > lo) lo = titles[k].lo;
                if (titles[k].hi < hi) hi = titles[k].hi;
                have = 1;
            }
        }
    }
    if (!have || lo > hi) return 0;
    *lo_out = lo;
    *hi_out = hi;
    if (lo == hi) return lo;
    /* every four-digit year written in the text ("Năm APEC Việt Nam 2017") */
    int year = 0;
    const char *txt = c->a->text;
    size_t len = c->a->text_len;
    for (size_t i = 0; i + 4 <= len; i++) {
        /* on to the next digit (or the text's final NUL: clean.c ends the text with one) */
        i += strcspn(txt + i, "0123456789");
        if (i + 4 > len) break;
        if (!(txt[i] >= '0' && txt[i] <= '9')) continue; /* a NUL inside the text */
        size_t j = i;
        while (j < len && txt[j] >= '0' && txt[j] <= '9')
            j++;
        /* each run of digits once, from its first digit: the loop goes on after it */
        size_t r = i;
        i = j;
        if (j - r != 4 || (j < len && (txt[j] == '.' || txt[j] == ',') && j + 1 < len &&
                           txt[j + 1] >= '0' && txt[j + 1] <= '9'))
            continue;
        int y = atoi(txt + r);
        if (y < lo || y > hi) continue;
        /* "(1971-2021)": a span of years, an anniversary's, not a date */
        int span = (r >= 5 && (txt[r - 1] == '-' || txt[r - 1] == ' ') && txt[r - 2] >= '0' &&
                    txt[r - 2] <= '9') ||
                   (r >= 6 && txt[r - 1] == ' ' && txt[r - 2] == '-' && txt[r - 3] == ' ') ||
                   (j + 1 < len && txt[j] == '-' && txt[j + 1] >= '0' && txt[j + 1] <= '9' &&
                    j + 5 <= len);
        if (span) continue;
        if (year && year != y) return 0;
        year = y;
    }
    return year;
}

/* Is the four-digit year at token i marked as the present ("vừa qua", "hiện …", "năm nay")? */
static int year_present_at(const ev_ctx_t *c, size_t i) {
    const sk_mentions_t *m = c->m;
    const sk_token_t *t = &m->tokens[i];
    size_t lo = i > 8 ? i - 8 : 0, hi = i + 4 < m->n_tokens ? i + 4 : m->n_tokens;
    for (size_t j = lo; j < hi; j++) {
        if (m->tokens[j].sentence != t->sentence) continue;
        if ((j > i && (phrase_at(c, j, "vua qua") || phrase_at(c, j, "vua dien ra") ||
                       phrase_at(c, j, "vua ket thuc"))) ||
            (j < i && ((word_is(c, j, "hien", "hiện") && j > 0 && !tok_is(c, j - 1, "xuat") &&
                        !tok_is(c, j - 1, "the") && !tok_is(c, j - 1, "phat") &&
                        !tok_is(c, j - 1, "thuc")) ||
                       phrase_at(c, j, "nam nay"))))
            return 1;
    }
    return 0;
}

/* A year the text marks as the present: "cuộc bầu cử năm 2018 vừa diễn ra", "nước hiện giữ
 * chức chủ tịch ASEAN năm 2018", "năm nay (2018)". 0 when none or several. */
static int year_marked_present(const ev_ctx_t *c) {
    int year = 0;
    const sk_mentions_t *m = c->m;
    /* A year token is four bytes that atoi reads as 1945-2100, so it starts with an ASCII
       digit: the tokens looked at are those starting inside a run of digits of the text
       (found by strcspn, not token by token), in text order as before. */
    const char *txt = c->a->text;
    size_t len = c->a->text_len;
    for (size_t i = 0; i < len;) {
        /* on to the next digit (or a NUL: clean.c ends the text with one) */
        i += strcspn(txt + i, "0123456789");
        if (i >= len || i >= UINT32_MAX) break; /* (token offsets are 32-bit) */
        if (!(txt[i] >= '0' && txt[i] <= '9')) {
            i++; /* a NUL inside the text */
            continue;
        }
        size_t j = i;
        while (j < len && txt[j] >= '0' && txt[j] <= '9')
            j++;
        for (size_t k = sk_mentions_token_at(m, (uint32_t)i);
             k < m->n_tokens && m->tokens[k].start < j; k++) {
            const sk_token_t *t = &m->tokens[k];
            if (!t->digit || t->end - t->start != 4) continue;
            int y = atoi(txt + t->start);
            if (y < 1945 || y > 2100 || !year_present_at(c, k)) continue;
            if (year && year != y) return 0;
            year = y;
        }
        i = j;
    }
    return year;
}

/* "--06-20" -> "2018-06-20" (both ends of a range). */
static const char *with_year(ev_ctx_t *c, const char *iso, int year) {
    char buf[64];
    const char *slash = strchr(iso, '/');
    if (slash && !strncmp(slash + 1, "--", 2))
        snprintf(buf, sizeof buf, "%04d%.*s/%04d%s", year, (int)(slash - iso - 1), iso + 1, year,
                 slash + 2);
    else if (!slash)
        snprintf(buf, sizeof buf, "%04d%s", year, iso + 1);
    else
        return iso;
    return sk_arena_strdup(c->a->arena, buf);
}

/* Fill what a sentence alone could not date:
 *  - an undated event takes the article's date when the body names exactly one day
 *    (one day-precise date, or one range for visits; a visit in an article whose days
 *    all fall in one month takes that month);
 *  - a yearless date takes the year the article itself gives away (office terms, a year
 *    marked as the present), flagged inferred; otherwise it stays "--MM-DD" (spec: say so
 *    rather than guess; a lone year in the text is too often history: "Hiệp ước INF năm
 *    1987", "sinh tháng 2/1952"). */
static int fill_dates(ev_ctx_t *c) {
    const sk_timex_t *day = NULL, *range = NULL;
    const char *day_iso = NULL, *range_iso = NULL;
    int n_day = 0, n_range = 0, month_seen = 0;
    char month[16] = "";
    /* the article's days are only wanted for an undated event that is not planned */
    int undated = 0;
    for (size_t i = 0; i < c->n_ev && !undated; i++)
        undated = !c->ev[i].date.iso && !c->ev[i].planned;
    if (undated) {
        int rc = sk_mentions_find_timexes(c->a);
        if (rc) return rc;
    }
    for (size_t k = 0; undated && k < c->m->n_timexes; k++) {
        const sk_timex_t *t = &c->m->timexes[k];
        if (t->precision != SK_PREC_DAY || t->cls == SK_TIMEX_ANAPHORIC) continue;
        /* each expression's ISO form made once, and kept for the next one's comparison */
        const char *iso = timex_iso(c, t);
        if (t->is_range) {
            if (!range || strcmp(range_iso, iso)) n_range++;
            range = t;
            range_iso = iso;
        } else {
            if (!day || strcmp(day_iso, iso)) n_day++;
            day = t;
            day_iso = iso;
            /* the month all these days fall in ("2017-06", "--06"), or "" */
            const char *d = iso;
            size_t dl = strlen(d);
            if (dl < 7 || dl - 3 >= sizeof month || d[dl - 3] != '-' ||
                (month_seen && (strlen(month) != dl - 3 || strncmp(month, d, dl - 3))))
                month[0] = '\0';
            else if (!month_seen)
                snprintf(month, sizeof month, "%.*s", (int)(dl - 3), d);
            month_seen = 1;
        }
    }
    int year = c->a->published ? 0 : -1;
    for (size_t i = 0; i < c->n_ev; i++) {
        sk_event_t *e = &c->ev[i];
        if (!e->date.iso && !e->planned) {
            const sk_timex_t *t = e->type == SK_EV_VISIT && n_range == 1 ? range
                                  : n_day == 1                           ? day
                                                                         : NULL;
            if (t) {
                e->date.iso = timex_iso(c, t);
                e->date.precision = t->precision;
            } else if (e->type == SK_EV_VISIT && n_range == 0 && month[0]) {
                /* a visit spans days: days of one month in the article give its month */
                e->date.iso = sk_arena_strdup(c->a->arena, month);
                e->date.precision = SK_PREC_MONTH;
            }
        }
        if (e->date.iso && !strncmp(e->date.iso, "--", 2)) {
            if (year < 0) {
                int lo = 0, hi = 9999;
                year = year_from_terms(c, &lo, &hi);
                if (!year) year = year_marked_present(c);
                /* whatever the text suggests must fit the offices its people held */
                if (year < lo || year > hi) year = 0;
            }
            if (year > 0) {
                e->date.iso = with_year(c, e->date.iso, year);
                e->date.inferred = 1;
            }
        }
    }
    return SK_OK;
}

/* A foreign delegation reported without its leader ("tiếp Đoàn đại biểu Đảng Cộng sản
 * Pháp") is led by the one person of unknown country the article names, who speaks for it
 * ("đồng chí Jean Charles Negres cho rằng …"). Only when there is exactly one such person. */
static int delegation_speakers(ev_ctx_t *c) {
    int only = -1, n = 0;
    for (size_t k = 0; k < c->n_units; k++) {
        const unit_t *u = &c->units[k];
        if (u->person < 0 || u->country) continue;
        if (only >= 0 && c->units[only].person == u->person) continue;
        if (n++ == 0) only = (int)k;
    }
    if (n != 1) return SK_OK;
    const unit_t *sp = &c->units[only];
    for (size_t i = 0; i < c->n_ev; i++) {
        int fits[2];
        for (int k = 0; k < 2; k++) {
            const sk_side_t *sd = &c->ev[i].sides[k];
            fits[k] = sd->actors[0].kind == SK_ACTOR_ORGANIZATION && sd->country &&
                      strcmp(sd->country, "VNM") && !(c->ev[i].type == SK_EV_VISIT && k == 0);
            /* a delegation or a party speaks through a person; a country named as a side
               ("Mỹ", "Anh") does not */
            for (size_t q = 0; fits[k] && q < c->n_units; q++)
                if (c->units[q].name == sd->actors[0].name && c->units[q].is_country) fits[k] = 0;
        }
        /* one person cannot speak for both sides, nor for one side while on the other */
        if (fits[0] && fits[1]) continue;
        for (int k = 0; k < 2; k++) {
            const sk_side_t *other = &c->ev[i].sides[1 - k];
            for (size_t q = 0; fits[k] && q < other->n_actors; q++)
                if (other->actors[q].kind == SK_ACTOR_PERSON &&
                    !strcmp(other->actors[q].name, c->m->persons.items[sp->person].name))
                    fits[k] = 0;
        }
        for (int k = 0; k < 2; k++) {
            sk_side_t *sd = &c->ev[i].sides[k];
            if (!fits[k]) continue;
            sk_actor_t *na = sk_arena_alloc(c->a->arena, (sd->n_actors + 1) * sizeof *na);
            if (!na) return SK_ENOMEM;
            set_actor_from_unit(c, &na[0], sp);
            na[0].country = sd->country;
            memcpy(na + 1, sd->actors, sd->n_actors * sizeof *na);
            sd->actors = na;
            sd->n_actors++;
        }
    }
    return SK_OK;
}

int sk_events_code(const sk_lexicon_t *lex, sk_article_t *a) {
    sk_events_t *out = sk_arena_alloc(a->arena, sizeof *out);
    if (!out) return SK_ENOMEM;
    a->events = out;
    /* events come only from triggers: an article without one (a third of the corpus) has
       none, and needs no units, sentence index or main pair */
    if (!a->mentions || !a->mentions->n_triggers) return SK_OK;
    ev_ctx_t c = {.lex = lex,
                  .a = a,
                  .m = a->mentions,
                  .last_subject = -1,
                  .visit_guest_person = -1,
                  .pair_person = {-1, -1},
                  .pair_country_unit = {-1, -1},
                  .last_visit_dest = -1,
                  .last_visit_sent = -1,
                  .last_trig_subj = -1,
                  .last_trig_obj = -1,
                  .last_trig_sent = -1,
                  .both_sent = -1};
    int rc = build_units(&c);
    if (rc) return rc;
    /* the mentions of each sentence, for find_location (a counting sort, stable) */
    /* (not zeroed: sent_mention_at is cleared below, and by_sent is read only where the
       counting sort wrote) */
    c.sent_mention_at =
        sk_arena_alloc_uninit(a->arena, (a->n_sentences + 2) * sizeof *c.sent_mention_at);
    c.by_sent = sk_arena_alloc_uninit(a->arena, (c.m->n + 1) * sizeof *c.by_sent);
    c.sent_first_tok =
        sk_arena_alloc_uninit(a->arena, (a->n_sentences + 1) * sizeof *c.sent_first_tok);
    if (!c.sent_mention_at || !c.by_sent || !c.sent_first_tok) return SK_ENOMEM;
    memset(c.sent_first_tok, 0xff, (a->n_sentences + 1) * sizeof *c.sent_first_tok);
    memset(c.sent_mention_at, 0, (a->n_sentences + 2) * sizeof *c.sent_mention_at);
    for (size_t k = 0; k < c.m->n; k++)
        if (c.m->items[k].sentence < a->n_sentences)
            c.sent_mention_at[c.m->items[k].sentence + 1]++;
    for (size_t i = 0; i < a->n_sentences; i++)
        c.sent_mention_at[i + 1] += c.sent_mention_at[i];
    {
        uint32_t *fill = sk_arena_alloc_uninit(a->arena, (a->n_sentences + 1) * sizeof *fill);
        if (!fill) return SK_ENOMEM;
        memcpy(fill, c.sent_mention_at, (a->n_sentences + 1) * sizeof *fill);
        for (size_t k = 0; k < c.m->n; k++)
            if (c.m->items[k].sentence < a->n_sentences)
                c.by_sent[fill[c.m->items[k].sentence]++] = (uint32_t)k;
    }
    /* Visits first, so meetings inside them know where they happen. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < c.m->n_triggers; k++) {
            const trig_attrs_t *ta = trigger_attrs(&c, c.m->triggers[k].entry);
            if (!ta) return SK_ENOMEM;
            if ((pass == 0) != ta->is_visit) continue;
            if ((rc = code_trigger(&c, &c.m->triggers[k], ta))) return rc;
        }
    if ((rc = visit_hosts(&c)) || (rc = delegation_speakers(&c))) return rc;
    if ((rc = fill_dates(&c))) return rc;
    /* Text order for output. */
    for (size_t i = 1; i < c.n_ev; i++)
        for (size_t j = i; j > 0 && c.ev[j - 1].evidence_start > c.ev[j].evidence_start; j--) {
            sk_event_t t = c.ev[j];
            c.ev[j] = c.ev[j - 1];
            c.ev[j - 1] = t;
        }
    out->items = c.ev;
    out->n = c.n_ev;
    return SK_OK;
}
