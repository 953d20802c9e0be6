//===- Tensor.h - seqc-run's tensors: loading, random values, checks -*- C++
//-*-===//
//
// The tensors that seqc-run hands to an entry point, in the entry's own
// dtype, and their conversions from and to .npy arrays (bf16 travels as
// f32, which .npy has).
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_TOOLS_SEQC_RUN_TENSOR_H
#define SEQC_TOOLS_SEQC_RUN_TENSOR_H

#include "tools/seqc-run/Npy.h"

namespace seqc::run {

/// A tensor of the signature `info`, with its storage.
struct Buffer {
  const seqc_value_info *info = nullptr;
  std::vector<uint8_t> data;

  int64_t numElements() const;
  seqc_tensor tensor();
};

/// A zeroed tensor of `info`.
Buffer allocate(const seqc_value_info &info);

/// "[2, 50, 256]".
std::string formatShape(const int64_t *shape, size_t rank);

/// The multi-index of the row-major element `flat`, as "[0, 3, 1]".
std::string formatIndex(int64_t flat, const int64_t *shape, int32_t rank);

/// Element `i` of `data` as a double (exact for all but large i64).
double elementAt(seqc_dtype dtype, const uint8_t *data, int64_t i);

/// Turns `array` into a tensor of `info`: the dtype must be info's (f32
/// for bf16, which is rounded to nearest even) and the shape the same.
/// On failure `error` says "<what> must have ...".
bool fromNpy(npy::Array &&array, const seqc_value_info &info,
             const std::string &what, Buffer &out, std::string &error);

/// The tensor as a .npy array (bf16 widened to f32).
npy::Array toNpy(const Buffer &buffer);

/// Random values, the same for the same seed and input index: uniform in
/// [-1, 1) for floats, on a grid that each dtype holds exactly, and
/// integers uniform in [-8, 8).
Buffer randomBuffer(const seqc_value_info &info, uint64_t seed, size_t index);

/// How `got` compares with `want` (same number of elements) under
/// |got - want| <= atol + rtol * |want|. NaN matches only NaN and an
/// infinity only itself.
struct Comparison {
  double maxAbsError = 0;
  double maxRelError = 0; // over elements where want is finite and non-zero
  int64_t firstMismatch = -1;
  double mismatchGot = 0, mismatchWant = 0;
};
Comparison compare(const Buffer &got, const npy::Array &want, double rtol,
                   double atol);

} // namespace seqc::run

#endif // SEQC_TOOLS_SEQC_RUN_TENSOR_H
