// Every error is reported as a diagnostic (with the source location where
// there is one) and seqc exits with status 1, without crashing and without
// writing an output.
// RUN: rm -rf %t && split-file %s %t
// RUN: cd %t
//
// RUN: %python %S/Inputs/exit_code.py seqc parse.mlir -o libparse.so | FileCheck %s --check-prefix=PARSE
// RUN: %python %S/Inputs/exit_code.py seqc verify.mlir -o libverify.so | FileCheck %s --check-prefix=VERIFY
// RUN: %python %S/Inputs/exit_code.py seqc dynamic.mlir -o libdynamic.so | FileCheck %s --check-prefix=DYNAMIC
// RUN: %python %S/Inputs/exit_code.py seqc index-arg.mlir -o libindex.so | FileCheck %s --check-prefix=INDEX
// RUN: %python %S/Inputs/exit_code.py seqc memref-arg.mlir -o libmemref.so | FileCheck %s --check-prefix=MEMREF
// RUN: %python %S/Inputs/exit_code.py seqc i4.mlir -o libi4.so | FileCheck %s --check-prefix=I4
// RUN: %python %S/Inputs/exit_code.py seqc bad-name.mlir -o libbadname.so | FileCheck %s --check-prefix=BAD-NAME
// RUN: %python %S/Inputs/exit_code.py seqc no-entry.mlir -o libnoentry.so | FileCheck %s --check-prefix=NO-ENTRY
// RUN: %python %S/Inputs/exit_code.py seqc keyword-name.mlir -o libkeyword.so | FileCheck %s --check-prefix=KEYWORD
// RUN: %python %S/Inputs/exit_code.py seqc reserved-entry.mlir -o libreserved.so | FileCheck %s --check-prefix=RESERVED
// RUN: not ls lib*.so
//
// Command-line errors.
// RUN: %python %S/Inputs/exit_code.py seqc ok.mlir --emit=exe | FileCheck %s --check-prefix=EMIT
// RUN: %python %S/Inputs/exit_code.py seqc ok.mlir --compile-to=codegen | FileCheck %s --check-prefix=COMPILE-TO
// RUN: %python %S/Inputs/exit_code.py seqc ok.mlir --compile-to=obj | FileCheck %s --check-prefix=COMPILE-TO-OBJ
// RUN: %python %S/Inputs/exit_code.py seqc ok.mlir -O5 | FileCheck %s --check-prefix=OPT
// RUN: %python %S/Inputs/exit_code.py seqc ok.mlir --name=my-model | FileCheck %s --check-prefix=NAME
// RUN: %python %S/Inputs/exit_code.py seqc ok.mlir --mcpu=bogus -o libmcpu.so | FileCheck %s --check-prefix=MCPU
// RUN: %python %S/Inputs/exit_code.py seqc missing.mlir | FileCheck %s --check-prefix=MISSING
// RUN: %python %S/Inputs/exit_code.py seqc model.onnx | FileCheck %s --check-prefix=ONNX
// RUN: %python %S/Inputs/exit_code.py seqc ok.mlir --runtime-lib=%t/none.a -o libnort.so | FileCheck %s --check-prefix=RUNTIME
// RUN: %python %S/Inputs/exit_code.py seqc | FileCheck %s --check-prefix=NO-INPUT
// RUN: %python %S/Inputs/exit_code.py seqc ok.mlir -o - | FileCheck %s --check-prefix=STDOUT-LIB
// RUN: not ls lib*.so

//--- parse.mlir
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = arith.addf %x, %x : tensor<4xf32>
  return %y : tensor<4xf32
}
// PARSE:      parse.mlir:3:27: error: expected '>' in tensor type
// PARSE-NEXT:   return %y : tensor<4xf32
// PARSE-NEXT:                           ^
// PARSE-NEXT: [exit 1]

//--- verify.mlir
func.func @f(%x: tensor<2x8x16xf32>, %w: tensor<4x4xf32>) -> tensor<2x8x16xf32> {
  %y = seq.causal_conv1d %x, %w : (tensor<2x8x16xf32>, tensor<4x4xf32>) -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}
// VERIFY:      verify.mlir:2:8: error: 'seq.causal_conv1d' op operand `weight` must have shape [D, W] = [8, ?], got [4, 4]
// VERIFY-NEXT:   %y = seq.causal_conv1d
// VERIFY-NEXT:        ^
// VERIFY-NEXT: [exit 1]

//--- dynamic.mlir
func.func @f(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}
// DYNAMIC:     dynamic.mlir:1:1: error: 'func.func' op entry point `f`: input #0 has dynamic shape 'tensor<?x4xf32>'; entry points need static shapes
// DYNAMIC:     dynamic.mlir:1:1: error: 'func.func' op entry point `f`: output #0 has dynamic shape 'tensor<?x4xf32>'; entry points need static shapes
// DYNAMIC-NOT: see current operation
// DYNAMIC:     [exit 1]

//--- index-arg.mlir
func.func @f(%x: tensor<4xf32>, %n: index) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
// INDEX:      index-arg.mlir:1:1: error: 'func.func' op entry point `f`: input #1 has type 'index'; entry points take and return ranked tensors
// INDEX-NOT:  error:
// INDEX:      [exit 1]

//--- memref-arg.mlir
func.func @f(%x: memref<4xf32>) {
  return
}
// MEMREF:     memref-arg.mlir:1:1: error: 'func.func' op entry point `f`: input #0 has type 'memref<4xf32>'; entry points take and return ranked tensors
// MEMREF:     [exit 1]

//--- i4.mlir
func.func @f(%x: tensor<4xi4>) -> tensor<4xf32> {
  %c = arith.constant dense<0.0> : tensor<4xf32>
  return %c : tensor<4xf32>
}
// I4:         i4.mlir:1:1: error: 'func.func' op entry point `f`: input #0 has element type 'i4', which the runtime cannot pass (f32, f64, f16, bf16, i8, i16, i32, i64, bool)
// I4-NOT:     error:
// I1:         [exit 1]

//--- bad-name.mlir
func.func @f(%x: tensor<4xf32> {seqc.name = "x-in"}) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
// BAD-NAME:   bad-name.mlir:1:1: error: 'func.func' op entry point `f`: input #0 is named `x-in`, which is not a C identifier
// BAD-NAME:   [exit 1]

//--- no-entry.mlir
func.func private @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
// NO-ENTRY:   no-entry.mlir:0:0: error: the module has no public function to export as an entry point
// NO-ENTRY:   [exit 1]

//--- keyword-name.mlir
func.func @f(%x: tensor<4xf32> {seqc.name = "int"}) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
// KEYWORD:      keyword-name.mlir:1:1: error: 'func.func' op entry point `f`: input #0 is named `int`, which is reserved (a C/C++ keyword or a seqc_ name)
// KEYWORD-NEXT: func.func @f
// KEYWORD-NEXT: ^
// KEYWORD-NEXT: [exit 1]

//--- reserved-entry.mlir
func.func @model_def(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
// RESERVED:      reserved-entry.mlir:1:1: error: 'func.func' op entry point name `model_def` is not a C identifier or is reserved (model_def)
// RESERVED:      [exit 1]

//--- ok.mlir
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
// EMIT:            seqc: error: unknown --emit=exe (expected lib, obj, asm, llvm, mlir or header)
// EMIT-NEXT:       [exit 1]
// COMPILE-TO:      seqc: error: unknown --compile-to=codegen (expected input, seq, linalg, bufferized or llvm)
// COMPILE-TO-NEXT: [exit 1]
// COMPILE-TO-OBJ:      seqc: error: unknown --compile-to=obj (expected input, seq, linalg, bufferized or llvm)
// COMPILE-TO-OBJ-NEXT: [exit 1]
// OPT:             seqc: error: -O5 is not 0..3
// OPT-NEXT:        [exit 1]
// NAME:            seqc: error: --name=my-model is not a C identifier
// NAME-NEXT:       [exit 1]
// MCPU:            seqc: error: unknown CPU 'bogus' (try native, x86-64-v3 or x86-64-v4)
// MCPU-NEXT:       [exit 1]
// MISSING:         seqc: error: cannot open input file 'missing.mlir': No such file or directory
// MISSING-NEXT:    [exit 1]
// ONNX:            model.onnx: error: cannot read: No such file or directory
// ONNX-NEXT:       [exit 1]
// RUNTIME:         seqc: error: runtime library not found at {{.*}}none.a (pass --runtime-lib=PATH)
// RUNTIME-NEXT:    [exit 1]
// NO-INPUT:        seqc: error: no input file (seqc model.mlir -o libmodel.so; --help lists the options)
// NO-INPUT:        [exit 1]
// STDOUT-LIB:      seqc: error: cannot write a shared library to stdout; give a file with -o
// STDOUT-LIB-NEXT: [exit 1]
