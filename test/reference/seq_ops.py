"""NumPy reference implementations of the `seq` dialect ops.

Each function is written straight from the recurrent equations of
docs/ops.md (the contract) and the shape rules of docs/dialect.md, with an
explicit Python loop over time for the recurrent ops (vectorized over the
parallel dims only). They are deliberately simple: they are what the
compiled code is compared against, so they must be easy to read against the
equations, not fast.

Float results are computed and returned in float64 (inputs are converted
first, so f32 inputs are taken at their exact f32 values). Integer results
(`quantize`) are int8. `compute_dtype(np.float32)` switches the float
arithmetic to f32 for one `with` block; the test harness uses that only to
measure how far an honest f32 implementation lands from the f64 reference
when it picks tolerances.

Conventions follow the op operands one to one (names, order, layouts), so a
case can call `selective_scan(u, delta, A, B, C, D=..., z=...)` with the same
arrays it passes to the compiled function.
"""

import contextlib

import numpy as np

_DTYPE = np.float64


@contextlib.contextmanager
def compute_dtype(dtype):
    """Computes float results in `dtype` inside the block (default f64)."""
    global _DTYPE
    saved, _DTYPE = _DTYPE, np.dtype(dtype).type
    try:
        yield
    finally:
        _DTYPE = saved


def _f(x):
    """An input as a float array of the compute dtype (None stays None)."""
    return None if x is None else np.asarray(x).astype(_DTYPE)


# ---------------------------------------------------------------------------
# Elementwise helpers
# ---------------------------------------------------------------------------


def softplus(x):
    """log(1 + e^x), and x itself for x > 20 (ops.md, notation)."""
    x = _f(x)
    # Clamp the argument of exp so the branch not taken cannot overflow.
    return np.where(x > 20, x, np.log1p(np.exp(np.minimum(x, 20))))


def sigmoid(x):
    x = _f(x)
    # Written with exp(-|x|) so neither branch overflows.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def silu(x):
    """x * sigmoid(x)."""
    x = _f(x)
    return x * sigmoid(x)


def _group_index(units, groups):
    """Group of each unit (channel or head) when `groups` split them evenly."""
    if groups < 1 or units % groups:
        raise ValueError(f"{groups} groups do not divide {units} units")
    return np.arange(units) // (units // groups)


# ---------------------------------------------------------------------------
# 1. Selective scan (Mamba-1)
# ---------------------------------------------------------------------------


def _scan_dt(delta, delta_bias, delta_softplus):
    """dt = softplus?(delta + delta_bias), delta_bias broadcast per channel."""
    dt = delta if delta_bias is None else delta + _f(delta_bias)[:, None]
    return softplus(dt) if delta_softplus else dt


def selective_scan(u, delta, A, B, C, D=None, z=None, delta_bias=None,
                   initial_state=None, delta_softplus=False):
    """Mamba-1 selective scan over a whole sequence (ops.md section 1).

    u, delta, z: [Bt, D, L]; A: [D, N]; B, C: [Bt, G, N, L] (channel d in
    group d // (D/G)) or time-invariant [D, N]; D, delta_bias: [D];
    initial_state: [Bt, D, N]. Returns (out [Bt, D, L], final state
    [Bt, D, N]).
    """
    u, delta, A, B, C = map(_f, (u, delta, A, B, C))
    nb, nd, length = u.shape
    ns = A.shape[1]
    if B.ndim == 4:
        # [Bt, G, N, L] -> per channel [Bt, D, N, L].
        B = B[:, _group_index(nd, B.shape[1])]
    else:
        B = np.broadcast_to(B[None, :, :, None], (nb, nd, ns, length))
    if C.ndim == 4:
        C = C[:, _group_index(nd, C.shape[1])]
    else:
        C = np.broadcast_to(C[None, :, :, None], (nb, nd, ns, length))
    dt = _scan_dt(delta, delta_bias, delta_softplus)

    h = (np.zeros((nb, nd, ns), _DTYPE) if initial_state is None
         else _f(initial_state).copy())
    y = np.empty((nb, nd, length), _DTYPE)
    for t in range(length):
        dt_t = dt[:, :, t, None]                       # [Bt, D, 1]
        # h_t[n] = exp(dt_t A[d,n]) h_{t-1}[n] + dt_t B_t[g,n] u_t
        h = np.exp(dt_t * A) * h + dt_t * B[..., t] * u[:, :, t, None]
        # y_t = sum_n C_t[g,n] h_t[n] (+ D[d] u_t)
        y[:, :, t] = np.sum(C[..., t] * h, axis=-1)
        if D is not None:
            y[:, :, t] += _f(D) * u[:, :, t]
    out = y if z is None else y * silu(z)
    return out, h


def selective_scan_step(u, delta, A, B, C, D=None, z=None, delta_bias=None,
                        *, state, delta_softplus=False):
    """One decode step of the selective scan.

    u, delta, z: [Bt, D]; A: [D, N]; B, C: [Bt, G, N] or [D, N];
    state: [Bt, D, N]. Returns (out [Bt, D], new state [Bt, D, N]).
    """
    u, delta, A, B, C, h = map(_f, (u, delta, A, B, C, state))
    nd = u.shape[1]
    # [Bt, G, N] -> [Bt, D, N]; time-invariant [D, N] broadcasts over batch.
    Bd = B[:, _group_index(nd, B.shape[1])] if B.ndim == 3 else B[None]
    Cd = C[:, _group_index(nd, C.shape[1])] if C.ndim == 3 else C[None]
    dt = delta if delta_bias is None else delta + _f(delta_bias)
    if delta_softplus:
        dt = softplus(dt)
    dt = dt[:, :, None]
    h = np.exp(dt * A) * h + dt * Bd * u[:, :, None]
    y = np.sum(Cd * h, axis=-1)
    if D is not None:
        y = y + _f(D) * u
    if z is not None:
        y = y * silu(z)
    return y, h


# ---------------------------------------------------------------------------
# 2. SSD (Mamba-2)
# ---------------------------------------------------------------------------


def _ssd_skip(D, x):
    """D * x for D of shape [H] or [H, P]; x [..., H, P]."""
    D = _f(D)
    return (D[:, None] if D.ndim == 1 else D) * x


def ssd(x, dt, A, B, C, D=None, dt_bias=None, initial_state=None,
        dt_softplus=False):
    """Mamba-2 SSD scan, recurrent form (ops.md section 2).

    x: [Bt, L, H, P]; dt: [Bt, L, H]; A, dt_bias: [H]; B, C: [Bt, L, G, N]
    (head h in group h // (H/G)); D: [H] or [H, P]; initial_state:
    [Bt, H, P, N]. Returns (y [Bt, L, H, P], final state [Bt, H, P, N]).
    """
    x, dt, A, B, C = map(_f, (x, dt, A, B, C))
    nb, length, nh, nphead = x.shape
    ns = B.shape[-1]
    heads = _group_index(nh, B.shape[2])
    B, C = B[:, :, heads], C[:, :, heads]              # [Bt, L, H, N]
    if dt_bias is not None:
        dt = dt + _f(dt_bias)
    if dt_softplus:
        dt = softplus(dt)

    h = (np.zeros((nb, nh, nphead, ns), _DTYPE) if initial_state is None
         else _f(initial_state).copy())
    y = np.empty_like(x)
    for t in range(length):
        decay = np.exp(dt[:, t] * A)[:, :, None, None]            # [Bt, H, 1, 1]
        # h_t = exp(dt A) h_{t-1} + dt x_t (outer) B_t        (P x N per head)
        h = decay * h + (dt[:, t, :, None] * x[:, t])[..., None] * B[:, t, :, None, :]
        # y_t = h_t . C_t (+ D x_t)
        y[:, t] = np.einsum("bhpn,bhn->bhp", h, C[:, t])
        if D is not None:
            y[:, t] += _ssd_skip(D, x[:, t])
    return y, h


def ssd_step(x, dt, A, B, C, D=None, dt_bias=None, *, state,
             dt_softplus=False):
    """One decode step of SSD.

    x: [Bt, H, P]; dt: [Bt, H]; A, dt_bias: [H]; B, C: [Bt, G, N];
    D: [H] or [H, P]; state: [Bt, H, P, N]. Returns (y [Bt, H, P], new
    state).
    """
    x, dt, A, B, C, h = map(_f, (x, dt, A, B, C, state))
    heads = _group_index(x.shape[1], B.shape[1])
    Bh, Ch = B[:, heads], C[:, heads]                  # [Bt, H, N]
    if dt_bias is not None:
        dt = dt + _f(dt_bias)
    if dt_softplus:
        dt = softplus(dt)
    h = (np.exp(dt * A)[:, :, None, None] * h
         + (dt[:, :, None] * x)[..., None] * Bh[:, :, None, :])
    y = np.einsum("bhpn,bhn->bhp", h, Ch)
    if D is not None:
        y = y + _ssd_skip(D, x)
    return y, h


# ---------------------------------------------------------------------------
# 3. Linear attention family
# ---------------------------------------------------------------------------

DECAY_KINDS = ("none", "fixed", "scalar", "vector")
UPDATE_RULES = ("additive", "delta")


def _shared_heads(a, b):
    """max(a, b) when one head count divides the other (heads are shared)."""
    big, small = max(a, b), min(a, b)
    if small < 1 or big % small:
        raise ValueError(f"head counts {a} and {b} must divide one another")
    return big


def _check_decay(decay, gate, update, beta):
    if decay not in DECAY_KINDS:
        raise ValueError(f"unknown decay kind {decay!r}")
    if update not in UPDATE_RULES:
        raise ValueError(f"unknown update rule {update!r}")
    if (gate is None) != (decay == "none"):
        raise ValueError(f"decay {decay!r} and gate presence disagree")
    if (beta is None) != (update == "additive"):
        raise ValueError(f"update {update!r} and beta presence disagree")


def _decayed(S, decay, gate_t):
    """Decay_t (.) S for one step. S: [Bt, Hs, K, V]; gate_t is the log-gate
    of this step: [Hs] (fixed), [Bt, Hs] (scalar), [Bt, Hs, K] (vector)."""
    if decay == "none":
        return S
    if decay == "fixed":
        return np.exp(gate_t)[None, :, None, None] * S
    if decay == "scalar":
        return np.exp(gate_t)[:, :, None, None] * S
    # vector: diag(exp(g)) applied to the rows (key dim) of S.
    return np.exp(gate_t)[..., None] * S


def _state_update(S_prev, k_t, v_t, decay, gate_t, update, beta_t):
    """One state update. k_t: [Bt, Hs, K], v_t: [Bt, Hs, V]."""
    S = _decayed(S_prev, decay, gate_t)
    if update == "additive":
        # S_t = Decay (.) S_{t-1} + k_t^T v_t
        return S + k_t[..., :, None] * v_t[..., None, :]
    # S_t = S' + beta_t k_t^T (v_t - k_t S')
    predicted = np.einsum("bsk,bskv->bsv", k_t, S)
    return S + beta_t[..., None, None] * k_t[..., :, None] * (v_t - predicted)[..., None, :]


def linear_attention(q, k, v, decay="none", gate=None, update="additive",
                     beta=None, initial_state=None, scale=None):
    """Causal linear attention, recurrent form (ops.md section 3).

    q: [Bt, Hq, L, K]; k: [Bt, Hk, L, K]; v: [Bt, Hv, L, V]. There are
    Hs = max(Hk, Hv) states; state s is written from key head s // (Hs/Hk)
    and value head s // (Hs/Hv). There are Ho = max(Hq, Hs) outputs; output
    o reads query head o // (Ho/Hq) and state o // (Ho/Hs).
    gate (log-decays, Decay = exp(gate)): None for decay "none", [Hs]
    "fixed", [Bt, Hs, L] "scalar", [Bt, Hs, L, K] "vector". beta:
    [Bt, Hs, L] for update "delta". initial_state: [Bt, Hs, K, V]; scale
    defaults to K**-0.5. Returns (out [Bt, Ho, L, V], final state
    [Bt, Hs, K, V]).
    """
    _check_decay(decay, gate, update, beta)
    q, k, v, gate, beta = map(_f, (q, k, v, gate, beta))
    nb, nq, length, nk = q.shape
    nkh, nvh, nv = k.shape[1], v.shape[1], v.shape[-1]
    ns = _shared_heads(nkh, nvh)
    no = _shared_heads(nq, ns)
    scale = nk ** -0.5 if scale is None else scale

    k_s = k[:, np.arange(ns) // (ns // nkh)]       # key head of each state
    v_s = v[:, np.arange(ns) // (ns // nvh)]       # value head of each state
    q_o = q[:, np.arange(no) // (no // nq)]        # query head of each output
    state_of_output = np.arange(no) // (no // ns)

    S = (np.zeros((nb, ns, nk, nv), _DTYPE) if initial_state is None
         else _f(initial_state).copy())
    out = np.empty((nb, no, length, nv), _DTYPE)
    for t in range(length):
        gate_t = None
        if decay == "fixed":
            gate_t = gate
        elif decay in ("scalar", "vector"):
            gate_t = gate[:, :, t]
        beta_t = None if beta is None else beta[:, :, t]
        S = _state_update(S, k_s[:, :, t], v_s[:, :, t], decay, gate_t,
                          update, beta_t)
        # o_t = scale * q_t S_t
        out[:, :, t] = scale * np.einsum("bok,bokv->bov", q_o[:, :, t],
                                         S[:, state_of_output])
    return out, S


def linear_attention_step(q, k, v, decay="none", gate=None,
                          update="additive", beta=None, *, state,
                          scale=None):
    """One decode step of linear attention (same head rules).

    q: [Bt, Hq, K]; k: [Bt, Hk, K]; v: [Bt, Hv, V]; gate: [Hs] (fixed),
    [Bt, Hs] (scalar), [Bt, Hs, K] (vector); beta: [Bt, Hs]; state:
    [Bt, Hs, K, V]. Returns (out [Bt, Ho, V], new state).
    """
    _check_decay(decay, gate, update, beta)
    q, k, v, gate, beta, S = map(_f, (q, k, v, gate, beta, state))
    nq, nk = q.shape[1], q.shape[2]
    nkh, nvh = k.shape[1], v.shape[1]
    ns = _shared_heads(nkh, nvh)
    no = _shared_heads(nq, ns)
    scale = nk ** -0.5 if scale is None else scale
    k_s = k[:, np.arange(ns) // (ns // nkh)]
    v_s = v[:, np.arange(ns) // (ns // nvh)]
    q_o = q[:, np.arange(no) // (no // nq)]
    S = _state_update(S, k_s, v_s, decay, gate, update, beta)
    out = scale * np.einsum("bok,bokv->bov", q_o, S[:, np.arange(no) // (no // ns)])
    return out, S


# ---------------------------------------------------------------------------
# 4. Causal depthwise convolution
# ---------------------------------------------------------------------------


def _activate(y, activation):
    if activation == "none":
        return y
    if activation == "silu":
        return silu(y)
    raise ValueError(f"unknown activation {activation!r}")


def causal_conv1d(x, weight, bias=None, initial_state=None,
                  activation="none"):
    """Causal depthwise convolution (ops.md section 4).

    x: [Bt, D, L]; weight: [D, W]; bias: [D]; initial_state: [Bt, D, W-1]
    (the last W-1 inputs of the previous call, zeros when absent).
    y[b,d,t] = act(bias[d] + sum_i w[d,i] x[b,d,t-W+1+i]).
    Returns (out [Bt, D, L], final state [Bt, D, W-1]: the last W-1 inputs
    seen, reaching into the carried state when L < W-1).
    """
    x, weight = _f(x), _f(weight)
    nb, nd, length = x.shape
    width = weight.shape[1]
    past = (np.zeros((nb, nd, width - 1), _DTYPE) if initial_state is None
            else _f(initial_state))
    # Inputs with the carried ones in front: x[t - W + 1 + i] is xp[t + i].
    xp = np.concatenate([past, x], axis=-1)
    y = np.empty((nb, nd, length), _DTYPE)
    for t in range(length):
        y[:, :, t] = np.sum(weight * xp[:, :, t:t + width], axis=-1)
    if bias is not None:
        y += _f(bias)[:, None]
    final = xp[:, :, xp.shape[-1] - (width - 1):]
    return _activate(y, activation), final


def causal_conv1d_step(x, weight, bias=None, *, state, activation="none"):
    """One decode step: x [Bt, D], state [Bt, D, W-1] (oldest first).
    Returns (out [Bt, D], new state: the state shifted by one, x appended)."""
    x, weight, state = _f(x), _f(weight), _f(state)
    window = np.concatenate([state, x[:, :, None]], axis=-1)   # [Bt, D, W]
    y = np.sum(weight * window, axis=-1)
    if bias is not None:
        y = y + _f(bias)
    return _activate(y, activation), window[:, :, 1:]


# ---------------------------------------------------------------------------
# 5. Monarch matrix multiply
# ---------------------------------------------------------------------------


def monarch_matmul(x, w1, w2=None):
    """Monarch (two-stage block-diagonal) product, as docs/dialect.md states it.

    x: [..., k*p]; w1: [k, q, p]; w2: [l, s, r] with l*r == k*q.
      X1[k, :] = w1[k] X[k, :]       (X = x viewed as [k, p])
      X2 = X1 flattened to k*q, viewed as [r, l], transposed to [l, r]
      X3[l, :] = w2[l] X2[l, :]
      y = X3 transposed to [s, l], flattened to s*l
    Without w2: y = blockdiag(w1) x, [..., k*q].
    """
    x, w1 = _f(x), _f(w1)
    nblk, nout1, nin1 = w1.shape
    lead = x.shape[:-1]
    if x.shape[-1] != nblk * nin1:
        raise ValueError("x's last dim must be k*p")
    X = x.reshape(*lead, nblk, nin1)
    X1 = np.einsum("kqp,...kp->...kq", w1, X)
    if w2 is None:
        return X1.reshape(*lead, nblk * nout1)
    w2 = _f(w2)
    nblk2, nout2, nin2 = w2.shape
    if nblk2 * nin2 != nblk * nout1:
        raise ValueError("l*r must equal k*q")
    X2 = np.swapaxes(X1.reshape(*lead, nin2, nblk2), -1, -2)   # [..., l, r]
    X3 = np.einsum("lsr,...lr->...ls", w2, X2)                 # [..., l, s]
    return np.swapaxes(X3, -1, -2).reshape(*lead, nout2 * nblk2)


# ---------------------------------------------------------------------------
# 6. RMSNorm
# ---------------------------------------------------------------------------


def rms_norm(x, weight, gate=None, eps=1e-5, groups=1):
    """y = x / sqrt(mean(x^2) + eps) * weight over the last dim, each of
    `groups` equal slices normalized apart; with a gate z the input is
    x * silu(z) first (ops.md section 6)."""
    x, weight = _f(x), _f(weight)
    if gate is not None:
        x = x * silu(gate)
    dim = x.shape[-1]
    if dim % groups:
        raise ValueError(f"{groups} groups do not divide {dim}")
    xg = x.reshape(*x.shape[:-1], groups, dim // groups)
    rms = np.sqrt(np.mean(xg * xg, axis=-1, keepdims=True) + eps)
    return (xg / rms).reshape(x.shape) * weight


# ---------------------------------------------------------------------------
# 7. Quantization
# ---------------------------------------------------------------------------


def qrange(bits):
    """(lowest, highest) signed value of a `bits`-bit integer."""
    if bits not in (4, 8):
        raise ValueError(f"bits must be 4 or 8, got {bits}")
    return -(1 << (bits - 1)), (1 << (bits - 1)) - 1


def expand_scale(scale, shape, group_size=None):
    """A scale broadcast to the (unpacked) `shape` [..., K] it applies to:
    rank 0 per tensor, [...] per row, [..., K/group_size] per group."""
    scale = np.asarray(scale)
    if group_size is not None:
        if shape[-1] % group_size or scale.shape != (*shape[:-1], shape[-1] // group_size):
            raise ValueError(f"scale {scale.shape} does not fit {shape} in groups of {group_size}")
        return np.repeat(scale, group_size, axis=-1)
    if scale.ndim == 0:
        return np.broadcast_to(scale, shape)
    if scale.shape != tuple(shape[:-1]):
        raise ValueError(f"per-row scale {scale.shape} does not fit {shape}")
    return np.broadcast_to(scale[..., None], shape)


def pack_int4(q):
    """Two int4 values per byte along the last dim, low nibble first, the
    byte stored as int8. q: integers in [-8, 7], [..., K] with K even."""
    q = np.asarray(q).astype(np.int64)
    if q.shape[-1] % 2:
        raise ValueError("packing int4 needs an even last dim")
    if q.min(initial=0) < -8 or q.max(initial=0) > 7:
        raise ValueError("values out of the int4 range")
    low, high = q[..., 0::2] & 0xF, q[..., 1::2] & 0xF
    return (low | (high << 4)).astype(np.uint8).view(np.int8)


def unpack_int4(packed):
    """Inverse of pack_int4: [..., K/2] int8 -> [..., K] int8 in [-8, 7]."""
    byte = np.asarray(packed).astype(np.int8).view(np.uint8).astype(np.int64)
    low, high = byte & 0xF, byte >> 4
    # Sign-extend each nibble.
    low, high = np.where(low >= 8, low - 16, low), np.where(high >= 8, high - 16, high)
    out = np.empty((*byte.shape[:-1], 2 * byte.shape[-1]), np.int8)
    out[..., 0::2], out[..., 1::2] = low, high
    return out


def quantize(x, scale, bits=8, group_size=None, packed=False):
    """q = clamp(round_half_even(x / s), -2^(b-1), 2^(b-1)-1) as int8;
    int4 with `packed` stores two values per byte, low nibble first."""
    if packed and bits != 4:
        raise ValueError("packed storage needs bits = 4")
    x = _f(x)
    s = expand_scale(_f(scale), x.shape, group_size)
    lo, hi = qrange(bits)
    q = np.clip(np.rint(x / s), lo, hi).astype(np.int8)   # rint: half to even
    return pack_int4(q) if packed else q


def dequantize(q, scale, bits=8, group_size=None, packed=False):
    """x = q * s, the inverse of quantize with the same scale layout."""
    qrange(bits)  # validates bits
    q = unpack_int4(q) if packed else np.asarray(q)
    return q.astype(_DTYPE) * expand_scale(_f(scale), q.shape, group_size)


def qmatmul(x, weight, weight_scale, input_scale=None, bias=None,
            weight_bits=8, group_size=None):
    """Linear layer with quantized weights (docs/dialect.md seq.qmatmul).

    weight: [N, K] int8 (weight_bits 8) or [N, K/2] packed int4
    (weight_bits 4); weight_scale: [N] or [N, K/group_size].
    Float x (W4A16, W8A16): y = x @ dequant(W).T (+ bias).
    int8 x (W8A8, W4A8) with input_scale (rank 0 or x's shape without its
    last dim): int32 accumulation per group,
    y = s_x * sum_g s_w[n, g] * acc_g (+ bias).
    Returns y [..., N] in float64.
    """
    if weight_bits not in (4, 8):
        raise ValueError("weight_bits must be 4 or 8")
    Wq = unpack_int4(weight) if weight_bits == 4 else np.asarray(weight)
    x = np.asarray(x)
    nout, nin = Wq.shape
    if x.shape[-1] != nin:
        raise ValueError(f"x's last dim {x.shape[-1]} != K = {nin}")
    ws = _f(weight_scale)
    if x.dtype.kind == "f":
        if input_scale is not None:
            raise ValueError("a float x takes no input_scale")
        y = _f(x) @ dequantize(Wq, ws, bits=8, group_size=group_size).T
    else:
        if x.dtype != np.int8 or input_scale is None:
            raise ValueError("an integer x must be int8 with an input_scale")
        gs = nin if group_size is None else group_size
        ngroups = nin // gs
        xg = x.astype(np.int64).reshape(*x.shape[:-1], ngroups, gs)
        wg = Wq.astype(np.int64).reshape(nout, ngroups, gs)
        acc = np.einsum("...gk,ngk->...ng", xg, wg)      # exact integer sums
        if np.abs(acc).max(initial=0) >= 2**31:
            raise ValueError("the accumulation overflows int32")
        ws_g = ws.reshape(nout, 1) if group_size is None else ws
        y = np.sum(acc.astype(_DTYPE) * ws_g, axis=-1)
        sx = _f(input_scale)
        y = y * (sx if sx.ndim == 0 else sx[..., None])
    if bias is not None:
        y = y + _f(bias)
    return y
