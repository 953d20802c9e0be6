/* Calls the `forward` entry of conv.mlir with tensors that do not match its
 * signature; each call must fail with its status and a message, and run
 * nothing. Then a correct call must still work. */
#include "conv.h"

#include <stdio.h>
#include <string.h>

static const char *status_name(seqc_status status) {
  switch (status) {
  case SEQC_OK:
    return "OK";
  case SEQC_ERROR_INVALID_ARGUMENT:
    return "INVALID_ARGUMENT";
  case SEQC_ERROR_NOT_FOUND:
    return "NOT_FOUND";
  case SEQC_ERROR_SHAPE_MISMATCH:
    return "SHAPE_MISMATCH";
  case SEQC_ERROR_DTYPE_MISMATCH:
    return "DTYPE_MISMATCH";
  case SEQC_ERROR_OUT_OF_MEMORY:
    return "OUT_OF_MEMORY";
  case SEQC_ERROR_IO:
    return "IO";
  case SEQC_ERROR_INTERNAL:
    return "INTERNAL";
  }
  return "?";
}

static float x[2 * 8 * 16], w[8 * 4], bias[8], y[2 * 8 * 16];
static const int64_t x_shape[] = {2, 8, 16}, w_shape[] = {8, 4},
                     b_shape[] = {8}, bad_shape[] = {2, 8, 15},
                     zero_strides[] = {0, 16, 1};

static seqc_model *model;
static seqc_tensor in[3], out[1];

/* Resets the tensors to a correct call. */
static void reset(void) {
  seqc_tensor good_in[3] = {{x, SEQC_F32, 3, x_shape, NULL},
                            {w, SEQC_F32, 2, w_shape, NULL},
                            {bias, SEQC_F32, 1, b_shape, NULL}};
  seqc_tensor good_out[1] = {{y, SEQC_F32, 3, x_shape, NULL}};
  memcpy(in, good_in, sizeof(in));
  memcpy(out, good_out, sizeof(out));
  memset(y, 0, sizeof(y));
}

static void run(const char *what, const char *entry, const seqc_tensor *ins,
                size_t num_ins, const seqc_tensor *outs, size_t num_outs) {
  seqc_status status =
      seqc_model_run(model, entry, ins, num_ins, outs, num_outs);
  if (status == SEQC_OK) /* silu(0.5 * 4) */
    printf("%s: OK: y[0, 0, 3] = %.4f\n", what, (double)y[3]);
  else
    printf("%s: %s: %s\n", what, status_name(status),
           seqc_model_last_error(model));
  /* A failed call runs nothing: the output is untouched. */
  if (status != SEQC_OK && y[3] != 0.0f)
    printf("%s: the output was written\n", what);
  reset();
}

int main(void) {
  for (int i = 0; i < 2 * 8 * 16; ++i)
    x[i] = 1.0f;
  for (int i = 0; i < 8 * 4; ++i)
    w[i] = 0.5f;
  char error[256];
  seqc_model_options options = {1, error, sizeof(error), NULL};
  if (seqc_model_create(conv_model_def(), &options, &model) != SEQC_OK) {
    printf("create: %s\n", error);
    return 1;
  }
  reset();

  in[0].shape = bad_shape;
  run("wrong shape", "forward", in, 3, out, 1);
  out[0].dtype = SEQC_F64;
  run("wrong output dtype", "forward", in, 3, out, 1);
  in[1].dtype = (seqc_dtype)42;
  run("unknown dtype", "forward", in, 3, out, 1);
  in[2].rank = 2;
  run("wrong rank", "forward", in, 3, out, 1);
  run("too few inputs", "forward", in, 2, out, 1);
  run("too many outputs", "forward", in, 3, out, 2);
  run("NULL inputs", "forward", NULL, 3, out, 1);
  in[1].data = NULL;
  run("NULL data", "forward", in, 3, out, 1);
  in[0].shape = NULL;
  run("NULL shape", "forward", in, 3, out, 1);
  out[0].strides = zero_strides;
  run("overlapping output", "forward", in, 3, out, 1);
  run("unknown entry", "backward", in, 3, out, 1);
  printf("NULL model: %s\n",
         status_name(seqc_model_run(NULL, "forward", in, 3, out, 1)));

  /* After all that, a correct call works; NULL picks the first entry. */
  run("correct call", NULL, in, 3, out, 1);
  run("correct call", "forward", in, 3, out, 1);

  /* seqc_model_create reports its errors through options.error. */
  seqc_model *other = model;
  printf("NULL def: %s: %s\n",
         status_name(seqc_model_create(NULL, &options, &other)), error);
  printf("  *out is %s\n", other ? "set" : "NULL");
  seqc_model_options negative = {-1, error, sizeof(error), NULL};
  printf("negative threads: %s: %s\n",
         status_name(seqc_model_create(conv_model_def(), &negative, &other)),
         error);
  seqc_model_def future = *conv_model_def();
  future.abi_version = SEQC_ABI_VERSION + 1;
  printf("ABI version: %s: %s\n",
         status_name(seqc_model_create(&future, &options, &other)), error);
  printf("NULL out: %s: %s\n",
         status_name(seqc_model_create(conv_model_def(), &options, NULL)),
         error);

  seqc_model_destroy(model);
  seqc_model_destroy(NULL);
  return 0;
}
