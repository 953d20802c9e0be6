/* Runs the `forward` entry point of the `conv` model (conv.mlir: a causal
 * depthwise convolution with bias and SiLU) through the seqc C API and
 * checks its output against the same computation written in plain C.
 *
 *   seqc conv.mlir -o libconv.so     # writes conv.h and seqc_runtime.h too
 *   cc -std=c99 -I. c_api_example.c -L. -lconv -Wl,-rpath,. -lm -o example
 *   ./example
 */
#include "conv.h" /* conv_model_def(), conv_forward(), CONV_FORWARD_* */

#include <math.h>
#include <stdio.h>

enum { B = 2, D = 8, L = 16, W = 4 }; /* the shapes compiled into conv.h */

/* y[b,d,t] = silu(bias[d] + sum_i w[d,i] * x[b,d,t-W+1+i]), x before t = 0
 * being 0. */
static void reference(const float *x, const float *w, const float *bias,
                      float *y) {
  for (int b = 0; b < B; ++b)
    for (int d = 0; d < D; ++d)
      for (int t = 0; t < L; ++t) {
        float sum = bias[d];
        for (int i = 0; i < W; ++i) {
          int s = t - W + 1 + i;
          if (s >= 0)
            sum += w[d * W + i] * x[(b * D + d) * L + s];
        }
        y[(b * D + d) * L + t] = sum / (1.0f + expf(-sum));
      }
}

static float max_abs_diff(const float *a, const float *b, int n) {
  float max = 0.0f;
  for (int i = 0; i < n; ++i)
    if (fabsf(a[i] - b[i]) > max)
      max = fabsf(a[i] - b[i]);
  return max;
}

int main(void) {
  static float x[B * D * L], w[D * W], bias[D], y[B * D * L], want[B * D * L];
  for (int i = 0; i < B * D * L; ++i)
    x[i] = sinf(0.37f * (float)i);
  for (int i = 0; i < D * W; ++i)
    w[i] = 0.25f * cosf(0.5f * (float)i);
  for (int i = 0; i < D; ++i)
    bias[i] = 0.1f * (float)(i - D / 2);
  reference(x, w, bias, want);

  /* One instance of the model: its thread pool (2 threads here; 0 means one
   * per CPU) and its last error. */
  char error[256];
  seqc_model_options options = {2, error, sizeof(error), NULL};
  seqc_model *model = NULL;
  if (seqc_model_create(conv_model_def(), &options, &model) != SEQC_OK) {
    fprintf(stderr, "cannot create the model: %s\n", error);
    return 1;
  }

  /* The signature as compiled: names, dtypes, shapes. */
  const seqc_entry_info *entry = seqc_model_find_entry(model, "forward");
  printf("model %s: entry %s, %zu inputs (first: %s), %zu outputs\n",
         seqc_model_name(model), entry->name, entry->num_inputs,
         entry->inputs[0].name, entry->num_outputs);

  /* 1. The typed wrapper from conv.h. */
  if (conv_forward(model, x, w, bias, y) != SEQC_OK) {
    fprintf(stderr, "forward failed: %s\n", seqc_model_last_error(model));
    seqc_model_destroy(model);
    return 1;
  }
  float err1 = max_abs_diff(y, want, B * D * L);

  /* 2. The generic call: tensors described at run time. */
  static const int64_t x_shape[] = {B, D, L}, w_shape[] = {D, W},
                       b_shape[] = {D};
  seqc_tensor inputs[CONV_FORWARD_NUM_INPUTS] = {
      {x, SEQC_F32, 3, x_shape, NULL},
      {w, SEQC_F32, 2, w_shape, NULL},
      {bias, SEQC_F32, 1, b_shape, NULL}};
  seqc_tensor outputs[CONV_FORWARD_NUM_OUTPUTS] = {
      {y, SEQC_F32, 3, x_shape, NULL}};
  for (int i = 0; i < B * D * L; ++i)
    y[i] = 0.0f;
  seqc_status status = seqc_model_run(model, "forward", inputs, 3, outputs, 1);
  if (status != SEQC_OK) {
    fprintf(stderr, "forward failed: %s\n", seqc_model_last_error(model));
    seqc_model_destroy(model);
    return 1;
  }
  float err2 = max_abs_diff(y, want, B * D * L);

  /* 3. A call that does not match the signature fails before running. */
  status = seqc_model_run(model, "forward", inputs, 2, outputs, 1);
  printf("wrong call: status %d: %s\n", (int)status,
         seqc_model_last_error(model));

  seqc_model_destroy(model);
  int ok = err1 <= 1e-5f && err2 <= 1e-5f;
  printf("forward %s the C reference (max abs error %.1e, %.1e)\n",
         ok ? "matches" : "DOES NOT MATCH", (double)err1, (double)err2);
  return ok ? 0 : 1;
}
