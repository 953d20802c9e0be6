//===- seqc.cpp - The seqc compiler driver --------------------------------===//
//
// Binds the command line to DriverOptions and calls compileFile; everything
// else lives in compiler/Driver. See docs/seqc.md.
//
//===----------------------------------------------------------------------===//

#include "compiler/Driver/Compile.h"
#include "compiler/Emit/Linker.h"
#include "dialects/seq/IR/SeqDialect.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;
namespace cl = llvm::cl;

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  registerAllPasses();
  seqc::registerSeqcPasses();
  registerPassManagerCLOptions();
  registerMLIRContextCLOptions();
  registerAsmPrinterCLOptions();
  registerDefaultTimingManagerCLOptions();

  cl::OptionCategory category("seqc options");
  cl::opt<std::string> input(
      cl::Positional, cl::desc("<model.onnx | model.mlir>"), cl::cat(category));
  cl::opt<bool> printPipelines(
      "print-pipelines",
      cl::desc("Print the pass pipeline of every phase and exit"),
      cl::cat(category));
  cl::opt<std::string> output(
      "o", cl::desc("Output file ('-' for stdout; default from the name)"),
      cl::value_desc("path"), cl::cat(category));
  cl::opt<std::string> emit(
      "emit",
      cl::desc("What to write: lib (shared library + header, default), obj "
               "(object + header), asm, llvm (LLVM IR), mlir (final IR), "
               "header"),
      cl::init("lib"), cl::cat(category));
  cl::opt<std::string> compileTo(
      "compile-to",
      cl::desc("Stop after this phase and write its IR: input, seq, linalg, "
               "bufferized, llvm"),
      cl::cat(category));
  cl::opt<std::string> dumpPhases(
      "dump-phases", cl::desc("Write the IR after every phase into DIR"),
      cl::value_desc("DIR"), cl::cat(category));
  cl::opt<std::string> name(
      "name",
      cl::desc("Prefix of the exported symbols (<name>_model_def); "
               "default from the output file"),
      cl::cat(category));
  cl::opt<std::string> cpu(
      "mcpu", cl::desc("Target CPU: native (default), x86-64-v3, ..."),
      cl::init("native"), cl::cat(category));
  cl::opt<int64_t> chunkedMinLength(
      "chunked-min-length",
      cl::desc("Shortest sequence that linear attention and SSD run in "
               "their chunked form (default 64; shorter ones stay "
               "recurrent)"),
      cl::init(64), cl::cat(category));
  cl::opt<seqc::CompileOptions::Chunking> chunking(
      "chunking",
      cl::desc("How linear attention and SSD choose their chunked form"),
      cl::values(
          clEnumValN(seqc::CompileOptions::Chunking::Auto, "auto",
                     "by the measured thresholds (default; docs/passes.md)"),
          clEnumValN(seqc::CompileOptions::Chunking::Always, "always",
                     "whenever the chunked form applies"),
          clEnumValN(seqc::CompileOptions::Chunking::Never, "never",
                     "never (the recurrent form everywhere)")),
      cl::init(seqc::CompileOptions::Chunking::Auto), cl::cat(category));
  cl::opt<unsigned> optLevel("O",
                             cl::desc("Optimization level 0..3 (default 2)"),
                             cl::Prefix, cl::init(2), cl::cat(category));
  cl::opt<std::string> runtimeLib(
      "runtime-lib",
      cl::desc("The runtime archive to link (default: "
               "../lib/libseqc_runtime.a next to seqc)"),
      cl::cat(category));
  cl::opt<bool> verbose("v", cl::desc("Print a line per phase"),
                        cl::cat(category));
  cl::opt<std::string> weights(
      "weights",
      cl::desc("embedded (default: constants in the library's .rodata) or "
               "external (in <name>.weights next to the output, mapped by "
               "the runtime at create time)"),
      cl::init("embedded"), cl::cat(category));
  cl::list<std::string> shapes(
      "shape",
      cl::desc("Fix the shape of an ONNX graph input with symbolic dims: "
               "NAME=2x128 (repeatable)"),
      cl::value_desc("NAME=DIMS"), cl::cat(category));
  cl::opt<bool> listOnnxOps(
      "list-onnx-ops",
      cl::desc("Print the ONNX ops the importer supports (domain op) and exit"),
      cl::cat(category));
  cl::ParseCommandLineOptions(argc, argv, "seqc: sequence-model compiler\n");

  seqc::CompileOptions compile;
  compile.cpu = cpu;
  compile.chunkedMinLength = chunkedMinLength;
  compile.chunking = chunking;
  compile.optLevel = optLevel;
  if (printPipelines) {
    // As seqc would run them for these options.
    for (seqc::Phase phase : seqc::allPhases())
      if (!seqc::phasePipeline(phase, compile).empty())
        llvm::outs() << seqc::phaseName(phase) << ": "
                     << seqc::phasePipeline(phase, compile) << "\n";
    return 0;
  }
  if (listOnnxOps) {
    for (const auto &[domain, op] : seqc::supportedOnnxOps())
      llvm::outs() << domain << " " << op << "\n";
    return 0;
  }
  if (input.empty()) {
    llvm::errs() << "seqc: error: no input file (seqc model.mlir -o "
                    "libmodel.so; --help lists the options)\n";
    return 1;
  }

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  registry.insert<seq::SeqDialect>();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // A diagnostic names its location and what is wrong; the offending op's
  // IR follows only when asked for.
  if (cl::getRegisteredOptions()["mlir-print-op-on-diagnostic"]
          ->getNumOccurrences() == 0)
    context.printOpOnDiagnostic(false);
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  // Errors of the tool itself (files, options, linking) are located at
  // NameLoc "seqc": print them as "seqc: error: ...". Handlers registered
  // later run first; others fall through to the source manager's.
  context.getDiagEngine().registerHandler([](Diagnostic &diag) {
    // ONNX models have no line numbers: the importer locates what it
    // reports at NameLoc "<file>" and its ops at NameLoc "<node>"("<file>").
    auto name = dyn_cast<NameLoc>(diag.getLocation());
    if (!name)
      return failure();
    std::string prefix = name.getName().str();
    if (auto file = dyn_cast<NameLoc>(name.getChildLoc()))
      prefix = file.getName().str() + ": node '" + prefix + "'";
    else if (!isa<UnknownLoc>(name.getChildLoc()))
      return failure();
    llvm::errs() << prefix << ": "
                 << (diag.getSeverity() == DiagnosticSeverity::Error ? "error"
                                                                     : "note")
                 << ": " << diag.str() << "\n";
    return success();
  });

  auto fail = [&](const llvm::Twine &message) {
    llvm::errs() << "seqc: error: " << message << "\n";
    return 1;
  };
  seqc::DriverOptions options;
  options.inputPath = input;
  options.outputPath = output;
  std::optional<seqc::EmitKind> kind = seqc::parseEmitKind(emit);
  if (!kind)
    return fail("unknown --emit=" + emit +
                " (expected lib, obj, asm, llvm, mlir or header)");
  options.emit = *kind;
  if (!compileTo.empty()) {
    options.compileTo = seqc::parsePhase(compileTo);
    if (!options.compileTo || *options.compileTo == seqc::Phase::Object ||
        *options.compileTo == seqc::Phase::Library)
      return fail("unknown --compile-to=" + compileTo +
                  " (expected input, seq, linalg, bufferized or llvm)");
  }
  if (optLevel > 3)
    return fail("-O" + std::to_string(optLevel) + " is not 0..3");
  if (weights != "embedded" && weights != "external")
    return fail("unknown --weights=" + weights +
                " (expected embedded or external)");
  options.externalWeights = weights == "external";
  for (const std::string &shape : shapes) {
    std::string error = seqc::parseShapeOption(shape, options.onnx);
    if (!error.empty())
      return fail(error);
  }
  options.dumpPhasesDir = dumpPhases;
  options.verbose = verbose;
  options.explicitName = !name.empty();
  options.compile = compile;
  options.compile.modelName = name;
  options.runtimeArchive =
      runtimeLib.empty()
          ? seqc::defaultRuntimeArchive(
                llvm::sys::fs::getMainExecutable(argv[0], (void *)&main))
          : std::string(runtimeLib);
  return failed(seqc::compileFile(context, options)) ? 1 : 0;
}
