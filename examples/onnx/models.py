"""Two example language models written with onnx.helper.

mamba_lm: a 2-layer Mamba-1 LM (embedding, pre-norm blocks with in_proj,
  depthwise causal Conv, x_proj/dt_proj, the seqc.SelectiveScan custom
  op, out_proj, residual; final RMSNorm and LM head). Standard ops plus
  one custom op, so its reference is NumPy (numpy_mamba_lm below).
gated_deltanet: a 2-layer Gated-DeltaNet (Qwen3.5-style) LM with the
  standard opset-27 ops: q/k/v projections, CausalConvWithState (SiLU)
  over them, L2-normalized q and k, decay -exp(A_log)*softplus(a + bias),
  beta = sigmoid(b), LinearAttention(update_rule gated_delta), an output
  gate and projection. ONNX Runtime runs it (its reference).

Weights are seeded random values, so the models are made at run time;
nothing opaque is checked in.
"""

import os
import sys

import numpy as np
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nh

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "test", "reference"))
import seq_ops  # noqa: E402

BATCH, LENGTH, VOCAB, D_MODEL, LAYERS = 2, 13, 64, 32, 2


class Builder:
    """Accumulates nodes and initializers with unique names."""

    def __init__(self, seed):
        self.nodes, self.inits, self.rng, self.count = [], [], np.random.default_rng(seed), 0

    def weight(self, name, shape, scale=None, value=None):
        if value is None:
            scale = scale if scale is not None else 1.0 / np.sqrt(shape[0])
            value = (self.rng.standard_normal(shape) * scale).astype(np.float32)
        value = np.asarray(value)
        if value.dtype == np.float64:
            value = value.astype(np.float32)
        self.inits.append(nh.from_array(value, name))
        return name

    def ints(self, values):
        return self.weight(self.fresh("c"), None, value=np.array(values, np.int64))

    def fresh(self, stem):
        self.count += 1
        return f"{stem}_{self.count}"

    def op(self, op_type, inputs, outputs=1, **attrs):
        names = [self.fresh(op_type.lower()) for _ in range(outputs)]
        domain = attrs.pop("domain", "")
        self.nodes.append(h.make_node(op_type, inputs, names, name=names[0],
                                      domain=domain, **attrs))
        return names if outputs > 1 else names[0]

    def rms_norm(self, x, name):
        w = self.weight(name, (D_MODEL,), value=1 + 0.1 * self.rng.standard_normal(D_MODEL))
        return self.op("RMSNormalization", [x, w], epsilon=1e-5)

    def silu(self, x):
        return self.op("Mul", [x, self.op("Sigmoid", [x])])

    def model(self, inputs, outputs, opsets):
        g = h.make_graph(self.nodes, "lm", inputs, outputs, self.inits)
        m = h.make_model(g, opset_imports=[h.make_opsetid(d, v) for d, v in opsets])
        m.ir_version = 10
        return m


# --- Mamba-1 ------------------------------------------------------------------

D_INNER, D_STATE, DT_RANK, CONV = 64, 8, 4, 4


def mamba_lm():
    b = Builder(1)
    emb = b.weight("embedding", (VOCAB, D_MODEL), scale=1.0)
    x = b.op("Gather", [emb, "input_ids"], axis=0)
    for layer in range(LAYERS):
        p = f"layer{layer}."
        hdn = b.rms_norm(x, p + "norm")
        xz = b.op("MatMul", [hdn, b.weight(p + "in_proj", (D_MODEL, 2 * D_INNER))])
        xi, z = b.op("Split", [xz, b.ints([D_INNER, D_INNER])], outputs=2, axis=2)
        xi_t = b.op("Transpose", [xi], perm=[0, 2, 1])
        conv = b.op("Conv", [xi_t, b.weight(p + "conv_w", (D_INNER, 1, CONV), scale=0.5),
                             b.weight(p + "conv_b", (D_INNER,), scale=0.1)],
                    group=D_INNER, pads=[CONV - 1, 0])
        xc = b.silu(conv)                                               # [B, Di, L]
        x_dbl = b.op("MatMul", [b.op("Transpose", [xc], perm=[0, 2, 1]),
                                b.weight(p + "x_proj", (D_INNER, DT_RANK + 2 * D_STATE))])
        dt, bm, cm = b.op("Split", [x_dbl, b.ints([DT_RANK, D_STATE, D_STATE])],
                          outputs=3, axis=2)
        delta = b.op("Transpose", [b.op("MatMul", [dt, b.weight(p + "dt_proj",
                                                               (DT_RANK, D_INNER))])],
                     perm=[0, 2, 1])
        # B and C [B, L, N] -> [B, 1, N, L]: one group.
        bm4 = b.op("Unsqueeze", [b.op("Transpose", [bm], perm=[0, 2, 1]), b.ints([1])])
        cm4 = b.op("Unsqueeze", [b.op("Transpose", [cm], perm=[0, 2, 1]), b.ints([1])])
        a_log = np.log(np.tile(np.arange(1, D_STATE + 1, dtype=np.float32), (D_INNER, 1)))
        A = b.weight(p + "A", None, value=-np.exp(a_log))
        y = b.op("SelectiveScan",
                 [xc, delta, A, bm4, cm4, b.weight(p + "D", (D_INNER,), value=np.ones(D_INNER, np.float32)),
                  b.op("Transpose", [z], perm=[0, 2, 1]),
                  b.weight(p + "dt_bias", (D_INNER,), scale=0.1)],
                 domain="seqc", delta_softplus=1)
        out = b.op("MatMul", [b.op("Transpose", [y], perm=[0, 2, 1]),
                              b.weight(p + "out_proj", (D_INNER, D_MODEL))])
        x = b.op("Add", [x, out])
    logits = b.op("MatMul", [b.rms_norm(x, "final_norm"),
                             b.weight("lm_head", (D_MODEL, VOCAB))])
    b.nodes[-1].output[0] = "logits"
    m = b.model([h.make_tensor_value_info("input_ids", T.INT64, [BATCH, LENGTH])],
                [h.make_tensor_value_info("logits", T.FLOAT, [BATCH, LENGTH, VOCAB])],
                [("", 23), ("seqc", 1)])
    return m


def numpy_mamba_lm(model, input_ids):
    """The same computation in NumPy (seq_ops for the scan and the conv)."""
    w = {i.name: nh.to_array(i) for i in model.graph.initializer}
    def rms(x, g):
        return x / np.sqrt(np.mean(x * x, -1, keepdims=True) + 1e-5) * g
    x = w["embedding"][input_ids]
    for layer in range(LAYERS):
        p = f"layer{layer}."
        hdn = rms(x, w[p + "norm"])
        xz = hdn @ w[p + "in_proj"]
        xi, z = xz[..., :D_INNER], xz[..., D_INNER:]
        conv, _ = seq_ops.causal_conv1d(xi.transpose(0, 2, 1), w[p + "conv_w"][:, 0, :],
                                        w[p + "conv_b"], activation="silu")
        xc = conv
        x_dbl = xc.transpose(0, 2, 1) @ w[p + "x_proj"]
        dt = x_dbl[..., :DT_RANK]
        bm = x_dbl[..., DT_RANK:DT_RANK + D_STATE]
        cm = x_dbl[..., DT_RANK + D_STATE:]
        delta = (dt @ w[p + "dt_proj"]).transpose(0, 2, 1)
        y, _ = seq_ops.selective_scan(xc, delta, w[p + "A"], bm.transpose(0, 2, 1)[:, None],
                                      cm.transpose(0, 2, 1)[:, None], D=w[p + "D"],
                                      z=z.transpose(0, 2, 1), delta_bias=w[p + "dt_bias"],
                                      delta_softplus=True)
        x = x + y.transpose(0, 2, 1) @ w[p + "out_proj"]
    return rms(x, w["final_norm"]) @ w["lm_head"]


# --- Gated DeltaNet -------------------------------------------------------------

HEADS, D_HEAD = 4, 8


def gated_deltanet():
    b = Builder(2)
    emb = b.weight("embedding", (VOCAB, D_MODEL), scale=1.0)
    x = b.op("Gather", [emb, "input_ids"], axis=0)
    hd = HEADS * D_HEAD
    for layer in range(LAYERS):
        p = f"layer{layer}."
        hdn = b.rms_norm(x, p + "norm")
        qkv = b.op("MatMul", [hdn, b.weight(p + "qkv_proj", (D_MODEL, 3 * hd))])
        conv, _ = b.op("CausalConvWithState",
                       [b.op("Transpose", [qkv], perm=[0, 2, 1]),
                        b.weight(p + "conv_w", (3 * hd, 1, CONV), scale=0.5)],
                       outputs=2, activation="silu")
        q, k, v = b.op("Split", [b.op("Transpose", [conv], perm=[0, 2, 1]),
                                 b.ints([hd, hd, hd])], outputs=3, axis=2)

        def l2norm(t):
            t4 = b.op("Reshape", [t, b.ints([BATCH, LENGTH, HEADS, D_HEAD])])
            ss = b.op("ReduceSumSquare", [t4, b.ints([-1])], keepdims=1)
            eps = b.weight(b.fresh("eps"), None, value=np.array(1e-6, np.float32))
            n = b.op("Div", [t4, b.op("Sqrt", [b.op("Add", [ss, eps])])])
            return b.op("Reshape", [n, b.ints([BATCH, LENGTH, hd])])

        q, k = l2norm(q), l2norm(k)
        a = b.op("Add", [b.op("MatMul", [hdn, b.weight(p + "a_proj", (D_MODEL, HEADS))]),
                         b.weight(p + "dt_bias", (HEADS,), scale=0.5)])
        a_log = b.weight(p + "A_log", None,
                         value=np.log(np.linspace(1, 4, HEADS)).astype(np.float32))
        decay = b.op("Neg", [b.op("Mul", [b.op("Exp", [a_log]), b.op("Softplus", [a])])])
        beta = b.op("Sigmoid", [b.op("MatMul", [hdn, b.weight(p + "b_proj", (D_MODEL, HEADS))])])
        o, _ = b.op("LinearAttention", [q, k, v, "", decay, beta], outputs=2,
                    q_num_heads=HEADS, kv_num_heads=HEADS, update_rule="gated_delta")
        gate = b.silu(b.op("MatMul", [hdn, b.weight(p + "g_proj", (D_MODEL, hd))]))
        out = b.op("MatMul", [b.op("Mul", [o, gate]), b.weight(p + "o_proj", (hd, D_MODEL))])
        x = b.op("Add", [x, out])
    b.op("MatMul", [b.rms_norm(x, "final_norm"), b.weight("lm_head", (D_MODEL, VOCAB))])
    b.nodes[-1].output[0] = "logits"
    return b.model([h.make_tensor_value_info("input_ids", T.INT64, ["batch", "sequence"])],
                   [h.make_tensor_value_info("logits", T.FLOAT, ["batch", "sequence", VOCAB])],
                   [("", 27)])


def input_ids(seed=3):
    return np.random.default_rng(seed).integers(0, VOCAB, (BATCH, LENGTH)).astype(np.int64)
