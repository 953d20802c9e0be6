# -*- Python -*-
# lit configuration for seqc: FileCheck tests of the dialect, passes,
# conversions, frontend and driver. Numeric end-to-end tests live in
# Integration/ and compare against the NumPy references in reference/.

import os

import lit.formats
from lit.llvm import llvm_config

config.name = "seqc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.seqc_obj_root, "test")
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py",
                   "reference", "unit", "docs", "Inputs"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))
llvm_config.with_system_environment(["HOME", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

# FileCheck, not, count, split-file come from LLVM's tools; seqc's own
# tools from the build tree.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
tool_dirs = [config.seqc_tools_dir, config.llvm_tools_dir]
tools = ["seqc", "seqc-opt", "seqc-run"]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# Building C programs against generated code: the runtime archive and the
# C compiler (tests that embed a model in an application).
config.substitutions.append(
    ("%seqc_runtime_lib", os.path.join(config.seqc_obj_root, "lib",
                                       "libseqc_runtime.a")))
config.substitutions.append(("%seqc_src", config.seqc_src_root))
# lit's defaults already map %python to the interpreter running lit; the
# tests need the venv's (numpy), so replace that entry.
config.substitutions = [(name, value) for name, value in config.substitutions
                        if name != "%python"]
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%cc", "cc"))
