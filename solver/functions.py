"""The functions a learner may use in an answer, and the sigmoid as a proper SymPy function."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

import sympy
from sympy import Abs, Function, ImmutableMatrix, Max, Min, Rational, S, exp, log, sqrt

from .errors import ParseError
from .limits import check_exponential, check_factorial


class sigmoid(Function):
    """σ(x) = 1/(1 + e^(−x)). Prints as \\sigma(x); σ' = σ(1 − σ); rewrite(exp) gives the closed form."""

    @classmethod
    def eval(cls, x):
        if x is S.Zero:
            return Rational(1, 2)
        if x is S.Infinity:
            return S.One
        if x is S.NegativeInfinity:
            return S.Zero
        return None

    def fdiff(self, argindex=1):
        return self * (1 - self)

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return 1 / (1 + exp(-x))

    _eval_rewrite_as_tractable = _eval_rewrite_as_exp

    def _eval_evalf(self, prec):
        return (1 / (1 + exp(-self.args[0])))._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_positive(self):
        if self.args[0].is_real:
            return True
        return None

    def _eval_is_finite(self):
        if self.args[0].is_real:
            return True
        return None

    def _latex(self, printer, exp=None):
        arg = printer._print(self.args[0])
        base = r"\sigma\left(%s\right)" % arg
        return base if exp is None else r"%s^{%s}" % (base, exp)

    def _sympystr(self, printer):
        return "sigma(%s)" % printer._print(self.args[0])


def _np_sigmoid(x):
    import numpy
    return 1.0 / (1.0 + numpy.exp(-x))


sigmoid._imp_ = staticmethod(_np_sigmoid)  # lets lambdify(..., "numpy") evaluate σ


def relu(x: Any) -> Any:
    """ReLU(x) = max(0, x)."""
    return Max(S.Zero, x)


def factorial(n: Any) -> Any:
    """n!, refused for n above the factorial limit."""
    check_factorial(n, None)
    return sympy.factorial(n)


@dataclass(frozen=True)
class FunctionSpec:
    """A callable available to the parser: its arity, its SymPy implementation and its LaTeX name.

    `elementwise`: applied entry by entry to vectors and matrices. `max_args=None`: variadic.
    """
    name: str
    impl: Callable[..., Any]
    min_args: int = 1
    max_args: int | None = 1
    latex: str | None = None
    elementwise: bool = False
    matrix_args: bool = False  # receives vectors/matrices as they are

    def call(self, args: list[Any]) -> Any:
        """Apply to already-parsed argument values (arity checked by the caller)."""
        if self.elementwise and len(args) == 1 and isinstance(args[0], ImmutableMatrix):
            return args[0].applyfunc(self.impl)
        if not self.matrix_args and any(isinstance(a, ImmutableMatrix) for a in args):
            raise ParseError("shape", None, {
                "en": f"{self.name} works on numbers and expressions, not on vectors or matrices",
                "zh": f"{self.name} 只作用于数和表达式，不能作用于向量或矩阵"})
        return self.impl(*args)


def exp_of(arg: Any) -> Any:
    """exp(arg), refused when a constant ``arg`` makes it astronomically large (see ``check_exponential``).

    A symbolic argument without log, I or π is left as it is: SymPy's evaluation could only give exp(arg)
    back, after assumption queries (``arg.is_zero``) that cost milliseconds on sums."""
    check_exponential(arg, None)
    if isinstance(arg, sympy.Expr) and not arg.is_number and not arg.has(log, S.ImaginaryUnit, S.Pi):
        return exp(arg, evaluate=False)
    return exp(arg)


def _sinh(x: Any) -> Any:
    check_exponential(x, None, symmetric=True)
    return sympy.sinh(x)


def _cosh(x: Any) -> Any:
    check_exponential(x, None, symmetric=True)
    return sympy.cosh(x)


def _sech(x: Any) -> Any:
    check_exponential(x, None, symmetric=True)
    return sympy.sech(x)


def _csch(x: Any) -> Any:
    check_exponential(x, None, symmetric=True)
    return sympy.csch(x)


def root(x: Any, n: Any) -> Any:
    """The n-th root: real for a real x and odd n (∛−8 = −2), else x^(1/n) (principal)."""
    if isinstance(n, sympy.Integer) and n > 0 and n % 2 == 1:
        return sympy.real_root(x, n)
    if isinstance(n, sympy.Integer) and n == 0:
        raise ValueError("0th root")
    return sympy.root(x, n)


def _log(x: Any, base: Any = None) -> Any:
    return log(x) if base is None else log(x, base)


def _spec(name: str, impl: Callable[..., Any], latex: str, *, lo: int = 1, hi: int | None = 1,
          elementwise: bool = False) -> FunctionSpec:
    return FunctionSpec(name, impl, lo, hi, latex, elementwise)


_TABLE = [
    _spec("exp", exp_of, r"\exp", elementwise=True),
    _spec("log", _log, r"\log", hi=2, elementwise=True),
    _spec("ln", log, r"\ln", elementwise=True),
    _spec("sqrt", sqrt, r"\sqrt", elementwise=True),
    _spec("root", root, r"\sqrt", lo=2, hi=2),
    _spec("sin", sympy.sin, r"\sin"),
    _spec("cos", sympy.cos, r"\cos"),
    _spec("tan", sympy.tan, r"\tan"),
    _spec("sec", sympy.sec, r"\sec"),
    _spec("csc", sympy.csc, r"\csc"),
    _spec("cot", sympy.cot, r"\cot"),
    _spec("arcsin", sympy.asin, r"\arcsin"),
    _spec("arccos", sympy.acos, r"\arccos"),
    _spec("arctan", sympy.atan, r"\arctan"),
    _spec("sinh", _sinh, r"\sinh"),
    _spec("cosh", _cosh, r"\cosh"),
    _spec("tanh", sympy.tanh, r"\tanh", elementwise=True),
    _spec("sech", _sech, r"\operatorname{sech}"),
    _spec("csch", _csch, r"\operatorname{csch}"),
    _spec("coth", sympy.coth, r"\coth"),
    _spec("arsinh", sympy.asinh, r"\operatorname{arsinh}"),
    _spec("arcosh", sympy.acosh, r"\operatorname{arcosh}"),
    _spec("artanh", sympy.atanh, r"\operatorname{artanh}"),
    _spec("abs", Abs, "abs", elementwise=True),
    _spec("max", Max, r"\max", hi=None),
    _spec("min", Min, r"\min", hi=None),
    _spec("sigmoid", sigmoid, r"\sigma", elementwise=True),
    _spec("relu", relu, r"\operatorname{ReLU}", elementwise=True),
    _spec("factorial", factorial, "factorial"),
]

SPELLINGS: dict[str, tuple[str, ...]] = {
    "sigmoid": ("sigma", "σ"), "relu": ("ReLU",), "csc": ("cosec",), "csch": ("cosech",),
    "arcsin": ("asin",), "arccos": ("acos",), "arctan": ("atan",),
    "arsinh": ("arcsinh", "asinh"), "arcosh": ("arccosh", "acosh"), "artanh": ("arctanh", "atanh"),
}
"""Other names of a function (the same function under each; messages name it as typed)."""

INVERSES: dict[str, str] = {"sin": "arcsin", "cos": "arccos", "tan": "arctan", "sinh": "arsinh",
                            "cosh": "arcosh", "tanh": "artanh"}
"""The inverse function of a function, by name: what ``sin^-1`` might mean (it is refused as ambiguous)."""



def _by_name(table: list[FunctionSpec]) -> dict[str, FunctionSpec]:
    """Each spec under its name and its other spellings."""
    out: dict[str, FunctionSpec] = {}
    for spec in table:
        out[spec.name] = spec
        out.update({alias: replace(spec, name=alias) for alias in SPELLINGS.get(spec.name, ())})
    return out


ANSWER_FUNCTIONS: dict[str, FunctionSpec] = _by_name(_TABLE)


def spellings(name: str) -> tuple[str, ...]:
    """Every name of the answer function called ``name`` (``atan`` → arctan, atan), or ``(name,)``."""
    spec = ANSWER_FUNCTIONS.get(name)
    if spec is None:
        return (name,)
    return tuple(other for other, s in ANSWER_FUNCTIONS.items() if s.impl is spec.impl)
