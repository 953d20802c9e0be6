"""Op cases of the structured and quantized seq ops (Monarch, RMSNorm,
quantize, dequantize, qmatmul) and of the whole Mamba block example.
"""

import os

import numpy as np

from case_lib import (DEFAULT_TOL, EXACT_TOL, REPO, Case, as_result, attr_dict,
                      clauses, f32, float_attr, log_uniform, make_case, rng_for)

import mamba_block as mb
import seq_ops as so

# ---------------------------------------------------------------------------
# 5. Monarch
# ---------------------------------------------------------------------------


def monarch_case(name, xshape, w1shape, w2shape=None):
    rng = rng_for(name)
    ops = {"x": f32(rng.standard_normal(xshape)),
           "w1": f32(rng.normal(0, w1shape[2] ** -0.5, w1shape)),
           "w2": None if w2shape is None else f32(rng.normal(0, w2shape[2] ** -0.5, w2shape))}
    expr = "seq.monarch_matmul %x, %w1" + (", %w2" if w2shape else "")

    def compute():
        return (so.monarch_matmul(**ops),)

    return make_case(name, "monarch_matmul", ops, expr, compute, 1)


def monarch_matmul_cases():
    return [
        monarch_case("monarch_matmul.square_n256", (8, 256), (16, 16, 16), (16, 16, 16)),
        monarch_case("monarch_matmul.square_batched_n64", (2, 3, 64), (8, 8, 8), (8, 8, 8)),
        monarch_case("monarch_matmul.rect_256_to_192", (3, 5, 256), (4, 32, 64), (8, 24, 16)),
        monarch_case("monarch_matmul.rect_64_to_128", (7, 64), (8, 8, 8), (4, 32, 16)),
        monarch_case("monarch_matmul.one_stage", (7, 256), (4, 32, 64)),
        monarch_case("monarch_matmul.one_stage_m1", (1, 96), (3, 48, 32)),
    ]


# ---------------------------------------------------------------------------
# 6. RMSNorm
# ---------------------------------------------------------------------------


def rms_norm_case(name, xshape, *, gate=False, eps=None, groups=1):
    rng = rng_for(name)
    d = xshape[-1]
    ops = {"x": f32(rng.normal(0.5, 2, xshape)), "weight": f32(rng.normal(1, 0.1, d)),
           "gate": f32(rng.standard_normal(xshape)) if gate else None}
    attrs = ([("eps", float_attr(eps))] if eps is not None else []) + (
        [("groups", f"{groups} : i64")] if groups != 1 else [])
    expr = "seq.rms_norm %x, %weight" + clauses(ops, [("gate", "gate")]) + attr_dict(attrs)
    eps32 = float(np.float32(1e-5 if eps is None else eps))

    def compute():
        return (so.rms_norm(**ops, eps=eps32, groups=groups),)

    return make_case(name, "rms_norm", ops, expr, compute, 1)


def rms_norm_cases():
    return [
        rms_norm_case("rms_norm.default_eps", (2, 17, 64)),
        rms_norm_case("rms_norm.grouped_gated_mamba2", (2, 17, 512), gate=True, eps=1e-6, groups=8),
        rms_norm_case("rms_norm.rank1_odd", (7,), eps=1e-5),
        rms_norm_case("rms_norm.groups4_no_gate", (3, 5, 48), groups=4),
        rms_norm_case("rms_norm.gated_one_group", (1, 9, 40), gate=True),
    ]


# ---------------------------------------------------------------------------
# 7. Quantization
# ---------------------------------------------------------------------------


def quant_attrs(bits, group, packed, bits_name="bits"):
    attrs = []
    if bits != 8:
        attrs.append((bits_name, f"{bits} : i64"))
    if group is not None:
        attrs.append(("group_size", f"{group} : i64"))
    if packed:
        attrs.append(("packed", None))
    return attr_dict(attrs)


def scale_shape(xshape, layout, group):
    if layout == "tensor":
        return ()
    if layout == "row":
        return xshape[:-1]
    return (*xshape[:-1], xshape[-1] // group)


def away_from_ties(x, scale, group):
    """Moves x/s off the rounding boundaries (|frac - 0.5| < 1e-3) so that
    x / s in f32 and in f64 round the same way; exact halves made on
    purpose are kept (they test round half to even)."""
    s = so.expand_scale(scale.astype(np.float64), x.shape, group)
    t = x.astype(np.float64) / s
    frac = t - np.floor(t)
    near = (np.abs(frac - 0.5) < 1e-3) & (frac != 0.5)
    return f32(np.where(near, (np.floor(t) + 0.4) * s, x))


def quantize_case(name, xshape, bits, layout, *, group=None, packed=False):
    rng = rng_for(name)
    x = rng.standard_normal(xshape) * rng.uniform(0.5, 2, xshape[:-1] + (1,))
    qmax = so.qrange(bits)[1]
    if layout == "tensor":
        # A power-of-two scale, so that some exact halves can be planted.
        scale = np.float64(2.0 ** np.floor(np.log2(np.abs(x).max() / qmax)))
        flat = x.reshape(-1)
        flat[:6] = np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5]) * scale
    elif layout == "row":
        scale = np.abs(x).max(-1) / qmax
    else:
        scale = np.abs(x.reshape(*xshape[:-1], -1, group)).max(-1) / qmax
    # 0.8 of the absmax scale: the largest values clamp at the bounds.
    scale = f32(scale * (0.8 if layout != "tensor" else 1.0))
    x = away_from_ties(f32(x), scale, group)
    if layout != "tensor":
        # Plant exact halves in the first row / group: round its scale to
        # 12 significant bits so that (k + 1/2) * s is exact in f32.
        s0 = np.float64(scale.reshape(-1)[0])
        shift = 11 - int(np.floor(np.log2(s0)))
        scale.reshape(-1)[0] = np.ldexp(np.round(np.ldexp(s0, shift)), -shift)
        x.reshape(-1)[:3] = f32(np.array([0.5, 1.5, -2.5]) * np.float64(scale.reshape(-1)[0]))
        x = away_from_ties(x, scale, group)
    ops = {"input": x, "scale": scale}
    expr = "seq.quantize %input, %scale" + quant_attrs(bits, group, packed)

    def compute():
        return (so.quantize(x, scale, bits, group, packed),)

    return make_case(name, "quantize", ops, expr, compute, 1, EXACT_TOL)


def dequantize_case(name, qshape, bits, layout, *, group=None, packed=False):
    rng = rng_for(name)
    lo, hi = so.qrange(bits)
    q = rng.integers(lo, hi + 1, qshape)
    q.reshape(-1)[:2] = (lo, hi)
    scale = f32(log_uniform(rng, 1e-3, 1e-1, scale_shape(qshape, layout, group)))
    stored = so.pack_int4(q) if packed else q.astype(np.int8)
    ops = {"input": stored, "scale": scale}
    expr = "seq.dequantize %input, %scale" + quant_attrs(bits, group, packed)

    def compute():
        return (so.dequantize(stored, scale, bits, group, packed),)

    return make_case(name, "dequantize", ops, expr, compute, 1)


def quantized_weight(rng, nout, nin, bits, group):
    """A realistic weight N(0, 1/nin) quantized with absmax scales."""
    w = rng.normal(0, nin ** -0.5, (nout, nin))
    absmax = np.abs(w).max(-1) if group is None else np.abs(w.reshape(nout, -1, group)).max(-1)
    scale = f32(absmax / so.qrange(bits)[1])
    return so.quantize(w, scale, bits, group, packed=bits == 4), scale


def qmatmul_case(name, xshape, nout, bits, *, act="int8", input_scale="token",
                 group=None, bias=False):
    rng = rng_for(name)
    nin = xshape[-1]
    weight, wscale = quantized_weight(rng, nout, nin, bits, group)
    xf = rng.standard_normal(xshape)
    if act == "int8":
        sx = (np.abs(xf).max() if input_scale == "tensor" else np.abs(xf).max(-1)) / 127
        sx = f32(sx)
        x = so.quantize(xf, sx)
    else:
        x, sx = f32(xf), None
    ops = {"x": x, "weight": weight, "weight_scale": wscale, "input_scale": sx,
           "bias": f32(rng.normal(0, 0.1, nout)) if bias else None}
    attrs = [("weight_bits", f"{bits} : i64")] if bits != 8 else []
    if group is not None:
        attrs.append(("group_size", f"{group} : i64"))
    expr = ("seq.qmatmul %x, %weight, %weight_scale"
            + clauses(ops, [("input_scale", "input_scale"), ("bias", "bias")]) + attr_dict(attrs))

    def compute():
        return (so.qmatmul(**ops, weight_bits=bits, group_size=group),)

    return make_case(name, "qmatmul", ops, expr, compute, 1)


def quantize_cases():
    return [
        quantize_case("quantize.int8_per_tensor", (16, 64), 8, "tensor"),
        quantize_case("quantize.int8_per_row_rank3", (2, 4, 32), 8, "row"),
        quantize_case("quantize.int8_per_group", (4, 96), 8, "group", group=32),
        quantize_case("quantize.int4_unpacked_per_row", (4, 16), 4, "row"),
        quantize_case("quantize.int4_packed_per_row", (8, 64), 4, "row", packed=True),
        quantize_case("quantize.int4_packed_per_group128", (8, 256), 4, "group", group=128,
                      packed=True),
    ]


def dequantize_cases():
    return [
        dequantize_case("dequantize.int8_per_row", (16, 64), 8, "row"),
        dequantize_case("dequantize.int8_per_tensor", (3, 5, 8), 8, "tensor"),
        dequantize_case("dequantize.int4_packed_per_group64", (8, 256), 4, "group", group=64,
                        packed=True),
        dequantize_case("dequantize.int4_packed_per_row", (32, 48), 4, "row", packed=True),
        dequantize_case("dequantize.int4_unpacked_per_group", (4, 32), 4, "group", group=8),
    ]


def qmatmul_cases():
    return [
        qmatmul_case("qmatmul.w8a8_per_tensor", (2, 3, 64), 32, 8, input_scale="tensor"),
        qmatmul_case("qmatmul.w8a8_per_token_bias", (5, 96), 24, 8, bias=True),
        qmatmul_case("qmatmul.w8a8_grouped", (3, 128), 16, 8, group=32),
        qmatmul_case("qmatmul.w4a8_per_token_bias", (16, 128), 32, 4, bias=True),
        qmatmul_case("qmatmul.w4a8_grouped_per_tensor", (4, 256), 16, 4, group=64,
                     input_scale="tensor"),
        qmatmul_case("qmatmul.w4a16_grouped128", (4, 256), 64, 4, act="f32", group=128),
        qmatmul_case("qmatmul.w4a16_decode_m1_bias", (1, 64), 40, 4, act="f32", bias=True),
        qmatmul_case("qmatmul.w8a16_per_channel_rank3", (3, 7, 48), 40, 8, act="f32", bias=True),
    ]


# ---------------------------------------------------------------------------
# The Mamba block example
# ---------------------------------------------------------------------------


def mamba_block_cases():
    text = open(os.path.join(REPO, "examples", "mamba_block.mlir")).read()
    # Comments stay; only the function becomes the public @main.
    mlir = text.replace("func.func @mamba_block(", "func.func @main(", 1)
    args = mb.make_arguments(0)

    def compute():
        return (mb.mamba_block(*args),)

    return [Case("model.mamba_block_example", "model", mlir, list(args),
                 [as_result(compute()[0])], DEFAULT_TOL, [compute])]

