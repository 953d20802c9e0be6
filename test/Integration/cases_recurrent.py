"""Op cases of the recurrent seq ops: selective scan, SSD, linear attention
and causal convolution, each in its whole-sequence and decode-step form.

Inputs follow the models' ranges: A negative (Mamba: -(1..N), Mamba-2:
-[1, 16]), dt in ~[1e-3, 0.5] after bias and softplus, log-gates in
[-1, 0), beta in (0, 1), keys L2-normalized for the delta rule.
"""

import numpy as np

from case_lib import (DEFAULT_TOL, GROWING_STATE_TOL, LONG_DECAY_TOL, attr_dict,
                      clauses, f32, float_attr, log_uniform, make_case, rng_for)

import chunked_forms as cf
import mamba_block as mb
import seq_ops as so

# ---------------------------------------------------------------------------
# 1. Selective scan
# ---------------------------------------------------------------------------


def scan_operands(rng, nb, nd, ns, length, groups, *, time_invariant=False,
                  D=True, z=True, bias=True, softplus=True, state=False,
                  step=False):
    """Mamba-like scan inputs: A = -(1..N) with per-channel jitter, dt
    between ~1e-3 and ~0.5 after bias and softplus."""
    tshape = (nb, nd) if step else (nb, nd, length)
    ops = {"u": rng.standard_normal(tshape)}
    if softplus:
        # Raw delta around 0 plus a bias: softplus lands in ~[1e-3, 0.5].
        ops["delta"] = rng.normal(0, 0.5, tshape) if bias else rng.uniform(-5, 0, tshape)
    else:
        ops["delta"] = rng.uniform(1e-3, 0.3, tshape)
    ops["A"] = -np.arange(1, ns + 1) * np.exp(rng.normal(0, 0.3, (nd, ns)))
    if time_invariant:
        bshape = (nd, ns)
    else:
        bshape = (nb, groups, ns) if step else (nb, groups, ns, length)
    ops["B"] = rng.standard_normal(bshape)
    ops["C"] = rng.standard_normal(bshape)
    ops["D"] = rng.normal(1, 0.1, nd) if D else None
    ops["z"] = rng.standard_normal(tshape) if z else None
    if bias:
        ops["delta_bias"] = (mb.inverse_softplus(log_uniform(rng, 1e-3, 1e-1, nd)) if softplus
                             else rng.uniform(0, 0.05, nd))
    else:
        ops["delta_bias"] = None
    key = "state" if step else "initial_state"
    ops[key] = rng.standard_normal((nb, nd, ns)) if (state or step) else None
    return {k: (None if v is None else f32(v)) for k, v in ops.items()}


def selective_scan_case(name, nb, nd, length, ns, groups, *, final=True,
                        softplus=True, tol=DEFAULT_TOL, **kw):
    rng = rng_for(name)
    ops = scan_operands(rng, nb, nd, ns, length, groups, softplus=softplus, **kw)
    expr = ("seq.selective_scan %u, %delta, %A, %B, %C"
            + clauses(ops, [("D", "D"), ("z", "z"), ("delta_bias", "delta_bias"),
                            ("initial_state", "initial_state")])
            + attr_dict([("delta_softplus", None)] if softplus else []))

    def compute():
        return so.selective_scan(**ops, delta_softplus=softplus)

    def associative():
        return cf.selective_scan_associative(**ops, delta_softplus=softplus, num_chunks=4)

    return make_case(name, "selective_scan", ops, expr, compute, 2 if final else 1, tol,
                     [associative])


def selective_scan_step_case(name, nb, nd, ns, groups, *, softplus=True, **kw):
    rng = rng_for(name)
    ops = scan_operands(rng, nb, nd, ns, 1, groups, softplus=softplus, step=True, **kw)
    expr = ("seq.selective_scan_step %u, %delta, %A, %B, %C"
            + clauses(ops, [("D", "D"), ("z", "z"), ("delta_bias", "delta_bias")])
            + " state(%state)"
            + attr_dict([("delta_softplus", None)] if softplus else []))

    def compute():
        return so.selective_scan_step(**ops, delta_softplus=softplus)

    return make_case(name, "selective_scan_step", ops, expr, compute, 2)


def selective_scan_cases():
    return [
        selective_scan_case("selective_scan.mamba1_b1_l33", 1, 16, 33, 16, 1, final=False),
        selective_scan_case("selective_scan.g2_all_operands_state", 2, 8, 37, 16, 2, state=True),
        selective_scan_case("selective_scan.time_invariant_no_softplus", 2, 6, 20, 8, 1,
                            time_invariant=True, z=False, softplus=False),
        selective_scan_case("selective_scan.l1_g4_state", 3, 4, 1, 4, 4, state=True),
        selective_scan_case("selective_scan.minimal_l50", 2, 8, 50, 16, 1, D=False, z=False,
                            bias=False, softplus=False, final=False),
        selective_scan_case("selective_scan.long_l203_g2", 1, 32, 203, 16, 2, state=True),
    ]


def selective_scan_step_cases():
    return [
        selective_scan_step_case("selective_scan_step.all_operands", 2, 8, 16, 1),
        selective_scan_step_case("selective_scan_step.g2_minimal", 1, 8, 16, 2, D=False, z=False,
                                 bias=False, softplus=False),
        selective_scan_step_case("selective_scan_step.time_invariant", 3, 6, 8, 1,
                                 time_invariant=True),
        selective_scan_step_case("selective_scan_step.g4_no_z", 2, 16, 4, 4, z=False),
    ]


# ---------------------------------------------------------------------------
# 2. SSD
# ---------------------------------------------------------------------------


def ssd_operands(rng, nb, length, nh, nphead, groups, ns, *, D="h", bias=True,
                 softplus=True, state=False, step=False, dt_range=(1e-3, 1e-1)):
    """Mamba-2-like inputs: A in -[1, 16], dt in dt_range after bias and
    softplus."""
    xs = (nb, nh, nphead) if step else (nb, length, nh, nphead)
    ts = (nb, nh) if step else (nb, length, nh)
    bs = (nb, groups, ns) if step else (nb, length, groups, ns)
    ops = {"x": rng.standard_normal(xs)}
    if softplus and bias:
        ops["dt"] = rng.normal(0, 0.5, ts)
    elif softplus:
        ops["dt"] = mb.inverse_softplus(log_uniform(rng, *dt_range, ts))
    else:
        ops["dt"] = log_uniform(rng, *dt_range, ts)
    ops["A"] = -rng.uniform(1, 16, nh)
    ops["B"], ops["C"] = rng.standard_normal(bs), rng.standard_normal(bs)
    ops["D"] = {None: None, "h": rng.normal(1, 0.1, nh), "hp": rng.normal(1, 0.1, (nh, nphead))}[D]
    ops["dt_bias"] = mb.inverse_softplus(log_uniform(rng, *dt_range, nh)) if bias else None
    key = "state" if step else "initial_state"
    ops[key] = rng.standard_normal((nb, nh, nphead, ns)) if (state or step) else None
    return {k: (None if v is None else f32(v)) for k, v in ops.items()}


def ssd_case(name, nb, length, nh, nphead, groups, ns, *, chunk=None, final=True,
             softplus=True, tol=DEFAULT_TOL, pinned=None, **kw):
    """`pinned`: a chunk length recorded as the op's #seq.lowering_config
    (the tiled phase rewrites it into chunked linear attention)."""
    rng = rng_for(name)
    ops = ssd_operands(rng, nb, length, nh, nphead, groups, ns, softplus=softplus, **kw)
    attrs = ([("chunk_size", f"{chunk} : i64")] if chunk else []) + (
        [("dt_softplus", None)] if softplus else []) + (
        [("seq.lowering_config", f"#seq.lowering_config<chunk_size = {pinned}>")]
        if pinned else [])
    expr = ("seq.ssd %x, %dt, %A, %B, %C"
            + clauses(ops, [("D", "D"), ("dt_bias", "dt_bias"), ("initial_state", "initial_state")])
            + attr_dict(attrs))

    def compute():
        return so.ssd(**ops, dt_softplus=softplus)

    def chunked():
        return cf.ssd_chunked(**ops, dt_softplus=softplus,
                              chunk_size=pinned or chunk or 256)

    return make_case(name, "ssd", ops, expr, compute, 2 if final else 1, tol, [chunked])


def ssd_step_case(name, nb, nh, nphead, groups, ns, *, softplus=True, **kw):
    rng = rng_for(name)
    ops = ssd_operands(rng, nb, 1, nh, nphead, groups, ns, softplus=softplus, step=True, **kw)
    expr = ("seq.ssd_step %x, %dt, %A, %B, %C"
            + clauses(ops, [("D", "D"), ("dt_bias", "dt_bias")]) + " state(%state)"
            + attr_dict([("dt_softplus", None)] if softplus else []))

    def compute():
        return so.ssd_step(**ops, dt_softplus=softplus)

    return make_case(name, "ssd_step", ops, expr, compute, 2)


def ssd_cases():
    return [
        ssd_case("ssd.l100_chunk64", 1, 100, 4, 16, 1, 32, chunk=64, final=False),
        ssd_case("ssd.g2_dhp_state", 2, 37, 4, 8, 2, 16, D="hp", state=True),
        ssd_case("ssd.l1_state", 2, 1, 2, 4, 1, 8, state=True, chunk=16),
        ssd_case("ssd.no_softplus_l45_chunk16", 2, 45, 4, 8, 4, 16, softplus=False, bias=False,
                 D=None, chunk=16, dt_range=(1e-2, 0.3)),
        ssd_case("ssd.l300_default_chunk", 1, 300, 2, 8, 1, 16, state=True,
                 tol=LONG_DECAY_TOL, dt_range=(1e-2, 0.3)),
    ]


def ssd_chunked_cases():
    """SSD through seq-ssd-to-linear-attention and the chunked linear
    attention, pinned by a #seq.lowering_config: lengths around the chunk
    and long, groups shared by heads, D per head and per head dim, with and
    without dt_bias and softplus, initial and final states."""
    return [
        ssd_case("ssd_chunked.l1_state", 2, 1, 2, 4, 1, 8, state=True, pinned=16),
        ssd_case("ssd_chunked.l15_g2_dhp", 2, 15, 4, 8, 2, 16, D="hp", state=True, pinned=16),
        ssd_case("ssd_chunked.l16_no_softplus", 1, 16, 4, 8, 4, 16, softplus=False, bias=False,
                 D=None, pinned=16, dt_range=(1e-2, 0.3)),
        ssd_case("ssd_chunked.l17_softplus_no_bias", 2, 17, 2, 8, 1, 16, bias=False, pinned=16),
        ssd_case("ssd_chunked.l100_c64", 1, 100, 4, 16, 1, 32, pinned=64, final=False),
        ssd_case("ssd_chunked.l1000_c64", 1, 1000, 2, 16, 1, 32, state=True, pinned=64,
                 tol=LONG_DECAY_TOL, dt_range=(1e-2, 0.3)),
    ]


def ssd_step_cases():
    return [
        ssd_step_case("ssd_step.all_operands", 2, 4, 16, 1, 32),
        ssd_step_case("ssd_step.g2_dhp_no_bias", 1, 4, 8, 2, 16, D="hp", bias=False),
        ssd_step_case("ssd_step.minimal", 3, 2, 4, 1, 8, D=None, bias=False, softplus=False),
    ]


# ---------------------------------------------------------------------------
# 3. Linear attention
# ---------------------------------------------------------------------------


def retnet_log_gamma(ns):
    """RetNet's fixed per-head log-decay, log(1 - 2^(-5-h))."""
    return np.log1p(-(2.0 ** (-5 - np.arange(ns))))


def la_operands(rng, decay, update, nb, heads, length, nk, nv, *, state=False,
                step=False, strong=False):
    """q, k, v ~ N(0, 1) (keys L2-normalized for the delta rule, as the
    models do), log-gates in [-1, 0) (near 0 unless `strong`), beta in
    (0, 1)."""
    nq, nkh, nvh = heads
    ns = max(nkh, nvh)
    def heads_first(h, d):
        return (nb, h, d) if step else (nb, h, length, d)

    k = rng.standard_normal(heads_first(nkh, nk))
    if update == "delta":
        k /= np.linalg.norm(k, axis=-1, keepdims=True)
    ops = {"q": rng.standard_normal(heads_first(nq, nk)), "k": k,
           "v": rng.standard_normal(heads_first(nvh, nv))}
    step_shape = (nb, ns) if step else (nb, ns, length)
    if decay == "none":
        ops["gate"] = None
    elif decay == "fixed":
        ops["gate"] = retnet_log_gamma(ns)
    else:
        shape = step_shape if decay == "scalar" else (*step_shape, nk)
        ops["gate"] = -rng.uniform(0, 1, shape) if strong else -log_uniform(rng, 1e-3, 0.2, shape)
    ops["beta"] = (1 / (1 + np.exp(-rng.standard_normal(step_shape)))
                   if update == "delta" else None)
    key = "state" if step else "initial_state"
    ops[key] = rng.normal(0, 0.5, (nb, ns, nk, nv)) if (state or step) else None
    return {k_: (None if v is None else f32(v)) for k_, v in ops.items()}


def la_expr(op, ops, decay, update, scale, chunk, state_kw, pinned=None):
    attrs = ([("scale", float_attr(scale))] if scale is not None else []) + (
        [("chunk_size", f"{chunk} : i64")] if chunk else []) + (
        [("seq.lowering_config", f"#seq.lowering_config<chunk_size = {pinned}>")]
        if pinned else [])
    return (f"seq.{op} %q, %k, %v decay<{decay}>" + clauses(ops, [("gate", "gate")])
            + f" update<{update}>" + clauses(ops, [("beta", "beta")])
            + clauses(ops, [(state_kw, state_kw)]) + attr_dict(attrs))


def linear_attention_case(name, decay, update, nb, heads, length, nk, nv, *,
                          scale=None, chunk=None, final=True, tol=DEFAULT_TOL,
                          pinned=None, **kw):
    """`pinned`: a chunk length recorded as the op's #seq.lowering_config,
    so the tiled phase takes the chunked form whatever the length."""
    rng = rng_for(name)
    ops = la_operands(rng, decay, update, nb, heads, length, nk, nv, **kw)
    expr = la_expr("linear_attention", ops, decay, update, scale, chunk, "initial_state",
                   pinned)
    scale32 = None if scale is None else float(np.float32(scale))

    def compute():
        return so.linear_attention(**ops, decay=decay, update=update, scale=scale32)

    forms = []
    if True:  # every decay and update rule has a chunked reference
        def chunked():
            # The chunked form takes one head count: repeat the shared ones.
            nq, nkh, nvh = heads
            ns = max(nkh, nvh)
            no = max(nq, ns)
            st = np.arange(no) // (no // ns)
            o, s = cf.linear_attention_chunked(
                ops["q"][:, np.arange(no) // (no // nq)], ops["k"][:, st // (ns // nkh)],
                ops["v"][:, st // (ns // nvh)], decay,
                None if ops["gate"] is None else (ops["gate"][st] if decay == "fixed"
                                                  else ops["gate"][:, st]),
                None if ops["initial_state"] is None else ops["initial_state"][:, st],
                scale32, pinned or chunk or 64, update=update,
                beta=None if ops["beta"] is None else ops["beta"][:, st])
            return o, s[:, np.arange(ns) * (no // ns)]
        forms.append(chunked)
    return make_case(name, "linear_attention", ops, expr, compute, 2 if final else 1, tol, forms)


def linear_attention_step_case(name, decay, update, nb, heads, nk, nv, *, scale=None):
    rng = rng_for(name)
    ops = la_operands(rng, decay, update, nb, heads, 1, nk, nv, step=True)
    expr = la_expr("linear_attention_step", ops, decay, update, scale, None, "state")
    scale32 = None if scale is None else float(np.float32(scale))

    def compute():
        return so.linear_attention_step(**ops, decay=decay, update=update, scale=scale32)

    return make_case(name, "linear_attention_step", ops, expr, compute, 2)


def linear_attention_cases():
    la = linear_attention_case
    return [
        la("linear_attention.none_additive_b2", "none", "additive", 2, (2, 2, 2), 37, 16, 16,
           tol=GROWING_STATE_TOL),
        la("linear_attention.fixed_retnet_chunk32", "fixed", "additive", 2, (4, 4, 4), 17, 16, 16,
           chunk=32, final=False, tol=GROWING_STATE_TOL),
        la("linear_attention.scalar_additive_state", "scalar", "additive", 1, (2, 2, 2), 70, 32, 24,
           scale=0.125, state=True, tol=GROWING_STATE_TOL),
        la("linear_attention.vector_gla_gqa", "vector", "additive", 1, (8, 2, 2), 9, 16, 24),
        la("linear_attention.vector_additive_b2_l45", "vector", "additive", 2, (2, 2, 2), 45,
           16, 16,
           chunk=16, state=True, tol=GROWING_STATE_TOL),
        la("linear_attention.none_delta_state", "none", "delta", 2, (2, 2, 2), 33, 16, 16,
           state=True),
        la("linear_attention.scalar_delta_qwen_heads", "scalar", "delta", 1, (4, 4, 8), 50, 32, 64,
           scale=1.0, state=True),
        la("linear_attention.fixed_delta_l1", "fixed", "delta", 2, (2, 2, 2), 1, 8, 8, state=True),
        la("linear_attention.vector_delta_shared_q", "vector", "delta", 2, (2, 4, 4), 23, 16, 8,
           scale=0.5),
        la("linear_attention.scalar_additive_strong_l200", "scalar", "additive", 1, (2, 2, 2), 200,
           32, 32, chunk=64, strong=True, state=True, tol=LONG_DECAY_TOL),
        la("linear_attention.vector_additive_strong_l130", "vector", "additive", 1, (4, 2, 2), 130,
           16, 16, strong=True, tol=LONG_DECAY_TOL),
    ]


def linear_attention_chunked_cases():
    """The chunked form of seq-chunk-linear-attention, pinned by a
    #seq.lowering_config: lengths around the chunk (1, 7, C-1, C, C+1) and
    long (1000, a short last chunk), every decay it takes, batch 2, shared
    query, key and value heads, initial state given and absent, final state
    checked."""
    la = linear_attention_case
    return [
        la("linear_attention_chunked.none_l1", "none", "additive", 2, (2, 2, 2), 1, 16, 16,
           pinned=16),
        la("linear_attention_chunked.scalar_l7_state", "scalar", "additive", 2, (2, 2, 2), 7,
           16, 24, pinned=16, state=True),
        la("linear_attention_chunked.scalar_l15_gqa", "scalar", "additive", 1, (8, 2, 2), 15,
           16, 16, pinned=16, state=True),
        la("linear_attention_chunked.fixed_l16_retnet", "fixed", "additive", 2, (4, 4, 4), 16,
           16, 16, pinned=16, tol=GROWING_STATE_TOL),
        la("linear_attention_chunked.scalar_l17_shared_q", "scalar", "additive", 2, (2, 4, 4),
           17, 16, 8, pinned=16, scale=0.5),
        la("linear_attention_chunked.none_l33_shared_k", "none", "additive", 1, (2, 2, 4), 33,
           8, 16, pinned=16, state=True, tol=GROWING_STATE_TOL),
        la("linear_attention_chunked.scalar_l1000", "scalar", "additive", 2, (2, 2, 2), 1000,
           32, 32, pinned=64, state=True, tol=GROWING_STATE_TOL),
        la("linear_attention_chunked.scalar_strong_l300", "scalar", "additive", 1, (2, 2, 2),
           300, 32, 32, pinned=128, strong=True, tol=LONG_DECAY_TOL),
        la("linear_attention_chunked.scalar_l100_gqa_c64", "scalar", "additive", 1, (4, 2, 2),
           100, 64, 64, pinned=64, tol=GROWING_STATE_TOL),
        la("linear_attention_chunked.fixed_l40_c32", "fixed", "additive", 2, (2, 2, 2), 40,
           16, 32, pinned=32, state=True, tol=GROWING_STATE_TOL),
        # Per-key-dim decay (GLA): sub-chunks of 16, pairwise on the diagonal.
        la("linear_attention_chunked.vector_l1", "vector", "additive", 2, (2, 2, 2), 1, 16, 16,
           pinned=16, state=True),
        la("linear_attention_chunked.vector_l7_gqa", "vector", "additive", 1, (8, 2, 2), 7,
           16, 24, pinned=16),
        la("linear_attention_chunked.vector_l31_c32", "vector", "additive", 2, (2, 2, 2), 31,
           16, 16, pinned=32, state=True),
        la("linear_attention_chunked.vector_l33_shared_k", "vector", "additive", 1, (2, 2, 4),
           33, 16, 16, pinned=32, scale=0.5),
        la("linear_attention_chunked.vector_l64", "vector", "additive", 1, (2, 2, 2), 64,
           32, 32, pinned=64, state=True),
        la("linear_attention_chunked.vector_strong_l200", "vector", "additive", 1, (2, 2, 2),
           200, 16, 16, pinned=64, strong=True, state=True, tol=LONG_DECAY_TOL),
        la("linear_attention_chunked.vector_l1000", "vector", "additive", 2, (2, 2, 2), 1000,
           32, 32, pinned=64, state=True, tol=GROWING_STATE_TOL),
        # The delta rules through the WY / UT representation.
        la("linear_attention_chunked.delta_none_l1", "none", "delta", 2, (2, 2, 2), 1, 16, 16,
           pinned=16, state=True),
        la("linear_attention_chunked.delta_scalar_l7", "scalar", "delta", 2, (2, 2, 2), 7,
           16, 24, pinned=16),
        la("linear_attention_chunked.delta_scalar_l15_qwen_heads", "scalar", "delta", 1,
           (4, 4, 8), 15, 16, 32, pinned=16, scale=1.0, state=True),
        la("linear_attention_chunked.delta_fixed_l16", "fixed", "delta", 2, (2, 2, 2), 16,
           16, 16, pinned=16, state=True),
        la("linear_attention_chunked.delta_none_l17_gqa", "none", "delta", 2, (8, 2, 2), 17,
           16, 16, pinned=16),
        la("linear_attention_chunked.delta_scalar_l1000", "scalar", "delta", 1, (2, 2, 2),
           1000, 32, 32, pinned=64, state=True),
        la("linear_attention_chunked.delta_scalar_strong_l300", "scalar", "delta", 1, (2, 2, 4),
           300, 32, 32, pinned=128, strong=True, state=True),
        la("linear_attention_chunked.delta_none_l100_c64", "none", "delta", 2, (2, 2, 2), 100,
           64, 64, pinned=64, state=True),
        # The delta rule with per-key-dim decay (Kimi-style gated delta).
        la("linear_attention_chunked.delta_vector_l7", "vector", "delta", 2, (2, 2, 2), 7,
           16, 16, pinned=16, state=True),
        la("linear_attention_chunked.delta_vector_l33_gqa", "vector", "delta", 1, (4, 2, 2), 33,
           16, 24, pinned=32),
        la("linear_attention_chunked.delta_vector_l70_shared_k", "vector", "delta", 2,
           (2, 2, 4), 70, 16, 16, pinned=64, state=True, scale=1.0),
        la("linear_attention_chunked.delta_vector_strong_l200", "vector", "delta", 1, (2, 2, 2),
           200, 16, 16, pinned=64, strong=True, state=True),
        la("linear_attention_chunked.delta_vector_l1000", "vector", "delta", 1, (2, 2, 2), 1000,
           32, 32, pinned=64, state=True),
    ]


def linear_attention_step_cases():
    las = linear_attention_step_case
    return [
        las("linear_attention_step.none_additive", "none", "additive", 2, (4, 4, 4), 32, 32),
        las("linear_attention_step.scalar_delta_shared_k", "scalar", "delta", 2, (2, 2, 4), 16, 32,
            scale=1.0),
        las("linear_attention_step.vector_additive_gqa", "vector", "additive", 1, (4, 2, 2), 16, 8),
        las("linear_attention_step.fixed_delta", "fixed", "delta", 3, (2, 2, 2), 8, 8),
        las("linear_attention_step.fixed_additive", "fixed", "additive", 1, (2, 1, 2), 8, 16,
            scale=0.25),
    ]


# ---------------------------------------------------------------------------
# 4. Causal convolution
# ---------------------------------------------------------------------------


def conv_operands(rng, nb, nd, length, width, *, bias=True, state=False, step=False):
    ops = {"x": rng.standard_normal((nb, nd) if step else (nb, nd, length)),
           "weight": rng.uniform(-0.5, 0.5, (nd, width)),
           "bias": rng.uniform(-0.5, 0.5, nd) if bias else None}
    key = "state" if step else "initial_state"
    ops[key] = rng.standard_normal((nb, nd, width - 1)) if (state or step) else None
    return {k: (None if v is None else f32(v)) for k, v in ops.items()}


def conv_case(name, nb, nd, length, width, *, silu=True, final=True, **kw):
    ops = conv_operands(rng_for(name), nb, nd, length, width, **kw)
    act = "silu" if silu else "none"
    expr = ("seq.causal_conv1d %x, %weight"
            + clauses(ops, [("bias", "bias"), ("initial_state", "initial_state")])
            + (" activation<silu>" if silu else ""))

    def compute():
        return so.causal_conv1d(**ops, activation=act)

    return make_case(name, "causal_conv1d", ops, expr, compute, 2 if final else 1)


def conv_step_case(name, nb, nd, width, *, silu=True, **kw):
    ops = conv_operands(rng_for(name), nb, nd, 1, width, step=True, **kw)
    act = "silu" if silu else "none"
    expr = ("seq.causal_conv1d_step %x, %weight" + clauses(ops, [("bias", "bias")])
            + " state(%state)" + (" activation<silu>" if silu else ""))

    def compute():
        return so.causal_conv1d_step(**ops, activation=act)

    return make_case(name, "causal_conv1d_step", ops, expr, compute, 2)


def causal_conv1d_cases():
    return [
        conv_case("causal_conv1d.mamba_w4_state", 2, 64, 37, 4, state=True),
        conv_case("causal_conv1d.l1_state_carried", 1, 8, 1, 4, state=True),
        conv_case("causal_conv1d.l2_shorter_than_tail", 2, 8, 2, 4, silu=False, state=True),
        conv_case("causal_conv1d.w2_no_bias_no_act", 3, 16, 50, 2, silu=False, bias=False,
                  final=False),
        conv_case("causal_conv1d.w3_zero_state", 2, 24, 19, 3),
    ]


def causal_conv1d_step_cases():
    return [
        conv_step_case("causal_conv1d_step.w4_silu", 2, 64, 4),
        conv_step_case("causal_conv1d_step.w2_plain", 1, 8, 2, silu=False, bias=False),
        conv_step_case("causal_conv1d_step.w3_bias", 3, 16, 3, silu=False),
    ]

