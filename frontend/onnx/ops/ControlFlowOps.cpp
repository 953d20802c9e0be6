//===- ControlFlowOps.cpp - Scan ------------------------------------------===//
//
// Scan becomes an scf.for over the scan axis. The loop carries the state
// variables and one tensor per scan output; each step slices the scan
// inputs at t (or L-1-t when reversed), imports the body graph into a
// scope that sees the enclosing graph's values, and writes the step's scan
// outputs at t.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/ModelImporter.h"
#include "frontend/onnx/ScanRaising.h"
#include "frontend/onnx/TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

#include <limits>

using namespace mlir;
using namespace mlir::seqc::onnx_import;

namespace {

/// Offsets/sizes/strides that select index `at` of `axis` in `shape`.
void sliceAt(OpBuilder &b, llvm::ArrayRef<int64_t> shape, int64_t axis,
             OpFoldResult at, llvm::SmallVector<OpFoldResult> &offsets,
             llvm::SmallVector<OpFoldResult> &sizes,
             llvm::SmallVector<OpFoldResult> &strides) {
  for (auto [i, dim] : llvm::enumerate(shape)) {
    bool isAxis = static_cast<int64_t>(i) == axis;
    offsets.push_back(isAxis ? at : b.getIndexAttr(0));
    sizes.push_back(b.getIndexAttr(isAxis ? 1 : dim));
    strides.push_back(b.getIndexAttr(1));
  }
}

/// The values the body graph's outputs name in `scope`, in order.
FailureOr<llvm::SmallVector<Value>> bodyOutputs(NodeImporter &node,
                                                const onnx::GraphProto &body,
                                                const ValueScope &scope) {
  llvm::SmallVector<Value> results;
  for (const onnx::ValueInfoProto &out : body.output()) {
    Value v = scope.lookup(out.name());
    if (!v) {
      node.error() << "the body's output '" << out.name() << "' is not defined";
      return failure();
    }
    results.push_back(v);
  }
  return results;
}

/// An scf.for over [0, count) whose body is `block` (its arguments: the
/// induction variable, then one per init), setting the node's outputs to
/// the loop's results.
void emitForLoop(NodeImporter &node, int64_t count, ValueRange inits,
                 std::unique_ptr<Block> block) {
  OpBuilder &b = node.b();
  Location loc = node.loc();
  Value lb = arith::ConstantIndexOp::create(b, loc, 0);
  Value ub = arith::ConstantIndexOp::create(b, loc, count);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  auto loop = scf::ForOp::create(b, loc, lb, ub, one, inits);
  Region &region = loop.getRegion();
  region.front().erase();
  region.push_back(block.release());
  for (auto [i, result] : llvm::enumerate(loop.getResults()))
    node.setOutput(i, result);
}

LogicalResult importScan(NodeImporter &node) {
  if (failed(node.checkAttrs({"body", "num_scan_inputs", "scan_input_axes",
                              "scan_input_directions", "scan_output_axes",
                              "scan_output_directions"})))
    return failure();
  const onnx::GraphProto *body = node.graphAttr("body");
  if (!body || !node.hasAttr("num_scan_inputs")) {
    node.error() << "attributes body and num_scan_inputs are required";
    return failure();
  }
  int64_t numScan = node.intAttr("num_scan_inputs", 0);
  int64_t numInputs = node.numInputs();
  int64_t numStates = numInputs - numScan;
  int64_t numScanOutputs = body->output_size() - numStates;
  if (numScan <= 0 || numStates < 0 || numScanOutputs < 0 ||
      body->input_size() != numInputs ||
      node.numOutputs() != static_cast<size_t>(body->output_size())) {
    node.error() << "the body's inputs and outputs do not match " << numStates
                 << " state variables and " << numScan << " scan inputs";
    return failure();
  }
  auto listAttr = [&](llvm::StringRef name, int64_t count) {
    std::optional<llvm::SmallVector<int64_t>> v = node.intsAttr(name);
    return v ? *v : llvm::SmallVector<int64_t>(count, 0);
  };
  llvm::SmallVector<int64_t> inAxes = listAttr("scan_input_axes", numScan);
  llvm::SmallVector<int64_t> inDirs =
      listAttr("scan_input_directions", numScan);
  llvm::SmallVector<int64_t> outAxes =
      listAttr("scan_output_axes", numScanOutputs);
  llvm::SmallVector<int64_t> outDirs =
      listAttr("scan_output_directions", numScanOutputs);
  if (static_cast<int64_t>(inAxes.size()) != numScan ||
      static_cast<int64_t>(inDirs.size()) != numScan ||
      static_cast<int64_t>(outAxes.size()) != numScanOutputs ||
      static_cast<int64_t>(outDirs.size()) != numScanOutputs) {
    node.error() << "scan axes and directions need one value per scan input "
                    "and output";
    return failure();
  }
  // All scan inputs run over one length.
  int64_t length = -1;
  for (int64_t i = 0; i < numScan; ++i) {
    FailureOr<Value> in = node.requiredInput(numStates + i);
    if (failed(in))
      return failure();
    int64_t rank = shapeOf(*in).size();
    std::optional<int64_t> axis = normalizeAxis(inAxes[i], rank);
    if (!axis) {
      node.error() << "scan_input_axes[" << i << "] is out of range";
      return failure();
    }
    inAxes[i] = *axis;
    int64_t l = shapeOf(*in)[*axis];
    if (length >= 0 && l != length) {
      node.error() << "scan inputs have different lengths (" << length
                   << " and " << l << ")";
      return failure();
    }
    length = l;
  }
  for (int64_t i = 0; i < numStates; ++i)
    if (failed(node.requiredInput(i)))
      return failure();
  // A selective-scan or linear-attention body becomes one seq op.
  FailureOr<bool> raised = raiseScan(node, *body);
  if (failed(raised))
    return failure();
  if (*raised)
    return success();

  OpBuilder &b = node.b();
  Location loc = node.loc();
  // The body is imported into a detached block first: the scan outputs'
  // shapes are known only afterwards.
  auto block = std::make_unique<Block>();
  Value t = block->addArgument(b.getIndexType(), loc);
  llvm::SmallVector<Value> states;
  for (int64_t i = 0; i < numStates; ++i)
    states.push_back(block->addArgument(node.input(i).getType(), loc));
  OpBuilder inner(b.getContext());
  inner.setInsertionPointToStart(block.get());
  Value last = arith::ConstantIndexOp::create(inner, loc, length - 1);
  Value reversedT = arith::SubIOp::create(inner, loc, last, t);

  ValueScope scope(&node.scope());
  for (int64_t i = 0; i < numStates; ++i)
    scope.set(body->input(i).name(), states[i]);
  for (int64_t i = 0; i < numScan; ++i) {
    Value in = node.input(numStates + i);
    llvm::ArrayRef<int64_t> shape = shapeOf(in);
    llvm::SmallVector<OpFoldResult> offsets, sizes, strides;
    sliceAt(inner, shape, inAxes[i], inDirs[i] ? reversedT : t, offsets, sizes,
            strides);
    llvm::SmallVector<int64_t> sliceShape(shape);
    sliceShape.erase(sliceShape.begin() + inAxes[i]);
    auto sliceType = RankedTensorType::get(sliceShape, elementTypeOf(in));
    // A rank-reducing slice drops the scan axis.
    Value slice = tensor::ExtractSliceOp::create(inner, loc, sliceType, in,
                                                 offsets, sizes, strides);
    scope.set(body->input(numStates + i).name(), slice);
  }
  if (failed(node.modelImporter().importNodes(body->node(), scope, inner,
                                              node.attributeBindings())))
    return failure();
  FailureOr<llvm::SmallVector<Value>> outputs = bodyOutputs(node, *body, scope);
  if (failed(outputs))
    return failure();
  llvm::SmallVector<Value> &results = *outputs;
  for (int64_t i = 0; i < numStates; ++i)
    if (results[i].getType() != states[i].getType()) {
      node.error() << "state variable #" << i << " enters as "
                   << states[i].getType() << " but the body returns "
                   << results[i].getType();
      return failure();
    }

  // Accumulators for the scan outputs, stacked along their axis.
  llvm::SmallVector<Value> inits(node.allInputs().take_front(numStates));
  llvm::SmallVector<Value> accumulators;
  for (int64_t j = 0; j < numScanOutputs; ++j) {
    Value step = results[numStates + j];
    llvm::SmallVector<int64_t> shape(shapeOf(step));
    std::optional<int64_t> axis = normalizeAxis(outAxes[j], shape.size() + 1);
    if (!axis) {
      node.error() << "scan_output_axes[" << j << "] is out of range";
      return failure();
    }
    outAxes[j] = *axis;
    shape.insert(shape.begin() + *axis, length);
    inits.push_back(
        tensor::EmptyOp::create(b, loc, shape, elementTypeOf(step)));
    accumulators.push_back(block->addArgument(inits.back().getType(), loc));
  }
  llvm::SmallVector<Value> yields(results.begin(), results.begin() + numStates);
  for (int64_t j = 0; j < numScanOutputs; ++j) {
    Value acc = accumulators[j];
    llvm::SmallVector<OpFoldResult> offsets, sizes, strides;
    sliceAt(inner, shapeOf(acc), outAxes[j], outDirs[j] ? reversedT : t,
            offsets, sizes, strides);
    yields.push_back(tensor::InsertSliceOp::create(
        inner, loc, results[numStates + j], acc, offsets, sizes, strides));
  }
  scf::YieldOp::create(inner, loc, yields);

  emitForLoop(node, length, inits, std::move(block));
  return success();
}

/// A Loop with a compile-time trip count whose condition stays true (as
/// exporters write a `for` loop): an scf.for, scan outputs stacked on a
/// new leading axis. Returns false, having built nothing, when the body's
/// condition turns out to depend on data.
FailureOr<bool> importCountedLoop(NodeImporter &node,
                                  const onnx::GraphProto &body, int64_t count,
                                  int64_t numCarried, int64_t numScanOutputs) {
  OpBuilder &b = node.b();
  Location loc = node.loc();
  auto block = std::make_unique<Block>();
  Value t = block->addArgument(b.getIndexType(), loc);
  llvm::SmallVector<Value> carried;
  for (int64_t i = 0; i < numCarried; ++i)
    carried.push_back(block->addArgument(node.input(2 + i).getType(), loc));
  OpBuilder inner(b.getContext());
  inner.setInsertionPointToStart(block.get());
  ValueScope scope(&node.scope());
  // iteration_num as an int64 scalar tensor, the condition as true.
  Value iter = arith::IndexCastOp::create(inner, loc, inner.getI64Type(), t);
  scope.set(
      body.input(0).name(),
      tensor::FromElementsOp::create(
          inner, loc, RankedTensorType::get({}, inner.getI64Type()), iter));
  Value condTrue = arith::ConstantOp::create(
      inner, loc,
      DenseElementsAttr::get(RankedTensorType::get({}, inner.getI1Type()),
                             true));
  scope.set(body.input(1).name(), condTrue);
  for (int64_t i = 0; i < numCarried; ++i)
    scope.set(body.input(2 + i).name(), carried[i]);
  if (failed(node.modelImporter().importNodes(body.node(), scope, inner,
                                              node.attributeBindings())))
    return failure();
  FailureOr<llvm::SmallVector<Value>> outputs = bodyOutputs(node, body, scope);
  if (failed(outputs))
    return failure();
  llvm::SmallVector<Value> &results = *outputs;
  DenseElementsAttr condOut;
  if (!matchPattern(results[0], m_Constant(&condOut)) ||
      condOut.getNumElements() != 1 || !condOut.getElementType().isInteger(1) ||
      !condOut.getSplatValue<bool>())
    return false; // the block and what was imported into it are dropped
  for (int64_t i = 0; i < numCarried; ++i)
    if (results[1 + i].getType() != carried[i].getType()) {
      node.error() << "loop-carried value #" << i << " enters as "
                   << carried[i].getType() << " but the body returns "
                   << results[1 + i].getType();
      return failure();
    }
  llvm::SmallVector<Value> inits(node.allInputs().drop_front(2));
  llvm::SmallVector<Value> yields(results.begin() + 1,
                                  results.begin() + 1 + numCarried);
  for (int64_t j = 0; j < numScanOutputs; ++j) {
    Value step = results[1 + numCarried + j];
    llvm::SmallVector<int64_t> shape(shapeOf(step));
    shape.insert(shape.begin(), count);
    inits.push_back(
        tensor::EmptyOp::create(b, loc, shape, elementTypeOf(step)));
    Value acc = block->addArgument(inits.back().getType(), loc);
    llvm::SmallVector<OpFoldResult> offsets, sizes, strides;
    sliceAt(inner, shape, 0, t, offsets, sizes, strides);
    yields.push_back(tensor::InsertSliceOp::create(inner, loc, step, acc,
                                                   offsets, sizes, strides));
  }
  scf::YieldOp::create(inner, loc, yields);
  emitForLoop(node, count, inits, std::move(block));
  return true;
}

/// Any other Loop without scan outputs: an scf.while that runs while the
/// condition holds and fewer than M iterations have run.
LogicalResult importWhileLoop(NodeImporter &node, const onnx::GraphProto &body,
                              int64_t numCarried) {
  OpBuilder &b = node.b();
  Location loc = node.loc();
  Type i1 = b.getI1Type(), i64 = b.getI64Type();
  auto scalarOf = [&](size_t input, Type type) -> FailureOr<Value> {
    Value v = node.input(input);
    if (elementTypeOf(v) != type ||
        cast<RankedTensorType>(v.getType()).getNumElements() != 1) {
      node.error() << "input #" << input << " must be one " << type << ", got "
                   << v.getType();
      return failure();
    }
    return tensor::ExtractOp::create(b, loc, reshape(b, loc, v, {}),
                                     ValueRange{})
        .getResult();
  };
  Value cond0 = arith::ConstantIntOp::create(b, loc, 1, 1);
  Value maxTrip = arith::ConstantIntOp::create(
      b, loc, std::numeric_limits<int64_t>::max(), 64);
  if (node.hasInput(1)) {
    FailureOr<Value> c = scalarOf(1, i1);
    if (failed(c))
      return failure();
    cond0 = *c;
  }
  if (node.hasInput(0)) {
    FailureOr<Value> m = scalarOf(0, i64);
    if (failed(m))
      return failure();
    maxTrip = *m;
  }
  llvm::SmallVector<Value> inits = {
      cond0, arith::ConstantIntOp::create(b, loc, 0, 64)};
  inits.append(node.allInputs().begin() + 2, node.allInputs().end());
  llvm::SmallVector<Type> types(ValueRange(inits).getTypes());
  LogicalResult imported = success();
  auto loop = scf::WhileOp::create(
      b, loc, types, inits,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value inRange = arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::slt,
                                              args[1], maxTrip);
        Value go = arith::AndIOp::create(nb, nl, args[0], inRange);
        scf::ConditionOp::create(nb, nl, go, args);
      },
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        ValueScope scope(&node.scope());
        scope.set(body.input(0).name(),
                  tensor::FromElementsOp::create(
                      nb, nl, RankedTensorType::get({}, i64), args[1]));
        scope.set(body.input(1).name(),
                  tensor::FromElementsOp::create(
                      nb, nl, RankedTensorType::get({}, i1), args[0]));
        for (int64_t i = 0; i < numCarried; ++i)
          scope.set(body.input(2 + i).name(), args[2 + i]);
        llvm::SmallVector<Value> yields;
        imported = node.modelImporter().importNodes(body.node(), scope, nb,
                                                    node.attributeBindings());
        Value condOut = scope.lookup(body.output(0).name());
        if (succeeded(imported) && condOut && elementTypeOf(condOut) == i1 &&
            cast<RankedTensorType>(condOut.getType()).getNumElements() == 1) {
          yields.push_back(tensor::ExtractOp::create(
              nb, nl, reshape(nb, nl, condOut, {}), ValueRange{}));
        } else if (succeeded(imported)) {
          node.error() << "the body's condition must be one bool";
          imported = failure();
        }
        yields.push_back(arith::AddIOp::create(
            nb, nl, args[1], arith::ConstantIntOp::create(nb, nl, 1, 64)));
        for (int64_t i = 0; i < numCarried && succeeded(imported); ++i) {
          Value v = scope.lookup(body.output(1 + i).name());
          if (!v || v.getType() != args[2 + i].getType()) {
            node.error() << "loop-carried value #" << i
                         << " changes type or is not defined by the body";
            imported = failure();
            break;
          }
          yields.push_back(v);
        }
        if (succeeded(imported))
          scf::YieldOp::create(nb, nl, yields);
      });
  if (failed(imported))
    return failure();
  for (int64_t i = 0; i < numCarried; ++i)
    node.setOutput(i, loop.getResult(2 + i));
  return success();
}

LogicalResult importLoop(NodeImporter &node) {
  if (failed(node.checkAttrs({"body"})))
    return failure();
  const onnx::GraphProto *body = node.graphAttr("body");
  if (!body) {
    node.error() << "attribute body is required";
    return failure();
  }
  int64_t numCarried = static_cast<int64_t>(node.numInputs()) - 2;
  int64_t numScanOutputs = body->output_size() - 1 - numCarried;
  if (numCarried < 0 || numScanOutputs < 0 ||
      body->input_size() != numCarried + 2) {
    node.error() << "the body's inputs and outputs do not match "
                 << std::max<int64_t>(numCarried, 0) << " loop-carried values";
    return failure();
  }
  for (int64_t i = 0; i < numCarried; ++i)
    if (failed(node.requiredInput(2 + i)))
      return failure();
  // A constant trip count with a condition that starts true: try a for loop.
  bool condTrue = true;
  if (node.hasInput(1)) {
    DenseElementsAttr cond;
    condTrue = matchPattern(node.input(1), m_Constant(&cond)) &&
               cond.getElementType().isInteger(1) &&
               cond.getNumElements() == 1 && cond.getSplatValue<bool>();
  }
  if (node.hasInput(0) && node.isConstant(0) && condTrue) {
    FailureOr<llvm::SmallVector<int64_t>> trips = node.constantInts(0);
    if (failed(trips))
      return failure();
    if (trips->size() != 1 || (*trips)[0] < 0) {
      node.error() << "M must be one non-negative count";
      return failure();
    }
    FailureOr<bool> done =
        importCountedLoop(node, *body, (*trips)[0], numCarried, numScanOutputs);
    if (failed(done) || *done)
      return failure(failed(done));
  }
  if (numScanOutputs > 0) {
    node.error() << "a Loop with scan outputs needs a constant trip count M "
                    "and a condition that stays true (their length would "
                    "depend on data)";
    return failure();
  }
  return importWhileLoop(node, *body, numCarried);
}

} // namespace

void mlir::seqc::onnx_import::registerControlFlowOps(OpRegistry &registry) {
  registry.add("", "Scan", importScan);
  registry.add("", "Loop", importLoop);
}
