"""Benchmark of the checker: ``python -m solver.bench``.

Prints, as Markdown tables, p50/p95/max in-process latency of ``check`` over ordinary answers (all kinds,
right and wrong; first sight and seen before) and over hostile answers, and batch throughput in-process and
through ``python -m solver batch`` (a fresh process, start-up included), with the load average at the start
(figures on a loaded machine are wall-clock and include waiting for a CPU). It also checks wrong answers each in
a fresh thread, as Streamlit runs every script run, with the process-wide mpmath contexts and with the former
per-thread ones, to show what sharing them saves.
"""
from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import mpmath

from solver import equivalence, worker
from solver.checker import check
from solver.cli import batch
from solver.warm import THREAD_NAME, warm_up

V = "a,b,p,q,x,y"
CHAIN = "w*sigma(w*x+b)*(1-sigma(w*x+b))"

ORDINARY: list[dict[str, Any]] = [
    {"kind": "expression", "expected": "2*a*(a*x+b*y)+2*p*(p*x+q*y)", "answer": "2a(ax+by)+2p(px+qy)", "vars": V},
    {"kind": "expression", "expected": "2*a*(a*x+b*y)+2*p*(p*x+q*y)", "answer": "2a(ax+by)+2q(px+qy)", "vars": V},
    {"kind": "expression", "expected": "2*b*(a*x+b*y)+2*q*(p*x+q*y)", "answer": "2b(ax+by)+2q(px+qy)", "vars": V},
    {"kind": "expression", "expected": CHAIN, "answer": "w/(1+e^(-(wx+b)))*(1-1/(1+e^(-(wx+b))))", "vars": "w,x,b"},
    {"kind": "expression", "expected": CHAIN, "answer": "wσ(wx+b)(1-σ(wx+b))", "vars": "w,x,b"},
    {"kind": "expression", "expected": CHAIN, "answer": "σ(wx+b)(1-σ(wx+b))", "vars": "w,x,b"},
    {"kind": "expression", "expected": "sigma(x)*(1-sigma(x))", "answer": "sigma(x)", "vars": "x"},
    {"kind": "expression", "expected": "sigma(x)*(1-sigma(x))", "answer": "e^(-x)/(1+e^(-x))^2", "vars": "x"},
    {"kind": "expression", "expected": "2*x", "answer": "2x", "vars": "x"},
    {"kind": "expression", "expected": "2*x", "answer": "x^2", "vars": "x"},
    {"kind": "expression", "expected": "3*x^2 - 4*x + 1", "answer": "3x^2-4x+1", "vars": "x"},
    {"kind": "expression", "expected": "3*x^2 - 4*x + 1", "answer": "(3x-1)(x-1)", "vars": "x"},
    {"kind": "expression", "expected": "3*x^2 - 4*x + 1", "answer": "3x^2-4x-1", "vars": "x"},
    {"kind": "expression", "expected": "x^2/2", "answer": "0.5x^2", "vars": "x"},
    {"kind": "expression", "expected": "pi*x", "answer": "3.14159x", "vars": "x"},
    {"kind": "expression", "expected": "x", "answer": "sqrt(x^2)", "vars": "x"},
    {"kind": "expression", "expected": "x+1", "answer": "(x^2-1)/(x-1)", "vars": "x"},
    {"kind": "expression", "expected": "tanh(x)", "answer": "(e^x-e^(-x))/(e^x+e^(-x))", "vars": "x"},
    {"kind": "expression", "expected": "2*x + 2*y", "answer": "2(x+y)", "vars": "x,y"},
    {"kind": "expression", "expected": "2*x", "answer": "2y", "vars": "x,y"},
    {"kind": "expression", "expected": "x^2+y^2", "answer": "x²+y²", "vars": "x,y"},
    {"kind": "expression", "expected": "exp(x)", "answer": "e^x", "vars": "x"},
    {"kind": "expression", "expected": "1/x", "answer": "x^-1", "vars": "x"},
    {"kind": "expression", "expected": "-1/x^2", "answer": "1/x^2", "vars": "x"},
    {"kind": "expression", "expected": "2*n - 1", "answer": "2n+1", "vars": "n"},
    {"kind": "expression", "expected": "2*n - 1", "answer": "2n-1", "vars": "n"},
    {"kind": "expression", "expected": "w - eta*2*w", "answer": "w - 2ηw", "vars": "w,eta"},
    {"kind": "expression", "expected": "w - eta*2*w", "answer": "w + 2ηw", "vars": "w,eta"},
    {"kind": "expression", "expected": "relu(x)", "answer": "max(0, x)", "vars": "x"},
    {"kind": "expression", "expected": "x^2", "answer": "z^2", "vars": "x"},
    {"kind": "expression", "expected": "x^2", "answer": "(x^2", "vars": "x"},
    {"kind": "expression", "expected": "2*log(x)", "answer": "log(x^2)", "vars": "x"},
    {"kind": "expression", "expected": "2*log(x)", "answer": "log(x^2)", "vars": "x", "domain": {"x": [0.1, 3]}},
    {"kind": "expression", "expected": "2*x+2", "answer": "2(x+1)", "vars": "x", "form": "expanded"},
    {"kind": "expression", "expected": "x^2-1", "answer": "(x-1)(x+1)", "vars": "x", "form": "factored"},
    {"kind": "number", "expected": "sqrt(2)/2", "answer": "1/sqrt(2)"},
    {"kind": "number", "expected": "sqrt(2)/2", "answer": "0.7071"},
    {"kind": "number", "expected": "sqrt(2)/2", "answer": "0.7"},
    {"kind": "number", "expected": "1/3", "answer": "0.333"},
    {"kind": "number", "expected": "-sqrt(2)", "answer": "-√2"},
    {"kind": "number", "expected": "18/5", "answer": "3.6"},
    {"kind": "number", "expected": "e^2", "answer": "7.389"},
    {"kind": "number", "expected": "0.25", "answer": "1/4"},
    {"kind": "number", "expected": "5", "answer": "-5"},
    {"kind": "number", "expected": "log(2)", "answer": "0.693"},
    {"kind": "vector", "expected": "(3.6, 6.8, -3.5)", "answer": "(3.6, 6.8, -3.5)"},
    {"kind": "vector", "expected": "(3.6, 6.8, -3.5)", "answer": "[3.6, 6.8, -3.5]"},
    {"kind": "vector", "expected": "(3.6, 6.8, -3.5)", "answer": "(3.6, 6.8)"},
    {"kind": "vector", "expected": "(3.6, 6.8, -3.5)", "answer": "(3.6, 6.9, -3.5)"},
    {"kind": "vector", "expected": "(2*x, 2*y)", "answer": "(2x, 2y)", "vars": "x,y"},
    {"kind": "vector", "expected": "(1, 2)", "answer": "1, 2"},
    {"kind": "matrix", "expected": "[[4,56],[1,24]]", "answer": "[[4,56],[1,24]]"},
    {"kind": "matrix", "expected": "[[4,56],[1,24]]", "answer": "[[4,1],[56,24]]"},
    {"kind": "matrix", "expected": "[[4,56],[1,24]]", "answer": "[[4,56],[1,25]]"},
    {"kind": "matrix", "expected": "[[1,0.5,-1],[0.5,2,-0.5]]", "answer": "[[1,0.5,-1],[0.5,2,-0.5]]"},
    {"kind": "matrix", "expected": "[[1,2],[3,4]]", "answer": "[[1,2,3],[4,5,6]]"},
    {"kind": "set", "expected": "{2,-2}", "answer": "±2"},
    {"kind": "set", "expected": "{2,-2}", "answer": "{2,3}"},
    {"kind": "set", "expected": "{-sqrt(2), sqrt(2)}", "answer": "±√2"},
    {"kind": "choice", "expected": "B", "answer": "b", "choices": ["1", "2", "3", "4"]},
    {"kind": "choice", "expected": "A,C", "answer": "A, C", "choices": ["1", "2", "3", "4"]},
    {"kind": "choice", "expected": "A,C", "answer": "A", "choices": ["1", "2", "3", "4"]},
]

HOSTILE_ANSWERS = [
    "__import__('os').system('true')", "().__class__.__bases__[0].__subclasses__()", "x.__class__",
    "lambda: 1", "[x for x in range(10)]", "'abc'", "9^9^9^9", "factorial(10^9)", "x^(10^10)",
    "(x+1)^(10^6)", "(" * 5000 + "x" + ")" * 5000, "x" * 1_000_000, "x\x00+1", "x\u202e+1",
    "exp(exp(exp(exp(100))))", "sin(" * 3000 + "x" + ")" * 3000, "10^10^10",
]
HOSTILE = [{"kind": "expression", "expected": "x", "answer": a, "vars": "x"} for a in HOSTILE_ANSWERS]

LARGE_POWERS = [  # decided from values, never expanded
    {"kind": "expression", "expected": "(x-a)^6000", "answer": "(x-a)^6000", "vars": "x,a"},
    {"kind": "expression", "expected": "(x-a)^6000", "answer": "(x-a)^5999", "vars": "x,a"},
    {"kind": "expression", "expected": "(x-a)^6000", "answer": "(a-x)^6000", "vars": "x,a"},
    {"kind": "expression", "expected": "(x+1)^9999*(x-1)^9999", "answer": "(x^2-1)^9999", "vars": "x"},
    {"kind": "expression", "expected": "(x+1)^9000", "answer": "(x+1)^9000+relu(x-2.99)", "vars": "x"},
    {"kind": "expression", "expected": "a^(b*c)", "answer": "(a^b)^c", "vars": "a,b,c"},
    {"kind": "expression", "expected": "1", "answer": "sqrt(k/m)*sqrt(m/k)", "vars": "k,m"},
]

FAMILY = "w_1,w_2,w_3,x_1,x_2,x_3,b"
LATEX: list[dict[str, Any]] = [  # the same kinds of answers, typed in LaTeX (and Σ, left-hand sides)
    {"kind": "expression", "expected": "exp(-z)/(1+exp(-z))^2", "answer": r"\frac{e^{-z}}{(1+e^{-z})^2}", "vars": "z"},
    {"kind": "expression", "expected": "sigma(z)*(1-sigma(z))", "answer": r"\frac{e^{-z}}{\left(1+e^{-z}\right)^{2}}",
     "vars": "z"},
    {"kind": "expression", "expected": "2*x*cos(x^2)", "answer": r"2x \cdot \cos(x^2)", "vars": "x"},
    {"kind": "expression", "expected": "2*x*cos(x^2)", "answer": r"2x \cdot \sin(x^2)", "vars": "x"},
    {"kind": "expression", "expected": "(x+1)^2", "answer": r"\left(x+1\right)^{2}", "vars": "x"},
    {"kind": "expression", "expected": "3 - 2^(n-1)", "answer": "3-2^{n-1}", "vars": "n"},
    {"kind": "expression", "expected": "3 - 2^(n-1)", "answer": "a_n = 3 - 2^{n-1}", "vars": "n", "lhs": ["a_n"]},
    {"kind": "expression", "expected": "2*x", "answer": r"\frac{\partial f}{\partial x} = 2x", "vars": "x,y"},
    {"kind": "expression", "expected": "w*sigma(w*x+b)*(1-sigma(w*x+b))",
     "answer": r"w\,\sigma(wx+b)\left(1-\sigma(wx+b)\right)", "vars": "w,x,b"},
    {"kind": "expression", "expected": "log(x)/log(2)", "answer": r"\log_2 x", "vars": "x"},
    {"kind": "expression", "expected": "x^(1/3)", "answer": r"\sqrt[3]{x}", "vars": "x", "domain": {"x": [0.1, 3]}},
    {"kind": "expression", "expected": "eta*x", "answer": r"\eta\, x", "vars": "eta,x"},
    {"kind": "expression", "expected": "w_1*x_1+w_2*x_2+w_3*x_3", "answer": r"\sum_{i=1}^{3} w_i x_i", "vars": FAMILY},
    {"kind": "expression", "expected": "w_1*x_1+w_2*x_2+w_3*x_3+b", "answer": r"Σ_{i=1}^{3} w_i x_i", "vars": FAMILY},
    {"kind": "expression", "expected": "x_1^2+x_2^2+x_3^2", "answer": "sum_{i=1}^3 x_i^2", "vars": FAMILY},
    {"kind": "expression", "expected": "n*(n+1)/2", "answer": r"\sum_{k=1}^{n} k", "vars": "n"},
    {"kind": "number", "expected": "3/4", "answer": r"\frac{3}{4}"},
    {"kind": "number", "expected": "2/sqrt(5)", "answer": r"\frac{2}{\sqrt{5}}"},
    {"kind": "number", "expected": "2/sqrt(5)", "answer": r"\dfrac{\sqrt{5}}{2}"},
    {"kind": "number", "expected": "30", "answer": r"\sum_{k=1}^{4} k^2"},
    {"kind": "number", "expected": "exp(2)", "answer": "e^{2}"},
    {"kind": "vector", "expected": "(1, 2)", "answer": r"\begin{pmatrix}1\\2\end{pmatrix}"},
    {"kind": "vector", "expected": "(1/2, 3)", "answer": r"\begin{pmatrix}\frac{1}{2} & 3\end{pmatrix}"},
    {"kind": "matrix", "expected": "[[1,3],[2,4]]", "answer": "[[1,2],[3,4]]^T"},
    {"kind": "matrix", "expected": "[[1,2],[3,4]]", "answer": r"\begin{bmatrix}1 & 2 \\ 3 & 4\end{bmatrix}"},
    {"kind": "matrix", "expected": "[[1,2],[3,4]]", "answer": r"\left[\begin{matrix}1 & 2\\3 & 5\end{matrix}\right]"},
    {"kind": "set", "expected": "{1, -1}", "answer": r"x = \pm 1"},
    {"kind": "set", "expected": "{1, -1}", "answer": r"\{1, -1\}"},
]
HOSTILE_LATEX_ANSWERS = [
    r"\frac{" * 10_000 + "1" + "}{2}" * 10_000, r"\frac{" * 300 + "1", r"\begin{pmatrix} 1 & 2", "\\" * 1_000_000,
    r"\def\x{\x}\x", r"\input{/etc/passwd}", r"\write18{rm -rf /}", r"\csname x\endcsname", "{" * 1500 + "}" * 1500,
    r"\sum_{i=1}^{10^9} i", r"\sum_{k=1}^{n} k^{k^{k^k}}", r"\left(" * 900, "^{" * 900,
]
HOSTILE_LATEX = [{"kind": "expression", "expected": "x", "answer": a, "vars": "x,n"} for a in HOSTILE_LATEX_ANSWERS]



class _PerThreadContexts:
    """The former context cache, for comparison: each thread built its own mpmath contexts."""

    def __init__(self) -> None:
        self._local = threading.local()

    def take(self, dps: int) -> mpmath.MPContext:
        cache = self._local.__dict__.setdefault("contexts", {})
        if dps not in cache:
            cache[dps] = mpmath.MPContext()
            cache[dps].dps = dps
        return cache[dps]

    def give(self, ctx: mpmath.MPContext, dps: int) -> None:
        pass


def _in_fresh_threads(cases: list[dict[str, Any]], contexts: Any) -> list[float]:
    """Milliseconds of each check, each run in a new thread with ``contexts`` as the numeric layer's contexts."""
    saved, equivalence.CONTEXTS = equivalence.CONTEXTS, contexts
    times: list[float] = []
    try:
        for case in cases:
            thread = threading.Thread(target=lambda c=case: times.append(_run(c)))
            thread.start()
            thread.join()
    finally:
        equivalence.CONTEXTS = saved
    return times


def _wrong_answers() -> list[dict[str, Any]]:
    """The ordinary expression and number cases whose answer is wrong."""
    out = []
    for case in ORDINARY:
        if case["kind"] in ("expression", "number"):
            options = {k: v for k, v in case.items() if k not in ("kind", "expected", "answer", "vars")}
            if check(case["kind"], case["expected"], case["answer"], vars=_names(case), **options).status == "incorrect":
                out.append(case)
    return out


def _names(case: dict[str, Any]) -> list[str]:
    return [v for v in case.get("vars", "").split(",") if v]


def _first_case_of_a_fresh_batch() -> float:
    """``ms`` of a trigonometric identity (it needs ``simplify``) as the first line of ``python -m solver batch``."""
    line = json.dumps({"kind": "expression", "expected": "1", "answer": "sin(x)^2 + cos(x)^2", "vars": ["x"]})
    proc = subprocess.run([sys.executable, "-m", "solver", "batch"], input=line + "\n", capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parent.parent, timeout=600)
    return float(json.loads(proc.stdout.splitlines()[0])["ms"])


def _run(case: dict[str, Any]) -> float:
    options = {k: v for k, v in case.items() if k not in ("kind", "expected", "answer", "vars")}
    start = time.perf_counter()
    check(case["kind"], case["expected"], case["answer"], vars=_names(case), **options)
    return (time.perf_counter() - start) * 1000


def _stats(times: list[float]) -> tuple[float, float, float]:
    """p50, p95 (nearest rank) and max."""
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, times[-1]


def _warm() -> None:
    """``solver.warm_up`` and wait for it and for both workers, so figures are steady-state ones."""
    warm_up()
    for thread in threading.enumerate():
        if thread.name == THREAD_NAME:
            thread.join()
    end = time.monotonic() + 30.0
    while time.monotonic() < end and not all(w.is_ready() for w in worker._POOL):
        time.sleep(0.05)


def _lines(cases: list[dict[str, Any]], repeats: int) -> list[str]:
    return [json.dumps({**c, "vars": _names(c)}) + "\n" for c in cases * repeats]


def _batch_in_process(lines: list[str]) -> tuple[int, float]:
    start = time.perf_counter()
    count = batch(lines, io.StringIO(), warm=False)
    return count, time.perf_counter() - start


def _batch_cli(lines: list[str]) -> tuple[int, float]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "solver", "batch"], input="".join(lines), capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parent.parent, timeout=600)
    return len(proc.stdout.splitlines()), time.perf_counter() - start


def main() -> None:
    """Run the benchmark and print Markdown tables (latency, then throughput)."""
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    _warm()
    first = _stats([_run(case) for case in ORDINARY])  # cases not seen before in this process
    rows = [("ordinary, first sight", len(ORDINARY), first),
            ("ordinary, seen before", len(ORDINARY) * 5, _stats([_run(c) for _ in range(5) for c in ORDINARY])),
            ("hostile", len(HOSTILE), _stats([_run(case) for case in HOSTILE])),
            ("LaTeX, first sight", len(LATEX), _stats([_run(case) for case in LATEX])),
            ("LaTeX, seen before", len(LATEX) * 5, _stats([_run(c) for _ in range(5) for c in LATEX])),
            ("hostile LaTeX", len(HOSTILE_LATEX), _stats([_run(case) for case in HOSTILE_LATEX])),
            ("large powers, roots of negative numbers", len(LARGE_POWERS), _stats([_run(c) for c in LARGE_POWERS]))]
    print(f"solver benchmark: {os.cpu_count()} CPUs, load average {load} (1, 5, 15 min) at the start\n")
    print("| in-process `check` | checks | p50 ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for name, n, (p50, p95, worst) in rows:
        print(f"| {name} | {n} | {p50:.2f} | {p95:.2f} | {worst:.2f} |")
    wrong = _wrong_answers() * 3
    print("\n| wrong answers, each in a fresh thread (as Streamlit runs a script run) | checks | p50 ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for name, contexts in (("mpmath contexts per thread (before)", _PerThreadContexts()),
                           ("mpmath contexts per process (now)", equivalence.CONTEXTS)):
        p50, p95, worst = _stats(_in_fresh_threads(wrong, contexts))
        print(f"| {name} | {len(wrong)} | {p50:.2f} | {p95:.2f} | {worst:.2f} |")
    lines = _lines(ORDINARY, 4)
    print("\n| batch throughput | cases | seconds | cases/s |")
    print("|---|---:|---:|---:|")
    for name, (count, elapsed) in (("in-process (`solver.cli.batch`)", _batch_in_process(lines)),
                                   ("CLI `python -m solver batch` (fresh process, start-up included)",
                                    _batch_cli(lines))):
        print(f"| {name} | {count} | {elapsed:.2f} | {count / elapsed:.0f} |")
    print(f"\nfirst case of a fresh `python -m solver batch` (a trigonometric identity, simplify worker warmed "
          f"first): {_first_case_of_a_fresh_batch():.0f} ms")


if __name__ == "__main__":
    main()
