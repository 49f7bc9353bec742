"""The string catalogue: every key in both languages, defined once, and every key the pages use exists."""
from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from exercises.topics import TOPICS
from ui import i18n

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = i18n.load_catalogue()
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_.-]+)["']""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_strings_from_every_module_are_merged():
    assert {"common", "topics"} <= set(CATALOGUE.modules)
    assert "common.nav.learn" in CATALOGUE.strings and "topics.vectors.intro" in CATALOGUE.strings


def test_no_key_is_defined_twice():
    assert CATALOGUE.duplicates == {}


@pytest.mark.parametrize("key", sorted(CATALOGUE.strings))
def test_every_key_has_english_and_chinese_with_the_same_placeholders(key):
    texts = CATALOGUE.strings[key]
    assert set(texts) >= {"en", "zh"}, key
    assert texts["en"].strip() and texts["zh"].strip(), key
    if "{" in texts["en"] and "\\" not in texts["en"]:  # formatted strings (LaTeX ones are never formatted)
        assert placeholders(texts["en"]) == placeholders(texts["zh"]), key


def test_keys_are_prefixed_by_their_area():
    for name in CATALOGUE.modules:
        module = __import__(f"ui.strings.{name}", fromlist=["STRINGS"])
        for key in module.STRINGS:
            assert key.startswith(f"{name}."), (name, key)


def test_every_literal_key_used_by_the_shell_and_topic_pages_exists():
    files = [ROOT / "app.py", ROOT / "pages" / "home.py", ROOT / "ui" / "layout.py",
             *sorted((ROOT / "pages").glob("t[0-9][0-9]_*.py"))]
    used = {key for f in files for key in LITERAL_KEY.findall(f.read_text(encoding="utf-8"))}
    assert used, "no keys found: the pattern is wrong"
    assert sorted(used - set(CATALOGUE.strings)) == []


def test_every_topic_has_an_intro_and_a_card():
    for topic in TOPICS:
        assert f"topics.{topic.id}.intro" in CATALOGUE.strings
        assert f"topics.{topic.id}.card" in CATALOGUE.strings


@pytest.mark.parametrize("locale, expected", [("zh-CN", "zh"), ("zh-TW", "zh"), ("ZH", "zh"), ("en-US", "en"),
                                              ("fr-FR", "en"), (None, "en"), ("", "en")])
def test_language_from_browser_locale(locale, expected):
    assert i18n.lang_from_locale(locale) == expected


def test_t_outside_a_session_falls_back_to_english_and_formats():
    assert i18n.t("common.home.mastery", pct=42) == "Mastery 42%"
    assert i18n.t("no.such.key") == "no.such.key"


def test_a_count_field_writes_the_noun_for_its_count():
    """`{n:one|other}` as `exercises.plural.counted` writes it: 1 account, 0 or 2 lines, "1" as given text too."""
    text = i18n.t("auth.accounts.created", created=1, skipped=2)
    assert text.startswith("1 account created, 2 lines skipped.")
    assert i18n.t("auth.accounts.created", created="1", skipped=0).startswith("1 account created, 0 lines skipped.")
