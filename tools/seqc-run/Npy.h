//===- Npy.h - Reading and writing NumPy .npy files -------------*- C++ -*-===//
//
// The subset of the .npy format (versions 1.0, 2.0 and 3.0) that seqc-run
// exchanges tensors in: little-endian f32, f64, f16, i8, i32 and i64
// arrays in C order.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_TOOLS_SEQC_RUN_NPY_H
#define SEQC_TOOLS_SEQC_RUN_NPY_H

#include "runtime/seqc_runtime.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace seqc::npy {

/// A C-order array with its little-endian element bytes.
struct Array {
  seqc_dtype dtype = SEQC_F32;
  std::vector<int64_t> shape;
  std::vector<uint8_t> data;

  int64_t numElements() const;
};

/// The .npy type string of `dtype` ("<f4"), or null when .npy has none
/// (bf16).
const char *descrOf(seqc_dtype dtype);

/// Parses the bytes of a .npy file. On failure returns false and sets
/// `error` to a message without a file name.
bool parse(const uint8_t *bytes, size_t size, Array &array, std::string &error);

/// Reads the .npy file at `path`; messages start with the path.
bool read(const std::string &path, Array &array, std::string &error);

/// The bytes of a .npy file holding `array`: version 1.0, or 2.0 when the
/// header needs it. False (with `error`) for a dtype that .npy lacks or
/// data that does not match the shape.
bool serialize(const Array &array, std::vector<uint8_t> &bytes,
               std::string &error);

/// Writes `array` to `path`; messages start with the path.
bool write(const std::string &path, const Array &array, std::string &error);

} // namespace seqc::npy

#endif // SEQC_TOOLS_SEQC_RUN_NPY_H
