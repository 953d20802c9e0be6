// docs/runtime.md shows Inputs/c_api_example.c, which c-api-example.mlir
// builds and runs; the copy in the doc must be byte-identical to it.
// RUN: %python %seqc_src/test/docs/check_doc_includes.py --root %seqc_src | FileCheck %s
//
// The check fails, naming the file and the difference, when a copy differs,
// when its file is missing, and when no docs include anything.
// RUN: rm -rf %t && split-file %s %t
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py %python %seqc_src/test/docs/check_doc_includes.py \
// RUN:   --root %seqc_src %t/stale.md | FileCheck %s --check-prefix=STALE
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py %python %seqc_src/test/docs/check_doc_includes.py \
// RUN:   --root %seqc_src %t/missing.md | FileCheck %s --check-prefix=MISSING
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py %python %seqc_src/test/docs/check_doc_includes.py \
// RUN:   --root %seqc_src %t/none.md | FileCheck %s --check-prefix=NONE

// CHECK:      docs/runtime.md:{{[0-9]+}}: test/Runtime/Inputs/c_api_example.c: identical
// CHECK-NEXT: check_doc_includes: 1 blocks checked, 0 failed

// STALE:      stale.md:3: the ```c block differs from test/Runtime/Inputs/conv.mlir:
// STALE:      -  %y = seq.causal_conv1d %x, %w bias(%b) activation<silu>
// STALE-NEXT: +  %y = seq.causal_conv1d %x, %w bias(%b)
// STALE:      check_doc_includes: 1 blocks checked, 1 failed
// STALE-NEXT: [exit 1]

// MISSING:      missing.md:1: cannot read test/Runtime/Inputs/nonexistent.c: No such file or directory
// MISSING:      [exit 1]

// NONE:      check_doc_includes: no included block found
// NONE-NEXT: [exit 1]

//--- stale.md
An outdated copy:

<!-- file: test/Runtime/Inputs/conv.mlir -->
```c
// The model of c_api_example.c: a causal depthwise convolution with bias
// and SiLU over [batch 2, channels 8, length 16], kernel width 4.
func.func @forward(%x: tensor<2x8x16xf32> {seqc.name = "x"},
                   %w: tensor<8x4xf32> {seqc.name = "weight"},
                   %b: tensor<8xf32> {seqc.name = "bias"})
    -> (tensor<2x8x16xf32> {seqc.name = "y"}) {
  %y = seq.causal_conv1d %x, %w bias(%b)
      : (tensor<2x8x16xf32>, tensor<8x4xf32>, tensor<8xf32>)
      -> tensor<2x8x16xf32>
  return %y : tensor<2x8x16xf32>
}
```
//--- missing.md
<!-- file: test/Runtime/Inputs/nonexistent.c -->
```c
int main(void) { return 0; }
```
//--- none.md
No included blocks here.
