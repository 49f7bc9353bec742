"""Hostile answers through ``check``: always a verdict, always invalid, and no code runs."""
from __future__ import annotations

from pathlib import Path

import pytest

from solver import check


def hostile(marker: Path) -> list[str]:
    m = str(marker)
    return [
        f"__import__('os').system('touch {m}')",
        f"__import__(\"os\").system(\"touch {m}\")",
        f"open('{m}', 'w').write('x')",
        "().__class__.__bases__[0].__subclasses__()",
        "x.__class__",
        "x.real",
        "__builtins__",
        f"eval(\"open('{m}','w')\")",
        "exec('import os')",
        "lambda: 1",
        "lambda x: x",
        "[x for x in range(10)]",
        "{x: 1 for x in [1]}",
        "'abc'",
        '"abc"',
        "9^9^9^9",
        "9**9**9**9",
        "10^10^10",
        "factorial(10^9)",
        "x^(10^10)",
        "(x+1)^(10^6)",
        "(" * 5000 + "x" + ")" * 5000,
        "x" * 1_000_000,
        "x\x00+1",
        "x\u202e+1",
        "\u202ex\u202c",
        "sin(" * 3000 + "x" + ")" * 3000,
        "exp(exp(exp(exp(100))))",
        "x; import os",
        "x if 1 else 2",
        "@x",
        "`x`",
        "\\x",
        "x" + "+x" * 499,
    ]


@pytest.mark.parametrize("index", range(34))
def test_hostile_answer_is_invalid_and_runs_nothing(tmp_path: Path, index: int) -> None:
    marker = tmp_path / "pwned"
    answer = hostile(marker)[index]
    verdict = check("expression", "x", answer, vars=["x"])
    if index == len(hostile(marker)) - 1:  # long but legal: 500x, simply wrong
        assert verdict.status == "incorrect"
    else:
        assert verdict.status == "invalid", (answer[:60], verdict)
        assert verdict.message
    assert not marker.exists()


@pytest.mark.parametrize("kind", ["number", "vector", "matrix", "set", "choice"])
def test_hostile_answer_in_every_kind(tmp_path: Path, kind: str) -> None:
    marker = tmp_path / "pwned"
    for answer in hostile(marker)[:20]:
        verdict = check(kind, "1" if kind != "choice" else "A", answer, choices=["a", "b"])
        assert verdict.status == "invalid", (kind, answer[:60])
    assert not marker.exists()


def test_hostile_expected_and_options_never_raise(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    verdict = check("expression", f"__import__('os').system('touch {marker}')", "x", vars=["x"])
    assert verdict.status == "invalid"
    assert check("expression", "x", "x", vars=["__class__"]).status in ("correct", "invalid")
    assert check("number", "1", "1", rtol="abc").status == "invalid"  # type: ignore[arg-type]
    assert check("expression", "x", "x", vars=["x"], domain={"x": ("a", "b")}).status == "invalid"
    assert not marker.exists()
