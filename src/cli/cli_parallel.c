/* cli_parallel.c — ordered parallel loop over articles (cli_parallel.h).
 *
 * A ring of `window` slots: slots [head, tail) are being processed or done
 * and wait to be printed. There is no reader thread: each of the N threads
 * (the calling one too) takes the input in turn, reads one article into the
 * slot at tail and then prepares and codes it itself, so an article's memory
 * is allocated, used and freed on one thread, and no thread wakes another to
 * hand work over. Whichever thread finds the slot at head done prints it and
 * the next done ones, one thread at a time, strictly in order. A thread only
 * sleeps when the window is full or another thread is reading. (With a
 * separate reader thread, three threads on two CPUs woke each other for
 * every few articles and `--jobs 2` spent ~15 % more CPU than one thread.)
 * Diagnostics of the readers (bad records between two articles) are held
 * back and printed just before the next article's output, in the order one
 * thread would print them. */
#include "cli_parallel.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

typedef struct slot {
    sk_article_t *a;        /* NULL: the slot only carries reader diagnostics */
    char *pre, *err, *sout; /* reader diagnostics, fn's, fn's stream output */
    size_t pre_len, err_len, sout_len;
    char *out; /* cli_out_write's bytes; the buffer is kept for reuse */
    size_t out_len, out_cap;
    int done;
    int prepared; /* preparation succeeded: the article counts as read */
    int warned;   /* preparation repaired something */
    size_t skipped;
} slot_t;

typedef struct pool {
    cli_article_out_fn fn;
    void *ctx;
    cli_status_t *st;
    pthread_mutex_t mu;
    pthread_cond_t cv; /* something a sleeping thread waits for may have changed */
    slot_t *ring;
    size_t window, head, tail; /* absolute indices; slot i is ring[i % window] */
    int reading;               /* a thread is reading (it alone touches the input below) */
    int delivering;            /* a thread is printing the slot at head */
    int finished;              /* the input is over */
    int sleeping;              /* threads waiting on cv */
    /* The input, for the reading thread only. */
    char **files;
    int n_files, next_file;
    sk_format_t format;
    sk_reader_t *r;
    size_t read_skipped, read_repaired, read_failed; /* added to st under mu */
    FILE *pending; /* reader diagnostics not yet attached to a slot */
    char *pending_buf;
    size_t pending_len;
} pool_t;

static void out_of_memory(void) {
    fputs("sukien: out of memory\n", stderr);
    exit(SK_EXIT_FAIL);
}

void cli_out_diag(cli_out_t *o, const sk_diag_t *d) {
    if (!o->err) {
        if (o->st && o->st->quiet && d->level == SK_DIAG_WARNING) return;
        o->err = open_memstream(&o->slot->err, &o->slot->err_len);
        if (!o->err) out_of_memory();
    }
    cli_fprint_diag(o->err, o->st, d);
}

void cli_out_write(cli_out_t *o, const char *p, size_t n) {
    if (o->out) {
        fwrite(p, 1, n, o->out);
        return;
    }
    slot_t *s = o->slot;
    if (n > s->out_cap - s->out_len) {
        size_t cap = s->out_cap ? s->out_cap : 1 << 12;
        while (cap - s->out_len < n)
            cap *= 2;
        char *nb = realloc(s->out, cap);
        if (!nb) out_of_memory();
        s->out = nb;
        s->out_cap = cap;
    }
    memcpy(s->out + s->out_len, p, n);
    s->out_len += n;
}

FILE *cli_out_stream(cli_out_t *o) {
    if (o->out) return o->out;
    slot_t *s = o->slot;
    o->out = open_memstream(&s->sout, &s->sout_len);
    if (!o->out) out_of_memory();
    if (s->out_len) { /* what was written before comes first */
        fwrite(s->out, 1, s->out_len, o->out);
        s->out_len = 0;
    }
    return o->out;
}

typedef struct {
    cli_out_t *o;
    int warned;
} prep_t;

static void prep_diag(void *ctx, const sk_diag_t *d) {
    prep_t *p = ctx;
    p->warned = 1;
    cli_out_diag(p->o, d);
}

/* Prepare and code the slot's article (lock not held). */
static void process(pool_t *p, slot_t *s) {
    if (!s->a) return;
    cli_out_t o = {NULL, NULL, p->st, 0, s};
    prep_t pc = {&o, 0};
    int rc = sk_article_prepare(s->a, prep_diag, &pc);
    if (rc < 0) {
        sk_diag_t d = {SK_DIAG_ERROR,     rc,        s->a->source,
                       s->a->source_line, s->a->doc, sk_strerror(rc)};
        cli_out_diag(&o, &d);
        s->skipped = 1;
    } else {
        s->prepared = 1;
        s->warned = pc.warned;
        p->fn(p->ctx, s->a, &o);
        s->skipped = o.skipped;
    }
    if (o.out) fclose(o.out);
    if (o.err) fclose(o.err);
    sk_article_destroy(s->a);
    s->a = NULL;
}

static void pending_diag(void *ctx, const sk_diag_t *d) {
    pool_t *p = ctx;
    if (p->st->quiet && d->level == SK_DIAG_WARNING) return;
    if (!p->pending) p->pending = open_memstream(&p->pending_buf, &p->pending_len);
    cli_fprint_diag(p->pending ? p->pending : stderr, p->st, d);
}

/* The held-back reader diagnostics, for the next slot. */
static void take_pending(pool_t *p, slot_t *s) {
    if (!p->pending) return;
    fclose(p->pending);
    s->pre = p->pending_buf;
    s->pre_len = p->pending_len;
    p->pending = NULL;
    p->pending_buf = NULL;
    p->pending_len = 0;
}

/* Read what goes into the next slot, s (the reading thread, lock not held):
 * 1 when s has an article or only reader diagnostics, 0 at the end of input. */
static int read_next(pool_t *p, slot_t *s) {
    for (;;) {
        if (!p->r) {
            if (p->next_file >= p->n_files) return 0;
            sk_reader_opts_t opts = {.format = p->format,
                                     .max_record_bytes = p->st->max_record_bytes,
                                     .diag = pending_diag,
                                     .diag_ctx = p};
            if (sk_reader_open(p->files[p->next_file++], &opts, &p->r) < 0) {
                p->r = NULL;
                p->read_failed++;
                if (p->pending) break;
                continue;
            }
        }
        int rc = sk_reader_next(p->r, &s->a);
        if (rc == 1) break;
        s->a = NULL;
        p->read_skipped += sk_reader_skipped(p->r);
        p->read_repaired += sk_reader_repaired(p->r);
        if (rc < 0) p->read_failed++;
        sk_reader_destroy(p->r);
        p->r = NULL;
        if (p->pending) break; /* the file's last diagnostics, in a slot of their own */
    }
    take_pending(p, s);
    return 1;
}

static void wake_one(pool_t *p) {
    if (p->sleeping) pthread_cond_signal(&p->cv);
}

/* Print the slot at head and move on, if it is done and no thread is printing.
 * Called with the lock held; returns 1 when a slot was printed. */
static int deliver_head(pool_t *p) {
    if (p->delivering || p->head == p->tail) return 0;
    slot_t *s = &p->ring[p->head % p->window];
    if (!s->done) return 0;
    p->delivering = 1;
    pthread_mutex_unlock(&p->mu);
    if (s->pre_len) fwrite(s->pre, 1, s->pre_len, stderr);
    if (s->err_len) fwrite(s->err, 1, s->err_len, stderr);
    if (s->out_len) fwrite(s->out, 1, s->out_len, stdout);
    if (s->sout_len) fwrite(s->sout, 1, s->sout_len, stdout);
    free(s->pre);
    free(s->err);
    free(s->sout);
    char *out = s->out;
    size_t out_cap = s->out_cap;
    if (out_cap > (1u << 16)) { /* keep no large buffer around */
        free(out);
        out = NULL;
        out_cap = 0;
    }
    pthread_mutex_lock(&p->mu);
    if (s->prepared) {
        p->st->articles++;
        if (s->warned) p->st->repaired++;
    }
    p->st->skipped += s->skipped;
    memset(s, 0, sizeof *s);
    s->out = out;
    s->out_cap = out_cap;
    p->head++;
    p->delivering = 0;
    wake_one(p); /* the window has room again */
    return 1;
}

static void *run_thread(void *arg) {
    pool_t *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        if (deliver_head(p)) continue;
        if (!p->reading && !p->finished && p->tail - p->head < p->window) {
            slot_t *s = &p->ring[p->tail % p->window];
            p->reading = 1;
            pthread_mutex_unlock(&p->mu);
            int got = read_next(p, s);
            pthread_mutex_lock(&p->mu);
            p->reading = 0;
            p->st->skipped += p->read_skipped;
            p->st->repaired += p->read_repaired;
            p->st->failed_files += p->read_failed;
            p->read_skipped = p->read_repaired = p->read_failed = 0;
            if (!got) {
                p->finished = 1;
                pthread_cond_broadcast(&p->cv);
                continue;
            }
            p->tail++;
            wake_one(p); /* another thread may read next */
            pthread_mutex_unlock(&p->mu);
            process(p, s);
            pthread_mutex_lock(&p->mu);
            s->done = 1;
            continue;
        }
        /* Nothing left to read: the slots still in flight are printed by the
         * threads that finish them. */
        if (p->finished) break;
        p->sleeping++;
        pthread_cond_wait(&p->cv, &p->mu);
        p->sleeping--;
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* jobs == 1: the plain loop, fn writing straight to stdout and stderr. */
typedef struct {
    cli_article_out_fn fn;
    void *ctx;
    cli_status_t *st;
} direct_t;

static int direct_one(void *ctx, sk_article_t *a) {
    direct_t *dc = ctx;
    cli_out_t o = {stdout, stderr, dc->st, 0, NULL};
    dc->fn(dc->ctx, a, &o);
    dc->st->skipped += o.skipped;
    return 0;
}

int cli_for_each_article_parallel(char **files, int n_files, sk_format_t format, int jobs,
                                  cli_status_t *st, cli_article_out_fn fn, void *ctx) {
    if (jobs <= 1) {
        direct_t dc = {fn, ctx, st};
        return cli_for_each_article(files, n_files, format, st, direct_one, &dc);
    }
    static char *stdin_only[] = {"-"};
    if (n_files == 0) {
        files = stdin_only;
        n_files = 1;
    }
    /* A long article holds the head while the other threads go on with the
     * next ones: 128 slots a thread let them run well past it (with 8, the
     * window was full every ~30 articles of the corpus). A finished slot
     * holds only its output. */
    pool_t p = {.fn = fn,
                .ctx = ctx,
                .st = st,
                .window = jobs < 8 ? (size_t)jobs * 128 : 1024,
                .files = files,
                .n_files = n_files,
                .format = format};
    p.ring = calloc(p.window, sizeof *p.ring);
    pthread_t *threads = calloc((size_t)jobs - 1, sizeof *threads);
    if (!p.ring || !threads) {
        free(p.ring);
        free(threads);
        return -1;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    int started = 0;
    for (; started < jobs - 1; started++)
        if (pthread_create(&threads[started], NULL, run_thread, &p)) break;
    int rc = 0;
    if (started == 0) {
        rc = -1;
    } else {
        run_thread(&p); /* the calling thread is one of the jobs */
    }
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    for (size_t i = 0; i < p.window; i++)
        free(p.ring[i].out);
    free(p.ring);
    free(threads);
    return rc;
}
