"""The computations behind the topic pages' charts: plain numpy, no Streamlit, tested on their own.

Each function takes the values of a page's controls and returns numbers (arrays or small dataclasses);
`ui.charts` turns them into Altair charts and the pages lay them out.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

Array = np.ndarray

# ---------------------------------------------------------------- 1 functions and activations

ACTIVATIONS: tuple[str, ...] = ("linear", "quadratic", "step", "exponential", "sigmoid", "tanh", "relu")


def sigmoid(x: Array | float) -> Array:
    """σ(x) = 1 / (1 + e^(−x)), computed without overflow for large |x|."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def activation(name: str, x: Array, a: float = 1.0, b: float = 0.0) -> tuple[Array, Array]:
    """Values and derivative of the curve `name` applied to a·x + b (so a stretches, b shifts).

    The unit step's derivative is 0 away from x = 0 (it is undefined at the jump).
    """
    x = np.asarray(x, dtype=float)
    u = a * x + b
    if name == "linear":
        return u, np.full_like(x, a)
    if name == "quadratic":
        return u**2, 2 * a * u
    if name == "step":
        return (u >= 0).astype(float), np.zeros_like(x)
    if name == "exponential":
        e = np.exp(np.clip(u, -50, 50))
        return e, a * e
    if name == "sigmoid":
        s = sigmoid(u)
        return s, a * s * (1 - s)
    if name == "tanh":
        th = np.tanh(u)
        return th, a * (1 - th**2)
    if name == "relu":
        return np.maximum(u, 0.0), np.where(u > 0, a, 0.0)
    raise ValueError(f"unknown activation {name!r}")


def softmax(z: Array, temperature: float = 1.0) -> Array:
    """softmax(z / T): non-negative, sums to 1, stable for large inputs."""
    z = np.asarray(z, dtype=float) / temperature
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)



def fit_range(*curves: Array, cap: float = 10.0, pad: float = 0.08) -> tuple[float, float]:
    """A y-range that shows every curve: from the smallest to the largest value (each kept within ±`cap`, so a
    curve that explodes does not flatten the others), widened by `pad` of its height on each side."""
    values = np.concatenate([np.asarray(c, dtype=float).ravel() for c in curves])
    values = np.clip(values[np.isfinite(values)], -cap, cap)
    lo, hi = (float(values.min()), float(values.max())) if values.size else (-1.0, 1.0)
    if hi - lo < 1e-9:
        lo, hi = lo - 1.0, hi + 1.0
    margin = pad * (hi - lo)
    return lo - margin, hi + margin


# ---------------------------------------------------------------- 2 sequences


def arithmetic_terms(a1: float, d: float, n: int) -> Array:
    """a₁, a₁+d, …: the first n terms of aₖ = a₁ + (k−1)d."""
    return a1 + d * np.arange(n)


def geometric_terms(a1: float, r: float, n: int) -> Array:
    """a₁, a₁r, …: the first n terms of aₖ = a₁ r^(k−1)."""
    return a1 * float(r) ** np.arange(n)


def recurrence_terms(a1: float, p: float, q: float, n: int) -> Array:
    """The first n terms of a₁ given, aₖ₊₁ = p·aₖ + q (computed step by step, as the recurrence says)."""
    terms = np.empty(n)
    terms[0] = a1
    for k in range(1, n):
        terms[k] = p * terms[k - 1] + q
    return terms


def partial_sums(terms: Array) -> Array:
    """Sₖ = a₁ + … + aₖ for every k."""
    return np.cumsum(np.asarray(terms, dtype=float))


# ---------------------------------------------------------------- 3 Σ notation


@dataclass(frozen=True)
class Linearity:
    """Σ(c·aₖ + bₖ) next to c·Σaₖ + Σbₖ for aₖ = k, bₖ = k² (k = 1..n)."""

    k: Array
    a: Array
    b: Array
    combined: Array          # c·aₖ + bₖ
    left: float              # Σ(c·aₖ + bₖ)
    right: float             # c·Σaₖ + Σbₖ
    sum_a: float
    sum_b: float


def sigma_linearity(n: int, c: float) -> Linearity:
    """The terms and both sides of Σₖ₌₁ⁿ (c·k + k²) = c·Σk + Σk²."""
    k = np.arange(1, n + 1, dtype=float)
    a, b = k, k**2
    combined = c * a + b
    return Linearity(k, a, b, combined, float(combined.sum()), float(c * a.sum() + b.sum()),
                     float(a.sum()), float(b.sum()))


# ---------------------------------------------------------------- 4 vectors


@dataclass(frozen=True)
class VectorPair:
    """Lengths, inner product, angle and the Cauchy–Schwarz bounds of two plane vectors."""

    norm_a: float
    norm_b: float
    dot: float
    cos: float | None        # None when a or b is the zero vector
    angle_deg: float | None
    bound: float             # |a||b|: −bound ≤ a·b ≤ bound


def vector_pair(a: tuple[float, float], b: tuple[float, float]) -> VectorPair:
    """a·b = a₁b₁ + a₂b₂ = |a||b|cos θ, with |a·b| ≤ |a||b|."""
    va, vb = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    na, nb = float(np.hypot(*va)), float(np.hypot(*vb))
    dot = float(va[0] * vb[0] + va[1] * vb[1])
    if na == 0 or nb == 0:
        return VectorPair(na, nb, dot, None, None, na * nb)
    cos = max(-1.0, min(1.0, dot / (na * nb)))
    return VectorPair(na, nb, dot, cos, float(np.degrees(np.arccos(cos))), na * nb)


def angle_arc(a: tuple[float, float], b: tuple[float, float], radius: float, points: int = 40) -> tuple[Array, Array]:
    """The arc of the angle θ between a and b (the shorter way round, θ ≤ 180°) at `radius` from the origin;
    empty when a or b is the zero vector."""
    if not (np.hypot(*a) and np.hypot(*b)):
        return np.empty(0), np.empty(0)
    start, end = np.arctan2(a[1], a[0]), np.arctan2(b[1], b[0])
    turn = (end - start + np.pi) % (2 * np.pi) - np.pi        # signed, in (−π, π]
    t = start + turn * np.linspace(0.0, 1.0, points)
    return radius * np.cos(t), radius * np.sin(t)


# ---------------------------------------------------------------- 5 matrices


def matrix_views(a: Array, b: Array) -> dict[str, Array]:
    """A, B, the product AB, the Hadamard product A⊙B, the transpose Aᵀ, and BA (to show AB ≠ BA)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return {"A": a, "B": b, "AB": a @ b, "BA": b @ a, "A⊙B": a * b, "Aᵀ": a.T}


# ---------------------------------------------------------------- 6 derivatives

CURVES: dict[str, tuple[Callable[[Array], Array], Callable[[Array], Array]]] = {
    "x²": (lambda x: x**2, lambda x: 2 * x),
    "x³ − 3x": (lambda x: x**3 - 3 * x, lambda x: 3 * x**2 - 3),
    "sin x": (np.sin, np.cos),
    "σ(x)": (sigmoid, lambda x: sigmoid(x) * (1 - sigmoid(x))),
}


@dataclass(frozen=True)
class Secant:
    """The secant through (x₀, f(x₀)) and (x₀+Δx, f(x₀+Δx)) and the tangent at x₀."""

    x0: float
    y0: float
    dx: float
    secant_slope: float
    tangent_slope: float


def secant(curve: str, x0: float, dx: float) -> Secant:
    """(f(x₀+Δx) − f(x₀)) / Δx next to f′(x₀): the secant slope tends to the tangent's as Δx → 0."""
    f, df = CURVES[curve]
    y0 = float(f(np.array([x0]))[0])
    y1 = float(f(np.array([x0 + dx]))[0])
    return Secant(x0, y0, dx, (y1 - y0) / dx, float(df(np.array([x0]))[0]))


def secant_slopes(curve: str, x0: float, dxs: Array) -> Array:
    """Secant slopes for several Δx (the convergence table)."""
    return np.array([secant(curve, x0, float(d)).secant_slope for d in dxs])


# ---------------------------------------------------------------- 7 partial derivatives, 9 gradient descent

SURFACES: dict[str, tuple[Callable[[Array, Array], Array], Callable[[Array, Array], tuple[Array, Array]]]] = {
    "x² + y²": (lambda x, y: x**2 + y**2, lambda x, y: (2 * x, 2 * y)),
    "x² + 3y²": (lambda x, y: x**2 + 3 * y**2, lambda x, y: (2 * x, 6 * y)),
    "x² − y²": (lambda x, y: x**2 - y**2, lambda x, y: (2 * x, -2 * y)),
    "x + y": (lambda x, y: x + y, lambda x, y: (np.ones_like(x), np.ones_like(y))),
}


@dataclass(frozen=True)
class Contours:
    """Contour lines of f(x, y) as straight segments (x, y) → (x2, y2), each with the `level` f has along it."""

    x: Array
    y: Array
    x2: Array
    y2: Array
    level: Array
    levels: Array            # the levels drawn, low to high
    span: tuple[float, float] = (0.0, 1.0)   # the lowest and highest level inside the chart's square


# Marching squares: corners 0 (x, y), 1 (x+h, y), 2 (x+h, y+h), 3 (x, y+h); bit k of a cell's case is set when
# corner k lies above the level. Edges: 0 bottom (0–1), 1 right (1–2), 2 top (3–2), 3 left (0–3). Each case joins
# pairs of edges; the saddles 5 and 10 are resolved by the value at the cell's centre (`_SADDLES`).
_SEGMENTS: dict[int, tuple[tuple[int, int], ...]] = {
    1: ((3, 0),), 2: ((0, 1),), 3: ((3, 1),), 4: ((1, 2),), 6: ((0, 2),), 7: ((3, 2),), 8: ((2, 3),),
    9: ((0, 2),), 11: ((1, 2),), 12: ((3, 1),), 13: ((0, 1),), 14: ((3, 0),),
}
_SADDLES: dict[tuple[int, bool], tuple[tuple[int, int], ...]] = {   # (case, centre above the level)
    (5, True): ((0, 1), (2, 3)), (5, False): ((3, 0), (1, 2)),
    (10, True): ((3, 0), (1, 2)), (10, False): ((0, 1), (2, 3)),
}


def nice_levels(lo: float, hi: float, count: int = 10) -> Array:
    """About `count` round contour levels strictly between `lo` and `hi` (steps of 1, 2, 2.5 or 5 × 10ᵏ)."""
    if not hi > lo:
        return np.array([lo])
    raw = (hi - lo) / count
    power = 10.0 ** np.floor(np.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = np.floor(lo / step + 1) * step
    return np.round(np.arange(first, hi, step), 10)


def contour_lines(f: Callable[[Array, Array], Array], x_range: tuple[float, float], y_range: tuple[float, float],
                  levels: Array, step: float) -> Contours:
    """The lines f(x, y) = level for each level, traced by marching squares on a grid of spacing `step` over
    `x_range` × `y_range` (each cell's crossing points are interpolated linearly along its edges)."""
    xs = np.arange(x_range[0], x_range[1] + step / 2, step)
    ys = np.arange(y_range[0], y_range[1] + step / 2, step)
    xx, yy = np.meshgrid(xs, ys)
    z = np.asarray(f(xx, yy), dtype=float) * np.ones_like(xx)
    corners = (z[:-1, :-1], z[:-1, 1:], z[1:, 1:], z[1:, :-1])
    x0, y0 = xx[:-1, :-1], yy[:-1, :-1]
    centre = sum(corners) / 4
    parts: list[tuple[Array, ...]] = []
    for level in np.asarray(levels, dtype=float):
        above = [c > level for c in corners]
        case = above[0] * 1 + above[1] * 2 + above[2] * 4 + above[3] * 8
        with np.errstate(divide="ignore", invalid="ignore"):
            along = [(level - corners[a]) / (corners[b] - corners[a]) for a, b in ((0, 1), (1, 2), (3, 2), (0, 3))]
        edge_x = (x0 + along[0] * step, x0 + step, x0 + along[2] * step, x0)
        edge_y = (y0, y0 + along[1] * step, y0 + step, y0 + along[3] * step)
        joins = [(case == c, pairs) for c, pairs in _SEGMENTS.items()]
        joins += [((case == c) & ((centre > level) == up), pairs) for (c, up), pairs in _SADDLES.items()]
        for cells, pairs in joins:
            if not cells.any():
                continue
            for a, b in pairs:
                parts.append((edge_x[a][cells], edge_y[a][cells], edge_x[b][cells], edge_y[b][cells],
                              np.full(int(cells.sum()), level)))
    if not parts:
        empty = np.empty(0)
        return Contours(empty, empty, empty, empty, empty, np.asarray(levels, dtype=float))
    return Contours(*(np.concatenate(column) for column in zip(*parts)), levels=np.asarray(levels, dtype=float))


PLANE_WIDE, PLANE_TALL = 3.5, 1.5     # how far past its square a plane may show (wide screens, phones)


def plane_contours(f: Callable[[Array, Array], Array], extent: float, *, count: int = 10,
                   cells: int = 12) -> Contours:
    """Contour lines of f for a chart of the square [−extent, extent]² whose wider side may show more (up to
    `PLANE_WIDE`·extent across, `PLANE_TALL`·extent up and down): about `count` round levels spread over the
    values in the square, continued at the same spacing beyond it; `cells` grid cells per `extent`."""
    step = extent / cells
    core = np.linspace(-extent, extent, 2 * cells + 1)
    cx, cy = np.meshgrid(core, core)
    inside = np.asarray(f(cx, cy), dtype=float) * np.ones_like(cx)
    levels = nice_levels(float(inside.min()), float(inside.max()), count)
    span = (float(levels[0]), float(levels[-1]))
    if len(levels) > 1:
        spacing = float(levels[1] - levels[0])
        below = levels[0] - spacing * np.arange(count, 0, -1)
        above = levels[-1] + spacing * np.arange(1, count + 1)
        levels = np.round(np.concatenate([below, levels, above]), 10)
    lines = contour_lines(f, (-PLANE_WIDE * extent, PLANE_WIDE * extent),
                          (-PLANE_TALL * extent, PLANE_TALL * extent), levels, step)
    return Contours(lines.x, lines.y, lines.x2, lines.y2, lines.level, lines.levels, span)


def gradient_at(surface: str, x: float, y: float) -> tuple[float, float]:
    """(∂f/∂x, ∂f/∂y) at (x, y)."""
    gx, gy = SURFACES[surface][1](np.array(x, dtype=float), np.array(y, dtype=float))
    return float(gx), float(gy)


def constrained_minimum(surface: str, radius: float = 1.0, samples: int = 3600) -> tuple[float, float, float]:
    """The point on x² + y² = r² where f is smallest, and f there (searched along the circle).

    For f = x + y on the unit circle this is (−1/√2, −1/√2) with f = −√2, as Lagrange's method gives.
    """
    theta = np.linspace(0.0, 2 * np.pi, samples, endpoint=False)
    xs, ys = radius * np.cos(theta), radius * np.sin(theta)
    values = SURFACES[surface][0](xs, ys) * np.ones_like(xs)
    i = int(np.argmin(values))
    return float(xs[i]), float(ys[i]), float(values[i])


@dataclass(frozen=True)
class DescentPath:
    """Points visited by gradient descent and whether it blew up."""

    xs: Array
    ys: Array
    values: Array
    diverged: bool


DIVERGENCE_LIMIT = 1e3


def gradient_descent(surface: str, start: tuple[float, float], eta: float, steps: int) -> DescentPath:
    """(x, y) ← (x, y) − η∇f(x, y), `steps` times; stops early once |(x, y)| exceeds 10³ (diverged)."""
    f, grad = SURFACES[surface]
    pts = [np.asarray(start, dtype=float)]
    diverged = False
    for _ in range(steps):
        x, y = pts[-1]
        gx, gy = grad(np.array(x), np.array(y))
        nxt = np.array([x - eta * float(gx), y - eta * float(gy)])
        pts.append(nxt)
        if not np.all(np.isfinite(nxt)) or np.hypot(*nxt) > DIVERGENCE_LIMIT:
            diverged = True
            break
    p = np.array(pts)
    if not diverged and np.hypot(*p[-1]) > np.hypot(*p[0]) * 1.5:
        diverged = True
    return DescentPath(p[:, 0], p[:, 1], np.asarray(f(p[:, 0], p[:, 1]), dtype=float) * np.ones(len(p)), diverged)


# ---------------------------------------------------------------- 8 chain rule


@dataclass(frozen=True)
class ChainGraph:
    """x → u = wx + b → y = σ(u) → C = ½(y − t)², with values and local derivatives."""

    x: float
    u: float
    y: float
    cost: float
    du_dx: float             # w
    dy_du: float             # σ(u)(1 − σ(u))
    dc_dy: float             # y − t
    dc_dx: float             # the product of the three


def chain_graph(x: float, w: float, b: float, target: float) -> ChainGraph:
    """Forward values and the chain rule dC/dx = dC/dy · dy/du · du/dx."""
    u = w * x + b
    y = float(sigmoid(np.array([u]))[0])
    dy_du = y * (1 - y)
    dc_dy = y - target
    return ChainGraph(x, u, y, 0.5 * (y - target) ** 2, w, dy_du, dc_dy, dc_dy * dy_du * w)


# ---------------------------------------------------------------- 10 regression

def regression_data(n: int = 12, seed: int = 7) -> tuple[Array, Array]:
    """A fixed small data set: y ≈ 0.8x + 1 plus noise (the same on every machine)."""
    rng = np.random.default_rng(seed)
    x = np.linspace(0.5, 9.5, n)
    return x, 0.8 * x + 1 + rng.normal(0, 0.9, n)


def least_squares(x: Array, y: Array) -> tuple[float, float]:
    """(w, b) minimising Σ(yₖ − (w xₖ + b))²: w = cov(x, y)/var(x), b = ȳ − w x̄."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    xm, ym = x.mean(), y.mean()
    w = float(((x - xm) * (y - ym)).sum() / ((x - xm) ** 2).sum())
    return w, float(ym - w * xm)


def cost(w: float | Array, b: float, x: Array, y: Array) -> float | Array:
    """C_T = ½ Σ (yₖ − (w xₖ + b))², for one w or an array of w."""
    w_arr = np.asarray(w, dtype=float)[..., None]
    c = 0.5 * ((np.asarray(y) - (w_arr * np.asarray(x) + b)) ** 2).sum(axis=-1)
    return float(c) if np.ndim(w) == 0 else c


# ---------------------------------------------------------------- 11 forward pass, 12 backprop

FORWARD_W = np.array([[1.0, 0.5, -1.0], [0.5, 2.0, -0.5]])
FORWARD_B = np.array([0.1, -0.2, 0.0])


def forward_layer(x: Array, w: Array, b: Array) -> Array:
    """y = xW + b for a row vector x (the notes' convention; the same as z = Wᵀx + b)."""
    return np.asarray(x, dtype=float) @ np.asarray(w, dtype=float) + np.asarray(b, dtype=float)


@dataclass(frozen=True)
class Backprop:
    """A 2-2-1 sigmoid network with C = ½(a₃ − t)²: activations, errors δ and the gradients."""

    x: Array
    z1: Array
    a1: Array
    z2: float
    a2: float
    cost: float
    delta2: float            # output error δ⁽³⁾ = (a − t) σ′(z)
    delta1: Array            # hidden errors δ⁽²⁾ = (W₂ δ⁽³⁾) ⊙ σ′(z⁽²⁾)
    grad_w1: Array           # ∂C/∂W₁[i, j] = xᵢ δ⁽²⁾ⱼ
    grad_b1: Array
    grad_w2: Array           # ∂C/∂W₂[j] = a⁽²⁾ⱼ δ⁽³⁾
    grad_b2: float


def backprop(x: Array, w1: Array, b1: Array, w2: Array, b2: float, target: float) -> Backprop:
    """Forward pass z = xW + b, a = σ(z), then errors δ backwards and the gradients from δ and activations."""
    x = np.asarray(x, dtype=float)
    w1, b1, w2 = (np.asarray(v, dtype=float) for v in (w1, b1, w2))
    z1 = x @ w1 + b1
    a1 = sigmoid(z1)
    z2 = float(a1 @ w2 + b2)
    a2 = float(sigmoid(np.array([z2]))[0])
    delta2 = (a2 - target) * a2 * (1 - a2)
    delta1 = w2 * delta2 * a1 * (1 - a1)
    return Backprop(x, z1, a1, z2, a2, 0.5 * (a2 - target) ** 2, delta2, delta1,
                    np.outer(x, delta1), delta1, a1 * delta2, delta2)


# ---------------------------------------------------------------- 13 convolution

IMAGES: dict[str, Array] = {
    "vertical edge": np.array([[0, 0, 0, 1, 1, 1]] * 6, dtype=float),
    "horizontal edge": np.array([[0] * 6] * 3 + [[1] * 6] * 3, dtype=float),
    "diagonal": np.eye(6)[::-1].copy(),
    "square": np.pad(np.ones((2, 2)), 2),
}
KERNELS: dict[str, Array] = {
    "vertical edge": np.array([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], dtype=float),
    "horizontal edge": np.array([[-1, -1, -1], [0, 0, 0], [1, 1, 1]], dtype=float),
    "blur": np.full((3, 3), 1 / 9),
    "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype=float),
}


def convolve(image: Array, kernel: Array, stride: int = 1) -> Array:
    """The feature map Σᵢⱼ x[r+i, c+j]·k[i, j] (a "valid" convolution as in CNNs, without flipping)."""
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    kh, kw = kernel.shape
    rows = (image.shape[0] - kh) // stride + 1
    cols = (image.shape[1] - kw) // stride + 1
    out = np.empty((rows, cols))
    for r in range(rows):
        for c in range(cols):
            out[r, c] = float((image[r * stride:r * stride + kh, c * stride:c * stride + kw] * kernel).sum())
    return out


def max_pool(feature: Array, size: int = 2) -> Array:
    """Max pooling over non-overlapping size×size windows (a ragged edge is dropped)."""
    feature = np.asarray(feature, dtype=float)
    rows, cols = feature.shape[0] // size, feature.shape[1] // size
    trimmed = feature[: rows * size, : cols * size]
    return trimmed.reshape(rows, size, cols, size).max(axis=(1, 3))


# ---------------------------------------------------------------- 14 probability and information


def normal_pdf(x: Array, mu: float, sigma: float) -> Array:
    """The normal density (1 / (σ√(2π))) e^(−(x−μ)²/(2σ²))."""
    x = np.asarray(x, dtype=float)
    return np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi))


def bernoulli(p: float) -> Array:
    """The distribution (P(X=0), P(X=1)) = (1 − p, p)."""
    return np.array([1 - p, p])


def entropy(p: Array) -> float:
    """H(p) = −Σ pᵢ log pᵢ in nats (0 log 0 = 0)."""
    p = np.asarray(p, dtype=float)
    nz = p > 0
    return float(-(p[nz] * np.log(p[nz])).sum())


def cross_entropy(p: Array, q: Array) -> float:
    """H(p, q) = −Σ pᵢ log qᵢ in nats (∞ if q is 0 where p is not)."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    nz = p > 0
    if np.any(q[nz] <= 0):
        return float("inf")
    return float(-(p[nz] * np.log(q[nz])).sum())


def kl_divergence(p: Array, q: Array) -> float:
    """D_KL(p‖q) = Σ pᵢ log(pᵢ/qᵢ) = H(p, q) − H(p) ≥ 0."""
    return cross_entropy(p, q) - entropy(p)


# ---------------------------------------------------------------- 15 optimizers

def _ravine(x: float, y: float) -> tuple[float, float]:
    return 0.2 * x, 4.0 * y


def ravine_value(x: Array, y: Array) -> Array:
    """f(x, y) = 0.1x² + 2y²: a long narrow valley where plain SGD zig-zags."""
    return 0.1 * np.asarray(x) ** 2 + 2 * np.asarray(y) ** 2


def optimizer_paths(start: tuple[float, float], eta: float, beta: float, steps: int,
                    beta2: float = 0.999, eps: float = 1e-8) -> dict[str, Array]:
    """Paths (steps+1)×2 of SGD, momentum (v ← βv + ∇f, θ ← θ − ηv) and Adam (bias-corrected) on 0.1x² + 2y²."""
    paths: dict[str, Array] = {}
    p = np.asarray(start, dtype=float)
    pts = [p]
    for _ in range(steps):
        pts.append(pts[-1] - eta * np.array(_ravine(*pts[-1])))
    paths["SGD"] = np.array(pts)

    pts, v = [p], np.zeros(2)
    for _ in range(steps):
        v = beta * v + np.array(_ravine(*pts[-1]))
        pts.append(pts[-1] - eta * v)
    paths["Momentum"] = np.array(pts)

    pts, m, s = [p], np.zeros(2), np.zeros(2)
    for k in range(1, steps + 1):
        g = np.array(_ravine(*pts[-1]))
        m = beta * m + (1 - beta) * g
        s = beta2 * s + (1 - beta2) * g**2
        m_hat, s_hat = m / (1 - beta**k), s / (1 - beta2**k)
        pts.append(pts[-1] - eta * m_hat / (np.sqrt(s_hat) + eps))
    paths["Adam"] = np.array(pts)
    return {name: np.clip(path, -1e3, 1e3) for name, path in paths.items()}


# ---------------------------------------------------------------- 16 attention

ATTENTION_KEYS = np.array([[1.0, 0.2], [0.1, 1.0], [0.8, 0.9], [0.9, 0.7]])
ATTENTION_VALUES = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [0.3, 0.9]])


def attention(q: Array, k: Array, v: Array) -> tuple[Array, Array]:
    """(weights, output) of softmax(QKᵀ/√d)V; each row of the weights sums to 1."""
    q, k, v = (np.asarray(m, dtype=float) for m in (q, k, v))
    weights = softmax(q @ k.T / np.sqrt(k.shape[1]))
    return weights, weights @ v


def attention_queries(angle_deg: float, scale: float) -> Array:
    """Queries for the demo: the keys themselves, then the last row turned to `angle_deg` and stretched by `scale`."""
    q = ATTENTION_KEYS.copy() * scale
    rad = np.radians(angle_deg)
    q[-1] = scale * np.array([np.cos(rad), np.sin(rad)]) * 1.2
    return q
