#include "arena.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct block {
    struct block *next;
    size_t cap, used;
    max_align_t data[];
} block_t;

struct sk_arena {
    block_t *head;
    size_t total;
};

enum { MIN_BLOCK = 64 * 1024 };

static block_t *block_new(size_t cap) {
    block_t *b = malloc(sizeof(block_t) + cap);
    if (!b) return NULL;
    b->next = NULL;
    b->cap = cap;
    b->used = 0;
    return b;
}

/* Blocks handed from a destroyed arena to the next new one: `sukien code` makes and
 * destroys an arena per article, and the next article then starts in a block already
 * grown to an article's size instead of a fresh malloc'd one (fewer malloc/free calls and
 * page faults). The largest block of each arena is kept, up to SPARE_MAX bytes, in a few
 * slots any thread may take from. */
enum { SPARE_SLOTS = 4 };
#define SPARE_MAX ((size_t)1 << 20)
static _Atomic(block_t *) spare[SPARE_SLOTS];

static block_t *spare_take(void) {
    for (int i = 0; i < SPARE_SLOTS; i++)
        if (atomic_load_explicit(&spare[i], memory_order_relaxed)) {
            block_t *b = atomic_exchange(&spare[i], NULL);
            if (b) return b;
        }
    return NULL;
}

/* Keeps b (returns 1) or leaves it to the caller to free (0). */
static int spare_put(block_t *b) {
    for (int i = 0; i < SPARE_SLOTS; i++) {
        block_t *empty = NULL;
        if (atomic_compare_exchange_strong(&spare[i], &empty, b)) return 1;
    }
    return 0;
}

sk_arena_t *sk_arena_new(void) {
    sk_arena_t *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    a->head = spare_take();
    if (a->head) {
        a->head->next = NULL;
        a->head->used = 0;
        return a;
    }
    a->head = block_new(MIN_BLOCK);
    if (!a->head) {
        free(a);
        return NULL;
    }
    return a;
}

void *sk_arena_alloc_uninit(sk_arena_t *self, size_t size) {
    const size_t align = _Alignof(max_align_t);
    size_t need = (size + align - 1) & ~(align - 1);
    if (need < size) return NULL; /* overflow */
    block_t *b = self->head;
    if (b->cap - b->used < need) {
        size_t cap = need > MIN_BLOCK ? need : MIN_BLOCK;
        if (cap < b->cap && b->cap <= 16 * 1024 * 1024) cap = b->cap * 2;
        if (cap < need) cap = need;
        block_t *nb = block_new(cap);
        if (!nb) return NULL;
        nb->next = b;
        self->head = nb;
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += need;
    self->total += need;
    return p;
}

void *sk_arena_alloc(sk_arena_t *self, size_t size) {
    void *p = sk_arena_alloc_uninit(self, size);
    if (p) memset(p, 0, size);
    return p;
}

void *sk_arena_grow(sk_arena_t *self, void *old, size_t elem, size_t n, size_t new_n) {
    if (new_n && elem > SIZE_MAX / new_n) return NULL;
    /* Only the part not copied from the old block needs zeroing. */
    void *p = sk_arena_alloc_uninit(self, elem * new_n);
    if (!p) return NULL;
    size_t keep = old && n ? elem * (n < new_n ? n : new_n) : 0;
    if (keep) memcpy(p, old, keep);
    memset((char *)p + keep, 0, elem * new_n - keep);
    return p;
}

char *sk_arena_strndup(sk_arena_t *self, const char *s, size_t len) {
    char *p = sk_arena_alloc_uninit(self, len + 1); /* every byte is written below */
    if (!p) return NULL;
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *sk_arena_strdup(sk_arena_t *self, const char *s) {
    return s ? sk_arena_strndup(self, s, strlen(s)) : NULL;
}

char *sk_arena_printf(sk_arena_t *self, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *p = sk_arena_alloc(self, (size_t)n + 1);
    if (!p) return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void sk_arena_reset(sk_arena_t *self) {
    block_t *b = self->head;
    while (b->next) {
        block_t *next = b->next;
        free(b);
        b = next;
    }
    b->used = 0;
    self->head = b;
    self->total = 0;
}

size_t sk_arena_used(const sk_arena_t *self) {
    return self->total;
}

void sk_arena_destroy(sk_arena_t *self) {
    if (!self) return;
    block_t *keep = NULL;
    for (block_t *b = self->head; b; b = b->next)
        if (b->cap <= SPARE_MAX && (!keep || b->cap > keep->cap)) keep = b;
    if (keep && !spare_put(keep)) keep = NULL;
    block_t *b = self->head;
    while (b) {
        block_t *next = b->next;
        if (b != keep) free(b);
        b = next;
    }
    free(self);
}
