//===- MatMulOps.cpp - MatMul, Gemm and Einsum ----------------------------===//
//
// Contractions become one linalg.generic each: the indexing maps carry the
// broadcasting of batch dims and Gemm's transposes, so nothing is copied.
// Half-precision inputs accumulate in f32.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/ModelImporter.h"
#include "frontend/onnx/TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::seqc::onnx_import;

namespace {

/// sum over the reduction loops of prod(inputs), as one generic whose
/// iteration space has `loopSizes`; `maps` index the inputs and the output.
Value buildContraction(OpBuilder &b, Location loc, ValueRange inputs,
                       llvm::ArrayRef<AffineMap> inputMaps, AffineMap outputMap,
                       llvm::ArrayRef<utils::IteratorType> iterators,
                       llvm::ArrayRef<int64_t> outShape, Type element) {
  Type acc = computeType(element);
  Value zero = scalarConstant(b, loc, acc, 0);
  Value init = filled(b, loc, outShape, zero);
  llvm::SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(outputMap);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        bool isFloat = isa<FloatType>(acc);
        Value product = castScalar(nested, nestedLoc, args[0], acc);
        for (Value arg : args.drop_front().drop_back()) {
          Value v = castScalar(nested, nestedLoc, arg, acc);
          product = isFloat
                        ? arith::MulFOp::create(nested, nestedLoc, product, v)
                              .getResult()
                        : arith::MulIOp::create(nested, nestedLoc, product, v)
                              .getResult();
        }
        Value sum =
            isFloat
                ? arith::AddFOp::create(nested, nestedLoc, args.back(), product)
                      .getResult()
                : arith::AddIOp::create(nested, nestedLoc, args.back(), product)
                      .getResult();
        linalg::YieldOp::create(nested, nestedLoc, sum);
      });
  return castTensor(b, loc, generic.getResult(0), element);
}

LogicalResult checkSameElement(NodeImporter &node, Value a, Value b) {
  if (elementTypeOf(a) == elementTypeOf(b) &&
      (isa<FloatType>(elementTypeOf(a)) ||
       elementTypeOf(a).isSignlessInteger(32) ||
       elementTypeOf(a).isSignlessInteger(64)))
    return success();
  node.error() << "expects A and B of one float, int32 or int64 type, got "
               << a.getType() << " and " << b.getType();
  return failure();
}

LogicalResult importMatMul(NodeImporter &node) {
  if (failed(node.requiredInput(0)) || failed(node.requiredInput(1)))
    return failure();
  Value a = node.input(0), bm = node.input(1);
  if (failed(checkSameElement(node, a, bm)))
    return failure();
  llvm::SmallVector<int64_t> aShape(shapeOf(a)), bShape(shapeOf(bm));
  if (aShape.empty() || bShape.empty()) {
    node.error() << "operands must have rank >= 1, got " << a.getType()
                 << " and " << bm.getType();
    return failure();
  }
  // numpy: a 1-D A is a row, a 1-D B a column; their unit dim is dropped.
  bool aVector = aShape.size() == 1, bVector = bShape.size() == 1;
  if (aVector)
    aShape.insert(aShape.begin(), 1);
  if (bVector)
    bShape.push_back(1);
  a = reshape(node.b(), node.loc(), a, aShape);
  bm = reshape(node.b(), node.loc(), bm, bShape);
  int64_t m = aShape[aShape.size() - 2], k = aShape.back();
  int64_t k2 = bShape[bShape.size() - 2], n = bShape.back();
  if (k != k2) {
    node.error() << "inner dims differ: A is " << node.input(0).getType()
                 << ", B is " << node.input(1).getType();
    return failure();
  }
  llvm::ArrayRef<int64_t> aBatch = llvm::ArrayRef(aShape).drop_back(2);
  llvm::ArrayRef<int64_t> bBatch = llvm::ArrayRef(bShape).drop_back(2);
  std::optional<llvm::SmallVector<int64_t>> batch =
      broadcastShapes({aBatch, bBatch});
  if (!batch) {
    node.error() << "batch dims do not broadcast: " << node.input(0).getType()
                 << " and " << node.input(1).getType();
    return failure();
  }
  // Loops: batch..., m, n, k.
  MLIRContext *ctx = node.context();
  size_t nb = batch->size(), loops = nb + 3;
  auto batchExprs = [&](llvm::ArrayRef<int64_t> shape) {
    llvm::SmallVector<AffineExpr> exprs;
    size_t offset = nb - shape.size();
    for (auto [i, dim] : llvm::enumerate(shape))
      exprs.push_back(dim == 1 && (*batch)[offset + i] != 1
                          ? getAffineConstantExpr(0, ctx)
                          : getAffineDimExpr(offset + i, ctx));
    return exprs;
  };
  AffineExpr dm = getAffineDimExpr(nb, ctx), dn = getAffineDimExpr(nb + 1, ctx),
             dk = getAffineDimExpr(nb + 2, ctx);
  llvm::SmallVector<AffineExpr> aExprs = batchExprs(aBatch);
  aExprs.append({dm, dk});
  llvm::SmallVector<AffineExpr> bExprs = batchExprs(bBatch);
  bExprs.append({dk, dn});
  llvm::SmallVector<AffineExpr> outExprs;
  for (size_t i = 0; i < nb; ++i)
    outExprs.push_back(getAffineDimExpr(i, ctx));
  outExprs.append({dm, dn});
  llvm::SmallVector<utils::IteratorType> iterators(
      loops - 1, utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  llvm::SmallVector<int64_t> outShape(*batch);
  outShape.append({m, n});
  Value result = buildContraction(node.b(), node.loc(), ValueRange{a, bm},
                                  {AffineMap::get(loops, 0, aExprs, ctx),
                                   AffineMap::get(loops, 0, bExprs, ctx)},
                                  AffineMap::get(loops, 0, outExprs, ctx),
                                  iterators, outShape, elementTypeOf(a));
  llvm::SmallVector<int64_t> finalShape(*batch);
  if (!aVector)
    finalShape.push_back(m);
  if (!bVector)
    finalShape.push_back(n);
  node.setOutput(0, reshape(node.b(), node.loc(), result, finalShape));
  return success();
}

LogicalResult importGemm(NodeImporter &node) {
  if (failed(node.checkAttrs({"alpha", "beta", "transA", "transB"})) ||
      failed(node.requiredInput(0)) || failed(node.requiredInput(1)))
    return failure();
  Value a = node.input(0), bm = node.input(1);
  if (failed(checkSameElement(node, a, bm)))
    return failure();
  if (shapeOf(a).size() != 2 || shapeOf(bm).size() != 2) {
    node.error() << "A and B must be matrices, got " << a.getType() << " and "
                 << bm.getType();
    return failure();
  }
  bool transA = node.intAttr("transA", 0), transB = node.intAttr("transB", 0);
  double alpha = node.floatAttr("alpha", 1.0f),
         beta = node.floatAttr("beta", 1.0f);
  int64_t m = shapeOf(a)[transA], k = shapeOf(a)[!transA];
  int64_t k2 = shapeOf(bm)[transB], n = shapeOf(bm)[!transB];
  if (k != k2) {
    node.error() << "inner dims differ: A is " << a.getType()
                 << (transA ? " (transposed)" : "") << ", B is " << bm.getType()
                 << (transB ? " (transposed)" : "");
    return failure();
  }
  MLIRContext *ctx = node.context();
  AffineExpr dm = getAffineDimExpr(0, ctx), dn = getAffineDimExpr(1, ctx),
             dk = getAffineDimExpr(2, ctx);
  AffineMap aMap = AffineMap::get(3, 0,
                                  transA ? llvm::ArrayRef<AffineExpr>{dk, dm}
                                         : llvm::ArrayRef<AffineExpr>{dm, dk},
                                  ctx);
  AffineMap bMap = AffineMap::get(3, 0,
                                  transB ? llvm::ArrayRef<AffineExpr>{dn, dk}
                                         : llvm::ArrayRef<AffineExpr>{dk, dn},
                                  ctx);
  Type element = elementTypeOf(a);
  Value product = buildContraction(
      node.b(), node.loc(), ValueRange{a, bm}, {aMap, bMap},
      AffineMap::get(3, 0, {dm, dn}, ctx),
      {utils::IteratorType::parallel, utils::IteratorType::parallel,
       utils::IteratorType::reduction},
      {m, n}, element);
  llvm::SmallVector<Value> inputs = {product};
  if (node.hasInput(2)) {
    Value c = node.input(2);
    if (elementTypeOf(c) != element ||
        !broadcastShapes({shapeOf(c), llvm::ArrayRef<int64_t>{m, n}}) ||
        *broadcastShapes({shapeOf(c), llvm::ArrayRef<int64_t>{m, n}}) !=
            llvm::SmallVector<int64_t>{m, n}) {
      node.error() << "C " << c.getType() << " does not broadcast to [" << m
                   << ", " << n << "] of " << element;
      return failure();
    }
    inputs.push_back(c);
  }
  if (alpha == 1.0 && inputs.size() == 1) {
    node.setOutput(0, product);
    return success();
  }
  Type compute = computeType(element);
  node.setOutput(
      0, buildElementwise(
             node.b(), node.loc(), inputs, {m, n}, element,
             [&](OpBuilder &b, Location loc, ValueRange args) {
               bool isFloat = isa<FloatType>(compute);
               auto mul = [&](Value x, double s) -> Value {
                 if (s == 1.0)
                   return x;
                 Value c = scalarConstant(b, loc, compute, s);
                 return isFloat
                            ? arith::MulFOp::create(b, loc, x, c).getResult()
                            : arith::MulIOp::create(b, loc, x, c).getResult();
               };
               Value y = mul(castScalar(b, loc, args[0], compute), alpha);
               if (args.size() > 1) {
                 Value c = mul(castScalar(b, loc, args[1], compute), beta);
                 y = isFloat ? arith::AddFOp::create(b, loc, y, c).getResult()
                             : arith::AddIOp::create(b, loc, y, c).getResult();
               }
               return castScalar(b, loc, y, element);
             }));
  return success();
}

/// Einsum: every letter is a loop; letters of the output are parallel, the
/// others reduced. "..." stands for the leading broadcast dims.
LogicalResult importEinsum(NodeImporter &node) {
  if (failed(node.checkAttrs({"equation"})))
    return failure();
  std::string equation;
  for (char c : node.stringAttr("equation", ""))
    if (c != ' ')
      equation.push_back(c);
  llvm::StringRef eq(equation);
  auto [lhs, rhs] = eq.split("->");
  bool explicitOutput = eq.contains("->");
  llvm::SmallVector<llvm::StringRef> terms;
  lhs.split(terms, ',');
  if (terms.size() != node.numInputs()) {
    node.error() << "equation '" << equation << "' has " << terms.size()
                 << " operands, but the node has " << node.numInputs()
                 << " inputs";
    return failure();
  }
  Type element;
  for (size_t i = 0; i < node.numInputs(); ++i) {
    if (failed(node.requiredInput(i)))
      return failure();
    if (!element)
      element = elementTypeOf(node.input(i));
    else if (elementTypeOf(node.input(i)) != element) {
      node.error() << "inputs must share one element type";
      return failure();
    }
  }
  // Ellipsis dims become the characters '0', '1', ... (right-aligned).
  size_t ellipsisRank = 0;
  for (auto [i, term] : llvm::enumerate(terms)) {
    size_t pos = term.find("...");
    int64_t rank = shapeOf(node.input(i)).size();
    if (pos != llvm::StringRef::npos && rank >= int64_t(term.size()) - 3)
      ellipsisRank = std::max<size_t>(ellipsisRank, rank - (term.size() - 3));
  }
  llvm::SmallVector<std::string> labels;
  for (auto [i, term] : llvm::enumerate(terms)) {
    int64_t rank = shapeOf(node.input(i)).size();
    size_t pos = term.find("...");
    int64_t letters = term.size() - (pos == llvm::StringRef::npos ? 0 : 3);
    if (pos == llvm::StringRef::npos ? letters != rank : letters > rank) {
      node.error() << "term '" << term << "' does not match input #" << i
                   << " of type " << node.input(i).getType();
      return failure();
    }
    std::string expanded;
    if (pos != llvm::StringRef::npos) {
      size_t count = rank - letters;
      expanded = term.substr(0, pos).str();
      for (size_t j = 0; j < count; ++j)
        expanded.push_back('0' + (ellipsisRank - count + j));
      expanded += term.substr(pos + 3).str();
    } else {
      expanded = term.str();
    }
    for (char c : expanded)
      if (!llvm::isAlpha(c) && !llvm::isDigit(c)) {
        node.error() << "equation '" << equation << "' is malformed";
        return failure();
      }
    labels.push_back(expanded);
  }
  std::string out;
  if (explicitOutput) {
    size_t pos = rhs.find("...");
    out = rhs.substr(0, pos).str();
    if (pos != llvm::StringRef::npos) {
      for (size_t j = 0; j < ellipsisRank; ++j)
        out.push_back('0' + j);
      out += rhs.substr(pos + 3).str();
    }
  } else {
    for (size_t j = 0; j < ellipsisRank; ++j)
      out.push_back('0' + j);
    std::map<char, int> counts;
    for (const std::string &l : labels)
      for (char c : l)
        if (llvm::isAlpha(c))
          ++counts[c];
    for (auto [c, n] : counts)
      if (n == 1)
        out.push_back(c);
  }
  // Loop order: output letters, then reduced ones.
  std::string loops = out;
  for (const std::string &l : labels)
    for (char c : l)
      if (loops.find(c) == std::string::npos)
        loops.push_back(c);
  llvm::SmallVector<int64_t> sizes(loops.size(), 1);
  for (auto [i, l] : llvm::enumerate(labels))
    for (auto [j, c] : llvm::enumerate(l)) {
      int64_t dim = shapeOf(node.input(i))[j];
      int64_t &size = sizes[loops.find(c)];
      if (dim != 1 && size != 1 && dim != size) {
        node.error() << "label '" << c << "' has sizes " << size << " and "
                     << dim;
        return failure();
      }
      if (dim != 1)
        size = dim;
    }
  MLIRContext *ctx = node.context();
  llvm::SmallVector<AffineMap> maps;
  llvm::SmallVector<Value> inputs;
  for (auto [i, l] : llvm::enumerate(labels)) {
    llvm::SmallVector<AffineExpr> exprs;
    for (auto [j, c] : llvm::enumerate(l)) {
      int64_t loop = loops.find(c);
      exprs.push_back(shapeOf(node.input(i))[j] == 1 && sizes[loop] != 1
                          ? getAffineConstantExpr(0, ctx)
                          : getAffineDimExpr(loop, ctx));
    }
    maps.push_back(AffineMap::get(loops.size(), 0, exprs, ctx));
    inputs.push_back(node.input(i));
  }
  llvm::SmallVector<AffineExpr> outExprs;
  llvm::SmallVector<int64_t> outShape;
  for (size_t j = 0; j < out.size(); ++j) {
    if (out.find(out[j]) != j) {
      node.error() << "output label '" << out[j] << "' repeats";
      return failure();
    }
    if (llvm::none_of(labels, [&](const std::string &l) {
          return l.find(out[j]) != std::string::npos;
        })) {
      node.error() << "output label '" << out[j] << "' is in no input";
      return failure();
    }
    outExprs.push_back(getAffineDimExpr(j, ctx));
    outShape.push_back(sizes[j]);
  }
  llvm::SmallVector<utils::IteratorType> iterators;
  for (size_t j = 0; j < loops.size(); ++j)
    iterators.push_back(j < out.size() ? utils::IteratorType::parallel
                                       : utils::IteratorType::reduction);
  node.setOutput(
      0, buildContraction(node.b(), node.loc(), inputs, maps,
                          AffineMap::get(loops.size(), 0, outExprs, ctx),
                          iterators, outShape, element));
  return success();
}

} // namespace

void mlir::seqc::onnx_import::registerMatMulOps(OpRegistry &registry) {
  registry.add("", "MatMul", importMatMul);
  registry.add("", "Gemm", importGemm);
  registry.add("", "Einsum", importEinsum);
}
