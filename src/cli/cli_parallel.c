/* cli_parallel.c — ordered parallel loop over articles (cli_parallel.h).
 *
 * A ring of `window` slots between the calling thread and the workers:
 * slots [head, next_work) are being processed or done, [next_work, tail)
 * wait for a worker. Only the calling thread fills slots (at tail) and
 * empties them (at head, strictly in order), so all status counting and all
 * printing happen on one thread. Diagnostics of the readers (bad records
 * between two articles) are held back and printed just before the next
 * article's output, in the order one thread would print them. */
#include "cli_parallel.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { SLOT_FREE, SLOT_QUEUED, SLOT_TAKEN, SLOT_DONE };

typedef struct slot {
    sk_article_t *a; /* NULL: the slot only carries reader diagnostics */
    char *pre, *out, *err;
    size_t pre_len, out_len, err_len;
    int state;
    int prepared; /* preparation succeeded: the article counts as read */
    int warned;   /* preparation repaired something */
    size_t skipped;
} slot_t;

typedef struct pool {
    cli_article_out_fn fn;
    void *ctx;
    cli_status_t *st;
    pthread_mutex_t mu;
    pthread_cond_t work_cv, done_cv;
    slot_t *ring;
    size_t window, head, next_work, tail;
    int closing;
    /* The calling thread sleeps until slot `awaited` (an absolute index, like
     * head and tail) is done; only that slot's worker wakes it. */
    size_t awaited;
    int awaiting;
    /* Reader diagnostics not yet attached to a slot (calling thread only). */
    FILE *pending;
    char *pending_buf;
    size_t pending_len;
} pool_t;

void cli_out_diag(cli_out_t *o, const sk_diag_t *d) {
    cli_fprint_diag(o->err, o->st, d);
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

/* Everything one article needs, on a worker thread. */
static void process(pool_t *p, slot_t *s) {
    if (!s->a) return;
    FILE *out = open_memstream(&s->out, &s->out_len);
    FILE *err = open_memstream(&s->err, &s->err_len);
    cli_out_t o = {out, err, p->st, 0};
    if (!out || !err) {
        /* No memory to buffer this article's output: skip it, loudly. */
        if (out) fclose(out);
        if (err) fclose(err);
        free(s->out), free(s->err);
        s->out = s->err = NULL;
        s->out_len = s->err_len = 0;
        s->skipped = 1;
    } else {
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
        fclose(out);
        fclose(err);
    }
    sk_article_destroy(s->a);
    s->a = NULL;
}

static void *worker(void *arg) {
    pool_t *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->next_work == p->tail && !p->closing)
            pthread_cond_wait(&p->work_cv, &p->mu);
        if (p->next_work == p->tail) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        size_t idx = p->next_work++;
        slot_t *s = &p->ring[idx % p->window];
        s->state = SLOT_TAKEN;
        pthread_mutex_unlock(&p->mu);

        process(p, s);

        pthread_mutex_lock(&p->mu);
        s->state = SLOT_DONE;
        if (p->awaiting && idx == p->awaited) pthread_cond_signal(&p->done_cv);
        pthread_mutex_unlock(&p->mu);
    }
}

/* Print and count one finished slot (calling thread, lock not held). */
static void deliver(pool_t *p, slot_t *s) {
    if (s->pre_len) fwrite(s->pre, 1, s->pre_len, stderr);
    if (s->err_len) fwrite(s->err, 1, s->err_len, stderr);
    if (s->out_len) fwrite(s->out, 1, s->out_len, stdout);
    if (s->prepared) {
        p->st->articles++;
        if (s->warned) p->st->repaired++;
    }
    p->st->skipped += s->skipped;
    free(s->pre);
    free(s->out);
    free(s->err);
    memset(s, 0, sizeof *s);
}

/* Sleep until slot idx may be done (lock held; the caller re-checks). */
static void await_slot(pool_t *p, size_t idx) {
    p->awaited = idx;
    p->awaiting = 1;
    pthread_cond_wait(&p->done_cv, &p->mu);
    p->awaiting = 0;
}

/* Deliver the slot at head: wait for it when `block`, else only if done.
 * Called with the lock held; returns 1 when a slot was delivered. */
static int deliver_head(pool_t *p, int block) {
    if (p->head == p->tail) return 0;
    slot_t *s = &p->ring[p->head % p->window];
    while (block && s->state != SLOT_DONE)
        await_slot(p, p->head);
    if (s->state != SLOT_DONE) return 0;
    pthread_mutex_unlock(&p->mu);
    deliver(p, s);
    pthread_mutex_lock(&p->mu);
    p->head++;
    return 1;
}

static void submit(pool_t *p, sk_article_t *a) {
    char *pre = NULL;
    size_t pre_len = 0;
    if (p->pending) {
        fclose(p->pending);
        pre = p->pending_buf;
        pre_len = p->pending_len;
        p->pending = NULL;
        p->pending_buf = NULL;
        p->pending_len = 0;
    }
    pthread_mutex_lock(&p->mu);
    if (p->tail - p->head >= p->window) {
        /* Full: sleep until half the window is done and hand it out in one
         * go (below), rather than waking for every article: one wake-up per
         * article cost ~20 % more CPU than one thread. */
        size_t half = p->head + p->window / 2 - 1;
        while (p->ring[half % p->window].state != SLOT_DONE)
            await_slot(p, half);
        while (p->tail - p->head >= p->window)
            deliver_head(p, 1);
    }
    slot_t *s = &p->ring[p->tail % p->window];
    s->a = a;
    s->pre = pre;
    s->pre_len = pre_len;
    /* A diagnostics-only slot goes through a worker too (which does nothing
     * with it): workers then simply take the ring in order. */
    s->state = SLOT_QUEUED;
    p->tail++;
    pthread_cond_signal(&p->work_cv);
    while (deliver_head(p, 0)) {
    }
    pthread_mutex_unlock(&p->mu);
}

static void pending_diag(void *ctx, const sk_diag_t *d) {
    pool_t *p = ctx;
    if (p->st->quiet && d->level == SK_DIAG_WARNING) return;
    if (!p->pending) p->pending = open_memstream(&p->pending_buf, &p->pending_len);
    cli_fprint_diag(p->pending ? p->pending : stderr, p->st, d);
}

/* jobs == 1: the plain loop, fn writing straight to stdout and stderr. */
typedef struct {
    cli_article_out_fn fn;
    void *ctx;
    cli_status_t *st;
} direct_t;

static int direct_one(void *ctx, sk_article_t *a) {
    direct_t *dc = ctx;
    cli_out_t o = {stdout, stderr, dc->st, 0};
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
    pool_t p = {.fn = fn, .ctx = ctx, .st = st, .window = (size_t)jobs * 8};
    p.ring = calloc(p.window, sizeof *p.ring);
    pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
    if (!p.ring || !threads) {
        free(p.ring);
        free(threads);
        return -1;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work_cv, NULL);
    pthread_cond_init(&p.done_cv, NULL);
    int started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&threads[started], NULL, worker, &p)) break;
    int rc = 0;
    if (started == 0) {
        rc = -1;
        goto out;
    }
    for (int i = 0; i < n_files; i++) {
        sk_reader_opts_t opts = {.format = format,
                                 .max_record_bytes = st->max_record_bytes,
                                 .diag = pending_diag,
                                 .diag_ctx = &p};
        sk_reader_t *r = NULL;
        int rrc = sk_reader_open(files[i], &opts, &r);
        if (rrc < 0) {
            st->failed_files++;
        } else {
            sk_article_t *a = NULL;
            while ((rrc = sk_reader_next(r, &a)) == 1)
                submit(&p, a);
            st->skipped += sk_reader_skipped(r);
            st->repaired += sk_reader_repaired(r);
            if (rrc < 0) st->failed_files++;
            sk_reader_destroy(r);
        }
        if (p.pending) submit(&p, NULL);
    }
    pthread_mutex_lock(&p.mu);
    while (deliver_head(&p, 1)) {
    }
    p.closing = 1;
    pthread_cond_broadcast(&p.work_cv);
    pthread_mutex_unlock(&p.mu);
out:
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.work_cv);
    pthread_cond_destroy(&p.done_cv);
    free(p.ring);
    free(threads);
    return rc;
}
