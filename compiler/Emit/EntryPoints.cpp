//===- EntryPoints.cpp - Runtime glue in the LLVM dialect -----------------===//

#include "compiler/Emit/EntryPoints.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace mlir::seqc;

/// Must match SEQC_ABI_VERSION in runtime/seqc_runtime.h.
static constexpr int32_t kAbiVersion = 2;

std::string mlir::seqc::modelDefSymbol(llvm::StringRef modelName) {
  return (modelName + "_model_def").str();
}

/// `void <model>__<entry>__entry(ptr descriptors)`: loads one descriptor
/// pointer per argument and calls the entry's C interface.
static LLVM::LLVMFuncOp buildWrapper(OpBuilder &builder, Location loc,
                                     const std::string &symbol,
                                     LLVM::LLVMFuncOp cInterface) {
  MLIRContext *context = builder.getContext();
  auto ptr = LLVM::LLVMPointerType::get(context);
  auto type =
      LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(context), {ptr});
  auto wrapper = LLVM::LLVMFuncOp::create(builder, loc, symbol, type,
                                          LLVM::Linkage::Internal);
  OpBuilder::InsertionGuard guard(builder);
  Block *entry = wrapper.addEntryBlock(builder);
  builder.setInsertionPointToStart(entry);
  SmallVector<Value> arguments;
  unsigned count = cInterface.getFunctionType().getNumParams();
  for (unsigned i = 0; i < count; ++i) {
    Value slot =
        LLVM::GEPOp::create(builder, loc, ptr, ptr, entry->getArgument(0),
                            ArrayRef<LLVM::GEPArg>{(int32_t)i});
    arguments.push_back(LLVM::LoadOp::create(builder, loc, ptr, slot));
  }
  LLVM::CallOp::create(builder, loc, cInterface, arguments);
  LLVM::ReturnOp::create(builder, loc, ValueRange());
  return wrapper;
}

/// A global whose initializer region builds `type` from `build`.
static LLVM::GlobalOp
buildConstantGlobal(OpBuilder &builder, Location loc, StringRef symbol,
                    Type type, function_ref<Value(OpBuilder &)> build) {
  auto global =
      LLVM::GlobalOp::create(builder, loc, type, /*isConstant=*/true,
                             LLVM::Linkage::Internal, symbol, Attribute());
  OpBuilder::InsertionGuard guard(builder);
  Block *block = builder.createBlock(&global.getInitializerRegion());
  builder.setInsertionPointToStart(block);
  LLVM::ReturnOp::create(builder, loc, build(builder));
  return global;
}

/// `ptr <symbol>()` returning the address of `target`.
static void buildAccessor(OpBuilder &builder, Location loc, StringRef symbol,
                          LLVM::GlobalOp target) {
  auto ptr = LLVM::LLVMPointerType::get(builder.getContext());
  auto accessor = LLVM::LLVMFuncOp::create(builder, loc, symbol,
                                           LLVM::LLVMFunctionType::get(ptr, {}),
                                           LLVM::Linkage::External);
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(accessor.addEntryBlock(builder));
  Value address = LLVM::AddressOfOp::create(builder, loc, target);
  LLVM::ReturnOp::create(builder, loc, address);
}

LogicalResult mlir::seqc::emitEntryPoints(ModuleOp module,
                                          const ModelSignature &signature,
                                          bool exportDefault,
                                          const ExternalWeights *weights) {
  MLIRContext *context = module.getContext();
  Location loc = module.getLoc();
  OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
  auto ptr = LLVM::LLVMPointerType::get(context);
  auto i32 = IntegerType::get(context, 32);
  std::string prefix = signature.name + "__";

  // Everything compiled so far is private to this model.
  for (auto func : module.getOps<LLVM::LLVMFuncOp>())
    if (!func.isExternal())
      func.setLinkage(LLVM::Linkage::Internal);

  SmallVector<LLVM::LLVMFuncOp> wrappers;
  for (const EntrySignature &entry : signature.entries) {
    std::string cInterfaceName = "_mlir_ciface_" + entry.name;
    auto cInterface = module.lookupSymbol<LLVM::LLVMFuncOp>(cInterfaceName);
    if (!cInterface)
      return module.emitError() << "entry point `" << entry.name
                                << "` lost its C interface in lowering";
    size_t expected = entry.inputs.size() + entry.outputs.size();
    if (cInterface.getFunctionType().getNumParams() != expected)
      return module.emitError()
             << "entry point `" << entry.name << "` takes "
             << cInterface.getFunctionType().getNumParams()
             << " buffers after lowering, expected " << expected;
    wrappers.push_back(buildWrapper(
        builder, loc, prefix + entry.name + "__entry", cInterface));
  }

  std::string text = signature.text();
  text.push_back('\0');
  auto textType =
      LLVM::LLVMArrayType::get(IntegerType::get(context, 8), text.size());
  auto textGlobal = LLVM::GlobalOp::create(
      builder, loc, textType, /*isConstant=*/true, LLVM::Linkage::Internal,
      prefix + "signature", builder.getStringAttr(text));

  auto tableType = LLVM::LLVMArrayType::get(ptr, wrappers.size());
  auto table = buildConstantGlobal(
      builder, loc, prefix + "entries", tableType, [&](OpBuilder &b) {
        Value array = LLVM::UndefOp::create(b, loc, tableType);
        for (auto [i, wrapper] : llvm::enumerate(wrappers)) {
          Value address = LLVM::AddressOfOp::create(b, loc, wrapper);
          array = LLVM::InsertValueOp::create(b, loc, array, address,
                                              ArrayRef<int64_t>{(int64_t)i});
        }
        return array;
      });

  LLVM::GlobalOp weightsName;
  if (weights) {
    std::string name = weights->fileName;
    name.push_back('\0');
    weightsName = LLVM::GlobalOp::create(
        builder, loc,
        LLVM::LLVMArrayType::get(IntegerType::get(context, 8), name.size()),
        /*isConstant=*/true, LLVM::Linkage::Internal, prefix + "weights_file",
        builder.getStringAttr(name));
  }

  // struct seqc_model_def { u32 abi_version; u32 num_entries;
  //   const char *signature; entries table *; const char *weights_file;
  //   u64 weights_size; const void **weights_base; i64 *weights_users; }
  auto i64 = IntegerType::get(context, 64);
  auto defType = LLVM::LLVMStructType::getLiteral(
      context, {i32, i32, ptr, ptr, ptr, i64, ptr, ptr});
  auto def = buildConstantGlobal(
      builder, loc, prefix + "model_def_data", defType, [&](OpBuilder &b) {
        Value value = LLVM::UndefOp::create(b, loc, defType);
        auto addressOr = [&](StringRef symbol) -> Value {
          if (!weights)
            return LLVM::ZeroOp::create(b, loc, ptr);
          return LLVM::AddressOfOp::create(b, loc, ptr, symbol);
        };
        Value fields[] = {
            LLVM::ConstantOp::create(b, loc, i32, kAbiVersion),
            LLVM::ConstantOp::create(b, loc, i32, (int32_t)wrappers.size()),
            LLVM::AddressOfOp::create(b, loc, textGlobal),
            LLVM::AddressOfOp::create(b, loc, table),
            weights ? LLVM::AddressOfOp::create(b, loc, weightsName).getResult()
                    : LLVM::ZeroOp::create(b, loc, ptr).getResult(),
            LLVM::ConstantOp::create(b, loc, i64,
                                     (int64_t)(weights ? weights->size : 0)),
            addressOr(weights ? weights->baseSymbol : ""),
            addressOr(weights ? weights->usersSymbol : "")};
        for (auto [i, field] : llvm::enumerate(fields))
          value = LLVM::InsertValueOp::create(b, loc, value, field,
                                              ArrayRef<int64_t>{(int64_t)i});
        return value;
      });

  buildAccessor(builder, loc, modelDefSymbol(signature.name), def);
  if (exportDefault)
    buildAccessor(builder, loc, kDefaultModelDefSymbol, def);
  return success();
}
