"""Deterministic parameter drawing: SHA-256 of (template id, seed, name, attempt), never Python's `random`."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal
from fractions import Fraction
from typing import Any

MAX_ATTEMPTS = 1000
MAX_VALUES = 100_000


def hash_int(*parts: Any) -> int:
    """A 64-bit integer from SHA-256 of the parts (same on every machine and Python version)."""
    key = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big")


class ParamError(ValueError):
    """A param spec that cannot be drawn from; `field` is the spec key at fault (e.g. `step`)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _fmt(x: Fraction) -> str:
    """A number as written in a file: 3, -0.5."""
    if x.denominator == 1:
        return str(x.numerator)
    return str(Decimal(x.numerator) / Decimal(x.denominator))


@dataclass(frozen=True)
class Domain:
    """The values a param can take, in order: exact `Fraction`s for int/decimal (``start + k·step`` for k in
    ``range(count)``, leaving out the positions in ``excluded``), expression texts for choice (``choices``).

    A range is not written out until someone asks for `values`: the library has thousands of params, and a draw
    needs only the k-th value."""

    kind: str  # "int" | "decimal" | "choice"
    choices: tuple[str, ...] = ()
    start: Fraction = Fraction(0)
    step: Fraction = Fraction(1)
    count: int = 0
    excluded: tuple[int, ...] = ()   # positions left out, ascending

    def __len__(self) -> int:
        return len(self.choices) if self.kind == "choice" else self.count - len(self.excluded)

    @cached_property
    def values(self) -> tuple[Any, ...]:
        """Every value, in order."""
        return tuple(self[i] for i in range(len(self)))

    def __getitem__(self, index: int) -> Any:
        """The index-th value (0 ≤ index < len)."""
        if self.kind == "choice":
            return self.choices[index]
        for position in self.excluded:   # the index among the values kept → its position in the range
            if position > index:
                break
            index += 1
        return self.start + index * self.step

    def draw(self, template_id: str, seed: int, name: str, attempt: int) -> Any:
        """The value for this (template, seed, param, attempt)."""
        return self[hash_int(template_id, seed, name, attempt) % len(self)]


def build_domain(spec: dict[str, Any]) -> Domain:
    """The domain of one param spec (a validated `ParamSpec` as dict, by field name). Raises `ParamError`."""
    kinds = [k for k in ("int", "decimal", "choice") if spec.get(k) is not None]
    if len(kinds) != 1:
        raise ParamError("", "give exactly one of int: [lo, hi], decimal: [lo, hi] or choice: [...]")
    kind = kinds[0]
    exclude = spec.get("exclude") or []
    if kind == "choice":
        items = [str(v) for v in spec["choice"]]
        if spec.get("step") is not None:
            raise ParamError("step", "a choice has no step")
        values = tuple(v for v in items if v not in {str(e) for e in exclude})
        if not items:
            raise ParamError("choice", "the choice list is empty")
        if not values:
            raise ParamError("exclude", "every choice is excluded")
        return Domain("choice", choices=values)
    bounds = spec[kind]
    if len(bounds) != 2:
        raise ParamError(kind, f"write the range as [lo, hi] (two numbers), not {len(bounds)}")
    lo, hi = (Fraction(str(b)) for b in bounds)
    if lo > hi:
        raise ParamError(kind, f"range [{_fmt(lo)}, {_fmt(hi)}] is empty")
    step_raw = spec.get("step")
    if kind == "decimal" and step_raw is None:
        raise ParamError("step", "a decimal param needs a step, e.g. step: 0.1")
    step = Fraction(str(step_raw)) if step_raw is not None else Fraction(1)
    if step <= 0:
        raise ParamError("step", f"step must be positive, not {_fmt(step)}")
    if kind == "int" and step.denominator != 1:
        raise ParamError("step", f"an int param needs a whole step, not {_fmt(step)}")
    count = (hi - lo) / step
    if count.denominator != 1:
        raise ParamError("step", f"step {_fmt(step)} does not divide the range [{_fmt(lo)}, {_fmt(hi)}] evenly")
    if count + 1 > MAX_VALUES:
        raise ParamError(kind, f"range has {count + 1} values; at most {MAX_VALUES} allowed")
    excluded: set[int] = set()
    for e in exclude:
        try:
            position = (Fraction(str(e)) - lo) / step
        except (ValueError, ZeroDivisionError):
            raise ParamError("exclude", f"'{e}' is not a number") from None
        if position.denominator == 1 and 0 <= position <= count:   # a value of the range
            excluded.add(int(position))
    domain = Domain(kind, start=lo, step=step, count=int(count) + 1, excluded=tuple(sorted(excluded)))
    if not len(domain):
        raise ParamError("exclude", f"every value in [{_fmt(lo)}, {_fmt(hi)}] is excluded")
    return domain
