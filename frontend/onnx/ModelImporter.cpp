//===- ModelImporter.cpp - Importing one ONNX model -----------------------===//

#include "frontend/onnx/ModelImporter.h"
#include "frontend/onnx/ShapeFolding.h"

#include "compiler/Emit/ModelSignature.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace mlir::seqc;
using namespace mlir::seqc::onnx_import;

/// Domains whose ops are imported natively; "" is ai.onnx.
static bool isKnownDomain(llvm::StringRef domain) {
  return domain.empty() || domain == "com.microsoft" || domain == "seqc";
}

static std::string domainName(llvm::StringRef domain) {
  return domain.empty() ? "ai.onnx" : domain.str();
}

static llvm::StringRef normalizeDomain(llvm::StringRef domain) {
  return domain == "ai.onnx" ? llvm::StringRef() : domain;
}

/// A C identifier for an ONNX value name ("input.1" -> "input_1").
static std::string cIdentifier(llvm::StringRef name) {
  std::string id;
  for (char c : name)
    id.push_back(llvm::isAlnum(c) ? c : '_');
  if (id.empty() || llvm::isDigit(id.front()))
    id = "v_" + id;
  if (llvm::StringRef(id).starts_with("seqc_"))
    id = "v_" + id;
  return id;
}

/// Unique C identifiers for a list of names; names the generated header
/// reserves (keywords) get a suffix.
static llvm::SmallVector<std::string>
uniqueIdentifiers(llvm::ArrayRef<std::string> names, llvm::StringSet<> &taken) {
  llvm::SmallVector<std::string> ids;
  for (const std::string &name : names) {
    std::string id = cIdentifier(name);
    if (isReservedName(id))
      id += "_";
    std::string unique = id;
    for (int n = 1; !taken.insert(unique).second; ++n)
      unique = id + "_" + std::to_string(n);
    ids.push_back(unique);
  }
  return ids;
}

ModelImporter::ModelImporter(MLIRContext &context, llvm::StringRef path,
                             const onnx::ModelProto &model,
                             const OnnxImportOptions &options)
    : context(context), path(path.str()), model(model), options(options) {}

InFlightDiagnostic ModelImporter::error() {
  return emitError(NameLoc::get(StringAttr::get(&context, path)));
}

Location ModelImporter::nodeLoc(const onnx::NodeProto &node) {
  std::string name = node.name().empty()
                         ? node.op_type() + "(" +
                               (node.output_size() ? node.output(0) : "") + ")"
                         : node.name();
  return NameLoc::get(StringAttr::get(&context, name),
                      NameLoc::get(StringAttr::get(&context, path)));
}

FailureOr<Type> ModelImporter::elementType(int32_t dataType,
                                           llvm::StringRef what) {
  Builder b(&context);
  switch (dataType) {
  case onnx::TensorProto::FLOAT:
    return b.getF32Type();
  case onnx::TensorProto::DOUBLE:
    return b.getF64Type();
  case onnx::TensorProto::FLOAT16:
    return b.getF16Type();
  case onnx::TensorProto::BFLOAT16:
    return b.getBF16Type();
  case onnx::TensorProto::INT8:
    return b.getIntegerType(8);
  case onnx::TensorProto::INT16:
    return b.getIntegerType(16);
  case onnx::TensorProto::INT32:
    return b.getIntegerType(32);
  case onnx::TensorProto::INT64:
    return b.getIntegerType(64);
  case onnx::TensorProto::BOOL:
    return b.getI1Type();
  default:
    break;
  }
  llvm::StringRef name = "unknown";
  if (onnx::TensorProto_DataType_IsValid(dataType))
    name = onnx::TensorProto_DataType_Name(
        static_cast<onnx::TensorProto_DataType>(dataType));
  error() << what << " has element type " << llvm::StringRef(name).lower()
          << " (" << dataType
          << "), which seqc does not support (float, double, float16, "
             "bfloat16, int8, int16, int32, int64 and bool are)";
  return failure();
}

FailureOr<llvm::SmallVector<char>>
ModelImporter::readExternalData(const onnx::TensorProto &tensor,
                                llvm::StringRef what) {
  std::string location;
  uint64_t offset = 0;
  std::optional<uint64_t> length;
  for (const onnx::StringStringEntryProto &entry : tensor.external_data()) {
    uint64_t value = 0;
    if (entry.key() == "location") {
      location = entry.value();
    } else if (entry.key() == "offset" || entry.key() == "length") {
      if (llvm::StringRef(entry.value()).getAsInteger(10, value)) {
        error() << what << ": external_data " << entry.key() << " '"
                << entry.value() << "' is not a number";
        return failure();
      }
      if (entry.key() == "offset")
        offset = value;
      else
        length = value;
    }
  }
  // Like onnx.checker, data must live next to the model.
  if (location.empty() || llvm::sys::path::is_absolute(location) ||
      llvm::StringRef(location).contains("..")) {
    error() << what << ": external_data location '" << location
            << "' must be a relative path inside the model's folder";
    return failure();
  }
  llvm::SmallString<256> file(llvm::sys::path::parent_path(path));
  llvm::sys::path::append(file, location);
  auto buffer = llvm::MemoryBuffer::getFile(file, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    error() << what << ": cannot read external data file " << file << ": "
            << buffer.getError().message();
    return failure();
  }
  uint64_t size = (*buffer)->getBufferSize();
  uint64_t count = length ? *length : (offset <= size ? size - offset : 0);
  if (offset > size || count > size - offset) {
    error() << what << ": external data [" << offset << ", " << offset + count
            << ") lies outside " << file << " (" << size << " bytes)";
    return failure();
  }
  const char *start = (*buffer)->getBufferStart() + offset;
  return llvm::SmallVector<char>(start, start + count);
}

template <typename T, typename Field>
static llvm::SmallVector<T> convertField(const Field &field) {
  llvm::SmallVector<T> values;
  for (auto v : field)
    values.push_back(static_cast<T>(v));
  return values;
}

FailureOr<DenseElementsAttr>
ModelImporter::tensorAttr(const onnx::TensorProto &tensor,
                          llvm::StringRef what) {
  FailureOr<Type> elementType = this->elementType(tensor.data_type(), what);
  if (failed(elementType))
    return failure();
  llvm::SmallVector<int64_t> shape;
  int64_t count = 1;
  for (int64_t dim : tensor.dims()) {
    if (dim < 0 || (dim > 0 && count > (int64_t(1) << 40) / dim)) {
      error() << what << " has an invalid shape (dim " << dim << ")";
      return failure();
    }
    shape.push_back(dim);
    count *= dim;
  }
  auto type = RankedTensorType::get(shape, *elementType);
  bool isBool = elementType->isInteger(1);
  unsigned width = isBool ? 1 : elementType->getIntOrFloatBitWidth() / 8;

  auto fromBytes =
      [&](llvm::ArrayRef<char> bytes) -> FailureOr<DenseElementsAttr> {
    if (static_cast<int64_t>(bytes.size()) != count * width) {
      error() << what << " has " << bytes.size() << " bytes of data; " << type
              << " needs " << count * width;
      return failure();
    }
    if (isBool) {
      llvm::SmallVector<bool> values;
      for (char c : bytes)
        values.push_back(c != 0);
      return DenseElementsAttr::get(type, llvm::ArrayRef<bool>(values));
    }
    return DenseElementsAttr::getFromRawBuffer(type, bytes);
  };

  if (tensor.data_location() == onnx::TensorProto::EXTERNAL) {
    FailureOr<llvm::SmallVector<char>> bytes = readExternalData(tensor, what);
    if (failed(bytes))
      return failure();
    return fromBytes(*bytes);
  }
  if (tensor.has_raw_data())
    return fromBytes(llvm::ArrayRef<char>(tensor.raw_data().data(),
                                          tensor.raw_data().size()));

  // Typed fields: check the count first.
  auto checkCount = [&](int64_t have) -> LogicalResult {
    if (have == count)
      return success();
    error() << what << " has " << have << " values; " << type << " needs "
            << count;
    return failure();
  };
  switch (tensor.data_type()) {
  case onnx::TensorProto::FLOAT:
    if (failed(checkCount(tensor.float_data_size())))
      return failure();
    return DenseElementsAttr::get(
        type, llvm::ArrayRef<float>(convertField<float>(tensor.float_data())));
  case onnx::TensorProto::DOUBLE:
    if (failed(checkCount(tensor.double_data_size())))
      return failure();
    return DenseElementsAttr::get(
        type,
        llvm::ArrayRef<double>(convertField<double>(tensor.double_data())));
  case onnx::TensorProto::INT64:
    if (failed(checkCount(tensor.int64_data_size())))
      return failure();
    return DenseElementsAttr::get(
        type,
        llvm::ArrayRef<int64_t>(convertField<int64_t>(tensor.int64_data())));
  case onnx::TensorProto::INT32:
    if (failed(checkCount(tensor.int32_data_size())))
      return failure();
    return DenseElementsAttr::get(
        type,
        llvm::ArrayRef<int32_t>(convertField<int32_t>(tensor.int32_data())));
  case onnx::TensorProto::INT16:
    if (failed(checkCount(tensor.int32_data_size())))
      return failure();
    return DenseElementsAttr::get(
        type,
        llvm::ArrayRef<int16_t>(convertField<int16_t>(tensor.int32_data())));
  case onnx::TensorProto::INT8:
    if (failed(checkCount(tensor.int32_data_size())))
      return failure();
    return DenseElementsAttr::get(
        type,
        llvm::ArrayRef<int8_t>(convertField<int8_t>(tensor.int32_data())));
  case onnx::TensorProto::BOOL: {
    if (failed(checkCount(tensor.int32_data_size())))
      return failure();
    llvm::SmallVector<bool> values;
    for (int32_t v : tensor.int32_data())
      values.push_back(v != 0);
    return DenseElementsAttr::get(type, llvm::ArrayRef<bool>(values));
  }
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::BFLOAT16: {
    // The 16 bits of each value are stored in int32_data.
    if (failed(checkCount(tensor.int32_data_size())))
      return failure();
    llvm::SmallVector<char> bytes;
    for (int32_t v : tensor.int32_data()) {
      bytes.push_back(static_cast<char>(v & 0xff));
      bytes.push_back(static_cast<char>((v >> 8) & 0xff));
    }
    return fromBytes(bytes);
  }
  default:
    break;
  }
  error() << what << ": cannot read its data";
  return failure();
}

LogicalResult ModelImporter::checkOpsets() {
  for (const onnx::OperatorSetIdProto &opset : model.opset_import())
    opsets[normalizeDomain(opset.domain())] = opset.version();
  auto it = opsets.find("");
  if (it == opsets.end()) {
    error() << "the model imports no opset of the default domain (ai.onnx)";
    return failure();
  }
  if (it->second < kMinOnnxOpset || it->second > kMaxOnnxOpset) {
    error() << "opset " << it->second
            << " of the default domain is out of range; seqc imports opsets "
            << kMinOnnxOpset << " to " << kMaxOnnxOpset
            << " (convert older models with onnx.version_converter)";
    return failure();
  }
  for (const onnx::FunctionProto &function : model.functions())
    functions[{normalizeDomain(function.domain()).str(), function.name()}] =
        &function;
  return success();
}

FailureOr<RankedTensorType>
ModelImporter::inputType(const onnx::ValueInfoProto &input) {
  const std::string &name = input.name();
  if (!input.type().has_tensor_type()) {
    error() << "graph input '" << name
            << "' is not a tensor (sequences, maps and optionals are not "
               "supported)";
    return failure();
  }
  const onnx::TypeProto::Tensor &tensor = input.type().tensor_type();
  FailureOr<Type> elementType =
      this->elementType(tensor.elem_type(), "graph input '" + name + "'");
  if (failed(elementType))
    return failure();
  auto given = options.inputShapes.find(name);
  if (!tensor.has_shape() && given == options.inputShapes.end()) {
    error() << "graph input '" << name
            << "' has no shape; give it with --shape " << name << "=DxDx...";
    return failure();
  }
  llvm::SmallVector<int64_t> shape;
  if (given != options.inputShapes.end()) {
    shape = given->second;
    if (tensor.has_shape() &&
        tensor.shape().dim_size() != static_cast<int>(shape.size())) {
      error() << "--shape " << name << " gives rank " << shape.size()
              << ", but the graph input has rank " << tensor.shape().dim_size();
      return failure();
    }
    if (tensor.has_shape())
      for (auto [i, dim] : llvm::enumerate(tensor.shape().dim()))
        if (dim.has_dim_value() && dim.dim_value() != shape[i]) {
          error() << "--shape " << name << " gives dim " << i << " = "
                  << shape[i] << ", but the graph input fixes it to "
                  << dim.dim_value();
          return failure();
        }
    return RankedTensorType::get(shape, *elementType);
  }
  for (auto [i, dim] : llvm::enumerate(tensor.shape().dim())) {
    if (dim.has_dim_value() && dim.dim_value() >= 0) {
      shape.push_back(dim.dim_value());
      continue;
    }
    auto diag = error() << "graph input '" << name << "' has a dynamic dim "
                        << i;
    if (dim.has_dim_param())
      diag << " ('" << dim.dim_param() << "')";
    diag << "; fix its shape with --shape " << name << "=";
    for (auto [j, d] : llvm::enumerate(tensor.shape().dim()))
      diag << (j ? "x" : "")
           << (d.has_dim_value() ? std::to_string(d.dim_value())
                                 : std::string("N"));
    return failure();
  }
  return RankedTensorType::get(shape, *elementType);
}

LogicalResult ModelImporter::importNodes(
    const google::protobuf::RepeatedPtrField<onnx::NodeProto> &nodes,
    ValueScope &scope, OpBuilder &builder, const AttributeBindings *bindings) {
  for (const onnx::NodeProto &node : nodes)
    if (failed(importNode(node, scope, builder, bindings)))
      return failure();
  return success();
}

LogicalResult ModelImporter::importNode(const onnx::NodeProto &node,
                                        ValueScope &scope, OpBuilder &builder,
                                        const AttributeBindings *bindings) {
  auto nodeError = [&]() {
    InFlightDiagnostic diag = error();
    diag << "node '" << node.name() << "' (" << node.op_type() << "): ";
    return diag;
  };
  llvm::SmallVector<Value> inputs;
  for (const std::string &name : node.input()) {
    if (name.empty()) {
      inputs.push_back(Value());
      continue;
    }
    Value value = scope.lookup(name);
    if (!value) {
      nodeError() << "input '" << name
                  << "' is not defined (no graph input, initializer or "
                     "earlier node produces it)";
      return failure();
    }
    inputs.push_back(value);
  }

  llvm::StringRef domain = normalizeDomain(node.domain());
  auto function = functions.find({domain.str(), node.op_type()});
  OpImportFn importer = OpRegistry::get().lookup(domain, node.op_type());
  if (!importer && function == functions.end()) {
    if (!isKnownDomain(domain) && !opsets.count(domain))
      nodeError() << "unknown domain '" << domain << "'";
    else
      nodeError() << "unsupported op " << domainName(domain) << "."
                  << node.op_type()
                  << " (docs/onnx-support.md lists what is supported)";
    return failure();
  }
  if (!importer)
    return inlineFunction(*function->second, node, inputs, scope, builder,
                          bindings);

  auto opset = opsets.find(domain);
  int64_t version = opset != opsets.end() ? opset->second : 1;
  OpBuilder::InsertionGuard guard(builder);
  NodeImporter nodeImporter(*this, node, inputs, builder, version, bindings,
                            scope);
  if (!foldShapeNode(nodeImporter) && failed(importer(nodeImporter)))
    return failure();
  for (auto [i, name] : llvm::enumerate(node.output())) {
    if (name.empty())
      continue;
    Value value =
        i < nodeImporter.outputs().size() ? nodeImporter.outputs()[i] : Value();
    if (!value) {
      nodeError() << "output #" << i << " ('" << name << "') is not supported";
      return failure();
    }
    scope.set(name, value);
  }
  return success();
}

LogicalResult ModelImporter::inlineFunction(const onnx::FunctionProto &function,
                                            const onnx::NodeProto &node,
                                            llvm::ArrayRef<Value> inputs,
                                            ValueScope &scope,
                                            OpBuilder &builder,
                                            const AttributeBindings *bindings) {
  if (llvm::is_contained(callStack, &function)) {
    error() << "node '" << node.name() << "' (" << node.op_type()
            << "): function " << function.name() << " calls itself";
    return failure();
  }
  // The body sees only its formal parameters (not the caller's values).
  ValueScope body;
  for (auto [i, name] : llvm::enumerate(function.input()))
    if (i < inputs.size() && inputs[i])
      body.set(name, inputs[i]);
  AttributeBindings callBindings;
  for (const onnx::AttributeProto &attr : node.attribute()) {
    const onnx::AttributeProto *bound = &attr;
    // A call inside a function may itself forward a reference.
    if (attr.has_ref_attr_name() && bindings) {
      auto it = bindings->find(attr.ref_attr_name());
      bound = it != bindings->end() ? it->second : nullptr;
    }
    if (bound)
      callBindings[attr.name()] = bound;
  }
  callStack.push_back(&function);
  LogicalResult result =
      importNodes(function.node(), body, builder, &callBindings);
  callStack.pop_back();
  if (failed(result))
    return failure();
  for (auto [i, name] : llvm::enumerate(node.output())) {
    if (name.empty())
      continue;
    Value value = i < static_cast<size_t>(function.output_size())
                      ? body.lookup(function.output(i))
                      : Value();
    if (!value) {
      error() << "node '" << node.name() << "' (" << node.op_type()
              << "): function " << function.name()
              << " does not define output #" << i;
      return failure();
    }
    scope.set(name, value);
  }
  return success();
}

OwningOpRef<ModuleOp> ModelImporter::run() {
  if (!model.has_graph()) {
    error() << "the model has no graph";
    return nullptr;
  }
  if (failed(checkOpsets()))
    return nullptr;
  const onnx::GraphProto &graph = model.graph();
  for (const auto &[name, shape] : options.inputShapes)
    if (llvm::none_of(graph.input(), [&, name = name](const auto &input) {
          return input.name() == name;
        })) {
      error() << "--shape names '" << name << "', which is not a graph input";
      return nullptr;
    }
  if (graph.sparse_initializer_size()) {
    error() << "sparse initializers are not supported ('"
            << graph.sparse_initializer(0).values().name() << "')";
    return nullptr;
  }

  Location fileLoc = NameLoc::get(StringAttr::get(&context, path));
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  OpBuilder builder(&context);
  builder.setInsertionPointToEnd(module->getBody());

  // Graph inputs that are initializers are weights, not arguments.
  llvm::StringSet<> initializerNames;
  for (const onnx::TensorProto &init : graph.initializer())
    initializerNames.insert(init.name());
  llvm::SmallVector<const onnx::ValueInfoProto *> inputs;
  llvm::SmallVector<Type> argTypes;
  llvm::SmallVector<std::string> argNames;
  for (const onnx::ValueInfoProto &input : graph.input()) {
    if (initializerNames.contains(input.name()))
      continue;
    FailureOr<RankedTensorType> type = inputType(input);
    if (failed(type))
      return nullptr;
    inputs.push_back(&input);
    argTypes.push_back(*type);
    argNames.push_back(input.name());
  }
  if (graph.output_size() == 0) {
    error() << "the graph has no outputs";
    return nullptr;
  }

  auto func = func::FuncOp::create(builder, fileLoc, options.entryName,
                                   builder.getFunctionType(argTypes, {}));
  Block *entry = func.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  ValueScope scope;
  for (auto [i, name] : llvm::enumerate(argNames))
    scope.set(name, entry->getArgument(i));
  for (const onnx::TensorProto &init : graph.initializer()) {
    FailureOr<DenseElementsAttr> value =
        tensorAttr(init, "initializer '" + init.name() + "'");
    if (failed(value))
      return nullptr;
    scope.set(init.name(),
              arith::ConstantOp::create(builder, fileLoc, *value).getResult());
  }
  if (failed(importNodes(graph.node(), scope, builder, nullptr)))
    return nullptr;

  llvm::SmallVector<Value> results;
  llvm::SmallVector<std::string> resultNames;
  for (const onnx::ValueInfoProto &output : graph.output()) {
    Value value = scope.lookup(output.name());
    if (!value) {
      error() << "graph output '" << output.name()
              << "' is produced by no node, input or initializer";
      return nullptr;
    }
    auto type = cast<RankedTensorType>(value.getType());
    if (output.type().has_tensor_type()) {
      const auto &tensor = output.type().tensor_type();
      FailureOr<Type> declared = elementType(
          tensor.elem_type(), "graph output '" + output.name() + "'");
      if (failed(declared))
        return nullptr;
      bool shapeMatches = true;
      if (tensor.has_shape()) {
        shapeMatches = tensor.shape().dim_size() == type.getRank();
        for (auto [i, dim] : llvm::enumerate(tensor.shape().dim()))
          if (shapeMatches && dim.has_dim_value() &&
              dim.dim_value() != type.getDimSize(i))
            shapeMatches = false;
      }
      if (*declared != type.getElementType() || !shapeMatches) {
        error() << "graph output '" << output.name() << "' is declared "
                << "with element type " << *declared
                << (tensor.has_shape() ? " and its shape" : "")
                << ", but the graph computes " << type;
        return nullptr;
      }
    }
    results.push_back(value);
    resultNames.push_back(output.name());
  }
  func::ReturnOp::create(builder, fileLoc, results);
  func.setFunctionType(
      builder.getFunctionType(argTypes, ValueRange(results).getTypes()));

  llvm::StringSet<> taken;
  llvm::SmallVector<std::string> argIds = uniqueIdentifiers(argNames, taken);
  llvm::SmallVector<std::string> resultIds =
      uniqueIdentifiers(resultNames, taken);
  for (auto [i, id] : llvm::enumerate(argIds))
    func.setArgAttr(i, "seqc.name", builder.getStringAttr(id));
  for (auto [i, id] : llvm::enumerate(resultIds))
    func.setResultAttr(i, "seqc.name", builder.getStringAttr(id));
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> mlir::seqc::importOnnxModelFromBuffer(
    MLIRContext &context, llvm::StringRef bytes, llvm::StringRef path,
    const OnnxImportOptions &options) {
  context.loadAllAvailableDialects();
  onnx::ModelProto model;
  if (bytes.size() > static_cast<size_t>(INT32_MAX) ||
      !model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    emitError(NameLoc::get(StringAttr::get(&context, path)))
        << "not a valid ONNX model (the protobuf cannot be parsed; is the "
           "file truncated or corrupt?)";
    return nullptr;
  }
  return ModelImporter(context, path, model, options).run();
}

OwningOpRef<ModuleOp>
mlir::seqc::importOnnxModel(MLIRContext &context, llvm::StringRef path,
                            const OnnxImportOptions &options) {
  auto buffer =
      llvm::MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/false, false);
  if (!buffer) {
    emitError(NameLoc::get(StringAttr::get(&context, path)))
        << "cannot read: " << buffer.getError().message();
    return nullptr;
  }
  return importOnnxModelFromBuffer(context, (*buffer)->getBuffer(), path,
                                   options);
}

std::string mlir::seqc::parseShapeOption(llvm::StringRef text,
                                         OnnxImportOptions &options) {
  auto [name, dims] = text.rsplit('=');
  if (name.empty() || dims.data() == nullptr ||
      text.find('=') == llvm::StringRef::npos)
    return "--shape expects NAME=DIMS such as x=2x128, got '" + text.str() +
           "'";
  llvm::SmallVector<int64_t> shape;
  if (dims != "scalar") {
    llvm::SmallVector<llvm::StringRef> parts;
    dims.split(parts, 'x');
    for (llvm::StringRef part : parts) {
      int64_t dim;
      if (part.getAsInteger(10, dim) || dim < 0)
        return "--shape " + text.str() + ": '" + part.str() +
               "' is not a dim (use e.g. 2x128, or 'scalar')";
      shape.push_back(dim);
    }
  }
  options.inputShapes[name] = shape;
  return "";
}

OpImportFn OpRegistry::lookup(llvm::StringRef domain,
                              llvm::StringRef opType) const {
  auto it = importers.find({domain.str(), opType.str()});
  return it == importers.end() ? nullptr : it->second;
}

const OpRegistry &OpRegistry::get() {
  static const OpRegistry registry = [] {
    OpRegistry r;
    registerElementwiseOps(r);
    registerMatMulOps(r);
    registerReductionOps(r);
    registerNormalizationOps(r);
    registerShapeOps(r);
    registerConvOps(r);
    registerSequenceModelOps(r);
    registerSeqcCustomOps(r);
    registerControlFlowOps(r);
    return r;
  }();
  return registry;
}

std::vector<std::pair<std::string, std::string>>
mlir::seqc::supportedOnnxOps() {
  std::vector<std::pair<std::string, std::string>> ops;
  for (const auto &[key, fn] : OpRegistry::get().all())
    ops.push_back({domainName(key.first), key.second});
  llvm::sort(ops);
  return ops;
}
