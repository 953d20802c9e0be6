//===- Compile.cpp - Compiling one model file -----------------------------===//

#include "compiler/Driver/Compile.h"

#include "compiler/Emit/EntryPoints.h"
#include "compiler/Emit/HeaderWriter.h"
#include "compiler/Emit/Linker.h"
#include "compiler/Emit/ModelSignature.h"
#include "compiler/Emit/ObjectEmitter.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
using namespace mlir::seqc;

std::optional<EmitKind> mlir::seqc::parseEmitKind(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<EmitKind>>(name)
      .Case("lib", EmitKind::Library)
      .Case("obj", EmitKind::Object)
      .Case("asm", EmitKind::Assembly)
      .Case("llvm", EmitKind::LLVMIR)
      .Case("mlir", EmitKind::MLIR)
      .Case("header", EmitKind::Header)
      .Default(std::nullopt);
}

std::string mlir::seqc::modelNameFromPath(llvm::StringRef path) {
  llvm::StringRef stem = llvm::sys::path::stem(path);
  if (stem.starts_with("lib") && stem.size() > 3)
    stem = stem.drop_front(3);
  std::string name;
  for (char c : stem)
    name.push_back(llvm::isAlnum(c) ? c : '_');
  if (name.empty() || llvm::isDigit(name.front()))
    name = "model_" + name;
  return name;
}

namespace {

/// Where errors that belong to no line of the input are reported: they
/// print as "seqc: error: ...".
Location toolLoc(MLIRContext &context) {
  return NameLoc::get(StringAttr::get(&context, "seqc"));
}

/// Writes text outputs atomically; "-" is stdout.
LogicalResult writeFile(MLIRContext &context, llvm::StringRef path,
                        function_ref<void(llvm::raw_ostream &)> write) {
  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> file = openOutputFile(path, &error);
  if (!file)
    return emitError(toolLoc(context)) << error;
  write(file->os());
  file->keep();
  return success();
}

class Compilation {
public:
  Compilation(MLIRContext &context, DriverOptions options)
      : context(context), options(std::move(options)) {}

  LogicalResult run();

private:
  LogicalResult load();
  LogicalResult runPhase(Phase phase, TimingScope &timing);
  LogicalResult dumpPhase(Phase phase);
  LogicalResult writeModule(llvm::StringRef path);
  LogicalResult writeHeader(llvm::StringRef directory);
  LogicalResult writeMachineCode();
  LogicalResult finishLLVMPhase();
  std::string defaultOutput() const;
  std::string outputDirectory() const;

  MLIRContext &context;
  DriverOptions options;
  OwningOpRef<ModuleOp> module;
  ModelSignature signature;
};

std::string Compilation::defaultOutput() const {
  const std::string &name = options.compile.modelName;
  switch (options.emit) {
  case EmitKind::Library:
    return "lib" + name + ".so";
  case EmitKind::Object:
    return name + ".o";
  case EmitKind::Header:
    return name + ".h";
  default:
    return "-";
  }
}

std::string Compilation::outputDirectory() const {
  std::string output = options.outputPath.empty() || options.outputPath == "-"
                           ? defaultOutput()
                           : options.outputPath;
  llvm::StringRef directory = llvm::sys::path::parent_path(output);
  return directory.empty() ? "." : directory.str();
}

/// Moves the weights out when asked, then adds the runtime glue.
LogicalResult Compilation::finishLLVMPhase() {
  std::optional<ExternalWeights> weights;
  if (options.externalWeights) {
    llvm::SmallString<256> path(outputDirectory());
    llvm::sys::path::append(path, options.compile.modelName + ".weights");
    FailureOr<ExternalWeights> written =
        externalizeWeights(*module, options.compile.modelName, path);
    if (failed(written))
      return failure();
    weights = *written;
    if (options.verbose)
      llvm::errs() << "seqc: wrote " << weights->size << " bytes of weights to "
                   << path << "\n";
  }
  return emitEntryPoints(*module, signature, options.emit == EmitKind::Library,
                         weights ? &*weights : nullptr);
}

LogicalResult Compilation::load() {
  llvm::StringRef path = options.inputPath;
  if (path.ends_with(".onnx")) {
    module = importOnnxModel(context, path, options.onnx);
    return success(bool(module));
  }
  if (!options.onnx.inputShapes.empty())
    return emitError(toolLoc(context)) << "--shape applies to ONNX models only";
  std::string error;
  std::unique_ptr<llvm::MemoryBuffer> buffer = openInputFile(path, &error);
  if (!buffer)
    return emitError(toolLoc(context)) << error;
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return failure();
  return verify(*module);
}

LogicalResult Compilation::runPhase(Phase phase, TimingScope &timing) {
  if (phasePipeline(phase, options.compile).empty())
    return success();
  PassManager pm(&context, ModuleOp::getOperationName());
  if (failed(applyPassManagerCLOptions(pm)))
    return failure();
  TimingScope phaseTiming = timing.nest(phaseName(phase));
  pm.enableTiming(phaseTiming);
  if (failed(buildPhasePipeline(pm, phase, options.compile)))
    return emitError(toolLoc(context))
           << "cannot build the pipeline of phase " << phaseName(phase);
  return pm.run(*module);
}

LogicalResult Compilation::dumpPhase(Phase phase) {
  if (options.dumpPhasesDir.empty())
    return success();
  if (std::error_code ec =
          llvm::sys::fs::create_directories(options.dumpPhasesDir))
    return emitError(toolLoc(context))
           << "cannot create " << options.dumpPhasesDir << ": " << ec.message();
  llvm::SmallString<256> path(options.dumpPhasesDir);
  llvm::sys::path::append(path, std::to_string(static_cast<int>(phase)) + "-" +
                                    phaseName(phase).str() + ".mlir");
  return writeModule(path);
}

LogicalResult Compilation::writeModule(llvm::StringRef path) {
  return writeFile(context, path,
                   [&](llvm::raw_ostream &os) { module->print(os); });
}

LogicalResult Compilation::writeHeader(llvm::StringRef directory) {
  llvm::SmallString<256> header(directory), runtime(directory);
  llvm::sys::path::append(header, signature.name + ".h");
  llvm::sys::path::append(runtime, "seqc_runtime.h");
  if (failed(writeFile(context, header, [&](llvm::raw_ostream &os) {
        writeModelHeader(signature, options.inputPath, os);
      })))
    return failure();
  return writeFile(context, runtime,
                   [&](llvm::raw_ostream &os) { os << runtimeHeaderText(); });
}

LogicalResult Compilation::writeMachineCode() {
  std::string output =
      options.outputPath.empty() ? defaultOutput() : options.outputPath;
  llvm::StringRef directory = llvm::sys::path::parent_path(output);
  if (directory.empty())
    directory = ".";

  if (options.emit == EmitKind::LLVMIR || options.emit == EmitKind::Assembly) {
    std::string error;
    auto file = openOutputFile(output, &error);
    if (!file)
      return emitError(toolLoc(context)) << error;
    if (failed(emitMachineCode(*module, options.compile,
                               options.emit == EmitKind::LLVMIR
                                   ? MachineOutput::LLVMIR
                                   : MachineOutput::Assembly,
                               file->os())))
      return failure();
    file->keep();
    return success();
  }

  // Object or library: the object goes to the output or to a temporary.
  llvm::SmallString<128> objectPath(output);
  if (options.emit == EmitKind::Library &&
      llvm::sys::fs::createTemporaryFile("seqc", "o", objectPath))
    return emitError(toolLoc(context))
           << "cannot create a temporary object file";
  {
    std::string error;
    auto file = openOutputFile(objectPath, &error);
    if (!file)
      return emitError(toolLoc(context)) << error;
    if (failed(emitMachineCode(*module, options.compile, MachineOutput::Object,
                               file->os())))
      return failure();
    file->keep();
  }
  if (options.emit == EmitKind::Library) {
    if (options.verbose)
      llvm::errs() << "seqc: linking " << output << "\n";
    std::string error;
    LogicalResult linked =
        linkSharedLibrary(objectPath, options.runtimeArchive, output, error);
    llvm::sys::fs::remove(objectPath);
    if (failed(linked))
      return emitError(toolLoc(context)) << error;
  }
  return writeHeader(directory);
}

LogicalResult Compilation::run() {
  if (options.outputPath == "-" &&
      (options.emit == EmitKind::Library || options.emit == EmitKind::Object) &&
      !options.compileTo)
    return emitError(toolLoc(context))
           << "cannot write a "
           << (options.emit == EmitKind::Library ? "shared library"
                                                 : "object file")
           << " to stdout; give a file with -o";
  // Outputs may go into folders that do not exist yet.
  if (!options.outputPath.empty() && options.outputPath != "-") {
    llvm::StringRef parent = llvm::sys::path::parent_path(options.outputPath);
    if (!parent.empty())
      if (std::error_code ec = llvm::sys::fs::create_directories(parent))
        return emitError(toolLoc(context))
               << "cannot create " << parent << ": " << ec.message();
  }
  if (failed(validateTarget(options.compile)))
    return emitError(toolLoc(context))
           << "unknown CPU '" << options.compile.cpu
           << "' (try native, x86-64-v3 or x86-64-v4)";
  if (options.compile.modelName.empty() || !options.explicitName)
    options.compile.modelName = modelNameFromPath(
        options.outputPath.empty() || options.outputPath == "-"
            ? options.inputPath
            : options.outputPath);
  if (!isCIdentifier(options.compile.modelName))
    return emitError(toolLoc(context)) << "--name=" << options.compile.modelName
                                       << " is not a C identifier";
  if (failed(load()))
    return failure();

  DefaultTimingManager timingManager;
  applyDefaultTimingManagerCLOptions(timingManager);
  TimingScope timing = timingManager.getRootScope();

  // Without --compile-to, `mlir` means the final LLVM-dialect module.
  std::optional<Phase> stopAt = options.compileTo;
  if (!stopAt && options.emit == EmitKind::MLIR)
    stopAt = Phase::LLVM;
  for (Phase phase : allPhases()) {
    if (phase == Phase::Object)
      break;
    auto start = std::chrono::steady_clock::now();
    if (failed(runPhase(phase, timing)))
      return failure();
    if (phase == Phase::Input) {
      FailureOr<ModelSignature> collected =
          collectModelSignature(*module, options.compile.modelName);
      if (failed(collected))
        return failure();
      signature = std::move(*collected);
    }
    if (phase == Phase::Bufferized)
      measureWorkspaces(*module, signature);
    if (phase == Phase::LLVM && failed(finishLLVMPhase()))
      return failure();
    if (options.verbose) {
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - start)
                    .count();
      llvm::errs() << "seqc: phase " << phaseName(phase) << " done (" << ms
                   << " ms)\n";
    }
    if (failed(dumpPhase(phase)))
      return failure();
    if (stopAt && *stopAt == phase)
      return writeModule(options.outputPath.empty() ? "-" : options.outputPath);
    if (options.emit == EmitKind::Header && phase == Phase::Bufferized) {
      std::string output =
          options.outputPath.empty() ? defaultOutput() : options.outputPath;
      llvm::StringRef directory = llvm::sys::path::parent_path(output);
      return writeHeader(directory.empty() ? "." : directory);
    }
  }
  return writeMachineCode();
}

} // namespace

LogicalResult mlir::seqc::compileFile(MLIRContext &context,
                                      DriverOptions options) {
  return Compilation(context, std::move(options)).run();
}
