/*===- model.c - Model instances: creation, checks and runs ---------------===*
 *
 * An instance parses its definition's signature once, preallocates the
 * memref descriptors of every entry and starts its thread pool, so that a
 * run of contiguous tensors allocates nothing.
 *
 *===----------------------------------------------------------------------===*/

#include "runtime/runtime_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Alignment of the temporaries that stage strided tensors. */
#define SEQC_TEMP_ALIGNMENT 64

_Static_assert(sizeof(void *) == sizeof(int64_t),
               "memref descriptors are laid out for 64-bit targets");

/* The preallocated descriptors of one entry, inputs then outputs. */
typedef struct entry_state {
  void **descriptors;
  void **temporaries; /* the staging copy of each value, or NULL */
} entry_state;

struct seqc_model {
  const seqc_model_def *def;
  seqc_signature signature;
  entry_state *states;
  void *storage; /* every entry's descriptors and pointer arrays */
  seqc_thread_pool *pool;
  bool uses_weights; /* holds a reference to the external weights */
  char error[2048];
};

SEQC_HIDDEN void seqc_format_to(char *buffer, size_t size, const char *format,
                                ...) {
  if (!buffer || size == 0)
    return;
  va_list args;
  va_start(args, format);
  vsnprintf(buffer, size, format, args);
  va_end(args);
}

__attribute__((format(printf, 3, 4))) static seqc_status
fail(seqc_model *model, seqc_status status, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(model->error, sizeof(model->error), format, args);
  va_end(args);
  return status;
}

static size_t descriptor_slots(int32_t rank) { return 3 + 2 * (size_t)rank; }

/* Lays out the descriptors of every entry in one block. */
static bool allocate_states(seqc_model *model) {
  const seqc_signature *sig = &model->signature;
  size_t slots = 0, pointers = 0;
  for (size_t e = 0; e < sig->num_entries; ++e) {
    const seqc_entry_info *entry = &sig->entries[e];
    size_t count = entry->num_inputs + entry->num_outputs;
    for (size_t v = 0; v < count; ++v)
      slots += descriptor_slots(entry->inputs[v].rank);
    pointers += 2 * count;
  }
  model->states = calloc(sig->num_entries + 1, sizeof(entry_state));
  model->storage = calloc(slots + pointers + 1, sizeof(int64_t));
  if (!model->states || !model->storage)
    return false;
  int64_t *slot = model->storage;
  void **pointer = (void **)(slot + slots);
  for (size_t e = 0; e < sig->num_entries; ++e) {
    const seqc_entry_info *entry = &sig->entries[e];
    size_t count = entry->num_inputs + entry->num_outputs;
    entry_state *state = &model->states[e];
    state->descriptors = pointer;
    state->temporaries = pointer + count;
    pointer += 2 * count;
    for (size_t v = 0; v < count; ++v) {
      state->descriptors[v] = slot;
      slot += descriptor_slots(entry->inputs[v].rank);
    }
  }
  return true;
}

static void free_model(seqc_model *model) {
  if (model->uses_weights)
    seqc_weights_release(model->def);
  seqc_thread_pool_destroy(model->pool);
  seqc_signature_free(&model->signature);
  free(model->states);
  free(model->storage);
  free(model);
}

SEQC_EXPORT seqc_status seqc_model_create(const seqc_model_def *def,
                                          const seqc_model_options *options,
                                          seqc_model **out) {
  char *error = options ? options->error : NULL;
  size_t error_size = options ? options->error_size : 0;
  seqc_format_to(error, error_size, "%s", "");
  if (!out) {
    seqc_format_to(error, error_size, "seqc_model_create: `out` is NULL");
    return SEQC_ERROR_INVALID_ARGUMENT;
  }
  *out = NULL;
  if (!def) {
    seqc_format_to(error, error_size,
                   "seqc_model_create: the model definition is NULL");
    return SEQC_ERROR_INVALID_ARGUMENT;
  }
  int32_t num_threads = options ? options->num_threads : 0;
  if (num_threads < 0) {
    seqc_format_to(error, error_size,
                   "seqc_model_create: num_threads must be >= 0, got %d",
                   (int)num_threads);
    return SEQC_ERROR_INVALID_ARGUMENT;
  }
  if (def->abi_version != SEQC_ABI_VERSION) {
    seqc_format_to(error, error_size,
                   "model definition has ABI version %u, but this runtime "
                   "implements version %u",
                   (unsigned)def->abi_version, (unsigned)SEQC_ABI_VERSION);
    return SEQC_ERROR_INTERNAL;
  }
  if (!def->signature || (def->num_entries > 0 && !def->entries)) {
    seqc_format_to(error, error_size, "model definition has no %s",
                   def->signature ? "entry functions" : "signature");
    return SEQC_ERROR_INTERNAL;
  }

  seqc_model *model = calloc(1, sizeof(seqc_model));
  if (!model) {
    seqc_format_to(error, error_size, "out of memory creating the model");
    return SEQC_ERROR_OUT_OF_MEMORY;
  }
  model->def = def;
  seqc_status status = seqc_signature_parse(def->signature, &model->signature,
                                            error, error_size);
  if (status != SEQC_OK) {
    free(model);
    return status;
  }
  const seqc_signature *sig = &model->signature;
  if (sig->num_entries != def->num_entries) {
    seqc_format_to(error, error_size,
                   "model `%s`: its signature declares %zu entries, but the "
                   "definition has %u entry functions",
                   sig->model_name, sig->num_entries,
                   (unsigned)def->num_entries);
    free_model(model);
    return SEQC_ERROR_INTERNAL;
  }
  for (size_t e = 0; e < sig->num_entries; ++e) {
    if (!def->entries[e]) {
      seqc_format_to(error, error_size,
                     "model `%s`: the function of entry `%s` is NULL",
                     sig->model_name, sig->entries[e].name);
      free_model(model);
      return SEQC_ERROR_INTERNAL;
    }
  }
  if (!allocate_states(model)) {
    seqc_format_to(error, error_size, "out of memory creating the model");
    free_model(model);
    return SEQC_ERROR_OUT_OF_MEMORY;
  }
  status = seqc_weights_acquire(def, options ? options->weights_path : NULL,
                                error, error_size);
  if (status != SEQC_OK) {
    free_model(model);
    return status;
  }
  model->uses_weights = def->weights_file != NULL;
  if (num_threads == 0)
    num_threads = seqc_online_cpus();
  model->pool = seqc_thread_pool_create(num_threads);
  if (!model->pool) {
    seqc_format_to(error, error_size, "cannot start %d threads for the model",
                   (int)num_threads);
    free_model(model);
    return SEQC_ERROR_OUT_OF_MEMORY;
  }
  *out = model;
  return SEQC_OK;
}

SEQC_EXPORT void seqc_model_destroy(seqc_model *model) {
  if (model)
    free_model(model);
  seqc_temporaries_trim();
}

SEQC_EXPORT const char *seqc_model_last_error(const seqc_model *model) {
  return model ? model->error : "";
}

SEQC_EXPORT const char *seqc_model_name(const seqc_model *model) {
  return model ? model->signature.model_name : NULL;
}

SEQC_EXPORT size_t seqc_model_num_entries(const seqc_model *model) {
  return model ? model->signature.num_entries : 0;
}

SEQC_EXPORT const seqc_entry_info *seqc_model_entry(const seqc_model *model,
                                                    size_t index) {
  if (!model || index >= model->signature.num_entries)
    return NULL;
  return &model->signature.entries[index];
}

SEQC_EXPORT const seqc_entry_info *
seqc_model_find_entry(const seqc_model *model, const char *name) {
  if (!model || !name)
    return NULL;
  for (size_t e = 0; e < model->signature.num_entries; ++e)
    if (strcmp(model->signature.entries[e].name, name) == 0)
      return &model->signature.entries[e];
  return NULL;
}

/* Writes "[2, 50, 256]" into `buffer`. */
static const char *format_shape(char *buffer, size_t size, int32_t rank,
                                const int64_t *shape) {
  size_t used = (size_t)snprintf(buffer, size, "[");
  for (int32_t d = 0; d < rank && used < size; ++d)
    used += (size_t)snprintf(buffer + used, size - used, "%s%lld",
                             d ? ", " : "", (long long)shape[d]);
  if (used < size)
    snprintf(buffer + used, size - used, "]");
  return buffer;
}

static int64_t num_elements(int32_t rank, const int64_t *shape) {
  int64_t count = 1;
  for (int32_t d = 0; d < rank; ++d)
    count *= shape[d];
  return count;
}

/* Checks one tensor against its signature. */
static seqc_status check_tensor(seqc_model *model, const seqc_entry_info *entry,
                                const char *kind, size_t index,
                                const seqc_value_info *info,
                                const seqc_tensor *tensor) {
  char want[SEQC_MAX_RANK * 22 + 3], got[SEQC_MAX_RANK * 22 + 3];
  const char *e = entry->name, *n = info->name;
  if (tensor->dtype != info->dtype) {
    const char *name = seqc_dtype_name(tensor->dtype);
    if (!name)
      snprintf(got, sizeof(got), "unknown dtype %d", (int)tensor->dtype);
    return fail(model, SEQC_ERROR_DTYPE_MISMATCH,
                "entry `%s`: %s #%zu `%s` must have dtype %s, got %s", e, kind,
                index, n, seqc_dtype_name(info->dtype), name ? name : got);
  }
  if (tensor->rank != info->rank)
    return fail(model, SEQC_ERROR_SHAPE_MISMATCH,
                "entry `%s`: %s #%zu `%s` must have rank %d, got %d", e, kind,
                index, n, (int)info->rank, (int)tensor->rank);
  if (info->rank > 0 && !tensor->shape)
    return fail(model, SEQC_ERROR_INVALID_ARGUMENT,
                "entry `%s`: %s #%zu `%s` has a NULL shape", e, kind, index, n);
  for (int32_t d = 0; d < info->rank; ++d) {
    if (tensor->shape[d] != info->shape[d])
      return fail(model, SEQC_ERROR_SHAPE_MISMATCH,
                  "entry `%s`: %s #%zu `%s` must have shape %s, got %s", e,
                  kind, index, n,
                  format_shape(want, sizeof(want), info->rank, info->shape),
                  format_shape(got, sizeof(got), info->rank, tensor->shape));
  }
  if (!tensor->data && num_elements(info->rank, info->shape) > 0)
    return fail(model, SEQC_ERROR_INVALID_ARGUMENT,
                "entry `%s`: %s #%zu `%s` has NULL data", e, kind, index, n);
  if (tensor->strides && kind[0] == 'o') {
    for (int32_t d = 0; d < info->rank; ++d)
      if (tensor->strides[d] == 0 && info->shape[d] > 1)
        return fail(model, SEQC_ERROR_INVALID_ARGUMENT,
                    "entry `%s`: output #%zu `%s` has stride 0 in dimension "
                    "%d, so its elements overlap",
                    e, index, n, (int)d);
  }
  return SEQC_OK;
}

/* Fills `strides` with the row-major strides of `shape`. */
static void contiguous_strides(int32_t rank, const int64_t *shape,
                               int64_t *strides) {
  int64_t stride = 1;
  for (int32_t d = rank - 1; d >= 0; --d) {
    strides[d] = stride;
    stride *= shape[d];
  }
}

/* Points the descriptor of `info` at the tensor's data, or at a contiguous
 * copy when the data is strided or misaligned (generated code may assume
 * an identity layout and element alignment). */
static seqc_status stage(seqc_model *model, const seqc_value_info *info,
                         const seqc_tensor *tensor, seqc_memref *descriptor,
                         void **temporary) {
  int32_t rank = info->rank;
  size_t elem_size = seqc_dtype_size(info->dtype);
  int64_t *sizes = descriptor->dims, *strides = descriptor->dims + rank;
  memcpy(sizes, info->shape, (size_t)rank * sizeof(int64_t));
  contiguous_strides(rank, info->shape, strides);
  void *data = tensor->data;
  bool contiguous = !tensor->strides ||
                    seqc_is_contiguous(rank, info->shape, tensor->strides);
  bool aligned = (uintptr_t)data % elem_size == 0;
  int64_t count = num_elements(rank, info->shape);
  if (count > 0 && (!contiguous || !aligned)) {
    size_t bytes = (size_t)count * elem_size;
    size_t rounded = (bytes + SEQC_TEMP_ALIGNMENT - 1) / SEQC_TEMP_ALIGNMENT *
                     SEQC_TEMP_ALIGNMENT;
    *temporary = aligned_alloc(SEQC_TEMP_ALIGNMENT, rounded);
    if (!*temporary)
      return fail(model, SEQC_ERROR_OUT_OF_MEMORY,
                  "out of memory staging `%s` (%zu bytes)", info->name, bytes);
    /* Outputs are copied in too, so that code reading its output buffers
     * sees the same values as with a contiguous tensor. */
    seqc_strided_copy(elem_size, rank, info->shape, data,
                      tensor->strides ? tensor->strides : strides, *temporary,
                      strides);
    data = *temporary;
  }
  descriptor->allocated = data;
  descriptor->aligned = data;
  descriptor->offset = 0;
  return SEQC_OK;
}

static void release_temporaries(void **temporaries, size_t count) {
  for (size_t v = 0; v < count; ++v) {
    free(temporaries[v]);
    temporaries[v] = NULL;
  }
}

/* Checks the count and each tensor of one side (inputs or outputs). */
static seqc_status check_side(seqc_model *model, const seqc_entry_info *entry,
                              const char *kind, const seqc_value_info *infos,
                              size_t expected, const seqc_tensor *tensors,
                              size_t count) {
  if (count != expected)
    return fail(model, SEQC_ERROR_INVALID_ARGUMENT,
                "entry `%s`: expected %zu %ss, got %zu", entry->name, expected,
                kind, count);
  if (count > 0 && !tensors)
    return fail(model, SEQC_ERROR_INVALID_ARGUMENT,
                "entry `%s`: the %ss are NULL", entry->name, kind);
  for (size_t i = 0; i < count; ++i) {
    seqc_status status =
        check_tensor(model, entry, kind, i, &infos[i], &tensors[i]);
    if (status != SEQC_OK)
      return status;
  }
  return SEQC_OK;
}

SEQC_EXPORT seqc_status seqc_model_run(seqc_model *model, const char *entry,
                                       const seqc_tensor *inputs,
                                       size_t num_inputs,
                                       const seqc_tensor *outputs,
                                       size_t num_outputs) {
  if (!model)
    return SEQC_ERROR_INVALID_ARGUMENT;
  const seqc_signature *sig = &model->signature;
  size_t index = 0;
  if (entry) {
    while (index < sig->num_entries &&
           strcmp(sig->entries[index].name, entry) != 0)
      ++index;
  }
  if (index >= sig->num_entries && entry)
    return fail(model, SEQC_ERROR_NOT_FOUND, "model `%s` has no entry `%s`",
                sig->model_name, entry);
  if (index >= sig->num_entries)
    return fail(model, SEQC_ERROR_NOT_FOUND, "model `%s` has no entries",
                sig->model_name);
  const seqc_entry_info *info = &sig->entries[index];
  seqc_status status;
  if ((status = check_side(model, info, "input", info->inputs, info->num_inputs,
                           inputs, num_inputs)) != SEQC_OK ||
      (status = check_side(model, info, "output", info->outputs,
                           info->num_outputs, outputs, num_outputs)) != SEQC_OK)
    return status;

  /* The outputs of an entry follow its inputs in one array, so
   * info->inputs[v] is the signature of value v on both sides. */
  entry_state *state = &model->states[index];
  for (size_t v = 0; v < num_inputs + num_outputs; ++v) {
    bool is_input = v < num_inputs;
    const seqc_tensor *tensor =
        is_input ? &inputs[v] : &outputs[v - num_inputs];
    status = stage(model, &info->inputs[v], tensor, state->descriptors[v],
                   &state->temporaries[v]);
    if (status != SEQC_OK) {
      release_temporaries(state->temporaries, v);
      return status;
    }
  }

  seqc_omp_scope scope;
  seqc_omp_enter(model->pool, &scope);
  model->def->entries[index](state->descriptors);
  seqc_omp_leave(&scope);

  for (size_t o = 0; o < num_outputs; ++o) {
    size_t v = num_inputs + o;
    if (!state->temporaries[v])
      continue;
    const seqc_value_info *out = &info->outputs[o];
    seqc_memref *descriptor = state->descriptors[v];
    seqc_strided_copy(
        seqc_dtype_size(out->dtype), out->rank, out->shape,
        state->temporaries[v], descriptor->dims + out->rank, outputs[o].data,
        outputs[o].strides ? outputs[o].strides : descriptor->dims + out->rank);
  }
  release_temporaries(state->temporaries, num_inputs + num_outputs);
  return SEQC_OK;
}
