"""The CLI through a subprocess: ``check`` prints one JSON object, ``batch`` one line per input line."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "solver", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=120, encoding="utf-8")


def check_cli(*args: str) -> dict:
    proc = run(["check", *args])
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_book_answers_as_written() -> None:
    result = check_cli("--kind", "expression", "--expected", "2*a*(a*x+b*y)+2*p*(p*x+q*y)",
                       "--answer", "2a(ax+by)+2p(px+qy)", "--vars", "a,b,p,q,x,y")
    assert result["status"] == "correct" and result["score"] == 1.0 and result["interpreted"]
    result = check_cli("--kind", "expression", "--expected", "w*sigma(w*x+b)*(1-sigma(w*x+b))",
                       "--answer", "w/(1+e^(-(wx+b)))*(1-1/(1+e^(-(wx+b))))", "--vars", "w,x,b")
    assert result["status"] == "correct"
    assert check_cli("--kind", "vector", "--expected", "(3.6, 6.8, -3.5)", "--answer", "(3.6, 6.8, -3.5)")["status"] == "correct"
    assert check_cli("--kind", "matrix", "--expected", "[[4,56],[1,24]]", "--answer", "[[4,56],[1,24]]")["status"] == "correct"


def test_check_options_and_chinese() -> None:
    result = check_cli("--kind", "expression", "--expected", "2*x", "--answer", "diff(x^2,x)", "--vars", "x",
                       "--forbidden", "diff", "--lang", "zh")
    assert result["status"] == "invalid" and "diff" in result["message"]
    result = check_cli("--kind", "number", "--expected", "10", "--answer", "10.4", "--rtol", "0.05")
    assert result["status"] == "correct"
    result = check_cli("--kind", "expression", "--expected", "(x+1)^2", "--answer", "(x+1)^2", "--vars", "x",
                       "--form", "expanded")
    assert result["score"] == 0.5
    result = check_cli("--kind", "expression", "--expected", "x", "--answer", "x^2", "--vars", "x")
    assert result["details"]["counterexample"]["point"] == {"x": "0.5"}


def test_batch_one_line_per_input_in_order() -> None:
    cases = [
        json.dumps({"kind": "expression", "expected": "2*x", "answer": "x+x", "vars": ["x"], "id": "a"}),
        "{not json",
        json.dumps({"kind": "vector", "expected": "(1, 2)", "answer": "(1, 3)"}),
        "",
        json.dumps([1, 2]),
        json.dumps({"kind": "number", "expected": "1/3", "answer": "0.333"}),
        json.dumps({"kind": "expression", "expected": "x", "answer": "__import__('os')", "vars": "x"}),
        json.dumps({"kind": "number", "answer": "1"}),
        json.dumps({"kind": "set", "expected": "{2,-2}", "answer": "±2", "lang": "zh"}),
    ]
    proc = run(["batch"], "\n".join(cases) + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == len(cases)
    assert [r["status"] for r in out] == ["correct", "invalid", "incorrect", "invalid", "invalid", "correct",
                                          "invalid", "invalid", "correct"]
    assert out[0]["id"] == "a"
    assert out[2]["details"]["wrong_entries"] == [[2]]
    assert out[8]["message"] == "正确！"
    assert all(isinstance(r["ms"], float) and r["ms"] >= 0 for r in out)


def test_bad_command_line_gets_json() -> None:
    proc = run(["check", "--kind", "expression"])
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["status"] == "invalid"


def test_batch_has_a_simplify_worker_ready_before_it_reads_the_first_case() -> None:
    import io

    from solver import worker
    from solver.cli import batch

    ready_when_read: list[bool] = []

    def lines():
        ready_when_read.append(any(w.ready and w.process is not None and w.process.poll() is None
                                   for w in worker._POOL))
        yield json.dumps({"kind": "expression", "expected": "1", "answer": "sin(x)^2 + cos(x)^2", "vars": ["x"]})

    out = io.StringIO()
    assert batch(lines(), out) == 1
    assert ready_when_read == [True]
    assert json.loads(out.getvalue())["status"] == "correct"


def test_lhs_and_latex_through_the_cli() -> None:
    result = check_cli("--kind", "expression", "--expected", "3-2^(n-1)", "--answer", "a_n = 3 - 2^{n-1}",
                       "--vars", "n", "--lhs", "a_n")
    assert result["status"] == "correct" and result["interpreted"] == "a_{n} = 3 - 2^{n - 1}"
    cases = [json.dumps({"kind": "expression", "expected": "3-2^(n-1)", "answer": "b_n = 3 - 2^(n-1)",
                         "vars": ["n"], "lhs": ["a_n"]}),
             json.dumps({"kind": "expression", "expected": "3-2^(n-1)", "answer": "a_n = 3 - 2^(n-1)",
                         "vars": "n", "lhs": "a_n"}),
             json.dumps({"kind": "number", "expected": "3/4", "answer": r"\frac{3}{4}"})]
    proc = run(["batch"], "\n".join(cases) + "\n")
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["status"] for r in out] == ["invalid", "correct", "correct"]
    assert out[0]["details"]["error"]["code"] == "lhs_mismatch"
