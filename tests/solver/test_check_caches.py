"""What the checker remembers between checks: answer readings (the preview and the check read a text once) and
values at sample points. Remembered results equal fresh ones, are shared safely between threads, and are bounded."""
from __future__ import annotations

import dataclasses
import threading

import pytest
import sympy as sp

from solver import check, equivalence, preview, reading
from solver.errors import ParseError
from solver.parser import symbol
from solver.reading import CACHE_ENTRIES, CACHE_MAX_TEXT, read_answer


@pytest.fixture
def readings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts actually read (not served from the cache), with an empty cache to start from."""
    reading._cached.cache_clear()
    read, texts = reading._read, []

    def counting(text: str, *args: object) -> reading.Reading:
        texts.append(text)
        return read(text, *args)

    monkeypatch.setattr(reading, "_read", counting)
    return texts


def test_the_preview_and_the_check_read_an_answer_once(readings: list[str]) -> None:
    shown = preview("3x^2 + 2x", "expression", ["x"])
    verdict = check("expression", "3*x^2 + 2*x", "3x^2 + 2x", vars=["x"])
    assert shown.ok and verdict.status == "correct"
    assert verdict.interpreted == shown.latex
    assert readings == ["3x^2 + 2x"]


def test_a_remembered_reading_equals_a_fresh_one(readings: list[str]) -> None:
    first = read_answer("a_n = 3 - 2^{n-1}", ("n",), ("a_n",))
    again = read_answer("a_n = 3 - 2^{n-1}", ("n",), ("a_n",))
    fresh = reading._read("a_n = 3 - 2^{n-1}", ("n",), ("a_n",))
    assert again is first and again == fresh
    assert again.parsed.value == 3 - 2 ** (symbol("n") - 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        again.latex = "changed"  # type: ignore[misc]


def test_the_variables_and_left_hand_sides_are_part_of_what_is_remembered(readings: list[str]) -> None:
    assert read_answer("2x", ("x",)).parsed.value == 2 * symbol("x")
    with pytest.raises(ParseError) as err:
        read_answer("2x", ("y",))
    assert err.value.code == "unknown_name"
    with pytest.raises(ParseError) as err:
        read_answer("b_n = 2n", ("n",), ("a_n",))
    assert err.value.code == "lhs_mismatch"
    assert read_answer("a_n = 2n", ("n",), ("a_n",)).lhs is not None


def test_an_unreadable_answer_raises_a_new_error_each_time_with_the_same_message(readings: list[str]) -> None:
    errors = []
    for _ in range(2):
        with pytest.raises(ParseError) as err:
            read_answer("(x^2", ("x",))
        errors.append(err.value)
    assert readings == ["(x^2"]
    assert errors[0] is not errors[1]
    assert errors[0].to_dict() == errors[1].to_dict() and errors[0].message("zh") == errors[1].message("zh")
    assert check("expression", "x^2", "(x^2", vars=["x"]).message == errors[0].message("en")


def test_the_cache_is_bounded_in_entries_and_in_text_size(readings: list[str]) -> None:
    long_text = "x" * (CACHE_MAX_TEXT + 1)
    for _ in range(2):
        with pytest.raises(ParseError):
            read_answer(long_text, ("x",))
    assert readings == [long_text, long_text]
    for n in range(CACHE_ENTRIES + 20):
        read_answer(f"{n}x", ("x",))
    info = reading._cached.cache_info()
    assert info.maxsize == CACHE_ENTRIES and info.currsize == CACHE_ENTRIES


def test_threads_share_readings_safely() -> None:
    reading._cached.cache_clear()
    texts = [f"{n}x^2 - x" for n in range(40)]
    results: list[list[object]] = []

    def read_all() -> None:
        results.append([read_answer(text, ("x",)).parsed.value for text in texts])

    threads = [threading.Thread(target=read_all) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = [n * symbol("x") ** 2 - symbol("x") for n in range(40)]
    assert results == [expected] * 4


def test_remembered_values_equal_fresh_ones_and_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    memo = equivalence._ValueMemo(8)
    monkeypatch.setattr(equivalence, "VALUES", memo)
    x = symbol("x")
    exprs = [sp.sqrt(x) + k for k in range(12)]
    for point in ({x: "2"}, {x: "-2"}):
        for expr in exprs:
            assert equivalence._value(expr, point, 40) == equivalence._computed_value(expr, point, 40)
            assert equivalence._value(expr, point, 40) == equivalence._computed_value(expr, point, 40)
    assert len(memo._items) == 8
    assert equivalence._value(sp.sqrt(x), {x: "-4"}, 40)[0] == equivalence.NOT_REAL
    assert equivalence._value(1 / x, {x: "0"}, 40) == (equivalence.UNDEFINED, None)


def test_drawn_points_are_shared_read_only_and_the_same_each_time() -> None:
    x, y = symbol("x"), symbol("y")
    first = equivalence._points([x, y], {"x": (0.1, 3.0)}, 7)
    again = equivalence._points([x, y], {"x": (0.1, 3.0)}, 7)
    assert first == again and len(first) == equivalence.MAX_ATTEMPTS
    assert all(0.1 <= float(point[x]) <= 3.0 for point, _ in first)
    assert first != equivalence._points([x, y], None, 7)
    with pytest.raises(TypeError):
        first[0][0][x] = "1"  # type: ignore[index]


def test_remembered_free_symbols_equal_sympys_and_unhashable_values_still_work() -> None:
    x, y = symbol("x"), symbol("y")
    expr = sp.sin(x) * y + 1
    assert equivalence.free_symbols(expr) == expr.free_symbols == equivalence.free_symbols(expr)
    assert equivalence.free_symbols(sp.Matrix([[x, 1]])) == {x}  # a mutable matrix has no hash
