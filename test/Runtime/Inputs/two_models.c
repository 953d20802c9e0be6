/* Two models whose entry points are both called `main`, compiled with
 * --name=a and --name=b and linked into this program with one copy of the
 * runtime. Each runs and is checked against plain C. */
#include "a.h"
#include "b.h"

#include <math.h>
#include <stdio.h>

static int check(const char *what, const float *got, const float *want, int n) {
  float max = 0.0f;
  for (int i = 0; i < n; ++i)
    if (fabsf(got[i] - want[i]) > max)
      max = fabsf(got[i] - want[i]);
  printf("%s: %s\n", what, max <= 1e-5f ? "OK" : "MISMATCH");
  return max <= 1e-5f;
}

/* Prints "<model>.<entry>: <input> [shape] ...". */
static void print_inputs(const seqc_model *model) {
  const seqc_entry_info *entry = seqc_model_entry(model, 0);
  printf("%s.%s:", seqc_model_name(model), entry->name);
  for (size_t i = 0; i < entry->num_inputs; ++i) {
    const seqc_value_info *value = &entry->inputs[i];
    printf(" %s [", value->name);
    for (int32_t d = 0; d < value->rank; ++d)
      printf("%s%lld", d ? " " : "", (long long)value->shape[d]);
    printf("]");
  }
  printf("\n");
}

int main(void) {
  seqc_model *a, *b;
  if (seqc_model_create(a_model_def(), NULL, &a) != SEQC_OK ||
      seqc_model_create(b_model_def(), NULL, &b) != SEQC_OK)
    return 1;

  /* a: y[c,t] = w[c,0] * x[c,t-1] + w[c,1] * x[c,t]. */
  float ax[4 * 8], aw[4 * 2], ay[4 * 8], awant[4 * 8];
  for (int i = 0; i < 4 * 8; ++i)
    ax[i] = (float)(i % 5) - 2.0f;
  for (int i = 0; i < 4 * 2; ++i)
    aw[i] = 0.5f + 0.25f * (float)i;
  for (int c = 0; c < 4; ++c)
    for (int t = 0; t < 8; ++t)
      awant[c * 8 + t] = aw[c * 2 + 1] * ax[c * 8 + t] +
                         (t > 0 ? aw[c * 2] * ax[c * 8 + t - 1] : 0.0f);

  /* b: y[r,:] = x[r,:] / sqrt(mean(x[r,:]^2) + eps) * w. */
  float bx[3 * 16], bw[16], by[3 * 16], bwant[3 * 16];
  for (int i = 0; i < 3 * 16; ++i)
    bx[i] = sinf((float)i);
  for (int i = 0; i < 16; ++i)
    bw[i] = 1.0f + 0.125f * (float)i;
  for (int r = 0; r < 3; ++r) {
    float sum = 0.0f;
    for (int i = 0; i < 16; ++i)
      sum += bx[r * 16 + i] * bx[r * 16 + i];
    float scale = 1.0f / sqrtf(sum / 16.0f + 1e-5f);
    for (int i = 0; i < 16; ++i)
      bwant[r * 16 + i] = bx[r * 16 + i] * scale * bw[i];
  }

  if (a_main(a, ax, aw, ay) != SEQC_OK || b_main(b, bx, bw, by) != SEQC_OK)
    return 1;
  int ok = 1;
  ok &= check("a.main", ay, awant, 4 * 8);
  ok &= check("b.main", by, bwant, 3 * 16);
  /* Each model has its own signature. */
  print_inputs(a);
  print_inputs(b);
  seqc_model_destroy(a);
  seqc_model_destroy(b);
  return ok ? 0 : 1;
}
