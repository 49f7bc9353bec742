"""Functions available in exercise-file (template) expressions, implemented exactly with SymPy.

Indices are 1-based (`at`, `argmax`). Shape mistakes raise ParseError("shape") with a bilingual message;
sizes stay within solver.limits.
"""
from __future__ import annotations

from typing import Any, Callable

import sympy
from sympy import Basic, ImmutableMatrix, Integer, Max, Min, Rational, S, Symbol, exp, log, sqrt

from .arith import hadamard as _hadamard
from .arith import is_logical, shape_error, shape_text, to_bool
from .errors import ParseError
from .functions import FunctionSpec
from .limits import (MAX_DIFF_ORDER, MAX_MATRIX_ENTRIES, MAX_SQUARE, MAX_SUM_TERMS, MAX_SYMBOLIC_SQUARE,
                     check_factorial)

# -- argument checks ---------------------------------------------------------------------------------


def _matrix(value: Any, fname: str) -> ImmutableMatrix:
    if not isinstance(value, ImmutableMatrix):
        en, zh = shape_text(value)
        raise shape_error(f"{fname} needs a vector or matrix, not {en}", f"{fname} 需要向量或矩阵，而不是{zh}")
    return value


def _vector(value: Any, fname: str) -> list[Any]:
    """Entries of a column or row vector."""
    m = _matrix(value, fname)
    if 1 not in m.shape:
        raise shape_error(f"{fname} needs a vector, not a {m.rows}×{m.cols} matrix",
                          f"{fname} 需要向量，而不是 {m.rows}×{m.cols} 矩阵")
    return list(m)


def _scalar(value: Any, fname: str) -> Basic:
    if isinstance(value, ImmutableMatrix) or not isinstance(value, Basic) or is_logical(value):
        en, zh = shape_text(value)
        raise shape_error(f"{fname} needs a number or expression here, not {en}",
                          f"{fname} 这里需要数或表达式，而不是{zh}")
    return value


def _int(value: Any, fname: str, lo: int, hi: int) -> int:
    value = _scalar(value, fname)
    if not isinstance(value, Integer) or not lo <= int(value) <= hi:
        raise shape_error(f"{fname} needs a whole number from {lo} to {hi} here",
                          f"{fname} 这里需要 {lo} 到 {hi} 之间的整数")
    return int(value)


def _symbol(value: Any, fname: str) -> Symbol:
    if not isinstance(value, Symbol):
        raise shape_error(f"{fname} needs a variable here (declare it in `symbols`)",
                          f"{fname} 这里需要一个变量（在 `symbols` 中声明）")
    return value


def _same_length(a: list[Any], b: list[Any], fname: str) -> None:
    if len(a) != len(b):
        raise shape_error(f"{fname} needs two vectors of the same length, got {len(a)} and {len(b)}",
                          f"{fname} 需要两个等长的向量，得到的长度是 {len(a)} 和 {len(b)}")


def _greater(a: Basic, b: Basic) -> bool:
    """a > b for real numbers, decided exactly."""
    rel = sympy.Gt(a, b)
    if rel in (sympy.true, sympy.false):
        return bool(rel)
    raise ParseError("undecidable", None, {"what": f"{a} > {b}"})


# -- vectors and matrices ----------------------------------------------------------------------------


def dot(a: Any, b: Any) -> Basic:
    """Inner product Σ aᵢbᵢ."""
    xs, ys = _vector(a, "dot"), _vector(b, "dot")
    _same_length(xs, ys, "dot")
    return sympy.Add(*[x * y for x, y in zip(xs, ys)])


def norm(a: Any) -> Basic:
    """Euclidean length √(Σ aᵢ²)."""
    return sqrt(sympy.Add(*[x ** 2 for x in _vector(a, "norm")]))


def transpose(a: Any) -> ImmutableMatrix:
    """Aᵀ."""
    return ImmutableMatrix(_matrix(a, "T").T)


def hadamard(a: Any, b: Any) -> ImmutableMatrix:
    """Entrywise product A ⊙ B of equal shapes."""
    return _hadamard(_matrix(a, "hadamard"), _matrix(b, "hadamard"))


def _square(a: Any, fname: str) -> ImmutableMatrix:
    m = _matrix(a, fname)
    if m.rows != m.cols:
        raise shape_error(f"{fname} needs a square matrix, not {m.rows}×{m.cols}",
                          f"{fname} 需要方阵，而不是 {m.rows}×{m.cols}")
    if m.rows > MAX_SQUARE:
        raise ParseError("too_big", None, {"what": {"en": f"{fname} of a matrix larger than {MAX_SQUARE}×{MAX_SQUARE}",
                                                    "zh": f"大于 {MAX_SQUARE}×{MAX_SQUARE} 的矩阵的 {fname}"},
                                           "hint": "exercise_matrix"})
    if m.rows > MAX_SYMBOLIC_SQUARE and not all(isinstance(v, Rational) for v in m):
        n = MAX_SYMBOLIC_SQUARE
        raise ParseError("too_big", None, {"what": {
            "en": f"{fname} of a matrix with variables or irrational entries: {m.rows}×{m.rows}, at most {n}×{n}",
            "zh": f"含变量或无理数元素的 {m.rows}×{m.rows} 矩阵的 {fname}；最多 {n}×{n}"}, "hint": "exercise_matrix"})
    return m


def det(a: Any) -> Basic:
    """Determinant of a square matrix."""
    return _square(a, "det").det()


def inv(a: Any) -> ImmutableMatrix:
    """Inverse of a square matrix (refused when singular)."""
    m = _square(a, "inv")
    if sympy.simplify(m.det()) == 0:
        raise shape_error("this matrix has no inverse (its determinant is 0)", "该矩阵不可逆（行列式为 0）")
    return ImmutableMatrix(m.inv())


def at(a: Any, i: Any, j: Any = None) -> Basic:
    """1-based entry: at(v, i) of a vector, at(A, i, j) of a matrix."""
    m = _matrix(a, "at")
    if j is None:
        entries = _vector(m, "at")
        return entries[_int(i, "at", 1, len(entries)) - 1]
    return m[_int(i, "at", 1, m.rows) - 1, _int(j, "at", 1, m.cols) - 1]


def total(a: Any) -> Basic:
    """Sum of all entries."""
    return sympy.Add(*list(_matrix(a, "total")))


def argmax(a: Any) -> Integer:
    """1-based position of the largest entry (the first one on ties)."""
    entries = _vector(a, "argmax")
    best = 0
    for k in range(1, len(entries)):
        if _greater(entries[k], entries[best]):
            best = k
    return Integer(best + 1)


def softmax(a: Any) -> ImmutableMatrix:
    """exp(vᵢ) / Σ exp(vⱼ), same shape as v."""
    m = _matrix(a, "softmax")
    _vector(m, "softmax")
    exps = [exp(x) for x in m]
    denominator = sympy.Add(*exps)
    return ImmutableMatrix(m.rows, m.cols, [x / denominator for x in exps])


def conv2d(x: Any, k: Any) -> ImmutableMatrix:
    """Valid cross-correlation with stride 1 (as in CNNs)."""
    X, K = _matrix(x, "conv2d"), _matrix(k, "conv2d")
    rows, cols = X.rows - K.rows + 1, X.cols - K.cols + 1
    if rows < 1 or cols < 1:
        raise shape_error(f"conv2d: the {K.rows}×{K.cols} kernel is larger than the {X.rows}×{X.cols} input",
                          f"conv2d：{K.rows}×{K.cols} 的卷积核比 {X.rows}×{X.cols} 的输入大")
    return ImmutableMatrix(rows, cols, lambda i, j: sympy.Add(
        *[X[i + p, j + q] * K[p, q] for p in range(K.rows) for q in range(K.cols)]))


def _pool(x: Any, k: Any, fname: str, reduce: Callable[[list[Basic]], Basic]) -> ImmutableMatrix:
    X = _matrix(x, fname)
    size = _int(k, fname, 1, max(1, min(X.rows, X.cols)))
    rows, cols = X.rows // size, X.cols // size
    return ImmutableMatrix(rows, cols, lambda i, j: reduce(
        [X[i * size + p, j * size + q] for p in range(size) for q in range(size)]))


def maxpool(x: Any, k: Any) -> ImmutableMatrix:
    """k×k max pooling with stride k (a leftover edge is dropped)."""
    return _pool(x, k, "maxpool", lambda vals: Max(*vals))


def avgpool(x: Any, k: Any) -> ImmutableMatrix:
    """k×k average pooling with stride k (a leftover edge is dropped)."""
    return _pool(x, k, "avgpool", lambda vals: sympy.Add(*vals) / len(vals))


def outer(a: Any, b: Any) -> ImmutableMatrix:
    """Outer product a bᵀ."""
    xs, ys = _vector(a, "outer"), _vector(b, "outer")
    if len(xs) * len(ys) > MAX_MATRIX_ENTRIES:
        raise ParseError("too_big", None, {"what": {"en": "this matrix", "zh": "这个矩阵"}, "hint": "exercise_matrix"})
    return ImmutableMatrix(len(xs), len(ys), lambda i, j: xs[i] * ys[j])


# -- calculus and algebra ----------------------------------------------------------------------------


def _each(value: Any, fn: Callable[[Basic], Basic]) -> Any:
    return value.applyfunc(fn) if isinstance(value, ImmutableMatrix) else fn(_scalar(value, "function"))


def diff(f: Any, x: Any, n: Any = Integer(1)) -> Any:
    """d^n f / dx^n (entrywise for matrices)."""
    var = _symbol(x, "diff")
    order = _int(n, "diff", 0, MAX_DIFF_ORDER)
    return _each(f, lambda e: sympy.diff(e, var, order))


def subs(f: Any, *pairs: Any) -> Any:
    """subs(f, x, v) or subs(f, x, v, y, w): substitute simultaneously."""
    if len(pairs) % 2:
        raise ParseError("wrong_arg_count", None, {"name": "subs", "expected": "1 + 2k", "got": 1 + len(pairs)})
    mapping = {}
    for k in range(0, len(pairs), 2):
        mapping[_symbol(pairs[k], "subs")] = _scalar(pairs[k + 1], "subs")
    return _each(f, lambda e: e.subs(mapping, simultaneous=True))


def summation(expr: Any, k: Any, lo: Any, hi: Any) -> Any:
    """Σ_{k=lo}^{hi} expr; numeric bounds are added term by term (at most MAX_SUM_TERMS terms)."""
    var = _symbol(k, "sum")
    lo, hi = _scalar(lo, "sum"), _scalar(hi, "sum")
    if isinstance(lo, Integer) and isinstance(hi, Integer):
        count = int(hi) - int(lo) + 1
        if count > MAX_SUM_TERMS:
            raise ParseError("too_big", None, {"what": {"en": f"a sum of more than {MAX_SUM_TERMS} terms",
                                                        "zh": f"超过 {MAX_SUM_TERMS} 项的求和"}, "hint": "exercise_sum"})
        if count <= 0:
            return S.Zero if not isinstance(expr, ImmutableMatrix) else expr.applyfunc(lambda e: S.Zero)
        terms = [_each(expr, lambda e, i=i: e.xreplace({var: Integer(i)})) for i in range(int(lo), int(hi) + 1)]
        if isinstance(expr, ImmutableMatrix):
            result = terms[0]
            for term in terms[1:]:
                result = result + term
            return ImmutableMatrix(result)
        return sympy.Add(*terms)
    return _each(expr, lambda e: sympy.summation(e, (var, lo, hi)))


def cond(c: Any, a: Any, b: Any) -> Any:
    """a if c else b."""
    return a if to_bool(c) else b


# -- numbers -----------------------------------------------------------------------------------------


def _round_one(v: Basic, places: int) -> Basic:
    v = _scalar(v, "round")
    if not v.is_number or v.is_real is False:
        raise ParseError("not_number", None)
    scale = Integer(10) ** places
    magnitude = sympy.floor(abs(v) * scale + S.Half)
    sign = -1 if v.is_negative else 1
    return sign * Rational(int(magnitude), int(scale))


def round_to(v: Any, n: Any = Integer(0)) -> Any:
    """Round to n decimals exactly, halves away from zero (entrywise for matrices)."""
    places = _int(n, "round", 0, 50)
    return _each(v, lambda e: _round_one(e, places))


def binomial(n: Any, k: Any) -> Basic:
    """n choose k (n at most the factorial limit)."""
    check_factorial(_scalar(n, "binomial"), None)
    return sympy.binomial(n, _scalar(k, "binomial"))


def _xlogy(x: Basic, y: Basic) -> Basic:
    """x·log(y) with 0·log(anything) = 0."""
    if x.is_zero:
        return S.Zero
    if y.is_zero:
        raise ParseError("undefined", None)
    return x * log(y)


def entropy(p: Any) -> Basic:
    """H(p) = −Σ pᵢ log pᵢ (natural log)."""
    return -sympy.Add(*[_xlogy(x, x) for x in _vector(p, "entropy")])


def cross_entropy(p: Any, q: Any) -> Basic:
    """H(p, q) = −Σ pᵢ log qᵢ."""
    xs, ys = _vector(p, "cross_entropy"), _vector(q, "cross_entropy")
    _same_length(xs, ys, "cross_entropy")
    return -sympy.Add(*[_xlogy(x, y) for x, y in zip(xs, ys)])


def kl(p: Any, q: Any) -> Basic:
    """KL(p ‖ q) = Σ pᵢ log(pᵢ/qᵢ)."""
    xs, ys = _vector(p, "kl"), _vector(q, "kl")
    _same_length(xs, ys, "kl")
    total_ = S.Zero
    for x, y in zip(xs, ys):
        if x.is_zero:
            continue
        if y.is_zero:
            raise ParseError("undefined", None)
        total_ += x * log(x / y)
    return total_


def _extreme(fn: Callable[..., Basic]) -> Callable[..., Basic]:
    def apply(*args: Any) -> Basic:
        if len(args) == 1 and isinstance(args[0], ImmutableMatrix):
            return fn(*list(args[0]))
        return fn(*[_scalar(a, fn.__name__.lower()) for a in args])
    return apply


def _spec(name: str, impl: Callable[..., Any], lo: int = 1, hi: int | None = 1, *, latex: str | None = None,
          elementwise: bool = False) -> FunctionSpec:
    return FunctionSpec(name, impl, lo, hi, latex or r"\operatorname{%s}" % name, elementwise,
                        matrix_args=not elementwise)


def _elementwise(fn: Callable[[Basic], Basic]) -> Callable[[Any], Any]:
    return lambda v: _each(v, fn)


TEMPLATE_FUNCTIONS: dict[str, FunctionSpec] = {spec.name: spec for spec in [
    _spec("dot", dot, 2, 2), _spec("norm", norm), _spec("T", transpose), _spec("hadamard", hadamard, 2, 2),
    _spec("det", det, latex=r"\det"), _spec("inv", inv), _spec("at", at, 2, 3), _spec("total", total),
    _spec("argmax", argmax), _spec("softmax", softmax), _spec("conv2d", conv2d, 2, 2),
    _spec("maxpool", maxpool, 2, 2), _spec("avgpool", avgpool, 2, 2), _spec("outer", outer, 2, 2),
    _spec("diff", diff, 2, 3), _spec("subs", subs, 3, None), _spec("sum", summation, 4, 4, latex=r"\sum"),
    _spec("cond", cond, 3, 3), _spec("round", round_to, 1, 2), _spec("binomial", binomial, 2, 2),
    _spec("entropy", entropy, latex="H"), _spec("cross_entropy", cross_entropy, 2, 2),
    _spec("kl", kl, 2, 2, latex=r"D_{\mathrm{KL}}"),
    _spec("max", _extreme(Max), 1, None, latex=r"\max"), _spec("min", _extreme(Min), 1, None, latex=r"\min"),
    _spec("simplify", _elementwise(sympy.simplify)), _spec("expand", _elementwise(sympy.expand)),
    _spec("factor", _elementwise(sympy.factor)), _spec("floor", _elementwise(sympy.floor)),
    _spec("ceil", _elementwise(sympy.ceiling)), _spec("acos", _elementwise(sympy.acos), latex=r"\arccos"),
    _spec("asin", _elementwise(sympy.asin), latex=r"\arcsin"), _spec("atan", _elementwise(sympy.atan),
                                                                     latex=r"\arctan"),
]}
