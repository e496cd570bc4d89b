/* arena.h — bump allocator owning all per-article memory; freed in one call. */
#ifndef SK_ARENA_H
#define SK_ARENA_H

#include <stddef.h>

typedef struct sk_arena sk_arena_t;

/* New arena; returns NULL on allocation failure. Free with sk_arena_destroy. */
sk_arena_t *sk_arena_new(void);
/* Zeroed memory aligned for any type, valid until reset/destroy; NULL on failure. */
void *sk_arena_alloc(sk_arena_t *self, size_t size);
/* As sk_arena_alloc, but the memory is not zeroed (for large arrays the caller
 * fills itself). */
void *sk_arena_alloc_uninit(sk_arena_t *self, size_t size);
/* Grow an arena array: returns a new block of new_n elements holding the old
 * n elements (old block is abandoned inside the arena). */
void *sk_arena_grow(sk_arena_t *self, void *old, size_t elem, size_t n, size_t new_n);
/* Copy of s[0..len) with a terminating NUL. */
char *sk_arena_strndup(sk_arena_t *self, const char *s, size_t len);
char *sk_arena_strdup(sk_arena_t *self, const char *s);
char *sk_arena_printf(sk_arena_t *self, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Forget all allocations but keep the first block for reuse. */
void sk_arena_reset(sk_arena_t *self);
/* Bytes handed out so far (for memory accounting). */
size_t sk_arena_used(const sk_arena_t *self);
void sk_arena_destroy(sk_arena_t *self);

#endif
