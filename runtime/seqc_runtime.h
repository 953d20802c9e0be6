/*===- seqc_runtime.h - The seqc runtime C API ------------------*- C -*-===*
 *
 * Every library or object that seqc generates is driven through this API.
 * A compiled model is described by a `seqc_model_def` that the generated
 * code exports (`<name>_model_def()`, declared in the generated header);
 * an instance of it holds the thread pool and the last error.
 *
 *   seqc_model *model;
 *   if (seqc_model_create(mamba_block_model_def(), NULL, &model) != SEQC_OK)
 *     ...
 *   seqc_tensor in[1] = {{x, SEQC_F32, 3, x_shape, NULL}};
 *   seqc_tensor out[1] = {{y, SEQC_F32, 3, y_shape, NULL}};
 *   if (seqc_model_run(model, "mamba_block", in, 1, out, 1) != SEQC_OK)
 *     fprintf(stderr, "%s\n", seqc_model_last_error(model));
 *   seqc_model_destroy(model);
 *
 * The runtime needs nothing but libc, libm and libpthread. It is plain C
 * with explicit status values and no global mutable state.
 *
 *===----------------------------------------------------------------------===*/

#ifndef SEQC_RUNTIME_H
#define SEQC_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status of every call that can fail. */
typedef enum seqc_status {
  SEQC_OK = 0,
  SEQC_ERROR_INVALID_ARGUMENT = 1, /* null pointer, bad count, bad option */
  SEQC_ERROR_NOT_FOUND = 2,        /* unknown entry point */
  SEQC_ERROR_SHAPE_MISMATCH = 3,   /* wrong rank or size of a tensor */
  SEQC_ERROR_DTYPE_MISMATCH = 4,   /* wrong element type of a tensor */
  SEQC_ERROR_OUT_OF_MEMORY = 5,
  SEQC_ERROR_IO = 6,      /* external weights file */
  SEQC_ERROR_INTERNAL = 7 /* malformed model definition */
} seqc_status;

/* Element types. */
typedef enum seqc_dtype {
  SEQC_F32 = 0,
  SEQC_F64 = 1,
  SEQC_F16 = 2,
  SEQC_BF16 = 3,
  SEQC_I8 = 4,
  SEQC_I32 = 5,
  SEQC_I64 = 6,
  SEQC_I16 = 7,
  SEQC_BOOL = 8 /* one byte per element, 0 or 1 */
} seqc_dtype;

/* "f32", "f64", "f16", "bf16", "i8", "i32", "i64", "i16", "bool"; NULL for
 * others. */
const char *seqc_dtype_name(seqc_dtype dtype);
/* Size of one element in bytes; 0 for an unknown dtype. */
size_t seqc_dtype_size(seqc_dtype dtype);

/* A tensor handed to or filled by an entry point. `shape` has `rank`
 * sizes; `strides` (in elements) may be NULL for a contiguous row-major
 * tensor. The caller owns `data` and keeps it alive during the call.
 * `data` may be NULL only when the tensor has no elements. A strided or
 * misaligned tensor is staged through a contiguous copy; an output must
 * not have a zero stride along a dimension of size > 1. */
typedef struct seqc_tensor {
  void *data;
  seqc_dtype dtype;
  int32_t rank;
  const int64_t *shape;
  const int64_t *strides;
} seqc_tensor;

/* One input or output of an entry point, as compiled. */
typedef struct seqc_value_info {
  const char *name;
  seqc_dtype dtype;
  int32_t rank;
  const int64_t *shape;
} seqc_value_info;

/* One entry point: a public function of the compiled module. */
typedef struct seqc_entry_info {
  const char *name;
  size_t num_inputs;
  const seqc_value_info *inputs;
  size_t num_outputs;
  const seqc_value_info *outputs;
} seqc_entry_info;

/* What generated code exports; its fields are the ABI between seqc and
 * this runtime, not for users to fill. `signature` is text, one record a
 * line:
 *   model <name>
 *   entry <name> <num_inputs> <num_outputs>
 *   input <name> <dtype> <rank> <size>...
 *   output <name> <dtype> <rank> <size>...
 * with the inputs and outputs of an entry right after it, and
 * `entries[i]` the function of the i-th entry, taking an array of pointers
 * to memref descriptors (inputs, then outputs). */
typedef struct seqc_model_def {
  uint32_t abi_version; /* SEQC_ABI_VERSION */
  uint32_t num_entries;
  const char *signature;
  void (*const *entries)(void **descriptors);
  /* Weights kept outside the library (seqc --weights=external), else
   * NULL/0: the file's name (looked up next to the library unless
   * seqc_model_options.weights_path names it), its size in bytes, the
   * pointer through which the generated code reads the mapped file, and
   * the count of instances sharing that mapping. */
  const char *weights_file;
  uint64_t weights_size;
  const void **weights_base;
  int64_t *weights_users;
} seqc_model_def;

#define SEQC_ABI_VERSION 2u

typedef struct seqc_model seqc_model;

/* Options for seqc_model_create; NULL means the defaults (a zeroed struct
 * too). */
typedef struct seqc_model_options {
  /* Worker threads for parallel loops, including the caller; 0 = one per
   * online CPU. */
  int32_t num_threads;
  /* Where not NULL, a failed seqc_model_create writes its message here,
   * NUL-terminated and cut to `error_size` bytes (there is no model yet to
   * ask for seqc_model_last_error). */
  char *error;
  size_t error_size;
  /* The external weights file of a model compiled with
   * --weights=external; NULL = `<weights_file>` next to the library that
   * holds the model. */
  const char *weights_path;
} seqc_model_options;

/* Creates an instance of a compiled model: parses and checks the
 * signature (SEQC_ERROR_INTERNAL when it is malformed or `abi_version` is
 * not SEQC_ABI_VERSION), maps its external weights file if it has one
 * (SEQC_ERROR_IO when it is missing or has the wrong size; instances of
 * one library share the mapping, and creating or destroying them must not
 * race with each other) and starts the thread pool. On failure *out is
 * NULL and, where `out` is not NULL, the status says why. */
seqc_status seqc_model_create(const seqc_model_def *def,
                              const seqc_model_options *options,
                              seqc_model **out);
void seqc_model_destroy(seqc_model *model);

/* The message of the last failed call on `model` ("" if none). Valid until
 * the next call on `model`. */
const char *seqc_model_last_error(const seqc_model *model);

/* The model's name, its entry points and their signatures; valid until
 * seqc_model_destroy. */
const char *seqc_model_name(const seqc_model *model);
size_t seqc_model_num_entries(const seqc_model *model);
const seqc_entry_info *seqc_model_entry(const seqc_model *model, size_t index);
/* NULL when no entry has that name. */
const seqc_entry_info *seqc_model_find_entry(const seqc_model *model,
                                             const char *name);

/* Runs entry point `entry` (NULL: the first one). Every input and output
 * is checked against the signature (count, dtype, rank, shape) first; a
 * mismatch returns an error status and sets the last error, and nothing
 * runs. Outputs are written into the caller's buffers. Calls on one model
 * instance must not overlap; separate instances run independently. */
seqc_status seqc_model_run(seqc_model *model, const char *entry,
                           const seqc_tensor *inputs, size_t num_inputs,
                           const seqc_tensor *outputs, size_t num_outputs);

#ifdef __cplusplus
}
#endif

#endif /* SEQC_RUNTIME_H */
