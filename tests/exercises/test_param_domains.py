"""A range param's domain is drawn from without writing the range out: the k-th value, the length and every draw
equal those of the range enumerated in full (exclusions anywhere, decimal steps, values outside the range)."""
from __future__ import annotations

import random
from fractions import Fraction

import pytest

from exercises.params import ParamError, build_domain, hash_int


def enumerated(lo: str, hi: str, step: str, exclude: list[str]) -> list[Fraction]:
    first, last, by = Fraction(lo), Fraction(hi), Fraction(step)
    out, value = [], first
    while value <= last:
        if value not in {Fraction(e) for e in exclude}:
            out.append(value)
        value += by
    return out


@pytest.mark.parametrize("case", range(60))
def test_a_range_domain_equals_the_range_written_out(case):
    rng = random.Random(case)
    step = rng.choice(["1", "2", "0.5", "0.25", "0.1"])
    lo = Fraction(rng.randint(-20, 5)) * Fraction(step)
    hi = lo + Fraction(step) * rng.randint(0, 30)
    exclude = [str(lo + Fraction(step) * rng.randint(-3, 33)) for _ in range(rng.randint(0, 6))] + ["0.3333"]
    kind = "int" if step in ("1", "2") else "decimal"
    spec = {kind: [str(lo), str(hi)], "step": step, "exclude": exclude}
    expected = enumerated(str(lo), str(hi), step, exclude)
    if not expected:
        with pytest.raises(ParamError):
            build_domain(spec)
        return
    domain = build_domain(spec)
    assert len(domain) == len(expected) and list(domain.values) == expected
    for seed in range(50):
        assert domain.draw("t", seed, "a", 0) == expected[hash_int("t", seed, "a", 0) % len(expected)]


def test_a_wide_range_is_not_written_out_to_draw():
    domain = build_domain({"decimal": ["-5000", "4999.9"], "step": "0.1", "exclude": ["0"]})
    assert len(domain) == 99_999 and "values" not in vars(domain)
    assert domain.draw("t", 1, "a", 0) in {Fraction(-50000 + k, 10) for k in range(100_000)} - {0}
    assert "values" not in vars(domain)
