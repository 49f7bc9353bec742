"""AppTest of the practice panel: verdicts, invalid input, hints, the URL seed, error carried forward."""
from __future__ import annotations

import math

import pytest
from streamlit.testing.v1 import AppTest

from exercises import load_library
from practice_support import TIMEOUT, home, open_panel, panel_script  # noqa: F401 — `home` is an autouse fixture

LIB = load_library()


def shown(at: AppTest, topic: str = "vectors") -> tuple[str, int]:
    return at.session_state[f"practice-{topic}-current"]


def answer(at: AppTest, key: str, text: str) -> AppTest:
    at.text_input(key=key).input(text)
    return at.button(key=f"{key}-check").click().run()


def stored_attempts(profile: str = "ada") -> list:
    from store import get_store

    return get_store().attempts(profile)


def test_url_reopens_exactly_that_exercise():
    ex = LIB.get("inner-product-2d").generate(4242)
    at = open_panel("vectors", "inner-product-2d", 4242)
    assert not at.exception
    assert shown(at) == ("inner-product-2d", 4242)
    assert any(ex.prompt["en"] == m.value for m in at.markdown)
    assert any("4242" in c.value for c in at.caption)
    assert at.selectbox(key="practice-vectors-template").value == "inner-product-2d"
    assert at.text_input(key="ex-inner-product-2d-4242-") is not None


def test_right_answer_is_correct_and_recorded():
    ex = LIB.get("inner-product-2d").generate(7)
    at = answer(open_panel("vectors", "inner-product-2d", 7), "ex-inner-product-2d-7-", ex.expected_text(""))
    assert not at.exception
    assert len(at.success) == 1 and not at.error
    assert at.session_state["ex-inner-product-2d-7--attempts"] == 1
    rows = stored_attempts()
    assert [(r.template_id, r.seed, r.status, r.score) for r in rows] == [("inner-product-2d", 7, "correct", 1.0)]


def test_an_answer_written_after_a_chinese_label_is_judged_and_recorded():
    ex = LIB.get("inner-product-2d").generate(7)
    at = answer(open_panel("vectors", "inner-product-2d", 7, lang="zh"), "ex-inner-product-2d-7-",
                f"答：{ex.expected_text('')}")
    assert not at.exception
    assert len(at.success) == 1 and not at.error
    assert [r.status for r in stored_attempts()] == ["correct"]


def test_wrong_answer_is_incorrect_with_the_solvers_message():
    ex = LIB.get("inner-product-2d").generate(7)
    wrong = str(ex.derived["ans"] + 1)
    at = answer(open_panel("vectors", "inner-product-2d", 7), "ex-inner-product-2d-7-", wrong)
    verdict = ex.check("", wrong)
    assert verdict.status == "incorrect"
    assert len(at.error) == 1 and verdict.message in at.error[0].value
    assert [r.status for r in stored_attempts()] == ["incorrect"]


def test_invalid_answer_shows_its_message_and_costs_no_attempt():
    at = answer(open_panel("vectors", "inner-product-2d", 7), "ex-inner-product-2d-7-", "3 +* 4")
    assert len(at.warning) == 1 and not at.error and not at.success
    assert "did not count" in " ".join(c.value for c in at.caption)
    assert "ex-inner-product-2d-7--attempts" not in at.session_state
    assert not any(c.value.startswith("Attempts") for c in at.caption)
    assert [r.status for r in stored_attempts()] == ["invalid"]


def test_live_preview_shows_how_the_input_is_read():
    at = open_panel("vectors", "inner-product-2d", 7)
    at.text_input(key="ex-inner-product-2d-7-").input("1/2").run()
    assert any("Read as" in m.value and "\\frac{1}{2}" in m.value for m in at.markdown)
    assert not at.success and not at.error          # previewing is not checking


def test_hints_are_revealed_one_at_a_time_and_the_solution_on_request():
    ex = LIB.get("inner-product-2d").generate(7)
    at = open_panel("vectors", "inner-product-2d", 7)
    assert not at.info
    at.button(key="ex-inner-product-2d-7-hint").click().run()
    assert len(at.info) == 1 and ex.hints[0]["en"] in at.info[0].value
    assert not any(ex.solution["en"] == m.value for m in at.markdown)
    at.toggle(key="ex-inner-product-2d-7-solution").set_value(True).run()
    assert any(ex.solution["en"] == m.value for m in at.markdown)


def test_another_one_draws_a_new_seed_and_puts_it_in_the_url():
    at = open_panel("vectors", "inner-product-2d", 7)
    at.button(key="practice-vectors-another").click().run()
    template_id, seed = shown(at)
    assert template_id == "inner-product-2d" and seed != 7
    assert at.query_params["seed"] == [str(seed)] or at.query_params["seed"] == str(seed)


def test_template_picker_switches_exercise():
    at = open_panel("vectors", "inner-product-2d", 7)
    at.selectbox(key="practice-vectors-template").set_value("vector-length").run()
    assert shown(at)[0] == "vector-length"
    assert not at.exception


def test_chinese_prompt_and_labels():
    ex = LIB.get("inner-product-2d").generate(7)
    at = open_panel("vectors", "inner-product-2d", 7, lang="zh")
    assert any(ex.prompt["zh"] == m.value for m in at.markdown)
    assert at.button(key="ex-inner-product-2d-7--check").label == "检查"


def test_multi_part_checks_cells_one_by_one_with_error_carried_forward():
    template_id, seed = "backprop-network-sigmoid", 3
    ex = LIB.get(template_id).generate(seed)
    z1, z2 = (int(v) for v in ex.derived["z2"])
    at = open_panel("backprop", template_id, seed)
    prefix = f"ex-{template_id}-{seed}"
    at = answer(at, f"{prefix}-a", f"({z1 + 1}, {z2})")              # readable, one component wrong
    assert len(at.warning) == 1 and "Partly right (50%)" in at.warning[0].value and not at.success
    assert "Entries to look at again: 1" in " ".join(c.value for c in at.caption)
    a2 = ", ".join(f"{1 / (1 + math.exp(-z)):.6f}" for z in (z1 + 1, z2))   # `form: value`: σ's values, not σ(…)
    at = answer(at, f"{prefix}-b", f"({a2})")                          # right given the learner's (a)
    assert len(at.warning) == 1 and len(at.success) == 1
    assert "carried forward" in at.success[0].value and at.success[0].icon == "↪️" and not at.info   # said once
    assert [(r.part, r.status) for r in stored_attempts()] == [("a", "incorrect"), ("b", "correct")]


def test_checking_still_works_when_the_store_is_unavailable(monkeypatch):
    import store

    def unavailable():
        raise OSError("disk gone")

    monkeypatch.setattr(store, "get_store", unavailable)
    ex = LIB.get("inner-product-2d").generate(7)
    at = answer(open_panel("vectors", "inner-product-2d", 7), "ex-inner-product-2d-7-", ex.expected_text(""))
    assert not at.exception and len(at.success) == 1
    assert at.toast[0].value == "Progress is not being saved right now."


def test_without_a_chosen_profile_the_panel_warns_and_keeps_attempts_for_the_profile_picked():
    from store import get_store

    get_store().create_profile("ada")
    get_store().create_profile("bo")
    ex = LIB.get("inner-product-2d").generate(5)
    at = AppTest.from_function(panel_script, args=("vectors",), default_timeout=TIMEOUT)
    at.session_state["lang"] = "zh"
    at.query_params["ex"], at.query_params["seed"] = "inner-product-2d", "5"
    at.run()
    assert any("没有被保存" in w.value for w in at.warning)
    at = answer(at, "ex-inner-product-2d-5-", ex.expected_text(""))
    assert any("1 个答案" in w.value for w in at.warning)
    assert stored_attempts("ada") == [] and stored_attempts("bo") == []
    at.selectbox(key="profile-inline-select").select("bo").run()
    assert not at.exception
    assert [(r.template_id, r.seed, r.status) for r in stored_attempts("bo")] == [("inner-product-2d", 5, "correct")]
    assert stored_attempts("ada") == []
    assert not any("没有被保存" in w.value for w in at.warning)
    at = answer(at, "ex-inner-product-2d-5-", "0")
    assert len(stored_attempts("bo")) == 2


def test_a_profile_created_in_the_panel_receives_the_kept_attempts():
    from store import get_store

    get_store().create_profile("ada")
    get_store().create_profile("bo")
    at = AppTest.from_function(panel_script, args=("vectors",), default_timeout=TIMEOUT)
    at.session_state["lang"] = "en"
    at.query_params["ex"], at.query_params["seed"] = "inner-product-2d", "5"
    at = answer(at.run(), "ex-inner-product-2d-5-", "12345")
    assert any("not being saved" in w.value for w in at.warning)
    at.text_input(key="profile-inline-name").input("Cy")
    at.button(key="profile-inline-create").click().run()
    assert not at.exception
    names = get_store().profiles()
    assert len(names) == 3
    new = next(n for n in names if n not in ("ada", "bo"))
    assert [r.answer for r in stored_attempts(new)] == ["12345"]


def _first_answer(topic: str) -> tuple[str, str]:
    """The first (template, part) of a topic whose answer is a number, expression, vector or matrix."""
    for template in LIB.by_topic(topic):
        for part in template.generate(3).parts:
            if part.kind in ("number", "expression", "vector", "matrix"):
                return template.id, part.id
    raise AssertionError(f"no number/expression/vector/matrix answer in {topic}")


@pytest.mark.parametrize("topic", [t.id for t in __import__("exercises.topics", fromlist=["TOPICS"]).TOPICS])
def test_every_topic_page_judges_right_wrong_and_invalid_answers(topic):
    """Each real topic page (its file run as it is) shows the panel, and the panel gives the three verdicts."""
    import sympy as sp

    from exercises.render import text_of
    from ui.layout import ROOT, TOPIC_PAGES

    template_id, part_id = _first_answer(topic)
    ex = LIB.get(template_id).generate(3)
    expected = ex.part(part_id).expected
    key = f"ex-{template_id}-3-{part_id}"
    at = AppTest.from_file(str(ROOT / TOPIC_PAGES[topic]), default_timeout=TIMEOUT)
    at.session_state["lang"] = "en"
    at.session_state["profile"] = "ada"
    at.query_params["ex"] = template_id
    at.query_params["seed"] = "3"
    at.run()
    assert not at.exception
    at = answer(at, key, ex.expected_text(part_id))
    assert len(at.success) == 1 and not at.error, topic
    shift = sp.ones(*expected.shape) if isinstance(expected, sp.MatrixBase) else 1
    wrong = text_of(expected + shift)
    at = answer(at, key, wrong)
    assert len(at.error) == 1 and ex.check(part_id, wrong).message in at.error[0].value
    at = answer(at, key, "3 +* 4")
    assert len(at.warning) == 1 and "column" in at.warning[0].value
    assert [r.status for r in stored_attempts()] == ["correct", "incorrect", "invalid"]


def link_notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if w.icon == "🔗"]


def test_a_link_to_an_unknown_exercise_says_so_and_shows_another():
    at = open_panel("vectors", "no-such-exercise", 5)
    assert not at.exception
    assert link_notices(at) == ["The link asks for the exercise `no-such-exercise`, which does not exist (any more), "
                                "so here is another one."]
    shown = at.session_state["practice-vectors-current"]
    assert shown[0] in [tpl.id for tpl in LIB.by_topic("vectors")]
    assert at.query_params["ex"] in (shown[0], [shown[0]])          # the address bar names what is shown
    at.button(key="practice-vectors-another").click().run()
    assert link_notices(at) == []                                   # gone once the learner moves on


def test_a_link_to_another_topics_exercise_names_that_topic_in_chinese():
    at = open_panel("vectors", "gd-approximation-formula", 5, lang="zh")
    assert link_notices(at) == ["链接中的题目 `gd-approximation-formula` 属于主题 9. 梯度下降法，这里换成了本主题的一道题。"]


@pytest.mark.parametrize("seed", ["abc", "-4", "99999999999", "1e3"])
def test_a_link_with_a_bad_seed_keeps_the_exercise_with_a_new_seed_and_says_so(seed):
    at = AppTest.from_function(panel_script, args=("vectors",), default_timeout=TIMEOUT)
    at.session_state["lang"] = "en"
    at.query_params["ex"], at.query_params["seed"] = "inner-product-2d", seed
    at.run()
    assert not at.exception
    assert link_notices(at) == [f"The link's seed `{seed}` is not a whole number from 0 to 2,147,483,647, so this "
                                f"is the exercise with a new seed."]
    template_id, new = at.session_state["practice-vectors-current"]
    assert template_id == "inner-product-2d" and 1 <= new <= 999_999
    at.run()
    assert len(link_notices(at)) == 1                               # still there on a rerun


def test_a_link_written_as_markdown_is_shown_as_text():
    at = open_panel("vectors", "[click](https://evil.example) **x**`y", 5)
    notice = link_notices(at)[0]
    assert "`[click](https://evil.example) **x**'y`" in notice


def test_a_good_link_shows_its_exercise_without_a_notice():
    at = open_panel("vectors", "inner-product-2d", 5)
    assert at.session_state["practice-vectors-current"] == ("inner-product-2d", 5) and link_notices(at) == []
