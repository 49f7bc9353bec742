"""The parser reads everything learners type ("What learners type" in the design notes) into exact SymPy."""
from __future__ import annotations

import pytest
import sympy
from sympy import Abs, E, FiniteSet, ImmutableMatrix, Integer, Max, Min, Rational, cos, exp, log, pi, sin, sqrt

from solver.errors import ParseError
from solver.functions import sigmoid
from solver.limits import MAX_EXP_ARGUMENT
from solver.parser import Parsed, parse, symbol

x, y, a, b, p, q, w = (symbol(n) for n in "xyabpqw")


def val(text: str, variables: str = "x y") -> object:
    return parse(text, variables.split()).value


def err(text: str, variables: str = "x y", **kw) -> ParseError:
    with pytest.raises(ParseError) as info:
        parse(text, variables.split(), **kw)
    return info.value


# -- operators and precedence ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("x^2", x ** 2), ("x**2", x ** 2), ("2^3^2", Integer(512)), ("-x^2", -x ** 2), ("x^1/2", x / 2),
    ("x^-1", 1 / x), ("10^-4", Rational(1, 10000)), ("2^-x^2", 2 ** (-x ** 2)), ("x - y - 1", x - y - 1),
    ("x/y/2", x / y / 2), ("1/2x", x / 2), ("2*-3", Integer(-6)), ("--x", x), ("+x", x), ("(x+1)^2", (x + 1) ** 2),
    ("e^-x/(1+e^-x)^2", exp(-x) / (1 + exp(-x)) ** 2),
])
def test_operators_and_precedence(text, expected):
    assert val(text) == expected


@pytest.mark.parametrize("text, variables, expected", [
    ("2x", "x", 2 * x), ("2 x", "x", 2 * x), ("2(x+1)", "x", 2 * (x + 1)), ("(a+b)(a-b)", "a b", (a + b) * (a - b)),
    ("σ(x)(1-σ(x))", "x", sigmoid(x) * (1 - sigmoid(x))), ("2a(ax+by)", "a b x y", 2 * a * (a * x + b * y)),
    ("2a(ax+by)+2p(px+qy)", "a b x y p q", 2 * a * (a * x + b * y) + 2 * p * (p * x + q * y)),
    ("ycos(xy)", "x y", y * cos(x * y)), ("x^2y", "x y", x ** 2 * y), ("xy", "x y", x * y),
    ("x(y)", "x y", x * y), ("2|x|", "x", 2 * Abs(x)), ("|x|y", "x y", Abs(x) * y), ("x sin x", "x", x * sin(x)),
    ("2e^x", "x", 2 * exp(x)), ("ex", "x", E * x), ("2pi x", "x", 2 * pi * x), ("√2x", "x", sqrt(2) * x),
])
def test_implicit_multiplication(text, variables, expected):
    assert val(text, variables) == expected


def test_declared_longer_name_wins_over_split():
    xy = symbol("xy")
    assert val("xy", "x y xy") == xy
    assert val("xyx", "x y xy") == xy * x


def test_book_chain_rule_answer():
    text = "w/(1+e^(-(wx+b)))*(1-1/(1+e^(-(wx+b))))"
    s = 1 / (1 + exp(-(w * x + b)))
    assert val(text, "w x b") == w * s * (1 - s)


# -- unicode ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("x²", x ** 2), ("x³+y²", x ** 3 + y ** 2), ("2x²", 2 * x ** 2), ("-x²", -x ** 2), ("√2", sqrt(2)),
    ("√(x+1)", sqrt(x + 1)), ("√x^2", Abs(x)), ("π", pi), ("σ(x)", sigmoid(x)), ("x − y", x - y), ("x × y", x * y),
    ("x · y", x * y), ("x ⋅ y", x * y), ("|x|", Abs(x)), ("|x - |y||", Abs(x - Abs(y))), ("（x＋1）", x + 1),
    ("x₁", None), ("6 ÷ 3", Integer(2)),
])
def test_unicode(text, expected):
    if expected is None:  # subscript digits need a declared name
        assert val(text, "x_1") == symbol("x1")
    else:
        assert val(text) == expected


def test_full_width_comma_vector():
    assert val("（1，2）") == ImmutableMatrix([1, 2])


# -- constants, functions ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("e", E), ("pi", pi), ("e^x", exp(x)), ("exp(x)", exp(x)), ("log(x)", log(x)), ("ln(x)", log(x)),
    ("log_2(8)", Integer(3)), ("sqrt(x)", sqrt(x)), ("sin(x)", sin(x)), ("tan(x)", sympy.tan(x)),
    ("sinh(x)+cosh(x)+tanh(x)", sympy.sinh(x) + sympy.cosh(x) + sympy.tanh(x)), ("abs(x)", Abs(x)),
    ("max(x, y)", Max(x, y)), ("min(x, 1, y)", Min(x, 1, y)), ("sigma(x)", sigmoid(x)), ("sigmoid(x)", sigmoid(x)),
    ("relu(x)", Max(0, x)), ("sin x", sin(x)), ("sin 2x", sin(2 * x)), ("sin x cos x", sin(x) * cos(x)),
    ("sin^2(x) + cos²x", sin(x) ** 2 + cos(x) ** 2), ("ln x + 1", log(x) + 1), ("sqrt(x^2)", Abs(x)),
    ("factorial(5)", Integer(120)), ("5!", Integer(120)), ("cos(pi)", Integer(-1)),
])
def test_constants_and_functions(text, expected):
    assert val(text) == expected


def test_sigmoid_function():
    s = sigmoid(x)
    assert sympy.diff(s, x) == s * (1 - s)
    assert s.rewrite(exp) == 1 / (1 + exp(-x))
    assert sigmoid(0) == Rational(1, 2)
    assert abs(float(sigmoid(2).evalf()) - 0.8807970779778823) < 1e-12
    assert sympy.latex(s) == r"\sigma\left(x\right)"
    assert sympy.simplify((s * (1 - s)).rewrite(exp) - exp(-x) / (1 + exp(-x)) ** 2) == 0
    f = sympy.lambdify(x, s, "numpy")
    assert abs(f(0.0) - 0.5) < 1e-15


def test_declared_sigma_is_a_variable():
    sig = symbol("sigma")
    assert val("σ(x)", "σ x") == sig * x
    assert val("sigma(x)", "sigma x") == sig * x


# -- names: subscripts, greek ----------------------------------------------------------------------------------

def test_subscripts():
    w1, x12 = symbol("w1"), symbol("x12")
    assert val("w_1 x_{12}", "w_1 x_12") == w1 * x12
    assert val("w_1x_{12}", "w1 x12") == w1 * x12
    assert val("w₁", "w_1") == w1
    assert symbol("w_1") == symbol("w1") and symbol("x_{12}") == x12


@pytest.mark.parametrize("name", ["alpha", "beta", "gamma", "delta", "eta", "theta", "lambda", "mu", "epsilon",
                                  "omega"])
def test_greek_names(name):
    sym = symbol(name)
    assert val(name, name) == sym
    greek = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "eta": "η", "theta": "θ", "lambda": "λ",
             "mu": "μ", "epsilon": "ε", "omega": "ω"}[name]
    assert val(greek, name) == sym          # typed as the letter, declared in ASCII
    assert val(name, greek) == sym          # and the other way round
    assert sympy.latex(sym) == "\\" + name


def test_greek_juxtaposed():
    eta, delta = symbol("eta"), symbol("delta")
    assert val("ηδx", "η δ x") == eta * delta * x
    assert val("w - ηδ", "w eta delta") == w - eta * delta


def test_symbols_are_real():
    assert val("sqrt(x^2)") == Abs(x)
    assert x.is_real


# -- numbers ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("3.6", Rational(18, 5)), (".5", Rational(1, 2)), ("0.1", Rational(1, 10)), ("1e-4", Rational(1, 10000)),
    ("2.5E3", Integer(2500)), ("50%", Rational(1, 2)), ("12.5%", Rational(1, 8)), ("10^-4", Rational(1, 10000)),
    ("3/4", Rational(3, 4)), ("0.5x^2", x ** 2 / 2), ("3.14159x", Rational(314159, 100000) * x), ("1e3x", 1000 * x),
    ("2e", 2 * E), ("2e-x", 2 * E - x),
])
def test_numbers_are_exact(text, expected):
    assert val(text) == expected


# -- vectors, matrices, sets, ± ----------------------------------------------------------------------------------

def test_vectors():
    v = ImmutableMatrix([Rational(18, 5), Rational(34, 5), Rational(-7, 2)])
    for text in ("(3.6, 6.8, -3.5)", "[3.6, 6.8, -3.5]", "3.6, 6.8, -3.5"):
        parsed = parse(text)
        assert parsed.value == v and parsed.shape == ("vector", 3)
    assert parse("(x, 2y)", ["x", "y"]).value == ImmutableMatrix([x, 2 * y])


def test_matrices():
    parsed = parse("[[4,56],[1,24]]")
    assert parsed.value == ImmutableMatrix([[4, 56], [1, 24]]) and parsed.shape == ("matrix", 2, 2)
    assert parse("[[1, 2, 3]]").shape == ("matrix", 1, 3)
    assert parse("[1, 2; 3, 4]").value == ImmutableMatrix([[1, 2], [3, 4]])
    assert parse("[(1, 2), (3, 4)]").value == ImmutableMatrix([[1, 2], [3, 4]])
    assert parse("[[1,2],[3,4]]*[[0,1],[1,0]]").value == ImmutableMatrix([[2, 1], [4, 3]])
    assert parse("2[[1,2],[3,4]]").value == ImmutableMatrix([[2, 4], [6, 8]])


def test_ragged_matrix():
    e = err("[[1,2],[3]]")
    assert e.code == "ragged_matrix" and "row 2" in e.message("en")
    assert err("[[1,2],[3,4,5]]").code == "ragged_matrix"


def test_sets_and_plus_minus():
    assert parse("{1, 2, 2}").value == FiniteSet(1, 2)
    assert parse("{1, 2}").shape == ("set", 2)
    parsed = parse("±a", ["a"])
    assert parsed.value == FiniteSet(a, -a) and parsed.shape == ("set", 2)
    assert parse("1 ± 2").value == FiniteSet(3, -1)
    assert parse("(-b ± sqrt(b^2 - 4a))/2", ["a", "b"]).value == FiniteSet(
        (-b + sqrt(b ** 2 - 4 * a)) / 2, (-b - sqrt(b ** 2 - 4 * a)) / 2)
    assert parse("±√2").value == FiniteSet(sqrt(2), -sqrt(2))
    assert parse("±0").value == FiniteSet(0)
    assert parse("{±1, 3}").value == FiniteSet(1, -1, 3)
    assert parse("{}").shape == ("set", 0)


# -- LaTeX ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, latex", [
    ("x^1/2", r"\frac{x^{1}}{2}"), ("3.6", "3.6"), ("σ(x)", r"\sigma\left(x\right)"), ("2x", "2 x"),
    ("x_1", "x_{1}"), ("1/2x", r"\frac{1}{2} x"), ("(1, 2)", r"\begin{pmatrix} 1 \\ 2 \end{pmatrix}"),
    ("√(x+1)", r"\sqrt{x + 1}"), ("|x|", r"\left|x\right|"), ("e^(-x)", "e^{-x}"), ("50%", r"50\%"),
    ("±2", r"\pm 2"), ("2*3", r"2 \cdot 3"), ("η", r"\eta"), ("[[1,2],[3,4]]", r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}"),
])
def test_latex_shows_the_reading(text, latex):
    assert parse(text, ["x", "x_1", "η"]).latex == latex


def test_parsed_type():
    parsed = parse("x+1", ["x"])
    assert isinstance(parsed, Parsed) and parsed.shape == ("scalar",)


# -- errors -------------------------------------------------------------------------------------------------------

def test_unknown_name_lists_variables():
    e = err("z + x", "x y")
    assert e.code == "unknown_name" and e.column == 1
    assert e.message("en") == "unknown name z at column 1 — the variables here are x, y, e.g. 3x^2 + y"
    assert "z" in e.message("zh") and "x, y" in e.message("zh")
    assert "no variables" in err("x", "").message("en")
    assert err("x_1", "x").params["name"] == "x_1"


def test_unknown_function_and_arguments():
    assert err("f(x)").code == "unknown_function"
    assert err("dot(x, y)").code == "unknown_function"  # template-only function
    e = err("sin")
    assert e.code == "needs_argument" and e.message("en").startswith("sin needs an argument")
    assert err("sin + 1").code == "needs_argument"
    assert err("sqrt(1, 2)").code == "wrong_arg_count"
    assert err("max()").code == "needs_argument"


@pytest.mark.parametrize("text, code, column", [
    ("", "empty", None), ("   ", "empty", None), ("(x+1", "unmatched_open", 1), ("x+(y", "unmatched_open", 3),
    ("x+1)", "unmatched_close", 4), ("(x]", "unmatched_open", 1), ("2 +* 3", "unexpected_token", 4),
    ("x +", "unexpected_end", 4), ("2 3", "unexpected_number", 3), ("x.y", "unexpected_char", 2),
    ("x = 1", "comparison_not_allowed", 3), ("1/0", "division_by_zero", 2), ("log(0)", "undefined", 1), ("()", "unexpected_token", 2),
    ("x $ y", "latex_dollar", 3), ("2x,", "unexpected_end", 4), ("(1; 2)", "row_separator", 3),
    ("{1 ;2}", "row_separator", 4), ("1;2", "row_separator", 2),
])
def test_error_codes_and_columns(text, code, column):
    e = err(text)
    assert e.code == code
    assert e.column == column


def test_error_messages_both_languages():
    e = err("(x+1")
    assert e.message("en").startswith("unmatched ( at column 1 — close it, e.g. (x+1)^2")
    assert "第 1 列" in e.message("zh")
    assert err("x+1)").message("en").startswith("unexpected ')' at column 4")
    assert err("2x +").message("en").startswith("unexpected end of input")
    semicolon = err("(1;2)")   # a vector written the European way: say where ';' belongs, not "something is missing"
    assert semicolon.message("en").startswith("';' at column 3 separates the rows of a matrix, inside square brackets")
    assert "(1, 2)" in semicolon.message("en") and "第 3 列" in semicolon.message("zh") and "逗号" in semicolon.message("zh")
    assert parse("[1, 2; 3, 4]").value.shape == (2, 2)   # where it belongs, it still separates rows
    for code in ("not_vector", "not_matrix", "not_set", "not_number"):
        made = ParseError(code)
        assert made.message("en") and made.message("zh") and made.message("en") != made.message("zh")
    assert ParseError("not_vector").message("en") == "expected a vector like (1, 2)"
    assert ParseError("not_set").message("en") == "expected a set like {1, 2}"


def test_shape_errors_in_answers():
    assert err("(1, 2) + 3").code == "shape"
    inner = err("(1,2)*(3,4)")   # an inner product typed as the question writes it: the learner's to work out
    assert inner.code == "inner_product_typed" and inner.column == 6
    assert inner.message("en").startswith("the inner product at column 6 is yours to work out")
    assert "dot" not in inner.message("en")   # dot(a, b) is an exercise file's function, not an answer's
    assert err("(1,2)(3,4)").code == err(r"(1,2) \cdot (3,4)").code == "inner_product_typed"
    length = err("|(1, 2)|")   # the length of a vector typed as the question writes it
    assert length.code == "vector_length_typed" and "is yours to work out" in length.message("en")
    assert "需要你自己算出" in length.message("zh") and err("||(1, 2)||").code == "vector_length_typed"
    assert val("|-3|") == 3   # a number's absolute value is still read
    authors = err("(1,2)*(3,4)", mode="template")
    assert authors.code == "shape" and "dot(a, b)" in authors.message("en")
    assert err("[[1,2],[3,4]] + (1, 2)").code == "shape"
    assert err("((1, 2), 3)").code == "ragged_matrix"


def test_invalid_variable_declaration():
    with pytest.raises(ParseError):
        parse("x", ["2x"])


def test_error_is_picklable():
    import pickle
    e = err("(x+1")
    again = pickle.loads(pickle.dumps(e))
    assert again.code == e.code and again.column == e.column and again.message("zh") == e.message("zh")


# -- round trip: random expression trees written as text read back to the same SymPy value --------------------

from hypothesis import assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ATOMS = st.one_of(
    st.integers(0, 12).map(lambda n: (str(n), Integer(n))),
    st.sampled_from([("x", x), ("y", y), ("pi", pi), ("e", E), ("0.5", Rational(1, 2)), ("2.25", Rational(9, 4))]),
)


def _combine(children):
    binary = st.tuples(children, st.sampled_from(["+", "-", "*", "·", "/", ""]), children).filter(
        lambda parts: not (parts[1] == "/" and parts[2][1] == 0))
    powers = st.tuples(children, st.sampled_from(["^", "**"]), st.integers(0, 4)).filter(
        lambda parts: not (parts[0][1] == 0 and parts[2] == 0))
    unary = st.tuples(st.sampled_from(["sin", "exp", "sqrt", "σ", "-", "abs"]), children)

    def build_binary(parts):
        (lt, lv), op, (rt, rv) = parts
        if op == "/":
            return f"({lt})/({rt})", lv / rv
        if op == "":  # implicit multiplication of parenthesised factors
            return f"({lt})({rt})", lv * rv
        value = {"+": lv + rv, "-": lv - rv, "*": lv * rv, "·": lv * rv}[op]
        return f"({lt}) {op} ({rt})", value

    def build_power(parts):
        (bt, bv), op, n = parts
        return f"({bt}){op}{n}", bv ** n

    def build_unary(parts):
        fn, (t, v) = parts
        if fn == "-":
            return f"-({t})", -v
        impl = {"sin": sin, "exp": exp, "sqrt": sqrt, "σ": sigmoid, "abs": Abs}[fn]
        return f"{fn}({t})", impl(v)

    return st.one_of(binary.map(build_binary), powers.map(build_power), unary.map(build_unary))


_EXPRESSIONS = st.recursive(_ATOMS, _combine, max_leaves=8)


@settings(max_examples=200, deadline=None)
@given(_EXPRESSIONS)
def test_round_trip_random_expressions(pair):
    text, value = pair
    assume(not value.has(sympy.zoo, sympy.nan))
    # exp of a constant beyond e^MAX_EXP_ARGUMENT is refused by design (solver.limits), e.g. exp(7^4)
    assume(all(not a.args[0].is_number or abs(a.args[0]) <= MAX_EXP_ARGUMENT for a in value.atoms(exp)))
    try:
        parsed = parse(text, ["x", "y"])
    except ParseError as err:
        # a part too large on the way is refused by design even when the whole is small, e.g. (exp(7^4))^0 = 1
        # or (exp(6^4))^1 (solver.limits; tested in test_magnitude_limits.py): not what this property is about
        assume(err.code != "too_big")
        raise
    assert parsed.value == value
