//===- ReductionOps.cpp - Reduce*, Softmax, LogSoftmax and CumSum ---------===//

#include "frontend/onnx/ModelImporter.h"
#include "frontend/onnx/TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::seqc::onnx_import;

namespace {

bool isFloat(Value v) { return isa<FloatType>(v.getType()); }

Value add(OpBuilder &b, Location loc, Value x, Value y) {
  return isFloat(x) ? arith::AddFOp::create(b, loc, x, y).getResult()
                    : arith::AddIOp::create(b, loc, x, y).getResult();
}

Value mul(OpBuilder &b, Location loc, Value x, Value y) {
  return isFloat(x) ? arith::MulFOp::create(b, loc, x, y).getResult()
                    : arith::MulIOp::create(b, loc, x, y).getResult();
}

/// The axes a Reduce* node reduces (sorted, unique), from its attribute
/// (before opset 18; ReduceSum since 13) or its second input.
FailureOr<llvm::SmallVector<int64_t>> reductionAxes(NodeImporter &node,
                                                    int64_t rank, bool &noop) {
  llvm::SmallVector<int64_t> axes;
  if (std::optional<llvm::SmallVector<int64_t>> attr = node.intsAttr("axes")) {
    axes = *attr;
  } else if (node.hasInput(1)) {
    FailureOr<llvm::SmallVector<int64_t>> values = node.constantInts(1);
    if (failed(values))
      return failure();
    axes = *values;
  }
  noop = false;
  if (axes.empty()) {
    if (node.intAttr("noop_with_empty_axes", 0)) {
      noop = true;
      return axes;
    }
    for (int64_t i = 0; i < rank; ++i)
      axes.push_back(i);
    return axes;
  }
  for (int64_t &axis : axes) {
    std::optional<int64_t> normalized = normalizeAxis(axis, rank);
    if (!normalized) {
      node.error() << "axis " << axis << " is out of range for rank " << rank;
      return failure();
    }
    axis = *normalized;
  }
  llvm::sort(axes);
  if (std::adjacent_find(axes.begin(), axes.end()) != axes.end()) {
    node.error() << "axes repeat";
    return failure();
  }
  return axes;
}

/// The input's shape with the reduced axes kept as 1.
llvm::SmallVector<int64_t> keptShape(llvm::ArrayRef<int64_t> shape,
                                     llvm::ArrayRef<int64_t> axes) {
  llvm::SmallVector<int64_t> kept(shape);
  for (int64_t axis : axes)
    kept[axis] = 1;
  return kept;
}

enum class ReduceKind {
  Sum,
  Mean,
  Max,
  Min,
  Prod,
  SumSquare,
  L1,
  L2,
  LogSumExp
};

template <ReduceKind kind> LogicalResult importReduce(NodeImporter &node) {
  if (failed(node.checkAttrs({"axes", "keepdims", "noop_with_empty_axes"})) ||
      failed(node.requiredInput(0)))
    return failure();
  Value x = node.input(0);
  Type element = elementTypeOf(x);
  bool floatOnly = kind == ReduceKind::L2 || kind == ReduceKind::LogSumExp;
  if (floatOnly && !isFloat(scalarConstant(node.b(), node.loc(), element, 0))) {
    node.error() << "expects a floating-point input, got " << x.getType();
    return failure();
  }
  llvm::ArrayRef<int64_t> shape = shapeOf(x);
  bool noop;
  FailureOr<llvm::SmallVector<int64_t>> axes =
      reductionAxes(node, shape.size(), noop);
  if (failed(axes))
    return failure();
  if (noop) {
    node.setOutput(0, x);
    return success();
  }
  OpBuilder &b = node.b();
  Location loc = node.loc();
  Type acc = computeType(element);
  Value init;
  switch (kind) {
  case ReduceKind::Max:
    init = lowestValue(b, loc, acc);
    break;
  case ReduceKind::Min:
    init = highestValue(b, loc, acc);
    break;
  case ReduceKind::Prod:
    init = scalarConstant(b, loc, acc, 1);
    break;
  default:
    init = scalarConstant(b, loc, acc, 0);
  }
  // LogSumExp subtracts the max first so that exp cannot overflow.
  Value max;
  if (kind == ReduceKind::LogSumExp) {
    max = buildReduction(b, loc, x, *axes, lowestValue(b, loc, acc),
                         [&](OpBuilder &nb, Location nl, Value v, Value a) {
                           return arith::MaximumFOp::create(
                               nb, nl, castScalar(nb, nl, v, acc), a);
                         });
    max = reshape(b, loc, max, keptShape(shape, *axes));
    // Where every element is -inf, use 0 instead (the result is -inf).
    max = buildElementwise(
        b, loc, max, shapeOf(max), acc,
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          Value finite =
              arith::CmpFOp::create(nb, nl, arith::CmpFPredicate::ONE, args[0],
                                    lowestValue(nb, nl, acc));
          return arith::SelectOp::create(nb, nl, finite, args[0],
                                         scalarConstant(nb, nl, acc, 0))
              .getResult();
        });
    x = buildElementwise(b, loc, ValueRange{x, max}, shape, acc,
                         [&](OpBuilder &nb, Location nl, ValueRange args) {
                           Value v = castScalar(nb, nl, args[0], acc);
                           return math::ExpOp::create(
                               nb, nl,
                               arith::SubFOp::create(nb, nl, v, args[1]));
                         });
  }
  Value reduced = buildReduction(
      b, loc, x, *axes, init,
      [&](OpBuilder &nb, Location nl, Value v, Value a) -> Value {
        v = castScalar(nb, nl, v, acc);
        switch (kind) {
        case ReduceKind::Max:
          if (v.getType().isInteger(1)) // any
            return arith::OrIOp::create(nb, nl, v, a).getResult();
          return isFloat(v)
                     ? arith::MaximumFOp::create(nb, nl, v, a).getResult()
                     : arith::MaxSIOp::create(nb, nl, v, a).getResult();
        case ReduceKind::Min:
          if (v.getType().isInteger(1)) // all
            return arith::AndIOp::create(nb, nl, v, a).getResult();
          return isFloat(v)
                     ? arith::MinimumFOp::create(nb, nl, v, a).getResult()
                     : arith::MinSIOp::create(nb, nl, v, a).getResult();
        case ReduceKind::Prod:
          return mul(nb, nl, a, v);
        case ReduceKind::SumSquare:
        case ReduceKind::L2:
          return add(nb, nl, a, mul(nb, nl, v, v));
        case ReduceKind::L1:
          return add(nb, nl, a,
                     isFloat(v) ? math::AbsFOp::create(nb, nl, v).getResult()
                                : math::AbsIOp::create(nb, nl, v).getResult());
        default:
          return add(nb, nl, a, v);
        }
      });
  int64_t count = 1;
  for (int64_t axis : *axes)
    count *= shape[axis];
  llvm::SmallVector<Value> finalInputs = {reduced};
  if (max)
    finalInputs.push_back(reshape(b, loc, max, shapeOf(reduced)));
  Value result = buildElementwise(
      b, loc, finalInputs, shapeOf(reduced), element,
      [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
        Value v = args[0];
        if (kind == ReduceKind::Mean)
          v = isFloat(v)
                  ? arith::DivFOp::create(nb, nl, v,
                                          scalarConstant(nb, nl, acc, count))
                        .getResult()
                  : arith::DivSIOp::create(nb, nl, v,
                                           scalarConstant(nb, nl, acc, count))
                        .getResult();
        if (kind == ReduceKind::L2)
          v = math::SqrtOp::create(nb, nl, v);
        if (kind == ReduceKind::LogSumExp)
          v = arith::AddFOp::create(nb, nl, math::LogOp::create(nb, nl, v),
                                    args[1]);
        return castScalar(nb, nl, v, element);
      });
  if (node.intAttr("keepdims", 1))
    result = reshape(b, loc, result, keptShape(shape, *axes));
  node.setOutput(0, result);
  return success();
}

template <bool log> LogicalResult importSoftmax(NodeImporter &node) {
  if (failed(node.checkAttrs({"axis"})) || failed(node.requiredInput(0)))
    return failure();
  Value x = node.input(0);
  Type element = elementTypeOf(x);
  if (!isa<FloatType>(element)) {
    node.error() << "expects a floating-point input, got " << x.getType();
    return failure();
  }
  llvm::ArrayRef<int64_t> shape = shapeOf(x);
  int64_t rank = shape.size();
  FailureOr<int64_t> axis = node.axisAttr("axis", -1, rank);
  if (failed(axis))
    return failure();
  OpBuilder &b = node.b();
  Location loc = node.loc();
  Type acc = computeType(element);
  llvm::SmallVector<int64_t> kept = keptShape(shape, {*axis});
  Value max = buildReduction(b, loc, x, {*axis}, lowestValue(b, loc, acc),
                             [&](OpBuilder &nb, Location nl, Value v, Value a) {
                               return arith::MaximumFOp::create(
                                   nb, nl, castScalar(nb, nl, v, acc), a);
                             });
  max = reshape(b, loc, max, kept);
  Value shifted =
      buildElementwise(b, loc, ValueRange{x, max}, shape, acc,
                       [&](OpBuilder &nb, Location nl, ValueRange args) {
                         return arith::SubFOp::create(
                             nb, nl, castScalar(nb, nl, args[0], acc), args[1]);
                       });
  Value sum = buildReduction(
      b, loc, shifted, {*axis}, scalarConstant(b, loc, acc, 0),
      [&](OpBuilder &nb, Location nl, Value v, Value a) {
        return arith::AddFOp::create(nb, nl, a, math::ExpOp::create(nb, nl, v));
      });
  sum = reshape(b, loc, sum, kept);
  node.setOutput(
      0, buildElementwise(
             b, loc, ValueRange{shifted, sum}, shape, element,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               Value v;
               if (log)
                 v = arith::SubFOp::create(
                     nb, nl, args[0], math::LogOp::create(nb, nl, args[1]));
               else
                 v = arith::DivFOp::create(
                     nb, nl, math::ExpOp::create(nb, nl, args[0]), args[1]);
               return castScalar(nb, nl, v, element);
             }));
  return success();
}

/// CumSum and CumProd: a loop over the axis carrying the running sum (or
/// product) of one slab.
template <bool product> LogicalResult importCumulative(NodeImporter &node) {
  if (failed(node.checkAttrs({"exclusive", "reverse"})) ||
      failed(node.requiredInput(0)))
    return failure();
  FailureOr<llvm::SmallVector<int64_t>> axisValue = node.constantInts(1);
  if (failed(axisValue))
    return failure();
  Value x = node.input(0);
  llvm::ArrayRef<int64_t> shape = shapeOf(x);
  int64_t rank = shape.size();
  if (axisValue->size() != 1 || !normalizeAxis((*axisValue)[0], rank)) {
    node.error() << "axis must be one value in [-" << rank << ", " << rank
                 << ")";
    return failure();
  }
  int64_t axis = *normalizeAxis((*axisValue)[0], rank);
  bool exclusive = node.intAttr("exclusive", 0);
  bool reverse = node.intAttr("reverse", 0);
  OpBuilder &b = node.b();
  Location loc = node.loc();
  Type element = elementTypeOf(x);
  Type acc = computeType(element);
  llvm::SmallVector<int64_t> slabShape = keptShape(shape, {axis});
  Value zero =
      filled(b, loc, slabShape, scalarConstant(b, loc, acc, product ? 1 : 0));
  Value out = tensor::EmptyOp::create(b, loc, shape, element);
  Value lb = arith::ConstantIndexOp::create(b, loc, 0);
  Value ub = arith::ConstantIndexOp::create(b, loc, shape[axis]);
  Value step = arith::ConstantIndexOp::create(b, loc, 1);
  auto loop = scf::ForOp::create(
      b, loc, lb, ub, step, ValueRange{zero, out},
      [&](OpBuilder &nb, Location nl, Value t, ValueRange iter) {
        Value index = t;
        if (reverse)
          index = arith::SubIOp::create(
              nb, nl, arith::ConstantIndexOp::create(nb, nl, shape[axis] - 1),
              t);
        llvm::SmallVector<OpFoldResult> offsets(rank, nb.getIndexAttr(0));
        offsets[axis] = index;
        llvm::SmallVector<OpFoldResult> sizes,
            strides(rank, nb.getIndexAttr(1));
        for (int64_t dim : slabShape)
          sizes.push_back(nb.getIndexAttr(dim));
        auto slabType = RankedTensorType::get(slabShape, element);
        Value slab = tensor::ExtractSliceOp::create(nb, nl, slabType, x,
                                                    offsets, sizes, strides);
        Value sum =
            buildElementwise(nb, nl, ValueRange{iter[0], slab}, slabShape, acc,
                             [&](OpBuilder &bb, Location bl, ValueRange args) {
                               Value v = castScalar(bb, bl, args[1], acc);
                               return product ? mul(bb, bl, args[0], v)
                                              : add(bb, bl, args[0], v);
                             });
        Value written = exclusive ? iter[0] : sum;
        written = castTensor(nb, nl, written, element);
        Value updated = tensor::InsertSliceOp::create(nb, nl, written, iter[1],
                                                      offsets, sizes, strides);
        scf::YieldOp::create(nb, nl, ValueRange{sum, updated});
      });
  node.setOutput(0, loop.getResult(1));
  return success();
}

/// ArgMax/ArgMin: one generic reducing (value, index) pairs along the axis.
template <bool isMax> LogicalResult importArgExtreme(NodeImporter &node) {
  if (failed(node.checkAttrs({"axis", "keepdims", "select_last_index"})) ||
      failed(node.requiredInput(0)))
    return failure();
  Value x = node.input(0);
  llvm::ArrayRef<int64_t> shape = shapeOf(x);
  int64_t rank = shape.size();
  std::optional<int64_t> axis = normalizeAxis(node.intAttr("axis", 0), rank);
  if (!axis || shape[*axis] == 0) {
    node.error() << "axis " << node.intAttr("axis", 0)
                 << " is out of range or empty for " << x.getType();
    return failure();
  }
  bool last = node.intAttr("select_last_index", 0);
  OpBuilder &b = node.b();
  Location loc = node.loc();
  MLIRContext *ctx = node.context();
  Type element = elementTypeOf(x), acc = computeType(element);
  Type i64 = b.getI64Type();
  llvm::SmallVector<int64_t> outShape;
  llvm::SmallVector<AffineExpr> outExprs;
  llvm::SmallVector<utils::IteratorType> iterators;
  for (int64_t i = 0; i < rank; ++i) {
    iterators.push_back(i == *axis ? utils::IteratorType::reduction
                                   : utils::IteratorType::parallel);
    if (i != *axis) {
      outShape.push_back(shape[i]);
      outExprs.push_back(getAffineDimExpr(i, ctx));
    }
  }
  Value best =
      filled(b, loc, outShape,
             isMax ? lowestValue(b, loc, acc) : highestValue(b, loc, acc));
  Value index = filled(b, loc, outShape, scalarConstant(b, loc, i64, -1));
  AffineMap outMap = AffineMap::get(rank, 0, outExprs, ctx);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{best.getType(), index.getType()}, ValueRange{x},
      ValueRange{best, index},
      llvm::ArrayRef<AffineMap>{AffineMap::getMultiDimIdentityMap(rank, ctx),
                                outMap, outMap},
      iterators, [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value v = castScalar(nb, nl, args[0], acc);
        Value i = arith::IndexCastOp::create(
            nb, nl, i64, linalg::IndexOp::create(nb, nl, *axis));
        // The first (or, with select_last_index, last) extreme wins; the
        // first element always replaces the -1 start.
        Value better;
        if (isa<FloatType>(acc))
          better =
              arith::CmpFOp::create(nb, nl,
                                    isMax ? (last ? arith::CmpFPredicate::OGE
                                                  : arith::CmpFPredicate::OGT)
                                          : (last ? arith::CmpFPredicate::OLE
                                                  : arith::CmpFPredicate::OLT),
                                    v, args[1]);
        else
          better =
              arith::CmpIOp::create(nb, nl,
                                    isMax ? (last ? arith::CmpIPredicate::sge
                                                  : arith::CmpIPredicate::sgt)
                                          : (last ? arith::CmpIPredicate::sle
                                                  : arith::CmpIPredicate::slt),
                                    v, args[1]);
        Value first =
            arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::eq, args[2],
                                  scalarConstant(nb, nl, i64, -1));
        better = arith::OrIOp::create(nb, nl, better, first);
        linalg::YieldOp::create(
            nb, nl,
            ValueRange{arith::SelectOp::create(nb, nl, better, v, args[1]),
                       arith::SelectOp::create(nb, nl, better, i, args[2])});
      });
  Value result = generic.getResult(1);
  if (node.intAttr("keepdims", 1))
    result = reshape(b, loc, result, keptShape(shape, {*axis}));
  node.setOutput(0, result);
  return success();
}

} // namespace

void mlir::seqc::onnx_import::registerReductionOps(OpRegistry &registry) {
  registry.add("", "ReduceSum", importReduce<ReduceKind::Sum>);
  registry.add("", "ReduceMean", importReduce<ReduceKind::Mean>);
  registry.add("", "ReduceMax", importReduce<ReduceKind::Max>);
  registry.add("", "ReduceMin", importReduce<ReduceKind::Min>);
  registry.add("", "ReduceProd", importReduce<ReduceKind::Prod>);
  registry.add("", "ReduceSumSquare", importReduce<ReduceKind::SumSquare>);
  registry.add("", "ReduceL1", importReduce<ReduceKind::L1>);
  registry.add("", "ReduceL2", importReduce<ReduceKind::L2>);
  registry.add("", "ReduceLogSumExp", importReduce<ReduceKind::LogSumExp>);
  registry.add("", "Softmax", importSoftmax<false>);
  registry.add("", "LogSoftmax", importSoftmax<true>);
  registry.add("", "CumSum", importCumulative<false>);
  registry.add("", "CumProd", importCumulative<true>);
  registry.add("", "ArgMax", importArgExtreme<true>);
  registry.add("", "ArgMin", importArgExtreme<false>);
}
