//===- seqc-run.cpp - Runs an entry point of a compiled model -------------===//
//
// Loads a model library that seqc generated, feeds an entry point .npy or
// random inputs, writes its outputs as .npy files and optionally checks
// them against expected ones or times the entry. It needs only the seqc
// runtime, libdl and libpthread, so it runs where LLVM is not installed.
//
// The model is driven through the runtime copy inside the library when the
// library exports the seqc_* API: the library's parallel loops look up
// their thread pool in that copy's thread-local state, which a second copy
// linked into this tool would not set.
//
//===----------------------------------------------------------------------===//

#include "runtime/seqc_runtime.h"
#include "tools/seqc-run/Npy.h"
#include "tools/seqc-run/Tensor.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <dlfcn.h>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

using namespace seqc;
using namespace seqc::run;

namespace {

/// Any failure: main prints it as one line and exits 1.
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const char *const kUsage =
    "usage: seqc-run LIB.so [inputs.npy | NAME=inputs.npy ...] [--entry NAME]\n"
    "                [--name PREFIX] [--random-inputs] [--seed N]\n"
    "                [--output-dir DIR] [--check expected.npy ...]\n"
    "                [--rtol R] [--atol A] [--repeat N] [--threads N]\n"
    "                [--print-signature]\n"
    "\n"
    "Runs an entry point (default: the first) of a model library. Inputs\n"
    "are given in order or by name, or generated with --random-inputs\n"
    "(uniform in [-1, 1) for floats, [-8, 8) for integers); each output is\n"
    "written to DIR/<output name>.npy. --check takes one expected file per\n"
    "output, up to the next option, and requires\n"
    "|got - want| <= atol + rtol * |want| for every element. bf16 tensors\n"
    "are read from and written to f32 files.\n";

struct Options {
  std::string library;
  std::vector<std::string> inputs; // "path" or "NAME=path"
  std::string entry, prefix, outputDir = ".";
  bool randomInputs = false, printSignature = false;
  uint64_t seed = 0;
  std::vector<std::string> checks;
  double rtol = 1e-4, atol = 1e-5;
  long long repeat = 0, threads = 0;
};

long long parseInteger(const std::string &flag, const std::string &text,
                       long long min) {
  size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception &) {
    used = 0;
  }
  if (used == 0 || used != text.size() || value < min)
    throw Error(flag + " expects an integer >= " + std::to_string(min) +
                ", got '" + text + "'");
  return value;
}

double parseReal(const std::string &flag, const std::string &text) {
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception &) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !(value >= 0))
    throw Error(flag + " expects a number >= 0, got '" + text + "'");
  return value;
}

/// Parses the command line; returns false for --help.
bool parseOptions(int argc, char **argv, Options &options) {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i], value;
    bool hasValue = false;
    if (arg.rfind("--", 0) == 0 && arg.find('=') != std::string::npos) {
      value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
      hasValue = true;
    }
    auto next = [&]() -> std::string {
      if (hasValue)
        return value;
      if (i + 1 >= args.size())
        throw Error(arg + " expects a value");
      return args[++i];
    };
    if (arg == "-h" || arg == "--help")
      return false;
    if (arg == "--entry") {
      options.entry = next();
    } else if (arg == "--name") {
      options.prefix = next();
    } else if (arg == "--random-inputs") {
      options.randomInputs = true;
    } else if (arg == "--seed") {
      options.seed = uint64_t(parseInteger(arg, next(), 0));
    } else if (arg == "--output-dir") {
      options.outputDir = next();
    } else if (arg == "--check") {
      if (hasValue)
        options.checks.push_back(value);
      while (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0)
        options.checks.push_back(args[++i]);
      if (options.checks.empty())
        throw Error("--check expects at least one file");
    } else if (arg == "--rtol") {
      options.rtol = parseReal(arg, next());
    } else if (arg == "--atol") {
      options.atol = parseReal(arg, next());
    } else if (arg == "--repeat") {
      options.repeat = parseInteger(arg, next(), 1);
    } else if (arg == "--threads") {
      options.threads = parseInteger(arg, next(), 0);
      if (options.threads > 4096)
        throw Error("--threads expects at most 4096");
    } else if (arg == "--print-signature") {
      options.printSignature = true;
    } else if (arg.rfind("-", 0) == 0 && arg.size() > 1) {
      throw Error("unknown option '" + arg + "' (see --help)");
    } else if (options.library.empty()) {
      options.library = arg;
    } else {
      options.inputs.push_back(arg);
    }
  }
  if (options.library.empty())
    throw Error("no model library given (see --help)");
  return true;
}

/// The runtime API, from the model library or from this tool's own copy.
struct Api {
  decltype(&seqc_model_create) create = &seqc_model_create;
  decltype(&seqc_model_destroy) destroy = &seqc_model_destroy;
  decltype(&seqc_model_last_error) lastError = &seqc_model_last_error;
  decltype(&seqc_model_name) name = &seqc_model_name;
  decltype(&seqc_model_num_entries) numEntries = &seqc_model_num_entries;
  decltype(&seqc_model_entry) entry = &seqc_model_entry;
  decltype(&seqc_model_run) run = &seqc_model_run;
};

template <typename T> bool lookup(void *handle, const char *name, T &out) {
  void *symbol = dlsym(handle, name);
  if (!symbol)
    return false;
  out = reinterpret_cast<T>(symbol);
  return true;
}

/// The library's own API when it exports one; else this tool's copy, where
/// the library's parallel loops find no thread pool and run on one thread.
Api resolveApi(void *handle, const std::string &library) {
  Api fromLibrary;
  if (lookup(handle, "seqc_model_create", fromLibrary.create) &&
      lookup(handle, "seqc_model_destroy", fromLibrary.destroy) &&
      lookup(handle, "seqc_model_last_error", fromLibrary.lastError) &&
      lookup(handle, "seqc_model_name", fromLibrary.name) &&
      lookup(handle, "seqc_model_num_entries", fromLibrary.numEntries) &&
      lookup(handle, "seqc_model_entry", fromLibrary.entry) &&
      lookup(handle, "seqc_model_run", fromLibrary.run))
    return fromLibrary;
  std::fprintf(stderr,
               "seqc-run: warning: %s does not export the seqc_* API; its "
               "parallel loops will run on one thread\n",
               library.c_str());
  return Api();
}

std::string describe(const char *kind, size_t index,
                     const seqc_value_info &info) {
  return std::string(kind) + " #" + std::to_string(index) + " `" + info.name +
         "`";
}

/// Loads the file given for an input.
Buffer loadInput(const std::string &path, const seqc_value_info &info,
                 const std::string &what) {
  npy::Array array;
  Buffer buffer;
  std::string error;
  if (!npy::read(path, array, error))
    throw Error(error);
  if (!fromNpy(std::move(array), info, what, buffer, error))
    throw Error(path + ": " + error);
  return buffer;
}

/// Compares one output with its expected file; prints a line and returns
/// whether every element is within tolerance.
bool checkOutput(const Buffer &got, size_t index, const std::string &path,
                 const Options &options) {
  const seqc_value_info &info = *got.info;
  std::string what = describe("output", index, info);
  npy::Array want;
  std::string error;
  if (!npy::read(path, want, error))
    throw Error(error);
  if (want.shape.size() != size_t(info.rank) ||
      !std::equal(want.shape.begin(), want.shape.end(), info.shape))
    throw Error(path + ": expected values of " + what + " must have shape " +
                formatShape(info.shape, info.rank) + ", got " +
                formatShape(want.shape.data(), want.shape.size()));
  Comparison result = compare(got, want, options.rtol, options.atol);
  std::printf("%s: max abs error %.3g, max rel error %.3g", what.c_str(),
              result.maxAbsError, result.maxRelError);
  if (result.firstMismatch >= 0)
    std::printf(
        ", MISMATCH first at %s: got %.9g, expected %.9g",
        formatIndex(result.firstMismatch, info.shape, info.rank).c_str(),
        result.mismatchGot, result.mismatchWant);
  std::printf("\n");
  return result.firstMismatch < 0;
}

void printSignature(const Api &api, seqc_model *model) {
  std::printf("model %s\n", api.name(model));
  for (size_t e = 0, n = api.numEntries(model); e < n; ++e) {
    const seqc_entry_info *entry = api.entry(model, e);
    std::printf("entry %s\n", entry->name);
    for (size_t i = 0; i < entry->num_inputs; ++i) {
      const seqc_value_info &v = entry->inputs[i];
      std::printf("  input #%zu %s: %s %s\n", i, v.name,
                  seqc_dtype_name(v.dtype),
                  formatShape(v.shape, v.rank).c_str());
    }
    for (size_t o = 0; o < entry->num_outputs; ++o) {
      const seqc_value_info &v = entry->outputs[o];
      std::printf("  output #%zu %s: %s %s\n", o, v.name,
                  seqc_dtype_name(v.dtype),
                  formatShape(v.shape, v.rank).c_str());
    }
  }
}

/// Picks the file or random values for every input of `entry`.
std::vector<Buffer> prepareInputs(const seqc_entry_info &entry,
                                  const Options &options) {
  std::vector<std::string> paths(entry.num_inputs);
  size_t nextPositional = 0;
  for (const std::string &arg : options.inputs) {
    size_t equals = arg.find('=');
    size_t slot = entry.num_inputs;
    std::string path = arg;
    if (equals != std::string::npos && equals > 0 && arg.find('/') > equals) {
      std::string name = arg.substr(0, equals);
      path = arg.substr(equals + 1);
      for (size_t i = 0; i < entry.num_inputs; ++i)
        if (name == entry.inputs[i].name)
          slot = i;
      if (slot == entry.num_inputs)
        throw Error("entry `" + std::string(entry.name) + "` has no input `" +
                    name + "`");
    } else {
      while (nextPositional < entry.num_inputs &&
             !paths[nextPositional].empty())
        ++nextPositional;
      slot = nextPositional;
      if (slot == entry.num_inputs)
        throw Error("entry `" + std::string(entry.name) + "` takes " +
                    std::to_string(entry.num_inputs) +
                    " inputs; too many files given");
    }
    if (!paths[slot].empty())
      throw Error(describe("input", slot, entry.inputs[slot]) +
                  " is given twice");
    paths[slot] = path;
  }
  std::vector<Buffer> inputs;
  for (size_t i = 0; i < entry.num_inputs; ++i) {
    const seqc_value_info &info = entry.inputs[i];
    if (!paths[i].empty())
      inputs.push_back(loadInput(paths[i], info, describe("input", i, info)));
    else if (options.randomInputs)
      inputs.push_back(randomBuffer(info, options.seed, i));
    else
      throw Error("entry `" + std::string(entry.name) + "` needs " +
                  describe("input", i, info) +
                  ": give a .npy file or --random-inputs");
  }
  return inputs;
}

/// Runs the tool; returns the exit code or throws Error.
int runTool(const Options &options) {
  std::string path = options.library;
  if (path.find('/') == std::string::npos)
    path = "./" + path; // dlopen would search the library path instead.
  void *handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    throw Error("cannot load " + options.library + ": " + dlerror());
  std::string symbol = options.prefix.empty() ? "seqc_default_model_def"
                                              : options.prefix + "_model_def";
  using DefFn = const seqc_model_def *(*)();
  DefFn defFn = nullptr;
  if (!lookup(handle, symbol.c_str(), defFn))
    throw Error(
        options.library + " has no function `" + symbol + "`" +
        (options.prefix.empty() ? " (give the model with --name)" : ""));
  const seqc_model_def *def = defFn();
  Api api = resolveApi(handle, options.library);

  char error[1024] = "";
  seqc_model_options modelOptions = {int32_t(options.threads), error,
                                     sizeof(error)};
  seqc_model *model = nullptr;
  if (api.create(def, &modelOptions, &model) != SEQC_OK)
    throw Error("cannot create the model: " + std::string(error));
  // The model's threads must be joined before the library goes away; the
  // library stays loaded until exit.
  struct Guard {
    const Api &api;
    seqc_model *model;
    ~Guard() { api.destroy(model); }
  } guard{api, model};

  if (options.printSignature) {
    printSignature(api, model);
    return 0;
  }
  const seqc_entry_info *entry = nullptr;
  for (size_t e = 0, n = api.numEntries(model); e < n; ++e)
    if (options.entry.empty() || options.entry == api.entry(model, e)->name) {
      entry = api.entry(model, e);
      break;
    }
  if (!entry)
    throw Error(options.entry.empty()
                    ? "model `" + std::string(api.name(model)) +
                          "` has no entries"
                    : "model `" + std::string(api.name(model)) +
                          "` has no entry `" + options.entry + "`");
  if (!options.checks.empty() && options.checks.size() != entry->num_outputs)
    throw Error("--check needs " + std::to_string(entry->num_outputs) +
                " files (one per output of `" + entry->name + "`), got " +
                std::to_string(options.checks.size()));

  std::vector<Buffer> inputs = prepareInputs(*entry, options);
  std::vector<Buffer> outputs;
  for (size_t o = 0; o < entry->num_outputs; ++o)
    outputs.push_back(allocate(entry->outputs[o]));
  std::vector<seqc_tensor> inTensors, outTensors;
  for (Buffer &buffer : inputs)
    inTensors.push_back(buffer.tensor());
  for (Buffer &buffer : outputs)
    outTensors.push_back(buffer.tensor());
  auto runOnce = [&] {
    if (api.run(model, entry->name, inTensors.data(), inTensors.size(),
                outTensors.data(), outTensors.size()) != SEQC_OK)
      throw Error(api.lastError(model));
  };

  runOnce();
  if (options.repeat > 0) {
    std::vector<double> times;
    for (long long r = 0; r < options.repeat; ++r) {
      auto start = std::chrono::steady_clock::now();
      runOnce();
      auto stop = std::chrono::steady_clock::now();
      times.push_back(
          std::chrono::duration<double, std::milli>(stop - start).count());
    }
    std::sort(times.begin(), times.end());
    size_t mid = times.size() / 2;
    double median =
        times.size() % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
    std::printf("seqc-run: `%s` median latency %.3f ms over %lld runs "
                "(min %.3f ms)\n",
                entry->name, median, options.repeat, times.front());
  }

  std::error_code code;
  std::filesystem::create_directories(options.outputDir, code);
  if (code)
    throw Error("cannot create " + options.outputDir + ": " + code.message());
  for (const Buffer &buffer : outputs) {
    std::string name = buffer.info->name;
    std::replace(name.begin(), name.end(), '/', '_');
    std::string error;
    if (!npy::write(options.outputDir + "/" + name + ".npy", toNpy(buffer),
                    error))
      throw Error(error);
  }

  if (options.checks.empty())
    return 0;
  size_t bad = 0;
  for (size_t o = 0; o < outputs.size(); ++o)
    bad += !checkOutput(outputs[o], o, options.checks[o], options);
  if (bad) {
    std::fflush(stdout);
    std::fprintf(stderr, "seqc-run: %zu of %zu outputs do not match\n", bad,
                 outputs.size());
    return 1;
  }
  std::printf("seqc-run: all outputs match\n");
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  try {
    Options options;
    if (!parseOptions(argc, argv, options)) {
      std::fputs(kUsage, stdout);
      return 0;
    }
    return runTool(options);
  } catch (const std::bad_alloc &) {
    std::fprintf(stderr, "seqc-run: out of memory\n");
  } catch (const std::exception &error) {
    std::fflush(stdout);
    std::fprintf(stderr, "seqc-run: %s\n", error.what());
  }
  return 1;
}
