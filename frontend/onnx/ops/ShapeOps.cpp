//===- ShapeOps.cpp - Constants, shapes, views and data movement ----------===//
//
// Shapes are static, so shape computations (Shape, Size, Range,
// ConstantOfShape) fold to constants here, and shape-like inputs
// (Reshape's shape, Slice's starts, ...) must be constants. Views become
// tensor reshapes and slices; gathers and pads are generics that read with
// tensor.extract at computed indices.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/ModelImporter.h"
#include "frontend/onnx/TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace mlir::seqc::onnx_import;

namespace {

Value constantOf(OpBuilder &b, Location loc, DenseElementsAttr attr) {
  return arith::ConstantOp::create(b, loc, attr);
}

Value i64Constant(OpBuilder &b, Location loc, llvm::ArrayRef<int64_t> values,
                  bool scalar = false) {
  auto type = RankedTensorType::get(
      scalar ? llvm::ArrayRef<int64_t>{}
             : llvm::ArrayRef<int64_t>{static_cast<int64_t>(values.size())},
      b.getI64Type());
  return constantOf(b, loc, DenseElementsAttr::get(type, values));
}

std::string shapeString(llvm::ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (auto [i, d] : llvm::enumerate(shape))
    s += (i ? ", " : "") + std::to_string(d);
  return s + "]";
}

LogicalResult importConstant(NodeImporter &node) {
  OpBuilder &b = node.b();
  Location loc = node.loc();
  if (const onnx::TensorProto *tensor = node.tensorAttr("value")) {
    FailureOr<DenseElementsAttr> attr = node.modelImporter().tensorAttr(
        *tensor, "node '" + node.proto().name() + "' (Constant) value");
    if (failed(attr))
      return failure();
    node.setOutput(0, constantOf(b, loc, *attr));
    return success();
  }
  if (node.hasAttr("value_float")) {
    node.setOutput(0, constantOf(b, loc,
                                 DenseElementsAttr::get(
                                     RankedTensorType::get({}, b.getF32Type()),
                                     node.floatAttr("value_float", 0))));
    return success();
  }
  if (node.hasAttr("value_int")) {
    node.setOutput(0, i64Constant(b, loc, {node.intAttr("value_int", 0)},
                                  /*scalar=*/true));
    return success();
  }
  if (auto floats = node.floatsAttr("value_floats")) {
    auto type = RankedTensorType::get({static_cast<int64_t>(floats->size())},
                                      b.getF32Type());
    node.setOutput(0, constantOf(b, loc,
                                 DenseElementsAttr::get(
                                     type, llvm::ArrayRef<float>(*floats))));
    return success();
  }
  if (auto ints = node.intsAttr("value_ints")) {
    node.setOutput(0, i64Constant(b, loc, *ints));
    return success();
  }
  node.error() << "needs one of value, value_float(s) or value_int(s) "
                  "(strings and sparse tensors are not supported)";
  return failure();
}

LogicalResult importIdentity(NodeImporter &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  node.setOutput(0, *x);
  return success();
}

LogicalResult importShape(NodeImporter &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  llvm::ArrayRef<int64_t> shape = shapeOf(*x);
  int64_t rank = shape.size();
  auto clampIndex = [&](int64_t i) {
    if (i < 0)
      i += rank;
    return std::clamp<int64_t>(i, 0, rank);
  };
  int64_t start = clampIndex(node.intAttr("start", 0));
  int64_t end = clampIndex(node.intAttr("end", rank));
  llvm::SmallVector<int64_t> dims;
  for (int64_t i = start; i < end; ++i)
    dims.push_back(shape[i]);
  node.setOutput(0, i64Constant(node.b(), node.loc(), dims));
  return success();
}

LogicalResult importSize(NodeImporter &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  node.setOutput(
      0, i64Constant(node.b(), node.loc(),
                     {cast<RankedTensorType>(x->getType()).getNumElements()},
                     /*scalar=*/true));
  return success();
}

LogicalResult importConstantOfShape(NodeImporter &node) {
  FailureOr<llvm::SmallVector<int64_t>> shape = node.constantInts(0);
  if (failed(shape))
    return failure();
  OpBuilder &b = node.b();
  Attribute value = b.getF32FloatAttr(0);
  Type element = b.getF32Type();
  if (const onnx::TensorProto *tensor = node.tensorAttr("value")) {
    FailureOr<DenseElementsAttr> attr = node.modelImporter().tensorAttr(
        *tensor, "node '" + node.proto().name() + "' (ConstantOfShape) value");
    if (failed(attr))
      return failure();
    if (attr->getNumElements() != 1) {
      node.error() << "attribute 'value' must hold one element";
      return failure();
    }
    element = attr->getElementType();
    value = *attr->value_begin<Attribute>();
  }
  for (int64_t dim : *shape)
    if (dim < 0) {
      node.error() << "shape " << shapeString(*shape) << " has a negative dim";
      return failure();
    }
  auto type = RankedTensorType::get(*shape, element);
  node.setOutput(
      0, constantOf(b, node.loc(), DenseElementsAttr::get(type, value)));
  return success();
}

LogicalResult importRange(NodeImporter &node) {
  FailureOr<llvm::SmallVector<double>> start = node.constantFloats(0);
  if (failed(start))
    return failure();
  FailureOr<llvm::SmallVector<double>> limit = node.constantFloats(1);
  if (failed(limit))
    return failure();
  FailureOr<llvm::SmallVector<double>> delta = node.constantFloats(2);
  if (failed(delta))
    return failure();
  if (start->size() != 1 || limit->size() != 1 || delta->size() != 1 ||
      (*delta)[0] == 0) {
    node.error() << "start, limit and delta must be scalars, delta non-zero";
    return failure();
  }
  Type element = elementTypeOf(node.input(0));
  double count = std::ceil(((*limit)[0] - (*start)[0]) / (*delta)[0]);
  int64_t n = std::max<int64_t>(0, static_cast<int64_t>(count));
  if (n > (int64_t(1) << 31)) {
    node.error() << "would have " << n << " elements";
    return failure();
  }
  auto type = RankedTensorType::get({n}, element);
  llvm::SmallVector<Attribute> values;
  OpBuilder &b = node.b();
  for (int64_t i = 0; i < n; ++i) {
    double v = (*start)[0] + i * (*delta)[0];
    if (isa<FloatType>(element))
      values.push_back(b.getFloatAttr(element, v));
    else
      values.push_back(b.getIntegerAttr(element, static_cast<int64_t>(v)));
  }
  node.setOutput(
      0, constantOf(b, node.loc(), DenseElementsAttr::get(type, values)));
  return success();
}

LogicalResult reshapeTo(NodeImporter &node, Value x,
                        llvm::ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t d : shape)
    count *= d;
  if (count != cast<RankedTensorType>(x.getType()).getNumElements()) {
    node.error() << "cannot reshape " << x.getType() << " to "
                 << shapeString(shape);
    return failure();
  }
  node.setOutput(0, reshape(node.b(), node.loc(), x, shape));
  return success();
}

LogicalResult importReshape(NodeImporter &node) {
  if (failed(node.checkAttrs({"allowzero"})) || failed(node.requiredInput(0)))
    return failure();
  FailureOr<llvm::SmallVector<int64_t>> target = node.constantInts(1);
  if (failed(target))
    return failure();
  Value x = node.input(0);
  llvm::ArrayRef<int64_t> in = shapeOf(x);
  bool allowZero = node.intAttr("allowzero", 0);
  llvm::SmallVector<int64_t> shape;
  int64_t inferred = -1, known = 1;
  for (auto [i, dim] : llvm::enumerate(*target)) {
    if (dim == 0 && !allowZero) {
      if (i >= in.size()) {
        node.error() << "shape " << shapeString(*target) << " copies dim " << i
                     << " of " << x.getType() << ", which has no such dim";
        return failure();
      }
      dim = in[i];
    }
    if (dim == -1) {
      if (inferred >= 0) {
        node.error() << "shape " << shapeString(*target) << " has two -1 dims";
        return failure();
      }
      inferred = i;
      shape.push_back(1);
      continue;
    }
    if (dim < 0) {
      node.error() << "shape " << shapeString(*target) << " has dim " << dim;
      return failure();
    }
    known *= dim;
    shape.push_back(dim);
  }
  int64_t count = cast<RankedTensorType>(x.getType()).getNumElements();
  if (inferred >= 0) {
    if (known == 0 || count % known) {
      node.error() << "cannot reshape " << x.getType() << " to "
                   << shapeString(*target);
      return failure();
    }
    shape[inferred] = count / known;
  }
  return reshapeTo(node, x, shape);
}

LogicalResult importFlatten(NodeImporter &node) {
  if (failed(node.checkAttrs({"axis"})) || failed(node.requiredInput(0)))
    return failure();
  Value x = node.input(0);
  llvm::ArrayRef<int64_t> in = shapeOf(x);
  int64_t rank = in.size(), axis = node.intAttr("axis", 1);
  if (axis < -rank || axis > rank) {
    node.error() << "axis " << axis << " is out of range for rank " << rank;
    return failure();
  }
  if (axis < 0)
    axis += rank;
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < axis ? outer : inner) *= in[i];
  return reshapeTo(node, x, {outer, inner});
}

/// Squeeze/Unsqueeze axes: opset 13 moved them from an attribute to an
/// input; both are accepted.
FailureOr<llvm::SmallVector<int64_t>> axesOf(NodeImporter &node,
                                             size_t inputIndex) {
  if (auto attr = node.intsAttr("axes"))
    return *attr;
  if (node.hasInput(inputIndex))
    return node.constantInts(inputIndex);
  return llvm::SmallVector<int64_t>();
}

LogicalResult importSqueeze(NodeImporter &node) {
  if (failed(node.requiredInput(0)))
    return failure();
  FailureOr<llvm::SmallVector<int64_t>> axes = axesOf(node, 1);
  if (failed(axes))
    return failure();
  Value x = node.input(0);
  llvm::ArrayRef<int64_t> in = shapeOf(x);
  int64_t rank = in.size();
  llvm::SmallVector<bool> drop(rank, false);
  if (axes->empty()) {
    for (int64_t i = 0; i < rank; ++i)
      drop[i] = in[i] == 1;
  }
  for (int64_t axis : *axes) {
    std::optional<int64_t> a = normalizeAxis(axis, rank);
    if (!a || in[*a] != 1) {
      node.error() << "cannot squeeze axis " << axis << " of " << x.getType();
      return failure();
    }
    drop[*a] = true;
  }
  llvm::SmallVector<int64_t> shape;
  for (int64_t i = 0; i < rank; ++i)
    if (!drop[i])
      shape.push_back(in[i]);
  return reshapeTo(node, x, shape);
}

LogicalResult importUnsqueeze(NodeImporter &node) {
  if (failed(node.requiredInput(0)))
    return failure();
  FailureOr<llvm::SmallVector<int64_t>> axes = axesOf(node, 1);
  if (failed(axes))
    return failure();
  Value x = node.input(0);
  llvm::ArrayRef<int64_t> in = shapeOf(x);
  int64_t outRank = in.size() + axes->size();
  llvm::SmallVector<bool> inserted(outRank, false);
  for (int64_t axis : *axes) {
    std::optional<int64_t> a = normalizeAxis(axis, outRank);
    if (!a || inserted[*a]) {
      node.error() << "axis " << axis << " is out of range or repeats";
      return failure();
    }
    inserted[*a] = true;
  }
  llvm::SmallVector<int64_t> shape;
  size_t next = 0;
  for (int64_t i = 0; i < outRank; ++i)
    shape.push_back(inserted[i] ? 1 : in[next++]);
  return reshapeTo(node, x, shape);
}

LogicalResult importTranspose(NodeImporter &node) {
  if (failed(node.checkAttrs({"perm"})) || failed(node.requiredInput(0)))
    return failure();
  Value x = node.input(0);
  int64_t rank = shapeOf(x).size();
  llvm::SmallVector<int64_t> perm;
  if (auto attr = node.intsAttr("perm")) {
    perm = *attr;
  } else {
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  }
  llvm::SmallVector<bool> seen(rank, false);
  bool valid = static_cast<int64_t>(perm.size()) == rank;
  for (int64_t &p : perm) {
    if (!valid || p < -rank || p >= rank) {
      valid = false;
      break;
    }
    if (p < 0)
      p += rank;
    valid &= !seen[p];
    seen[p] = true;
  }
  if (!valid) {
    node.error() << "perm " << shapeString(perm) << " is not a permutation of "
                 << rank << " dims";
    return failure();
  }
  node.setOutput(0, transpose(node.b(), node.loc(), x, perm));
  return success();
}

LogicalResult importSlice(NodeImporter &node) {
  if (failed(node.requiredInput(0)))
    return failure();
  FailureOr<llvm::SmallVector<int64_t>> starts = node.constantInts(1);
  if (failed(starts))
    return failure();
  FailureOr<llvm::SmallVector<int64_t>> ends = node.constantInts(2);
  if (failed(ends))
    return failure();
  Value x = node.input(0);
  llvm::ArrayRef<int64_t> in = shapeOf(x);
  int64_t rank = in.size();
  llvm::SmallVector<int64_t> axes, steps(starts->size(), 1);
  if (node.hasInput(3)) {
    FailureOr<llvm::SmallVector<int64_t>> values = node.constantInts(3);
    if (failed(values))
      return failure();
    axes = *values;
  } else {
    for (size_t i = 0; i < starts->size(); ++i)
      axes.push_back(i);
  }
  if (node.hasInput(4)) {
    FailureOr<llvm::SmallVector<int64_t>> values = node.constantInts(4);
    if (failed(values))
      return failure();
    steps = *values;
  }
  if (ends->size() != starts->size() || axes.size() != starts->size() ||
      steps.size() != starts->size()) {
    node.error() << "starts, ends, axes and steps must have one length";
    return failure();
  }
  llvm::SmallVector<int64_t> offset(rank, 0), size(in), stride(rank, 1);
  llvm::SmallVector<bool> seen(rank, false);
  for (size_t i = 0; i < axes.size(); ++i) {
    std::optional<int64_t> axis = normalizeAxis(axes[i], rank);
    if (!axis || seen[*axis]) {
      node.error() << "axis " << axes[i] << " is out of range or repeats";
      return failure();
    }
    seen[*axis] = true;
    int64_t dim = in[*axis], step = steps[i];
    if (step == 0) {
      node.error() << "step must not be 0";
      return failure();
    }
    // The clamping rules of the ONNX Slice spec.
    int64_t start = (*starts)[i], end = (*ends)[i];
    if (start < 0)
      start += dim;
    if (end < 0)
      end += dim;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, dim);
      end = std::clamp<int64_t>(end, 0, dim);
    } else {
      start = std::clamp<int64_t>(start, 0, dim - 1);
      end = std::clamp<int64_t>(end, -1, dim - 1);
    }
    int64_t count = step > 0 ? (end - start + step - 1) / step
                             : (start - end - step - 1) / -step;
    size[*axis] = std::max<int64_t>(0, count);
    // An empty slice starts at 0 (the slice verifier bounds the offset).
    offset[*axis] = size[*axis] ? start : 0;
    stride[*axis] = step;
  }
  OpBuilder &b = node.b();
  Location loc = node.loc();
  Type element = elementTypeOf(x);
  // An empty result reads nothing.
  if (llvm::is_contained(size, 0)) {
    node.setOutput(0, tensor::EmptyOp::create(b, loc, size, element));
    return success();
  }
  if (llvm::all_of(stride, [](int64_t s) { return s > 0; })) {
    auto type = RankedTensorType::get(size, element);
    node.setOutput(0, tensor::ExtractSliceOp::create(
                          b, loc, type, x, ValueRange{}, ValueRange{},
                          ValueRange{}, offset, size, stride));
    return success();
  }
  // Negative steps: a copy whose input map runs backwards.
  MLIRContext *ctx = node.context();
  llvm::SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < rank; ++i)
    exprs.push_back(getAffineDimExpr(i, ctx) * stride[i] + offset[i]);
  node.setOutput(
      0, copyThroughMap(b, loc, x, AffineMap::get(rank, 0, exprs, ctx), size));
  return success();
}

LogicalResult importSplit(NodeImporter &node) {
  if (failed(node.checkAttrs({"axis", "split", "num_outputs"})) ||
      failed(node.requiredInput(0)))
    return failure();
  Value x = node.input(0);
  llvm::ArrayRef<int64_t> in = shapeOf(x);
  int64_t rank = in.size();
  FailureOr<int64_t> axis = node.axisAttr("axis", 0, rank);
  if (failed(axis))
    return failure();
  int64_t dim = in[*axis];
  int64_t outputs = node.numOutputs();
  llvm::SmallVector<int64_t> sizes;
  if (auto attr = node.intsAttr("split")) {
    sizes = *attr;
  } else if (node.hasInput(1)) {
    FailureOr<llvm::SmallVector<int64_t>> values = node.constantInts(1);
    if (failed(values))
      return failure();
    sizes = *values;
  } else {
    // Equal parts; since opset 18 the last may be smaller.
    int64_t parts = node.intAttr("num_outputs", outputs);
    int64_t chunk = parts ? (dim + parts - 1) / parts : 0;
    if (node.opsetVersion() < 18 && parts && dim % parts) {
      node.error() << "dim " << dim << " does not split into " << parts
                   << " equal parts";
      return failure();
    }
    for (int64_t i = 0, left = dim; i < parts; ++i, left -= chunk)
      sizes.push_back(std::max<int64_t>(0, std::min(chunk, left)));
  }
  int64_t total = 0;
  for (int64_t s : sizes)
    total += s;
  if (static_cast<int64_t>(sizes.size()) != outputs || total != dim ||
      llvm::any_of(sizes, [](int64_t s) { return s < 0; })) {
    node.error() << "split sizes " << shapeString(sizes) << " must be "
                 << outputs << " non-negative sizes summing to dim " << dim
                 << " of " << x.getType();
    return failure();
  }
  int64_t start = 0;
  for (auto [i, s] : llvm::enumerate(sizes)) {
    llvm::SmallVector<int64_t> offset(rank, 0), size(in), stride(rank, 1);
    offset[*axis] = s ? start : 0;
    size[*axis] = s;
    start += s;
    auto type = RankedTensorType::get(size, elementTypeOf(x));
    if (llvm::is_contained(size, 0)) {
      node.setOutput(i, tensor::EmptyOp::create(node.b(), node.loc(), size,
                                                elementTypeOf(x)));
      continue;
    }
    node.setOutput(i, tensor::ExtractSliceOp::create(
                          node.b(), node.loc(), type, x, ValueRange{},
                          ValueRange{}, ValueRange{}, offset, size, stride));
  }
  return success();
}

LogicalResult importConcat(NodeImporter &node) {
  if (failed(node.checkAttrs({"axis"})) || failed(node.requiredInput(0)))
    return failure();
  Value first = node.input(0);
  int64_t rank = shapeOf(first).size();
  FailureOr<int64_t> axis = node.axisAttr("axis", 0, rank);
  if (failed(axis))
    return failure();
  llvm::SmallVector<int64_t> shape(shapeOf(first));
  shape[*axis] = 0;
  for (size_t i = 0; i < node.numInputs(); ++i) {
    FailureOr<Value> v = node.requiredInput(i);
    if (failed(v))
      return failure();
    llvm::ArrayRef<int64_t> s = shapeOf(*v);
    bool ok = static_cast<int64_t>(s.size()) == rank &&
              elementTypeOf(*v) == elementTypeOf(first);
    for (int64_t d = 0; ok && d < rank; ++d)
      ok = d == *axis || s[d] == shape[d];
    if (!ok) {
      node.error() << "input #" << i << " " << v->getType()
                   << " does not concatenate with " << first.getType()
                   << " on axis " << *axis;
      return failure();
    }
    shape[*axis] += s[*axis];
  }
  OpBuilder &b = node.b();
  Location loc = node.loc();
  Value result = tensor::EmptyOp::create(b, loc, shape, elementTypeOf(first));
  int64_t offset = 0;
  for (size_t i = 0; i < node.numInputs(); ++i) {
    Value v = node.input(i);
    llvm::SmallVector<int64_t> offsets(rank, 0), strides(rank, 1);
    offsets[*axis] = offset;
    offset += shapeOf(v)[*axis];
    if (shapeOf(v)[*axis] == 0)
      continue;
    result = tensor::InsertSliceOp::create(b, loc, v, result, ValueRange{},
                                           ValueRange{}, ValueRange{}, offsets,
                                           shapeOf(v), strides);
  }
  node.setOutput(0, result);
  return success();
}

/// A generic over `outShape` whose body computes the element from the
/// loop indices (and the scalar operands `inputs` read at `maps`).
Value buildIndexed(
    OpBuilder &b, Location loc, llvm::ArrayRef<int64_t> outShape, Type element,
    ValueRange inputs, llvm::ArrayRef<AffineMap> maps,
    llvm::function_ref<Value(OpBuilder &, Location, ValueRange indices,
                             ValueRange args)>
        body) {
  MLIRContext *ctx = b.getContext();
  llvm::SmallVector<AffineMap> allMaps(maps);
  allMaps.push_back(AffineMap::getMultiDimIdentityMap(outShape.size(), ctx));
  Value init = tensor::EmptyOp::create(b, loc, outShape, element);
  llvm::SmallVector<utils::IteratorType> iterators(
      outShape.size(), utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), inputs, ValueRange{init}, allMaps, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        llvm::SmallVector<Value> indices;
        for (size_t i = 0; i < outShape.size(); ++i)
          indices.push_back(linalg::IndexOp::create(nb, nl, i));
        linalg::YieldOp::create(nb, nl,
                                body(nb, nl, indices, args.drop_back()));
      });
  return generic.getResult(0);
}

/// An index read from an int tensor element, wrapped if negative and
/// clamped into [0, size) so that a bad index cannot read out of bounds.
Value boundedIndex(OpBuilder &b, Location loc, Value raw, int64_t size) {
  Value i = arith::IndexCastOp::create(b, loc, b.getIndexType(), raw);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value n = arith::ConstantIndexOp::create(b, loc, size);
  Value negative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, i, zero);
  i = arith::SelectOp::create(b, loc, negative,
                              arith::AddIOp::create(b, loc, i, n), i);
  i = arith::MaxSIOp::create(b, loc, i, zero);
  return arith::MinSIOp::create(
      b, loc, i,
      arith::ConstantIndexOp::create(b, loc, std::max<int64_t>(size - 1, 0)));
}

LogicalResult importGather(NodeImporter &node) {
  if (failed(node.checkAttrs({"axis"})) || failed(node.requiredInput(0)) ||
      failed(node.requiredInput(1)))
    return failure();
  Value data = node.input(0), indices = node.input(1);
  if (!elementTypeOf(indices).isSignlessInteger(32) &&
      !elementTypeOf(indices).isSignlessInteger(64)) {
    node.error() << "indices must be int32 or int64, got " << indices.getType();
    return failure();
  }
  llvm::ArrayRef<int64_t> dataShape = shapeOf(data),
                          idxShape = shapeOf(indices);
  int64_t rank = dataShape.size(), q = idxShape.size();
  FailureOr<int64_t> axis = node.axisAttr("axis", 0, rank);
  if (failed(axis))
    return failure();
  llvm::SmallVector<int64_t> outShape(dataShape.begin(),
                                      dataShape.begin() + *axis);
  outShape.append(idxShape.begin(), idxShape.end());
  outShape.append(dataShape.begin() + *axis + 1, dataShape.end());
  MLIRContext *ctx = node.context();
  llvm::SmallVector<AffineExpr> idxExprs;
  for (int64_t i = 0; i < q; ++i)
    idxExprs.push_back(getAffineDimExpr(*axis + i, ctx));
  AffineMap idxMap = AffineMap::get(outShape.size(), 0, idxExprs, ctx);
  int64_t axisSize = dataShape[*axis];
  node.setOutput(
      0, buildIndexed(node.b(), node.loc(), outShape, elementTypeOf(data),
                      indices, idxMap,
                      [&](OpBuilder &b, Location loc, ValueRange ix,
                          ValueRange args) -> Value {
                        llvm::SmallVector<Value> at(ix.begin(),
                                                    ix.begin() + *axis);
                        at.push_back(boundedIndex(b, loc, args[0], axisSize));
                        at.append(ix.begin() + *axis + q, ix.end());
                        return tensor::ExtractOp::create(b, loc, data, at);
                      }));
  return success();
}

LogicalResult importGatherElements(NodeImporter &node) {
  if (failed(node.checkAttrs({"axis"})) || failed(node.requiredInput(0)) ||
      failed(node.requiredInput(1)))
    return failure();
  Value data = node.input(0), indices = node.input(1);
  llvm::ArrayRef<int64_t> dataShape = shapeOf(data),
                          idxShape = shapeOf(indices);
  int64_t rank = dataShape.size();
  std::optional<int64_t> axis = normalizeAxis(node.intAttr("axis", 0), rank);
  if (!axis || static_cast<int64_t>(idxShape.size()) != rank ||
      (!elementTypeOf(indices).isSignlessInteger(32) &&
       !elementTypeOf(indices).isSignlessInteger(64))) {
    node.error() << "indices must be int32/int64 of the data's rank and axis "
                    "in range, got "
                 << indices.getType() << " for " << data.getType();
    return failure();
  }
  for (int64_t d = 0; d < rank; ++d)
    if (d != *axis && idxShape[d] > dataShape[d]) {
      node.error() << "indices " << indices.getType() << " exceed data "
                   << data.getType() << " on dim " << d;
      return failure();
    }
  int64_t axisSize = dataShape[*axis];
  node.setOutput(
      0,
      buildIndexed(node.b(), node.loc(), idxShape, elementTypeOf(data), indices,
                   AffineMap::getMultiDimIdentityMap(rank, node.context()),
                   [&](OpBuilder &b, Location loc, ValueRange ix,
                       ValueRange args) -> Value {
                     llvm::SmallVector<Value> at(ix.begin(), ix.end());
                     at[*axis] = boundedIndex(b, loc, args[0], axisSize);
                     return tensor::ExtractOp::create(b, loc, data, at);
                   }));
  return success();
}

LogicalResult importExpand(NodeImporter &node) {
  if (failed(node.requiredInput(0)))
    return failure();
  FailureOr<llvm::SmallVector<int64_t>> shape = node.constantInts(1);
  if (failed(shape))
    return failure();
  Value x = node.input(0);
  std::optional<llvm::SmallVector<int64_t>> out =
      broadcastShapes({shapeOf(x), *shape});
  if (!out) {
    node.error() << x.getType() << " does not broadcast to "
                 << shapeString(*shape);
    return failure();
  }
  node.setOutput(0, broadcastTo(node.b(), node.loc(), x, *out));
  return success();
}

LogicalResult importTile(NodeImporter &node) {
  if (failed(node.requiredInput(0)))
    return failure();
  FailureOr<llvm::SmallVector<int64_t>> repeats = node.constantInts(1);
  if (failed(repeats))
    return failure();
  Value x = node.input(0);
  llvm::ArrayRef<int64_t> in = shapeOf(x);
  if (repeats->size() != in.size() ||
      llvm::any_of(*repeats, [](int64_t r) { return r < 0; })) {
    node.error() << "repeats must be " << in.size() << " non-negative counts";
    return failure();
  }
  MLIRContext *ctx = node.context();
  llvm::SmallVector<int64_t> outShape;
  llvm::SmallVector<AffineExpr> exprs;
  for (auto [i, dim] : llvm::enumerate(in)) {
    outShape.push_back(dim * (*repeats)[i]);
    exprs.push_back(dim == 0 ? getAffineConstantExpr(0, ctx)
                             : getAffineDimExpr(i, ctx) % dim);
  }
  node.setOutput(0, copyThroughMap(node.b(), node.loc(), x,
                                   AffineMap::get(in.size(), 0, exprs, ctx),
                                   outShape));
  return success();
}

LogicalResult importTrilu(NodeImporter &node) {
  if (failed(node.checkAttrs({"upper"})) || failed(node.requiredInput(0)))
    return failure();
  Value x = node.input(0);
  llvm::ArrayRef<int64_t> shape = shapeOf(x);
  if (shape.size() < 2) {
    node.error() << "input must have rank >= 2, got " << x.getType();
    return failure();
  }
  int64_t k = 0;
  if (node.hasInput(1)) {
    FailureOr<llvm::SmallVector<int64_t>> values = node.constantInts(1);
    if (failed(values))
      return failure();
    if (values->size() != 1) {
      node.error() << "k must be a scalar";
      return failure();
    }
    k = (*values)[0];
  }
  bool upper = node.intAttr("upper", 1);
  size_t rank = shape.size();
  node.setOutput(
      0, buildIndexed(node.b(), node.loc(), shape, elementTypeOf(x), x,
                      AffineMap::getMultiDimIdentityMap(rank, node.context()),
                      [&](OpBuilder &b, Location loc, ValueRange ix,
                          ValueRange args) -> Value {
                        // Keep where j - i >= k (upper) or j - i <= k.
                        Value diff = arith::SubIOp::create(b, loc, ix[rank - 1],
                                                           ix[rank - 2]);
                        Value kv = arith::ConstantIndexOp::create(b, loc, k);
                        Value keep = arith::CmpIOp::create(
                            b, loc,
                            upper ? arith::CmpIPredicate::sge
                                  : arith::CmpIPredicate::sle,
                            diff, kv);
                        return arith::SelectOp::create(
                            b, loc, keep, args[0],
                            scalarConstant(b, loc, args[0].getType(), 0));
                      }));
  return success();
}

LogicalResult importPad(NodeImporter &node) {
  if (failed(node.checkAttrs({"mode"})) || failed(node.requiredInput(0)))
    return failure();
  Value x = node.input(0);
  llvm::ArrayRef<int64_t> in = shapeOf(x);
  int64_t rank = in.size();
  std::string mode = node.stringAttr("mode", "constant");
  if (mode != "constant" && mode != "reflect" && mode != "edge" &&
      mode != "wrap") {
    node.error() << "mode '" << mode
                 << "' is not one of constant, reflect, edge, wrap";
    return failure();
  }
  FailureOr<llvm::SmallVector<int64_t>> pads = node.constantInts(1);
  if (failed(pads))
    return failure();
  llvm::SmallVector<int64_t> axes;
  if (node.hasInput(3)) {
    FailureOr<llvm::SmallVector<int64_t>> values = node.constantInts(3);
    if (failed(values))
      return failure();
    axes = *values;
  } else {
    for (int64_t i = 0; i < rank; ++i)
      axes.push_back(i);
  }
  if (pads->size() != 2 * axes.size()) {
    node.error() << "pads has " << pads->size() << " values; expected "
                 << 2 * axes.size();
    return failure();
  }
  llvm::SmallVector<int64_t> before(rank, 0), outShape(in);
  for (auto [i, axis] : llvm::enumerate(axes)) {
    std::optional<int64_t> a = normalizeAxis(axis, rank);
    if (!a) {
      node.error() << "axis " << axis << " is out of range for rank " << rank;
      return failure();
    }
    before[*a] = (*pads)[i];
    outShape[*a] += (*pads)[i] + (*pads)[i + axes.size()];
    if (outShape[*a] < 0 ||
        (mode != "constant" && in[*a] == 0 && outShape[*a])) {
      node.error() << "pads " << shapeString(*pads) << " do not fit "
                   << x.getType();
      return failure();
    }
  }
  Type element = elementTypeOf(x);
  Value padValue;
  if (node.hasInput(2)) {
    if (elementTypeOf(node.input(2)) != element ||
        cast<RankedTensorType>(node.input(2).getType()).getNumElements() != 1) {
      node.error() << "constant_value must be one " << element;
      return failure();
    }
    padValue = node.input(2);
  }
  OpBuilder &b = node.b();
  Location loc = node.loc();
  llvm::SmallVector<Value> inputs;
  llvm::SmallVector<AffineMap> maps;
  if (padValue) {
    padValue = reshape(b, loc, padValue, {});
    inputs.push_back(padValue);
    maps.push_back(AffineMap::get(rank, 0, {}, node.context()));
  }
  node.setOutput(
      0, buildIndexed(
             b, loc, outShape, element, inputs, maps,
             [&](OpBuilder &nb, Location nl, ValueRange ix,
                 ValueRange args) -> Value {
               llvm::SmallVector<Value> at;
               Value inside = arith::ConstantIntOp::create(nb, nl, 1, 1);
               for (int64_t d = 0; d < rank; ++d) {
                 Value s = arith::SubIOp::create(
                     nb, nl, ix[d],
                     arith::ConstantIndexOp::create(nb, nl, before[d]));
                 int64_t n = in[d];
                 Value zero = arith::ConstantIndexOp::create(nb, nl, 0);
                 Value last = arith::ConstantIndexOp::create(
                     nb, nl, std::max<int64_t>(n - 1, 0));
                 Value nv = arith::ConstantIndexOp::create(
                     nb, nl, std::max<int64_t>(n, 1));
                 if (mode == "reflect" && n > 1) {
                   // Fold s into [0, 2(n-1)) and mirror the upper half.
                   Value period =
                       arith::ConstantIndexOp::create(nb, nl, 2 * (n - 1));
                   Value m = arith::RemSIOp::create(nb, nl, s, period);
                   m = arith::SelectOp::create(
                       nb, nl,
                       arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::slt,
                                             m, zero),
                       arith::AddIOp::create(nb, nl, m, period), m);
                   Value mirrored = arith::SubIOp::create(nb, nl, period, m);
                   s = arith::MinSIOp::create(nb, nl, m, mirrored);
                 } else if (mode == "wrap") {
                   Value m = arith::RemSIOp::create(nb, nl, s, nv);
                   s = arith::SelectOp::create(
                       nb, nl,
                       arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::slt,
                                             m, zero),
                       arith::AddIOp::create(nb, nl, m, nv), m);
                 } else if (mode == "constant") {
                   Value ge = arith::CmpIOp::create(
                       nb, nl, arith::CmpIPredicate::sge, s, zero);
                   Value le = arith::CmpIOp::create(
                       nb, nl, arith::CmpIPredicate::sle, s, last);
                   inside = arith::AndIOp::create(
                       nb, nl, inside, arith::AndIOp::create(nb, nl, ge, le));
                 }
                 // Edge mode, and the in-bounds read of the others.
                 s = arith::MaxSIOp::create(nb, nl, s, zero);
                 s = arith::MinSIOp::create(nb, nl, s, last);
                 at.push_back(s);
               }
               bool empty =
                   cast<RankedTensorType>(x.getType()).getNumElements() == 0;
               Value fill =
                   padValue ? args[0] : scalarConstant(nb, nl, element, 0);
               if (empty)
                 return fill;
               Value v = tensor::ExtractOp::create(nb, nl, x, at);
               if (mode != "constant")
                 return v;
               return arith::SelectOp::create(nb, nl, inside, v, fill);
             }));
  return success();
}

} // namespace

void mlir::seqc::onnx_import::registerShapeOps(OpRegistry &registry) {
  registry.add("", "Constant", importConstant);
  registry.add("", "Identity", importIdentity);
  registry.add("", "Shape", importShape);
  registry.add("", "Size", importSize);
  registry.add("", "ConstantOfShape", importConstantOfShape);
  registry.add("", "Range", importRange);
  registry.add("", "Reshape", importReshape);
  registry.add("", "Flatten", importFlatten);
  registry.add("", "Squeeze", importSqueeze);
  registry.add("", "Unsqueeze", importUnsqueeze);
  registry.add("", "Transpose", importTranspose);
  registry.add("", "Slice", importSlice);
  registry.add("", "Split", importSplit);
  registry.add("", "Concat", importConcat);
  registry.add("", "Gather", importGather);
  registry.add("", "GatherElements", importGatherElements);
  registry.add("", "Expand", importExpand);
  registry.add("", "Tile", importTile);
  registry.add("", "Trilu", importTrilu);
  registry.add("", "Pad", importPad);
}
