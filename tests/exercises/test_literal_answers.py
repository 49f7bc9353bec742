"""The built-in library asks for values, not calculations (`form: value`, issue 10).

Every part whose key is a number, or a vector/matrix/set of numbers, declares the literal form unless it is listed
below on purpose; and the question's own computation typed with the given numbers — the product of the given
matrices, σ of the given number, relu(Wx + b) — is a genuine bypass (judged without the form, it computes the key)
that the form refuses as invalid.
"""
from __future__ import annotations

from typing import Any, Callable

import pytest
import sympy as sp

from exercises import load_library, render
from exercises.validate import check_as_author

LIB = load_library()
SEEDS = (1, 2, 3)

ALLOWED_EXPRESSIONS = {
    # Solving e^(ax+b) = c: the exact answer (ln c − b)/a needs ln, which the literal form refuses (ln 2 is a
    # function of a number); the prompt asks for it "exactly (with ln) or to 4 significant figures".
    ("function-exponential-basics", "b"),
}


def numeric(value: Any) -> bool:
    """A number, or a vector/matrix/set of numbers: a value a learner could be asked to compute."""
    if isinstance(value, (sp.MatrixBase, sp.FiniteSet)):
        return all(numeric(v) for v in (list(value) if isinstance(value, sp.MatrixBase) else value.args))
    return isinstance(value, sp.Expr) and not value.free_symbols


def test_every_numeric_key_asks_for_the_value():
    missing = set()
    for template in LIB.templates.values():
        for seed in (1, 2):
            for part in template.generate(seed).parts:
                if part.kind != "choice" and numeric(part.expected) and part.spec.form != "value":
                    missing.add((template.id, part.id))
    assert missing == ALLOWED_EXPRESSIONS


def text(value: Any) -> str:
    return f"({render.text_of(value)})"


Bypass = Callable[[dict[str, Any]], str]

BYPASSES: list[tuple[str, str, Bypass]] = [  # template, part, the computation typed with the exercise's numbers
    ("matrix-product-2x2", "", lambda v: f"{text(v['A'])}*{text(v['B'])}"),
    ("matrix-linear-combination", "", lambda v: f"{text(v['A'])} + {v['k']}*{text(v['B'])}"),
    ("matrix-hadamard", "", lambda v: f"{text(v['A'])} ⊙ {text(v['B'])}"),
    ("matrix-transpose-product", "", lambda v: f"({text(v['A'])}*{text(v['B'])})^T"),
    ("matrix-product-2x3-3x2", "", lambda v: f"{text(v['A'])}*{text(v['B'])}"),
    ("vector-linear-combination", "a", lambda v: f"{v['p']}*{text(v['a'])} + {v['q']}*{text(v['b'])}"),
    ("vector-linear-combination", "b", lambda v: f"{text(v['x'])} - {v['eta']}*{text(v['g'])}"),
    ("function-activations-at-point", "b", lambda v: f"(relu({text(v['x0'])}), relu({text(v['mx'])}))"),
    ("function-activations-at-point", "c", lambda v: f"sigma({text(v['x0'])})"),
    ("function-activations-at-point", "d", lambda v: f"tanh({text(v['x0'])})"),
    ("function-softmax", "", lambda v: f"exp({text(v['z'])})/({' + '.join(f'exp({z})' for z in v['z'])})"),
    ("derivative-sigmoid", "b", lambda v: f"sigma({text(v['x0'])})*(1 - sigma({text(v['x0'])}))"),
    ("sigma-evaluate", "", lambda v: f"Σ_{{k=1}}^{{{v['n']}}} ({render.text_of(v['g'])})"),
    ("forward-column-layer-relu", "", lambda v: f"relu({text(v['W'])}*{text(v['x'])} + {text(v['b'])})"),
    ("forward-two-layer", "a", lambda v: f"relu({text(v['W1'])}*{text(v['x'])} + {text(v['b'])})"),
    ("conv-feature-entry-relu", "b", lambda v: f"relu({text(v['Z'])})"),
    ("conv-max-pooling", "", lambda v: "[" + ", ".join(
        "[" + ", ".join(f"max({', '.join(str(v['X'][i + di, j + dj]) for di in (0, 1) for dj in (0, 1))})"
                        for j in (0, 2)) + "]" for i in (0, 2)) + "]"),
    ("regression-least-squares", "",
     lambda v: f"({text(v['X'])}^T*{text(v['X'])})^(-1)*{text(v['X'])}^T*{text(v['tv'])}"),
    ("backprop-weight-update", "", lambda v: f"{text(v['w'])} - {v['lr']}*{v['dlt']}*{text(v['aprev'])}"),
    ("backprop-hidden-delta", "",
     lambda v: f"({text(v['W'])}^T*{text(v['delta3'])}) ⊙ {text(v['a2'])} ⊙ ((1, 1) - {text(v['a2'])})"),
    ("backprop-network-sigmoid", "b", lambda v: f"sigma({text(v['z2'])})"),
    ("backprop-network-relu", "g", lambda v: f"{text(v['W2'])} - {v['lr']}*{text(v['gW2'])}"),
    ("gd-one-step-2d", "", lambda v: f"{text(v['p0'])} - {v['lr']}*{text(v['grad'])}"),
    ("opt-sgd-minibatch", "", lambda v: f"{text(v['w'])} - {v['lr']}*({text(v['ga'])} + {text(v['gb'])})/2"),
    ("prob-normal-density", "",
     lambda v: f"exp(-({v['xv']} - ({v['mu']}))^2/(2*{v['s']}^2))/(sqrt(2*pi)*{v['s']})"),
    ("prob-cross-entropy-kl", "a", lambda v: f"-({v['a']}*ln({v['a']}) + (1 - {v['a']})*ln(1 - {v['a']}))"),
    ("attention-softmax-weights", "a", lambda v: f"{text(v['K'])}*{text(v['q'])}/2"),
    ("attention-single-query-output", "b", lambda v: f"{text(v['V'])}^T*{text(v['alpha'])}"),
    ("attention-weighted-values", "", lambda v: f"{text(v['V'])}^T*{text(v['al'])}"),
    ("attention-rnn-step", "a",
     lambda v: f"{text(v['W'])}*{text(v['hprev'])} + {v['x']}*{text(v['U'])} + {text(v['b'])}"),
    ("attention-rnn-step", "b", lambda v: f"sigma({text(v['z'])})"),
]


@pytest.mark.parametrize("template_id, part_id, bypass", BYPASSES,
                         ids=[f"{t}:{p}" if p else t for t, p, _ in BYPASSES])
def test_the_questions_own_computation_is_refused(template_id, part_id, bypass):
    for seed in SEEDS:
        ex = LIB.get(template_id).generate(seed)
        typed = bypass(ex.values)
        assert check_as_author(ex, part_id, typed).status == "correct", (seed, typed)   # it computes the key
        verdict = ex.check(part_id, typed)
        assert verdict.status == "invalid", (seed, typed, verdict.message)
        assert verdict.details["error"]["code"] == "not_literal", (seed, typed, verdict.details)
        assert "yourself" in verdict.message, verdict.message
        assert ex.check(part_id, ex.expected_approx(part_id) or ex.expected_text(part_id)).status == "correct"


def test_an_exact_value_written_with_powers_of_e_roots_and_pi_is_accepted():
    """What the prompts promise: `e^…`, √ and π are how an exact value is written; exp(…) and ln(…) are not."""
    ex = LIB.get("function-activations-at-point").generate(1)   # x = 5/2
    assert ex.check("c", "1/(1 + e^(-5/2))").status == "correct"
    assert ex.check("c", "1/(1 + exp(-5/2))").status == "invalid"
    normal = LIB.get("prob-normal-density").generate(1)          # √2/(4√π)
    assert normal.check("", "sqrt(2)/(4*sqrt(pi))").status == "correct"
    assert normal.check("", "1/(2*sqrt(2*π))").status == "correct"
    kl = LIB.get("prob-cross-entropy-kl").generate(1)
    assert kl.check("a", kl.expected_approx("a")).status == "correct"
    assert kl.check("a", kl.expected_text("a")).status == "invalid"      # ln(…) of a number: work it out
