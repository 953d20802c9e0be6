//===- ElementwiseBuilders.cpp - linalg.generic builders for rewrites -----===//

#include "dialects/seq/Transforms/ElementwiseBuilders.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"

using namespace mlir;

AffineMap mlir::seq::projectionMap(unsigned rank, ArrayRef<unsigned> dims,
                                   MLIRContext *context) {
  SmallVector<AffineExpr> exprs;
  for (unsigned dim : dims)
    exprs.push_back(getAffineDimExpr(dim, context));
  return AffineMap::get(rank, 0, exprs, context);
}

Value mlir::seq::buildElementwise(
    OpBuilder &b, Location loc, ArrayRef<int64_t> shape, ValueRange inputs,
    ArrayRef<SmallVector<unsigned>> inputDims,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  MLIRContext *context = b.getContext();
  unsigned rank = shape.size();
  SmallVector<AffineMap> maps;
  for (ArrayRef<unsigned> dims : inputDims)
    maps.push_back(projectionMap(rank, dims, context));
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, context));
  Value init = tensor::EmptyOp::create(b, loc, shape, b.getF32Type());
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, body(nb, nloc, args));
      });
  return generic.getResult(0);
}

Value mlir::seq::buildTranspose(OpBuilder &b, Location loc, Value source,
                                ArrayRef<unsigned> perm) {
  ArrayRef<int64_t> shape = cast<ShapedType>(source.getType()).getShape();
  SmallVector<int64_t> sizes;
  // Source dim d is read at the result dim that holds it.
  SmallVector<unsigned> read(perm.size());
  for (auto [resultDim, sourceDim] : llvm::enumerate(perm)) {
    sizes.push_back(shape[sourceDim]);
    read[sourceDim] = resultDim;
  }
  return buildElementwise(
      b, loc, sizes, {source}, {read},
      [](OpBuilder &, Location, ValueRange args) { return args[0]; });
}
