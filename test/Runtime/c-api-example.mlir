// The C example of docs/runtime.md (Inputs/c_api_example.c) builds and runs
// against the model of Inputs/conv.mlir, linked both ways:
//
// dynamically, against lib<name>.so (the runtime is inside it),
// RUN: rm -rf %t && mkdir -p %t/static
// RUN: seqc %S/Inputs/conv.mlir -o %t/libconv.so
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -I%t %S/Inputs/c_api_example.c \
// RUN:   -L%t -lconv -Wl,-rpath,%t -lm -o %t/example
// RUN: %t/example | FileCheck %s
// RUN: readelf -d %t/example | FileCheck %s --check-prefix=DYNAMIC
//
// and statically, from the object and the runtime archive.
// RUN: seqc %S/Inputs/conv.mlir --emit=obj -o %t/static/conv.o
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -I%t/static %S/Inputs/c_api_example.c \
// RUN:   %t/static/conv.o %seqc_runtime_lib -lm -lpthread -o %t/static/example
// RUN: %t/static/example | FileCheck %s
// RUN: readelf -d %t/static/example | FileCheck %s --check-prefix=STATIC --implicit-check-not=libconv

// CHECK:      model conv: entry forward, 3 inputs (first: x), 1 outputs
// CHECK-NEXT: wrong call: status 1: entry `forward`: expected 3 inputs, got 2
// CHECK-NEXT: forward matches the C reference (max abs error {{.*}})
// CHECK-EMPTY:

// DYNAMIC: (NEEDED) Shared library: [libconv.so]
// STATIC:  (NEEDED) Shared library: [libc.so.6]
