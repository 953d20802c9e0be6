"""NumPy reference of examples/mamba_block.mlir, a Mamba-1 residual block.

    h      = RMSNorm(x)
    xi, z  = split(h @ in_proj)
    xc     = SiLU(causal_conv1d(xi) + conv_b)
    dt, Bm, Cm = split(xc @ x_proj)
    delta  = dt @ dt_proj                  (dt_bias is added in the scan)
    y      = selective_scan(xc, delta, A, Bm, Cm, D, z, dt_bias, softplus)
    out    = x + y @ out_proj

Weights are stored [in, out] as in the example, A = -exp(A_log) is passed
in directly, and B/C form one group. The sizes are read from the arrays, so
the same code serves the example's sizes (d_model 256, d_inner 512, N 16,
dt_rank 16, conv width 4) and smaller ones.

`mamba_block(*args)` takes the example function's arguments in its order
and returns its one result. `mamba_block_prefill` also returns the
recurrent states (conv tail, SSM state) and `mamba_block_step` runs one
token from them, which is how a streaming decode uses the block.
`make_weights(seed)` gives deterministic weights of realistic magnitude and
`make_arguments(seed)` the whole argument list, input first.
"""

import math

import numpy as np

from seq_ops import (causal_conv1d, causal_conv1d_step, rms_norm,
                     selective_scan, selective_scan_step, _f)

ARGUMENT_NAMES = ("x", "norm_w", "in_proj", "conv_w", "conv_b", "x_proj",
                  "dt_proj", "dt_bias", "A", "D", "out_proj")


def _sizes(in_proj, dt_proj, A):
    d_inner = in_proj.shape[1] // 2
    return d_inner, dt_proj.shape[0], A.shape[1]


def mamba_block_prefill(x, norm_w, in_proj, conv_w, conv_b, x_proj, dt_proj,
                        dt_bias, A, D, out_proj):
    """The block over a whole sequence x [Bt, L, d_model].

    Returns (out [Bt, L, d_model], conv state [Bt, d_inner, W-1], SSM state
    [Bt, d_inner, N])."""
    x = _f(x)
    nb, length, d_model = x.shape
    d_inner, dt_rank, ns = _sizes(in_proj, dt_proj, A)

    def channel_major(tokens, width):
        # [Bt*L, width] token-major -> [Bt, width, L]
        return tokens.reshape(nb, length, width).transpose(0, 2, 1)

    h = rms_norm(x, norm_w).reshape(nb * length, d_model)
    xz = h @ _f(in_proj)
    xi = channel_major(xz[:, :d_inner], d_inner)
    z = channel_major(xz[:, d_inner:], d_inner)
    xc, conv_state = causal_conv1d(xi, conv_w, conv_b, activation="silu")

    dbc = xc.transpose(0, 2, 1).reshape(nb * length, d_inner) @ _f(x_proj)
    dt_low = dbc[:, :dt_rank]
    Bm = channel_major(dbc[:, dt_rank:dt_rank + ns], ns)[:, None]   # [Bt,1,N,L]
    Cm = channel_major(dbc[:, dt_rank + ns:dt_rank + 2 * ns], ns)[:, None]
    delta = channel_major(dt_low @ _f(dt_proj), d_inner)

    y, ssm_state = selective_scan(xc, delta, A, Bm, Cm, D=D, z=z,
                                  delta_bias=dt_bias, delta_softplus=True)
    o = y.transpose(0, 2, 1).reshape(nb * length, d_inner) @ _f(out_proj)
    return x + o.reshape(nb, length, d_model), conv_state, ssm_state


def mamba_block(x, norm_w, in_proj, conv_w, conv_b, x_proj, dt_proj, dt_bias,
                A, D, out_proj):
    """The example function: out [Bt, L, d_model] (float64)."""
    return mamba_block_prefill(x, norm_w, in_proj, conv_w, conv_b, x_proj,
                               dt_proj, dt_bias, A, D, out_proj)[0]


def mamba_block_step(x_t, norm_w, in_proj, conv_w, conv_b, x_proj, dt_proj,
                     dt_bias, A, D, out_proj, *, conv_state, ssm_state):
    """One token x_t [Bt, d_model] through the block, built from the step
    ops. Returns (out [Bt, d_model], conv state, SSM state)."""
    x_t = _f(x_t)
    d_inner, dt_rank, ns = _sizes(in_proj, dt_proj, A)
    xz = rms_norm(x_t, norm_w) @ _f(in_proj)
    xi, z = xz[:, :d_inner], xz[:, d_inner:]
    xc, conv_state = causal_conv1d_step(xi, conv_w, conv_b, state=conv_state,
                                        activation="silu")
    dbc = xc @ _f(x_proj)
    delta = dbc[:, :dt_rank] @ _f(dt_proj)
    Bm = dbc[:, None, dt_rank:dt_rank + ns]                     # [Bt, 1, N]
    Cm = dbc[:, None, dt_rank + ns:dt_rank + 2 * ns]
    y, ssm_state = selective_scan_step(xc, delta, A, Bm, Cm, D=D, z=z,
                                       delta_bias=dt_bias, state=ssm_state,
                                       delta_softplus=True)
    return x_t + y @ _f(out_proj), conv_state, ssm_state


def inverse_softplus(y):
    """x with softplus(x) = y, for y > 0."""
    y = np.asarray(y, np.float64)
    return y + np.log(-np.expm1(-y))


def make_weights(seed, d_model=256, expand=2, d_state=16, dt_rank=None,
                 d_conv=4):
    """Deterministic f32 weights of realistic magnitude, in the argument
    order of the example after x: (norm_w, in_proj, conv_w, conv_b, x_proj,
    dt_proj, dt_bias, A, D, out_proj).

    As Mamba initializes them: A = -exp(A_log) with A_log = log(1..N) for
    every channel, softplus(dt_bias) log-uniform in [1e-3, 1e-1], the conv
    like PyTorch's default (uniform in +-1/sqrt(width)), projections
    N(0, 1/fan_in). The norm weight and D are 1 plus a little noise rather
    than exactly 1, so that a block that forgot to apply them is caught.
    """
    rng = np.random.default_rng(seed)
    d_inner = expand * d_model
    dt_rank = math.ceil(d_model / 16) if dt_rank is None else dt_rank

    def proj(fan_in, fan_out):
        return rng.normal(0.0, fan_in ** -0.5, (fan_in, fan_out))

    norm_w = 1.0 + 0.1 * rng.standard_normal(d_model)
    in_proj = proj(d_model, 2 * d_inner)
    bound = d_conv ** -0.5
    conv_w = rng.uniform(-bound, bound, (d_inner, d_conv))
    conv_b = rng.uniform(-bound, bound, d_inner)
    x_proj = proj(d_inner, dt_rank + 2 * d_state)
    dt_proj = proj(dt_rank, d_inner)
    dt = np.exp(rng.uniform(math.log(1e-3), math.log(1e-1), d_inner))
    dt_bias = inverse_softplus(dt)
    A_log = np.log(np.tile(np.arange(1, d_state + 1, dtype=np.float64), (d_inner, 1)))
    A = -np.exp(A_log)
    D = 1.0 + 0.1 * rng.standard_normal(d_inner)
    out_proj = proj(d_inner, d_model)
    weights = (norm_w, in_proj, conv_w, conv_b, x_proj, dt_proj, dt_bias, A,
               D, out_proj)
    return tuple(w.astype(np.float32) for w in weights)


def make_arguments(seed, batch=2, length=50, **sizes):
    """(x, *make_weights(seed, **sizes)): every argument of the example, in
    order; x [batch, length, d_model] ~ N(0, 1)."""
    weights = make_weights(seed, **sizes)
    d_model = weights[0].shape[0]
    rng = np.random.default_rng([seed, 1])
    x = rng.standard_normal((batch, length, d_model)).astype(np.float32)
    return (x, *weights)
