"""Fuzzing: any text either parses or raises ParseError — never another exception."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import ImmutableMatrix

from solver.errors import ParseError
from solver.parser import Parsed, parse

TOKENS = [
    "x", "y", "a", "b", "w_1", "η", "σ", "e", "pi", "π", "0", "1", "2", "3.6", ".5", "1e-4", "10", "99", "0.0",
    "+", "-", "*", "/", "^", "**", "(", ")", "[", "]", "{", "}", ",", "|", "%", "!", "±", "√", "²", "³", "−", "×",
    "·", " ", "sin", "cos", "exp", "log", "ln", "sqrt", "abs", "max", "min", "sigma", "relu", "tanh", "factorial",
    "dot", "T", "det", "diff", "sum", "round", "==", "<", ">=", "and", "or", "not", "=", "_", "{12}", "log_2",
    "（", "）", "，", "\x00", "\u202e", "'", '"', ".", ";", "⁻", "ᵀ", "⊙", "A", "v", "k",
]
VARIABLES = ["x", "y", "a", "b", "w_1", "η", "k"]
NAMES = {"A": ImmutableMatrix([[1, 2], [3, 4]]), "v": ImmutableMatrix([1, -2])}


def _check(text: str, mode: str) -> None:
    try:
        result = parse(text, VARIABLES, mode=mode, names=NAMES if mode == "template" else None)
    except ParseError as e:
        assert e.code and e.message("en") and e.message("zh")
    else:
        assert isinstance(result, Parsed) and isinstance(result.latex, str)
        assert result.shape[0] in ("scalar", "vector", "matrix", "set", "bool")


def test_random_token_strings():
    rng = random.Random(20240607)
    for i in range(10_000):
        joiner = " " if i % 4 == 0 else ""
        text = joiner.join(rng.choice(TOKENS) for _ in range(rng.randint(1, 12)))
        _check(text, "answer" if i % 3 else "template")


def _random_expression(rng: random.Random, depth: int) -> str:
    """A mostly well-formed expression, to reach SymPy with odd but readable input."""
    if depth <= 0 or rng.random() < 0.25:
        return rng.choice(["x", "y", "a", "2", "0", "-1", "3.6", "1e-4", "pi", "e", "η", "w_1", "50%", "1/2"])
    kind = rng.randrange(7)
    left, right = _random_expression(rng, depth - 1), _random_expression(rng, depth - 1)
    if kind == 0:
        return f"{left}{rng.choice(['+', '-', '*', '/', '^', ' ± '])}{right}"
    if kind == 1:
        return f"({left}){rng.choice(['', '^', '/'])}({right})"
    if kind == 2:
        return f"{rng.choice(['sin', 'exp', 'log', 'sqrt', 'σ', 'relu', 'abs', 'tanh', '√', '-'])}({left})"
    if kind == 3:
        return f"{rng.choice(['max', 'min', 'log'])}({left}, {right})"
    if kind == 4:
        return f"|{left}|{rng.choice(['', '²', '!', '%'])}"
    if kind == 5:
        return rng.choice(["({}, {})", "[{}, {}]", "{{{}, {}}}", "[[{}, 1], [2, {}]]"]).format(left, right)
    return f"{left}{right}"


def test_random_expressions():
    rng = random.Random(99)
    for _ in range(1_500):
        _check(_random_expression(rng, rng.randint(1, 5)), "answer")


def test_random_characters():
    rng = random.Random(7)
    alphabet = "xyab0123456789.+-*/^()[]{},|%! eπσ√²±−×·_ \t\n" + "".join(chr(c) for c in range(0x20, 0x7f))
    for _ in range(3_000):
        _check("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20))), "answer")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_unicode_text(text):
    _check(text, "answer")
