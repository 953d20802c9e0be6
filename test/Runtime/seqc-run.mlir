// seqc-run: signature, random and .npy inputs, output files, checks,
// timing, threads and model names. Inputs/conv_data.py writes the inputs
// and expected output of Inputs/conv.mlir.
// RUN: rm -rf %t && mkdir -p %t/cwd
// RUN: seqc %S/Inputs/conv.mlir -o %t/libconv.so
// RUN: %python %S/Inputs/conv_data.py %t/data
// RUN: seqc-run --help | FileCheck %s --check-prefix=HELP
//
// RUN: seqc-run %t/libconv.so --print-signature | FileCheck %s --check-prefix=SIG
//
// Inputs in order, or by name in any order; outputs go to --output-dir
// (created) as <output name>.npy, checked against expected files.
// RUN: seqc-run %t/libconv.so %t/data/x.npy %t/data/weight.npy %t/data/bias.npy \
// RUN:   --output-dir %t/out/npy --check %t/data/y.npy | FileCheck %s --check-prefix=MATCH
// RUN: seqc-run %t/libconv.so bias=%t/data/bias.npy x=%t/data/x.npy weight=%t/data/weight.npy \
// RUN:   --output-dir %t/out/named --check %t/data/y.npy | FileCheck %s --check-prefix=MATCH
// RUN: cmp %t/out/npy/y.npy %t/out/named/y.npy
// The output directory defaults to the working directory.
// RUN: cd %t/cwd && seqc-run %t/libconv.so %t/data/x.npy %t/data/weight.npy %t/data/bias.npy
// RUN: cmp %t/cwd/y.npy %t/out/npy/y.npy
//
// A mismatch names the first bad element and exits with status 1; a
// larger tolerance accepts it.
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/libconv.so \
// RUN:   %t/data/x.npy %t/data/weight.npy %t/data/bias.npy --output-dir %t/out/off \
// RUN:   --check %t/data/y_off.npy | FileCheck %s --check-prefix=MISMATCH
// RUN: seqc-run %t/libconv.so %t/data/x.npy %t/data/weight.npy %t/data/bias.npy \
// RUN:   --output-dir %t/out/off --check %t/data/y_off.npy --atol 0.02 | FileCheck %s --check-prefix=MATCH
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/libconv.so --random-inputs \
// RUN:   --output-dir %t/out/off --check %t/data/y.npy %t/data/y.npy | FileCheck %s --check-prefix=NUM-CHECKS
//
// Random inputs are reproducible for a seed and differ between seeds.
// RUN: seqc-run %t/libconv.so --random-inputs --seed 7 --output-dir %t/out/seed7a
// RUN: seqc-run %t/libconv.so --random-inputs --seed=7 --output-dir %t/out/seed7b
// RUN: seqc-run %t/libconv.so --random-inputs --seed 8 --output-dir %t/out/seed8
// RUN: cmp %t/out/seed7a/y.npy %t/out/seed7b/y.npy
// RUN: not cmp -s %t/out/seed7a/y.npy %t/out/seed8/y.npy
// A given file takes precedence over a random input.
// RUN: seqc-run %t/libconv.so --random-inputs --seed 7 x=%t/data/x.npy weight=%t/data/weight.npy \
// RUN:   bias=%t/data/bias.npy --check %t/data/y.npy --output-dir %t/out/mixed | FileCheck %s --check-prefix=MATCH
//
// Timing: --repeat N runs N more times and prints the median; --threads 2
// gives the same results as one thread.
// RUN: seqc-run %t/libconv.so --random-inputs --repeat 3 --output-dir %t/out/repeat \
// RUN:   | FileCheck %s --check-prefix=REPEAT
// RUN: seqc-run %t/libconv.so --random-inputs --threads 1 --output-dir %t/out/t1
// RUN: seqc-run %t/libconv.so --random-inputs --threads 2 --output-dir %t/out/t2
// RUN: cmp %t/out/t1/y.npy %t/out/t2/y.npy
// RUN: seqc-run %t/libconv.so %t/data/x.npy %t/data/weight.npy %t/data/bias.npy --threads 2 \
// RUN:   --output-dir %t/out/t2 --check %t/data/y.npy | FileCheck %s --check-prefix=MATCH
//
// --entry picks an entry point; --name picks the model by its prefix: the
// default is seqc_default_model_def, which only libraries seqc linked have.
// RUN: seqc-run %t/libconv.so --entry forward --random-inputs --output-dir %t/out/entry
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/libconv.so --entry backward \
// RUN:   --random-inputs | FileCheck %s --check-prefix=NO-ENTRY
// RUN: seqc %S/Inputs/conv.mlir --name=mine -o %t/libmine.so
// RUN: seqc-run %t/libmine.so --name mine %t/data/x.npy %t/data/weight.npy %t/data/bias.npy \
// RUN:   --output-dir %t/out/mine --check %t/data/y.npy | FileCheck %s --check-prefix=MATCH
// RUN: seqc-run %t/libmine.so --name=mine --print-signature | FileCheck %s --check-prefix=MINE
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/libmine.so --name conv \
// RUN:   --print-signature | FileCheck %s --check-prefix=NO-NAME
// Two models in one library of the user's own making, with no default.
// RUN: seqc %S/Inputs/two_a.mlir --emit=obj --name=a -o %t/a.o
// RUN: seqc %S/Inputs/two_b.mlir --emit=obj --name=b -o %t/b.o
// RUN: %cc -shared -o %t/libab.so %t/a.o %t/b.o -Wl,--whole-archive %seqc_runtime_lib \
// RUN:   -Wl,--no-whole-archive -lm -lpthread
// RUN: seqc-run %t/libab.so --name a --print-signature | FileCheck %s --check-prefix=AB-A
// RUN: seqc-run %t/libab.so --name b --print-signature | FileCheck %s --check-prefix=AB-B
// RUN: seqc-run %t/libab.so --name b --random-inputs --output-dir %t/out/ab
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/libab.so --print-signature \
// RUN:   | FileCheck %s --check-prefix=NO-DEFAULT
//
// Bad command lines.
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run | FileCheck %s --check-prefix=NO-LIB
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/libconv.so --frobnicate \
// RUN:   | FileCheck %s --check-prefix=BAD-FLAG
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/libconv.so --random-inputs \
// RUN:   --repeat 0 | FileCheck %s --check-prefix=BAD-REPEAT
// RUN: %python %seqc_src/test/Driver/Inputs/exit_code.py seqc-run %t/libconv.so \
// RUN:   | FileCheck %s --check-prefix=NO-INPUTS

// HELP: usage: seqc-run LIB.so [inputs.npy | NAME=inputs.npy ...] [--entry NAME]

// SIG:      model conv
// SIG-NEXT: entry forward
// SIG-NEXT:   input #0 x: f32 [2, 8, 16]
// SIG-NEXT:   input #1 weight: f32 [8, 4]
// SIG-NEXT:   input #2 bias: f32 [8]
// SIG-NEXT:   output #0 y: f32 [2, 8, 16]
// SIG-EMPTY:

// MATCH:      output #0 `y`: max abs error {{.*}}, max rel error {{.*}}
// MATCH-NEXT: seqc-run: all outputs match

// MISMATCH:      output #0 `y`: max abs error 0.01, max rel error {{.*}}, MISMATCH first at [1, 2, 5]: got {{.*}}, expected {{.*}}
// MISMATCH-NEXT: seqc-run: 1 of 1 outputs do not match
// MISMATCH-NEXT: [exit 1]

// NUM-CHECKS:      seqc-run: --check needs 1 files (one per output of `forward`), got 2
// NUM-CHECKS-NEXT: [exit 1]

// REPEAT: seqc-run: `forward` median latency {{[0-9.]+}} ms over 3 runs (min {{[0-9.]+}} ms)

// NO-ENTRY:      seqc-run: model `conv` has no entry `backward`
// NO-ENTRY-NEXT: [exit 1]

// MINE: model mine
// NO-NAME:      seqc-run: {{.*}}libmine.so has no function `conv_model_def`
// NO-NAME-NEXT: [exit 1]

// AB-A:      model a
// AB-A-NEXT: entry main
// AB-A-NEXT:   input #0 x: f32 [1, 4, 8]
// AB-B:      model b
// AB-B-NEXT: entry main
// AB-B-NEXT:   input #0 x: f32 [3, 16]
// NO-DEFAULT:      seqc-run: {{.*}}libab.so has no function `seqc_default_model_def` (give the model with --name)
// NO-DEFAULT-NEXT: [exit 1]

// NO-LIB:          seqc-run: no model library given (see --help)
// NO-LIB-NEXT:     [exit 1]
// BAD-FLAG:        seqc-run: unknown option '--frobnicate' (see --help)
// BAD-FLAG-NEXT:   [exit 1]
// BAD-REPEAT:      seqc-run: --repeat expects an integer >= 1, got '0'
// BAD-REPEAT-NEXT: [exit 1]
// NO-INPUTS:       seqc-run: entry `forward` needs input #0 `x`: give a .npy file or --random-inputs
// NO-INPUTS-NEXT:  [exit 1]
