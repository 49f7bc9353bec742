"""Hostile text: never runs code, never hangs, never crashes — always a ParseError with a clear code."""
from __future__ import annotations

import os
import uuid

import pytest

from solver.errors import ParseError
from solver.limits import MAX_DEPTH, MAX_LENGTH
from solver.parser import parse


def refuse(text: str, variables=("x", "y"), mode: str = "answer") -> ParseError:
    with pytest.raises(ParseError) as info:
        parse(text, variables, mode=mode)
    assert info.value.message("en") and info.value.message("zh")
    return info.value


@pytest.mark.parametrize("mode", ["answer", "template"])
def test_code_injection_runs_nothing(tmp_path, mode):
    target = tmp_path / f"pwned-{uuid.uuid4().hex}"
    texts = [
        f"__import__('os').system('touch {target}')",
        f"__import__(\"os\").system(\"touch {target}\")",
        f"exec(\"open('{target}', 'w')\")",
        f"eval('open(\"{target}\", \"w\")')",
        f"open('{target}', 'w').write('x')",
        "().__class__.__bases__[0].__subclasses__()",
        "x.__class__", "(1).__add__", "getattr(x, 'y')", "lambda x: x", "[x for x in (1, 2)]", "{x: 1}",
        "'abc'", '"abc"', "f'{x}'", "x if y else 1", "import os", "os.system", "x; y", "x @ y", "x := 1",
        "`ls`", "$(touch /tmp/x)", "x\\y", "x # comment", "sympify('x')", "S('x')", "Symbol('x')",
    ]
    for text in texts:
        refuse(text, mode=mode)
    assert not os.path.exists(target)


@pytest.mark.parametrize("text", [
    "9^9^9^9", "10^10^10", "2^(2^(2^(2^(2^2))))", "x^(10^10)", "(x+1)^(10^6)", "x^100000", "(x+y)^(-10^5)",
    "factorial(10^9)", "(10^9)!", "factorial(100000)", "e^(10^10)", "e^e^e^e^e", "1e999999", "9^(9^9)",
    "99999999999^99999999", "(1/3)^(10^7)", "2^(10^6 + 0.5)", "pi^(10^9)", "sqrt(2)^(10^8)",
])
def test_explosive_values_are_too_big(text):
    assert refuse(text).code == "too_big"


def test_deep_nesting_is_refused_without_recursion():
    half = (MAX_LENGTH - 1) // 2
    assert refuse("(" * half + "x" + ")" * half).code == "too_deep"
    assert refuse("(" * 5000 + "x" + ")" * 5000).code == "too_long"
    assert refuse("[" * 900 + "1" + "]" * 900).code == "too_deep"
    assert refuse("-" * 500 + "x").code == "too_deep"
    assert refuse("|" * 500 + "x" + "|" * 500).code in ("too_deep", "too_many_tokens")
    assert refuse("√" * 500 + "x").code == "too_deep"
    assert refuse("2^" * 400 + "2").code == "too_deep"
    assert refuse("sin(" * 300 + "x" + ")" * 300).code == "too_deep"
    # depth just inside the limit still parses
    assert parse("(" * (MAX_DEPTH // 2) + "x" + ")" * (MAX_DEPTH // 2), ["x"]).value is not None


def test_huge_inputs():
    assert refuse("x" * 1_000_000).code == "too_long"
    assert refuse("1" * 1_000_000).code == "too_long"
    assert refuse("(" * 1_000_000).code == "too_long"
    assert refuse("x+" * 999 + "x").code == "too_many_tokens"


@pytest.mark.parametrize("char", ["\x00", "\u202e", "\u202d", "\u2066", "\u200b", "\ufeff", "\x1b", "\ud800",
                                  "\x7f"])
def test_control_and_bidi_characters(char):
    e = refuse(f"x + {char}1")
    assert e.code == "unexpected_char" and e.column == 5
    assert "U+%04X" % ord(char) in e.message("en")


def test_non_ascii_letters_are_named():
    e = refuse("x的平方")
    assert e.code == "unexpected_char" and "U+7684" in e.message("en") and e.column == 2


def test_matrix_growth_is_bounded():
    m4 = "[[x+1,y,x,1],[y,x,1,2],[1,2,x,y],[x,x,y,y]]"
    assert refuse(m4 + "^4").code == "too_big"            # symbolic matrix powers stay small
    assert refuse("*".join([m4] * 12)).code == "too_big"  # so do chains of symbolic products
    assert refuse("[[x,y],[y,x]]^64").code == "too_big"
    assert refuse("[[10^400, 1], [1, 1]]^64").code == "too_big"
    assert refuse("[[1,2],[3,4]]^100000").code == "too_big"
    assert refuse("[[1,2,3],[3,4,5]]^2").code == "shape"
    assert parse("[[1,2],[3,4]]^64").shape == ("matrix", 2, 2)


def test_template_mode_is_equally_safe(tmp_path):
    target = tmp_path / "pwned"
    refuse(f"__import__('os').system('touch {target}')", mode="template")
    refuse("9^9^9^9", mode="template")
    assert refuse("sum(k, k, 1, 10^9)", ("k",), mode="template").code == "too_big"
    assert refuse("binomial(10^9, 3)", mode="template").code == "too_big"
    assert refuse("diff(x, x, 1000)", mode="template").code == "shape"
    assert not target.exists()
