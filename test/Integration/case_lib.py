"""Building blocks of the numeric op cases (see op_cases.py).

A `Case` holds the MLIR text of a module with one public `func.func @main`,
its inputs in argument order, the expected outputs in result order, and the
tolerance with its reason. The helpers here generate seeded inputs, print
MLIR tensor types and attributes, wrap one op into @main, and read a
signature back.
"""

import os
import re
import sys
import zlib

import numpy as np

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "test", "reference"))

DEFAULT_TOL = (1e-4, 1e-5, "f32 default: a few ulps per op over short sums")
EXACT_TOL = (0.0, 0.0, "integer result: exact")
# The chunked kernels of SSD and linear attention weight each term by
# exp(b_t - b_s) formed from cumulative log-decays; over a long chunk |b|
# reaches ~100, and rounding it in f32 shifts each weight by ~|b| * 6e-8.
LONG_DECAY_TOL = (5e-4, 5e-5, "exp of f32 cumulative log-decays over long chunks")
# Additive linear attention with weak or no decay sums ~L outer products of
# unit-size vectors: outputs and states reach ~20, and entries that cancel
# to near zero keep the rounding of those large partial sums.
GROWING_STATE_TOL = (1e-4, 5e-5, "weakly decayed sums of ~L outer products reach ~20")
CALIBRATION_MARGIN = 0.25


class Case:
    """One numeric case: `mlir` text, `inputs` in argument order, `expected`
    outputs in result order, and the comparison tolerance."""

    def __init__(self, name, op, mlir, inputs, expected, tol, forms=()):
        self.name, self.op, self.mlir = name, op, mlir
        self.inputs = [np.array(a, order="C") for a in inputs]
        self.expected = [np.array(e, order="C") for e in expected]
        self.rtol, self.atol, self.reason = tol
        # Callables that recompute the outputs (float64 arrays in result
        # order) with the reference module's current compute dtype; used
        # to calibrate the tolerance in f32.
        self.forms = list(forms)
        # Extra seqc options (e.g. --mcpu) for this case.
        self.seqc_args = []

    def __repr__(self):
        return f"Case({self.name})"


# ---------------------------------------------------------------------------
# Helpers: inputs, MLIR text, results
# ---------------------------------------------------------------------------


def rng_for(name):
    """A generator seeded from the case name, so that a case's inputs do not
    change when cases are added or reordered."""
    return np.random.default_rng(zlib.crc32(name.encode()))


def f32(a):
    return np.asarray(a, np.float32)


def log_uniform(rng, lo, hi, shape):
    return np.exp(rng.uniform(np.log(lo), np.log(hi), shape))


def tensor_type(a):
    elem = {np.dtype(np.float32): "f32", np.dtype(np.int8): "i8"}[a.dtype]
    dims = "".join(f"{d}x" for d in a.shape)
    return f"tensor<{dims}{elem}>"


def float_attr(value):
    """An f32 attribute; MLIR float literals need a '.' in the mantissa."""
    return f"{value:.8e} : f32"


def attr_dict(attrs):
    """`{a = 1 : i64, flag}` from [(name, text or None for a unit attr)]."""
    items = [n if v is None else f"{n} = {v}" for n, v in attrs]
    return f" {{{', '.join(items)}}}" if items else ""


def build_module(args, op_expr, results):
    """A module whose public @main takes `args` [(name, array)] and returns
    the results of `op_expr` (the op up to its functional type), typed like
    the `results` arrays."""
    params = ",\n    ".join(f"%{n}: {tensor_type(a)}" for n, a in args)
    in_types = ", ".join(tensor_type(a) for _, a in args)
    outs = [tensor_type(r) for r in results]
    out_sig = outs[0] if len(outs) == 1 else f"({', '.join(outs)})"
    names = ", ".join(f"%r{i}" for i in range(len(results)))
    return (f"module {{\n"
            f"  func.func @main(\n    {params})\n      -> {out_sig} {{\n"
            f"    {names} = {op_expr}\n"
            f"        : ({in_types}) -> {out_sig}\n"
            f"    return {names} : {', '.join(outs)}\n"
            f"  }}\n}}\n")


def clauses(operands, spec):
    """The optional-operand clauses, e.g. ` D(%D) z(%z)`, for the operands
    that are present. spec: [(clause keyword, operand name)]."""
    return "".join(f" {kw}(%{name})" for kw, name in spec if operands.get(name) is not None)


def present(operands):
    """[(name, array)] of the operands that are given, in operand order."""
    return [(n, a) for n, a in operands.items() if a is not None]


def as_result(a, like=np.float32):
    return np.asarray(a).astype(like)


def make_case(name, op, operands, op_expr, compute, n_results, tol=DEFAULT_TOL,
              extra_forms=()):
    """Builds a case: `compute()` returns the reference outputs (a tuple of
    which the first `n_results` are returned by @main)."""
    outs = [np.asarray(o) for o in compute()[:n_results]]
    expected = [o if o.dtype == np.int8 else as_result(o) for o in outs]
    mlir = build_module(present(operands), op_expr, expected)
    forms = [lambda: compute()[:n_results]] + [
        (lambda form=form: form()[:n_results]) for form in extra_forms]
    return Case(name, op, mlir, [a for _, a in present(operands)], expected, tol, forms)


# ---------------------------------------------------------------------------
# Reading a signature back
# ---------------------------------------------------------------------------

SIGNATURE = re.compile(r"func\.func @main\((.*?)\)\s*->\s*(\(.*?\)|tensor<[^>]*>)\s*\{", re.S)
TENSOR = re.compile(r"tensor<([0-9x]*?)x?(f32|i8)>")


def parse_types(text):
    """[(shape, dtype)] of the tensor types in `text`."""
    out = []
    for dims, elem in TENSOR.findall(text):
        shape = tuple(int(d) for d in dims.split("x") if d)
        out.append((shape, np.dtype(np.float32 if elem == "f32" else np.int8)))
    return out

