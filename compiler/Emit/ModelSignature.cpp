//===- ModelSignature.cpp - Entry points of a compiled model --------------===//

#include "compiler/Emit/ModelSignature.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::seqc;

int64_t ValueSignature::numElements() const {
  int64_t count = 1;
  for (int64_t size : shape)
    count *= size;
  return count;
}

bool mlir::seqc::isCIdentifier(llvm::StringRef name) {
  if (name.empty() || llvm::isDigit(name.front()))
    return false;
  return llvm::all_of(name,
                      [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

bool mlir::seqc::isReservedName(llvm::StringRef name) {
  static const char *const keywords[] = {
      "auto",     "break",    "case",      "char",     "const",     "continue",
      "default",  "do",       "double",    "else",     "enum",      "extern",
      "float",    "for",      "goto",      "if",       "inline",    "int",
      "long",     "register", "restrict",  "return",   "short",     "signed",
      "sizeof",   "static",   "struct",    "switch",   "typedef",   "union",
      "unsigned", "void",     "volatile",  "while",    "_Bool",     "_Complex",
      "bool",     "true",     "false",     "NULL",     "class",     "delete",
      "new",      "this",     "template",  "typename", "namespace", "operator",
      "private",  "public",   "protected", "virtual",  "friend",    "try",
      "catch",    "throw",    "using"};
  return name.starts_with("seqc_") || llvm::is_contained(keywords, name);
}

/// The runtime's name of an element type, or "" when it cannot pass it.
static std::string dtypeName(Type type) {
  if (type.isF32())
    return "f32";
  if (type.isF64())
    return "f64";
  if (type.isF16())
    return "f16";
  if (type.isBF16())
    return "bf16";
  if (type.isSignlessInteger(8))
    return "i8";
  if (type.isSignlessInteger(32))
    return "i32";
  if (type.isSignlessInteger(64))
    return "i64";
  if (type.isSignlessInteger(16))
    return "i16";
  if (type.isSignlessInteger(1))
    return "bool";
  return "";
}

static FailureOr<ValueSignature> valueSignature(func::FuncOp func,
                                                StringRef kind, unsigned index,
                                                Type type,
                                                DictionaryAttr attrs) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  auto fail = [&]() {
    return func.emitOpError() << "entry point `" << func.getSymName()
                              << "`: " << kind << " #" << index;
  };
  if (!tensor) {
    fail() << " has type " << type
           << "; entry points take and return ranked tensors";
    return failure();
  }
  if (!tensor.hasStaticShape()) {
    fail() << " has dynamic shape " << type
           << "; entry points need static shapes";
    return failure();
  }
  std::string dtype = dtypeName(tensor.getElementType());
  if (dtype.empty()) {
    fail() << " has element type " << tensor.getElementType()
           << ", which the runtime cannot pass (f32, f64, f16, bf16, i8, "
              "i16, i32, i64, bool)";
    return failure();
  }
  ValueSignature value;
  value.name = (kind == "input" ? "arg" : "result") + std::to_string(index);
  if (attrs)
    if (auto name = attrs.getAs<StringAttr>("seqc.name")) {
      if (!isCIdentifier(name.getValue())) {
        fail() << " is named `" << name.getValue()
               << "`, which is not a C identifier";
        return failure();
      }
      if (isReservedName(name.getValue())) {
        fail() << " is named `" << name.getValue()
               << "`, which is reserved (a C/C++ keyword or a seqc_ name)";
        return failure();
      }
      value.name = name.getValue().str();
    }
  value.dtype = dtype;
  value.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
  return value;
}

FailureOr<ModelSignature>
mlir::seqc::collectModelSignature(ModuleOp module, llvm::StringRef modelName) {
  ModelSignature signature;
  signature.name = modelName.str();
  bool ok = true;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isPrivate() || func.isExternal())
      continue;
    EntrySignature entry;
    entry.name = func.getSymName().str();
    if (!isCIdentifier(entry.name) || entry.name == "model_def") {
      func.emitOpError() << "entry point name `" << entry.name
                         << "` is not a C identifier or is reserved "
                            "(model_def)";
      ok = false;
      continue;
    }
    FunctionType type = func.getFunctionType();
    for (auto [i, input] : llvm::enumerate(type.getInputs())) {
      FailureOr<ValueSignature> value =
          valueSignature(func, "input", i, input, func.getArgAttrDict(i));
      ok &= succeeded(value);
      if (succeeded(value))
        entry.inputs.push_back(*value);
    }
    for (auto [i, output] : llvm::enumerate(type.getResults())) {
      FailureOr<ValueSignature> value =
          valueSignature(func, "output", i, output, func.getResultAttrDict(i));
      ok &= succeeded(value);
      if (succeeded(value))
        entry.outputs.push_back(*value);
    }
    func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                  UnitAttr::get(module.getContext()));
    signature.entries.push_back(std::move(entry));
  }
  if (!ok)
    return failure();
  if (signature.entries.empty())
    return module.emitError("the module has no public function to export as "
                            "an entry point");
  return signature;
}

std::string ModelSignature::text() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "model " << name << "\n";
  auto printValue = [&](StringRef kind, const ValueSignature &value) {
    os << kind << " " << value.name << " " << value.dtype << " "
       << value.shape.size();
    for (int64_t size : value.shape)
      os << " " << size;
    os << "\n";
  };
  for (const EntrySignature &entry : entries) {
    os << "entry " << entry.name << " " << entry.inputs.size() << " "
       << entry.outputs.size() << "\n";
    for (const ValueSignature &value : entry.inputs)
      printValue("input", value);
    for (const ValueSignature &value : entry.outputs)
      printValue("output", value);
  }
  return text;
}

void mlir::seqc::measureWorkspaces(ModuleOp bufferized,
                                   ModelSignature &signature) {
  for (EntrySignature &entry : signature.entries) {
    auto func = bufferized.lookupSymbol<func::FuncOp>(entry.name);
    if (!func)
      continue;
    int64_t bytes = 0;
    func.walk([&](memref::AllocOp alloc) {
      MemRefType type = alloc.getType();
      // Index elements (loop bounds kept in buffers) have no fixed width;
      // count them as 64-bit.
      Type element = type.getElementType();
      int64_t width =
          element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 64;
      if (type.hasStaticShape())
        bytes += type.getNumElements() * ((width + 7) / 8);
    });
    entry.workspaceBytes = bytes;
  }
}
