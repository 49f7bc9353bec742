"""DL Math Lab — the Streamlit front door: navigation, language switch, profile picker.

Run with ``streamlit run app.py``. This file plays two parts:

* as the Streamlit script (``__name__ == "__main__"`` on every run, and in AppTest) it draws the shell: the
  navigation with every page, the language switch, the profile picker, then the chosen page — or, in class mode
  (`ui.auth_config`), the sign-in page for a visitor and the pages of their role for a signed-in person;
* imported as a module — which is what ``streamlit run app.py`` does, because it finds the ``st.App`` below —
  it is the server, whose start-up hook readies the app before the first learner arrives, and which adds the
  sign-in routes that set the class-mode session cookie (`ui.auth_routes`).
"""
from __future__ import annotations

import logging

import streamlit as st

if __name__ == "__main__":
    from exercises.topics import TOPICS
    from ui.auth_config import class_mode
    from ui.i18n import language_switch, lang, t
    from ui.layout import TOPIC_PAGES, nav_page, remember_pages

    st.set_page_config(page_title="DL Math Lab · 深度学习的数学", page_icon="🧮", layout="wide")
    _log = logging.getLogger("dlmathlab")

    def _pages(instructor: bool) -> dict[str, list[st.Page]]:
        """The navigation, rebuilt every run so titles follow the language; the Instructor section only for
        instructors (everyone in personal mode)."""
        # The default page is served at / but still reserves a pathname, which the alias below needs: give it another.
        home = nav_page("pages/home.py", title=t("common.nav.home"), icon="🏠", url_path="index", default=True)
        home_alias = st.Page(lambda: st.switch_page(home), title=t("common.nav.home"), icon="🏠",
                             url_path="home", visibility="hidden")   # /home, typed or bookmarked, goes to /
        topics = {tp.id: nav_page(TOPIC_PAGES[tp.id], title=f"{tp.number}. {tp.title(lang())}", icon=tp.icon,
                                  url_path=tp.id) for tp in TOPICS}
        quiz = nav_page("pages/quiz.py", title=t("common.nav.quiz"), icon="📝", url_path="quiz")
        progress = nav_page("pages/progress.py", title=t("common.nav.progress"), icon="📈", url_path="progress")
        pages = {"home": home, **topics, "quiz": quiz, "progress": progress}
        sections = {t("common.nav.learn"): [home, *topics.values()], t("common.nav.practise"): [quiz, progress]}
        if instructor:
            pages["instructor"] = nav_page("pages/instructor.py", title=t("common.nav.instructor"), icon="🧑‍🏫",
                                           url_path="instructor")
            sections[t("common.nav.instructor_section")] = [pages["instructor"], home_alias]
        else:
            sections[t("common.nav.practise")].append(home_alias)
        remember_pages(pages)
        return sections

    def _run(page: st.Page) -> None:
        try:
            page.run()
        except Exception:  # never a raw traceback: log it, tell the learner kindly
            _log.exception("page %s failed", page.url_path)
            st.error(t("common.page_error"))

    language_switch()
    if class_mode():   # every page needs a signed-in user; the navigation follows the role
        from ui.auth import account_sidebar, current_account, next_path, sign_in_page

        account = current_account()
        if account is None:
            wanted = st.navigation(_pages(instructor=True), position="hidden")   # where to go once signed in
            sign_in_page(next_path(wanted.url_path, st.query_params.to_dict()))
        else:
            page = st.navigation(_pages(instructor=account.is_instructor), expanded=True)
            account_sidebar(account)
            st.sidebar.caption(t("common.sidebar.about"))
            _run(page)
    else:
        from ui.profile import profile_sidebar

        page = st.navigation(_pages(instructor=True), expanded=True)  # all listed: no untranslated "View more"
        profile_sidebar()
        st.sidebar.caption(t("common.sidebar.about"))
        _run(page)
else:
    import contextlib
    import threading
    from typing import AsyncIterator

    from streamlit.runtime.pages_manager import PagesManager

    from ui import server_tuning, start_up

    WARM_UP_THREAD = "dlmath-warm-up"

    start_up.skip_component_scan()   # before Streamlit creates its runtime, which scans
    start_up.skip_direct_run_check()   # the first element would otherwise read the whole stack

    def _warm_up() -> None:
        """In the background, while the browser loads the page: the first run's one-time work, then the rest."""
        import streamlit.emojis  # noqa: F401  (compiles a large pattern, on the first page icon otherwise)

        import ui.charts  # noqa: F401
        import ui.profile  # noqa: F401
        import ui.topic_models  # noqa: F401
        from ui.layout import warm_up   # brings SymPy with it (exercises.topics)

        st.empty()   # outside a session this draws nothing, but runs Streamlit's once-per-process checks
        warm_up()
        server_tuning.freeze_startup_objects()

    def _bootstrap_instructor() -> None:
        """Class mode: create the instructor named by `DLMATH_INSTRUCTOR` / `[dlmath] bootstrap_instructor` (with
        its password) if that account does not exist yet."""
        from ui.auth_config import class_mode, settings

        wanted = settings()
        if not class_mode() or not wanted.bootstrap_instructor:
            return
        try:
            from classroom.accounts import bootstrap_instructor
            from store import get_accounts

            if bootstrap_instructor(get_accounts(), wanted.bootstrap_instructor, wanted.bootstrap_password):
                logging.getLogger("dlmathlab").info("instructor %s created", wanted.bootstrap_instructor)
        except Exception:  # a bad name or password, or no database: say so in the log, the app still starts
            logging.getLogger("dlmathlab").exception("cannot create the configured instructor")

    @contextlib.asynccontextmanager
    async def _on_server_start(_app: st.App) -> AsyncIterator[None]:
        """Before the first learner arrives: declare the navigation, and warm up in the background."""
        # Streamlit decides, when the first session opens, whether an app uses the legacy `pages/` folder: it
        # does if a `pages/` folder exists and no session has called st.navigation yet. That first session then
        # runs through a navigation built from the file names, which answers a first deep link (/vectors) with
        # a "Page not found" dialog before app.py's st.navigation shows the right page. Our page files live in
        # `pages/` but every page is listed by st.navigation, so say so before any session opens.
        PagesManager.uses_pages_directory = False
        server_tuning.install()
        _bootstrap_instructor()
        start_up.quiet_warm_up_thread(WARM_UP_THREAD)
        threading.Thread(target=_warm_up, name=WARM_UP_THREAD, daemon=True).start()
        yield

    from ui.auth_routes import routes as _auth_routes

    app = st.App(__file__, lifespan=_on_server_start, routes=_auth_routes())
