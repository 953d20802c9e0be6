"""Numeric ONNX import cases: models built with onnx.helper at test time.

Each case is a model plus inputs. run_onnx_cases.py compiles the model with
seqc and compares seqc-run's outputs with ONNX Runtime's on the same
inputs, or, for the seqc-domain custom ops (which ONNX Runtime cannot run),
with the NumPy references of test/reference/seq_ops.py.

Shapes are deliberately awkward: odd lengths, batch > 1, grouped heads.
Tolerances: f32 cases use rtol 1e-4 / atol 1e-5 (ONNX Runtime and seqc
sum in different orders; recurrences over ~40 steps accumulate ~1e-6);
f16 cases 1e-2 (one f16 rounding step is ~1e-3 relative).
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nh

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))
import seq_ops  # noqa: E402

F32, F16, I64 = T.FLOAT, T.FLOAT16, T.INT64


class Case:
    def __init__(self, name, model, inputs, reference=None, rtol=1e-4, atol=1e-5,
                 shapes=(), ort=True, seqc_args=()):
        self.name, self.model, self.inputs = name, model, inputs
        self.reference = reference      # None: ONNX Runtime computes the outputs
        self.rtol, self.atol, self.shapes = rtol, atol, list(shapes)
        self.seqc_args = list(seqc_args)  # more seqc flags


def rng(seed):
    return np.random.default_rng(seed)


def vi(name, elem, shape):
    return h.make_tensor_value_info(name, elem, shape)


def model(nodes, inputs, outputs, inits=(), opset=21, extra_opsets=(), functions=()):
    g = h.make_graph(nodes, "g", inputs, outputs, list(inits))
    imports = [h.make_opsetid("", opset)] + [h.make_opsetid(d, v) for d, v in extra_opsets]
    m = h.make_model(g, opset_imports=imports, functions=list(functions))
    m.ir_version = 10
    return m


def const(name, array):
    return nh.from_array(np.asarray(array), name)


CASES = []


def case(fn):
    CASES.append(fn)
    return fn


@case
def elementwise_broadcast():
    r = rng(1)
    x = r.standard_normal((2, 3, 7)).astype(np.float32)
    y = r.uniform(0.5, 2.0, (7,)).astype(np.float32)
    nodes = [h.make_node("Add", ["x", "y"], ["a"]),
             h.make_node("Mul", ["a", "x"], ["b"]),
             h.make_node("Div", ["b", "y"], ["c"]),
             h.make_node("Sub", ["c", "y"], ["d"]),
             h.make_node("Abs", ["d"], ["e"]),
             h.make_node("Sqrt", ["e"], ["f"]),
             h.make_node("Pow", ["f", "y"], ["g"]),
             h.make_node("Log", ["y"], ["ly"]),
             h.make_node("Exp", ["ly"], ["ey"]),
             h.make_node("Reciprocal", ["ey"], ["ry"]),
             h.make_node("Neg", ["ry"], ["ny"]),
             h.make_node("Sum", ["g", "ny", "x"], ["out"])]
    m = model(nodes, [vi("x", F32, [2, 3, 7]), vi("y", F32, [7])], [vi("out", F32, None)])
    return Case("elementwise_broadcast", m, {"x": x, "y": y})


@case
def activations():
    x = np.linspace(-6, 6, 2 * 5 * 9, dtype=np.float32).reshape(2, 5, 9)
    ops = [("Sigmoid", {}), ("Tanh", {}), ("Relu", {}), ("Softplus", {}), ("Erf", {}),
           ("Gelu", {}), ("Gelu", {"approximate": "tanh"}), ("LeakyRelu", {"alpha": 0.1}),
           ("HardSwish", {}), ("Elu", {})]
    nodes, outs = [], []
    for i, (op, attrs) in enumerate(ops):
        nodes.append(h.make_node(op, ["x"], [f"o{i}"], **attrs))
        outs.append(vi(f"o{i}", F32, None))
    m = model(nodes, [vi("x", F32, [2, 5, 9])], outs)
    return Case("activations", m, {"x": x})


@case
def matmul_batched_broadcast():
    r = rng(2)
    a = r.standard_normal((2, 1, 5, 7)).astype(np.float32)
    b = r.standard_normal((3, 7, 9)).astype(np.float32)
    v = r.standard_normal((9,)).astype(np.float32)
    nodes = [h.make_node("MatMul", ["a", "b"], ["ab"]),
             h.make_node("MatMul", ["ab", "v"], ["out"])]
    m = model(nodes, [vi("a", F32, [2, 1, 5, 7]), vi("b", F32, [3, 7, 9]), vi("v", F32, [9])],
              [vi("ab", F32, None), vi("out", F32, None)])
    return Case("matmul_batched_broadcast", m, {"a": a, "b": b, "v": v})


@case
def gemm_transposed():
    r = rng(3)
    a = r.standard_normal((7, 5)).astype(np.float32)
    w = r.standard_normal((11, 7)).astype(np.float32)
    c = r.standard_normal((11,)).astype(np.float32)
    nodes = [h.make_node("Gemm", ["a", "w", "c"], ["out"], transA=1, transB=1,
                         alpha=0.5, beta=2.0)]
    m = model(nodes, [vi("a", F32, [7, 5])], [vi("out", F32, None)],
              [const("w", w), const("c", c)])
    return Case("gemm_transposed", m, {"a": a})


@case
def einsum_attention_scores():
    r = rng(4)
    q = r.standard_normal((2, 3, 5, 8)).astype(np.float32)
    k = r.standard_normal((2, 3, 6, 8)).astype(np.float32)
    nodes = [h.make_node("Einsum", ["q", "k"], ["s"], equation="bhtd,bhsd->bhts"),
             h.make_node("Einsum", ["s"], ["tr"], equation="bhts->bst")]
    m = model(nodes, [vi("q", F32, [2, 3, 5, 8]), vi("k", F32, [2, 3, 6, 8])],
              [vi("s", F32, None), vi("tr", F32, None)])
    return Case("einsum_attention_scores", m, {"q": q, "k": k})


@case
def reductions_softmax():
    r = rng(5)
    x = r.standard_normal((3, 5, 7)).astype(np.float32)
    nodes = [h.make_node("ReduceMean", ["x", "axes"], ["mean"], keepdims=1),
             h.make_node("ReduceSum", ["x", "axes0"], ["sum"], keepdims=0),
             h.make_node("ReduceMax", ["x"], ["max"], keepdims=0),
             h.make_node("Softmax", ["x"], ["sm"], axis=1),
             h.make_node("LogSoftmax", ["x"], ["lsm"]),
             h.make_node("CumSum", ["x", "ax1"], ["cs"], exclusive=1, reverse=1)]
    m = model(nodes, [vi("x", F32, [3, 5, 7])],
              [vi(n, F32, None) for n in ("mean", "sum", "max", "sm", "lsm", "cs")],
              [const("axes", np.array([-1], np.int64)), const("axes0", np.array([0, 2], np.int64)),
               const("ax1", np.array(1, np.int64))])
    return Case("reductions_softmax", m, {"x": x})


@case
def normalization():
    r = rng(6)
    x = r.standard_normal((2, 9, 24)).astype(np.float32)
    s = r.standard_normal((24,)).astype(np.float32)
    b = r.standard_normal((24,)).astype(np.float32)
    nodes = [h.make_node("LayerNormalization", ["x", "s", "b"], ["ln"], epsilon=1e-5),
             h.make_node("RMSNormalization", ["x", "s"], ["rms"], epsilon=1e-6)]
    m = model(nodes, [vi("x", F32, [2, 9, 24])], [vi("ln", F32, None), vi("rms", F32, None)],
              [const("s", s), const("b", b)], opset=23)
    return Case("normalization", m, {"x": x})


@case
def conv1d_depthwise_causal():
    r = rng(7)
    x = r.standard_normal((2, 6, 37)).astype(np.float32)
    w = r.standard_normal((6, 1, 4)).astype(np.float32)
    b = r.standard_normal((6,)).astype(np.float32)
    w2 = r.standard_normal((4, 3, 3)).astype(np.float32)
    nodes = [h.make_node("Conv", ["x", "w", "b"], ["y"], group=6, pads=[3, 0]),
             h.make_node("Conv", ["y", "w2"], ["z"], group=2, strides=[2], dilations=[2],
                         pads=[1, 1])]
    m = model(nodes, [vi("x", F32, [2, 6, 37])], [vi("y", F32, None), vi("z", F32, None)],
              [const("w", w), const("b", b), const("w2", w2)])
    return Case("conv1d_depthwise_causal", m, {"x": x})


@case
def conv2d_same_upper():
    r = rng(8)
    x = r.standard_normal((1, 4, 9, 11)).astype(np.float32)
    w = r.standard_normal((6, 2, 3, 3)).astype(np.float32)
    nodes = [h.make_node("Conv", ["x", "w"], ["y"], group=2, auto_pad="SAME_UPPER",
                         strides=[2, 1])]
    m = model(nodes, [vi("x", F32, [1, 4, 9, 11])], [vi("y", F32, None)], [const("w", w)])
    return Case("conv2d_same_upper", m, {"x": x})


@case
def shape_and_data_movement():
    r = rng(9)
    x = r.standard_normal((2, 3, 10)).astype(np.float32)
    ids = np.array([[0, 4, -1], [2, 2, 7]], np.int64)
    emb = r.standard_normal((8, 10)).astype(np.float32)
    nodes = [
        h.make_node("Transpose", ["x"], ["t"], perm=[2, 0, 1]),
        h.make_node("Shape", ["x"], ["shp"]),
        h.make_node("Gather", ["shp", "zero"], ["b"], axis=0),
        h.make_node("Unsqueeze", ["b", "zero1"], ["b_1"]),
        h.make_node("Concat", ["b_1", "minus1"], ["newshape"], axis=0),
        h.make_node("Reshape", ["x", "newshape"], ["flat"]),
        h.make_node("Slice", ["x", "st", "en", "ax", "sp"], ["sl"]),
        h.make_node("Split", ["x", "split"], ["p0", "p1"], axis=2),
        h.make_node("Concat", ["p1", "p0"], ["cat"], axis=2),
        h.make_node("Gather", ["emb", "ids"], ["g"], axis=0),
        h.make_node("Expand", ["y1", "eshape"], ["ex"]),
        h.make_node("Greater", ["x", "zf"], ["pos"]),
        h.make_node("Where", ["pos", "x", "ex"], ["wh"]),
        h.make_node("Trilu", ["sq"], ["tri"], upper=0),
        h.make_node("Cast", ["ids"], ["idf"], to=T.FLOAT),
        h.make_node("Pad", ["x", "pads", "pv"], ["pc"], mode="constant"),
        h.make_node("Pad", ["x", "pads"], ["pr"], mode="reflect"),
        h.make_node("Pad", ["x", "pads"], ["pe"], mode="edge"),
        h.make_node("Flatten", ["x"], ["fl"], axis=2),
        h.make_node("Squeeze", ["y1", "zero1"], ["sqz"]),
        h.make_node("Range", ["r0", "b", "r1"], ["rg"]),
        h.make_node("ConstantOfShape", ["shp"], ["co"], value=h.make_tensor("v", T.FLOAT, [1], [1.5])),
        h.make_node("Tile", ["x", "reps"], ["ti"]),
    ]
    inits = [const("zero", np.array(0, np.int64)), const("zero1", np.array([0], np.int64)),
             const("minus1", np.array([-1], np.int64)),
             const("st", np.array([9, 1], np.int64)), const("en", np.array([0, 3], np.int64)),
             const("ax", np.array([2, 1], np.int64)), const("sp", np.array([-3, 1], np.int64)),
             const("split", np.array([3, 7], np.int64)), const("emb", emb),
             const("eshape", np.array([2, 3, 10], np.int64)), const("zf", np.array(0, np.float32)),
             const("pads", np.array([0, 1, 2, 0, 1, 3], np.int64)),
             const("pv", np.array(-2.0, np.float32)),
             const("r0", np.array(0, np.int64)), const("r1", np.array(1, np.int64)),
             const("reps", np.array([1, 2, 1], np.int64))]
    outs = ["t", "flat", "sl", "cat", "g", "wh", "tri", "idf", "pc", "pr", "pe", "fl", "sqz", "rg",
            "co", "ti"]
    m = model(nodes, [vi("x", F32, [2, 3, 10]), vi("y1", F32, [1, 3, 10]),
                      vi("sq", F32, [4, 5]), vi("ids", I64, [2, 3])],
              [vi(n, T.INT64 if n == "rg" else F32, None) for n in outs], inits)
    return Case("shape_and_data_movement", m, {
        "x": x, "y1": r.standard_normal((1, 3, 10)).astype(np.float32),
        "sq": r.standard_normal((4, 5)).astype(np.float32), "ids": ids})


@case
def symbolic_dims_fixed_with_shape():
    r = rng(10)
    x = r.standard_normal((3, 17, 8)).astype(np.float32)
    w = r.standard_normal((8, 5)).astype(np.float32)
    nodes = [h.make_node("MatMul", ["x", "w"], ["y"]), h.make_node("Tanh", ["y"], ["out"])]
    m = model(nodes, [vi("x", F32, ["batch", "seq", 8])], [vi("out", F32, ["batch", "seq", 5])],
              [const("w", w)])
    return Case("symbolic_dims_fixed_with_shape", m, {"x": x}, shapes=["x=3x17x8"])


def la_model(domain, rule, b, t, hq, hkv, dk, dv, per_head=False, past=False, beta1=False,
             scale=None, elem=F32):
    ins = ["q", "k", "v", "past" if past else "", "", ""]
    inputs = [vi("q", elem, [b, t, hq * dk]), vi("k", elem, [b, t, hkv * dk]),
              vi("v", elem, [b, t, hkv * dv])]
    if past:
        inputs.append(vi("past", elem, [b, hkv, dk, dv]))
    if rule in ("gated", "gated_delta"):
        ins[4] = "decay"
        inputs.append(vi("decay", elem, [b, t, hkv if per_head else hkv * dk]))
    if rule in ("delta", "gated_delta"):
        ins[5] = "beta"
        inputs.append(vi("beta", elem, [b, t, 1 if beta1 else hkv]))
    while ins and ins[-1] == "":
        ins.pop()
    attrs = dict(q_num_heads=hq, kv_num_heads=hkv, update_rule=rule)
    if scale:
        attrs["scale"] = scale
    node = h.make_node("LinearAttention", ins, ["out", "state"], domain=domain, **attrs)
    extra = [("com.microsoft", 1)] if domain else []
    m = model([node], inputs, [vi("out", elem, None), vi("state", elem, None)],
              opset=27 if not domain else 21, extra_opsets=extra)
    r = rng(11)
    npt = np.float16 if elem == F16 else np.float32
    feeds = {}
    for vinfo in inputs:
        shape = [d.dim_value for d in vinfo.type.tensor_type.shape.dim]
        a = r.standard_normal(shape) * 0.5
        if vinfo.name == "k":
            a4 = a.reshape(b, t, hkv, dk)
            a = (a4 / np.linalg.norm(a4, axis=-1, keepdims=True)).reshape(a.shape)
        if vinfo.name == "decay":
            a = -np.abs(a) * 0.3
        if vinfo.name == "beta":
            a = 1 / (1 + np.exp(-a))
        feeds[vinfo.name] = a.astype(npt)
    return m, feeds


@case
def linear_attention_gated_delta_gqa():
    m, feeds = la_model("", "gated_delta", 2, 37, 4, 2, 16, 8)
    return Case("linear_attention_gated_delta_gqa", m, feeds)


@case
def linear_attention_gated_per_head_past():
    m, feeds = la_model("", "gated", 3, 19, 2, 2, 8, 8, per_head=True, past=True, scale=0.3)
    return Case("linear_attention_gated_per_head_past", m, feeds)


@case
def linear_attention_delta_beta_shared():
    m, feeds = la_model("", "delta", 1, 23, 3, 3, 4, 6, beta1=True)
    return Case("linear_attention_delta_beta_shared", m, feeds)


@case
def linear_attention_linear_decode_step():
    m, feeds = la_model("", "linear", 2, 1, 2, 1, 8, 8, past=True)
    return Case("linear_attention_linear_decode_step", m, feeds)


@case
def linear_attention_fp16():
    m, feeds = la_model("", "gated_delta", 2, 9, 4, 2, 8, 8, elem=F16)
    return Case("linear_attention_fp16", m, feeds, rtol=1e-2, atol=1e-2)


# Chunked forms (--chunking=always takes them at any length and head size;
# chunks of 32): the importer's [B, T, H*D] to head-major transposes are read in
# place and the output is written in the ONNX layout (one query head per
# state), or copied (grouped queries).
CHUNKED = ["--chunking=always"]


@case
def linear_attention_gated_chunked():
    m, feeds = la_model("", "gated", 2, 70, 2, 2, 16, 8, per_head=True, past=True)
    return Case("linear_attention_gated_chunked", m, feeds, seqc_args=CHUNKED)


@case
def linear_attention_gla_chunked():
    m, feeds = la_model("", "gated", 1, 81, 2, 2, 16, 16)
    return Case("linear_attention_gla_chunked", m, feeds, seqc_args=CHUNKED)


@case
def linear_attention_gated_delta_gqa_chunked():
    m, feeds = la_model("", "gated_delta", 2, 100, 4, 2, 16, 8, per_head=True, past=True)
    return Case("linear_attention_gated_delta_gqa_chunked", m, feeds, seqc_args=CHUNKED)


@case
def linear_attention_delta_chunked():
    m, feeds = la_model("", "delta", 1, 130, 3, 3, 8, 16)
    return Case("linear_attention_delta_chunked", m, feeds, seqc_args=CHUNKED)


@case
def linear_attention_com_microsoft():
    m, feeds = la_model("com.microsoft", "gated_delta", 2, 13, 4, 2, 8, 8, past=True)
    return Case("linear_attention_com_microsoft", m, feeds)


def conv_model(domain, b, c, l, k, bias, past, act, **extra_attrs):
    ins = ["x", "w", "b" if bias else "", "past" if past else ""]
    while ins[-1] == "":
        ins.pop()
    inputs = [vi("x", F32, [b, c, l])]
    if past:
        inputs.append(vi("past", F32, [b, c, k - 1]))
    node = h.make_node("CausalConvWithState", ins, ["y", "state"], domain=domain,
                       activation=act, **extra_attrs)
    r = rng(12)
    inits = [const("w", r.standard_normal((c, 1, k)).astype(np.float32))]
    if bias:
        inits.append(const("b", r.standard_normal((c,)).astype(np.float32)))
    extra = [("com.microsoft", 1)] if domain else []
    m = model([node], inputs, [vi("y", F32, None), vi("state", F32, None)], inits,
              opset=27 if not domain else 21, extra_opsets=extra)
    feeds = {"x": r.standard_normal((b, c, l)).astype(np.float32)}
    if past:
        feeds["past"] = r.standard_normal((b, c, k - 1)).astype(np.float32)
    return m, feeds


@case
def causal_conv_silu_bias_past():
    m, feeds = conv_model("", 2, 5, 33, 4, True, True, "silu")
    return Case("causal_conv_silu_bias_past", m, feeds)


@case
def causal_conv_short_input():
    m, feeds = conv_model("", 3, 4, 2, 5, False, False, "none")
    return Case("causal_conv_short_input", m, feeds)


@case
def causal_conv_com_microsoft_dilated():
    m, feeds = conv_model("com.microsoft", 2, 3, 17, 3, True, False, "swish", dilation=2)
    return Case("causal_conv_com_microsoft_dilated", m, feeds)


@case
def scan_linear_recurrence():
    # h_t = h_{t-1} * a_t + x_t ; y_t = 2 h_t, scanned over axis 1.
    body = h.make_graph(
        [h.make_node("Mul", ["h", "a_t"], ["ha"]), h.make_node("Add", ["ha", "x_t"], ["h2"]),
         h.make_node("Add", ["h2", "h2"], ["y_t"])],
        "body", [vi("h", F32, [2, 3]), vi("a_t", F32, [2, 3]), vi("x_t", F32, [2, 3])],
        [vi("h2", F32, [2, 3]), vi("y_t", F32, [2, 3])])
    node = h.make_node("Scan", ["h0", "a", "x"], ["hN", "y"], body=body, num_scan_inputs=2,
                       scan_input_axes=[1, 1], scan_output_axes=[1], scan_input_directions=[0, 1])
    r = rng(13)
    m = model([node], [vi("h0", F32, [2, 3]), vi("a", F32, [2, 11, 3]), vi("x", F32, [2, 11, 3])],
              [vi("hN", F32, None), vi("y", F32, None)])
    return Case("scan_linear_recurrence", m, {
        "h0": r.standard_normal((2, 3)).astype(np.float32),
        "a": r.uniform(0.5, 1.0, (2, 11, 3)).astype(np.float32),
        "x": r.standard_normal((2, 11, 3)).astype(np.float32)})


def unsq(name, axes, out, nodes, consts):
    consts.append(const(out + "_axes", np.array(axes, np.int64)))
    nodes.append(h.make_node("Unsqueeze", [name, out + "_axes"], [out]))
    return out


@case
def scan_raised_selective_scan():
    # A Mamba-1 step as a Scan body over axis 1 of [B, L, ...] inputs; it is
    # raised to seq.selective_scan (import-scan-raising.test checks that).
    b, l, d, n = 2, 17, 6, 4
    nodes, consts = [], []
    dt3 = unsq("dt_t", [2], "dt3", nodes, consts)
    nodes += [h.make_node("Mul", [dt3, "A"], ["dtA"]), h.make_node("Exp", ["dtA"], ["dA"]),
              h.make_node("Mul", ["h", "dA"], ["hd"])]
    b3 = unsq("B_t", [1], "b3", nodes, consts)
    u3 = unsq("u_t", [-1], "u3", nodes, consts)
    nodes += [h.make_node("Mul", [dt3, b3], ["dtb"]), h.make_node("Mul", ["dtb", u3], ["dbu"]),
              h.make_node("Add", ["dbu", "hd"], ["h2"])]
    c3 = unsq("C_t", [1], "c3", nodes, consts)
    nodes += [h.make_node("Mul", ["h2", c3], ["hc"]),
              h.make_node("ReduceSum", ["hc", "red"], ["y_t"], keepdims=0)]
    consts.append(const("red", np.array([-1], np.int64)))
    nodes = [h.make_node("Constant", [], [c.name], value=c) for c in consts] + nodes
    body = h.make_graph(nodes, "body",
                        [vi("h", F32, [b, d, n]), vi("dt_t", F32, [b, d]), vi("u_t", F32, [b, d]),
                         vi("B_t", F32, [b, n]), vi("C_t", F32, [b, n])],
                        [vi("h2", F32, [b, d, n]), vi("y_t", F32, [b, d])])
    node = h.make_node("Scan", ["h0", "dt", "u", "B", "C"], ["hN", "y"], body=body,
                       num_scan_inputs=4, scan_input_axes=[1, 1, 1, 1], scan_output_axes=[1])
    r = rng(18)
    A = -np.exp(r.standard_normal((d, n))).astype(np.float32)
    m = model([node], [vi("h0", F32, [b, d, n]), vi("dt", F32, [b, l, d]), vi("u", F32, [b, l, d]),
                       vi("B", F32, [b, l, n]), vi("C", F32, [b, l, n])],
              [vi("hN", F32, None), vi("y", F32, None)], [const("A", A)])
    return Case("scan_raised_selective_scan", m, {
        "h0": r.standard_normal((b, d, n)).astype(np.float32),
        "dt": r.uniform(0.01, 0.5, (b, l, d)).astype(np.float32),
        "u": r.standard_normal((b, l, d)).astype(np.float32),
        "B": r.standard_normal((b, l, n)).astype(np.float32),
        "C": r.standard_normal((b, l, n)).astype(np.float32)})


@case
def scan_reversed_not_raised():
    # The same body with one input read backwards is not the recognized
    # form: it runs as the generic loop and must still be right.
    c = scan_raised_selective_scan()
    c.model.graph.node[0].attribute.append(
        h.make_attribute("scan_input_directions", [0, 0, 0, 1]))
    c.name = "scan_reversed_not_raised"
    return c


@case
def scan_raised_linear_attention():
    # A gated (per key dim) linear-attention step, scanned over axis 0.
    b, l, hh, k, v = 2, 15, 3, 4, 5
    nodes, consts = [], []
    g4 = unsq("g_t", [3], "g4", nodes, consts)
    k4 = unsq("k_t", [3], "k4", nodes, consts)
    v4 = unsq("v_t", [2], "v4", nodes, consts)
    q4 = unsq("q_t", [3], "q4", nodes, consts)
    nodes += [h.make_node("Exp", [g4], ["eg"]), h.make_node("Mul", ["eg", "S"], ["Sd"]),
              h.make_node("Mul", [k4, v4], ["kv"]), h.make_node("Add", ["Sd", "kv"], ["S2"]),
              h.make_node("Mul", ["S2", q4], ["sq"]),
              h.make_node("ReduceSum", ["sq", "red"], ["o_raw"], keepdims=0),
              h.make_node("Mul", ["o_raw", "scale"], ["o_t"])]
    consts += [const("red", np.array([2], np.int64)), const("scale", np.array(0.5, np.float32))]
    nodes = [h.make_node("Constant", [], [c.name], value=c) for c in consts] + nodes
    body = h.make_graph(nodes, "body",
                        [vi("S", F32, [b, hh, k, v]), vi("q_t", F32, [b, hh, k]),
                         vi("k_t", F32, [b, hh, k]), vi("v_t", F32, [b, hh, v]),
                         vi("g_t", F32, [b, hh, k])],
                        [vi("S2", F32, [b, hh, k, v]), vi("o_t", F32, [b, hh, v])])
    node = h.make_node("Scan", ["S0", "q", "k", "v", "g"], ["SN", "o"], body=body,
                       num_scan_inputs=4)
    r = rng(19)
    m = model([node], [vi("S0", F32, [b, hh, k, v]), vi("q", F32, [l, b, hh, k]),
                       vi("k", F32, [l, b, hh, k]), vi("v", F32, [l, b, hh, v]),
                       vi("g", F32, [l, b, hh, k])],
              [vi("SN", F32, None), vi("o", F32, None)])
    return Case("scan_raised_linear_attention", m, {
        "S0": r.standard_normal((b, hh, k, v)).astype(np.float32),
        "q": r.standard_normal((l, b, hh, k)).astype(np.float32),
        "k": r.standard_normal((l, b, hh, k)).astype(np.float32) * 0.5,
        "v": r.standard_normal((l, b, hh, v)).astype(np.float32),
        "g": -r.uniform(0.0, 0.5, (l, b, hh, k)).astype(np.float32)})


@case
def loop_static_trip_count():
    # for i in range(7): acc = acc * 0.9 + x * i  (a `for` loop as exported:
    # constant trip count, condition passed through); acc is also stacked.
    body = h.make_graph(
        [h.make_node("Identity", ["cond_in"], ["cond_out"]),
         h.make_node("Cast", ["i"], ["fi"], to=F32),
         h.make_node("Mul", ["x", "fi"], ["xi"]),
         h.make_node("Mul", ["acc", "decay"], ["ad"]),
         h.make_node("Add", ["ad", "xi"], ["acc2"]),
         h.make_node("Identity", ["acc2"], ["acc_step"])],
        "body", [vi("i", I64, []), vi("cond_in", T.BOOL, []), vi("acc", F32, [3, 4])],
        [vi("cond_out", T.BOOL, []), vi("acc2", F32, [3, 4]), vi("acc_step", F32, [3, 4])])
    node = h.make_node("Loop", ["M", "", "acc0"], ["accN", "steps"], body=body)
    r = rng(20)
    m = model([node], [vi("acc0", F32, [3, 4]), vi("x", F32, [3, 4])],
              [vi("accN", F32, None), vi("steps", F32, None)],
              [const("M", np.array(7, np.int64)), const("decay", np.array(0.9, np.float32))])
    return Case("loop_static_trip_count", m, {
        "acc0": r.standard_normal((3, 4)).astype(np.float32),
        "x": r.standard_normal((3, 4)).astype(np.float32)})


@case
def loop_while_condition():
    # while sum(v) < 100 and i < M: v = v * 1.5 + i  (a data-dependent
    # condition: an scf.while).
    body = h.make_graph(
        [h.make_node("Cast", ["i"], ["fi"], to=F32),
         h.make_node("Mul", ["v", "k"], ["vk"]), h.make_node("Add", ["vk", "fi"], ["v2"]),
         h.make_node("ReduceSum", ["v2"], ["s"], keepdims=0),
         h.make_node("Less", ["s", "lim"], ["c_out"])],
        "body", [vi("i", I64, []), vi("c_in", T.BOOL, []), vi("v", F32, [2, 3])],
        [vi("c_out", T.BOOL, []), vi("v2", F32, [2, 3])])
    node = h.make_node("Loop", ["M", "c0", "v0"], ["vN"], body=body)
    m = model([node], [vi("M", I64, []), vi("c0", T.BOOL, []), vi("v0", F32, [2, 3])],
              [vi("vN", F32, None)],
              [const("k", np.array(1.5, np.float32)), const("lim", np.array(100.0, np.float32))])
    return Case("loop_while_condition", m, {
        "M": np.array(50, np.int64), "c0": np.array(True),
        "v0": rng(23).uniform(0.5, 1.0, (2, 3)).astype(np.float32)})


@case
def repeated_outputs():
    # One value as two graph outputs, and an input returned as an output:
    # each gets its own buffer.
    nodes = [h.make_node("Tanh", ["x"], ["t"]), h.make_node("Identity", ["t"], ["t2"])]
    m = model(nodes, [vi("x", F32, [4, 5])],
              [vi("t", F32, None), vi("t2", F32, None), vi("x", F32, None)])
    return Case("repeated_outputs", m, {"x": rng(21).standard_normal((4, 5)).astype(np.float32)})


@case
def scan_raised_gated_delta():
    # A Gated DeltaNet step (per-head decay, delta rule), scanned over axis 1.
    b, l, hh, k, v = 2, 13, 2, 4, 6
    nodes, consts = [], []
    g4 = unsq("g_t", [2, 3], "g4", nodes, consts)
    k4 = unsq("k_t", [3], "k4", nodes, consts)
    k4b = unsq("k_t", [-1], "k4b", nodes, consts)
    q4 = unsq("q_t", [3], "q4", nodes, consts)
    b3 = unsq("beta_t", [2], "b3", nodes, consts)
    nodes += [h.make_node("Exp", [g4], ["eg"]), h.make_node("Mul", ["S", "eg"], ["Sd"]),
              h.make_node("Mul", ["Sd", k4b], ["sk"]),
              h.make_node("ReduceSum", ["sk", "red"], ["r"], keepdims=0),
              h.make_node("Sub", ["v_t", "r"], ["err"]),
              h.make_node("Mul", [b3, "err"], ["upd"])]
    u4 = unsq("upd", [2], "u4", nodes, consts)
    nodes += [h.make_node("Mul", [k4, u4], ["ku"]), h.make_node("Add", ["Sd", "ku"], ["S2"]),
              h.make_node("Mul", ["S2", q4], ["sq"]),
              h.make_node("ReduceSum", ["sq", "red"], ["o_t"], keepdims=0)]
    consts.append(const("red", np.array([2], np.int64)))
    nodes = [h.make_node("Constant", [], [c.name], value=c) for c in consts] + nodes
    body = h.make_graph(nodes, "body",
                        [vi("S", F32, [b, hh, k, v]), vi("q_t", F32, [b, hh, k]),
                         vi("k_t", F32, [b, hh, k]), vi("v_t", F32, [b, hh, v]),
                         vi("g_t", F32, [b, hh]), vi("beta_t", F32, [b, hh])],
                        [vi("S2", F32, [b, hh, k, v]), vi("o_t", F32, [b, hh, v])])
    node = h.make_node("Scan", ["S0", "q", "k", "v", "g", "beta"], ["SN", "o"], body=body,
                       num_scan_inputs=5, scan_input_axes=[1] * 5, scan_output_axes=[1])
    r = rng(22)
    kk = r.standard_normal((b, l, hh, k))
    kk = kk / np.linalg.norm(kk, axis=-1, keepdims=True)
    m = model([node], [vi("S0", F32, [b, hh, k, v]), vi("q", F32, [b, l, hh, k]),
                       vi("k", F32, [b, l, hh, k]), vi("v", F32, [b, l, hh, v]),
                       vi("g", F32, [b, l, hh]), vi("beta", F32, [b, l, hh])],
              [vi("SN", F32, None), vi("o", F32, None)])
    return Case("scan_raised_gated_delta", m, {
        "S0": r.standard_normal((b, hh, k, v)).astype(np.float32),
        "q": r.standard_normal((b, l, hh, k)).astype(np.float32),
        "k": kk.astype(np.float32),
        "v": r.standard_normal((b, l, hh, v)).astype(np.float32),
        "g": -r.uniform(0.0, 0.5, (b, l, hh)).astype(np.float32),
        "beta": r.uniform(0.1, 0.9, (b, l, hh)).astype(np.float32)})


@case
def local_function_inlined():
    fn = h.make_function("custom", "SiluScale", ["x"], ["y"],
                         [h.make_node("Sigmoid", ["x"], ["s"]), h.make_node("Mul", ["x", "s"], ["y"])],
                         [h.make_opsetid("", 21)])
    node = h.make_node("SiluScale", ["x"], ["y"], domain="custom")
    m = model([node], [vi("x", F32, [3, 7])], [vi("y", F32, None)],
              extra_opsets=[("custom", 1)], functions=[fn])
    return Case("local_function_inlined", m, {"x": rng(14).standard_normal((3, 7)).astype(np.float32)})


# --- The seqc domain, against the NumPy references -------------------------------


def seqc_model(node, inputs, outputs, inits=()):
    return model([node], inputs, outputs, inits, extra_opsets=[("seqc", 1)])


@case
def seqc_selective_scan():
    r = rng(15)
    b, d, n, l, g = 2, 8, 4, 21, 2
    u = r.standard_normal((b, d, l)).astype(np.float32)
    dt = r.standard_normal((b, d, l)).astype(np.float32) * 0.5
    A = -np.exp(r.standard_normal((d, n))).astype(np.float32)
    B = r.standard_normal((b, g, n, l)).astype(np.float32)
    C = r.standard_normal((b, g, n, l)).astype(np.float32)
    D = r.standard_normal((d,)).astype(np.float32)
    z = r.standard_normal((b, d, l)).astype(np.float32)
    bias = r.standard_normal((d,)).astype(np.float32) * 0.1
    node = h.make_node("SelectiveScan", ["u", "dt", "A", "B", "C", "D", "z", "bias"],
                       ["y", "h"], domain="seqc", delta_softplus=1)
    m = seqc_model(node, [vi(k, F32, list(v.shape)) for k, v in
                          [("u", u), ("dt", dt), ("B", B), ("C", C), ("z", z)]],
                   [vi("y", F32, None), vi("h", F32, None)],
                   [const("A", A), const("D", D), const("bias", bias)])
    return Case("seqc_selective_scan", m, {"u": u, "dt": dt, "B": B, "C": C, "z": z},
                reference=lambda: _ref_scan(u, dt, A, B, C, D, z, bias))


def _ref_scan(u, dt, A, B, C, D, z, bias):
    out = seq_ops.selective_scan(u, dt, A, B, C, D=D, z=z, delta_bias=bias, delta_softplus=True)
    return list(out) if isinstance(out, tuple) else [out]


@case
def seqc_ssd():
    r = rng(16)
    b, l, hh, p, g, n = 2, 19, 4, 8, 2, 6
    x = r.standard_normal((b, l, hh, p)).astype(np.float32)
    dt = r.uniform(0.01, 0.3, (b, l, hh)).astype(np.float32)
    A = -np.exp(r.standard_normal((hh,))).astype(np.float32)
    B = r.standard_normal((b, l, g, n)).astype(np.float32)
    C = r.standard_normal((b, l, g, n)).astype(np.float32)
    D = r.standard_normal((hh,)).astype(np.float32)
    node = h.make_node("SSD", ["x", "dt", "A", "B", "C", "D"], ["y"], domain="seqc", chunk_size=8)
    m = seqc_model(node, [vi(k, F32, list(v.shape)) for k, v in
                          [("x", x), ("dt", dt), ("B", B), ("C", C)]],
                   [vi("y", F32, None)], [const("A", A), const("D", D)])

    def ref():
        out = seq_ops.ssd(x, dt, A, B, C, D=D)
        return [out[0] if isinstance(out, tuple) else out]
    return Case("seqc_ssd", m, {"x": x, "dt": dt, "B": B, "C": C}, reference=ref)


@case
def seqc_monarch_and_rmsnorm():
    r = rng(17)
    x = r.standard_normal((3, 5, 16)).astype(np.float32)
    w1 = r.standard_normal((4, 4, 4)).astype(np.float32)
    w2 = r.standard_normal((4, 4, 4)).astype(np.float32)
    nw = r.standard_normal((16,)).astype(np.float32)
    nodes = [h.make_node("MonarchMatMul", ["x", "w1", "w2"], ["y"], domain="seqc"),
             h.make_node("RMSNorm", ["y", "nw"], ["out"], domain="seqc", epsilon=1e-6, groups=2)]
    m = model(nodes, [vi("x", F32, [3, 5, 16])], [vi("y", F32, None), vi("out", F32, None)],
              [const("w1", w1), const("w2", w2), const("nw", nw)], extra_opsets=[("seqc", 1)])

    def ref():
        y = seq_ops.monarch_matmul(x, w1, w2)
        return [y, seq_ops.rms_norm(y, nw, eps=1e-6, groups=2)]
    return Case("seqc_monarch_and_rmsnorm", m, {"x": x}, reference=ref)


def all_cases():
    return [make() for make in CASES]


# --- One case per standard op the frontend documents -------------------------------
# Each is a one-node model (constant operands as initializers) with awkward
# shapes, compared with ONNX Runtime; import-each-op.test checks the IR
# each imports to.

def _x(shape, lo=-2.0, hi=2.0, seed=0, dtype=np.float32):
    return np.random.default_rng(seed).uniform(lo, hi, shape).astype(dtype)


SINGLE_OPS = [
    # name, op, attrs, runtime inputs {name: array}, initializers {name: array}, opset
    ("MatMul", "MatMul", {}, {"a": _x((3, 5, 7)), "b": _x((7, 2), seed=1)}, {}, 21),
    ("Gemm", "Gemm", {"transB": 1}, {"a": _x((4, 6))}, {"w": _x((5, 6), seed=1), "c": _x((5,), seed=2)}, 21),
    ("Add", "Add", {}, {"a": _x((2, 3, 5)), "b": _x((3, 1), seed=1)}, {}, 21),
    ("Sub", "Sub", {}, {"a": _x((2, 3, 5)), "b": _x((5,), seed=1)}, {}, 21),
    ("Mul", "Mul", {}, {"a": _x((2, 3, 5)), "b": _x((2, 1, 5), seed=1)}, {}, 21),
    ("Div", "Div", {}, {"a": _x((2, 3, 5)), "b": _x((5,), 0.5, 2.0, seed=1)}, {}, 21),
    ("Pow", "Pow", {}, {"a": _x((3, 7), 0.1, 2.0), "b": _x((7,), seed=1)}, {}, 21),
    ("Sqrt", "Sqrt", {}, {"x": _x((3, 7), 0.0, 4.0)}, {}, 21),
    ("Reciprocal", "Reciprocal", {}, {"x": _x((3, 7), 0.5, 4.0)}, {}, 21),
    ("Exp", "Exp", {}, {"x": _x((3, 7))}, {}, 21),
    ("Log", "Log", {}, {"x": _x((3, 7), 0.1, 4.0)}, {}, 21),
    ("Neg", "Neg", {}, {"x": _x((3, 7))}, {}, 21),
    ("Abs", "Abs", {}, {"x": _x((3, 7))}, {}, 21),
    ("Softplus", "Softplus", {}, {"x": _x((3, 7), -30, 30)}, {}, 21),
    ("Sigmoid", "Sigmoid", {}, {"x": _x((3, 7), -10, 10)}, {}, 21),
    ("Tanh", "Tanh", {}, {"x": _x((3, 7))}, {}, 21),
    ("Relu", "Relu", {}, {"x": _x((3, 7))}, {}, 21),
    ("Erf", "Erf", {}, {"x": _x((3, 7))}, {}, 21),
    ("Gelu", "Gelu", {"approximate": "tanh"}, {"x": _x((3, 7))}, {}, 21),
    ("Softmax", "Softmax", {"axis": 0}, {"x": _x((3, 7), -5, 5)}, {}, 21),
    ("ReduceMean", "ReduceMean", {"keepdims": 0}, {"x": _x((3, 5, 7))}, {"axes": np.array([0, -1])}, 21),
    ("ReduceSum", "ReduceSum", {}, {"x": _x((3, 5, 7))}, {"axes": np.array([1])}, 21),
    ("ReduceMax", "ReduceMax", {"keepdims": 0}, {"x": _x((3, 5, 7))}, {"axes": np.array([2])}, 21),
    ("LayerNormalization", "LayerNormalization", {"axis": 1}, {"x": _x((2, 3, 5))},
     {"s": _x((3, 5), seed=1), "b": _x((3, 5), seed=2)}, 21),
    ("RMSNormalization", "RMSNormalization", {}, {"x": _x((2, 3, 9))}, {"s": _x((9,), seed=1)}, 23),
    ("Conv", "Conv", {"group": 4, "pads": [2, 1], "dilations": [2]}, {"x": _x((2, 4, 11))},
     {"w": _x((8, 1, 3), seed=1), "b": _x((8,), seed=2)}, 21),
    ("Transpose", "Transpose", {"perm": [1, 2, 0]}, {"x": _x((2, 3, 5))}, {}, 21),
    ("Reshape", "Reshape", {}, {"x": _x((2, 3, 5))}, {"shape": np.array([0, -1])}, 21),
    ("Flatten", "Flatten", {"axis": -1}, {"x": _x((2, 3, 5))}, {}, 21),
    ("Squeeze", "Squeeze", {}, {"x": _x((2, 1, 5, 1))}, {"axes": np.array([-1])}, 21),
    ("Unsqueeze", "Unsqueeze", {}, {"x": _x((2, 5))}, {"axes": np.array([0, 3])}, 21),
    ("Slice", "Slice", {}, {"x": _x((7, 9))},
     {"starts": np.array([-1, 1]), "ends": np.array([-8, 100]), "axes": np.array([0, 1]),
      "steps": np.array([-2, 3])}, 21),
    ("Split", "Split", {"axis": 1, "num_outputs": 3}, {"x": _x((2, 7))}, {}, 21),
    ("Concat", "Concat", {"axis": -1}, {"a": _x((2, 3)), "b": _x((2, 4), seed=1)}, {}, 21),
    ("Gather", "Gather", {"axis": 1}, {"x": _x((3, 6))}, {"i": np.array([[5, -1], [0, 2]])}, 21),
    ("Expand", "Expand", {}, {"x": _x((3, 1))}, {"shape": np.array([2, 1, 4])}, 21),
    ("Where", "Where", {}, {"c": _x((3, 4)) > 0, "a": _x((3, 4), seed=1), "b": _x((4,), seed=2)}, {}, 21),
    ("Trilu", "Trilu", {"upper": 1}, {"x": _x((2, 4, 5))}, {"k": np.array(-1)}, 21),
    ("CumSum", "CumSum", {"reverse": 1}, {"x": _x((3, 5))}, {"axis": np.array(1)}, 21),
    ("Einsum", "Einsum", {"equation": "bij,bkj->bik"}, {"a": _x((2, 3, 4)), "b": _x((2, 5, 4), seed=1)}, {}, 21),
    ("Cast", "Cast", {"to": T.INT32}, {"x": _x((3, 5), -9, 9)}, {}, 21),
    ("Identity", "Identity", {}, {"x": _x((3, 5))}, {}, 21),
    ("Pad", "Pad", {"mode": "reflect"}, {"x": _x((3, 5))}, {"pads": np.array([1, 2, 2, 0])}, 21),
    ("Range", "Range", {}, {}, {"s": np.array(1.5, np.float32), "l": np.array(9.0, np.float32),
                                "d": np.array(1.25, np.float32)}, 21),
    ("ConstantOfShape", "ConstantOfShape", {"value": h.make_tensor("v", T.INT64, [1], [7])}, {},
     {"shape": np.array([2, 3])}, 21),
    ("Shape", "Shape", {"start": 1}, {"x": _x((2, 3, 5))}, {}, 21),
]


def _single_op_case(name, op, attrs, runtime, inits, opset):
    ins = list(runtime) + list(inits)
    n_out = 3 if op == "Split" else 1
    outs = [f"y{i}" for i in range(n_out)]
    node = h.make_node(op, ins, outs, name=name.lower(), **attrs)
    def elem(a):
        return {np.dtype(np.float32): F32, np.dtype(np.bool_): T.BOOL,
                np.dtype(np.int64): I64}[a.dtype]
    inputs = [vi(k, elem(a), list(a.shape)) for k, a in runtime.items()]
    inits = [const(k, np.asarray(a)) for k, a in inits.items()]
    m = model([node], inputs, [h.make_tensor_value_info(o, 0, None) for o in outs], inits,
              opset=opset)
    # Output types come from ONNX shape inference.
    m = onnx.shape_inference.infer_shapes(m)
    return Case("op_" + name, m, dict(runtime))


for _spec in SINGLE_OPS:
    CASES.append(lambda spec=_spec: _single_op_case(*spec))
