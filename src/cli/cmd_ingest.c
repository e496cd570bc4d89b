/* sukien ingest — code articles and keep them in the store.
 *
 * Threads: the main thread reads articles in input order and drops those the
 * store already holds unchanged; N workers prepare and code the others (the
 * lexicon is shared read-only); one writer thread stores them strictly in
 * input order, one transaction per batch, so the database is the same for
 * any N and an interrupted run resumes where its last commit ended. */
#include <getopt.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_util.h"
#include "coder.h"
#include "commands.h"
#include "merge.h"
#include "mention.h"
#include "store.h"

static const char USAGE[] =
    "usage: sukien ingest [--db PATH|URL] [--jobs N] [--batch N] [--format FMT]\n"
    "                     [--coded FILE] [--recode] [--no-fts] [--quiet] [FILE...]\n"
    "\n"
    "Codes each article (any input `sukien clean` reads) and stores articles, persons\n"
    "with their titles, organisations and events in a knowledge base; the same contact\n"
    "reported by several articles becomes one event with many sources. Idempotent: an\n"
    "unchanged article (same doc id and content hash) is skipped; a changed one replaces\n"
    "its events. An interrupted run leaves the store consistent; run it again to finish.\n"
    "\n"
    "  --db TARGET     SQLite file (default: sukien.db) or postgresql://... URL\n"
    "  -j, --jobs N    code with N threads (default 1); results are identical for any N\n"
    "  --batch N       articles per transaction (default 1000)\n"
    "  -f, --format F  auto (default), text, jsonl, html, warc\n"
    "  --coded FILE    take events and persons from FILE (the JSON Lines of `sukien code`)\n"
    "                  instead of coding: for runs coded elsewhere (e.g. under GNU parallel)\n"
    "  --recode        re-code and replace articles even when unchanged (after a lexicon update)\n"
    "  --no-fts        do not maintain the full-text search index\n"
    "  --progress      progress bar even when stderr is not a terminal; --no-progress: never\n"
    "  -q, --quiet     no progress bar, no warnings for repaired records\n"
    "Environment: SUKIEN_DATA = lexicon directory.\n";

typedef struct job {
    sk_article_t *a;
    char hash[17];
    int known; /* the store's state of this doc is known: stored[] (empty: absent) */
    char stored[17];
    int state; /* 0 empty, 1 queued, 2 coded (ready to store), 3 failed */
    size_t bytes;
} job_t;

#define RING 256

typedef struct ingest {
    const sk_lexicon_t *lex;
    json_t *coded; /* doc -> {"events": [...], "persons": [...], "hash": "..."} */
    cli_status_t *st;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    job_t ring[RING];
    size_t next_read, next_code, next_write;
    int reading_done, stop;
    /* writer side */
    sk_store_t *store;
    long batch;
    int store_failed;
    size_t added, replaced, unchanged, events, failed;
    size_t bytes_done, bytes_total;
    double t0;
    int progress;
    struct known *known; /* doc -> hash already stored; marked once queued in this run */
    int hints;           /* known is complete (not --recode): tell the store what it holds */
} ingest_t;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Diagnostics from workers: serialise printing and counting. */
typedef struct {
    ingest_t *in;
    int warned;
} diag_ctx_t;

static void locked_diag(void *ctx, const sk_diag_t *d) {
    diag_ctx_t *dc = ctx;
    dc->warned = 1;
    pthread_mutex_lock(&dc->in->mu);
    cli_print_diag(dc->in->st, d);
    pthread_mutex_unlock(&dc->in->mu);
}

/* Events and persons from --coded JSON into the article's arena. */
static int attach_coded(ingest_t *in, sk_article_t *a) {
    json_t *c = json_object_get(in->coded, a->doc);
    sk_events_t *evs = sk_arena_alloc(a->arena, sizeof *evs);
    sk_mentions_t *m = sk_arena_alloc(a->arena, sizeof *m);
    if (!evs || !m) return SK_ENOMEM;
    json_t *ej = json_object_get(c, "events"), *pj = json_object_get(c, "persons");
    evs->n = json_array_size(ej);
    evs->items = evs->n ? sk_arena_alloc(a->arena, evs->n * sizeof *evs->items) : NULL;
    if (evs->n && !evs->items) return SK_ENOMEM;
    for (size_t i = 0; i < evs->n; i++) {
        int rc = sk_event_from_json(a->arena, json_array_get(ej, i), &evs->items[i]);
        if (rc) return rc;
    }
    m->persons.n = json_array_size(pj);
    m->persons.items =
        m->persons.n ? sk_arena_alloc(a->arena, m->persons.n * sizeof *m->persons.items) : NULL;
    for (size_t i = 0; i < m->persons.n; i++) {
        json_t *p = json_array_get(pj, i);
        sk_person_t *x = &m->persons.items[i];
        const char *s = json_string_value(json_object_get(p, "name"));
        x->name = sk_arena_strdup(a->arena, s ? s : "");
        json_t *t = json_object_get(p, "titles");
        x->n_titles = json_array_size(t);
        x->titles = x->n_titles ? sk_arena_alloc(a->arena, x->n_titles * sizeof *x->titles) : NULL;
        for (size_t k = 0; k < x->n_titles; k++) {
            const char *ts = json_string_value(json_array_get(t, k));
            x->titles[k] = sk_arena_strdup(a->arena, ts ? ts : "");
        }
        if ((s = json_string_value(json_object_get(p, "org"))))
            x->org = sk_arena_strdup(a->arena, s);
        if ((s = json_string_value(json_object_get(p, "country"))))
            x->country = sk_arena_strdup(a->arena, s);
        x->n_mentions = (uint32_t)json_integer_value(json_object_get(p, "mentions"));
        json_t *span = json_object_get(p, "span");
        x->first_start = (uint32_t)json_integer_value(json_array_get(span, 0));
        x->first_end = (uint32_t)json_integer_value(json_array_get(span, 1));
    }
    a->events = evs;
    a->mentions = m;
    return SK_OK;
}

static void *worker(void *arg) {
    ingest_t *in = arg;
    for (;;) {
        pthread_mutex_lock(&in->mu);
        while (in->next_code == in->next_read && !in->reading_done && !in->stop)
            pthread_cond_wait(&in->cv, &in->mu);
        if (in->stop || (in->next_code == in->next_read && in->reading_done)) {
            pthread_mutex_unlock(&in->mu);
            return NULL;
        }
        job_t *j = &in->ring[in->next_code % RING];
        in->next_code++;
        pthread_mutex_unlock(&in->mu);

        diag_ctx_t dc = {in, 0};
        int rc = sk_article_prepare(j->a, locked_diag, &dc);
        if (rc == SK_OK) rc = in->coded ? attach_coded(in, j->a) : sk_code_article(in->lex, j->a);
        if (rc < 0) {
            sk_diag_t d = {SK_DIAG_ERROR,     rc,        j->a->source,
                           j->a->source_line, j->a->doc, sk_strerror(rc)};
            locked_diag(&dc, &d);
        }
        pthread_mutex_lock(&in->mu);
        if (rc < 0)
            in->st->skipped++;
        else if (dc.warned)
            in->st->repaired++;
        j->state = rc < 0 ? 3 : 2;
        pthread_cond_broadcast(&in->cv);
        pthread_mutex_unlock(&in->mu);
    }
}

static void show_progress(ingest_t *in, int final) {
    if (!in->progress) return;
    double el = now() - in->t0;
    size_t n = in->added + in->replaced + in->unchanged;
    double rate = el > 0 ? n / el : 0;
    double frac = in->bytes_total ? (double)in->bytes_done / (double)in->bytes_total : 0;
    if (frac > 1 || final) frac = 1;
    char bar[31];
    int w = (int)(frac * 30);
    for (int i = 0; i < 30; i++)
        bar[i] = i < w ? '=' : (i == w ? '>' : ' ');
    bar[30] = 0;
    double eta = frac > 0.001 ? el / frac - el : 0;
    fprintf(stderr, "\r[%s] %3d%% %zu articles %zu events %.0f art/s ETA %d:%02d ", bar,
            (int)(frac * 100), n, in->events, rate, (int)eta / 60, (int)eta % 60);
    if (final) fputc('\n', stderr);
    fflush(stderr);
}

static void *writer(void *arg) {
    ingest_t *in = arg;
    long in_batch = 0;
    /* Test hook: die like `kill -9` after storing N articles (mid-batch when
     * N is not a multiple of --batch), to test that a re-run completes. */
    const char *kill_env = getenv("SUKIEN_TEST_KILL_AFTER");
    long kill_after = kill_env ? atol(kill_env) : 0, stored = 0;
    double last_show = 0;
    for (;;) {
        pthread_mutex_lock(&in->mu);
        job_t *j = &in->ring[in->next_write % RING];
        while (!(in->next_write < in->next_read && j->state >= 2) &&
               !(in->reading_done && in->next_write == in->next_read) && !in->stop)
            pthread_cond_wait(&in->cv, &in->mu);
        if (in->stop || (in->reading_done && in->next_write == in->next_read)) {
            pthread_mutex_unlock(&in->mu);
            break;
        }
        pthread_mutex_unlock(&in->mu);

        int rc = SK_OK;
        if (j->state == 2) {
            if (in_batch == 0) rc = sk_store_begin(in->store);
            sk_put_outcome_t out = SK_PUT_UNCHANGED;
            if (rc == SK_OK)
                rc = j->known ? sk_store_put_known(in->store, j->a, j->hash,
                                                   j->stored[0] ? j->stored : NULL, &out)
                              : sk_store_put(in->store, j->a, j->hash, &out);
            if (rc == SK_OK) {
                in_batch++;
                if (kill_after > 0 && ++stored >= kill_after) raise(SIGKILL);
                if (out == SK_PUT_ADDED) in->added++;
                if (out == SK_PUT_REPLACED) in->replaced++;
                if (out == SK_PUT_UNCHANGED) in->unchanged++;
                const sk_events_t *ev = sk_article_events(j->a);
                if (out != SK_PUT_UNCHANGED && ev) in->events += ev->n;
            }
            if (rc == SK_OK && in_batch >= in->batch) {
                rc = sk_store_commit(in->store);
                in_batch = 0;
            }
        } else {
            in->failed++;
        }
        sk_article_destroy(j->a);
        j->a = NULL;
        pthread_mutex_lock(&in->mu);
        in->bytes_done += j->bytes;
        j->state = 0;
        in->next_write++;
        if (rc != SK_OK) {
            fprintf(stderr, "sukien: store: %s: %s\n", sk_strerror(rc), sk_store_errmsg(in->store));
            in->store_failed = 1;
            in->stop = 1;
        }
        pthread_cond_broadcast(&in->cv);
        pthread_mutex_unlock(&in->mu);
        if (rc != SK_OK) return NULL;
        double t = now();
        if (t - last_show > 0.2) {
            show_progress(in, 0);
            last_show = t;
        }
    }
    if (in_batch > 0 && !in->store_failed) {
        int rc = sk_store_commit(in->store);
        if (rc != SK_OK) {
            fprintf(stderr, "sukien: store: %s: %s\n", sk_strerror(rc), sk_store_errmsg(in->store));
            in->store_failed = 1;
        }
    }
    show_progress(in, 1);
    return NULL;
}

/* The stored articles' content hashes, read once at start so that unchanged
 * articles are dropped before coding, and the docs queued in this run.
 * Compact because it grows with the store and the input: an open-addressing
 * table of 24-byte slots plus the doc ids in one buffer (a jansson object
 * took ~170 bytes an entry, 340 MB for a 2-million-article store). */
typedef struct known_slot {
    uint64_t key;  /* FNV-1a of doc */
    uint64_t hash; /* stored content hash (16 lower-case hex digits, parsed) */
    uint32_t doc;  /* offset + 1 of the doc id in ids; 0 = empty slot */
    uint32_t flags;
} known_slot_t;
enum {
    KNOWN_STORED = 1,   /* the store holds doc with `hash` */
    KNOWN_QUEUED = 2,   /* doc was queued in this run: later duplicates look it up again */
    KNOWN_ODD_HASH = 4, /* the stored hash is not 16 lower-case hex digits: never "same" */
};

typedef struct known {
    known_slot_t *slots;
    size_t cap, n; /* cap: power of two */
    char *ids;
    size_t ids_len, ids_cap;
    int oom;
} known_t;

static known_slot_t *known_find(known_t *k, const char *doc, uint64_t key) {
    if (!k->cap) return NULL;
    for (size_t i = key & (k->cap - 1);; i = (i + 1) & (k->cap - 1)) {
        known_slot_t *s = &k->slots[i];
        if (!s->doc) return s;
        if (s->key == key && !strcmp(k->ids + s->doc - 1, doc)) return s;
    }
}

static int known_grow(known_t *k) {
    size_t cap = k->cap ? k->cap * 2 : 1024;
    known_slot_t *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; i < k->cap; i++) {
        if (!k->slots[i].doc) continue;
        size_t j = k->slots[i].key & (cap - 1);
        while (slots[j].doc)
            j = (j + 1) & (cap - 1);
        slots[j] = k->slots[i];
    }
    free(k->slots);
    k->slots = slots;
    k->cap = cap;
    return 0;
}

/* The slot of doc, added (flags 0) when absent; NULL when out of memory. */
static known_slot_t *known_add(known_t *k, const char *doc) {
    size_t dl = strlen(doc) + 1;
    if (k->ids_len + dl >= UINT32_MAX) return NULL;
    if ((k->n + 1) * 4 > k->cap * 3 && known_grow(k)) return NULL;
    uint64_t key = sk_fnv1a64(doc, dl - 1, SK_FNV_SEED);
    known_slot_t *s = known_find(k, doc, key);
    if (s->doc) return s;
    if (k->ids_len + dl > k->ids_cap) {
        size_t cap = k->ids_cap ? k->ids_cap * 2 : 1 << 16;
        while (cap < k->ids_len + dl)
            cap *= 2;
        char *p = realloc(k->ids, cap);
        if (!p) return NULL;
        k->ids = p;
        k->ids_cap = cap;
    }
    memcpy(k->ids + k->ids_len, doc, dl);
    s->doc = (uint32_t)k->ids_len + 1;
    k->ids_len += dl;
    s->key = key;
    s->flags = 0;
    k->n++;
    return s;
}

static int parse_hash(const char *hex, uint64_t *out) {
    uint64_t h = 0;
    size_t i = 0;
    for (; hex[i]; i++) {
        int c = hex[i], d = c >= '0' && c <= '9'   ? c - '0'
                            : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                   : -1;
        if (d < 0 || i >= 16) return -1;
        h = h << 4 | (uint64_t)d;
    }
    *out = h;
    return i == 16 ? 0 : -1;
}

static void remember_hash(void *ctx, const char *doc, const char *hash) {
    known_t *k = ctx;
    if (k->oom) return;
    known_slot_t *s = known_add(k, doc);
    if (!s) {
        k->oom = 1;
        return;
    }
    s->flags = KNOWN_STORED | (parse_hash(hash, &s->hash) ? KNOWN_ODD_HASH : 0);
}

static known_slot_t *known_get(known_t *k, const char *doc) {
    known_slot_t *s = known_find(k, doc, sk_fnv1a64(doc, strlen(doc), SK_FNV_SEED));
    return s && s->doc ? s : NULL;
}

/* 1 when the store holds the doc of slot s with this content hash (and the
 * doc was not queued since). */
static int known_same(const known_slot_t *s, const char *hash) {
    uint64_t h;
    return s && s->flags == KNOWN_STORED && !parse_hash(hash, &h) && h == s->hash;
}

static int known_mark_queued(known_t *k, const char *doc) {
    known_slot_t *s = known_add(k, doc);
    if (!s) return -1;
    s->flags |= KNOWN_QUEUED;
    return 0;
}

static void known_free(known_t *k) {
    if (!k) return;
    free(k->slots);
    free(k->ids);
    free(k);
}

/* Load --coded JSON Lines into doc -> {"events", "persons", "hash"}. */
static json_t *load_coded(const char *path) {
    FILE *f = !strcmp(path, "-") ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(stderr, "sukien: cannot open %s\n", path);
        return NULL;
    }
    json_t *map = json_object();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        lineno++;
        json_error_t err;
        json_t *o = json_loadb(line, (size_t)n, 0, &err);
        const char *doc = json_string_value(json_object_get(o, "doc"));
        if (!o || !doc) {
            if (n > 1)
                fprintf(stderr, "sukien: %s:%ld: error: not an event record\n", path, lineno);
            json_decref(o);
            continue;
        }
        json_t *c = json_object_get(map, doc);
        if (!c) {
            c = json_pack("{s:[],s:[],s:s}", "events", "persons", "hash", "");
            json_object_set_new(map, doc, c);
        }
        if (json_object_get(o, "persons") && !json_object_get(o, "type"))
            json_array_extend(json_object_get(c, "persons"), json_object_get(o, "persons"));
        else
            json_array_append(json_object_get(c, "events"), o);
        /* Running hash of this doc's coded lines. */
        const char *prev = json_string_value(json_object_get(c, "hash"));
        uint64_t h = prev && *prev ? strtoull(prev, NULL, 16) : SK_FNV_SEED;
        h = sk_fnv1a64(line, (size_t)n, h);
        char hx[17];
        snprintf(hx, sizeof hx, "%016llx", (unsigned long long)h);
        json_object_set_new(c, "hash", json_string(hx));
        json_decref(o);
    }
    free(line);
    if (f != stdin) fclose(f);
    return map;
}

int cmd_ingest(int argc, char **argv) {
    static const struct option longopts[] = {
        {"db", required_argument, 0, 'd'},    {"jobs", required_argument, 0, 'j'},
        {"batch", required_argument, 0, 'b'}, {"format", required_argument, 0, 'f'},
        {"coded", required_argument, 0, 'c'}, {"recode", no_argument, 0, 'R'},
        {"no-fts", no_argument, 0, 'N'},      {"progress", no_argument, 0, 'p'},
        {"no-progress", no_argument, 0, 'P'}, {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},        {0, 0, 0, 0}};
    cli_status_t st = {0};
    const char *db = NULL, *coded_path = NULL;
    int jobs = 1, format = SK_FORMAT_AUTO, c, progress = -1;
    long batch = 1000;
    unsigned flags = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:j:f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'j':
            jobs = atoi(optarg);
            break;
        case 'b':
            batch = atol(optarg);
            break;
        case 'f':
            if ((format = cli_parse_format(optarg)) < 0) {
                fprintf(stderr, "sukien: unknown format '%s'\n", optarg);
                return SK_EXIT_USAGE;
            }
            break;
        case 'c':
            coded_path = optarg;
            break;
        case 'R':
            flags |= SK_STORE_RECODE;
            break;
        case 'N':
            flags |= SK_STORE_NOFTS;
            break;
        case 'p':
            progress = 1;
            break;
        case 'P':
            progress = 0;
            break;
        case 'q':
            st.quiet = 1;
            progress = 0;
            break;
        case 'h':
            fputs(USAGE, stdout);
            return SK_EXIT_OK;
        default:
            fputs(USAGE, stderr);
            return SK_EXIT_USAGE;
        }
    }
    if (jobs < 1 || jobs > 256 || batch < 1) {
        fprintf(stderr, "sukien: --jobs must be 1..256 and --batch at least 1\n");
        return SK_EXIT_USAGE;
    }
    ingest_t *in = calloc(1, sizeof *in);
    if (!in) return SK_EXIT_FAIL;
    in->st = &st;
    in->batch = batch;
    in->progress = progress < 0 ? isatty(2) : progress;
    pthread_mutex_init(&in->mu, NULL);
    pthread_cond_init(&in->cv, NULL);
    int exit_code = SK_EXIT_FAIL;
    sk_lexicon_t *lex = NULL;
    if (coded_path) {
        if (!(in->coded = load_coded(coded_path))) goto out;
    } else {
        const char *dir = cli_data_dir();
        if (sk_lexicon_load(dir, cli_print_diag, &st, &lex) != SK_OK) {
            fprintf(stderr, "sukien: cannot load the lexicon from %s\n", dir);
            goto out;
        }
        in->lex = lex;
    }
    char err[1024] = "";
    int rc = sk_store_open(db, flags, &in->store, err, sizeof err);
    if (rc != SK_OK) {
        fprintf(stderr, "sukien: cannot open store %s: %s\n", db ? db : "sukien.db", err);
        goto out;
    }
    in->known = calloc(1, sizeof *in->known);
    if (!in->known) goto out;
    if (!(flags & SK_STORE_RECODE))
        in->hints = sk_store_each_article_hash(in->store, remember_hash, in->known) == SK_OK;
    if (in->known->oom) {
        fprintf(stderr, "sukien: out of memory reading the stored articles\n");
        goto out;
    }
    char **files = argv + optind;
    int n_files = argc - optind;
    static char *stdin_only[] = {"-"};
    if (n_files == 0) files = stdin_only, n_files = 1;
    for (int i = 0; i < n_files; i++) {
        struct stat sb;
        if (strcmp(files[i], "-") && stat(files[i], &sb) == 0)
            in->bytes_total += (size_t)sb.st_size;
    }
    in->t0 = now();
    pthread_t *workers = calloc((size_t)jobs, sizeof *workers), wr;
    for (int i = 0; i < jobs; i++)
        pthread_create(&workers[i], NULL, worker, in);
    pthread_create(&wr, NULL, writer, in);

    for (int i = 0; i < n_files && !in->stop; i++) {
        sk_reader_opts_t opts = {
            .format = (sk_format_t)format, .diag = cli_print_diag, .diag_ctx = &st};
        sk_reader_t *r = NULL;
        if (sk_reader_open(files[i], &opts, &r) < 0) {
            st.failed_files++;
            continue;
        }
        sk_article_t *a = NULL;
        int rrc = 0;
        while (!in->stop && (rrc = sk_reader_next(r, &a)) == 1) {
            if (!a->doc) {
                sk_article_destroy(a);
                continue;
            }
            char hash[17];
            sk_article_hash(a, hash);
            if (in->coded) {
                const char *ch =
                    json_string_value(json_object_get(json_object_get(in->coded, a->doc), "hash"));
                uint64_t h = sk_fnv1a64(hash, 16, SK_FNV_SEED);
                if (ch) h = sk_fnv1a64(ch, strlen(ch), h);
                snprintf(hash, sizeof hash, "%016llx", (unsigned long long)h);
            }
            st.articles++;
            known_slot_t *ks = known_get(in->known, a->doc);
            if (known_same(ks, hash)) {
                /* Stored unchanged: nothing to code or write. */
                pthread_mutex_lock(&in->mu);
                in->unchanged++;
                in->bytes_done += a->raw_len;
                pthread_mutex_unlock(&in->mu);
                sk_article_destroy(a);
                continue;
            }
            /* What the store holds for this doc is known for its first
             * occurrence in the input; later duplicates are looked up again
             * (KNOWN_QUEUED marks the doc as queued). */
            int hint = in->hints && !(ks && (ks->flags & (KNOWN_QUEUED | KNOWN_ODD_HASH)));
            char stored[17] = "";
            if (hint && ks)
                snprintf(stored, sizeof stored, "%016llx", (unsigned long long)ks->hash);
            if (known_mark_queued(in->known, a->doc)) {
                fprintf(stderr, "sukien: out of memory\n");
                sk_article_destroy(a);
                pthread_mutex_lock(&in->mu);
                in->stop = in->store_failed = 1;
                pthread_cond_broadcast(&in->cv);
                pthread_mutex_unlock(&in->mu);
                break;
            }
            pthread_mutex_lock(&in->mu);
            while (in->next_read - in->next_write >= RING && !in->stop)
                pthread_cond_wait(&in->cv, &in->mu);
            if (in->stop) {
                pthread_mutex_unlock(&in->mu);
                sk_article_destroy(a);
                break;
            }
            job_t *j = &in->ring[in->next_read % RING];
            j->a = a;
            memcpy(j->hash, hash, sizeof hash);
            j->known = hint;
            memcpy(j->stored, stored, sizeof stored);
            j->bytes = a->raw_len;
            j->state = 1;
            in->next_read++;
            pthread_cond_broadcast(&in->cv);
            pthread_mutex_unlock(&in->mu);
        }
        st.skipped += sk_reader_skipped(r);
        st.repaired += sk_reader_repaired(r);
        if (rrc < 0) st.failed_files++;
        sk_reader_destroy(r);
    }
    pthread_mutex_lock(&in->mu);
    in->reading_done = 1;
    pthread_cond_broadcast(&in->cv);
    pthread_mutex_unlock(&in->mu);
    for (int i = 0; i < jobs; i++)
        pthread_join(workers[i], NULL);
    pthread_join(wr, NULL);
    free(workers);
    /* Articles left in the ring after a store failure. */
    for (size_t i = 0; i < RING; i++)
        if (in->ring[i].a) sk_article_destroy(in->ring[i].a);

    double el = now() - in->t0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    if (!st.quiet)
        fprintf(stderr,
                "sukien: ingest: %zu articles (%zu added, %zu replaced, %zu unchanged), %zu "
                "events, %.1f s, %.0f articles/s, %.2f MB/s, peak RSS %ld MB\n",
                in->added + in->replaced + in->unchanged, in->added, in->replaced, in->unchanged,
                in->events, el, el > 0 ? (in->added + in->replaced + in->unchanged) / el : 0,
                el > 0 ? (in->bytes_total ? in->bytes_total : in->bytes_done) / el / 1e6 : 0,
                ru.ru_maxrss / 1024);
    exit_code = in->store_failed ? SK_EXIT_FAIL : cli_exit_code(&st);
out:
    sk_store_close(in->store);
    known_free(in->known);
    json_decref(in->coded);
    sk_lexicon_destroy(lex);
    pthread_mutex_destroy(&in->mu);
    pthread_cond_destroy(&in->cv);
    free(in);
    return exit_code;
}
