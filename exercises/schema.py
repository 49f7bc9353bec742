"""The shape of exercise files and quiz files (pydantic models; unknown fields are errors).

These models check structure and types only; meaning (names, ranges, placeholders…) is checked in
`exercises.checks` and by generating exercises.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _expression_text(value: Any) -> Any:
    """Numbers written without quotes (`expected: 3`, `0.5`) are expressions too."""
    if isinstance(value, bool):
        return value  # rejected by the str type: `yes`/`no` are not expressions
    if isinstance(value, (int, Decimal)):
        return str(value)
    return value


Expr = Annotated[str, BeforeValidator(_expression_text)]
"""An expression in the template language."""

Name = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")]
"""A param, derived or symbol name."""

Number = int | Decimal

MAX_ID_LENGTH = 100
"""Template and quiz ids are stored with every answer (the progress store's columns hold 200 characters)."""
Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=MAX_ID_LENGTH)]
"""A template or quiz id: lowercase letters and digits in words joined by '-'."""


class Strict(BaseModel):
    """Base: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


class Text(Strict):
    """A text in both languages."""

    en: Expr
    zh: Expr


class ParamSpec(Strict):
    """`{int: [lo, hi]}`, `{decimal: [lo, hi], step: 0.1}` or `{choice: [...]}`, with optional `exclude`."""

    int_: list[int] | None = Field(default=None, alias="int")
    decimal: list[Number] | None = None
    choice: list[Expr] | None = None
    step: Number | None = None
    exclude: list[Expr | Number] = Field(default_factory=list)


class Example(Strict):
    """A fixed-seed instance: at `seed`, these params are used instead of drawn ones."""

    seed: int
    params: dict[str, Expr]
    note: Text | None = None


class MistakeSpec(Strict):
    """An anticipated mistake: the wrong value, and a catalogue name and/or a message."""

    name: str | None = None
    expr: Expr
    message: Text | None = None


class AnswerSpec(Strict):
    """How an answer is judged."""

    kind: Literal["expression", "number", "vector", "matrix", "set", "choice"]
    expected: Expr
    vars: list[Name] | None = None
    rtol: float | None = None
    atol: float | None = None
    sigfigs: int | None = Field(default=None, ge=1, le=15)
    forbidden: list[str] = Field(default_factory=list)
    form: Literal["expanded", "factored", "simplified", "value"] | None = None
    """`value`: a number or a vector/matrix/set of numbers written out, no computation (any kind but choice)."""
    domain: dict[Name, list[Number]] | None = None
    choices: list[Text] | None = None
    shuffle: bool | None = None
    """Choice answers: show the options in an order drawn from the seed (default) or as written (false)."""
    mistakes: list[MistakeSpec] = Field(default_factory=list)
    operands: Annotated[list[Expr], Field(min_length=2, max_length=2)] | None = None
    """Matrix answers: the two matrices A, B of the product asked for (e.g. `[A, B]`), so that a Hadamard product
    typed for a matrix product (or the reverse, or BA for AB) is named automatically."""
    lhs: list[str] = Field(default_factory=list)
    """Names a left-hand side may give (`lhs: [a_n]` accepts `a_n = …`, refuses `b_n = …`; see docs/solver.md)."""


class PartSpec(Strict):
    """One part (a, b, c…) of a multi-part exercise (a network exercise's cells are parts too: `z2_1`, `dw2_11`)."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    prompt: Text
    answer: AnswerSpec
    binds: Name | None = None


class TestSpec(Strict):
    """An embedded test, run by the validator."""

    answer: Expr
    expect: Literal["correct", "incorrect", "invalid"]
    part: str | None = None
    seed: int | None = None
    message: str | None = None
    earlier: dict[str, Expr] | None = None


Activation = Literal["sigmoid", "relu", "linear", "softmax"]
CellKind = Literal["z", "a", "delta", "dw", "db", "nw", "nb"]


class NetworkSpec(Strict):
    """A tiny network filled in on its drawn graph, cell by cell (`exercises.network`): the architecture, the
    activations, the loss, the ranges the inputs, weights, biases and targets are drawn from, and η."""

    layers: list[int]
    """Neurons per layer, the input layer first: `[2, 2, 1]` (the book's layers 1, 2, 3)."""
    activations: list[Activation]
    """One per layer after the input: `[sigmoid, sigmoid]`; `softmax` only for the output layer."""
    loss: Literal["squared-error", "cross-entropy"] = "squared-error"
    inputs: ParamSpec
    weights: ParamSpec
    biases: ParamSpec
    targets: ParamSpec | None = None
    """Squared error: each target t_j (default `{int: [0, 1]}`); cross-entropy: the right class, 1..n (default all)."""
    eta: ParamSpec | Number
    fill: list[CellKind] | None = None
    """The cells the learner fills in (default z, a, delta, dw, db; `nw`, `nb`: the new weights and biases after one
    gradient-descent step); the others a listed cell needs are shown as given."""
    rtol: float | None = None
    """Tolerance of every cell (default 0.002 when a calculator is needed, the solver's default otherwise)."""


class TemplateSpec(Strict):
    """One exercise template."""

    id: Id
    topic: str
    title: Text
    difficulty: int
    tags: list[str] = Field(default_factory=list)
    prerequisites: list[str] = Field(default_factory=list)
    symbols: list[Name] = Field(default_factory=list)
    params: dict[str, ParamSpec] = Field(default_factory=dict)
    where: Expr | None = None
    examples: list[Example] = Field(default_factory=list)
    derived: dict[str, Expr] = Field(default_factory=dict)
    prompt: Text | None = None
    """Required, except in a network exercise (which writes its own from the network)."""
    hints: list[Text] = Field(default_factory=list)
    solution: Text | None = None
    """Required, except in a network exercise (which works every cell out step by step)."""
    answer: AnswerSpec | None = None
    parts: list[PartSpec] | None = None
    network: NetworkSpec | None = None
    tests: list[TestSpec] = Field(default_factory=list)


class TemplateFile(Strict):
    """An exercise file: `templates:` and nothing else."""

    templates: list[dict[str, Any]]


class EntrySpec(Strict):
    """A quiz entry: one template, or `count` templates drawn from a topic (optionally one difficulty)."""

    template: str | None = None
    topic: str | None = None
    difficulty: int | None = None
    count: int = 1
    points: Number = 1


class QuizSpec(Strict):
    """A quiz."""

    id: Id | None = None
    title: Text
    instructions: Text | None = None
    seed: int
    entries: list[EntrySpec]
    attempts: int = 1
    time_limit_minutes: int | None = None
    hints: Literal["during", "after", "never"] = "during"
    solutions: Literal["during", "after", "never"] = "after"
    opens: dt.datetime | dt.date | None = None
    closes: dt.datetime | dt.date | None = None


class QuizFile(Strict):
    """A quiz file: `quiz:` and nothing else."""

    quiz: dict[str, Any]
