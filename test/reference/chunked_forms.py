"""Second, independent forms of the recurrent seq ops, from docs/ops.md.

seq_ops.py computes every recurrent op step by step. The functions here
compute the same results the way a fast kernel does: the associative scan
of section 1 split into chunks, the 4-step chunked SSD of section 2, and
the chunked linear attention of section 3. check_references.py compares
the two, which is what makes the references trustworthy without the
compiler, and the tolerance calibration in test/Integration/op_cases.py
runs them in f32 to see how much error a chunked f32 kernel may make.

They share nothing with seq_ops.py except the elementwise softplus and
the compute dtype (`seq_ops.compute_dtype`).
"""

import numpy as np

import seq_ops
from seq_ops import softplus


def _f(x):
    return seq_ops._f(x)


def _dtype():
    return seq_ops._DTYPE


# ---------------------------------------------------------------------------
# Section 1: the associative form of the selective scan
# ---------------------------------------------------------------------------


def _combine(later, earlier):
    """(a1, b1) o (a0, b0) = (a1*a0, a1*b0 + b1): `earlier` then `later`."""
    a1, b1 = later
    a0, b0 = earlier
    return a1 * a0, a1 * b0 + b1


def _inclusive_scan(a, b):
    """Inclusive scan of (a, b) pairs along the last axis with _combine, in
    log2(L) doubling steps (Hillis-Steele): element t combines with the
    prefix ending `offset` steps before it."""
    a, b = a.copy(), b.copy()
    length = a.shape[-1]
    offset = 1
    while offset < length:
        a_new, b_new = _combine((a[..., offset:], b[..., offset:]),
                                (a[..., :-offset], b[..., :-offset]))
        a[..., offset:], b[..., offset:] = a_new, b_new
        offset *= 2
    return a, b


def selective_scan_associative(u, delta, A, B, C, D=None, z=None,
                               delta_bias=None, initial_state=None,
                               delta_softplus=False, num_chunks=2):
    """Selective scan as the associative scan of section 1, cut into
    `num_chunks` chunks scanned apart and joined by carrying each chunk's
    total into the next. Same arguments and results as
    seq_ops.selective_scan."""
    u, delta, A, B, C = map(_f, (u, delta, A, B, C))
    nb, nd, length = u.shape
    ns = A.shape[1]
    if B.ndim == 4:
        B = np.repeat(B, nd // B.shape[1], axis=1)      # [Bt, D, N, L]
    else:
        B = np.broadcast_to(B[None, :, :, None], (nb, nd, ns, length))
    if C.ndim == 4:
        C = np.repeat(C, nd // C.shape[1], axis=1)
    else:
        C = np.broadcast_to(C[None, :, :, None], (nb, nd, ns, length))
    dt = delta + (0 if delta_bias is None else _f(delta_bias)[:, None])
    if delta_softplus:
        dt = softplus(dt)
    # a = exp(dt A), b = dt B u, both [Bt, D, N, L].
    a = np.exp(dt[:, :, None, :] * A[None, :, :, None])
    b = dt[:, :, None, :] * B * u[:, :, None, :]

    h0 = (np.zeros((nb, nd, ns), _dtype()) if initial_state is None
          else _f(initial_state))
    hs = np.empty((nb, nd, ns, length), _dtype())
    carry = h0
    for idx in np.array_split(np.arange(length), num_chunks):
        if idx.size == 0:
            continue
        pa, pb = _inclusive_scan(a[..., idx], b[..., idx])
        # The chunk's prefix applied to the state carried into it: the b
        # part of (pa, pb) o (1, carry).
        _, h_chunk = _combine((pa, pb), (1.0, carry[..., None]))
        hs[..., idx] = h_chunk
        carry = h_chunk[..., -1]
    y = np.sum(C * hs, axis=2)
    if D is not None:
        y = y + _f(D)[:, None] * u
    if z is not None:
        y = y * seq_ops.silu(z)
    return y, carry


# ---------------------------------------------------------------------------
# Section 2: the chunked SSD
# ---------------------------------------------------------------------------


def ssd_chunked(x, dt, A, B, C, D=None, dt_bias=None, initial_state=None,
                dt_softplus=False, chunk_size=256):
    """SSD by the 4 steps of section 2 with chunk length `chunk_size` (the
    last chunk may be shorter). Same arguments and results as seq_ops.ssd."""
    x, dt, A, B, C = map(_f, (x, dt, A, B, C))
    nb, length, nh, nphead = x.shape
    ns = B.shape[-1]
    B = np.repeat(B, nh // B.shape[2], axis=2)          # [Bt, L, H, N]
    C = np.repeat(C, nh // C.shape[2], axis=2)
    if dt_bias is not None:
        dt = dt + _f(dt_bias)
    if dt_softplus:
        dt = softplus(dt)
    a = dt * A                                          # [Bt, L, H]

    state = (np.zeros((nb, nh, nphead, ns), _dtype()) if initial_state is None
             else _f(initial_state))
    y = np.empty_like(x)
    for c0 in range(0, length, chunk_size):
        sl = slice(c0, min(c0 + chunk_size, length))
        xc, dtc, Bc, Cc = x[:, sl], dt[:, sl], B[:, sl], C[:, sl]
        s = np.cumsum(a[:, sl], axis=1)                 # [Bt, Q, H]
        s_last = s[:, -1]                               # [Bt, H]
        q = s.shape[1]
        # 1. intra-chunk: sum_{s<=t} (C_t . B_s) exp(s_t - s_s) dt_s x_s
        diff = s[:, :, None, :] - s[:, None, :, :]      # [Bt, t, s, H]
        causal = np.tril(np.ones((q, q), bool))[None, :, :, None]
        weight = np.where(causal, np.exp(np.where(causal, diff, 0)), 0)
        cb = np.einsum("bthn,bshn->btsh", Cc, Bc)
        y_diag = np.einsum("btsh,btsh,bsh,bshp->bthp", cb, weight, dtc, xc)
        # 4. inter-chunk: exp(s_t) (C_t . H_c), with H_c the state entering.
        y_off = np.einsum("bth,bthn,bhpn->bthp", np.exp(s), Cc, state)
        y[:, sl] = y_diag + y_off
        # 2. chunk state: sum_s exp(s_last - s_s) dt_s x_s (outer) B_s
        to_end = np.exp(s_last[:, None, :] - s)        # [Bt, Q, H]
        chunk_state = np.einsum("bsh,bsh,bshp,bshn->bhpn", to_end, dtc, xc, Bc)
        # 3. state passing: H_{c+1} = exp(s_last) H_c + S_c
        state = np.exp(s_last)[:, :, None, None] * state + chunk_state
    if D is not None:
        D = _f(D)
        y = y + (D[:, None] if D.ndim == 1 else D) * x
    return y, state


# ---------------------------------------------------------------------------
# Section 3: the chunked linear attention (additive updates)
# ---------------------------------------------------------------------------


def _log_decay_per_key(decay, gate, shape):
    """The log-decay of every step and key dim, [Bt, H, L, K]."""
    nb, nh, length, nk = shape
    if decay == "none":
        return np.zeros(shape, _dtype())
    gate = _f(gate)
    if decay == "fixed":
        return np.broadcast_to(gate[None, :, None, None], shape)
    if decay == "scalar":
        return np.broadcast_to(gate[..., None], shape)
    return gate


def linear_attention_chunked(q, k, v, decay="none", gate=None,
                             initial_state=None, scale=None, chunk_size=64,
                             update="additive", beta=None):
    """Linear attention by the chunked form of section 3, with one head
    count for q, k and v (head sharing is checked apart):

        O_intra = ((q (.) e^b) (k (.) e^-b)^T (.) causal_mask) u
        O_inter = (q (.) e^b) S_prev
        S_next  = e^{b_C} (.) S_prev + (k (.) e^{b_C - b})^T u

    with b the cumulative log-decay inside the chunk and u = v for the
    additive update. For the delta rules (beta [Bt, H, L]) u holds the
    pseudo-values of the WY / UT representation:

        A = tril(beta_s (k_s (.) e^{b_s}) . (k_r (.) e^{-b_r}), -1)
        T = (I + A)^-1,  W = T (beta e^b k),  u = T (beta v) - W S_prev

    e^-b is formed as written, so keep chunk_size * |gate| well inside the
    exp range. Returns (out [Bt, H, L, V], final state [Bt, H, K, V])."""
    q, k, v = _f(q), _f(k), _f(v)
    nb, nh, length, nk = q.shape
    if k.shape[1] != nh or v.shape[1] != nh:
        raise ValueError("the chunked form takes equal head counts")
    if (update == "delta") != (beta is not None):
        raise ValueError("beta goes with update='delta' and only with it")
    nv = v.shape[-1]
    scale = nk ** -0.5 if scale is None else scale
    g = _log_decay_per_key(decay, gate, q.shape)
    S = (np.zeros((nb, nh, nk, nv), _dtype()) if initial_state is None
         else _f(initial_state))
    out = np.empty((nb, nh, length, nv), _dtype())
    for c0 in range(0, length, chunk_size):
        sl = slice(c0, min(c0 + chunk_size, length))
        qc, kc, vc = q[:, :, sl], k[:, :, sl], v[:, :, sl]
        b = np.cumsum(g[:, :, sl], axis=2)              # [Bt, H, C, K]
        b_end = b[:, :, -1:]                            # [Bt, H, 1, K]
        q_dec, k_inv = qc * np.exp(b), kc * np.exp(-b)
        n = qc.shape[2]
        if beta is not None:
            bc = _f(beta)[:, :, sl, None]               # [Bt, H, C, 1]
            k_dec = kc * np.exp(b)
            A = bc * np.einsum("bhsk,bhrk->bhsr", k_dec, k_inv) * np.tril(np.ones((n, n)), -1)
            T = np.linalg.inv(np.eye(n) + A)
            W = T @ (bc * k_dec)
            vc = T @ (bc * vc) - W @ S
        scores = np.einsum("bhtk,bhsk->bhts", q_dec, k_inv) * np.tril(np.ones((n, n)))
        o_intra = np.einsum("bhts,bhsv->bhtv", scores, vc)
        o_inter = np.einsum("bhtk,bhkv->bhtv", q_dec, S)
        out[:, :, sl] = scale * (o_intra + o_inter)
        S = (np.exp(b_end[:, :, 0, :, None]) * S
             + np.einsum("bhsk,bhsv->bhkv", kc * np.exp(b_end - b), vc))
    return out, S
