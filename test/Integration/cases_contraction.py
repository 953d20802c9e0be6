"""Numeric cases of f32 contractions, which the CPU strategy lowers to the
runtime's matmul kernels (docs/cpu-codegen.md).

Shapes are awkward on purpose: M, N, K of 1, primes (37, 97, 1021), sizes
that are no multiple of any register tile (4x8, 6x16, 12x32) or cache
block, small M (the decode path), transposed operands (linalg.matmul with
indexing maps), batch_matmul, ONNX's broadcasting MatMul (a generic whose
batch folds into M), matvec, constant weights (packed at compile time), and
a bias + SiLU + residual epilogue (computed per block of rows when there
are enough rows, else after the whole product), and bf16 inputs with f32
accumulation (extended to f32 for the kernel; a constant bf16 B at compile
time), against the product of the bf16-rounded inputs.
Each runs at --mcpu=native (AVX-512 or AVX2 on the development machines),
x86-64-v3 (the AVX2 kernel) and x86-64 (the generic kernel).

The reference is the product in float64. The kernels sum in f32 in a
blocked order; the error of a K-term sum of products of values in [-1, 1]
grows like sqrt(K) ulps of the partial sums, so the tolerance is relative
1e-5 plus an absolute 2e-6 * sqrt(K) (f32 NumPy, itself a blocked sum,
stays within a quarter of it).
"""

import math
import struct

import numpy as np

from case_lib import Case, rng_for, tensor_type

CPUS = ("native", "x86-64-v3", "x86-64")


def dense_hex(a):
    """An MLIR dense attribute literal holding `a` (f32) exactly."""
    data = np.ascontiguousarray(a, dtype="<f4").tobytes()
    return '"0x' + data.hex().upper() + '"'


def tolerance(k):
    return (1e-5, 2e-6 * math.sqrt(k),
            "f32 sums of K products in a blocked order: ~sqrt(K) ulps")


def module(params, body, result):
    args = ", ".join(f"%{n}: {tensor_type(a)}" for n, a in params)
    return (f"module {{\n  func.func @main({args}) -> {tensor_type(result)} {{\n"
            f"{body}"
            f"    return %r : {tensor_type(result)}\n  }}\n}}\n")


def filled(name, result):
    t = tensor_type(result)
    return (f"    %zero = arith.constant 0.0 : f32\n"
            f"    %empty = tensor.empty() : {t}\n"
            f"    %{name} = linalg.fill ins(%zero : f32) outs(%empty : {t}) -> {t}\n")


def b_operand(params, b, const_b):
    """B as an arith.constant in the body (weights the compiler packs at
    compile time) or as the next parameter of @main; returns the body text
    it needs."""
    if const_b:
        return f"    %b = arith.constant dense<{dense_hex(b)}> : {tensor_type(b)}\n"
    params.append(("b", b))
    return ""


def broadcast_matmul_text(result, a, b, c):
    """%result = ONNX's MatMul of %a [batch, m, k] by %b [k, n] into %init:
    a generic over (b, m, n, k) with the `acc + a * b` body."""
    return (
        f"    %{result} = linalg.generic {{indexing_maps = [affine_map<(b, m, n, k) -> (b, m, k)>, "
        "affine_map<(b, m, n, k) -> (k, n)>, affine_map<(b, m, n, k) -> (b, m, n)>], "
        "iterator_types = [\"parallel\", \"parallel\", \"parallel\", \"reduction\"]}\n"
        f"        ins(%a, %b : {tensor_type(a)}, {tensor_type(b)}) outs(%init : {c}) {{\n"
        "    ^bb0(%x: f32, %y: f32, %acc: f32):\n"
        "      %p = arith.mulf %x, %y : f32\n"
        "      %s = arith.addf %acc, %p : f32\n"
        "      linalg.yield %s : f32\n"
        f"    }} -> {c}\n")


def matmul_case(name, m, n, k, trans_a=False, trans_b=False, const_b=False):
    rng = rng_for(name)
    a = rng.uniform(-1, 1, (k, m) if trans_a else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if trans_b else (k, n)).astype(np.float32)
    av = a.T if trans_a else a
    bv = b.T if trans_b else b
    want = (av.astype(np.float64) @ bv.astype(np.float64)).astype(np.float32)
    maps = (f"indexing_maps = [affine_map<(m, n, k) -> ({'k, m' if trans_a else 'm, k'})>, "
            f"affine_map<(m, n, k) -> ({'n, k' if trans_b else 'k, n'})>, "
            f"affine_map<(m, n, k) -> (m, n)>] ")
    body = filled("init", want)
    params = [("a", a)]
    body += b_operand(params, b, const_b)
    body += (f"    %r = linalg.matmul {maps}ins(%a, %b : {tensor_type(a)}, {tensor_type(b)})"
             f" outs(%init : {tensor_type(want)}) -> {tensor_type(want)}\n")
    inputs = [x for _, x in params]
    return name, module(params, body, want), inputs, want, k, lambda: av @ bv


def batch_matmul_case(name, batch, m, n, k):
    rng = rng_for(name)
    a = rng.uniform(-1, 1, (batch, m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (batch, k, n)).astype(np.float32)
    want = np.einsum("bmk,bkn->bmn", a.astype(np.float64), b.astype(np.float64)).astype(np.float32)
    body = filled("init", want) + (
        f"    %r = linalg.batch_matmul ins(%a, %b : {tensor_type(a)}, {tensor_type(b)})"
        f" outs(%init : {tensor_type(want)}) -> {tensor_type(want)}\n")
    return name, module([("a", a), ("b", b)], body, want), [a, b], want, k, lambda: a @ b


def broadcast_matmul_case(name, batch, m, n, k, const_b=False):
    """ONNX MatMul [batch, m, k] x [k, n]: a generic over (b, m, n, k)."""
    rng = rng_for(name)
    a = rng.uniform(-1, 1, (batch, m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (k, n)).astype(np.float32)
    want = (a.astype(np.float64) @ b.astype(np.float64)).astype(np.float32)
    body = filled("init", want)
    params = [("a", a)]
    body += b_operand(params, b, const_b)
    body += broadcast_matmul_text("r", a, b, tensor_type(want))
    inputs = [x for _, x in params]
    return name, module(params, body, want), inputs, want, k, lambda: a @ b


def epilogue_case(name, batch, m, n, k, const_b=False):
    """ONNX-style MatMul [batch, m, k] x [k, n], then bias, SiLU and a
    residual add in one elementwise op: the epilogue that
    seqc-fuse-contraction-epilogues runs per block of rows."""
    rng = rng_for(name)
    a = rng.uniform(-1, 1, (batch, m, k)).astype(np.float32)
    b = (rng.uniform(-1, 1, (k, n)) / math.sqrt(k)).astype(np.float32)
    bias = rng.uniform(-1, 1, (n,)).astype(np.float32)
    res = rng.uniform(-1, 1, (batch, m, n)).astype(np.float32)
    s = a.astype(np.float64) @ b.astype(np.float64) + bias
    want = (s / (1 + np.exp(-s)) + res).astype(np.float32)
    c = tensor_type(want)
    body = filled("init", want)
    params = [("a", a)]
    body += b_operand(params, b, const_b)
    params += [("bias", bias), ("res", res)]
    body += broadcast_matmul_text("mm", a, b, c)
    body += (
        f"    %out = tensor.empty() : {c}\n"
        "    %r = linalg.generic {indexing_maps = [affine_map<(b, m, n) -> (b, m, n)>, "
        "affine_map<(b, m, n) -> (n)>, affine_map<(b, m, n) -> (b, m, n)>, "
        "affine_map<(b, m, n) -> (b, m, n)>], "
        "iterator_types = [\"parallel\", \"parallel\", \"parallel\"]}\n"
        f"        ins(%mm, %bias, %res : {c}, {tensor_type(bias)}, {c}) outs(%out : {c}) {{\n"
        "    ^bb0(%x: f32, %y: f32, %z: f32, %o: f32):\n"
        "      %one = arith.constant 1.0 : f32\n"
        "      %s = arith.addf %x, %y : f32\n"
        "      %n = arith.negf %s : f32\n"
        "      %e = math.exp %n : f32\n"
        "      %d = arith.addf %e, %one : f32\n"
        "      %q = arith.divf %s, %d : f32\n"
        "      %t = arith.addf %q, %z : f32\n"
        "      linalg.yield %t : f32\n"
        f"    }} -> {c}\n")
    inputs = [x for _, x in params]

    def f32_form():
        s32 = a @ b + bias
        return s32 / (1 + np.exp(-s32)) + res
    return name, module(params, body, want), inputs, want, k, f32_form


def bf16_round(a):
    """`a` (f32) rounded to bf16 (to nearest, ties to even), as f32."""
    u = np.asarray(a, np.float32).view(np.uint32).astype(np.uint64)
    u = ((u + 0x7FFF + ((u >> 16) & 1)) >> 16) << 16
    return u.astype(np.uint32).view(np.float32)


def bf16_hex(a):
    """An MLIR dense literal of `a` (already bf16-exact) as bf16."""
    bits = (np.ascontiguousarray(a, np.float32).view(np.uint32) >> 16)
    return '"0x' + bits.astype("<u2").tobytes().hex().upper() + '"'


def bf16_case(name, m, n, k, const_b=False):
    """bf16 A and B (f32 inputs truncated in the graph, or a bf16 constant
    B) multiplied with f32 accumulation, the body extending each operand:
    the form the ONNX importer gives a bf16 MatMul."""
    rng = rng_for(name)
    a = rng.uniform(-1, 1, (m, k)).astype(np.float32)
    b = bf16_round(rng.uniform(-1, 1, (k, n)))
    want = (bf16_round(a).astype(np.float64) @ b.astype(np.float64)).astype(np.float32)
    ta, tb = tensor_type(a), tensor_type(b)
    ha, hb = ta.replace("f32>", "bf16>"), tb.replace("f32>", "bf16>")
    trunc = ("    %{out} = linalg.generic {{indexing_maps = [affine_map<(i, j) -> (i, j)>, "
             "affine_map<(i, j) -> (i, j)>], iterator_types = [\"parallel\", \"parallel\"]}}\n"
             "        ins(%{src} : {t}) outs(%{out}_init : {h}) {{\n"
             "    ^bb0(%x: f32, %o: bf16):\n"
             "      %h = arith.truncf %x : f32 to bf16\n"
             "      linalg.yield %h : bf16\n"
             "    }} -> {h}\n")
    body = filled("init", want)
    body += f"    %ah_init = tensor.empty() : {ha}\n" + trunc.format(out="ah", src="a", t=ta, h=ha)
    params = [("a", a)]
    if const_b:
        body += f"    %bh = arith.constant dense<{bf16_hex(b)}> : {hb}\n"
    else:
        params.append(("b", b))
        body += f"    %bh_init = tensor.empty() : {hb}\n" + trunc.format(out="bh", src="b", t=tb, h=hb)
    body += (
        "    %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, "
        "affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], "
        "iterator_types = [\"parallel\", \"parallel\", \"reduction\"]}\n"
        f"        ins(%ah, %bh : {ha}, {hb}) outs(%init : {tensor_type(want)}) {{\n"
        "    ^bb0(%x: bf16, %y: bf16, %acc: f32):\n"
        "      %xf = arith.extf %x : bf16 to f32\n"
        "      %yf = arith.extf %y : bf16 to f32\n"
        "      %p = arith.mulf %xf, %yf : f32\n"
        "      %s = arith.addf %acc, %p : f32\n"
        "      linalg.yield %s : f32\n"
        f"    }} -> {tensor_type(want)}\n")
    inputs = [x for _, x in params]
    return name, module(params, body, want), inputs, want, k, lambda: bf16_round(a) @ b


def matvec_case(name, m, k):
    rng = rng_for(name)
    a = rng.uniform(-1, 1, (m, k)).astype(np.float32)
    x = rng.uniform(-1, 1, (k,)).astype(np.float32)
    want = (a.astype(np.float64) @ x.astype(np.float64)).astype(np.float32)
    body = filled("init", want) + (
        f"    %r = linalg.matvec ins(%a, %x : {tensor_type(a)}, {tensor_type(x)})"
        f" outs(%init : {tensor_type(want)}) -> {tensor_type(want)}\n")
    return name, module([("a", a), ("x", x)], body, want), [a, x], want, k, lambda: a @ x


SHAPES = (
    matmul_case("matmul.1x1x1", 1, 1, 1),
    matmul_case("matmul.gemv_1x97x37", 1, 97, 37),
    matmul_case("matmul.37x97x1021", 37, 97, 1021),
    matmul_case("matmul.97x1021x37", 97, 1021, 37),
    matmul_case("matmul.150x300x130", 150, 300, 130),
    matmul_case("matmul.transposed_a_61x45x33", 61, 45, 33, trans_a=True),
    matmul_case("matmul.transposed_b_13x70x29", 13, 70, 29, trans_b=True),
    matmul_case("matmul.const_weights_64x96x53", 64, 96, 53, const_b=True),
    matmul_case("matmul.const_weights_gemv_1x129x300", 1, 129, 300, const_b=True),
    matmul_case("matmul.const_weights_transposed_7x33x65", 7, 33, 65, trans_b=True, const_b=True),
    batch_matmul_case("batch_matmul.3x19x41x23", 3, 19, 41, 23),
    broadcast_matmul_case("onnx_matmul.2x50x80x64", 2, 50, 80, 64),
    broadcast_matmul_case("onnx_matmul.const_weights_3x17x100x37", 3, 17, 100, 37, const_b=True),
    matvec_case("matvec.97x131", 97, 131),
    epilogue_case("epilogue.bias_silu_residual_1x1000x96x70", 1, 1000, 96, 70),
    epilogue_case("epilogue.const_weights_3x301x130x37", 3, 301, 130, 37, const_b=True),
    epilogue_case("epilogue.decode_1x5x64x64", 1, 5, 64, 64),
    bf16_case("bf16.matmul_37x97x130", 37, 97, 130),
    bf16_case("bf16.const_weights_5x70x33", 5, 70, 33, const_b=True),
)


def contraction_cases():
    cases = []
    for name, mlir, inputs, want, k, f32_form in SHAPES:
        for cpu in CPUS:
            case = Case(f"{name}.{cpu}", "contraction", mlir, inputs, [want], tolerance(k),
                        forms=[lambda f=f32_form: (f(),)])
            case.seqc_args = [f"--mcpu={cpu}"]
            cases.append(case)
    return cases
