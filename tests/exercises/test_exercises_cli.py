"""`python -m exercises list | show | validate | variants` through a subprocess, as a user runs it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: str, extra_dir: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("DLMATH_EXERCISES_DIR", None)
    if extra_dir is not None:
        env["DLMATH_EXERCISES_DIR"] = str(extra_dir)
    return subprocess.run([sys.executable, "-m", "exercises", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_list_json_and_extra_folder(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text((FIXTURES / "ecf.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("list", "--topic", "backprop", "--json", extra_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert "fixture-neuron-ecf" in {i["id"] for i in items}
    assert all(i["topic"] == "backprop" for i in items)
    text = run("list", "--lang", "zh", extra_dir=tmp_path)
    assert "一个神经元，两步" in text.stdout and "个模板" in text.stdout


def test_show_text_and_json(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text((FIXTURES / "ecf.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("show", "fixture-neuron-ecf", "--seed", "2", "--lang", "zh", extra_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "求 $z$。" in result.stdout and "## 解答" in result.stdout and "→ 答案: 9" in result.stdout
    data = json.loads(run("show", "fixture-neuron-ecf", "--seed", "2", "--json", extra_dir=tmp_path).stdout)
    assert [p["expected"] for p in data["parts"]] == ["3", "9", "6"]
    missing = run("show", "no-such-template")
    assert missing.returncode == 2 and "unknown template id" in missing.stderr


def test_show_prints_readable_keys_and_one_label_per_part() -> None:
    out = run("show", "backprop-network-sigmoid", "--seed", "1", "--lang", "zh").stdout
    assert "→ 答案: sigma(-sigma(2)) ≈ 0.2930" in out          # short exact key, then its decimals
    assert "→ 答案: ≈ 0.06070" in out                          # a long nested σ key: decimals only
    assert "→ 答案: ≈ [[0.006373, 0.006373], [-0.01275, -0.01275]]" in out
    assert "→ 答案: (2, 2)   " in out                          # exact keys stay as they are
    assert "(a) 隐藏层的加权输入" in out and "(a) (a)" not in out


def test_show_prints_keys_with_the_decimals_the_app_shows() -> None:
    out = run("show", "attention-rnn-two-steps", "--seed", "1").stdout
    assert "→ Answer: (0.566833, 0.691432)   " in out and "/1000000" not in out and "/125000" not in out


def test_validate_good_and_bad(tmp_path: Path) -> None:
    good = run("validate", str(FIXTURES / "good.yaml"), str(FIXTURES / "ecf.yaml"), "--seeds", "20")
    assert good.returncode == 0, good.stdout + good.stderr
    assert good.stdout.strip().splitlines()[-1].endswith(": OK")
    bad = tmp_path / "bad.yaml"
    bad.write_text((FIXTURES / "good.yaml").read_text(encoding="utf-8").replace("a1: {int: [-5, 5]", "a1: {int: [5, -5]"),
                   encoding="utf-8")
    result = run("validate", str(tmp_path), "--seeds", "5")
    assert result.returncode == 1
    assert f"{bad}:8: params.a1.int: range [5, -5] is empty" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 file, 0 templates, 0 quizzes, 0 exercises generated: 1 error"


def test_variants_for_students() -> None:
    result = run("variants", "vectors-and-derivatives", "--student", "Ann Lee", "--student", "Wang Fang", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    ann, wang = data["variants"]["Ann Lee"], data["variants"]["Wang Fang"]
    assert len(ann) == 4 and [q["seed"] for q in ann] != [q["seed"] for q in wang]
    assert run("variants", "vectors-and-derivatives", "--student", "Ann Lee", "--json").stdout == \
        run("variants", "vectors-and-derivatives", "--student", "ann lee", "--json").stdout.replace("ann lee", "Ann Lee")
