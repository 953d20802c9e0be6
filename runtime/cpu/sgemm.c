/*===- sgemm.c - Blocking, packing and threading of f32 matmuls -----------===*
 *
 * The loop nest around the micro-kernels, in the order of the BLIS/GotoBLAS
 * design: columns of C in blocks of nc, the depth in blocks of kc (a kc x nc
 * block of B packed into panels of nr columns that stay in L2/L3), rows in
 * blocks of mc (an mc x kc block of A packed into groups of mr rows that stay
 * in L2), then one micro-kernel call per mr x nr tile. A B that the compiler
 * packed ahead of time (constant weights) is used in place, and a small-M
 * product (decode: M up to 2 * mr) reads a row-major B directly, so every
 * weight is read once, at memory bandwidth, without a packing pass.
 *
 * The work is split over the model's thread pool by whole batches when there
 * are enough of them, else by panels of columns when there are enough, else
 * by groups of rows; every thread owns a disjoint part of C and its own
 * packing buffers, so no barrier is needed.
 *
 *===----------------------------------------------------------------------===*/

#include "runtime/cpu/sgemm.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }
static int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

int64_t seqc_sgemm_packed_b_size(int64_t k, int64_t n, int64_t nr) {
  return ceil_div(n, nr) * nr * k;
}

void seqc_sgemm_pack_b(const seqc_sgemm_kernel *kernel, int64_t k, int64_t n,
                       const float *b, int64_t b_k_stride, int64_t b_n_stride,
                       float *packed) {
  int64_t nr = kernel->nr;
  for (int64_t j0 = 0; j0 < n; j0 += nr) {
    int64_t width = min64(nr, n - j0);
    float *panel = packed + j0 * k;
    if (b_k_stride == 1 && b_n_stride != 1) {
      /* B is stored transposed (as in q k^T). */
      kernel->transposed_panel(k, width, b + j0 * b_n_stride, b_n_stride, nr,
                               panel);
      continue;
    }
    for (int64_t p = 0; p < k; ++p) {
      const float *row = b + p * b_k_stride + j0 * b_n_stride;
      float *out = panel + p * nr;
      if (b_n_stride == 1) {
        memcpy(out, row, (size_t)width * sizeof(float));
      } else {
        for (int64_t j = 0; j < width; ++j)
          out[j] = row[j * b_n_stride];
      }
      for (int64_t j = width; j < nr; ++j)
        out[j] = 0.0f;
    }
  }
}

/* Packs rows [0, m) x depth [0, kc) of A as groups of mr rows, each group
 * k-major with as many rows as it has (the last one may have fewer). */
static void pack_a(const seqc_sgemm_kernel *kernel, int64_t m, int64_t kc,
                   const float *a, int64_t a_m_stride, int64_t a_k_stride,
                   float *packed) {
  int64_t mr = kernel->mr;
  for (int64_t i0 = 0; i0 < m; i0 += mr) {
    int64_t rows = min64(mr, m - i0);
    float *out = packed + i0 * kc;
    const float *base = a + i0 * a_m_stride;
    if (a_m_stride == 1 && rows == mr) {
      for (int64_t p = 0; p < kc; ++p)
        memcpy(out + p * rows, base + p * a_k_stride,
               (size_t)rows * sizeof(float));
      continue;
    }
    if (a_k_stride == 1) {
      /* Row-major A: a group is a transposed panel `rows` wide. */
      kernel->transposed_panel(kc, rows, base, a_m_stride, rows, out);
      continue;
    }
    for (int64_t r = 0; r < rows; ++r) {
      const float *row = base + r * a_m_stride;
      for (int64_t p = 0; p < kc; ++p)
        out[p * rows + r] = row[p * a_k_stride];
    }
  }
}

/* One product, as the part of C that one thread owns. */
typedef struct sgemm_problem {
  const seqc_sgemm_kernel *kernel;
  int64_t m, n, k;
  const float *a;
  int64_t a_m_stride, a_k_stride;
  const float *b; /* packed panels when packed_b, else strided */
  int64_t b_k_stride, b_n_stride;
  float *c;
  int64_t c_m_stride;
  int accumulate, packed_b;
  /* M is small (at most 2 * mr): B streams once through the kernel, so
   * there is nothing for depth blocking or packing B to gain. */
  int small_m;
  /* B is used in place (row-major, and either streamed once for a small M
   * or small enough to stay in cache), not packed. */
  int direct_b;
  /* Columns [n0, n1) and rows [m0, m1) of this part; n0 is a multiple of
   * nr, so that panels of a packed B line up. */
  int64_t m0, m1, n0, n1;
} sgemm_problem;

/* Per-thread packing buffers, sized for the largest block. */
typedef struct sgemm_buffers {
  float *a;
  float *b;
} sgemm_buffers;

/* Each thread keeps its packing buffers between calls: a fresh allocation
 * of a few megabytes per call would be page faults on every matmul. The
 * buffers are freed when the thread exits. */
typedef struct scratch {
  float *data[2];
  size_t capacity[2]; /* in floats */
} scratch;

static _Thread_local scratch thread_scratch;
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void free_scratch(void *arg) {
  scratch *s = arg;
  for (int i = 0; i < 2; ++i) {
    free(s->data[i]);
    s->data[i] = NULL;
    s->capacity[i] = 0;
  }
}

static void create_scratch_key(void) {
  (void)pthread_key_create(&scratch_key, free_scratch);
}

/* This thread's buffer `slot` with room for `floats`, or NULL. */
static float *scratch_buffer(int slot, size_t floats) {
  scratch *s = &thread_scratch;
  if (s->capacity[slot] >= floats)
    return s->data[slot];
  pthread_once(&scratch_once, create_scratch_key);
  free(s->data[slot]);
  size_t bytes = (floats * sizeof(float) + 63) / 64 * 64;
  s->data[slot] = aligned_alloc(64, bytes);
  s->capacity[slot] = s->data[slot] ? floats : 0;
  (void)pthread_setspecific(scratch_key, s);
  return s->data[slot];
}

static void run_part(const sgemm_problem *pr, const sgemm_buffers *buffers) {
  const seqc_sgemm_kernel *kr = pr->kernel;
  int64_t mr = kr->mr, nr = kr->nr;
  int64_t m = pr->m1 - pr->m0;
  if (m <= 0 || pr->n1 <= pr->n0)
    return;
  int small_m = pr->small_m;
  int direct_b = pr->direct_b;
  int64_t kc_max = small_m ? pr->k : kr->kc;
  for (int64_t jc = pr->n0; jc < pr->n1; jc += kr->nc) {
    int64_t nc = min64(kr->nc, pr->n1 - jc);
    for (int64_t pc = 0; pc < pr->k; pc += kc_max) {
      int64_t kc = min64(kc_max, pr->k - pc);
      int accumulate = pr->accumulate || pc > 0;
      const float *b_block;
      int64_t ldb, panel_stride;
      if (pr->packed_b) {
        /* Panel j of the whole packed B starts at j * k * nr. */
        b_block = pr->b + (jc / nr) * pr->k * nr + pc * nr;
        ldb = nr;
        panel_stride = pr->k * nr;
      } else if (direct_b) {
        b_block = pr->b + pc * pr->b_k_stride + jc;
        ldb = pr->b_k_stride;
        panel_stride = nr;
      } else {
        seqc_sgemm_pack_b(kr, kc, nc,
                          pr->b + pc * pr->b_k_stride + jc * pr->b_n_stride,
                          pr->b_k_stride, pr->b_n_stride, buffers->b);
        b_block = buffers->b;
        ldb = nr;
        panel_stride = kc * nr;
      }
      for (int64_t ic = pr->m0; ic < pr->m1; ic += kr->mc) {
        int64_t mc = min64(kr->mc, pr->m1 - ic);
        pack_a(kr, mc, kc, pr->a + ic * pr->a_m_stride + pc * pr->a_k_stride,
               pr->a_m_stride, pr->a_k_stride, buffers->a);
        for (int64_t jr = 0; jr < nc; jr += nr) {
          const float *b_panel = b_block + (jr / nr) * panel_stride;
          int64_t n_len = min64(nr, nc - jr);
          for (int64_t ir = 0; ir < mc; ir += mr) {
            int64_t rows = min64(mr, mc - ir);
            float *c = pr->c + (ic + ir) * pr->c_m_stride + jc + jr;
            kr->micro_kernel(rows, kc, buffers->a + ir * kc, b_panel, ldb, c,
                             pr->c_m_stride, n_len, accumulate);
          }
        }
      }
    }
  }
}

/* What every thread of a call shares. */
typedef struct sgemm_call {
  const seqc_sgemm_kernel *kernel;
  int64_t batch, m, n, k;
  const float *a;
  int64_t a_batch_stride, a_m_stride, a_k_stride;
  const float *b;
  int64_t b_batch_stride, b_k_stride, b_n_stride;
  float *c;
  int64_t c_batch_stride, c_m_stride;
  int accumulate, packed_b;
  int32_t team_size;
  /* How the work is split: 0 by batches, 1 by columns, 2 by rows. */
  int split;
  int failed;
} sgemm_call;

static void split_range(int64_t units, int32_t parts, int32_t index,
                        int64_t *first, int64_t *last) {
  int64_t small = units / parts, extra = units % parts;
  *first = index * small + (index < extra ? index : extra);
  *last = *first + small + (index < extra ? 1 : 0);
}

static void run_thread(void *context, int32_t tid) {
  sgemm_call *call = context;
  const seqc_sgemm_kernel *kr = call->kernel;
  int64_t batch0 = 0, batch1 = call->batch;
  int64_t m0 = 0, m1 = call->m, n0 = 0, n1 = call->n;
  if (call->split == 0) {
    split_range(call->batch, call->team_size, tid, &batch0, &batch1);
  } else if (call->split == 1) {
    split_range(ceil_div(call->n, kr->nr), call->team_size, tid, &n0, &n1);
    n0 *= kr->nr;
    n1 = min64(n1 * kr->nr, call->n);
  } else {
    split_range(ceil_div(call->m, kr->mr), call->team_size, tid, &m0, &m1);
    m0 *= kr->mr;
    m1 = min64(m1 * kr->mr, call->m);
  }
  if (batch0 >= batch1 || m0 >= m1 || n0 >= n1)
    return;

  /* A: one mc x kc block, or all rows of a small M at full depth. B: one
   * kc x nc block, unless B is used in place. */
  int small_m = call->m <= 2 * kr->mr;
  size_t a_floats = small_m
                        ? (size_t)(ceil_div(call->m, kr->mr) * kr->mr * call->k)
                        : (size_t)(kr->mc * min64(kr->kc, call->k));
  /* A row-major B of at most this many bytes stays in L2 while it is read
   * panel by panel; packing it would only add a copy. */
  const double cached_b_bytes = 256 << 10;
  int in_place_b =
      call->b_n_stride == 1 &&
      (small_m || (double)call->k * (double)call->n * 4 <= cached_b_bytes);
  int direct_b = call->packed_b || in_place_b;
  size_t b_floats =
      direct_b ? 0
               : (size_t)(min64(kr->kc, call->k) *
                          min64(kr->nc, ceil_div(n1 - n0, kr->nr) * kr->nr));
  sgemm_buffers buffers = {scratch_buffer(0, a_floats + 16),
                           direct_b ? NULL : scratch_buffer(1, b_floats + 16)};
  if (!buffers.a || (!direct_b && !buffers.b)) {
    call->failed = 1;
    return;
  }
  for (int64_t i = batch0; i < batch1; ++i) {
    sgemm_problem pr = {kr,
                        call->m,
                        call->n,
                        call->k,
                        call->a + i * call->a_batch_stride,
                        call->a_m_stride,
                        call->a_k_stride,
                        call->b + i * call->b_batch_stride,
                        call->b_k_stride,
                        call->b_n_stride,
                        call->c + i * call->c_batch_stride,
                        call->c_m_stride,
                        call->accumulate,
                        call->packed_b,
                        small_m,
                        !call->packed_b && in_place_b,
                        m0,
                        m1,
                        n0,
                        n1};
    run_part(&pr, &buffers);
  }
}

void seqc_sgemm(const seqc_sgemm_kernel *kernel, int64_t batch, int64_t m,
                int64_t n, int64_t k, const float *a, int64_t a_batch_stride,
                int64_t a_m_stride, int64_t a_k_stride, const float *b,
                int64_t b_batch_stride, int64_t b_k_stride, int64_t b_n_stride,
                float *c, int64_t c_batch_stride, int64_t c_m_stride,
                int64_t flags) {
  int accumulate = (flags & SEQC_SGEMM_ACCUMULATE) != 0;
  if (batch <= 0 || m <= 0 || n <= 0)
    return;
  if (k <= 0) {
    /* An empty sum: C keeps its value, or becomes zero. */
    if (!accumulate)
      for (int64_t i = 0; i < batch; ++i)
        for (int64_t r = 0; r < m; ++r)
          memset(c + i * c_batch_stride + r * c_m_stride, 0,
                 (size_t)n * sizeof(float));
    return;
  }
  sgemm_call call = {kernel,
                     batch,
                     m,
                     n,
                     k,
                     a,
                     a_batch_stride,
                     a_m_stride,
                     a_k_stride,
                     b,
                     b_batch_stride,
                     b_k_stride,
                     b_n_stride,
                     c,
                     c_batch_stride,
                     c_m_stride,
                     accumulate,
                     (flags & SEQC_SGEMM_PACKED_B) != 0,
                     1,
                     0,
                     0};
  /* Below this many multiply-adds a second thread costs more than it
   * saves. */
  const double min_work_per_thread = 32768.0;
  double work = (double)batch * (double)m * (double)n * (double)k;
  int32_t team = seqc_parallel_team_size();
  if (work / team < min_work_per_thread)
    team = (int32_t)(work / min_work_per_thread);
  if (team < 1)
    team = 1;
  int64_t panels = ceil_div(n, kernel->nr), groups = ceil_div(m, kernel->mr);
  if (batch >= 2 * team || batch % team == 0)
    call.split = 0;
  else if (panels >= 2 * team || panels >= groups)
    call.split = 1;
  else
    call.split = 2;
  call.team_size = team;
  if (team == 1)
    run_thread(&call, 0);
  else
    seqc_parallel_run(team, run_thread, &call);
  if (call.failed) {
    /* Generated code has no error path here; a matmul that cannot get a
     * few megabytes of scratch memory cannot produce its result. */
    fprintf(stderr, "seqc runtime: out of memory in a matmul kernel\n");
    abort();
  }
}

#define SEQC_SGEMM_ENTRY(ISA)                                                  \
  SEQC_SGEMM_ENTRY_SIGNATURE(ISA) {                                            \
    seqc_sgemm(&seqc_sgemm_kernel_##ISA, batch, m, n, k, a, a_batch_stride,    \
               a_m_stride, a_k_stride, b, b_batch_stride, b_k_stride,          \
               b_n_stride, c, c_batch_stride, c_m_stride, flags);              \
  }

SEQC_SGEMM_ENTRY(generic)
SEQC_SGEMM_ENTRY(avx2)
SEQC_SGEMM_ENTRY(avx512)

#undef SEQC_SGEMM_ENTRY
