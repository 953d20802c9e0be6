// What each --emit kind writes, for a model with two entry points.
// RUN: rm -rf %t && mkdir -p %t/obj %t/lib %t/hdr
//
// mlir (the default output is stdout): the final LLVM-dialect module.
// RUN: seqc %s --emit=mlir --name=kinds | FileCheck %s --check-prefix=MLIR
//
// llvm: LLVM IR, with the two entry glue functions and one exported symbol.
// RUN: seqc %s --emit=llvm --name=kinds -o %t/kinds.ll
// RUN: FileCheck %s --check-prefix=LLVM < %t/kinds.ll
//
// asm: x86-64 assembly.
// RUN: seqc %s --emit=asm --name=kinds | FileCheck %s --check-prefix=ASM
//
// header: <name>.h and seqc_runtime.h next to the -o path; they compile as
// C99 and C++ with all warnings as errors.
// RUN: seqc %s --emit=header -o %t/hdr/kinds.h
// RUN: FileCheck %s --check-prefix=HEADER < %t/hdr/kinds.h
// RUN: cmp %t/hdr/seqc_runtime.h %seqc_src/runtime/seqc_runtime.h
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -I%t/hdr -c %S/Inputs/use_header.c -o %t/hdr/use_c.o
// RUN: %cc -x c++ -std=c++11 -Wall -Wextra -Werror -pedantic -I%t/hdr -c %S/Inputs/use_header.c -o %t/hdr/use_cxx.o
//
// obj: a relocatable object with the header; the runtime is not in it.
// RUN: seqc %s --emit=obj -o %t/obj/kinds.o
// RUN: test -f %t/obj/kinds.h && test -f %t/obj/seqc_runtime.h
// RUN: llvm-readelf -h %t/obj/kinds.o | FileCheck %s --check-prefix=OBJ-ELF
// RUN: llvm-nm %t/obj/kinds.o | FileCheck %s --check-prefix=OBJ
//
// lib (the default): a shared library with the runtime linked in, which
// exports the model, the default model and the seqc_* API, and nothing of
// the OpenMP ABI it implements; it needs only libc and libm.
// RUN: seqc %s -o %t/lib/libkinds.so
// RUN: test -f %t/lib/kinds.h && test -f %t/lib/seqc_runtime.h
// RUN: llvm-readelf -h %t/lib/libkinds.so | FileCheck %s --check-prefix=LIB-ELF
// RUN: nm -D --defined-only %t/lib/libkinds.so | FileCheck %s --check-prefix=LIB
// RUN: nm -D %t/lib/libkinds.so | not grep -e __kmpc -e omp_
// RUN: readelf -d %t/lib/libkinds.so | FileCheck %s --check-prefix=NEEDED
// RUN: readelf -d %t/lib/libkinds.so | grep NEEDED \
// RUN:   | not grep -v -E '\[(libc|libm|libpthread|ld-linux-x86-64)\.so(\.[0-9]+)*\]'
// RUN: ldd %t/lib/libkinds.so | FileCheck %s --check-prefix=LDD
// The header and the library link into a program.
// RUN: %cc -std=c99 -I%t/lib %S/Inputs/use_header.c -L%t/lib -lkinds -Wl,-rpath,%t/lib -o %t/lib/use
// RUN: %t/lib/use

func.func @conv(%x: tensor<1x4x8xf32> {seqc.name = "x"},
                %w: tensor<4x3xf32> {seqc.name = "w"})
    -> (tensor<1x4x8xf32> {seqc.name = "y"}) {
  %y = seq.causal_conv1d %x, %w activation<silu>
      : (tensor<1x4x8xf32>, tensor<4x3xf32>) -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

func.func @norm(%x: tensor<1x4x8xf32>, %g: tensor<8xf32>) -> tensor<1x4x8xf32> {
  %y = seq.rms_norm %x, %g : (tensor<1x4x8xf32>, tensor<8xf32>) -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// A private function is a helper, not an entry point.
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// MLIR:     llvm.func internal @conv(
// MLIR:     omp.parallel
// MLIR:     llvm.func internal @norm(
// MLIR:     llvm.func internal @kinds__conv__entry(%{{.*}}: !llvm.ptr)
// MLIR:     llvm.func internal @kinds__norm__entry(%{{.*}}: !llvm.ptr)
// MLIR:     llvm.mlir.global internal constant @kinds__signature("model kinds\0Aentry conv 2 1\0Ainput x f32 3 1 4 8\0Ainput w f32 2 4 3\0Aoutput y f32 3 1 4 8\0Aentry norm 2 1\0Ainput arg0 f32 3 1 4 8\0Ainput arg1 f32 1 8\0Aoutput result0 f32 3 1 4 8\0A\00")
// MLIR:     llvm.mlir.global internal constant @kinds__entries() {{.*}} : !llvm.array<2 x ptr>
// MLIR:     llvm.func @kinds_model_def() -> !llvm.ptr
// Only libraries export seqc_default_model_def.
// MLIR-NOT: seqc_default_model_def

// LLVM:     target triple = "x86_64-
// LLVM:     define internal void @kinds__conv__entry(ptr
// LLVM:     define internal void @kinds__norm__entry(ptr
// LLVM:     define {{.*}}ptr @kinds_model_def()
// LLVM:     declare {{.*}}@__kmpc_fork_call(
// LLVM-NOT: seqc_default_model_def

// ASM:      .globl kinds_model_def
// ASM:      kinds_model_def:
// ASM:      .section ".note.GNU-stack"

// HEADER:      #ifndef SEQC_MODEL_KINDS_H
// HEADER:      #include "seqc_runtime.h"
// HEADER:      extern "C" {
// HEADER:      const seqc_model_def *kinds_model_def(void);
// HEADER:      /* Entry point `conv`.
// HEADER-NEXT:  *   input  x: f32 [1, 4, 8]
// HEADER-NEXT:  *   input  w: f32 [4, 3]
// HEADER-NEXT:  *   output y: f32 [1, 4, 8]
// HEADER-NEXT:  * A call allocates at most {{[0-9]+}} bytes of temporaries. */
// HEADER-NEXT: #define KINDS_CONV_NUM_INPUTS 2
// HEADER-NEXT: #define KINDS_CONV_NUM_OUTPUTS 1
// HEADER-NEXT: #define KINDS_CONV_WORKSPACE_BYTES {{[0-9]+}}
// HEADER-NEXT: static inline seqc_status kinds_conv(seqc_model *seqc_instance, const float *x, const float *w, float *y) {
// HEADER:        return seqc_model_run(seqc_instance, "conv", seqc_inputs, 2, seqc_outputs, 1);
// Unnamed values are arg<i> and result<i>.
// HEADER:      /* Entry point `norm`.
// HEADER-NEXT:  *   input  arg0: f32 [1, 4, 8]
// HEADER-NEXT:  *   input  arg1: f32 [8]
// HEADER-NEXT:  *   output result0: f32 [1, 4, 8]
// HEADER:      #define KINDS_NORM_NUM_INPUTS 2
// HEADER:      static inline seqc_status kinds_norm(seqc_model *seqc_instance, const float *arg0, const float *arg1, float *result0) {
// HEADER-NOT:  helper
// HEADER:      #endif /* SEQC_MODEL_KINDS_H */

// OBJ-ELF: Type: REL
// OBJ:     U __kmpc_fork_call
// OBJ:     t kinds__conv__entry
// OBJ:     t kinds__norm__entry
// OBJ:     T kinds_model_def
// OBJ-NOT: seqc_default_model_def
// OBJ-NOT: seqc_model_run

// LIB-ELF: Type: DYN
// LIB-DAG: T kinds_model_def
// LIB-DAG: T seqc_default_model_def
// LIB-DAG: T seqc_model_create
// LIB-DAG: T seqc_model_run
// LIB-DAG: T seqc_model_destroy

// NEEDED-DAG: (NEEDED) Shared library: [libc.so.6]
// NEEDED-DAG: (NEEDED) Shared library: [libm.so.6]

// LDD:     libc.so.6
// LDD-NOT: not found
