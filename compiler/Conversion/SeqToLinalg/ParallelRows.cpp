//===- ParallelRows.cpp - scf.forall over independent rows ----------------===//

#include "compiler/Conversion/SeqToLinalg/ParallelRows.h"

#include "compiler/Conversion/SeqToLinalg/LoweringBuilder.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::seqc;

Value mlir::seqc::extractSlab(OpBuilder &builder, Location loc, Value tensor,
                              ArrayRef<OpFoldResult> offsets,
                              ArrayRef<OpFoldResult> sizes,
                              ArrayRef<int64_t> keptDims) {
  SmallVector<OpFoldResult> strides(sizes.size(), builder.getIndexAttr(1));
  SmallVector<OpFoldResult> staticSizes = foldConstants(builder, sizes);
  auto sourceType = cast<RankedTensorType>(tensor.getType());
  SmallVector<int64_t> shape;
  for (int64_t dim : keptDims) {
    std::optional<int64_t> length = getConstantIntValue(staticSizes[dim]);
    shape.push_back(length ? *length : ShapedType::kDynamic);
  }
  auto slabType = RankedTensorType::get(shape, sourceType.getElementType());
  return tensor::ExtractSliceOp::create(builder, loc, slabType, tensor,
                                        foldConstants(builder, offsets),
                                        staticSizes, strides);
}

Value mlir::seqc::extractRow(OpBuilder &builder, Location loc, Value tensor,
                             ArrayRef<OpFoldResult> offsets,
                             ArrayRef<OpFoldResult> sizes, int64_t rowDim) {
  return extractSlab(builder, loc, tensor, offsets, sizes, {rowDim});
}

ValueRange mlir::seqc::buildParallelRows(
    OpBuilder &builder, Location loc, ArrayRef<OpFoldResult> upperBounds,
    ValueRange outputs,
    function_ref<SmallVector<RowSlice>(ValueRange, ValueRange)> body) {
  auto forall =
      scf::ForallOp::create(builder, loc, upperBounds, outputs, std::nullopt);
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPoint(forall.getTerminator());
  SmallVector<RowSlice> slices =
      body(forall.getInductionVars(), forall.getRegionIterArgs());
  builder.setInsertionPointToStart(forall.getTerminator().getBody());
  for (auto [slice, shared] :
       llvm::zip_equal(slices, forall.getRegionIterArgs()))
    tensor::ParallelInsertSliceOp::create(builder, loc, slice.source, shared,
                                          foldConstants(builder, slice.offsets),
                                          foldConstants(builder, slice.sizes),
                                          slice.strides);
  return forall.getResults();
}
