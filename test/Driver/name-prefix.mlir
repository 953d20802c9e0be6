// The model name prefixes every exported symbol (<name>_model_def), the
// header (<name>.h, its wrappers and macros) and the internal symbols. It
// is --name, else derived from the output file (without a `lib` prefix and
// the extension, other characters than [A-Za-z0-9_] as `_`), else from the
// input file when the output is stdout.
// RUN: rm -rf %t && mkdir -p %t/named %t/derived %t/cwd %t/digit
//
// RUN: seqc %s --name=my_model -o %t/named/libwhatever.so
// RUN: nm -D --defined-only %t/named/libwhatever.so | FileCheck %s --check-prefix=NAMED
// RUN: FileCheck %s --check-prefix=NAMED-H < %t/named/my_model.h
// RUN: not test -f %t/named/whatever.h
//
// RUN: seqc %s -o %t/derived/libtiny-block.v2.so
// RUN: nm -D --defined-only %t/derived/libtiny-block.v2.so | FileCheck %s --check-prefix=DERIVED
// RUN: FileCheck %s --check-prefix=DERIVED-H < %t/derived/tiny_block_v2.h
//
// A leading digit gets a `model_` prefix.
// RUN: seqc %s --emit=obj -o %t/digit/2layer.o
// RUN: llvm-nm %t/digit/2layer.o | FileCheck %s --check-prefix=DIGIT
// RUN: test -f %t/digit/model_2layer.h
//
// Without -o, the library goes to the working directory as lib<name>.so
// with <name> from the input file.
// RUN: cd %t/cwd && seqc %s
// RUN: ls %t/cwd | FileCheck %s --check-prefix=CWD
// RUN: seqc %s --emit=mlir | FileCheck %s --check-prefix=STDOUT

func.func @forward(%x: tensor<2x16xf32> {seqc.name = "x"}, %g: tensor<16xf32> {seqc.name = "gain"})
    -> (tensor<2x16xf32> {seqc.name = "y"}) {
  %y = seq.rms_norm %x, %g : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// NAMED:     T my_model_model_def
// NAMED:     T seqc_default_model_def
// NAMED-H:   #ifndef SEQC_MODEL_MY_MODEL_H
// NAMED-H:   const seqc_model_def *my_model_model_def(void);
// NAMED-H:   #define MY_MODEL_FORWARD_NUM_INPUTS 2
// NAMED-H:   #define MY_MODEL_FORWARD_NUM_OUTPUTS 1
// NAMED-H:   static inline seqc_status my_model_forward(seqc_model *seqc_instance, const float *x, const float *gain, float *y)

// DERIVED:   T seqc_default_model_def
// DERIVED:   T tiny_block_v2_model_def
// DERIVED-H: static inline seqc_status tiny_block_v2_forward(

// DIGIT:     t model_2layer__forward__entry
// DIGIT:     T model_2layer_model_def

// CWD:      libname_prefix.so
// CWD-NEXT: name_prefix.h
// CWD-NEXT: seqc_runtime.h
// CWD-EMPTY:

// STDOUT:   llvm.mlir.global internal constant @name_prefix__signature("model name_prefix\0A
// STDOUT:   llvm.func @name_prefix_model_def()
