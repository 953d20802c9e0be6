//===- ModelImporter.h - Importing one ONNX model --------------*- C++ -*-===//
//
// Owns what is shared by every node of a model: the file name for
// diagnostics, the opsets, model-local functions, and the conversion of
// TensorProtos (inline or external data) into constants. Graphs are
// imported node by node into a value scope; subgraphs (Scan bodies) and
// function bodies get a nested scope.
//
//===----------------------------------------------------------------------===//

#ifndef SEQC_FRONTEND_ONNX_MODELIMPORTER_H
#define SEQC_FRONTEND_ONNX_MODELIMPORTER_H

#include "frontend/onnx/NodeImporter.h"
#include "frontend/onnx/OnnxImporter.h"

#include "mlir/IR/BuiltinOps.h"

#include <onnx/onnx_pb.h>

namespace mlir::seqc::onnx_import {

/// Names of ONNX values in scope; lookups fall through to the parent, so
/// subgraphs see the values of the graphs around them.
class ValueScope {
public:
  explicit ValueScope(const ValueScope *parent = nullptr) : parent(parent) {}
  Value lookup(llvm::StringRef name) const {
    auto it = values.find(name);
    if (it != values.end())
      return it->second;
    return parent ? parent->lookup(name) : Value();
  }
  bool contains(llvm::StringRef name) const { return bool(lookup(name)); }
  void set(llvm::StringRef name, Value value) { values[name] = value; }

private:
  const ValueScope *parent;
  llvm::StringMap<Value> values;
};

class ModelImporter {
public:
  ModelImporter(MLIRContext &context, llvm::StringRef path,
                const onnx::ModelProto &model,
                const OnnxImportOptions &options);

  /// Builds the module; null after reporting an error.
  OwningOpRef<ModuleOp> run();

  MLIRContext &getContext() { return context; }
  llvm::StringRef getPath() const { return path; }

  /// An error about the model as a whole: "<file>: <message>".
  InFlightDiagnostic error();
  /// The location of ops built for a node: the node's name in the file.
  Location nodeLoc(const onnx::NodeProto &node);

  /// The MLIR element type of an ONNX TensorProto data type, or failure
  /// with an error mentioning `what`.
  FailureOr<Type> elementType(int32_t dataType, llvm::StringRef what);
  /// A constant from a TensorProto (inline data or external_data).
  FailureOr<DenseElementsAttr> tensorAttr(const onnx::TensorProto &tensor,
                                          llvm::StringRef what);

  /// Imports `nodes` in order into `scope`, building at `builder`'s
  /// insertion point. `bindings` resolves attribute references inside a
  /// function body.
  LogicalResult
  importNodes(const google::protobuf::RepeatedPtrField<onnx::NodeProto> &nodes,
              ValueScope &scope, OpBuilder &builder,
              const AttributeBindings *bindings);

private:
  LogicalResult checkOpsets();
  LogicalResult importNode(const onnx::NodeProto &node, ValueScope &scope,
                           OpBuilder &builder,
                           const AttributeBindings *bindings);
  LogicalResult inlineFunction(const onnx::FunctionProto &function,
                               const onnx::NodeProto &node,
                               llvm::ArrayRef<Value> inputs, ValueScope &scope,
                               OpBuilder &builder,
                               const AttributeBindings *bindings);
  FailureOr<RankedTensorType> inputType(const onnx::ValueInfoProto &input);
  FailureOr<llvm::SmallVector<char>>
  readExternalData(const onnx::TensorProto &tensor, llvm::StringRef what);

  MLIRContext &context;
  std::string path;
  const onnx::ModelProto &model;
  const OnnxImportOptions &options;
  /// Opset version per domain ("" is the default domain).
  llvm::StringMap<int64_t> opsets;
  std::map<std::pair<std::string, std::string>, const onnx::FunctionProto *>
      functions;
  /// Nesting of function calls, to refuse recursion.
  llvm::SmallVector<const onnx::FunctionProto *> callStack;
};

} // namespace mlir::seqc::onnx_import

#endif // SEQC_FRONTEND_ONNX_MODELIMPORTER_H
