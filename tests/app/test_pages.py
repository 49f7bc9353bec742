"""Every page of the app in AppTest: it loads in English and 中文, its texts are translated, sliders move charts."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from exercises.topics import TOPICS
from ui.layout import TOPIC_PAGES

APP = str(Path(__file__).resolve().parents[2] / "app.py")

# One control per topic page that must change the first chart's data: (widget kind, key, new value).
MOVES: dict[str, tuple[str, str, object]] = {
    "functions": ("slider", "functions-a", 2.0),
    "sequences": ("slider", "sequences-a1", 3.0),
    "sigma": ("slider", "sigma-n", 9),
    "vectors": ("slider", "vectors-b1", -2.0),
    "matrices": ("slider", "matrices-A11", 5),
    "derivatives": ("slider", "derivatives-dx", 0.1),
    "partial-derivatives": ("slider", "partial-derivatives-x0", -1.5),
    "chain-rule": ("slider", "chain-rule-w", -1.0),
    "gradient-descent": ("slider", "gradient-descent-eta", 0.4),
    "regression": ("slider", "regression-w", 1.0),
    "forward-pass": ("slider", "forward-pass-x1", -1.0),
    "backprop": ("slider", "backprop-t", 0.0),
    "convolution": ("selectbox", "convolution-image", "diagonal"),
    "probability": ("slider", "probability-mu", 1.0),
    "optimizers": ("slider", "optimizers-eta", 0.3),
    "attention": ("slider", "attention-angle", 200),
}
RAW_KEY_PREFIXES = ("topics.", "common.")


def chart_data(at: AppTest, index: int = 0) -> list[pd.DataFrame]:
    """The datasets of the index-th chart: Arrow data sets, or the spec's inline `datasets` (cached charts)."""
    proto = at.get("vega_lite_chart")[index].proto
    frames = [pa.ipc.open_stream(ds.data.data).read_all().to_pandas() for ds in proto.datasets]
    frames += [pd.DataFrame(rows) for rows in json.loads(proto.spec).get("datasets", {}).values()]
    assert frames, "the chart carries no data"
    return frames


def visible_texts(at: AppTest) -> list[str]:
    """Titles, Markdown, captions, widget labels and options the learner reads."""
    texts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "latex", "info", "error")
             for e in at.get(kind) if isinstance(getattr(e, "value", None), str)]
    for kind in ("slider", "selectbox", "radio", "toggle", "checkbox"):
        for widget in at.get(kind):
            texts.append(widget.label)
            texts.extend(str(o) for o in getattr(widget, "options", []) or [])
    return texts


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    raw = [s for s in visible_texts(at) if s.startswith(RAW_KEY_PREFIXES)]
    assert raw == [], f"untranslated keys shown: {raw}"


@pytest.fixture(scope="module")
def english() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["lang"] = "en"
    return at.run()


@pytest.fixture(scope="module")
def chinese() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["lang"] = "zh"
    return at.run()


def card_headings(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("##### ")]


def test_home_lists_the_16_topics_in_book_order_with_whole_titles_and_one_icon_each(english):
    assert_clean(english)
    assert card_headings(english) == [f"##### {tp.icon} {tp.number}. {tp.title('en')}" for tp in TOPICS]
    links = [link.proto for link in english.get("page_link")]
    topic_links = [link for link in links if link.label == "Open"]
    assert [link.page for link in topic_links] == [tp.id for tp in TOPICS]
    assert not any(link.icon == f"emoji:{tp.icon}" or tp.icon in link.label for link in links for tp in TOPICS)


def test_home_in_chinese(chinese):
    assert_clean(chinese)
    headings = card_headings(chinese)
    assert TOPICS[0].title("zh") in headings[0] and TOPICS[0].title("en") not in headings[0]
    assert {link.proto.label for link in chinese.get("page_link")} >= {"进入"}


@pytest.mark.parametrize("topic", TOPICS, ids=[tp.id for tp in TOPICS])
def test_topic_page_in_english_responds_to_its_control(english, topic):
    english.switch_page(TOPIC_PAGES[topic.id]).run()
    assert_clean(english)
    assert english.title[0].value.endswith(topic.title("en"))
    before = chart_data(english)
    kind, key, value = MOVES[topic.id]
    getattr(english, kind)(key=key).set_value(value).run()
    assert not english.exception, [e.value for e in english.exception]
    after = chart_data(english)
    assert len(before) != len(after) or any(not b.equals(a) for b, a in zip(before, after)), \
        f"moving {key} did not change the chart of {topic.id}"


@pytest.mark.parametrize("topic", TOPICS, ids=[tp.id for tp in TOPICS])
def test_topic_page_in_chinese(chinese, topic):
    chinese.switch_page(TOPIC_PAGES[topic.id]).run()
    assert_clean(chinese)
    assert chinese.title[0].value.endswith(topic.title("zh"))
    assert chinese.get("vega_lite_chart"), "no chart"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese.markdown[0].value), "the explanation is not in Chinese"


def test_chart_labels_follow_the_language(english, chinese):
    english.switch_page(TOPIC_PAGES["functions"]).run()
    chinese.switch_page(TOPIC_PAGES["functions"]).run()
    en_spec = json.loads(english.get("vega_lite_chart")[0].proto.spec)
    zh_spec = json.dumps(json.loads(chinese.get("vega_lite_chart")[0].proto.spec), ensure_ascii=False)
    assert "f′(x) (derivative)" in json.dumps(en_spec, ensure_ascii=False)
    assert "f′(x)（导数）" in zh_spec


def test_too_large_learning_rate_is_shown_as_divergence(english):
    english.switch_page(TOPIC_PAGES["gradient-descent"]).run()
    english.slider(key="gradient-descent-eta").set_value(0.45).run()
    assert any("Diverged" in e.value for e in english.error)
    english.slider(key="gradient-descent-eta").set_value(0.05).run()
    assert not english.error


def test_the_sidebar_switch_changes_the_language():
    at = AppTest.from_file(APP, default_timeout=30).run()      # no browser locale in AppTest: English
    assert TOPICS[0].title("en") in card_headings(at)[0]
    at.radio(key="lang").set_value("zh").run()
    assert TOPICS[0].title("zh") in card_headings(at)[0]
