/*===- signature.c - Parsing of a model definition's signature ------------===*
 *
 * The signature is text that seqc writes (see seqc_runtime.h); a malformed
 * one means a mismatched compiler and runtime, so every record is checked
 * and the first problem is reported with its line.
 *
 *===----------------------------------------------------------------------===*/

#include "runtime/runtime_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const dtype_names[] = {"f32", "f64", "f16", "bf16", "i8",
                                          "i32", "i64", "i16", "bool"};
static const size_t dtype_sizes[] = {4, 8, 2, 2, 1, 4, 8, 2, 1};
#define SEQC_NUM_DTYPES (sizeof(dtype_names) / sizeof(dtype_names[0]))

SEQC_EXPORT const char *seqc_dtype_name(seqc_dtype dtype) {
  if ((unsigned)dtype >= SEQC_NUM_DTYPES)
    return NULL;
  return dtype_names[dtype];
}

SEQC_EXPORT size_t seqc_dtype_size(seqc_dtype dtype) {
  if ((unsigned)dtype >= SEQC_NUM_DTYPES)
    return 0;
  return dtype_sizes[dtype];
}

bool seqc_dtype_from_name(const char *name, seqc_dtype *out) {
  for (size_t i = 0; i < SEQC_NUM_DTYPES; ++i) {
    if (strcmp(name, dtype_names[i]) == 0) {
      *out = (seqc_dtype)i;
      return true;
    }
  }
  return false;
}

/* State of one parse: where it is and where results go. */
typedef struct parser {
  char **tokens;
  size_t num_tokens;
  size_t line;
  char *error;
  size_t error_size;
  seqc_signature *out;
  size_t num_values;
  size_t num_dims;
} parser;

__attribute__((format(printf, 2, 3))) static seqc_status
parse_error(parser *p, const char *format, ...) {
  int used = snprintf(p->error, p->error_size,
                      "malformed model signature, line %zu: ", p->line);
  if (used >= 0 && (size_t)used < p->error_size) {
    va_list args;
    va_start(args, format);
    vsnprintf(p->error + used, p->error_size - (size_t)used, format, args);
    va_end(args);
  }
  return SEQC_ERROR_INTERNAL;
}

/* Parses a decimal integer in [0, max]; the whole token must be digits. */
static bool parse_count(const char *token, int64_t max, int64_t *out) {
  if (*token < '0' || *token > '9')
    return false;
  errno = 0;
  char *end;
  long long value = strtoll(token, &end, 10);
  if (*end != '\0' || errno == ERANGE || value > max)
    return false;
  *out = value;
  return true;
}

/* Splits `line` in place at blanks; returns the number of tokens. */
static size_t split(char *line, char **tokens) {
  size_t count = 0;
  char *c = line;
  for (;;) {
    while (*c == ' ' || *c == '\t' || *c == '\r')
      *c++ = '\0';
    if (*c == '\0')
      return count;
    tokens[count++] = c;
    while (*c != '\0' && *c != ' ' && *c != '\t' && *c != '\r')
      ++c;
  }
}

/* Parses `input|output <name> <dtype> <rank> <size>...` into the next
 * value slot. */
static seqc_status parse_value(parser *p, const char *kind) {
  char **t = p->tokens;
  int64_t rank;
  if (p->num_tokens < 4 || !parse_count(t[3], SEQC_MAX_RANK, &rank))
    return parse_error(p,
                       "expected `%s <name> <dtype> <rank> <size>...` with a "
                       "rank from 0 to %d",
                       kind, SEQC_MAX_RANK);
  if (p->num_tokens != 4 + (size_t)rank)
    return parse_error(p, "%s `%s` has rank %lld but %zu sizes", kind, t[1],
                       (long long)rank, p->num_tokens - 4);
  seqc_value_info *value = &p->out->values[p->num_values++];
  value->name = t[1];
  if (!seqc_dtype_from_name(t[2], &value->dtype))
    return parse_error(p, "%s `%s` has unknown dtype `%s`", kind, t[1], t[2]);
  value->rank = (int32_t)rank;
  int64_t *shape = &p->out->dims[p->num_dims];
  value->shape = shape;
  p->num_dims += (size_t)rank;
  /* Sizes are bounded so that the byte size of a tensor fits in int64. */
  int64_t bytes = (int64_t)seqc_dtype_size(value->dtype);
  for (int64_t d = 0; d < rank; ++d) {
    if (!parse_count(t[4 + d], INT64_MAX, &shape[d]))
      return parse_error(p, "%s `%s` has invalid size `%s`", kind, t[1],
                         t[4 + d]);
    if (shape[d] != 0 && bytes > INT64_MAX / shape[d])
      return parse_error(p, "%s `%s` is too large", kind, t[1]);
    bytes *= shape[d];
  }
  return SEQC_OK;
}

/* Checks the finished entry: its counts and that its names are unique. */
static seqc_status finish_entry(parser *p, seqc_entry_info *entry,
                                size_t inputs, size_t outputs) {
  if (!entry)
    return SEQC_OK;
  if (inputs != entry->num_inputs || outputs != entry->num_outputs)
    return parse_error(p,
                       "entry `%s` declares %zu inputs and %zu outputs but "
                       "lists %zu and %zu",
                       entry->name, entry->num_inputs, entry->num_outputs,
                       inputs, outputs);
  entry->outputs = entry->inputs + inputs;
  size_t count = inputs + outputs;
  for (size_t i = 0; i < count; ++i)
    for (size_t j = i + 1; j < count; ++j)
      if (strcmp(entry->inputs[i].name, entry->inputs[j].name) == 0)
        return parse_error(p, "entry `%s` has two values named `%s`",
                           entry->name, entry->inputs[i].name);
  return SEQC_OK;
}

/* Parses the records line by line: a `model` record first, then entries,
 * each followed by its inputs and then its outputs. */
static seqc_status parse_records(parser *p) {
  seqc_signature *out = p->out;
  seqc_entry_info *entry = NULL;
  size_t inputs = 0, outputs = 0;
  char *line = out->text;
  size_t last_record = 1;
  seqc_status status;
  for (p->line = 1; line; ++p->line) {
    char *next = strchr(line, '\n');
    if (next)
      *next++ = '\0';
    p->num_tokens = split(line, p->tokens);
    line = next;
    if (p->num_tokens == 0)
      continue;
    last_record = p->line;
    const char *kind = p->tokens[0];
    if (!out->model_name && strcmp(kind, "model") != 0)
      return parse_error(p, "expected `model <name>` first, got `%s`", kind);
    if (strcmp(kind, "model") == 0) {
      if (out->model_name)
        return parse_error(p, "second `model` record");
      if (p->num_tokens != 2)
        return parse_error(p, "expected `model <name>`");
      out->model_name = p->tokens[1];
    } else if (strcmp(kind, "entry") == 0) {
      if ((status = finish_entry(p, entry, inputs, outputs)) != SEQC_OK)
        return status;
      int64_t num_inputs, num_outputs;
      if (p->num_tokens != 4 ||
          !parse_count(p->tokens[2], 1 << 20, &num_inputs) ||
          !parse_count(p->tokens[3], 1 << 20, &num_outputs))
        return parse_error(
            p, "expected `entry <name> <num_inputs> <num_outputs>`");
      for (size_t i = 0; i < out->num_entries; ++i)
        if (strcmp(out->entries[i].name, p->tokens[1]) == 0)
          return parse_error(p, "second entry named `%s`", p->tokens[1]);
      entry = &out->entries[out->num_entries++];
      entry->name = p->tokens[1];
      entry->num_inputs = (size_t)num_inputs;
      entry->num_outputs = (size_t)num_outputs;
      entry->inputs = &out->values[p->num_values];
      inputs = outputs = 0;
    } else if (strcmp(kind, "input") == 0 || strcmp(kind, "output") == 0) {
      bool is_input = kind[0] == 'i';
      if (!entry)
        return parse_error(p, "`%s` record before any `entry`", kind);
      if (is_input ? (outputs > 0 || inputs == entry->num_inputs)
                   : outputs == entry->num_outputs)
        return parse_error(p,
                           "unexpected `%s` record: entry `%s` takes %zu "
                           "inputs and %zu outputs, inputs first",
                           kind, entry->name, entry->num_inputs,
                           entry->num_outputs);
      /* Outputs start after all inputs, so a missing input is reported as
       * a count mismatch rather than misplacing the output. */
      if (!is_input && inputs != entry->num_inputs)
        return parse_error(p, "entry `%s` declares %zu inputs but lists %zu",
                           entry->name, entry->num_inputs, inputs);
      if ((status = parse_value(p, kind)) != SEQC_OK)
        return status;
      if (is_input)
        ++inputs;
      else
        ++outputs;
    } else {
      return parse_error(p, "unknown record `%s`", kind);
    }
  }
  /* What is still missing is reported at the last record. */
  p->line = last_record;
  if (!out->model_name)
    return parse_error(p, "no `model` record");
  return finish_entry(p, entry, inputs, outputs);
}

seqc_status seqc_signature_parse(const char *text, seqc_signature *out,
                                 char *error, size_t error_size) {
  memset(out, 0, sizeof(*out));
  /* Every line is at most one entry or value and every token at most one
   * size, which bounds the arrays before parsing. */
  size_t num_lines = 1, num_tokens = 1;
  for (const char *c = text; *c; ++c) {
    num_lines += *c == '\n';
    num_tokens += *c != ' ' && *c != '\t' && *c != '\r' && *c != '\n' &&
                  (c == text || c[-1] == ' ' || c[-1] == '\t' ||
                   c[-1] == '\r' || c[-1] == '\n');
  }
  size_t length = strlen(text);
  out->text = malloc(length + 1);
  out->entries = calloc(num_lines, sizeof(seqc_entry_info));
  out->values = calloc(num_lines, sizeof(seqc_value_info));
  out->dims = calloc(num_tokens, sizeof(int64_t));
  char **tokens = calloc(num_tokens, sizeof(char *));
  if (!out->text || !out->entries || !out->values || !out->dims || !tokens) {
    free(tokens);
    seqc_signature_free(out);
    snprintf(error, error_size, "out of memory parsing the model signature");
    return SEQC_ERROR_OUT_OF_MEMORY;
  }
  memcpy(out->text, text, length + 1);
  parser p = {tokens, 0, 0, error, error_size, out, 0, 0};
  seqc_status status = parse_records(&p);
  free(tokens);
  if (status != SEQC_OK)
    seqc_signature_free(out);
  return status;
}

void seqc_signature_free(seqc_signature *signature) {
  free(signature->text);
  free(signature->entries);
  free(signature->values);
  free(signature->dims);
  memset(signature, 0, sizeof(*signature));
}
