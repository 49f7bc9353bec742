"""`ui.server_tuning`: the theme part of every run's new_session message is built once per config parse, and is
exactly what Streamlit would have built."""
from __future__ import annotations

from streamlit.proto.NewSession_pb2 import CustomThemeConfig
from streamlit.runtime import app_session

from ui.server_tuning import cached_theme_builder

SECTIONS = ("theme", "theme.light", "theme.dark", "theme.sidebar")


def test_cached_theme_messages_equal_streamlits_and_are_built_once_per_section():
    calls: list[str] = []

    def build(msg, section="theme"):
        calls.append(section)
        app_session._populate_theme_msg(msg, section)

    populate = cached_theme_builder(build)
    for _ in range(3):
        for section in SECTIONS:
            expected, got = CustomThemeConfig(), CustomThemeConfig()
            app_session._populate_theme_msg(expected, section)
            populate(got, section)
            assert got == expected
    assert calls == list(SECTIONS)           # built once each, then copied
    populate.forget()                        # what a new parse of config.toml does
    populate(CustomThemeConfig(), "theme")
    assert calls == [*SECTIONS, "theme"]


def test_the_app_config_theme_is_not_empty():
    """The check above compares real content: this app's config.toml sets a theme."""
    msg = CustomThemeConfig()
    app_session._populate_theme_msg(msg, "theme")
    assert msg.primary_color == "#4F46E5"
