#!/usr/bin/env python3
"""Self-consistency checks of the NumPy references, without the compiler.

The references in seq_ops.py are the yardstick for the compiled code, so
they have to be right on their own. Each check below computes one thing
two different ways and compares them (in float64, to ~1e-10 relative):

- recurrent forms vs their decode steps applied L times, and vs two calls
  with the final state carried from one to the next;
- recurrent forms vs the parallel forms of docs/ops.md (the associative
  scan in chunks, the 4-step chunked SSD, chunked linear attention) from
  chunked_forms.py, written from the equations separately;
- SSD vs linear attention with q=C, k=B, v=dt*x, g=A*dt (Mamba-2's dual);
- grouped / shared heads vs the same heads repeated explicitly;
- vectorized code vs plain scalar loops, np.convolve, dense matrices;
- quantization identities (round trip within scale/2, round half to even,
  int4 packing bit for bit, qmatmul vs a dequantized matmul);
- the Mamba block reference vs its token-by-token decode, and its weight
  generator vs the example's signature.

usage: check_references.py [-v]
Prints PASS/FAIL per check and a final line `N passed, N failed`; exits 1
when any check fails.
"""

import os
import re
import sys
import traceback

import numpy as np

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import chunked_forms as cf  # noqa: E402
import mamba_block as mb  # noqa: E402
import seq_ops as so  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


def assert_close(what, got, want, rtol=1e-10, atol=1e-12):
    got, want = np.asarray(got), np.asarray(want)
    if got.shape != want.shape:
        raise AssertionError(f"{what}: shape {got.shape} != {want.shape}")
    if not np.allclose(got, want, rtol=rtol, atol=atol):
        err = np.abs(got.astype(np.float64) - want)
        raise AssertionError(
            f"{what}: max abs error {err.max():.3e} at {np.unravel_index(err.argmax(), err.shape)}"
            f" (|want| max {np.abs(want).max():.3e})")


def assert_equal(what, got, want):
    got, want = np.asarray(got), np.asarray(want)
    if got.shape != want.shape or got.dtype != want.dtype or not np.array_equal(got, want):
        raise AssertionError(
            f"{what}: differs ({got.dtype}{got.shape} vs {want.dtype}{want.shape})")


# ---------------------------------------------------------------------------
# Input generators (moderate, Mamba-like ranges)
# ---------------------------------------------------------------------------


def scan_inputs(rng, nb=2, nd=8, length=23, ns=6, groups=2, time_invariant=False):
    """Arguments of selective_scan as a dict, with every optional operand."""
    d = dict(
        u=rng.standard_normal((nb, nd, length)),
        delta=rng.normal(0, 0.5, (nb, nd, length)),
        A=-np.exp(rng.uniform(0, np.log(16), (nd, ns))),
        D=rng.normal(1, 0.2, nd),
        z=rng.standard_normal((nb, nd, length)),
        delta_bias=mb.inverse_softplus(np.exp(rng.uniform(np.log(1e-2), np.log(0.5), nd))),
        initial_state=rng.standard_normal((nb, nd, ns)),
        delta_softplus=True)
    shape = (nd, ns) if time_invariant else (nb, groups, ns, length)
    d["B"], d["C"] = rng.standard_normal(shape), rng.standard_normal(shape)
    return d


def ssd_inputs(rng, nb=2, length=50, nh=4, nphead=3, groups=2, ns=5, d_per_p=True):
    return dict(
        x=rng.standard_normal((nb, length, nh, nphead)),
        dt=rng.normal(0, 0.5, (nb, length, nh)),
        A=-rng.uniform(1, 8, nh),
        B=rng.standard_normal((nb, length, groups, ns)),
        C=rng.standard_normal((nb, length, groups, ns)),
        D=rng.normal(1, 0.2, (nh, nphead) if d_per_p else nh),
        dt_bias=mb.inverse_softplus(np.exp(rng.uniform(np.log(1e-2), np.log(0.3), nh))),
        initial_state=rng.standard_normal((nb, nh, nphead, ns)),
        dt_softplus=True)


def log_gate(rng, decay, nb, ns, length, nk):
    """A log-decay in [-1, 0) of the shape the decay kind takes."""
    shape = {"none": None, "fixed": (ns,), "scalar": (nb, ns, length),
             "vector": (nb, ns, length, nk)}[decay]
    return None if shape is None else -rng.uniform(0.01, 1.0, shape)


def la_inputs(rng, decay, update, nb=2, heads=(2, 2, 2), length=21, nk=5, nv=4):
    nq, nkh, nvh = heads
    ns = max(nkh, nvh)
    k = rng.standard_normal((nb, nkh, length, nk))
    if update == "delta":
        # Keys are L2-normalized by the models before a delta rule.
        k /= np.linalg.norm(k, axis=-1, keepdims=True)
    return dict(
        q=rng.standard_normal((nb, nq, length, nk)), k=k,
        v=rng.standard_normal((nb, nvh, length, nv)),
        decay=decay, gate=log_gate(rng, decay, nb, ns, length, nk),
        update=update,
        beta=rng.uniform(0.05, 0.95, (nb, ns, length)) if update == "delta" else None,
        initial_state=rng.standard_normal((nb, ns, nk, nv)))


def time_slice(args, keys_axes, start, stop):
    """args with the time axis of every key in keys_axes cut to [start, stop)."""
    out = dict(args)
    for key, axis in keys_axes.items():
        if out.get(key) is not None and np.ndim(out[key]) > axis:
            out[key] = np.take(out[key], np.arange(start, stop), axis=axis)
    return out


# ---------------------------------------------------------------------------
# Selective scan
# ---------------------------------------------------------------------------

SCAN_TIME_AXES = {"u": 2, "delta": 2, "z": 2, "B": 3, "C": 3}


@check
def softplus_definition():
    x = np.array([-30.0, -5.0, -1e-3, 0.0, 0.7, 19.99, 20.0, 20.0001, 25.0, 80.0, 1e4])
    want = np.where(x > 20, x, np.log(1 + np.exp(np.minimum(x, 20))))
    assert_close("softplus", so.softplus(x), want, rtol=1e-14)
    assert_equal("softplus(x > 20) is x", so.softplus(x[x > 20]), x[x > 20])
    assert_close("silu", so.silu(x[:8]), x[:8] / (1 + np.exp(-x[:8])))


def _scan_by_steps(args):
    h = args["initial_state"]
    outs = []
    ti = args["B"].ndim == 2
    for t in range(args["u"].shape[-1]):
        y, h = so.selective_scan_step(
            args["u"][..., t], args["delta"][..., t], args["A"],
            args["B"] if ti else args["B"][..., t],
            args["C"] if ti else args["C"][..., t],
            D=args["D"], z=None if args["z"] is None else args["z"][..., t],
            delta_bias=args["delta_bias"], state=h,
            delta_softplus=args["delta_softplus"])
        outs.append(y)
    return np.stack(outs, axis=-1), h


@check
def selective_scan_vs_steps():
    rng = np.random.default_rng(1)
    args = scan_inputs(rng, groups=2)
    y, h = so.selective_scan(**args)
    ys, hs = _scan_by_steps(args)
    assert_close("out", y, ys)
    assert_close("final state", h, hs)


@check
def selective_scan_time_invariant_vs_steps():
    rng = np.random.default_rng(2)
    args = scan_inputs(rng, time_invariant=True)
    args.update(D=None, z=None, delta_bias=None, delta_softplus=False,
                delta=rng.uniform(0.01, 0.5, args["u"].shape))
    y, h = so.selective_scan(**args)
    ys, hs = _scan_by_steps(args)
    assert_close("out", y, ys)
    assert_close("final state", h, hs)
    # Time-invariant B/C equal time-varying ones repeated over time with
    # one group per channel.
    nb, nd, length = args["u"].shape
    tv = dict(args)
    for key in ("B", "C"):
        tv[key] = np.broadcast_to(args[key][None, :, :, None], (nb, nd, args[key].shape[1], length))
    assert_close("vs time-varying with G = D", so.selective_scan(**tv)[0], y)


@check
def selective_scan_state_carried_across_calls():
    rng = np.random.default_rng(3)
    args = scan_inputs(rng, length=19)
    y, h = so.selective_scan(**args)
    for cut in (1, 7, 18):
        first = time_slice(args, SCAN_TIME_AXES, 0, cut)
        y1, h1 = so.selective_scan(**first)
        second = time_slice(args, SCAN_TIME_AXES, cut, 19)
        second["initial_state"] = h1
        y2, h2 = so.selective_scan(**second)
        assert_close(f"out split at {cut}", np.concatenate([y1, y2], -1), y)
        assert_close(f"final state split at {cut}", h2, h)


@check
def selective_scan_vs_associative_chunks():
    rng = np.random.default_rng(4)
    for groups, chunks, length in ((2, 2, 23), (1, 2, 2), (4, 3, 40)):
        args = scan_inputs(rng, length=length, groups=groups)
        y, h = so.selective_scan(**args)
        ya, ha = cf.selective_scan_associative(**args, num_chunks=chunks)
        assert_close(f"out (G={groups}, {chunks} chunks)", ya, y)
        assert_close(f"final state (G={groups}, {chunks} chunks)", ha, h)


@check
def selective_scan_groups_vs_per_group_calls():
    rng = np.random.default_rng(5)
    groups, nd = 4, 8
    args = scan_inputs(rng, nd=nd, groups=groups)
    y, h = so.selective_scan(**args)
    per = nd // groups
    for g in range(groups):
        ch = slice(g * per, (g + 1) * per)
        sub = dict(args, u=args["u"][:, ch], delta=args["delta"][:, ch], A=args["A"][ch],
                   B=args["B"][:, g:g + 1], C=args["C"][:, g:g + 1], D=args["D"][ch],
                   z=args["z"][:, ch], delta_bias=args["delta_bias"][ch],
                   initial_state=args["initial_state"][:, ch])
        yg, hg = so.selective_scan(**sub)
        assert_close(f"group {g} out", yg, y[:, ch])
        assert_close(f"group {g} state", hg, h[:, ch])


@check
def selective_scan_vs_scalar_loops():
    rng = np.random.default_rng(6)
    a = scan_inputs(rng, nb=2, nd=4, length=5, ns=3, groups=2)
    y, h = so.selective_scan(**a)
    nb, nd, length = a["u"].shape
    ns = a["A"].shape[1]
    for b in range(nb):
        for d in range(nd):
            g = d // (nd // 2)
            hh = list(a["initial_state"][b, d])
            for t in range(length):
                x = a["delta"][b, d, t] + a["delta_bias"][d]
                dt = x if x > 20 else np.log(1 + np.exp(x))
                acc = 0.0
                for n in range(ns):
                    hh[n] = (np.exp(dt * a["A"][d, n]) * hh[n]
                             + dt * a["B"][b, g, n, t] * a["u"][b, d, t])
                    acc += a["C"][b, g, n, t] * hh[n]
                acc += a["D"][d] * a["u"][b, d, t]
                zz = a["z"][b, d, t]
                want = acc * zz / (1 + np.exp(-zz))
                if abs(want - y[b, d, t]) > 1e-10 * (1 + abs(want)):
                    raise AssertionError(f"out[{b},{d},{t}] = {y[b, d, t]} != {want}")
            assert_close(f"state[{b},{d}]", h[b, d], hh)


# ---------------------------------------------------------------------------
# SSD
# ---------------------------------------------------------------------------

SSD_TIME_AXES = {"x": 1, "dt": 1, "B": 1, "C": 1}


@check
def ssd_vs_steps_and_split():
    rng = np.random.default_rng(10)
    args = ssd_inputs(rng, length=17)
    y, h = so.ssd(**args)
    hs, ys = args["initial_state"], []
    for t in range(17):
        yt, hs = so.ssd_step(args["x"][:, t], args["dt"][:, t], args["A"], args["B"][:, t],
                             args["C"][:, t], D=args["D"], dt_bias=args["dt_bias"],
                             state=hs, dt_softplus=True)
        ys.append(yt)
    assert_close("out vs steps", np.stack(ys, 1), y)
    assert_close("final state vs steps", hs, h)
    first = time_slice(args, SSD_TIME_AXES, 0, 5)
    y1, h1 = so.ssd(**first)
    second = dict(time_slice(args, SSD_TIME_AXES, 5, 17), initial_state=h1)
    y2, h2 = so.ssd(**second)
    assert_close("out split", np.concatenate([y1, y2], 1), y)
    assert_close("final state split", h2, h)


@check
def ssd_vs_chunked_form():
    rng = np.random.default_rng(11)
    for length, chunk, d_per_p in ((50, 16, True), (50, 7, False), (9, 16, True), (64, 64, False)):
        args = ssd_inputs(rng, length=length, d_per_p=d_per_p)
        y, h = so.ssd(**args)
        yc, hc = cf.ssd_chunked(**args, chunk_size=chunk)
        assert_close(f"out (L={length}, Q={chunk})", yc, y)
        assert_close(f"final state (L={length}, Q={chunk})", hc, h)


@check
def ssd_groups_vs_per_group_calls():
    rng = np.random.default_rng(12)
    args = ssd_inputs(rng, nh=4, groups=2)
    y, h = so.ssd(**args)
    for g in range(2):
        hd = slice(2 * g, 2 * g + 2)
        sub = dict(args, x=args["x"][:, :, hd], dt=args["dt"][:, :, hd], A=args["A"][hd],
                   B=args["B"][:, :, g:g + 1], C=args["C"][:, :, g:g + 1], D=args["D"][hd],
                   dt_bias=args["dt_bias"][hd], initial_state=args["initial_state"][:, hd])
        yg, hg = so.ssd(**sub)
        assert_close(f"group {g} out", yg, y[:, :, hd])
        assert_close(f"group {g} state", hg, h[:, hd])


@check
def ssd_vs_linear_attention_dual():
    """Mamba-2 as scalar-gated linear attention: q=C, k=B, v=dt*x, g=A*dt,
    scale 1; the [P, N] SSD state is the transposed [K=N, V=P] state."""
    rng = np.random.default_rng(13)
    args = ssd_inputs(rng, length=30, nh=4, groups=2)
    args.update(D=None)
    y, h = so.ssd(**args)
    dt = so.softplus(args["dt"] + args["dt_bias"])                  # [Bt, L, H]
    q = args["C"].transpose(0, 2, 1, 3)                             # [Bt, G, L, N]
    k = args["B"].transpose(0, 2, 1, 3)
    v = (dt[..., None] * args["x"]).transpose(0, 2, 1, 3)           # [Bt, H, L, P]
    g = (args["A"] * dt).transpose(0, 2, 1)                         # [Bt, H, L]
    o, s = so.linear_attention(q, k, v, decay="scalar", gate=g, scale=1.0,
                               initial_state=args["initial_state"].transpose(0, 1, 3, 2))
    assert_close("out", o.transpose(0, 2, 1, 3), y)
    assert_close("final state", s.transpose(0, 1, 3, 2), h)


# ---------------------------------------------------------------------------
# Linear attention
# ---------------------------------------------------------------------------

LA_TIME_AXES = {"q": 2, "k": 2, "v": 2, "beta": 2}


def _la_gate_slice(args, start, stop):
    out = time_slice(args, LA_TIME_AXES, start, stop)
    if args["decay"] in ("scalar", "vector"):
        out["gate"] = args["gate"][:, :, start:stop]
    return out


@check
def linear_attention_vs_chunked_form():
    rng = np.random.default_rng(20)
    for decay in so.DECAY_KINDS:
        for length, chunk in ((45, 16), (8, 16), (32, 8)):
            args = la_inputs(rng, decay, "additive", length=length)
            del args["update"], args["beta"]
            o, s = so.linear_attention(**args)
            oc, sc = cf.linear_attention_chunked(**args, chunk_size=chunk)
            assert_close(f"{decay} out (L={length}, C={chunk})", oc, o, rtol=1e-9)
            assert_close(f"{decay} final state (L={length}, C={chunk})", sc, s, rtol=1e-9)


@check
def delta_rule_vs_chunked_form():
    rng = np.random.default_rng(22)
    for decay in so.DECAY_KINDS:
        for length, chunk in ((45, 16), (8, 16), (32, 8)):
            args = la_inputs(rng, decay, "delta", length=length)
            o, s = so.linear_attention(**args)
            oc, sc = cf.linear_attention_chunked(**args, chunk_size=chunk)
            assert_close(f"{decay} delta out (L={length}, C={chunk})", oc, o, rtol=1e-9)
            assert_close(f"{decay} delta final state (L={length}, C={chunk})", sc, s,
                         rtol=1e-9)


@check
def linear_attention_vs_steps_and_split():
    rng = np.random.default_rng(21)
    for decay in so.DECAY_KINDS:
        for update in so.UPDATE_RULES:
            args = la_inputs(rng, decay, update, heads=(4, 2, 4), length=13)
            o, s = so.linear_attention(**args)
            state, outs = args["initial_state"], []
            for t in range(13):
                gate = args["gate"]
                if decay in ("scalar", "vector"):
                    gate = gate[:, :, t]
                ot, state = so.linear_attention_step(
                    args["q"][:, :, t], args["k"][:, :, t], args["v"][:, :, t],
                    decay, gate, update,
                    None if args["beta"] is None else args["beta"][:, :, t], state=state)
                outs.append(ot)
            assert_close(f"{decay}/{update} out vs steps", np.stack(outs, 2), o)
            assert_close(f"{decay}/{update} final state vs steps", state, s)
            o1, s1 = so.linear_attention(**_la_gate_slice(args, 0, 6))
            o2, s2 = so.linear_attention(**dict(_la_gate_slice(args, 6, 13), initial_state=s1))
            assert_close(f"{decay}/{update} out split", np.concatenate([o1, o2], 2), o)
            assert_close(f"{decay}/{update} final state split", s2, s)


@check
def linear_attention_grouped_vs_repeated_heads():
    rng = np.random.default_rng(22)
    for heads in ((8, 2, 2), (4, 4, 8), (2, 4, 4), (8, 2, 4), (4, 1, 2)):
        for decay, update in (("vector", "additive"), ("scalar", "delta"), ("fixed", "delta")):
            args = la_inputs(rng, decay, update, heads=heads, length=9)
            o, s = so.linear_attention(**args)
            nq, nkh, nvh = heads
            ns = max(nkh, nvh)
            no = max(nq, ns)
            # Output head o uses state st = o // (no/ns), which reads key
            # head st // (ns/nkh) and value head st // (ns/nvh).
            st = np.arange(no) // (no // ns)
            rep = dict(args,
                       q=args["q"][:, np.arange(no) // (no // nq)],
                       k=args["k"][:, st // (ns // nkh)],
                       v=args["v"][:, st // (ns // nvh)],
                       gate=None if args["gate"] is None else
                       (args["gate"][st] if decay == "fixed" else args["gate"][:, st]),
                       beta=None if args["beta"] is None else args["beta"][:, st],
                       initial_state=args["initial_state"][:, st])
            orep, srep = so.linear_attention(**rep)
            assert_close(f"{heads} {decay}/{update} out", orep, o)
            assert_close(f"{heads} {decay}/{update} state", srep, s[:, st])


@check
def linear_attention_vs_scalar_loops():
    rng = np.random.default_rng(23)
    for decay, update in (("vector", "delta"), ("fixed", "additive"), ("none", "delta")):
        a = la_inputs(rng, decay, update, nb=1, heads=(2, 1, 1), length=4, nk=3, nv=2)
        o, s = so.linear_attention(**a, scale=0.7)
        nk, nv = 3, 2
        S = [[a["initial_state"][0, 0, i, j] for j in range(nv)] for i in range(nk)]
        for t in range(4):
            k, v = a["k"][0, 0, t], a["v"][0, 0, t]
            for i in range(nk):
                if decay == "vector":
                    dec = np.exp(a["gate"][0, 0, t, i])
                elif decay == "fixed":
                    dec = np.exp(a["gate"][0])
                else:
                    dec = 1.0
                for j in range(nv):
                    S[i][j] *= dec
            for j in range(nv):
                pred = sum(k[i] * S[i][j] for i in range(nk))
                for i in range(nk):
                    if update == "additive":
                        S[i][j] += k[i] * v[j]
                    else:
                        S[i][j] += a["beta"][0, 0, t] * k[i] * (v[j] - pred)
            for head in range(2):
                for j in range(nv):
                    want = 0.7 * sum(a["q"][0, head, t, i] * S[i][j] for i in range(nk))
                    if abs(want - o[0, head, t, j]) > 1e-10 * (1 + abs(want)):
                        raise AssertionError(f"{decay}/{update} out[{head},{t},{j}]"
                                             f" {o[0, head, t, j]} != {want}")
        assert_close(f"{decay}/{update} state", s[0, 0], S)


@check
def delta_rule_writes_value_exactly():
    """With beta = 1, a unit key and no decay, the delta rule makes the state
    map k_t to v_t exactly: k_t S_t = v_t."""
    rng = np.random.default_rng(24)
    a = la_inputs(rng, "none", "delta", length=6)
    a["beta"] = np.ones_like(a["beta"])
    for t in range(1, 7):
        _, s = so.linear_attention(**_la_gate_slice(a, 0, t))
        recalled = np.einsum("bsk,bskv->bsv", a["k"][:, :, t - 1], s)
        assert_close(f"k S = v after step {t}", recalled, a["v"][:, :, t - 1])


@check
def linear_attention_default_scale():
    rng = np.random.default_rng(25)
    a = la_inputs(rng, "scalar", "additive", nk=9)
    del a["update"], a["beta"]
    o_default, _ = so.linear_attention(**a)
    o_one, _ = so.linear_attention(**a, scale=1.0)
    assert_close("default scale is K**-0.5", o_default, o_one / 3.0)


# ---------------------------------------------------------------------------
# Causal convolution
# ---------------------------------------------------------------------------


def conv_inputs(rng, nb=2, nd=5, length=11, width=4):
    return dict(x=rng.standard_normal((nb, nd, length)),
                weight=rng.uniform(-0.5, 0.5, (nd, width)),
                bias=rng.uniform(-0.5, 0.5, nd),
                initial_state=rng.standard_normal((nb, nd, width - 1)),
                activation="silu")


@check
def causal_conv1d_vs_np_convolve():
    rng = np.random.default_rng(30)
    for width, length, with_state in ((4, 11, True), (2, 7, False), (3, 1, True), (4, 2, False)):
        a = conv_inputs(rng, length=length, width=width)
        if not with_state:
            a["initial_state"] = None
        y, fin = so.causal_conv1d(**a)
        nb, nd, _ = a["x"].shape
        past = np.zeros((nb, nd, width - 1)) if a["initial_state"] is None else a["initial_state"]
        for b in range(nb):
            for d in range(nd):
                seq = np.concatenate([past[b, d], a["x"][b, d]])
                # y[t] = sum_i w[i] seq[t+i]: a correlation, i.e. a
                # convolution with the reversed kernel.
                raw = np.convolve(seq, a["weight"][d][::-1], mode="valid") + a["bias"][d]
                assert_close(f"W={width} L={length} channel {d}", y[b, d], raw / (1 + np.exp(-raw)))
                assert_close(f"W={width} L={length} final state", fin[b, d],
                             seq[len(seq) - (width - 1):])


@check
def causal_conv1d_state_carried_across_calls():
    rng = np.random.default_rng(31)
    a = conv_inputs(rng, length=9, width=4)
    y, fin = so.causal_conv1d(**a)
    for cut in (1, 2, 3, 8):
        y1, s1 = so.causal_conv1d(**dict(a, x=a["x"][..., :cut]))
        y2, s2 = so.causal_conv1d(**dict(a, x=a["x"][..., cut:], initial_state=s1))
        assert_close(f"out split at {cut}", np.concatenate([y1, y2], -1), y)
        assert_close(f"final state split at {cut}", s2, fin)
    # A call shorter than W-1 keeps part of the carried state.
    _, s = so.causal_conv1d(**dict(a, x=a["x"][..., :1]))
    assert_close("L < W-1 final state", s,
                 np.concatenate([a["initial_state"][..., 1:], a["x"][..., :1]], -1))


@check
def causal_conv1d_vs_steps():
    rng = np.random.default_rng(32)
    a = conv_inputs(rng, length=8, width=3)
    a["activation"] = "none"
    y, fin = so.causal_conv1d(**a)
    state, outs = a["initial_state"], []
    for t in range(8):
        yt, state = so.causal_conv1d_step(a["x"][..., t], a["weight"], a["bias"], state=state)
        outs.append(yt)
    assert_close("out vs steps", np.stack(outs, -1), y)
    assert_close("final state vs steps", state, fin)


# ---------------------------------------------------------------------------
# Monarch
# ---------------------------------------------------------------------------


def dense_of(fn, n_in):
    """The matrix of a linear map on the last dim: its columns are the
    images of the identity's columns."""
    return fn(np.eye(n_in)).T


def block_diag(blocks):
    nblk, rows, cols = blocks.shape
    out = np.zeros((nblk * rows, nblk * cols))
    for i in range(nblk):
        out[i * rows:(i + 1) * rows, i * cols:(i + 1) * cols] = blocks[i]
    return out


def view_transpose_permutation(rows, cols):
    """Matrix of v -> flatten(transpose(reshape(v, [rows, cols])))."""
    n = rows * cols
    P = np.zeros((n, n))
    for i in range(rows):
        for j in range(cols):
            P[j * rows + i, i * cols + j] = 1.0
    return P


@check
def monarch_square_vs_plpr():
    rng = np.random.default_rng(40)
    m = 4
    R, Lb = rng.standard_normal((m, m, m)), rng.standard_normal((m, m, m))
    M = dense_of(lambda x: so.monarch_matmul(x, R, Lb), m * m)
    P = view_transpose_permutation(m, m)    # "view as m x m, transpose, flatten"
    assert_close("M = P L P^T R", M, P @ block_diag(Lb) @ P.T @ block_diag(R))
    x = rng.standard_normal((3, 2, m * m))
    assert_close("y = M x on batched x", so.monarch_matmul(x, R, Lb), x @ M.T)


@check
def monarch_rectangular_vs_dense():
    rng = np.random.default_rng(41)
    # (k, q, p, l, s, r) with l*r = k*q: shrinking, growing, and the
    # lit-test shape 256 -> 192.
    for k, q, p, l, s, r in ((4, 32, 64, 8, 24, 16), (2, 3, 5, 3, 4, 2), (4, 4, 2, 2, 8, 8)):
        w1, w2 = rng.standard_normal((k, q, p)), rng.standard_normal((l, s, r))
        M = dense_of(lambda x: so.monarch_matmul(x, w1, w2), k * p)
        # Stage 2 reads the k*q stage-1 outputs viewed as [r, l] and
        # transposed; the s*l outputs are [l, s] transposed.
        want = (view_transpose_permutation(l, s) @ block_diag(w2)
                @ view_transpose_permutation(r, l) @ block_diag(w1))
        assert_close(f"M for {(k, q, p, l, s, r)}", M, want)


@check
def monarch_one_stage_is_block_diagonal():
    rng = np.random.default_rng(42)
    w1 = rng.standard_normal((4, 3, 5))
    x = rng.standard_normal((2, 7, 20))
    assert_close("one stage", so.monarch_matmul(x, w1), x @ block_diag(w1).T)


# ---------------------------------------------------------------------------
# RMSNorm
# ---------------------------------------------------------------------------


@check
def rms_norm_grouped_gated():
    rng = np.random.default_rng(50)
    x, z = rng.normal(0.3, 2, (2, 3, 12)), rng.standard_normal((2, 3, 12))
    w = rng.normal(1, 0.2, 12)
    for groups in (1, 3, 4):
        y = so.rms_norm(x, w, gate=z, eps=1e-6, groups=groups)
        xg = x * z / (1 + np.exp(-z))
        for b in range(2):
            for t in range(3):
                row = xg[b, t]
                size = 12 // groups
                want = np.concatenate([
                    row[i:i + size] / np.sqrt(np.sum(row[i:i + size] ** 2) / size + 1e-6)
                    for i in range(0, 12, size)]) * w
                assert_close(f"groups={groups} row {(b, t)}", y[b, t], want)
    y = so.rms_norm(x[0, 0], np.ones(12))
    assert_close("unit weight gives mean square ~ 1", np.mean(y ** 2), 1.0, rtol=1e-4)


# ---------------------------------------------------------------------------
# Quantization
# ---------------------------------------------------------------------------


@check
def quantize_round_half_to_even_and_clamp():
    x = np.array([[0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.49, -3.51,
                   126.5, 127.5, 300.0, -128.5, -129.0, -500.0]])
    q8 = so.quantize(x, np.float64(1.0))
    assert_equal("int8", q8, np.array([[0, 2, 2, 0, -2, -2, 3, -4,
                                        126, 127, 127, -128, -128, -128]], np.int8))
    q4 = so.quantize(x[:, :8] / 2, np.float64(0.5), bits=4)
    assert_equal("int4", q4, np.array([[0, 2, 2, 0, -2, -2, 3, -4]], np.int8))
    q4c = so.quantize(np.array([7.5, 8.0, -8.5, -9.0]), np.float64(1.0), bits=4)
    assert_equal("int4 clamp", q4c, np.array([7, 7, -8, -8], np.int8))


@check
def quantize_dequantize_round_trip_within_half_scale():
    rng = np.random.default_rng(60)
    x = rng.normal(0, 1, (6, 64))
    layouts = {
        "per tensor": (np.float64(np.abs(x).max()), None),
        "per row": (np.abs(x).max(-1), None),
        "per group": (np.abs(x.reshape(6, 4, 16)).max(-1), 16),
    }
    for bits in (8, 4):
        qmax = so.qrange(bits)[1]
        for name, (absmax, group) in layouts.items():
            scale = absmax / qmax
            for packed in ((False, True) if bits == 4 else (False,)):
                q = so.quantize(x, scale, bits, group, packed)
                back = so.dequantize(q, scale, bits, group, packed)
                s = so.expand_scale(scale, x.shape, group)
                err = np.abs(back - x)
                if not np.all(err <= s / 2 * (1 + 1e-12)):
                    raise AssertionError(
                        f"{bits}-bit {name} packed={packed}: error {err.max()} > scale/2")
                lo, hi = so.qrange(bits)
                qu = so.unpack_int4(q) if packed else q
                if qu.min() < lo or qu.max() > hi:
                    raise AssertionError(f"{bits}-bit {name}: values out of range")


@check
def int4_pack_unpack_bit_exact():
    lo, hi = np.meshgrid(np.arange(-8, 8), np.arange(-8, 8), indexing="ij")
    pairs = np.stack([lo.ravel(), hi.ravel()], -1)          # [256, 2]
    packed = so.pack_int4(pairs)
    want = ((lo.ravel() & 15) + 16 * (hi.ravel() & 15)).astype(np.uint8).view(np.int8)
    assert_equal("byte = low nibble | high nibble << 4", packed[:, 0], want)
    assert_equal("all 256 bytes distinct", np.unique(packed).size, np.int64(256))
    assert_equal("unpack(pack(q)) = q", so.unpack_int4(packed), pairs.astype(np.int8))
    assert_equal("one byte", so.pack_int4(np.array([3, -2])), np.array([-29], np.int8))  # 0xE3
    rng = np.random.default_rng(61)
    x, s = rng.standard_normal((3, 8)), np.full(3, 0.25)
    assert_equal("packed quantize = pack(unpacked quantize)",
                 so.quantize(x, s, 4, packed=True), so.pack_int4(so.quantize(x, s, 4)))


def _quant_weight(rng, nout, nin, bits, group):
    w = rng.normal(0, nin ** -0.5, (nout, nin))
    absmax = np.abs(w).max(-1) if group is None else np.abs(w.reshape(nout, -1, group)).max(-1)
    scale = absmax / so.qrange(bits)[1]
    return so.quantize(w, scale, bits, group, packed=bits == 4), scale


@check
def qmatmul_vs_dequantized_matmul():
    rng = np.random.default_rng(70)
    for bits in (8, 4):
        for group in (None, 16):
            wq, ws = _quant_weight(rng, 12, 64, bits, group)
            W = so.dequantize(wq, ws, bits, group, packed=bits == 4)
            bias = rng.standard_normal(12)
            # Float activations: the weights are dequantized.
            x = rng.standard_normal((2, 5, 64))
            assert_close(f"W{bits}A16 group={group}",
                         so.qmatmul(x, wq, ws, bias=bias, weight_bits=bits, group_size=group),
                         x @ W.T + bias)
            # int8 activations, per tensor and per token.
            xq = rng.integers(-128, 128, (2, 5, 64)).astype(np.int8)
            for sx in (np.float64(0.02), rng.uniform(0.01, 0.05, (2, 5))):
                sxe = sx if np.ndim(sx) == 0 else sx[..., None]
                assert_close(f"W{bits}A8 group={group} sx rank {np.ndim(sx)}",
                             so.qmatmul(xq, wq, ws, input_scale=sx, bias=bias,
                                        weight_bits=bits, group_size=group),
                             (xq * sxe) @ W.T + bias)
    # The same int4 values stored unpacked as int8 weights give the same y.
    wq, ws = _quant_weight(rng, 8, 32, 4, None)
    xq = rng.integers(-128, 128, (3, 32)).astype(np.int8)
    assert_close("W4 packed = same values as W8",
                 so.qmatmul(xq, wq, ws, input_scale=np.float64(0.1), weight_bits=4),
                 so.qmatmul(xq, so.unpack_int4(wq), ws, input_scale=np.float64(0.1), weight_bits=8))


# ---------------------------------------------------------------------------
# Mamba block
# ---------------------------------------------------------------------------


@check
def mamba_block_prefill_vs_decode():
    args = mb.make_arguments(7, batch=2, length=12, d_model=32, d_state=8)
    out, conv_state, ssm_state = mb.mamba_block_prefill(*args)
    x, weights = args[0], args[1:]
    nb, d_inner, width = 2, weights[1].shape[1] // 2, weights[2].shape[1]
    cs, ss = np.zeros((nb, d_inner, width - 1)), np.zeros((nb, d_inner, 8))
    for t in range(12):
        yt, cs, ss = mb.mamba_block_step(x[:, t], *weights, conv_state=cs, ssm_state=ss)
        assert_close(f"token {t}", yt, out[:, t])
    assert_close("conv state", cs, conv_state)
    assert_close("ssm state", ss, ssm_state)
    assert_close("mamba_block = prefill out", mb.mamba_block(*args), out)


@check
def mamba_block_arguments_match_example():
    text = open(os.path.join(REPO, "examples", "mamba_block.mlir")).read()
    sig = re.search(r"func\.func @mamba_block\((.*?)\)\s*->", text, re.S).group(1)
    types = re.findall(r"%(\w+):\s*tensor<([0-9x]+)xf32>", sig)
    args = mb.make_arguments(0)
    names = [n for n, _ in types]
    if tuple(names) != mb.ARGUMENT_NAMES:
        raise AssertionError(f"argument names {names} != {mb.ARGUMENT_NAMES}")
    for (name, dims), a in zip(types, args):
        shape = tuple(int(d) for d in dims.split("x"))
        if a.shape != shape or a.dtype != np.float32:
            raise AssertionError(f"{name}: {a.dtype}{a.shape}, example wants f32{shape}")
    x, norm_w, in_proj, conv_w, conv_b, x_proj, dt_proj, dt_bias, A, D, out_proj = args
    dt = so.softplus(dt_bias)
    if not (dt.min() >= 1e-3 * (1 - 1e-5) and dt.max() <= 1e-1 * (1 + 1e-5)):
        raise AssertionError(f"softplus(dt_bias) in [{dt.min()}, {dt.max()}]")
    assert_equal("A = -exp(log(1..N))", A, -np.tile(np.arange(1, 17, dtype=np.float32), (512, 1)))
    for name, w, fan_in in (("in_proj", in_proj, 256), ("x_proj", x_proj, 512),
                            ("dt_proj", dt_proj, 16), ("out_proj", out_proj, 512)):
        std = float(np.std(w))
        if abs(std * fan_in ** 0.5 - 1) > 0.05:
            raise AssertionError(f"{name} std {std} is not ~ fan_in^-0.5")
    assert_equal("deterministic", mb.make_arguments(0)[2], in_proj)
    out = mb.mamba_block(*args)
    if not np.all(np.isfinite(out)) or np.abs(out - x).max() > 10:
        raise AssertionError("block output is not of a sensible size")


@check
def compute_dtype_switch():
    rng = np.random.default_rng(80)
    args = scan_inputs(rng)
    y64, _ = so.selective_scan(**args)
    with so.compute_dtype(np.float32):
        y32, h32 = so.selective_scan(**args)
    if y32.dtype != np.float32 or h32.dtype != np.float32 or y64.dtype != np.float64:
        raise AssertionError(f"dtypes {y32.dtype}, {h32.dtype}, {y64.dtype}")
    assert_close("f32 close to f64", y32, y64, rtol=1e-4, atol=1e-5)
    if np.array_equal(y32.astype(np.float64), y64):
        raise AssertionError("f32 run is not actually in f32")


def main():
    verbose = "-v" in sys.argv[1:]
    passed = failed = 0
    for fn in CHECKS:
        try:
            fn()
        except Exception as exc:  # any failure, including a crash, is a FAIL
            failed += 1
            print(f"FAIL {fn.__name__}: {exc}")
            if verbose:
                traceback.print_exc()
        else:
            passed += 1
            print(f"PASS {fn.__name__}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
