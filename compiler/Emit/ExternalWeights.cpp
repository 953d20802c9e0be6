//===- ExternalWeights.cpp - Weights in a file beside the library ---------===//

#include "compiler/Emit/ExternalWeights.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::seqc;

static constexpr uint64_t kAlignment = 64;

/// A zero-initialized mutable global of `type`.
static LLVM::GlobalOp buildZeroGlobal(OpBuilder &builder, Location loc,
                                      StringRef symbol, Type type) {
  auto global =
      LLVM::GlobalOp::create(builder, loc, type, /*isConstant=*/false,
                             LLVM::Linkage::Internal, symbol, Attribute());
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(
      builder.createBlock(&global.getInitializerRegion()));
  Value zero = LLVM::ZeroOp::create(builder, loc, type);
  LLVM::ReturnOp::create(builder, loc, zero);
  return global;
}

FailureOr<ExternalWeights>
mlir::seqc::externalizeWeights(ModuleOp module, llvm::StringRef modelName,
                               llvm::StringRef path, uint64_t minBytes) {
  std::error_code ec;
  llvm::raw_fd_ostream file(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return module.emitError()
           << "cannot write the weights file " << path << ": " << ec.message();

  MLIRContext *context = module.getContext();
  Location loc = module.getLoc();
  OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
  auto ptr = LLVM::LLVMPointerType::get(context);
  ExternalWeights weights;
  weights.fileName = llvm::sys::path::filename(path).str();
  weights.baseSymbol = (modelName + "__weights_base").str();
  weights.usersSymbol = (modelName + "__weights_users").str();
  LLVM::GlobalOp base = buildZeroGlobal(builder, loc, weights.baseSymbol, ptr);
  buildZeroGlobal(builder, loc, weights.usersSymbol,
                  IntegerType::get(context, 64));

  // Offsets of the moved globals, in file order.
  llvm::StringMap<uint64_t> offsets;
  SmallVector<LLVM::GlobalOp> moved;
  for (auto global : module.getOps<LLVM::GlobalOp>()) {
    auto dense = dyn_cast_or_null<DenseElementsAttr>(global.getValueOrNull());
    if (!global.getConstant() || !dense || dense.isSplat())
      continue;
    ArrayRef<char> data = dense.getRawData();
    if (data.size() < minBytes)
      continue;
    uint64_t offset = llvm::alignTo(weights.size, kAlignment);
    file.write_zeros(offset - weights.size);
    file.write(data.data(), data.size());
    weights.size = offset + data.size();
    offsets[global.getSymName()] = offset;
    moved.push_back(global);
  }
  file.close();
  if (file.has_error())
    return module.emitError() << "cannot write the weights file " << path
                              << ": " << file.error().message();

  // Each use of a moved global becomes base + offset.
  SmallVector<LLVM::AddressOfOp> uses;
  module.walk([&](LLVM::AddressOfOp op) {
    if (offsets.count(op.getGlobalName()))
      uses.push_back(op);
  });
  for (LLVM::AddressOfOp use : uses) {
    builder.setInsertionPoint(use);
    Value slot = LLVM::AddressOfOp::create(builder, use.getLoc(), base);
    Value start = LLVM::LoadOp::create(builder, use.getLoc(), ptr, slot);
    Value address = LLVM::GEPOp::create(
        builder, use.getLoc(), ptr, builder.getI8Type(), start,
        ArrayRef<LLVM::GEPArg>{(int64_t)offsets[use.getGlobalName()]});
    use.replaceAllUsesWith(address);
    use.erase();
  }
  for (LLVM::GlobalOp global : moved)
    global.erase();
  return weights;
}
