/*===- temporary_buffers.c - Heap temporaries of generated code -----------===*
 *
 * Generated code allocates its temporary buffers through these functions
 * (finalize-memref-to-llvm's generic allocation functions), not malloc.
 * Large temporaries are recycled: the same entry allocates the same sizes
 * on every call, and a fresh multi-megabyte malloc is an mmap whose pages
 * all fault in again (a quarter of a small language model's run time went
 * to page faults and brk). Freed blocks of at least SEQC_CACHED_MIN bytes
 * wait in a small cache; an allocation takes the smallest cached block that
 * fits with little waste. seqc_temporaries_trim (at model destroy) frees
 * them. Small blocks go straight to malloc, which recycles them well.
 *
 *===----------------------------------------------------------------------===*/

#include "runtime/runtime_internal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#define SEQC_CACHED_MIN ((size_t)64 << 10)
#define SEQC_CACHE_SLOTS 64
/* Blocks are 64-byte aligned; the header sits in the first 64 bytes. */
#define SEQC_HEADER 64

typedef struct block_header {
  size_t size; /* usable bytes after the header */
} block_header;

typedef struct cached_block {
  block_header *block;
  uint64_t last_use; /* for evicting the least recently freed */
} cached_block;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static cached_block cache[SEQC_CACHE_SLOTS];
static uint64_t clock_ticks;

static void *payload(block_header *block) {
  return (char *)block + SEQC_HEADER;
}

static block_header *take_cached(size_t size) {
  int best = -1;
  pthread_mutex_lock(&cache_lock);
  for (int i = 0; i < SEQC_CACHE_SLOTS; ++i) {
    block_header *b = cache[i].block;
    /* Fits, wasting at most a quarter. */
    if (b && b->size >= size && b->size - size <= size / 4 &&
        (best < 0 || b->size < cache[best].block->size))
      best = i;
  }
  block_header *found = NULL;
  if (best >= 0) {
    found = cache[best].block;
    cache[best].block = NULL;
  }
  pthread_mutex_unlock(&cache_lock);
  return found;
}

void *_mlir_memref_to_llvm_alloc(size_t size) {
  if (size >= SEQC_CACHED_MIN) {
    block_header *cached = take_cached(size);
    if (cached)
      return payload(cached);
  }
  size_t total = (size + SEQC_HEADER + 63) / 64 * 64;
  block_header *block = aligned_alloc(64, total);
  if (!block)
    return NULL;
  block->size = total - SEQC_HEADER;
  return payload(block);
}

void _mlir_memref_to_llvm_free(void *ptr) {
  if (!ptr)
    return;
  block_header *block = (block_header *)((char *)ptr - SEQC_HEADER);
  if (block->size < SEQC_CACHED_MIN) {
    free(block);
    return;
  }
  block_header *evicted = block;
  pthread_mutex_lock(&cache_lock);
  int slot = -1;
  for (int i = 0; i < SEQC_CACHE_SLOTS; ++i) {
    if (!cache[i].block) {
      slot = i;
      break;
    }
    if (slot < 0 || cache[i].last_use < cache[slot].last_use)
      slot = i;
  }
  evicted = cache[slot].block;
  cache[slot].block = block;
  cache[slot].last_use = ++clock_ticks;
  pthread_mutex_unlock(&cache_lock);
  free(evicted);
}

void seqc_temporaries_trim(void) {
  pthread_mutex_lock(&cache_lock);
  for (int i = 0; i < SEQC_CACHE_SLOTS; ++i) {
    free(cache[i].block);
    cache[i].block = NULL;
  }
  pthread_mutex_unlock(&cache_lock);
}
