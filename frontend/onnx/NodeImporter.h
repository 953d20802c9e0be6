//===- NodeImporter.h - What op importers see of a node --------*- C++ -*-===//
//
// Each op family (ops/*.cpp) registers one function per ONNX op type. The
// function reads the node's inputs and attributes through NodeImporter,
// builds IR with its builder and sets the node's outputs. Inputs are
// ranked tensors of static shape; constant inputs (initializers, Constant,
// folded Shape) are arith.constant ops, so matchPattern(m_Constant) sees
// them.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_FRONTEND_ONNX_NODEIMPORTER_H
#define SEQC_FRONTEND_ONNX_NODEIMPORTER_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringMap.h"

#include <map>
#include <optional>
#include <string>

namespace onnx {
class NodeProto;
class AttributeProto;
class GraphProto;
class TensorProto;
} // namespace onnx

namespace mlir::seqc::onnx_import {

class ModelImporter;
class NodeImporter;
class ValueScope;

using OpImportFn = LogicalResult (*)(NodeImporter &node);

/// The importers, keyed by (domain, op type); "" is the default domain.
class OpRegistry {
public:
  void add(llvm::StringRef domain, llvm::StringRef opType, OpImportFn fn) {
    importers[{domain.str(), opType.str()}] = fn;
  }
  OpImportFn lookup(llvm::StringRef domain, llvm::StringRef opType) const;
  const std::map<std::pair<std::string, std::string>, OpImportFn> &all() const {
    return importers;
  }
  static const OpRegistry &get();

private:
  std::map<std::pair<std::string, std::string>, OpImportFn> importers;
};

// One registration function per op family.
void registerElementwiseOps(OpRegistry &registry);
void registerMatMulOps(OpRegistry &registry);
void registerReductionOps(OpRegistry &registry);
void registerNormalizationOps(OpRegistry &registry);
void registerShapeOps(OpRegistry &registry);
void registerConvOps(OpRegistry &registry);
void registerSequenceModelOps(OpRegistry &registry);
void registerSeqcCustomOps(OpRegistry &registry);
void registerControlFlowOps(OpRegistry &registry);

/// Attribute values a function call binds (ref_attr_name lookups).
using AttributeBindings = llvm::StringMap<const onnx::AttributeProto *>;

class NodeImporter {
public:
  NodeImporter(ModelImporter &model, const onnx::NodeProto &node,
               llvm::ArrayRef<Value> inputs, OpBuilder &builder, int64_t opset,
               const AttributeBindings *bindings, const ValueScope &scope)
      : model(model), node(node), inputs(inputs), builder(builder),
        opset(opset), bindings(bindings), valueScope(scope) {}

  OpBuilder &b() { return builder; }
  Location loc() const;
  MLIRContext *context() const { return builder.getContext(); }
  int64_t opsetVersion() const { return opset; }
  llvm::StringRef opType() const;
  const onnx::NodeProto &proto() const { return node; }
  ModelImporter &modelImporter() { return model; }
  /// The values the node sees (for importing its subgraphs).
  const ValueScope &scope() const { return valueScope; }
  const AttributeBindings *attributeBindings() const { return bindings; }

  /// Reports "node 'name' (OpType): <message>" and returns the
  /// diagnostic for appending.
  InFlightDiagnostic error();

  // Inputs. A missing optional input (absent, or named "") is null.
  size_t numInputs() const { return inputs.size(); }
  llvm::ArrayRef<Value> allInputs() const { return inputs; }
  bool hasInput(size_t i) const { return i < inputs.size() && inputs[i]; }
  Value input(size_t i) const { return hasInput(i) ? inputs[i] : Value(); }
  RankedTensorType inputType(size_t i) const {
    return llvm::cast<RankedTensorType>(input(i).getType());
  }
  /// Requires input i to be present; reports an error otherwise.
  FailureOr<Value> requiredInput(size_t i);
  /// Input i as a constant of integers (shape-like inputs such as Reshape's
  /// shape); an error if it is not a compile-time constant.
  FailureOr<llvm::SmallVector<int64_t>> constantInts(size_t i);
  /// The same for a floating-point scalar-like constant.
  FailureOr<llvm::SmallVector<double>> constantFloats(size_t i);
  /// Whether input i is a compile-time constant.
  bool isConstant(size_t i) const;

  // Attributes (after resolving references in a function body).
  bool hasAttr(llvm::StringRef name) const;
  int64_t intAttr(llvm::StringRef name, int64_t dflt) const;
  float floatAttr(llvm::StringRef name, float dflt) const;
  std::string stringAttr(llvm::StringRef name, llvm::StringRef dflt) const;
  std::optional<llvm::SmallVector<int64_t>>
  intsAttr(llvm::StringRef name) const;
  std::optional<llvm::SmallVector<float>>
  floatsAttr(llvm::StringRef name) const;
  const onnx::TensorProto *tensorAttr(llvm::StringRef name) const;
  const onnx::GraphProto *graphAttr(llvm::StringRef name) const;
  /// Attribute `name` (default `dflt`) as an axis of a rank-`rank` tensor,
  /// made non-negative; an error when it is out of range.
  FailureOr<int64_t> axisAttr(llvm::StringRef name, int64_t dflt, int64_t rank);
  /// Fails with an error naming every attribute not in `known`.
  LogicalResult checkAttrs(llvm::ArrayRef<llvm::StringRef> known);

  // Outputs.
  size_t numOutputs() const;
  /// Whether output i is requested (present and named).
  bool hasOutput(size_t i) const;
  void setOutput(size_t i, Value value);
  llvm::ArrayRef<Value> outputs() const { return results; }

private:
  const onnx::AttributeProto *attr(llvm::StringRef name) const;

  ModelImporter &model;
  const onnx::NodeProto &node;
  llvm::ArrayRef<Value> inputs;
  OpBuilder &builder;
  int64_t opset;
  const AttributeBindings *bindings;
  const ValueScope &valueScope;
  llvm::SmallVector<Value> results;
};

} // namespace mlir::seqc::onnx_import

#endif // SEQC_FRONTEND_ONNX_NODEIMPORTER_H
