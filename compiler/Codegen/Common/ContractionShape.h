//===- ContractionShape.h - A linalg contraction as a batched matmul -*- C++
//-*-===//
//
// Kernels for contractions (runtime/cpu/sgemm.h, later quantized and GPU
// ones) take one shape: `batch` products of an M x K A and a K x N B into an
// M x N C, each operand a base pointer and one stride per dim. This finds
// that shape for any buffer-semantics linalg contraction (matmul,
// batch_matmul, matvec, transposed maps, ONNX's broadcasting generics): the
// loops of each role (batch, m, n, k) are folded into one when every operand
// walks them as one row-major run, and a batch that B does not read is
// folded into M.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_COMPILER_CODEGEN_COMMON_CONTRACTIONSHAPE_H
#define SEQC_COMPILER_CODEGEN_COMMON_CONTRACTIONSHAPE_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace mlir::seqc {

/// The loops of one role, outermost first, and what each operand's stride
/// along the folded dim is: the stride of the innermost loop of the role in
/// that operand, in elements (0 when the operand does not use the role, or
/// ShapedType::kDynamic when only known at run time).
struct ContractionRole {
  SmallVector<unsigned> loops;
  /// Per operand (A, B, C), the result position of the innermost loop in
  /// its indexing map, or -1 when the operand does not use this role.
  std::array<int64_t, 3> resultPos = {-1, -1, -1};
};

struct ContractionShape {
  ContractionRole batch, m, n, k;
};

/// The batched-matmul shape of `op`, or failure with `reason` set when it
/// has none: not a two-input contraction on memrefs with projected
/// permutation maps, loops of one role that do not fold, or more than one
/// batch loop left.
FailureOr<ContractionShape> getContractionShape(linalg::LinalgOp op,
                                                std::string &reason);

/// The static number of multiply-adds of `op`, or nullopt when a loop is
/// dynamic.
std::optional<int64_t> staticContractionWork(linalg::LinalgOp op);

} // namespace mlir::seqc

#endif // SEQC_COMPILER_CODEGEN_COMMON_CONTRACTIONSHAPE_H
